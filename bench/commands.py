"""Speed as users see it: every row is a whole process, timed from outside, in one bench run.

    python bench/commands.py                      # modest defaults
    python bench/commands.py --articles 700 --idle 40,1000 --mixed 100

Rows: `reports analyze` over dev articles (BBC, then CNN-Corpus, one jsonl) against summa's
TextRank over the same texts; an idle `reports run` over briefed inboxes; `reports --help`;
`run --workers 2` against `--workers 1`; a briefing page against bare WeasyPrint's
one-paragraph page. On a shared machine absolute times are noisy: the ratios, measured in
the same run, are what to compare.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from backlog import CORPORA, make_inbox  # noqa: E402

BIN = Path(sys.executable).parent
REPORTS = [str(BIN / "reports")] if (BIN / "reports").exists() else [sys.executable, "-m", "reports.cli"]


def dev_rows(count: int) -> list[dict]:
    rows = [json.loads(line) for name in ("bbc-dev.jsonl", "cnn-corpus-dev.jsonl") for line in (CORPORA / name).open()]
    return rows[:count]


def timed(command: list[str], repeat: int = 1, **kwargs: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True, cwd=REPO, **kwargs)  # type: ignore[call-overload]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


SUMMA = (
    "import json, sys\nfrom summa.summarizer import summarize\n"
    "for line in open(sys.argv[1]):\n    summarize(json.loads(line)['text'], words=60)\n"
)

BARE_PAGE = (
    "import sys, weasyprint\n"
    "weasyprint.HTML(string='<p>' + 'A short paragraph of plain text. ' * 8 + '</p>').write_pdf(sys.argv[1])\n"
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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        print("| command, whole process | figure | against | ratio | goal |\n|---|---|---|---|---|")
        rows = dev_rows(args.articles)
        corpus = tmp / "dev.jsonl"
        corpus.write_text("".join(json.dumps({"id": r["id"], "title": r["title"], "text": r["text"]}) + "\n" for r in rows))
        analyze_s = timed([*REPORTS, "analyze", str(corpus), "--format", "json"])
        summa_s = timed([sys.executable, "-c", SUMMA, str(corpus)])
        n = len(rows)
        row(f"`reports analyze`, {n} dev articles, jsonl", f"{analyze_s:.1f} s, {n / analyze_s:.0f} articles/s",
            f"summa TextRank {summa_s:.1f} s, {n / summa_s:.0f} articles/s", f"{summa_s / analyze_s:.2f}x",
            "at least summa's articles/s")
        for size in (int(s) for s in args.idle.split(",") if s):
            inbox, out = make_inbox(tmp / f"idle-{size}", size), tmp / f"idle-out-{size}"
            timed(run_command(inbox, out, 2))  # brief them all
            timed(run_command(inbox, out, 1))  # records the settled files
            row(f"idle `reports run`, {size} briefed files", f"{timed(run_command(inbox, out, 1), repeat=3):.2f} s",
                goal="under 0.5 s")
        row("`reports --help`", f"{timed([*REPORTS, '--help'], repeat=5):.2f} s",
            f"`python -c pass` {timed([sys.executable, '-c', 'pass'], repeat=5):.2f} s", goal="under 0.3 s")
        mixed = make_inbox(tmp / "mixed", args.mixed)
        one = timed(run_command(mixed, tmp / "out-1", 1))
        two = timed(run_command(mixed, tmp / "out-2", 2))
        row(f"`run --workers 2`, {args.mixed} BBC+CNN articles", f"{two:.1f} s", f"`--workers 1` {one:.1f} s",
            f"{one / two:.2f}x", "at least 1.7x")
        single = make_inbox(tmp / "single", 1)
        brief = timed(run_command(single, tmp / "out-single", 1))
        bare = timed([sys.executable, "-c", BARE_PAGE, str(tmp / "bare.pdf")])
        row("`reports run`, one briefing page", f"{brief:.2f} s", f"bare WeasyPrint page {bare:.2f} s",
            f"{brief / bare:.2f}x", "at most 8x")


if __name__ == "__main__":
    main()
