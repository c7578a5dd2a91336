"""Where the writer's sentence around a quotation goes on or stops: whether a quotation closes
its sentence, whether a reporting clause after it opens new speech ("“...” Reid said both ...
are"), short fragments woven into the same sentence read through to its closing clause, and
a reporting clause with a verb we do not list ("“...?” Hannity pressed").
Pure functions on the document's text and quotation spans."""

from __future__ import annotations

import re

from reports.analysis.quotes.attribution import Source, source_after
from reports.analysis.quotes.heads import phrase
from reports.analysis.quotes.lexicon import DAYS, SENTENCE_WORDS, VERBS, is_pronoun
from reports.analysis.quotes.marks import Span
from reports.analysis.quotes.subjects import leading_subject

WRITER_LEAD = ":,;—–-([\"'“‘"
# A reporting verb right before the quotation, with its comma or colon: it introduces it
INTRODUCED = re.compile(rf"\b(?:{VERBS})\s*[,:]\s*$")


def ends_sentence(text: str, span: Span) -> bool:
    return text[span.end - 1 : span.end] in ".!?"


# What may follow a reporting verb that closes its clause: "said.", "said on Monday", "told
# Reuters in a statement".
_CLAUSE_CLOSERS = {
    "in", "on", "at", "to", "during", "after", "before", "from", "with", "of", "about", "while",
    "as", "last", "this", "then", "later", "recently", "earlier", "today", "yesterday",
    "tonight", "again", "afterward", "afterwards", "when", *DAYS, "by", "via", "over", "through",
    "for", "into", "outside", "inside", "near", "amid", "under", "without", "upon", "onto", "across",
    "back", "out", "aloud", "along",  # a particle of the verb: "the crowd screamed back."
}


_ADVERB = re.compile(r"[a-z]{3,}ly")


def reports_what_follows(right: str, source: Source) -> bool:
    """'“... my opinion.” Reid said both Rubio and Cruz are ...': after a quotation that ended
    its sentence, a reporting verb followed by a clause of its own, or by a colon and another
    quotation, opens new reported speech; it is not this quotation's source."""
    verb = right.find(source.verb or "\x00")
    if verb < 0 or right.find(source.mention) > verb:
        return False  # inverted ("said Holan"): the subject follows its verb
    tail = right[verb + len(source.verb) :]
    stop = re.search(r"[.!?](?:\s|$)", tail)
    tail = (tail[: stop.start()] if stop else tail).strip()
    if not tail or tail[0] in ",;—–-)(":
        return tail[:1] == "," and tail[1:].lstrip()[:1] in "\"“"
    if tail[0] in ":\"“":
        return True
    rest = [w for w in tail.split() if not _ADVERB.fullmatch(w.strip(","))]  # "said pleasantly"
    if not rest:
        return False
    if source.told and tail.startswith(source.told):
        return False
    if source.verb in _ADDRESSING and len(rest) > 1 and _OBJECT.fullmatch(rest[0]):
        rest = rest[1:]  # "asked him during", "asked reporters.": the one addressed, then a closer
    elif source.verb in {"asking", "asked"}:
        while len(rest) > 1 and rest[0][:1].isupper():
            rest = rest[1:]  # "asking Ada Park after an event": a name addressed
    first = rest[0].lower().strip(",")
    if first in _CLAUSE_CLOSERS and _CLOSER_THEN_QUOTATION.match(tail):
        return True  # '“...?” Mills then writes back, “You look cute.”': the next one's clause
    return first not in _CLAUSE_CLOSERS and not (source.verb in _ADDRESSING and _OBJECT.fullmatch(first))


# A few words closing the verb, then a comma and another quotation (`right` stops at its mark)
_CLOSER_THEN_QUOTATION = re.compile(r"[^,;:.!?“”\"]{1,30},\s*(?:[“\"]|$)")


# Verbs whose object is the person addressed, not reported speech ("“Why?” she asked him.")
_ADDRESSING = {"asked", "asks", "ask", "told", "tells", "tell", "pressed", "reminded", "assured", "urged"}
_OBJECT = re.compile(r"(?:him|her|them|me|us|you|reporters|voters|supporters|listeners|viewers|"
                     r"readers)[.,;]?")


_SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")
_WOVEN_WORDS = 12


