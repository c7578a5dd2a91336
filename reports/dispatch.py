"""email_day(settings, run_date, mailer) -> Delivery: digest -> compose -> send -> record.

What happens after a run: the day's digest is built from the briefings on disk, and each
(day, recipient, attachment set) is sent once. A message is recorded in the ledger only after
the server accepted it, so a crash or a refused send means it is sent again later (at least
once), never lost; the daemon retries pending messages after a back-off.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from reports import deliver, outputs
from reports.config import Settings
from reports.errors import SendError
from reports.ledger import Ledger
from reports.lock import hold
from reports.models import Delivery, Failure


# Seconds before the daemon retries a message the server did not take: 1, 5, 15, then 60 min.
BACKOFF_S = (60, 300, 900, 3600)


def make_digest(settings: Settings, run_date: date, *, wait: float = 0.0) -> Path | None:
    """Write the day's digest.pdf (under the output lock); None when nothing was briefed."""
    with hold(settings.paths.out, "digest", wait=wait):
        return _digest(settings, run_date)


def _digest(settings: Settings, run_date: date, only: tuple[str, ...] = ()) -> Path | None:
    """The day's digest, or a recipient's sections' digest, made when it is stale or damaged."""
    from reports import digest

    # Never made again when up to date: an unchanged day mails the same bytes.
    if not digest.stale(settings.paths.out, run_date, only, settings.sections, settings.render.language):
        path = outputs.day_dir(settings.paths.out, run_date) / digest.file_name(only)
        return path if path.exists() else None  # a day with nothing briefed has no digest
    return digest.build(
        settings.paths.out, run_date, settings.paths.user_templates(), settings.render,
        sections=settings.sections, only=only,
    )


def email_day(
    settings: Settings,
    run_date: date,
    mailer: deliver.Mailer,
    *,
    now: datetime,
    resend: bool = False,
    respect_backoff: bool = False,
    record: bool = True,
    wait: float = 0.0,
    on_locked: Callable[[], object] | None = None,
) -> Delivery:
    """E-mail the day's PDFs to each recipient: each message once, recorded after the server's 250.

    `resend` sends again what was sent (or refused); `respect_backoff` leaves a pending message
    alone until its next attempt (the daemon; an explicit run tries at once); `record=False` is
    the dry run, which leaves the ledger as it was; `on_locked` runs once the output lock is
    held (a dry run clears its earlier .eml files there, so two at once keep one set)."""
    email = settings.email
    fingerprint = deliver.settings_fingerprint(email)
    with hold(settings.paths.out, "email", wait=wait), Ledger.open(settings.paths.out) as ledger:
        if on_locked is not None:
            on_locked()
        mail: dict[tuple[str, ...], tuple[list[tuple[deliver.Attachment, ...]], list[deliver.Headline]]] = {}
        sent: list[str] = []
        pending: list[Failure] = []
        failed: list[Failure] = []
        already = 0
        for reader in settings.readers():
            recipient, only = reader.formatted, tuple(sorted({s.casefold(): s for s in reader.sections}.values()))
            if only not in mail:
                attachments, headlines = _day_mail(settings, run_date, only)  # once per set of sections
                mail[only] = (deliver.split(attachments, email.max_bytes), headlines)
            groups, headlines = mail[only]
            keys: set[str] = set()
            for part, group in enumerate(groups, start=1):
                key = deliver.send_key(run_date, recipient, group)
                keys.add(key)
                msg_id = deliver.message_id(key, email.sender)
                if record:
                    planned = ledger.plan_send(
                        key, run_date=run_date.isoformat(), recipient=recipient,
                        attachments=[a.filename for a in group], message_id=msg_id,
                    )
                    if not resend and planned.status == "sent":
                        already += 1
                        continue
                    if not resend and planned.status == "failed" and not _other_settings(ledger, key, fingerprint):
                        failed.append(Failure(recipient, f"{planned.error} (`reports email` sends it again)"))
                        continue
                    if not resend and respect_backoff and planned.waiting(now):
                        pending.append(Failure(recipient, f"{planned.error}; next attempt {planned.next_attempt}"))
                        continue
                    if planned.status == "sent":
                        msg_id = deliver.message_id(key, email.sender, resend=planned.attempts)
                msg = deliver.compose(
                    sender=email.sender, recipient=recipient, run_date=run_date, headlines=headlines,
                    attachments=group, message_id=msg_id, when=now, part=part, parts=len(groups),
                )
                accepted = _recorder(ledger, key, msg_id) if record else None
                try:
                    mailer.send(msg, on_accepted=accepted)
                except SendError as error:
                    if record:
                        retry_at = None if error.permanent else now + timedelta(seconds=_backoff(planned.attempts))
                        ledger.record_send_failed(
                            key, str(error), permanent=error.permanent, next_attempt=retry_at,
                            settings_fingerprint=fingerprint,
                        )
                    (failed if error.permanent else pending).append(Failure(recipient, str(error)))
                    continue
                sent.append(msg_id)
            if record:
                ledger.supersede_sends(run_date.isoformat(), recipient, keys)
        return Delivery(run_date, tuple(sent), tuple(pending), tuple(failed), already)


