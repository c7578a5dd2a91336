"""Direct quotations: where they are, who said them, and whether anyone said them at all.

The pipeline, over the split-once `Document`, each step linear in the text:

1. marks: quotation marks paired within each paragraph (`marks.spans`).
2. candidates: the phrases that may be the source, next to the quotation in the writer's
   sentence, before it, in the paragraph or the one before (`attribution`, `clauses`,
   `subjects`, `heads`, `agents`).
3. chooser: the first candidate the rules of `quotes._Attributor` accept, if it is a noun
   phrase that can say something (`plausible`).
4. resolution: a pronoun or a surname resolved to the person named earlier (`names`).
5. kinds: `full`, `partial` or `scare` (named or cited, not said: `kinds.kind`).
6. stats: counts per kind, and the share of the text in quotation (`quotes.stats`).

`lexicon` holds the word lists all of them share.
"""

from reports.analysis.quotes.quotes import extract, stats

__all__ = ["extract", "stats"]
