"""Whether a quotation's source can speak at all: unattributed is better than absurd.

A source is a person, a group or organisation, a role or description of people ("officials",
"a source close to"), a document or publication ("the report says"), or a pronoun resolved to
one of these. A resolved speaker is read in two ways:

- a description (it opens with a lower-case word or a determiner: "a low voice", "the
  report", "thousands"): its head noun, the last word before "of", "to", "who" ... and any
  trailing participle or adverb, must be a noun of people, groups or documents, an agent noun
  ("planners", "economist") or a name ("the Daily Ledger"); not "his Facebook page", "one such
  spying application", "the end of the talks", nor a title after a possessive ("My Struggle").
  A word of quantity is looked through: "a raft of articles" is articles, "one of his aides"
  aides;
- a name (capitalised words): not a quantity, a date or a page's furniture ("Thousands",
  "FULL TEXT"), not a place written short ("Va"), not an opening phrase ("On Social Security"), and a lone word must be a name by the
  article's evidence (`Names`): capitalised mid-sentence somewhere, or never written in lower
  case and not shaped like a sentence's first word ("Practice", "Using", "Repeatedly"), nor a
  thing named by a letter ("T-shirt", "X-ray").

The article's entity kinds (`reports.analysis.entities`) were tried as more evidence for a
lone word: they cost more than the whole quotation pass and are no surer than the evidence
above, so they are not asked.

The words are data, one file per language (`lang/en/quotes.toml`); this module is the small code that
applies them. Used as a feature of the chooser's candidates and as a gate on what is chosen.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["Lexicon", "Names", "can_speak", "descriptions", "genders", "lexicon", "shown"]

_DETERMINERS = {"a", "an", "the", "one", "some", "several", "many", "most", "other", "another",
                "his", "her", "their", "its", "our", "my", "your", "these", "those", "this", "that",
                "both", "two", "three", "four", "five", "no", "each", "all", "any", "every"}
_EDGE = " .,;:!?\"“”‘’'()[]"


@dataclass(frozen=True)
class Lexicon:
    """One language's words for who can speak (`lang/<code>/quotes.toml`, section `can_speak`)."""

    nouns: frozenset[str]  # people, groups and organisations, documents
    kinds: dict[str, str]  # each of those nouns -> "people", "groups" or "documents"
    pronouns: frozenset[str]
    agent_endings: tuple[str, ...]
    not_agents: frozenset[str]
    not_alone: frozenset[str]
    not_names: frozenset[str]
    abbreviations: frozenset[str]
    people_endings: tuple[str, ...]
    not_people: frozenset[str]
    people_determiners: frozenset[str]
    head_ends: frozenset[str]  # words that end a description's noun phrase: "of", "to", "who"
    quantities: frozenset[str]  # "a raft of", "one of": the head is what follows "of"
    conjunctions: frozenset[str]  # "and", "or": a description of two, either of which may speak
    not_heads: frozenset[str]  # adverbs and participles that trail a head: "further", "known"
    possessives: frozenset[str]  # "his", "my": a capitalised head after them is a title, no name
    gender_titles: dict[str, str]  # "mr" -> "he", "ms" -> "she"
    qualifiers: frozenset[str] = frozenset()  # "afghan", "muslim", "web": no one alone
    not_first: frozenset[str] = frozenset()  # "on", "amid": they open a phrase, never a name
    numbers: frozenset[str] = frozenset()  # "one", "eleven": a count, no one by itself
    dates: frozenset[str] = frozenset()  # "Friday", "November": a date, never a name, though capitalised
    adjectival: frozenset[str] = frozenset()  # "official", "chief": after "its" alone, a cut phrase
    place_endings: tuple[str, ...] = ()  # "city": a name ending so is a place ("Mexico City")


