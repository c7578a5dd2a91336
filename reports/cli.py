"""The `reports` command: parse, call the library, print, exit.

Exit codes (CONTRACT.md): 0 all done (or nothing new), 1 finished but some articles failed,
2 usage or configuration error. Heavy libraries (WeasyPrint, textstat) are imported inside
the commands that need them, so `reports --help` starts instantly.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from datetime import date, datetime
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reports.errors import ArticleError, ConfigError, LockedError, ReportsError

if TYPE_CHECKING:
    from reports.config import Settings

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2
LOCK_WAIT_S = 600.0  # a run queues this long behind a daemon scan or another run
F = TypeVar("F", bound=Callable[..., Any])


def _errors_to_exit_codes(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (ConfigError, LockedError) as error:
            click.echo(f"reports: {error}", err=True)
            sys.exit(EXIT_USAGE)
        except (OSError, sqlite3.Error) as error:
            # Disk full, output folder unwritable: say so plainly; what was recorded is whole.
            detail = getattr(error, "strerror", None) or str(error)
            where = getattr(error, "filename", None)
            click.echo(f"reports: cannot write{f' {where}' if where else ''}: {detail}", err=True)
            sys.exit(EXIT_PARTIAL)
        except ReportsError as error:
            click.echo(f"reports: {error}", err=True)
            sys.exit(EXIT_PARTIAL)

    return wrapper  # type: ignore[return-value]


def _failed(source: object, reason: object) -> str:
    """The `failed:` line. A reason that already starts with its file (a JSON reader's
    "a.jsonl:3: ...", naming the line too) is not given the file a second time."""
    reason = str(reason)
    if reason.startswith(f"{source}:"):
        return f"failed: {_shown(reason)}"
    return f"failed: {_shown(source)}: {_shown(reason)}"


def _shown(text: object) -> str:
    """A name or reason as printed to a person: control characters (a newline that would forge
    a `failed:` line, a terminal escape) are written as escapes, never passed through."""
    return "".join(
        c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in str(text)
    )


def _settings(config: Path | None, **paths: Path | None) -> Settings:
    from reports.config import load_settings  # not for --help: a command's own work

    settings = load_settings(config)
    overrides = {key: value.resolve() for key, value in paths.items() if value is not None}
    return settings.replace(paths=overrides)


def _run_date(settings: Settings, given: str | None) -> date:
    if given:
        try:
            return date.fromisoformat(given)
        except ValueError:
            raise ConfigError(f"--date must be YYYY-MM-DD, not {given!r}") from None
    if settings.schedule.timezone:
        from zoneinfo import ZoneInfo

        return datetime.now(ZoneInfo(settings.schedule.timezone)).date()
    return date.today()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="reports")
def main() -> None:
    """Turn news articles into dated PDF briefings.

    \b
    reports run                     brief every new article in seeds/ into out/YYYY-MM-DD/
    reports run --email             ... and e-mail the day's PDFs (each message once)
    reports daemon                  scan every few minutes, e-mail the digest at its times
    reports analyze FILE --format json
    reports status
    reports doctor                  check fonts, templates, folders, ledger, feeds, e-mail
    """


@main.command()
@click.option("--inbox", type=click.Path(path_type=Path, file_okay=False), help="Folder of articles (paths.inbox).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Output folder (paths.out).")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="Config file (default: ./reports.toml).")
@click.option("--date", "run_date", metavar="YYYY-MM-DD", help="Date of the output folder (default: today).")
@click.option("--force", is_flag=True, help="Render again articles already briefed.")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: the cores).")
@click.option("--cluster", metavar="ADDRESS", help="Brief on this Dask scheduler, e.g. tcp://host:8786 (cluster.address).")
@click.option("--email/--no-email", default=None, help="E-mail the briefings (default: email.enabled).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON summary of the run on stdout.")
@_errors_to_exit_codes
def run(
    inbox: Path | None,
    out: Path | None,
    config: Path | None,
    run_date: str | None,
    force: bool,
    workers: int | None,
    cluster: str | None,
    email: bool | None,
    as_json: bool,
) -> None:
    """Brief every article in the inbox that has not been briefed before."""
    from reports import pipeline
    from reports.config import validate_cluster

    settings = _settings(config, inbox=inbox, out=out)
    if cluster is not None:
        settings = settings.replace(cluster={"address": cluster})
        validate_cluster(settings.cluster)
    day = _run_date(settings, run_date)
    send = settings.email.enabled if email is None else email
    mailer, mail_problem = None, None
    if send:
        from reports.deliver import smtp_mailer

        try:
            mailer = smtp_mailer(settings)
        except ConfigError as error:  # a missing password costs the e-mail, not the briefings
            mail_problem = f"{error}; then `reports email --date {day}` sends the day's briefings"
    try:
        with _progress() as bar:
            report = pipeline.run(
                settings, day, force=force, workers=workers or pipeline.default_workers(),
                on_total=bar.start, on_done=bar.step, on_note=bar.note, wait=LOCK_WAIT_S,
            )
    except (OSError, sqlite3.Error) as error:
        if as_json:  # a full disk before the run could start: the JSON still says why
            from reports.models import RunReport
            from reports.outputs import day_dir

            reason = getattr(error, "strerror", None) or str(error)
            click.echo(json.dumps(RunReport(day, day_dir(settings.paths.out, day), aborted=reason).to_json(), indent=2))
        raise
    except ConfigError as error:
        if settings.source is None:  # no reports.toml found: the defaults were not what was meant
            raise ConfigError(f"{error} (no reports.toml here: `reports init` makes one)") from None
        raise
    for failure in report.failed:
        click.echo(_failed(failure.source, failure.reason), err=True)
    for left in report.skipped_files:
        if not left.articles and not as_json:  # a file no reader takes: one line, with why
            click.echo(f"{_shown(left.source)}: {_shown(left.reason)}", err=True)
    for feed_error in report.failed_feeds:  # one in back-off stays quiet: cron mails any output
        click.echo(f"feed failed: {feed_error.feed} ({feed_error.url}): {feed_error.reason}", err=True)
    if report.aborted:
        click.echo(f"reports: run stopped early: {report.aborted}", err=True)
    mail_ok = mail_problem is None
    if mail_problem:
        click.echo(f"e-mail not sent: {mail_problem}", err=True)
    if mailer is not None:
        import dataclasses

        from reports import dispatch  # e-mail (smtplib) loads only when there is some to send

        delivery = dispatch.email_day(settings, day, mailer, now=datetime.now().astimezone(), wait=LOCK_WAIT_S)
        _echo_delivery(delivery)
        report = dataclasses.replace(report, emails_sent=len(delivery.sent))
        mail_ok = delivery.ok
    if as_json:
        click.echo(json.dumps({**report.to_json(), "email_error": mail_problem}, indent=2))
    elif sys.stderr.isatty():
        click.echo(
            f"{len(report.new)} new, {report.skipped} already done, {len(report.failed)} failed"
            f" -> {report.out_dir}",
            err=True,
        )
    sys.exit(EXIT_PARTIAL if report.partial or not mail_ok else EXIT_OK)


@main.command()
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="Config file (default: ./reports.toml).")
@click.option("--date", "run_date", metavar="YYYY-MM-DD", help="The day (default: today).")
@_errors_to_exit_codes
def digest(config: Path | None, run_date: str | None) -> None:
    """Make the day's digest.pdf now, from the briefings already in its folder; print its path."""
    from reports import dispatch, outputs

    settings = _settings(config)
    day = _run_date(settings, run_date)
    path = dispatch.make_digest(settings, day, wait=LOCK_WAIT_S)
    if path is None:
        click.echo(f"no digest for {day}: no briefings in {outputs.day_dir(settings.paths.out, day)}", err=True)
        sys.exit(EXIT_PARTIAL)
    click.echo(str(path))


