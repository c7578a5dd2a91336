"""The briefing PDF as a reader gets it: sections, layout inside the page, metadata, variants."""

from __future__ import annotations

import io
import json
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from reports import ingest
from reports.analysis import analyze
from reports.config import RenderSettings
from reports.render import Renderer
from tests import pagecheck
from tests.conftest import SEED, SHARED

DAY = date(2026, 11, 25)
MM = 72 / 25.4  # PDF points per millimetre
SECTIONS = ("IN BRIEF", "PEOPLE", "TIMELINE", "READABILITY", "SOURCES", "EVERY QUOTATION", "THE ARTICLE")


@pytest.fixture(scope="module")
def seed_analysis():
    return analyze(next(ingest.read(SEED)))


@pytest.fixture(scope="module")
def long_analysis():
    """A long real article: the longest of the first 50 CNN dev stories, tripled."""
    rows = [json.loads(line) for line in (SHARED / "corpus/summaries/cnn-corpus-dev.jsonl").open()][:50]
    row = max(rows, key=lambda r: len(r["text"]))
    article = ingest.jsonl.parse_line(
        json.dumps({"id": row["id"], "title": row["title"], "text": "\n\n".join([row["text"]] * 3)}), source="cnn"
    )
    return analyze(article)


def render(analysis, tmp_path: Path, **settings) -> Path:
    """The briefing's PDF, after the page checks found nothing wrong on it."""
    rendered = Renderer(None, RenderSettings(**settings)).briefing(analysis, DAY)
    path = tmp_path / f"{analysis.id}.pdf"
    path.write_bytes(rendered.pdf)
    assert pagecheck.problems(rendered.pdf, analysis) == []
    return path


