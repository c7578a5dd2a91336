"""analyze(article) -> Analysis: the one entry point of the analysis stage."""

from __future__ import annotations

import re
from typing import Any, Callable, TypeVar

from reports.analysis import facts, quotes, readability, summary, text, timeline
from reports.errors import AnalysisError
from reports.models import Analysis, Article

HEADLINE_WORDS = 14
# The longest article of the corpora is ~44,000 characters; a text many times that long (a
# 20 MB log, a dump on one line) is analysed, and briefed, from its start only, with a note,
# so the cost of every stage (and of the PDF) is bounded whatever the inbox holds.
MAX_TEXT_CHARS = 300_000
T = TypeVar("T")


def analyze(article: Article, sentences: int = 3) -> Analysis:
    body, note = bounded(article.text)
    doc = _stage("split", text.split, body)
    if not doc.sentences:
        raise AnalysisError("no sentences in the article text")
    return Analysis(
        id=article.id,
        source=article.source,
        title=article.title or headline(doc),
        date=article.date,
        caption=article.caption,
        credit=article.credit,
        summary=_stage("summary", summary.summarize, doc, sentences, summary.DEFAULT, article.title),
        keyphrases=_stage("keyphrases", facts.keyphrases, doc),
        readability=_stage("readability", readability.readability, doc),
        quotes=_stage("quotes", quotes.extract, doc),
        paragraphs=_stories(doc),
        entities=_stage("entities", facts.entities, doc),
        figures=_stage("figures", facts.figures, doc),
        timeline=_stage("timeline", timeline.timeline, doc, article.date),
        author=article.author,
        note=note,
        standfirst=article.standfirst,
    )


def bounded(body: str) -> tuple[str, str | None]:
    """The text cut to MAX_TEXT_CHARS at a word boundary, and the note saying so (or None)."""
    if len(body) <= MAX_TEXT_CHARS:
        return body, None
    cut = body.rfind(" ", MAX_TEXT_CHARS // 2, MAX_TEXT_CHARS)
    cut = cut if cut > 0 else MAX_TEXT_CHARS
    note = f"text too long: only its first {cut:,} of {len(body):,} characters were analysed"
    return body[:cut], note


def _stage(name: str, stage: Callable[..., T], *args: Any) -> T:
    """Run one stage so that any failure of it is this article's AnalysisError, never a crash."""
    try:
        return stage(*args)
    except AnalysisError:
        raise
    except Exception as error:  # a bug on odd text must cost one article, not the run
        raise AnalysisError(f"{name}: {type(error).__name__}: {error}") from error


def headline(doc: text.Document) -> str:
    """A short headline from the lead: its first clause, or its first words."""
    lead = _without_end_mark(doc.sentences[0].text)
    clause = lead.split(", ")[0]
    if 4 <= len(clause.split()) <= HEADLINE_WORDS:
        return clause
    tokens = lead.split()
    return lead if len(tokens) <= HEADLINE_WORDS else " ".join(tokens[:HEADLINE_WORDS]) + "…"


def _without_end_mark(sentence: str) -> str:
    """The sentence without its closing mark, but an abbreviation keeps its dot ("10:49 a.m.")."""
    sentence = sentence.rstrip(" !?")
    last = sentence.split()[-1] if sentence.split() else ""
    if _ABBREVIATION.fullmatch(last):
        return sentence
    return sentence.rstrip(" .!?")


# A last word with a dot inside ("a.m.", "U.S.") is an abbreviation, not a full stop.
_ABBREVIATION = re.compile(r"(?:\w{1,3}\.){2,}")


def _stories(doc: text.Document) -> tuple[tuple[str, ...], ...]:
    stories: list[list[str]] = [[] for _ in range(doc.stories)]
    for paragraph in doc.paragraphs:
        stories[paragraph.story].append(paragraph.text)
    return tuple(tuple(s) for s in stories)