@lru_cache(maxsize=8)
def lexicon(lang: str = "en") -> Lexicon:
    raw = resources.files("reports.analysis.lang").joinpath(lang, "quotes.toml").read_text(encoding="utf-8")
    data = tomllib.loads(raw)["can_speak"]
    return Lexicon(
        nouns=frozenset(w.lower() for key in ("people", "groups", "documents", "indefinite_people") for w in data[key]),
        kinds={w.lower(): key for key in ("documents", "groups", "people") for w in data[key]},
        pronouns=frozenset(data["pronouns"]),
        agent_endings=tuple(data["agent_endings"]),
        not_agents=frozenset(data["not_agents"]),
        not_alone=frozenset(data["not_alone"]),
        not_names=frozenset(data["not_names"]),
        abbreviations=frozenset(data["abbreviations"]),
        people_endings=tuple(data["people_endings"]),
        not_people=frozenset(data["not_people"]),
        people_determiners=frozenset(data["people_determiners"]),
        head_ends=frozenset(data["head_ends"]),
        quantities=frozenset(data["quantities"]),
        possessives=frozenset(data["possessives"]),
        conjunctions=frozenset(data["conjunctions"]),
        not_heads=frozenset(data["not_heads"]),
        gender_titles={t: pronoun for pronoun, titles in tomllib.loads(raw)["gender"].items() for t in titles},
        qualifiers=frozenset(data["qualifiers"]) | _demonyms(lang),
        not_first=frozenset(data.get("not_first", ())),
        numbers=frozenset(data.get("numbers", ())) | _number_words(lang),
        adjectival=frozenset(data.get("adjectival", ())),
        dates=frozenset(data.get("dates", ())),
        place_endings=tuple(data.get("place_endings", ())),
    )


def _demonyms(lang: str) -> frozenset[str]:
    """The language's nationality and region words, kept once in `reports/analysis/lang`."""
    from reports.analysis import lang as languages

    return languages.rules(lang).demonyms


def _number_words(lang: str) -> frozenset[str]:
    """The language's numbers written as words ("eleven", "twenty"), kept once in `words.toml`."""
    from reports.analysis import lang as languages

    return frozenset(languages.rules(lang).number_words)


_MID_SENTENCE_CAPITAL = re.compile(r"[A-Z](?:(?<=[\w,;)] [A-Z])|(?<=\b[A-Z]\. [A-Z]))[\w’'\-]*")
_LETTER_THEN_WORD = re.compile(r"[A-Z]-[a-z]+")
_CAMEL = re.compile(r"[a-z][A-Z]")  # "DonaldTrump", "HuffPost": a handle's shape, or a brand's
_OPENING_SHAPE = re.compile(r"\w+(?:ing|ly)$")


# a lower-case word whole: not inside a longer word, nor followed by more of one
_LOWER_SHAPE = re.compile(r"[a-z][\w’'\-]*")


def _word_edge(char: str) -> bool:
    return char.isalnum() or char in "_’'-"  # what `[\w’'\-]` matches


def genders(text: str, lang: str = "en") -> dict[str, str]:
    """Surname -> "he" or "she", from the titles the article gives ("Mr. Park", "Ms. Lee");
    a surname given both is left out."""
    titles = lexicon(lang).gender_titles
    if not _title_forms(lang).search(text):
        return {}  # no title written as the pattern takes one ("Mr", "Ms"): the scan finds none
    found: dict[str, str] = {}
    for match in _TITLED.finditer(text):
        pronoun = titles.get(match.group(1).lower())
        if pronoun:
            surname = match.group(2).lower()
            found[surname] = pronoun if found.get(surname, pronoun) == pronoun else ""
    return {k: v for k, v in found.items() if v}


@lru_cache(maxsize=8)
def _title_forms(lang: str) -> re.Pattern[str]:
    """The gender titles as `_TITLED` can meet them: an ASCII capital, then lower-case ASCII
    letters ("Mr"); no other form of a title can be its first group. One pattern of them all,
    so that an article is scanned once rather than once per title (`re` skips to a letter that
    can open one)."""
    forms = [title.capitalize() for title in lexicon(lang).gender_titles
             if title.isascii() and title.isalpha() and title.islower()]
    return re.compile("|".join(map(re.escape, forms)) or "(?!)")


# The title's capital first and its word boundary looked back at after it (the same matches
# as "\b([A-Z][a-z]+)..."), so that `re` skips to the next capital instead of trying every place.
_TITLED = re.compile(r"([A-Z](?<!\w[A-Z])[a-z]+)\.?\s+(?:[A-Z][\w’'\-]*\s+){0,2}?([A-Z][\w’'\-]+)\b(?!\s+[A-Z])")


