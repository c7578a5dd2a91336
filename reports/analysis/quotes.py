"""Direct quotations: where they are, who said them, and whether anyone said them at all.

Three passes over the split-once `Document`, each linear in the text:

1. Marks (`_spans`). Quotation marks are paired within one paragraph, so a stray mark can never
   swallow the article. Double marks pair the way most news text is typed: an opening mark (“ „ «
   or ") opens, the next closing mark (” » or ") closes, and a second opening mark inside an open
   quotation restarts it (the first was never closed). Single marks (‘ ’ ‹ ›, and ' used as a mark,
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
   last named speaker and a surname ("Mr Scholz") to the full name met earlier ("Olaf Scholz").
3. Kind. `scare` when no one is said to have said it (a term, title or nickname: a “Super
   April” of elections) or it is named rather than quoted ("so-called", "dubbed", "titled");
   `full` when the quotation is a sentence of its own; otherwise `partial`.
"""

from __future__ import annotations

import dataclasses
import re
from bisect import bisect_right
from dataclasses import dataclass

from reports.analysis.text import Document, words
from reports.models import Quote, Quotes, QuoteStats

# --- pass 1: quotation marks -------------------------------------------------------------------

_DOUBLE_MARK = re.compile(r"[\"“”„«»]")
_DOUBLE_OPEN = "\"“„«"
_SINGLE_MARK = re.compile(r"[‘’‚‹›']")
_TAG = re.compile(r"<[^<>\n]{0,2000}>")
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
        elif mark in "“„«":
            open_at = at  # the earlier opening mark was never closed
        else:
            pairs.append((open_at, at))
            open_at = None
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


# --- pass 2: attribution ------------------------------------------------------------------------