def words_outside_the_page(pdf: Path, margin_mm: float = 4) -> list[str]:
    """Words whose box is not fully inside the page less a thin edge: cut or overflowing text."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    outside = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', html, re.S):
        width, height, body = float(page[1]), float(page[2]), page[3]
        edge = margin_mm * MM
        for word in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>', body):
            x0, y0, x1, y1 = map(float, word.groups()[:4])
            if x0 < edge or y0 < edge or x1 > width - edge or y1 > height - edge:
                outside.append(word[5])
    return outside


def page_images(pdf: Path, tmp_path: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdf), str(tmp_path / "page")], check=True)
    return sorted(tmp_path.glob("page*.png"))


@pytest.mark.parametrize("which", ["seed_analysis", "long_analysis"])
def test_every_section_present_and_nothing_overflows(which, request, tmp_path: Path):
    analysis = request.getfixturevalue(which)
    pdf = render(analysis, tmp_path)
    reader = PdfReader(pdf)
    text = "\n".join(page.extract_text() for page in reader.pages).upper()
    for section in SECTIONS:
        assert section in text
    assert words_outside_the_page(pdf) == []
    images = page_images(pdf, tmp_path)
    assert len(images) == len(reader.pages)
    assert all(image.stat().st_size > 2_000 for image in images)  # not blank pages
    assert f"PAGE {len(reader.pages)} OF {len(reader.pages)}" in text


def test_seed_briefing_fits_two_pages(seed_analysis, tmp_path: Path):
    assert len(PdfReader(render(seed_analysis, tmp_path)).pages) <= 2


def test_charts_are_vector_and_labelled(seed_analysis, tmp_path: Path):
    pdf = render(seed_analysis, tmp_path)
    text = PdfReader(pdf).pages[0].extract_text()
    assert "Grade level of each paragraph" in text
    assert "Quoted words by speaker" in text
    assert not list(PdfReader(pdf).pages[0].images)  # drawn as paths, not pictures


def test_pdf_author_is_the_byline_and_shown_under_the_headline(seed_analysis, tmp_path: Path):
    pdf = render(replace(seed_analysis, author="Jane Reporter"), tmp_path)
    assert PdfReader(pdf).metadata.author == "Jane Reporter"
    assert "By Jane Reporter" in PdfReader(pdf).pages[0].extract_text()


def test_metadata(seed_analysis, tmp_path: Path):
    reader = PdfReader(render(seed_analysis, tmp_path))
    info = reader.metadata
    assert info.title == seed_analysis.title
    assert not info.author  # the seed names no byline: the photo credit is not the author
    assert info.subject.startswith("French President Emmanuel Macron flies to Moscow")
    assert "Putin" in info["/Keywords"]
    assert info["/CreationDate"].startswith("D:")
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_tagged_pdf_ua_by_default_and_pdf_a_by_config(seed_analysis, tmp_path: Path):
    default = PdfReader(render(seed_analysis, tmp_path))
    root = default.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    archival = PdfReader(render(seed_analysis, tmp_path / "..", pdf_variant="pdf/a-3b"))
    assert b"pdfaid" in archival.trailer["/Root"]["/Metadata"].get_object().get_data()


def test_same_input_same_bytes_with_source_date_epoch(seed_analysis, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = Renderer(None).briefing(seed_analysis, DAY).pdf
    second = Renderer(None).briefing(seed_analysis, DAY).pdf
    assert first == second
    created = PdfReader(io.BytesIO(first)).metadata["/CreationDate"]
    assert created.startswith("D:20231114")  # the epoch's date, not now


def test_compact_theme_is_one_page_without_the_article(seed_analysis, tmp_path: Path):
    reader = PdfReader(render(seed_analysis, tmp_path, theme="compact"))
    text = reader.pages[0].extract_text().upper()
    assert len(reader.pages) == 1
    assert "IN BRIEF" in text and "THE ARTICLE" not in text


def test_letter_page_size(seed_analysis, tmp_path: Path):
    box = PdfReader(render(seed_analysis, tmp_path, page_size="Letter")).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_facts_box_shows_entities_and_timeline(seed_analysis, tmp_path: Path):
    analysis = replace(seed_analysis)
    if not analysis.entities:
        pytest.fail("the analysis gives no entities: the facts box would be empty")
    text = PdfReader(render(analysis, tmp_path)).pages[0].extract_text()
    assert "Emmanuel Macron" in text and "8 Feb 2022" in text  # tomorrow, resolved


def _figures(reader: PdfReader) -> list:
    found, todo = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while todo:
        node = todo.pop().get_object()
        if not isinstance(node, dict):
            continue
        if node.get("/S") == "/Figure":
            found.append(node)
        kids = node.get("/K")
        todo.extend(kids if isinstance(kids, list) else [kids] if kids is not None else [])
    return found


def test_charts_carry_alternate_text(seed_analysis, tmp_path: Path):
    figures = _figures(PdfReader(render(seed_analysis, tmp_path)))
    assert len(figures) == 2
    alts = sorted(str(f["/Alt"]) for f in figures)
    assert alts[0].startswith("Grade level of each paragraph: ") and "grade 12 marked" in alts[0]
    assert alts[1].startswith("Quoted words by speaker: ") and " words" in alts[1]


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_compact_theme_fits_one_page_with_a_long_article(long_analysis, tmp_path: Path, size: str):
    reader = PdfReader(render(long_analysis, tmp_path, theme="compact", page_size=size))
    assert len(reader.pages) == 1


def _dev_analyses(count: int) -> list:
    rows = [json.loads(line) for line in (SHARED / "corpus/summaries/bbc-dev.jsonl").open()][:count]
    return [
        analyze(ingest.jsonl.parse_line(json.dumps({"id": r["id"], "title": r["title"], "text": r["text"]}), source="bbc"))
        for r in rows
    ]


def test_extracted_text_reads_one_panel_then_the_next(seed_analysis, tmp_path: Path):
    """pdftotext (reading order, not -raw) gives the readability panel whole, then the sources."""
    for analysis in [seed_analysis, *_dev_analyses(4)]:
        pdf = render(analysis, tmp_path)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        readability = [text.index(w) for w in ("READABILITY", "Flesch reading ease", "Flesch–Kincaid grade", "Dale–Chall", "SMOG")]
        sources = [text.index(w) for w in ("SOURCES", "of words quoted")]
        assert readability == sorted(readability) and max(readability) < min(sources), (analysis.id, readability, sources)
        if "Quoted words by speaker" in text:  # the speakers' chart is the sources panel's
            assert text.index("Quoted words by speaker") > text.index("SOURCES")


def test_page_one_is_filled_when_the_briefing_goes_on(tmp_path: Path):
    """Panels may break across pages: page 1 is not left half empty while page 2 has text."""
    checked = 0
    for analysis in _dev_analyses(8):
        pdf = render(analysis, tmp_path)
        html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)">', html)[1])
        bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', html)]
        body = [y for y in bottoms if y < height - 18 * MM]  # less the page-number footer
        if len(PdfReader(pdf).pages) > 1:
            checked += 1
            assert max(body) > 0.8 * height, (analysis.id, max(body), height)
    assert checked >= 4


def test_a_text_with_no_running_prose_says_why_it_has_no_summary(tmp_path: Path):
    """Every sentence refused by the prose gate (time stamps, a list of links): the In Brief
    panel says why it is empty instead of standing empty, and the page checks pass."""
    from reports.analysis import analyze
    from reports.models import Article

    body = ("Latest update May 6th, 2022 12:49 AM\n\n"
            "Home | World | Business | Sport | Weather\n\n"
            "Getty Images/Sipa USA")
    analysis = analyze(Article(id="no-prose", source="no-prose.txt", text=body, title="Markets"))
    assert analysis.summary == ()
    pdf = render(analysis, tmp_path)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "so it has no summary" in text
