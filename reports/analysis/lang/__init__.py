"""Each language's words and marks, read from one folder per language beside this module.

The analysis asks `rules(code)` for what it needs (stop words, titles, months, number formats,
quotation marks, time words, which readability formulas exist), so a language is added by
adding its folder, not by editing code, as dateparser and pysbd keep their language data. A
language without one gets `generic(code)`: no word lists and no readability formulas, so
nothing English is ever applied to it by default.

`lang/<code>/` holds every fact the analysis keeps about the language, in one file per stage
that reads it: `words.toml` (this module: words, months, numbers, figures, the timeline's
words, marks, sentences, syllables), `quotes.toml` (quotes/: who can speak, reporting verbs,
speaker rules) with the verb forms in `quote_verbs.txt` (French by bench/french_quote_verbs.py,
Spanish and Italian by bench/romance_quote_verbs.py), `entities.toml` (entities/: the words
around names) and `places.toml` (entities/places.py: the words around places). One folder rather
than one merged file: each file is a long list already, and merged the entity
lists (top-level keys today) would move into an `[entities]` table with a `titles` unlike
`[words] titles` beside it; in one folder a language's data is in one place, and each stage
still reads a file of its own shape.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Syllables:
    """How to count a word's spoken syllables as its vowel groups (see readability_lang.py)."""

    vowels: frozenset[str]
    split_pairs: frozenset[str]  # two vowels that belong to two syllables ("éa": "ré-a-li-té")
    strong: frozenset[str]  # vowels of which any two side by side are two syllables (Spanish "o-cé-a-no")
    silent_u_after: frozenset[str]  # "u" after these, before a vowel, is no vowel ("quatre")
    silent_endings: tuple[str, ...]  # endings with a mute vowel after a consonant ("élève")


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    stop_words: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    demonyms: frozenset[str] = frozenset()
    days: tuple[str, ...] = ()
    months: dict[str, int] = field(default_factory=dict)
    decimal: str = "."
    thousands: tuple[str, ...] = (",",)
    number_words: dict[str, int] = field(default_factory=dict)
    multipliers: dict[str, float] = field(default_factory=dict)
    percent: tuple[str, ...] = ("%",)  # how a percentage is written after its number
    of: tuple[str, ...] = ()  # the words between an amount and what it counts ("of", "de", "d'")
    currency_after: bool = False  # "839 000 €": the symbol may follow the number
    figures: dict[str, object] = field(default_factory=dict)  # which amounts are figures ([figures])
    timeline: dict[str, object] = field(default_factory=dict)  # time words and their meaning ([timeline])
    quote_pairs: tuple[tuple[str, str], ...] = ()
    quote_inner_space: bool = False
    quote_dialogue: str = ""  # the dash that opens a paragraph of speech (Spanish "—Es tarde —dijo—.")
    formulas: tuple[str, ...] = ()  # the readability formulas made for this language
    no_break_after: frozenset[str] = frozenset()  # abbreviations, as written, that end no sentence
    break_after: frozenset[str] = frozenset()  # words sentencex takes for abbreviations that end one ("no.")
    ordinal_days: bool = False  # a day is written "7." before its month ("am 7. Februar")
    elisions: frozenset[str] = frozenset()  # words elided before an apostrophe: French "l'", "qu'"
    not_names: frozenset[str] = frozenset()  # articles and contractions never in a name: French "Un", "C'est"
    noun_endings: tuple[str, ...] = ()  # endings of common nouns ("-ung", "-heit"): a German capital that is no name
    nouns_capitalised: bool = False  # German writes every noun with a capital: a word in lower case is no noun
    syllables: Syllables | None = None  # None: the language counts syllables otherwise (English)

    @functools.cached_property
    def not_content(self) -> frozenset[str]:
        """Words that never start or continue a keyphrase: one set, one lookup a token."""
        return self.stop_words | set(self.months) | self.titles | self.demonyms | set(self.days)


def available() -> tuple[str, ...]:
    """The codes that have a data folder, sorted."""
    return tuple(sorted(p.parent.name for p in FOLDER.glob("*/words.toml")))


@functools.cache
def rules(code: str) -> Language:
    """The language's data, read once per process; `generic(code)` when it has no folder."""
    path = FOLDER / code / "words.toml"
    if not code.isalpha() or not path.is_file():
        return generic(code)
    with path.open("rb") as file:
        data = tomllib.load(file)
    words = data.get("words", {})
    numbers = data.get("numbers", {})
    quotes = data.get("quotes", {})
    return Language(
        code=data["code"],
        name=data["name"],
        stop_words=_word_set(words.get("stop", "")),
        titles=_word_set(words.get("titles", "")),
        demonyms=_word_set(words.get("demonyms", "")),
        days=tuple(words.get("days", "").split()),
        months=dict(data.get("months", {})),
        decimal=numbers.get("decimal", "."),
        thousands=tuple(numbers.get("thousands", [","])),
        number_words=dict(numbers.get("words", {})),
        multipliers={k: float(v) for k, v in numbers.get("multipliers", {}).items()},
        percent=tuple(numbers.get("percent", ["%"])),
        of=tuple(numbers.get("of", [])),
        currency_after=bool(numbers.get("currency_after", False)),
        figures=dict(data.get("figures", {})),
        timeline=dict(data.get("timeline", {})),
        quote_pairs=tuple((a, b) for a, b in quotes.get("pairs", [])),
        quote_inner_space=bool(quotes.get("inner_space", False)),
        quote_dialogue=str(quotes.get("dialogue", "")),
        formulas=tuple(data.get("readability", {}).get("formulas", [])),
        no_break_after=_word_set(data.get("sentences", {}).get("no_break_after", "")),
        break_after=_word_set(data.get("sentences", {}).get("break_after", "")),
        ordinal_days=bool(data.get("sentences", {}).get("ordinal_days", False)),
        elisions=_word_set(words.get("elisions", "")),
        not_names=_word_set(words.get("not_names", "")),
        noun_endings=tuple(words.get("noun_endings", "").split()),
        nouns_capitalised=bool(words.get("nouns_capitalised", False)),
        syllables=_syllables(data.get("syllables", {})),
    )


def generic(code: str) -> Language:
    """A language we hold no data for: nothing language-specific is applied to it."""
    return Language(code=code, name=code)


def _syllables(table: dict[str, object]) -> Syllables | None:
    if "vowels" not in table:
        return None
    return Syllables(
        vowels=frozenset(str(table["vowels"])),
        split_pairs=frozenset(table.get("split_pairs", [])),  # type: ignore[arg-type]
        strong=frozenset(str(table.get("strong", ""))),
        silent_u_after=frozenset(str(table.get("silent_u_after", ""))),
        silent_endings=tuple(table.get("silent_endings", [])),  # type: ignore[arg-type]
    )


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())
