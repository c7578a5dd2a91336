"""`reports run --cluster`: a real Dask scheduler and worker processes on 127.0.0.1.

The cluster's briefings must match a local run's (PDF text read back, ledger rows); a worker
killed mid-run must leave every article briefed exactly once; a lost scheduler must leave a
consistent ledger that a re-run completes. Without --cluster, Dask is never imported.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SHARED, free_port, pdf_text

DAY = "2026-11-25"
CORPUS = SHARED / "corpus" / "summaries" / "bbc-dev.jsonl"
ARTICLES = 16  # enough for two workers to share a run and for a kill to land mid-run
WAIT_S = 600  # a bound for a hang, not a speed claim: a loaded 2-core machine is slow


class Cluster:
    """A `dask scheduler` and `dask worker` processes, each in its own process group."""

    def __init__(self, folder: Path, *, worker_args: tuple[str, ...] = (), env: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.worker_args = worker_args
        self.env = {**os.environ, **(env or {})}
        self.address = f"tcp://127.0.0.1:{free_port()}"
        self.scheduler: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []

    def start(self, workers: int) -> Cluster:
        port = self.address.rsplit(":", 1)[1]
        self.scheduler = self._spawn("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard")
        for _ in range(workers):
            self.add_worker()
        self.wait_for(workers)
        return self

    def add_worker(self) -> subprocess.Popen:
        worker = self._spawn(
            "distributed.cli.dask_worker", self.address, "--host", "127.0.0.1",
            "--nworkers", "1", "--nthreads", "1", "--no-dashboard", *self.worker_args,
        )
        self.workers.append(worker)
        return worker

    def wait_for(self, workers: int) -> None:
        from distributed import Client

        with Client(self.address, timeout=120, set_as_default=False) as client:  # the scheduler is up
            if workers:
                client.wait_for_workers(workers, timeout=WAIT_S)

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL the whole group: the worker and its nanny, as when a machine dies."""
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop(self) -> None:
        for process in [*self.workers, self.scheduler]:
            if process is not None:
                self.kill(process)

    def _spawn(self, module: str, *args: str) -> subprocess.Popen:
        log = open(self.folder / f"{module.rsplit('_', 1)[1]}-{len(self.workers)}.log", "wb")  # noqa: SIM115
        return subprocess.Popen(
            [sys.executable, "-m", module, *args], cwd=self.folder, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True, env=self.env,
        )


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    started = Cluster(tmp_path_factory.mktemp("cluster"))
    try:
        yield started.start(workers=2)
    finally:
        started.stop()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """ARTICLES dev-corpus articles in one JSONL file."""
    return _inbox(tmp_path, ARTICLES)


def _inbox(tmp_path: Path, articles: int) -> Path:
    assert CORPUS.is_file(), f"{CORPUS} is missing: these tests brief real dev-corpus articles"
    folder = tmp_path / "inbox"
    folder.mkdir()
    lines = CORPUS.read_text(encoding="utf-8").splitlines()[:articles]
    (folder / "bbc.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def reports(*args: str, cwd: Path) -> subprocess.Popen:
    """The real `reports` command in its own process; Dask's connect timeout cut to 3 s."""
    return subprocess.Popen(
        [sys.executable, "-c", "from reports.cli import main; main()", *args],
        cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "3s"},
    )


def run(*args: str, cwd: Path) -> tuple[int, dict, str]:
    process = reports("run", "--json", "--date", DAY, *args, cwd=cwd)
    stdout, stderr = process.communicate(timeout=WAIT_S)
    return process.returncode, json.loads(stdout), stderr


def ledger(out: Path) -> dict[str, tuple]:
    with sqlite3.connect(out / "ledger.sqlite3") as db:
        rows = db.execute("SELECT key, status, outputs, attempts FROM articles").fetchall()
    return {key: (status, json.loads(outputs), attempts) for key, status, outputs, attempts in rows}


def pdfs(out: Path) -> dict[str, str]:
    return {path.name: pdf_text(path) for path in sorted((out / DAY).glob("*.pdf")) if path.name != "digest.pdf"}


def test_a_cluster_run_briefs_as_a_local_run_does(cluster: Cluster, inbox: Path, tmp_path: Path):
    code, report, stderr = run("--inbox", str(inbox), "--out", "on-cluster", "--cluster", cluster.address, cwd=tmp_path)
    assert (code, report["failed"], len(report["new"])) == (0, [], ARTICLES), stderr
    code, local, _ = run("--inbox", str(inbox), "--out", "local", "--workers", "2", cwd=tmp_path)
    assert (code, len(local["new"])) == (0, ARTICLES)
    assert ledger(tmp_path / "on-cluster") == ledger(tmp_path / "local")
    on_cluster, at_home = pdfs(tmp_path / "on-cluster"), pdfs(tmp_path / "local")
    assert len(on_cluster) == ARTICLES and on_cluster == at_home
    manifest = json.loads((tmp_path / "on-cluster" / DAY / "manifest.json").read_text())
    assert len(manifest["articles"]) == ARTICLES


