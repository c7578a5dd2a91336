"""A .json file: one article object, or a list of them, with the fields of a .jsonl line.

In a list, a bad item is one failed article, reported as `file.json[3]`; the others go on.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from reports.errors import ReadError
from reports.ingest.decode import decode
from reports.ingest.jsonl import TOO_DEEP, parse_row
from reports.models import Article


def read(path: Path, raw: bytes, label: str) -> Iterator[Article | ReadError]:
    try:
        data = json.loads(decode(raw))
    except json.JSONDecodeError as error:
        raise ReadError(f"not JSON ({error.msg} at line {error.lineno}, column {error.colno})") from error
    except RecursionError as error:  # json's C parser recurses per level: one file, not the run
        raise ReadError(TOO_DEEP) from error
    if isinstance(data, dict):
        yield parse_row(data, source=label, content_hash=hashlib.sha256(raw).hexdigest())
        return
    if not isinstance(data, list):
        raise ReadError("expected a JSON object or a list of objects")
    for index, row in enumerate(data):
        source = f"{label}[{index}]"
        try:
            yield parse_row(row, source=source, content_hash=_row_hash(row))
        except ReadError as error:
            yield error
        except RecursionError:
            yield ReadError(f"{source}: {TOO_DEEP}")


def _row_hash(row: object) -> str:
    # Canonical form: the same item keeps its key when the list around it changes.
    return hashlib.sha256(json.dumps(row, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
