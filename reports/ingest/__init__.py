"""Read articles from the inbox. One module per format; READERS maps a suffix to its reader.

A reader takes the path and the file's bytes and yields Articles, or ReadErrors for parts of
the file that are broken (a bad line in a .jsonl), so one bad record never hides the others.
Any reader's suffix followed by `.gz` is read through gzip (saved pages often are), with the
same size cap on the decompressed bytes as on a plain file, so a gzip bomb costs one refusal.
Files the inbox holds that no reader reads are listed by `scan`, each with the reason.
"""

from __future__ import annotations

import errno
import gzip
import importlib
import io
import zlib
import os
import stat as stat_module
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reports.errors import ReadError
from reports.models import Article

# (path, bytes, label): the label is how the article's source is shown, e.g. "seeds/a.txt".
Reader = Callable[[Path, bytes, str], Iterable[Article | ReadError]]

# Suffix -> the module whose `read` reads it. A module is imported when a file of its kind is
# read, so an idle run (every file settled, none parsed) loads no reader (HTML, e-mail).
READERS: dict[str, str] = {
    ".txt": "txt",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".json": "json_file",
    ".jsonl": "jsonl",
    ".eml": "eml",
}
_FORMATS = frozenset(READERS.values())


def __getattr__(name: str) -> Any:
    """`ingest.html` and the like still work before anything imported them."""
    if name in _FORMATS:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


COMPRESSED = ".gz"

# Why a file of a kind we know of is not read: what a user put in the inbox, and what to do.
NOT_READ: dict[str, str] = {
    ".pdf": "a PDF is not read (save the article as HTML or text)",
    ".doc": "a word-processor document is not read (save it as HTML or text)",
    ".docx": "a word-processor document is not read (save it as HTML or text)",
    ".odt": "a word-processor document is not read (save it as HTML or text)",
    ".rtf": "a word-processor document is not read (save it as HTML or text)",
    ".epub": "an e-book is not read",
    ".zip": "an archive is not read (unpack it into the inbox)",
    ".tar": "an archive is not read (unpack it into the inbox)",
    ".jpg": "an image is not read", ".jpeg": "an image is not read", ".png": "an image is not read",
    ".gif": "an image is not read", ".webp": "an image is not read",
}


def reading_suffix(path: Path) -> str:
    """The suffix that picks the reader: ".html" for "page.html.gz" as for "page.html"."""
    suffixes = [s.lower() for s in path.suffixes]
    if len(suffixes) >= 2 and suffixes[-1] == COMPRESSED:
        return suffixes[-2]
    return path.suffix.lower()


def reader_for(path: Path) -> Reader | None:
    name = READERS.get(reading_suffix(path))
    return importlib.import_module(f"{__name__}.{name}").read if name else None


def why_not_read(path: Path) -> str:
    """The reason a file no reader takes is left alone, for the run's report."""
    kind = path.suffix.lower()
    if kind == COMPRESSED:
        inner = Path(path.stem).suffix.lower()
        return f"a compressed {inner or 'file'} is not read (only {', '.join(READERS)} files with .gz)"
    if kind in NOT_READ:
        return NOT_READ[kind]
    return f"not a kind of file reports reads ({kind or 'no suffix'}; it reads {', '.join(READERS)}, and these with .gz)"

MAX_FILE_BYTES = 20_000_000
VANISHED = "the file vanished before it could be read (moved or deleted during the run)"
NOT_REGULAR = "not a regular file (a FIFO, device or socket, or a link to one); not read"
SETTLE_SECONDS = 2.0  # a file modified more recently than this may still be being written
SETTLE_PAUSE = 0.3  # how long to watch such a file for a change in size or time


def discover(inbox: Path) -> list[Path]:
    """Article files in the inbox (recursively), in a stable order; hidden files are skipped."""
    return scan(inbox)[0]


