"""Speed work on the quotations must not change a byte of them: dump them once, compare after.

    python bench/quotes_identity.py save /tmp/quotes-reference.jsonl   # before optimising
    python bench/quotes_identity.py check /tmp/quotes-reference.jsonl  # after each change

Every field of `extract` (each quotation, its speaker, mention, offsets, and the stats) over the
quotation dev file, the validation file and the seed articles, with the shipped chooser, and the
seeds with the rules alone too. `check` prints how many articles differ per file and exits 1 on
any; it never prints a validation article or quotation (that file is scored, never read).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path

from reports.analysis.quotes import extract
from reports.analysis.text import split

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "quotes"
FILES = ("polnear-dev.jsonl", "polnear-validation.jsonl")


def dump() -> list[tuple[str, str]]:
    """(file name, one JSON line) per article and model."""
    lines = []
    for name in FILES:
        with (CORPUS / name).open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    row = json.loads(line)
                    lines.append((name, _line(row["id"], extract(split(row["text"])))))
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        lines.append((seed.name, _line(seed.name, extract(split(text)))))
        lines.append((f"{seed.name} (rules alone)", _line(seed.name, extract(split(text), None))))
    return lines


def _line(rid: str, quotes) -> str:
    return json.dumps({"id": rid, "quotes": dataclasses.asdict(quotes)}, ensure_ascii=False, sort_keys=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("save", "check"))
    parser.add_argument("reference", type=Path)
    args = parser.parse_args(argv)
    now = dump()
    if args.action == "save":
        args.reference.write_text(json.dumps(now, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"saved {len(now)} articles to {args.reference}")
        return 0
    before = [tuple(pair) for pair in json.loads(args.reference.read_text(encoding="utf-8"))]
    if [name for name, _ in before] != [name for name, _ in now]:
        print(f"different articles: {len(before)} in the reference, {len(now)} now")
        return 1
    differing: dict[str, int] = {}
    for (name, old), (_, new) in zip(before, now):
        if old != new:
            differing[name] = differing.get(name, 0) + 1
    print(f"identical: {len(now) - sum(differing.values())} of {len(now)} articles; differing: {differing or 'none'}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
