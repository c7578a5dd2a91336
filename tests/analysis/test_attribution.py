"""Attribution rules, one invented sentence each: who said it, read from the writer's sentence."""

from __future__ import annotations

from reports.analysis.quotes.attribution import source_after
from reports.analysis.quotes.names import person
from reports.analysis.quotes import extract
from reports.analysis.quotes.subjects import sentence_subject
from reports.analysis.text import split
from reports.models import Quote


def speech(text: str) -> list[Quote]:
    return [q for q in extract(split(text)).items if q.kind != "scare"]


def test_long_appositive_after_the_quote() -> None:
    text = (
        "The hearing ended. “The ruling protects everyone,” Dana Cole, a lawyer for one of the "
        "three groups that filed suit over the new law, said in a statement."
    )
    assert [q.speaker for q in speech(text)] == ["Dana Cole"]


def test_lower_case_titles_before_a_name() -> None:
    text = "The hearing ended. “We lost the vote,” former state governor Ada Park said."
    assert [(q.speaker, q.mention) for q in speech(text)] == [
        ("Ada Park", "former state governor Ada Park")
    ]


def test_name_opening_a_clause_with_several_commas() -> None:
    text = "It rained. Ana Ruiz, 22, of Dayton, Ohio, said the plan was “a real mess.”"
    assert [q.speaker for q in speech(text)] == ["Ana Ruiz"]


def test_name_before_who_clause() -> None:
    text = "It rained. Rep. Ada Park (D-Ore.), who met voters in Salem, Oregon, said it was “a first step.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_lone_surname_as_subject_of_said() -> None:
    text = "The vote was close. Okonjo said Monday that she would “try to form a government.”"
    assert [q.speaker for q in speech(text)] == ["Okonjo"]


def test_object_after_said_is_not_the_speaker() -> None:
    text = "It rained. The front-runner and former senator said the country “clearly” needed a plan."
    assert [q.speaker for q in speech(text)] == ["The front-runner"]


def test_said_then_name_then_colon() -> None:
    assert [q.speaker for q in speech("It rained. Then said Governor Ada Park: “We will win.”")] == [
        "Ada Park"
    ]


def test_unlisted_past_tense_verb_after_a_question() -> None:
    text = "It was late. “Would you sign it again?” Ada Park pressed. “Never,” came the answer."
    assert speech(text)[0].speaker == "Ada Park"


def test_unlisted_verb_before_the_name_after_a_quote() -> None:
    text = "It was late. “We were young and reckless,” reminisced Tom Lee, a retired miner."
    assert [q.speaker for q in speech(text)] == ["Tom Lee"]


def test_two_named_sources_joined_by_and() -> None:
    text = "It was late. “We agree,” Ann Lee and Bo Chan wrote in May."
    assert [q.speaker for q in speech(text)] == ["Ann Lee and Bo Chan"]


def test_one_source_described_twice_with_and() -> None:
    text = "It was late. “We agree,” the senator and presidential candidate said in a statement."
    assert [q.speaker for q in speech(text)] == ["the senator and presidential candidate"]


def test_and_opening_a_clause_after_a_quote_is_not_a_subject() -> None:
    text = "It was late. Ann Lee said she was “very encouraged” and Bo Chan calling it “great.”"
    assert speech(text)[0].speaker == "Ann Lee"


def test_unattributed_fragment_is_partial_not_scare() -> None:
    found = extract(split("It rained. Nobody expected the vote to be “far closer than the polls”.")).items
    assert [(q.kind, q.speaker) for q in found] == [("partial", None)]


def test_reporting_clause_closing_the_sentence_after_a_comma() -> None:
    text = "It rained. So are a “small handful” of firms who often sponsor the event, Gilbert said."
    assert [q.speaker for q in speech(text)] == ["Gilbert"]


