"""Checks of a briefing as a reader sees it, read back from the PDF's characters and shapes.

Used by the render tests on every briefing they make and by `bench/review.py` on its sample:
`problems(pdf, analysis)` lists every defect found, one line each, and is empty on a good page.

What is checked, and how it is seen in the PDF (pdfplumber: words with their boxes and fonts,
filled rectangles with their colours):
- markup:   a raw HTML entity or tag in the text ("&amp;", "<p>") is escaping gone wrong;
- overlap:  a word's box crosses another word's, or a dark filled shape (a chart's bar, the
            sourcing bar): text drawn over text or over ink cannot be read. Light fills are
            backgrounds text is meant to sit on, and a border is drawn as a pair of rectangles
            of one colour a hair apart (their difference), so those are not shapes;
- heading:  the last line of a page's body is a heading, its section starting overleaf;
- cut:      a word ended by an ellipsis that is not a whole word of the article;
- empty:    a heading with nothing under it (a panel says why it is empty: "None named.");
- figures:  the numbers printed (words, sentences, scores, quotations, the facts' figures)
            are the analysis's own.
A heading is recognised by its face: bold capitals in a small size (the templates' h2 and h3).
"""

from __future__ import annotations

import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MM = 72 / 25.4
# The page's running head and foot (page numbers) lie in the margins, outside the body.
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 18, 16
HEADING_MAX_SIZE = 9.0
LIGHT_FILL = 0.75  # luminance at or above which a fill is a background, not ink
FRAME_SLACK = 3.0  # points: two same-coloured rectangles this close are one border
OVERLAP_SLACK = 0.6  # points of overlap allowed between boxes (glyph boxes touch)
FIRST_LINE_GAP = 14.0  # points: a section's first line starts this close under its heading
MARKUP = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,6});|</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
WORD_BEFORE_ELLIPSIS = re.compile(r"([^\W_]+)…")
WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Box:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    bold: bool = False
    size: float = 0.0


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Box, ...]
    shapes: tuple[Box, ...]  # dark filled rectangles
    crop: Any  # the pdfplumber page, for text of a region
    flow: str  # the text in the order it was drawn: the document's order, column by column

    @property
    def body(self) -> list[Box]:
        top, bottom = MARGIN_TOP_MM * MM, self.height - MARGIN_BOTTOM_MM * MM
        return [w for w in self.words if w.top >= top and w.bottom <= bottom]


def read(pdf: bytes | Path) -> list[Page]:
    import pdfplumber

    data = pdf.read_bytes() if isinstance(pdf, Path) else pdf
    document = pdfplumber.open(io.BytesIO(data))
    pages = []
    for number, page in enumerate(document.pages, 1):
        words = tuple(
            Box(_plain(w["text"]), w["x0"], w["top"], w["x1"], w["bottom"],
                "Bold" in w["fontname"], w["size"])
            for w in page.extract_words(extra_attrs=["fontname", "size"], keep_blank_chars=False)
        )
        pages.append(Page(number, float(page.width), float(page.height), words, _shapes(page.rects), page, _flow(page.chars)))
    return pages


def _flow(chars: list[dict[str, Any]]) -> str:
    """The characters in drawing order, a space where the pen jumps (a gap, another line)."""
    out: list[str] = []
    last = None
    for char in chars:
        if last is not None and (abs(char["top"] - last["top"]) > 1 or char["x0"] - last["x1"] > 0.15 * char["size"]):
            out.append(" ")
        out.append(char["text"])
        last = char
    return _plain(re.sub(r"\s+", " ", "".join(out)))


def _plain(text: str) -> str:
    """Ligatures ("ﬁ") as their letters; the ellipsis kept (NFKC would make it three dots)."""
    return "…".join(unicodedata.normalize("NFKC", part) for part in text.split("…"))


def _shapes(rects: list[dict[str, Any]]) -> tuple[Box, ...]:
    """Dark filled rectangles that are shapes, not backgrounds or border frames."""
    filled = [r for r in rects if r.get("fill") and _luminance(r.get("non_stroking_color")) < LIGHT_FILL]
    shapes = []
    for r in filled:
        frame = any(
            o is not r and o.get("non_stroking_color") == r.get("non_stroking_color")
            and all(abs(o[k] - r[k]) <= FRAME_SLACK for k in ("x0", "x1", "top", "bottom"))
            for o in filled
        )
        if not frame:
            shapes.append(Box("", r["x0"], r["top"], r["x1"], r["bottom"]))
    return tuple(shapes)


def _luminance(colour: Any) -> float:
    if colour is None:
        return 0.0
    values = tuple(colour) if isinstance(colour, (tuple, list)) else (colour,)
    if len(values) == 1:
        return float(values[0])
    if len(values) == 3:
        r, g, b = values
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    if len(values) == 4:  # CMYK
        c, m, y, k = values
        return (1 - k) * (1 - max(c, m, y))
    return 0.0


# --- the checks: each takes the pages and the analysis and lists what is wrong ---------------------


def markup(pages: list[Page], analysis: Any) -> list[str]:
    return [f"page {p.number}: raw markup {m.group(0)!r}" for p in pages
            for m in MARKUP.finditer(" ".join(w.text for w in p.words))]


def overlaps(pages: list[Page], analysis: Any) -> list[str]:
    found = []
    for page in pages:
        words = sorted(page.words, key=lambda w: w.top)
        for i, word in enumerate(words):
            for other in words[i + 1 :]:
                if other.top >= word.bottom - OVERLAP_SLACK:
                    break
                if _cross(word, other):
                    found.append(f"page {page.number}: {word.text!r} overlaps {other.text!r}")
            for shape in page.shapes:
                if _cross(word, shape):
                    found.append(f"page {page.number}: {word.text!r} is drawn over a filled shape")
    return found


