"""Summaries in the article's language: its stop words and elided articles are not terms."""

from __future__ import annotations

from reports.analysis import summary, text
from tests.analysis.test_language import FRENCH


def test_french_terms_leave_out_french_function_words_and_elisions():
    term = summary._terms_in("fr")
    assert term("les") is None and term("dans") is None
    assert term("l'Élysée") == term("Élysée") == "élysée"
    assert term("négociations") == "négociation"


def test_english_terms_are_the_english_ones():
    assert summary._terms_in("en") is summary._term
    assert summary._term("the") is None and summary._term("les") == "les"  # not a French stop word in English


def test_a_french_summary_is_whole_sentences_of_the_article():
    doc = text.split(FRENCH, "fr")
    chosen = summary.summarize(doc, 1)
    assert len(chosen) == 1 and chosen[0] in FRENCH
