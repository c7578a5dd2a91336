"""The digest's parts on their own: the structure copier and the page stamps, on small tagged
PDFs that WeasyPrint renders with the briefing stylesheet (each page printing "Page i of N")."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest

from tests.engines import assert_readable

TWO_PAGES = """<!DOCTYPE html><html lang="en"><head><title>{title}</title></head><body>
<h1>{title}</h1>{paragraphs}</body></html>"""


@pytest.fixture(scope="module")
def renderer(tmp_path_factory: pytest.TempPathFactory):
    from reports.render import renderer_for

    folder = tmp_path_factory.mktemp("templates")
    paragraph = "<p>" + "A paragraph of a tagged test document, long enough to fill a page. " * 12 + "</p>"
    (folder / "two.html").write_text(TWO_PAGES.replace("{paragraphs}", paragraph * 14))
    return renderer_for(folder, None)


def _source(renderer, title: str) -> pikepdf.Pdf:
    data, pages = renderer.document("two.html", title=title)
    assert pages >= 2
    return pikepdf.open(io.BytesIO(data))


def _text(pdf: pikepdf.Pdf, tmp_path: Path) -> list[str]:
    path = tmp_path / "check.pdf"
    pdf.save(path)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split("\f")


def test_two_sources_structure_trees_become_parts_of_one_document(renderer, tmp_path: Path):
    from reports.digest.structure import Structure, number_tree

    pdf = pikepdf.new()
    structure = Structure(pdf)
    for title in ("First", "Second"):
        source = _source(renderer, title)
        start = len(pdf.pages)
        pdf.pages.extend(source.pages)
        structure.add(source, list(pdf.pages)[start:])
    pdf.Root.StructTreeRoot = structure.finish()
    pdf.save(tmp_path / "two.pdf")
    assert_readable(tmp_path / "two.pdf")
    again = pikepdf.open(tmp_path / "two.pdf")
    root = again.Root.StructTreeRoot
    assert [str(part.S) for part in root.K.K] == ["/Part", "/Part"]
    pages = {page.obj.objgen for page in again.pages}
    # Every element's page is one of the file's pages (nothing copied twice), and the pages'
    # marked-content keys are distinct keys of the one ParentTree.
    seen, todo = set(), [root.K]
    while todo:
        element = todo.pop()
        if not isinstance(element, pikepdf.Dictionary) or element.objgen in seen:
            continue
        seen.add(element.objgen)
        if "/Pg" in element:
            assert element.Pg.objgen in pages
        kids = element.get("/K")
        todo += list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    keys = [key for key, _ in number_tree(root.ParentTree)]
    used = [int(page.obj.StructParents) for page in again.pages]
    assert len(set(used)) == len(used) and set(used) <= set(keys) and max(keys) < int(root.ParentTreeNextKey)


def test_a_page_loses_its_own_number_and_gets_the_digests(renderer, tmp_path: Path):
    from reports.digest.stamps import Sheet, Stamper, blank_footer

    source = _source(renderer, "Stamped")
    assert "Page 1 of" in _text(source, tmp_path)[0]
    for page in source.pages:
        blank_footer(source, page)
    assert not any("Page" in text for text in _text(source, tmp_path))
    pdf = pikepdf.new()
    pdf.pages.extend(source.pages)
    stamper = Stamper(pdf, Sheet.of(renderer))
    for number, page in enumerate(pdf.pages, start=7):
        stamper.stamp(page, number, 19)
    texts = _text(pdf, tmp_path)
    assert [" ".join(t.split()[-4:]) for t in texts if t.strip()] == [f"Page {n} of 19" for n in range(7, 7 + len(pdf.pages))]
    assert_readable(tmp_path / "check.pdf")