@main.command()
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="Config file (default: ./reports.toml).")
@click.option("--dry-run", is_flag=True, help="Only print the day folders that would go.")
@_errors_to_exit_codes
def prune(config: Path | None, dry_run: bool) -> None:
    """Remove the day folders older than retention.keep_days (never the ledger); print each."""
    from reports import retention

    settings = _settings(config)
    today = _run_date(settings, None)
    keep_days = settings.retention.keep_days
    folders = retention.prune(settings.paths.out, today, keep_days, dry_run=dry_run)
    for folder in folders:
        click.echo(f"{'would remove' if dry_run else 'removed'} {folder}")
    if not folders:  # silence would look like a failure: say why nothing goes
        why = "retention.keep_days is 0: every day folder is kept" if keep_days <= 0 else (
            f"no day folder in {settings.paths.out} is older than {keep_days} days"
        )
        click.echo(f"nothing to prune: {why}", err=True)


def _echo_delivery(delivery: Any) -> None:
    for failure in delivery.pending:
        click.echo(f"e-mail pending: {failure.source}: {failure.reason} (retried on the next run)", err=True)
    for failure in delivery.failed:
        click.echo(f"e-mail failed: {failure.source}: {failure.reason}", err=True)


@main.command()
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="Config file (default: ./reports.toml).")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: the cores).")
@_errors_to_exit_codes
def daemon(config: Path | None, workers: int | None) -> None:
    """Scan the inbox every schedule.scan_minutes; make and e-mail the digest at schedule.digest_at.

    One daemon per output folder. SIGTERM or SIGINT finishes the article in hand and exits 0."""
    from reports.daemon import configure_logging, serve

    settings = _settings(config)
    configure_logging()
    serve(settings, workers=workers)


