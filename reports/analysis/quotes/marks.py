"""Where the quotations are: quotation marks paired within each paragraph, linear in the text.

Quotation marks are paired within one paragraph, so a stray mark can never swallow the article;
a straight mark left open at the end of its line is dropped there (curly marks, which say which
way they face, may run over a line break), so it cannot mispair the lines after it either. In a
hard-wrapped paragraph (most lines broken mid-sentence) line breaks are spaces and every mark runs
over them.
Double marks pair the way most news text is typed: an opening mark (“ „ « or ") opens, the next
closing mark of its own style (” after “, " after ") closes, and a second opening mark inside an
open quotation restarts it (the first was never closed). Two slips of mixed typing are read as
meant: ” closes a straight opening mark ("Yes,” she said), and “ placed as a closing mark (after a
word, before a space or punctuation: the “best in the world“ and) closes. Single marks (‘ ’ ‹ ›, and ' used as a
mark, never an apostrophe as in "We’re" or "Putin’s") are nested quotations inside double ones;
only in a document whose main marks are single ones (British style) are they paired as
quotations. A paragraph left open on a sentence whose next paragraph starts with an opening mark
is one quotation running over several paragraphs, reported as one item from its first mark to its
last (a fragment left open is a mark typed wrong).
A mark inside an HTML tag (`<tweet author="...">`) is not a quotation mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reports.analysis.text import Document

_DOUBLE_MARK_OR_BREAK = re.compile(r"[\"“”„«»\n]")
_DOUBLE_OPEN = "\"“„«"
_SINGLE_MARK = re.compile(r"[‘’‚‹›']")
_TAG = re.compile(r"<[^<>\n]{0,2000}>")
# A closing mark of the opening mark's own style closes it; a mark of the other style inside is a
# typing slip or a nested quotation (“A," he said. "B.”), not the end.
# A curly closing mark also closes a straight opening one ("A,” he said): mixed marks are a
# typing slip, and only ” can close there.
_CLOSES = {'"': '"”', "“": "”", "„": "“”", "«": "»"}
_OPENERS = "\"“„«‘‚‹'"


@dataclass(frozen=True)
class Span:
    start: int  # the quotation's text in doc.text, marks excluded
    end: int
    paragraph: int
    continued: bool = False  # the quotation runs on into the next paragraph
    last: int = -1  # the paragraph it ends in, when it runs over several

    @property
    def end_paragraph(self) -> int:
        return self.last if self.last >= 0 else self.paragraph


def spans(doc: Document) -> list[Span]:
    single = _single_style(doc.text)
    found: list[Span] = []
    paragraphs = doc.paragraphs
    for index, paragraph in enumerate(paragraphs):
        left_open: int | None = None
        wrapped = _hard_wrapped(paragraph.text)
        # a line break ends a straight-mark quotation; curly marks may run over one
        for line_at, line in _lines(paragraph.text) if single and not wrapped else [(0, paragraph.text)]:
            pairs, left_open = _pair_single(line) if single else _pair_double(line, wrapped)
            at = paragraph.start + line_at
            for open_at, close_at in pairs:
                found.append(Span(at + open_at + 1, at + close_at, index))
        following = paragraphs[index + 1].text if index + 1 < len(paragraphs) else ""
        if left_open is not None and following and following[0] in _OPENERS:
            # A quotation over several paragraphs: opening mark on each, closing on the last.
            # It opens with a sentence; a fragment left open ('was a “good citizen," who ...')
            # is a mark typed wrong, not speech running on.
            body = line[left_open + 1 :].rstrip()
            if _opens_sentence(body):
                start = at + left_open + 1
                found.append(Span(start, start + len(body), index, continued=True))
    return _join_paragraphs(doc, [s for s in found if _plausible(doc.text, s)])


def _opens_sentence(body: str) -> bool:
    first = next((c for c in body if c.isalnum()), "")
    return first.isupper() or first.isdigit()


def _hard_wrapped(text: str) -> bool:
    """Lines broken mid-sentence (a plain-text file or e-mail wrapped at a fixed width): its line
    breaks are spaces, and a quotation runs over them. Lines that end a sentence or an item are
    lines of their own (a pull quote's credit line, a list, a live blog's entries)."""
    if "\n" not in text:
        return False
    lines = text.split("\n")[:-1]
    broken = sum(bool(end) and (end.isalnum() or end in ",-") for end in (line.rstrip()[-1:] for line in lines))
    return broken * 2 > len(lines)


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line) of each line of a paragraph. Single (British) marks pair within a line: a
    quotation does not run over a line break inside a paragraph (a pull quote's credit line, a
    live blog's entries one a line), so one stray mark cannot mispair every line after it."""
    if "\n" not in text:
        return [(0, text)]
    found, at = [], 0
    for line in text.split("\n"):
        found.append((at, line))
        at += len(line) + 1
    return found


