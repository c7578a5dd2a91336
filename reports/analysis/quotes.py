"""Direct quotations, their speakers and kinds (first version: paired double quotes)."""

from __future__ import annotations

import re

from reports.analysis.text import Document, words
from reports.models import Quote, Quotes, QuoteStats

_PAIRED = re.compile(r"[\"“]([^\"“”\n]+)[\"”]")


def extract(doc: Document) -> Quotes:
    items = tuple(
        Quote(quote=m.group(1), speaker=None, kind="full", anonymous=False, start=m.start(1), end=m.end(1))
        for m in _PAIRED.finditer(doc.text)
    )
    return Quotes(items=items, stats=stats(items, doc))


def stats(items: tuple[Quote, ...], doc: Document) -> QuoteStats:
    attributed = [q for q in items if q.kind != "scare"]
    total_words = len(words(doc.text)) or 1
    quoted = sum(len(words(q.quote)) for q in attributed)
    speakers = {q.speaker for q in attributed if q.speaker}
    named = sum(1 for q in attributed if q.speaker and not q.anonymous)
    anonymous = sum(1 for q in attributed if q.anonymous)
    by_kind: dict[str, int] = {"full": 0, "partial": 0, "scare": 0}
    for q in items:
        by_kind[q.kind] += 1
    per_speaker: dict[str, int] = {}
    for q in attributed:
        if q.speaker:
            per_speaker[q.speaker] = per_speaker.get(q.speaker, 0) + len(words(q.quote))
    n = len(attributed) or 1
    return QuoteStats(
        count=len(items),
        quoted_words_share=round(quoted / total_words, 4),
        speakers=len(speakers),
        named_share=round(named / n, 4) if attributed else 0.0,
        anonymous_share=round(anonymous / n, 4) if attributed else 0.0,
        by_kind=by_kind,
        top_speakers=tuple(sorted(per_speaker.items(), key=lambda kv: (-kv[1], kv[0]))[:5]),
    )
