"""Candidate features that need the article's other quotations (`quotes.sources`)."""

from __future__ import annotations

from reports.analysis.quotes import chooser, quotes, sources
from reports.analysis.text import split


def _groups(text: str, index: int) -> dict[str, dict[str, float]]:
    """The candidate groups of the `index`-th quotation, by their mention as written."""
    trace: list = []
    quotes._extract(split(text), chooser.weights(), trace)
    return {g.mention.text: g.features for g in trace[index][1] if g.key}


def test_a_name_inside_another_quotation_is_marked_and_held_back():
    text = ("The row went on.\n\n“Leeds will always be Leeds,” an angry Ada Park replied. "
            "“It never gives up.”")
    groups = _groups(text, 1)
    assert groups["Leeds"].get("in_other_quote") == 1.0
    assert not groups["an angry Ada Park"].get("in_other_quote")
    assert chooser.weights()["in_other_quote"] < 0


def test_the_source_after_according_to_in_the_quotations_sentence_is_credited():
    text = "“We will not close the library,” Ada Park said, according to audio heard by the Daily Ledger."
    groups = _groups(text, 0)
    assert groups["Daily Ledger"].get("according") == 1.0
    assert not groups["Ada Park"].get("according")
    assert chooser.weights()["according"] > 0


def test_a_quotation_that_goes_on_after_a_short_reporting_clause_continues():
    text = "It was late.\n\n“We are done,” Ada Park said in a statement. “The vote is over.”"
    groups = _groups(text, 1)
    assert groups["Ada Park"].get("continues&previous") == 1.0
    for far in ("It was late.\n\n“We are done,” Ada Park said.\n\nBen Ode spoke. “The vote is over.”",
                "It was late.\n\n“We are done,” Ada Park said. Then, hours later and after a long wait in "
                "the cold hall with the others, and a walk round the square, Ben Ode spoke. “The vote is over.”"):
        assert not any(f.get("continues") for f in _groups(far, 1).values())


def test_offsets_inside_quotations_by_bisection():
    starts, ends = [10, 50], [20, 60]
    assert sources.quoted_around(starts, ends, 15, (50, 60))
    assert not sources.quoted_around(starts, ends, 15, (10, 20))  # its own quotation
    assert not sources.quoted_around(starts, ends, 30, (50, 60))
    assert not sources.quoted_around(starts, ends, 5, (50, 60))
    assert sources.previous_end(starts, ends, 50) == 20 and sources.previous_end(starts, ends, 10) is None
