"""The day's digest: a linked front page of the day's stories, then every briefing, tagged and numbered through."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from reports.digest import build, stories
from tests.conftest import SHARED, run_json

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