# Generic English reporting verbs, as they follow a subject ("Trump said") or precede it ("said
# Trump"). "called"/"described" introduce partial quotes (called the plan “a disaster”).
_VERBS = (
    "said|says|say|saying|told|tells|tell|telling|added|adds|adding|wrote|writes|writing|"
    "asked|asks|asking|replied|replies|responded|responds|continued|continues|explained|explains|"
    "noted|notes|noting|stated|states|argued|argues|arguing|insisted|insists|declared|declares|"
    "warned|warns|warning|tweeted|tweets|tweeting|posted|announced|announces|acknowledged|"
    "admitted|admits|conceded|concedes|claimed|claims|claiming|suggested|suggests|recalled|recalls|"
    "remarked|observed|observes|concluded|concludes|quipped|joked|jokes|shouted|yelled|chanted|"
    "cried|pledged|promised|promises|vowed|vows|predicted|predicts|stressed|emphasized|"
    "emphasised|called|calls|calling|described|describes|describing|dubbed|labeled|labelled|"
    "branded|slammed|blasted|criticized|criticised|accused|accuses|praised|urged|urges|"
    "testified|reported|reports|read|reads|boasted|boasts|bragged|complained|complains|lamented|"
    "mused|countered|counters|retorted|objected|assured|confirmed|confirms|denied|denies|"
    "maintained|maintains|contended|contends|opined|offered|echoed|agreed|agrees|cautioned|"
    "proclaimed|charged|alleged|alleges|texted|emailed|asserted|asserts|affirmed|repeated|"
    "reiterated|demanded|questioned|wondered|wonders|thundered|sniped|scoffed|exclaimed|"
    "whispered|screamed|began|begins|went on|goes on|pointed out|points out|put it|puts it|"
    "referred to|refers to|dismissed|mocked|derided|hailed|touted|invoked|cited|quoted|sang|"
    "promised|predicted|explained|answered|answers|interjected|chimed in|shot back|fired back|"
    "summed up|spelled out|laid out|rejected|decried|deemed|termed|characterized|framed|"
    "likened|compared|vowing|promising|pledging|insisting|adding|declaring|stating|boasting|"
    "explaining|recalling|warning|urging|accusing|describing|joking|complaining|predicting|"
    "barked|snapped|fumed|gushed|raved|conceding|acknowledging|pleaded|begged|implored|roared|"
    "laughed|sighed|groaned|muttered|marveled|marvelled|recounted|elaborated|clarified|"
    "protested|interrupted|blogged|posted|emailed|messaged|chided|chiding|scolded|quoted|"
    "writing|tweeting|saying|telling|calling|noting|arguing|asking|replying|responding|"
    "answering|suggesting|claiming|declaring|announcing|stressing|adding|insisting"
)
# participles: the subject is the sentence's, not a word before them ("..., calling him a “x”").
_PARTICIPLE = re.compile(r"ing$")
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_VERB_AT = re.compile(rf"(?:{_VERBS})\b")
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
_PRONOUNS = {"he", "she", "they", "i", "we", "it", "who", "you"}
_DETERMINERS = {
    "a", "an", "the", "one", "two", "three", "four", "five", "several", "some", "many", "most",
    "other", "another", "his", "her", "their", "its", "our", "these", "those", "both", "few",
    "multiple", "numerous", "various", "no", "each", "all",
}
# Words that end a subject when walking back from its verb.
_STOP = {
    "that", "which", "and", "but", "or", "because", "when", "while", "as", "if", "after",
    "before", "since", "though", "although", "where", "whom", "whose", "what", "is", "was",
    "are", "were", "be", "been", "being", "not", "so", "than", "then", "also", "by", "said",
    "says", "told", "why", "how", "whether", "on", "in", "at", "into", "about", "over",
    "during", "until", "against", "like", "unlike", "did", "does", "do", "has", "have", "had",
    "would", "will", "could", "should", "can", "may", "might", "must", "there", "here", "this",
}
# Auxiliaries and adverbs between a subject and its verb ("has also said", "later told").
_BETWEEN = {
    "has", "have", "had", "also", "later", "then", "previously", "once", "again", "recently",
    "repeatedly", "would", "will", "could", "might", "may", "can", "did", "does", "was", "is",
    "were", "never", "often", "first", "earlier", "publicly", "privately", "reportedly",
    "simply", "just", "even", "only", "still", "famously", "quickly", "flatly", "had",
    "frequently", "always", "already", "sometimes", "now", "once", "ultimately", "finally",
    "subsequently", "initially", "originally", "bluntly", "angrily", "recently", "not",
}
_SENTENCE_WORDS = {
    "but", "and", "yet", "so", "then", "still", "now", "later", "earlier", "meanwhile", "however",
    "instead", "also", "even", "in", "on", "at", "after", "before", "when", "while", "as", "if",
    "though", "although", "because", "since", "during", "asked", "speaking", "writing", "the",
    "today", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "last", "this", "here", "there", "with", "for", "from", "by",
    "according", "like", "unlike", "under", "over", "despite", "until", "via", "of", "to", "that",
}
_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "sen",
    "senator", "rep", "representative", "gov", "governor", "president", "chancellor",
    "secretary", "minister", "premier", "mayor", "judge", "justice", "gen", "general", "lt",
    "col", "colonel", "adm", "admiral", "capt", "captain", "sgt", "rev", "reverend", "pastor",
    "father", "speaker", "chairman", "chairwoman", "chair", "leader", "commissioner", "attorney",
    "ambassador", "king", "queen", "prince", "princess", "pope", "bishop", "cardinal", "rabbi",
    "imam", "sheikh", "chief", "director", "officer", "ceo", "founder", "coach", "host",
    "anchor", "candidate", "nominee", "congressman", "congresswoman", "councilman",
    "councilwoman", "councillor", "councilor", "assemblyman", "assemblywoman", "delegate", "sheriff", "detective", "agent",
    "spokesman", "spokeswoman", "spokesperson", "vice", "prime", "deputy", "acting", "former",
    "state", "house", "senate", "majority", "minority", "democratic", "republican", "gop",
    "u.s", "us", "white", "press", "foreign", "defense", "defence", "interior", "treasury",
    "finance", "labor", "labour", "health", "homeland", "security", "national", "general's",
}
_SOURCE_NOUNS = (
    r"sources?|officials?|spokes(?:man|woman|person|people|men|women)|aides?|advis[eo]rs?|"
    r"insiders?|people|person|persons|diplomats?|staffers?|employees?|members?|observers?|"
    r"operatives?|strategists?|allies|ally|associates?|confidants?|friends?|lawmakers?|donors?|"
    r"analysts?|experts?|critics?|supporters?|residents?|voters?|witnesses?|officers?|"
    r"executives?|representatives?|negotiators?|organi[sz]ers?|activists?|leaders?|"
    r"campaigners?|protesters?|attendees?|participants?|individuals?|someone|somebody"
)
_ANONYMOUS = re.compile(
    rf"^(?:(?:{'|'.join(sorted(_DETERMINERS))})\s+)?(?:[\w’'-]+\s+){{0,3}}(?:{_SOURCE_NOUNS})\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\([^()]{0,60}\)|[^\W_]+(?:['’.\-&][^\W_]+)*\.?|[,;:—–]|[\"“”]", re.UNICODE)
