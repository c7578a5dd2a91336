"""The quotation pass's shared whole-text scans (`reports.analysis.quotes.index`)."""

from __future__ import annotations

import gc
from pathlib import Path

from reports.analysis.quotes import extract
from reports.analysis.quotes.can_speak import genders, lexicon
from reports.analysis.quotes.index import TextIndex
from reports.analysis.quotes.lexicon import CAP_NAME
from reports.analysis.text import split
from reports.ingest.txt import parse

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_b8909ad496ca7278.txt"


def test_an_article_leaves_no_cycle_behind() -> None:
    """An article's attributor, names, mentions and memos are freed by reference counting as
    soon as `extract` returns: nothing of them waits for the cycle collector."""
    doc = split(parse(SEED.read_text(encoding="utf-8"), article_id="seed", source=str(SEED)).text)
    extract(doc)  # the caches of the process filled first
    gc.collect()
    gc.disable()
    try:
        found = extract(doc)
        unreachable = gc.collect()
    finally:
        gc.enable()
    assert found.items
    assert unreachable == 0


def test_each_scan_is_the_whole_text_scan_once() -> None:
    text = "Ms. Lee Park met Sen. Ada Stone. Stone said, “No.” Later, Park agreed."
    index = TextIndex(text)
    assert [m.group() for m in index.runs] == [m.group() for m in CAP_NAME.finditer(text)]
    assert index.run_starts == [m.start() for m in CAP_NAME.finditer(text)]
    assert index.runs is index.runs  # scanned once
    assert "Park" in index.mid_capitals and "Later" not in index.mid_capitals
    assert index.proper() is index.mid_capitals
    assert index.genders == genders(text)


def test_genders_without_a_title_skip_the_scan_and_find_the_same() -> None:
    """The titles' written forms are looked for first: a text with none has no genders, one
    with a title still has them all (a title in another case is no title to the pattern)."""
    assert genders("Lee Park and Ada Stone spoke. mr Ode did not.") == {}
    assert genders("Ada Stone met Mr. Lee Park; Sister Ann Ode agreed.") == {"park": "he", "ode": "she"}
    assert genders("Ada Stone met MR. Park.") == {}


def test_every_title_alone_still_gives_its_gender() -> None:
    """The titles are looked for with one pattern before the scan: a text whose only title is
    any one of them (the last of the list as much as the first) keeps that title's gender."""
    titles = lexicon().gender_titles
    for title, pronoun in titles.items():
        if title.isascii() and title.isalpha() and title.islower():
            written = title.capitalize()
            assert genders(f"Ada Stone met {written} Lee Park.") == {"park": pronoun}, written
