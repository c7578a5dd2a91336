"""Every inbox format, their encodings, duplicates across formats, updates, files in flux."""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest

from reports import ingest, similar
from reports.analysis import analyze
from reports.errors import ReadError
from tests.conftest import DATA, SEED, pdf_text, run_json

DAY = "2026-11-25"
PAGE = DATA / "seed_page.html"


def read_one(path: Path):
    items = list(ingest.read(path))
    assert len(items) == 1, items
    return items[0]


def _old(path: Path) -> Path:
    """Make the file look settled (written a minute ago), as files copied in earlier are."""
    stamp = time.time() - 60
    os.utime(path, (stamp, stamp))
    return path


# -- HTML -------------------------------------------------------------------------------


def test_seed_as_a_web_page_gives_the_same_summary_and_quotes():
    page, text = read_one(PAGE), read_one(SEED)
    assert page.text == text.text  # nav, ads, related links, share buttons and footer gone
    for clutter in ("Advertisement", "Subscribe", "Refinance", "Privacy policy", "Read more", "Share on"):
        assert clutter not in page.text
    assert page.title == "Macron heads to Moscow on a risky mission to ease Ukraine tensions"
    assert page.author == "Jane Reporter"
    assert page.date == date(2022, 2, 7)
    assert page.caption == text.caption and page.credit == text.credit  # the caption is not the lead
    from_page, from_text = analyze(page), analyze(text)
    assert from_page.summary == from_text.summary
    assert from_page.quotes == from_text.quotes
    assert len(from_page.paragraphs) == 2  # the <hr> between the two stories is a story break


def test_html_in_a_declared_legacy_charset_with_crlf(tmp_path: Path):
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">\r\n'
        "<title>Новости</title></head><body><article><h1>Новости</h1>\r\n"
        "<p>Президент прилетел в Москву сегодня утром. Переговоры продлятся два дня.</p>\r\n"
        "<p>\"Это важный визит\", сказал представитель Кремля журналистам.</p>\r\n"
        "</article></body></html>\r\n"
    )
    path = tmp_path / "ru.htm"
    path.write_bytes(page.encode("koi8-r"))
    article = read_one(path)
    assert article.title == "Новости"
    assert article.text.startswith("Президент прилетел в Москву")
    assert "\r" not in article.text and "\n\n\"Это важный визит\"" in article.text


def test_cp1252_html_without_a_declaration(tmp_path: Path):
    path = tmp_path / "win.html"
    body = "<p>“We’re ready,” said the café owner – again. The doors opened at nine.</p>" * 3
    path.write_bytes(f"<html><head><title>Café</title></head><body><article>{body}</article></body></html>".encode("cp1252"))
    assert "“We’re ready,” said the café owner – again." in read_one(path).text


def test_a_page_with_no_article_text_is_a_read_error(tmp_path: Path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(ReadError, match="no article text"):
        list(ingest.read(path))


# -- Markdown, JSON, e-mail ---------------------------------------------------------------


def test_markdown_front_matter_and_syntax(tmp_path: Path):
    path = tmp_path / "storm.md"
    path.write_bytes(
        b"---\r\ntitle: \"Storm closes schools\"\r\ndate: 2024-03-04\r\nauthor: Jo Bloggs\r\n---\r\n\r\n"
        b"# Storm closes schools\r\n\r\n"
        b"*Children leave early. Photo: Jane Doe/Agency*\r\n\r\n"
        b"Schools **shut** today after [the storm](http://example.org/storm) hit\r\nthe coast.\r\n\r\n"
        b"> \"We had no choice,\" the head teacher said.\r\n\r\n"
        b"- Buses stopped at noon.\r\n- Parents were told by text.\r\n\r\n"
        b"***\r\n\r\nA second story: the bridge reopened.\r\n"
    )
    article = read_one(path)
    assert (article.title, article.date, article.author) == ("Storm closes schools", date(2024, 3, 4), "Jo Bloggs")
    assert (article.caption, article.credit) == ("Children leave early.", "Jane Doe/Agency")
    assert article.text == (  # the heading repeats the title: not in the body
        "Schools shut today after the storm hit the coast.\n\n"
        "\"We had no choice,\" the head teacher said.\n\n"
        "Buses stopped at noon.\n\nParents were told by text.\n\n\n\n"
        "A second story: the bridge reopened."
    )


def test_markdown_heading_is_the_title_and_seed_header_still_works(tmp_path: Path):
    path = tmp_path / "seed.md"
    path.write_text("# Macron flies to Moscow\n\n" + SEED.read_text(encoding="utf-8"), encoding="utf-8")
    article, seed = read_one(path), read_one(SEED)
    assert article.title == "Macron flies to Moscow"
    assert (article.date, article.caption, article.credit) == (seed.date, seed.caption, seed.credit)
    assert article.text == seed.text


def test_json_object_and_list(tmp_path: Path):
    one = tmp_path / "one.json"
    one.write_bytes('\ufeff{"id": "x1", "title": "Bridge", "date": "2024-03-04", "text": "Work starts.\\r\\n\\r\\nIn May."}'.encode())
    article = read_one(one)
    assert (article.id, article.title, article.date, article.text) == ("x1", "Bridge", date(2024, 3, 4), "Work starts.\n\nIn May.")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "a", "text": "One. Two."}, {"id": "b"}, "nope", {"id": 3, "text": "Three."}]))
    items = list(ingest.read(many))
    assert [type(i).__name__ for i in items] == ["Article", "ReadError", "ReadError", "Article"]
    assert "many.json[1]" in str(items[1]) and "text" in str(items[1])
    (tmp_path / "bad.json").write_text("{not json")
    with pytest.raises(ReadError, match="not JSON"):
        list(ingest.read(tmp_path / "bad.json"))


