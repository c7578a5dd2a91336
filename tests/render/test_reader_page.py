"""Defects a reader saw on the page, each kept out: read back from real PDFs of real articles."""

from __future__ import annotations

import gzip
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from reports import ingest
from reports.analysis import analyze
from reports.config import RenderSettings
from reports.ingest import html
from reports.render import Renderer, capped_body, templates
from tests import pagecheck
from tests.conftest import SEED, SHARED

DAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def seed_analysis():
    return analyze(next(ingest.read(SEED)))


@pytest.fixture(scope="module")
def seed_pages(seed_analysis):
    return pagecheck.read(Renderer(None).briefing(seed_analysis, DAY).pdf)


def text_of(pages) -> str:
    return " ".join(w.text for p in pages for w in sorted(p.words, key=lambda w: (round(w.base), w.x0)))


def test_sourcing_bar_and_chart_label_cover_no_text(seed_pages):
    """The unnamed part of the sourcing bar wrapped over its legend; "grade 12" sat on red bars."""
    assert pagecheck.overlaps(seed_pages, None) == []


def test_the_paragraph_chart_has_a_key_for_its_colours(seed_pages):
    text = text_of(seed_pages).replace(" ", "")  # a chart's words come out of the PDF unspaced
    assert "abovegrade12" in text and "uptograde12" in text


def test_smog_is_shown_with_its_caveat_not_na(seed_analysis, seed_pages):
    text = text_of(seed_pages)
    assert "%.1f*" % seed_analysis.readability.smog_index in text
    assert "SMOG is made for texts of 30 sentences or more" in text and "n/a" not in text


def test_no_space_before_a_full_stop(seed_pages):
    assert "at home ." not in text_of(seed_pages) and "abroad and at home." in text_of(seed_pages)


def test_a_cut_falls_at_a_word_boundary_with_an_ellipsis():
    cut = templates.clip("They discussed a whole range of other questions, officials said.", 40)
    assert cut == "They discussed a whole range of other…"
    assert templates.clip("短缺药品保供稳价全力保障临床用药需求", 8) == "短缺药品保供稳…"
    assert templates.clip("short", 40) == "short"
    body, _ = capped_body((("word " * 2000,),))
    assert body[0][0].endswith("word…")


def test_every_quotation_is_listed_and_none_sends_the_reader_elsewhere(seed_analysis):
    items = tuple(replace(q, quote=f"{q.quote} number {i}") for i in range(6) for q in seed_analysis.quotes.items)
    analysis = replace(seed_analysis, quotes=replace(seed_analysis.quotes, items=items))
    text = text_of(pagecheck.read(Renderer(None).briefing(analysis, DAY).pdf))
    assert "manifest" not in text
    assert all(f"number {i}" in text for i in range(6))
    compact = pagecheck.read(Renderer(None, RenderSettings(theme="compact")).briefing(analysis, DAY).pdf)
    assert len(compact) == 1 and f"{len(items) - 3} more not shown in this one-page briefing" in text_of(compact)


def test_long_quotation_is_cut_after_a_whole_word(seed_analysis):
    long = "We will talk about a whole range of other questions " * 12
    quote = replace(seed_analysis.quotes.items[0], quote=long, kind="full")
    analysis = replace(seed_analysis, quotes=replace(seed_analysis.quotes, items=(quote,)),
                       paragraphs=((long,), *seed_analysis.paragraphs))
    pages = pagecheck.read(Renderer(None).briefing(analysis, DAY).pdf)
    assert pagecheck.cut_words(pages, analysis) == []
    assert "…" in text_of(pages)


def test_a_chinese_article_shows_its_length_as_a_reader_counts_it():
    name = "newspaper4k/chinese_article.html.gz"
    raw = gzip.decompress((SHARED / "corpus/web" / name).read_bytes())
    analysis = analyze(next(iter(html.read(Path(name).with_suffix(""), raw, name))))
    pages = pagecheck.read(Renderer(None).briefing(analysis, DAY).pdf)
    text = text_of(pages)
    assert f"{analysis.readability.words} words" in text and analysis.readability.words > 500
    assert "under a minute" not in text
    assert "Not measurable: it is written in Chinese" in text
    assert pagecheck.problems(Renderer(None).briefing(analysis, DAY).pdf, analysis) == []


def test_the_second_story_has_its_own_heading_in_brief_and_in_the_article(seed_pages):
    flow = " ".join(p.flow for p in seed_pages)
    heading = "German Chancellor Olaf Scholz set off yesterday for Washington"
    in_brief = flow.index("IN BRIEF")
    assert flow.index("Mr Macron has made a frenetic", in_brief) < flow.index(heading, in_brief) < flow.index(
        "German Chancellor Olaf Scholz set off yesterday for Washington seeking", in_brief)
    article = flow.index("THE ARTICLE")
    assert flow.index("Joe Biden.", article) < flow.index(heading, article) < flow.index("Mr Scholz has said", article)


def test_timeline_lines_are_dates_a_reader_reads_each_once(seed_analysis, seed_pages):
    """Not "week 5 of 2022 past week", "2019 this year", nor the same day twice."""
    flow = " ".join(p.flow for p in seed_pages)
    column = flow[flow.index("TIMELINE") : flow.index("KEY PHRASES")]
    assert "week of 31 Jan 2022" in column and "past week" not in column and "tomorrow" not in column
    labels = [templates.when(t.when) for t in seed_analysis.timeline]
    assert all(column.count(label) == 1 for label in set(labels))
    assert templates.when("2022-02-late") == "late Feb 2022"


@pytest.mark.parametrize("name", ["cnn-forty-quotations", "bbc-no-quotation", "arabic-rtl", "feed-item", "time"])
def test_page_checks_pass_on_the_review_samples_hard_cases(name):
    """bench/review.py runs the checks over its whole sample; the suite over its hardest cases."""
    from bench import review

    analysis = analyze(review.article(next(item for item in review.SAMPLE if item.name == name)))
    assert pagecheck.problems(Renderer(None).briefing(analysis, DAY).pdf, analysis) == []


def test_a_right_to_left_article_reads_from_the_right():
    from bench import review

    analysis = analyze(review.article(next(item for item in review.SAMPLE if item.name == "arabic-rtl")))
    assert templates.direction("دمشق، سوريا (CNN)") == "rtl" and templates.direction("(CNN) Damascus") == "ltr"
    html_text = Renderer(None).briefing_html(analysis, DAY)
    assert html_text.count('dir="rtl"') >= len(analysis.summary) + sum(map(len, analysis.paragraphs))
    pages = pagecheck.read(Renderer(None).briefing(analysis, DAY).pdf)
    lines = {}
    for word in pages[-1].body:  # the article's lines end at the right margin, not the left
        lines.setdefault(round(word.base), []).append(word)
    right = pages[-1].width - 18 * pagecheck.MM  # the page's right margin
    flush_right = [ws for ws in lines.values() if max(w.x1 for w in ws) > right - 3]
    assert len(flush_right) > 0.8 * len(lines)
