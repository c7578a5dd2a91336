"""Speaker rules of the third round, one invented sentence each (test_attribution.py holds the
earlier ones)."""

from __future__ import annotations

from reports.analysis.quotes import extract
from reports.analysis.text import split
from reports.models import Quote


def speech(text: str) -> list[Quote]:
    return [q for q in extract(split(text)).items if q.kind != "scare"]


def test_progressive_verb_after_an_adverb() -> None:
    text = "The count goes on, but the Park campaign is already claiming a “clear mandate” here."
    assert [q.speaker for q in speech(text)] == ["the Park campaign"]

