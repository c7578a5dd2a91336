"""Bytes to text, robustly: a cp1252 or latin-1 file must arrive intact, never garbled."""

from __future__ import annotations

import codecs

from reports.errors import ReadError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(raw: bytes) -> str:
    """Decode with the BOM's codec, else UTF-8, else cp1252, else latin-1; normalise newlines.

    Raises ReadError for binary content (NUL bytes outside a UTF-16 file).
    """
    text = _decode(raw)
    if "\x00" in text:
        raise ReadError("binary content (NUL bytes), not an article")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode(raw: bytes) -> str:
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            try:
                return raw[len(bom) :].decode(codec)
            except UnicodeDecodeError as error:
                raise ReadError(f"invalid {codec} after a byte-order mark: {error.reason}") from error
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Windows newsroom exports: curly quotes and dashes live in 0x80-0x9f.
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return raw.decode("latin-1")  # total: every byte maps to a character
