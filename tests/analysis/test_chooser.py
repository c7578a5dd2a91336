"""The speaker chooser: its shipped weights, and what it adds to the rules."""

from __future__ import annotations

import json
import math
from importlib import resources

from reports.analysis.quotes import extract
from reports.analysis.quotes import chooser
from reports.analysis.quotes import quotes as quotes_module
from reports.analysis.text import split


def _speakers(text: str, *model) -> list[str | None]:
    return [q.speaker for q in extract(split(text), *model).items]


def test_shipped_weights_are_finite_numbers_with_the_rules_among_them():
    data = json.loads(resources.files("reports.analysis.quotes").joinpath("chooser.json").read_text())
    weights = data["weights"]
    assert len(weights) > 20 and all(isinstance(w, float) and math.isfinite(w) for w in weights.values())
    assert weights["rule"] > 0  # the rules' own source is a candidate the model leans on
    assert chooser.weights() == weights


def test_chooser_finds_a_source_the_rules_miss():
    text = "“We will not close it,” came the reply from Mayor Ada Park."
    assert _speakers(text, None) == [None]  # the rules alone: no reporting verb they know
    assert _speakers(text) == ["Ada Park"]


def test_nobody_stays_nobody():
    assert _speakers("It rained. Nobody expected the vote to be “far closer than the polls”.") == [None]


def test_signatures_after_a_dash_on_the_quotations_line():
    text = ("Readers wrote in by the hundreds.\n\n“The paper is my morning coffee.” — Ben Ode, Leeds\n\n"
            "“I read it for the crossword.” ― Cleo Ray, York")
    assert _speakers(text) == ["Ben Ode", "Cleo Ray"]
    assert _speakers("“We will not close the library.” — and nobody believed it.") == [None]


def test_a_reporting_verb_next_to_the_quotation_stands():
    text = "Ada Park met Ben Ode on Monday. “We will not close the library,” Park said."
    assert _speakers(text) == _speakers(text, None) == ["Ada Park"]


def test_a_report_credited_to_another_source_is_that_sources():
    text = "“We will not close the library,” Ada Park told reporters, according to the Daily Ledger."
    assert _speakers(text) == ["Daily Ledger"]
    assert _speakers("According to the Daily Ledger, Ada Park called the plan “a bridge to nowhere.”") == \
        ["Daily Ledger"]


def test_a_report_of_the_words_credits_them_to_the_report():
    text = ("“This plan says you are no longer welcome,” said Lena Fisk, director of Friends of the River, "
            "reports the Daily Ledger. “This has been the message for years.”\n\n"
            "Asked about the ban, Sam Lau said: “There will always be exceptions,” the Ledger reported.")
    assert _speakers(text) == ["Daily Ledger", "Daily Ledger", "Daily Ledger"]
    # no second reporting clause, or one about someone else: the speaker stands
    assert _speakers("“We won,” said Ada Park, who reported the result. “It is over,” the Ledger reported.") == \
        ["Ada Park", "Ledger"]


def test_a_plural_noun_of_people_after_a_name_is_no_verb():
    # "allies" heads the noun phrase: "Lake Erie" with a verb "allies" would be the speaker
    text = ("Ada Park expressed frustration in an interview this year that the city's northern and "
            "Lake Erie allies were acting too often as “free riders.”")
    assert _speakers(text) == ["Ada Park"]


def test_a_quotation_credited_by_the_sentence_after_it():
    for credit in ("That was how Cleo Ray, the finance minister, put it.", "So said Cleo Ray on Monday.",
                   "Those were the words of Cleo Ray, the finance minister.",
                   "The warning came from Cleo Ray, the finance minister."):
        text = f"“We will win this,” Ben Ode said.\n\n“We need the money now.” {credit}"
        assert _speakers(text) == ["Ben Ode", "Cleo Ray"], credit
    # the quotation alone in its paragraph, credited by the next one
    text = "“We will win this,” Ben Ode said.\n\n“We need the money now.”\n\nSo says Cleo Ray, the finance minister."
    assert _speakers(text) == ["Ben Ode", "Cleo Ray"]
    # a sentence that credits no one: the speaker the paragraph before gave stands
    assert _speakers("“We will win this,” Ben Ode said.\n\n“We need it now.” This is what he said.") == \
        ["Ben Ode", "Ben Ode"]


def test_an_inverted_source_with_a_lower_case_title_and_an_affiliation_is_the_person():
    text = "“People are anxious about the future,” says psychologist Ada Park of the state university."
    assert _speakers(text) == ["Ada Park"]


def test_the_subject_of_the_clause_said_is_no_inverted_speaker():
    text = "Ada Park, calling the plan “a disaster,” said the council would vote against it."
    assert _speakers(text) == ["Ada Park"]
    assert _speakers("“We will not close it,” said the mayor, who was elected in May.") == ["the mayor"]


def test_an_opening_phrase_without_its_comma_is_no_part_of_the_subject():
    text = "At one point the crowd loudly reprised the chant “Lock her up!” that rang through the hall."
    assert _speakers(text) == ["the crowd"]


