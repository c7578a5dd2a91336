"""Quotations in a language other than English that has a data file (`lang/<code>.toml`).

The English pass (`quotes.py`) reads English syntax; French and German report speech their
own way, so they get this smaller pass, driven by their data files:

1. marks: the language's pairs (`reports/analysis/lang/<code>.toml`, [quotes]: « » and „ “,
   ‚ ‘, ‹ ›, » « ...) paired within a paragraph, a quotation inside another one left to it,
   one left open before a paragraph that opens with a mark running on; the spaces French sets
   inside « » belong to the typography, not the quotation, and are left out of it.
2. the source, in the writer's sentence: after the quotation an inverted verb ("a-t-il
   déclaré", "confie-t-elle", "sagte er") or a verb and its subject ("explique Jean Dupont",
   "sagte Klug", "so X"); before it "X a déclaré :" / "X sagte:" / "Dann sagte X:"; anywhere in
   the sentence "selon X", "d'après X", "laut X", an opening "Pour X," or "Wie X sagte,"; then
   the paragraph's previous source, for a quotation that follows another.
3. who can speak (`speaks`): a name (capitalised words, none a function word, a time or a word
   that opens sentences) or a description whose head is a noun of people, groups or documents
   (German compounds by their last part: "Polizeisprecher"); a title or role before a name
   gives the name ("Sprecher Stefan Gobbin" -> "Stefan Gobbin"); a pronoun is the last person
   named as a speaker. Anything else is no source: unattributed rather than absurd.
4. kind: a quotation of one or two words is a word named, not said (`scare`); one that opens
   with a capital after nothing or a colon is `full`; the rest `partial`.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from reports.analysis import lang
from reports.analysis.text import Document
from reports.models import Quote, Quotes

_TOKEN = re.compile(r"[^\W\d_]{1,7}['’](?=\w)|\w+(?:[-.'’]\w+)*\.?|[,;:()]")
_SPACES = " \t\n\u00a0\u202f\u2009"
_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"»“”]|$)|\n")
_INVERTED = re.compile(r"^(?P<verb>[^\W\d_]+(?:-[^\W\d_]+)*?)(?:-t)?-(?P<pronoun>[^\W\d_]+)$")
_NAMES = re.compile(r"[^\W\d_][\w'’\-]*(?:\s+(?:(?:de|du|von|van|der|le|la)\s+)?[A-ZÀ-ÖØ-Þ][\w'’\-]*)+")
_UNAMBIGUOUS = "«„"  # opening marks that never close anything: one left open is still a quotation
_CONTEXT = 300  # characters of the writer's sentence looked at on either side


@dataclass(frozen=True)
class Rules:
    """One language's words for finding who said a quotation."""

    code: str
    verbs: frozenset[str]  # reporting verbs, lowercased forms (a separable verb's first word)
    auxiliaries: frozenset[str]
    pronouns: frozenset[str]
    according: frozenset[str]  # "selon X", "laut X"
    after_source: frozenset[str]  # "X zufolge": the source before the word
    opening: frozenset[str]  # "Pour X, « ... »"
    as_said: frozenset[str]  # "Wie X sagte, ..."
    adverbs: frozenset[str]
    times: frozenset[str]  # days and times between a verb and its subject
    complements: frozenset[str]  # prepositions of a complement between them ("à l'AFP")
    stops: frozenset[str]
    scare_max_words: int
    determiners: frozenset[str]
    honorifics: frozenset[str]
    particles: frozenset[str]
    people: frozenset[str]
    groups_documents: frozenset[str]
    people_endings: tuple[str, ...]
    compounds: bool  # nouns are read by their last part too (German)
    anonymous: frozenset[str]
    not_names: frozenset[str]
    function_words: frozenset[str]  # the language's stop words
    pairs: tuple[tuple[str, str], ...]

    def verb(self, token: str) -> bool:
        return token.lower() in self.verbs

    def noun_of_speakers(self, word: str) -> bool:
        """A noun of people, groups or documents, or (German) a compound ending in one."""
        low = word.lower().rsplit("-", 1)[-1]  # "ex-vice-président"
        if low in self.people or low in self.groups_documents or low.endswith(self.people_endings):
            return True
        if not self.compounds:
            return False
        nouns = self.people | self.groups_documents
        forms = {low, low.removesuffix("s"), low.removesuffix("es"), low.removesuffix("n"), low.removesuffix("en")}
        return any(form.endswith(noun) and len(noun) >= 4 for form in forms for noun in nouns)

    def person_noun(self, word: str) -> bool:
        low = word.lower().rsplit("-", 1)[-1]
        return low in self.people or low.endswith(self.people_endings) or (
            self.compounds and any(low.endswith(noun) and len(noun) >= 4 for noun in self.people))


