"""CPU time of a whole `reports analyze` process over a fixed set of texts, this tree against another.

    python bench/analyze_cpu.py [--against DIR] [--articles 700] [--repeat 3]

The texts are the first N dev articles of ../shared/corpus/summaries (BBC, then CNN-Corpus) and
the GMB entity dev file, as one jsonl. Each row is user+sys CPU time of the child process (the
machine is shared, so wall time is noise), the minimum of --repeat runs, the trees interleaved
in the same bench run. --against DIR runs the same command with DIR first on PYTHONPATH (e.g. a
`git archive` of main), so the ratio says whether this tree made the analysis slower.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from backlog import CORPORA  # noqa: E402

GMB = REPO.parent / "shared" / "corpus" / "entities" / "gmb-dev.jsonl"


def texts(count: int) -> list[dict]:
    rows = [json.loads(line) for name in ("bbc-dev.jsonl", "cnn-corpus-dev.jsonl") for line in (CORPORA / name).open()]
    rows = rows[:count] + [json.loads(line) for line in GMB.open()]
    return [{"id": str(r.get("id", i)), "text": r["text"]} for i, r in enumerate(rows)]


def cpu(tree: Path, inbox: Path) -> float:
    """user+sys seconds of one `reports analyze` child importing the analysis from `tree`."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    before = os.times()
    subprocess.run([sys.executable, "-m", "reports.cli", "analyze", "--format", "jsonl", str(inbox)],
                   env=env, stdout=subprocess.DEVNULL, check=True, cwd=tempfile.gettempdir())
    after = os.times()
    return (after.children_user - before.children_user) + (after.children_system - before.children_system)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", type=Path)
    parser.add_argument("--articles", type=int, default=700)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    trees = {"this": REPO, **({"against": args.against.resolve()} if args.against else {})}
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "texts.jsonl"
        rows = texts(args.articles)
        inbox.write_text("".join(json.dumps(r) + "\n" for r in rows))
        best = {name: float("inf") for name in trees}
        for _ in range(args.repeat):
            for name, tree in trees.items():
                best[name] = min(best[name], cpu(tree, inbox))
    for name, seconds in best.items():
        print(f"{name}: {seconds:.2f} s CPU (min of {args.repeat}) for {len(rows)} texts ({trees[name]})")
    if "against" in best:
        print(f"ratio this/against: {best['this'] / best['against']:.3f}")


if __name__ == "__main__":
    main()