def _join_paragraphs(doc: Document, spans: list[Span]) -> list[Span]:
    """One quotation over several paragraphs is one item, from its first mark to its last."""
    joined: list[Span] = []
    for span in spans:
        previous = joined[-1] if joined else None
        if (
            previous is not None
            and previous.continued
            and span.paragraph == previous.end_paragraph + 1
            and span.start == doc.paragraphs[span.paragraph].start + 1
        ):
            joined[-1] = Span(previous.start, span.end, previous.paragraph, span.continued,
                               span.end_paragraph)
        else:
            joined.append(span)
    return joined


def _single_style(text: str) -> bool:
    """Single marks are the main quotation marks (British style) when they open more often."""
    return text.count("‘") > text.count("“") + text.count('"') // 2


def _pair_double(text: str, wrapped: bool = False) -> tuple[list[tuple[int, int]], int | None]:
    """(opening, closing) mark offsets of double-mark quotations, and a mark left open. Unless
    the text is `wrapped`, a straight mark left open at the end of its line is dropped there."""
    tags = _tag_ranges(text)
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in _DOUBLE_MARK_OR_BREAK.finditer(text):
        at = match.start()
        if tags and _inside(tags, at):
            continue
        mark = match.group()
        if mark == "\n":
            if open_at is not None and text[open_at] == '"' and not wrapped:
                open_at = None  # a straight mark left open at the end of its line: a slip
            continue
        if open_at is None:
            if mark in _DOUBLE_OPEN:
                open_at = at
        elif mark in _CLOSES[text[open_at]] or (mark == "“" and _faces_closing(text, at)):
            pairs.append((open_at, at))
            open_at = None
        elif mark in "“„«":
            open_at = at  # the earlier opening mark was never closed
    return pairs, open_at


def _faces_closing(text: str, at: int) -> bool:
    """An opening mark typed where a closing one belongs ('the “best in the world“ and'): right
    after a word or punctuation and before a space, punctuation or the end."""
    before = text[at - 1] if at else " "
    after = text[at + 1] if at + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or after in ",.;:!?)")


def _pair_single(text: str) -> tuple[list[tuple[int, int]], int | None]:
    """The same for single marks, skipping apostrophes (We’re, Putin’s, the dogs' bowls)."""
    pairs: list[tuple[int, int]] = []
    open_at: int | None = None
    for match in _SINGLE_MARK.finditer(text):
        at = match.start()
        before = text[at - 1] if at else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        opens = _single_opens(match.group(), before, after)
        closes = _single_closes(match.group(), before, after)
        if open_at is None:
            if opens:
                open_at = at
        elif closes:
            pairs.append((open_at, at))
            open_at = None
        elif opens and match.group() != "'":
            open_at = at
    return pairs, open_at


def _single_opens(mark: str, before: str, after: str) -> bool:
    if mark in "‘‚‹":
        return not after.isspace()
    return mark == "'" and not (before.isalnum() or after.isspace())


def _single_closes(mark: str, before: str, after: str) -> bool:
    if mark not in "’›'":
        return False
    return not before.isspace() and not after.isalnum()


def _tag_ranges(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _TAG.finditer(text)] if "<" in text else []


def _inside(ranges: list[tuple[int, int]], at: int) -> bool:
    return any(start <= at < end for start, end in ranges)


def _plausible(text: str, span: Span) -> bool:
    """A straight closing mark taken for an opening one leaves '" Obama said. "': refuse it.

    Curly marks say which way they face, so only straight ones are checked: an opening " before
    a space, or a closing " after a space and before a word.
    """
    body = text[span.start : span.end]
    if not body.strip():
        return False
    if text[span.start - 1] == '"' and body[0].isspace():
        return False
    after = text[span.end + 1 : span.end + 2]
    closing = text[span.end : span.end + 1]
    return span.continued or not (closing == '"' and body[-1].isspace() and after.isalnum())