def test_subject_of_a_sentence_closed_by_a_colon_introduces_the_next_paragraph() -> None:
    text = (
        "It rained.\n\n"
        "In response to the loss of life, nominee Ada Park issued the following statement:\n\n"
        "“Our prayers are with all those affected.”"
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_participle_after_an_object_belongs_to_the_sentence_subject() -> None:
    text = "It rained. The town released a statement saying the claims “are not based on facts.”"
    assert [q.speaker for q in speech(text)] == ["The town"]


def test_sentence_subject_after_an_opening_quotation() -> None:
    assert sentence_subject("“Never again,” Mayor Ada Park told CBS on a call, ") == "Mayor Ada Park"


def test_sentence_opening_with_the_is_its_subject_not_an_opening_phrase() -> None:
    assert sentence_subject("The mayor, ever the salesman, hoped to promote ") == "The mayor"


def test_quote_only_paragraph_after_a_sentence_with_no_reporting_verb() -> None:
    text = "It rained.\n\nAda Park was quick to rule out a deal.\n\n“Building it? Not for sale.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_reporting_clause_after_a_finished_quotation_can_open_new_speech() -> None:
    text = (
        "It rained. “It shows a lack of character,” Ann Lee said. “It is a shame.” "
        "Tom Ode said both rivals were “very weak” anyway."
    )
    assert [q.speaker for q in speech(text)] == ["Ann Lee", "Ann Lee", "Tom Ode"]


def test_reporting_verb_and_colon_after_a_finished_quotation_introduce_the_next() -> None:
    text = "It rained.\n\nAnn Lee took the stage.\n\n“We will win this.” Tom Ode told reporters: “She is wrong.”"
    assert [q.speaker for q in speech(text)] == ["Ann Lee", "Tom Ode"]


def test_participle_after_a_name_and_an_adverb_is_the_names() -> None:
    text = "Supporters punched a protester, with Ada Park reportedly yelling: “Get him out!”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_capitalised_stop_word_inside_a_name_phrase() -> None:
    text = "It rained. “It was the first time,” CBS This Morning anchor Ann Lee said."
    assert [q.speaker for q in speech(text)] == ["Ann Lee"]


def test_pronoun_in_a_parenthetical_reporting_clause() -> None:
    assert source_after(" Ohio, he said, was where they had a chance.").mention == "he"


def test_impersonal_it_is_no_speaker_for_the_next_paragraph() -> None:
    found = extract(split("It rained all day.\n\n“We will win this, whatever happens.”")).items
    assert [q.mention for q in found] == [None]


def test_dateline_is_not_the_subject() -> None:
    text = "WASHINGTON, May 4 (UPI) — A spokesman for the campaign rallied fans, saying: “Be ready.”"
    assert [q.speaker for q in speech(text)] == ["A spokesman for the campaign"]


def test_opening_adverb_and_preposition_are_not_subjects() -> None:
    assert sentence_subject("Shortly after the call ended, the campaign sent out a release ") == "the campaign"
    assert sentence_subject("Alongside calls for action, a top strategist said ") == "a top strategist"


def test_shares_and_quantifiers_are_subjects() -> None:
    text = "It rained. Asked about it, 21 percent said “not too likely” and most said “never.”"
    assert [q.speaker for q in speech(text)] == ["21 percent", "most"]


def test_adverb_and_into_after_said_close_the_reporting_clause() -> None:
    text = "It rained. “Is it you?” Ann Lee, a retired worker, said pleasantly into the phone."
    assert [q.speaker for q in speech(text)] == ["Ann Lee"]


def test_sentence_before_in_the_same_paragraph_introduces_a_quotation() -> None:
    text = "It rained.\n\nSen. Ada Park (D-Ore.), a candidate, tweeted a warning. “This must stop now.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_appositive_after_coordinated_titled_names() -> None:
    text = (
        "It rained.\n\n“We can only wonder,” state Senate leader Ann Lee and House Speaker Bo "
        "Chan, both Republicans, said in a statement."
    )
    assert [q.mention for q in speech(text)] == ["state Senate leader Ann Lee and House Speaker Bo Chan"]


def test_preposition_and_name_are_not_a_subject() -> None:
    text = "It rained. Ada Park said she had begun “to unmask the true nature” of Bo Chan, whom he called a fraud."
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_colon_after_a_prepositional_object_takes_the_sentence_subject() -> None:
    text = "It rained. Sen. Ada Park, R-Ky., delivered a blunt message to Bo Chan: “Win or go home.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_name_right_before_a_colon_speaks() -> None:
    text = "It rained. The surge does not surprise pollster Ada Park: “Voters like a fresh face.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_city_and_state_in_an_opening_phrase() -> None:
    assert sentence_subject("At a rally in Salem, New Hampshire, Ada Park went after Bo Chan, ") == "Ada Park"


def test_title_ending_in_a_source_noun_before_a_name_is_named() -> None:
    found = speech("It rained. “We will win,” Senate Majority Leader Ada Park said.")
    assert [(q.speaker, q.anonymous) for q in found] == [("Ada Park", False)]


def test_new_sentence_with_a_named_subject_is_not_the_earlier_speakers() -> None:
    text = (
        "It rained.\n\n“It was a joke,” Bo Chan said on air. Ada Park did post on Twitter "
        "that her remarks were “pure sarcasm” after all."
    )
    assert [q.speaker for q in speech(text)] == ["Bo Chan", "Ada Park"]


def test_name_after_the_last_comma_before_the_verb() -> None:
    assert source_after(" the dawn of the modern movement, Bo Chan says.").mention == "Bo Chan"


def test_conjunction_then_opening_phrase_then_subject() -> None:
    assert sentence_subject("But a few days later, Ada Park reversed herself, ") == "Ada Park"
    assert sentence_subject("And then Ada Park went fully on the attack, ") == "Ada Park"
    assert sentence_subject("On Monday, after a long wait, Ada Park endorsed Lee, ") == "Ada Park"


def test_first_name_ending_in_ly_is_no_opening_adverb() -> None:
    assert sentence_subject("In his song, Billy Joel sings, ") == "Billy Joel"


def test_but_before_an_appositive_name() -> None:
    text = "It rained. But Sen. Ada Park (D-Ill.), noting the size of the crowd, said, “It is big.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_sentence_opening_word_is_not_part_of_a_full_name() -> None:
    text = "Neither Park nor Lee spoke.\n\n“We won,” Park said."
    assert [q.speaker for q in speech(text)] == ["Park"]


def test_opening_words_and_days_are_not_parts_of_names() -> None:
    text = "Maybe Park will win. On CNN Tuesday, his wife spoke.\n\n“We won,” Park said. “Yes,” she said."
    assert [q.speaker for q in speech(text)] == ["Park", "Park"]


def test_new_sentence_with_a_described_subject_is_not_the_earlier_speakers() -> None:
    text = (
        "It rained.\n\n“It was a joke,” Bo Chan said. The agency declined to detail the "
        "inquiry's “specific focus” that week."
    )
    assert [q.speaker for q in speech(text)] == ["Bo Chan", "The agency"]


def test_a_day_is_no_subject() -> None:
    assert source_after(" Tuesday, hours after the aide was charged with battery.") is None


def test_plural_present_verb_closing_the_clause_after_a_quote() -> None:
    text = "It rained. “We do not understand it,” the two senators write."
    assert [q.speaker for q in speech(text)] == ["the two senators"]


def test_time_phrases_are_not_subjects() -> None:
    assert sentence_subject("Hours later, Ada Park returned the compliment, ") == "Ada Park"
    text = "It rained. The agency less than two weeks ago said the data were “top secret” then."
    assert [q.mention for q in speech(text)] == ["The agency"]


def test_relative_clause_before_said() -> None:
    text = "It rained. An official who spoke anonymously to discuss strategy said, “We are ready.”"
    assert [q.speaker for q in speech(text)] == ["An official"]


def test_name_after_a_preposition_before_a_participle_is_an_object() -> None:
    text = "It rained. Ada Park answered the question on Facebook writing, “I talk about it a lot.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_an_institution_is_not_read_as_a_surname() -> None:
    found = speech("It rained. “We found no evidence,” the State Department said.")
    assert [q.speaker for q in found] == ["State Department"]


def test_demonstrative_and_prepositional_descriptions_as_subjects() -> None:
    assert [q.speaker for q in speech("It rained. “It is over,” this source told the Post.")] == ["this source"]
    text = "It rained. “She will stand up to them,” a voice-over in the ad states."
    assert [q.speaker for q in speech(text)] == ["a voice-over in the ad"]


def test_signature_line_after_a_quote_only_paragraph() -> None:
    text = "Ann Lee spoke first.\n\n“We will win this, whatever it takes.”\n\n- Ada Park, Ohio.\n\nThe end."
    assert [(q.speaker, q.mention) for q in speech(text)] == [("Ada Park", "Ada Park")]


def test_opening_participle_clause_is_skipped_for_the_subject() -> None:
    text = "It rained. Reprising an old line, the former governor talked about “the work still ahead.”"
    assert [q.speaker for q in speech(text)] == ["the former governor"]
    text = "It rained. Appearing before supporters at a hall in Lyon, Ada Park spoke of “a new start.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_participial_adjective_after_the_determiner_is_no_verb() -> None:
    text = "It rained. The retired judge has given no details, saying only that she was “taking a break.”"
    assert [q.speaker for q in speech(text)] == ["The retired judge"]


def test_modal_that_is_a_first_name() -> None:
    # the mention keeps the first name; `person` drops an opening "Will" ("Will Trump win?")
    assert [q.mention for q in speech("It rained. “We did our best,” said Will Dunn, a coach.")] == [
        "Will Dunn"
    ]
    text = "It rained. Ana Ruiz spoke first. Then Will described the plan as “a real mess.”"
    assert [q.speaker for q in speech(text)] == ["Will"]


def test_coordinated_verb_shares_the_earlier_verbs_subject() -> None:
    text = ("The worry grew on Monday when Mayor Ana Ruiz of Dayton lamented the “sad” state of "
            "the race and criticized the “cheap shots” on both sides.")
    assert [q.speaker for q in speech(text)] == ["Ana Ruiz", "Ana Ruiz"]
    text = ("Her allies were quick to react, with Bo Chan writing that it was a “disgrace” and "
            "asking, “Who could vote for that?”")
    assert [q.speaker for q in speech(text)][-1] == "Bo Chan"


def test_noun_phrase_after_with_is_the_participles_subject() -> None:
    text = "The square was full, with many students and teachers chanting “Books not bombs” all day."
    assert [q.speaker for q in speech(text)] == ["many students and teachers"]


def test_prepositional_adjunct_before_the_verb_is_no_subject() -> None:
    text = "It rained. Ada Park in her opening speech called the plan “a real mess.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]
    text = "It rained. He praised Bo Chan, who Ada Park on Monday called “a true friend.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_unlisted_verb_after_a_quote_with_lower_case_words_before_the_name() -> None:
    text = "It was late. “We will never give up,” an angry Ada Park seethed. “Never.”"
    first = speech(text)[0]
    assert (first.speaker, first.mention) == ("Ada Park", "an angry Ada Park")


def test_modal_first_name_opening_an_appositive_after_a_quote() -> None:
    text = "It was late. “We lost,” Will Dunn, the coach of the team, said after the game."
    assert [q.mention for q in speech(text)] == ["Will Dunn"]


def test_reporting_clause_with_a_description_closing_the_sentence() -> None:
    text = "It rained. The plan had been “a real mess” from the first day, said the city's mayor."
    assert [q.speaker for q in speech(text)] == ["the city's mayor"]


def test_progressive_participle_takes_the_subject_before_its_auxiliary() -> None:
    opening = "In what may be the first time the two parties have agreed on anything at all this year"
    text = f"{opening}, the student group is calling on Ada Park to “stop the cuts.”"
    assert [q.speaker for q in speech(text)] == ["the student group"]
    text = f"{opening}, Ada Park’s campaign kept saying it was “a fair fight.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park’s campaign"]


