"""Read articles from the inbox. One module per format; READERS maps a suffix to its reader.

A reader takes the path and the file's bytes and yields Articles, or ReadErrors for parts of
the file that are broken (a bad line in a .jsonl), so one bad record never hides the others.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from reports.errors import ReadError
from reports.ingest import jsonl, txt
from reports.models import Article

# (path, bytes, label): the label is how the article's source is shown, e.g. "seeds/a.txt".
Reader = Callable[[Path, bytes, str], Iterable[Article | ReadError]]

READERS: dict[str, Reader] = {
    ".txt": txt.read,
    ".jsonl": jsonl.read,
}

MAX_FILE_BYTES = 20_000_000


def discover(inbox: Path) -> list[Path]:
    """Article files in the inbox (recursively), in a stable order; hidden files are skipped."""
    found = []
    for path in sorted(inbox.rglob("*")):
        relative = path.relative_to(inbox)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() in READERS and (path.is_file() or path.is_symlink()):
            found.append(path)
    return found


def label(path: Path, inbox: Path | None) -> str:
    """The file as users know it: relative to the inbox's parent folder, e.g. "seeds/a.txt"."""
    if inbox is not None:
        try:
            return str(path.relative_to(inbox.parent))
        except ValueError:
            pass
    return str(path)


def read(path: Path, inbox: Path | None = None) -> Iterator[Article | ReadError]:
    """Yield the articles of one file. Raises ReadError when the whole file is unusable."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ReadError(f"unsupported file type {path.suffix!r} (supported: {', '.join(READERS)})")
    if inbox is not None and not path.resolve().is_relative_to(inbox.resolve()):
        raise ReadError("the file is a link to a place outside the inbox; not read")
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ReadError(f"file larger than {MAX_FILE_BYTES:,} bytes")
        raw = path.read_bytes()
    except OSError as error:
        raise ReadError(f"cannot read the file: {error.strerror or error}") from error
    if not raw.strip():
        raise ReadError("empty file")
    yield from reader(path, raw, label(path, inbox))
