"""Inbox traps, a stale manifest, names shown to a person: each trap is one clear failure."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import run_json

DAY = "2026-11-25"
GOOD = "A good article about the harbour. The council met on Monday. It rained all day.\n"


def _reasons(report: dict) -> dict[str, str]:
    return {Path(f["source"]).name: f["reason"] for f in report["failed"]}


def test_deeply_nested_json_is_one_failure(project: Path, cli):
    inbox = project / "seeds"
    (inbox / "good.txt").write_text(GOOD)
    (inbox / "n.json").write_text("[" * 100_000 + "]" * 100_000)
    good_line = json.dumps({"id": "ok", "text": "Another story. The mayor spoke at noon. Nobody listened."})
    (inbox / "n.jsonl").write_text(good_line + "\n" + "[" * 100_000 + "]" * 100_000 + "\n")
    code, report = run_json(cli, "--date", DAY)
    assert code == 1
    reasons = {f["source"]: f["reason"] for f in report["failed"]}
    assert "nested too deeply" in reasons["seeds/n.json"]
    assert "n.jsonl:2: JSON nested too deeply" in reasons["seeds/n.jsonl"]
    rendered = {n["source"] for n in report["new"]}
    assert {"seeds/good.txt", "seeds/n.jsonl:1"} <= rendered


def test_fifo_socket_and_link_loop_are_failures_and_never_hang(project: Path):
    import socket

    inbox = project / "seeds"
    (inbox / "good.txt").write_text(GOOD)
    os.mkfifo(inbox / ".p")
    (inbox / "x.txt").symlink_to(".p")  # a link to a hidden FIFO
    os.mkfifo(inbox / "fifo.txt")
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(inbox / "sock.txt"))
    (inbox / "loop.txt").symlink_to("loop.txt")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "reports.cli", "run", "--json", "--workers", "1", "--date", DAY],
            cwd=project, capture_output=True, text=True, timeout=60,
        )
    finally:
        server.close()
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    reasons = _reasons(json.loads(result.stdout))
    assert "not a regular file" in reasons["x.txt"]
    assert "not a regular file" in reasons["fifo.txt"]
    assert "not a regular file" in reasons["sock.txt"]
    assert "loop" in reasons["loop.txt"]
    assert any(n["source"] == "seeds/good.txt" for n in json.loads(result.stdout)["new"])


def test_names_are_escaped_on_stderr_and_in_status(project: Path, cli):
    inbox = project / "seeds"
    (inbox / "evil\nfailed: forged.txt").write_text("")
    (inbox / "title\x1b]0;pwned\x07.txt").write_text("")
    result = cli("run", "--workers", "1", "--date", DAY)
    assert result.exit_code == 1
    for text in (result.stderr, cli("status").stdout):
        lines = [line for line in text.splitlines() if line.startswith("failed:")]
        assert len(lines) == 2, text
        assert "\x1b" not in text and "\x07" not in text
        assert "\\n" in text and "\\x1b" in text


def test_a_stale_manifest_is_rebuilt_from_the_ledger(project: Path, cli):
    """As after a kill between the ledger write and the manifest rewrite."""
    inbox = project / "seeds"
    (inbox / "good.txt").write_text(GOOD)
    code, report = run_json(cli, "--date", DAY)
    manifest = project / "out" / DAY / "manifest.json"
    whole = json.loads(manifest.read_text())
    assert len(whole["articles"]) == 2
    stale = dict(whole, articles=whole["articles"][:1])
    manifest.write_text(json.dumps(stale))
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and not report["new"]
    assert json.loads(manifest.read_text())["articles"] == whole["articles"]


def _full_disk() -> None:
    """RLIMIT_FSIZE: any write that grows a file fails with EFBIG, as on a full disk."""
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (1, 1))


def test_status_works_on_a_full_disk(project: Path):
    subprocess.run(
        [sys.executable, "-m", "reports.cli", "run", "--workers", "1", "--date", DAY],
        cwd=project, check=True, capture_output=True,
    )
    result = subprocess.run(
        [sys.executable, "-m", "reports.cli", "status", "--json"],
        cwd=project, capture_output=True, text=True, preexec_fn=_full_disk, timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["articles"]["rendered"] == 1


def test_run_json_prints_json_on_a_full_disk(project: Path):
    subprocess.run(
        [sys.executable, "-m", "reports.cli", "run", "--workers", "1", "--date", DAY],
        cwd=project, check=True, capture_output=True,
    )
    (project / "seeds" / "new.txt").write_text(GOOD)
    result = subprocess.run(
        [sys.executable, "-m", "reports.cli", "run", "--json", "--workers", "1", "--date", DAY],
        cwd=project, capture_output=True, text=True, preexec_fn=_full_disk, timeout=60,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert json.loads(result.stdout)["aborted"]


def test_the_wal_stays_small_during_a_long_run(tmp_path: Path):
    from reports.ledger import LEDGER_NAME, Ledger

    analysis = json.dumps({"text": "x" * 200_000})  # about what one article writes
    with Ledger.open(tmp_path) as ledger:
        for i in range(40):
            ledger.record_rendered(
                f"k{i}", article_id=str(i), source="s", run_date=DAY, title="t", outputs=[f"{i}.pdf"],
                analysis=analysis,
            )
        wal = (tmp_path / (LEDGER_NAME + "-wal")).stat().st_size
    assert wal < 3_000_000, wal


def test_a_disk_full_stop_never_leaves_a_briefed_article_out_of_the_duplicate_index(project: Path, cli):
    import sqlite3

    run_json(cli, "--date", DAY)  # the ledger exists
    db = sqlite3.connect(project / "out" / "ledger.sqlite3", isolation_level=None)
    # The disk fills just as the text is indexed, after the article was recorded.
    db.execute("CREATE TRIGGER full BEFORE INSERT ON texts BEGIN SELECT RAISE(FAIL, 'database or disk is full'); END")
    (project / "seeds" / "story.txt").write_text(GOOD)
    code, report = run_json(cli, "--date", DAY)
    assert code == 1 and report["aborted"]
    db.execute("DROP TRIGGER full")
    db.close()
    code, report = run_json(cli, "--date", DAY)
    assert [n["source"] for n in report["new"]] == ["seeds/story.txt"]
    (project / "seeds" / "copy.txt").write_text(GOOD)  # the same text under another name
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and not report["new"]


def test_status_says_when_the_last_run_did_not_finish(project: Path, cli):
    import sqlite3

    run_json(cli, "--date", DAY)
    assert "not finished" not in cli("status").stdout
    db = sqlite3.connect(project / "out" / "ledger.sqlite3", isolation_level=None)
    db.execute("INSERT INTO runs (started, run_date) VALUES ('2026-11-25T10:00:00+00:00', ?)", (DAY,))  # as a kill leaves it
    db.close()
    assert "not finished" in cli("status").stdout


# --- a refusal our own [email] settings caused --------------------------------------------


def _mail_config(project: Path, port: int, cert: Path, *, fixed: bool, enabled: bool = False, daemon: bool = False) -> None:
    """security "none" against a server that requires STARTTLS (530), or the fixed settings."""
    lines = [
        "[email]", f"enabled = {json.dumps(enabled)}", 'host = "127.0.0.1"', f"port = {port}",
        'sender = "Briefings <briefings@example.org>"', 'recipients = ["desk@example.org"]', 'attach = "digest"',
        "timeout = 5",
    ]
    if fixed:
        lines += ['security = "starttls"', f"ca_file = {json.dumps(str(cert))}", 'username = "briefings"']
    else:
        lines += ['security = "none"']
    if daemon:
        lines += ["[schedule]", 'timezone = "UTC"', "scan_seconds = 1", 'digest_at = ["23:59"]']
    (project / "reports.toml").write_text("\n".join(lines) + "\n")


def _send_rows(project: Path) -> list[tuple]:
    import sqlite3

    db = sqlite3.connect(project / "out" / "ledger.sqlite3")
    return db.execute("SELECT status, attempts, error FROM sends").fetchall()


def _refused_by_our_settings(project: Path, cli, smtp_servers):
    from tests.conftest import self_signed_cert

    cert = self_signed_cert(project)
    server = smtp_servers(tls="starttls", cert=cert)
    _mail_config(project, server.port, cert[0], fixed=False)
    result = cli("run", "--json", "--workers", "1", "--date", DAY, "--email")
    assert result.exit_code == 1 and "530" in result.stderr, result.stderr
    ((status, attempts, error),) = _send_rows(project)
    assert (status, attempts) == ("failed", 1) and "STARTTLS" in error
    again = cli("run", "--json", "--workers", "1", "--date", DAY, "--email")  # same settings: not retried
    assert again.exit_code == 1 and _send_rows(project)[0][:2] == ("failed", 1)
    return server, cert


def test_a_refusal_caused_by_our_settings_is_retried_by_run_once_they_change(project: Path, cli, smtp_servers, smtp_password):
    server, cert = _refused_by_our_settings(project, cli, smtp_servers)
    _mail_config(project, server.port, cert[0], fixed=True)
    result = cli("run", "--json", "--workers", "1", "--date", DAY, "--email")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["emails_sent"] == 1 and len(server.messages) == 1
    assert _send_rows(project)[0][:2] == ("sent", 2)
    cli("run", "--json", "--workers", "1", "--date", DAY, "--email")
    assert len(server.messages) == 1  # sent once


def test_a_refusal_caused_by_our_settings_is_retried_by_the_daemon_once_they_change(project: Path, cli, smtp_servers):
    server, cert = _refused_by_our_settings(project, cli, smtp_servers)
    _mail_config(project, server.port, cert[0], fixed=True, enabled=True, daemon=True)
    from tests.conftest import SMTP_PASSWORD

    daemon = subprocess.Popen(
        [sys.executable, "-m", "reports.cli", "daemon", "--config", "reports.toml"], cwd=project,
        env={**os.environ, "REPORTS_SMTP_PASSWORD": SMTP_PASSWORD}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        _wait(lambda: server.messages, 40)
    finally:
        daemon.terminate()
        _, stderr = daemon.communicate(timeout=60)
    assert daemon.returncode == 0 and "Traceback" not in stderr, stderr
    assert len(server.messages) == 1 and _send_rows(project)[0][:2] == ("sent", 2)


def _wait(condition, timeout: float) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_the_ledger_records_the_send_before_the_goodbye(project: Path, cli, smtp_servers, smtp_password):
    """The at-least-once gap is only the ledger write: by the client's QUIT it is recorded."""
    import sqlite3

    from tests.conftest import email_config

    server = smtp_servers()
    seen_at_quit: list[list[str]] = []

    async def handle_QUIT(smtp, session, envelope):  # noqa: N802 (aiosmtpd's name)
        db = sqlite3.connect(project / "out" / "ledger.sqlite3")
        seen_at_quit.append([status for (status,) in db.execute("SELECT status FROM sends")])
        db.close()
        return "221 Bye"

    server.inbox.handle_QUIT = handle_QUIT
    email_config(project, server.port)
    result = cli("run", "--json", "--workers", "1", "--date", DAY, "--email")
    assert result.exit_code == 0 and len(server.messages) == 1, result.stderr
    assert seen_at_quit == [["sent"]]