def test_the_user_templates_travel_with_the_task(cluster: Cluster, inbox: Path, tmp_path: Path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "briefing.html").write_text(
        '{% extends "default/briefing.html" %}{% block summary %}<p>Shipped to the worker</p>{% endblock %}\n'
    )
    (inbox / "bbc.jsonl").write_text((inbox / "bbc.jsonl").read_text().splitlines()[0] + "\n")
    code, report, stderr = run("--inbox", str(inbox), "--out", "out", "--cluster", cluster.address, cwd=tmp_path)
    assert code == 0, stderr
    assert "Shipped to the worker" in pdf_text(Path(report["new"][0]["pdf"]))


def test_a_worker_killed_mid_run_costs_no_article(cluster: Cluster, tmp_path: Path):
    inbox = _inbox(tmp_path, ARTICLES)
    process = reports("run", "--json", "--date", DAY, "--inbox", str(inbox), "--out", "out", "--cluster", cluster.address, cwd=tmp_path)
    try:
        _wait_for_pdfs(tmp_path / "out" / DAY, 4)
        victim = cluster.workers.pop(0)
        cluster.kill(victim)
        stdout, stderr = process.communicate(timeout=WAIT_S)
    finally:
        if process.poll() is None:
            process.kill()
        cluster.add_worker()  # two again, for whatever runs next
    report = json.loads(stdout)
    assert (process.returncode, report["failed"], len(report["new"])) == (0, [], ARTICLES), stderr
    rows = ledger(tmp_path / "out")
    assert len(rows) == ARTICLES and {status for status, _, _ in rows.values()} == {"rendered"}
    assert {attempts for _, _, attempts in rows.values()} == {1}  # each recorded once
    assert len(pdfs(tmp_path / "out")) == ARTICLES


def test_an_article_that_kills_workers_fails_alone_and_is_not_tried_again(tmp_path: Path):
    """Dask blames every task on a dying worker; with allowed-failures at 0 one death is enough,
    so the articles beside the killer are blamed too and must be cleared by a run alone."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(6):
        (inbox / f"story{n}.txt").write_text(f"Story {n} is about the harbour. The council met on day {n}.\n")
    (inbox / "story2.txt").write_text("This story KILLS ITS WORKER when it is briefed. It has two sentences.\n")
    poisoned = Cluster(
        tmp_path,
        worker_args=("--preload", str(Path(__file__).with_name("dask_poison.py"))),
        env={"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "0"},
    )
    try:
        poisoned.start(workers=2)
        code, report, stderr = run("--inbox", str(inbox), "--out", "out", "--cluster", poisoned.address, cwd=tmp_path)
        assert code == 1, stderr
        assert len(report["new"]) == 5
        (failure,) = report["failed"]
        assert Path(failure["source"]).name == "story2.txt" and "also when it ran alone" in failure["reason"]
        # Recorded as failed: the next run neither tries it again nor reports it again.
        code, again, stderr = run("--inbox", str(inbox), "--out", "out", "--cluster", poisoned.address, cwd=tmp_path)
        assert (code, again["new"], again["failed"], again["skipped"]) == (0, [], [], 6), stderr
    finally:
        poisoned.stop()


def test_a_lost_scheduler_stops_the_run_and_a_rerun_finishes(cluster: Cluster, tmp_path: Path):
    inbox = _inbox(tmp_path, 12)
    lost = Cluster(tmp_path).start(workers=1)
    try:
        process = reports("run", "--json", "--date", DAY, "--inbox", str(inbox), "--out", "out", "--cluster", lost.address, cwd=tmp_path)
        _wait_for_pdfs(tmp_path / "out" / DAY, 3)
        lost.kill(lost.scheduler)
        stdout, stderr = process.communicate(timeout=WAIT_S)
    finally:
        lost.stop()
    assert stdout, stderr  # the run prints its JSON even when the scheduler goes away
    report = json.loads(stdout)
    assert process.returncode == 1 and "Dask scheduler" in report["aborted"], stderr
    # Our one line says what happened; Dask's own ERROR tracebacks stay off stderr (and cron mail).
    assert "Traceback" not in stderr and "distributed." not in stderr, stderr
    done = ledger(tmp_path / "out")
    assert 3 <= len(done) < 12 and len(report["new"]) == len(done)
    manifest = json.loads((tmp_path / "out" / DAY / "manifest.json").read_text())
    assert len(manifest["articles"]) == len(done) == len(pdfs(tmp_path / "out"))
    # Another scheduler (the module's cluster) finishes the rest.
    code, rerun, stderr = run("--inbox", str(inbox), "--out", "out", "--cluster", cluster.address, cwd=tmp_path)
    assert (code, len(rerun["new"]), rerun["skipped"]) == (0, 12 - len(done), len(done)), stderr
    assert len(ledger(tmp_path / "out")) == 12 and len(pdfs(tmp_path / "out")) == 12


def test_an_unreachable_scheduler_is_reported_and_nothing_is_recorded(inbox: Path, tmp_path: Path):
    code, report, stderr = run("--inbox", str(inbox), "--out", "out", "--cluster", f"tcp://127.0.0.1:{free_port()}", cwd=tmp_path)
    assert code == 1 and "cannot reach the Dask scheduler" in report["aborted"]
    assert ledger(tmp_path / "out") == {}


def test_a_scheduler_without_workers_stops_the_run_instead_of_waiting_forever(inbox: Path, tmp_path: Path):
    empty = Cluster(tmp_path).start(workers=0)
    try:
        (tmp_path / "reports.toml").write_text("[cluster]\nworker_wait_seconds = 2\n")
        started = time.monotonic()
        code, report, stderr = run("--inbox", str(inbox), "--out", "out", "--cluster", empty.address, cwd=tmp_path)
        assert code == 1 and "no Dask worker joined the scheduler" in report["aborted"], stderr
        assert time.monotonic() - started < 60 and ledger(tmp_path / "out") == {}
    finally:
        empty.stop()


def test_a_bad_cluster_address_is_a_usage_error(project: Path, cli):
    result = cli("run", "--cluster", "http://example.org")
    assert result.exit_code == 2 and "cluster.address" in result.stderr
    (project / "reports.toml").write_text('[cluster]\nadress = "tcp://127.0.0.1:8786"\n')
    result = cli("run")
    assert result.exit_code == 2 and "unknown key cluster.adress" in result.stderr


def test_a_local_run_never_imports_dask(project: Path):
    script = (
        "import sys\n"
        "from reports.cli import main\n"
        "try:\n"
        "    main(['run', '--workers', '1', '--date', '2026-11-25'])\n"
        "except SystemExit as end:\n"
        "    assert end.code == 0, end.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=project, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def _wait_for_pdfs(folder: Path, count: int, timeout: float = WAIT_S) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if folder.is_dir() and len([p for p in folder.glob("*.pdf") if p.name != "digest.pdf"]) >= count:
            return
        time.sleep(0.1)
    raise AssertionError(f"fewer than {count} PDFs in {folder} after {timeout} s")


def test_one_poison_article_among_40_fails_alone_on_two_workers(tmp_path: Path):
    """A task finished on a worker that the poison then killed is rerun by Dask: it must not be
    counted as failed ("NoneType: None") beside the one article that really kills workers."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(40):
        (inbox / f"story{n:02d}.txt").write_text(f"Story {n} is about the harbour. The council met on day {n}. It rained.\n")
    (inbox / "story17.txt").write_text("This story KILLS ITS WORKER when it is briefed. It has two sentences.\n")
    poisoned = Cluster(
        tmp_path,
        worker_args=("--preload", str(Path(__file__).with_name("dask_poison.py"))),
        env={"DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": "1"},  # two deaths a try: a short test
    )
    try:
        poisoned.start(workers=2)
        code, report, stderr = run("--inbox", str(inbox), "--out", "out", "--cluster", poisoned.address, cwd=tmp_path)
    finally:
        poisoned.stop()
    assert code == 1, stderr
    assert [Path(f["source"]).name for f in report["failed"]] == ["story17.txt"], report["failed"]
    assert len(report["new"]) == 39


