"""Features of a candidate source that need the article's other quotations.

The chooser (`chooser.candidates`) describes a mention by the words around it; these features
add what the other quotations of the article say about it:

- a mention written inside another quotation's marks is that quotation's words, not a source
  ('“France will always be France,” an angry Hollande retaliated. “It never gives up ...”':
  "France" is quoted, not quoting);
- a mention just after "according to" in the writer's sentence around the quotation is who the
  writer credits with it, even when someone else "said" it ('“...,” Welch said, according to
  a radio programme');
- the speaker of the quotation just before, when only a short reporting clause stands between
  the two in one paragraph, is the likely speaker of the one that continues it ('“A,” Obama said
  in a statement. “B.”').

Small functions over sorted offsets (one bisection each): no text is scanned twice.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
# how far after "according to" the credited source may start ("according to audio provided to
# The Times": the publication is the head of the phrase)
_ACCORDING_REACH = 40

# a quotation continues the previous one when at most this many characters stand between
# them (the reporting clause '” Obama said in a statement. “')
_CONTINUES_WITHIN = 120


def quoted_around(starts: list[int], ends: list[int], at: int, own: tuple[int, int]) -> bool:
    """Whether offset `at` lies inside a quotation (`starts`/`ends` sorted, marks excluded)
    other than the quotation `own` being attributed."""
    index = bisect_right(starts, at) - 1
    if index < 0:
        return False
    start, end = starts[index], ends[index]
    return start <= at < end and (start, end) != own


def previous_end(starts: list[int], ends: list[int], start: int) -> int | None:
    """Where the quotation before the one opening at `start` ends, if any."""
    index = bisect_right(starts, start - 1) - 1
    return ends[index] if index >= 0 else None


def continues(text: str, previous: int | None, start: int, paragraph_start: int) -> bool:
    """The quotation opening at `start` goes on from the one ending at `previous` in the same
    paragraph, with only a short clause (no new sentence of the writer's own) between them."""
    if previous is None or previous < paragraph_start or start - previous > _CONTINUES_WITHIN:
        return False
    between = text[previous:start]
    return "\n" not in between


def according(text: str, lo: int, hi: int) -> list[int]:
    """Where the sources credited with "according to" may start in text[lo:hi]."""
    if "ccording to" not in text[lo:hi]:
        return []
    return [m.end() for m in _ACCORDING.finditer(text, lo, hi)]


def credited(mention_starts: list[int], after: list[int]) -> bool:
    """Some mention starts just after an "according to" (`after`, from `according`)."""
    return any(0 <= m - a <= _ACCORDING_REACH for a in after for m in mention_starts)


def features(features: dict[str, float], mention_start: int, is_previous: bool,
             starts: list[int], ends: list[int], own: tuple[int, int], continuing: bool,
             is_credited: bool = False) -> None:
    """Add the features above to a candidate group's `features`."""
    if is_credited:
        features["according"] = 1.0
    if mention_start >= 0 and quoted_around(starts, ends, mention_start, own):
        features["in_other_quote"] = 1.0
    if continuing:
        features["continues"] = 1.0
        if is_previous:
            features["continues&previous"] = 1.0
