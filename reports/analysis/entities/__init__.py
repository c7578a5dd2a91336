"""People, organisations and places named in an article (the facts box's names).

Capitalised runs cut where a name ends (a weekday or month, a sentence's next word, "for" or
"of" before another name), with a kind from the run's own words (titles, organisation and
place words, a gazetteer) and from the article's evidence around it: a role or "in" before,
"said", a body's noun or a score after, "He" opening the next sentence. A person needs such
evidence: a name's shape alone, however often it comes, is never one, so the People column
holds only names shown to be people. A name whose kind is not shown is left out rather than
guessed. The word lists are data, one file per language (lang/en/entities.toml).

The English recogniser, one step per module:

    spans.py     where names are: capitalised runs of a sentence cut into candidate spans
    evidence.py  what stands around each span (a role, "in", "said", a score, a table row)
    kinds.py     a span's kind from its own words and that evidence; the decision per name
    grouping.py  mentions merged into names (a surname onto its person), their aliases
    places.py    the place rules: datelines, "southern X", a place before a title or across "of"
    words.py     the word lists those steps read, and the look-ups they share
    english.py   the steps run over one article: `entities(doc, limit, title)`

Per language: `entities` hands the article to the recogniser of `doc.language` named in
`RECOGNISERS`: a module of this package with a function of the same signature,
`entities(doc: Document, limit: int, title: str | None) -> tuple[Entity, ...]`. Another
language's recogniser is its own module here and one entry in that table: german.py, a
tagger fitted on German news (weights in german.json, by bench/names_de.py), since German
capitalises every noun; it is imported on the first article in its language. A language without
one is read by the English recogniser, as every article was before there were others.
"""

from __future__ import annotations

import importlib

from reports.analysis.entities.words import _STOPWORDS, _stem  # shared with the keyphrases (facts.py)
from reports.analysis.text import Document
from reports.models import Entity

# ISO 639-1 code -> the module of this package that recognises names in that language.
RECOGNISERS: dict[str, str] = {"en": "english", "de": "german"}
_FALLBACK = "english"


def entities(doc: Document, limit: int = 40, title: str | None = None) -> tuple[Entity, ...]:
    """People, organisations and places named, most mentioned first; a surname alone or with
    a title ("Mr Macron") is counted with the full name ("Emmanuel Macron") when there is one,
    in the text or in the article's `title` (the title's names are not counted themselves).
    A name whose kind the evidence does not settle is left out rather than shown wrongly.
    The recogniser is the one of the article's language (`RECOGNISERS`), else the English one."""
    module = RECOGNISERS.get(doc.language, _FALLBACK)
    recogniser = importlib.import_module(f"{__name__}.{module}")
    return recogniser.entities(doc, limit, title)


__all__ = ["RECOGNISERS", "entities"]