# --- a huge one-line file; text with no sentence ends ------------------------------------


def test_text_with_no_sentence_ends_is_not_measurable_in_json_and_in_the_pdf(project: Path, cli):
    from tests.conftest import pdf_text

    words = "the council met on monday and the mayor spoke about the harbour "
    (project / "seeds" / "dump.txt").write_text((words * 300).strip() + "\n")
    result = cli("analyze", "seeds/dump.txt")
    assert result.exit_code == 0, result.stderr
    readability = json.loads(result.stdout)["readability"]
    assert readability["flesch_reading_ease"] is None and readability["text_standard"] is None
    assert readability["words"] == 3600 and "no sentence ends" in readability["not_measurable"]
    code, report = run_json(cli, "--date", DAY)
    (pdf,) = [n["pdf"] for n in report["new"] if n["source"] == "seeds/dump.txt"]
    assert "Not measurable" in pdf_text(Path(pdf))
    # An article with sentences is still measured.
    from tests.conftest import SEED

    seed = json.loads(cli("analyze", str(SEED)).stdout)
    assert isinstance(seed["readability"]["flesch_reading_ease"], float) and seed["readability"]["not_measurable"] is None


def test_a_huge_one_line_file_is_analysed_from_its_start_with_a_note(project: Path, cli):
    from reports.analysis import MAX_TEXT_CHARS
    from tests.conftest import pdf_text

    sentence = "The council met on Monday and the mayor spoke about the harbour. "
    (project / "seeds" / "huge.txt").write_text(sentence * (3 * MAX_TEXT_CHARS // len(sentence)))
    result = cli("analyze", "seeds/huge.txt")
    assert result.exit_code == 0, result.stderr
    analysis = json.loads(result.stdout)
    total = len(sentence.strip()) + (3 * MAX_TEXT_CHARS // len(sentence) - 1) * len(sentence)
    assert "only its first" in analysis["note"] and f"of {total:,} characters" in analysis["note"]
    assert analysis["readability"]["words"] < 1.1 * MAX_TEXT_CHARS / len(sentence) * 12
    code, report = run_json(cli, "--date", DAY)
    assert code == 0
    (pdf,) = [n["pdf"] for n in report["new"] if n["source"] == "seeds/huge.txt"]
    assert "only its first" in pdf_text(Path(pdf))


# --- the whole hostile inbox: a run, then the daemon ---------------------------------------


def _hostile(project: Path, outside: Path) -> dict[str, str | None]:
    """Every trap of issue 17 and the older ones beside good articles: name -> the expected
    reason (None: must be briefed)."""
    import socket

    from tests.test_robustness import hostile_inbox

    inbox = project / "seeds"
    expected = hostile_inbox(inbox, outside)
    (inbox / "good.txt").write_text(GOOD)
    (inbox / "n.json").write_text("[" * 100_000 + "]" * 100_000)
    (inbox / "n.jsonl").write_text("[" * 100_000 + "]" * 100_000 + "\n")
    os.mkfifo(inbox / ".p")
    (inbox / "x.txt").symlink_to(".p")
    os.mkfifo(inbox / "fifo.txt")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(inbox / "sock.txt"))
    (inbox / "loop.txt").symlink_to("loop.txt")
    (inbox / "evil\nfailed: forged.txt").write_text("")
    (inbox / "title\x1b]0;pwned\x07.txt").write_text("")
    (inbox / "one-line.txt").write_text("word " * 400_000)  # 2 MB, no sentence end
    expected.update({
        "good.txt": None, "n.json": "nested too deeply", "n.jsonl": "nested too deeply",
        "x.txt": "not a regular file", "fifo.txt": "not a regular file", "sock.txt": "not a regular file",
        "loop.txt": "loop of symbolic links", "evil\nfailed: forged.txt": "empty", "title\x1b]0;pwned\x07.txt": "empty",
        "one-line.txt": None,
    })
    return expected


_RAW_CONTROL = [chr(c) for c in range(32) if chr(c) != "\n"] + ["\x7f"]


def test_a_hostile_inbox_run_briefs_the_good_and_fails_each_trap_once(project: Path, tmp_path_factory):
    import re

    expected = _hostile(project, tmp_path_factory.mktemp("elsewhere") / "outside.txt")
    result = subprocess.run(
        [sys.executable, "-m", "reports.cli", "run", "--json", "--workers", "2", "--date", DAY],
        cwd=project, capture_output=True, text=True, timeout=300,  # ends by itself: no FIFO waits
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not [c for c in _RAW_CONTROL if c in result.stderr], repr(result.stderr)
    report = json.loads(result.stdout)
    failures: dict[str, list[str]] = {}
    for failure in report["failed"]:
        failures.setdefault(Path(re.sub(r":\d+$", "", failure["source"])).name, []).append(failure["reason"])
    briefed = {Path(re.sub(r":\d+$", "", n["source"])).name for n in report["new"]}
    for name, reason in expected.items():
        if reason is None:
            assert name in briefed and name not in failures, (name, failures.get(name))
        else:
            assert len(failures.get(name, [])) == 1 and reason in failures[name][0], (name, failures.get(name))
    assert set(failures) == {name for name, reason in expected.items() if reason}
    # One stderr line per failure: a name with a newline forges none.
    assert len([line for line in result.stderr.splitlines() if line.startswith("failed:")]) == len(report["failed"])


def test_the_daemon_on_a_hostile_inbox_keeps_scanning_says_what_it_does_and_stops_on_sigterm(
    project: Path, tmp_path_factory
):
    from datetime import datetime

    _hostile(project, tmp_path_factory.mktemp("elsewhere") / "outside.txt")
    (project / "reports.toml").write_text('[schedule]\nscan_seconds = 1\ndigest_at = ["23:59"]\n')
    heartbeat = project / "out" / ".heartbeat.json"
    daemon = subprocess.Popen(
        [sys.executable, "-m", "reports.cli", "daemon", "--workers", "2"], cwd=project,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    scans: set[str] = set()
    beats: list[dict] = []
    try:
        def scanning() -> bool:
            try:
                beat = json.loads(heartbeat.read_text())
            except (FileNotFoundError, json.JSONDecodeError):
                return False
            beats.append(beat)
            if beat.get("last_scan"):
                scans.add(beat["last_scan"])
            return len(scans) >= 3  # the first scan (which briefs) and two more after it

        _wait(scanning, 180)
    finally:
        daemon.terminate()
        _, stderr = daemon.communicate(timeout=120)
    assert daemon.returncode == 0 and "Traceback" not in stderr, stderr
    assert "first scan" in stderr.split("new briefing(s)")[0]  # said before the first scan's work
    assert "new article(s) to brief" in stderr
    assert "weasyprint.progress" not in stderr
    assert not [c for c in _RAW_CONTROL if c in stderr.replace("\t", "")], repr(stderr)
    for beat in beats:  # while it runs, the next run is never in the past
        assert datetime.fromisoformat(beat["next_run"]) >= datetime.fromisoformat(beat["updated"]), beat
    assert json.loads(heartbeat.read_text())["state"] == "stopped"


# --- a run killed at any moment, then run again --------------------------------------------


def test_a_run_killed_at_any_moment_then_run_again_leaves_manifest_digest_and_ledger_agreeing(project: Path):
    """Real SIGKILLs of a real run: after 1 briefing of a round, after 3, once all its PDFs are
    written (between the ledger and the manifest), and once the manifest is (before the digest)."""
    import signal
    import sqlite3
    import time

    from tests.conftest import pdf_text

    day = project / "out" / DAY
    command = [sys.executable, "-m", "reports.cli", "run", "--workers", "1", "--date", DAY]
    (project / "seeds" / "000_b8909ad496ca7278.txt").unlink()

    def briefings() -> set[str]:
        return {p.name for p in day.glob("*.pdf") if p.name != "digest.pdf"} if day.is_dir() else set()

    def manifest_mtime() -> int:
        path = day / "manifest.json"
        return path.stat().st_mtime_ns if path.exists() else 0

    moments = ("1 briefing", "3 briefings", "all briefings", "the manifest")
    for round_, moment in enumerate(moments):
        for i in range(6):
            name = f"Kiwi{round_}x{i}"
            (project / "seeds" / f"r{round_}-{i}.txt").write_text(
                f"{name} harbour news\n\n{name} docked at the harbour on Monday. The council met. It rained all day.\n"
            )
        before, manifest_before = briefings(), manifest_mtime()
        process = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wanted = {"1 briefing": 1, "3 briefings": 3, "all briefings": 6}.get(moment)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            if wanted is not None and len(briefings() - before) >= wanted:
                break
            if wanted is None and manifest_mtime() != manifest_before:
                break
            time.sleep(0.005)
        assert process.poll() is None, f"the run ended before {moment}: the kill must land mid-run"
        process.send_signal(signal.SIGKILL)
        process.wait()
        again = subprocess.run([*command, "--json"], cwd=project, capture_output=True, text=True, timeout=180)
        assert again.returncode == 0, again.stderr
        db = sqlite3.connect(project / "out" / "ledger.sqlite3")
        ledger = sorted(json.loads(o)[0] for (o,) in db.execute("SELECT outputs FROM articles WHERE status = 'rendered'"))
        db.close()
        listed = sorted(e["pdf"] for e in json.loads((day / "manifest.json").read_text())["articles"])
        on_disk = sorted(f"{DAY}/{name}" for name in briefings())
        assert ledger == listed == on_disk and len(ledger) == 6 * (round_ + 1), moment
        digest = pdf_text(day / "digest.pdf")
        missing = [f"Kiwi{r}x{i}" for r in range(round_ + 1) for i in range(6) if f"Kiwi{r}x{i}" not in digest]
        assert not missing, (moment, missing)
        from tests.engines import assert_readable

        assert_readable(day / "digest.pdf")
