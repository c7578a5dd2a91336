"""Files derived from installed data packages (the CMU syllable table, the names gazetteer),
kept in the user's cache folder so that a short command does not rebuild them each time.

A cache is only ever a shortcut: a file that cannot be read is rebuilt, one that cannot be
written is skipped, a machine with no home folder has none. Each file is named by what it was
built from, so an upgrade of the package makes a new name. Reading a file marks it as in use
(its time); writing one removes the files of the same kind that no install has read for a
month, so old versions do not pile up while two installs on one machine (two virtualenvs)
never delete each other's. Files are written atomically, so parallel workers never read half
a file.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

UNUSED_S = 30 * 24 * 3600  # a cache file no install read for this long is removed


def folder() -> Path | None:
    """$XDG_CACHE_HOME/reports, else ~/.cache/reports; None when there is no home folder."""
    try:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except (RuntimeError, KeyError):
        return None
    return base / "reports"


def read(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        os.utime(path)  # in use: not removed as an old version
    except OSError:
        pass
    return data


def write(path: Path, data: bytes, *, replaces: str) -> None:
    """Write `path` atomically and remove the other files of its folder matching the glob
    `replaces` (other versions of the same cache) that were not read for UNUSED_S. Never raises
    for a folder it cannot write."""
    temp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
        temp = None
        unused = time.time() - UNUSED_S
        for old in path.parent.glob(replaces):
            if old != path and old.stat().st_mtime < unused:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        if temp is not None:
            Path(temp).unlink(missing_ok=True)