def test_forwarded_plain_text_email(tmp_path: Path):
    path = tmp_path / "fwd.eml"
    path.write_bytes(
        b"From: Ed <ed@example.org>\r\nTo: desk@example.org\r\nSubject: Fwd: FW: Council approves bridge\r\n"
        b"Date: Tue, 05 Mar 2024 09:00:00 +0000\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
        b"Worth a look for tomorrow.\r\n\r\n"
        b"---------- Forwarded message ---------\r\n"
        b"From: News <news@paper.example>\r\nDate: Mon, 4 Mar 2024 at 18:00\r\n"
        b"Subject: Council approves bridge\r\nTo: Ed <ed@example.org>\r\n\r\n"
        b"> The council approved the new bridge on Monday. \x93It is a good day,\x94 the mayor said.\r\n"
        b">\r\n> Work starts in May.\r\n\r\n-- \r\nEd, news desk\r\n"
    )
    article = read_one(path)
    assert article.title == "Council approves bridge"
    assert article.date == date(2024, 3, 4)  # the forwarded message's date, not the forward's
    assert article.text == "The council approved the new bridge on Monday. “It is a good day,” the mayor said.\n\nWork starts in May."


def test_email_with_only_an_html_part_goes_through_the_html_reader(tmp_path: Path):
    message = EmailMessage()
    message["Subject"] = "Fwd: Macron in Moscow"
    message["Date"] = "Tue, 08 Feb 2022 10:00:00 +0000"
    message.set_content(PAGE.read_text(encoding="utf-8"), subtype="html")
    path = tmp_path / "page.eml"
    path.write_bytes(bytes(message))
    article = read_one(path)
    assert article.text == read_one(SEED).text
    assert article.credit == "Reuters/Hannibal Hanschke/File Photo"
    assert article.date == date(2022, 2, 7)  # the page's own date beats the e-mail's


# -- duplicates and updates, end to end ----------------------------------------------------


def test_same_text_in_another_container_is_briefed_once(project: Path, cli):
    page = project / "seeds" / "page.html"
    page.write_bytes(PAGE.read_bytes())
    _old(page)
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and len(report["new"]) == 1 and report["skipped"] == 1
    code, again = run_json(cli, "--date", DAY)
    assert (code, again["new"], again["skipped"]) == (0, [], 2)


def test_an_updated_story_is_briefed_as_an_update(project: Path, cli):
    code, first = run_json(cli, "--date", DAY)
    original = first["new"][0]
    updated = project / "seeds" / "update.txt"
    updated.write_text(
        SEED.read_text(encoding="utf-8").replace("some 100,000 troops", "some 130,000 troops")
        + "\n\nUpdate: Mr Macron arrived in Moscow on Monday evening and went straight into talks.\n",
        encoding="utf-8",
    )
    _old(updated)
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and len(report["new"]) == 1
    update_of = report["new"][0]["update_of"]
    assert update_of["id"] == original["id"] and update_of["title"] == original["title"]
    assert update_of["date"] == DAY and update_of["similarity"] >= similar.UPDATE_SIMILARITY
    manifest = json.loads((project / "out" / DAY / "manifest.json").read_text())
    assert [a["update_of"]["id"] if a["update_of"] else None for a in manifest["articles"]] == [None, original["id"]]
    assert "Update of" in pdf_text(Path(report["new"][0]["pdf"]))
    # An unrelated story is new, not an update.
    other = project / "seeds" / "bridge.txt"
    other.write_text("date 2024-03-04\n\nCouncil approves the new bridge. Work starts in May and ends in June.\n")
    code, report = run_json(cli, "--date", DAY)
    assert report["new"][0]["update_of"] is None


