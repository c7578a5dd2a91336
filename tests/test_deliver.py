"""E-mail delivery against real aiosmtpd servers: exactly once, retried, never leaking the password."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, date, datetime
from email import message_from_bytes
from email.policy import default
from pathlib import Path

from reports import deliver
from reports.config import EmailSettings
from tests.conftest import REPO, SMTP_PASSWORD, attachments, email_config, free_port, pdf_text, self_signed_cert

DAY = "2026-11-25"
SEED_TITLE = "French President Emmanuel Macron flies to Moscow"


def run_email(cli, *args: str) -> tuple[int, dict, str]:
    result = cli("run", "--json", "--workers", "1", "--date", DAY, "--email", *args)
    return result.exit_code, json.loads(result.stdout), result.stderr


def sends(project: Path) -> list[tuple]:
    db = sqlite3.connect(project / "out" / "ledger.sqlite3")
    return db.execute("SELECT recipient, status, attempts, message_id, error, next_attempt FROM sends").fetchall()


def test_run_email_delivers_one_message_with_the_pdfs_once(project: Path, cli, smtp_servers, smtp_password):
    server = smtp_servers()
    email_config(project, server.port)
    code, report, _ = run_email(cli)
    assert code == 0 and report["emails_sent"] == 1
    (message,) = server.messages
    files = attachments(message)
    briefing = Path(report["new"][0]["pdf"])
    assert set(files) == {"digest.pdf", briefing.name}
    assert files[briefing.name] == briefing.read_bytes()
    assert message["To"] == "desk@example.org" and message["Subject"] == "Briefings, Wednesday 25 November 2026"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    manifest = json.loads((project / "out" / DAY / "manifest.json").read_text())
    summary = manifest["articles"][0]["summary"][0]
    assert SEED_TITLE in text and summary in text and SEED_TITLE in html
    (row,) = sends(project)
    assert row[:3] == ("desk@example.org", "sent", 1) and row[3] == message["Message-ID"]
    # A re-run, with nothing new, sends nothing.
    code, report, _ = run_email(cli)
    assert (code, report["emails_sent"], len(server.messages)) == (0, 0, 1)


def test_server_down_then_up_delivers_exactly_once(project: Path, cli, smtp_servers, smtp_password):
    port = free_port()
    email_config(project, port)
    code, report, stderr = run_email(cli)
    assert code == 1 and report["emails_sent"] == 0
    assert "e-mail pending: desk@example.org" in stderr
    assert f"cannot reach 127.0.0.1:{port} (connection refused)" in stderr
    assert [Path(n["pdf"]).is_file() for n in report["new"]] == [True]  # the PDFs are kept
    ((recipient, status, attempts, _, error, next_attempt),) = sends(project)
    assert (status, attempts) == ("pending", 1) and next_attempt and "127.0.0.1" in error
    problems = json.loads(cli("status", "--json").stdout)["email_problems"]
    assert problems[0]["status"] == "pending"

    server = smtp_servers(port)
    code, report, _ = run_email(cli)
    assert (code, report["new"], report["emails_sent"], len(server.messages)) == (0, [], 1, 1)
    code, report, _ = run_email(cli)
    assert (code, report["emails_sent"], len(server.messages)) == (0, 0, 1)
    assert [s[1] for s in sends(project)] == ["sent"]


def test_starttls_and_ssl_verify_the_servers_certificate(project: Path, cli, smtp_servers, smtp_password):
    cert = self_signed_cert(project)
    starttls = smtp_servers(tls="starttls", cert=cert)
    email_config(project, starttls.port, security="starttls")
    code, _, stderr = run_email(cli)
    assert code == 1 and "CERTIFICATE_VERIFY_FAILED" in stderr  # not trusted until ca_file says so
    email_config(project, starttls.port, security="starttls", ca_file=str(cert[0]))
    code, report, _ = run_email(cli)
    assert (code, report["emails_sent"], len(starttls.messages)) == (0, 1, 1)

    implicit = smtp_servers(tls="ssl", cert=cert)
    email_config(project, implicit.port, security="ssl", ca_file=str(cert[0]), recipients=["night@example.org"])
    code, report, _ = run_email(cli)
    assert (code, report["emails_sent"], len(implicit.messages)) == (0, 1, 1), _
    assert implicit.messages[0]["To"] == "night@example.org"


def test_the_password_never_appears_in_output_logs_or_ledger(project: Path, cli, smtp_servers, smtp_password, caplog):
    server = smtp_servers(password="the-server-expects-another")
    email_config(project, server.port)
    code, report, stderr = run_email(cli)
    assert code == 1 and server.messages == []
    assert "535" in stderr  # the server's refusal is reported...
    status = cli("status").stdout + cli("status", "--json").stdout
    dump = "\n".join(sqlite3.connect(project / "out" / "ledger.sqlite3").iterdump())
    seen = [stderr, json.dumps(report), caplog.text, status, dump, repr(deliver.SmtpMailer(EmailSettings(), SMTP_PASSWORD))]
    assert all(SMTP_PASSWORD not in text for text in seen)  # ...never what was sent
    assert "535" in dump and "pending" in dump  # a bad login is the config's fault: kept for a retry


def test_a_missing_password_costs_the_email_not_the_briefings(project: Path, cli, monkeypatch):
    monkeypatch.delenv("REPORTS_SMTP_PASSWORD", raising=False)
    email_config(project, free_port(), enabled=True)
    (project / "seeds" / "second.txt").write_text("A second title\n\nThe board met on Monday and agreed the plan.\n")
    result = cli("run", "--json", "--workers", "1", "--date", DAY)
    report = json.loads(result.stdout)
    assert result.exit_code == 1 and len(report["new"]) == 2 and report["failed"] == []  # all briefed
    (line,) = [line for line in result.stderr.splitlines() if "REPORTS_SMTP_PASSWORD" in line]  # said once
    assert line.startswith("e-mail not sent") and "is not set" in line and "set it" in line  # with the fix
    assert "REPORTS_SMTP_PASSWORD" in report["email_error"] and report["emails_sent"] == 0
    # `reports email` on its own is still refused as a configuration error.
    assert cli("email", "--date", DAY).exit_code == 2


def test_an_unknown_host_is_said_in_plain_words(project: Path, cli, smtp_password):
    email_config(project, 587, host="smtp.nonexistent.invalid")
    code, report, stderr = run_email(cli)
    assert code == 1 and len(report["new"]) == 1
    assert "cannot reach smtp.nonexistent.invalid:587 (name not found)" in stderr
    assert "gaierror" not in stderr and "Errno" not in stderr


def test_a_refused_message_fails_for_good_until_sent_on_purpose(project: Path, cli, smtp_servers, smtp_password):
    server = smtp_servers()
    server.inbox.refuse = True
    email_config(project, server.port)
    code, _, stderr = run_email(cli)
    assert code == 1 and "e-mail failed: desk@example.org" in stderr and "550" in stderr
    attempts = server.inbox.rcpt_attempts
    code, _, _ = run_email(cli)
    assert code == 1 and server.inbox.rcpt_attempts == attempts  # a 5xx is not retried by itself
    server.inbox.refuse = False
    result = cli("email", "--date", DAY)
    assert result.exit_code == 0 and len(server.messages) == 1
    ((_, status, _, message_id, _, _),) = sends(project)
    assert status == "sent" and message_id == server.messages[0]["Message-ID"]
    # On purpose again: a second copy, with its own Message-ID so receivers do not drop it.
    assert cli("email", "--date", DAY).exit_code == 0
    assert len(server.messages) == 2 and server.messages[0]["Message-ID"] != server.messages[1]["Message-ID"]


def test_a_large_set_is_split_over_several_messages(project: Path, cli, smtp_servers, smtp_password):
    server = smtp_servers()
    email_config(project, server.port, max_bytes=10_000)
    code, report, _ = run_email(cli)
    assert code == 0 and report["emails_sent"] == 2
    subjects = sorted(m["Subject"] for m in server.messages)
    assert subjects == [f"Briefings, Wednesday 25 November 2026 (part {i} of 2)" for i in (1, 2)]
    names = [name for m in server.messages for name in attachments(m)]
    assert sorted(names) == sorted(["digest.pdf", Path(report["new"][0]["pdf"]).name])
    assert run_email(cli)[1]["emails_sent"] == 0


def test_dry_run_writes_eml_files_and_records_nothing(project: Path, cli):
    email_config(project, free_port(), attach="digest")
    assert cli("run", "--workers", "1", "--date", DAY).exit_code == 0
    result = cli("email", "--date", DAY, "--dry-run")
    assert result.exit_code == 0
    (path,) = [Path(line) for line in result.stdout.splitlines()]
    assert path.parent == project / "out" / DAY / "eml" and path.suffix == ".eml"
    message = message_from_bytes(path.read_bytes(), policy=default)
    digest = attachments(message)["digest.pdf"]
    (project / "check.pdf").write_bytes(digest)
    assert "Contents" in pdf_text(project / "check.pdf") or SEED_TITLE in pdf_text(project / "check.pdf")
    assert sends(project) == []


def test_a_second_dry_run_replaces_the_first_ones_eml_files(project: Path, cli):
    email_config(project, free_port(), attach="digest")
    assert cli("run", "--workers", "1", "--date", DAY).exit_code == 0
    first = cli("email", "--date", DAY, "--dry-run").stdout.split()
    second = cli("email", "--date", DAY, "--dry-run").stdout.split()
    assert len(first) == len(second) == 1
    assert sorted(str(p) for p in (project / "out" / DAY / "eml").iterdir()) == second


def test_split_keys_and_message_ids_are_stable():
    small = [deliver.Attachment(f"{i}.pdf", b"x" * 3000, f"{i}") for i in range(5)]
    assert [len(g) for g in deliver.split(small, 100_000)] == [5]
    big = deliver.Attachment("big.pdf", b"x" * 200_000, "big")
    assert [[a.filename for a in g] for g in deliver.split([small[0], big, small[1]], 100_000)] == [
        ["0.pdf"], ["big.pdf"], ["1.pdf"],  # too big for any message: it goes alone
    ]
    key = deliver.send_key(date(2026, 11, 25), "Desk@Example.org", small)
    assert key == deliver.send_key(date(2026, 11, 25), "desk@example.org", list(reversed(small)))
    assert key != deliver.send_key(date(2026, 11, 25), "desk@example.org", small[:4])
    assert key != deliver.send_key(date(2026, 11, 26), "desk@example.org", small)
    sender = "Briefings <briefings@example.org>"
    assert deliver.message_id(key, sender) == deliver.message_id(key, sender) == f"<briefings.{key[:32]}@example.org>"


def test_compose_escapes_the_article_text_in_html():
    message = deliver.compose(
        sender="a@example.org", recipient="b@example.org", run_date=date(2026, 11, 25),
        headlines=[deliver.Headline("<script>alert(1)</script> & co", "Says \"hi\" <b>")],
        attachments=[deliver.Attachment("x.pdf", b"%PDF-1.7", "x")], message_id="<m@example.org>",
        when=datetime(2026, 11, 25, 7, tzinfo=UTC),
    )
    html = message.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<script>alert(1)</script> & co" in message.get_body(("plain",)).get_content()


def test_the_crontab_example_runs_and_delivers_once(project: Path, smtp_servers):
    """examples/crontab, as the README quotes it, with its folder and venv pointed at this test's."""
    server = smtp_servers()
    email_config(project, server.port)
    env, commands = _crontab(REPO / "examples" / "crontab")
    env = {key: value.replace("/srv/briefings/.venv/bin", str(Path(sys.executable).parent)) for key, value in env.items()}
    env["REPORTS_SMTP_PASSWORD"] = SMTP_PASSWORD
    scan, mail = (cmd.replace("/srv/briefings", str(project)) for cmd in commands)
    assert "--no-email" in scan and "--email" in mail.replace("--no-email", "")

    def cron(command: str) -> int:
        return subprocess.run(["/bin/sh", "-c", command], env=env, cwd="/", timeout=120).returncode

    assert cron(scan) == 0 and list((project / "out").glob("*/*.pdf")) and server.messages == []
    assert cron(mail) == 0 and len(server.messages) == 1
    assert cron(mail) == 0 and len(server.messages) == 1  # the next day's line would send the next day
    assert "Traceback" not in (project / "cron.log").read_text()


