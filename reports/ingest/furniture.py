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
    # a paywall's call to read on (a login or an account), not the article's words
    r"(?:pour (?:lire|continuer) la suite|to (?:continue|keep) reading|continue reading|um weiterzulesen|para (?:seguir|continuar) leyendo|per continuare a leggere)\b.{0,160}",
    r".{0,80}\b(?:create (?:a|your) (?:free )?account|créez votre compte|already a subscriber|déjà abonné)\b.{0,80}",
)
LINE = re.compile("|".join(f"(?:{rule})" for rule in LINE_RULES), re.IGNORECASE)

# Text at the end of a line that is furniture tacked onto a sentence (a share bar after it).
TAIL = re.compile(
    r"\s+(?:bewerten|teilen sie dies mit|share this|gefällt mir)\s*:.*$", re.IGNORECASE
)

# A slide of a photo gallery run into the article: a line opening with its counter ("- 12/50
# Headline ..."). Lines are slides only when at least SLIDES_MIN of them count up to the same total
# (distinct numbers): "1/2 cup" in a recipe is not a gallery.
SLIDE_COUNTER = re.compile(r"^(?:- )?(\d{1,3})\s*/\s*(\d{1,3})\s+\S")
SLIDES_MIN = 3
# A sentence of at most this many words written twice or more in the extracted text is the site's.
REPEATED_MAX_WORDS = 15

# Separators a site puts between the headline and its own name or section in a <title>.
# A part of a <title> between separators is the headline when the page's <h1> shows it and it
# has at least this many words (a one-word <h1> is a section's name: "Blog").
TITLE_PART_MIN_WORDS = 2
# A part of a title that is a name in the page's host ("BMAS" on www.bmas.de) is the site's,
# when that name has at least this many characters (a shorter one may be any word).
HOST_LABEL_MIN_CHARS = 3
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " » ", " « ", " · ", " • ", " / ", "-", "：", "｜", "_")

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


# --- The page's structure: elements pruned before trafilatura reads the page (prune.py) ------
# Like Readability's REGEXPS: what a class or id says an element is. A token is one class name
# or the id, camelCase split and lower-cased ("relatedArticles" -> "related-articles"); a rule
# matches where a token starts or after a "-" or "_" in it.

# The element is not shown to a reader (or is shown only on demand: a tooltip, a popover).
HIDDEN_XPATH = (
    "//*[@hidden]"
    " | //*[@aria-hidden='true'][not(self::svg)]"
    " | //*[contains(translate(@style, 'DISPLAYNOE :', 'displaynoe'), 'display:none')]"
    " | //*[contains(translate(@style, 'VISIBLTYHDN :', 'visiblthdn'), 'visibility:hidden')]"
    " | //*[@role='tooltip']"
)
HIDDEN_TOKENS: tuple[str, ...] = (
    r"sr-only", r"screen-?reader", r"visually-?hidden", r"visuallyhidden", r"offscreen",
    r"a11y-(?:only|hidden)", r"tooltip", r"popover", r"tippy",
)
HIDDEN_NAMES = frozenset({"hidden", "is-hidden", "u-hidden"})  # the whole name
# ... unless another class shows it on some screens ("hidden lg:block", "d-none d-lg-flex").
SHOWN_ON_SOME_SCREENS = r"^(?:\w+:|d-\w+-)(?:block|flex|grid|inline|inline-block|table|contents)$"
# Blocks of the site around the article: other stories, calls to subscribe or share, comments,
# the author's biography.
FURNITURE_TOKENS: tuple[str, ...] = (
    r"related", r"recommend", r"trending", r"more-(?:from|stories|news|articles|on|like)",
    r"most-(?:read|popular|viewed|shared)", r"popular-(?:posts|stories)", r"read-(?:next|more|also)",
    r"also-read", r"you-(?:may|might)", r"(?:next|prev|previous)-?(?:posts?|stor(?:y|ies)|articles?)", r"outbrain", r"taboola", r"newsletter", r"subscri(?:be|ption)",
    r"signup", r"sign-up", r"promo(?:$|-|tion)", r"paywall", r"share(?:$|-|bar|tools|buttons|this)",
    r"sharing", r"social(?:$|-)", r"print-(?:bar|button)s?$", r"comments?(?:$|-(?:list|section|area|form|count|link))",
    r"disqus", r"author-(?:bio|info|box|card|profile|about)", r"about-(?:the-)?author", r"bio(?:$|-box)",
    r"breadcrumbs?", r"pagination", r"tags?(?:$|-list|-links)", r"topics?-list",
    # photos' captions and credits, and galleries of them: the lead photo's caption has its own
    # place in the briefing (html._caption), never a line of the body
    r"credits?(?:$|-)", r"(?:wp-)?caption(?:$|-text)", r"carousel", r"slideshow",
    # the site's menus (Readability's unlikely candidates "menu", and its roles below)
    r"navigation", r"menu(?:$|-|bar)",
)
# An element whose ARIA role says it is the site's, not the article's (Readability's
# unlikelyRoles): a menu, the navigation, a complementary block, an alert or a dialog.
FURNITURE_ROLES = frozenset({"menu", "menubar", "navigation", "complementary", "alert", "alertdialog", "dialog"})
# A name that also says "this holds the article" is not pruned by name (Readability's
# okMaybeItsACandidate): "sidebar_content" may be the main column of a theme.
ARTICLE_TOKENS: tuple[str, ...] = (r"article", r"body", r"column", r"content", r"main")
# An element of one of these tags is never pruned, nor one that holds the page's longest
# paragraph, nor one holding NEVER_PRUNED_SHARE of the page's words: "post has-share-bar" on the
# article's container names the article, not a share bar.
NEVER_PRUNED_TAGS = frozenset({"html", "body", "article", "main", "h1"})
NEVER_PRUNED_SHARE = 0.5