def test_quote_in_a_reported_clause_is_the_reporters() -> None:
    text = "It rained. Ada Park said that Bo Chan begged her for help and “would have done anything.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]
    # the clause ends at a comma or a conjunction: the nearer verb's subject speaks
    text = "It rained. When Ada Park said the vote was lost, Bo Chan called it “a disgrace.”"
    assert [q.speaker for q in speech(text)] == ["Bo Chan"]


def test_datelines_without_a_date_are_not_subjects() -> None:
    text = "LYON — Ada Park, the mayor, took a swipe at her rival, saying his plan was “a real mess.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]
    text = "Lyon (AFP) – Ada Park took a swipe at her rival, saying his plan was “a real mess.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_passive_reporting_verb_gives_the_agent_not_the_subject() -> None:
    text = "It rained. Ada Park was asked by host Bo Chan, who backs her rival, “Would you run again?”"
    assert [q.speaker for q in speech(text)] == ["Bo Chan"]


def test_participle_and_its_object_between_subject_and_verb() -> None:
    text = "It rained. Another aide speaking to the Lyon Herald said, “We are not worried.”"
    assert [q.speaker for q in speech(text)] == ["Another aide"]


def test_long_noun_phrase_after_with_before_a_participle() -> None:
    text = "It rained. Ada Park hit back, with the campaign of the former mayor of Lyon saying it was “a lie.”"
    assert [q.speaker for q in speech(text)] == ["the campaign of the former mayor of Lyon"]


