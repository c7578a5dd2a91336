"""analyze(article) -> Analysis: the one entry point of the analysis stage."""

from __future__ import annotations

from reports.analysis import facts, quotes, readability, summary, text, timeline
from reports.errors import AnalysisError
from reports.models import Analysis, Article

HEADLINE_WORDS = 14


def analyze(article: Article, sentences: int = 3) -> Analysis:
    doc = text.split(article.text)
    if not doc.sentences:
        raise AnalysisError("no sentences in the article text")
    return Analysis(
        id=article.id,
        source=article.source,
        title=article.title or headline(doc),
        date=article.date,
        caption=article.caption,
        credit=article.credit,
        summary=summary.summarize(doc, sentences),
        keyphrases=facts.keyphrases(doc),
        readability=readability.readability(doc),
        quotes=quotes.extract(doc),
        paragraphs=_stories(doc),
        entities=facts.entities(doc),
        figures=facts.figures(doc),
        timeline=timeline.timeline(doc, article.date),
        author=article.author,
    )


def headline(doc: text.Document) -> str:
    """A short headline from the lead: its first clause, or its first words."""
    lead = doc.sentences[0].text.rstrip(" .!?")
    clause = lead.split(", ")[0]
    if 4 <= len(clause.split()) <= HEADLINE_WORDS:
        return clause
    tokens = lead.split()
    return lead if len(tokens) <= HEADLINE_WORDS else " ".join(tokens[:HEADLINE_WORDS]) + "…"


def _stories(doc: text.Document) -> tuple[tuple[str, ...], ...]:
    stories: list[list[str]] = [[] for _ in range(doc.stories)]
    for paragraph in doc.paragraphs:
        stories[paragraph.story].append(paragraph.text)
    return tuple(tuple(s) for s in stories)
