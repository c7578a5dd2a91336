"""Checks of a briefing as a reader sees it, read back from the PDF's characters and shapes.

Used by the render tests on every briefing they make and by `bench/review.py` on its sample:
`problems(pdf, analysis)` lists every defect found, one line each, and is empty on a good page.

What is checked, and how it is seen in the PDF (PDFium, through pypdfium2: characters with
their ink boxes, baselines and fonts, filled paths with their colours):
- markup:   a raw HTML entity or tag in the text ("&amp;", "<p>") is escaping gone wrong;
- overlap:  a word's box crosses another word's, or a dark filled shape (a chart's bar, the
            sourcing bar): text drawn over text or over ink cannot be read. Light fills are
            backgrounds text is meant to sit on, and a border is drawn as the difference of
            two rectangles (one path of two), so neither is a shape;
- heading:  the last line of a page's body is a heading, its section starting overleaf;
- cut:      a word ended by an ellipsis that is not a whole word of the article;
- empty:    a heading with nothing under it before the next heading, nor beside it (a panel
            says why it is empty: "None named.");
- figures:  the numbers printed (words, sentences, scores, quotations, the facts' figures)
            are the analysis's own.
A heading is recognised by its face: bold capitals in a small size (the templates' h2 and h3).
"""

from __future__ import annotations

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
OVERLAP_SLACK = 0.6  # points of overlap allowed between boxes (glyph boxes touch)
FIRST_LINE_GAP = 40.0  # points between baselines: a section's first line is this close under its heading
MARKUP = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,6});|</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
WORD_BEFORE_ELLIPSIS = re.compile(r"([^\W_]+)…")
WIDE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Box:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float  # from the top of the page, in points; the box is the ink's (tight)
    bold: bool = False
    size: float = 0.0  # font size in points
    base: float = 0.0  # the baseline, from the top of the page: one line's words share it


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Box, ...]
    shapes: tuple[Box, ...]  # dark filled rectangles
    flow: str  # the words in the order they were drawn: the document's order, column by column

    @property
    def body(self) -> list[Box]:
        top, bottom = MARGIN_TOP_MM * MM, self.height - MARGIN_BOTTOM_MM * MM
        return [w for w in self.words if w.top >= top and w.bottom <= bottom]


def read(pdf: bytes | Path) -> list[Page]:
    """The pages' words and shapes, read with PDFium (pypdfium2): a page takes milliseconds,
    so the checks can run on every briefing the suite renders."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf.read_bytes() if isinstance(pdf, Path) else pdf)
    pages = []
    for number, page in enumerate(document, 1):
        width, height = page.get_size()
        chars = _chars(page.get_textpage(), height)
        words = tuple(_words(chars))
        pages.append(Page(number, width, height, words, _shapes(page, height), " ".join(w.text for w in words)))
    return pages


@dataclass(frozen=True)
class _Char:
    text: str
    box: Box
    generated: bool  # a space PDFium put where the pen jumped, not one the text has


def _chars(textpage: Any, height: float) -> list[_Char]:
    import ctypes

    import pypdfium2.raw as raw

    found = []
    handle = textpage.raw
    x, y = ctypes.c_double(), ctypes.c_double()
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    fonts: dict[int, tuple[bool, float]] = {}  # per text object: (bold, size in points)
    for i in range(raw.FPDFText_CountChars(handle)):
        text = chr(raw.FPDFText_GetUnicode(handle, i))
        raw.FPDFText_GetCharBox(handle, i, ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
        raw.FPDFText_GetCharOrigin(handle, i, ctypes.byref(x), ctypes.byref(y))
        obj = raw.FPDFText_GetTextObject(handle, i)
        key = ctypes.cast(obj, ctypes.c_void_p).value or 0
        if key not in fonts:
            fonts[key] = _font(handle, i)
        bold, size = fonts[key]
        box = Box(text, left.value, height - top.value, right.value, height - bottom.value, bold, size, height - y.value)
        found.append(_Char(text, box, bool(raw.FPDFText_IsGenerated(handle, i))))
    return found


def _font(handle: Any, index: int) -> tuple[bool, float]:
    """Whether the character's font is a bold face, and its size in points on the page."""
    import ctypes

    import pypdfium2.raw as raw

    name = ctypes.create_string_buffer(128)
    raw.FPDFText_GetFontInfo(handle, index, name, len(name), None)
    matrix = raw.FS_MATRIX()
    raw.FPDFText_GetMatrix(handle, index, ctypes.byref(matrix))
    return b"Bold" in name.value, raw.FPDFText_GetFontSize(handle, index) * abs(matrix.d or 1)


