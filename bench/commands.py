"""Speed as users see it: every row is a whole process, timed from outside, in one bench run.

    python bench/commands.py                      # modest defaults
    python bench/commands.py --articles 700 --idle 40,1000 --mixed 100
    python bench/commands.py --mixed 100 --only-workers   # `run --workers 2` against 1 alone

Rows: `reports analyze` over dev articles (BBC, then CNN-Corpus, one jsonl) against summa's
TextRank over the same texts; an idle `reports run` over briefed inboxes; `reports --help`;
`run --workers 2` against `--workers 1`; a briefing page against bare WeasyPrint's
one-paragraph page. On a shared machine absolute times are noisy: the ratios, measured in
the same run, are what to compare.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from backlog import CORPORA, make_inbox  # noqa: E402

# As installed: bytecode cached (here outside the tree), whatever the calling shell says.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
os.environ.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "reports-bench-pycache"))

BIN = Path(sys.executable).parent
REPORTS = [str(BIN / "reports")] if (BIN / "reports").exists() else [sys.executable, "-m", "reports.cli"]


def dev_rows(count: int) -> list[dict]:
    rows = [json.loads(line) for name in ("bbc-dev.jsonl", "cnn-corpus-dev.jsonl") for line in (CORPORA / name).open()]
    return rows[:count]


@dataclass(frozen=True)
class Timing:
    """Median wall time and the CPU time (user + system) of the process and all its children:
    on a loaded machine the wall time grows with the load, the CPU time much less."""

    wall: float
    cpu: float

    def __str__(self) -> str:
        return f"{self.wall:.2f} s (CPU {self.cpu:.2f} s)"


def timed(command: list[str], repeat: int = 1, **kwargs: object) -> Timing:
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=REPO, **kwargs)  # type: ignore[call-overload]
        walls.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return Timing(statistics.median(walls), statistics.median(cpus))


SUMMA = (
    "import json, sys\nfrom summa.summarizer import summarize\n"
    "for line in open(sys.argv[1]):\n    summarize(json.loads(line)['text'], words=60)\n"
)

BARE_PAGE = (
    "import sys, weasyprint\n"
    "weasyprint.HTML(string='<p>' + 'A short paragraph of plain text. ' * 8 + '</p>').write_pdf(sys.argv[1])\n"
)


# The digest is made once at the end of a run, in the coordinator alone: the serial part,
# timed as a whole build of the same day (qpdf copies the briefings; nothing is held during the run).
DIGEST = (
    "import sys, time, datetime, json, pathlib\nfrom reports import digest\nfrom reports.render import renderer_for\n"
    "out = pathlib.Path(sys.argv[1]); day = datetime.date.fromisoformat(next(p.name for p in out.iterdir() if p.is_dir()))\n"
    "folder = out / day.isoformat(); path = folder / digest.DIGEST_NAME; renderer_for(None, None)\n"
    "path.unlink(); wall, cpu = time.perf_counter(), time.process_time(); digest.build(out, day)\n"
    "print(time.perf_counter() - wall, time.process_time() - cpu)\n"
)


def run_command(inbox: Path, out: Path, workers: int) -> list[str]:
    return [*REPORTS, "run", "--inbox", str(inbox), "--out", str(out), "--workers", str(workers), "--no-email"]


def row(name: str, value: str, other: str = "", ratio: str = "", goal: str = "") -> None:
    print(f"| {name} | {value} | {other} | {ratio} | {goal} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=700, help="dev articles for analyze and summa")
    parser.add_argument("--idle", default="40", help="comma-separated inbox sizes for the idle run, e.g. 40,1000")
    parser.add_argument("--mixed", type=int, default=40, help="BBC+CNN articles for --workers 2 against 1")
    parser.add_argument("--only-workers", action="store_true", help="only the --workers 2 against 1 rows (an idle machine's check)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores\n")
        print("| command, whole process | figure | against | ratio (wall; CPU) | goal |\n|---|---|---|---|---|")
        if not args.only_workers:
            commands(args, tmp)
        workers(args, tmp)
        if not args.only_workers:
            single_page(tmp)
        print(f"\nload average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


def commands(args: argparse.Namespace, tmp: Path) -> None:
    """analyze against summa, the idle run, --help."""
    rows = dev_rows(args.articles)
    corpus = tmp / "dev.jsonl"
    corpus.write_text("".join(json.dumps({"id": r["id"], "title": r["title"], "text": r["text"]}) + "\n" for r in rows))
    timed([*REPORTS, "analyze", str(REPO / "seeds"), "--format", "jsonl"])  # caches the bytecode
    analyze = timed([*REPORTS, "analyze", str(corpus), "--format", "jsonl"])
    alone = timed([*REPORTS, "analyze", str(corpus), "--format", "jsonl", "--workers", "1"])
    summa = timed([sys.executable, "-c", SUMMA, str(corpus)])
    n = len(rows)
    for name, timing in ((f"`reports analyze`, {n} dev articles, jsonl (a worker per core)", analyze),
                         ("the same, `--workers 1`", alone)):
        row(name, f"{timing}, {n / timing.wall:.0f} articles/s",
            f"summa TextRank {summa}, {n / summa.wall:.0f} articles/s",
            f"{summa.wall / timing.wall:.2f}x; {summa.cpu / timing.cpu:.2f}x", "at least summa's articles/s")
    for size in (int(s) for s in args.idle.split(",") if s):
        inbox, out = make_inbox(tmp / f"idle-{size}", size), tmp / f"idle-out-{size}"
        timed(run_command(inbox, out, 2))  # brief them all
        timed(run_command(inbox, out, 1))  # records the settled files
        row(f"idle `reports run`, {size} briefed files", str(timed(run_command(inbox, out, 1), repeat=3)),
            goal="under 0.5 s")
    row("`reports --help`", str(timed([*REPORTS, "--help"], repeat=5)),
        f"`python -c pass` {timed([sys.executable, '-c', 'pass'], repeat=5)}", goal="under 0.3 s")


def workers(args: argparse.Namespace, tmp: Path) -> None:
    """`run --workers 2` against `--workers 1` on the same articles, and the digest's serial share."""
    mixed = make_inbox(tmp / "mixed", args.mixed)
    one = timed(run_command(mixed, tmp / "out-1", 1))
    two = timed(run_command(mixed, tmp / "out-2", 2))
    # CPU time is about the same for both: the ratio that counts is the wall's. On a machine
    # whose cores are busy with other work, two workers cannot get two cores.
    row(f"`run --workers 2`, {args.mixed} BBC+CNN articles", str(two), f"`--workers 1` {one}",
        f"{one.wall / two.wall:.2f}x; CPU {two.cpu / one.cpu:.2f}x", "at least 1.7x")
    if args.mixed:
        done = subprocess.run([sys.executable, "-c", DIGEST, str(tmp / "out-1")], capture_output=True, text=True,
                              check=True, cwd=REPO)
        wall, cpu = (float(x) for x in done.stdout.split())
        row(f"the digest of the {args.mixed}, a whole build (in-process, serial)", f"{wall:.2f} s (CPU {cpu:.2f} s)",
            f"`--workers 1` CPU {one.cpu:.2f} s", f"{cpu / one.cpu:.0%} of the CPU")


def single_page(tmp: Path) -> None:
    """One briefing page against a bare WeasyPrint page."""
    single = make_inbox(tmp / "single", 1)
    briefs = [timed(run_command(single, tmp / f"out-single-{i}", 1)) for i in range(3)]  # a fresh output each
    brief = Timing(statistics.median(t.wall for t in briefs), statistics.median(t.cpu for t in briefs))
    bare = timed([sys.executable, "-c", BARE_PAGE, str(tmp / "bare.pdf")], repeat=3)
    row("`reports run`, one briefing page", str(brief), f"bare WeasyPrint page {bare}",
        f"{brief.wall / bare.wall:.2f}x; {brief.cpu / bare.cpu:.2f}x", "at most 8x")


if __name__ == "__main__":
    main()
