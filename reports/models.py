"""The dataclasses that flow from stage to stage, and nothing else.

Article (ingest) -> Analysis (analysis) -> Rendered (render) -> RunReport (pipeline).
Each is frozen: a stage returns a new value rather than mutating the one it was given.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal


@dataclass(frozen=True)
class Article:
    """One article as read from the inbox, before any analysis.

    `text` is the body only (caption and header removed); every offset the analysis reports
    is an offset into it. Paragraphs are separated by a blank line, stories by two or more.
    """

    id: str
    source: str
    text: str
    title: str | None = None
    date: date | None = None
    caption: str | None = None
    credit: str | None = None
    content_hash: str = ""
    author: str | None = None  # byline, when the format carries one (HTML, e-mail)
    language: str | None = None  # as the source declares it ("fr-FR", <html lang>), else None
    standfirst: str | None = None  # the line under the headline a page declares; not in `text`
    # Posts the page embeds (a tweet, an Instagram post): their text stays in `text` (the
    # article quotes them), but none of it is the article's own prose for a summary.
    embeds: tuple[str, ...] = ()


QuoteKind = Literal["full", "partial", "scare"]


@dataclass(frozen=True)
class Quote:
    quote: str
    speaker: str | None
    kind: QuoteKind
    anonymous: bool
    start: int
    end: int
    verb: str | None = None
    told: str | None = None  # the outlet told, as in "told Reuters"
    mention: str | None = None  # the source as written: "he", "Mr Scholz" (speaker resolves it)


@dataclass(frozen=True)
class QuoteStats:
    count: int
    quoted_words_share: float
    speakers: int
    named_share: float
    anonymous_share: float
    by_kind: dict[str, int] = field(default_factory=dict)
    top_speakers: tuple[tuple[str, int], ...] = ()  # (speaker, quoted words), most first


@dataclass(frozen=True)
class Quotes:
    items: tuple[Quote, ...]
    stats: QuoteStats


@dataclass(frozen=True)
class Readability:
    """The formulas are None when the text cannot be measured (no sentence ends: every
    formula divides by sentences) or have no version for the article's language (the English
    ones for a French text); `not_measurable` then says why."""

    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    gunning_fog: float | None
    smog_index: float | None
    coleman_liau_index: float | None
    automated_readability_index: float | None
    dale_chall: float | None
    text_standard: str | None
    words: int
    sentences: int
    reading_time_s: float
    paragraph_grades: tuple[float, ...] = ()  # each paragraph's grade, in order: Flesch-Kincaid (English), Wiener (German)
    not_measurable: str | None = None
    # The article language's own formulas (readability_lang.py); None where it has none.
    kandel_moles: float | None = None  # French reading ease
    amstad: float | None = None  # German reading ease
    wiener_sachtextformel: float | None = None  # German school grade
    fernandez_huerta: float | None = None  # Spanish reading ease
    gulpease: float | None = None  # Italian


EntityKind = Literal["person", "organisation", "place"]


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place the article names, all its forms merged."""

    name: str  # the fullest form, e.g. "Emmanuel Macron"
    kind: EntityKind
    count: int  # mentions, every form counted
    aliases: tuple[str, ...] = ()  # the other forms as written, e.g. "Mr Macron"
    confidence: float = 1.0  # 0..1: how clearly the article's evidence settles the kind


@dataclass(frozen=True)
class Figure:
    """A number and what it counts, e.g. 100,000 troops."""

    value: float
    what: str  # "troops", "%", "dollars"
    text: str  # as written: "100,000 troops"
    sentence: str  # the sentence it comes from


@dataclass(frozen=True)
class TimelineEntry:
    """A time the article mentions, resolved against the article's date where relative."""

    when: str  # ISO date "2022-02-08", month "2022-01", year "2021", or "2021-late", "2022-W05"
    text: str  # as written: "tomorrow", "late last year"
    sentence: str  # the sentence it comes from


@dataclass(frozen=True)
class Story:
    """One story of an article that holds several (in the seed format, a wider gap separates
    them): a reader takes each for its own news, so each has its own headline and summary."""

    title: str  # the article's title for the first story, a headline from its lead for the rest
    summary: tuple[str, ...]  # its sentences of the article's summary, in order
    paragraphs: int  # how many paragraphs it has


@dataclass(frozen=True)
class UpdateOf:
    """The earlier briefing that an article updates (its text is a near-duplicate)."""

    id: str | None
    title: str | None
    date: str | None  # the earlier briefing's run date, YYYY-MM-DD
    pdf: str | None  # relative to the output folder
    similarity: float  # estimated Jaccard similarity of the two texts' word shingles


