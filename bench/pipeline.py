"""Where a run's time goes, and how it scales: each figure beside its baseline, in one command.

    python bench/pipeline.py [--articles 500] [--idle 10000] [--pages 100]

- throughput: a backlog of dev-corpus articles (BBC and CNN) briefed with 1 worker, then 2
  (the baseline is the 1-worker run; target >= 1.7x on 2 cores);
- time per stage (read, analyse, render, write) for one worker, from the same articles;
- peak memory of the coordinator and of the worst worker for the backlog (target < 500 MB);
- an idle run (nothing new) over a ledger of --idle entries (target < 1 s), beside an idle run
  over an empty ledger; and an idle run over --pages HTML pages already settled (skipped by
  the hash of their bytes) beside the idle run that parsed them;
- start-up time of `reports --help` (target < 0.3 s) beside `python -c pass`.

    python bench/pipeline.py --cluster [--articles 100] [--backlog 2000]

runs bench/cluster.py instead: Dask with 1 and 2 local worker processes beside the local
process pool, and the coordinator's peak memory over a large backlog.

    python bench/pipeline.py --tree-memory [--articles 1000] [--workers 2]

measures one thing only: the peak memory of a whole `reports run` process tree (coordinator
and workers), the sum of each process's resident set (VmRSS in /proc) sampled every
--interval seconds, beside its CPU and wall time (target: 400 MB at 1,000 articles).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from backlog import make_inbox  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
DAY = date(2026, 11, 25)


def timed_run(inbox: Path, out: Path, workers: int) -> tuple[float, int, float, float]:
    """Seconds, articles briefed, peak RSS (MB) of the worst process, and of the coordinator."""
    code = (
        "import json, resource, sys, time\n"
        "from datetime import date\nfrom pathlib import Path\n"
        "from reports.config import load_settings\nfrom reports.pipeline import run\n"
        "s = load_settings().replace(paths={'inbox': Path(sys.argv[1]), 'out': Path(sys.argv[2])})\n"
        "t = time.perf_counter()\n"
        f"r = run(s, date({DAY.year}, {DAY.month}, {DAY.day}), workers=int(sys.argv[3]))\n"
        "print(json.dumps({'s': time.perf_counter() - t, 'n': len(r.new), 'failed': len(r.failed),\n"
        "  'self_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,\n"
        "  'child_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(inbox), str(out), str(workers)], capture_output=True, text=True, cwd=REPO
    )
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return data["s"], data["n"], max(data["self_mb"], data["child_mb"]), data["self_mb"]


def stage_times(inbox: Path, limit: int = 60) -> dict[str, float]:
    """Median milliseconds per article for each stage, in this process (warm)."""
    from reports import ingest, outputs
    from reports.analysis import analyze
    from reports.render import renderer_for

    renderer = renderer_for(None)
    files = sorted(inbox.glob("*.txt"))[:limit]
    times: dict[str, list[float]] = {"read": [], "analyse": [], "render": [], "write": []}
    scratch = Path(tempfile.mkdtemp())
    for index, path in enumerate(files):
        start = time.perf_counter()
        article = next(iter(ingest.read(path)))
        read_done = time.perf_counter()
        analysis = analyze(article)
        analyse_done = time.perf_counter()
        rendered = renderer.briefing(analysis, DAY)
        render_done = time.perf_counter()
        outputs.write_atomic(scratch / f"{index}.pdf", rendered.pdf)
        write_done = time.perf_counter()
        if index:  # the first article pays one-off loads (fonts, dictionaries)
            times["read"].append(read_done - start)
            times["analyse"].append(analyse_done - read_done)
            times["render"].append(render_done - analyse_done)
            times["write"].append(write_done - render_done)
    shutil.rmtree(scratch)
    return {stage: 1000 * statistics.median(values) for stage, values in times.items()}


def idle_run(inbox: Path, out: Path, ledger_entries: int) -> float:
    """Seconds for a run with nothing new, the ledger holding `ledger_entries` articles."""
    from reports.config import load_settings
    from reports.ledger import Ledger
    from reports.pipeline import run

    with Ledger.open(out) as ledger:
        for i in range(ledger_entries):
            ledger.record_rendered(
                f"{i:064x}", article_id=str(i), source=f"old/{i}.txt", run_date="2026-01-01",
                title=f"Old article {i}", outputs=[f"2026-01-01/old-{i}.pdf"], analysis={"id": str(i)},
            )
    settings = load_settings().replace(paths={"inbox": inbox, "out": out})
    run(settings, DAY, workers=1)  # brief the inbox once; the timed run finds nothing new
    run(settings, DAY, workers=1)  # finds every file in the ledger and records it as settled
    start = time.perf_counter()
    report = run(settings, DAY, workers=1)
    assert not report.new
    return time.perf_counter() - start


def html_idle_runs(inbox: Path, out: Path) -> tuple[float, float]:
    """Seconds for an idle run that parses the inbox's pages, then for one that skips them."""
    from reports.config import load_settings
    from reports.pipeline import run

    settings = load_settings().replace(paths={"inbox": inbox, "out": out})
    run(settings, DAY, workers=2)
    times = []
    for _ in range(2):  # the first parses every page and records it settled; the second does not
        start = time.perf_counter()
        assert not run(settings, DAY, workers=1).new
        times.append(time.perf_counter() - start)
    return times[0], times[1]


