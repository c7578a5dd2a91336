"""A backlog of distinct dev-corpus articles for the benchmarks, one .txt file each."""

from __future__ import annotations

import json
from pathlib import Path

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "summaries"


def make_inbox(folder: Path, count: int) -> Path:
    """`count` distinct articles (BBC, then CNN); past the corpus, marked copies cycle it."""
    rows = [json.loads(line) for name in ("bbc-dev.jsonl", "cnn-corpus-dev.jsonl") for line in (CORPORA / name).open()]
    folder.mkdir(parents=True)
    for i in range(count):
        row = rows[i % len(rows)]
        suffix = f"\n\n(Copy {i} of the backlog.)" if i >= len(rows) else ""
        (folder / f"{i:05d}.txt").write_text(f"Title: {row['title']}\n\n{row['text']}{suffix}\n", encoding="utf-8")
    return folder
