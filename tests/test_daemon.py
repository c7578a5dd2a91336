"""The daemon: `due` with explicit times, then the real daemon in a subprocess, started as the
systemd example says, on real time with a one-second scan, stopped by SIGTERM."""

from __future__ import annotations

import configparser
import json
import shlex
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from pypdf import PdfReader

from reports.daemon import due
from tests.conftest import REPO, SEED, SMTP_PASSWORD, attachments, email_config

LONDON = ZoneInfo("Europe/London")


def at(day: int, hour: int, minute: int = 0, tz=LONDON) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=tz)


def test_due_before_and_after_the_digest_time():
    assert due(at(25, 6, 59), at(24, 7), ["07:00"]) == []
    assert due(at(25, 7, 0), at(24, 7), ["07:00"]) == [at(25, 7)]
    assert due(at(25, 7, 1), at(25, 7), ["07:00"]) == []  # made already


def test_due_after_downtime_makes_each_missed_day_once():
    # Down from the 23rd to the 25th at 09:00: yesterday's and today's digests, the latest time of each.
    assert due(at(25, 9), at(23, 7), ["18:00", "07:00"]) == [at(24, 18), at(25, 7)]
    # A new daemon (no digest yet) makes today's latest passed digest, and does not backfill.
    assert due(at(25, 19), None, ["07:00", "18:00"]) == [at(25, 18)]
    assert due(at(25, 6), None, ["07:00"]) == []


def test_due_compares_instants_across_time_zones():
    last = datetime(2026, 11, 25, 7, tzinfo=UTC)  # the same instant as 07:00 in London in winter
    assert due(at(25, 8), last, ["07:00"]) == []
    assert due(datetime(2026, 7, 1, 7, 30, tzinfo=LONDON), datetime(2026, 7, 1, 6, 30, tzinfo=UTC), ["07:00"]) == []


# --- the real daemon ---------------------------------------------------------------------


def unit_command(project: Path) -> tuple[list[str], Path, dict[str, str]]:
    """examples/reports.service's ExecStart, WorkingDirectory and EnvironmentFile, here."""
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.optionxform = str  # type: ignore[assignment]
    unit.read(REPO / "examples" / "reports.service")
    service = unit["Service"]

    def here(value: str) -> str:
        return value.replace("/srv/briefings/.venv/bin", str(Path(sys.executable).parent)).replace(
            "/srv/briefings", str(project)
        )

    env_file = Path(here(service["EnvironmentFile"]))
    env_file.write_text(f"REPORTS_SMTP_PASSWORD={SMTP_PASSWORD}\n")
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    env.update(line.split("=", 1) for line in env_file.read_text().splitlines() if "=" in line)
    return shlex.split(here(service["ExecStart"])), Path(here(service["WorkingDirectory"])), env


