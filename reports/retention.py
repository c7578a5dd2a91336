"""Retention: the day folders (out/YYYY-MM-DD/) older than `retention.keep_days` go; the ledger stays.

Only folders whose name is a date are candidates, so the ledger, the heartbeat and anything a
user keeps beside them are never touched.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path


def expired(out: Path, today: date, keep_days: int) -> list[Path]:
    """The day folders more than `keep_days` days before `today`, oldest first; none when 0."""
    if keep_days <= 0 or not out.is_dir():
        return []
    cutoff = today - timedelta(days=keep_days)
    found = []
    for folder in out.iterdir():
        try:
            day = date.fromisoformat(folder.name)
        except ValueError:
            continue
        if folder.is_dir() and len(folder.name) == 10 and day < cutoff:
            found.append(folder)
    return sorted(found)


def prune(out: Path, today: date, keep_days: int, *, dry_run: bool = False) -> list[Path]:
    """Remove (or, on a dry run, only list) the expired day folders."""
    folders = expired(out, today, keep_days)
    if not dry_run:
        for folder in folders:
            shutil.rmtree(folder)
    return folders
