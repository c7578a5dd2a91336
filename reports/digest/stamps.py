"""Page numbers that run through the digest: "Page i of N" stamped on every page, in the
config's language (labels.toml's `page_of`: "Seite i von N").

Each briefing prints its own footer, in its article's language ("Page 1 sur 2"): `blank_footer`
finds it by where it is, not by its words, and empties that glyph run; `hook` makes the page
draw a small form XObject (`form`) last, as a pagination artifact. The form is the stylesheet's
own footer, rendered once by WeasyPrint with every glyph a number needs (`Sheet`: the label
with every digit); a number is that sample's content with another glyph run, centred where the
sample was, so a new page count costs small streams, not a render.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass
from typing import Any

from reports.errors import RenderError

DIGITS = "0123456789"
# WeasyPrint draws each text run as a tagged span; the page-margin boxes come last.
_SPAN = re.compile(rb"/Span\s*<<\s*/MCID\s+\d+\s*>>\s*BDC(.*?)EMC", re.S)
_TM_Y = re.compile(rb"1 0 0 -1 [\d.]+ ([\d.]+) Tm")
_TJ = re.compile(rb"\[(?:[^\]\\]|\\.)*\]\s*TJ")
_FOOTER = re.compile(rb"1 0 0 -1 ([\d.]+) ([\d.]+) Tm\s*(/\S+) ([\d.]+) Tf\s*(\[.*?\])\s*TJ", re.S)
# Drawn around each page's own content, then the stamp, as a pagination artifact.
BEFORE = b"q\n"
AFTER = b"\nQ\n/Artifact <</Type /Pagination /Subtype /Footer>> BDC q /DigestPage Do Q EMC\n"


def page_content(page: Any) -> bytes:
    """The page's content, its streams joined (a page may have an array of them)."""
    import pikepdf

    contents = page.obj.get("/Contents")
    if contents is None:
        return b""
    if isinstance(contents, pikepdf.Array):
        return b"\n".join(part.read_bytes() for part in contents)
    return contents.read_bytes()


def blank_footer(pdf: Any, page: Any) -> None:
    """Blank the briefing's own page number: the last text drawn on the page, when it is also
    the lowest text and sits in the bottom tenth (WeasyPrint draws in CSS px, flipped)."""
    import pikepdf

    data = page_content(page)
    spans = list(_SPAN.finditer(data))
    if not spans:
        return
    last = spans[-1]
    heights = [float(y) for y in _TM_Y.findall(data)]
    mine = [float(y) for y in _TM_Y.findall(last.group(1))]
    height_px = float(page.mediabox[3]) / 0.75
    if not mine or max(mine) < max(heights) or max(mine) < 0.9 * height_px:
        return
    blanked = _TJ.sub(b"[] TJ", last.group(1))
    page.obj.Contents = pdf.make_stream(
        zlib.compress(data[: last.start(1)] + blanked + data[last.end(1) :], 6), Filter=pikepdf.Name.FlateDecode
    )


