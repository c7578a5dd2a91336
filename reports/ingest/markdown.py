"""A Markdown article (.md): optional front matter, Markdown syntax reduced to plain paragraphs.

    ---
    title: Macron flies to Moscow
    date: 2022-02-07
    author: Jane Reporter
    language: en
    ---

    # A first-level heading is the title when the front matter has none

    *Putin and Macron in Berlin. Photo: Reuters*   <- the seed's caption convention still holds

After the markup is gone the text goes through the seed parser, so the seed conventions (a
`date` header line, a first paragraph ending in "Photo: credit" as the caption) hold here too.
A thematic break (`---`, `***`) or two blank lines between paragraphs is a story break.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

from reports.errors import ReadError
from reports.ingest import txt
from reports.ingest.decode import decode
from reports.models import Article

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_META_LINE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")
_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_QUOTE = re.compile(r"^ {0,3}>[ \t]?")
_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+")
_LINK_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$")
_INLINE = (
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images: the caption convention covers photos
    (re.compile(r"!\[[^\]]*\]\[[^\]]*\]"), ""),
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>\n]*>"), ""),  # inline HTML tags
    (re.compile(r"`([^`\n]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|\"'])"), r"\1"),  # backslash escapes
)
_STORY = "\n\n\n\n"


def read(path: Path, raw: bytes, label: str) -> Iterator[Article]:
    text, meta = _front_matter(decode(raw))
    plain, heading = to_plain(text)
    article = txt.parse(plain, article_id=path.stem, source=label, content_hash=hashlib.sha256(raw).hexdigest())
    yield replace(
        article,
        title=meta.get("title") or heading or article.title,
        date=_date(meta.get("date"), label) or article.date,
        author=meta.get("author") or meta.get("byline"),
        language=meta.get("lang") or meta.get("language"),
    )


def _front_matter(text: str) -> tuple[str, dict[str, str]]:
    """YAML-style `key: value` lines between `---` fences; only flat string values are used."""
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not match:
        return text, {}
    meta: dict[str, str] = {}
    for line in match.group(1).split("\n"):
        found = _META_LINE.match(line)
        if found and found.group(2):
            meta[found.group(1).lower()] = found.group(2).strip("\"'")
    return text[match.end() :], meta


def to_plain(text: str) -> tuple[str, str | None]:
    """(plain text in the seed format, the first-level heading before the body if any)."""
    blocks: list[str] = []  # paragraphs; _STORY marks a story break
    lines: list[str] = []
    heading: str | None = None
    in_fence = False
    blank = 0  # blank lines in a row

    def flush() -> None:
        if lines:
            blocks.append(_inline(" ".join(lines)))
            lines.clear()

    for line in text.split("\n"):
        if _FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            lines.append(line.strip())
            continue
        line = _QUOTE.sub("", line)
        if line.strip():
            blank = 0
        if lines and _SETEXT.match(line) and len(lines) == 1:
            level_one = line.strip().startswith("=")
            heading = _take_heading(blocks, lines.pop(), level_one, heading)
            continue
        if _BREAK.match(line):
            flush()
            blocks.append(_STORY)
            continue
        atx = _ATX.match(line)
        if atx:
            flush()
            heading = _take_heading(blocks, atx.group(2), len(atx.group(1)) == 1, heading)
            continue
        if not line.strip() or _LINK_DEF.match(line):
            flush()
            blank += 1
            if blank == 2 and blocks and blocks[-1] != _STORY:
                blocks.append(_STORY)  # the seed's convention: two blank lines part stories
            continue
        if _ITEM.match(line):
            flush()  # each list item is its own paragraph
            line = _ITEM.sub("", line)
        lines.append(line.strip())
    flush()
    return _join(blocks), heading


def _take_heading(blocks: list[str], text: str, level_one: bool, heading: str | None) -> str | None:
    """The first level-one heading before any paragraph is the title; others stay as paragraphs."""
    text = _inline(text)
    if level_one and heading is None and not any(b != _STORY for b in blocks):
        return text
    blocks.append(text)
    return heading


def _inline(text: str) -> str:
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def _join(blocks: list[str]) -> str:
    stories: list[list[str]] = [[]]
    for block in blocks:
        if block == _STORY:
            stories.append([])
        elif block:
            stories[-1].append(block)
    return _STORY.join("\n\n".join(story) for story in stories if story)


def _date(value: str | None, label: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError as error:
        raise ReadError(f"{label}: bad date {value!r} in the front matter") from error