_RIGHT_LEAD = re.compile(r"[\s,.;:!?—–-]*")
_ABBREVIATION = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Jr|Sr|St|Capt|Adm|Prof|Rev|Maj|Pres)\."
_NAME_WORD = rf"(?:{_ABBREVIATION}|[A-Z]\.(?:[A-Z]\.)*|[A-Z][\w’'\-]*)"
_CAP_NAME = re.compile(
    rf"{_NAME_WORD}(?:[ \t]+(?:(?:de|da|del|van|von|der|al|bin|of)[ \t]+)?{_NAME_WORD})*"
)


@dataclass
class _Source:
    mention: str  # as written: "he", "Mr Scholz", "one source close to Mr Macron"
    verb: str | None
    told: str | None = None
    cue: str = "verb"  # how it was found: verb, paragraph, previous (paragraph), subject
    from_right: bool = False  # found after the quotation ("..., he said")


@dataclass
class _Found:
    source: _Source | None
    naming: bool = False  # introduced as a name or title, not as speech


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _capitalised(token: str) -> bool:
    return token[:1].isupper() and token[:1].isalpha()


def _subject_before(left: str) -> str | None:
    """The subject of a verb that ends `left`, walking back: "Mr Scholz has", "officials"."""
    tokens = _tokens(left[-300:])
    i = len(tokens) - 1
    while i >= 0 and (tokens[i].lower() in _BETWEEN or tokens[i].startswith("(") or _adverb(tokens[i])):
        i -= 1
    if i < 0:
        return None
    if tokens[i] == ",":
        return _appositive_subject(tokens, i)
    if _pronoun(tokens[i]):
        return _bare_pronoun(tokens[i])
    start = _phrase_start(tokens, i)
    return _mention(tokens[start : i + 1]) if start is not None else None


def _adverb(token: str) -> bool:
    return token.islower() and token.endswith("ly") and len(token) > 4


def _appositive_subject(tokens: list[str], comma: int) -> str | None:
    """"Paul Lindsay, a spokesman for the PAC, said" or "a spokesman, Paul Lindsay, said"."""
    j = comma - 1
    while j >= 0 and tokens[j] not in {",", ";", ":", "—", "–", "“", "”", '"'} and comma - j < 14:
        j -= 1
    if j < 0 or tokens[j] != ",":
        return None
    inner = tokens[j + 1 : comma]
    if inner and all(_capitalised(t) or t.lower() in {"of", "de", "van", "von"} for t in inner):
        return _mention(inner)
    if j >= 1 and (tokens[j - 1].lower() == "who" or tokens[j - 1].lower() in _PRONOUNS):
        return tokens[j - 1]
    start = _phrase_start(tokens, j - 1)
    return _mention(tokens[start:j]) if start is not None else None


def _phrase_start(tokens: list[str], i: int) -> int | None:
    """Index where the noun phrase ending at tokens[i] starts, or None if it is no subject."""
    start = _name_or_noun_start(tokens, i)
    if start is None:
        return None
    # "one source close to Mr Macron", "Joel Pollak of Breitbart", "people familiar with ..."
    for _ in range(2):
        k = start - 1
        if k >= 1 and tokens[k].lower() in {"of", "for", "to", "with", "at", "from"}:
            outer = _name_or_noun_start(tokens, k - 1)
            if outer is not None and _can_extend(tokens[outer : k], tokens[k].lower()):
                start = outer
                continue
        break
    return start


