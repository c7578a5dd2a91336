"""Quotations in a language other than English that has a data file (`lang/<code>/quotes.toml`).

The English pass (`quotes.py`) reads English syntax; French, German, Spanish and Italian report
speech their own way, so they get this smaller pass, driven by their data files:

1. marks (`localized_marks.py`): the language's pairs (`lang/<code>/words.toml`, [quotes]: « »
   and „ “, ‚ ‘, ‹ ›, » « ...) paired within a paragraph; Spanish dialogue dashes.
2. the source, in the writer's sentence: after the quotation an inverted verb ("a-t-il
   déclaré", "confie-t-elle", "sagte er") or a verb and its subject ("explique Jean Dupont",
   "sagte Klug", "so X"); before it "X a déclaré :" / "X sagte:" / "Dann sagte X:"; anywhere in
   the sentence "selon X", "d'après X", "laut X", an opening "Pour X," or "Wie X sagte,"; then
   the paragraph's previous source, for a quotation that follows another. Where the language
   drops the subject (Spanish, Italian: `pro_drop`), a reporting verb with none ("«...»,
   añadió.", "Poi ha aggiunto: «...»") is the last person named.
3. who can speak (`language_rules.speaks`): a name or a description of people, groups or
   documents; a pronoun is the last person of its gender met as a speaker or named since, a
   role ("le ministre") the person named with it earlier (`referents`). Anything else is no
   source: unattributed rather than absurd.
4. kind: a quotation of one or two words is a word named, not said (`scare`); one that opens
   with a capital after nothing or a colon is `full`; the rest `partial`.
"""

from __future__ import annotations

import re

from reports.analysis.quotes.language_rules import (
    Rules,
    bare,
    capital,
    given_gender,
    joined,
    name_run,
    name_word,
    reading,
    rules,
    speaks,
    supports,
    words_of,
)
from reports.analysis.quotes.localized_marks import SPACES as _SPACES
from reports.analysis.quotes.localized_marks import spans
from reports.analysis.quotes.referents import Referents
from reports.analysis.text import Document
from reports.models import Quote, Quotes

__all__ = ["extract", "rules", "speaks", "supports"]

_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"»“”]|$)|\n")
_INVERTED = re.compile(r"^(?P<verb>[^\W\d_]+(?:-[^\W\d_]+)*?)(?:-t)?-(?P<pronoun>[^\W\d_]+)$")
_INCISO = re.compile(r"\s[–—]\s?([^–—]{3,120}?)\s?[–—](?:\s|$)")  # « A – ha detto X – B »
_CONTEXT = 300  # characters of the writer's sentence looked at on either side


# --- 2. the source in the writer's sentence --------------------------------------------------

def _phrase(tokens: list[str], r: Rules) -> list[str]:
    """The noun phrase that opens `tokens`, up to punctuation, a stop word or a verb."""
    taken: list[str] = []
    for token in tokens[:8]:
        low = token.lower()
        if taken and taken[-1].endswith("-") and low in {"und", "oder", "et", "ou"}:
            taken.append(token)  # "Zoo- und Tierparkdirektor": one noun, its first part cut
            continue
        if token in ",;:()" or (bare(low) in r.stops and taken) or (taken and r.verb(token) and not capital(token)):
            break
        if not taken and bare(low) in r.stops and bare(low) not in r.determiners:
            break
        if taken and capital(taken[-1]) and token.islower() and bare(low) in r.determiners:
            if not (bare(low) in r.genitives and r.noun_of_speakers(taken[-1])):
                break  # "Bach den Berichtsband", "Facebook la police": the object, another phrase
            taken.append(token)  # "der Sprecher der Polizei": the role's complement
            continue
        if taken and not capital(token) and bare(low) not in r.determiners and bare(low) not in r.particles \
                and not r.noun_of_speakers(token) and not _head_follows(tokens[len(taken) + 1 :], r):
            break  # "laut Polizei war ...", "le ministre français" (not "l'ancien ministre")
        taken.append(token)
        if low in r.pronouns and len(taken) == 1:
            break
    while taken and (bare(taken[-1]) in r.determiners | r.particles | r.adverbs
                     or (not capital(taken[-1]) and not r.noun_of_speakers(taken[-1]) and len(taken) > 1
                         and taken[-1].lower() not in r.pronouns)):
        taken.pop()  # "a déclaré le ministre de" / "sagte Klug weiter"
    return taken