def test_a_worker_of_another_version_joining_mid_run_gets_no_task(tmp_path: Path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(60):
        (inbox / f"story{n:02d}.txt").write_text(f"Story {n} is about the harbour. The council met on day {n}. It rained.\n")
    log = tmp_path / "briefed-by-the-other-version.log"
    mixed = Cluster(tmp_path, env={"REPORTS_TEST_BRIEFED_LOG": str(log)})
    try:
        mixed.start(workers=1)
        process = reports("run", "--json", "--date", DAY, "--inbox", str(inbox), "--out", "out", "--cluster", mixed.address, cwd=tmp_path)
        _wait_for_pdfs(tmp_path / "out" / DAY, 2)
        mixed.worker_args = ("--preload", str(Path(__file__).with_name("dask_other_version.py")))
        mixed.add_worker()
        mixed.wait_for(2)
        assert process.poll() is None, "the run ended before the other worker joined"
        stdout, stderr = process.communicate(timeout=WAIT_S)
    finally:
        if process.poll() is None:
            process.kill()
        mixed.stop()
    report = json.loads(stdout)
    assert (process.returncode, report["failed"], len(report["new"])) == (0, [], 60), stderr
    assert not log.exists(), log.read_text()


def test_a_worker_that_cannot_run_the_check_is_a_clear_exit_2(inbox: Path, tmp_path: Path):
    broken = Cluster(tmp_path, worker_args=("--preload", str(Path(__file__).with_name("dask_other_cloudpickle.py"))))
    try:
        broken.start(workers=1)
        process = reports("run", "--date", DAY, "--inbox", str(inbox), "--out", "out", "--cluster", broken.address, cwd=tmp_path)
        _, stderr = process.communicate(timeout=WAIT_S)
    finally:
        broken.stop()
    assert process.returncode == 2, stderr
    assert "Traceback" not in stderr and "cannot run the version check" in stderr
    assert len(stderr.strip().splitlines()) == 1, stderr
