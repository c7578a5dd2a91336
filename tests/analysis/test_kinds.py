"""Scare quotes, titles and terms told from quotations someone said (reports.analysis.quotes.kinds)."""

from __future__ import annotations

import pytest

from reports.analysis.quotes import extract
from reports.analysis.text import split


def kinds(text: str) -> list[str]:
    return [q.kind for q in extract(split(text)).items]


@pytest.mark.parametrize("text", [
    "The county is building a “river park” near the old mill.",
    "Yes, the “road diet” plan cut the traffic by half last year.",
])
def test_a_term_in_a_sentence_that_reports_no_one_is_scare(text: str) -> None:
    assert kinds(text) == ["scare"]


@pytest.mark.parametrize("text", [
    "The mayor later defended the plan as “long overdue.”",
    "Council members blamed the delay on “red tape” at the state agency.",
    "Residents fear a “land grab” by the developer.",
])
def test_a_term_in_a_sentence_of_judging_or_fearing_is_speech(text: str) -> None:
    assert kinds(text) == ["partial"]


@pytest.mark.parametrize("text", [
    "The historian Ada Park referred to the “Silent Decade.”",
    "Mayor Ben Ode offered a spirited defence of the “Clean Rivers” bill.",
])
def test_capitalised_words_a_few_words_after_the_reporting_verb_are_speech(text: str) -> None:
    assert kinds(text) == ["partial"]


def test_capitalised_words_far_from_the_reporting_verb_are_a_name() -> None:
    text = "Aides said the mayor hoped to hold the line on taxes until after the “Big Vote” of May."
    assert kinds(text) == ["scare"]


@pytest.mark.parametrize("text", [
    "Council aides have all used the term “road diet” this week.",
    "Ada Park ran on the slogan “Fix the Roads” in 2019.",
])
def test_words_someone_is_said_to_use_are_speech(text: str) -> None:
    assert kinds(text) == ["partial"]


def test_the_term_with_no_one_using_it_is_a_mention() -> None:
    assert kinds("The term “road diet” means fewer lanes for cars.") == ["scare"]


def test_words_a_finding_reports_are_speech() -> None:
    assert kinds("An audit of the agency found “serious lapses” in its records.") == ["partial"]