def supports(code: str) -> bool:
    """Whether the language has a quotation data file of its own (English has its own pass)."""
    return code != "en" and code.isalpha() and resources.files(__package__).joinpath(f"lang/{code}.toml").is_file()


@functools.cache
def rules(code: str) -> Rules:
    folder = resources.files(__package__).joinpath("lang")
    data = tomllib.loads(folder.joinpath(f"{code}.toml").read_text(encoding="utf-8"))
    said, speaker = data["attribution"], data["speaker"]
    verbs = {v.lower() for v in said.get("verbs", [])}
    if "verbs_file" in said:
        text = folder.joinpath(said["verbs_file"]).read_text(encoding="utf-8")
        verbs |= {w for line in text.splitlines() if not line.startswith("#") for w in line.split()}
    for forms in said.get("lemmas", {}).values():
        verbs |= {form.split()[0].lower() for form in forms}
    language = lang.rules(code)
    return Rules(
        code=code,
        verbs=frozenset(verbs),
        auxiliaries=_forms(said.get("auxiliaries", [])),
        pronouns=frozenset(said.get("pronouns", [])),
        according=frozenset(said.get("according", [])),
        after_source=frozenset(said.get("after_source", [])),
        opening=frozenset(said.get("opening", [])),
        as_said=frozenset(said.get("as_said", [])),
        adverbs=_forms(said.get("adverbs", [])),
        times=frozenset(language.days) | frozenset(said.get("times", [])),
        complements=_forms(said.get("complements", [])),
        stops=_forms(said.get("stops", [])),
        scare_max_words=int(said.get("scare_max_words", 0)),
        determiners=_forms(speaker.get("determiners", [])),
        honorifics=frozenset(speaker.get("honorifics", [])),
        particles=_forms(speaker.get("particles", [])),
        people=frozenset(speaker.get("people", [])),
        groups_documents=frozenset(speaker.get("groups", []) + speaker.get("documents", [])),
        people_endings=tuple(speaker.get("people_endings", [])),
        compounds=bool(speaker.get("compounds", False)),
        anonymous=frozenset(speaker.get("anonymous", [])),
        not_names=frozenset(speaker.get("not_names", [])),
        function_words=language.stop_words | language.elisions,
        pairs=language.quote_pairs,
    )


def _forms(words: list[str]) -> frozenset[str]:
    """The words as `_bare` reads a token: lowercased, without a final elision mark."""
    return frozenset(w.rstrip("'’").lower() for w in words)


# --- 3. who can speak ------------------------------------------------------------------------


def _bare(word: str) -> str:
    """The word as the word lists hold it: lowercased, without a final dot or elision mark."""
    return word.rstrip(".'’").lower()


def _capital(word: str) -> bool:
    return word[:1].isupper()


def _name_word(word: str, r: Rules) -> bool:
    return (_capital(word) and word not in r.not_names and _bare(word) not in r.function_words
            and word not in r.honorifics and not r.verb(word)
            and not (word.lower() in r.people or word.lower() in r.groups_documents
                     or (r.compounds and r.noun_of_speakers(word)))
            and word.lower() not in r.pronouns)


def speaks(speaker: str | None, code: str) -> bool:
    """Whether a speaker as shown can speak in the language: a name or a description of
    people, groups or documents, never a function word or a phrase that opens with one."""
    if not speaker:
        return True
    r = rules(code)
    words = _tokens(speaker)
    return bool(words) and _reading(words, r) is not None


