"""run(settings, run_date) -> RunReport: read -> analyse -> render -> write -> record.

The coordinator (this process) alone reads the inbox, writes outputs and keeps the ledger;
analysis and rendering of one article is a pure task (`brief`) that may run in a worker
process. One article's ArticleError is recorded and the run goes on.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Callable, Generator, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from reports import ingest, outputs
from reports.config import RenderSettings, Settings
from reports.errors import ArticleError, ClusterLost, ConfigError, ReadError
from reports.ledger import Ledger
from reports.lock import hold
from reports.models import (
    Analysis, Article, Failure, FeedFailure, Output, Rendered, RunReport, Skipped, UpdateOf,
)
from reports.workers import default_workers  # noqa: F401 (the default of `run --workers`)

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Job:
    """What a worker needs to brief one article: nothing that points at the coordinator."""

    article: Article
    run_date: date
    sentences: int
    templates: Path | None
    render: RenderSettings
    update_of: UpdateOf | None = None  # the earlier briefing this article is a new version of
    language: str | None = None  # the config's [analysis] language, for articles that declare none


@dataclass(frozen=True)
class Briefed:
    analysis: Analysis
    rendered: Rendered


def brief(job: Job) -> Briefed | ArticleError:
    """Analyse and render one article. Pure: article in, analysis and PDF bytes out."""
    from reports.analysis import analyze  # the analysis and render load only when something is briefed
    from reports.render import renderer_for  # WeasyPrint loads only when something renders

    try:
        analysis = analyze(job.article, sentences=job.sentences, configured_language=job.language)
        if job.update_of:
            analysis = dataclasses.replace(analysis, update_of=job.update_of)
        rendered = renderer_for(job.templates, job.render).briefing(analysis, job.run_date)
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
    should_stop: Callable[[], bool] | None = None,
    wait: float = 0.0,
    on_note: Callable[[str], None] | None = None,
) -> RunReport:
    """Brief the new articles. `should_stop` is asked after each article (the daemon's SIGTERM);
    `wait` is how long to queue behind another run holding the output folder; `on_note` hears
    what the run is doing (loading, the article being handed to a worker) for a progress bar."""
    paths = settings.paths
    with hold(paths.out, "run", wait=wait), Ledger.open(paths.out) as ledger:
        execute = _executor(settings, workers)  # and without Dask installed, before any change
        folder = outputs.day_dir(paths.out, run_date)
        outputs.remove_temp_files(folder)
        run_id = ledger.start_run(run_date.isoformat())
        with _refusal_recorded(ledger, run_id):  # a missing inbox, a broken template: exit 2
            feed_errors = _scan_feeds(settings, ledger)
            print_ = fingerprint(settings)
            found = _collect(settings, ledger, force, run_date, print_)
            todo, failed, skipped = found.todo, found.failed, found.skipped
            if on_total:
                on_total(len(todo))
            if todo:  # an idle run never loads WeasyPrint
                from reports.probe import check_templates

                if on_note:
                    on_note("loading the templates and fonts")
                # Fail fast (exit 2) on a broken template, before any article is marked failed:
                # it compiles, and renders a sample briefing (an error that only shows at render).
                templates = settings.paths.user_templates()
                check_templates(templates, settings.render, run_date, sentences=settings.analysis.sentences)
        new: list[Output] = []
        aborted: str | None = None
        jobs = (
            Job(a, run_date, settings.analysis.sentences, settings.paths.user_templates(), settings.render, found.update_of(a),
                settings.analysis.language)
            for a in _noted(todo, on_note)
        )
        results = execute(jobs)
        try:
            for job, result in results:
                article = job.article
                if isinstance(result, WorkerLost):
                    # Not the article's fault as far as we know: left unrecorded, tried next run.
                    failed.append(Failure(article.source, str(result), article.id))
                elif isinstance(result, ArticleError):
                    failed.append(
                        _fail(ledger, article.content_hash, article.id, article.source, run_date, str(result), print_)
                    )
                else:
                    try:
                        with ledger.atomic():  # briefed means in the duplicate index too
                            output = _write(result, article, folder, ledger, run_date, paths.out)
                            _remember_text(ledger, article, found.marks.get(article.content_hash))
                        new.append(output)
                    except (OSError, sqlite3.Error) as error:
                        # Disk full or folder unwritable: every later article would fail the same
                        # way. Stop; this article stays unrecorded and is briefed on the next run.
                        aborted = f"cannot write to {folder}: {_reason(error)}"
                        break
                if on_done:
                    on_done(1)
                if should_stop and should_stop():
                    break  # the rest stay unrecorded: the next scan briefs them
        except ClusterLost as error:
            aborted = str(error)  # what arrived is written and recorded; the rest waits for a re-run
        finally:
            results.close()
        if new or (folder.is_dir() and outputs.manifest_pdfs(folder) != ledger.manifest_pdfs(run_date.isoformat())):
            # The manifest is a view of the ledger, rebuilt whenever it disagrees: a run killed
            # between the ledger write and the manifest rewrite never leaves a PDF out of it.
            try:
                outputs.write_manifest(folder, run_date, ledger.manifest(run_date.isoformat()))
            except (OSError, sqlite3.Error) as error:
                aborted = aborted or f"cannot write the manifest in {folder}: {_reason(error)}"
        if aborted is None and not (should_stop and should_stop()):  # else the next run makes it
            failed += _refresh_digest(settings, run_date)
            if settings.retention.keep_days:
                from reports import retention

                retention.prune(paths.out, run_date, settings.retention.keep_days)
        ledger.finish_run(run_id, new=len(new), skipped=skipped, failed=len(failed))
        return RunReport(
            run_date, folder, tuple(new), skipped, tuple(failed), aborted=aborted,
            feed_errors=tuple(feed_errors), waiting=tuple(found.waiting),
            skipped_files=tuple(Skipped(source, reason, n) for (source, reason), n in found.skips.items()),
        )


def _noted(todo: list[Article], on_note: Callable[[str], None] | None) -> Iterator[Article]:
    """The articles, telling `on_note` of each as it is handed out (with workers, the newest in
    flight)."""
    for article in todo:
        if on_note:
            on_note(f"briefing {article.source}")
        yield article


def fingerprint(settings: Settings) -> str:
    """What a failure may have been caused by, other than the article: the templates in use
    (the user's folder and the defaults, by content), the analysis and render settings, and the
    version of reports. A failure recorded under another fingerprint is tried again."""
    import hashlib
    from importlib import metadata

    import reports

    # render.templates.default_templates_dir, without loading Jinja on an idle run.
    package = Path(reports.__file__).resolve().parent
    defaults = package / "templates" if (package / "templates").is_dir() else package.parent / "templates"
    digest = hashlib.sha256()
    try:
        digest.update(metadata.version("reports").encode())
    except metadata.PackageNotFoundError:
        digest.update(b"unpackaged")
    digest.update(repr((settings.analysis, settings.render)).encode())
    for folder in (settings.paths.user_templates(), defaults):
        if folder is None or not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(f"\0{path.relative_to(folder)}\0".encode())
            try:
                digest.update(path.read_bytes())
            except OSError:
                digest.update(b"unreadable")
        digest.update(b"\1")
    return digest.hexdigest()[:32]


def _refresh_digest(settings: Settings, run_date: date) -> list[Failure]:
    """Make the day's digest.pdf again when `digest.check` says it is stale or damaged (said
    once, as a failure of the run); a briefing it had to leave out is one failure each."""
    from reports import digest
    from reports.errors import RenderError

    why = digest.check(settings.paths.out, run_date, sections=settings.sections, language=settings.render.language)
    if why is None:
        return []
    notes: list[str] = []
    try:
        digest.build(
            settings.paths.out, run_date, settings.paths.user_templates(), settings.render, sections=settings.sections,
            notes=notes,
        )
    except (RenderError, OSError, ValueError) as error:
        return [Failure(digest.DIGEST_NAME, f"the digest could not be made: {error}")]
    failures = [Failure(digest.DIGEST_NAME, note) for note in notes]
    if why.startswith("damaged"):
        failures.insert(0, Failure(digest.DIGEST_NAME, f"{why}; made again whole from the briefings"))
    return failures


def _reason(error: OSError | sqlite3.Error) -> str:
    """"No space left on device" rather than "[Errno 28] No space left on device: '/out/x'"."""
    return getattr(error, "strerror", None) or str(error)


def _scan_feeds(settings: Settings, ledger: Ledger) -> list[FeedFailure]:
    """Fetch the feeds' new items into the inbox archive; keep their state in the ledger."""
    inbox = settings.paths.inbox
    if not settings.feeds or not inbox.is_dir():
        return []  # a missing inbox is reported by _collect
    from reports import feeds

    states = {f.url: feeds.FeedState(url=f.url, **ledger.feed_state(f.url)) for f in settings.feeds}
    now = datetime.now(UTC)
    errors: list[FeedFailure] = []
    for scanned in feeds.scan(settings.feeds, settings.fetch, inbox / feeds.ARCHIVE, states, now):
        state = scanned.state
        for saved in scanned.saved:
            ledger.record_feed_item(state.url, saved.item, link=saved.link, archive=str(saved.path.relative_to(inbox)))
        ledger.save_feed_state(
            state.url, etag=state.etag, modified=state.modified, failures=state.failures,
            retry_at=state.retry_at, last_error=state.last_error,
        )
        ledger.save_item_failures(state.url, state.failing)
        errors.extend(scanned.errors)
    return errors


@dataclass(frozen=True)
class _Mark:
    """What the ledger keeps about a briefed text, to spot it again (reports/similar.py)."""

    text_hash: str
    signature: bytes
    update_of: UpdateOf | None


# Why an article was skipped, as `run --json` lists them in `skipped_files`.
ALREADY_DONE = "already done"  # a settled file: every article in it briefed or failed, unchanged
BRIEFED = "already briefed"
UNCHANGED_FAILURE = "failed before, unchanged since"
REPEATED = "the same article again in the inbox"
SAME_TEXT = "the same text as an earlier briefing"
NOT_READ = "not read"  # a file no reader takes (articles 0): the reason follows


@dataclass
class _Collected:
    todo: list[Article] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)
    skipped: int = 0
    waiting: list[str] = field(default_factory=list)  # files still being written
    marks: dict[str, _Mark] = field(default_factory=dict)  # by content hash
    skips: dict[tuple[str, str], int] = field(default_factory=dict)  # (source, reason) -> articles

    def skip(self, source: str, reason: str, articles: int = 1) -> None:
        self.skipped += articles
        self.skips[source, reason] = self.skips.get((source, reason), 0) + articles

    def update_of(self, article: Article) -> UpdateOf | None:
        mark = self.marks.get(article.content_hash)
        return mark.update_of if mark else None