def _cross(a: Box, b: Box) -> bool:
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > OVERLAP_SLACK
            and min(a.bottom, b.bottom) - max(a.top, b.top) > OVERLAP_SLACK)


def headings_last(pages: list[Page], analysis: Any) -> list[str]:
    found = []
    for page in pages[:-1]:
        body = page.body
        if not body:
            continue
        last = max(w.bottom for w in body)
        line = [w for w in body if w.bottom > last - 3]
        if all(_is_heading(w) for w in line):
            found.append(f"page {page.number}: ends with the heading {' '.join(w.text for w in line)!r}")
    return found


def _is_heading(word: Box) -> bool:
    letters = [c for c in word.text if c.isalpha()]
    return word.bold and word.size <= HEADING_MAX_SIZE and bool(letters) and all(c.isupper() for c in letters)


def cut_words(pages: list[Page], analysis: Any) -> list[str]:
    source = _source_text(analysis)
    found = []
    for page in pages:
        for word in page.words:
            for match in WORD_BEFORE_ELLIPSIS.finditer(word.text):
                stem = match.group(1)
                if WIDE.search(stem[-1]):
                    continue  # each such character is a word
                # A chart's words come out of the PDF without their spaces: any may lie between.
                spaced = r"\s*".join(map(re.escape, stem))
                if not re.search(rf"(?<![^\W_]){spaced}(?![^\W_])", source, re.IGNORECASE):
                    found.append(f"page {page.number}: {word.text!r} is a word cut in the middle")
    return found


def _source_text(analysis: Any) -> str:
    parts = [analysis.title, analysis.caption or "", analysis.credit or "", analysis.source, *analysis.summary,
             *(p for story in analysis.paragraphs for p in story), *(q.quote for q in analysis.quotes.items),
             *(q.speaker or "" for q in analysis.quotes.items), *(e.name for e in analysis.entities),
             *analysis.keyphrases]
    return _plain("\n".join(parts))


def empty_panels(pages: list[Page], analysis: Any) -> list[str]:
    found = []
    for page in pages:
        body = page.body
        if not body:
            continue
        bottom = max(w.bottom for w in body)
        for heading in _heading_lines(body):
            if heading.bottom > bottom - 1:
                continue  # the last line of a page: `headings_last` reports it
            under = [w for w in body if not _is_heading(w) and heading.bottom - 1 <= w.top <= heading.bottom + FIRST_LINE_GAP
                     and heading.x0 - 2 <= w.x0 <= heading.x0 + 60]
            if not under:
                found.append(f"page {page.number}: nothing under the heading {heading.text!r}")
    return found


def _heading_lines(words: list[Box]) -> list[Box]:
    """Headings as whole lines: the words of one heading ("IN", "BRIEF") joined into one box."""
    lines: list[Box] = []
    for word in sorted((w for w in words if _is_heading(w)), key=lambda w: (round(w.top), w.x0)):
        last = lines[-1] if lines else None
        if last and abs(last.top - word.top) < 1 and 0 <= word.x0 - last.x1 < 2 * word.size:
            lines[-1] = Box(f"{last.text} {word.text}", last.x0, last.top, word.x1, max(last.bottom, word.bottom), True, word.size)
        else:
            lines.append(word)
    return lines


def figures(pages: list[Page], analysis: Any) -> list[str]:
    """Each number the briefing prints, as the analysis gives it, must be on the page."""
    text = " ".join(p.flow for p in pages)
    r, stats = analysis.readability, analysis.quotes.stats
    expected = [f"{r.words:,} words"]
    if r.flesch_reading_ease is not None:
        expected += [f"{r.sentences} sentences", "%.0f" % r.flesch_reading_ease]
        expected += ["%.1f" % v for v in (r.flesch_kincaid_grade, r.gunning_fog, r.coleman_liau_index,
                                           r.automated_readability_index, r.dale_chall)]
    speech = [q for q in analysis.quotes.items if q.kind != "scare"]
    expected += [f"{len(speech)} quotation", f"{stats.speakers} speaker", f"{100 * stats.quoted_words_share:.0f}% of words quoted"]
    if speech:
        expected += [f"named {100 * stats.named_share:.0f}%", f"unnamed {100 * stats.anonymous_share:.0f}%"]
    found = [f"the page does not print {e!r}" for e in expected if not re.search(rf"(?<![\w.,]){re.escape(e)}", text)]
    return found + _facts_figures(pages, analysis)


def _facts_figures(pages: list[Page], analysis: Any) -> list[str]:
    """The facts box's first figures (every theme prints three or more), read from the column
    under its heading."""
    for page in pages:
        heading = next((w for w in page.words if w.text == "FIGURES" and _is_heading(w)), None)
        if heading is None:
            continue
        right = min((w.x0 for w in page.words if _is_heading(w) and abs(w.top - heading.top) < 1 and w.x0 > heading.x1),
                    default=page.width)
        column = page.crop.crop((heading.x0 - 1, heading.bottom, right - 1, min(page.height, heading.bottom + 120)))
        printed = re.sub(r"\s+", " ", column.extract_text() or "")
        return [f"the facts box does not print the figure {f.text!r}" for f in analysis.figures[:3]
                if re.sub(r"\s+", " ", f.text) not in printed]
    return ["no facts box with figures"] if analysis.figures else []


CHECKS = (markup, overlaps, headings_last, cut_words, empty_panels, figures)


def problems(pdf: bytes | Path, analysis: Any, checks: tuple[Any, ...] = CHECKS) -> list[str]:
    """Every defect the checks find on the briefing of `analysis`; empty when it reads well."""
    pages = read(pdf)
    return [problem for check in checks for problem in check(pages, analysis)]