def _head_follows(tokens: list[str], r: Rules) -> bool:
    """A noun of speakers within the next two words: the word before it is an adjective."""
    return any(not capital(t) and r.noun_of_speakers(t) for t in tokens[:2])


def _skip_complements(rest: list[str], r: Rules) -> list[str]:
    """What follows a reporting verb before its subject: adverbs, days, ", tout sourire,",
    "à l'AFP", "auprès de l'AFP", "dans Le Parisien" ("a réagi dimanche auprès de l'AFP le
    maire")."""
    at = 0
    while at < len(rest):
        low = rest[at].lower()
        if low in r.adverbs or low in r.times or low.isdigit() or low in r.reflexives:
            at += 1  # "a affirmé lundi 8 avril le Premier ministre"
        elif rest[at] == "," and "," in rest[at + 1 : at + 6]:
            at = rest.index(",", at + 1) + 1  # ", tout sourire," / ", auprès de l'AFP,"
        elif low in r.complements:
            at += 1
            if at < len(rest) and bare(rest[at]) in {"de", "du", "des", "d"}:
                at += 1
            if at < len(rest) and bare(rest[at]) in r.determiners:
                at += 1
            at += 1  # the complement's noun
            if at + 1 < len(rest) and rest[at].islower() and bare(rest[at]) not in r.function_words \
                    and bare(rest[at + 1]) in r.determiners:
                at += 1  # its adjective: "au quotidien francilien l'humoriste", "au Canard enchaîné le service"
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
        if name_word(token, r) or (run and bare(token) in r.particles):
            run.append(token)
        else:
            break
    return run if len(run) >= 2 else None


def _after_verb(tokens: list[str], r: Rules, comma: bool = False) -> tuple[list[str], str] | None:
    """The subject after a reporting verb that opens `tokens` (after the quotation):
    "a-t-il déclaré", "confie-t-elle", "explique Jean Dupont", "sagte er", "so Klug". After a
    quotation and its comma the writer inverts whatever verb reports it, so there a verb the
    lists lack ("calme la directrice, Valérie Martin") counts when a person follows it."""
    if tokens[:1] and bare(tokens[0]) in {"s", "se"}:
        tokens = tokens[1:]  # "s'est-il indigné"
    while len(tokens) > 1 and bare(tokens[0]) in r.clitics and _INVERTED.match(tokens[1]):
        tokens = tokens[1:]  # "lui répond-t-elle", "l'avertit-elle"
    if not tokens:
        return None
    inverted = _INVERTED.match(tokens[0])
    if inverted and inverted.group("pronoun").lower() in r.pronouns:
        verb = inverted.group("verb")
        if r.verb(verb) or bare(verb) in r.auxiliaries or (comma and verb.islower()):
            after = [t for t in tokens[1:3] if bare(t) not in r.adverbs]  # "a-t-il également commenté"
            participle = after[0] if after and bare(verb) in r.auxiliaries else ""
            return [inverted.group("pronoun")], f"{tokens[0]} {participle}".strip()
    at = 0
    if bare(tokens[0]) in r.auxiliaries:
        at = 1
        while at < len(tokens) and bare(tokens[at]) in r.adverbs:
            at += 1
    if at >= len(tokens) or (at == 0 and capital(tokens[0])):
        return None
    unlisted = not r.verb(tokens[at])
    if unlisted and not (comma and tokens[at].islower() and bare(tokens[at]) not in r.function_words
                         and bare(tokens[at]) not in r.stops):
        return None
    verb = " ".join(tokens[: at + 1])
    rest = _skip_complements(tokens[at + 1 :], r)
    phrase = _phrase(rest, r)
    found = reading(phrase, r) if phrase else None
    if found and found[1] == "description" and any(r.person_noun(w) for w in phrase):
        named = _apposition(rest[len(phrase) :], r)
        if named:
            return named, verb
    after = rest[len(phrase) : len(phrase) + 4]
    described = after[:1] == [","] and any(r.person_noun(w) for w in after[1:])  # "Stefano, der Wirt"
    if unlisted and phrase and not (_a_person(phrase, r) or described):
        return None
    return (phrase, verb) if phrase else None