def _can_extend(head: list[str], preposition: str) -> bool:
    if not head:
        return False
    if all(_capitalised(t) for t in head):
        return preposition in {"of", "for", "at", "from"}
    phrase = " ".join(head).lower()
    if preposition in {"to", "with"}:
        return phrase.endswith(("close", "familiar", "closer", "near"))
    return bool(_ANONYMOUS.match(phrase)) or head[0].lower() in _DETERMINERS


def _name_or_noun_start(tokens: list[str], i: int) -> int | None:
    if i < 0:
        return None
    token = tokens[i]
    if _capitalised(token):
        j = i
        while j - 1 >= 0 and (
            _capitalised(tokens[j - 1])
            or (tokens[j - 1].lower() in {"of", "de", "van", "von", "del", "da", "al", "bin"}
                and j - 2 >= 0 and _capitalised(tokens[j - 2]))
        ):
            j -= 1
        while j <= i and tokens[j].lower() in _SENTENCE_WORDS:
            j += 1
        if j > i:
            return None
        return j
    if not token[:1].isalpha() or token.lower() in _STOP or token.lower() in _DETERMINERS:
        return None
    j = i
    while j - 1 >= 0 and i - j < 6:
        prev = tokens[j - 1]
        low = prev.lower()
        if low in _DETERMINERS:
            return j - 1
        if not prev[:1].isalnum() or low in _STOP or low in _SENTENCE_WORDS or low in _PRONOUNS:
            break
        j -= 1
    # No determiner: a bare plural or source noun ("officials", "people familiar") only.
    if _ANONYMOUS.match(" ".join(tokens[j : i + 1])) or tokens[j].endswith("s"):
        return j
    return None


def _subject_after(text: str) -> tuple[str | None, int]:
    """A noun phrase at the start of `text` (after "said"): "Paul Lindsay", "a spokesman for X"."""
    tokens = _tokens(text[:200])
    taken: list[str] = []
    for token in tokens[:12]:
        low = token.lower()
        if not token[:1].isalnum():
            break
        only_determiners = all(t.lower() in _DETERMINERS for t in taken)
        if taken and (low in _STOP or low in {"who", "last", "today", "yesterday", "tonight", "in"}
                      or (low in _SENTENCE_WORDS - {"of", "for", "the", "to", "with"}
                          and not (only_determiners and low in _DAYS))):
            break
        if not taken and (low in _STOP or low in _SENTENCE_WORDS - {"the"}):
            return None, 0
        taken.append(token)
        if low in _PRONOUNS:
            break
    while taken and taken[-1].lower() in _DETERMINERS | {"of", "for", "to", "with"}:
        taken.pop()
    return _mention(taken), len(taken)


def _mention(tokens: list[str]) -> str | None:
    """Join a phrase's tokens, dropping a sentence's full stop from its last word."""
    if not tokens:
        return None
    last = tokens[-1]
    if last.endswith(".") and (len(last) > 4 or last[:-1].islower()) and last.count(".") == 1:
        tokens = [*tokens[:-1], last[:-1]]
    return " ".join(tokens)


def _told(text: str) -> str | None:
    """The outlet or person told: "told Reuters", "told ABC News on Sunday"."""
    match = _CAP_NAME.match(text.lstrip())
    if not match:
        return None
    name = match.group().rstrip(".’'")
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    return name or None


_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)
_TOLD_VERBS = {"told", "tells", "tell", "telling"}
_QUOTE_START = "\"“„«‘"
_WHO = re.compile(r"([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*)*)\s*(?:\([^()]{0,60}\)\s*)?,?\s*who\s*$")


def _source_after(after: str) -> _Source | None:
    """'..., said X' / '..., X said' / '..., X told Reuters' / '..., according to X'."""
    rest = after[_RIGHT_LEAD.match(after).end() :]
    if not rest or rest[0] in _QUOTE_START:
        return None
    according = re.match(r"according to\s+", rest, re.IGNORECASE)
    if according:
        mention, _ = _subject_after(rest[according.end() :])
        return _Source(mention, "according to") if mention else None
    verb = _VERB_AT.match(rest)
    if verb:
        mention, _ = _subject_after(rest[verb.end() :])
        if mention:
            return _Source(mention, verb.group(), _told_after(verb.group(), rest[verb.end() :]))
        return None
    verb = _VERB.search(rest, 0, 200)
    if not verb or _breaks(rest[: verb.start()]):
        return None
    mention = _leading_subject(rest[: verb.start()])
    if not mention:
        return _clause_end_source(rest)
    return _Source(mention, verb.group(), _told_after(verb.group(), rest[verb.end() :]))


