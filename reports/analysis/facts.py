"""The facts box: keyphrases, the people/organisations/places named, and figures
(the timeline is in `timeline.py`).

All heuristics, no model: capitalised sequences with titles, organisation suffixes and a small
gazetteer of countries and capitals for entities; numbers with the words after them for
figures. Everything is deterministic (ties broken by first appearance).
"""

from __future__ import annotations

import functools
import json
import math
import re
from importlib import resources
from typing import Any

from reports.analysis import lang
from reports.analysis.text import Document
from reports.analysis.timeline import MONTHS as _MONTHS
from reports.analysis.entities import _STOPWORDS, _stem, entities
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
        for run in _content_runs(sentence.text, proper, content):
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

_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "dozen": 12,
}
_MULTIPLIERS = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
    "trillion": 1e12, "tn": 1e12,
}
_CURRENCIES = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}
_FIGURE = re.compile(
    r"(?<![\w.,:/-])(?P<cur>[$£€¥])?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")\b)(?![\w,.:/-]*\d)"
    r"(?:[\s-]?(?P<mult>thousand|million|billion|trillion|bn|mn|tn|m|k)\b)?"
    r"(?:\s?(?P<pct>%|per\s?cent\b|percent\b))?",
    re.IGNORECASE,
)
_UNIT_WORD = re.compile(r"\s+(?:of\s+)?([a-z][a-z\-]*)\b(?!['’])(?:\s+([a-z][a-z\-]*)\b(?!['’]))?")
_NOT_UNITS = _STOPWORDS - {"people", "years", "year", "days", "day", "weeks", "week", "months", "month", "times", "time"}


def figures(doc: Document, limit: int = 20) -> tuple[Figure, ...]:
    """Numbers with the thing they count: "100,000 troops", "$1,000", "40%". Years, dates,
    clock times, ages and bare numbers are left to the timeline or out."""
    found: list[Figure] = []
    seen: set[tuple[float, str]] = set()
    for sentence in doc.sentences:
        for match in _figure_matches(sentence.text):
            figure = _figure(match, sentence.text)
            if figure and (figure.value, figure.what) not in seen:
                seen.add((figure.value, figure.what))
                found.append(figure)
    return tuple(found[:limit])


# The pattern without IGNORECASE, for lowercased ASCII text: its letters are all lowercase, so
# it matches there exactly where _FIGURE matches the text itself, several times faster.
_FIGURE_LOWER = re.compile(_FIGURE.pattern)


def _figure_matches(sentence: str) -> list[re.Match[str]]:
    """`_FIGURE.finditer(sentence)`; for ASCII, found lowercased and retaken from the sentence."""
    if not sentence.isascii():
        return list(_FIGURE.finditer(sentence))
    found = (_FIGURE.match(sentence, m.start()) for m in _FIGURE_LOWER.finditer(sentence.lower()))
    return [m for m in found if m]


def _figure(match: re.Match[str], sentence: str) -> Figure | None:
    raw = match.group("num")
    low = raw.lower()
    if low in _NUMBER_WORDS:
        if match.group("cur") or not raw[0].isalpha():
            return None
        value = float(_NUMBER_WORDS[low])
    else:
        value = float(raw.replace(",", ""))
    before = sentence[: match.start()].rstrip().split()[-1:] or [""]
    if before[0].lower().strip(".,") in _MONTHS or _is_year(raw, match):
        return None
    if before[0][:1].isupper() and match.start() > len(before[0]) + 1 and raw[0].isdigit():
        return None  # a model or a name: "Boeing 737", "Windows 10"
    if match.group("mult"):
        value *= _MULTIPLIERS[match.group("mult").lower()]
    end = match.end()
    if match.group("cur"):
        what = _CURRENCIES[match.group("cur")]
    elif match.group("pct"):
        what = "%"
        end = _of_what(sentence, end)
    else:
        what, end = _unit(sentence, end)
        if not what:
            return None
    if not _worth_checking(raw, what, match):
        return None
    text = sentence[match.start() : end].strip()
    return Figure(value=int(value) if value.is_integer() else value, what=what, text=text, sentence=sentence)


@functools.cache
def _rules() -> dict[str, Any]:
    """figures.json: which numbers are amounts a reader may want to check (rules as data)."""
    rules = json.loads(resources.files("reports.analysis").joinpath("figures.json").read_text(encoding="utf-8"))
    return {key: (frozenset(value) if isinstance(value, list) else value) for key, value in rules.items()}


def _worth_checking(raw: str, what: str, match: re.Match[str]) -> bool:
    """Whether a number with what it counts is a figure, not prose ("Two sources", "five years")."""
    rules = _rules()
    counted = what.split()[-1] if what else what
    if counted in rules["never"]:
        return False
    if match.group("cur") or match.group("pct") or match.group("mult") or not raw[0].isalpha():
        return True
    small = _NUMBER_WORDS[raw.lower()] <= rules["small_words_max"]
    return not small or counted in rules["matters"] or counted in rules["measures"]


_OF = re.compile(r"\s+of\s+")
_OF_WORD = re.compile(r"\s*([\w'’-]+)")


def _of_what(sentence: str, end: int) -> int:
    """Where a percentage's text ends: after what it is of ("60% of black voters"), if it says."""
    of = _OF.match(sentence, end)
    if not of:
        return end
    rules = _rules()
    stop, position = end, of.end()
    for _ in range(rules["of_words"]):
        word = _OF_WORD.match(sentence, position)
        if not word or word.group(1).lower() in rules["of_stops"]:
            break
        if word.group(1).islower() and word.group(1).endswith(tuple(rules["of_stop_endings"])):
            break
        stop = position = word.end()
    return stop


def _is_year(raw: str, match: re.Match[str]) -> bool:
    return (
        raw.isdigit() and len(raw) == 4 and 1500 <= int(raw) <= 2100
        and not match.group("cur") and not match.group("pct") and not match.group("mult")
    )


def _unit(sentence: str, end: int) -> tuple[str, int]:
    """The word(s) after the number that say what it counts: "troops", "nuclear reactors"."""
    match = _UNIT_WORD.match(sentence, end)
    if not match or match.group(1) in _NOT_UNITS or match.group(1) in _MONTHS:
        return "", end
    first, second = match.group(1), match.group(2)
    # A second word only when the first reads as its modifier and it as a plural noun:
    # "nuclear reactors", "million people", but not "people die".
    if (
        second and not first.endswith("s") and second.endswith("s") and not second.endswith("ss")
        and second not in _STOPWORDS
    ):
        return f"{first} {second}", match.end(2)
    return first, match.end(1)


__all__ = ["entities", "figures", "keyphrases"]
