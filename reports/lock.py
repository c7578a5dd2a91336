"""One writer per output folder: an advisory flock on `out/.lock`.

The kernel drops the lock when the process dies, so a killed run leaves nothing stale.
`reports run`, the daemon and `reports email` all take it.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reports.errors import LockedError

LOCK_NAME = ".lock"


@contextmanager
def hold(out_dir: Path, what: str = "run") -> Iterator[None]:
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_NAME
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(handle, 200, 0).decode(errors="replace").strip() or "another process"
            raise LockedError(f"{out_dir} is in use by {holder}; try again when it finishes") from None
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"reports {what} (pid {os.getpid()})".encode(), 0)
        yield
    finally:
        os.close(handle)
