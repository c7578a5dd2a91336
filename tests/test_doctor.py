"""`reports doctor` against real servers: a good set-up passes; each broken part is named."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import email_config, free_port
from tests.test_feeds import Site, serve_news, site  # noqa: F401 (the local HTTP server fixture)

DAY = "2026-11-25"


def snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns) for p in folder.rglob("*")}


def doctor(cli, *args: str) -> tuple[int, dict[str, dict]]:
    result = cli("doctor", "--json", *args)
    data = json.loads(result.stdout)
    assert data["ok"] == (result.exit_code == 0)
    return result.exit_code, {check["name"]: check for check in data["checks"]}


def failed(checks: dict[str, dict]) -> dict[str, str]:
    return {name: f"{c['detail']} -- {c['fix']}" for name, c in checks.items() if not c["ok"]}


def good_setup(project: Path, cli, port: int, site: Site, **email: object) -> Path:
    if not (project / "out").exists():
        assert cli("run", "--workers", "1", "--date", DAY).exit_code == 0  # a ledger to check
    serve_news(site)
    config = email_config(project, port, enabled=True, **email)
    with config.open("a") as toml:
        toml.write(f'[schedule]\ntimezone = "Europe/London"\ndigest_at = ["07:00", "18:30"]\n')
        toml.write(f'[[feeds]]\nurl = "{site.url("/feed.xml")}"\nname = "news"\n')
    return config


def test_a_good_setup_passes_and_nothing_is_changed_or_sent(project: Path, cli, smtp_servers, smtp_password, site):
    server = smtp_servers()
    good_setup(project, cli, server.port, site)
    before = snapshot(project)
    code, checks = doctor(cli)
    assert code == 0, failed(checks)
    assert list(checks) == [
        "config", "templates", "fonts", "subsetting", "inbox", "out", "ledger", "schedule", "feed news", "email",
    ]
    assert "integrity ok, 1 articles" in checks["ledger"]["detail"]
    assert "Europe/London" in checks["schedule"]["detail"] and "next digest" in checks["schedule"]["detail"]
    assert "logged in as briefings" in checks["email"]["detail"]
    assert server.messages == [] and server.inbox.rcpt_attempts == 0  # no message sent
    assert site.hits["/feed.xml"] == 1 and site.hits["/macron.html"] == site.hits["/bridge.html"] == 0
    assert snapshot(project) == before  # no file made, changed or removed
    text = cli("doctor")
    assert text.exit_code == 0 and all(line.startswith("ok") for line in text.stdout.splitlines())


def test_a_wrong_password_is_named(project: Path, cli, smtp_servers, smtp_password, site):
    server = smtp_servers(password="the-server-expects-another")
    good_setup(project, cli, server.port, site)
    code, checks = doctor(cli)
    assert code == 1 and list(failed(checks)) == ["email"]
    assert "login as 'briefings' refused: 535" in checks["email"]["detail"]
    assert "REPORTS_SMTP_PASSWORD" in checks["email"]["fix"]
    assert smtp_password not in json.dumps(checks)


def test_an_unreachable_host_is_named(project: Path, cli, smtp_password, site):
    good_setup(project, cli, 587, site, host="smtp.nonexistent.invalid")
    code, checks = doctor(cli)
    assert code == 1 and list(failed(checks)) == ["email"]
    assert checks["email"]["detail"] == "cannot reach smtp.nonexistent.invalid:587 (name not found)"
    assert "email.host" in checks["email"]["fix"]
    closed = free_port()
    good_setup(project, cli, closed, site)
    assert doctor(cli)[1]["email"]["detail"] == f"cannot reach 127.0.0.1:{closed} (connection refused)"


def test_a_template_error_is_named_with_its_line(project: Path, cli):
    (project / "templates").mkdir()
    (project / "templates" / "briefing.html").write_text(
        '{% extends "default/briefing.html" %}\n{% block summary %}\n{{ analysis.nonexistent.field }}\n{% endblock %}\n'
    )
    code, checks = doctor(cli)
    assert code == 1 and list(failed(checks)) == ["templates"]
    assert "briefing.html, line 3" in checks["templates"]["detail"] and "nonexistent" in checks["templates"]["detail"]


def test_an_unwritable_folder_is_named(project: Path, cli):
    # /sys refuses new files even to root, where a chmod would not.
    (project / "reports.toml").write_text('[paths]\nout = "/sys/reports-out"\n')
    code, checks = doctor(cli)
    assert code == 1 and list(failed(checks)) == ["out"]
    assert "/sys is not writable" in checks["out"]["detail"] and "paths.out" in checks["out"]["fix"]


def test_a_missing_font_is_named(project: Path, cli):
    (project / "templates").mkdir()
    (project / "templates" / "briefing.css").write_text(
        'html { font-family: "Nonesuch Grotesk", "Nonesuch Serif"; }\n'
    )
    code, checks = doctor(cli)
    assert "fonts" in failed(checks)
    assert '"Nonesuch Grotesk", "Nonesuch Serif"' in checks["fonts"]["detail"]
    assert "fc-list" in checks["fonts"]["fix"]


def test_a_config_error_is_one_failed_line(project: Path, cli):
    (project / "reports.toml").write_text("[paths]\nwrong = 1\n")
    result = cli("doctor")
    assert result.exit_code == 1 and result.stdout.startswith("FAIL  config") and "paths.wrong" in result.stdout


def test_an_unreachable_dask_scheduler_is_named(project: Path, cli):
    address = f"tcp://127.0.0.1:{free_port()}"
    (project / "reports.toml").write_text(f'[cluster]\naddress = "{address}"\n')
    code, checks = doctor(cli)
    assert code == 1 and list(failed(checks)) == ["dask"]
    assert f"cannot reach the scheduler at {address}" in checks["dask"]["detail"]


def test_a_feed_that_does_not_answer_is_named(project: Path, cli, smtp_servers, smtp_password, site):
    server = smtp_servers()
    good_setup(project, cli, server.port, site)
    del site.resources["/feed.xml"]
    code, checks = doctor(cli)
    assert code == 1 and list(failed(checks)) == ["feed news"]
    assert "HTTP 404" in checks["feed news"]["detail"]


def test_starttls_is_checked_with_the_certificate_it_trusts(project: Path, cli, smtp_servers, smtp_password, site):
    from tests.conftest import self_signed_cert

    cert = self_signed_cert(project)
    server = smtp_servers(tls="starttls", cert=cert)
    good_setup(project, cli, server.port, site, security="starttls")
    code, checks = doctor(cli)
    assert code == 1 and list(failed(checks)) == ["email"]
    assert "TLS failed" in checks["email"]["detail"] and "CERTIFICATE_VERIFY_FAILED" in checks["email"]["detail"]
    assert "email.ca_file" in checks["email"]["fix"]
    good_setup(project, cli, server.port, site, security="starttls", ca_file=str(cert[0]))
    code, checks = doctor(cli)
    assert code == 0, failed(checks)
    assert "starttls, logged in as briefings" in checks["email"]["detail"] and server.messages == []


def test_a_server_that_never_answers_is_said_to_time_out(project: Path, cli, smtp_password, site):
    import socket

    with socket.socket() as silent:  # takes the connection (the backlog), never says a word
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        good_setup(project, cli, port, site, timeout=1)
        code, checks = doctor(cli)
    assert code == 1 and checks["email"]["detail"] == f"cannot reach 127.0.0.1:{port} (timed out after 1 s)"