def _crontab(path: Path) -> tuple[dict[str, str], list[str]]:
    """The environment lines and the commands of a crontab file."""
    env = {"HOME": os.environ.get("HOME", "/root"), "LANG": "C.UTF-8"}
    commands = []
    for line in path.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, eq, value = line.partition("=")
        if eq and " " not in name:
            env[name] = value
        else:
            commands.append(line.split(None, 5)[5])  # after minute, hour, day, month, weekday
    return env, commands


def test_the_password_is_starred_as_a_whole_value_not_inside_other_words(project: Path, cli, smtp_servers, monkeypatch):
    server = smtp_servers(password="the-server-expects-another")
    monkeypatch.setenv("REPORTS_SMTP_PASSWORD", "o")  # a letter of "localhost" and "connection"
    email_config(project, server.port, host="localhost")
    code, _, stderr = run_email(cli)
    assert code == 1 and "535" in stderr
    assert f"localhost:{server.port}" in stderr and "***" not in stderr
    mailer = deliver.SmtpMailer(EmailSettings(username="briefings"), "o")
    assert mailer._scrub('password "o" refused; auth=o, then o.') == 'password "***" refused; auth=***, then ***.'


def test_dry_run_lists_the_headlines_in_the_digests_order(project: Path, cli):
    config = email_config(project, free_port(), attach="digest")
    with config.open("a") as file:  # the second article's section comes first in the digest
        file.write('[[sections]]\nname = "Boards"\nmatch = { keywords = ["board"] }\n')
    (project / "seeds" / "second.txt").write_text("A second title\n\nThe board met on Monday and agreed the plan.\n")
    assert cli("run", "--workers", "1", "--date", DAY).exit_code == 0
    manifest = json.loads((project / "out" / DAY / "manifest.json").read_text())
    assert [a["title"] for a in manifest["articles"]][0].startswith(SEED_TITLE)  # briefed first
    (path,) = cli("email", "--date", DAY, "--dry-run").stdout.split()
    body = message_from_bytes(Path(path).read_bytes(), policy=default).get_body(("plain",)).get_content()
    assert 0 <= body.index("A second title") < body.index(SEED_TITLE)