def start(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(condition: Callable[[], object], timeout: float = 40.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def stop(daemon: subprocess.Popen) -> tuple[int, str]:
    daemon.send_signal(signal.SIGTERM)
    _, stderr = daemon.communicate(timeout=60)
    return daemon.returncode, stderr


def rendered(project: Path) -> int:
    db = sqlite3.connect(project / "out" / "ledger.sqlite3")
    return db.execute("SELECT COUNT(*) FROM articles WHERE status = 'rendered'").fetchone()[0]


def test_daemon_scans_mails_the_digest_once_and_stops_cleanly(project: Path, smtp_servers):
    server = smtp_servers()
    seed = SEED.read_text(encoding="utf-8")
    for i in range(4):
        (project / "seeds" / f"story{i}.txt").write_text(seed + f"\n\nUpdate number {i} came in late.\n")
    email_config(project, server.port, enabled=True, attach="digest")
    with (project / "reports.toml").open("a") as config:
        # digest_at 00:00 has always passed today: the start-up catch-up makes and mails it.
        config.write('[schedule]\ntimezone = "UTC"\nscan_seconds = 1\ndigest_at = ["00:00"]\n')
    command, cwd, env = unit_command(project)
    assert command[1:3] == ["daemon", "--config"]
    day = project / "out" / datetime.now(UTC).date().isoformat()

    # 1. SIGTERM in the middle of the first scan: no partial file, every PDF whole and recorded.
    first = start(command, cwd, env)
    wait_for(lambda: list(day.glob("*.pdf")))
    code, stderr = stop(first)
    assert code == 0 and "SIGTERM" in stderr and "Traceback" not in stderr
    pdfs = list(day.glob("*.pdf"))
    assert not list(day.glob(".tmp-*"))
    assert 1 <= len(pdfs) < 5 and len(pdfs) == rendered(project)  # stopped mid-run
    assert all(len(PdfReader(p).pages) >= 1 for p in pdfs)
    assert server.messages == []  # the digest waits for a full scan

    # 2. Restarted: the rest are briefed, the missed digest is made and mailed once,
    #    and an article dropped in later is picked up by the next scan.
    daemon = start(command, cwd, env)
    wait_for(lambda: len(server.messages) == 1)
    second = start(command, cwd, env)  # one daemon per output folder
    assert second.wait(timeout=30) == 2
    assert "in use by reports daemon (pid" in second.stderr.read()  # type: ignore[union-attr]
    assert rendered(project) == 5 and len(list(day.glob("*.pdf"))) == 6  # five briefings and the digest
    (project / "seeds" / "late.txt").write_text("A late story arrives. It has two sentences.\n")
    wait_for(lambda: rendered(project) == 6)
    code, stderr = stop(daemon)
    assert code == 0 and "Traceback" not in stderr
    assert len(server.messages) == 1 and set(attachments(server.messages[0])) == {"digest.pdf"}
    beat = json.loads(subprocess.run(
        [str(Path(sys.executable).parent / "reports"), "status", "--json"], cwd=project, env=env,
        capture_output=True, text=True, check=True,
    ).stdout)["daemon"]
    assert beat["state"] == "stopped" and beat["failures"] == []
    assert beat["last_scan"] and beat["next_run"] is None  # stopped: no next run to show
    assert date.fromisoformat(beat["last_digest_made"][:10]) == datetime.now(UTC).date()


def test_a_failing_job_is_logged_and_the_loop_goes_on(project: Path, smtp_servers):
    (project / "seeds").rename(project / "later")  # the inbox is missing: every scan fails
    (project / "reports.toml").write_text('[schedule]\nscan_seconds = 1\ndigest_at = ["23:59"]\n')
    command, cwd, env = unit_command(project)
    daemon = start(command, cwd, env)
    heartbeat = project / "out" / ".heartbeat.json"
    wait_for(lambda: heartbeat.exists() and len(json.loads(heartbeat.read_text())["failures"]) >= 2)
    (project / "later").rename(project / "seeds")
    wait_for(lambda: (project / "out" / "ledger.sqlite3").exists() and rendered(project) == 1)
    code, stderr = stop(daemon)
    assert code == 0
    assert "scan failed" in stderr and "paths.inbox" in stderr
    assert "paths.inbox" in json.loads(heartbeat.read_text())["failures"][0]["error"]


def test_status_tells_a_killed_daemon_from_a_running_one(project: Path, cli):
    (project / "reports.toml").write_text('[schedule]\nscan_seconds = 1\ndigest_at = ["23:59"]\n')
    command, cwd, env = unit_command(project)
    daemon = start(command, cwd, env)
    try:
        wait_for(lambda: (project / "out" / ".heartbeat.json").exists())
        assert json.loads(cli("status", "--json").stdout)["daemon"]["state"] == "running"
    finally:
        daemon.kill()  # SIGKILL: no chance to write "stopped"
        daemon.communicate(timeout=30)
    beat = json.loads(cli("status", "--json").stdout)["daemon"]
    assert beat["state"] == "dead" and beat["pid"] == daemon.pid
    assert "daemon: dead (pid" in cli("status").stdout


def _daemon(project: Path, stopping: Callable[[], bool]):
    from reports.config import load_settings
    from reports.daemon import _Daemon

    (project / "reports.toml").write_text('[schedule]\ntimezone = "UTC"\ndigest_at = ["00:00"]\n')
    return _Daemon(load_settings(project / "reports.toml"), 1, stopping)


def test_a_digest_time_with_nothing_briefed_says_so(project: Path, caplog):
    for article in (project / "seeds").iterdir():
        article.unlink()
    daemon = _daemon(project, lambda: False)
    with caplog.at_level("INFO", logger="reports.daemon"):
        daemon._job("scan", daemon._scan)
    assert "nothing was briefed that day" in caplog.text and "made" not in caplog.text
    assert daemon.beat["last_digest"] and not daemon.beat["last_digest_made"]


def test_status_after_sigterm_shows_when_the_digest_was_made_and_no_next_run(project: Path, cli):
    stopped: list[bool] = []
    daemon = _daemon(project, lambda: bool(stopped))
    daemon._job("scan", daemon._scan)  # briefs the seed; the 00:00 digest is made now, not at 00:00
    stopped.append(True)  # as the SIGTERM handler does
    daemon.loop()
    beat = json.loads((project / "out" / ".heartbeat.json").read_text())
    assert beat["state"] == "stopped" and beat["next_run"] is None
    line = next(x for x in cli("status").stdout.splitlines() if x.startswith("daemon:"))
    made = datetime.fromisoformat(beat["last_digest_made"])
    assert abs((datetime.now(UTC) - made).total_seconds()) < 3600 and beat["last_digest_made"] in line
    assert "T00:00:00" not in line and "next run" not in line
