"""A forwarded article saved as an e-mail (.eml).

The subject, less its "Fwd:"/"FW:" prefixes, is the title. The body is the text/plain part
(read as the seed format, so a caption line still works), else the HTML part through the
HTML reader. Forwarding clutter goes: the forwarder's note above the forwarded block, the
"---------- Forwarded message ---------" header block, "> " quote markers and a trailing
signature. A forwarded message attached whole (message/rfc822) is read in place of its
wrapper. The date is the article's own if it has one, else the forwarded message's, else
the e-mail's.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import cast

from reports.errors import ReadError
from reports.ingest import html, txt
from reports.ingest.decode import decode
from reports.models import Article

_PREFIX = re.compile(r"^\s*(?:(?:fwd?|fw|tr|wg|aw|re)\s*:\s*|\[[^\]]{0,40}\]\s*)+", re.IGNORECASE)
_FORWARD_MARK = re.compile(
    r"^[ \t>]*(?:-{2,}\s*(?:Forwarded|Original) [Mm]essage\s*-{2,}|Begin forwarded message:|-{2,}\s*Weitergeleitete Nachricht\s*-{2,})[ \t]*$",
    re.MULTILINE | re.IGNORECASE,
)
_HEADER_LINE = re.compile(r"^(From|Date|Sent|Subject|To|Cc|Reply-To)\s*:\s*(.*)$", re.IGNORECASE)
_SIGNATURE = re.compile(r"\n-- ?\n.*\Z", re.DOTALL)
_QUOTED = re.compile(r"^>[ \t]?", re.MULTILINE)
_LOOSE_DATES = (  # Gmail, Outlook and Apple Mail forwarding blocks
    "%a, %b %d, %Y at %I:%M %p", "%a, %d %b %Y at %H:%M", "%A, %B %d, %Y %I:%M %p",
    "%d %B %Y at %H:%M", "%b %d, %Y, at %H:%M", "%B %d, %Y at %I:%M:%S %p %Z",
)


def read(path: Path, raw: bytes, label: str) -> Iterator[Article]:
    message = cast(EmailMessage, BytesParser(policy=policy.default).parsebytes(raw))  # policy.default makes one
    yield parse(message, article_id=path.stem, source=label, content_hash=hashlib.sha256(raw).hexdigest())


def parse(message: EmailMessage, *, article_id: str, source: str, content_hash: str) -> Article:
    message = _forwarded_attachment(message) or message
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        raise ReadError("the e-mail has no text or HTML part")
    content = _content(part)
    subject = _PREFIX.sub("", str(message.get("subject", ""))).strip() or None
    sent = _header_date(message.get("date"))
    if part.get_content_subtype() == "html":
        article = html.parse(content, article_id=article_id, source=source, content_hash=content_hash)
        return replace(article, title=article.title or subject, date=article.date or sent,
                       author=article.author or _sender(forwarded_from=None, message=message))
    body, forwarded = _unforward(content)
    article = txt.parse(body, article_id=article_id, source=source, content_hash=content_hash)
    inner_subject = _PREFIX.sub("", forwarded.get("subject", "")).strip()
    return replace(
        article,
        title=article.title or subject or inner_subject or None,
        date=article.date or _loose_date(forwarded.get("date") or forwarded.get("sent")) or sent,
        author=article.author or _sender(forwarded.get("from"), message),
    )


def _sender(forwarded_from: str | None, message: EmailMessage) -> str | None:
    """The writer's name from a From line (the forwarded one first); the address only when nameless."""
    from email.utils import parseaddr

    for value in (forwarded_from, message.get("from")):
        if not value:
            continue
        name, address = parseaddr(str(value))
        if name.strip() or address.strip():
            return " ".join((name or address).split())
    return None


def _forwarded_attachment(message: EmailMessage) -> EmailMessage | None:
    for part in message.walk():
        if part.get_content_type() == "message/rfc822":
            inner = part.get_content()
            return inner if isinstance(inner, EmailMessage) else None
    return None


def _content(part: EmailMessage) -> str:
    try:
        content = part.get_content()
    except (LookupError, UnicodeDecodeError):
        content = None  # unknown or wrong charset: decode the bytes ourselves
    if not isinstance(content, str):
        content = decode(part.get_payload(decode=True) or b"")
    return content.replace("\r\n", "\n").replace("\r", "\n")


def _unforward(text: str) -> tuple[str, dict[str, str]]:
    """The forwarded text without the forwarding clutter, and the forwarded block's headers."""
    headers: dict[str, str] = {}
    mark = _FORWARD_MARK.search(text)
    if mark:
        text, headers = _drop_header_block(text[mark.end() :])  # the forwarder's note sits above the mark
    text = _SIGNATURE.sub("", text)
    lines = [line for line in text.split("\n") if line.strip()]
    if lines and sum(line.startswith(">") for line in lines) > len(lines) / 2:
        text = _QUOTED.sub("", text)
    return text.strip(), headers


def _drop_header_block(text: str) -> tuple[str, dict[str, str]]:
    """The From:/Date:/Subject: lines a mail program writes under the forwarding mark."""
    headers: dict[str, str] = {}
    lines = text.split("\n")
    index = 0
    while index < len(lines) and not _QUOTED.sub("", lines[index]).strip():
        index += 1
    while index < len(lines) and (header := _HEADER_LINE.match(_QUOTED.sub("", lines[index]).strip())):
        headers[header.group(1).lower()] = header.group(2).strip()
        index += 1
    return "\n".join(lines[index:]), headers


def _header_date(value: object) -> date | None:
    if value is None:
        return None
    try:
        return parsedate_to_datetime(str(value)).date()
    except (TypeError, ValueError, IndexError):
        return None


def _loose_date(value: str | None) -> date | None:
    """RFC 5322 dates, or the readable forms mail programs write in a forwarded block."""
    if not value:
        return None
    parsed = _header_date(value)
    if parsed:
        return parsed
    cleaned = " ".join(value.replace("\u202f", " ").split())
    for layout in _LOOSE_DATES:
        try:
            return datetime.strptime(cleaned, layout).date()
        except ValueError:
            continue
    return None
