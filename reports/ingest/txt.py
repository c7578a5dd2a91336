"""The seed format: optional header, optional photo caption, paragraphs, stories.

    date 2022-02-07 <caption ending in> Photo: <credit>

    First paragraph of the body...

A `title ...` header line (or a first paragraph that is one short line with no closing
punctuation; a closing quotation mark after a word counts as none) gives the title; otherwise the analysis makes a headline from the lead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from reports.errors import ReadError
from reports.ingest.decode import decode
from reports.models import Article

_DATE_HEADER = re.compile(r"\A\s*date:?[ \t]+(\d{4}-\d{2}-\d{2})[ \t]*\n?", re.IGNORECASE)
_TITLE_HEADER = re.compile(r"\A\s*(?:title:?[ \t]+|#[ \t]+)(\S[^\n]*)\n", re.IGNORECASE)
_CAPTION = re.compile(r"\A(?P<caption>.*?)\s*\bPhoto:\s*(?P<credit>[^\n]{1,160}?)\s*\Z", re.DOTALL)
_FIRST_PARAGRAPH = re.compile(r"\A\s*(.*?)(?:\n[ \t]*\n|\Z)", re.DOTALL)
_MAX_TITLE_WORDS = 16


def read(path: Path, raw: bytes, label: str) -> Iterator[Article]:
    yield parse(decode(raw), article_id=path.stem, source=label, content_hash=_hash(raw))


def parse(text: str, *, article_id: str, source: str, content_hash: str = "") -> Article:
    text, when = _take_date(text)
    text, title = _take_title(text)
    text, caption, credit = _take_caption(text)
    if title is None:
        text, title = _take_title_line(text)
    body = text.strip()
    if not body:
        raise ReadError("no article text (empty after the header and caption)")
    return Article(
        id=article_id,
        source=source,
        text=body,
        title=title,
        date=when,
        caption=caption,
        credit=credit,
        content_hash=content_hash or _hash(text.encode()),
    )


def _take_date(text: str) -> tuple[str, date | None]:
    match = _DATE_HEADER.match(text)
    if not match:
        return text, None
    try:
        when = date.fromisoformat(match.group(1))
    except ValueError as error:
        raise ReadError(f"bad date header {match.group(1)!r}: {error}") from error
    return text[match.end() :], when


def _take_title(text: str) -> tuple[str, str | None]:
    match = _TITLE_HEADER.match(text)
    if not match:
        return text, None
    return text[match.end() :], match.group(1).strip()


def _take_caption(text: str) -> tuple[str, str | None, str | None]:
    first = _FIRST_PARAGRAPH.match(text)
    if not first:
        return text, None, None
    match = _CAPTION.match(first.group(1))
    if not match:
        return text, None, None
    caption = " ".join(match.group("caption").split()) or None
    return text[first.end() :], caption, match.group("credit").strip()


def _take_title_line(text: str) -> tuple[str, str | None]:
    """A first paragraph that is a single short line with no closing punctuation is a title."""
    first = _FIRST_PARAGRAPH.match(text)
    if not first or first.end() == len(text):
        return text, None
    line = first.group(1).strip()
    if "\n" in line or not line or len(line.split()) > _MAX_TITLE_WORDS or not _ends_like_title(line):
        return text, None
    return text[first.end() :], line


def _ends_like_title(line: str) -> bool:
    """No closing punctuation, or a closing quotation mark after a word: a headline quoting
    someone ("Pope visit 'very exciting'") ends in one, a sentence of the body ends in '."'."""
    if line[-1] in _CLOSING_QUOTES:
        return len(line) > 1 and line[-2] not in ".!?:;,"
    return line[-1] not in ".!?:;,"


_CLOSING_QUOTES = "\"”'’»"


def _hash(raw: bytes) -> str:
    import hashlib

    return hashlib.sha256(raw).hexdigest()
