"""Speaker rules of the third round, one invented sentence each (test_attribution.py holds the
earlier ones)."""

from __future__ import annotations

from reports.analysis.quotes.names import person
from reports.analysis.quotes.subjects import subject_before
from tests.analysis.test_quotes import speech


def test_progressive_verb_after_an_adverb() -> None:
    text = "The count goes on, but the Park campaign is already claiming a “clear mandate” here."
    assert [q.speaker for q in speech(text)] == ["the Park campaign"]


def test_quotation_inside_an_opening_participle_phrase() -> None:
    text = (
        "It rained. Citing the storm as proof of the city's “chronic neglect of its drains,” "
        "Ada Park urged voters to turn out."
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park"]
    text = "It rained. In calling the budget “a fraud,” the old mayor again broke with his party."
    assert [q.speaker for q in speech(text)] == ["the old mayor"]
    text = "It rained. Conceding that the plan “needs work,” though, Ada Park did defend it."
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_long_sentence_closing_on_the_reporting_clause() -> None:
    text = (
        "It rained. The pledge to “fix the roads” appeals to older drivers in the valley who "
        "remember a time when the county kept every bridge and culvert in good repair and the "
        "trucks from the quarries ran on smooth tarmac all the way down to the river docks, "
        "said Ada Park, a planner at the regional office."
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_no_inverted_subject_after_a_participle() -> None:
    text = "It rained. The town released a statement Tuesday saying Park’s comments “are wrong,” and left it there."
    assert [q.speaker for q in speech(text)] == ["The town"]


def test_a_possessive_makes_a_verb_form_a_noun() -> None:
    text = "It rained. Arms experts doubted Ruritania's claims but think its rockets may have a “longer range” now."
    assert [q.speaker for q in speech(text)] == ["Arms experts"]
    text = "It rained. And he’s predicting that the vote will be “very close” in the end."
    assert [q.mention for q in speech(text)] == ["he"]


def test_a_participle_after_the_quotation_reports_nothing() -> None:
    text = ("It rained. Ada Park then called the mayor “very nimble,” a nod to the mayor "
            "acknowledging that he had changed course twice.")
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_no_reporting_clause_across_a_line_break() -> None:
    text = "It rained.\n“We will win,” Ada Park said. “We will win big!”\nPark’s boast is telling in its way."
    assert [q.speaker for q in speech(text)] == ["Ada Park", "Ada Park"]


def test_a_name_ending_the_quoted_phrase_is_no_subject() -> None:
    text = "It rained. The ship was named “in honour of” Okafor, Park wrote in her memoir."
    assert [q.speaker for q in speech(text)] == ["Park"]


def test_an_inverted_reporting_clause_set_off_by_commas() -> None:
    text = "It rained. The secret of the garden, says Ada Park, a botanist at the college, is “patience and mulch.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_a_document_obtained_by_an_outlet_speaks() -> None:
    text = "It rained. A March letter from the Rowing Club obtained by the Courier warns that “the boathouse is unsafe.”"
    assert [q.speaker for q in speech(text)] == ["Rowing Club"]


def test_a_message_to_its_readers_speaks() -> None:
    text = "It rained. The club’s weekly email to its members notes that the pool “will close in May.”"
    assert [q.mention for q in speech(text)] == ["The club’s weekly email to its members"]


# --- round 4: the sentence-subject fallback gives only noun phrases that can say something ---


def test_a_subject_that_is_no_speaker_gives_none() -> None:
    text = "It rained. The final figures aren’t the “landslide we were promised” by anyone."
    assert [q.speaker for q in speech(text)] in ([], [None])


def test_a_subject_that_is_no_speaker_leaves_the_established_speaker() -> None:
    text = ("“We will win this county,” Ada Park said on Monday.\n\n"
            "The final figures aren’t the “landslide we were promised” by anyone.")
    assert [q.speaker for q in speech(text)] == ["Ada Park", "Ada Park"]


def test_a_verb_ends_the_subject_phrase() -> None:
    from reports.analysis.quotes.plausible import speaker_phrase
    assert speaker_phrase("Okafor believes") == "Okafor"
    assert speaker_phrase("The Lee campaign projects") == "The Lee campaign"
    assert speaker_phrase("The town council recently") == "The town council"
    assert speaker_phrase("The mayor who") == "The mayor"


def test_an_abstract_noun_gives_its_owner() -> None:
    from reports.analysis.quotes.plausible import nominative, speaker_phrase
    assert speaker_phrase("Okafor’s recent assertion") == "Okafor’s"
    assert speaker_phrase("his willingness to") == "his" and nominative("his") == "he"
    assert speaker_phrase("The bridge repairs") is None
    assert speaker_phrase("a lot of voters didn’t") == "a lot of voters"
    text = "It rained. Ada Park’s recent claim that the vote was “rigged from the start” fell flat."
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_a_reporting_subject_loses_the_verb_it_was_read_with() -> None:
    from reports.analysis.quotes.plausible import trimmed
    assert trimmed("a court filing released") == "a court filing"
    assert trimmed("One county official who") == "One county official"
    assert trimmed("Her campaign quickly") == "Her campaign"
    assert trimmed("An interfaith rally") == "An interfaith rally"
    assert trimmed("those surveyed") == "those surveyed"


def test_quotation_closing_an_opening_subordinate_clause() -> None:
    text = (
        "It rained. After Ada Park said that pupils might do better at “smaller schools,” "
        "Tom Reed said: “I don't like it.”"
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park", "Tom Reed"]
    text = (
        "It rained. But even as Ada Park claimed on Tuesday that “the roads got worse,” "
        "one of the engineers said the two cases differed."
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_paragraph_of_speech_after_a_sentence_with_a_less_common_reporting_verb() -> None:
    text = (
        "Ada Park elaborated in a column for the Gazette that voters currently pledged to Tom "
        "Reed may reconsider.\n\n“A loss in the north would show how weak he is.”"
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_woven_fragments_closed_by_a_name_with_an_appositive() -> None:
    text = (
        "It rained. Roads are “a disgrace” and “a danger,” Ada Park, the former mayor of "
        "Dover, proclaimed to a cheering crowd at the county fair in the valley on Tuesday."
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park", "Ada Park"]


def test_reporting_clause_inside_a_quotation_typed_with_mixed_marks() -> None:
    text = (
        "Officials said they welcome it.\n\n“At this point, I don’t worry,\" said Mayor Ada Park "
        "in an interview. \"We’ve made mistakes.”"
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park"]
    text = "Tom Reed said it was bad.\n\n“He hurt people, too\" Park said later. \"In fact, he did.”"
    assert [q.speaker for q in speech(text)] == ["Park"]
    text = "Tom Reed said it was bad.\n\n“He said \"no\" to me,” Ada Park said."
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_clause_with_a_particle_introducing_the_next_quotation() -> None:
    text = (
        "Ada Park replies to Tom Reed with, “Why now? Was that on my way?” Reed then writes "
        "back, “You look fine.”"
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park", "Tom Reed"]


def test_thing_called_a_name_is_no_speaker() -> None:
    text = (
        "It rained. Later on Sunday, Ada Park shared a syllabus for a 2002 history class "
        "called “Perception” on her page."
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park"]
    text = "It rained. The cuts are what Tom Reed called a “let a thousand flowers bloom” plan."
    assert [q.speaker for q in speech(text)] == ["Tom Reed"]


def test_opening_phrase_ending_on_a_name_with_its_appositive() -> None:
    text = (
        "It rained. Preceded at the lectern by Tom Reed, the county sheriff and a hard-liner, "
        "Ada Park launched into a lament for the “forgotten drivers” of the valley."
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_reporting_verb_in_the_infinitive_has_the_sentence_subject() -> None:
    text = (
        "It rained. The judge pointed to a previous case to say that courts must weigh "
        "“whether the public has a stake in it.”"
    )
    assert [q.speaker for q in speech(text)] == ["The judge"]


def test_participle_after_a_letter_to_a_named_person() -> None:
    text = (
        "It rained. Mayor Ada Park wrote a letter to Attorney General Tom E. Reed asking the "
        "department to look into the “fiasco.”"
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_in_someones_words() -> None:
    text = (
        "It rained. The fair was held in Dover and Troy because, in Ada Park’s words, “they "
        "are the liveliest towns in the valley.”"
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park"]
    text = "It rained. In the words of Ada Park, “the roads are a disgrace.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_adjunct_skip_stops_at_a_full_stop() -> None:
    # a sentence the splitter did not end (a feed's run-on line) still ends at its full stop
    left = "Ada Park faulted the plan for leaving the county in much worse shape.\nReed "
    assert subject_before(left) == "Reed"


def test_new_sentence_whose_subject_is_a_speaking_noun_phrase() -> None:
    text = (
        "“We will go on,” Tom Reed said. Instead, the statement talked about giving voters the "
        "right to “choose the nominee.”"
    )
    assert [q.speaker for q in speech(text)] == ["Tom Reed", "the statement"]


def test_closing_as_clause_after_a_woven_fragment() -> None:
    text = (
        "It rained. The wins show that she is popular across the state, rather than a "
        "“regional” candidate, as Tom Reed’s campaign manager suggested after the vote."
    )
    assert [q.speaker for q in speech(text)] == ["Tom Reed’s campaign manager"]


def test_less_common_reporting_verb_after_the_quotation() -> None:
    text = (
        "Roads would improve. Then came the big line: “It is about time we had a woman in "
        "charge,” exhorted the introducer, actress Ada Park."
    )
    assert [q.speaker for q in speech(text)] == ["the introducer"]


def test_relative_who_after_a_description_stands_for_it() -> None:
    # not the last person named before it ("Tom Reed")
    text = (
        "Tom Reed spoke first. Voters may not warm to a candidate who has called for "
        "“a lot worse” than that, and Ada Park, who said it was “a disgrace,” agreed."
    )
    assert [q.speaker for q in speech(text)] == ["a candidate", "Ada Park"]
    text = "Tom Reed is disavowing remarks made by a campaign surrogate who said voters “must rise up” now."
    assert [q.speaker for q in speech(text)] == ["a campaign surrogate"]


def test_she_is_not_a_man_by_his_given_name() -> None:
    # no title says it: the given names do ("John" is a man's, "Mary" a woman's)
    text = "Mary Lee spoke at length about the plan. John Park, the host, thanked her. “We will win,” she said."
    assert [(q.speaker, q.mention) for q in speech(text)] == [("Mary Lee", "she")]
    text = "Mary Lee spoke at length about the plan. John Park, the host, thanked her. “We will win,” he said."
    assert [(q.speaker, q.mention) for q in speech(text)] == [("John Park", "he")]


def test_said_before_a_clause_is_no_inverted_source() -> None:
    # "said the candidate could ...": the candidate is the reported clause's subject
    text = ("It rained. Ada Park, citing “the magic of the campaign,” said the candidate could "
            "win in the valley.")
    assert [q.speaker for q in speech(text)] == ["Ada Park"]
    text = "It rained. “We will win,” said the candidate."
    assert [q.speaker for q in speech(text)] == ["the candidate"]


def test_according_to_inside_a_reported_clause() -> None:
    # the reporting verb's subject says it; "its count" is what the clause reports
    text = ("It rained. Ada Park, a party official, said Tuesday that according to its count, the "
            "party has won most seats, but “we are still counting.”")
    assert [q.speaker for q in speech(text)] == ["Ada Park"]
    text = "It rained. According to Ada Park, the party has won most seats, but “we are still counting.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_pronoun_in_a_clause_the_sentence_subject_governs() -> None:
    # "what he described": the sentence's subject, not the last speaker ("Tom Reed")
    text = ("“We lost,” Tom Reed said. Radio host Mary Lee used her show Friday to discuss what "
            "she described as the “brilliant” plan.")
    assert [q.speaker for q in speech(text)] == ["Tom Reed", "Mary Lee"]
    text = ("“We lost,” Tom Reed said. Radio host Mary Lee used her show Friday to discuss what "
            "he described as the “brilliant” plan.")
    assert [q.speaker for q in speech(text)] == ["Tom Reed", "Tom Reed"]


def test_a_title_or_an_as_does_not_end_the_reported_clause() -> None:
    # the outer reporting verb's subject says what its clause reports
    text = ("It rained. In an interview, Ada Park said Mr. Reed had told donors that he would not "
            "keep George W. Lee's policy of allowing “no daylight” there.")
    assert [q.speaker for q in speech(text)] == ["Ada Park"]
    text = "It rained. At the bank, Ada Park said she and her peers jokingly referred to themselves as “The Club.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_an_outlet_credited_after_the_reporting_clause() -> None:
    # the writer's sentence credits the report to an outlet, as it does with "according to"
    text = "It rained. “We will win,” said Ada Park, a party official, reports Daily Ledger."
    assert [q.speaker for q in speech(text)] == ["Daily Ledger"]
    text = "It rained. When asked, Ada Park said: “We will win,” the Ledger reported."
    assert [q.speaker for q in speech(text)] == ["Ledger"]
    text = "It rained. “We will win,” Daily Ledger reported."
    assert [q.speaker for q in speech(text)] == ["Daily Ledger"]


def test_the_governing_subject_is_read_before_an_earlier_quotation() -> None:
    # "which he called": the sentence's subject (read before "there is love"), not the last
    # name to open a sentence ("United Kingdom ...")
    text = ("United Kingdom leaders stayed away. According to pool reports, Tom Reed said “there is "
            "love” in Leeds after the attack, which he called “an evil act.”")
    assert [q.speaker for q in speech(text)][-1] == "Tom Reed"


def test_an_inverted_source_ends_with_its_sentence() -> None:
    # "said Okafor. The sprinter has ..." is no clause "said" reports ("the sprinter has"), and
    # the next sentence is no part of the name: the source is Okafor, and the month before is none
    text = ("Tomas Okafor has stepped up his training by taking advice from the veteran coach Ben Hale.\n\n"
            "The 22-year-old will then take on Lee Park and Kim Dorsey in Leeds on 18 February. \"Training "
            "with Ben Hale is broadening my mind,\" said Okafor. The sprinter has also shed weight since the "
            "summer. \"Last year I was heavier,\" he said.")
    assert [q.speaker for q in speech(text)] == ["Tomas Okafor", "Tomas Okafor"]


def test_she_skips_a_man_only_for_a_woman_the_text_shows() -> None:
    # "she" after John Smith: an earlier sentence's opener is taken only when its given name or
    # title shows a woman; an unknown name (or a sentence's opening words) is not, the mayor is
    text = ("“We will win,” said Maria Lopez, the mayor. Zorblat Quenton arrived later with the papers. "
            "John Smith spoke to the council for an hour. “It is over,” she said.")
    assert [q.speaker for q in speech(text)] == ["Maria Lopez", "Maria Lopez"]


def test_a_title_word_after_a_given_name_is_a_surname() -> None:
    assert person("Rep. Peter King") == "Peter King"
    assert person("King") is None  # alone, a title (the article's full names decide: below)
    assert person("White House Press Secretary") is None  # no given name before it: a title


def test_a_surname_that_is_also_a_title() -> None:
    # "King" alone is read as a title; after "Peter King" it is his surname, and the "he"
    # that follows stands for him
    text = ("Rep. Peter King, a Republican from New York, spoke on Monday. Senator Ada Park disagreed.\n\n"
            "“We will not back down,” King said.\n\n“It is a disgrace,” he added.")
    assert [q.speaker for q in speech(text)] == ["Peter King", "Peter King"]


def test_according_to_after_the_reporting_clause_is_read_where_it_is_written() -> None:
    # the outlet credited after "Park said" is the source, though it was named earlier too
    text = ("It rained. Ada Park told Radio Vale that she would vote for the plan in the spring. "
            "She also plans to campaign for it, Park said.\n\n"
            "“I will be voting for it,” Park said, according to Radio Vale. “And I will ask others to.”")
    assert [q.speaker for q in speech(text)] == ["Radio Vale", "Radio Vale"]


def test_a_pronoun_that_resolves_to_no_one_leaves_its_quotation_unattributed() -> None:
    # "I" after "Suddenly I was afraid": its antecedent is no name; the quotation is nobody's,
    # not "Suddenly I"'s nor another candidate's
    text = ("Tom Reed, the mayor, spoke on Monday. Suddenly I was afraid of the storm. “It came at night,” "
            "I said. “The roof went first,” Ada Park told reporters.")
    assert [q.speaker for q in speech(text)] == [None, "Ada Park"]