def _dropped(tokens: list[str], r: Rules) -> str:
    """The reporting verb, with no subject after it, that opens `tokens` where the language
    drops subjects ("«...», añadió.", "«...», ha poi aggiunto in conferenza stampa"); "" if none."""
    at = 0
    while at < len(tokens) and (bare(tokens[at]) in r.auxiliaries or bare(tokens[at]) in r.adverbs):
        at += 1
    if at >= len(tokens) or not r.verb(tokens[at]) or not tokens[at].islower():
        return ""
    rest = tokens[at + 1 :]
    alone = not rest or rest[0] in ",;:()" or bare(rest[0]) in r.stops or bare(rest[0]) in r.complements
    return " ".join(tokens[: at + 1]) if alone else ""


def _dropped_before(tokens: list[str], r: Rules) -> str:
    """The reporting verb, with no subject before it, that closes `tokens` ahead of the
    quotation ("Y añadió:", "Poi ha aggiunto:"); "" if none."""
    while tokens and bare(tokens[-1]) in {":", ","} | r.complementizers:
        tokens = tokens[:-1]
    if not tokens or not r.verb(tokens[-1]) or not tokens[-1].islower():
        return ""
    before = tokens[:-1]
    while before and (bare(before[-1]) in r.auxiliaries or bare(before[-1]) in r.adverbs):
        before = before[:-1]
    alone = not before or before[-1] in ",;:" or (len(before) == 1 and bare(before[0]) in r.function_words)
    return " ".join(t for t in tokens[len(before) :] if bare(t) not in r.adverbs) if alone else ""


def _a_person(phrase: list[str], r: Rules) -> bool:
    """A name of two words or more, or a description of a person."""
    found = reading(phrase, r)
    return found is not None and ((found[1] == "name" and " " in found[0])
                                  or (found[1] == "description" and any(r.person_noun(w) for w in phrase)))


def _before_verb(tokens: list[str], r: Rules) -> tuple[list[str], str] | None:
    """The subject of a reporting verb that closes `tokens` (before the quotation): "Jean
    Dupont a déclaré :", "Il a expliqué que", "Klug sagte:", "Dann sagte Klug:"."""
    colon = tokens[-1:] == [":"]
    while tokens and bare(tokens[-1]) in {":", ",", "que", "qu", "dass", "daß"} | r.complementizers:
        tokens = tokens[:-1]
    reach = 12 if r.complementizers else 7  # "X ha asegurado que el Gobierno «…»": the clause after "que"
    for index in range(len(tokens) - 1, max(-1, len(tokens) - reach), -1):
        if not r.verb(tokens[index]) or (index and tokens[index - 1][:1] == "-"):
            continue
        after = _phrase(tokens[index + 1 :], r)
        if r.compounds and index == 1 and name_word(tokens[0], r):
            return tokens[:1], tokens[index]  # "Gianni fragt Aaron:": the subject first, its object after
        if after and (len(after) == len(tokens) - index - 1 or (r.compounds and index == 1)):
            return after, tokens[index]  # German "Dann sagte Klug:", "Schließlich schreibt X auf Y:"
        reported = index + 1 < len(tokens) and bare(tokens[index + 1]) in r.complementizers
        if index + 1 < len(tokens) and not after and not reported:
            continue  # "a déclaré à la presse" is fine; a verb inside other words is not
        back = index
        while back > 0 and (bare(tokens[back - 1]) in r.auxiliaries or bare(tokens[back - 1]) in r.adverbs):
            back -= 1
        if r.relatives and back > 1 and tokens[back - 1] == ",":
            opened = max((i for i in range(back - 1) if tokens[i] == ","), default=-1)
            if opened > 0 and bare(tokens[opened + 1]) in r.relatives:
                back = opened  # "La ministra, que visitó la zona, dijo:": the clause is skipped
        subject: list[str] = []
        while back > 0 and len(subject) < 7:
            word = tokens[back - 1]
            low = word.lower()
            if word in ",;:()" or (bare(low) in r.stops and bare(low) not in r.determiners):
                break
            if bare(low) in r.function_words and bare(low) not in r.determiners and bare(low) not in r.particles \
                    and low not in r.pronouns:
                break
            subject.insert(0, word)
            back -= 1
        subject = _phrase(subject, r)  # "eine Frau das eben sagte": "eine Frau"
        return (subject, tokens[index]) if subject else None
    if colon and len(tokens) <= 4 and tokens and all(capital(t) for t in tokens):
        return tokens, ""  # "Merkel: „…“"
    return None