class Names:
    """The article's evidence for a lone capitalised word, gathered once when first asked:
    `proper(word)`, the text capitalises it mid-sentence ("said Ada Park"); `lower(word)`, the
    text writes it in lower case somewhere ("practice")."""

    def __init__(self, text: str, proper: Callable[[], set[str]] | None = None) -> None:
        self._text = text
        self._proper_words = proper
        self._seen: set[str] | None = None
        self._lower: dict[str, bool] = {}
        self._folded: str | None = None  # the text in lower case, for `handle`
        self.verdicts: dict[str, bool] = {}  # can_speak's answers in this article, by speaker

    def proper(self, word: str) -> bool:
        if self._seen is None:
            self._seen = self._proper_words() if self._proper_words else set(_MID_SENTENCE_CAPITAL.findall(self._text))
        return not {word, f"{word}’s", f"{word}'s"}.isdisjoint(self._seen)

    def lower(self, word: str) -> bool:
        # Looked for word by word: an article asks about a few words, and listing every
        # lower-case word of it cost more than all the searches.
        low = word.lower()
        found = self._lower.get(low)
        if found is None:
            found = self._lower[low] = bool(_LOWER_SHAPE.fullmatch(low)) and self._whole(low)
        return found

    def standalone(self, word: str) -> bool:
        """`word` written somewhere on its own: not only inside a handle or a hashtag
        ("@realDonaldTrump", "#MakeAmericaGreatAgain")."""
        text = self._text
        at = text.find(word)
        while at >= 0:
            if not (at and (_word_edge(text[at - 1]) or text[at - 1] in "@#")):
                return True
            at = text.find(word, at + 1)
        return False

    def placed(self, word: str) -> bool:
        """`word` written after "in" or "near" somewhere, as a place is ("in Benghazi"), and
        not as an owner ("in Ada's view")."""
        text = self._text
        for lead in ("in ", "near "):
            at = text.find(lead + word)
            while at >= 0:
                end = at + len(lead) + len(word)
                if not (at and _word_edge(text[at - 1])) and not (end < len(text) and (_word_edge(text[end]))):
                    return True
                at = text.find(lead + word, at + 1)
        return False

    def handle(self, name: str) -> bool:
        """A name of several words that the text writes only run together, as a handle
        ("Real Donald Trump" from "@realDonaldTrump")."""
        if self._folded is None:
            self._folded = self._text.lower()
        return name not in self._text and "".join(name.split()).lower() in self._folded

    def _whole(self, low: str) -> bool:
        """`low` in the text with no word character, apostrophe or hyphen on either side."""
        text = self._text
        at = text.find(low)
        while at >= 0:
            end = at + len(low)
            if not (at and _word_edge(text[at - 1])) and not (end < len(text) and _word_edge(text[end])):
                return True
            at = text.find(low, at + 1)
        return False


def can_speak(speaker: str | None, names: Names | None = None, lang: str = "en") -> bool:
    """True when `speaker` (as resolved) can be a source. `names`: the article's evidence
    for a lone capitalised word; without it, a lone capitalised word that is no function word
    passes by its shape."""
    if names is None:
        return _can_speak(speaker, None, lang)
    verdict = names.verdicts.get(speaker or "")
    if verdict is None:
        verdict = names.verdicts[speaker or ""] = _can_speak(speaker, names, lang)
    return verdict


def _can_speak(speaker: str | None, names: Names | None, lang: str) -> bool:
    speaker = speaker or ""
    if names is not None and _handle(speaker, names):
        return False
    verdict = _verdict(speaker, lang)
    if isinstance(verdict, bool):
        return verdict
    word, shaped_out = verdict  # a lone capitalised word: the article's evidence decides
    if names is not None and names.proper(word):
        return True  # "said Will", "Al From": a name, though also an English word
    if shaped_out:
        return False  # "Thousands", "Why", "Using", "Repeatedly": a sentence's first word
    return names is None or not names.lower(word)  # never written in lower case: a name


def _handle(speaker: str, names: Names) -> bool:
    """A handle or a hashtag, or a name made of one: "DonaldTrump" from "@realDonaldTrump",
    "MakeAmericaGreatAgain" from its hashtag, "Real Donald Trump" never written apart."""
    if " " in speaker.strip():
        return names.handle(speaker)
    word = speaker.strip(_EDGE)
    return bool(_CAMEL.search(word)) and not names.standalone(word)


# The same speakers come back in every article ("officials", a president's name): what the
# words alone decide is decided once per process.
@lru_cache(maxsize=16384)
def _verdict(speaker: str, lang: str) -> bool | tuple[str, bool]:
    """can_speak from the words alone, or (word, shaped_out) for a lone capitalised word that
    needs the article's evidence (`_name`)."""
    words = [w.strip(_EDGE) for w in speaker.split()]
    words = [w for w in words if w]
    if not words:
        return False
    words[-1] = _unpossessed(words[-1])
    words = [w for w in words if w]
    if not words:
        return False
    lex = lexicon(lang)
    first = words[0]
    if not first[:1].isupper() or first.lower() in _DETERMINERS:
        return _description(words, lex)
    return _name(words, lex)


