"""A PDF file written object by object, so a digest of any length is made in the memory of one
briefing: each source is opened (qpdf, through pikepdf), the objects its pages and structure need
are written out renumbered, and it is closed before the next; only object numbers are kept.

qpdf serialises each object (`unparse`: strings escaped, so a reference is never inside one);
this module renumbers the references, writes stream data as stored (never decoded), and ends
the file with a classic cross-reference table. A placeholder is an object made in a source that
stands for one of the digest's own (its page tree, its Document element): references to it are
written as references to that object, and the placeholder itself is never written.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections.abc import Iterable
from typing import Any, BinaryIO

# A literal string (skipped: qpdf escapes its parentheses) or an indirect reference.
_TOKEN = re.compile(rb"(\((?:\\.|[^\\)])*\))|(?<![\d.+-])(\d+) (\d+) R\b", re.S)


class Out:
    """The file being written: object numbers handed out in order, each object's offset."""

    def __init__(self, file: BinaryIO, *, after: int = 0, prev: int | None = None) -> None:
        """A new file; or, given `prev` (the last cross-reference's offset) and `after` (the
        first free object number), an incremental update appended to `file`'s bytes."""
        self.file, self.prev = file, prev
        self.first = self.next = after or 1
        # Each object's offset, -1 until written: 8 bytes an object (a dict took about 100).
        self.offsets = array("q", [-1]) * self.next
        if prev is None:
            self.file.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def number(self) -> int:
        """A new object number, to be written later (`write`)."""
        self.offsets.append(-1)
        self.next += 1
        return self.next - 1

    def write(self, number: int, body: bytes | Iterable[bytes], stream: bytes | None = None) -> None:
        """Object `number`: `body` is its dictionary (or value), or its pieces (a large one is
        never joined in memory); `stream` its data as stored."""
        self.offsets[number] = self.file.tell()
        self.file.write(b"%d 0 obj\n" % number)
        for piece in [body] if isinstance(body, bytes) else body:
            self.file.write(piece)
        if stream is not None:
            self.file.write(b"\nstream\n")
            self.file.write(stream)
            self.file.write(b"\nendstream")
        self.file.write(b"\nendobj\n")

    def stream(self, number: int, entries: bytes, data: bytes) -> None:
        """A stream object from its dictionary's entries (without /Length) and its data."""
        self.write(number, b"<< " + entries + b" /Length %d >>" % len(data), data)

    def finish(self, root: int, info: int, seed: bytes) -> int:
        """The cross-reference section and trailer; every number handed out must be written.
        An update's section lists only what it wrote (and, as readers expect, object 0).
        Returns the section's offset."""
        missing = [n for n in range(self.first, self.next) if self.offsets[n] < 0]
        if missing:
            raise ValueError(f"objects never written: {missing[:10]}")
        xref = self.file.tell()
        self.file.write(b"xref\n")
        # Runs of consecutive written numbers (a new file: all of them), object 0's entry first.
        written = (n for n in range(1, self.next) if self.offsets[n] >= 0)
        runs: list[tuple[int, int]] = [(0, 1)]  # (first, count)
        for number in written:
            first, count = runs[-1]
            runs[-1:] = [(first, count + 1)] if number == first + count else [(first, count), (number, 1)]
        for first, count in runs:
            self.file.write(b"%d %d\n" % (first, count))
            for n in range(first, first + count):
                self.file.write(b"0000000000 65535 f\r\n" if n == 0 else b"%010d 00000 n\r\n" % self.offsets[n])
        file_id = hashlib.md5(seed).hexdigest().encode()
        prev = b" /Prev %d" % self.prev if self.prev is not None else b""
        self.file.write(
            b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>]%s >>\nstartxref\n%d\n%%%%EOF\n"
            % (self.next, root, info, file_id, file_id, prev, xref)
        )
        return xref


class Copier:
    """Copies objects of one source into `out`: each once, under a new number."""

    def __init__(self, out: Out, source: Any, placeholders: dict[tuple[int, int], int] | None = None) -> None:
        self.out, self.source = out, source
        self.numbers: dict[tuple[int, int], int] = dict(placeholders or {})
        self.todo: list[tuple[int, int]] = []

    def ref(self, obj: Any) -> int:
        """The new number of the source's indirect object `obj` (copied by `run`)."""
        return self._number(obj.objgen)

    def text(self, obj: Any) -> bytes:
        """A direct object of the source, as text with its references renumbered."""
        return self._renumber(obj.unparse(resolved=True))

    def run(self) -> None:
        """Write every object reached so far, and the objects they reach."""
        import pikepdf

        while self.todo:
            objgen = self.todo.pop()
            obj = self.source.get_object(objgen)
            number = self.numbers[objgen]
            if isinstance(obj, pikepdf.Stream):
                raw = obj.read_raw_bytes()
                entries = {k: v for k, v in obj.stream_dict.items() if k != "/Length"}
                body = self._renumber(pikepdf.Dictionary(entries).unparse(resolved=True))
                self.out.write(number, body[:-2].rstrip() + b" /Length %d >>" % len(raw), raw)
            else:
                self.out.write(number, self._renumber(obj.unparse(resolved=True)))

    def _number(self, objgen: tuple[int, int]) -> int:
        number = self.numbers.get(objgen)
        if number is None:
            number = self.numbers[objgen] = self.out.number()
            self.todo.append(objgen)
        return number

    def _renumber(self, text: bytes) -> bytes:
        def swap(match: re.Match[bytes]) -> bytes:
            if match.group(1) is not None:
                return match.group(1)
            return b"%d 0 R" % self._number((int(match.group(2)), int(match.group(3))))

        return _TOKEN.sub(swap, text)


def pdf_text(value: Any) -> bytes:
    """A value of our own as PDF text: bytes as they are (names, references, dictionaries made
    here), str as a PDF string, numbers, None, lists."""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return text_string(value)
    if value is None:
        return b"null"
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return b"%d" % value
    if isinstance(value, float):
        return f"{value:.4f}".encode()
    if isinstance(value, Iterable):
        return b"[" + b" ".join(pdf_text(item) for item in value) + b"]"
    raise TypeError(f"no PDF text for {type(value).__name__}")


def text_string(value: str) -> bytes:
    """A PDF text string: printable ASCII as a literal (its backslashes and brackets escaped),
    anything else as UTF-16BE with its byte order mark, in hex. Written here rather than by
    qpdf: the outline has one per bookmark, and a pikepdf object each cost more than the rest
    of the outline."""
    if value.isascii() and value.isprintable():
        return b"(" + value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode() + b")"
    return b"<feff" + value.encode("utf-16-be").hex().encode() + b">"


def ref(number: int) -> bytes:
    return b"%d 0 R" % number


def dictionary(entries: dict[str, Any]) -> bytes:
    """<< /Key value ... >> from names and values (bytes are written as they are)."""
    return b"<< " + b" ".join(b"/" + key.encode() + b" " + pdf_text(value) for key, value in entries.items()) + b" >>"
