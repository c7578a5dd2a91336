"""The facts box: keyphrases (first version: frequent content-word phrases)."""

from __future__ import annotations

import re
from collections import Counter

from reports.analysis.text import Document

_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it its
    itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own said same says she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself mr mrs ms
    one two told year years last new""".split()
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]+")


def keyphrases(doc: Document, limit: int = 8) -> tuple[str, ...]:
    counts: Counter[str] = Counter()
    for sentence in doc.sentences:
        tokens = [t.lower().replace("’", "'") for t in _TOKEN.findall(sentence.text)]
        run: list[str] = []
        for token in [*tokens, ""]:
            if token and token not in _STOPWORDS and not token.endswith("'s") and len(token) > 2:
                run.append(token)
                continue
            for size in (1, 2, 3):
                for i in range(len(run) - size + 1):
                    counts[" ".join(run[i : i + size])] += size
            run = []
    chosen: list[str] = []
    for phrase, _ in counts.most_common():
        if any(phrase in other or other in phrase for other in chosen):
            continue
        chosen.append(phrase)
        if len(chosen) == limit:
            break
    return tuple(chosen)