def email_pending(settings: Settings, mailer: deliver.Mailer, *, now: datetime, wait: float = 0.0) -> list[Delivery]:
    """Retry the days with a message whose back-off is over, or one refused under other [email]
    settings than today's (the daemon, at every scan)."""
    with Ledger.open(settings.paths.out) as ledger:
        due = {s.run_date for s in ledger.sends("pending") if not s.waiting(now)}
        due |= set(ledger.refused_with_other_settings(deliver.settings_fingerprint(settings.email)))
    days = sorted(due)
    return [
        email_day(settings, date.fromisoformat(day), mailer, now=now, respect_backoff=True, wait=wait)
        for day in days
    ]


def _recorder(ledger: Ledger, key: str, msg_id: str) -> Callable[[], None]:
    """Marks the message sent: called by the mailer right after the server's 250, before its
    QUIT, so the at-least-once gap is this one ledger write."""
    return lambda: ledger.record_sent(key, msg_id)


def _other_settings(ledger: Ledger, key: str, fingerprint: str) -> bool:
    """A refused message last tried under other [email] settings: the refusal may have been
    theirs (530 without STARTTLS), so it is tried once with these."""
    then = ledger.send_settings_fingerprint(key)
    return then is not None and then != fingerprint


def _backoff(attempts: int) -> int:
    return BACKOFF_S[min(attempts, len(BACKOFF_S) - 1)]


def _day_mail(
    settings: Settings, run_date: date, only: tuple[str, ...] = ()
) -> tuple[list[deliver.Attachment], list[deliver.Headline]]:
    """The day's attachments (as `email.attach` says) and headlines, from its manifest."""
    out, attach = settings.paths.out, settings.email.attach
    folder = outputs.day_dir(out, run_date)
    try:
        manifest = json.loads((folder / outputs.MANIFEST_NAME).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return [], []
    from reports import digest

    # In the digest's order (its sections, then its story order), so the message's headlines
    # read as its front page does; of the sections `only` when it names some.
    entries = [e for e in manifest.get("articles", []) if (out / e["pdf"]).is_file()]
    entries = digest.wanted(digest.stories(entries, settings.sections), only)
    headlines = [deliver.Headline(e["title"], (e.get("summary") or [""])[0]) for e in entries]
    briefings = []
    for entry in entries:
        path = out / entry["pdf"]
        data = path.read_bytes()
        briefings.append(deliver.Attachment(path.name, data, deliver.identity(path.name, data)))
    attachments: list[deliver.Attachment] = []
    if attach in ("digest", "both") and briefings:
        built = _digest(settings, run_date, only)
        if built is not None:
            # The digest's bytes change with every build; what it holds does not.
            held = "|".join(b.identity for b in briefings)
            attachments.append(deliver.Attachment(built.name, built.read_bytes(), deliver.identity(built.name, held.encode())))
    if attach in ("articles", "both"):
        attachments += briefings
    return attachments, headlines
