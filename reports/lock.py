"""One writer per output folder: an advisory flock on `out/.lock`.

The kernel drops the lock when the process dies, so a killed run leaves nothing stale.
`reports run`, each daemon scan and `reports email` take it for as long as they write; given
`wait`, they queue behind each other (a cron run waits for the daemon's scan) instead of failing.
The daemon also holds `out/.daemon.lock` for its whole life: one daemon per output folder.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from reports.errors import LockedError

# Descriptors of the locks this process holds: forked workers close their copies (see
# `forget_in_child`), so a worker outliving a killed coordinator cannot keep the folder locked.
_HELD: set[int] = set()
LOCK_NAME = ".lock"
DAEMON_LOCK_NAME = ".daemon.lock"
_POLL_S = 0.2


@contextmanager
def hold(out_dir: Path, what: str = "run", *, wait: float = 0.0, name: str = LOCK_NAME) -> Iterator[None]:
    """Hold `out_dir/name`, waiting up to `wait` seconds for its holder to let go."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / name
    handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                holder = os.pread(handle, 200, 0).decode(errors="replace").strip() or "another process"
                raise LockedError(f"{out_dir} is in use by {holder}; try again when it finishes")
            time.sleep(_POLL_S)  # polled: flock itself has no timeout
        os.ftruncate(handle, 0)
        os.pwrite(handle, f"reports {what} (pid {os.getpid()})".encode(), 0)
        _HELD.add(handle)
        yield
    finally:
        _HELD.discard(handle)
        os.close(handle)


def is_held(out_dir: Path, name: str = LOCK_NAME) -> bool:
    """Whether some process holds `out_dir/name` now (the kernel frees it when its holder dies)."""
    try:
        handle = os.open(out_dir / name, os.O_RDONLY)
    except FileNotFoundError:
        return False
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(handle)  # also drops the shared lock, if we got it
    return False


def forget_in_child() -> None:
    """In a forked worker: close the inherited lock descriptors (the parent keeps its locks)."""
    for handle in list(_HELD):
        try:
            os.close(handle)
        except OSError:
            pass
    _HELD.clear()


def _try_lock(handle: int) -> bool:
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
