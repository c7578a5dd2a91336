"""The per-language data files: each loads, is complete, and says what its language needs."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from reports.analysis import lang


@pytest.mark.parametrize("code", lang.available())
def test_every_language_file_is_complete(code: str):
    rules = lang.rules(code)
    assert rules.code == code
    assert sorted(set(rules.months.values())) == list(range(1, 13))
    assert len(rules.days) == len(set(rules.days)) >= 7
    assert rules.stop_words and rules.titles and rules.demonyms and rules.number_words and rules.multipliers
    assert rules.quote_pairs and all(len(open_) == len(close) == 1 for open_, close in rules.quote_pairs)
    assert rules.formulas
    assert all(word == word.lower() for word in rules.not_content)  # looked up lowercased


def test_english_french_and_german_are_there():
    assert {"en", "fr", "de", "es", "it"} <= set(lang.available())


def test_each_language_has_its_own_words_and_marks():
    assert {"the", "of"} <= lang.rules("en").stop_words
    assert {"les", "des", "dans"} <= lang.rules("fr").stop_words
    assert {"die", "der", "und"} <= lang.rules("de").stop_words
    assert lang.rules("fr").months["février"] == 2 and lang.rules("de").months["märz"] == 3
    assert lang.rules("fr").multipliers["milliards"] == 1e9 and lang.rules("de").multipliers["millionen"] == 1e6
    assert lang.rules("fr").decimal == lang.rules("de").decimal == ","
    assert ("«", "»") in lang.rules("fr").quote_pairs and lang.rules("fr").quote_inner_space
    assert ("„", "“") in lang.rules("de").quote_pairs


def test_a_language_without_a_file_gets_nothing_english():
    rules = lang.rules("es") if "es" not in lang.available() else lang.rules("xx")
    assert not rules.stop_words and not rules.formulas and not rules.months
    assert lang.rules("../en").stop_words == frozenset()  # a code is never a path


def test_every_language_data_file_is_packaged():
    """Each file of a language's folder (words, quotes, entities, verb forms) ships in the wheel:
    pyproject's package-data globs for reports.analysis.lang cover it."""
    root = Path(__file__).resolve().parents[2]
    pyproject = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    globs = pyproject["tool"]["setuptools"]["package-data"]["reports.analysis.lang"]
    files = [p.relative_to(lang.FOLDER) for p in lang.FOLDER.glob("*/*") if p.is_file() and p.parent.name != "__pycache__"]
    assert {"en/words.toml", "en/quotes.toml", "en/entities.toml", "fr/quote_verbs.txt"} <= {f.as_posix() for f in files}
    assert [f for f in files if not any(f.match(g) for g in globs)] == []