@contextmanager
def _refusal_recorded(ledger: Ledger, run_id: int) -> Iterator[None]:
    """A run refused before it began is recorded as such, with the reason, and the error goes on
    to the caller: `status` then says why, not "still running, or killed"."""
    try:
        yield
    except ConfigError as error:
        ledger.refuse_run(run_id, str(error))
        raise


def _collect(settings: Settings, ledger: Ledger, force: bool, run_date: date, print_: str) -> _Collected:
    """Articles to brief, failures found while reading, and how many were already done.

    `print_` is the current failure fingerprint: failures recorded under another are not known,
    so they are tried again, and a file holding one is not skipped as settled."""
    known = ledger.known(print_)
    found = _Collected()
    seen: set[str] = set()  # content hashes met in this run
    seen_texts: set[str] = set()  # normalised-text hashes met in this run (another key space)
    run_index: dict[str, list[tuple[Article, bytes]]] = {}  # this run's new texts by band: same-run updates
    inbox = settings.paths.inbox
    if not inbox.is_dir():
        raise ConfigError(f"paths.inbox: {inbox} is not a folder")
    readable, left = ingest.scan(inbox)
    for path, reason in left:  # said once a run, beside the articles skipped: nothing in it is read
        found.skip(ingest.label(path, inbox), f"{NOT_READ}: {reason}", 0)
    files = ingest.settle(readable)
    found.waiting = [ingest.label(p, inbox) for p in files.waiting]
    found.failed = [Failure(ingest.label(p, inbox), ingest.VANISHED) for p in files.vanished]
    settled = {} if force else ledger.settled_files(print_)
    for path in files.ready:
        raw_hash = _raw_hash(path)
        if raw_hash in settled:
            found.skip(ingest.label(path, inbox), ALREADY_DONE, settled[raw_hash])  # all in the ledger: not parsed
            continue
        items = all_known = 0
        has_failure = False
        for item in _read(path, inbox):
            items += 1
            if isinstance(item, _Unreadable):
                has_failure = True
                if force or item.key not in known:
                    found.failed.append(_fail(ledger, item.key, None, item.source, run_date, item.reason, print_))
                else:
                    all_known += 1
                    found.skip(item.source, UNCHANGED_FAILURE)  # reported again when the file changes
                continue
            all_known += item.content_hash in known
            has_failure = has_failure or known.get(item.content_hash) == "failed"
            if item.content_hash in seen:
                found.skip(item.source, REPEATED)  # the same text twice in this inbox is briefed once
                continue
            seen.add(item.content_hash)
            status = known.get(item.content_hash)
            if status == "duplicate" or (status and not force):
                found.skip(item.source, {"duplicate": SAME_TEXT, "failed": UNCHANGED_FAILURE}.get(status, BRIEFED))
                continue
            mark = _mark(ledger, item, seen_texts, run_index, run_date, rendered=status == "rendered")
            if mark is None:
                found.skip(item.source, SAME_TEXT)  # its text was briefed before, from another file or feed
            else:
                found.marks[item.content_hash] = mark
                found.todo.append(item)
        if raw_hash and items and all_known == items:
            ledger.record_settled_file(raw_hash, items, print_ if has_failure else None)
    return found


