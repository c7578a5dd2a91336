"""Is this text one we have briefed before, exactly or as an earlier version of the story?

- `text_key`: a hash of the normalised body text, so the same article in another container
  (a .txt and an .html page, a feed item fetched twice) has one key.
- `signature`: a MinHash of the text's word 5-shingles. The share of equal positions in two
  signatures estimates the Jaccard similarity of their shingle sets: an updated story (a
  paragraph added, a figure corrected) scores high, another story on the same topic low.
- `bands`: locality-sensitive hashing. The signature is cut into bands; two texts that agree
  on a whole band are candidates. The ledger indexes bands, so a new article is compared only
  with the few earlier ones it shares a band with, never with the whole ledger.

Pure functions: the pipeline stores and looks up the results in the ledger.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import re
import unicodedata
from array import array
from collections.abc import Iterator

SHINGLE_WORDS = 5
PERMUTATIONS = 128
ROWS = 4  # per band: 32 bands; texts with Jaccard 0.5 meet in some band with p = 0.87
UPDATE_SIMILARITY = 0.5  # at or above: the same story, updated; below: another story
# Shingles of the first this many words only: far beyond any article, it bounds the time and
# memory a 20 MB one-line file costs (its shingle set, 128 passes over it) without changing the
# signature of any real article.
MAX_SIGNATURE_WORDS = 60_000
_RANDOM = random.Random(20261125)  # fixed: signatures stored in the ledger must stay comparable
_MASKS = tuple(_RANDOM.getrandbits(64) for _ in range(PERMUTATIONS))
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_CHUNK = 1 << 20


def normalise(text: str) -> str:
    """The text as it reads: Unicode forms, quote styles, case and spacing don't matter."""
    return " ".join(_normalised(text))


def _normalised(text: str) -> Iterator[str]:
    """normalise(text) in pieces, to be joined by one space: the text is cut at whitespace into
    chunks of about _CHUNK characters, so a 20 MB one-line file never has a list of its words or
    several whole copies in memory at once. No normal form, case fold or quote mapping crosses
    whitespace, so the pieces give the same text as normalising it whole."""
    start = 0
    while start < len(text):
        space = _SPACES.search(text, start + _CHUNK) if len(text) - start > _CHUNK else None
        end, after = (space.start(), space.end()) if space else (len(text), len(text))
        piece = " ".join(unicodedata.normalize("NFKC", text[start:end]).translate(_QUOTES).casefold().split())
        if piece:
            yield piece
        start = after


def text_key(text: str) -> str:
    digest = hashlib.sha256()
    for i, piece in enumerate(_normalised(text)):
        digest.update((" " + piece if i else piece).encode())
    return digest.hexdigest()


def signature(text: str) -> bytes:
    """MinHash over word shingles; XOR with fixed random masks stands in for permutations."""
    found = (m.group() for piece in _normalised(text) for m in _WORD.finditer(piece))  # no word spans pieces
    words = list(itertools.islice(found, MAX_SIGNATURE_WORDS))
    size = min(SHINGLE_WORDS, len(words)) or 1
    shingles = {" ".join(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}
    hashes = [int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "little") for s in shingles]
    return array("Q", (min(map(mask.__xor__, hashes)) for mask in _MASKS)).tobytes()


def similarity(a: bytes, b: bytes) -> float:
    left, right = array("Q", a), array("Q", b)
    if len(left) != len(right) or not left:
        return 0.0
    return sum(x == y for x, y in zip(left, right, strict=True)) / len(left)


def bands(sig: bytes) -> list[str]:
    """One index key per band of ROWS signature values: "<band>:<hash>"."""
    width = ROWS * 8
    return [
        f"{i}:{hashlib.blake2b(sig[start : start + width], digest_size=8).hexdigest()}"
        for i, start in enumerate(range(0, len(sig), width))
    ]