def test_of_phrase_inside_a_described_subject() -> None:
    text = "It rained. The proof was a clip from a rally, where the secretary of state said she was “not here to fight.”"
    assert [q.speaker for q in speech(text)] == ["the secretary of state"]


def test_woven_quote_takes_its_own_clauses_subject() -> None:
    text = "It rained. The Post will call you a liar and the Lyon Herald will accuse you of a “total meltdown.”"
    assert [q.speaker for q in speech(text)] == ["Lyon Herald"]
    # a subordinate clause closed by a comma leaves the main clause's subject
    text = "It rained. As four rivals took the stage, Ada Park opened with a plea to “unite behind one.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_long_opening_phrase_before_the_subject() -> None:
    text = ("It rained. Amid calls from some of her own supporters to drop out of the race before the "
            "next vote, Ada Park gave a long speech, saying it was “far too early to quit.”")
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_sequence_adverb_opening_the_sentence() -> None:
    text = "It rained. First, Ada Park attacked her rival for being a “failed candidate.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_coordinated_verb_after_a_that_clause_takes_the_main_subject() -> None:
    text = "It rained. The mayor noted that he taught law for years, and added: “I know a little about this.”"
    assert [q.speaker for q in speech(text)] == ["The mayor"]
    text = "It rained. Ada Park thought for a moment and then said that, “It is a hard call.”"
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_commented_closes_a_reporting_clause() -> None:
    text = "It rained. She would do better than her rival “no matter what,” one reader commented."
    assert [q.speaker for q in speech(text)] == ["one reader"]