def _past_source_noun(tokens: list[str], r: Rules) -> list[str]:
    """ "laut Angaben der Polizei", "selon les informations du Parisien": the source is the
    complement of a noun of what was said."""
    at = 1 if tokens[:1] and bare(tokens[0]) in r.determiners else 0
    if at < len(tokens) - 2 and tokens[at].lower() in r.source_nouns and bare(tokens[at + 1]) in r.particles | r.genitives | {"du", "des", "d"}:
        rest = tokens[at + 2 :]
        if bare(tokens[at + 1]) == "du" and rest and capital(rest[0]):
            return ["le", *rest]  # "du Parisien": "Le Parisien"
        return rest
    return tokens


def _cue(tokens: list[str], r: Rules, opening_only: bool) -> tuple[list[str], str] | None:
    """ "selon X", "d'après X", "laut X" anywhere; "Pour X," and "Wie X sagte," opening it."""
    for index, token in enumerate(tokens):
        low = token.lower()
        if bare(low) == "d" and index + 1 < len(tokens) and tokens[index + 1].lower() == "après":
            low, index = "d'après", index + 1
        for cue in r.according_phrases:  # "de acuerdo con X", "a juicio de X"
            if not opening_only and [bare(t) for t in tokens[index : index + len(cue)]] == list(cue):
                phrase = _phrase(tokens[index + len(cue) :], r)
                if phrase:
                    return phrase, " ".join(cue)
        if not opening_only and low in r.according:
            phrase = _phrase(_past_source_noun(tokens[index + 1 :], r), r)
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


def _unclosed_end(text: str, start: int, stop: int, r: Rules) -> int | None:
    """Where a quotation the writer never closed ends, when another opens after it: at a comma
    that a reporting clause follows ("„Wie könnt ihr ... rufen, echauffierte sich einst X, der
    ... „La Farfalla!“"), else at the end of the sentence before the next one; None when the
    next one opens in the same sentence and nothing shows where the first ends."""
    for comma in re.finditer(",", text[start:stop]):
        tokens = words_of(text[start + comma.end() : stop])
        if tokens and tokens[0].islower() and (_after_verb(tokens, r, comma=True)
                                                or any(name_word(t, r) for t in tokens[1:4])):
            return start + comma.start()
    ends = [m.end() for m in _SENTENCE_END.finditer(text[start:stop])]
    return start + ends[-1] if ends else None


# --- the pass --------------------------------------------------------------------------------


