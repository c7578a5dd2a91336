"""The digest's parts on their own: the object-by-object writer, the structure copier and the page
stamps, on small tagged PDFs that WeasyPrint renders with the briefing stylesheet (each page
printing "Page i of N")."""

from __future__ import annotations

import io
import subprocess
from datetime import date
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


def _texts(path: Path) -> list[str]:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout.split("\f")[:-1]


def test_the_copier_renumbers_references_and_leaves_strings_alone(tmp_path: Path):
    from reports.digest.pdfout import Copier, Out, dictionary, ref

    source = pikepdf.new()
    target = source.make_indirect(pikepdf.Dictionary(Name=pikepdf.String("the target")))
    holder = source.make_indirect(pikepdf.Dictionary(
        Title=pikepdf.String("see 3 0 R (and 1 0 R)"), Target=target, Both=pikepdf.Array([target, target]),
    ))
    path = tmp_path / "copied.pdf"
    with path.open("wb") as file:
        out = Out(file)
        catalog, pages = out.number(), out.number()
        copier = Copier(out, source)
        number = copier.ref(holder)
        copier.run()
        out.write(pages, dictionary({"Type": b"/Pages", "Kids": [], "Count": 0}))
        out.write(catalog, dictionary({"Type": b"/Catalog", "Pages": ref(pages), "Held": ref(number)}))
        info = out.number()
        out.write(info, dictionary({"Title": "copied"}))
        out.finish(catalog, info, b"seed")
    check = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert check.returncode == 0 and "WARNING" not in check.stdout + check.stderr, check.stdout + check.stderr
    copied = pikepdf.open(path)
    held = copied.Root.Held
    assert str(held.Title) == "see 3 0 R (and 1 0 R)" and str(held.Target.Name) == "the target"
    assert held.Both[0].objgen == held.Both[1].objgen == held.Target.objgen  # copied once


def _digest(renderer, sources: list[pikepdf.Pdf], path: Path, language: str = "en") -> None:
    """Sources written as a digest's pages (no front page, no stories), as the writer does,
    stamped in `language`."""
    from reports.digest.pdfout import Out
    from reports.digest.stamps import Sheet
    from reports.digest.writer import _Digest
    from reports.render import words

    t = words.labels(None, language)
    with path.open("wb") as file:
        out = Out(file)
        digest = _Digest(out, Sheet.of(renderer, t), None)
        numbers = [[out.number() for _ in source.pages] for source in sources]
        digest.order = [n for pages in numbers for n in pages]
        records = [digest.add(source, pages) for source, pages in zip(sources, numbers, strict=True)]
        digest.finish(records, [], {}, date(2026, 11, 25), t)


def test_two_sources_structure_trees_become_parts_of_one_document(renderer, tmp_path: Path):
    from reports.digest.structure import number_tree

    path = tmp_path / "two.pdf"
    _digest(renderer, [_source(renderer, "First"), _source(renderer, "Second")], path)
    assert_readable(path)
    again = pikepdf.open(path)
    root = again.Root.StructTreeRoot
    assert [str(part.S) for part in root.K.K] == ["/Part", "/Part"]
    assert all(part.P.objgen == root.K.objgen for part in root.K.K)
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
    assert len(seen) > 20
    keys = [key for key, _ in number_tree(root.ParentTree)]
    used = [int(page.obj.StructParents) for page in again.pages]
    assert len(set(used)) == len(used) and set(used) <= set(keys) and max(keys) < int(root.ParentTreeNextKey)


def test_a_page_loses_its_own_number_and_gets_the_digests(renderer, tmp_path: Path):
    source = _source(renderer, "Stamped")
    source.save(tmp_path / "source.pdf")
    assert "Page 1 of" in _texts(tmp_path / "source.pdf")[0]
    path = tmp_path / "stamped.pdf"
    _digest(renderer, [source, _source(renderer, "Again")], path)
    texts = _texts(path)
    total = len(texts)
    assert [" ".join(t.split()[-4:]) for t in texts] == [f"Page {n} of {total}" for n in range(1, total + 1)]
    assert all(t.count("Page") == 1 for t in texts)  # the source's own number is gone
    assert_readable(path)


def test_a_french_sources_own_number_is_blanked_and_the_stamps_speak_the_digests_language(tmp_path: Path):
    """The briefing's footer is found by where it is, not by its words: a French source's "Page 1
    sur 2" is blanked in a German digest, whose stamps read "Seite i von N"."""
    from reports.config import RenderSettings
    from reports.render import renderer_for

    folder = tmp_path / "templates"
    folder.mkdir()
    paragraph = "<p>" + "Un paragraphe d’un document de test balisé, assez long pour remplir une page. " * 12 + "</p>"
    (folder / "two.html").write_text(TWO_PAGES.replace("{paragraphs}", paragraph * 14))
    french = renderer_for(folder, RenderSettings(language="fr"))
    german = renderer_for(folder, RenderSettings(language="de"))
    data, _ = french.document("two.html", title="Deux pages")
    (tmp_path / "source.pdf").write_bytes(data)
    assert "Page 1 sur" in _texts(tmp_path / "source.pdf")[0]
    path = tmp_path / "stamped.pdf"
    _digest(german, [pikepdf.open(io.BytesIO(data))], path, "de")
    texts = _texts(path)
    total = len(texts)
    assert [" ".join(t.split()[-4:]) for t in texts] == [f"Seite {n} von {total}" for n in range(1, total + 1)]
    assert not any("sur" in t.split() or "Page" in t for t in texts)  # the source's own number is gone
    assert_readable(path)


def test_our_own_strings_read_back_as_written():
    """Bookmark titles and metadata are written without qpdf: brackets and backslashes escaped,
    anything beyond printable ASCII (curly quotes, accents, tabs, emoji) as UTF-16."""
    from reports.digest.pdfout import text_string

    for value in ["Plain (with brackets) and \\ backslash", "Café ‘quoted’ …", "", "tab\there", "emoji 😀", "a)b(c"]:
        assert str(pikepdf.Object.parse(text_string(value))) == value
