"""The English recogniser: the steps of this package run over one article.

Also the fallback for a language with no recogniser of its own (see the package docstring).
"""

from __future__ import annotations

import re

from reports.analysis.entities.evidence import _Mention, _about_a_person, _mentions
from reports.analysis.entities.grouping import _acronyms, _aliases, _group
from reports.analysis.entities.kinds import _classify, _decide, _shape
from reports.analysis import lang
from reports.analysis.entities.places import dateline, table_places
from reports.analysis.entities.spans import _common_words, articles_lowered
from reports.analysis.text import Document
from reports.models import Entity


def entities(doc: Document, limit: int = 40, title: str | None = None) -> tuple[Entity, ...]:
    """People, organisations and places named, most mentioned first; a surname alone or with
    a title ("Mr Macron") is counted with the full name ("Emmanuel Macron") when there is one,
    in the text or in the article's `title` (the title's names are not counted themselves).
    A name whose kind the evidence does not settle is left out rather than shown wrongly."""
    # The caches live for one article: a name's mentions repeat within it, and caches kept
    # across a whole run were slower (more live objects for the collector, colder memory).
    _classify.cache_clear()
    _shape.cache_clear()
    sentences = [sentence.text for sentence in doc.sentences]
    articles = lang.rules(doc.language).not_names  # French "Un", "C'est": never part of a name
    if articles:
        sentences = [articles_lowered(s, articles) for s in sentences]
        title = articles_lowered(title, articles) if title else title
    datelined = dateline(sentences[0]) if sentences else None
    if datelined:
        sentences[0] = datelined[0]  # "MADRID (Reuters) -": the place as it is written
    common = _common_words(sentences)
    mentions = [
        m
        for k, sentence in enumerate(sentences)
        for m in _mentions(sentence, common, k + 1 < len(sentences) and _about_a_person(sentences[k + 1]))
    ]
    if datelined:
        _dateline_place(mentions, datelined[1])
    tabled = table_places(doc.text) if "\n" in doc.text else frozenset()
    for mention in mentions if tabled else ():
        if mention.name in tabled and not set(mention.votes) - {"place", "hint", "loose"}:
            mention.votes["place"] = max(2.0, mention.votes.get("place", 0.0))  # a row of a table of places
            mention.lone_start = False
    for mention in _mentions(title, common) if title else ():
        if mention.name.count(" ") and mention.votes.get("person", mention.votes.get("shape", 0)) > 0:
            mention.titled = True  # "... Sheldon Adelson's security team ...": the full name
            mentions.append(mention)
    for order, mention in enumerate(mentions):
        mention.order = order
    shown = []
    many = _plural_initials(sentences)
    for group in _group(mentions, _acronyms(sentences)):
        kind, confidence = _decide(group.votes, group.count)
        if kind is not None and group.count and group.name not in many:
            shown.append((group, kind, confidence))
    ranked = sorted(shown, key=lambda s: (-s[0].count, s[0].order))[:limit]
    return tuple(
        Entity(
            name=g.name,
            kind=kind,
            count=g.count,
            aliases=_aliases(g),
            confidence=confidence,
        )
        for g, kind, confidence in ranked
    )


_PLURAL_INITIALS = re.compile(r"(?<![\w'’.\-])([A-Z]{2,})s\b")


def _plural_initials(sentences: list[str]) -> frozenset[str]:
    """Initials the article also writes in the plural ("the VMAs", "MPs"): an award show or many
    of a kind, so the same initials alone ("the VMA stage", "an MP") name no body either."""
    return frozenset(m.group(1) for s in sentences if "s" in s for m in _PLURAL_INITIALS.finditer(s))


def _dateline_place(mentions: list[_Mention], place: str) -> None:
    """The dateline's place is a place, however little else the article says of it: its first
    mention (the dateline's own) is made sure, unless its own words name a body or a person
    ("UNITED NATIONS (AP) -" is where the story was written, and the body it names)."""
    for mention in mentions:
        if mention.name == place:
            if mention.votes.get("organisation") or mention.votes.get("person"):
                return
            mention.votes = {"place": max(3.0, mention.votes.get("place", 0.0))}
            mention.lone_start = False
            return
