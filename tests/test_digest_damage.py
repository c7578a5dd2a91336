"""A damaged digest or briefing, a kill in the middle, an unchanged day mailed again: the digest
stays readable by every engine, damage is said once, nothing is sent twice."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import SHARED, email_config, run_json
from tests.engines import assert_readable

DAY = "2026-11-25"


def _inbox(project: Path, count: int = 3, start: int = 0, name: str = "bbc.jsonl") -> list[dict]:
    rows = [json.loads(line) for line in (SHARED / "corpus/summaries/bbc-dev.jsonl").open()][start : start + count]
    with (project / "seeds" / name).open("w") as batch:
        for row in rows:
            batch.write(json.dumps({"id": row["id"], "title": row["title"], "text": row["text"]}) + "\n")
    return rows


def _stories(path: Path) -> list[str]:
    return [item.title for item in PdfReader(path).outline[1:] if not isinstance(item, list)]


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(b ^ 0xFF for b in data[middle : middle + 64])
    path.write_bytes(bytes(data))


DAMAGE = {
    "flipped bytes": _flip,
    "truncated": lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 3]),
    "emptied": lambda path: path.write_bytes(b""),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_digest_is_made_again_whole_and_said_once(project: Path, cli, damage: str):
    _inbox(project)
    assert run_json(cli, "--date", DAY)[0] == 0
    path = project / "out" / DAY / "digest.pdf"
    stories = _stories(path)
    DAMAGE[damage](path)
    code, report = run_json(cli, "--date", DAY)  # an idle run: nothing new, but it looks
    assert code == 1 and [f["source"] for f in report["failed"]] == ["digest.pdf"], report["failed"]
    assert "damaged" in report["failed"][0]["reason"] and "made again" in report["failed"][0]["reason"]
    assert_readable(path)
    assert _stories(path) == stories
    code, report = run_json(cli, "--date", DAY)  # said once
    assert code == 0 and report["failed"] == []


def test_a_damaged_digest_is_made_again_before_an_article_is_added(project: Path, cli):
    _inbox(project, 3)
    assert run_json(cli, "--date", DAY)[0] == 0
    path = project / "out" / DAY / "digest.pdf"
    _flip(path)
    late = _inbox(project, 1, start=3, name="late.jsonl")
    code, report = run_json(cli, "--date", DAY)
    assert code == 1 and len(report["new"]) == 1 and [f["source"] for f in report["failed"]] == ["digest.pdf"]
    assert_readable(path)
    assert late[0]["title"] in _stories(path) and len(_stories(path)) == 5  # the seed, three, the late one


def test_a_briefing_that_cannot_be_read_is_left_out_with_a_line_on_the_front_page(project: Path, cli):
    rows = _inbox(project)
    code, report = run_json(cli, "--date", DAY)
    assert code == 0
    out = project / "out"
    victim = next(Path(entry["pdf"]) for entry in report["new"] if entry["title"] == rows[1]["title"])
    victim.write_bytes(victim.read_bytes()[: victim.stat().st_size // 2])  # truncated
    (out / DAY / "digest.pdf").unlink()
    code, report = run_json(cli, "--date", DAY)
    assert code == 1, report
    assert [f["source"] for f in report["failed"]] == ["digest.pdf"] and victim.name in report["failed"][0]["reason"]
    path = out / DAY / "digest.pdf"
    assert_readable(path)
    assert rows[1]["title"] not in _stories(path) and len(_stories(path)) == 3
    front = " ".join(PdfReader(path).pages[0].extract_text().split())
    assert "Left out" in front and rows[1]["title"][:20] in front
    status = cli("status", "--json")
    assert "not finished" not in status.stdout + status.stderr  # the run's status finishes
    assert run_json(cli, "--date", DAY) == (0, run_json(cli, "--date", DAY)[1])  # said once: nothing to make again


def test_a_run_killed_while_it_adds_to_the_day_leaves_a_digest_every_engine_reads(project: Path):
    """SIGKILLs inside the digest phase of runs that add an article (after the manifest lists
    it, at several delays); after each, digest.pdf is the old one or the new one, whole, and a
    last run completes it."""
    _inbox(project, 2)
    reports = [sys.executable, "-m", "reports.cli", "run", "--workers", "1", "--date", DAY]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    assert subprocess.run(reports, cwd=project, env=env, capture_output=True).returncode == 0
    path, manifest = project / "out" / DAY / "digest.pdf", project / "out" / DAY / "manifest.json"
    killed = 0
    for round_, delay in enumerate((0.0, 0.02, 0.1, 0.3)):  # short: an idle machine makes the digest fast
        _inbox(project, 1, start=2 + round_, name=f"late-{round_}.jsonl")
        before = manifest.stat().st_mtime_ns
        process = subprocess.Popen(reports, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while process.poll() is None and manifest.stat().st_mtime_ns == before:
            time.sleep(0.01)
        time.sleep(delay)
        if process.poll() is None:
            killed += 1
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert_readable(path)
    assert killed >= 2  # kills landed while the digest was being made (how many depends on the machine's speed)
    done = subprocess.run(reports, cwd=project, env=env, capture_output=True)
    assert done.returncode == 0, done.stderr
    assert_readable(path)
    assert len(_stories(path)) == 1 + 2 + 4
    assert not list(path.parent.glob(".tmp-*"))


def test_an_unchanged_day_is_not_mailed_again_nor_its_digest_made_again(project: Path, cli, smtp_servers, smtp_password):
    _inbox(project, 2)
    server = smtp_servers()
    email_config(project, server.port, attach="digest")
    first = cli("run", "--json", "--workers", "1", "--date", DAY, "--email")
    assert first.exit_code == 0 and json.loads(first.stdout)["emails_sent"] == 1
    path = project / "out" / DAY / "digest.pdf"
    written = hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns
    second = cli("run", "--json", "--workers", "1", "--date", DAY, "--email")
    assert second.exit_code == 0 and json.loads(second.stdout)["emails_sent"] == 0
    assert len(server.inbox.messages) == 1
    assert (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) == written
    # `reports email` sends again on purpose: the same digest, byte for byte.
    assert cli("email", "--date", DAY).exit_code == 0
    from tests.conftest import attachments

    assert len(server.inbox.messages) == 2
    sent = [attachments(message)["digest.pdf"] for message in server.inbox.messages]
    assert sent[0] == sent[1] == path.read_bytes()


def test_a_dry_run_clears_the_last_ones_eml_files_only_once_it_holds_the_lock(project: Path, cli):
    """Two dry runs at once keep one set of .eml files: each clears under the output lock."""
    from reports.lock import hold

    _inbox(project, 1)
    email_config(project, 2525, attach="digest")
    assert cli("run", "--workers", "1", "--date", DAY).exit_code == 0
    eml = project / "out" / DAY / "eml"
    eml.mkdir()
    (eml / "earlier.eml").write_text("an earlier dry run's message\n")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    with hold(project / "out", "test"):
        process = subprocess.Popen(
            [sys.executable, "-m", "reports.cli", "email", "--date", DAY, "--dry-run"], cwd=project, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        time.sleep(3)  # it has started and waits for the lock
        assert process.poll() is None and (eml / "earlier.eml").exists()
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert sorted(str(p) for p in eml.iterdir()) == stdout.split() and not (eml / "earlier.eml").exists()
