"""The output folder's layout, and the only code that writes into it.

    out/
      ledger.sqlite3
      2026-11-25/
        <slug>.pdf          one briefing per article
        manifest.json       every article of the day: its analysis and its PDF

Every write goes to a temporary file in the same folder and is renamed into place, so a
reader (or a crash) never sees half a file. Names are slugs joined under the day folder:
nothing an article says can make a path escape it.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from datetime import date
from pathlib import Path
from collections.abc import Iterable, Iterator
from typing import Any

MANIFEST_NAME = "manifest.json"
TEMP_PREFIX = ".tmp-"
_SLUG_MAX = 60


def day_dir(out: Path, run_date: date) -> Path:
    return out / run_date.isoformat()


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > _SLUG_MAX:
        cut = slug[: _SLUG_MAX + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else cut[:_SLUG_MAX]  # end on a whole word
    return slug or "article"


def pdf_name(title: str, content_hash: str) -> str:
    """`<title slug>-<hash>.pdf`: readable, and the same for the same article on every run, so
    a briefing rendered again (after a crash, or --force) replaces its file instead of adding one."""
    return f"{slugify(title)}-{content_hash[:8]}.pdf"


def write_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write `data` (bytes, or chunks of bytes) to a temp file beside `path`, then rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
    try:
        os.fchmod(handle, 0o644)  # mkstemp makes 0600; briefings are for sharing
        with os.fdopen(handle, "wb") as file:
            for chunk in [data] if isinstance(data, bytes) else data:
                file.write(chunk)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def write_manifest(folder: Path, run_date: date, entries: Iterable[dict[str, Any]]) -> None:
    """The day's manifest: every article briefed that day, its analysis and its PDF.

    Streamed entry by entry: a day of 2,000 articles used to be parsed and dumped whole,
    which was most of the coordinator's memory at the end of a big run."""
    write_atomic(folder / MANIFEST_NAME, _manifest_chunks(run_date, entries))


def manifest_pdfs(folder: Path) -> list[str] | None:
    """The PDF paths the day's manifest lists; None when it is missing or unreadable."""
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        return [entry["pdf"] for entry in manifest["articles"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _manifest_chunks(run_date: date, entries: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    yield f'{{\n  "date": "{run_date.isoformat()}",\n  "articles": ['.encode()
    for index, entry in enumerate(entries):
        text = json.dumps(entry, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        yield (("," if index else "") + "\n    " + text).encode()
    yield b"\n  ]\n}\n"


def remove_temp_files(folder: Path) -> None:
    """Temp files left by a killed run; safe because the run holds the output lock."""
    if folder.is_dir():
        for temp in folder.glob(f"{TEMP_PREFIX}*"):
            temp.unlink(missing_ok=True)