# A block that is mostly links is a list of other pages (Readability's link density: the
# characters inside links over all the characters of the block).
LINK_BLOCK_TAGS = frozenset({"ul", "ol", "div", "section", "aside", "nav", "table", "footer", "header"})
LINK_DENSITY = 0.6
LINK_BLOCK_MIN_LINKS = 3
# A paragraph that is a short label and a link ("Read more: <a>...</a>", ">> MORE: <a>") points
# to another page: the label is a few words ending in a colon (or arrows), the link most of it.
LINK_LINE_TAGS = frozenset({"p"})
LINK_LINE_DENSITY = 0.6
LINK_LABEL = re.compile(r"\W*(?:\w+\W+){0,3}?\w+\s*(?::|>>|»|→)\s*|\W*(?:>>|»|→)\s*")
# A hidden element is removed before extraction when it is inline or inside one of these.
INLINE_TAGS = frozenset({"span", "a", "em", "strong", "b", "i", "small", "sup", "sub", "label", "abbr", "cite", "time", "font"})
TEXT_BLOCK_TAGS = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "figcaption", "blockquote", "td", "dd", "dt"})
# The elements whose text makes one line of the extracted article.
LINE_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "span", "div", "td", "dd", "dt", "blockquote", "figcaption", "strong", "b", "em")


# A post of another site embedded in the article (the markup the platforms' embed codes write):
# its text is kept in the article, which quotes it, but it is never a summary sentence.
EMBED_XPATH = (
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'twitter-video')"
    " or contains(@class, 'instagram-media') or contains(@class, 'tiktok-embed')"
    " or contains(@class, 'bluesky-embed') or contains(@class, 'fb-xfbml-parse-ignore')"
    " or contains(@class, 'reddit-embed-bq') or contains(@class, 'threads-post')]"
)


# A formula set in a line of text (MathJax, KaTeX, MathML): no text extraction reads it, and a
# sentence with it cut out reads wrong ("When , there are two solutions to and they are"). It
# is written as FORMULA_MARK instead, so a reader sees that something stands there and the
# summary's prose gate (prose.json "formula_marks") keeps such a sentence out. A formula set
# apart as a block of its own leaves no hole in a sentence and is dropped as before.
FORMULA_XPATH = (
    "//mjx-container[not(@display='true')] | //*[contains(concat(' ', @class, ' '), ' katex ')]"
    "[not(ancestor::*[contains(@class, 'katex-display')])] | //math[not(@display='block')]"
    "[not(ancestor::mjx-container)][not(ancestor::*[contains(concat(' ', @class, ' '), ' katex ')])]"
)
FORMULA_MARK = "\u22ef"