def _raw_hash(path: Path) -> str | None:
    """Hash of the file's bytes (None if it cannot be read: the reader reports why)."""
    import hashlib

    try:
        return hashlib.sha256(ingest.read_regular(path)).hexdigest()  # never opens a FIFO
    except ReadError:
        return None


def _mark(
    ledger: Ledger, article: Article, seen: set[str], run_index: dict[str, list[tuple[Article, bytes]]],
    run_date: date, *, rendered: bool,
) -> _Mark | None:
    """None for a text already briefed; else its mark, saying which briefing it updates, if any.

    Only articles new to the ledger get here, and each is compared through the band index
    with the few earlier texts that share a band: an idle run makes no query at all.
    """
    from reports import similar

    text_hash = similar.text_key(article.text)
    signature = similar.signature(article.text)
    if rendered:  # --force: keep what it was recorded as
        stored = ledger.update_of(article.content_hash)
        return _Mark(text_hash, signature, UpdateOf(**stored) if stored else None)
    if text_hash in seen:
        return None  # the same text twice in this run
    seen.add(text_hash)
    same = ledger.same_text(text_hash)
    if same is not None:
        ledger.record_alias(article.content_hash, same)
        return None
    best, score = None, 0.0
    for key, other in ledger.candidates(similar.bands(signature), exclude=article.content_hash):
        value = similar.similarity(signature, other)
        if value > score:
            best, score = key, value
    entry = ledger.get(best) if best is not None and score >= similar.UPDATE_SIMILARITY else None
    update_of = None
    if entry is not None:
        pdf = entry.outputs[0] if entry.outputs else None
        update_of = UpdateOf(entry.article_id, entry.title, entry.run_date, pdf, round(score, 3))
    # An earlier version met in this same run is not in the ledger yet: compare with those too.
    # Through the same band index as the ledger's, so a big backlog stays linear.
    bands = similar.bands(signature)
    met = {id(a): (a, s) for band in bands for a, s in run_index.get(band, ())}
    for earlier, other in met.values():
        value = similar.similarity(signature, other)
        if value >= similar.UPDATE_SIMILARITY and value > score:
            score = value
            update_of = UpdateOf(earlier.id, earlier.title, run_date.isoformat(), None, round(value, 3))
    for band in bands:
        run_index.setdefault(band, []).append((article, signature))
    return _Mark(text_hash, signature, update_of)


