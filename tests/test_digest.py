"""The day's digest: a linked front page of the day's stories, then every briefing, tagged and numbered through."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from reports.digest import build, stories
from tests.conftest import SHARED, run_json
from tests.engines import assert_readable

DAY = "2026-11-25"


def _inbox_of_twelve_stories(project: Path) -> list[dict]:
    """Twelve dev articles, the first also in a second, longer version (its update)."""
    rows = [json.loads(line) for line in (SHARED / "corpus/summaries/bbc-dev.jsonl").open()][:12]
    (project / "seeds" / "000_b8909ad496ca7278.txt").unlink()
    first = rows[0]
    update = {**first, "id": first["id"] + "-v2", "text": first["text"] + "\n\nThe figures were revised later in the day, officials said."}
    with (project / "seeds" / "bbc.jsonl").open("w") as batch:
        for row in [*rows, update]:
            batch.write(json.dumps({"id": row["id"], "title": row["title"], "text": row["text"]}) + "\n")
    return rows


def _story_bookmarks(reader: PdfReader) -> list[tuple[str, int]]:
    return [(item.title, reader.get_destination_page_number(item)) for item in reader.outline[1:] if not isinstance(item, list)]


def _links(reader: PdfReader, page: int) -> list[int]:
    targets = []
    for annot in reader.pages[page].get("/Annots") or []:
        action = annot.get_object().get("/A")
        if action is not None and action.get("/S") == "/GoTo":
            targets.append(reader.get_page_number(action["/D"][0].get_object()))
    return targets


def test_a_run_makes_a_tagged_numbered_linked_digest_of_the_days_stories(project: Path, cli):
    rows = _inbox_of_twelve_stories(project)
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and len(report["new"]) == 13
    assert report["new"][-1]["update_of"]["id"] == rows[0]["id"]  # marked in the run it arrived with
    path = project / "out" / DAY / "digest.pdf"
    assert_readable(path)
    reader = PdfReader(path)
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"] and catalog["/Lang"] == "en"
    assert reader.metadata.title and reader.metadata.author and reader.metadata.subject
    # The briefings' structure is kept: every page is a key of the one ParentTree.
    assert all("/StructParents" in page for page in reader.pages)
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        printed = re.findall(r"Page (\d+) of (\d+)", page.extract_text())
        assert printed == [(str(number), str(total))], (number, printed)
    bookmarks = _story_bookmarks(reader)
    assert len(bookmarks) == 12  # one per story: the two versions are one
    assert sorted(title for title, _ in bookmarks) == sorted(row["title"] for row in rows)
    two = [item for item in reader.outline if isinstance(item, list)][0]  # children of the first story
    assert bookmarks[0][0] == rows[0]["title"]  # carried by two sources: first
    assert [item.title.split(":")[0] for item in two if not isinstance(item, list)][:2] == ["Latest version", "Earlier version"]
    front = [page for page in range(total) if _links(reader, page)]
    front_text = "".join(reader.pages[page].extract_text() for page in front)
    assert front_text.count(rows[0]["title"][:40]) == 1
    linked = {target for page in front for target in _links(reader, page)}
    assert {page for _, page in bookmarks} <= linked
    for title, page in bookmarks:
        assert title.split()[0] in reader.pages[page].extract_text()
    # The same day made again gives the same order.
    path.unlink()
    assert run_json(cli, "--date", DAY)[0] == 0
    assert _story_bookmarks(PdfReader(path)) == bookmarks
    assert cli("digest", "--date", DAY).exit_code == 0
    assert _story_bookmarks(PdfReader(path)) == bookmarks
    assert_readable(path)


def test_stories_order_is_sources_then_newest_then_title():
    def entry(i: str, title: str, day: str | None, source: str, update_of: str | None = None) -> dict:
        return {"id": i, "title": title, "date": day, "source": source, "pdf": f"{i}.pdf",
                "update_of": {"id": update_of, "pdf": None} if update_of else None}

    day = stories([
        entry("a", "Beta", "2026-01-01", "x"),
        entry("b", "Alpha", "2026-01-01", "y"),
        entry("c", "Old", "2025-01-01", "z"),
        entry("d", "Gamma", None, "w"),
        entry("f", "Twice", "2024-01-01", "u"),
        entry("e", "Twice, updated", "2024-01-01", "v", update_of="f"),
    ])
    assert [s.headline for s in day] == ["Twice, updated", "Alpha", "Beta", "Old", "Gamma"]
    assert day[0].sources == ["v", "u"]


def test_no_digest_when_nothing_was_briefed(project: Path):
    assert build(project / "out", date.fromisoformat(DAY)) is None


def _number_tree_keys(node) -> list[int]:
    """A number tree's keys, in order, checked against each leaf's /Limits (as a reader looks them up)."""
    nums = node.get("/Nums") or []
    keys = [int(nums[i]) for i in range(0, len(nums), 2)]
    if "/Limits" in node:
        assert keys and [int(x) for x in node["/Limits"]] == [min(keys), max(keys)]
    for kid in node.get("/Kids") or []:
        keys += _number_tree_keys(kid.get_object())
    assert keys == sorted(keys)
    return keys


def _check_numbered_tagged(reader: PdfReader) -> None:
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and catalog["/MarkInfo"]["/Marked"] and catalog["/Lang"] == "en"
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert re.findall(r"Page (\d+) of (\d+)", page.extract_text()) == [(str(number), str(total))], number
    # Every page's marked content is a key of the one ParentTree, and every key is used once.
    tree = catalog["/StructTreeRoot"]
    keys = _number_tree_keys(tree["/ParentTree"])
    pages = [int(page["/StructParents"]) for page in reader.pages]
    assert set(pages) <= set(keys) and len(set(pages)) == len(pages)
    assert max(keys) < int(tree["/ParentTreeNextKey"])


def test_one_more_article_makes_a_digest_that_holds_it_and_reads_everywhere(project: Path, cli):
    rows = _inbox_of_twelve_stories(project)
    assert run_json(cli, "--date", DAY)[0] == 0
    path = project / "out" / DAY / "digest.pdf"
    before = path.read_bytes()
    late = [json.loads(line) for line in (SHARED / "corpus/summaries/bbc-dev.jsonl").open()][12]
    (project / "seeds" / "late.jsonl").write_text(json.dumps({"id": late["id"], "title": late["title"], "text": late["text"]}) + "\n")
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and len(report["new"]) == 1
    assert_readable(path)
    after = path.read_bytes()
    assert after.startswith(before) and len(after) - len(before) < len(before) / 2  # an update: what it adds
    # What the kept briefings brought is not written again: their ParentTree leaves and section
    # bookmarks stay where they are; the update holds the new briefing's and the front page's.
    added = after[len(before):]
    assert added.count(b"/Limits") == 2
    assert added.count(b"/Title") < after.count(b"/Title") / 3
    reader = PdfReader(path)
    _check_numbered_tagged(reader)
    bookmarks = _story_bookmarks(reader)
    assert sorted(title for title, _ in bookmarks) == sorted(row["title"] for row in [*rows, late])
    linked = {target for page in range(len(reader.pages)) for target in _links(reader, page)}
    assert {page for _, page in bookmarks} <= linked
    for title, page in bookmarks:
        assert title.split()[0] in reader.pages[page].extract_text()
    # Written afresh, the same day gives the same pages.
    path.unlink()
    assert cli("digest", "--date", DAY).exit_code == 0
    fresh = PdfReader(path)
    assert _story_bookmarks(fresh) == bookmarks and len(fresh.pages) == len(reader.pages)


def test_the_digest_pages_as_images(project: Path, cli, tmp_path: Path):
    """Rendered by poppler: as many images as pages, none blank, each with its page number
    printed in the bottom margin and nothing else there (the briefings' own footers blanked)."""
    import subprocess

    from PIL import Image

    _inbox_of_twelve_stories(project)
    assert run_json(cli, "--date", DAY)[0] == 0
    path = project / "out" / DAY / "digest.pdf"
    subprocess.run(["pdftoppm", "-r", "40", "-gray", "-png", str(path), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == len(PdfReader(path).pages) > 12
    for image_path in images:
        image = Image.open(image_path).convert("L")
        width, height = image.size
        dark = lambda box: sum(1 for v in image.crop(box).getdata() if v < 160)  # noqa: E731
        assert dark((0, 0, width, height)) > 500, image_path.name  # not blank
        footer = (0, int(height * 0.95), width, height)
        inked = [x for x in range(width) if any(image.getpixel((x, y)) < 210 for y in range(footer[1], height))]
        assert inked, image_path.name  # a page number is printed
        # One short, centred line of print ("Page i of N"), not two footers drawn over each other.
        assert max(inked) - min(inked) < width * 0.3 and abs((max(inked) + min(inked)) / 2 - width / 2) < width * 0.05


def test_the_seeds_second_story_is_listed_as_a_story_of_its_own(project: Path, cli):
    """The seed holds two stories (a wider gap between them): the front page lists the second
    under its own headline with its own lead, linked to the briefing, and the first story's lead
    is the first story's alone."""
    code, _ = run_json(cli, "--date", DAY)
    assert code == 0
    reader = PdfReader(project / "out" / DAY / "digest.pdf")
    front = " ".join(reader.pages[0].extract_text().split())
    assert "German Chancellor Olaf Scholz set off yesterday for Washington" in front
    assert front.count("In the same briefing") == 1 and "2 stories" in front
    first_lead = front.split("German Chancellor Olaf Scholz set off yesterday for Washington")[0]
    assert "reassure Americans" not in first_lead  # the second story's sentence is not the first's lead
    assert len(set(_links(reader, 0))) == 1  # both stories point at the one briefing


def test_the_digest_front_page_bookmarks_and_metadata_follow_render_language(project: Path, cli):
    """`[render] language = "fr"`: the front page, the first bookmark, the title and the /Lang
    are French; the seed's own (English) briefing stays English inside it."""
    (project / "reports.toml").write_text('[render]\nlanguage = "fr"\n')
    code, _ = run_json(cli, "--date", DAY)
    assert code == 0
    reader = PdfReader(project / "out" / DAY / "digest.pdf")
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert reader.outline[0].title == "Les sujets du jour"
    assert reader.metadata.title.startswith("Synthèses, ") and "1 sujet" in reader.metadata.subject
    front = " ".join(reader.pages[0].extract_text().split())
    assert "Les sujets du jour" in front and "The day's stories" not in front
    assert any("IN BRIEF" in page.extract_text() for page in reader.pages[1:])


def test_a_long_days_front_page_lists_a_capped_number_of_stories_and_links_to_the_rest(project: Path, cli, monkeypatch):
    """Past SHORT_DAY stories the front page lists the lead stories, then at most MORE_STORIES
    one-line stories (here lowered to 10, so that a test day is small); the rest are counted in
    one line linked to where they start. Every story keeps its bookmark."""
    import shutil
    import sys

    stories_module = sys.modules["reports.digest.stories"]  # the package exports a function of that name

    monkeypatch.setattr(stories_module, "MORE_STORIES", 10)
    assert run_json(cli, "--date", DAY)[0] == 0
    folder = project / "out" / DAY
    entry = json.loads((folder / "manifest.json").read_text())["articles"][0]
    made = []
    shown = stories_module.LEAD_STORIES + 10
    for i in range(max(stories_module.SHORT_DAY, shown) + 23):  # distinct stories: ids and titles differ
        name = f"copy-{i:03d}.pdf"
        shutil.copyfile(project / "out" / entry["pdf"], folder / name)
        made.append({**entry, "id": f"{entry['id']}-{i}", "title": f"Story number {i:03d}", "pdf": f"{DAY}/{name}",
                     "stories": [], "update_of": None})
    (folder / "manifest.json").write_text(json.dumps({"date": DAY, "articles": made}))
    (folder / "digest.pdf").unlink()
    path = build(project / "out", date.fromisoformat(DAY))
    assert_readable(path)
    reader = PdfReader(path)
    bookmarks = _story_bookmarks(reader)
    assert len(bookmarks) == len(made)
    front = [page for page in range(len(reader.pages)) if _links(reader, page)]
    text = " ".join(" ".join(reader.pages[page].extract_text() for page in front).split())
    listed = [title for title, _ in bookmarks if title in text]
    assert listed == [title for title, _ in bookmarks[:shown]]
    rest = len(made) - shown
    assert f"{rest} more stories, from p. {bookmarks[shown][1] + 1}" in text
    linked = {target for page in front for target in _links(reader, page)}
    assert bookmarks[shown][1] in linked


def test_a_german_digest_stamps_seite_and_no_briefings_own_footer_is_left(project: Path, cli):
    """`[render] language = "de"`: every page says "Seite i von N" once; the English seed's
    "Page 1 of 2" and a French article's "Page 1 sur 1" are blanked (found by where they are)."""
    (project / "reports.toml").write_text('[render]\nlanguage = "de"\n')
    french = (
        "Le ministre a annoncé hier un plan de 8,5 millions d'euros pour les hôpitaux de la région. "
        "« Nous devons agir vite », a déclaré M. Dupont lors d'une conférence de presse.\n\n"
        "La semaine dernière, les syndicats avaient manifesté devant la préfecture."
    )
    row = {"id": "fr-1", "title": "Un plan pour les hôpitaux", "text": french, "language": "fr"}
    (project / "seeds" / "fr.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n")
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and len(report["new"]) == 2
    briefing = next(Path(new["pdf"]) for new in report["new"] if new["id"] == "fr-1")
    assert "Page 1 sur 1" in PdfReader(briefing).pages[0].extract_text()
    path = project / "out" / DAY / "digest.pdf"
    assert_readable(path)
    reader = PdfReader(path)
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert re.findall(r"Seite (\d+) von (\d+)", text) == [(str(number), str(total))], (number, text[-200:])
        assert not re.search(r"Page \d+ (of|sur) \d+", text), (number, text[-200:])


def test_a_day_whose_digest_language_changes_is_stamped_whole_in_the_new_one(project: Path, cli):
    """The stamps share one font subset, of the language they were first written in: a run
    after `[render] language` changed writes the digest whole, never appends German numbers
    drawn with English glyphs."""
    assert run_json(cli, "--date", DAY)[0] == 0
    (project / "reports.toml").write_text('[render]\nlanguage = "de"\n')
    row = {"id": "second", "title": "A second story", "text": "The council met on Tuesday. It agreed a new budget for the town's schools."}
    (project / "seeds" / "more.jsonl").write_text(json.dumps(row) + "\n")
    assert run_json(cli, "--date", DAY)[0] == 0
    path = project / "out" / DAY / "digest.pdf"
    assert_readable(path)
    reader = PdfReader(path)
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert re.findall(r"Seite (\d+) von (\d+)", page.extract_text()) == [(str(number), str(total))], number


def test_changing_only_the_digest_language_makes_the_day_again(project: Path, cli):
    """No new article, only `[render] language` changed: the next run makes the day's digest
    again in the new language (the language is part of what the digest is made of)."""
    assert run_json(cli, "--date", DAY)[0] == 0
    path = project / "out" / DAY / "digest.pdf"
    assert "Les sujets du jour" not in PdfReader(path).pages[0].extract_text()
    (project / "reports.toml").write_text('[render]\nlanguage = "fr"\n')
    assert run_json(cli, "--date", DAY)[0] == 0
    assert_readable(path)
    assert "Les sujets du jour" in " ".join(PdfReader(path).pages[0].extract_text().split())
