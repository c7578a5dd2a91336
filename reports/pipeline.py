"""run(settings, run_date) -> RunReport: read -> analyse -> render -> write -> record.

The coordinator (this process) alone reads the inbox, writes outputs and keeps the ledger;
analysis and rendering of one article is a pure task (`brief`) that may run in a worker
process. One article's ArticleError is recorded and the run goes on.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date
from multiprocessing import get_context
from pathlib import Path

from reports import ingest, outputs
from reports.analysis import analyze
from reports.config import Settings
from reports.errors import ArticleError, ConfigError, ReadError
from reports.ledger import Ledger
from reports.lock import hold
from reports.models import Analysis, Article, Failure, Output, Rendered, RunReport

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Job:
    """What a worker needs to brief one article: nothing that points at the coordinator."""

    article: Article
    run_date: date
    sentences: int
    templates: Path | None
    page_size: str


@dataclass(frozen=True)
class Briefed:
    analysis: Analysis
    rendered: Rendered


def brief(job: Job) -> Briefed | ArticleError:
    """Analyse and render one article. Pure: article in, analysis and PDF bytes out."""
    from reports.render import renderer_for  # WeasyPrint loads only when something renders

    try:
        analysis = analyze(job.article, sentences=job.sentences)
        rendered = renderer_for(job.templates, job.page_size).briefing(analysis, job.run_date)
        return Briefed(analysis, rendered)
    except ArticleError as error:
        return error
    except (ValueError, IndexError, KeyError, TypeError, RecursionError, MemoryError) as error:
        # A bug met by strange input must cost one article, not the run.
        return ArticleError(f"internal error on this article: {type(error).__name__}: {error}")


def run(
    settings: Settings,
    run_date: date,
    *,
    force: bool = False,
    workers: int = 1,
    on_total: Callable[[int], None] | None = None,
    on_done: Progress | None = None,
) -> RunReport:
    paths = settings.paths
    with hold(paths.out, "run"), Ledger.open(paths.out) as ledger:
        from reports.render import renderer_for

        # Fail fast (exit 2) on a broken template, before any article is marked failed.
        renderer_for(_templates(settings), settings.render.page_size)
        folder = outputs.day_dir(paths.out, run_date)
        outputs.remove_temp_files(folder)
        run_id = ledger.start_run(run_date.isoformat())
        todo, failed, skipped = _collect(settings, ledger, force, run_date)
        if on_total:
            on_total(len(todo))
        new: list[Output] = []
        taken = {p.name for p in folder.glob("*.pdf")} if folder.is_dir() else set()
        jobs = [Job(a, run_date, settings.analysis.sentences, _templates(settings), settings.render.page_size) for a in todo]
        for job, result in zip(jobs, _map(brief, jobs, workers), strict=True):
            article = job.article
            if isinstance(result, ArticleError):
                failed.append(_fail(ledger, article.content_hash, article.id, article.source, run_date, str(result)))
            else:
                output = _write(result, article, folder, taken, ledger, run_date, paths.out)
                new.append(output)
            if on_done:
                on_done(1)
        if new or (folder.is_dir() and not (folder / outputs.MANIFEST_NAME).exists()):
            # The manifest is a view of the ledger, so a killed run's PDFs are never left out.
            outputs.write_manifest(folder, run_date, ledger.manifest(run_date.isoformat()))
        ledger.finish_run(run_id, new=len(new), skipped=skipped, failed=len(failed))
        return RunReport(run_date, folder, tuple(new), skipped, tuple(failed))


def _templates(settings: Settings) -> Path | None:
    return settings.paths.templates if settings.paths.templates.is_dir() else None


def _collect(
    settings: Settings, ledger: Ledger, force: bool, run_date: date
) -> tuple[list[Article], list[Failure], int]:
    """Articles to brief, failures found while reading, and how many were already done."""
    known = ledger.known()
    todo: list[Article] = []
    failed: list[Failure] = []
    skipped = 0
    seen: set[str] = set()
    inbox = settings.paths.inbox
    if not inbox.is_dir():
        raise ConfigError(f"paths.inbox: {inbox} is not a folder")
    for path in ingest.discover(inbox):
        for item in _read(path, inbox):
            if isinstance(item, _Unreadable):
                if force or item.key not in known:
                    failed.append(_fail(ledger, item.key, None, item.source, run_date, item.reason))
                else:
                    skipped += 1  # already reported; reported again when the file changes
                continue
            if item.content_hash in seen:
                skipped += 1  # the same text twice in this inbox is briefed once
                continue
            seen.add(item.content_hash)
            if not force and item.content_hash in known:
                skipped += 1
            else:
                todo.append(item)
    return todo, failed, skipped


@dataclass(frozen=True)
class _Unreadable:
    key: str  # ledger key: changes when the file does
    source: str
    reason: str


def _read(path: Path, inbox: Path) -> Iterator[Article | _Unreadable]:
    """Articles of one file; a broken file or record becomes an _Unreadable."""
    source = ingest.label(path, inbox)
    try:
        for item in ingest.read(path, inbox):
            if isinstance(item, ReadError):
                yield _Unreadable(_failure_key(path, str(item)), source, str(item))
            else:
                yield item
    except ReadError as error:
        yield _Unreadable(_failure_key(path, str(error)), source, str(error))


def _failure_key(path: Path, reason: str) -> str:
    """A stable ledger key for an unreadable file: it changes when the file does."""
    import hashlib

    try:
        stat = path.stat()
        stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
    except OSError:
        stamp = "missing"
    return "unreadable:" + hashlib.sha256(f"{path}|{stamp}|{reason}".encode()).hexdigest()


def _fail(
    ledger: Ledger, key: str, article_id: str | None, source: str, run_date: date, reason: str
) -> Failure:
    ledger.record_failed(key, article_id=article_id, source=source, run_date=run_date.isoformat(), error=reason)
    return Failure(source=source, reason=reason, article_id=article_id)


def _write(
    result: Briefed, article: Article, folder: Path, taken: set[str], ledger: Ledger, run_date: date, out: Path
) -> Output:
    entry = ledger.get(article.content_hash)
    previous = [out / p for p in entry.outputs] if entry else []
    reuse = [p for p in previous if p.parent == folder]
    path = reuse[0] if reuse else folder / outputs.pdf_name(result.analysis.title, article.id, taken)
    taken.add(path.name)
    outputs.write_atomic(path, result.rendered.pdf)
    # Recorded only once the PDF is in place: a crash before this line re-renders, never loses.
    ledger.record_rendered(
        article.content_hash,
        article_id=article.id,
        source=article.source,
        run_date=run_date.isoformat(),
        title=result.analysis.title,
        outputs=[str(path.relative_to(out))],
        analysis=result.analysis.to_json(),
    )
    return Output(article.id, article.source, result.analysis.title, path)


def _map(func: Callable[[Job], Briefed | ArticleError], jobs: list[Job], workers: int) -> Iterable[Briefed | ArticleError]:
    """Results in order; in worker processes when there is more than one job to share."""
    if workers <= 1 or len(jobs) < 2:
        return map(func, jobs)
    # fork: workers inherit the imported libraries instead of importing them again.
    pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=get_context("fork"))
    return _drain(pool, func, jobs)


def _drain(pool: ProcessPoolExecutor, func: Callable[[Job], Briefed | ArticleError], jobs: list[Job]) -> Iterator[Briefed | ArticleError]:
    with pool:
        yield from pool.map(func, jobs, chunksize=1)


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))
