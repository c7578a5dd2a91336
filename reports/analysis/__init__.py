"""analyze(article) -> Analysis: the one entry point of the analysis stage."""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any, Callable, TypeVar

from reports.analysis import facts, language, quotes, readability, summary, text, timeline
from reports.errors import AnalysisError
from reports.models import Analysis, Article, Story

HEADLINE_WORDS = 14
# The longest article of the corpora is ~44,000 characters; a text many times that long (a
# 20 MB log, a dump on one line) is analysed, and briefed, from its start only, with a note,
# so the cost of every stage (and of the PDF) is bounded whatever the inbox holds.
MAX_TEXT_CHARS = 300_000
T = TypeVar("T")


def analyze(article: Article, sentences: int = 3, configured_language: str | None = None) -> Analysis:
    """`configured_language`: the config's `[analysis] language`, used when the article
    declares none (else the language is detected from the text)."""
    body, note = bounded(article.text)
    lang = language.choose(article.language, configured_language, body)
    doc = _stage("split", text.split, body, lang)
    if not doc.sentences:
        raise AnalysisError("no sentences in the article text")
    title = article.title or headline(doc)
    chosen = _stage("summary", summary.select, doc, sentences, summary.DEFAULT, article.title, article.embeds)
    return Analysis(
        id=article.id,
        source=article.source,
        title=title,
        date=article.date,
        caption=article.caption,
        credit=article.credit,
        summary=summary.summarize_indices(doc, chosen),
        keyphrases=_stage("keyphrases", facts.keyphrases, doc),
        readability=_stage("readability", readability.readability, doc),
        quotes=_stage("quotes", quotes.extract, doc),
        paragraphs=_stories(doc),
        entities=_stage("entities", facts.entities, doc, 40, article.title),
        figures=_stage("figures", facts.figures, doc),
        timeline=_stage("timeline", timeline.timeline, doc, article.date),
        author=article.author,
        note=note,
        stories=_stage("stories", stories, doc, chosen, title),
        language=lang,
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
    """A short headline from the lead: its first clause, or its first words (after its dateline)."""
    lead = _without_end_mark(summary.without_dateline(doc.sentences[0].text))
    clause = lead.split(", ")[0]
    if 4 <= len(clause.split()) <= HEADLINE_WORDS:
        return clause
    tokens = lead.split()
    return lead if len(tokens) <= HEADLINE_WORDS else " ".join(tokens[:HEADLINE_WORDS]) + "…"


@functools.cache
def _heading_rules() -> tuple[int, int, re.Pattern[str]]:
    rules = json.loads(resources.files("reports.analysis").joinpath("headline.json").read_text(encoding="utf-8"))
    breaks = re.compile(r"\s(?:" + "|".join(map(re.escape, rules["breaks"])) + r")\b|,\s")
    return rules["min_words"], rules["max_words"], breaks


def story_heading(lead: str) -> str:
    """A heading for a story from its lead sentence: the sentence cut before the first word that
    starts its why or how ("seeking", "after"; `headline.json`), or its first words."""
    least, most, breaks = _heading_rules()
    lead = _without_end_mark(summary.without_dateline(lead))
    for match in breaks.finditer(lead):
        if least <= len(lead[: match.start()].split()) <= most:
            return lead[: match.start()]
    tokens = lead.split()
    return lead if len(tokens) <= most else " ".join(tokens[:most]) + "…"


def _without_end_mark(sentence: str) -> str:
    """The sentence without its closing mark, but an abbreviation keeps its dot ("10:49 a.m.")."""
    sentence = sentence.rstrip(" !?")
    last = sentence.split()[-1] if sentence.split() else ""
    if _ABBREVIATION.fullmatch(last):
        return sentence
    return sentence.rstrip(" .!?")


# A last word with a dot inside ("a.m.", "U.S.") is an abbreviation, not a full stop.
_ABBREVIATION = re.compile(r"(?:\w{1,3}\.){2,}")


def stories(doc: text.Document, chosen: list[int], title: str) -> tuple[Story, ...]:
    """Each story of a text that holds several, with its part of the summary (the summary
    gives every story a sentence before any story a second); none for a single story."""
    if doc.stories < 2:
        return ()
    found = []
    for number in range(doc.stories):
        members = [i for i in chosen if doc.sentences[i].story == number]
        lead = next((s for s in doc.sentences if s.story == number), None)
        if lead is None:
            continue
        found.append(Story(
            title=title if number == 0 else story_heading(lead.text),
            summary=summary.summarize_indices(doc, members),
            paragraphs=sum(1 for p in doc.paragraphs if p.story == number),
        ))
    return tuple(found)


def _stories(doc: text.Document) -> tuple[tuple[str, ...], ...]:
    stories: list[list[str]] = [[] for _ in range(doc.stories)]
    for paragraph in doc.paragraphs:
        stories[paragraph.story].append(paragraph.text)
    return tuple(tuple(s) for s in stories)