@main.command()
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="Config file (default: ./reports.toml).")
@click.option("--date", "run_date", metavar="YYYY-MM-DD", help="The day to send (default: today).")
@click.option("--dry-run", is_flag=True, help="Write the messages as .eml files in out/DATE/eml/ instead.")
@_errors_to_exit_codes
def email(config: Path | None, run_date: str | None, dry_run: bool) -> None:
    """E-mail a day's briefings again, on purpose, even if they were sent before."""
    from reports import deliver, dispatch, outputs

    settings = _settings(config)
    day = _run_date(settings, run_date)
    mailer: deliver.Mailer
    if dry_run:
        if not settings.email.recipients:
            raise ConfigError("email.recipients must list at least one address to send e-mail")
        mailer = deliver.EmlFolderMailer(outputs.day_dir(settings.paths.out, day) / "eml")
    else:
        mailer = deliver.smtp_mailer(settings)
    delivery = dispatch.email_day(
        settings, day, mailer, now=datetime.now().astimezone(), resend=True, record=not dry_run, wait=LOCK_WAIT_S,
        # An earlier dry run's messages are replaced, not left beside these: under the lock.
        on_locked=mailer.clear if isinstance(mailer, deliver.EmlFolderMailer) else None,
    )
    if isinstance(mailer, deliver.EmlFolderMailer):
        for path in mailer.written:
            click.echo(str(path))
    elif delivery.sent:
        click.echo(f"{len(delivery.sent)} message(s) sent for {day}", err=True)
    if not (delivery.sent or delivery.pending or delivery.failed):
        click.echo(f"nothing to send for {day}: no briefings in {outputs.day_dir(settings.paths.out, day)}", err=True)
    _echo_delivery(delivery)
    sys.exit(EXIT_OK if delivery.ok else EXIT_PARTIAL)


class _progress:
    """A progress bar on a terminal; nothing under cron or in a pipe. It says what the run is
    doing (loading the templates and fonts, then the article being briefed) and the time left."""

    FORMAT = "{desc} {percentage:3.0f}%|{bar}| {n_fmt}/{total_fmt} [{elapsed}, ETA {remaining}]"
    WIDTH = 40  # of what it is doing, in the bar

    def __enter__(self) -> _progress:
        self._bar: Any = None
        return self

    def start(self, total: int) -> None:
        if total and sys.stderr.isatty():
            from tqdm import tqdm

            self._bar = tqdm(
                total=total, unit="article", file=sys.stderr, leave=False, bar_format=self.FORMAT,
                desc="starting", dynamic_ncols=True,
            )

    def note(self, doing: str) -> None:
        if self._bar is not None:
            text = _shown(doing)  # "briefing <file>": the file's end says most, so it is kept
            if len(text) > self.WIDTH:
                text = text[: self.WIDTH // 3] + "…" + text[-(self.WIDTH - self.WIDTH // 3 - 1):]
            self._bar.set_description_str(text)

    def step(self, count: int) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "text"]), default="json", show_default=True)