def _words(chars: list[_Char]) -> list[Box]:
    """Runs of characters between the text's own spaces. PDFium also puts spaces where the pen
    jumps: one between letter-spaced capitals ("B R I E F") or in a chart's text is no break,
    one across a wider gap (the next column on the same line) is; so is a new line."""
    words: list[Box] = []
    run: list[Box] = []
    spaced = False
    for char in chars:
        if char.text.isspace():
            spaced = spaced or not char.generated
            continue
        box = char.box
        if run:
            last = run[-1]
            jump = box.x0 - last.x1 > 0.45 * box.size or box.x1 < last.x0
            if spaced or jump or abs(box.base - last.base) > 1:
                words.append(_joined(run))
                run = []
        run.append(box)
        spaced = False
    if run:
        words.append(_joined(run))
    return words


def _joined(run: list[Box]) -> Box:
    inked = [b for b in run if b.x1 > b.x0] or run
    return Box(_plain("".join(b.text for b in run)), min(b.x0 for b in inked), min(b.top for b in inked),
               max(b.x1 for b in inked), max(b.bottom for b in inked), run[0].bold, run[0].size, run[0].base)


def _plain(text: str) -> str:
    """Ligatures ("ﬁ") as their letters; the ellipsis kept (NFKC would make it three dots)."""
    return "…".join(unicodedata.normalize("NFKC", part) for part in text.split("…"))


def _shapes(page: Any, height: float) -> tuple[Box, ...]:
    """Dark filled shapes of one rectangle (a bar, a key). A border is drawn as the difference of
    two rectangles (one path, even-odd filled) and a light fill is a background text sits on:
    neither is a shape text must keep off."""
    import ctypes

    import pypdfium2.raw as raw

    shapes = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    rgba = [ctypes.c_uint() for _ in range(4)]
    for path in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=8):
        raw.FPDFPath_GetDrawMode(path.raw, ctypes.byref(fill), ctypes.byref(stroke))
        if not fill.value or raw.FPDFPath_CountSegments(path.raw) > 5:
            continue
        raw.FPDFPageObj_GetFillColor(path.raw, *(ctypes.byref(c) for c in rgba))
        if _luminance(tuple(c.value / 255 for c in rgba[:3])) >= LIGHT_FILL:
            continue
        left, bottom, right, top = path.get_bounds()
        if right - left > OVERLAP_SLACK and top - bottom > OVERLAP_SLACK:
            shapes.append(Box("", left, height - top, right, height - bottom))
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
                # On one line, ink may reach into the next word (an italic f): lines must not meet.
                if abs(other.base - word.base) > 1 and _cross(word, other):
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
        last = max(w.base for w in body)
        line = [w for w in body if abs(w.base - last) < 1]
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
        last = max(w.base for w in body)
        headings = _heading_lines(body)
        for heading in headings:
            if heading.base > last - 1:
                continue  # the last line of a page: `headings_last` reports it
            # Its column: from the heading to the next heading on its line, or the page's edge.
            right = min([h.x0 for h in headings if abs(h.base - heading.base) < 1 and h.x0 > heading.x1] or [page.width])
            column = [w for w in body if heading.x0 - 2 <= w.x0 < right - 2]
            below = [h.base for h in headings if h.base > heading.base + 1 and heading.x0 - 2 <= h.x0 < right - 2]
            end = min([heading.base + FIRST_LINE_GAP, *below])
            under = [w for w in column if not _is_heading(w) and heading.base + 1 < w.base < end]
            beside = [w for w in body if not _is_heading(w) and abs(w.base - heading.base) < 1 and w.x0 > heading.x1]
            if not under and not beside:
                found.append(f"page {page.number}: nothing under the heading {heading.text!r}")
    return found


def _heading_lines(words: list[Box]) -> list[Box]:
    """Headings as whole lines: the words of one heading ("IN", "BRIEF") joined into one box."""
    lines: list[Box] = []
    for word in sorted((w for w in words if _is_heading(w)), key=lambda w: (round(w.base), w.x0)):
        last = lines[-1] if lines else None
        if last and abs(last.base - word.base) < 1 and 0 <= word.x0 - last.x1 < 2 * word.size:
            lines[-1] = Box(f"{last.text} {word.text}", last.x0, min(last.top, word.top), word.x1,
                            max(last.bottom, word.bottom), True, word.size, word.base)
        else:
            lines.append(word)
    return _unwrapped(lines)


