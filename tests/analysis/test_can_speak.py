"""Can speak: a quotation's source is a person, a group, a description of people, a document or
a resolved pronoun; anything else is never chosen (unattributed is better than absurd)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reports.analysis.quotes import extract
from reports.analysis.quotes.can_speak import Names, can_speak, descriptions, genders, lexicon, shown
from reports.analysis.text import split

DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "quotes" / "polnear-dev.jsonl"


@pytest.mark.parametrize("source", [
    "thousands", "a low voice", "FULL TEXT", "information received", "Tuesday", "Va", "Calif.",
    "the tax loophole", "his advantage", "On Social Security", "Amid Protests", "Islamist", "Former",
])
def test_what_cannot_speak(source: str) -> None:
    assert not can_speak(source)


@pytest.mark.parametrize("source", [
    "Ada Park", "officials", "a source close to the campaign", "the report", "disclosures",
    "ACLU", "the Daily Ledger", "an aide to Ada Park", "economists", "those surveyed",
    "the 46-year-old", "Others", "a spokesman for the mayor", "he", "Al From",
])
def test_what_can_speak(source: str) -> None:
    assert can_speak(source)


def test_an_opening_adverb_is_no_one() -> None:
    text = "Nearby, about 50 protesters had gathered on Wednesday, chanting “no contract, no peace” all day."
    assert not can_speak("Nearby", Names(text))
    assert [q.speaker for q in extract(split(text)).items] == ["protesters"]


def test_a_lone_capitalised_word_needs_the_articles_evidence() -> None:
    text = "Practice makes perfect, and practice they did. Later Pell said it, and so did Ada Park."
    names = Names(text)
    assert not can_speak("Practice", names)  # written in lower case too: a sentence's first word
    assert can_speak("Pell", names)  # never in lower case: a name
    assert can_speak("Park", names)  # capitalised mid-sentence
    assert not can_speak("Repeatedly", Names("Repeatedly, it rained."))
    assert not can_speak("Given", Names("Given his past comments, it rained."))  # an opening participle


def test_a_day_or_a_month_alone_is_no_one() -> None:
    # capitalised mid-sentence and never in lower case, yet no source; a month that is also a
    # given name ("May") is left to the article's evidence
    text = "They race in Leeds on 18 February and again on Monday. Later May said it, and so did Park."
    names = Names(text)
    assert not can_speak("February", names) and not can_speak("Monday", names)
    assert can_speak("May", names) and can_speak("Park", names)


def test_a_word_in_lower_case_is_a_whole_word() -> None:
    # inside a longer word ("malpractice", "practices", "practice’s") it is no evidence
    names = Names("Practice won. Malpractice, practices and practice’s cost grew; co-practice too.")
    assert not names.lower("Practice")
    assert can_speak("Practice", names)
    assert Names("Practice won, in practice.").lower("Practice")
    assert not Names("Pell.").lower("Pell.")  # not a word's shape: never found


def test_the_source_as_written_stands_in_for_a_cut_speaker() -> None:
    assert shown("The", "The famously gruff senator") == "The famously gruff senator"
    assert shown("Fundraising", "he") is None  # a pronoun resolved to no one who can speak
    assert shown("Ada Park", "she") == "Ada Park"


def test_the_words_are_data() -> None:
    words = lexicon("en")
    assert "spokesman" in words.nouns and "report" in words.nouns and "thousands" in words.not_alone


def test_a_source_that_cannot_speak_is_never_chosen() -> None:
    text = "It rained. “Enough is enough,” thousands chanted on Tuesday outside the hall."
    assert [q.speaker for q in extract(split(text)).items] == [None]
    text = "It rained. “Enough is enough,” a low voice said from the back of the hall."
    assert [q.speaker for q in extract(split(text)).items] == [None]


def test_no_chosen_speaker_fails_can_speak_over_the_dev_file() -> None:
    failing = []
    with DEV.open(encoding="utf-8") as handle:
        for line in handle:
            doc = split(json.loads(line)["text"])
            names = Names(doc.text)
            failing += [q.speaker for q in extract(doc).items if q.speaker and not can_speak(q.speaker, names)]
    assert failing == []


def test_descriptions_that_can_speak_are_candidates() -> None:
    text = "At one point the crowd chanted it, and her husband cut in, as the new report says the plan failed."
    assert [phrase for _, phrase in descriptions(text, 0, len(text))] == ["the crowd", "her husband", "the new report"]
    text = "The plan failed on the night."
    assert descriptions(text, 0, len(text)) == []


def test_she_is_no_mister() -> None:
    assert genders("Mr. Ode spoke. Ms. Ada Park replied; Congresswoman Lee Ray agreed.") == \
        {"ode": "he", "park": "she", "ray": "she"}
    text = "Tom Ode spoke first. “We will win,” Mr. Ode said. Later, “I am confident,” she said."
    assert [q.speaker for q in extract(split(text)).items] == ["Tom Ode", None]
    text = "Ada Park spoke first. “We will win,” Ms. Park said. Later, “I am confident,” she said."
    assert [q.speaker for q in extract(split(text)).items] == ["Ada Park", "Ada Park"]


@pytest.mark.parametrize("source", [
    "his Instagram page", "the end of the long debate", "one such tracking program",
    "a slice of the budget", "My Long Walk", "their Summer Games", "T-shirt", "X-ray",
])
def test_a_description_speaks_by_its_head_noun(source: str) -> None:
    # the head is a thing, or a capitalised title after a possessive: nobody, though a word
    # after the head ("one", "Instagram") would have passed before
    assert not can_speak(source)
    assert not can_speak(source, Names(f"She saw {source} on Tuesday."))


@pytest.mark.parametrize("source", [
    "a number of residents", "one of her aides", "a handful of reports", "the leaked memo",
    "officials briefed on the plan", "a person speaking on condition of anonymity",
    "a spokeswoman for the city", "the Morning Courier", "her Senate colleagues",
])
def test_a_head_noun_of_people_or_documents_speaks(source: str) -> None:
    assert can_speak(source)


def test_a_thing_is_never_shown_as_a_speaker() -> None:
    names = Names("The sale went ahead. His Instagram page said so, and one such tracking program agreed.")
    assert shown("his Instagram page", "his Instagram page", names) is None
    assert shown("One such tracking program", "One such tracking program", names) is None
    assert shown("a number of residents", "a number of residents", names) == "a number of residents"


def test_a_lone_nationality_word_is_no_one() -> None:
    """'Vietnamese, Arab, Muslim', 'on the Web': capitalised mid-sentence, yet a word that qualifies someone
    unnamed; a plural is people, and an acronym among the same words is an organisation."""
    names = Names("The Web page shows people of many backgrounds: Vietnamese, Arab, Muslim and Afghan.")
    assert not can_speak("Afghan", names)
    assert not can_speak("Arab", names)
    assert can_speak("Afghans", names)
    assert can_speak("NATO", names)
    assert not can_speak("Muslim", names) and not can_speak("Web", names)
    assert not can_speak("Turkish Cuban", names) and can_speak("Turkish Airlines", names)
    assert "afghan" in lexicon("en").qualifiers  # nationality words kept once, in reports/analysis/lang


@pytest.mark.parametrize("source", [
    "Eleven", "One", "Twenty", "its official", "his chief", "Republican", "Democratic", "Democrat",
    "Mexico City", "Kansas City", "Unless further rivals", "NASA's bad year", "HOW", "WHY",
])
def test_a_count_an_adjective_a_cut_role_or_a_city_is_no_one(source: str) -> None:
    # spelled-out counts, a party's adjective alone, a possessive and a role cut short ("its
    # official account"), a city, a clause's opening, a headline's capitals
    names = Names(f"We saw {source} on the way. {source} came back.")
    assert not can_speak(source, names)


@pytest.mark.parametrize("source", [
    "a Republican", "Republicans", "the Democrat", "one senior Democrat", "the Texan", "one",
    "Park's spokeswoman", "the order", "the defense", "its spokesman", "the official", "NATO", "UN",
])
def test_the_same_words_with_a_determiner_or_a_head_still_speak(source: str) -> None:
    assert can_speak(source, Names(f"It rained, and {source} said so."))


def test_a_date_is_no_one_though_capitalised_mid_sentence() -> None:
    names = Names("It was released in late November, and on Friday it rained.")
    assert not can_speak("November", names) and not can_speak("Friday", names)
    assert can_speak("May", Names("Later Theresa May said it, and May said more."))  # a name too


def test_a_handle_is_no_name() -> None:
    text = "“We won,” tweeted @realAdaPark #MakeItBetter. Later Ada Park spoke, and HuffPost reported."
    names = Names(text)
    assert not can_speak("AdaPark", names) and not can_speak("MakeItBetter", names)
    assert not can_speak("Real Ada Park", names)  # the handle's words, never written apart
    assert can_speak("Ada Park", names) and can_speak("HuffPost", names)


def test_a_speaker_cut_to_its_qualifier_falls_back_to_the_source_as_written() -> None:
    names = Names("“We will win,” one senior Republican said; “Never,” the Democrat said.")
    assert shown("Republican", "one senior Republican", names) == "one senior Republican"
    assert shown("Democrat", "the Democrat", names) == "the Democrat"
    assert shown("One", "One Sunday", names) is None


def test_a_city_or_a_state_written_as_the_source_is_no_one_a_country_may_be() -> None:
    text = "Shots were fired in San Bernardino and in Benghazi. The United States said it would act."
    names = Names(text)
    assert shown("San Bernardino", "San Bernardino", names) is None  # a city, by the gazetteer
    assert shown("New Hampshire", "New Hampshire", names) is None  # a state
    assert shown("Benghazi", "Benghazi", names) is None  # one word: the article writes "in Benghazi"
    assert shown("United States", "the United States", names) == "United States"  # its government
    assert shown("Lincoln", "Lincoln", Names("Lincoln spoke first.")) == "Lincoln"  # no place here


def test_a_pronoun_in_a_run_of_capitals_is_no_name_and_a_place_is_no_antecedent() -> None:
    # "Suddenly I" (a sentence's opening words and "I") is no one; "he" resolved to a state is
    # shown as nobody, while the state written as itself is refused as before
    names = Names("Suddenly I knew. He flew to New Hampshire, and in New Hampshire he spoke.")
    assert not can_speak("Suddenly I", names) and not can_speak("Am I", names)
    assert shown("New Hampshire", "he", names) is None
    assert shown("Ada Park", "she", names) == "Ada Park"
