"""The daemon: scan the inbox every few minutes; make and e-mail the digest at its times.

    due(now, last_digest, digest_at)   pure: the digest times that have passed unmade
    serve(settings, workers)           the loop: a lock, one schedule.Scheduler, a heartbeat

`schedule` runs jobs one at a time in this thread, does not catch their exceptions (a job
that raises is never rescheduled) and does not run missed jobs. So each job catches, logs and
records its own failure and returns normally; and whether a digest is due is decided by `due`
against the heartbeat's last digest, at start-up, at each digest time and after each scan, so
a digest missed while the daemon was down (or whose job failed) is made at the next chance.
SIGTERM and SIGINT set a flag: the article in hand is finished, then the loop ends.
"""

from __future__ import annotations

import json
import logging
import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta, tzinfo
from datetime import time as clock
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from reports import outputs
from reports.config import Settings
from reports.lock import DAEMON_LOCK_NAME, hold, is_held
from reports.models import Delivery

HEARTBEAT_NAME = ".heartbeat.json"
LOCK_WAIT_S = 300.0  # a scan queues this long behind a cron run or `reports email`
_TICK_S = 0.5  # how soon a signal is noticed between jobs
_KEEP_FAILURES = 10

log = logging.getLogger("reports.daemon")
LOG_FORMAT = "%(asctime)s %(name)s %(levelname)s %(message)s"


def configure_logging() -> None:
    """INFO to stderr (the journal), every message escaped; WeasyPrint's per-PDF progress off."""
    handler = logging.StreamHandler()
    handler.setFormatter(_EscapingFormatter(LOG_FORMAT))
    logging.basicConfig(level=logging.INFO, handlers=[handler])
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # ~7 INFO lines per PDF