class _Attributor:
    def __init__(self, doc: Document, r: Rules) -> None:
        self.doc, self.r = doc, r
        self.at = 0  # where the current quotation starts
        self.last_source: dict[int, tuple[str | None, str, bool, str | None]] = {}
        self.people = Referents(doc, r)
        self.closing = {closing for _, closing in r.pairs for closing in closing}

    def quote(self, start: int, end: int, paragraph: int) -> Quote:
        text, r = self.doc.text, self.r
        body = text[start:end]
        self.at = start
        left, right = self._left(start, paragraph), self._right(end)
        if len(body.split()) <= r.scare_max_words and not (r.short_said and self._said_short(body, right)):
            return Quote(body, None, "scare", False, start, end)
        first = next((c for c in body if c.isalpha()), "")
        bare_left = left.rstrip(_SPACES + "«„‚‹»\"“")
        kind = "full" if first.isupper() and (not bare_left or bare_left.endswith((":", ","))) else "partial"
        found = self._source(left, right, paragraph) or (self._inciso(body) if r.incisos else None)
        if found is None:
            return Quote(body, None, kind, False, start, end)
        speaker, mention, anonymous, verb = found
        self.last_source[paragraph] = found
        return Quote(body, speaker, kind, anonymous, start, end, verb=verb or None, mention=mention)

    def _said_short(self, body: str, right: str) -> bool:
        """A short quotation that opens with a capital and is followed by its comma and a
        reporting verb is said, not a word named ("«Se acabó», escribió ...")."""
        tokens = words_of(right)
        if tokens[:1] != [","] or not body[:1].isupper():
            return False
        rest = [t for t in tokens[1:4] if bare(t) not in self.r.auxiliaries and bare(t) not in self.r.adverbs]
        return bool(rest) and self.r.verb(rest[0])

    def _inciso(self, body: str) -> tuple[str | None, str, bool, str | None] | None:
        """The source set between dashes inside the quotation («Siamo pronti – ha detto il
        ministro – a trattare»), as Italian and Spanish newspapers write it."""
        match = _INCISO.search(body)
        if match is None:
            return None
        found = _after_verb(words_of(match.group(1)), self.r, True)
        return self._speaker(*found) if found else None

    def _source(self, left: str, right: str, paragraph: int) -> tuple[str | None, str, bool, str | None] | None:
        r = self.r
        right_tokens = words_of(right)
        comma = right_tokens[:1] == [","]
        if comma:
            right_tokens = right_tokens[1:]
        left_tokens = words_of(left)
        for found in (_after_verb(right_tokens, r, comma), _before_verb(left_tokens, r)):
            if found:
                source = self._speaker(*found)
                if source:
                    return source
        dropped = r.pro_drop and ((comma and _dropped(right_tokens, r)) or _dropped_before(left_tokens, r))
        if dropped:
            person = self.people.antecedent(self.at, None)  # "«...», añadió." / "Y añadió: «...»": the last one named
            if person:
                return person, "", False, dropped
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
        if paragraph in self.last_source and all(bare(t) in r.function_words or t in ",;:" for t in left_tokens):
            return self.last_source[paragraph]  # « A », a-t-il dit. « B »; « A » mais « B »
        if not left.strip(_SPACES) and paragraph not in self.last_source and paragraph:
            previous = self.doc.paragraphs[paragraph - 1].text.rstrip()
            if previous.endswith(":"):
                return self.last_source.get(paragraph - 1) or self._introduced(previous)
        return None

    def _introduced(self, paragraph: str) -> tuple[str | None, str, bool, str | None] | None:
        """The speaker of a paragraph that ends with a colon and opens a quotation below it:
        "Dann schreibt Aron ihm:", "Le ministre a déclaré :"."""
        sentence = re.split(r"(?<=[.!?…])\s+", paragraph.strip())[-1]
        tokens = words_of(sentence)
        found = _before_verb(tokens, self.r) if tokens else None
        source = self._speaker(*found) if found else None
        return source or (self._opening_subject(tokens[:-1]) if len(tokens) > 1 else None)

    def _opening_subject(self, tokens: list[str]) -> tuple[str | None, str, bool, str | None] | None:
        """The subject that opens a sentence introducing a quotation with a colon: a pronoun,
        or a name of two words or more followed by a lower-case verb."""
        if tokens[0].lower() in self.r.pronouns:
            return self._speaker(tokens[:1], "")
        run = name_run(tokens[:4], self.r)
        if run and run[0] == 0 and run[1] >= 2 and run[1] < len(tokens) and tokens[run[1]].islower() \
                and all(name_word(word, self.r) for word in tokens[: run[1]]):
            return self._speaker(tokens[: run[1]], "")
        return None

    def _speaker(self, words: list[str], verb: str) -> tuple[str | None, str, bool, str | None] | None:
        found = reading(words, self.r)
        if found is None:
            return None
        shown, kind, anonymous = found
        mention = joined(words)
        if kind == "pronoun":
            want = self.r.gender_of_pronoun(shown)
            person = self.people.antecedent(self.at, want) if shown.lower() in self._singular() else None
            if person:
                self.people.spoke(self.at, person, want)
            return person, mention, False, verb
        gender = self.r.gender_of(words) or (given_gender(shown) if kind == "name" else None)
        if kind == "name":
            if self.r.compounds and " " not in shown and verb in self.r.according and self.people.full(shown) == shown:
                return None  # "laut Gesetz": a lone German noun, unless a person of that name is met
            shown = self.people.full(shown)
            if not shown.split()[0].lower() in self.r.determiners:
                self.people.spoke(self.at, shown, gender)  # a person, not "Le Parisien"
        elif not anonymous:
            named = self.people.named_role(self.at, words)
            if named:
                shown = named  # "le ministre" -> the minister named earlier
                gender = gender or given_gender(named)
            self.people.spoke(self.at, shown, gender)
        return shown, mention, anonymous, verb

    def _singular(self) -> frozenset[str]:
        return self.r.singular

    def _left(self, start: int, paragraph: int) -> str:
        """The writer's sentence before the quotation's opening mark, from its start or the
        previous closing mark."""
        floor = max(self.doc.paragraphs[paragraph].start, start - _CONTEXT)
        text = self.doc.text[floor:start].rstrip(_SPACES)[:-1]  # without the opening mark
        closing = self.closing
        if self.r.dialogue and self.doc.paragraphs[paragraph].text.startswith(self.r.dialogue):
            closing = closing | {self.r.dialogue}  # "—A —dijo X—. B": B follows the narrator's dash
        last = max(text.rfind(mark) for mark in closing)
        text = text[last + 1 :]  # after an earlier quotation of the sentence
        ends = [m.end() for m in re.finditer(r"[.!?…](?=\s)", text) if not _abbreviation(text, m.start(), self.r)]
        return text[ends[-1] :] if ends else text

    def _right(self, end: int) -> str:
        """The writer's sentence after the quotation's closing mark, to its end or the next mark."""
        text = self.doc.text[end : end + _CONTEXT].lstrip(_SPACES)
        closed = text[:1] in self.closing
        text = text[1:] if closed else text  # after the closing mark, if the writer set one
        if closed and re.search(r"[.!?…]$", self.doc.text[:end].rstrip(_SPACES)) and text.lstrip(_SPACES)[:1].isupper():
            return ""  # „… vorbereitet.“ Laut Studie …: the quotation closed the writer's sentence
        stop = re.search(r"[«„“\"»]", text)  # the next quotation ("A", "B", ...)
        text = text[: stop.start()] if stop else text
        for match in _SENTENCE_END.finditer(text):
            if match.group() == "\n" or not _abbreviation(text, match.start(), self.r):
                return text[: match.start()]
        return text


def _abbreviation(text: str, dot: int, r: Rules) -> bool:
    """A dot after "M", "Sr", an initial: no sentence ends there."""
    word = re.search(r"(\w+)$", text[:dot])
    return bool(word) and (len(word.group(1)) == 1 and word.group(1).isupper() or word.group(1) in {"MM", "Dr", "Prof"}
                           or word.group(1) + "." in r.honorifics)


def extract(doc: Document) -> Quotes:
    """The article's quotations, by its language's data file."""
    from reports.analysis.quotes.quotes import stats

    r = rules(doc.language)
    attributor = _Attributor(doc, r)
    items = tuple(attributor.quote(start, end, paragraph) for start, end, paragraph in spans(doc, r, _unclosed_end))
    return Quotes(items=items, stats=stats(items, doc))