def woven_through(text: str, span: Span, following: list[Span]) -> tuple[str, int]:
    """'Guns are “a crisis” and “stunt growth,” Dean proclaimed': a short fragment woven into
    the same sentence after this quotation is read as the writer's words (marks blanked), so
    the reporting clause that closes the sentence is found. Returns the text so read and the
    index of the first following quotation not read through."""
    if text[span.end - 1 : span.end] in ".!?":
        return "", 0
    read, at = [], span.end + 1
    for index, nxt in enumerate(following[:3]):
        gap = text[at : nxt.start - 1]
        inner = text[nxt.start : nxt.end]
        if (not gap.strip() or not gap.rstrip()[-1].isalpha() or _SENTENCE_BREAK.search(gap)
                or len(inner.split()) > _WOVEN_WORDS or _SENTENCE_BREAK.search(inner)
                or text[nxt.end - 1 : nxt.end] in ".!?"):
            return "".join(read), index
        read.append(f"{gap} {inner} ")
        at = nxt.end + 1
    return "".join(read), min(3, len(following))


def closes_sentence(text: str, span: Span, left: str) -> bool:
    """A fragment woven into the writer's sentence that ends with its full stop ('... were “far
    from perfect.” He cited ...'): what follows is a new sentence, not this quotation's source."""
    before = left.rstrip()
    if not before or before[-1] in WRITER_LEAD:
        return False
    last = text[span.end - 1 : span.end + 2].replace("”", "").replace('"', "")
    if text[span.end + 1 : span.end + 40].lstrip()[:1].islower():
        return False  # '“... Does that fly?” former adviser Ada Park asked': no new sentence
    return last[:1] in ".!?" or last[-1:] == "."


_NAME_RUN = r"[A-Z][\w’'.\-]*(?:\s+(?:[A-Z][\w’'.\-]*|de|van|von))*"


_CLAUSE_END = r"(?=\s*(?:[.,;]|$|\s(?:in|on|at|to|during|after|before|from|with|of)\b))"


_UNLISTED_AFTER = re.compile(
    rf"[\s,]*(?:(?P<verb1>[a-z]{{3,}}ed)\s+(?P<name1>{_NAME_RUN})|"
    rf"(?P<titles>(?:(?:a|an|the)\s+)?(?:[a-z][\w\-]*\s+){{0,3}})?"
    rf"(?P<name2>{_NAME_RUN}|he|she|they|we|I)\s+(?P<verb2>[a-z]{{3,}}ed)|"
    rf"(?P<np>(?:a|an|the)\s+(?:[\w\-]+\s+){{0,3}}[a-z][\w\-]*)\s+(?P<verb3>[a-z]{{3,}}ed)){_CLAUSE_END}"
)


def source_unlisted_after(after: str) -> Source | None:
    """'“...?” Hannity pressed.' / '“...,” remembered Roy Verley, ...': right after a quotation
    that ends on a comma or question mark, a name and a past-tense verb in either order make a
    reporting clause even when the verb is not one we list."""
    match = _UNLISTED_AFTER.match(after)
    if not match:
        return None
    if match.group("np"):  # "the party's nominee riffed": a determiner phrase, no name
        mention = leading_subject(match.group("np"))
        return Source(mention, match.group("verb3")) if mention else None
    name = match.group("name1") or match.group("name2")
    if name.split()[0].lower() in SENTENCE_WORDS:
        return None
    titles = match.group("titles")
    if titles:  # "an angry Hollande retaliated", "former Obama adviser Ann Lee asked"
        if is_pronoun(name) or leading_subject(titles + name) is None:
            return None
        name = titles + name
    return Source(phrase(name.split()) or name, match.group("verb1") or match.group("verb2"))


# A sentence opening on a subordinate clause: "After Ada Park said", "But even as Park claimed"
_SUBORDINATE = re.compile(
    r"^\s*(?:(?:and|but|yet|so)\s+)?(?:even\s+)?(?:after|as|when|whenever|while|although|though|"
    r"because|since|before|once|until|whereas|if)\s+(?=[^,;:—–“”\"]+$)",
    re.IGNORECASE,
)


def subordinate_opening(left: str, closes_clause: bool) -> str | None:
    """'After Scalia said that students might do better at “less advanced schools,” Trump
    said: ...': a quotation that closes a subordinate clause opening its sentence (no comma
    before it) is that clause's report; the main clause after the comma reports something
    else. The clause's text for `source_before`, or None."""
    if not closes_clause:
        return None
    opening = _SUBORDINATE.match(left)
    return left if opening else None


def source_inside(quote: str) -> Source | None:
    """'“At this point, I don’t worry," said Mayor Ada Park. "We’ve made mistakes.”': a
    quotation opened with a curly mark whose first straight mark closes it (mixed typing) is
    read as one span, with its own reporting clause inside; that clause names the speaker."""
    mark = quote.find('"')
    if mark < 1 or quote[mark - 1].isspace() or not quote[mark + 1 : mark + 2].isspace():
        return None
    return source_after(quote[mark + 1 :])
