"""The `reports` command: parse, call the library, print, exit.

Exit codes (CONTRACT.md): 0 all done (or nothing new), 1 finished but some articles failed,
2 usage or configuration error. Heavy libraries (WeasyPrint, textstat) are imported inside
the commands that need them, so `reports --help` starts instantly.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date, datetime
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from reports.config import Settings, load_settings
from reports.errors import ArticleError, ConfigError, LockedError, ReportsError

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE = 0, 1, 2
F = TypeVar("F", bound=Callable[..., Any])


def _errors_to_exit_codes(func: F) -> F:
    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (ConfigError, LockedError) as error:
            click.echo(f"reports: {error}", err=True)
            sys.exit(EXIT_USAGE)
        except ReportsError as error:
            click.echo(f"reports: {error}", err=True)
            sys.exit(EXIT_PARTIAL)

    return wrapper  # type: ignore[return-value]


def _settings(config: Path | None, **paths: Path | None) -> Settings:
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
    reports analyze FILE --format json
    reports status
    """


@main.command()
@click.option("--inbox", type=click.Path(path_type=Path, file_okay=False), help="Folder of articles (paths.inbox).")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), help="Output folder (paths.out).")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False), help="Config file (default: ./reports.toml).")
@click.option("--date", "run_date", metavar="YYYY-MM-DD", help="Date of the output folder (default: today).")
@click.option("--force", is_flag=True, help="Render again articles already briefed.")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes (default: the cores).")
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
    email: bool | None,
    as_json: bool,
) -> None:
    """Brief every article in the inbox that has not been briefed before."""
    from reports import pipeline

    settings = _settings(config, inbox=inbox, out=out)
    day = _run_date(settings, run_date)
    if email:
        raise ConfigError("e-mail delivery is not available yet (--email)")
    with _progress() as (on_total, on_done):
        report = pipeline.run(
            settings, day, force=force, workers=workers or pipeline.default_workers(),
            on_total=on_total, on_done=on_done,
        )
    for failure in report.failed:
        click.echo(f"failed: {failure.source}: {failure.reason}", err=True)
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2))
    elif sys.stderr.isatty():
        click.echo(
            f"{len(report.new)} new, {report.skipped} already done, {len(report.failed)} failed"
            f" -> {report.out_dir}",
            err=True,
        )
    sys.exit(EXIT_PARTIAL if report.partial else EXIT_OK)


class _progress:
    """A progress bar on a terminal; nothing under cron or in a pipe."""

    def __enter__(self) -> tuple[Callable[[int], None], Callable[[int], None]]:
        self._bar: Any = None
        return self._start, self._step

    def _start(self, total: int) -> None:
        if total and sys.stderr.isatty():
            from tqdm import tqdm

            self._bar = tqdm(total=total, unit="article", file=sys.stderr, leave=False)

    def _step(self, count: int) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.close()


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl", "text"]), default="json", show_default=True)
@click.option("--sentences", type=click.IntRange(1, 50), default=3, show_default=True, help="Summary length.")
@_errors_to_exit_codes
def analyze(paths: tuple[Path, ...], fmt: str, sentences: int) -> None:
    """Print the analysis of articles (files or folders) without rendering anything."""
    from reports import ingest
    from reports.analysis import analyze as analyze_article
    from reports.errors import ReadError

    results: list[dict[str, Any]] = []
    failures = 0
    files = [f for p in paths for f in (ingest.discover(p) if p.is_dir() else [p])]
    for path in files:
        try:
            items = list(ingest.read(path))
        except ReadError as error:
            items = [error]
        for item in items:
            try:
                if isinstance(item, ArticleError):
                    raise item
                result = analyze_article(item, sentences=sentences).to_json()
            except ArticleError as error:
                failures += 1
                click.echo(f"failed: {path}: {error}", err=True)
                continue
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
        f"Readability: Flesch {r['flesch_reading_ease']}, grade {r['flesch_kincaid_grade']}, "
        f"{r['words']} words, {r['sentences']} sentences",
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
    """What the ledger knows: articles briefed and failed, and the last run."""
    from reports.ledger import LEDGER_NAME, Ledger

    settings = _settings(config, out=out)
    out_dir = settings.paths.out
    if not (out_dir / LEDGER_NAME).exists():
        data: dict[str, Any] = {"out": str(out_dir), "articles": {}, "last_run": None, "failures": []}
    else:
        with Ledger.open(out_dir) as ledger:
            data = {
                "out": str(out_dir),
                "articles": ledger.counts(),
                "last_run": ledger.last_run(),
                "failures": [
                    {"source": e.source, "reason": e.error, "when": e.updated} for e in ledger.entries("failed")
                ],
            }
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    counts = data["articles"]
    click.echo(f"output folder: {data['out']}")
    click.echo(f"articles: {counts.get('rendered', 0)} briefed, {counts.get('failed', 0)} failed")
    last = data["last_run"]
    if last:
        click.echo(
            f"last run: {last['started']} for {last['run_date']}: {last['new']} new, "
            f"{last['skipped']} skipped, {last['failed']} failed"
        )
    else:
        click.echo("last run: never")
    for failure in data["failures"]:
        click.echo(f"failed: {failure['source']}: {failure['reason']}")


@main.command()
@click.argument("directory", required=False, default=".", type=click.Path(path_type=Path, file_okay=False))
@_errors_to_exit_codes
def init(directory: Path) -> None:
    """Set up a folder: reports.toml, an inbox, and the templates to edit."""
    from reports.scaffold import scaffold

    for line in scaffold(directory):
        click.echo(line)


if __name__ == "__main__":
    main()