# the look-ahead lets `re` skip to a letter (the same matches)
_DESCRIPTION = re.compile(r"(?=[A-Za-z])\b(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur|[Tt]his|[Tt]hat)"
                          r"((?:\s+[a-z][\w’'\-]*){1,3})")


def descriptions(text: str, start: int, end: int, lang: str = "en") -> list[tuple[int, str]]:
    """Lower-case descriptions that can speak, after a determiner, in text[start:end]: "the
    crowd", "her husband", "a conservative website", "the newspaper’s editorial" (the longest
    run of up to three words whose last is a noun of people, groups or documents)."""
    nouns = lexicon(lang).kinds
    found = []
    for match in _DESCRIPTION.finditer(text, start, end):
        words = match.group(1).split()
        for count in range(len(words), 0, -1):
            head = words[count - 1]
            if head in nouns or (head.endswith("s") and head[:-1] in nouns):
                phrase_end = match.start(1) + match.group(1).index(head) + len(head)
                found.append((match.start(), text[match.start() : phrase_end]))
                break
    return found


def shown(speaker: str | None, mention: str | None, names: Names | None = None) -> str | None:
    """The speaker to show: as resolved when it can speak; else the source as written when that
    can ("The" cut from "The famously gruff senator"); else nobody."""
    if speaker is None:
        return None
    written = bool(mention) and not _is_pronoun(mention or "")
    if not written and " " in speaker and _place(speaker, names):
        return None  # "he" resolved to "New Hampshire": a place is no one's antecedent
    if can_speak(speaker, names) and not (written and _place(speaker, names)):
        return speaker
    if written and mention != speaker and can_speak(mention, names) and not _place(mention or "", names):
        return mention
    return None


def _place(name: str, names: Names | None) -> bool:
    """A state or a city written as the source ("San Bernardino", "Benghazi"): no government's
    voice. A country or a capital may speak as its government ("the United States said"). A
    name of several words is a place when the gazetteer (`reports.analysis.gazetteer`) says so;
    one word, often a surname too ("Warren"), when the article also writes it after "in"."""
    words = name.strip(_EDGE).split()
    if not words or not all(w[:1].isupper() for w in words):
        return False
    if len(words) == 1 and (names is None or not names.placed(words[0])):
        return False
    return _city_or_state(" ".join(words))


@lru_cache(maxsize=4096)
def _city_or_state(name: str) -> bool:
    from reports.analysis.gazetteer import fold, lookup

    return 0 < lookup().places.get(fold(name), 0) < 3


def _is_pronoun(mention: str) -> bool:
    return mention.lower().strip(_EDGE) in lexicon().pronouns


def _unpossessed(word: str) -> str:
    for ending in ("’s", "'s"):
        if word.endswith(ending):
            return word[: -len(ending)]
    return word.rstrip("’'")


def _description(words: list[str], lex: Lexicon) -> bool:
    """'a source close to', 'the report', 'officials', 'an aide to Ada Park': its head noun can
    speak, or is a name ("the Daily Ledger"); not 'his Facebook page', 'the end of the talks'."""
    if len(words) == 1 and words[0].lower() in lex.pronouns:
        return True  # left as written: the caller resolves it or shows no speaker
    if len(words) > 1 and words[0].lower() in lex.people_determiners and words[1].islower():
        return True  # "those surveyed": the people who were
    if len(words) == 2 and words[0].lower() in lex.possessives and words[1].lower() in lex.adjectival:
        return False  # "its official": cut from "its official account", no one's role alone
    if len(words) == 1 and words[0][:1].isupper() and words[0].lower() in lex.numbers:
        return False  # "One" cut from "One Sunday"; in lower case the indefinite pronoun ("read one")
    head, rest = _head(words, lex)
    if head[:1].isupper() and head.lower() not in lex.not_alone and head.lower() not in _DETERMINERS:
        # "the Daily Ledger", "many Republicans"; all capitals after a possessive are a work's
        # title ("My Struggle"), but "his nephew Ada Park" is a name
        return words[0].lower() not in lex.possessives or not all(w[:1].isupper() for w in words[1:])
    if rest[:1] and rest[0].lower() in lex.conjunctions and rest[1:] and _description(rest[1:], lex):
        return True  # "the board and its lawyers": either can speak
    if head.lower() in lex.quantities and rest[:1] and rest[0].lower() == "of" and rest[1:]:
        # "a raft of articles", "one of his aides": look through; "a group of 32 national security"
        return _description(rest[1:], lex) or _noun_can_speak(head.lower(), lex)
    return _noun_can_speak(head.lower(), lex)


