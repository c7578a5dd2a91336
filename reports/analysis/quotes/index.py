"""What the quotation pass reads off the whole article, scanned once and shared.

Several parts ask the same questions of the whole text: the capitalised runs (the names
index in `names`, the chooser's candidates), the words capitalised mid-sentence (`can_speak`,
the chooser's "opening word", the rules' lone capitalised word), the genders the titles give.
One `TextIndex` per article answers each of them the first time it is asked and keeps the
answer, so no scan runs twice. It holds only the text and what was found in it, never the
parts that read it: an article's objects are then freed as soon as it is done, without
waiting for Python's cycle collector (which otherwise walks every object of the article, and
the caches, again and again).
"""

from __future__ import annotations

import re
from functools import cached_property

from reports.analysis.quotes.can_speak import _MID_SENTENCE_CAPITAL, genders
from reports.analysis.quotes.lexicon import CAP_NAME


class TextIndex:
    """The article's text and the scans of it that several parts read, each made when first
    asked (an article with no quotation asks for none)."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def runs(self) -> list[re.Match[str]]:
        """Capitalised runs ("German Chancellor Olaf Scholz"), in text order (`CAP_NAME`)."""
        return list(CAP_NAME.finditer(self.text))

    @cached_property
    def run_spans(self) -> list[tuple[int, int]]:
        """(start, end) of each run: what the chooser bisects."""
        return list(map(re.Match.span, self.runs))

    @cached_property
    def run_starts(self) -> list[int]:
        return list(map(re.Match.start, self.runs))

    @cached_property
    def mid_capitals(self) -> set[str]:
        """The words the text capitalises mid-sentence: names, not a sentence's first word."""
        return set(_MID_SENTENCE_CAPITAL.findall(self.text))

    def proper(self) -> set[str]:
        """`mid_capitals`, as the callables that ask for it lazily take it."""
        return self.mid_capitals

    @cached_property
    def genders(self) -> dict[str, str]:
        """Surname -> "he"/"she", from the titles the article gives (`can_speak.genders`)."""
        return genders(self.text)