_LATE_VERB = re.compile(rf",\s+(?:{_VERBS})\s+(?=[A-Z])")


def _clause_end_source(rest: str) -> _Source | None:
    """'"..." that Sanders can catch Clinton, said Steve Elmendorf.' (same sentence, no quote)."""
    stop = re.search(r"[.!?]\s|[“”\"]", rest)
    sentence = rest[: stop.start()] if stop else rest
    late = _LATE_VERB.search(sentence)
    if not late:
        return None
    mention, _ = _subject_after(sentence[late.end() :])
    return _Source(mention, sentence[late.start() + 1 : late.end()].strip()) if mention else None


_BREAK = re.compile(r"([\w’'\-]*)([.!?;:])\s|[“”\"]")
_ABBREVIATED = re.compile(r"Mrs|Sen|Rep|Gov|Gen|Sgt|Capt|Adm|Prof|Rev|Maj|Pres|[A-Z][a-z]?|[A-Z]\w*[.\-][\w.\-]*")


def _breaks(text: str) -> bool:
    """A sentence ends, or a quotation starts, in `text` ("Sen. Rubio" and "R-Fla." do not)."""
    for match in _BREAK.finditer(text):
        if match.group(2) != "." or not _ABBREVIATED.fullmatch(match.group(1) or "x."):
            return True
    return False


def _leading_subject(subject: str) -> str | None:
    """All of the words between a quotation and its verb, when they are a subject phrase:
    "Democratic pollster Peter Fenn", "Miller, a retired worker,", "he"."""
    tokens = [t for t in _tokens(subject) if not t.startswith("(")]
    while tokens and (tokens[-1].lower() in _BETWEEN or _adverb(tokens[-1]) or tokens[-1] == ","):
        tokens.pop()
    if not tokens or len(tokens) > 12:
        return None
    if "," in tokens:
        # An appositive: "Miller, a retired worker, said"; "Mitch McConnell, R-Ky., said".
        head = tokens[: tokens.index(",")]
        if head and (_capitalised(head[0]) or head[0].lower() in _DETERMINERS) and not (
            {t.lower() for t in head} & _STOP
        ):
            return _mention(head)
        return None
    first = tokens[0]
    low = {t.lower() for t in tokens}
    if low & (_STOP - {"the"}) or any(not t[:1].isalnum() for t in tokens):
        return None
    if len(tokens) == 1 and _pronoun(first):
        return _bare_pronoun(first)
    if _capitalised(first) or first.lower() in _DETERMINERS or _ANONYMOUS.match(" ".join(tokens)):
        return _mention(tokens)
    return None


def _pronoun(token: str) -> bool:
    return token.lower().replace("’", "'").split("'")[0] in _PRONOUNS


def _starts_with(subject: str, mention: str) -> bool:
    """The subject phrase begins the text after the quotation (no other words before it)."""
    first = _tokens(subject)
    return bool(first) and first[0] == _tokens(mention)[0]


def _told_after(verb: str, rest: str) -> str | None:
    return _told(rest) if verb in _TOLD_VERBS else None


