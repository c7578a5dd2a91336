"""Readability in a language other than English: that language's own formulas, counted
with that language's syllables, and the English formulas left out with the reason.

Each formula is a refit of Flesch's idea to one language, and textstat (its `set_lang`
constants) is the reference the tests hold them to: Kandel & Moles for French, Amstad and
the first Wiener Sachtextformel of Bamberger & Vanecek for German, Fernández-Huerta for
Spanish, Gulpease for Italian. Which of them a language has is its data file's
`[readability] formulas`; a language with none gets no figure at all, never an English one.

Words and sentences are counted as readability.py counts them for English (textstat's
rules), so only the syllables differ: textstat counts them with Pyphen's hyphenation points,
which miss a syllable wherever a hyphen may not go ("élève", "président" at a word's edge),
so here they are the word's vowel groups under the language's rules (`[syllables]`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from reports.analysis import lang

# Wiener Sachtextformel's long word: more than this many letters (textstat's count_long_words).
LONG_WORD_LETTERS = 6
ENGLISH_FORMULAS = (
    "Flesch reading ease, Flesch–Kincaid, Gunning fog, SMOG, Coleman–Liau, ARI and Dale–Chall"
)
NAMES = {
    "kandel_moles": "Kandel–Moles", "amstad": "Amstad", "wiener_sachtextformel": "Wiener Sachtextformel",
    "fernandez_huerta": "Fernández-Huerta", "gulpease": "Gulpease",
}


@dataclass(frozen=True)
class Counts:
    words: int
    sentences: int
    syllables: int
    polysyllables: int  # three syllables or more
    monosyllables: int
    long_words: int  # more than LONG_WORD_LETTERS letters
    letters: int


def count(tokens: list[str], sentences: int, rules: lang.Syllables) -> Counts:
    """Counts from the text's words (punctuation already removed) and its sentence count."""
    per_word = list(map(_counter(rules).__getitem__, tokens))
    return Counts(
        words=len(tokens), sentences=sentences, syllables=sum(per_word),
        polysyllables=sum(1 for n in per_word if n >= 3), monosyllables=sum(1 for n in per_word if n == 1),
        long_words=sum(1 for t in tokens if len(t.replace("'", "")) > LONG_WORD_LETTERS),
        letters=sum(sum(1 for ch in t if ch.isalpha()) for t in tokens),
    )


def syllables(word: str, rules: lang.Syllables) -> int:
    """The word's vowel groups, split at the language's hiatus pairs, less a mute ending."""
    low = word.lower()
    groups, previous = 0, ""
    for i, ch in enumerate(low):
        vowel = ch in rules.vowels
        if vowel and ch == "u" and i and low[i - 1] in rules.silent_u_after and low[i + 1 : i + 2] in rules.vowels:
            vowel = False  # "quatre", "guerre": the u is part of the consonant
        if vowel and (not previous or previous + ch in rules.split_pairs or (previous in rules.strong and ch in rules.strong)):
            groups += 1
        previous = ch if vowel else ""
    if groups > 1:
        for ending in rules.silent_endings:
            before = low[-len(ending) - 1 : -len(ending)]
            if low.endswith(ending) and before and before not in rules.vowels and before.isalpha():
                groups -= 1
                break
    return max(1, groups)


class _ByWord(dict):  # type: ignore[type-arg]
    """`syllables(word, rules)` remembered per word as written: words recur. Emptied when it
    grows large, so a long-running daemon's memory stays bounded."""

    def __init__(self, rules: lang.Syllables) -> None:
        super().__init__()
        self.rules = rules

    def __missing__(self, word: str) -> int:
        if len(self) > 1 << 17:
            self.clear()
        value = self[word] = syllables(word, self.rules)
        return value


@functools.cache
def _counter(rules: lang.Syllables) -> _ByWord:
    return _ByWord(rules)


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def kandel_moles(c: Counts) -> float:
    """French: 207 - 1.015 x words per sentence - 73.6 x syllables per word."""
    wps, spw = _ratio(c.words, c.sentences), _ratio(c.syllables, c.words)
    return 0.0 if wps == 0 or spw == 0 else 207 - 1.015 * wps - 73.6 * spw


def amstad(c: Counts) -> float:
    """German: 180 - words per sentence - 58.5 x syllables per word."""
    wps, spw = _ratio(c.words, c.sentences), _ratio(c.syllables, c.words)
    return 0.0 if wps == 0 or spw == 0 else 180 - 1 * wps - 58.5 * spw


def wiener_sachtextformel(c: Counts) -> float:
    """German, a school grade (the first formula, for non-fiction): shares of words of three
    syllables or more, of words over six letters and of one syllable, and sentence length."""
    if c.words == 0:
        return 0.0
    ms, iw, es = (100 * n / c.words for n in (c.polysyllables, c.long_words, c.monosyllables))
    sl = _ratio(c.words, c.sentences)
    return (0.1935 * ms) + (0.1672 * sl) + (0.1297 * iw) - (0.0327 * es) - 0.875


def fernandez_huerta(c: Counts) -> float:
    """Spanish: 206.84 - 60 x syllables per word - 1.02 x words per sentence."""
    wps, spw = _ratio(c.words, c.sentences), _ratio(c.syllables, c.words)
    return 0.0 if wps == 0 or spw == 0 else 206.84 - (60 * spw) - (1.02 * wps)


def gulpease(c: Counts) -> float:
    """Italian: 89 + 300 x sentences per word - 10 x letters per word."""
    spw, lpw = _ratio(c.sentences, c.words), _ratio(c.letters, c.words)
    return 0.0 if spw == 0 or lpw == 0 else (300 * spw) - (10 * lpw) + 89


FORMULAS: dict[str, Callable[[Counts], float]] = {
    "kandel_moles": kandel_moles, "amstad": amstad, "wiener_sachtextformel": wiener_sachtextformel,
    "fernandez_huerta": fernandez_huerta, "gulpease": gulpease,
}
# The formulas whose figure is a school grade, for the grade of each paragraph.
GRADES = ("wiener_sachtextformel",)


def scores(c: Counts, formulas: tuple[str, ...]) -> dict[str, float]:
    """Each of the language's formulas that we know, by name."""
    return {name: FORMULAS[name](c) for name in formulas if name in FORMULAS}


def left_out(rules: lang.Language, found: dict[str, float]) -> str:
    """Why the English formulas are null for this language, and the language's own figures,
    as the briefing shows it (its template shows this reason where the English ones were)."""
    if not found:
        return f"no readability formula is known for this language ({rules.code}); English ones would mislead"
    have = ", ".join(f"{NAMES[name]} {value:.1f}" for name, value in found.items())
    return f"{ENGLISH_FORMULAS} are English formulas, left out for {rules.name} ({rules.name}: {have})"
