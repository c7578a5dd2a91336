"""Direct quotations: where they are, who said them, and whether anyone said them at all.

The pipeline, over the split-once `Document`, each step linear in the text:

1. marks: quotation marks paired within each paragraph (`marks.spans`).
2. candidates: the rules (`quotes._Attributor`, with `attribution`, `clauses`, `subjects`,
   `heads`, `agents`, `plausible`) read one source off the writer's sentence; `chooser` lists
   every other mention around the quotation (names, pronouns, descriptions in its sentence, the
   one before, the paragraph and the one before, a signature line, the previous speaker).
3. chooser: a linear model, fitted in `bench/quotes_model.py` and shipped as weights
   (`chooser.json`), scores each candidate speaker and "nobody" for every quotation, the rules'
   own pick (a reporting verb's subject too) being one candidate and its cue a feature; a
   candidate that cannot speak (`can_speak`: no person, group, description of people, document
   or resolved pronoun, by the word lists of `lang/en/quotes.toml`) is never chosen.
4. resolution: a pronoun or a surname resolved to the person named earlier (`names`), never
   to someone the article's titles give the other gender; a resolved speaker that cannot speak
   is shown as written when that can, else not at all.
5. kinds: `full`, `partial` or `scare` (named or cited, not said: `kinds.kind`).
6. stats: counts per kind, and the share of the text in quotation (`quotes.stats`).

`lexicon` holds the word lists all of them share. French and German have their own smaller
pass (`localized`), driven by their data files (`lang/fr/quotes.toml`, `lang/de/quotes.toml`).
"""

from reports.analysis.quotes import localized
from reports.analysis.quotes.quotes import extract as _english
from reports.analysis.quotes.quotes import stats
from reports.analysis.text import Document
from reports.models import Quotes

__all__ = ["extract", "stats"]


def extract(doc: Document, *model: object) -> Quotes:
    """The article's quotations: a language with its own data file (`lang/fr/quotes.toml`,
    `lang/de/quotes.toml`) by `localized`, every other by the English pass (`model`: its chooser's
    weights, as `quotes.extract` takes them)."""
    if doc.language != "en" and localized.supports(doc.language):
        return localized.extract(doc)
    return _english(doc, *model)
