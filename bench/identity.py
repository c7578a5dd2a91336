"""Speed work must not change a byte of the analysis: dump it once, compare after each change.

    python bench/identity.py save /tmp/reference.jsonl     # before optimising
    python bench/identity.py check /tmp/reference.jsonl    # after each change: exit 1 on any difference
    python bench/identity.py check /tmp/reference.jsonl --ignore language --ignore readability.amstad
                                                           # leave out fields added since the reference

The texts are the 700 dev articles bench/commands.py times (BBC, then CNN-Corpus) and the
seed articles, analysed by one whole `reports analyze --format jsonl` process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from commands import REPORTS, dev_rows  # noqa: E402


def dump(count: int) -> list[str]:
    """The analysis of `count` dev articles and the seeds, one jsonl line each."""
    with tempfile.TemporaryDirectory() as tmp_name:
        corpus = Path(tmp_name) / "dev.jsonl"
        corpus.write_text("".join(json.dumps({"id": r["id"], "title": r["title"], "text": r["text"]}) + "\n"
                                  for r in dev_rows(count)))
        seeds = sorted((REPO / "seeds").glob("*.txt"))
        done = subprocess.run([*REPORTS, "analyze", str(corpus), *map(str, seeds), "--format", "jsonl"],
                              capture_output=True, text=True, cwd=REPO)
        if done.returncode not in (0, 1):
            sys.exit(f"analyze failed ({done.returncode}): {done.stderr[-2000:]}")
        # The source is the temporary file's path: the same article read from elsewhere.
        return [line.replace(str(corpus), "dev.jsonl") for line in done.stdout.splitlines()]


def _without(line: str, fields: list[str]) -> str:
    """The JSON line with these fields ("language", "readability.amstad") taken out."""
    data = json.loads(line)
    for field in fields:
        *parents, name = field.split(".")
        inner = data
        for parent in parents:
            inner = inner.get(parent, {}) if isinstance(inner, dict) else {}
        if isinstance(inner, dict):
            inner.pop(name, None)
    return json.dumps(data, ensure_ascii=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=("save", "check"))
    parser.add_argument("reference", type=Path)
    parser.add_argument("--articles", type=int, default=700)
    parser.add_argument("--ignore", action="append", default=[], metavar="FIELD",
                        help="a field left out of the comparison (one added since the reference), e.g. readability.amstad")
    args = parser.parse_args()
    lines = dump(args.articles)
    if args.ignore:
        lines = [_without(line, args.ignore) for line in lines]
    if args.action == "save":
        args.reference.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"saved {len(lines)} analyses to {args.reference}")
        return
    expected = args.reference.read_text(encoding="utf-8").splitlines()
    if args.ignore:
        expected = [_without(line, args.ignore) for line in expected]
    differ = [i for i, (a, b) in enumerate(zip(expected, lines)) if a != b]
    if len(expected) != len(lines) or differ:
        for i in differ[:5]:
            a, b = json.loads(expected[i]), json.loads(lines[i])
            keys = [k for k in {**a, **b} if a.get(k) != b.get(k)]
            print(f"line {i} ({a.get('id')}): differs in {keys}")
        sys.exit(f"{len(differ)} of {len(expected)} analyses differ ({len(lines)} lines now)")
    print(f"identical: {len(lines)} analyses")


if __name__ == "__main__":
    main()
