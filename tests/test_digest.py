"""The daily digest: a cover with contents and page numbers, then every briefing, bookmarked."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from pypdf import PdfReader

from reports.digest import build
from tests.conftest import SHARED, run_json

DAY = "2026-11-25"


def outline_titles(reader: PdfReader) -> list[tuple[str, int]]:
    found = []
    for item in reader.outline:
        if not isinstance(item, list):
            found.append((item.title, reader.get_destination_page_number(item)))
    return found


def test_digest_of_five_dev_articles(project: Path, cli):
    rows = [json.loads(line) for line in (SHARED / "corpus/summaries/bbc-dev.jsonl").open()][:5]
    (project / "seeds" / "000_b8909ad496ca7278.txt").unlink()
    with (project / "seeds" / "bbc.jsonl").open("w") as batch:
        for row in rows:
            batch.write(json.dumps({"id": row["id"], "title": row["title"], "text": row["text"]}) + "\n")
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and len(report["new"]) == 5
    path = build(project / "out", date.fromisoformat(DAY))
    assert path == project / "out" / DAY / "digest.pdf"
    reader = PdfReader(path)
    cover = reader.pages[0].extract_text()
    assert "The day's briefings" in cover and "5 articles" in cover
    bookmarks = outline_titles(reader)
    assert bookmarks[0] == ("Contents", 0)
    assert [title for title, _ in bookmarks[1:]] == [row["title"] for row in rows]
    pages = [page for _, page in bookmarks[1:]]
    assert pages == sorted(pages) and pages[0] == 1
    for title, page in bookmarks[1:]:
        # The contents list each briefing at the page it really starts on (1-based).
        assert f"{title}{page + 1}" in cover.replace("\n", "") or str(page + 1) in cover
        assert title.split()[0] in reader.pages[page].extract_text()
    briefing_pages = sum(len(PdfReader(n["pdf"]).pages) for n in report["new"])
    assert len(reader.pages) == 1 + briefing_pages


def test_no_digest_when_nothing_was_briefed(project: Path):
    assert build(project / "out", date.fromisoformat(DAY)) is None
