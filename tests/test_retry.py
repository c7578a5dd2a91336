"""A template that breaks while it runs stops the run before any article is marked failed; a
failure the templates, settings or version caused is tried again once they change."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_json

DAY = "2026-11-25"
ODD = "Zebra crossing to close for works\n\nThe council said on Monday the crossing would close for two weeks.\n"
# Breaks only on an article whose title starts with "Zebra": the sample briefing passes it.
PICKY = (
    '{% extends "default/briefing.html" %}\n'
    "{% block headline %}\n"
    '{% if analysis.title.startswith("Zebra") %}{{ analysis.nonexistent.field }}{% endif %}\n'
    "{{ super() }}\n"
    "{% endblock %}\n"
)


def status(cli) -> dict:
    return json.loads(cli("status", "--json").stdout)


def test_a_render_time_template_error_stops_the_run_naming_file_and_line(project: Path, cli):
    user = project / "templates"
    user.mkdir()
    (user / "briefing.html").write_text(
        '{% extends "default/briefing.html" %}\n{% block summary %}\n<p>{{ analysis.nonexistent.field }}</p>\n'
        "{% endblock %}\n"
    )
    result = cli("run", "--date", DAY)
    assert result.exit_code == 2, result.stderr
    assert "briefing.html, line 3" in result.stderr and "nonexistent" in result.stderr
    assert status(cli)["articles"].get("failed", 0) == 0  # nothing was marked failed
    (user / "briefing.html").unlink()
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and len(report["new"]) == 1


def test_a_failure_the_template_caused_is_tried_again_once_it_changes(project: Path, cli):
    (project / "seeds" / "zebra.txt").write_text(ODD)
    user = project / "templates"
    user.mkdir()
    (user / "briefing.html").write_text(PICKY)
    code, report = run_json(cli, "--date", DAY)
    assert code == 1 and [f["source"] for f in report["failed"]] == ["seeds/zebra.txt"]
    assert "briefing.html, line 3" in report["failed"][0]["reason"]
    # Unchanged: not tried again (and the file is now settled under this fingerprint).
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and report["failed"] == [] and report["new"] == [] and report["skipped"] == 2
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and report["new"] == []
    (user / "briefing.html").write_text(PICKY.replace("nonexistent.field", "title"))
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and [o["source"] for o in report["new"]] == ["seeds/zebra.txt"], report
    assert status(cli)["articles"] == {"rendered": 2}
    assert "articles: 2 briefed, 0 failed" in cli("status").stdout.splitlines()


def test_a_settings_change_retries_a_failure_too(project: Path, cli):
    (project / "seeds" / "zebra.txt").write_text(ODD)
    user = project / "templates"
    user.mkdir()
    (user / "briefing.html").write_text(PICKY)
    assert run_json(cli, "--date", DAY)[0] == 1
    assert run_json(cli, "--date", DAY)[1]["failed"] == []
    (project / "reports.toml").write_text("[analysis]\nsentences = 4\n")
    code, report = run_json(cli, "--date", DAY)
    assert [f["source"] for f in report["failed"]] == ["seeds/zebra.txt"]  # tried again (still broken)


def test_a_ledger_of_the_earlier_schema_is_migrated_and_its_failures_retried(project: Path, cli):
    import sqlite3

    (project / "seeds" / "zebra.txt").write_text(ODD)
    user = project / "templates"
    user.mkdir()
    (user / "briefing.html").write_text(PICKY)
    assert run_json(cli, "--date", DAY)[0] == 1
    assert run_json(cli, "--date", DAY)[1]["failed"] == []  # settles the files
    db = sqlite3.connect(project / "out" / "ledger.sqlite3")
    db.execute("ALTER TABLE articles DROP COLUMN fingerprint")  # as schema 2 left it
    db.execute("ALTER TABLE settled_files DROP COLUMN fingerprint")
    db.execute("PRAGMA user_version=2")
    db.commit()
    db.close()
    # A failure recorded with no fingerprint may be an older version's doing: tried once again.
    code, report = run_json(cli, "--date", DAY)
    assert code == 1 and [f["source"] for f in report["failed"]] == ["seeds/zebra.txt"]
    assert run_json(cli, "--date", DAY)[1]["failed"] == []
    (user / "briefing.html").unlink()
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and [o["source"] for o in report["new"]] == ["seeds/zebra.txt"]