def _reading(words: list[str], r: Rules) -> tuple[str, str, bool] | None:
    """(speaker, kind, anonymous) of a phrase in the speaker's place, kind "name",
    "description" or "pronoun"; None when it cannot speak."""
    if len(words) == 1 and words[0].lower() in r.pronouns:
        return words[0], "pronoun", False
    first = _bare(words[0])
    if first in r.function_words and first not in r.determiners and words[0] not in r.honorifics:
        return None  # "Pour", "Parmi", "D'après", "Die hat ...": a function word opens it
    if words[0] in r.not_names or any(w.lower() in r.pronouns for w in words):
        return None
    name = _name_run(words, r)
    if name is not None:
        start, end = name
        before = words[:start]
        if before and r.compounds and not _capital(before[-1]) and end - start == 1:
            return None  # German "die Woche", "dem großen Kind": a noun after its article, not a name
        head = [w for w in before if r.noun_of_speakers(w)]
        joined = before[-1:] and (_bare(before[-1]) in r.particles or
                                  (len(before) > 1 and _bare(before[-2]) in r.particles and _bare(before[-1]) in r.determiners))
        if head and (joined or words[start:end] == [w.upper() for w in words[start:end]] and end - start == 1):
            return _joined(words), "description", False  # "la procureure de Mulhouse", "l'élue LREM"
        if head and not any(r.person_noun(w) for w in head):
            return _joined(words), "description", False  # "la préfecture de Paris"
        shown = words[start:end]
        if before and before[-1].lower() in {"le", "la", "les"} and not head:
            shown = [before[-1].capitalize(), *shown]  # "le Parisien" -> "Le Parisien"
        elif before and before[-1] in r.honorifics and end - start == 1:
            shown = [before[-1], *shown]  # "M. Dupont" when no fuller name is found
        return " ".join(shown), "name", False
    # a description's head: a noun of the lists ("le Conseil", "la Commission" capitalised too;
    # an ending only in lower case, since "Parisien" is a name)
    if any(r.noun_of_speakers(w) if not _capital(w) or r.compounds else w.lower() in r.people | r.groups_documents
           for w in words):
        anonymous = any(w.lower() in r.anonymous for w in words)
        return _joined(words), "description", anonymous
    return None


def _name_run(words: list[str], r: Rules) -> tuple[int, int] | None:
    """(start, end) of the last run of name words (particles inside: "Charles de Gaulle")."""
    end = None
    for index in range(len(words) - 1, -1, -1):
        if _name_word(words[index], r):
            end = index + 1
            break
    if end is None:
        return None
    start = end - 1
    while start > 0:
        word = words[start - 1]
        if _name_word(word, r):
            if start >= 2 and end - start >= 2 and not r.compounds and \
                    (_bare(words[start - 2]) in r.determiners or _bare(words[start - 2]) in r.particles):
                break  # "le ministre de l'Intérieur Gérald Darmanin": the name after the complement
            start -= 1
        elif _bare(word) in r.particles and start >= 2 and _name_word(words[start - 2], r):
            start -= 2
        else:
            break
    return start, end


# --- 2. the source in the writer's sentence --------------------------------------------------


def _joined(words: list[str]) -> str:
    """Tokens back to text: no space after an elision ("l'Intérieur")."""
    return "".join(w if w.endswith(("'", "’")) else w + " " for w in words).strip()


def _tokens(text: str) -> list[str]:
    found = []
    for token in _TOKEN.findall(text):
        if token.endswith(".") and len(token) > 2 and token not in {"MM.", "Dr.", "Prof."}:
            token = token[:-1]  # a sentence's full stop, not an abbreviation ("M.", "Dr.")
        found.append(token)
    return found


def _phrase(tokens: list[str], r: Rules) -> list[str]:
    """The noun phrase that opens `tokens`, up to punctuation, a stop word or a verb."""
    taken: list[str] = []
    for token in tokens[:8]:
        low = token.lower()
        if token in ",;:()" or (_bare(low) in r.stops and taken) or (taken and r.verb(token) and not _capital(token)):
            break
        if not taken and _bare(low) in r.stops and _bare(low) not in r.determiners:
            break
        if taken and _capital(taken[-1]) and token.islower() and _bare(low) in r.determiners:
            break  # "Bach den Berichtsband", "Facebook la police": the object, another phrase
        if taken and not _capital(token) and _bare(low) not in r.determiners and _bare(low) not in r.particles \
                and not r.noun_of_speakers(token) and not _head_follows(tokens[len(taken) + 1 :], r):
            break  # "laut Polizei war ...", "le ministre français" (not "l'ancien ministre")
        taken.append(token)
        if low in r.pronouns and len(taken) == 1:
            break
    while taken and (_bare(taken[-1]) in r.determiners | r.particles | r.adverbs
                     or (not _capital(taken[-1]) and not r.noun_of_speakers(taken[-1]) and len(taken) > 1
                         and taken[-1].lower() not in r.pronouns)):
        taken.pop()  # "a déclaré le ministre de" / "sagte Klug weiter"
    return taken


