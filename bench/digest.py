"""What the day's digest costs, as whole processes: peak memory and CPU of `reports digest` on days
of N briefings, and a day that grows run by run against the same runs into fresh days.

    nice -n 10 python bench/digest.py [--sizes 200,800] [--runs 40 --per-run 10] [--write docs/digest.md]

1. A small day is briefed for real (the BBC dev set); days of N briefings are made from it by
   copying its briefing files under new names with their manifest entries (new ids and titles:
   N distinct stories), so only the digest is measured. `reports digest` then makes each whole
   (the digest record is removed first): wall, CPU (user + system) and peak RSS (ru_maxrss of
   the process, as os.wait4 reports it).
2. A growing day: `--runs` runs of `--per-run` new articles each into one day, each paired with
   the same articles run into a fresh day (its own output folder); CPU of the whole `reports run`
   process of each, summed, and the ratio of the first and last tenth of the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "summaries" / "bbc-dev.jsonl"
MORE = CORPUS.with_name("cnn-corpus-dev.jsonl")  # after BBC's 400: 40 runs of 10 need 420
BIN = Path(sys.executable).parent
REPORTS = [str(BIN / "reports")] if (BIN / "reports").exists() else [sys.executable, "-m", "reports.cli"]
DAY = "2026-11-25"


def measured(command: list[str], cwd: Path) -> tuple[float, float, int, int]:
    """(wall s, CPU s, peak RSS MB, exit code) of a whole process and those it waited for."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, os.waitstatus_to_exitcode(status)


def write_inbox(folder: Path, rows: list[dict], name: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / name).open("w") as out:
        for row in rows:
            out.write(json.dumps({"id": row["id"], "title": row["title"], "text": row["text"]}) + "\n")


def project(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "reports.toml").write_text('[paths]\ninbox = "inbox"\nout = "out"\n')
    return folder


def day_of(base: Path, size: int, target: Path) -> Path:
    """A project whose day holds `size` briefings: copies of `base`'s, under new names."""
    entries = json.loads((base / "out" / DAY / "manifest.json").read_text())["articles"]
    project(target)
    folder = target / "out" / DAY
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(size):
        entry = dict(entries[i % len(entries)])
        name = f"copy-{i:05d}-{Path(entry['pdf']).name}"
        shutil.copyfile(base / "out" / entry["pdf"], folder / name)
        entry.update(id=f"{entry['id']}-{i}", title=f"{entry['title']} ({i})", pdf=f"{DAY}/{name}", update_of=None)
        made.append(entry)
    (folder / "manifest.json").write_text(json.dumps({"date": DAY, "articles": made}))
    return target


def sizes_rows(work: Path, sizes: list[int], lines: list[str]) -> None:
    base = project(work / "base")
    rows = [json.loads(line) for line in CORPUS.open()][:20]
    write_inbox(base / "inbox", rows, "day.jsonl")
    subprocess.run([*REPORTS, "run", "--workers", "1", "--date", DAY], cwd=base, check=True, capture_output=True)
    lines += ["| briefings in the day | `reports digest` wall | CPU | peak RSS | pages |", "|---|---|---|---|---|"]
    peaks = {}
    for size in sizes:
        target = day_of(base, size, work / f"day-{size}")
        wall, cpu, peak, code = measured([*REPORTS, "digest", "--date", DAY], target)
        assert code == 0, f"reports digest exited {code}"
        from pypdf import PdfReader

        pages = len(PdfReader(target / "out" / DAY / "digest.pdf").pages)
        peaks[size] = peak
        lines.append(f"| {size} | {wall:.1f} s | {cpu:.1f} s | {peak} MB | {pages} |")
        print(lines[-1], flush=True)
        shutil.rmtree(target)
    if len(sizes) > 1:
        lines.append(f"\nPeak RSS, {max(sizes)} against {min(sizes)}: {peaks[max(sizes)] / peaks[min(sizes)]:.2f}x")


def growing_rows(work: Path, runs: int, per_run: int, lines: list[str]) -> None:
    rows = [json.loads(line) for path in (CORPUS, MORE) for line in path.open()][20 : 20 + runs * per_run]
    assert len(rows) == runs * per_run, f"the dev corpora hold {len(rows) + 20} articles, not {20 + runs * per_run}"
    day = project(work / "growing")
    grown, fresh = [], []
    for run in range(runs):
        batch = rows[run * per_run : (run + 1) * per_run]
        write_inbox(day / "inbox", batch, f"run-{run:03d}.jsonl")
        alone = project(work / f"fresh-{run}")
        write_inbox(alone / "inbox", batch, "run.jsonl")
        command = [*REPORTS, "run", "--workers", "1", "--date", DAY, "--no-email"]
        _, cpu_grown, peak, code = measured(command, day)
        assert code in (0, 1), f"run {run} into the day exited {code}"  # 1: an article of the corpus failed
        _, cpu_fresh, _, code = measured(command, alone)
        assert code in (0, 1), f"run {run} into a fresh day exited {code}"
        shutil.rmtree(alone)
        grown.append(cpu_grown)
        fresh.append(cpu_fresh)
        print(f"run {run + 1}: into the day {cpu_grown:.2f} s CPU (peak {peak} MB), fresh {cpu_fresh:.2f} s", flush=True)
    tenth = max(1, runs // 10)
    lines += [
        "", f"| {runs} runs of {per_run} articles | CPU into one day | CPU into fresh days | ratio |", "|---|---|---|---|",
        f"| all | {sum(grown):.1f} s | {sum(fresh):.1f} s | {sum(grown) / sum(fresh):.2f}x |",
        f"| runs 1-{tenth} | {sum(grown[:tenth]):.1f} s | {sum(fresh[:tenth]):.1f} s | {sum(grown[:tenth]) / sum(fresh[:tenth]):.2f}x |",
        f"| runs {runs - tenth + 1}-{runs} | {sum(grown[-tenth:]):.1f} s | {sum(fresh[-tenth:]):.1f} s"
        f" | {sum(grown[-tenth:]) / sum(fresh[-tenth:]):.2f}x |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,800", help="comma-separated day sizes for `reports digest`")
    parser.add_argument("--runs", type=int, default=0, help="runs into one growing day (0: skip)")
    parser.add_argument("--per-run", type=int, default=10)
    parser.add_argument("--write", type=Path, help="also write the tables to this Markdown file")
    args = parser.parse_args()
    lines = [f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores", ""]
    with tempfile.TemporaryDirectory(prefix="bench-digest-") as tmp:
        work = Path(tmp)
        sizes = [int(s) for s in args.sizes.split(",") if s]
        if sizes:
            sizes_rows(work, sizes, lines)
        if args.runs:
            growing_rows(work, args.runs, args.per_run, lines)
    lines.append(f"\nload average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    print("\n".join(lines))
    if args.write:
        args.write.write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
