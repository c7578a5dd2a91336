"""Briefing on a Dask cluster beside the local process pool, and the coordinator's memory.

    python bench/cluster.py [--articles 100] [--backlog 2000]

- throughput over --articles dev-corpus articles (BBC and CNN): the local process pool with
  1 and 2 workers (the baseline is the 1-worker pool), then a Dask scheduler with 1 and 2
  local worker processes (`dask worker --nworkers 1 --nthreads 1` each, on 127.0.0.1). Dask
  workers are warmed up first (they import WeasyPrint on their first task, as a forked pool
  worker does not need to);
- peak RSS of the coordinator (`reports run --cluster` itself; the workers are other
  processes) for --articles and for a --backlog of articles on 2 Dask workers: it must stay
  flat, under 300 MB, because only a window of tasks is in flight.
Needs `pip install 'reports[dask]'`.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from backlog import make_inbox  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DAY = "2026-11-25"
MEMORY_TARGET_MB = 300


def timed_run(inbox: Path, out: Path, *, workers: int = 1, cluster: str | None = None) -> dict:
    """One run in a fresh coordinator process: seconds, articles briefed, its peak RSS (MB)."""
    code = (
        "import json, resource, sys, time\n"
        "from datetime import date\nfrom pathlib import Path\n"
        "from reports.config import load_settings\nfrom reports.pipeline import run\n"
        "s = load_settings().replace(paths={'inbox': Path(sys.argv[1]), 'out': Path(sys.argv[2])},\n"
        "                            cluster={'address': sys.argv[4] or None})\n"
        "t = time.perf_counter()\n"
        f"r = run(s, date.fromisoformat('{DAY}'), workers=int(sys.argv[3]))\n"
        "print(json.dumps({'s': time.perf_counter() - t, 'n': len(r.new), 'failed': len(r.failed),\n"
        "  'aborted': r.aborted, 'self_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))\n"
    )
    args = [sys.executable, "-c", code, str(inbox), str(out), str(workers), cluster or ""]
    result = subprocess.run(args, capture_output=True, text=True, cwd=out.parent)
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    return json.loads(result.stdout.splitlines()[-1])


@contextmanager
def dask_cluster(workers: int, folder: Path) -> Iterator[str]:
    """A scheduler and `workers` single-threaded worker processes on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{sock.getsockname()[1]}"
    port = address.rsplit(":", 1)[1]
    log = open(folder / f"dask-{workers}.log", "wb")  # noqa: SIM115
    spawn = lambda *a: subprocess.Popen([sys.executable, "-m", *a], stdout=log, stderr=log, start_new_session=True)  # noqa: E731
    processes = [spawn("distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard")]
    try:
        for _ in range(workers):
            processes.append(spawn(
                "distributed.cli.dask_worker", address, "--host", "127.0.0.1",
                "--nworkers", "1", "--nthreads", "1", "--no-dashboard",
            ))
        from distributed import Client

        with Client(address, timeout=30, set_as_default=False) as client:
            client.wait_for_workers(workers, timeout=60)
        yield address
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100, help="articles for the throughput rows")
    parser.add_argument("--backlog", type=int, default=2000, help="articles for the memory row")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        root = Path(tmp)
        inbox = make_inbox(root / "inbox", args.articles)
        warm = make_inbox(root / "warm", 4)
        rows: list[tuple[str, dict]] = []
        for workers in (1, 2):
            rows.append((f"local process pool, {workers} worker{'s' if workers > 1 else ''}",
                         timed_run(inbox, root / f"local-{workers}", workers=workers)))
        memory: dict = {}
        for workers in (1, 2):
            with dask_cluster(workers, root) as address:
                timed_run(warm, root / f"warm-{workers}", cluster=address)
                result = timed_run(inbox, root / f"dask-{workers}", cluster=address)
                rows.append((f"Dask, {workers} local worker process{'es' if workers > 1 else ''}", result))
                if workers == 2:
                    backlog = make_inbox(root / "backlog", args.backlog)
                    memory = timed_run(backlog, root / "dask-backlog", cluster=address)
        report(rows, args, memory)


def report(rows: list[tuple[str, dict]], args: argparse.Namespace, memory: dict) -> None:
    base = rows[0][1]["n"] / rows[0][1]["s"]
    print(f"throughput, {args.articles} articles, {os.cpu_count()} cores      articles/s   vs pool of 1   coordinator peak RSS")
    for label, r in rows:
        rate = r["n"] / r["s"]
        note = "" if r["n"] == args.articles and not r["failed"] else f"  ({r['n']} briefed, {r['failed']} failed)"
        print(f"  {label:<42} {rate:8.2f}   {rate / base:10.2f}x   {r['self_mb']:10.0f} MB{note}")
    small = rows[-1][1]["self_mb"]
    flat = memory["self_mb"] < MEMORY_TARGET_MB
    print(
        f"coordinator peak RSS on 2 Dask workers: {small:.0f} MB for {args.articles} articles, "
        f"{memory['self_mb']:.0f} MB for {memory['n']:,} ({memory['s']:.0f} s, {memory['n'] / memory['s']:.2f} articles/s;"
        f" target < {MEMORY_TARGET_MB} MB: {'met' if flat else 'MISSED'})"
    )


if __name__ == "__main__":
    main()