def _head_follows(tokens: list[str], r: Rules) -> bool:
    """A noun of speakers within the next two words: the word before it is an adjective."""
    return any(not _capital(t) and r.noun_of_speakers(t) for t in tokens[:2])


def _skip_complements(rest: list[str], r: Rules) -> list[str]:
    """What follows a reporting verb before its subject: adverbs, days, ", tout sourire,",
    "à l'AFP", "auprès de l'AFP", "dans Le Parisien" ("a réagi dimanche auprès de l'AFP le
    maire")."""
    at = 0
    while at < len(rest):
        low = rest[at].lower()
        if low in r.adverbs or low in r.times:
            at += 1
        elif rest[at] == "," and "," in rest[at + 1 : at + 6]:
            at = rest.index(",", at + 1) + 1  # ", tout sourire," / ", auprès de l'AFP,"
        elif low in r.complements:
            at += 1
            if at < len(rest) and _bare(rest[at]) in {"de", "du", "des", "d"}:
                at += 1
            if at < len(rest) and _bare(rest[at]) in r.determiners:
                at += 1
            at += 1  # the complement's noun
        else:
            break
    return rest[at:]


def _apposition(rest: list[str], r: Rules) -> list[str] | None:
    """", Franck Leroy" after a role ("le maire d'Epernay, Franck Leroy"): the role's name."""
    if "," not in rest:
        return None
    after = rest[rest.index(",") + 1 :]
    run = []
    for token in after:
        if _name_word(token, r) or (run and _bare(token) in r.particles):
            run.append(token)
        else:
            break
    return run if len(run) >= 2 else None


def _after_verb(tokens: list[str], r: Rules) -> tuple[list[str], str] | None:
    """The subject after a reporting verb that opens `tokens` (after the quotation):
    "a-t-il déclaré", "confie-t-elle", "explique Jean Dupont", "sagte er", "so Klug"."""
    if tokens[:1] and _bare(tokens[0]) in {"s", "se"}:
        tokens = tokens[1:]  # "s'est-il indigné"
    if not tokens:
        return None
    inverted = _INVERTED.match(tokens[0])
    if inverted and inverted.group("pronoun").lower() in r.pronouns:
        verb = inverted.group("verb")
        if r.verb(verb) or _bare(verb) in r.auxiliaries:
            participle = tokens[1] if len(tokens) > 1 and _bare(verb) in r.auxiliaries else ""
            return [inverted.group("pronoun")], f"{tokens[0]} {participle}".strip()
    at = 0
    if _bare(tokens[0]) in r.auxiliaries:
        at = 1
        while at < len(tokens) and _bare(tokens[at]) in r.adverbs:
            at += 1
    if at >= len(tokens) or not r.verb(tokens[at]) or (at == 0 and _capital(tokens[0])):
        return None
    verb = " ".join(tokens[: at + 1])
    rest = _skip_complements(tokens[at + 1 :], r)
    phrase = _phrase(rest, r)
    if phrase and any(r.person_noun(w) for w in phrase) and not any(_name_word(w, r) for w in phrase):
        named = _apposition(rest[len(phrase) :], r)
        if named:
            return named, verb
    return (phrase, verb) if phrase else None


