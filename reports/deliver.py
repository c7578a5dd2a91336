"""E-mail: compose() a day's message (pure), and a Mailer that sends it.

    Mailer.send(msg)        the one seam
    ├── SmtpMailer          smtplib: starttls | ssl | none, AUTH when a username is set
    └── EmlFolderMailer     writes <folder>/<message-id>.eml instead (`reports email --dry-run`)

A message is identified by (date, recipient, attachment set): `send_key` hashes the three and
`message_id` is made from the key, so the rare duplicate (a crash between the server's 250
and the ledger's record of it) carries the same Message-ID and a receiver can drop it.
A failed send raises SendError: transient (refused connection, timeout, 4xx, bad login) keeps
the message pending; `permanent` (a 5xx refusal of the message or the recipient) does not.
The password is kept out of reprs and scrubbed, with its base64 forms, from every error.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
import smtplib
import socket
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from typing import Protocol

from reports import outputs
from reports.config import EmailSettings, Settings
from reports.errors import ConfigError, SendError

# base64 grows a file by 4/3, plus a line break every 76 characters; headers and bodies aside.
_BODY_ALLOWANCE = 64_000


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes = field(repr=False)
    identity: str  # what makes two attachments the same: name and content hash


@dataclass(frozen=True)
class Headline:
    title: str
    summary: str


def identity(filename: str, data: bytes) -> str:
    return f"{filename}:{hashlib.sha256(data).hexdigest()}"


def encoded_size(attachment: Attachment) -> int:
    encoded = (len(attachment.data) + 2) // 3 * 4
    return encoded + encoded // 76 * 2 + 500


def split(attachments: Sequence[Attachment], max_bytes: int) -> list[tuple[Attachment, ...]]:
    """Attachments in order, grouped into messages of at most `max_bytes` each.

    A file too big for any message goes alone: the server decides whether it takes it."""
    groups: list[tuple[Attachment, ...]] = []
    current: list[Attachment] = []
    size = _BODY_ALLOWANCE
    for attachment in attachments:
        cost = encoded_size(attachment)
        if current and size + cost > max_bytes:
            groups.append(tuple(current))
            current, size = [], _BODY_ALLOWANCE
        current.append(attachment)
        size += cost
    if current:
        groups.append(tuple(current))
    return groups


def send_key(run_date: date, recipient: str, attachments: Sequence[Attachment]) -> str:
    parts = [run_date.isoformat(), recipient.strip().lower(), *sorted(a.identity for a in attachments)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def settings_fingerprint(email: EmailSettings) -> str:
    """What a refusal could be the settings' fault for: the server, how we talk to it, who we
    log in and send as. Stored with a refused message; when it changes, the message is tried again.
    The password itself is not in it (not even hashed): a bad login already stays pending."""
    parts = [email.host, str(email.port), email.security, email.username or "", email.password_env,
             email.sender, email.ca_file or ""]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def message_id(key: str, sender: str, resend: int = 0) -> str:
    """Deterministic per message; a deliberate re-send gets its own, so it is not dropped as a dupe."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    suffix = f".r{resend}" if resend else ""
    return f"<briefings.{key[:32]}{suffix}@{domain}>"


def compose(
    *,
    sender: str,
    recipient: str,
    run_date: date,
    headlines: Sequence[Headline],
    attachments: Sequence[Attachment],
    message_id: str,
    when: datetime,
    part: int = 1,
    parts: int = 1,
) -> EmailMessage:
    """One message: the day's headlines as plain text and HTML, this part's PDFs attached."""
    day = f"{run_date:%A} {run_date.day} {run_date:%B %Y}"
    of = f" (part {part} of {parts})" if parts > 1 else ""
    msg = EmailMessage()
    msg["Subject"] = f"Briefings, {day}{of}"
    msg["From"] = sender
    msg["To"] = recipient
    msg["Date"] = format_datetime(when)
    msg["Message-ID"] = message_id
    msg.set_content(_text_body(day, of, headlines, attachments))
    msg.add_alternative(_html_body(day, of, headlines, attachments), subtype="html")
    for attachment in attachments:
        msg.add_attachment(attachment.data, maintype="application", subtype="pdf", filename=attachment.filename)
    return msg


