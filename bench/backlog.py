"""A backlog of distinct dev-corpus articles for the benchmarks, one .txt file each."""

from __future__ import annotations

import html
import json
from pathlib import Path

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "summaries"


def make_inbox(folder: Path, count: int, *, as_html: bool = False) -> Path:
    """`count` distinct articles (BBC, then CNN); past the corpus, marked copies cycle it.
    `as_html`: saved as web pages (navigation, article, footer), as feeds archive them."""
    rows = [json.loads(line) for name in ("bbc-dev.jsonl", "cnn-corpus-dev.jsonl") for line in (CORPORA / name).open()]
    folder.mkdir(parents=True)
    for i in range(count):
        row = rows[i % len(rows)]
        suffix = f"\n\n(Copy {i} of the backlog.)" if i >= len(rows) else ""
        text = f"{row['text']}{suffix}"
        if as_html:
            title, paragraphs = html.escape(row["title"]), "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
            page = (
                f"<!DOCTYPE html><html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
                f"<article><h1>{title}</h1>{paragraphs}</article><footer>Example News</footer></body></html>"
            )
            (folder / f"{i:05d}.html").write_text(page, encoding="utf-8")
        else:
            (folder / f"{i:05d}.txt").write_text(f"Title: {row['title']}\n\n{text}\n", encoding="utf-8")
    return folder
