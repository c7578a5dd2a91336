"""Quotations: detection, kinds, attribution and statistics, on real text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from reports.analysis.quotes import extract
from reports.analysis.text import split
from reports.ingest.txt import parse
from reports.models import Quote

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_b8909ad496ca7278.txt"


def quotes(text: str) -> list[Quote]:
    doc = split(text)
    found = list(extract(doc).items)
    for q in found:
        assert doc.text[q.start : q.end] == q.quote
    return found


def speech(text: str) -> list[Quote]:
    return [q for q in quotes(text) if q.kind != "scare"]


# --- the seed ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> list[Quote]:
    article = parse(SEED.read_text(encoding="utf-8"), article_id="seed", source=str(SEED))
    return quotes(article.text)


def test_seed_has_exactly_three_quotations(seed: list[Quote]) -> None:
    assert [q.quote for q in seed] == [
        "We’re heading to Putin’s lair, in many ways it’s a throw of the dice,",
        "Super April",
        "high price",
    ]


def test_seed_anonymous_source_told_reuters(seed: list[Quote]) -> None:
    q = seed[0]
    assert (q.kind, q.speaker, q.anonymous) == ("full", "one source close to Mr Macron", True)
    assert (q.verb, q.told) == ("told", "Reuters")


def test_seed_super_april_is_a_scare_quote(seed: list[Quote]) -> None:
    assert (seed[1].kind, seed[1].speaker) == ("scare", None)


def test_seed_high_price_is_olaf_scholz_partial(seed: list[Quote]) -> None:
    q = seed[2]
    assert (q.kind, q.speaker, q.anonymous, q.mention) == ("partial", "Olaf Scholz", False, "Mr Scholz")


def test_seed_stats() -> None:
    article = parse(SEED.read_text(encoding="utf-8"), article_id="seed", source=str(SEED))
    stats = extract(split(article.text)).stats
    assert stats.count == 3
    assert stats.by_kind == {"full": 1, "partial": 1, "scare": 1}
    assert stats.speakers == 2
    assert (stats.named_share, stats.anonymous_share) == (0.5, 0.5)
    assert stats.top_speakers[0] == ("one source close to Mr Macron", 14)
    assert 0 < stats.quoted_words_share < 0.05


# --- detection ----------------------------------------------------------------------------------


def test_apostrophes_are_not_quotation_marks() -> None:
    found = quotes("The senator’s aides said it was over. “We’re done with Putin’s games,” Ms Lee said.")
    assert [q.quote for q in found] == ["We’re done with Putin’s games,"]


def test_straight_double_quotes() -> None:
    found = speech('"We will win," said Senator Maria Lopez.')
    assert [(q.quote, q.speaker) for q in found] == [("We will win,", "Maria Lopez")]


def test_single_quotes_when_they_are_the_main_marks() -> None:
    text = (
        "‘We’re heading home,’ said Prime Minister Anna Berg.\n\n"
        "‘It’s been a long week,’ she added, as the team’s bus left."
    )
    found = speech(text)
    assert [q.quote for q in found] == ["We’re heading home,", "It’s been a long week,"]
    assert [q.speaker for q in found] == ["Anna Berg", "Anna Berg"]


def test_guillemets() -> None:
    found = speech("«We are leaving tonight,» said Emmanuel Macron.")
    assert [(q.quote, q.speaker) for q in found] == [("We are leaving tonight,", "Emmanuel Macron")]


def test_nested_quotation_stays_inside_the_outer_one() -> None:
    found = quotes("“He looked at me and said ‘no deal’ twice,” said Tom Baker.")
    assert [q.quote for q in found] == ["He looked at me and said ‘no deal’ twice,"]


def test_quotation_over_several_paragraphs_is_one_item() -> None:
    text = (
        "“We will build it,” said Jane Doe. “And it will be big\n\n"
        "“and it will be paid for by them.”\n\n"
        "The crowd cheered."
    )
    found = speech(text)
    assert found[1].quote == "And it will be big\n\n“and it will be paid for by them."
    assert found[1].speaker == "Jane Doe"


def test_unclosed_mark_does_not_swallow_the_article() -> None:
    text = (
        "The mayor said “this never closes.\n\n"
        "Later, “It was a mistake,” said Councillor Ben Ode.\n\n"
        "A last paragraph."
    )
    found = speech(text)
    assert [(q.quote, q.speaker) for q in found] == [("It was a mistake,", "Ben Ode")]


def test_html_attributes_are_not_quotations() -> None:
    found = quotes('<tweet author="realDonaldTrump" id="123">Big day!</tweet>')
    assert found == []


def test_marks_pair_within_a_line() -> None:
    text = (
        '"The vote is rigged," he said. "We will appeal.\n'
        'Ann Cole, campaign manager."\n'
        '"We are ready," said Tom Baker.'
    )
    found = quotes(text)
    assert [q.quote for q in found] == ["The vote is rigged,", "We are ready,"]


def test_straight_quotation_runs_over_the_lines_of_a_hard_wrapped_text() -> None:
    # A plain-text file wrapped at a fixed width: its line breaks are spaces.
    text = (
        'The mayor said the new bridge "will carry twenty thousand cars a day\n'
        'and take the trucks out of the old town," and that work starts in May.\n'
        '"We have waited long enough," said Councillor Ben Ode, who chairs the\n'
        'transport committee.'
    )
    found = quotes(text)
    assert [q.quote for q in found] == [
        "will carry twenty thousand cars a day\nand take the trucks out of the old town,",
        "We have waited long enough,",
    ]


# --- kinds --------------------------------------------------------------------------------------


def test_partial_quote_woven_into_the_sentence() -> None:
    found = quotes("Senator Ted Cruz called the plan “a disaster for working families.”")
    assert [(q.kind, q.speaker) for q in found] == [("partial", "Ted Cruz")]


def test_named_rather_than_quoted_is_scare() -> None:
    found = quotes("She starred in a show called “Cake Boss” for years.")
    assert [q.kind for q in found] == ["scare"]


def test_term_with_no_speaker_is_scare() -> None:
    found = quotes("The so-called “dark money” groups spent heavily in Ohio.")
    assert [(q.kind, q.speaker) for q in found] == [("scare", None)]


# --- attribution --------------------------------------------------------------------------------


def test_x_said_after_the_quote() -> None:
    found = speech("“Taxes will fall,” Angela Merkel said on Monday.")
    assert [(q.speaker, q.verb, q.kind) for q in found] == [("Angela Merkel", "said", "full")]


def test_said_x_after_the_quote() -> None:
    found = speech("“Taxes will fall,” said Angela Merkel, the German chancellor.")
    assert [q.speaker for q in found] == ["Angela Merkel"]


def test_x_added_colon_before_the_quote() -> None:
    found = speech("Angela Merkel added: “Taxes will fall next year.”")
    assert [(q.speaker, q.verb) for q in found] == [("Angela Merkel", "added")]


def test_according_to() -> None:
    found = speech("The cuts are “unavoidable,” according to Finance Minister Lars Holm.")
    assert [(q.speaker, q.verb) for q in found] == [("Lars Holm", "according to")]


def test_told_outlet() -> None:
    found = speech("“We are ready,” Pedro Sanchez told Reuters on Friday.")
    assert [(q.speaker, q.verb, q.told) for q in found] == [("Pedro Sanchez", "told", "Reuters")]


def test_pronoun_resolves_to_the_last_named_speaker() -> None:
    text = (
        "German Chancellor Olaf Scholz flew to Washington.\n\n"
        "“We stand together,” Scholz said.\n\n"
        "“There is no doubt about it,” he said."
    )
    found = speech(text)
    assert [(q.speaker, q.mention) for q in found] == [
        ("Olaf Scholz", "Scholz"), ("Olaf Scholz", "he")
    ]


def test_surname_with_title_resolves_to_the_full_name() -> None:
    text = "Olaf Scholz arrived late.\n\nMr Scholz has said Moscow would pay a “high price” for it."
    found = speech(text)
    assert [(q.speaker, q.mention) for q in found] == [("Olaf Scholz", "Mr Scholz")]


def test_second_quote_of_a_paragraph_keeps_its_speaker() -> None:
    found = speech("“We will fight,” said Maria Lopez. “We will not give up.”")
    assert [q.speaker for q in found] == ["Maria Lopez", "Maria Lopez"]


def test_quote_only_paragraph_takes_the_speaker_introduced_before() -> None:
    text = "Governor Jay Inslee told reporters:\n\n“The fires are out of control.”"
    found = speech(text)
    assert [(q.speaker, q.kind) for q in found] == [("Jay Inslee", "full")]


@pytest.mark.parametrize(
    "source",
    ["officials", "a spokesperson", "people familiar with the matter", "one source close to Mr Macron"],
)
def test_anonymous_sources(source: str) -> None:
    found = speech(f"“The talks are over,” {source} said.")
    assert [(q.speaker, q.anonymous) for q in found] == [(source, True)]


def test_named_source_is_not_anonymous() -> None:
    found = speech("“The talks are over,” said Paul Lindsay, a spokesman for the campaign.")
    assert [(q.speaker, q.anonymous) for q in found] == [("Paul Lindsay", False)]



def test_single_surname_after_the_quote_is_a_name() -> None:
    text = (
        "Treasury Secretary Jacob J. Lew spoke on a call.\n\n"
        "“Only legislation can stop them,” Lew said in the call."
    )
    assert [q.speaker for q in speech(text)] == ["Jacob J. Lew"]


def test_fragment_ending_its_sentence_takes_the_source_before() -> None:
    text = (
        "Secretary of State John Kerry said the elections were “far from perfect.” "
        "Ben Ode cited the exclusions."
    )
    assert [q.speaker for q in speech(text)] == ["John Kerry"]


def test_participle_after_the_quote_keeps_the_sentence_subject() -> None:
    text = "Donald Trump hailed the vote as “fantastic,” telling reporters that he was pleased."
    assert [q.speaker for q in speech(text)] == ["Donald Trump"]


def test_participle_after_said_takes_the_earlier_subject() -> None:
    text = "Ryan and Trump will meet next week, Sean Spicer said, adding, “They need to talk.”"
    assert [q.speaker for q in speech(text)] == ["Sean Spicer"]


def test_pronoun_resolves_to_a_person_opening_a_later_sentence() -> None:
    text = (
        "“We will win,” said Michael Steele.\n\n"
        "Tom Perez lobbies for a higher wage. “No one should live in poverty,” he says."
    )
    assert [q.speaker for q in speech(text)] == ["Michael Steele", "Tom Perez"]


def test_a_mark_is_closed_by_a_mark_of_its_own_style() -> None:
    found = quotes('“We will win," she said. "We always do.”\n\n“Then it ends."\n\nThe end.')
    assert [q.quote for q in found] == ['We will win," she said. "We always do.']


def test_mixed_marks_typed_by_slip_still_pair() -> None:
    # a straight opening mark closed by a curly one, and a curly opening mark typed twice
    found = speech('"We may not,” Mayor Ann Lee said. "We will.”\n\nShe called the plan “a fine idea“ and left.')
    assert [(q.quote, q.speaker) for q in found] == [
        ("We may not,", "Ann Lee"), ("We will.", "Ann Lee"), ("a fine idea", "Ann Lee"),
    ]
    # an opening mark after a space still restarts a quotation left open
    assert [q.quote for q in quotes('“It was late, she said. “We stayed.”')] == ["We stayed."]

# --- scale --------------------------------------------------------------------------------------


def test_one_megabyte_article_is_fast() -> None:
    paragraph = (
        "In Paris, “we’re heading to Putin’s lair,” one source close to Mr Macron told Reuters. "
        "Mr Scholz has said Moscow would pay a “high price” and a “Super April” looms. "
        "He said “this one never closes and the next paragraph must not be swallowed.\n\n"
    )
    text = paragraph * (1_000_000 // len(paragraph))
    started = time.process_time()  # CPU time: on a shared machine the wall clock counts other jobs
    found = extract(split(text))
    assert time.process_time() - started < 60  # a wide bound (quadratic would take hours); bench/quotes.py times it
    assert len(found.items) == 3 * (1_000_000 // len(paragraph))


# --- kinds: titles and terms inside an attributed sentence --------------------------------------


def test_title_after_a_possessive_before_its_reporting_clause_is_scare() -> None:
    found = quotes("Speaking on NBC’s “Meet the Voters” on Sunday, the mayor said the plan was dead.")
    assert [q.kind for q in found] == ["scare"]


def test_capitalised_words_after_a_verb_in_an_attributed_sentence_are_speech() -> None:
    found = quotes("Ada Park said her rivals would soon learn to fear “Big Oil” again.")
    assert [(q.kind, q.speaker) for q in found] == [("partial", "Ada Park")]


def test_capitalised_words_the_sentence_subject_acts_on_are_speech() -> None:
    found = quotes("Ada Park hoped to promote “Open Skies” and her book.")
    assert [(q.kind, q.speaker) for q in found] == [("partial", "Ada Park")]


def test_a_name_given_by_a_reporting_subject_is_speech() -> None:
    found = quotes("Ada Park mocked Bo Chan, whom she dubbed “the little senator.”")
    assert [(q.kind, q.speaker) for q in found] == [("partial", "Ada Park")]


# --- kinds: cited rather than quoted, as the words after the closing mark show -----------------


def test_headline_credited_to_its_writer_is_scare() -> None:
    found = quotes('READS—"Harbor ferry to stop running in June," by the Gazette\'s Ann Lee: "The ferry will stop."')
    assert found[0].kind == "scare"


def test_slogan_dated_in_parentheses_is_scare() -> None:
    found = quotes("The party's posters said it plainly: “No to the new tax!” (2014).")
    assert [q.kind for q in found] == ["scare"]


def test_show_title_before_its_star_is_scare() -> None:
    found = quotes("“Tomorrow We Sail for Home” star Ann Lee met the governor on Monday.")
    assert [q.kind for q in found] == ["scare"]


def test_a_quote_said_by_someone_is_not_a_byline() -> None:
    found = quotes("The plan was called “a disgrace” by Senator Ann Lee on Monday.")
    assert [q.kind for q in found] == ["partial"]


def test_title_after_the_kind_of_work_it_names_is_scare() -> None:
    found = quotes("Ann Lee, who promoted her new memoir, “Rivers of Salt and Stone,” spoke on Monday.")
    assert [q.kind for q in found] == ["scare"]


def test_sentence_quoted_from_a_book_is_speech() -> None:
    found = quotes("Ann Lee wrote in her memoir, “I never wanted to run for office.”")
    assert [(q.kind, q.speaker) for q in found] == [("full", "Ann Lee")]


def test_title_after_a_part_played_in_it_is_scare() -> None:
    found = quotes("Ann Lee, who starred in “Rivers of Salt,” endorsed the mayor.")
    assert [q.kind for q in found] == ["scare"]


def test_reporting_verb_with_a_particle_closes_its_clause() -> None:
    text = "“Who will pay for the bridge?” the mayor asked.\n\n“The county!” the crowd shouted back."
    found = speech(text)
    assert [(q.quote, q.mention) for q in found][1] == ("The county!", "the crowd")


@pytest.mark.parametrize(
    "sentence",
    [
        "Ann Lee told WXYZ’s “Morning Round Table” that the bridge would be rebuilt.",
        "“We will rebuild,” Ann Lee said on WXYZ’s “Morning Round Table.”",
        "In an interview with “Morning Round Table,” Ann Lee said the bridge would be rebuilt.",
    ],
)
def test_programme_after_its_outlet_is_scare(sentence: str) -> None:
    assert [q.kind for q in quotes(sentence)][-1] == "scare"


def test_words_told_to_an_outlet_are_speech() -> None:
    found = quotes("Ann Lee told WXYZ the bridge would be “rebuilt within a year.”")
    assert [(q.kind, q.speaker) for q in found] == [("partial", "Ann Lee")]


def test_what_a_crowd_chants_is_speech() -> None:
    found = quotes("Walking into the hall to chants of “Four More Years,” the mayor said the race was close.")
    assert [q.kind for q in found] == ["partial"]


def test_quotation_in_a_subhead_in_capitals_is_scare() -> None:
    text = (
        "“We will rebuild,” Mayor Ann Lee said on Monday.\n"
        "“NOT ONE MORE DAY OF DELAY”\n"
        "The council votes next week."
    )
    assert [q.kind for q in quotes(text)] == ["full", "scare"]


def test_a_buttons_label_is_scare() -> None:
    found = quotes("To get the newsletter, enter your address and click “send it to me.”")
    assert [q.kind for q in found] == ["scare"]


def test_a_word_someone_called_something_is_speech() -> None:
    text = "There were jabs, such as when Ann Lee knocked Bo Chan on trade and called him a “coward,” which stung."
    found = quotes(text)
    assert [q.kind for q in found] == ["partial"]


def test_a_word_in_a_list_of_terms_is_scare() -> None:
    found = quotes("Any file with words such as “tariff” was flagged.")
    assert [q.kind for q in found] == ["scare"]


def test_a_title_with_a_lower_case_verb_before_its_star_is_scare() -> None:
    found = quotes("“Rain is the New Sun” star Ann Lee met the governor on Monday.")
    assert [q.kind for q in found] == ["scare"]


def test_fragment_left_open_does_not_run_into_the_next_paragraph() -> None:
    text = (
        'The mayor said the builder was a “good neighbor," who gave to charities.\n\n'
        "“The bridge will open in May,” said Councillor Ben Ode."
    )
    found = speech(text)
    assert [(q.quote, q.speaker) for q in found] == [("The bridge will open in May,", "Ben Ode")]


def test_curly_quotation_may_run_over_a_line_break() -> None:
    found = quotes("“We will fund the schools\nand the roads,” said Councillor Ben Ode.")
    assert [q.quote for q in found] == ["We will fund the schools\nand the roads,"]