@dataclass
class Sheet:
    """The stylesheet's page-number footer, sampled once: its content stream, where the glyph
    run is, the font and the width of each glyph."""

    data: bytes
    span: tuple[int, int]
    font: str
    size: str
    y: str
    centre: float
    glyphs: dict[str, str]
    widths: dict[int, float]
    default_width: float
    pdf: Any  # the sample (pikepdf), whose page resources the stamps share
    box: list[float]
    label: Any = None  # the words (labels) the sample was rendered in

    @classmethod
    def of(cls, renderer: Any, t: Any) -> Sheet:
        """The renderer's sample in the language of `t` (labels), rendered once per renderer
        and language: `page_of` with every digit for the page and a 0 for the count."""
        cached = _SHEETS.get((id(renderer), t.code))
        if cached is not None and cached[0] is renderer:
            return cached[1]
        import io

        import pikepdf

        from reports.render.words import css_string, page_of

        sample = page_of(t, DIGITS, 0)
        style = (
            "@page { @top-left { content: none !important; } @top-right { content: none !important; }"
            f" @bottom-center {{ content: {css_string(sample)} !important; }} }}"
        )
        html = f'<!DOCTYPE html><html lang="{t.code}"><style>{style}</style><body><div></div></body></html>'
        data, _ = renderer.plain(html)
        pdf = pikepdf.open(io.BytesIO(data))
        page = pdf.pages[0]
        content = page_content(page)
        found = _FOOTER.search(content)
        if found is None:
            raise RenderError("the stylesheet's page-number footer could not be read")
        hexes = b"".join(re.findall(rb"<([0-9a-fA-F]+)>", found.group(5))).decode()
        codes = [hexes[i : i + 4] for i in range(0, len(hexes), 4)]
        if len(codes) != len(sample):
            raise RenderError("the stylesheet's page-number font joins glyphs; the digest cannot number its pages")
        font = page.obj.Resources.Font[found.group(3).decode()]
        cid = font.DescendantFonts[0]
        sheet = cls(
            data=content, span=found.span(), font=found.group(3).decode(), size=found.group(4).decode(),
            y=found.group(2).decode(), centre=0.0, glyphs=dict(zip(sample, codes, strict=True)),
            widths=cid_widths(list(cid.get("/W", []))), default_width=float(cid.get("/DW", 1000)),
            pdf=pdf, box=[float(v) for v in page.mediabox],
        )
        sheet.centre = float(found.group(1)) + sheet.width(sample) / 2
        sheet.label = t
        _SHEETS.clear()
        _SHEETS[(id(renderer), t.code)] = (renderer, sheet)
        return sheet

    def stamp(self, page: int, pages: int) -> str:
        """The words of page `page` of `pages`, in the sample's language."""
        from reports.render.words import page_of

        return page_of(self.label, page, pages)

    def width(self, text: str) -> float:
        return sum(self.widths.get(int(self.glyphs[c], 16), self.default_width) for c in text) * float(self.size) / 1000

    def content(self, text: str) -> bytes:
        """The sample page's content, drawing `text` instead of the sample, centred alike."""
        run = "".join(self.glyphs[c] for c in text)
        x = self.centre - self.width(text) / 2
        middle = f"1 0 0 -1 {x:.3f} {self.y} Tm\n{self.font} {self.size} Tf\n[<{run}>] TJ".encode()
        return self.data[: self.span[0]] + middle + self.data[self.span[1] :]


_SHEETS: dict[tuple[int, str], tuple[Any, Sheet]] = {}


def cid_widths(w: list[Any]) -> dict[int, float]:
    """A CIDFont's /W array: `c [w1 w2 ...]` and `c_first c_last w` runs."""
    import pikepdf

    widths: dict[int, float] = {}
    i = 0
    while i < len(w):
        first = int(w[i])
        if isinstance(w[i + 1], (list, pikepdf.Array)):
            for offset, value in enumerate(w[i + 1]):
                widths[first + offset] = float(value)
            i += 2
        else:
            for code in range(first, int(w[i + 1]) + 1):
                widths[code] = float(w[i + 2])
            i += 3
    return widths


def hook(page: Any, stamp: Any, before: Any, after: Any) -> None:
    """Make `page` (of a source, changed in memory) draw its stamp last, as /DigestPage, its own
    content wrapped in q ... Q: `stamp`, `before`, `after` are the source's placeholders for
    the digest's objects (the page's form, the two streams every page shares)."""
    import pikepdf

    # The page's own resources may be shared with its siblings: each page gets its own dict.
    old = page.obj.get("/Resources", pikepdf.Dictionary())
    resources = pikepdf.Dictionary({key: value for key, value in old.items()})
    xobjects = pikepdf.Dictionary({key: value for key, value in old.get("/XObject", pikepdf.Dictionary()).items()})
    xobjects.DigestPage = stamp
    resources.XObject = xobjects
    page.obj.Resources = resources
    contents = page.obj.get("/Contents")
    own = list(contents) if isinstance(contents, pikepdf.Array) else [contents] if contents is not None else []
    page.obj.Contents = pikepdf.Array([before, *own, after])


def form(sheet: Sheet, text: str, resources: int) -> tuple[bytes, bytes]:
    """A page's stamp: the form XObject's dictionary entries (its resources: object number
    `resources`, the sample's) and its compressed content, drawing `text`."""
    box = " ".join(f"{v:.4f}" for v in sheet.box).encode()
    entries = b"/Type /XObject /Subtype /Form /BBox [%s] /Resources %d 0 R /Filter /FlateDecode" % (box, resources)
    return entries, zlib.compress(sheet.content(text), 6)
