"""Documents/s of the quotation extraction, this tree against another, in the same run.

    git archive main reports | tar -x -C /tmp/base
    python bench/quotes_speed.py --against /tmp/base [--rounds 3] [--limit N]

Each round runs one child process per tree, the trees alternated so that both meet the same
load (the machine is shared: a figure from another hour says little). A child reads the dev
file, runs `split` + `extract` over it once to fill the per-process caches, then takes the
CPU time of the best of two more passes. The last line is this tree's best figure over the
other's: the ratio to quote, with the figures themselves.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEV = REPO.parent / "shared" / "corpus" / "quotes" / "polnear-dev.jsonl"

# run with the tree to time first on PYTHONPATH, from / so that no folder shadows it
_CHILD = """
import json, sys, time
from reports.analysis.quotes import extract
from reports.analysis.text import split
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
texts = texts[: int(sys.argv[2])] if int(sys.argv[2]) else texts
def once():
    started = time.process_time()
    for text in texts:
        extract(split(text))
    return time.process_time() - started
once()
print(len(texts) / min(once(), once()))
"""


def docs_per_second(tree: Path, limit: int) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, "-c", _CHILD, str(DEV), str(limit)], env=env, cwd="/",
                          capture_output=True, text=True, check=True)
    return float(done.stdout.strip())


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--against", type=Path, required=True, help="the other tree (holds reports/)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=int, default=0, help="the first N dev articles (0: all)")
    args = parser.parse_args(argv)
    if not (args.against / "reports").is_dir():
        sys.exit(f"{args.against}: no reports/ package in it")
    best = {"this": 0.0, "other": 0.0}
    for round_ in range(1, args.rounds + 1):
        for name, tree in (("other", args.against), ("this", REPO)):
            figure = docs_per_second(tree, args.limit)
            best[name] = max(best[name], figure)
            print(f"round {round_} {name:5} {figure:6.1f} docs/s")
    print(f"best: this {best['this']:.1f}, other {best['other']:.1f} docs/s; "
          f"ratio {best['this'] / best['other']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