def test_adverbs_in_ily_are_no_first_names() -> None:
    assert person("Hastily Ada Park") == "Ada Park"
    assert person("Emily Park") == "Emily Park"


def test_verb_form_after_a_preposition_or_determiner_is_an_adjective() -> None:
    text = "It rained. Her lawyers cited articles from noted scholars to show she is “a citizen by birth.”"
    assert [q.speaker for q in speech(text)] == ["Her lawyers"]


def test_coordinated_verb_after_a_quote_is_not_a_new_reporting_clause() -> None:
    text = "It rained. In her reply, Ada Park said “Lyon” five times, and also mentioned the river."
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_a_clause_after_a_quote_is_no_subject_phrase() -> None:
    text = "It rained. Ada Park reacted coldly, “I am worried about this deal.” He wants safeguards for any claims."
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_another_stands_for_one_more_source() -> None:
    text = "It rained. “We lost,” said one voter. Yet another said, “We will win next time.”"
    assert [q.speaker for q in speech(text)] == ["one voter", "another"]


def test_reporting_clause_after_a_second_woven_fragment() -> None:
    text = (
        "It rained. Given the vote, the plan will carry “real weight” and give towns the "
        "“local muscle” they need, party spokesman Ada Park said."
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park", "Ada Park"]


def test_bare_plural_subject_after_a_quote() -> None:
    text = "It rained. “The damage done is beyond repair,” state auditors wrote in their report."
    assert [q.speaker for q in speech(text)] == ["state auditors"]


def test_addressed_object_does_not_open_new_speech() -> None:
    text = (
        "It rained. “Will you run again?” Ada Park asked reporters during a visit. “I won’t.”\n\n"
        "“But why?” a local reporter asked him. “Because I am tired.”"
    )
    assert [q.speaker for q in speech(text)][:2] == ["Ada Park", "Ada Park"]
    assert speech(text)[2].speaker == "a local reporter"


def test_he_after_a_quote_is_the_person_opening_the_sentence() -> None:
    text = (
        "“We won,” Olaf Berg said. Party spokesman Ada Park said that the campaign and Berg "
        "share “a clear plan for the state,” she said."
    )
    assert [q.speaker for q in speech(text)] == ["Olaf Berg", "Ada Park"]


def test_empty_it_gives_way_to_the_subject_of_its_that_clause() -> None:
    text = "The vote was close. It is odd that Ada Park would denounce “forced relocation” now."
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_agent_of_a_passive_verb_of_describing() -> None:
    text = (
        "It rained. The council's plan has been called “a costly detour” by Ada Park, a "
        "planner. The park is seen by residents as a “green lung” for the town."
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park", "residents"]


def test_quantifier_after_according_to() -> None:
    text = "It rained. According to some in the crowd, Ada Park was “visibly shaken” afterwards."
    assert [q.speaker for q in speech(text)] == ["some"]


def test_discourse_adverb_opens_no_subject() -> None:
    text = "It rained. Moreover, as part of the hearing, Okafor referenced an audit that found “grave lapses” there."
    assert [q.speaker for q in speech(text)] == ["Okafor"]


def test_capitalised_adjective_and_plural_noun_open_a_sentence() -> None:
    text = "It rained. Senior planners describe the new scheme as “a bold gamble” for the city."
    assert [q.speaker for q in speech(text)] == ["Senior planners"]
    assert sentence_subject("Frank cites the report as “proof”") == "Frank"


def test_lower_case_after_a_question_mark_continues_the_sentence() -> None:
    text = 'It rained.\n\nPark "backs the plan as a relief effort. Does that fly?" former Lyon adviser Olaf Berg asked on Twitter.'
    assert [q.mention for q in speech(text)] == ["former Lyon adviser Olaf Berg"]


def test_as_name_said_and_as_name_put_it() -> None:
    text = (
        "It rained. Still, the fact that the race “is very close,” as Okafor said on the radio, "
        "matters. But as one analyst put it, “We are not done yet.”"
    )
    assert speech(text)[0].speaker == "Okafor"
    assert [q.mention for q in speech(text)][1] == "one analyst"


def test_verb_and_comma_right_before_a_quote_introduce_it() -> None:
    text = "It rained. When a voter shouted, “Lyon,” Ada Park laughed and said, “Not today!”"
    assert [q.speaker for q in speech(text)] == ["a voter", "Ada Park"]


def test_quote_paragraph_after_a_sentence_with_an_abbreviation() -> None:
    text = (
        "It rained.\n\nAda Park, 52, told the U.S. Senate panel that the program was a success.\n\n"
        "“We are here to stay, whatever happens.”"
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_main_reporting_verb_introduces_the_next_paragraph() -> None:
    text = (
        "It rained.\n\nOkafor said that for years critics had been predicting an exit from the "
        "region, but it would not happen.\n\n“That is because this region matters most to us.”"
    )
    assert [q.speaker for q in speech(text)] == ["Okafor"]


def test_expletive_there_takes_the_previous_sentences_reporter() -> None:
    text = (
        "It rained.\n\nOkafor has argued that the plan was weak from the start. As a result, "
        "there’s still “a lot of room to improve the whole thing.”"
    )
    assert [q.speaker for q in speech(text)] == ["Okafor"]


def test_a_name_that_spoke_introduces_the_next_paragraphs() -> None:
    text = (
        "It rained.\n\nWhat that means is unclear, since Okafor spoke only in vague terms.\n\n"
        "“We have to do something about it.”\n\n“We have to be a lot tougher.”"
    )
    assert [q.speaker for q in speech(text)] == ["Okafor", "Okafor"]


def test_unlisted_verb_after_a_determiner_phrase() -> None:
    text = "It rained.\n\nOkafor spoke first.\n\n“Let me help you out, the answer is no,” the young party nominee riffed on stage."
    assert [q.mention for q in speech(text)] == ["the young party nominee"]


def test_clause_subject_with_an_appositive() -> None:
    text = (
        "It rained. Governor Olaf Berg signed an order on Monday, while Ada Park, the former "
        "mayor, proposed we “wake up and smell the coffee” instead."
    )
    assert [q.speaker for q in speech(text)] == ["Ada Park"]


def test_words_on_a_sign_are_the_signs() -> None:
    text = "It rained. Ada Park held up a hand-made sign saying “Save Our Park” by the gate."
    assert [q.speaker for q in speech(text)] == ["a hand-made sign"]
    text = "It rained. According to a local paper, the men were wearing shirts that read “Vote Early.”"
    assert [q.speaker for q in speech(text)] == ["a local paper"]


def test_can_be_heard_asking_a_name() -> None:
    text = (
        "It rained.\n\n“Should there be a new tax?” a reporter can be heard asking Ada Park "
        "after a rally in Lyon.\n\n“There should be many things,” the mayor replied."
    )
    assert [q.speaker for q in speech(text)] == ["a reporter", "the mayor"]


def test_reporting_verb_with_no_subject_after_it_does_not_crash() -> None:
    # "said" then a comma and no subject: source_before used to call capitalised(None)
    for text in ("The plan, said , is “bad.”", "Then, said, “We go.”"):
        result = extract(split(text))
        assert [q.quote for q in result.items] == [text.split("“")[1].split("”")[0]]


def test_a_failing_stage_is_the_articles_analysis_error() -> None:
    import pytest

    from reports.analysis import _stage
    from reports.errors import AnalysisError

    with pytest.raises(AnalysisError, match="quotes: TypeError"):
        _stage("quotes", lambda s: s[0], None)
