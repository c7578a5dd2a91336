"""What a digest was made of and what was written, beside it in `.digest.pdf.json`, and whether
the file on disk is still that: `check` before anything trusts or appends to a digest.

The record holds the written file's sha256 and length, the key of its inputs (the manifest
entries it lists, each briefing's size and time, the sections), the front page's length, and
the writer's `state` (what the file holds, so a build can append to it).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from reports import outputs
from reports.config import SectionSettings
from reports.digest.stories import file_name, stories, wanted
from reports.errors import RenderError

STATE_VERSION = 2  # of what the record keeps of the file (`state`), to append to it
# A build appends to the file (an incremental update) until the updates have grown it to this
# many times its size when written whole (replaced briefings and front pages stay in it).
MAX_GROWTH = 2.0
# Manifest fields the digest never shows (the briefing's own pages do): left out when read.
BRIEFING_ONLY = frozenset({"entities", "figures", "timeline"})


def wanted_entries(out: Path, folder: Path, sections: Sequence[SectionSettings], only: Sequence[str]) -> list[dict[str, Any]]:
    entries = [e for e in entries_of(folder) if (out / e["pdf"]).is_file()]
    return wanted(stories(entries, sections), only) if only and entries else entries


def entries_of(folder: Path) -> list[dict[str, Any]]:
    """The manifest's entries, without what only a briefing's own pages show (`BRIEFING_ONLY`):
    a digest holds every entry of its day at once, and those lists are most of an entry."""
    try:
        # Each entry is cut as it is parsed, so the whole manifest never is in memory at once.
        manifest = json.loads((folder / outputs.MANIFEST_NAME).read_text(encoding="utf-8"), object_hook=_listed)
    except FileNotFoundError:
        return []
    except json.JSONDecodeError as error:
        raise RenderError(f"{folder / outputs.MANIFEST_NAME} is not valid JSON: {error}") from error
    return list(manifest.get("articles", []))


def _listed(entry: dict[str, Any]) -> dict[str, Any]:
    if "pdf" not in entry:  # not an entry: a value inside one, or the manifest
        return entry
    kept = {key: value for key, value in entry.items() if key not in BRIEFING_ONLY}
    if isinstance(entry.get("quotes"), dict):
        kept["quotes"] = {"stats": entry["quotes"].get("stats", {})}  # the count, not the quotations
    return kept


def appendable(path: Path) -> dict[str, Any] | None:
    """What the digest at `path` holds, when a build may append to it: its record says so, its
    bytes are those recorded (never append to a damaged file), and updates have not yet grown
    it to MAX_GROWTH times its size when written whole."""
    record = recorded(path)
    state = record.get("state")
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        return None
    try:
        length = path.stat().st_size
    except OSError:
        return None
    if length != record.get("length") or length > MAX_GROWTH * state["written_size"]:
        return None
    if file_hash(path)[0] != record.get("sha256"):
        return None
    return state


def record_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.json")


def inputs_key(
    out: Path, entries: list[dict[str, Any]], sections: Sequence[SectionSettings], only: Sequence[str], language: str = "en"
) -> str:
    """What the digest is made of: the manifest entries it lists, each briefing file's size and
    time, the sections, the language of its front page and stamps (`[render] language`). The
    same key means the same digest: nothing to make again."""
    digest = hashlib.sha256(json.dumps([list(only), repr(tuple(sections)), language]).encode())
    for entry in entries:  # one at a time: the whole list as one string was the digest's largest
        digest.update(json.dumps(entry, sort_keys=True, default=str).encode())
    for entry in entries:
        try:
            stat = (out / entry["pdf"]).stat()
            digest.update(f"\0{stat.st_size}:{stat.st_mtime_ns}".encode())
        except OSError:
            digest.update(b"\0missing")
    return digest.hexdigest()


def recorded(path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(record_path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return {}


def file_hash(path: Path) -> tuple[str, int]:
    digest, length = hashlib.sha256(), 0
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
            length += len(chunk)
    return digest.hexdigest(), length


def check(
    out: Path, run_date: date, only: Sequence[str] = (), sections: Sequence[SectionSettings] = (), language: str = "en"
) -> str | None:
    """Why the day's digest (of these sections) must be made again, or None when it is up to
    date: "missing", "out of date" (the briefings, their manifest or `[render] language`
    changed), or "damaged: ..."
    (its bytes are not those written: truncated, emptied, flipped). None also when nothing was
    briefed that day."""
    folder = outputs.day_dir(out, run_date)
    if not (folder / outputs.MANIFEST_NAME).is_file():
        return None
    path = folder / file_name(only)
    if not path.is_file():
        return "missing"
    record = recorded(path)
    if not record:
        return "out of date"  # made before records, or killed between the rename and the record
    length = path.stat().st_size
    # Damage first: it is said even when the day has changed and the file is made again anyway.
    if length != record.get("length"):
        return f"damaged: {length} bytes where {record.get('length')} were written"
    if file_hash(path)[0] != record.get("sha256"):
        return "damaged: its bytes differ from those written"
    entries = wanted_entries(out, folder, sections, only)
    if record.get("inputs") != inputs_key(out, entries, sections, only, language):
        return "out of date"
    return None


def stale(
    out: Path, run_date: date, only: Sequence[str] = (), sections: Sequence[SectionSettings] = (), language: str = "en"
) -> bool:
    """Must the day's digest (of these sections) be made again? (`check` says why.)"""
    return check(out, run_date, only, sections, language) is not None
