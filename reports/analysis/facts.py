"""The facts box: keyphrases, the people/organisations/places named, and figures
(the timeline is in `timeline.py`).

All heuristics, no model: capitalised sequences with titles, organisation suffixes and a small
gazetteer of countries and capitals for entities; numbers with the words after them for
figures. Everything is deterministic (ties broken by first appearance).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Any

from reports.analysis import lang
from reports.analysis.text import Document
from reports.analysis.entities import _stem, entities
from reports.analysis.entities.places import dateline
from reports.models import Figure

# --- keyphrases -------------------------------------------------------------------------------

# Words of letters in any script ("François", "Zürich", "Müller"), with inner apostrophes and
# hyphens, and the punctuation that ends a run of words (French and German quotation marks too).
_PHRASE_TOKEN = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-])*[^\W\d_]|[,.;:!?()\"“”«»„‹›]")
# The same for ASCII text, where it finds exactly the same tokens, faster.
_ASCII_PHRASE_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[,.;:!?()\"“”]")


def keyphrases(doc: Document, limit: int = 8) -> tuple[str, ...]:
    """Runs of content words (up to three), scored by frequency weighted towards the start of
    the article (PositionRank's intuition); one phrase per word, and a word is shown in the
    longer phrase it usually comes in ("security guarantees" rather than "guarantees")."""
    scores: dict[str, float] = {}
    counts: dict[str, int] = {}
    surface: dict[str, str] = {}
    rules = lang.rules(doc.language)
    content = _content_of(rules)
    proper = _proper_words(doc, rules.elisions)
    for rank, sentence in enumerate(doc.sentences):
        weight = 1.0 / math.sqrt(1 + rank)
        written = (dateline(sentence.text) or (sentence.text,))[0] if rank == 0 else sentence.text
        for run in _content_runs(written, proper, content):  # "HONG KONG (Reuters) -": "Hong Kong"
            stems = [_STEMS[t] for t in run]  # each word stemmed once, not once per phrase
            upper = [t[0].isupper() for t in run]
            # Every phrase of 1, 2, then 3 words, in that order (it decides ties): a name and
            # common words are two phrases ("pop star Justin"), so all are capitalised or none.
            size = len(run)
            for i, key in enumerate(stems):
                if key in counts:
                    scores[key] += weight
                    counts[key] += 1
                else:
                    scores[key], counts[key], surface[key] = weight, 1, run[i]
            for i in range(size - 1):
                if upper[i] == upper[i + 1]:
                    key = f"{stems[i]} {stems[i + 1]}"
                    if key in counts:
                        scores[key] += weight
                        counts[key] += 1
                    else:
                        scores[key], counts[key], surface[key] = weight, 1, f"{run[i]} {run[i + 1]}"
            for i in range(size - 2):
                if upper[i] == upper[i + 1] == upper[i + 2]:
                    key = f"{stems[i]} {stems[i + 1]} {stems[i + 2]}"
                    if key in counts:
                        scores[key] += weight
                        counts[key] += 1
                    else:
                        scores[key], counts[key], surface[key] = weight, 1, f"{run[i]} {run[i + 1]} {run[i + 2]}"
    # sorted() is stable and `scores` keeps first appearance, so ties stay in that order.
    ranked = sorted(scores, key=lambda k: -scores[k] * (1 + 0.5 * k.count(" ")))
    repeated = [(f" {other} ", other, n) for other, n in counts.items() if n >= 2]
    chosen: list[str] = []
    used: set[str] = set()
    for key in ranked:
        if counts[key] < 2 and len(chosen) >= limit // 2:
            break  # phrases seen once fill at most half the list
        key = _widest(key, counts, repeated)
        stems = set(key.split())
        if stems & used:
            continue
        chosen.append(surface[key])
        used |= stems
        if len(chosen) == limit:
            break
    return tuple(chosen)


def _widest(key: str, counts: dict[str, int], repeated: list[tuple[str, str, int]]) -> str:
    """The longest phrase containing `key` that occurs at least half as often (and twice).
    `repeated`: the phrases seen twice or more, in first-appearance order, padded with spaces."""
    best, padded, half = key, f" {key} ", counts[key]
    for spaced, other, n in repeated:
        if len(other) > len(best) and 2 * n >= half and padded in spaced:
            best = other
    return best


def _proper_words(doc: Document, elisions: frozenset[str] = frozenset()) -> set[str]:
    """Words written capitalised somewhere other than at the start of a sentence (after an
    elided article: "l'Élysée")."""
    found: set[str] = set()
    for sentence in doc.sentences:
        tokens = sentence.tokens
        if elisions:
            tokens = [_unelided(t, elisions) for t in tokens]
        found.update(t for t in tokens[1:] if t[:1].isupper())
    return found


def _unelided(token: str, elisions: frozenset[str]) -> str:
    """The word without an elided article or pronoun before its apostrophe: "l'Élysée" ->
    "Élysée", "qu'il" -> "il" (French); the token itself when the language has none."""
    for mark in "'’":
        head, found, rest = token.partition(mark)
        if found and rest and head.lower() in elisions:
            return rest
    return token


def _content_runs(sentence: str, proper: set[str], content_of: "_PerToken") -> list[list[str]]:
    """Runs of content words; titles and nationality words break a run ("French President")."""
    runs: list[list[str]] = []
    run: list[str] = []
    tokens = (_ASCII_PHRASE_TOKEN if sentence.isascii() else _PHRASE_TOKEN).findall(sentence)
    for token in [*tokens, "."]:
        content = content_of[token]
        if content:
            token, low = content
            run.append(token if token in proper or token.isupper() else low)
            continue
        if run:
            runs.append(run)
        run = []
    return runs


def _content_word(token: str, rules: lang.Language) -> tuple[str, str] | None:
    """(the token without 's or an elided article, lowercased) when it is a content word of
    the language, else None."""
    if rules.elisions:
        token = _unelided(token, rules.elisions)
    if token.endswith(("'s", "’s")):
        token = token[:-2]
    low = token.lower()
    if rules.nouns_capitalised and token[:1].islower():
        return None  # German: a word in lower case is no noun ("bremste", "gebe")
    if len(low) > 2 and low[0].isalpha() and low not in rules.not_content:
        return token, low
    return None


class _PerToken(dict):  # type: ignore[type-arg]
    """A pure function of a token, remembered: words recur within and across articles.
    Emptied when it grows large, so a long-running daemon's memory stays bounded."""

    def __init__(self, function: Any) -> None:
        super().__init__()
        self.function = function

    def __missing__(self, token: str) -> Any:
        if len(self) > 1 << 17:
            self.clear()
        value = self[token] = self.function(token)
        return value


_CONTENT: dict[str, _PerToken] = {}  # by language code


def _content_of(rules: lang.Language) -> _PerToken:
    """`_content_word` for one language, remembered per token."""
    found = _CONTENT.get(rules.code)
    if found is None:
        found = _CONTENT[rules.code] = _PerToken(lambda token: _content_word(token, rules))
    return found


_STEMS = _PerToken(_stem)


# --- figures ----------------------------------------------------------------------------------

_CURRENCIES = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}


@dataclass(frozen=True)
class _Figures:
    """One language's figure patterns and word lists, built once from its data file
    (`[numbers]` and `[figures]`): "100,000 troops" in English, "839 000 euros", "8,5
    millions d'euros" in French, "8,5 Millionen Euro", "12,3 Prozent" in German."""

    rules: lang.Language
    figure: re.Pattern[str]
    lower: re.Pattern[str]  # `figure` without IGNORECASE, for lowercased ASCII text
    unit: re.Pattern[str]
    of: re.Pattern[str]
    thousands: str
    words: dict[str, int]
    months: frozenset[str]
    not_units: frozenset[str]
    matters: frozenset[str]
    measures: frozenset[str]
    never: frozenset[str]
    of_stops: frozenset[str]
    of_stop_endings: tuple[str, ...]
    small_words_max: int
    of_words: int
    two_word_units: bool
    before_noun: frozenset[str]


def _alternatives(words: Any) -> str:
    """Words as one regular-expression alternation, longest first; a space in a word matches
    an optional space ("per cent", "percent"), and a word that ends in a letter ends there."""
    parts = []
    for word in sorted({str(w).lower() for w in words}, key=len, reverse=True):
        pattern = re.escape(word).replace(r"\ ", r"\s?")
        parts.append(pattern + (r"\b" if word[-1:].isalnum() else ""))
    return "|".join(parts) or "(?!)"  # no words: an alternative that never matches


def _word_list(value: Any) -> frozenset[str]:
    """A word list of a data file, written as an array or as words separated by spaces."""
    return frozenset(value.split() if isinstance(value, str) else value or ())


@functools.cache
def _figures_of(code: str) -> _Figures:
    rules = lang.rules(code)
    table = rules.figures
    thousands = "".join(rules.thousands)
    group = "[" + re.escape(thousands) + "]"
    decimal = re.escape(rules.decimal)
    words = {w.lower(): n for w, n in rules.number_words.items()}
    after = r"(?:\s?(?P<cur_after>[$£€¥]))?" if rules.currency_after else ""
    figure = re.compile(
        r"(?<![\w.,:/-])(?P<cur>[$£€¥])?\s?"
        rf"(?P<num>\d{{1,3}}(?:{group}\d{{3}})+(?:{decimal}\d+)?|\d+(?:{decimal}\d+)?|(?:"
        + ("|".join(sorted(words, key=len, reverse=True)) or "(?!)")
        + r")\b)(?![\w,.:/-]*\d)"
        r"(?:[\s-]?(?P<mult>" + _alternatives(rules.multipliers) + r"))?"
        r"(?:\s?(?P<pct>" + _alternatives(rules.percent) + r"))?" + after,
        re.IGNORECASE,
    )
    # English units are lowercase words (a capitalised one is a name); German nouns are all
    # capitalised ("Euro", "Menschen"); the other languages write units in lowercase letters.
    letter = "[a-z]" if code == "en" else ("[^\\W\\d_]" if table.get("units_capitalised") else "[^\\W\\d_A-ZÀ-ÖØ-Þ]")
    inner = "[a-z\\-]" if code == "en" else "(?:[^\\W\\d_]|-)"
    of_words = "|".join(re.escape(w) + (r"\s+" if w[-1].isalpha() else "") for w in sorted(rules.of, key=len, reverse=True))
    word = rf"({letter}{inner}*)\b(?!['’])"
    unit = re.compile(rf"\s+(?:{of_words})?{word}(?:\s+{word})?" if of_words else rf"\s+{word}(?:\s+{word})?")
    of = re.compile(r"\s+(?:" + of_words + ")" if of_words else r"(?!)")
    kept = _word_list(table.get("units_kept"))
    stops = _word_list(table["of_stops"]) if "of_stops" in table else rules.stop_words
    return _Figures(
        rules=rules, figure=figure, lower=re.compile(figure.pattern), unit=unit, of=of,
        thousands=thousands, words=words, months=frozenset(rules.months),
        not_units=rules.stop_words - kept, matters=_word_list(table.get("matters")),
        measures=_word_list(table.get("measures")), never=_word_list(table.get("never")),
        of_stops=stops, of_stop_endings=tuple(table.get("of_stop_endings", ())),
        small_words_max=int(table.get("small_words_max", 12)), of_words=int(table.get("of_words", 4)),
        two_word_units=bool(table.get("two_word_units")),
        before_noun=_word_list(table.get("before_noun")),
    )


def figures(doc: Document, limit: int = 20) -> tuple[Figure, ...]:
    """Numbers with the thing they count: "100,000 troops", "$1,000", "40%", in the number
    format of the article's language. Years, dates ("9 juin", "8 de marzo"), clock times,
    ages and bare numbers are left to the timeline or out."""
    found: list[Figure] = []
    seen: set[tuple[float, str]] = set()
    rules = _figures_of(doc.language)
    for sentence in doc.sentences:
        for match in _figure_matches(sentence.text, rules):
            figure = _figure(match, sentence.text, rules)
            if figure and (figure.value, figure.what) not in seen:
                seen.add((figure.value, figure.what))
                found.append(figure)
    return tuple(found[:limit])


def _figure_matches(sentence: str, rules: _Figures) -> list[re.Match[str]]:
    """`figure.finditer(sentence)`; for ASCII, found lowercased and retaken from the sentence:
    the pattern's letters are all lowercase, so without IGNORECASE it matches lowercased ASCII
    exactly where it matches the text itself, several times faster."""
    if not sentence.isascii():
        return list(rules.figure.finditer(sentence))
    found = (rules.figure.match(sentence, m.start()) for m in rules.lower.finditer(sentence.lower()))
    return [m for m in found if m]


def _number(raw: str, rules: _Figures) -> float:
    """The value of a number as the language writes it: "839 000" or "839.000" and "8,5"."""
    for mark in rules.thousands:
        raw = raw.replace(mark, "")
    return float(raw.replace(rules.rules.decimal, "."))


def _figure(match: re.Match[str], sentence: str, rules: _Figures) -> Figure | None:
    raw = match.group("num")
    low = raw.lower()
    currency = match.group("cur") or match.groupdict().get("cur_after")
    if low in rules.words:
        if currency or not raw[0].isalpha():
            return None
        value = float(rules.words[low])
    else:
        value = _number(raw, rules)
    before = sentence[: match.start()].rstrip().split()[-1:] or [""]
    if before[0].lower().strip(".,") in rules.months or _is_year(raw, match):
        return None
    if before[0][:1].isupper() and match.start() > len(before[0]) + 1 and raw[0].isdigit():
        return None  # a model or a name: "Boeing 737", "Windows 10"
    if match.group("mult"):
        value *= rules.rules.multipliers[match.group("mult").lower()]
    end = match.end()
    if currency:
        what = _CURRENCIES[currency]
    elif match.group("pct"):
        what = "%"
        end = _of_what(sentence, end, rules)
    else:
        what, end = _unit(sentence, end, rules)
        if not what:
            return None
    if not _worth_checking(raw, what, match, rules):
        return None
    text = sentence[match.start() : end].strip()
    return Figure(value=int(value) if value.is_integer() else value, what=what, text=text, sentence=sentence)


def _worth_checking(raw: str, what: str, match: re.Match[str], rules: _Figures) -> bool:
    """Whether a number with what it counts is a figure, not prose ("Two sources", "five years"):
    the language's `[figures]` lists say which."""
    counted = what.split()[-1] if what else what
    if counted in rules.never:
        return False
    if match.group("cur") or match.group("pct") or match.group("mult") or not raw[0].isalpha():
        return True
    small = rules.words[raw.lower()] <= rules.small_words_max
    return not small or counted in rules.matters or counted in rules.measures


_OF_WORD = re.compile(r"\s*([\w'’-]+)")


def _of_what(sentence: str, end: int, rules: _Figures) -> int:
    """Where a percentage's text ends: after what it is of ("60% of black voters"), if it says."""
    of = rules.of.match(sentence, end)
    if not of:
        return end
    stop, position = end, of.end()
    for _ in range(rules.of_words):
        word = _OF_WORD.match(sentence, position)
        if not word or word.group(1).lower() in rules.of_stops:
            break
        if word.group(1).islower() and word.group(1).endswith(rules.of_stop_endings):
            break
        stop = position = word.end()
    return stop


def _is_year(raw: str, match: re.Match[str]) -> bool:
    return (
        raw.isdigit() and len(raw) == 4 and 1500 <= int(raw) <= 2100
        and not match.group("cur") and not match.group("pct") and not match.group("mult")
    )


def _unit(sentence: str, end: int, rules: _Figures) -> tuple[str, int]:
    """The word(s) after the number that say what it counts: "troops", "nuclear reactors",
    "euros" (French "d'euros"), "Euro" (German, shown lowercased), "nouveaux cas"."""
    match = rules.unit.match(sentence, end)
    if not match:
        return "", end
    first, second = match.group(1).lower(), match.group(2)
    if second and first in rules.before_noun:  # "26 nouveaux cas", "500 weitere Fälle"
        noun = second.lower()
        if noun in rules.not_units or noun in rules.months:
            return "", end
        return f"{first} {noun}", match.end(2)
    if first in rules.not_units or first in rules.months:
        return "", end
    # A second word only when the first reads as its modifier and it as a plural noun:
    # "nuclear reactors", "million people", but not "people die".
    if (
        rules.two_word_units and second and not first.endswith("s") and second.endswith("s")
        and not second.endswith("ss") and second not in rules.rules.stop_words
    ):
        return f"{first} {second}", match.end(2)
    return first, match.end(1)


__all__ = ["entities", "figures", "keyphrases"]