@click.option("--sentences", type=click.IntRange(1, 50), default=3, show_default=True, help="Summary length.")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: the cores).")
@click.option("--language", metavar="CODE", help='Language of articles that declare none, e.g. "fr" (default: detected).')
@_errors_to_exit_codes
def analyze(paths: tuple[Path, ...], fmt: str, sentences: int, workers: int | None, language: str | None) -> None:
    """Print the analysis of articles (files or folders) without rendering anything."""
    from collections import deque

    from reports import ingest
    from reports.analysis.batch import Item, analyze_each
    from reports.errors import ReadError
    from reports.models import Article
    from reports.workers import default_workers

    read_from: deque[Path] = deque()  # the file of each item, in the order the results come

    def items() -> Iterator[Item]:
        for path in (f for p in paths for f in (_readable(p) if p.is_dir() else [p])):
            try:
                found: list[Item] = list(ingest.read(path))
            except ReadError as error:
                found = [error]
            read_from.extend(path for _ in found)
            yield from found

    def _readable(folder: Path) -> list[Path]:
        found, left = ingest.scan(folder)
        for path, reason in left:
            click.echo(f"not read: {_shown(path)}: {_shown(reason)}", err=True)
        return found

    results: list[dict[str, Any]] = []
    failures = 0
    for item, result in analyze_each(items(), sentences=sentences, workers=workers or default_workers(), language=language):
        path = read_from.popleft()
        if isinstance(result, ArticleError):
            failures += 1
            click.echo(_failed(path, result), err=True)
            if fmt == "text":
                continue
            # The contract: a failed article is one object in the output, its id kept.
            article_id = item.id if isinstance(item, Article) else path.stem
            result = {"id": article_id, "source": str(path), "error": str(result)}
        if fmt == "jsonl":
            click.echo(json.dumps(result, ensure_ascii=False))
        elif fmt == "text":
            click.echo(_as_text(result))
        else:
            results.append(result)
    if fmt == "json":
        click.echo(json.dumps(results[0] if len(results) == 1 else results, indent=2, ensure_ascii=False))
    sys.exit(EXIT_PARTIAL if failures else EXIT_OK)


def _as_text(result: dict[str, Any]) -> str:
    r, q = result["readability"], result["quotes"]
    lines = [result["title"], f"{result['source']} · {result['date'] or 'undated'}", "", "Summary:"]
    lines += [f"  - {s}" for s in result["summary"]]
    lines += [
        "",
        (f"Readability: Flesch {r['flesch_reading_ease']}, grade {r['flesch_kincaid_grade']}, "
         if r["flesch_reading_ease"] is not None else "Readability: not measurable, ")
        + f"{r['words']} words, {r['sentences']} sentences",
        f"Quotes: {q['stats']['count']} ({q['stats']['speakers']} speakers)",
    ]
    lines += [f"  “{i['quote']}” ({i['kind']}) — {i['speaker'] or 'unattributed'}" for i in q["items"]]
    return "\n".join(lines) + "\n"