def test_idle_run_over_ten_thousand_ledger_entries_is_fast(project: Path, cli):
    from reports import pipeline
    from reports.config import load_settings

    run_json(cli, "--date", DAY)  # the seed, and WeasyPrint warmed up as a daemon would have it
    _fill_ledger(project / "out" / "ledger.sqlite3", 10_000)
    settings = load_settings(cwd=project)
    start = time.perf_counter()
    report = pipeline.run(settings, date.fromisoformat(DAY), workers=1)
    elapsed = time.perf_counter() - start
    assert report.new == () and report.skipped == 1
    # A wide bound a loaded machine still meets (parsing 10,000 entries would take far longer);
    # bench/pipeline.py --idle times it.
    assert elapsed < 10, f"idle run took {elapsed:.2f} s"


def _fill_ledger(path: Path, count: int) -> None:
    """Earlier briefings, with their text signatures and band index, written in one go."""
    db = sqlite3.connect(path)
    with db:
        for n in range(count):
            key = f"{n:064x}"
            sig = os.urandom(similar.PERMUTATIONS * 8)  # as a signature: 128 random 64-bit minima
            db.execute(
                "INSERT INTO articles (key, article_id, source, status, run_date, title, first_seen, updated)"
                " VALUES (?, ?, ?, 'rendered', '2026-01-01', ?, 'x', 'x')",
                (key, f"a{n}", f"old/{n}.txt", f"Story {n}"),
            )
            db.execute("INSERT INTO texts (key, text_hash, signature) VALUES (?, ?, ?)", (key, key, sig))
            db.executemany("INSERT INTO text_bands (band, key) VALUES (?, ?)", [(b, key) for b in similar.bands(sig)])
    db.close()


# -- files in flux ----------------------------------------------------------------------------


def test_a_file_still_being_written_waits_for_the_next_scan(project: Path, cli):
    growing = project / "seeds" / "growing.txt"
    growing.write_text("date 2024-03-04\n\nCouncil approves the new bridge.")
    stop = threading.Event()

    def write_slowly() -> None:
        with growing.open("a") as file:
            while not stop.is_set():
                file.write(" Work starts in May.")
                file.flush()
                time.sleep(0.02)

    writer = threading.Thread(target=write_slowly)
    writer.start()
    try:
        code, report = run_json(cli, "--date", DAY)
    finally:
        stop.set()
        writer.join()
    assert code == 0 and report["failed"] == []
    assert report["waiting"] == ["seeds/growing.txt"]
    assert [Path(n["source"]).name for n in report["new"]] == ["000_b8909ad496ca7278.txt"]
    _old(growing)
    code, report = run_json(cli, "--date", DAY)
    assert report["waiting"] == [] and [Path(n["source"]).name for n in report["new"]] == ["growing.txt"]


def test_a_file_that_vanishes_is_reported_not_fatal(project: Path, cli, tmp_path: Path):
    gone = tmp_path / "gone.txt"
    gone.write_text("Here a moment ago.")
    found = ingest.discover(tmp_path)
    gone.unlink()
    assert ingest.settle(found).vanished == [gone]
    with pytest.raises(ReadError, match="vanished"):
        list(ingest.read(gone))
    # In a run: a link whose file was moved away mid-copy is reported, and the run goes on.
    (project / "seeds" / "moved.txt").symlink_to(project / "seeds" / "not-there.txt")
    code, report = run_json(cli, "--date", DAY)
    assert code == 1 and len(report["new"]) == 1
    assert report["failed"] == [
        {"source": "seeds/moved.txt", "id": None, "reason": "broken link: the file it points to does not exist"}
    ]


def test_settle_costs_nothing_for_old_files(tmp_path: Path):
    old = tmp_path / "old.txt"
    old.write_text("x")
    _old(old)
    start = time.perf_counter()
    settled = ingest.settle([old])
    assert settled.ready == [old] and time.perf_counter() - start < ingest.SETTLE_PAUSE  # no pause: a stat only
