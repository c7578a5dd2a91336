"""Brief articles on a Dask cluster: the same pure `brief` task, run on Dask workers.

Only this module imports Dask, and `pipeline` imports it only when `cluster.address` is set,
so the default install never needs it (`pip install reports[dask]` adds it).

The coordinator still reads the inbox, writes every output and keeps the ledger; a task
carries its Job and the user's template files (as bytes), which each worker writes out once
into its own folder. Workers therefore share no disk with the coordinator and need only
`reports[dask]` installed.

Faults, and who handles them:
- a worker dies mid-task: the scheduler runs the task on another worker (Dask's resilience).
  After `distributed.scheduler.allowed-failures` deaths it gives up (KilledWorker). Every task
  on a dying worker is counted, so that may be an innocent article: once the rest of the run
  is done, each such article is briefed again alone, and only one that still kills workers is
  recorded as failed (as the local pool does). Otherwise a crashing article would be tried,
  and take workers down, on every run.
- the task raises instead of returning an ArticleError: Dask retries it RETRIES times, then
  it is reported like a lost worker (the environment, not the article, is suspect).
- the scheduler goes away: ClusterLost. The run stops; what was written is recorded and
  a re-run briefs the rest. An unreachable scheduler is given Dask's own connect timeout
  (`distributed.comm.timeouts.connect`, 30 s by default) before the run gives up on it.
- a worker with another version of reports: refused when the run connects (exit 2); one
  that joins mid-run gets no task (`_gate`: tasks need a resource only matching workers offer).
  A worker that cannot run the check at all (another cloudpickle) is the same exit 2.
- the scheduler has no worker: the run waits `cluster.worker_wait_seconds` for one, then
  stops with ClusterLost instead of queueing tasks that nothing will run.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import itertools
import logging
import shutil
import tempfile
import threading
import time
from asyncio import CancelledError
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from distributed import Client, Future, as_completed, get_worker
from distributed.client import FutureCancelledError
from distributed.scheduler import KilledWorker

from reports.errors import ArticleError, ClusterLost, ConfigError
from reports.pipeline import Briefed, Job, WorkerLost, brief

RETRIES = 1
_SLOTS = 1_000_000  # of the version resource on a worker: threads, not it, limit its tasks
TASKS_PER_THREAD = 2  # keeps every worker thread busy while results travel back
MAX_TEMPLATE_BYTES = 20_000_000  # shipped with every task: a folder of videos is a mistake

Outcome = tuple[Job, Briefed | ArticleError]
log = logging.getLogger("reports.cluster")


@dataclass(frozen=True)
class Templates:
    """The user's templates folder (templates, CSS, images, fonts) as bytes, for a worker."""

    files: tuple[tuple[str, bytes], ...]
    digest: str


