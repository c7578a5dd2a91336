"""JSON Lines: one article a line, {"id", "text", "title"?, "date"?, "language"?} (CONTRACT.md).

A bad line is one failed article, reported with its line number; the other lines go on.
`text` is kept exactly as given (bar newline normalisation), so offsets match the input.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from reports.errors import ReadError
from reports.ingest.decode import decode
from reports.models import Article

TOO_DEEP = "JSON nested too deeply to be an article"


def read(path: Path, raw: bytes, label: str) -> Iterator[Article | ReadError]:
    for number, line in enumerate(decode(raw).split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield parse_line(line, source=f"{label}:{number}")
        except ReadError as error:
            yield error


def parse_line(line: str, *, source: str) -> Article:
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise ReadError(f"{source}: not JSON ({error.msg} at column {error.colno})") from error
    except RecursionError as error:  # one hostile line costs that line, not the file or the run
        raise ReadError(f"{source}: {TOO_DEEP}") from error
    return parse_row(row, source=source, content_hash=hashlib.sha256(line.encode()).hexdigest())


def parse_row(row: object, *, source: str, content_hash: str) -> Article:
    """One article object, {"id", "text", "title"?, "date"?}; shared with the .json reader."""
    if not isinstance(row, dict):
        raise ReadError(f"{source}: expected a JSON object")
    text, article_id = row.get("text"), row.get("id")
    if not isinstance(text, str) or not text.strip():
        raise ReadError(f"{source}: missing or empty \"text\"")
    if not isinstance(article_id, (str, int)) or str(article_id) == "":
        raise ReadError(f"{source}: missing \"id\"")
    title = row.get("title")
    declared = row.get("language", row.get("lang"))
    return Article(
        id=str(article_id),
        source=source,
        text=text.replace("\r\n", "\n"),
        title=title.strip() if isinstance(title, str) and title.strip() else None,
        date=_date(row.get("date"), source),
        content_hash=content_hash,
        language=declared if isinstance(declared, str) and declared.strip() else None,
    )


def _date(value: object, source: str) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError as error:
        raise ReadError(f"{source}: bad \"date\" {value!r}") from error