def scan(inbox: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The inbox's article files, and the other files with the reason each is not read.

    Hidden files and folders are nobody's articles and are passed over in silence."""
    found: list[Path] = []
    left: list[tuple[Path, str]] = []
    for path in sorted(inbox.rglob("*")):
        relative = path.relative_to(inbox)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_dir() and not path.is_symlink():
            continue
        # Not only regular files: a FIFO or socket with an article's name is reported, not skipped.
        if reading_suffix(path) in READERS:
            found.append(path)
        else:
            left.append((path, why_not_read(path)))
    return found, left


@dataclass(frozen=True)
class Settled:
    """Discovered files sorted by whether they can be read now."""

    ready: list[Path]
    waiting: list[Path]  # still being written: left for the next scan
    vanished: list[Path]  # deleted or moved away since discovery


def settle(paths: list[Path], *, now: float | None = None, pause: float = SETTLE_PAUSE) -> Settled:
    """Sort out files still being written: stat the recently changed ones twice, `pause` apart.

    Files older than SETTLE_SECONDS cost one stat, so an idle scan stays cheap; only when a
    fresh file is present does the scan wait `pause` seconds (once, for all of them).
    """
    now = time.time() if now is None else now
    stamps: dict[Path, tuple[int, int]] = {}
    vanished: list[Path] = []
    for path in paths:
        stamp = _stamp(path)
        if stamp is None:
            vanished.append(path)
        else:
            stamps[path] = stamp
    fresh = [p for p, (_, mtime_ns) in stamps.items() if now - mtime_ns / 1e9 < SETTLE_SECONDS]
    waiting: list[Path] = []
    if fresh:
        time.sleep(pause)
        for path in fresh:
            stamp = _stamp(path)
            if stamp is None:
                vanished.append(path)
            elif stamp != stamps[path]:
                waiting.append(path)
    gone = set(vanished) | set(waiting)
    return Settled([p for p in paths if p not in gone], waiting, vanished)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        try:
            stat = path.lstat()  # a broken link is still there: read() reports it
        except OSError:
            return None
    return stat.st_size, stat.st_mtime_ns


def label(path: Path, inbox: Path | None) -> str:
    """The file as users know it: relative to the inbox's parent folder, e.g. "seeds/a.txt"."""
    if inbox is not None:
        try:
            return str(path.relative_to(inbox.parent))
        except ValueError:
            pass
    return str(path)


def read_regular(path: Path, inbox: Path | None = None) -> bytes:
    """The bytes of a regular file. A FIFO, device or socket is never opened for reading (it
    could block the run for ever): stat first, then open non-blocking and check the open file."""
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise ReadError("a loop of symbolic links: it points back to itself") from error
        if error.errno == errno.ENOENT and path.is_symlink():
            raise ReadError("broken link: the file it points to does not exist") from error
    if inbox is not None and not path.resolve().is_relative_to(inbox.resolve()):
        raise ReadError("the file is a link to a place outside the inbox; not read")
    try:
        if not stat_module.S_ISREG(os.stat(path).st_mode):
            raise ReadError(NOT_REGULAR)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with open(fd, "rb") as file:
            info = os.fstat(file.fileno())
            if not stat_module.S_ISREG(info.st_mode):  # swapped between the stat and the open
                raise ReadError(NOT_REGULAR)
            if info.st_size > MAX_FILE_BYTES:
                raise ReadError(f"file larger than {MAX_FILE_BYTES:,} bytes")
            return file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as error:
        raise ReadError(VANISHED) from error
    except OSError as error:
        raise ReadError(f"cannot read the file: {error.strerror or error}") from error


def read(path: Path, inbox: Path | None = None) -> Iterator[Article | ReadError]:
    """Yield the articles of one file. Raises ReadError when the whole file is unusable."""
    reader = reader_for(path)
    if reader is None:
        raise ReadError(f"unsupported file type: {why_not_read(path)}")
    raw = read_regular(path, inbox)
    source = label(path, inbox)  # the file as it is in the inbox, .gz and all
    if path.suffix.lower() == COMPRESSED:
        raw = gunzip(raw)
        path = path.with_suffix("")  # the reader sees "page.html": its id is "page"
    if not raw.strip():
        raise ReadError("empty file")
    yield from reader(path, raw, source)


def gunzip(raw: bytes, limit: int | None = None) -> bytes:
    """The decompressed bytes, at most `limit` (MAX_FILE_BYTES) of them: more is refused before
    it is all made."""
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as file:
            data = file.read(limit + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise ReadError(f"not a readable gzip file: {error}") from error
    if len(data) > limit:
        raise ReadError(f"decompresses to more than {limit:,} bytes (a gzip bomb or a huge page); not read")
    return data
