"""Where the quotations are, in a language with `lang/<code>/quotes.toml` (step 1 of
`localized`): the language's pairs of marks (`words.toml` [quotes]: « » and „ “, ‚ ‘, ‹ ›,
» « ...) paired within a paragraph, a quotation inside another one left to it, one left open
before a paragraph that opens with a mark running on; the spaces French sets inside « » belong
to the typography, not the quotation, and are left out of it. Where the language sets speech
as a paragraph opening with a dash (Spanish `dialogue`), that paragraph is speech up to the
narrator's dash and again after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reports.analysis.quotes.language_rules import Rules
from reports.analysis.text import Document

SPACES = " \t\n\u00a0\u202f\u2009"
_UNAMBIGUOUS = "«„"  # opening marks that never close anything: one left open is still a quotation


Unclosed = Callable[[str, int, int, Rules], "int | None"]


def spans(doc: Document, r: Rules, unclosed: Unclosed | None = None) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each outermost quotation, its marks and edge spaces left out.
    `unclosed(text, start, stop, r)` says where a quotation the writer never closed ends when
    another of the same mark opens after it (the pass's reading of a reporting clause); without
    it, or when it cannot tell, the earlier one is dropped."""
    closers: dict[str, str] = {}
    for opening, closing in r.pairs:
        closers[opening] = closers.get(opening, "") + closing
    marks = re.compile("[" + re.escape("".join(set(closers) | set("".join(closers.values())))) + "]")
    found: list[tuple[int, int, int]] = []
    pending: tuple[int, int, str] | None = None  # a quotation left open at a paragraph's end
    for index, paragraph in enumerate(doc.paragraphs):
        text = paragraph.text
        if pending is None and r.dialogue and text.startswith(r.dialogue):
            found += _dialogue(doc.text, paragraph.start, text, index, r.dialogue)
            continue
        open_at: int | None = None
        start, first, opener = 0, index, ""
        if pending is not None:
            (start, first, opener), open_at, pending = pending, -1, None
        for match in marks.finditer(text):
            mark, at = match.group(), match.start()
            if open_at is None:
                if mark in closers and _opens(text, at):
                    open_at, opener, start, first = at, mark, paragraph.start + at + 1, index
            elif open_at < 0 and at == 0 and mark in closers and (mark == opener or mark not in closers[opener]):
                continue  # the running quotation's mark again on its new paragraph
            elif mark in closers[opener] and (open_at < 0 or at > open_at + 1):
                found.append(_trimmed(doc.text, start, paragraph.start + at, first))
                open_at = None
            elif mark == opener and mark in _UNAMBIGUOUS and open_at >= 0:
                end = unclosed(text, open_at + 1, at, r) if unclosed else None  # the earlier one was never closed
                if end is not None:
                    found.append(_trimmed(doc.text, start, paragraph.start + end, first))
                open_at, start = at, paragraph.start + at + 1
        if open_at is None:
            continue
        following = doc.paragraphs[index + 1].text if index + 1 < len(doc.paragraphs) else ""
        next_mark = marks.search(following)
        runs_on = bool(next_mark) and index - first < 5 and (
            (next_mark.start() == 0 and next_mark.group() in closers)
            or (opener in _UNAMBIGUOUS and next_mark.group() in closers[opener]))
        if open_at >= 0 and not text[open_at + 1 :].strip(SPACES):
            runs_on = index - first < 5  # a mark alone at the paragraph's end (a page's layout)
        if runs_on:
            pending = (start, first, opener)
        elif opener in _UNAMBIGUOUS:
            found.append(_trimmed(doc.text, start, paragraph.end, first))  # never closed: to its end
    return [span for span in found if span[1] > span[0]]


def _dialogue(whole: str, offset: int, text: str, index: int, dash: str) -> list[tuple[int, int, int]]:
    """A paragraph of speech that opens with a dash ("—Es tarde —dijo el alcalde—. Y no
    volveremos."): the words said up to the narrator's dash, then again after the narrator's
    closing dash; marks inside are a quotation within this one, left to it."""
    found = []
    at = len(dash)
    while at < len(text):
        narrator = re.search(rf"\s{re.escape(dash)}(?=[^\W\d_])", text[at:])
        stop = at + narrator.start() if narrator else len(text)
        found.append(_trimmed(whole, offset + at, offset + stop, index))
        if narrator is None:
            break
        closing = text.find(dash, stop + 1 + len(dash))
        if closing < 0:
            break
        at = closing + len(dash)
        while at < len(text) and text[at] in SPACES + ".,;:":
            at += 1
    return [span for span in found if span[1] > span[0] and re.search(r"[^\W\d_]", whole[span[0] : span[1]])]


def _opens(text: str, at: int) -> bool:
    """A mark that faces neither way (" “) opens only before a word; « „ ‚ ‹ » always do."""
    if text[at] in "«„‚‹»":
        return True
    after = text[at + 1 : at + 2]
    return bool(after) and after not in ",.;:!?)" and not (text[at] != '"' and after.isspace())


def _trimmed(text: str, start: int, end: int, paragraph: int) -> tuple[int, int, int]:
    while start < end and text[start] in SPACES:
        start += 1
    while end > start and text[end - 1] in SPACES:
        end -= 1
    return start, end, paragraph