class _EscapingFormatter(logging.Formatter):
    """A file name with a newline must not forge a log line, nor a terminal escape reach the
    journal: control characters in a message (ours, or WeasyPrint quoting the article) are
    written as escapes, as `reports run` prints them. A traceback keeps its lines."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 (logging's name)
        record.message = "".join(
            c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in record.message
        )
        return super().formatMessage(record)


def due(now: datetime, last_digest: datetime | None, digest_at: Sequence[str]) -> list[datetime]:
    """Digest times of yesterday and today that have passed since `last_digest`, oldest first,
    at most one per day (the latest: it holds everything the earlier one would have).

    `now` is aware, in the schedule's time zone. Without any digest made yet, only today's
    latest passed time counts: a new daemon does not backfill yesterday."""
    days = [now.date()] if last_digest is None else [now.date() - timedelta(days=1), now.date()]
    latest: dict[date, datetime] = {}
    for day in days:
        for hhmm in sorted(digest_at):
            hour, minute = map(int, hhmm.split(":"))
            slot = datetime.combine(day, clock(hour, minute), tzinfo=now.tzinfo)
            if slot <= now and (last_digest is None or slot > last_digest):
                latest[day] = slot
    return [latest[day] for day in sorted(latest)]


def read_heartbeat(out: Path) -> dict[str, Any] | None:
    """The daemon's last heartbeat. A daemon killed outright (SIGKILL, power loss) leaves
    "running" behind; its lock tells the truth, so that state becomes "dead"."""
    try:
        beat = json.loads((out / HEARTBEAT_NAME).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return None
    if beat.get("state") == "running" and not is_held(out, DAEMON_LOCK_NAME):
        beat["state"] = "dead"
    return beat


def serve(settings: Settings, *, workers: int | None = None) -> None:
    """Run until SIGTERM or SIGINT. Raises LockedError if a daemon already serves this folder.

    `workers` defaults to the cores. The heavy modules load only once the lock is held."""
    with hold(settings.paths.out, "daemon", name=DAEMON_LOCK_NAME), _stop_on_signals() as stopping:
        _Daemon(settings, workers, stopping).loop()


@contextmanager
def _stop_on_signals() -> Iterator[Callable[[], bool]]:
    caught: list[int] = []

    def handler(signum: int, _frame: object) -> None:
        log.info("%s: finishing the job in hand, then stopping", signal.Signals(signum).name)
        caught.append(signum)

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield lambda: bool(caught)
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


class _Daemon:
    def __init__(self, settings: Settings, workers: int | None, stopping: Callable[[], bool]) -> None:
        import schedule

        from reports import deliver, pipeline

        self.settings = settings
        self.workers = workers or pipeline.default_workers()
        self.stopping = stopping
        config = settings.schedule
        self.tz: tzinfo = ZoneInfo(config.timezone) if config.timezone else _local_zone()
        # Built before the first job, so a missing password stops the daemon at once (exit 2).
        self.mailer = deliver.smtp_mailer(settings) if settings.email.enabled else None
        self.scheduler = schedule.Scheduler()
        interval = config.scan_seconds or config.scan_minutes * 60
        self.scheduler.every(interval).seconds.do(self._job, "scan", self._scan)
        for hhmm in config.digest_at:
            at = self.scheduler.every().day
            at = at.at(hhmm, config.timezone) if config.timezone else at.at(hhmm)
            at.do(self._job, "digest", self._digest_if_due)
        previous = read_heartbeat(settings.paths.out) or {}
        self.beat: dict[str, Any] = {
            "pid": os.getpid(),
            "started": self._now().isoformat(timespec="seconds"),
            "last_scan": previous.get("last_scan"),
            "last_scan_result": previous.get("last_scan_result"),
            "last_digest": previous.get("last_digest"),  # the digest_at slot last handled
            "last_digest_made": previous.get("last_digest_made"),  # when a digest was last written
            "next_run": None,
            "failures": previous.get("failures", []),
            "state": "running",
        }

    def loop(self) -> None:
        log.info("daemon started for %s (pid %d)", self.settings.paths.out, os.getpid())
        log.info("first scan: looking for new articles in %s", self.settings.paths.inbox)
        self._job("scan", self._scan)  # start-up: new articles, pending mail, a missed digest
        self._save()  # the next scan's time, now that the first is over
        last_beat = time.monotonic()
        while not self.stopping():
            before = self.scheduler.next_run
            self.scheduler.run_pending()
            # A job saves the heartbeat before `schedule` moves its next run on: save again after.
            if self.scheduler.next_run != before or time.monotonic() - last_beat > 60:
                self._save()
                last_beat = time.monotonic()
            time.sleep(_TICK_S)
        self.beat["state"] = "stopped"
        self._save()
        log.info("daemon stopped")

    def _job(self, name: str, func: Callable[[], None]) -> None:
        """Run one job; its failure is logged and recorded, never raised (so it runs again)."""
        try:
            func()
        except Exception as error:  # the loop must outlive any one job
            log.exception("%s failed", name)
            failure = {"when": self._now().isoformat(timespec="seconds"), "job": name, "error": str(error)}
            self.beat["failures"] = (self.beat["failures"] + [failure])[-_KEEP_FAILURES:]
        finally:
            self._save()

    def _scan(self) -> None:
        from reports import dispatch, pipeline

        now = self._now()
        report = pipeline.run(
            self.settings, now.date(), workers=self.workers, should_stop=self.stopping, wait=LOCK_WAIT_S,
            on_total=_log_total,
        )
        for failure in report.failed:
            log.warning("failed: %s: %s", failure.source, failure.reason)
        for feed_error in report.failed_feeds:
            log.warning("feed failed: %s (%s): %s", feed_error.feed, feed_error.url, feed_error.reason)
        if report.new:
            log.info("%d new briefing(s) in %s", len(report.new), report.out_dir)
        self.beat["last_scan"] = now.isoformat(timespec="seconds")
        self.beat["last_scan_result"] = {"new": len(report.new), "skipped": report.skipped, "failed": len(report.failed)}
        if self.mailer is not None and not self.stopping():
            for delivery in dispatch.email_pending(self.settings, self.mailer, now=now, wait=LOCK_WAIT_S):
                _log_delivery(delivery)
        self._digest_if_due()

    def _digest_if_due(self) -> None:
        from reports import dispatch

        now = self._now()
        last = self.beat["last_digest"]
        for slot in due(now, datetime.fromisoformat(last) if last else None, self.settings.schedule.digest_at):
            if self.stopping():
                return
            if self.mailer is not None:
                delivery = dispatch.email_day(
                    self.settings, slot.date(), self.mailer, now=now, respect_backoff=True, wait=LOCK_WAIT_S
                )
                _log_delivery(delivery)
                made = bool(delivery.sent or delivery.pending or delivery.failed or delivery.already)
            else:
                made = dispatch.make_digest(self.settings, slot.date(), wait=LOCK_WAIT_S) is not None
            # The slot is done even if the mail is pending (the scans retry it, with back-off) or
            # the day had nothing to digest; `due` compares slots, `status` shows when it was made.
            self.beat["last_digest"] = slot.isoformat(timespec="seconds")
            if made:
                self.beat["last_digest_made"] = self._now().isoformat(timespec="seconds")
                log.info("digest for %s made", slot.date())
            else:
                log.info("no digest for %s: nothing was briefed that day", slot.date())

    def _now(self) -> datetime:
        return datetime.now(self.tz)

    def _save(self) -> None:
        # While a job runs (or one is overdue behind it), the next run is now, never in the past;
        # a stopped daemon has none.
        next_run = self.scheduler.next_run if self.beat["state"] == "running" else None
        now = datetime.now()
        self.beat["next_run"] = max(next_run, now).astimezone().isoformat(timespec="seconds") if next_run else None
        self.beat["updated"] = self._now().isoformat(timespec="seconds")
        data = (json.dumps(self.beat, indent=2) + "\n").encode()
        outputs.write_atomic(self.settings.paths.out / HEARTBEAT_NAME, data)


def _log_total(total: int) -> None:
    if total:
        log.info("%d new article(s) to brief", total)


def _log_delivery(delivery: Delivery) -> None:
    if delivery.sent:
        log.info("e-mailed %d message(s) for %s", len(delivery.sent), delivery.run_date)
    for failure in delivery.pending:
        log.warning("e-mail to %s pending: %s", failure.source, failure.reason)
    for failure in delivery.failed:
        log.error("e-mail to %s refused: %s", failure.source, failure.reason)


def _local_zone() -> tzinfo:
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    return zone
