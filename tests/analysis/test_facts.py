"""Facts box on real text: keyphrases, entities, figures and the timeline of the seed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from reports.analysis import analyze, facts, text, timeline
from reports.ingest import read

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_b8909ad496ca7278.txt"


@pytest.fixture(scope="module")
def seed():
    article = next(iter(read(SEED)))
    return article, analyze(article)


def _by_name(entities, name):
    found = [e for e in entities if e.name == name]
    assert found, [e.name for e in entities]
    return found[0]


def test_timeline_resolves_relative_dates_against_the_article_date(seed):
    article, result = seed
    assert article.date == date(2022, 2, 7)
    when = {entry.text: entry.when for entry in result.timeline}
    assert when["today"] == "2022-02-07"
    assert when["tomorrow"] == "2022-02-08"
    assert when["yesterday"] == "2022-02-06"
    assert when["late last year"] == "2021-late"
    assert when["2017"] == "2017"


def test_timeline_entries_carry_their_sentence_and_are_in_time_order(seed):
    _, result = seed
    tomorrow = next(e for e in result.timeline if e.text == "tomorrow")
    assert tomorrow.sentence.startswith("He will follow up tomorrow with a visit to Kiev")
    labels = [e.when for e in result.timeline]
    assert labels.index("2021-late") < labels.index("2022-02-06") < labels.index("2022-02-07")


def test_timeline_without_a_date_keeps_only_absolute_times():
    doc = text.split("The law passed on August 10, 1999. Ministers meet tomorrow, as they did in 2017.")
    entries = timeline.timeline(doc, None)
    assert [e.when for e in entries] == ["1999-08-10", "2017"]


def test_timeline_weekdays_and_spans():
    doc = text.split(
        "The minister resigned on Friday. Talks will resume on Wednesday. Sales fell last month. "
        "Prices rose 11 days ago. The vote is next year. They may march on."
    )
    when = {e.text: e.when for e in timeline.timeline(doc, date(2022, 2, 7))}  # a Monday
    assert when["Friday"] == "2022-02-04"
    assert when["Wednesday"] == "2022-02-09"
    assert when["last month"] == "2022-01"
    assert when["11 days ago"] == "2022-01-27"
    assert when["next year"] == "2023"
    assert not any("may" in text.lower() or "march" in text.lower() for text in when)


def test_entities_merge_titles_and_surnames_with_full_names(seed):
    _, result = seed
    macron = _by_name(result.entities, "Emmanuel Macron")
    assert macron.kind == "person"
    assert "Mr Macron" in macron.aliases
    assert macron.count >= 9  # the lead plus eight "Mr Macron"
    scholz = _by_name(result.entities, "Olaf Scholz")
    assert scholz.kind == "person" and "Mr Scholz" in scholz.aliases and scholz.count == 2
    putin = _by_name(result.entities, "Vladimir Putin")
    assert "Mr Putin" in putin.aliases
    names = {e.name for e in result.entities}
    assert not names & {"Macron", "Mr Macron", "Scholz", "Putin", "French", "Russian", "Super April"}


def test_entities_kinds(seed):
    _, result = seed
    kinds = {e.name: e.kind for e in result.entities}
    assert kinds["Moscow"] == "place" and kinds["Ukraine"] == "place" and kinds["Mali"] == "place"
    assert kinds["Nato"] == "organisation" and kinds["Kremlin"] == "organisation"
    assert kinds["Boris Johnson"] == "person" and kinds["Joe Biden"] == "person"
    counts = [e.count for e in result.entities]
    assert counts == sorted(counts, reverse=True)


def test_figures_say_what_they_count(seed):
    _, result = seed
    troops = next(f for f in result.figures if f.text == "100,000 troops")
    assert troops.value == 100000 and troops.what == "troops"
    assert troops.sentence.startswith("Russia has massed some 100,000 troops")
    assert not any(f.text == "2017" for f in result.figures)  # a year is a time, not a figure


def test_figures_money_percent_and_multipliers():
    doc = text.split(
        "He paid $1,000 at 10:49 a.m. on August 10, 1999. Turnout was 40%. "
        "Some 2.5 million people voted, and the Boeing 737 landed."
    )
    got = {f.text: (f.value, f.what) for f in facts.figures(doc)}
    assert got == {"$1,000": (1000, "dollars"), "40%": (40, "%"), "2.5 million people": (2500000, "people")}


def test_keyphrases_are_deduplicated_content_phrases(seed):
    _, result = seed
    phrases = result.keyphrases
    assert "Macron" in phrases and "Putin" in phrases
    words = [w.lower() for p in phrases for w in p.split()]
    assert len(words) == len(set(words))
    assert not any(p.lower() in {"mr", "said", "french president"} for p in phrases)


def test_analysis_json_carries_the_facts(seed):
    _, result = seed
    data = json.loads(json.dumps(result.to_json()))
    assert isinstance(data["entities"], list) and isinstance(data["entities"][0]["aliases"], list)
    assert {"value", "what", "text", "sentence"} <= set(data["figures"][0])
    assert {"when", "text", "sentence"} <= set(data["timeline"][0])


def test_facts_are_deterministic(seed):
    article, result = seed
    assert analyze(article) == result


def test_the_timeline_search_shortcuts_find_what_the_pattern_finds():
    # `_MAYBE_TIME` lets the timeline skip sentences: it must pass every sentence _TIME matches in,
    # one per alternative of _TIME (in any case) and every dev-corpus sentence.
    samples = [
        "She left the day before yesterday.", "TONIGHT it rains.", "Back this Evening.",
        "Late last summer, it fell.", "Over the coming weekend.", "An hour ago.", "Two years ago.",
        "On Thursday.", "Jan. 5, 2020.", "5th March.", "Mid-June 2021.", "Since May.", "The 1990s.",
        "In 1999.", "Sept 3.", "By fall.", "Two Million people, $5bn and 40 Per Cent; 3,000 TROOPS.",
    ]
    corpus = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "summaries"
    for name in ("bbc-dev.jsonl", "cnn-corpus-dev.jsonl"):
        for line in (corpus / name).open(encoding="utf-8"):
            samples += [s.text for s in text.split(json.loads(line)["text"]).sentences]
    samples += ["Ünder way since May 2020.", "On Frıday or on İn 1999?"]  # not ASCII: the slow path
    for sentence in [*samples, *(s.upper() for s in samples), *(s.lower() for s in samples)]:
        if timeline._TIME.search(sentence):
            assert timeline._MAYBE_TIME.search(sentence), sentence
        # The fast search (lowercased ASCII) finds exactly what the pattern finds in the sentence.
        expected = [(m.span(), m.groupdict()) for m in timeline._TIME.finditer(sentence)]
        assert [(m.span(), m.groupdict()) for m in timeline._times(sentence)] == expected, sentence
        if sentence.isascii():
            assert timeline._maybe_time_lower(sentence.lower()) == bool(timeline._MAYBE_TIME.search(sentence))
        # The figures' search takes the same shortcut.
        english = facts._figures_of("en")
        expected = [(m.span(), m.groupdict()) for m in english.figure.finditer(sentence)]
        assert [(m.span(), m.groupdict()) for m in facts._figure_matches(sentence, english)] == expected, sentence


def test_number_words_in_prose_are_not_figures(seed):
    """A figure is an amount a reader may want to check, not every number word."""
    _, result = seed
    assert [f.text for f in result.figures] == ["100,000 troops"]  # not "Two sources", "five years", "Two years"
    doc = text.split(
        "The three together fought three enemy factions for four characters' sake over two years. "
        "Five people were killed and two million dollars lost; eight feet of snow fell in ten minutes. "
        "It happened 3 times."
    )
    got = [f.text for f in facts.figures(doc)]
    assert got == ["Five people", "two million dollars", "eight feet"]


def test_timeline_leaves_out_names_and_the_pages_own_time_stamps():
    doc = text.split("Updated 10:49 AM ET, Mon February 10, 2020\n\n"
                     "She said so on CBS This Morning and on the Today programme. This morning he left for Paris.")
    got = [(t.when, t.text) for t in timeline.timeline(doc, date(2020, 2, 24))]
    assert got == [("2020-02-24", "This morning")]


def test_a_percentage_says_what_it_is_of():
    """A bare "60%" leaves a reader asking: of what?"""
    doc = text.split("About 60% of Democratic primary voters in South Carolina are black. Turnout was 40%. "
                     "Some 5% of the vote went to him, and 28% of them lacking insurance.")
    assert [f.text for f in facts.figures(doc)] == ["60% of Democratic primary voters", "40%", "5% of the vote", "28% of them"]