def pack(folder: Path | None) -> Templates | None:
    """The folder's files, read once by the coordinator; None when there is no user folder
    (the defaults are in every worker's installed package)."""
    if folder is None:
        return None
    files = tuple(
        (path.relative_to(folder).as_posix(), path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )
    size = sum(len(data) for _, data in files)
    if size > MAX_TEMPLATE_BYTES:
        raise ConfigError(f"paths.templates: {folder} holds {size:,} bytes, too much to ship with every task")
    digest = hashlib.sha256()
    for name, data in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return Templates(files, digest.hexdigest())


def brief_shipped(job: Job, templates: Templates | None) -> Briefed | ArticleError:
    """The task run on a worker: `brief`, with the shipped templates as its folder."""
    return brief(dataclasses.replace(job, templates=_unpacked(templates) if templates else None))


_folders: dict[str, Path] = {}
_folders_lock = threading.Lock()  # a worker may run several tasks at once, in threads


def _unpacked(templates: Templates) -> Path:
    """The folder holding these templates on this worker, written by its first task: the
    same path every time, so the renderer cached for it is reused."""
    with _folders_lock:
        folder = _folders.get(templates.digest)
        if folder is None:
            folder = _write_out(templates, _scratch())
            _folders[templates.digest] = folder
        return folder


def _scratch() -> Path:
    """The worker's own local directory, removed with the worker; a temp folder elsewhere."""
    try:
        return Path(get_worker().local_directory)
    except ValueError:
        return Path(tempfile.gettempdir())


def _write_out(templates: Templates, root: Path) -> Path:
    folder = root / f"reports-templates-{templates.digest[:16]}"
    if folder.is_dir():
        return folder  # complete: it only ever appears by the rename below
    partial = Path(tempfile.mkdtemp(prefix=".reports-templates-", dir=root))
    for name, data in templates.files:
        path = partial / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    try:
        partial.rename(folder)
    except OSError:  # another process on this machine got there first
        shutil.rmtree(partial, ignore_errors=True)
    return folder


def results(jobs: Iterable[Job], address: str, *, worker_wait: float = 120.0) -> Generator[Outcome, None, None]:
    """(job, result) pairs as they finish on the cluster. At most TASKS_PER_THREAD tasks per
    worker thread are in flight, so a backlog of any size holds only a window of texts and
    PDFs in this process; each result is handed over (and written) as it arrives.

    Nothing to brief: no connection at all. A scheduler with no worker would queue the tasks
    forever, so the run waits `worker_wait` seconds for one, then stops with ClusterLost."""
    jobs = iter(jobs)
    first = next(jobs, None)
    if first is None:
        return
    client = connect(address)
    try:
        client.wait_for_workers(1, timeout=worker_wait)
    except TimeoutError as error:
        client.close()
        raise ClusterLost(f"no Dask worker joined the scheduler at {address} within {worker_wait:g} s") from error
    jobs = itertools.chain([first], jobs)
    in_flight: dict[Future, Job] = {}
    finished = as_completed(loop=client.loop)
    window = _Window(client)
    packed: dict[Path | None, Templates | None] = {}
    suspects: list[Job] = []  # in flight on workers that died too often

    def settle(future: Future) -> Iterator[Outcome]:
        job, result = _outcome(future, in_flight)
        if isinstance(result, _Killed):
            suspects.append(job)
        else:
            yield job, result

    try:
        for job in jobs:
            if job.templates not in packed:
                packed[job.templates] = pack(job.templates)
            future = _submit(client, job, packed[job.templates])
            in_flight[future] = job
            finished.add(future)
            while len(in_flight) >= window.size():
                yield from settle(next(finished))
        while in_flight:
            yield from settle(next(finished))
        for job in suspects:
            yield job, _alone(client, job, packed[job.templates], in_flight)
    finally:
        # On an early stop, drop the queued tasks rather than brief them for nothing.
        if in_flight and client.status == "running":
            client.cancel(list(in_flight))
        client.close()


class _ToOurLog(logging.Handler):
    """Dask's records as one line each, at DEBUG, on our logger: its own stderr handler printed a
    35-line ERROR traceback (a lost scheduler) before our one-line message, and into cron mail."""

    def emit(self, record: logging.LogRecord) -> None:
        lines = record.getMessage().strip().splitlines()
        log.debug("%s %s: %s", record.name, record.levelname, lines[0] if lines else "")


def _dask_logs_to_ours() -> None:
    """Every logger Dask's logging config gave its own stderr handler (distributed,
    distributed.client, tornado, ...) goes through _ToOurLog instead."""
    ours = _ToOurLog()
    loggers = [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    for logger in loggers:
        if logger.name.split(".")[0] in ("distributed", "tornado", "bokeh") and logger.handlers:
            for handler in list(logger.handlers):
                logger.removeHandler(handler)
            logger.addHandler(ours)


def connect(address: str) -> Client:
    """A client for the scheduler, after checking that its workers run this version of reports
    and gating the ones that join later (see `_gate`)."""
    _dask_logs_to_ours()
    try:
        client = Client(address, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ClusterLost(f"cannot reach the Dask scheduler at {address}: {error}") from error
    try:
        _check_workers(client)
        _gate(client)
    except BaseException:
        client.close()
        raise
    return client


@functools.cache
def _ours() -> str:
    from importlib import metadata

    return metadata.version("reports")


def _check_workers(client: Client) -> None:
    """A worker with another version of reports would brief differently: refuse it up front.
    A worker that cannot even run the check (another cloudpickle, a broken install) is refused
    the same way: a clear configuration error, not the worker's traceback."""

    def installed() -> str | None:  # nested: cloudpickle ships it by value, so it runs anywhere
        from importlib import metadata

        try:
            return metadata.version("reports")
        except metadata.PackageNotFoundError:
            return None

    ours = _ours()
    try:
        found = client.run(installed)
    except (OSError, TimeoutError) as error:
        raise ClusterLost(f"lost the Dask scheduler while checking its workers: {error}") from error
    except Exception as error:  # raised on a worker and sent back: it cannot run our code
        raise ConfigError(
            f"a Dask worker cannot run the version check ({type(error).__name__}: {error});"
            f" install reports[dask]=={ours}, with the same dask, distributed and cloudpickle, on every worker"
        ) from None
    for worker, theirs in found.items():
        if theirs != ours:
            has = f"reports {theirs}" if theirs else "no reports package"
            raise ConfigError(f"Dask worker {worker} has {has}; install reports[dask]=={ours} on every worker")


def _resource() -> str:
    """The Dask resource a worker offers only when it runs this version of reports."""
    return f"reports=={_ours()}"


def _gate(client: Client) -> None:
    """Workers joining mid-run are checked too: a worker plugin, run by every worker now and
    by each one that joins later (Dask sends registered plugins to new workers), offers the
    resource `reports==<version>` only when the worker's own reports is this version. Every
    task asks for that resource, so the scheduler never gives one to another version."""
    from distributed.diagnostics.plugin import WorkerPlugin

    wanted, ours, slots = _resource(), _ours(), _SLOTS

    class ReportsVersion(WorkerPlugin):  # nested: shipped by value, it runs on any version
        name = f"reports-version-gate-{ours}"

        async def setup(self, worker: object) -> None:
            from importlib import metadata

            try:
                theirs = metadata.version("reports")
            except metadata.PackageNotFoundError:
                return
            if theirs != ours:
                return
            await worker.set_resources(**{wanted: slots})  # type: ignore[attr-defined]
            # The scheduler looks again at tasks it could not place ("no-worker") only when a
            # worker joins or resumes; a restarted worker joined before it offered the resource,
            # so it pauses and resumes at once (in order, on its stream after the resource).
            from distributed.core import Status

            if worker.status == Status.running:  # type: ignore[attr-defined]
                worker.status = Status.paused  # type: ignore[attr-defined]
                worker.status = Status.running  # type: ignore[attr-defined]

    try:
        client.register_plugin(ReportsVersion())
    except (OSError, TimeoutError) as error:
        raise ClusterLost(f"lost the Dask scheduler while checking its workers: {error}") from error
    except Exception as error:
        raise ConfigError(
            f"a Dask worker cannot run the version check ({type(error).__name__}: {error});"
            f" install reports[dask]=={ours} on every worker"
        ) from None


def _submit(client: Client, job: Job, templates: Templates | None) -> Future:
    try:
        # pure=False: the same article submitted twice (--force) is briefed again, not looked up.
        return client.submit(
            brief_shipped, job, templates, retries=RETRIES, pure=False, resources={_resource(): 1}
        )
    except (OSError, RuntimeError, TimeoutError) as error:  # closed or disconnected client
        raise ClusterLost(f"lost the Dask scheduler: {error}") from error


def _alone(client: Client, job: Job, templates: Templates | None, in_flight: dict[Future, Job]) -> Briefed | ArticleError:
    """The article briefed with nothing else in flight: if workers still die, it is the cause."""
    future = _submit(client, job, templates)
    in_flight[future] = job  # cancelled on an early stop, like any other task
    _, result = _outcome(next(as_completed([future], loop=client.loop)), in_flight)
    if isinstance(result, _Killed):
        return ArticleError("Dask workers kept dying while briefing it, also when it ran alone (a crash or out of memory; see the workers' logs)")
    return result


def _outcome(future: Future, in_flight: dict[Future, Job]) -> Outcome:
    """The task's result, waiting for it again when Dask reruns it.

    A task that finished on a worker which then died, before its result was fetched, is
    "lost", and Dask runs it again: as_completed has already yielded it, so the status seen
    here may be lost or pending. `result()` waits for the rerun (and a fetch that finds the
    worker gone waits for it too); only a real error of the task itself counts against it."""
    job = in_flight.pop(future)
    try:
        return job, future.result()
    except (FutureCancelledError, CancelledError) as lost:
        raise ClusterLost("lost the connection to the Dask scheduler") from lost
    except KilledWorker as error:  # this task was on every worker that died, allowed-failures times
        return job, _Killed(str(error))
    except Exception as error:  # the task raised, RETRIES times: the environment is suspect
        return job, WorkerLost(f"the task failed on the cluster: {type(error).__name__}: {error}")


class _Killed(WorkerLost):
    """Workers kept dying while the task was on them: the article, or another task beside it."""


class _Window:
    """How many tasks to keep in flight: follows the cluster's size as workers come and go."""

    REFRESH_S = 2.0

    def __init__(self, client: Client) -> None:
        self._client = client
        self._threads = 1
        self._checked = float("-inf")

    def size(self) -> int:
        if time.monotonic() - self._checked > self.REFRESH_S:
            self._checked = time.monotonic()
            try:
                self._threads = max(1, sum(self._client.nthreads().values()))
            except (OSError, TimeoutError):
                pass  # keep the last size; a lost scheduler shows up in the futures
        return TASKS_PER_THREAD * self._threads
