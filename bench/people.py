"""The People column as a reader sees it: every person named over the dev texts, for reading.

    python bench/people.py > /tmp/people.tsv     # count, languages, best confidence, name

The texts are the 700 BBC/CNN dev articles of bench/commands.py and the fold-0 ("tuned") web
pages of bench/pages.py (fold 1 is never read), analysed by one whole `reports analyze --format
jsonl` process. Each person entity is listed once with its mentions summed over the articles,
most mentioned first: read the list for what is not a person (a work, a product, a place, a
body, a sentence's first word, a nationality) and fix the cause, never the name.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from commands import REPORTS, dev_rows  # noqa: E402
from pages import WEB, fold, load  # noqa: E402

PAGES = (("trafilatura.jsonl", WEB), ("newspaper4k.jsonl", WEB), ("readability/readability.jsonl", WEB / "readability"))


def analysed(folder: Path) -> list[dict]:
    """The analyses of the dev articles and the fold-0 pages, written to `folder` first."""
    corpus = folder / "dev.jsonl"
    corpus.write_text("".join(json.dumps({"id": r["id"], "title": r["title"], "text": r["text"]}) + "\n"
                              for r in dev_rows(700)))
    paths = [str(corpus)]
    for name, source in PAGES:
        for k, record in enumerate(load(name)):
            if fold(record["file"]) == 0:
                target = folder / f"{name.split('.')[0].replace('/', '-')}-{k}-{Path(record['file']).name.removesuffix('.gz')}"
                target.write_bytes(gzip.decompress((source / record["file"]).read_bytes()))
                paths.append(str(target))
    done = subprocess.run([*REPORTS, "analyze", *paths, "--format", "jsonl"], capture_output=True, text=True, cwd=REPO)
    return [json.loads(line) for line in done.stdout.splitlines()]


def main() -> None:
    counts: Counter[str] = Counter()
    languages: defaultdict[str, set[str]] = defaultdict(set)
    confidence: defaultdict[str, float] = defaultdict(float)
    with tempfile.TemporaryDirectory() as tmp:
        for record in analysed(Path(tmp)):
            for entity in record.get("entities") or ():
                if entity["kind"] == "person":
                    counts[entity["name"]] += entity["count"]
                    languages[entity["name"]].add(str(record.get("language")))
                    confidence[entity["name"]] = max(confidence[entity["name"]], entity["confidence"])
    for name, count in sorted(counts.items(), key=lambda nc: (-nc[1], nc[0])):
        print(f"{count}\t{','.join(sorted(languages[name]))}\t{confidence[name]}\t{name}")
    print(f"{len(counts)} people", file=sys.stderr)


if __name__ == "__main__":
    main()
