"""analyze_each(items, sentences, workers) -> each article's analysis as its JSON object, in order.

For `reports analyze` over many articles: the analyses run in worker processes
(`reports.workers`) while this process prints, so a folder or a jsonl of articles uses every
core, as `reports run` does. One article, or one worker, runs here.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from reports.analysis import analyze
from reports.errors import ArticleError
from reports.models import Article

Item = Article | ArticleError  # what reading gave: an article, or why a file gave none
Result = dict[str, Any] | ArticleError


def analyze_each(
    items: Iterable[Item], sentences: int = 3, workers: int = 1, language: str | None = None
) -> Iterator[tuple[Item, Result]]:
    """(item, its analysis as JSON or the ArticleError why not) for every item, in order.
    `language`: of the articles that declare none (None: detected)."""
    from reports import workers as pool

    items = iter(items)
    first = list(itertools.islice(items, 2))
    if len(first) < 2:
        workers = 1  # forking workers for one article costs more than it gives
    yield from pool.in_order(_Analyze(sentences, language), itertools.chain(first, items), workers, _died)


@dataclass(frozen=True)
class _Analyze:
    """The task a worker runs: a class, so the pool can pickle it. The JSON is made in the
    worker too, so the coordinator only prints."""

    sentences: int
    language: str | None = None

    def __call__(self, item: Item) -> Result:
        if isinstance(item, ArticleError):
            return item
        try:
            return analyze(item, sentences=self.sentences, configured_language=self.language).to_json()
        except ArticleError as error:
            return error


def _died(item: Item) -> Result:
    return ArticleError("a worker process died while analysing it, also when analysed alone (a crash or out of memory)")
