"""Extractive summary: whole sentences of the article, in article order.

First version: lead sentences of each story, skipping sentences that cannot open a summary.
"""

from __future__ import annotations

from reports.analysis.text import Document


def summarize(doc: Document, sentences: int = 3) -> tuple[str, ...]:
    chosen = select(doc, sentences)
    return tuple(doc.sentences[i].text for i in chosen)


def select(doc: Document, sentences: int = 3) -> list[int]:
    """Indices into doc.sentences of the summary, in article order."""
    return list(range(min(sentences, len(doc.sentences))))
