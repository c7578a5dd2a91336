"""Every dev article of every corpus, and mangled ones, analyse with zero exceptions.

`analyze` turns a stage's exception into an `AnalysisError` (chained to it) so that one article
never ends a run; these tests call it and fail on any such wrapped exception (a deliberate
refusal such as "no sentences" has no cause), so a crash hidden by the containment still shows.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
from html import unescape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.analysis import analyze
from reports.errors import AnalysisError, ReadError
from reports.feeds import FetchError, _entry_body
from reports.feeds import parse as parse_feed
from reports.ingest import html, txt
from reports.models import Article
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"
TEXT_FILES = [
    CORPUS / "quotes" / "polnear-dev.jsonl",
    CORPUS / "summaries" / "bbc-dev.jsonl",
    CORPUS / "summaries" / "cnn-corpus-dev.jsonl",
    CORPUS / "entities" / "gmb-dev.jsonl",
]


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _texts() -> list[tuple[str, str]]:
    """(label, text) of every dev article with a text, and the web corpus's extracted texts."""
    found = [(f"{path.name}:{row['id']}", row["text"]) for path in TEXT_FILES for row in _rows(path)]
    for row in _rows(CORPUS / "web" / "newspaper4k.jsonl"):
        if row.get("text"):
            found.append((row["file"], row["text"]))
    for row in _rows(CORPUS / "web" / "trafilatura.jsonl"):
        kept = "\n\n".join(row.get("with") or [])
        if kept:
            found.append((row["file"], kept))
    return found


TEXTS = _texts()
_TAG = re.compile(r"<[^>]+>")


def _analyse(label: str, article: Article) -> None:
    try:
        analysis = analyze(article)
    except AnalysisError as error:
        if error.__cause__ is None:
            return  # refused on purpose ("no sentences", "no words to measure"), not a crash
        raise AssertionError(f"{label}: {error}") from error
    for quote in analysis.quotes.items:
        assert article.text[quote.start : quote.end] == quote.quote, label
    json.dumps(analysis.to_json())


def _article(label: str, text: str) -> Article:
    return txt.parse(text, article_id=hashlib.sha256(label.encode()).hexdigest()[:16], source=label)


def test_the_corpora_are_there():
    assert len(TEXTS) > 2000  # a moved corpus must not make the test below pass on nothing


@pytest.mark.parametrize("part", range(4))
def test_every_dev_article_analyses(part: int):
    failures = []
    for label, text in TEXTS[part::4]:
        try:
            _analyse(label, _article(label, text))
        except AssertionError as error:
            failures.append(str(error))
    assert not failures, "\n".join(failures[:20])


def _pages() -> list[Path]:
    pages = sorted((CORPUS / "web" / "trafilatura").glob("*.html.gz"))
    pages += sorted((CORPUS / "web" / "newspaper4k").glob("*.html.gz"))
    return random.Random(18).sample(pages, 60)  # a fixed sample: extraction is the slow part


def test_web_pages_analyse():
    analysed = 0
    for page in _pages():
        try:
            article = html.parse(html.decode_html(gzip.decompress(page.read_bytes())),
                                 article_id=page.name[:16], source=page.name)
        except ReadError:  # a page refused as no article is ingest's business
            continue
        _analyse(page.name, article)
        analysed += 1
    assert analysed >= 20


def test_feed_items_analyse():
    analysed = 0
    feeds = sorted((CORPUS / "feeds" / "captures").iterdir()) + sorted((CORPUS / "feeds" / "feedparser").iterdir())
    for feed in feeds:
        if not feed.is_file():
            continue
        try:
            entries = parse_feed(feed.read_bytes())
        except FetchError:  # a broken feed is the feed reader's refusal, not an article
            continue
        for index, entry in enumerate(entries):
            body = _entry_body(entry)
            text = unescape(_TAG.sub(" ", body))
            try:
                article = _article(f"{feed.name}:{index}", text)
            except ReadError:  # an empty item is refused at ingest
                continue
            _analyse(f"{feed.name}:{index}", article)
            analysed += 1
    assert analysed >= 50


# --- mangled dev articles ---------------------------------------------------------------------

MARKS = list("“”‘’«»„‚‹›「」\"'")
ODD = ["said", "told", "according to", "Mr.", "Sen.", "U.S.", "said:", ", he said.", "Dr.", "e.g.",
       "— ", " ― ", "\n", "\n\n", ":", "...", "?”", ",”", "\u200b", "\u200d", "\ufeff", "\x00", "\x07",
       "\x1b", "\r", "\t", "\u2028", "\u00a0", "SAID", "Said"]
SOURCES = [text for label, text in TEXTS if label.startswith(("polnear", "bbc", "cnn"))]


@st.composite
def mangled(draw) -> str:
    text = draw(st.sampled_from(SOURCES))
    if draw(st.booleans()):  # cut a span out of it
        start = draw(st.integers(0, len(text)))
        text = text[:start] + text[start + draw(st.integers(0, 400)) :]
    if draw(st.booleans()):  # merge paragraphs
        text = text.replace("\n\n", " ", draw(st.integers(1, 20)))
    if draw(st.booleans()):
        text = text.upper() if draw(st.booleans()) else text.lower()
    for _ in range(draw(st.integers(0, 25))):  # stray marks, verbs, abbreviations, controls
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(MARKS + ODD)) + text[at:]
    return text


@settings(max_examples=500, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mangled())
def test_mangled_dev_articles_analyse(text: str):
    try:
        article = _article("mangled", text)
    except ReadError:  # an article refused at ingest (empty, binary) is not analysed
        return
    _analyse("mangled", article)
