"""The worst inputs, as whole processes: peak memory of a 20 MB one-line file, and the WAL of a
long run.

    python bench/limits.py                     # both
    python bench/limits.py --huge-only         # the 20 MB files only
    python bench/limits.py --wal-articles 500  # the WAL during a 500-article run

Rows:
- `reports analyze` and `reports run --workers 1` on a 20 MB file holding one line, two ways:
  words with no sentence end (as a dump would be), and prose with full stops. Peak memory is
  the child's ru_maxrss as os.wait4 reports it: the largest of the process and every process
  it waited for (the pool's workers), so the whole run is measured, not one part of it.
- `reports run` over N small distinct articles (generated, not from a corpus: only the ledger
  is measured), sampling the size of `ledger.sqlite3-wal` every 20 ms while it runs, and its
  peak; the WAL is checkpointed as the run goes (ledger.py), so it must stay flat.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

BIN = Path(sys.executable).parent
REPORTS = [str(BIN / "reports")] if (BIN / "reports").exists() else [sys.executable, "-m", "reports.cli"]
HUGE_BYTES = 19_900_000  # under ingest.MAX_FILE_BYTES: read, not refused
WORDS = (
    "the council harbour met on monday while rain fell and the mayor spoke at noon about the market "
    "river bridge school budget police station hospital road ferry workers union strike talks"
).split()


def one_line(path: Path, *, sentences: bool) -> Path:
    rng = random.Random(17)
    parts: list[str] = []
    size = 0
    while size < HUGE_BYTES:
        word = rng.choice(WORDS)
        if sentences and rng.random() < 0.07:
            word += "."
        parts.append(word)
        size += len(word) + 1
    path.write_text(" ".join(parts)[:HUGE_BYTES].rstrip() + ("." if sentences else ""), encoding="utf-8")
    return path


def measured(command: list[str], cwd: Path) -> tuple[float, int, int]:
    """(seconds, peak RSS in MB, exit code) of a whole process and the processes it waited for."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss // 1024, process.returncode


def huge(folder: Path) -> None:
    for sentences in (False, True):
        kind = "prose with full stops" if sentences else "no sentence end"
        project = folder / ("prose" if sentences else "words")
        (project / "inbox").mkdir(parents=True)
        path = one_line(project / "inbox" / "huge.txt", sentences=sentences)
        seconds, mb, code = measured([*REPORTS, "analyze", str(path)], project)
        print(f"20 MB one line ({kind}): reports analyze      {seconds:6.1f} s  peak {mb:4d} MB  exit {code}")
        command = [*REPORTS, "run", "--workers", "1", "--inbox", "inbox", "--out", "out", "--date", "2026-11-25"]
        seconds, mb, code = measured(command, project)
        pdfs = [p for p in (project / "out" / "2026-11-25").glob("*.pdf") if p.name != "digest.pdf"]
        print(f"20 MB one line ({kind}): reports run -w 1     {seconds:6.1f} s  peak {mb:4d} MB  exit {code}  briefings {len(pdfs)}")


def wal(folder: Path, articles: int) -> None:
    inbox = folder / "wal" / "inbox"
    inbox.mkdir(parents=True)
    rng = random.Random(5)
    for i in range(articles):
        body = " ".join(
            " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 18))).capitalize() + "." for _ in range(12)
        )
        (inbox / f"{i:05d}.txt").write_text(f"Story {i} about the harbour\n\n{body}\n", encoding="utf-8")
    out = folder / "wal" / "out"
    wal_path = out / "ledger.sqlite3-wal"
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            try:
                peak = max(peak, wal_path.stat().st_size)
            except FileNotFoundError:
                pass
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    start = time.perf_counter()
    result = subprocess.run(
        [*REPORTS, "run", "--json", "--inbox", str(inbox), "--out", str(out), "--date", "2026-11-25"],
        capture_output=True, text=True, cwd=folder,
    )
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    report = json.loads(result.stdout)
    ledger = (out / "ledger.sqlite3").stat().st_size
    print(
        f"WAL during a {articles}-article run: peak {peak / 1e6:.2f} MB (ledger {ledger / 1e6:.1f} MB),"
        f" {len(report['new'])} briefed in {seconds:.0f} s, exit {result.returncode}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wal-articles", type=int, default=500)
    parser.add_argument("--huge-only", action="store_true")
    parser.add_argument("--wal-only", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        if not args.wal_only:
            huge(Path(scratch))
        if not args.huge_only:
            wal(Path(scratch), args.wal_articles)


if __name__ == "__main__":
    main()
