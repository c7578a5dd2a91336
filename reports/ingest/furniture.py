"""Site furniture as data: lines of a page that belong to the site, not to the article.

Rules, not site strings: each pattern names a kind of furniture (share bars, subscription
calls, "related" and "explore further" blocks, reprint and newsletter lines, lines that are a
URL, comment counters, bylines-with-categories) in the generic words sites use for it, in the
languages of the pages we read. html.py applies them to trafilatura's lines; a line that
matches is dropped from the body, so it never reaches a summary, title or caption.
"""

from __future__ import annotations

import re

# A whole line that is one of these is furniture (matched case-insensitively, anchored).
LINE_RULES: tuple[str, ...] = (
    r"(?:share|teilen|compartir|partager|condividi)\b.{0,80}",  # share bars
    r".{0,40}\b(?:share (?:this|on)|teilen sie (?:dies|das)|diesen (?:artikel|beitrag) teilen)\b.*",
    r"(?:subscribe|abonnieren|suscr[ií]b[ae]te|sign up)\b.{0,120}",  # subscription calls
    r".{0,60}\bsubscribe to\b.{0,80}",
    r"(?:related|verwandte|ähnliche|more from|more on|read more|weiterlesen|mehr zum thema|lesen sie auch|auch interessant|see also)\b.{0,100}",
    r"explore further\b.*",
    r".{0,100}\bread the rest of\b.*",  # a promotion for the site's other pages
    r".{0,20}(?:order|purchase|buy) reprints?\b.*",
    r".{0,40}\bnewsletter\b.{0,100}",
    r"(?:listen|watch|hören|ansehen)\s*:?\s*https?://\S+",
    r"\W*(?:https?://|www\.)\S+\W*",  # a line that is a URL
    r"(?:\d+|keine|no|one)\s+(?:kommentare?|comments?)\b.{0,80}",
    r".{0,80}\|\s*(?:categories|kategorien|tags)\s*:.*",  # "date | categories: ... | View Comments"
    r"(?:view|show|leave a|post a|add a|kommentar schreiben)\s*(?:comments?|kommentare?)?\W*",
    r"(?:bild|foto|image|photo|video)\s+(?:anzeigen|ansehen|vergrößern|enlarge|view)\W*",
    r"(?:bewerten|gefällt mir|like this|rate this)\s*:.*",
    r".{0,80}\b(?:twitter|facebook)\b.{0,40}\b(?:linkedin|pinterest|whatsapp|e-mail|email|telegram)\b.*",  # share buttons
    r"(?:advertisement|anzeige|werbung|publicidad|publicité)\W*",
    r"(?:image caption|bildunterschrift)\W*",
)
LINE = re.compile("|".join(f"(?:{rule})" for rule in LINE_RULES), re.IGNORECASE)

# Text at the end of a line that is furniture tacked onto a sentence (a share bar after it).
TAIL = re.compile(
    r"\s+(?:bewerten|teilen sie dies mit|share this|gefällt mir)\s*:.*$", re.IGNORECASE
)

# Separators a site puts between the headline and its own name or section in a <title>.
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " / ", "-", "：", "｜", "_")

# A caption that is only a credit ("Foto: Name", "Credit: Agency").
CREDIT_ONLY = re.compile(
    r"^\W*(?:photo|picture|image|credit|foto|bild|quelle|source|fuente|crédit|©)s?\b\s*[:.]?\s*[^.!?]{0,80}$",
    re.IGNORECASE,
)
# A credit written after the caption: "Credit... Name/Agency", "Name—Getty Images", "EFE".
CREDIT_TAIL = re.compile(
    r"^(?P<caption>.*?[.!?)\"”])?\s*(?:(?:photo|picture|image|credit|foto|bild|quelle|source|fuente|crédit)s?\b\s*(?:\.{3}|…|:)?\s*"
    r"|©\s*)(?P<credit>[^\n]{1,120}?)\s*$",
    re.IGNORECASE | re.DOTALL,
)
CREDIT_AGENCY = re.compile(
    r"^(?P<caption>.*?)\s*(?:—|–|-|/|\|)?\s*(?P<credit>(?:[\w.'’ -]{2,40}\s*(?:—|–|/)\s*)?"
    r"(?:Getty Images|AFP|AP|Reuters|EFE|dpa|Bloomberg|EPA|Shutterstock|Keystone|picture alliance)"
    r"(?:\s+via\s+[\w ]{2,30})?)\.?\s*$",
)
# A caption's leading label, for pages that write it out for screen readers.
CAPTION_LABEL = re.compile(r"^(?:image caption|caption|bildunterschrift)\s*:?\s*", re.IGNORECASE)


def is_furniture(line: str) -> bool:
    return bool(LINE.fullmatch(line.strip()))


def strip_tail(line: str) -> str:
    return TAIL.sub("", line)
