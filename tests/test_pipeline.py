"""`reports run` end to end: real inbox, real WeasyPrint, real SQLite ledger, PDFs read back."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import pdf_text, run_json

DAY = "2026-11-25"


def test_seed_is_briefed_end_to_end(project: Path, cli):
    code, report = run_json(cli, "--date", DAY)
    assert code == 0
    assert report["failed"] == [] and len(report["new"]) == 1
    pdf = Path(report["new"][0]["pdf"])
    assert pdf.parent == project / "out" / DAY and pdf.suffix == ".pdf"
    text = pdf_text(pdf)
    assert "French President Emmanuel Macron flies to Moscow" in text  # headline and lead
    assert "Wednesday 25 November 2026" in text  # briefing date in the masthead
    assert "Published 7 February 2022" in text
    assert "Photo: Reuters/Hannibal Hanschke/File Photo" in text
    assert "Page 1 of 2" in text and "Page 2 of 2" in text  # the @page footer survived
    assert "Briefing · French President" in text  # running header on page 2
    assert "We’re heading to Putin’s lair" in text
    assert "Flesch reading ease" in text
    assert not list(pdf.parent.glob(".tmp-*"))


def test_manifest_lists_every_article_with_its_analysis(project: Path, cli):
    run_json(cli, "--date", DAY)
    manifest = json.loads((project / "out" / DAY / "manifest.json").read_text())
    assert manifest["date"] == DAY
    (entry,) = manifest["articles"]
    assert entry["id"] == "000_b8909ad496ca7278"
    assert entry["pdf"].startswith(f"{DAY}/") and (project / "out" / entry["pdf"]).is_file()
    assert entry["summary"][0].startswith("French President Emmanuel Macron flies to Moscow today")
    assert entry["readability"]["words"] > 400


def test_second_run_renders_nothing_and_force_renders_again(project: Path, cli):
    first_code, first = run_json(cli, "--date", DAY)
    pdf = Path(first["new"][0]["pdf"])
    before = pdf.stat().st_mtime_ns
    code, second = run_json(cli, "--date", DAY)
    assert (code, second["new"], second["skipped"]) == (0, [], 1)
    assert pdf.stat().st_mtime_ns == before
    code, forced = run_json(cli, "--date", DAY, "--force")
    assert code == 0 and [n["pdf"] for n in forced["new"]] == [str(pdf)]
    assert len([p for p in pdf.parent.glob("*.pdf") if p.name != "digest.pdf"]) == 1  # same file, not a second copy


def test_idle_runs_skip_settled_files_without_parsing_them(project: Path, cli, monkeypatch):
    from reports import pipeline

    read: list[str] = []
    real_read = pipeline._read
    monkeypatch.setattr(pipeline, "_read", lambda path, inbox: (read.append(path.name), real_read(path, inbox))[1])
    (project / "seeds" / "bridge.html").write_text(
        "<html><head><title>Council approves the bridge</title></head><body><article>"
        "<h1>Council approves the bridge</h1><p>The council approved the new river bridge on Monday.</p>"
        "<p>Work starts in May and should end next June, the mayor said.</p></article></body></html>"
    )
    assert len(run_json(cli, "--date", DAY)[1]["new"]) == 2
    code, second = run_json(cli, "--date", DAY)  # finds both in the ledger: they are settled
    assert (code, second["new"], second["skipped"], len(read)) == (0, [], 2, 4)
    code, third = run_json(cli, "--date", DAY)
    assert (code, third["new"], third["skipped"], len(read)) == (0, [], 2, 4)  # nothing parsed

    page = project / "seeds" / "bridge.html"
    page.write_text(page.read_text().replace("Monday", "Tuesday"))  # new bytes: read again
    code, changed = run_json(cli, "--date", DAY)
    assert code == 0 and len(changed["new"]) == 1 and read[-1] == "bridge.html" and len(read) == 5
    code, forced = run_json(cli, "--date", DAY, "--force")
    assert code == 0 and len(forced["new"]) == 2 and len(read) == 7


def test_a_changed_file_is_a_new_article(project: Path, cli):
    run_json(cli, "--date", DAY)
    seed = next((project / "seeds").glob("*.txt"))
    seed.write_text(seed.read_text(encoding="utf-8") + "\n\nA late paragraph was added.\n", encoding="utf-8")
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and len(report["new"]) == 1


def test_a_broken_article_fails_alone(project: Path, cli):
    inbox = project / "seeds"
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(b"\x00\xff\x00garbage")
    (inbox / "other.txt").write_text("date 2024-03-04\n\nCouncil approves the new bridge. Work starts in May.\n")
    code, report = run_json(cli, "--date", DAY)
    assert code == 1
    assert sorted(Path(n["source"]).name for n in report["new"]) == ["000_b8909ad496ca7278.txt", "other.txt"]
    reasons = {Path(f["source"]).name: f["reason"] for f in report["failed"]}
    assert reasons == {"empty.txt": "empty file", "binary.txt": "binary content (NUL bytes), not an article"}
    for new in report["new"]:
        assert pdf_text(Path(new["pdf"]))
    # Reported once: the next run does not fail again on the same unchanged files.
    code, again = run_json(cli, "--date", DAY)
    assert code == 0 and again["failed"] == [] and again["skipped"] == 4


def test_failures_are_printed_with_file_and_reason(project: Path, cli):
    (project / "seeds" / "empty.txt").write_bytes(b"")
    result = cli("run", "--workers", "1", "--date", DAY)
    assert result.exit_code == 1
    assert "failed: seeds/empty.txt: empty file" in result.stderr


def test_ledger_records_articles(project: Path, cli):
    (project / "seeds" / "empty.txt").write_bytes(b"")
    run_json(cli, "--date", DAY)
    db = sqlite3.connect(project / "out" / "ledger.sqlite3")
    rows = db.execute("SELECT source, status, run_date, outputs, error FROM articles ORDER BY source").fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("seeds/000_b8909ad496ca7278.txt", "rendered", DAY),
        ("seeds/empty.txt", "failed", DAY),
    ]
    assert json.loads(rows[0][3])[0].endswith(".pdf") and rows[1][4] == "empty file"


def test_jsonl_articles_each_get_a_pdf(project: Path, cli):
    rows = [
        {"id": "n1", "title": "Budget passes", "text": "The budget passed on Tuesday. It cuts taxes."},
        {"id": "n2", "title": "Budget passes", "text": "A second story with the same title. It differs."},
    ]
    (project / "seeds" / "batch.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    code, report = run_json(cli, "--date", DAY)
    assert code == 0
    names = sorted(Path(n["pdf"]).name for n in report["new"])
    assert len(names) == 3 and len(set(names)) == 3  # same title, distinct files


def test_parallel_workers_give_the_same_briefings(project: Path, cli):
    for i in range(3):
        (project / "seeds" / f"extra{i}.txt").write_text(f"Story number {i} is short. It has two sentences.\n")
    result = cli("run", "--json", "--workers", "2", "--date", DAY)
    report = json.loads(result.stdout)
    assert result.exit_code == 0 and len(report["new"]) == 4
    assert all("Story number" in pdf_text(Path(n["pdf"])) for n in report["new"] if "extra" in n["source"])


def test_status_reports_the_ledger(project: Path, cli):
    (project / "seeds" / "empty.txt").write_bytes(b"")
    run_json(cli, "--date", DAY)
    status = json.loads(cli("status", "--json").stdout)
    assert status["articles"] == {"failed": 1, "rendered": 1}
    assert status["last_run"]["new"] == 1 and status["last_run"]["failed"] == 1
    assert status["failures"][0]["reason"] == "empty file"


def test_config_file_and_flags(project: Path, cli):
    (project / "elsewhere").mkdir()
    (project / "reports.toml").write_text('[paths]\nout = "elsewhere/briefings"\n')
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and Path(report["out_dir"]) == project / "elsewhere" / "briefings" / DAY
    code, report = run_json(cli, "--date", DAY, "--out", str(project / "flagged"))
    assert Path(report["out_dir"]) == project / "flagged" / DAY


def test_usage_and_config_errors_exit_2(project: Path, cli):
    assert cli("run", "--date", "yesterday").exit_code == 2
    assert cli("run", "--no-such-flag").exit_code == 2
    (project / "reports.toml").write_text("[paths]\nwrong = 1\n")
    result = cli("run")
    assert result.exit_code == 2 and "paths.wrong" in result.stderr


def _brief_or_die(job):
    """`brief`, except that an article saying so kills its worker process outright, as a crash in
    a C library or the kernel's OOM killer would."""
    import os

    from reports import pipeline

    if "KILLS ITS WORKER" in job.article.text:
        os._exit(1)
    return pipeline._real_brief(job)


def test_an_article_that_kills_its_worker_fails_alone(project: Path, cli, monkeypatch):
    from reports import pipeline

    monkeypatch.setattr(pipeline, "_real_brief", pipeline.brief, raising=False)
    monkeypatch.setattr(pipeline, "brief", _brief_or_die)  # forked workers inherit it
    inbox = project / "seeds"
    for n in range(6):
        (inbox / f"story{n}.txt").write_text(f"Story {n} is about the harbour. The council met on day {n}.\n")
    (inbox / "story2.txt").write_text("This story KILLS ITS WORKER when it is briefed. It has two sentences.\n")
    result = cli("run", "--json", "--workers", "2", "--date", DAY)
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert len(report["new"]) == 6  # the seed and the five other stories, despite the dead workers
    (failure,) = report["failed"]
    assert Path(failure["source"]).name == "story2.txt" and "worker process died" in failure["reason"]
    # Recorded as failed: the next run neither tries it again nor reports it again.
    code, again = run_json(cli, "--date", DAY)
    assert (code, again["new"], again["failed"], again["skipped"]) == (0, [], [], 7)