@main.command()
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="Config file.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Output folder (paths.out).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@_errors_to_exit_codes
def status(config: Path | None, out: Path | None, as_json: bool) -> None:
    """What the ledger knows: articles briefed and failed, the last run, e-mail, the daemon."""
    from reports.daemon import read_heartbeat
    from reports.ledger import LEDGER_NAME, Ledger

    settings = _settings(config, out=out)
    out_dir = settings.paths.out
    if not (out_dir / LEDGER_NAME).exists():
        data: dict[str, Any] = {
            "out": str(out_dir), "articles": {}, "last_run": None, "failures": [], "emails": {}, "email_problems": [],
            "failing_feeds": [], "failing_items": [],
        }
    else:
        with Ledger.open_readonly(out_dir) as ledger:  # no write: works on a full disk
            data = {
                "out": str(out_dir),
                "articles": ledger.counts(),
                "last_run": ledger.last_run(),
                "failures": [
                    {"source": e.source, "reason": e.error, "when": e.updated} for e in ledger.entries("failed")
                ],
                "emails": ledger.send_counts(),
                "email_problems": [
                    {"date": s.run_date, "recipient": s.recipient, "status": s.status, "attempts": s.attempts,
                     "next_attempt": s.next_attempt, "error": s.error}
                    for status in ("pending", "failed") for s in ledger.sends(status)
                ],
                "failing_feeds": ledger.failing_feeds(),
                "failing_items": ledger.failing_items(),
            }
    data["daemon"] = read_heartbeat(out_dir)
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    counts = data["articles"]
    click.echo(f"output folder: {data['out']}")
    click.echo(f"articles: {counts.get('rendered', 0)} briefed, {counts.get('failed', 0)} failed")
    last = data["last_run"]
    if last and last.get("refused"):
        click.echo(f"last run: {last['started']} for {last['run_date']}: refused: {_shown(last['refused'])}")
    elif last:
        from reports.lock import is_held

        unfinished = " (not finished: still running)" if is_held(out_dir) else " (not finished: killed)"
        click.echo(
            f"last run: {last['started']} for {last['run_date']}: {last['new']} new, "
            f"{last['skipped']} skipped, {last['failed']} failed" + ("" if last["finished"] else unfinished)
        )
    else:
        click.echo("last run: never")
    for failure in data["failures"]:
        click.echo(_failed(failure["source"], failure["reason"]))
    emails = data["emails"]
    if emails:
        click.echo("e-mail: " + ", ".join(f"{n} {state}" for state, n in sorted(emails.items())))
    for problem in data["email_problems"]:
        retry = f", next attempt {problem['next_attempt']}" if problem["next_attempt"] else ""
        click.echo(f"e-mail {problem['status']}: {problem['date']} to {problem['recipient']}: {problem['error']}{retry}")
    for feed in data["failing_feeds"]:
        retry = f", next try after {feed['retry_at']}" if feed["retry_at"] else ""
        click.echo(f"feed failing: {feed['url']}: {feed['error']} ({feed['failures']} in a row{retry})")
    for items in data["failing_items"]:
        retry = f", next try after {items['next_try']}" if items["next_try"] else ""
        given_up = f", {items['items_given_up']} given up" if items["items_given_up"] else ""
        click.echo(
            f"feed items failing: {items['url']}: {items['items_failing']} items{given_up}:"
            f" {items['last_error']}{retry}"
        )
    beat = data["daemon"]
    if beat:
        # A stopped or dead daemon has no next run (a killed one left its last plan behind).
        upcoming = f", next run {beat.get('next_run') or '-'}" if beat.get("state") == "running" else ""
        click.echo(
            f"daemon: {beat.get('state')} (pid {beat.get('pid')}), last scan {beat.get('last_scan') or 'never'}, "
            f"last digest {beat.get('last_digest_made') or beat.get('last_digest') or 'never'}{upcoming}"
        )
        for failure in beat.get("failures", [])[-3:]:
            click.echo(f"daemon failure: {failure['when']} {failure['job']}: {failure['error']}")


@main.command()
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="Config file (default: ./reports.toml).")
@click.option("--json", "as_json", is_flag=True, help="Print the checks as JSON.")
def doctor(config: Path | None, as_json: bool) -> None:
    """Check a set-up: fonts, templates, folders, ledger, schedule, feeds, e-mail, Dask.

    One line per check, with the fix when it fails. Changes nothing; sends no message.
    Exit 0 when every check passes, 1 when any fails."""
    from reports import doctor as checkup

    checks = checkup.run(config)
    ok = all(check.ok for check in checks)
    if as_json:
        click.echo(json.dumps({"ok": ok, "checks": [check.to_json() for check in checks]}, indent=2))
    else:
        for check in checks:
            click.echo(_shown(check.line()))
    sys.exit(EXIT_OK if ok else EXIT_PARTIAL)


@main.command()
@click.argument("directory", required=False, default=".", type=click.Path(path_type=Path, file_okay=False))
@_errors_to_exit_codes
def init(directory: Path) -> None:
    """Set up a folder: reports.toml, an inbox, and the templates to edit."""
    from reports.scaffold import next_steps, scaffold

    for line in scaffold(directory):
        click.echo(line)
    for line in next_steps(directory):
        click.echo(line)


if __name__ == "__main__":
    main()