# --- Bylines ---------------------------------------------------------------------------------
# What a page writes before the names: "By", "Written by", "Veröffentlicht von", "Author:", "Auteur :".
BYLINE_LEAD = re.compile(
    r"^(?:(?:(?:written|posted|reported|published|geschrieben|veröffentlicht|verfasst|escrito|publicado|publié|écrit|scritto)\s+)?"
    r"(?:by|von|por|par|di|door)\s+"
    r"|(?:author|autor|autorin|auteur|autore|autora)(?:\s*:\s*|\s+(?=[A-Z])))",
    re.IGNORECASE,
)
# A way to reach the writer written into the byline ("Jane Doe @janedoe", "Jane Doe
# jane.doe@example.org", "Email"): taken out, the names are left.
BYLINE_CONTACT = re.compile(
    r"(?<!\w)@\w+|\S+@\S+\.\w+|\b(?:e-?mail|twitter|follow on twitter)\s*(?=$|[|·•,;])", re.IGNORECASE
)
# A declared author that is none of these: a link, an e-mail address, a number, a desk or a
# role ("publisher", "Redacción", "Agencies", "Letters to the Editor"), a photo credit.
BYLINE_NOT_A_NAME = re.compile(
    r"https?:|www\.|@|\.(?:com|org|net|de)\b|\d{3,}"
    r"|\b(?:desk|staff|redaktion|redacción|rédaction|redazione|redação|newsroom|editorial|print|admin|publisher"
    r"|agencies|agenturen|agencias|letters)\b"
    r"|\b(?:photo|foto|credit|getty|image)s?\b",
    re.IGNORECASE,
)
# Words of a date after the names ("By CBS News February", "Jane Doe, 22 Dec 2016 | Updated 3 pm"):
# cut from the end of a byline, with any number ("22", "2016", "3:45").
BYLINE_DATE_WORDS = frozenset({
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july",
    "aug", "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
    "januar", "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "updated", "published", "posted", "on", "at",
    "am", "pm", "a.m.", "p.m.", "et", "gmt", "utc", "edt", "est", "bst", "st", "nd", "rd", "th", "|", "-", "·",
})
AGENCIES = frozenset({
    "reuters", "associated press", "the associated press", "ap", "afp", "agence france-presse", "dpa",
    "deutsche presse-agentur", "efe", "ansa", "bloomberg", "press association", "pa", "upi", "xinhua",
    "kyodo", "yonhap", "tass", "aap", "cnn", "bbc news",
})
# Words after an agency's name that make it the agency's desk ("Reuters Staff", "AP Wire").
AGENCY_DESK_WORDS = frozenset({"staff", "wire", "wires", "desk", "newsroom", "service", "news", "reporters", "writers", "redaktion", "redacción"})
# "View all posts by Jane Doe", "More stories from Jane Doe": the label of the link to the
# writer's page; the names follow it.
BYLINE_LINK_LABEL = re.compile(
    r"^(?:(?:view|see|read|more)\s+)?(?:all\s+|more\s+)?(?:posts|articles|stories|entries|beiträge|artikel)\s+(?:by|from|von)\s+",
    re.IGNORECASE,
)
NAME_PARTICLES = frozenset({"van", "von", "der", "de", "da", "del", "della", "di", "du", "la", "le", "bin", "al", "el", "ibn", "ter", "den", "dos", "das", "y"})
# Capitalised words that are never part of a person's name in a byline.
NOT_NAME_WORDS = frozenset({
    "follow", "username", "user", "login", "sign", "subscribe", "share", "comments", "comment", "control",
    "authority", "menu", "search", "home", "news", "staff", "team", "editor", "editors", "admin", "read",
    "more", "about", "contact", "profile", "posts", "view", "all", "written", "updated", "published",
    # a group account, not a person: "Posted by <Product> Developers", "<Site> Contributors"
    "developers", "contributors", "writers", "reporters", "correspondents", "desk", "newsroom", "redaktion",
})
# Where a page writes its byline (Readability's byline rule: rel=author, itemprop=author, a class
# or id naming a byline or the author); only short text there is taken, and only as names.
BYLINE_XPATH = (
    "//body//*[@rel='author' or contains(@itemprop, 'author')"
    " or contains(translate(@class, 'BYLINEAUTHOR', 'bylineauthor'), 'byline')"
    " or contains(translate(@class, 'BYLINEAUTHOR', 'bylineauthor'), 'author')"
    " or contains(translate(@id, 'BYLINEAUTHOR', 'bylineauthor'), 'byline')]"
)
BYLINE_MAX_CHARS = 100
# Where a byline goes on from its writers to the others who worked on the piece ("Written by X
# Edited by Y", "Jane Doe; Photographs by John Roe"): the byline is the writers before it.
BYLINE_OTHER_ROLES = re.compile(
    r"\s*[,;|]?\s*\b(?:(?:edited|photographs?|photos?|pictures?|illustrations?|graphics?|video|produced|additional reporting|reporting|fact-checked|translated|designed|reviewed)\s+by"
    r"|redigiert von|bearbeitet von|fotos? von|editado por|fotos? de|édité par|photos? de)\b.*$",
    re.IGNORECASE,
)
# A part of a byline that is the writer's role, not a name ("Jane Doe, Senior Reporter"): dropped.
BYLINE_ROLE_WORDS = frozenset({
    "staff", "senior", "chief", "writer", "reporter", "correspondent", "editor", "columnist", "contributor",
    "contributing", "political", "business", "science", "sports", "health", "technology", "tech", "foreign",
    "national", "international", "special", "associate", "deputy", "managing", "executive", "freelance",
    "journalist", "producer", "analyst", "critic", "redakteur", "redakteurin", "autor", "autorin", "korrespondent",
    "korrespondentin", "redacción", "corresponsal", "rédaction", "envoyé", "envoyée", "spécial", "spéciale",
})

# A standfirst: the page's declared description, at least this many words, found as one of the
# body's first paragraphs or nowhere in it (html._standfirst).
STANDFIRST_MIN_WORDS = 8
STANDFIRST_WITHIN = 3
STANDFIRST_SHARED_WORDS = 0.5  # of its longer words, in the body too
STANDFIRST_SAME_TEXT = 0.9  # difflib ratio at which a description is a paragraph of the body, edited
