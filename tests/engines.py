"""A PDF read as its readers read it: qpdf, PDFium (Chrome, Edge), MuPDF, Ghostscript, poppler.

pypdf and poppler forgive what the others do not (a direct stream in a page's /Contents left
every page blank in PDFium), so a digest is only good when all of these read it cleanly.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

# mutool's notes that are about this machine's build, not the file.
_MUTOOL_NOISE = re.compile(r"^(warning: ICC support is not available|page \S+ \d+.*)$")


def problems(path: Path) -> list[str]:
    """What each engine finds wrong with the PDF at `path` ([] when every one reads it cleanly):
    qpdf --check with no warning; PDFium finds text on every page and renders the first page
    not blank; mutool draws every page and gs reads every page without an error; pdftotext
    finds text on every page."""
    found: list[str] = []
    qpdf = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True, errors="replace")
    if qpdf.returncode != 0 or "WARNING" in qpdf.stdout + qpdf.stderr:
        found.append(f"qpdf --check (exit {qpdf.returncode}): {(qpdf.stdout + qpdf.stderr)[-500:]}")
    found += _pdfium(path)
    mutool = subprocess.run(["mutool", "draw", "-o", "/dev/null", "-r", "10", str(path)], capture_output=True, text=True, errors="replace")
    noise = [line for line in mutool.stderr.splitlines() if line.strip() and not _MUTOOL_NOISE.match(line.strip())]
    if mutool.returncode != 0 or noise:
        found.append(f"mutool draw (exit {mutool.returncode}): {noise[:5]}")
    gs = subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=nullpage", str(path)], capture_output=True, text=True
    )
    if gs.returncode != 0 or re.search(r"error|not found|\*\*\*\*", gs.stdout + gs.stderr, re.I):
        found.append(f"gs (exit {gs.returncode}): {(gs.stdout + gs.stderr)[:500]}")
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, errors="replace")
    pages = text.stdout.split("\f")[:-1] if text.stdout.endswith("\f") else text.stdout.split("\f")
    empty = [number for number, page in enumerate(pages, start=1) if not page.strip()]
    if text.returncode != 0 or empty or "Syntax Error" in text.stderr:
        found.append(f"pdftotext (exit {text.returncode}): pages without text {empty[:10]}; {text.stderr[:300]}")
    return found


def _pdfium(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    found = []
    document = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(document)):
            page = document[index]
            text = page.get_textpage().get_text_range()
            if not text.strip():
                found.append(f"PDFium: no text on page {index + 1}")
            if index == 0:
                image = page.render(scale=0.3).to_pil().convert("L")
                if sum(image.histogram()[:160]) < 200:
                    found.append("PDFium: page 1 renders blank")
    finally:
        document.close()
    return found


def assert_readable(path: Path) -> None:
    """Fail with what each engine found, unless every one reads `path` cleanly."""
    found = problems(path)
    assert not found, f"{path.name}:\n" + "\n".join(found)