def _unwrapped(lines: list[Box]) -> list[Box]:
    """A heading too long for its column wraps ("ORGANIZACIONES, / LUGARES"): a heading line
    right under another at the same left edge is its second line, not a heading with nothing
    under it."""
    merged: list[Box] = []
    for line in sorted(lines, key=lambda b: (b.base, b.x0)):
        upper = next((m for m in merged if abs(m.x0 - line.x0) < 2 and 0 < line.bottom - m.bottom < 1.8 * line.size), None)
        if upper is None:
            merged.append(line)
            continue
        merged[merged.index(upper)] = Box(f"{upper.text} {line.text}", upper.x0, upper.top, max(upper.x1, line.x1),
                                          line.bottom, True, line.size, upper.base)
    return merged


def figures(pages: list[Page], analysis: Any) -> list[str]:
    """Each number the briefing prints, as the analysis gives it, must be on the page, with the
    words and number format of the briefing's language (labels.toml, Babel): "657 mots",
    "29 % des mots cités", "Kandel–Moles" in French, as in English "657 words"."""
    from reports.render import words

    code = getattr(analysis, "language", None) or words.ENGLISH
    t = words.labels(None, code)
    text = " ".join(p.flow for p in pages)
    r, stats = analysis.readability, analysis.quotes.stats
    expected = [t("words", count=r.words)]
    native = [(name, getattr(r, name, None)) for name in ("kandel_moles", "amstad", "wiener_sachtextformel",
                                                           "fernandez_huerta", "gulpease")]
    native = [(name, value) for name, value in native if value is not None]
    if r.flesch_reading_ease is not None:
        expected += [f"{r.sentences} sentences", "%.0f" % r.flesch_reading_ease]
        expected += ["%.1f" % v for v in (r.flesch_kincaid_grade, r.gunning_fog, r.coleman_liau_index,
                                           r.automated_readability_index, r.dale_chall)]
    elif native:
        expected += [t("sentences", count=r.sentences), "%.0f" % native[0][1], t(f"formula_{native[0][0]}")]
        expected += [f"{t(f'formula_{name}')} {words.decimal(value, code)}" for name, value in native[1:]]
    speech = [q for q in analysis.quotes.items if q.kind != "scare"]
    expected += [f"{words.thousands(len(speech), code)} {t('quotations', count=len(speech))}",
                 f"{words.thousands(stats.speakers, code)} {t('speakers', count=stats.speakers)}",
                 f"{words.percent(stats.quoted_words_share, code)} {t('quoted_share')}"]
    if speech:
        expected += [f"{t('named')} {words.percent(stats.named_share, code)}",
                     f"{t('unnamed')} {words.percent(stats.anonymous_share, code)}"]
    found = [f"the page does not print {e!r}" for e in expected
             if not re.search(rf"(?<![\w.,]){_spaced(e)}", text)]
    return found + _facts_figures(pages, analysis, t("figures").upper())


def _spaced(expected: str) -> str:
    """The words as a pattern where any space may be any space: Babel writes "29 %" and "1 234"
    with a no-break or narrow space, which the PDF gives back as it was set."""
    return r"[\s\u00a0\u202f]+".join(re.escape(part) for part in re.split(r"[\s\u00a0\u202f]+", expected))


def _facts_figures(pages: list[Page], analysis: Any, heading_text: str = "FIGURES") -> list[str]:
    """The facts box's first figures (every theme prints three or more), read from the column
    under its heading (the language's word for figures, in capitals)."""
    for page in pages:
        heading = next((w for w in page.words if w.text == heading_text and _is_heading(w)), None)
        if heading is None:
            continue
        right = min((w.x0 for w in page.words if _is_heading(w) and abs(w.base - heading.base) < 1 and w.x0 > heading.x1),
                    default=page.width)
        column = [w for w in page.words if heading.x0 - 1 <= w.x0 < right - 1 and heading.bottom < w.top < heading.bottom + 120]
        printed = " ".join(w.text for w in sorted(column, key=lambda w: (round(w.base), w.x0)))
        return [f"the facts box does not print the figure {f.text!r}" for f in analysis.figures[:3]
                if _plain(re.sub(r"\s+", " ", f.text)) not in printed]  # read back as _plain: "m²" is "m2"
    return ["no facts box with figures"] if analysis.figures else []


CHECKS = (markup, overlaps, headings_last, cut_words, empty_panels, figures)


def problems(pdf: bytes | Path, analysis: Any, checks: tuple[Any, ...] = CHECKS) -> list[str]:
    """Every defect the checks find on the briefing of `analysis`; empty when it reads well."""
    pages = read(pdf)
    return [problem for check in checks for problem in check(pages, analysis)]