def startup(command: list[str], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def tree_pids(root: int) -> list[int]:
    """`root` and every process under it, from /proc/<pid>/task/<tid>/children."""
    found, stack = [], [root]
    while stack:
        pid = stack.pop()
        found.append(pid)
        for task in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                stack += [int(child) for child in task.read_text().split()]
            except OSError:  # the task ended while we read
                pass
    return found


def memory_mb(pid: int, file: str = "status", field: str = "VmRSS:") -> float:
    """One process's VmRSS in MB (or Pss, from smaps_rollup: shared pages divided among the
    processes sharing them, so the sum over a forked tree counts them once); 0 once it ended."""
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def tree_memory(articles: int, workers: int, interval: float) -> None:
    """Peak summed RSS of one `reports run` process tree over a backlog of `articles`."""
    reports = Path(sys.executable).parent / "reports"
    work = Path(tempfile.mkdtemp(prefix="reports-bench-tree-"))
    try:
        make_inbox(work / "inbox", articles)
        (work / "reports.toml").write_text('[paths]\ninbox = "inbox"\nout = "out"\n')
        command = [str(reports), "run", "--workers", str(workers), "--date", DAY.isoformat(), "--no-email"]
        load = os.getloadavg()
        start = time.perf_counter()
        with (work / "stderr.txt").open("wb") as errors:
            process = subprocess.Popen(command, cwd=work, stdout=subprocess.DEVNULL, stderr=errors)
        peak, peak_processes, peak_pss = 0.0, 0, 0.0
        while True:
            done, status, usage = os.wait4(process.pid, os.WNOHANG)
            if done:
                break
            pids = tree_pids(process.pid)
            total = sum(memory_mb(pid) for pid in pids)
            if total > peak:
                peak, peak_processes = total, len(pids)
            peak_pss = max(peak_pss, sum(memory_mb(pid, "smaps_rollup", "Pss:") for pid in pids))
            time.sleep(interval)
        wall, code = time.perf_counter() - start, os.waitstatus_to_exitcode(status)
        folder = work / "out" / DAY.isoformat()
        briefed = len(json.loads((folder / "manifest.json").read_text())["articles"]) if (folder / "manifest.json").exists() else 0
        digest = folder / "digest.pdf"
        print(f"load average before {' '.join(f'{x:.1f}' for x in load)}, after {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
              f" on {os.cpu_count()} cores")
        print(f"`reports run --workers {workers}` over {articles} articles: exit {code}, {briefed} briefed,"
              f" digest {digest.stat().st_size / 1e6 if digest.exists() else 0:.0f} MB, wall {wall:.0f} s,"
              f" CPU {usage.ru_utime + usage.ru_stime:.0f} s (with the workers it waited for)")
        print(f"peak RSS of the process tree (summed, sampled every {interval} s): {peak:.0f} MB"
              f" ({peak_processes} processes); summed PSS {peak_pss:.0f} MB; largest single process {usage.ru_maxrss / 1024:.0f} MB (ru_maxrss)")
        if code not in (0, 1):
            print((work / "stderr.txt").read_text(errors="replace")[-2000:])
    finally:
        shutil.rmtree(work, ignore_errors=True)


def row(name: str, value: str, baseline: str, ratio: str = "", target: str = "") -> None:
    print(f"{name:<44} {value:>14} {baseline:>22} {ratio:>8}  {target}")


def main() -> None:
    if "--cluster" in sys.argv:
        sys.argv.remove("--cluster")
        import cluster

        cluster.main()
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--idle", type=int, default=10_000)
    parser.add_argument("--pages", type=int, default=100, help="HTML pages for the settled-files idle run")
    parser.add_argument("--tree-memory", action="store_true", help="only the peak summed RSS of one run's process tree")
    parser.add_argument("--workers", type=int, default=2, help="workers of the --tree-memory run")
    parser.add_argument("--interval", type=float, default=0.2, help="seconds between --tree-memory samples")
    args = parser.parse_args()
    if args.tree_memory:
        tree_memory(args.articles, args.workers, args.interval)
        return
    work = Path(tempfile.mkdtemp(prefix="reports-bench-"))
    try:
        inbox = work / "inbox"
        make_inbox(inbox, args.articles)
        one_s, one_n, one_mb, _ = timed_run(inbox, work / "out1", 1)
        two_s, two_n, two_mb, coordinator_mb = timed_run(inbox, work / "out2", 2)
        stages = stage_times(inbox)
        small = work / "small"
        make_inbox(small, 5)
        idle_run(small, work / "warm", 0)  # first run in this process pays the imports
        idle_empty = idle_run(small, work / "idle0", 0)
        idle_full = idle_run(small, work / "idle1", args.idle)
        pages = make_inbox(work / "pages", args.pages, as_html=True)
        pages_parsed, pages_settled = html_idle_runs(pages, work / "pages-out")
        help_s = startup([str(Path(sys.executable).parent / "reports"), "--help"])
        python_s = startup([sys.executable, "-c", "pass"])
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{'measure':<44} {'value':>14} {'baseline':>22} {'ratio':>8}  target")
    row(f"throughput, 2 workers ({two_n} articles)", f"{two_n / two_s:.1f} art/s", f"1 worker {one_n / one_s:.1f} art/s",
        f"{(two_n / two_s) / (one_n / one_s):.2f}x", ">= 1.7x")
    total = sum(stages.values())
    for stage, ms in stages.items():
        row(f"  {stage} (median per article, 1 worker)", f"{ms:.1f} ms", f"all stages {total:.1f} ms", f"{ms / total:.0%}")
    row("peak memory, 2 workers (worst process)", f"{two_mb:.0f} MB", f"1 worker {one_mb:.0f} MB", "", "< 500 MB")
    row("  of which the coordinator", f"{coordinator_mb:.0f} MB", "")
    row(f"idle run, {args.idle:,} ledger entries", f"{idle_full:.3f} s", f"empty ledger {idle_empty:.3f} s",
        f"{idle_full / idle_empty:.2f}x", "< 1 s")
    row(f"idle run, {args.pages} HTML pages settled", f"{pages_settled:.3f} s", f"parsed {pages_parsed:.3f} s",
        f"{pages_settled / pages_parsed:.2f}x", "< 1 s")
    row("reports --help start-up", f"{help_s:.3f} s", f"python -c pass {python_s:.3f} s",
        f"{help_s / python_s:.2f}x", "< 0.3 s")


if __name__ == "__main__":
    main()