def _text_body(day: str, of: str, headlines: Sequence[Headline], attachments: Sequence[Attachment]) -> str:
    lines = [f"Briefings for {day}{of}", ""]
    for item in headlines:
        lines += [f"* {item.title}", f"  {item.summary}" if item.summary else "", ""]
    lines.append("Attached: " + ", ".join(a.filename for a in attachments))
    return "\n".join(lines) + "\n"


def _html_body(day: str, of: str, headlines: Sequence[Headline], attachments: Sequence[Attachment]) -> str:
    # Article text is untrusted: every piece of it is escaped.
    items = "".join(
        f"<li><strong>{html.escape(h.title)}</strong><br>{html.escape(h.summary)}</li>" for h in headlines
    )
    files = html.escape(", ".join(a.filename for a in attachments))
    return (
        f"<!doctype html><html><body><h1>Briefings for {html.escape(day + of)}</h1>"
        f"<ul>{items}</ul><p>Attached: {files}</p></body></html>\n"
    )


class Mailer(Protocol):
    def send(self, msg: EmailMessage, on_accepted: Callable[[], None] | None = None) -> None:
        """Deliver `msg` or raise SendError; `on_accepted` runs as soon as the server took it
        (before the goodbye), so the ledger records the 250 with nothing in between."""


class SmtpMailer:
    """Sends each message over its own SMTP connection, as the config says."""

    def __init__(self, settings: EmailSettings, password: str | None) -> None:
        self._settings = settings
        self._password = password

    def __repr__(self) -> str:  # no password here, ever
        s = self._settings
        return f"SmtpMailer({s.host}:{s.port}, {s.security}, user={s.username!r})"

    def send(self, msg: EmailMessage, on_accepted: Callable[[], None] | None = None) -> None:
        s = self._settings
        smtp = self._open()
        try:
            if s.username:
                smtp.login(s.username, self._password or "")
            refused = smtp.send_message(msg)
            if on_accepted is not None and not refused:
                on_accepted()  # before QUIT: a slow or lost goodbye must not widen the gap
        except smtplib.SMTPRecipientsRefused as error:
            permanent = all(code >= 500 for code, _ in error.recipients.values())
            raise SendError(self._scrub(f"{s.host}:{s.port}: {_describe(error)}"), permanent=permanent) from None
        except smtplib.SMTPResponseException as error:
            # A refused login is the config's fault, not the message's: it stays pending.
            permanent = error.smtp_code >= 500 and not isinstance(error, smtplib.SMTPAuthenticationError)
            raise SendError(self._scrub(f"{s.host}:{s.port}: {_describe(error)}"), permanent=permanent) from None
        except (smtplib.SMTPException, OSError) as error:
            raise SendError(self._scrub(f"{s.host}:{s.port}: {_describe(error)}")) from None
        finally:
            _close(smtp)
        if refused:  # one recipient per message, so this is only a safety net
            raise SendError(f"{s.host}:{s.port}: refused {', '.join(refused)}", permanent=True)

    def verify(self) -> str:
        """Connect, say EHLO, STARTTLS and AUTH as configured, and QUIT: no message is sent
        (`reports doctor`). Returns what the server offered; raises SendError saying what failed."""
        s = self._settings
        smtp = self._open()
        try:
            smtp.ehlo_or_helo_if_needed()
            if s.username:
                if self._password is None:
                    raise SendError(f"{s.host}:{s.port}: no password: {s.password_env} is not set")
                smtp.login(s.username, self._password)
            return f"{s.security}, " + (f"logged in as {s.username}" if s.username else "no login")
        except smtplib.SMTPAuthenticationError as error:
            raise SendError(self._scrub(
                f"{s.host}:{s.port}: login as {s.username!r} refused: {_describe(error)}"
            )) from None
        except (smtplib.SMTPException, OSError) as error:
            raise SendError(self._scrub(f"{s.host}:{s.port}: {_describe(error)}")) from None
        finally:
            _close(smtp)

    def _open(self) -> smtplib.SMTP:
        """The connection, or a SendError saying in plain words why the server cannot be reached."""
        s = self._settings
        try:
            return self._connect()
        except (smtplib.SMTPException, OSError) as error:
            raise SendError(self._scrub(unreachable(s.host, s.port, error, s.timeout))) from None

    def _connect(self) -> smtplib.SMTP:
        s = self._settings
        if s.security == "ssl":
            return smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout, context=self._tls())
        smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
        if s.security == "starttls":
            try:
                smtp.starttls(context=self._tls())
            except BaseException:
                smtp.close()
                raise
        return smtp

    def _tls(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=self._settings.ca_file)

    def _scrub(self, text: str) -> str:
        if not self._password:
            return text
        user = self._settings.username or ""
        secrets = {
            self._password,
            _b64(self._password),
            _b64(f"\0{user}\0{self._password}"),  # AUTH PLAIN
            _b64(f"{user}\0{user}\0{self._password}"),
        }
        # Whole values only: the password "x" must not star the x of "smtp.example.org". A value
        # ends where no word character carries it on: quotes, '=', '.', spaces end it.
        pattern = "|".join(re.escape(secret) for secret in sorted(secrets, key=len, reverse=True))
        return re.sub(rf"(?<!\w)(?:{pattern})(?!\w)", "***", text)