def _source_before(left: str) -> _Source | None:
    """'X said: ...' / 'X called it a ...' / 'according to X, ...' in the sentence before."""
    according = None
    for according in _ACCORDING.finditer(left):
        pass
    verbs = list(_VERB.finditer(left, according.end() if according else 0))
    for verb in reversed(verbs[-3:]):
        before = left[: verb.start()]
        told = _told_after(verb.group(), left[verb.end() :])
        lead = before.rstrip()
        if (_PARTICIPLE.search(verb.group()) and lead.endswith(",")) or _COORDINATED.search(lead):
            # "Perez hammered Trump, calling him a “x”"; "Bush paused and said “...”"
            mention = _sentence_subject(before)
            if mention:
                return _Source(mention, verb.group(), told)
            continue
        mention = _subject_before(before)
        if mention:
            if mention.lower() == "who":
                antecedent = _WHO.search(before.rstrip())
                mention = antecedent.group(1) if antecedent else mention
            return _Source(mention, verb.group(), told)
        mention, length = _subject_after(left[verb.end() :])
        tail = _tokens(left[verb.end() :])[length:]
        if mention and not _pronoun(mention) and len(tail) <= 1:
            return _Source(mention, verb.group())  # 'said Trump: “...'
    if according:
        mention, _ = _subject_after(left[according.end() :])
        return _Source(mention, "according to") if mention else None
    if left.rstrip().endswith(":") and not verbs:
        mention = _subject_before(left.rstrip()[:-1])  # a heading's "Pew Research: “...”"
        if mention and _capitalised(mention):
            return _Source(mention, None)
    return None


_COORDINATED = re.compile(r"\b(?:and|but|then|before|after)(?:\s+(?:also|later|then|quickly))?$")
_INTRO = re.compile(r"^[^,]{0,80}?,\s+")


def _sentence_subject(sentence: str) -> str | None:
    """The subject at the head of the writer's sentence, after an opening phrase ("On Monday,")."""
    text = sentence.lstrip(" \t\n\"“”'‘’([—–-")
    first = _tokens(text[:30])
    if first and first[0].lower() in _SENTENCE_WORDS:
        intro = _INTRO.match(text)
        if intro:
            text = text[intro.end() :]
        else:
            while first and first[0].lower() in _SENTENCE_WORDS and first[0].lower() not in _DETERMINERS:
                text = text.lstrip()[len(first[0]) :]
                first = first[1:]
    return _head_subject(_tokens(text[:200]))


def _head_subject(tokens: list[str]) -> str | None:
    """The noun phrase that opens a clause: a name (with its title words), a pronoun, or a
    determiner and up to five words. A word ending in -ed is taken for the verb."""
    if not tokens:
        return None
    if _pronoun(tokens[0]):
        return _bare_pronoun(tokens[0])
    taken: list[str] = []
    if _capitalised(tokens[0]) and tokens[0].lower() not in _DETERMINERS:
        i = 0
        while i < len(tokens) and i < 10:
            if _capitalised(tokens[i]) or (
                taken and tokens[i].lower() in {"of", "de", "van", "von"} and i + 1 < len(tokens)
                and _capitalised(tokens[i + 1])
            ):
                taken.append(tokens[i])
                i += 1
                continue
            bridge = _bridge(tokens, i)
            if not bridge:
                break
            taken.extend(tokens[i:bridge])
            i = bridge
        if taken and taken[-1].endswith(("’s", "'s")):
            owned = [t for t in tokens[i : i + 3] if t.isalpha() and t.islower()]
            taken.extend(owned[: max(1, len(owned))][:2])  # "Donald Trump’s campaign manager"
        return _mention(taken)
    if tokens[0].lower() not in _DETERMINERS:
        return None
    for token in tokens[:7]:
        low = token.lower()
        if taken and (not token[:1].isalnum() or low in _STOP or low.endswith("ed")):
            break
        taken.append(token)
    return _mention(taken) if len(taken) > 1 else None


def _bridge(tokens: list[str], i: int) -> int | None:
    """End of lower-case title words between two names ("Clinton campaign manager Robby Mook")."""
    j = i
    while j < len(tokens) and j - i < 3 and tokens[j].islower() and tokens[j].isalpha():
        if tokens[j] in _STOP or tokens[j].endswith("ed") or tokens[j] in _DETERMINERS:
            return None
        j += 1
    return j if j > i and j < len(tokens) and _capitalised(tokens[j]) else None


def _bare_pronoun(token: str) -> str:
    return token.replace("’", "'").split("'")[0]


# --- names: "he" and "Mr Scholz" resolved to "Olaf Scholz" ---------------------------------------


