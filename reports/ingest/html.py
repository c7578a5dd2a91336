"""An article saved as a web page (.html, .htm): trafilatura finds the article in the page.

trafilatura drops navigation, ads, related links, share buttons and footers, and reads the
title, author and date from the page's metadata. Two things it does not keep are added
around it: the photo caption (a <figcaption>, kept out of the body so it never becomes the
lead) and story breaks (an <hr> between two stories, which the seed format writes as two
blank lines), carried through the extraction as a marker paragraph.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from reports.errors import ReadError
from reports.ingest.decode import decode
from reports.models import Article

_STORY_MARK = "reports-story-break-4f1c"
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_CREDIT = re.compile(r"^(?P<caption>.*?)\s*\b(?:Photo|Picture|Image|Credit|Photograph)s?:\s*(?P<credit>[^\n]{1,160}?)\s*$", re.DOTALL)
_MAX_CAPTION_CHARS = 600
_MIN_WORDS = 8  # fewer is a menu or an error page, not an article


def read(path: Path, raw: bytes, label: str) -> Iterator[Article]:
    yield parse(decode_html(raw), article_id=path.stem, source=label, content_hash=hashlib.sha256(raw).hexdigest())


def decode_html(raw: bytes) -> str:
    """UTF-8 (or a BOM) first; else the charset the page declares; else the cp1252 chain."""
    if raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(raw)
    try:
        raw.decode("utf-8")
        return decode(raw)
    except UnicodeDecodeError:
        pass
    declared = _DECLARED.search(raw[:4096])
    if declared:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii"))
        except LookupError:
            codec = None
        # A page that says utf-8 but is not: fall through to the cp1252/latin-1 chain.
        if codec is not None and codec.name not in ("utf-8", "latin-1", "iso8859-1"):
            return decode(raw.decode(codec.name, errors="replace").encode("utf-8"))
    return decode(raw)


def parse(html: str, *, article_id: str, source: str, content_hash: str = "") -> Article:
    import trafilatura  # loads lxml, htmldate and friends: only when a page is read

    tree = trafilatura.load_html(html)
    if tree is None:
        raise ReadError("not an HTML page (nothing to parse)")
    caption, credit = _caption(tree)
    _mark_story_breaks(tree)
    found = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        deduplicate=False,
    )
    if found is None or not (found.text or "").strip():
        raise ReadError("no article text found in the page")
    title = _clean(found.title)
    body = _body(found.text, title, caption)
    if len(body.split()) < _MIN_WORDS:
        # trafilatura falls back to whatever text there is, e.g. a bare menu's "Home".
        raise ReadError(f"no article text found in the page ({len(body.split())} words)")
    return Article(
        id=article_id,
        source=source,
        text=body,
        title=title,
        date=_date(found.date),
        caption=caption,
        credit=credit,
        content_hash=content_hash or hashlib.sha256(html.encode()).hexdigest(),
        author=_clean(found.author),
    )


def _caption(tree: object) -> tuple[str | None, str | None]:
    """The first figure caption of the article (or of the page), split from its credit."""
    for scope in ("//article//figcaption", "//main//figcaption", "//figcaption"):
        for element in tree.xpath(scope):  # type: ignore[attr-defined]
            credit_parts = element.xpath(".//*[contains(@class, 'credit') or self::cite]")
            credit = " ".join(" ".join(" ".join(part.itertext()) for part in credit_parts).split()) or None
            for part in credit_parts:
                part.drop_tree()
            text = " ".join(" ".join(element.itertext()).split())
            if not text and not credit:
                continue
            return _split_credit(text[:_MAX_CAPTION_CHARS], credit)
    return None, None


def _split_credit(text: str, credit: str | None) -> tuple[str | None, str | None]:
    if credit:
        credit = re.sub(r"^(?:Photo|Picture|Image|Credit|Photograph)s?:\s*", "", credit, flags=re.IGNORECASE)
        return text or None, credit or None
    match = _CREDIT.match(text)
    if match:
        return match.group("caption") or None, match.group("credit")
    return text or None, None


def _mark_story_breaks(tree: object) -> None:
    from lxml import etree

    for rule in tree.xpath("//hr"):  # type: ignore[attr-defined]
        marker = etree.Element("p")
        marker.text = _STORY_MARK
        marker.tail = rule.tail
        rule.getparent().replace(rule, marker)


def _body(text: str, title: str | None, caption: str | None) -> str:
    """trafilatura's lines as the seed format: blank line between paragraphs, two between stories."""
    lines = [" ".join(line.split()) for line in text.split("\n")]
    lines = [line for line in lines if line]
    if lines and title and _same(lines[0], title):
        lines = lines[1:]  # the headline, already the title
    stories: list[list[str]] = [[]]
    for line in lines:
        if line == _STORY_MARK:
            stories.append([])
        elif not (caption and _same(line, caption)):
            stories[-1].append(line)
    return "\n\n\n\n".join("\n\n".join(story) for story in stories if story)


def _same(a: str, b: str) -> bool:
    return a.casefold().strip(" .") == b.casefold().strip(" .")


def _clean(value: str | None) -> str | None:
    value = " ".join((value or "").split())
    return value or None


def _date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