def _head(words: list[str], lex: Lexicon) -> tuple[str, list[str]]:
    """The head word of a description and what follows it: the last word before a word that
    ends the noun phrase ("of", "to", "close", "who"), over a trailing participle, adverb or
    date ("officials briefed on", "a poll released Thursday", "the director further")."""
    end = next((i for i, w in enumerate(words) if i and w.lower() in lex.head_ends), len(words))
    index = end - 1
    while index > 0 and _trailing(words[index].lower(), lex) and words[index - 1].lower() not in _DETERMINERS:
        index -= 1
    return words[index], words[end:]


def _trailing(low: str, lex: Lexicon) -> bool:
    """A word that follows a description's head rather than being it: a participle, an adverb,
    a day ("released", "known", "further", "Thursday")."""
    if low in lex.quantities or _noun_can_speak(low, lex):
        return False  # "at least half of voters": "half" is looked through, not passed over
    return low.endswith(("ed", "ing", "ly")) or low in lex.not_heads or low in lex.not_alone


def _noun_can_speak(low: str, lex: Lexicon) -> bool:
    if low in lex.not_alone:
        return False
    if low.endswith(lex.people_endings) and low not in lex.not_people:
        return True  # "radioman", "the 46-year-old"
    for form in _singulars(low):
        if form in lex.nouns:
            return True
        if len(form) > 4 and form.endswith(lex.agent_endings) and form not in lex.not_agents:
            return True
    return False


def _singulars(low: str) -> tuple[str, ...]:
    """The word and its singulars ("officials" -> "official", "witnesses" -> "witness")."""
    if low.endswith("ies") and len(low) > 4:
        return low, low[:-3] + "y"
    if low.endswith("es"):
        return low, low[:-1], low[:-2]
    if low.endswith("s") and not low.endswith("ss"):
        return low, low[:-1]
    return (low,)


def _name(words: list[str], lex: Lexicon) -> bool | tuple[str, bool]:
    """'Ada Park', 'the Daily Ledger', 'ACLU': not 'Thousands', 'FULL TEXT', 'Va', 'Practice'."""
    lows = [w.lower().rstrip(".") for w in words]
    if len(words) > 1 and all(w.isupper() for w in words):
        return False  # a headline's capitals ("EDITOR'S NOTE"), no name
    if len(words) > 1:
        if lows[0] in lex.not_first:
            return False  # "On Social Security", "Unless Further Notice": a sentence's opening phrase
        if any(low in lex.pronouns for low in lows[1:]):
            return False  # "Suddenly I", "Am I": a sentence's opening words and a pronoun, no name
        if lows[-1] in lex.place_endings:
            return False  # "Mexico City": a place, whose government speaks by its country's name
        if words[0].endswith(("’s", "'s")) and all(w.islower() for w in words[1:]):
            return _description(words[1:], lex)  # "FBI's spokesman", not "FBI's bad rep"
        return not all(low in lex.not_alone or low in lex.not_names or low in lex.qualifiers or low.isdigit()
                       for low in lows)  # not "Turkish Cuban": qualifiers only
    word, low = words[0], lows[0]
    if low in lex.abbreviations:
        return False  # "Va", "Calif.": a place written short
    if low in lex.numbers or low in lex.dates or low.isdigit():
        return False  # "Eleven", "November": a count or a date, though capitalised mid-sentence
    if _LETTER_THEN_WORD.fullmatch(word):
        return False  # "T-shirt", "X-ray", "U-turn": a thing named by a letter's shape, no name
    acronym = len(word) > 1 and word.isupper()
    if low in lex.qualifiers and not acronym:
        return False  # "Afghan", "Muslim", "Republican": a word alone that qualifies someone unnamed
    if low in lex.pronouns or _noun_can_speak(low, lex):
        return True  # "Officials said", "Spokesman Ada Park"
    if acronym:
        # an acronym ("ACLU", "NATO"), not a headline's word in capitals ("HOW")
        return low not in lex.not_names and low not in lex.not_alone
    # the rest asks the article (`_can_speak`): is the word capitalised mid-sentence, is its
    # shape a sentence's first word's, is it written in lower case somewhere
    shaped_out = low in lex.not_alone or low in lex.not_names or low.isdigit() or bool(_OPENING_SHAPE.fullmatch(low))
    return word, shaped_out

