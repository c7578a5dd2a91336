"""Direct quotations: where they are, who said them, and whether anyone said them at all.

Three passes over the split-once `Document`, each linear in the text:

1. Marks (`_spans`). Quotation marks are paired within one paragraph, so a stray mark can never
   swallow the article. Double marks pair the way most news text is typed: an opening mark (“ „ «
   or ") opens, the next closing mark of its own style (” after “, " after ") closes, and a second
   opening mark inside an open quotation restarts it (the first was never closed). Single marks (‘ ’ ‹ ›, and ' used as a mark,
   never an apostrophe as in "We’re" or "Putin’s") are nested quotations inside double ones; only
   in a document whose main marks are single ones (British style) are they paired as quotations.
   A paragraph left open whose next paragraph starts with an opening mark is one quotation running
   over several paragraphs; each paragraph's part is reported, with the same speaker. A mark inside
   an HTML tag (`<tweet author="...">`) is not a quotation mark.
2. Attribution (`_Attributor`). The source is looked for next to the quotation in the writer's
   sentence: "..., X said" / "said X" / "X told Reuters" / "according to X" after it, then
   "X said: ..." / "X called it a ..." before it; then the previous quotation of the same
   paragraph ("“A,” he said. “B.”"); then, for a paragraph that is only a quotation, the previous
   paragraph. The source as written is kept in `mention`; `speaker` resolves a pronoun to the
   last named speaker, or to a person who opened a sentence since, and a surname ("Mr Scholz") to the full name met earlier ("Olaf Scholz").
3. Kind. `scare` when no one is said to have said it (a term, title or nickname: a “Super
   April” of elections) or it is named rather than quoted ("so-called", "dubbed", "titled");
   `full` when the quotation is a sentence of its own; otherwise `partial`.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from dataclasses import dataclass

from reports.analysis.attribution import (
    ANONYMOUS,
    CAP_NAME,
    PRONOUNS,
    SENTENCE_WORDS,
    TITLES,
    Source,
    capitalised,
    is_pronoun,
    sentence_subject,
    source_after,
    source_before,
    source_unlisted_after,
    tokenize,
)
from reports.analysis.text import Document, words
from reports.models import Quote, Quotes, QuoteStats

# --- pass 1: quotation marks -------------------------------------------------------------------

_DOUBLE_MARK = re.compile(r"[\"“”„«»]")
_DOUBLE_OPEN = "\"“„«"
_SINGLE_MARK = re.compile(r"[‘’‚‹›']")
_TAG = re.compile(r"<[^<>\n]{0,2000}>")
# A closing mark of the opening mark's own style closes it; a mark of the other style inside is a
# typing slip or a nested quotation (“A," he said. "B.”), not the end.
_CLOSES = {'"': '"', "“": "”", "„": "“”", "«": "»"}
_OPENERS = "\"“„«‘‚‹'"


@dataclass(frozen=True)
class _Span:
    start: int  # the quotation's text in doc.text, marks excluded
    end: int
    paragraph: int
    continued: bool = False  # the quotation runs on into the next paragraph
    last: int = -1  # the paragraph it ends in, when it runs over several

    @property
    def end_paragraph(self) -> int:
        return self.last if self.last >= 0 else self.paragraph


def _spans(doc: Document) -> list[_Span]:
    single = _single_style(doc.text)
    found: list[_Span] = []
    paragraphs = doc.paragraphs
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        pairs, left_open = _pair_single(text) if single else _pair_double(text)
        for open_at, close_at in pairs:
            found.append(_Span(paragraph.start + open_at + 1, paragraph.start + close_at, index))
        following = paragraphs[index + 1].text if index + 1 < len(paragraphs) else ""
        if left_open is not None and following and following[0] in _OPENERS:
            # A quotation over several paragraphs: opening mark on each, closing on the last.
            body = text[left_open + 1 :].rstrip()
            if body:
                start = paragraph.start + left_open + 1
                found.append(_Span(start, start + len(body), index, continued=True))
    return _join_paragraphs(doc, [s for s in found if _plausible(doc.text, s)])


def _join_paragraphs(doc: Document, spans: list[_Span]) -> list[_Span]:
    """One quotation over several paragraphs is one item, from its first mark to its last."""
    joined: list[_Span] = []
    for span in spans:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.continued
            and span.paragraph == previous.end_paragraph + 1
            and span.start == doc.paragraphs[span.paragraph].start + 1
        ):
            joined[-1] = _Span(previous.start, span.end, previous.paragraph, span.continued,
                               span.end_paragraph)
        else:
            joined.append(span)
    return joined


def _single_style(text: str) -> bool:
    """Single marks are the main quotation marks (British style) when they open more often."""
    return text.count("‘") > text.count("“") + text.count('"') // 2


def _pair_double(text: str) -> tuple[list[tuple[int, int]], int | None]:
    """(opening, closing) mark offsets of double-mark quotations, and a mark left open."""
    tags = _tag_ranges(text)
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in _DOUBLE_MARK.finditer(text):
        at = match.start()
        if tags and _inside(tags, at):
            continue
        mark = match.group()
        if open_at is None:
            if mark in _DOUBLE_OPEN:
                open_at = at
        elif mark in _CLOSES[text[open_at]]:
            pairs.append((open_at, at))
            open_at = None
        elif mark in "“„«":
            open_at = at  # the earlier opening mark was never closed
    return pairs, open_at


def _pair_single(text: str) -> tuple[list[tuple[int, int]], int | None]:
    """The same for single marks, skipping apostrophes (We’re, Putin’s, the dogs' bowls)."""
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in _SINGLE_MARK.finditer(text):
        at = match.start()
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        opens = _single_opens(match.group(), before, after)
        closes = _single_closes(match.group(), before, after)
        if open_at is None:
            if opens:
                open_at = at
        elif closes:
            pairs.append((open_at, at))
            open_at = None
        elif opens and match.group() != "'":
            open_at = at
    return pairs, open_at


def _single_opens(mark: str, before: str, after: str) -> bool:
    if mark in "‘‚‹":
        return not after.isspace()
    return mark == "'" and not (before.isalnum() or after.isspace())


def _single_closes(mark: str, before: str, after: str) -> bool:
    if mark not in "’›'":
        return False
    return not before.isspace() and not after.isalnum()


def _tag_ranges(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TAG.finditer(text)] if "<" in text else []


def _inside(ranges: list[tuple[int, int]], at: int) -> bool:
    return any(start <= at < end for start, end in ranges)


def _plausible(text: str, span: _Span) -> bool:
    """A straight closing mark taken for an opening one leaves '" Obama said. "': refuse it.

    Curly marks say which way they face, so only straight ones are checked: an opening " before
    a space, or a closing " after a space and before a word.
    """
    body = text[span.start : span.end]
    if not body.strip():
        return False
    if text[span.start - 1] == '"' and body[0].isspace():
        return False
    after = text[span.end + 1 : span.end + 2]
    closing = text[span.end : span.end + 1]
    return span.continued or not (closing == '"' and body[-1].isspace() and after.isalnum())


# --- pass 2: attribution (reports.analysis.attribution reads the writer's sentence) ---------

# Verbs that name rather than quote when the quotation follows at once: a show called “Cake Boss”.
_NAMING = re.compile(
    r"(?:\bso[- ]called|\bdubbed|\bnicknamed|\bnamed|\btitled|\bentitled|\bknown as|\bbilled as|"
    r"\bthe (?:word|words|term|phrase|slogan|hashtag|headline|label|title|motto|show|film|movie|"
    r"book|song|album|program|programme|series|column|article|documentary|play|episode|segment)|"
    r"\b(?:show|program|programme|film|movie|book|song|album|series|documentary|play|magazine|"
    r"newspaper|column|episode|event|campaign|group|bill|act|initiative|operation|"
    r"tour|rally|slogan|hashtag) called)\s*$",
    re.IGNORECASE,
)

# --- names: "he" and "Mr Scholz" resolved to "Olaf Scholz" ---------------------------------------


class _Names:
    """Full names met in the document, by surname, to resolve "Mr Scholz" and "Scholz"."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._by_surname: dict[str, list[tuple[int, str]]] | None = None  # built when first asked
        self._subjects: list[tuple[int, str]] | None = None

    def _index(self) -> dict[str, list[tuple[int, str]]]:
        by_surname: dict[str, list[tuple[int, str]]] = {}
        for match in CAP_NAME.finditer(self._text):
            run = match.group()
            if " " not in run:
                continue
            name = _person(run)
            if name and " " in name:
                surname = name.rsplit(" ", 1)[1].lower()
                by_surname.setdefault(surname, []).append((match.start(), name))
        return by_surname

    def full(self, name: str, at: int) -> str:
        """The latest full name before `at` ending with this surname, else the first after."""
        if " " in name:
            return name
        if self._by_surname is None:
            self._by_surname = self._index()
        found = self._by_surname.get(name.lower())
        if not found:
            return name
        index = bisect_right(found, (at, "\uffff"))
        return found[index - 1][1] if index else found[0][1]

    def subject_before(self, at: int) -> tuple[int, str] | None:
        """(offset, full name) of the last person who opens a sentence before `at`: the
        likeliest antecedent of "he"/"she" ("Perez lobbies for ...: “...” He says")."""
        if self._subjects is None:
            self._subjects = self._subject_index()
        index = bisect_right(self._subjects, (at, "\uffff"))
        return self._subjects[index - 1] if index else None

    def _subject_index(self) -> list[tuple[int, str]]:
        if self._by_surname is None:
            self._by_surname = self._index()
        found: list[tuple[int, str]] = []
        for match in CAP_NAME.finditer(self._text):
            start, end = match.span()
            if not (_SUBJECT_BEFORE.search(self._text, max(0, start - 4), start)
                    and _SUBJECT_AFTER.match(self._text, end)):
                continue
            name = _person(match.group())
            if name and (" " in name or name.lower() in self._by_surname):
                found.append((start, self.full(name, start)))
        return found


# A name opens a sentence (or a clause after "and"/"but") and a verb or appositive follows it.
_SUBJECT_BEFORE = re.compile(r"(?:^|[.!?:][\"”’]?\s+|\n\s*|\b(?:and|but) )$")
_SUBJECT_AFTER = re.compile(r"(?:’s|'s)?\s+(?:[a-z]|\()|,\s")
_NAME_CHARS = re.compile(r"[\w’'.\- ]+")


def _person(run: str) -> str | None:
    """'German Chancellor Olaf Scholz' -> 'Olaf Scholz'; None when no name is left."""
    tokens = run.replace("\n", " ").split()
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].lower().rstrip(".") in TITLES:
            tokens = tokens[index + 1 :]
            break
    while tokens and tokens[0].lower() in SENTENCE_WORDS:
        tokens = tokens[1:]
    if tokens and tokens[-1].endswith(("’s", "'s")):
        tokens[-1] = tokens[-1][:-2]
    if not tokens or len(tokens) > 4 or not all(t[:1].isupper() for t in tokens):
        return None
    name = " ".join(tokens).rstrip(".,")
    return name if _NAME_CHARS.fullmatch(name) else None


# --- pass 3: each quotation's source and kind ---------------------------------------------------

_CONTEXT = 400  # characters of the writer's sentence looked at on either side
_NAME_PARTS = re.compile(r"\s(?:of|for|at|from|with)\s")
_LOWER_TITLES = re.compile(r"^(?:[a-z][\w\-]*\s+)+((?:[A-Z][\w’'.\-]*\s*)+)$")


_LAST_SENTENCE = re.compile(r"[^.!?]*[.!?]?\s*$")
_MID_SENTENCE_CAPITAL = re.compile(r"(?:(?<=[\w,;)] )|(?<=\b[A-Z]\. ))[A-Z][\w’'\-]*")


class _Attributor:
    """Finds sources in document order, remembering the last named speaker for "he said"."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.names = _Names(doc.text)
        self.sentence_starts = [s.start for s in doc.sentences]
        self.last_person: str | None = None
        self.last_person_at = -1  # where the last named speaker's quotation starts
        self.last_source: dict[int, Source] = {}  # the last source found in each paragraph
        self.proper: set[str] | None = None  # words capitalised mid-sentence, when first needed

    def quote(self, span: _Span, next_open: int | None) -> Quote:
        left, right = self._contexts(span, next_open)
        naming = bool(_NAMING.search(left[-60:]))
        source = None if naming else self._source(span, left, right)
        quote = self.doc.text[span.start : span.end]
        kind = _kind(quote, left, source, naming)
        if source is None or kind == "scare":
            return Quote(quote, None, kind, False, span.start, span.end)
        self.last_source[span.end_paragraph] = source
        speaker, anonymous = self._resolve(source.mention, span.start)
        return Quote(quote, speaker, kind, anonymous, span.start, span.end,
                     verb=source.verb, told=source.told, mention=source.mention)

    def _contexts(self, span: _Span, next_open: int | None) -> tuple[str, str]:
        paragraph = self.doc.paragraphs[span.paragraph]
        opening = span.start - 1
        index = bisect_right(self.sentence_starts, opening) - 1
        sentence_start = self.sentence_starts[index] if index >= 0 else paragraph.start
        lo = max(paragraph.start, sentence_start, opening - _CONTEXT)
        end = self.doc.paragraphs[span.end_paragraph].end
        hi = min(next_open if next_open is not None else end, span.end + 1 + _CONTEXT)
        text = self.doc.text
        return text[lo:opening], text[span.end + 1 : max(hi, span.end + 1)]

    def _source(self, span: _Span, left: str, right: str) -> Source | None:
        if span.continued:
            return source_before(left) or self.last_source.get(span.paragraph)
        found = None if _closes_sentence(self.doc.text, span, left) else source_after(right)
        if found is None and self.doc.text[span.end - 1 : span.end] in ",?!":
            found = source_unlisted_after(right)
        found = self._named(found)
        if found and _ends_sentence(self.doc.text, span) and _reports_what_follows(right, found):
            found = None
        if found:
            return dataclasses.replace(found, from_right=True)
        found = self._named(source_before(left))
        if found:
            return found
        if span.paragraph in self.last_source:
            return dataclasses.replace(self.last_source[span.paragraph], cue="paragraph")
        if not left.strip():
            found = self._previous_paragraph(span.paragraph)
            return dataclasses.replace(found, cue="previous") if found else None
        subject = sentence_subject(left)  # woven in with a verb not listed: its clause's subject
        return self._named(Source(subject, None, cue="subject") if subject else None)

    def _named(self, source: Source | None) -> Source | None:
        """Refuse a lone capitalised word that the text never capitalises mid-sentence: it is a
        sentence's first word ("Amid", "Having"), not a name."""
        if source is None or " " in source.mention or is_pronoun(source.mention):
            return source
        if not capitalised(source.mention) or _subject_of_verb(source):
            return source
        if self.proper is None:
            self.proper = set(_MID_SENTENCE_CAPITAL.findall(self.doc.text))
        return source if source.mention in self.proper else None

    def _previous_paragraph(self, index: int) -> Source | None:
        """A paragraph that is only a quotation: 'Trump said:' or more speech just before."""
        if index == 0:
            return None
        previous = self.doc.paragraphs[index - 1].text
        if previous.rstrip().endswith(":"):
            lead = previous.rstrip()[:-1][-_CONTEXT:]
            return (source_before(lead) or self.last_source.get(index - 1)
                    or self._introducer(_LAST_SENTENCE.search(lead).group()))
        if index - 1 in self.last_source:
            return self.last_source[index - 1]
        last = _LAST_SENTENCE.search(previous[-_CONTEXT:])
        sentence = last.group() if last else previous[-_CONTEXT:]
        # no reporting verb: the one the paragraph before was about ("Trump was quick to add ...")
        return self._named(source_before(sentence)) or self._introducer(sentence)

    def _introducer(self, sentence: str) -> Source | None:
        """'Trump issued the following statement:' with no listed verb: the subject of the
        sentence that the colon closes introduces the quotation."""
        subject = sentence_subject(sentence)
        if not subject or subject.lower() in {"it", "you", "we"}:
            return None  # "It rained.": no one to give the quotation to
        return self._named(Source(subject, None, cue="subject"))

    def _resolve(self, mention: str, at: int) -> tuple[str | None, bool]:
        """(speaker, anonymous): pronouns and surnames to full names, descriptions kept."""
        low = mention.lower()
        if low in PRONOUNS:
            return (self._antecedent(at) if low in {"he", "she", "i", "who"} else None), False
        if ANONYMOUS.match(mention):
            return mention, True
        if not capitalised(mention):
            named = _LOWER_TITLES.match(mention)  # "former governor Jeb Bush" -> "Jeb Bush"
            if not named:
                return mention, False
            mention = named.group(1)
        parts = _NAME_PARTS.split(mention)
        # "Joel Pollak of Breitbart" -> its head; "Secretary of State John Kerry" -> its tail
        person = _person(parts[0])
        if not person and len(parts) > 1 and all(w.lower() in TITLES for w in parts[0].split()):
            person = _person(parts[-1])
        if not person:
            return mention, False
        full = self.names.full(person, at)
        self.last_person, self.last_person_at = full, at
        return full, False

    def _antecedent(self, at: int) -> str | None:
        """The last speaker, unless a person opened a sentence after that speaker's quotation."""
        subject = self.names.subject_before(at)
        if subject and subject[0] > self.last_person_at:
            return subject[1]
        return self.last_person


def _subject_of_verb(source: Source) -> bool:
    """A lone capitalised word as the subject of a reporting verb ("Rajoy said") is a name even
    when the text never capitalises it mid-sentence; an opening word would be a participle or
    a preposition ("Having said", "After")."""
    low = source.mention.lower()
    return (source.cue == "verb" and source.verb is not None and source.verb != "according to"
            and low not in SENTENCE_WORDS and not low.endswith(("ing", "ed")))


_WRITER_LEAD = ":,;—–-([\"'“‘"


def _ends_sentence(text: str, span: _Span) -> bool:
    return text[span.end - 1 : span.end] in ".!?"


# What may follow a reporting verb that closes its clause: "said.", "said on Monday", "told
# Reuters in a statement".
_CLAUSE_CLOSERS = {
    "in", "on", "at", "to", "during", "after", "before", "from", "with", "of", "about", "while",
    "as", "last", "this", "then", "later", "recently", "earlier", "today", "yesterday",
    "tonight", "again", "afterward", "afterwards", "when", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "by", "via", "over", "through", "for", "into",
    "outside", "inside", "near", "amid", "under", "without", "upon", "onto", "across",
}


_ADVERB = re.compile(r"[a-z]{3,}ly")


def _reports_what_follows(right: str, source: Source) -> bool:
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
    first = rest[0].lower().strip(",")
    if source.told and tail.startswith(source.told):
        return False
    return first not in _CLAUSE_CLOSERS


def _closes_sentence(text: str, span: _Span, left: str) -> bool:
    """A fragment woven into the writer's sentence that ends with its full stop ('... were “far
    from perfect.” He cited ...'): what follows is a new sentence, not this quotation's source."""
    before = left.rstrip()
    if not before or before[-1] in _WRITER_LEAD:
        return False
    last = text[span.end - 1 : span.end + 2].replace("”", "").replace('"', "")
    return last[:1] in ".!?" or last[-1:] == "."


def _kind(quote: str, left: str, source: Source | None, naming: bool) -> str:
    """full, partial, or scare: named rather than quoted, or a short span no one is said to say.

    A quotation whose only source is the subject of its sentence (no reporting verb) is taken
    for speech when it is a fragment woven into the sentence ("... to be 'sure'") and for a
    term or title when it is a few capitalised words.
    """
    if naming or _term(quote, left, source):
        return "scare"
    sentence = _sentence_like(quote)
    size = len(words(quote))
    weak = source is None or source.cue in {"subject", "previous"}
    if weak and sentence and size < 4 and not _woven_after_subject(left, source):
        return "scare"
    if source is None:
        # A fragment of two words or more woven into the writer's sentence is more often
        # someone's words than a scare term, even when we find no one to give them to.
        return "full" if sentence else ("partial" if size >= 2 else "scare")
    before = left.rstrip()
    if sentence and (not before or before[-1] in ":,—–-([" or before.endswith("...")):
        return "full"
    return "partial"


_MINOR = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with", "or", "by", "&"}


def _term(quote: str, left: str, source: Source | None) -> bool:
    """A few capitalised words met mid-sentence, far from any verb of saying: a name or a
    title (a “Super April” of elections, the “Daily Show”), not speech."""
    tokens = words(quote)
    if not tokens or len(tokens) > 4 or quote.rstrip()[-1:] in "!?":
        return False
    if not all(t[0].isupper() or t.lower() in _MINOR for t in tokens) or not tokens[0][0].isupper():
        return False
    before = left.rstrip()
    if not before or before[-1] in ":,—–-":
        return False
    if _woven_after_subject(left, source):
        return False
    if source is not None and source.cue == "verb" and source.verb:
        if source.from_right:
            return True  # a name woven in before the reporting clause: "X's “Meet the Press”, he said"
        tokens = tokenize(before)
        # Far from its verb, a name after an article, a possessive or "told"/"on" is a title or
        # a term (a “Super April” of elections, ABC's “This Week”); after another word it is
        # more often the source's own words (promised to fight “Big Oil”).
        return source.verb not in tokens[-4:] and _titled(tokens[-1] if tokens else "")
    return True


def _woven_after_subject(left: str, source: Source | None) -> bool:
    """Capitalised words woven into a sentence whose subject acts on them, after a plain word
    ("Trump went on to promote “Celebrity Apprentice”"): on dev mostly the subject's words."""
    if source is None or source.cue != "subject":
        return False
    tokens = tokenize(left.rstrip())
    return bool(tokens) and tokens[-1][:1].isalpha() and not _titled(tokens[-1])


def _titled(previous: str) -> bool:
    low = previous.lower()
    return low in _TITLE_LEADS or low.endswith(("’s", "'s", "s’", "s'"))


_TITLE_LEADS = {"a", "an", "the", "told", "tells", "on", "his", "her", "their", "its", "our", "my"}


def _sentence_like(quote: str) -> bool:
    first = next((c for c in quote if c.isalnum()), "")
    return first.isupper() or first.isdigit()


def extract(doc: Document) -> Quotes:
    spans = _spans(doc)
    attributor = _Attributor(doc)
    items: list[Quote] = []
    for index, span in enumerate(spans):
        following = spans[index + 1] if index + 1 < len(spans) else None
        same = following is not None and following.paragraph == span.end_paragraph
        items.append(attributor.quote(span, following.start - 1 if same else None))
    found = tuple(items)
    return Quotes(items=found, stats=stats(found, doc))


def stats(items: tuple[Quote, ...], doc: Document) -> QuoteStats:
    """Figures over one article's quotations.

    count: every quoted span found, scare quotes included (`by_kind` splits them). The rest
    is over speech only (kinds full and partial), since a scare quote has no speaker:
    quoted_words_share is quoted words / all words of the article; speakers counts distinct
    resolved speakers; named_share and anonymous_share are the shares of speech quotations
    with a named and with an unnamed source (the remainder has none found); top_speakers are
    the five speakers with the most quoted words.
    """
    speech = [q for q in items if q.kind != "scare"]
    total_words = len(doc.text.split()) or 1  # white-space words: cheap on a long article
    by_kind = {"full": 0, "partial": 0, "scare": 0}
    per_speaker: dict[str, int] = {}
    for quote in items:
        by_kind[quote.kind] += 1
    for quote in speech:
        if quote.speaker:
            per_speaker[quote.speaker] = per_speaker.get(quote.speaker, 0) + len(quote.quote.split())
    quoted = sum(len(q.quote.split()) for q in speech)
    named = sum(1 for q in speech if q.speaker and not q.anonymous)
    anonymous = sum(1 for q in speech if q.anonymous)
    n = len(speech)
    return QuoteStats(
        count=len(items),
        quoted_words_share=round(quoted / total_words, 4),
        speakers=len(per_speaker),
        named_share=round(named / n, 4) if n else 0.0,
        anonymous_share=round(anonymous / n, 4) if n else 0.0,
        by_kind=by_kind,
        top_speakers=tuple(sorted(per_speaker.items(), key=lambda kv: (-kv[1], kv[0]))[:5]),
    )