def test_a_name_inside_another_quotation_is_no_candidate():
    text = ("President Tom Ode named Ada Park on Tuesday.\n"
            "“I am pleased to nominate Ms. Park to serve on the United States Court of Appeals bench,” Ode said "
            "in a statement. “I am confident she will serve with integrity.”")
    trace: list = []
    quotes_module._extract(split(text), chooser.weights(), trace)
    keys = [group.key for group in trace[1][1]]
    assert "tom ode" in keys and not any("court" in key for key in keys)


def test_a_document_credited_by_according_to_is_shown_without_its_participle():
    assert _speakers("“We were not consulted,” according to a letter signed by 40 residents.") == ["a letter"]


def test_a_share_of_the_people_polled_speaks_through_the_poll():
    text = "In a Ledger poll released Monday, 31% of voters said they were “extremely worried” about it."
    assert _speakers(text) == ["a Ledger poll released Monday"]


def test_the_source_as_written_is_the_speakers_pronoun_in_the_writers_sentence():
    """The speaker resolved, and as written the pronoun that stands for it next to the
    quotation (how PolNeAR's annotators write a source); not a pronoun after the quotation
    with no reporting verb."""
    text = ("Ada Park, the mayor, spoke for an hour on the budget, and she defended it, saying, "
            "“Ninety percent of the plan is new.”")
    assert [(q.speaker, q.mention) for q in extract(split(text)).items] == [("Ada Park", "she")]
    text = "Ada Park wrote that Tom John was “a liar” if she were honest."
    assert [(q.speaker, q.mention) for q in extract(split(text)).items] == [("Ada Park", "Ada Park")]


def test_a_name_that_touches_the_quotation_is_its_object_more_often_than_its_source():
    """'she found Tom Ode “very professional”': the name right before the opening mark is
    marked, and the fitted weight holds it back."""
    from reports.analysis.quotes import quotes

    trace: list = []
    quotes._extract(split("Ada Park was asked about it. Later she found Tom Ode “very professional.”"),
                    chooser.weights(), trace)
    touching = {g.mention.text for g in trace[0][1] if g.features.get("touches_quote")}
    assert touching == {"Tom Ode"}
    assert chooser.weights()["touches_quote"] < 0


def test_the_subject_of_a_verb_that_reports_nothing_is_marked():
    """'the crowd loudly reprised the chant “...”': no reporting verb, yet the one doing it."""
    from reports.analysis.quotes import quotes

    trace: list = []
    text = "Boos rained down when Ada Park spoke, and the crowd loudly reprised the chant “Lock them up!”"
    quotes._extract(split(text), chooser.weights(), trace)
    marked = {g.mention.text for g in trace[0][1] if g.features.get("subject")}
    assert "the crowd" in marked and "Ada Park" not in marked  # "Boos rained" is marked too
    assert _speakers(text) == ["the crowd"]


def test_a_relative_pronoun_is_the_source_as_written():
    """'Ada Park, who says it's “disastrous”': the speaker is its antecedent, written "who"."""
    text = "The pact has critics, such as Ada Park, who says it is “disastrous.”"
    assert [(q.speaker, q.mention) for q in extract(split(text)).items] == [("Ada Park", "who")]


def test_source_nouns_found_word_by_word_are_the_patterns_matches():
    # the fast walk must give exactly the regular expression's matches, window edges included:
    # a word cut by the window's end, a word that starts before the window, case, underscores
    text = ("xofficials said officials_ and Officials, OFFICIALS, officials2, spokeswomen; "
            "the aides, aide and aidesx met two sources close to someone")
    for lo in range(len(text)):
        for hi in range(lo, len(text) + 1, 7):
            expected = [m.span() for m in chooser._SOURCE_NOUN.finditer(text, lo, hi)]
            assert [m.span() for m in chooser._source_nouns(text, lo, hi)] == expected, (lo, hi)


def test_a_verb_subject_against_a_source_the_sentence_credits_is_marked():
    """'Park wrote ..., threatening “...,” according to the letter': the rules' credited source
    is read where it is written (after the quotation, with its "according to the"), and the
    reporting verb's subject is marked as a rival of it, a mark the fitted weight holds back."""
    from reports.analysis.quotes import quotes

    trace: list = []
    text = ("It rained. Ada Park spoke on Monday about the letter.\n\n"
            "Park wrote to the board, threatening “a major lawsuit,” according to the letter.")
    quotes._extract(split(text), chooser.weights(), trace)
    groups = {g.mention.text: g for g in trace[0][1]}
    rule = next(g for g in groups.values() if g.rule)
    assert rule.mention.text == "the letter" and rule.mention.start > trace[0][0].end
    assert rule.features.get("rule&by") == 1.0
    assert groups["Park"].features.get("verb_after&credited_elsewhere") == 1.0
    assert chooser.weights()["verb_after&credited_elsewhere"] < 0