def _remember_text(ledger: Ledger, article: Article, mark: _Mark | None) -> None:
    """After the briefing is recorded: index its text for later duplicates and updates."""
    if mark is None:
        return
    from reports import similar

    ledger.record_text(
        article.content_hash, text_hash=mark.text_hash, signature=mark.signature,
        bands=similar.bands(mark.signature),
        update_of=dataclasses.asdict(mark.update_of) if mark.update_of else None,
    )


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
    ledger: Ledger, key: str, article_id: str | None, source: str, run_date: date, reason: str, print_: str
) -> Failure:
    ledger.record_failed(
        key, article_id=article_id, source=source, run_date=run_date.isoformat(), error=reason, fingerprint=print_
    )
    return Failure(source=source, reason=reason, article_id=article_id)


def _write(result: Briefed, article: Article, folder: Path, ledger: Ledger, run_date: date, out: Path) -> Output:
    path = folder / outputs.pdf_name(result.analysis.title, article.content_hash)
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
    return Output(article.id, article.source, result.analysis.title, path, result.analysis.update_of)


class WorkerLost(ArticleError):
    """The article's task failed for a reason not known to be the article's doing (on Dask: it
    raised on every try, which points at the environment). Left unrecorded, so the next run
    tries it again. A worker killed under an article is handled apart: the local pool
    (`_finished`) and the Dask client (`cluster.results`) brief it again alone in the same run."""


Results = Generator[tuple[Job, Briefed | ArticleError], None, None]


def _executor(settings: Settings, workers: int) -> Callable[[Iterable[Job]], Results]:
    """The seam: where `brief` runs. A Dask cluster when `cluster.address` is set (Dask is
    imported only then), else here or in a local process pool."""
    address = settings.cluster.address
    if address is None:
        return lambda jobs: _results(jobs, workers)
    try:
        from reports import cluster
    except ImportError as error:
        raise ConfigError(f"cluster.address needs Dask: pip install 'reports[dask]' ({error})") from error
    return lambda jobs: cluster.results(jobs, address, worker_wait=settings.cluster.worker_wait_seconds)


def _results(jobs: Iterable[Job], workers: int) -> Results:
    """(job, result) pairs as they finish, here or in a local process pool (`reports.workers`).
    A worker killed under an article is briefed again alone; only an article that kills a
    worker by itself fails (recorded, not retried until it changes)."""
    from reports import workers as pool

    yield from pool.results(brief, jobs, workers, _killed_alone)


def _killed_alone(job: Job) -> ArticleError:
    return ArticleError("a worker process died while briefing it, also when briefed alone (a crash or out of memory)")