def _before_verb(tokens: list[str], r: Rules) -> tuple[list[str], str] | None:
    """The subject of a reporting verb that closes `tokens` (before the quotation): "Jean
    Dupont a déclaré :", "Il a expliqué que", "Klug sagte:", "Dann sagte Klug:"."""
    colon = tokens[-1:] == [":"]
    while tokens and _bare(tokens[-1]) in {":", ",", "que", "qu", "dass", "daß"}:
        tokens = tokens[:-1]
    for index in range(len(tokens) - 1, max(-1, len(tokens) - 7), -1):
        if not r.verb(tokens[index]) or (index and tokens[index - 1][:1] == "-"):
            continue
        after = _phrase(tokens[index + 1 :], r)
        if after and (len(after) == len(tokens) - index - 1 or (r.compounds and index == 1)):
            return after, tokens[index]  # German "Dann sagte Klug:", "Schließlich schreibt X auf Y:"
        if index + 1 < len(tokens) and not after:
            continue  # "a déclaré à la presse" is fine; a verb inside other words is not
        back = index
        while back > 0 and (_bare(tokens[back - 1]) in r.auxiliaries or _bare(tokens[back - 1]) in r.adverbs):
            back -= 1
        subject: list[str] = []
        while back > 0 and len(subject) < 7:
            word = tokens[back - 1]
            low = word.lower()
            if word in ",;:()" or (_bare(low) in r.stops and _bare(low) not in r.determiners):
                break
            if _bare(low) in r.function_words and _bare(low) not in r.determiners and _bare(low) not in r.particles \
                    and low not in r.pronouns:
                break
            subject.insert(0, word)
            back -= 1
        subject = _phrase(subject, r)  # "eine Frau das eben sagte": "eine Frau"
        return (subject, tokens[index]) if subject else None
    if colon and len(tokens) <= 4 and tokens and all(_capital(t) for t in tokens):
        return tokens, ""  # "Merkel: „…“"
    return None


def _cue(tokens: list[str], r: Rules, opening_only: bool) -> tuple[list[str], str] | None:
    """ "selon X", "d'après X", "laut X" anywhere; "Pour X," and "Wie X sagte," opening it."""
    for index, token in enumerate(tokens):
        low = token.lower()
        if _bare(low) == "d" and index + 1 < len(tokens) and tokens[index + 1].lower() == "après":
            low, index = "d'après", index + 1
        if not opening_only and low in r.according:
            phrase = _phrase(tokens[index + 1 :], r)
            if phrase:
                return phrase, low
        if index == 0 and low in r.opening:
            phrase = _phrase(tokens[1:], r)
            if phrase and len(phrase) + 1 < len(tokens) and tokens[len(phrase) + 1] == ",":
                return phrase, ""
        if index == 0 and low in r.as_said:
            for end in range(2, min(len(tokens), 9)):
                if r.verb(tokens[end]) and tokens[end].islower():
                    return tokens[1:end], tokens[end]
    return None


# --- 1. the marks ----------------------------------------------------------------------------