def smtp_mailer(settings: Settings) -> SmtpMailer:
    """The configured SMTP mailer; refuses a login without its password up front (exit 2)."""
    email = settings.email
    if not email.recipients:
        raise ConfigError("email.recipients must list at least one address to send e-mail")
    password = settings.smtp_password()
    if email.username and password is None:
        raise ConfigError(
            f"email.password_env: the environment variable {email.password_env} is not set"
            f" (the password for {email.username!r}): set it, e.g. in the service's EnvironmentFile"
        )
    return SmtpMailer(email, password)


class EmlFolderMailer:
    """Writes each message to `folder` as an .eml file instead of sending it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.written: list[Path] = []

    def clear(self) -> list[Path]:
        """Remove the .eml files of an earlier dry run, so the folder holds this one's only."""
        removed = sorted(self.folder.glob("*.eml")) if self.folder.is_dir() else []
        for path in removed:
            path.unlink(missing_ok=True)
        return removed

    def send(self, msg: EmailMessage, on_accepted: Callable[[], None] | None = None) -> None:
        name = re.sub(r"[^A-Za-z0-9.-]+", "_", str(msg["Message-ID"]).strip("<>")) + ".eml"
        path = self.folder / name
        outputs.write_atomic(path, msg.as_bytes())
        self.written.append(path)
        if on_accepted is not None:
            on_accepted()


def unreachable(host: str, port: int, error: BaseException, timeout: float | None = None) -> str:
    """A failed connection in plain words: "cannot reach smtp.example.org:587 (name not found)",
    not a raw `gaierror: [Errno -2]`. A TLS failure keeps its detail (which certificate)."""
    if isinstance(error, smtplib.SMTPServerDisconnected) and isinstance(error.__context__, OSError):
        error = error.__context__  # smtplib wraps a time-out while it waits for the greeting
    if isinstance(error, ssl.SSLError):
        return f"{host}:{port}: TLS failed: {error}"
    if isinstance(error, socket.gaierror):
        why = "name not found" if error.errno in _NOT_FOUND else f"name lookup failed: {error.strerror}"
    elif isinstance(error, ConnectionRefusedError):
        why = "connection refused"
    elif isinstance(error, TimeoutError):  # socket.timeout is TimeoutError
        why = f"timed out after {timeout:g} s" if timeout else "timed out"
    elif isinstance(error, smtplib.SMTPServerDisconnected):
        why = "the server closed the connection"
    elif isinstance(error, smtplib.SMTPException):
        return f"{host}:{port}: {_describe(error)}"
    else:
        why = (getattr(error, "strerror", None) or str(error) or type(error).__name__).lower()
    return f"cannot reach {host}:{port} ({why})"


_NOT_FOUND = {getattr(socket, name) for name in ("EAI_NONAME", "EAI_NODATA", "EAI_ADDRFAMILY") if hasattr(socket, name)}


def _describe(error: BaseException) -> str:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{rcpt} refused: {code} {_text(reply)}" for rcpt, (code, reply) in error.recipients.items())
    if isinstance(error, smtplib.SMTPResponseException):
        return f"{error.smtp_code} {_text(error.smtp_error)}"
    return f"{type(error).__name__}: {error}"


def _text(reply: bytes | str) -> str:
    return reply.decode(errors="replace") if isinstance(reply, bytes) else str(reply)


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _close(smtp: smtplib.SMTP) -> None:
    # The message is already accepted (or already failed): a bad QUIT changes nothing.
    try:
        smtp.quit()
    except (smtplib.SMTPException, OSError):
        smtp.close()