@dataclass(frozen=True)
class Analysis:
    """Everything the briefing, the manifest and `reports analyze` show about one article."""

    id: str
    source: str
    title: str
    date: date | None
    caption: str | None
    credit: str | None
    summary: tuple[str, ...]
    keyphrases: tuple[str, ...]
    readability: Readability
    quotes: Quotes
    paragraphs: tuple[tuple[str, ...], ...]  # the body, as stories of paragraphs
    entities: tuple[Entity, ...] = ()
    figures: tuple[Figure, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    update_of: UpdateOf | None = None  # set by the pipeline when this is a new version of a story
    author: str | None = None  # the byline (never a photo credit or a path)
    note: str | None = None  # e.g. that only the start of a huge text was analysed
    stories: tuple[Story, ...] = ()  # when the text holds more than one story, each of them
    language: str = "en"  # ISO 639-1 code: declared by the article or the config, else detected
    standfirst: str | None = None  # the line under the headline (a saved page's description)

    def to_json(self) -> dict[str, Any]:
        """The `reports analyze` object (CONTRACT.md); the body text is left out."""
        # Field by field, as dataclasses.asdict orders them, but without copying the body
        # (paragraphs) and the tuples replaced below: most of asdict's cost here.
        data = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "paragraphs"}
        data["readability"] = _as_dict(self.readability)
        stats = self.quotes.stats
        data["quotes"] = {"items": tuple(_as_dict(q) for q in self.quotes.items),
                          "stats": {**_as_dict_shallow(stats), "by_kind": dict(stats.by_kind)}}
        data["update_of"] = _as_dict(self.update_of) if self.update_of else None
        data["date"] = self.date.isoformat() if self.date else None
        data["summary"] = list(self.summary)
        data["keyphrases"] = list(self.keyphrases)
        data["quotes"]["stats"]["top_speakers"] = [
            {"speaker": name, "words": words} for name, words in self.quotes.stats.top_speakers
        ]
        data["entities"] = [{**_as_dict(e), "aliases": list(e.aliases)} for e in self.entities]
        data["figures"] = [_as_dict(f) for f in self.figures]
        data["timeline"] = [_as_dict(t) for t in self.timeline]
        data["stories"] = [{**_as_dict(s), "summary": list(s.summary)} for s in self.stories]
        return data


_SCALARS = (str, int, float, bool, type(None))


def _flat(value: Any) -> bool:
    return isinstance(value, _SCALARS) or (isinstance(value, tuple) and all(isinstance(v, _SCALARS) for v in value))


def _as_dict_shallow(item: Any) -> dict[str, Any]:
    """A dataclass's fields by name, as they are (the caller replaces any that need copying)."""
    return {name: getattr(item, name) for name in item.__dataclass_fields__}


def _as_dict(item: Any) -> dict[str, Any]:
    """dataclasses.asdict of a flat dataclass (scalars, tuples of them) without its deep copy,
    which copies nothing such values need; anything nested goes to asdict."""
    data = {name: getattr(item, name) for name in item.__dataclass_fields__}
    if all(_flat(value) for value in data.values()):
        return data
    return dataclasses.asdict(item)


@dataclass(frozen=True)
class Rendered:
    """A briefing rendered to PDF bytes, not yet written anywhere."""

    article_id: str
    pdf: bytes
    pages: int


@dataclass(frozen=True)
class Failure:
    source: str
    reason: str
    article_id: str | None = None


@dataclass(frozen=True)
class Delivery:
    """What one delivery of a day's briefings did, message by message (Failure.source: recipient)."""

    run_date: date
    sent: tuple[str, ...] = ()  # Message-IDs the server accepted (or written, on a dry run)
    pending: tuple[Failure, ...] = ()  # not delivered this time; retried later
    failed: tuple[Failure, ...] = ()  # refused for good by the server; `reports email` re-sends
    already_sent: int = 0

    @property
    def ok(self) -> bool:
        return not (self.pending or self.failed)


@dataclass(frozen=True)
class Output:
    article_id: str
    source: str
    title: str
    pdf: Path
    update_of: UpdateOf | None = None


@dataclass(frozen=True)
class FeedFailure:
    """A feed (or one of its pages) that could not be read; retried later."""

    feed: str
    url: str
    reason: str
    retry_at: str | None = None  # ISO time of the next attempt
    waiting: bool = False  # failed on an earlier run and not tried in this one (back-off)


@dataclass(frozen=True)
class Skipped:
    """Articles of one inbox file a run left alone, and why ("already briefed", ...)."""

    source: str
    reason: str
    articles: int = 1


@dataclass(frozen=True)
class RunReport:
    run_date: date
    out_dir: Path
    new: tuple[Output, ...] = ()
    skipped: int = 0
    failed: tuple[Failure, ...] = ()
    emails_sent: int = 0
    feed_errors: tuple[FeedFailure, ...] = ()
    waiting: tuple[str, ...] = ()  # files still being written: picked up by a later scan
    aborted: str | None = None  # why the run stopped early (disk full, folder unwritable)
    skipped_files: tuple[Skipped, ...] = ()  # which files the `skipped` count is made of

    @property
    def partial(self) -> bool:
        # A feed waiting out its back-off failed on an earlier run, which said so then.
        return bool(self.failed or self.failed_feeds) or self.aborted is not None

    @property
    def failed_feeds(self) -> tuple[FeedFailure, ...]:
        """The feeds (and pages) that failed in this run, leaving out those in back-off."""
        return tuple(f for f in self.feed_errors if not f.waiting)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.run_date.isoformat(),
            "out_dir": str(self.out_dir),
            "new": [
                {"id": o.article_id, "source": o.source, "title": o.title, "pdf": str(o.pdf),
                 "update_of": dataclasses.asdict(o.update_of) if o.update_of else None}
                for o in self.new
            ],
            "skipped": self.skipped,
            "skipped_files": [dataclasses.asdict(s) for s in self.skipped_files],
            "failed": [
                {"source": f.source, "id": f.article_id, "reason": f.reason} for f in self.failed
            ],
            "outputs": [str(o.pdf) for o in self.new],
            "emails_sent": self.emails_sent,
            "feed_errors": [dataclasses.asdict(f) for f in self.feed_errors],
            "waiting": list(self.waiting),
            "aborted": self.aborted,
        }
