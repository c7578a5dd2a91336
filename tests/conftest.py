"""Shared fixtures: a throw-away project folder with the real seed, and the real CLI."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reports.cli import main

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SEED = SEEDS / "000_b8909ad496ca7278.txt"
DATA = Path(__file__).resolve().parent / "data"
SHARED = REPO.parent / "shared"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with seeds/ holding the seed article; the cwd for the test."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Invoke the real `reports` command in-process."""

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    return invoke


def run_json(cli: Callable[..., Result], *args: str) -> tuple[int, dict]:
    result = cli("run", "--json", "--workers", "1", *args)
    return result.exit_code, json.loads(result.stdout)


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


# --- Real SMTP servers (aiosmtpd on 127.0.0.1) for e-mail and daemon tests ---------------

SMTP_USER = "briefings"
SMTP_PASSWORD = "Tr0ub4dor&3-never-logged"


def free_port() -> int:
    """aiosmtpd's Controller cannot take port 0 (its readiness check connects to it)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpInbox:
    """The server's handler: keeps every accepted message; can refuse recipients with a 550."""

    def __init__(self) -> None:
        self.messages: list = []
        self.rcpt_attempts = 0
        self.refuse = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 (aiosmtpd's name)
        self.rcpt_attempts += 1
        if self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        from email import message_from_bytes
        from email.policy import default

        self.messages.append(message_from_bytes(envelope.content, policy=default))
        return "250 Message accepted for delivery"


class SmtpServer:
    """An aiosmtpd server on 127.0.0.1 that requires AUTH with SMTP_USER / SMTP_PASSWORD."""

    def __init__(self, port: int, *, password: str = SMTP_PASSWORD, tls: str | None = None, cert=None) -> None:
        self.port = port
        self.inbox = SmtpInbox()
        self._password = password
        self._tls = tls
        self._cert = cert
        self._controller = None

    def start(self) -> SmtpServer:
        import ssl

        from aiosmtpd.controller import Controller
        from aiosmtpd.smtp import AuthResult, LoginPassword

        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = (
                isinstance(auth_data, LoginPassword)
                and auth_data.login == SMTP_USER.encode()
                and auth_data.password == self._password.encode()
            )
            return AuthResult(success=ok, handled=False)

        kwargs: dict = {"authenticator": authenticate, "auth_required": True}
        context = None
        if self._cert is not None:
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(self._cert[0], self._cert[1])
        if self._tls == "starttls":
            kwargs.update(tls_context=context, require_starttls=True)
        elif self._tls == "ssl":
            # aiosmtpd only counts STARTTLS as TLS for AUTH; this connection is TLS from the start.
            kwargs.update(ssl_context=context, auth_require_tls=False)
        else:
            kwargs.update(auth_require_tls=False)  # plain AUTH on loopback, in tests only
        self._controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, **kwargs)
        self._controller.start()
        return self

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def messages(self) -> list:
        return self.inbox.messages


@pytest.fixture
def smtp_servers():
    """A factory of started servers, all stopped at the end of the test."""
    started: list[SmtpServer] = []

    def start(port: int | None = None, **kwargs) -> SmtpServer:
        server = SmtpServer(port or free_port(), **kwargs).start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def smtp_password(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("REPORTS_SMTP_PASSWORD", SMTP_PASSWORD)
    return SMTP_PASSWORD


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost, its own CA, made with `cryptography`."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "reports test SMTP")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, False, False, False, False, True, False, False, False), critical=True
        )
        .add_extension(
            x509.SubjectAlternativeName([x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert_path, key_path


def email_config(project: Path, port: int, *, enabled: bool = False, **email: object) -> Path:
    """reports.toml with an [email] section for the test server (plain SMTP + AUTH by default)."""
    values: dict[str, object] = {
        "enabled": enabled, "host": "127.0.0.1", "port": port, "security": "none", "username": SMTP_USER,
        "sender": "Briefings <briefings@example.org>", "recipients": ["desk@example.org"],
        "attach": "both", "timeout": 5, **email,
    }
    lines = ["[email]"] + [f"{key} = {_toml(value)}" for key, value in values.items()]
    path = project / "reports.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _toml(value: object) -> str:
    return json.dumps(value)  # JSON scalars and string lists are valid TOML


def attachments(message) -> dict[str, bytes]:
    return {part.get_filename(): part.get_content() for part in message.iter_attachments()}