def spans(doc: Document, r: Rules) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each outermost quotation, its marks and edge spaces left out."""
    closers: dict[str, str] = {}
    for opening, closing in r.pairs:
        closers[opening] = closers.get(opening, "") + closing
    marks = re.compile("[" + re.escape("".join(set(closers) | set("".join(closers.values())))) + "]")
    found: list[tuple[int, int, int]] = []
    pending: tuple[int, int, str] | None = None  # a quotation left open at a paragraph's end
    for index, paragraph in enumerate(doc.paragraphs):
        text = paragraph.text
        open_at: int | None = None
        start, first, opener = 0, index, ""
        if pending is not None:
            (start, first, opener), open_at, pending = pending, -1, None
        for match in marks.finditer(text):
            mark, at = match.group(), match.start()
            if open_at is None:
                if mark in closers and _opens(text, at):
                    open_at, opener, start, first = at, mark, paragraph.start + at + 1, index
            elif open_at < 0 and at == 0 and mark in closers and (mark == opener or mark not in closers[opener]):
                continue  # the running quotation's mark again on its new paragraph
            elif mark in closers[opener] and (open_at < 0 or at > open_at + 1):
                found.append(_trimmed(doc.text, start, paragraph.start + at, first))
                open_at = None
            elif mark == opener and mark in _UNAMBIGUOUS and open_at >= 0:
                open_at, start = at, paragraph.start + at + 1  # the earlier one was never closed
        if open_at is None:
            continue
        following = doc.paragraphs[index + 1].text if index + 1 < len(doc.paragraphs) else ""
        next_mark = marks.search(following)
        runs_on = bool(next_mark) and index - first < 5 and (
            (next_mark.start() == 0 and next_mark.group() in closers)
            or (opener in _UNAMBIGUOUS and next_mark.group() in closers[opener]))
        if open_at >= 0 and not text[open_at + 1 :].strip(_SPACES):
            runs_on = index - first < 5  # a mark alone at the paragraph's end (a page's layout)
        if runs_on:
            pending = (start, first, opener)
        elif opener in _UNAMBIGUOUS:
            found.append(_trimmed(doc.text, start, paragraph.end, first))  # never closed: to its end
    return [span for span in found if span[1] > span[0]]


def _opens(text: str, at: int) -> bool:
    """A mark that faces neither way (" “) opens only before a word; « „ ‚ ‹ » always do."""
    if text[at] in "«„‚‹»":
        return True
    after = text[at + 1 : at + 2]
    return bool(after) and after not in ",.;:!?)" and not (text[at] != '"' and after.isspace())


def _trimmed(text: str, start: int, end: int, paragraph: int) -> tuple[int, int, int]:
    while start < end and text[start] in _SPACES:
        start += 1
    while end > start and text[end - 1] in _SPACES:
        end -= 1
    return start, end, paragraph


# --- the pass --------------------------------------------------------------------------------


class _Attributor:
    def __init__(self, doc: Document, r: Rules) -> None:
        self.doc, self.r = doc, r
        self.last_person: str | None = None
        self.last_person_at = 0  # where the last named speaker's quotation starts
        self.at = 0  # where the current quotation starts
        self.last_source: dict[int, tuple[str | None, str, bool, str | None]] = {}
        self.closing = {closing for _, closing in r.pairs for closing in closing}

    def quote(self, start: int, end: int, paragraph: int) -> Quote:
        text, r = self.doc.text, self.r
        body = text[start:end]
        self.at = start
        left, right = self._left(start, paragraph), self._right(end)
        if len(body.split()) <= r.scare_max_words:
            return Quote(body, None, "scare", False, start, end)
        first = next((c for c in body if c.isalpha()), "")
        bare_left = left.rstrip(_SPACES + "«„‚‹»\"“")
        kind = "full" if first.isupper() and (not bare_left or bare_left.endswith((":", ","))) else "partial"
        found = self._source(left, right, paragraph)
        if found is None:
            return Quote(body, None, kind, False, start, end)
        speaker, mention, anonymous, verb = found
        self.last_source[paragraph] = found
        return Quote(body, speaker, kind, anonymous, start, end, verb=verb or None, mention=mention)

    def _source(self, left: str, right: str, paragraph: int) -> tuple[str | None, str, bool, str | None] | None:
        r = self.r
        right_tokens = _tokens(right)
        if right_tokens[:1] == [","]:
            right_tokens = right_tokens[1:]
        left_tokens = _tokens(left)
        for found in (_after_verb(right_tokens, r), _before_verb(left_tokens, r)):
            if found:
                source = self._speaker(*found)
                if source:
                    return source
        cue = _cue(left_tokens, r, False) or _cue(right_tokens, r, False)
        if cue:
            source = self._speaker(*cue)
            if source:
                return source
        if left_tokens[:1] == [","]:  # "« A », betont Haase, der sicher ist, dass « B »": the same clause
            found = _after_verb(left_tokens[1:], r)
            source = self._speaker(*found) if found else None
            if source:
                return source
        if left.rstrip(_SPACES).endswith(":") and left_tokens:
            opener = self._opening_subject(left_tokens)  # "Er freut sich, ... zu kommen: „…“"
            if opener:
                return opener
        if not left.strip(_SPACES + ",:«„\"“") and paragraph in self.last_source:
            return self.last_source[paragraph]  # « A », a-t-il dit. « B »
        if not left.strip(_SPACES) and paragraph - 1 in self.last_source and paragraph not in self.last_source:
            previous = self.doc.paragraphs[paragraph - 1].text.rstrip()
            if previous.endswith(":"):
                return self.last_source[paragraph - 1]
        return None

    def _opening_subject(self, tokens: list[str]) -> tuple[str | None, str, bool, str | None] | None:
        """The subject that opens a sentence introducing a quotation with a colon: a pronoun,
        or a name of two words or more followed by a lower-case verb."""
        if tokens[0].lower() in self.r.pronouns:
            return self._speaker(tokens[:1], "")
        run = _name_run(tokens[:4], self.r)
        if run and run[0] == 0 and run[1] >= 2 and run[1] < len(tokens) and tokens[run[1]].islower() \
                and all(_name_word(word, self.r) for word in tokens[: run[1]]):
            return self._speaker(tokens[: run[1]], "")
        return None

    def _speaker(self, words: list[str], verb: str) -> tuple[str | None, str, bool, str | None] | None:
        reading = _reading(words, self.r)
        if reading is None:
            return None
        shown, kind, anonymous = reading
        mention = _joined(words)
        if kind == "pronoun":
            person = self._antecedent() if shown.lower() in self._singular() else None
            return person, mention, False, verb
        if kind == "name":
            if self.r.compounds and " " not in shown and verb in self.r.according and self._full(shown) == shown:
                return None  # "laut Gesetz": a lone German noun, unless a person of that name is met
            shown = self._full(shown)
            if not shown.split()[0].lower() in self.r.determiners:
                self.last_person, self.last_person_at = shown, self.at  # a person, not "Le Parisien"
        return shown, mention, anonymous, verb

    def _antecedent(self) -> str | None:
        """The last person named as a speaker, or one named since ("Emmanuel Grégoire a
        tenu à répondre. « ... », s'est-il indigné")."""
        if self.r.compounds:
            return self.last_person  # every German noun is capitalised: a run of capitals is no name
        text = self.doc.text[self.last_person_at : self.at]
        named = None
        for match in _NAMES.finditer(text):
            words = _tokens(match.group())
            run = _name_run(words, self.r)
            before = _tokens(text[max(0, match.start() - 30) : match.start()])[-1:] + words[: run[0] if run else 0]
            if run and 2 <= run[1] - run[0] <= 3 and not (before and _bare(before[-1]) in self.r.function_words) \
                    and not match.group().isupper():
                named = " ".join(words[run[0] : run[1]])  # not "la Maison Blanche", "sur BFM Business"
        return named or self.last_person

    def _singular(self) -> set[str]:
        return {p for p in self.r.pronouns if p.lower() in {"il", "elle", "er", "sie"}}

    def _full(self, name: str) -> str:
        """A surname alone ("M. Dupont", "Klug") -> the fuller name met in the article."""
        parts = name.split()
        surname = parts[-1]
        if len(parts) > 2 or (len(parts) == 2 and parts[0] not in self.r.honorifics):
            return name
        for match in re.finditer(rf"\b([^\W\d_][\w\-]+) {re.escape(surname)}\b", self.doc.text):
            first = match.group(1)
            if _name_word(first, self.r) and first != surname:
                return f"{first} {surname}"
        return name

    def _left(self, start: int, paragraph: int) -> str:
        """The writer's sentence before the quotation's opening mark, from its start or the
        previous closing mark."""
        floor = max(self.doc.paragraphs[paragraph].start, start - _CONTEXT)
        text = self.doc.text[floor:start].rstrip(_SPACES)[:-1]  # without the opening mark
        last = max(text.rfind(mark) for mark in self.closing)
        text = text[last + 1 :]  # after an earlier quotation of the sentence
        ends = [m.end() for m in re.finditer(r"[.!?…](?=\s)", text) if not _abbreviation(text, m.start())]
        return text[ends[-1] :] if ends else text

    def _right(self, end: int) -> str:
        """The writer's sentence after the quotation's closing mark, to its end or the next mark."""
        text = self.doc.text[end : end + _CONTEXT].lstrip(_SPACES)[1:]  # after the closing mark
        for match in _SENTENCE_END.finditer(text):
            if match.group() == "\n" or not _abbreviation(text, match.start()):
                return text[: match.start()]
        stop = re.search(r"[«„“\"]", text)
        return text[: stop.start()] if stop else text


def _abbreviation(text: str, dot: int) -> bool:
    """A dot after "M", "Mme", an initial: no sentence ends there."""
    word = re.search(r"(\w+)$", text[:dot])
    return bool(word) and (len(word.group(1)) == 1 and word.group(1).isupper() or word.group(1) in {"MM", "Dr", "Prof"})


def extract(doc: Document) -> Quotes:
    """The article's quotations, by its language's data file."""
    from reports.analysis.quotes.quotes import stats

    r = rules(doc.language)
    attributor = _Attributor(doc, r)
    items = tuple(attributor.quote(start, end, paragraph) for start, end, paragraph in spans(doc, r))
    return Quotes(items=items, stats=stats(items, doc))