class _Names:
    """Full names met in the document, by surname, to resolve "Mr Scholz" and "Scholz"."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._by_surname: dict[str, list[tuple[int, str]]] | None = None  # built when first asked

    def _index(self) -> dict[str, list[tuple[int, str]]]:
        by_surname: dict[str, list[tuple[int, str]]] = {}
        for match in _CAP_NAME.finditer(self._text):
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


_NAME_CHARS = re.compile(r"[\w’'.\- ]+")


def _person(run: str) -> str | None:
    """'German Chancellor Olaf Scholz' -> 'Olaf Scholz'; None when no name is left."""
    tokens = run.replace("\n", " ").split()
    for index in range(len(tokens) - 1, -1, -1):
        if tokens[index].lower().rstrip(".") in _TITLES:
            tokens = tokens[index + 1 :]
            break
    while tokens and tokens[0].lower() in _SENTENCE_WORDS:
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


_LAST_SENTENCE = re.compile(r"[^.!?]*[.!?]?\s*$")
_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][\w’'\-]*")


class _Attributor:
    """Finds sources in document order, remembering the last named speaker for "he said"."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.names = _Names(doc.text)
        self.sentence_starts = [s.start for s in doc.sentences]
        self.last_person: str | None = None
        self.last_source: dict[int, _Source] = {}  # the last source found in each paragraph
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

    def _source(self, span: _Span, left: str, right: str) -> _Source | None:
        if span.continued:
            return _source_before(left) or self.last_source.get(span.paragraph)
        found = self._named(_source_after(right))
        if found:
            return dataclasses.replace(found, from_right=True)
        found = self._named(_source_before(left))
        if found:
            return found
        if span.paragraph in self.last_source:
            return dataclasses.replace(self.last_source[span.paragraph], cue="paragraph")
        if not left.strip():
            found = self._previous_paragraph(span.paragraph)
            return dataclasses.replace(found, cue="previous") if found else None
        subject = _sentence_subject(left)  # woven in with a verb not listed: its clause's subject
        return self._named(_Source(subject, None, cue="subject") if subject else None)

    def _named(self, source: _Source | None) -> _Source | None:
        """Refuse a lone capitalised word that the text never capitalises mid-sentence: it is a
        sentence's first word ("Amid", "Having"), not a name."""
        if source is None or " " in source.mention or _pronoun(source.mention):
            return source
        if not _capitalised(source.mention):
            return source
        if self.proper is None:
            self.proper = set(_MID_SENTENCE_CAPITAL.findall(self.doc.text))
        return source if source.mention in self.proper else None

    def _previous_paragraph(self, index: int) -> _Source | None:
        """A paragraph that is only a quotation: 'Trump said:' or more speech just before."""
        if index == 0:
            return None
        previous = self.doc.paragraphs[index - 1].text
        if previous.rstrip().endswith(":"):
            return _source_before(previous.rstrip()[:-1][-_CONTEXT:]) or self.last_source.get(index - 1)
        if index - 1 in self.last_source:
            return self.last_source[index - 1]
        last = _LAST_SENTENCE.search(previous[-_CONTEXT:])
        return self._named(_source_before(last.group() if last else previous[-_CONTEXT:]))

    def _resolve(self, mention: str, at: int) -> tuple[str | None, bool]:
        """(speaker, anonymous): pronouns and surnames to full names, descriptions kept."""
        low = mention.lower()
        if low in _PRONOUNS:
            return (self.last_person if low in {"he", "she", "i", "who"} else None), False
        if _ANONYMOUS.match(mention):
            return mention, True
        if not _capitalised(mention):
            return mention, False
        head = _NAME_PARTS.split(mention, 1)[0]
        person = _person(head)
        if not person:
            return mention, False
        full = self.names.full(person, at)
        self.last_person = full
        return full, False


def _kind(quote: str, left: str, source: _Source | None, naming: bool) -> str:
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
    if weak and sentence and size < (4 if source else 5):
        return "scare"
    if source is None:
        return "full" if sentence else "scare"
    before = left.rstrip()
    if sentence and (not before or before[-1] in ":,—–-([" or before.endswith("...")):
        return "full"
    return "partial"


_MINOR = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with", "or", "by", "&"}


def _term(quote: str, left: str, source: _Source | None) -> bool:
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
    if source is not None and source.cue == "verb" and source.verb:
        near = _tokens(before)[-4:]
        return source.verb not in near and not source.from_right
    return True


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
