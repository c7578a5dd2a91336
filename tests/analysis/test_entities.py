"""Where names end and what kind they are: written sentences in the news style."""

from __future__ import annotations

import dataclasses
import importlib
import json
import re
from pathlib import Path

from reports.analysis import entities, text
from reports.analysis.entities import spans


def _kinds(body: str) -> dict[str, str]:
    return {e.name: e.kind for e in entities.entities(text.split(body))}


def test_weekday_and_month_end_a_name():
    found = _kinds(
        "Israeli Prime Minister Ehud Olmert Tuesday met the World Bank Saturday in Jerusalem. "
        "The court sentenced Army Private Lynndie England in September for abuse. "
        "Mr. Olmert said Tuesday the talks would go on."
    )
    assert not any(w in name for name in found for w in ("Tuesday", "Saturday", "September"))
    assert found.get("Ehud Olmert") == "person"
    assert found.get("World Bank") == "organisation"


def test_ministries_cities_and_strips_by_their_last_word():
    found = _kinds(
        "A spokesman for the Justice Ministry said troops entered Sadr City and the Gaza Strip. "
        "Officials in Panama City agreed."
    )
    assert found.get("Justice Ministry") == "organisation"
    assert found.get("Sadr City") == "place"
    assert found.get("Gaza Strip") == "place"
    assert found.get("Panama City") == "place"


def test_a_person_by_shape_only_is_left_out_and_evidence_keeps_one():
    found = _kinds(
        "Protesters carried banners reading Sea Breeze along the road. "
        "Later John Smith said the march was peaceful."
    )
    assert "Sea Breeze" not in found
    assert found.get("John Smith") == "person"


def _entities(body: str):
    return {e.name: e for e in entities.entities(text.split(body))}


def test_faiths_and_peoples_are_not_places():
    found = _kinds(
        "Police patrolled in Jewish neighbourhoods after the attack. Officials said the Islamic "
        "courts had closed. Many Muslims live in Bosnian villages near Tuzla."
    )
    assert not {"Jewish", "Islamic", "Muslims", "Bosnian"} & set(found)


def test_places_from_the_gazetteer_packages_not_a_hand_list():
    found = _entities(
        "Troops moved into Mosul and Kandahar on Friday. Later U.S. officials met in Kirkuk. "
        "Mr. Brenner said the U.S. would stay."
    )
    assert {n: found[n].kind for n in ("Mosul", "Kandahar", "Kirkuk")} == dict.fromkeys(("Mosul", "Kandahar", "Kirkuk"), "place")
    assert found["U.S."].kind == "place"  # the period is part of the name as written
    assert "Mr. Brenner" in found["Brenner"].aliases


def test_bodies_by_the_words_around_them():
    found = _kinds(
        "Gunmen from the Velrani killed two soldiers. Later Velrani fighters claimed the raid, "
        "the Tarvo news agency reported. The march reached the town of Brelk by noon."
    )
    assert found.get("Velrani") == "organisation"
    assert found.get("Tarvo") == "organisation"
    assert found.get("Brelk") == "place"


def test_a_surname_that_is_also_a_city_stays_the_person():
    found = _kinds("The gymnast Paul Hamm won gold on Sunday. Hamm said the judges were fair.")
    assert found.get("Paul Hamm") == "person"
    assert "Hamm" not in found


def test_each_entity_carries_a_confidence_and_unsure_names_are_left_out():
    found = _entities(
        "President Anna Velka met Chancellor Olaf Brandt in Vienna. Annual Report figures "
        "were read out. Velka said the talks went well."
    )
    assert "Annual Report" not in found
    assert found["Vienna"].kind == "place" and found["Anna Velka"].kind == "person"
    # a title and a "said" settle a person more clearly than a title alone
    assert 0 < found["Olaf Brandt"].confidence < found["Anna Velka"].confidence <= 1


def test_former_countries_are_places():
    found = _kinds(
        "The republic left the Soviet Union in 1991. It had been annexed by the USSR in 1940, "
        "long before troops crossed into Yugoslavia."
    )
    assert found.get("Soviet Union") == "place"
    assert found.get("USSR") == "place"
    assert found.get("Yugoslavia") == "place"


def test_a_country_or_capital_that_acts_is_unsure_unless_also_seen_as_a_place():
    found = _kinds(
        "Officials said Damascus denies the charge. Tehran plans to build more centrifuges. "
        "Inspectors arrived in Tehran on Monday."
    )
    assert "Damascus" not in found  # the government, or the city: the evidence does not say
    assert found.get("Tehran") == "place"


def test_a_name_by_shape_alone_is_never_a_person_however_often_it_comes():
    found = _kinds(
        "Players love Fallen Order. The sequel to Fallen Order sold well, and Fallen Order fans "
        "queued. Reviewers praised Fallen Order again. Fallen Order is long."
    )
    assert "Fallen Order" not in found


def test_peoples_in_the_plural_events_and_trophies_are_no_names():
    found = _kinds(
        "Palestinians marched in Gaza. Israelis watched as Palestinians gathered. Many Afghans fled. "
        "Spain won the World Cup in 2010. Chelsea won the Champions League after a final in Munich. "
        "The Nobel Peace Prize went to her."
    )
    assert not {"Palestinians", "Israelis", "Afghans", "World Cup", "Champions League", "Nobel Peace Prize"} & set(found)
    assert found.get("Gaza") == "place" and found.get("Munich") == "place"


def test_a_first_name_does_not_make_a_university_or_a_place_a_person():
    found = _kinds(
        "Students at Virginia Tech mourned. Virginia Tech said classes would resume. "
        "Maria Lodge said the guests had left."
    )
    assert found.get("Virginia Tech") == "organisation"
    assert found.get("Maria Lodge") != "person"


def test_lone_generic_body_words_are_no_organisations():
    found = _kinds("The Force was deployed. Officials told News that Force units moved. The Air Force denied it. The bill passed after Congress agreed.")
    assert "Force" not in found and "News" not in found
    assert found.get("Air Force") == "organisation" and found.get("Congress") == "organisation"


def test_a_position_is_a_role_not_part_of_the_name():
    found = _entities("Defender Hassan Abbas scored twice. Centre Jason Little was injured. Striker Tom Ryle said little.")
    assert {n: found[n].kind for n in ("Hassan Abbas", "Jason Little", "Tom Ryle")} == dict.fromkeys(
        ("Hassan Abbas", "Jason Little", "Tom Ryle"), "person")
    assert not any(a.split()[0] in ("Defender", "Centre", "Striker") for e in found.values() for a in e.aliases)


def test_a_lone_surname_is_the_person_the_article_names_in_full():
    found = _kinds(
        "Casino owner Sheldon Adelson gave money. Adelson said he would give more. "
        "Adelson's company grew. The Adelson fortune is large."
    )
    assert found == {"Sheldon Adelson": "person"}


def test_a_club_named_after_its_town_is_a_team_where_it_plays():
    found = _kinds(
        "Bristol City beat Leeds United 2-1 on Saturday. Bristol City had lost their last game. "
        "Leeds United drew 1-1 with Hull City. Officials in Panama City met."
    )
    assert found.get("Bristol City") == "organisation" and found.get("Hull City") == "organisation"
    assert found.get("Panama City") == "place"
    table = _kinds("Standings after Saturday:\nChelsea 20 15 3 2 48\nBristol City 20 9 5 6 32\n\nFans gathered in Leeds.")
    assert table == {"Chelsea": "organisation", "Bristol City": "organisation", "Leeds": "place"}


def test_a_role_or_a_pronoun_shows_a_person_named_once():
    found = _kinds(
        "Voters backed the rival Awami Unity Party. The vote went to center-left leader Ramon Prodi. "
        "Officials met Tariq Azzawi in the capital. He promised reforms."
    )
    assert found.get("Ramon Prodi") == "person" and found.get("Tariq Azzawi") == "person"
    assert found.get("Awami Unity Party") == "organisation"


def test_a_place_keeps_its_first_word_and_a_name_stops_where_the_next_begins():
    found = _kinds(
        "New York is bigger than Boston. New Delhi hosted talks on Monday. "
        "Ministers met the Cabinet\nThis week Britain agreed. A spokesman for the Energy Ministry "
        "for Kazakhstan spoke. Standings of National League clubs changed, and the standings matter. "
        "The Center for Constitutional Rights and the Bank of England agreed."
    )
    assert {n: found.get(n) for n in ("New York", "New Delhi", "Kazakhstan")} == dict.fromkeys(
        ("New York", "New Delhi", "Kazakhstan"), "place")
    assert not {"Delhi", "York", "Cabinet This", "Energy Ministry for Kazakhstan"} & set(found)
    assert found.get("Energy Ministry") == "organisation" and found.get("National League") == "organisation"
    assert found.get("Center for Constitutional Rights") == "organisation" and found.get("Bank of England") == "organisation"
    opened = _kinds("Meantime Center for Civil Rights lawyers filed suit. Troops of the Army moved.")
    assert opened == {"Center for Civil Rights": "organisation", "Army": "organisation"}


DEV = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "entities" / "gmb-dev.jsonl"


def boundary_faults(article: str, names: list[str]) -> list[str]:
    """The names of one article that dropped a place's "New" (every time the name is written,
    "New " stands before it) or took in a word that starts a sentence ("Cabinet This")."""
    faults = []
    for name in names:
        where = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", article)]
        if where and all(article[max(0, w - 4) : w] == "New " for w in where):
            faults.append(f"dropped New: {name}")
        if any(spans._breaks(word) for word in name.split()[1:]):
            faults.append(f"joined: {name}")
    return faults


def test_the_dev_file_has_no_name_with_a_dropped_new_or_a_joined_sentence_start():
    faults = []
    for line in DEV.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)["text"]
        found = entities.entities(text.split(article))
        faults += boundary_faults(article, [n for e in found for n in (e.name, *e.aliases)])
    assert faults == []


def test_the_boundary_check_sees_a_dropped_new_and_a_joined_word():
    article = "Talks in New Delhi ended. The Cabinet This week met."
    assert boundary_faults(article, ["Delhi", "Cabinet This", "Cabinet"]) == ["dropped New: Delhi", "joined: Cabinet This"]


def test_names_said_once_count_with_the_evidence_around_them():
    found = _kinds(
        "MADRID - Talks resumed on Tuesday. A car bomb struck a convoy in Tarvesk late Thursday. "
        "Gunmen loyal to the rival Vorna party fled. Russian energy giant Keltprom raised prices. "
        "He beat John Kellner of Italy in three sets."
    )
    assert found.get("Madrid") == "place" and found.get("Tarvesk") == "place" and found.get("Italy") == "place"
    assert found.get("Vorna") == "organisation" and found.get("Keltprom") == "organisation"
    assert found.get("John Kellner") == "person"


def test_titles_and_names_as_news_writes_them():
    found = _entities(
        "Republican nominee John McCain spoke first. National Security Adviser Stephen Hadley said "
        "little. Prime Minister-designate Ismail Haniyeh said Sunday the talks were over. "
        "American Andy Roddick won in straight sets."
    )
    assert {n: found[n].kind for n in ("John McCain", "Stephen Hadley", "Ismail Haniyeh", "Andy Roddick")} == dict.fromkeys(
        ("John McCain", "Stephen Hadley", "Ismail Haniyeh", "Andy Roddick"), "person")


def test_a_person_by_what_follows_the_name():
    found = _kinds(
        "Talks were led by Nobutaka Machimura, the foreign minister, in the morning. "
        "Later they met Dragan Neskovic, who runs the port. Then Shinzo Abe said the deal held. "
        "The Committee to Protect Journalists said the protection of journalists mattered. "
        "Police arrested Tarek Velmani, 34, on Monday. Usain Bolt won again, and Bolt said he was tired."
    )
    assert found.get("Tarek Velmani") == "person" and found.get("Usain Bolt") == "person"
    lone = _kinds("Keltrom said it would appeal. Later Keltrom said talks had failed. Mr. Varga said so too.")
    assert lone == {"Varga": "person"}  # a lone word that speaks may be a body; a title settles it
    assert {n: found.get(n) for n in ("Nobutaka Machimura", "Dragan Neskovic", "Shinzo Abe")} == dict.fromkeys(
        ("Nobutaka Machimura", "Dragan Neskovic", "Shinzo Abe"), "person")
    assert found.get("Protect Journalists") != "person"


def test_the_items_of_a_list_after_in_are_places():
    found = _kinds("The violence marred trade meetings in Cancun and Tarvesk. Talks in Velmor, Ostrava and Brelk ended.")
    assert {n: found.get(n) for n in ("Tarvesk", "Velmor", "Brelk")} == dict.fromkeys(("Tarvesk", "Velmor", "Brelk"), "place")
    around = _kinds("The blast struck north of Kelvara. Refugees camped outside Dorvik.")
    assert around == {"Kelvara": "place", "Dorvik": "place"}


def test_the_people_column_holds_no_river_band_company_or_plural_of_a_role():
    found = _kinds(
        "Boats sailed up the River Thames. The Association of Chief Police Officers has issued "
        "guidance. Organisers agreed a deal with energy drink company, Red Bull, who will supply "
        "the product. Scissor Sisters said the tour was over. Farmer David Brooks said rain helped. "
        "The Lib Dem leader spoke. Pupils of Sandy Hook Elementary said goodbye. Delta Air Lines said "
        "fares rose. Bristol County Sheriff said nothing. Visitors to the Great Wall said it was cold. "
        "Augusta National said the course was ready."
    )
    people = {n for n, k in found.items() if k == "person"}
    assert people == {"David Brooks"}
    assert found.get("River Thames") == "place" and found.get("Red Bull") == "organisation"


def test_a_countrys_body_by_its_first_word():
    found = _kinds(
        "Officials at the U.S. Treasury and the U.S. Geological Survey agreed. Ships crossed the "
        "Panama Canal. Jordan Smith met them."
    )
    assert found.get("U.S. Treasury") == "organisation" and found.get("U.S. Geological Survey") == "organisation"
    companies = _kinds("Shares in Nomura Securities fell. Troops of the Revolutionary Guards and the Marines moved.")
    assert companies == dict.fromkeys(("Nomura Securities", "Revolutionary Guards", "Marines"), "organisation")
    assert found.get("Panama Canal") == "place" and found.get("Jordan Smith") != "organisation"


def test_a_states_body_is_one_name_with_or_without_its_country():
    found = _entities(
        "The Chinese Foreign Ministry denied it. The Foreign Ministry said so again. "
        "The British Broadcasting Corporation reported it."
    )
    assert found["Foreign Ministry"].kind == "organisation" and found["Foreign Ministry"].count == 2
    assert "Chinese Foreign Ministry" in found["Foreign Ministry"].aliases
    assert found["British Broadcasting Corporation"].kind == "organisation"


def test_hyphenated_given_names_numerals_party_and_portfolio_titles():
    found = _entities(
        "Taiwan leader Chen Shui-bian spoke. House Speaker Nancy Pelosi met Pope Benedict XVI. "
        "Florida Republican Connie Mack said no. Energy Minister Sergei Shmatko agreed."
    )
    names = ("Chen Shui-bian", "Nancy Pelosi", "Benedict XVI", "Connie Mack", "Sergei Shmatko")
    assert {n: found[n].kind for n in names} == dict.fromkeys(names, "person")
    assert "Energy Minister Sergei Shmatko" in found["Sergei Shmatko"].aliases
    peer = _entities("Betty Boothroyd spoke first. Baroness Boothroyd said the Commons had changed.")
    assert list(peer) == ["Betty Boothroyd"] and "Baroness Boothroyd" in peer["Betty Boothroyd"].aliases


def test_a_country_that_is_or_has_is_a_place():
    # "is", "has", "will" say nothing of a government acting: "Iraq has oil" is the country
    found = _kinds("Iraq has vast oil reserves. Bolivia is landlocked. Syria denies the charge.")
    assert found == {"Iraq": "place", "Bolivia": "place"}


def test_title_case_words_after_a_preposition_or_the_are_no_places():
    # Invented: a title's common words after "to"/"in", a small town's name that is also a word.
    found = _kinds(
        "The activist founded the Committee to Reelect the Mayor in 1990. "
        "She sold a guide called How to Succeed in Business at markets. "
        "Her business grew, and the firm later signed a deal. "
        "Critics mocked the Deal as a gimmick, and the Deal was dropped in Portland. "
        "Troops were sent to Fallujah."
    )
    for word in ("Reelect", "Succeed", "Business", "Deal"):
        assert word not in found
    assert found.get("Fallujah") == "place"
    assert found.get("Portland") == "place"


def test_a_lone_surname_or_a_bodys_own_last_word_joins_the_full_name():
    # Invented: a magnate's surname after "at", a company named after its town.
    found = entities.entities(text.split(
        "The hotel was bought by casino magnate Harlan Quibbleton last year. "
        "Guests at Quibbleton's tower complained. Staff at Quibbleton's resort went on strike. "
        "Quibbleton's lawyers at Santa Rosa Zephyrs denied it. Santa Rosa Zephyrs, a company based in Nevada, "
        "said the deal was legal. The board at Zephyrs voted. Critics at Zephyrs left."
    ))
    kinds = {e.name: e.kind for e in found}
    assert "Quibbleton" not in kinds and kinds.get("Harlan Quibbleton") == "person"
    assert "Zephyrs" not in kinds and kinds.get("Santa Rosa Zephyrs") == "organisation"


def test_demonyms_borders_company_heads_and_works_are_not_mislabelled():
    # Invented sentences.
    found = _kinds(
        "The Bolivian embassy stayed shut. Officials at the Bolivian consulate and the Bolivian "
        "ministry declined. The talks dealt with the Morlane Line, the border drawn in 1890. "
        "He said nothing more. Staff at KT Global said the Bolivian plan failed. "
        "Workers at KT Global were paid. In her memoir, Lady Dances the Tango, the author wrote more."
    )
    assert "Bolivian" not in found
    assert found.get("Morlane Line") != "person"
    assert found.get("KT Global") != "place"
    assert "Dances" not in found and "Lady Dances" not in found


def test_a_lone_surname_joins_the_full_name_of_the_title():
    # Invented: the full name only in the title, the surname alone in the text.
    body = ("Guests at Quibbleton's tower complained. Staff at Quibbleton's resort went on strike. "
            "Quibbleton said the deal was legal.")
    found = {e.name: (e.kind, e.count) for e in entities.entities(text.split(body), title="Harlan Quibbleton's empire under scrutiny")}
    assert "Quibbleton" not in found
    assert found.get("Harlan Quibbleton") == ("person", 3)


def test_a_language_without_its_own_recogniser_is_read_by_the_english_one():
    # Invented sentences; each language in the table names a module with the entry point.
    for module in entities.RECOGNISERS.values():
        assert callable(importlib.import_module(f"reports.analysis.entities.{module}").entities)
    doc = text.split("Senator Alma Drevik said the Vantoro Group would leave Lisbon. She said more.")
    unlisted = dataclasses.replace(doc, language="xx")
    assert "xx" not in entities.RECOGNISERS
    assert entities.entities(unlisted) == entities.entities(doc)
    assert {e.name for e in entities.entities(unlisted)} >= {"Alma Drevik", "Lisbon"}


def test_a_name_seen_once_takes_its_kind_from_the_words_around_it():
    # Invented sentences: a role before the comma, an age, "the towns of", "in the ... area",
    # a compass word before a continent, "X and Y fighters", "the X company", "X of <country>".
    found = _kinds(
        "The minister met his counterpart, Tomas Velkaro, on Monday. Police said 37-year-old "
        "Darvin Kolst was arrested. Shells hit the towns of Varnock and Tellisby. Farmers in the "
        "Orvel Keys, and residents of the Mirran Dune area, lost crops. Troops moved into "
        "Central Asia. Dozens of Brannock and Selvo fighters were killed. A deal with the Zentrix "
        "company was signed. In the final, Edo Marlan of South Korea beat the champion."
    )
    assert found.get("Tomas Velkaro") == "person"
    assert found.get("Darvin Kolst") == "person"
    assert found.get("Varnock") == "place" and found.get("Tellisby") == "place"
    assert found.get("Orvel Keys") == "place" and found.get("Mirran Dune") == "place"
    assert found.get("Central Asia") == "place"
    assert found.get("Brannock") == "organisation" and found.get("Selvo") == "organisation"
    assert found.get("Zentrix") == "organisation"
    assert found.get("Edo Marlan") == "person" and found.get("South Korea") == "place"


def test_a_body_before_its_officers_title_and_a_bodys_first_word_alone():
    # Invented: the body is named once before its president's title, once by its first word.
    found = {e.name: e for e in entities.entities(text.split(
        "Palvar Authority President Jonas Weltry spoke on Monday. Quorvia International "
        "criticised the plan. Quorvia says the plan is unlawful.")) if e.kind}
    assert found["Palvar Authority"].kind == "organisation"
    assert found["Jonas Weltry"].kind == "person"
    assert found["Quorvia International"].kind == "organisation" and found["Quorvia International"].count == 2
    assert "Quorvia" not in found


def test_an_everyday_word_alone_is_no_place_by_its_preposition():
    # Invented: "Breaking" and "Hope" only after "to"/"in"; "Nice" is a town the gazetteer is unsure of.
    found = _kinds(
        "According to Breaking the Chains, a charity, the camps are full. Volunteers went to "
        "Hope to help. The team flew in from Lisbon."
    )
    assert "Breaking" not in found and "Hope" not in found
    assert found.get("Lisbon") == "place"


def test_the_people_column_holds_no_name_written_with_the():
    # Invented: a series and a newspaper, each with evidence a person would have, and a real
    # person whose name only qualifies an inquiry ("the Jack Smith inquiry").
    found = _kinds(
        "More from author Valdmoor Papers: the prisoners' plea. The Valdmoor Papers: the case "
        "file. The Rodan Velk said in a commentary that the drill was a provocation. The Jack "
        "Smith inquiry went on. Jack Smith said more was to come. The Acting U.S. Attorney for "
        "the Northern District of Ohio Marcus Feld said the case is open. Readers of "
        "Velkorn.net wrote in."
    )
    assert found.get("Valdmoor Papers") != "person"
    assert found.get("Rodan Velk") != "person"
    assert found.get("Jack Smith") == "person"
    assert found.get("Marcus Feld") == "person"
    assert found.get("Velkorn.net") in (None, "organisation")


def test_a_sentences_last_word_and_first_word_are_read_as_words():
    # Invented: the body's noun ends the sentence with its full stop; a people's word before
    # "rebels" is no body; the sentence's first word is no part of the agency's name.
    found = _kinds(
        "The army launched an offensive to hunt Zorvan insurgents. Villages were seized by Serb "
        "rebels. Undercover FBI agents provided the device."
    )
    assert found.get("Zorvan") == "organisation"
    assert "Serb" not in found
    assert found.get("FBI") == "organisation" and "Undercover FBI" not in found


def test_a_bodys_reporter_and_one_of_a_people_are_people():
    # Invented: initials' possessive before a name, a plural people's word before a name.
    found = _kinds(
        "The summit opens on Monday. VOA's Tessa Marlowe reports from the capital. Two of the "
        "fastest men, Jamaicans Orin Bascombe and a rival, finished first."
    )
    assert found.get("Tessa Marlowe") == "person"
    assert found.get("Orin Bascombe") == "person" and "Jamaicans Orin Bascombe" not in found


def test_a_bodys_staff_and_a_partys_members_name_bodies():
    # Invented: "journalists" after a two-word name; a party named by its members in the plural.
    found = _kinds(
        "The two Kessig Welle journalists were freed on Monday. The leader of the Free Socialists "
        "resigned after the vote."
    )
    assert found.get("Kessig Welle") == "organisation"
    assert found.get("Free Socialists") == "organisation"


def test_a_numeral_and_a_quoted_word_are_no_names():
    # Invented: a sequel's numeral; a province's name in quotes as a film's title.
    found = _kinds(
        'Fans want episode VII of the saga soon. The critic praised films like "Alberta" and '
        '"Mercy" in her column. Pope John Paul II visited Lisbon.'
    )
    assert "VII" not in found
    assert "Alberta" not in found
    assert found.get("John Paul II") == "person"


def test_a_name_in_a_list_of_places_is_a_place():
    found = _kinds(
        "Turkey, Zembla and Latvia are taking part in the exercise. "
        "Separately, talks between Norway and Quolla resumed on Monday."
    )
    assert found.get("Zembla") == "place"  # in a list of three beside sure places
    assert "Quolla" not in found  # a pair alone ("Israel and Hamas") says nothing of the other


def test_regions_and_former_names_the_gazetteers_lack_are_places():
    found = _kinds("Officials said Rangoon was calm on Monday, and so was Darfur. Kashmir voted.")
    assert found.get("Rangoon") == "place"
    assert found.get("Kashmir") == "place"
    assert found.get("Darfur") == "place"


def test_a_role_in_the_clause_before_a_name_and_its_commas_makes_a_person():
    found = _kinds(
        "The head of the Zemblan Atomic Agency, Marten Quolliver, said the talks would go on. "
        "The minister visited the town, Balad Orwe, on Monday. "
        "A report by the Special Inspector General for Zembla Reconstruction came out."
    )
    assert found.get("Marten Quolliver") == "person"
    assert "Balad Orwe" not in found  # a place after a comma, not a person
    assert "Reconstruction" not in found and "Zembla Reconstruction" not in found  # an office, not a person


def test_a_name_joined_by_an_ampersand_is_one_firm():
    found = _kinds("Seven & Quoll Holdings agreed to buy the chain. Shares of Marks & Spencer fell on Monday.")
    assert found.get("Seven & Quoll Holdings") == "organisation"
    assert found.get("Marks & Spencer") == "organisation"


def test_an_acronym_defined_in_the_text_is_its_body():
    found = entities.entities(text.split(
        "The opposition, the Zemblan League for Democracy (ZLD), won the vote. "
        "Officials said the ZLD would not form a government. The ZLD rejected that."))
    body = next(e for e in found if e.name == "Zemblan League for Democracy")
    assert body.kind == "organisation" and "ZLD" in body.aliases
    assert all(e.name != "ZLD" for e in found)


def test_firms_listed_beside_a_country_are_no_places():
    found = _kinds("Quollsoft, Zembatech and Britain's Foreign Office have banned camera phones.")
    assert "Quollsoft" not in found and "Zembatech" not in found


def test_names_after_places_such_as_are_places():
    found = _kinds("The storm hit cities such as Quollburg and Zembla Falls on Monday.")
    assert found.get("Quollburg") == "place"


def test_a_bodys_name_runs_across_on_to_and_where_only_the_whole_is_a_name():
    found = _kinds(
        "In its report, the U.S. Commission on International Religious Freedom said China erred. "
        "The Committee to Protect Journalists says it is alarmed. A spokeswoman for the Immigration "
        "and Customs Enforcement Agency says the tunnel is new. Reports by Reuters and Associated "
        "Press differ. The Council on Tuesday met envoys sent from Iraq to Syria."
    )
    for body in ("U.S. Commission on International Religious Freedom", "Committee to Protect Journalists",
                 "Immigration and Customs Enforcement Agency", "Reuters", "Associated Press"):
        assert found.get(body) == "organisation", body
    assert found.get("Iraq") == "place" and found.get("Syria") == "place"
    assert not any(" on Tuesday" in name or "Reuters and" in name for name in found)


def test_a_body_that_speaks_in_a_statement_and_a_body_named_after_a_place_are_no_people():
    found = _kinds(
        "Wildlife Direct says in a statement released Thursday that rebels killed two gorillas. "
        "Exxon said in a statement that profits rose. Georgia Power said it would raise rates. "
        "Barack Obama said in a statement that he was saddened."
    )
    assert found.get("Wildlife Direct") == "organisation" and found.get("Exxon") == "organisation"
    assert found.get("Georgia Power") != "person"
    assert found.get("Barack Obama") == "person"


def test_a_common_word_opening_a_sentence_before_officials_is_no_body():
    found = _kinds(
        "Local officials say 17 people died. Military officials say soldiers killed three gunmen. "
        "Security forces fired. Hamas militants fired rockets."
    )
    assert found == {"Hamas": "organisation"}


def test_events_and_initials_of_no_body_are_left_out():
    found = _kinds(
        "The Games get under way in July. She won the Sydney International tournament in Australia. "
        "It was his fourth ATP tournament win. Diseases such as SARS and HIV spread, and GDP fell. "
        "The Emmys said no."
    )
    assert not {"Games", "Sydney International", "SARS", "HIV", "GDP", "Emmys"} & set(found)
    assert found.get("ATP") == "organisation"


def test_names_beside_a_body_in_a_list_and_after_a_bodys_noun_are_bodies():
    found = _kinds(
        "In separate statements issued Sunday, Hamas and the Popular Resistance Committees said they "
        "would go on. The group agreed to take over department stores Seibu and Sogo. Shares of "
        "Gazprom fell. A speech was broadcast on China Central Television. Meanwhile, the AU, Congolese "
        "troops and the World Bank met. © 2014 Cable News Network, Inc., A Time Warner Company."
    )
    for body in ("Hamas", "Popular Resistance Committees", "Seibu", "Sogo", "Gazprom", "China Central Television"):
        assert found.get(body) == "organisation", body
    assert "Meanwhile" not in found and "Congolese" not in found and "Inc" not in found


def test_a_broadcaster_a_paper_and_a_group_by_the_words_around_them():
    found = _kinds(
        "The video aired Friday on Al Jazeera. Officials say in a story by the Bloomberg financial "
        "news service that rice is up. It returns the country's largest steel mill, Kryvorizhstal, "
        "to state control. Sri Lanka's english newspaper printed it. Pakistan's state television said so. "
        "Officials said Jundallah claimed responsibility for the blast."
    )
    for body in ("Al Jazeera", "Bloomberg", "Kryvorizhstal", "Jundallah"):
        assert found.get(body) == "organisation", body
    assert found.get("Sri Lanka") == "place" and found.get("Pakistan") == "place"


def test_the_other_side_of_a_match_is_a_team_and_a_score_may_end_the_sentence():
    found = _kinds(
        "Arsenal beat Chelsea 2-1 on Saturday. Leeds lost 2-0 to Cardiff. Manchester United beat "
        "Newcastle 3-0. Federer beat Nadal 6-4 in Paris. Fans gathered in Bristol."
    )
    for team in ("Chelsea", "Leeds", "Cardiff", "Manchester United", "Newcastle"):
        assert found.get(team) == "organisation", team
    assert found.get("Paris") == "place" and found.get("Bristol") == "place" and "Nadal" not in found


def test_a_peoples_word_before_a_lone_body_is_its_country_kept_as_a_form():
    found = _entities("An Afghan Army spokesman said troops moved. The Honduran Congress voted. U.S. Army officials spoke.")
    assert found["Army"].kind == "organisation" and "Afghan Army" in found["Army"].aliases
    assert found["Congress"].kind == "organisation" and "Honduran Congress" in found["Congress"].aliases
    assert found["U.S. Army"].kind == "organisation"


def test_a_guard_and_a_programme_end_a_bodys_name():
    found = _kinds("Saddam's Republican Guard fought. The World Food Program says it needs money. The Coast Guard rescued them.")
    assert {n: found.get(n) for n in ("Republican Guard", "World Food Program", "Coast Guard")} == dict.fromkeys(
        ("Republican Guard", "World Food Program", "Coast Guard"), "organisation")
    assert "Guard" not in found


def test_a_firm_that_shares_a_small_towns_name_by_its_officers_and_shares():
    assert _kinds("Analysts said Toyota's chief executive resigned.") == {"Toyota": "organisation"}
    assert _kinds("Shares of Nokia rose after the results.") == {"Nokia": "organisation"}
    assert _kinds("Officials in Kirkuk said the Kirkuk governor's office was hit.").get("Kirkuk") == "place"


def test_an_acronym_shows_the_name_it_stands_for_even_when_the_spans_cut_it():
    found = _entities("The Liberation Tigers of Tamil Eelam (LTTE) fought for years. The LTTE said it would talk.")
    assert found["LTTE"].kind == "organisation"
    assert "Liberation Tigers of Tamil Eelam" in found["LTTE"].aliases


def test_a_name_whose_apposition_is_a_body_is_a_body():
    found = _kinds(
        "Police blamed Jundallah, a Sunni militant group, for the blast. Analysts said Petrobras, the "
        "state oil company, will grow. They met Omar, a group leader, later. He went to Kirkuk, the oil city."
    )
    assert found.get("Jundallah") == "organisation" and found.get("Petrobras") == "organisation"
    assert found.get("Omar") != "organisation" and found.get("Kirkuk") == "place"


def test_an_everyday_word_after_the_is_no_body_by_that_alone():
    found = _kinds(
        "AN OWL, in her wisdom, counseled the Birds that when the acorn first began to sprout, to pull "
        "it up. The Birds laughed. Later the Birds were sorry. The Senate voted and the Taliban said no."
    )
    assert found == {"Senate": "organisation", "Taliban": "organisation"}


def test_an_adjective_title_before_common_words_makes_no_person():
    found = _kinds(
        "The town has a General Store and a bakery. Major Hospitals are using new software, "
        "the report says. General Wesley Clark said the plan was sound. Major Tom Harding agreed."
    )
    assert found.get("Store") != "person" and found.get("General Store") != "person"
    assert found.get("Hospitals") != "person" and found.get("Major Hospitals") != "person"
    assert found.get("Wesley Clark") == "person"
    assert found.get("Tom Harding") == "person"


def test_a_position_before_an_everyday_word_makes_no_person():
    found = _kinds(
        "Set Goalkeeper Speed to high in the menu. Defender Hassan Abbas scored twice on Sunday. "
        "Striker Rooney scored once."
    )
    assert found.get("Speed") != "person"
    assert found.get("Rooney") == "person"
    assert found.get("Hassan Abbas") == "person"


def test_a_first_name_before_the_articles_common_words_alone_is_no_person():
    # "Olive" and "Gia" are given names; "oil" and "garlic" are written in lower case here
    found = _kinds(
        "Warm the olive oil and add the garlic. We used Gia Garlic puree and mixed it all into "
        "Olive Oil. Chef Maria Lopez said the oil must not smoke. Britney Spears sang."
    )
    assert found.get("Olive Oil") != "person"
    assert found.get("Gia Garlic") != "person"
    assert found.get("Maria Lopez") == "person"
    assert found.get("Britney Spears") == "person"  # "spears" is an everyday word, not this article's


def test_an_ellipsis_ends_a_name():
    found = _kinds(
        "“Hi... Oh, did you want something?” Penny asked. “Oh, really?” she said. "
        "“Oh... the smell?” Oh said nothing more. Senator John Smith... agreed."
    )
    assert "Hi Oh" not in found
    assert found.get("John Smith") == "person"


def test_a_given_names_speech_makes_no_person():
    # a lone word that is the first word of a name speaks for a firm as often as for a person
    found = _kinds("The new car comes with Zentra Connect as standard. "
                   "Besides more room, Zentra said the car would sell well.")
    assert found.get("Zentra Connect") != "person"
    found = _kinds("Police Chief Josh Stepakoff was hurt on Monday. Josh later said he was fine.")
    assert found.get("Josh Stepakoff") == "person"


def test_a_loose_title_before_the_articles_own_words_makes_no_person():
    # "ability" and "audio" are no everyday words, but this article writes them in lower case
    found = _kinds(
        "Each player has a rating for ability and the menu sets the audio level. Set Goalkeeper "
        "Ability to high and turn General Audio down. General Wesley Clark said the plan was sound."
    )
    assert found.get("Ability") != "person" and found.get("Audio") != "person"
    assert found.get("Wesley Clark") == "person"


def test_a_first_name_before_a_places_noun_is_a_person_beside_a_persons_sign():
    found = _kinds("Jeffrey Wall, who argued for the state, lost. Lawyers for Wall appealed. "
                   "Yukos spokesman Mike Lake disagreed. Maria Lodge said the guests had left.")
    assert found.get("Jeffrey Wall") == "person" and found.get("Mike Lake") == "person"
    assert found.get("Maria Lodge") != "person"  # a place's name that speaks: no sign of a person


def test_a_role_after_a_bodys_name_in_an_apposition_shows_a_person():
    found = _kinds("Talal Vexmir, a Yukos spokesman, said the firm would appeal. "
                   "Police blamed Jundallah, a Sunni militant group, for the blast.")
    assert found.get("Talal Vexmir") == "person" and found.get("Jundallah") == "organisation"


def test_works_journals_bodies_and_verbs_give_the_people_column_no_names():
    found = _kinds(
        "Christie Mueller writes. Author of Gridiron Belles, a guide. She went on to host Crossover on cable. "
        "Vaccines work, as the trial showed. Ann Intern Med. 1995;123:518-27. "
        "The Royal College of General Practitioners Research unit agreed. "
        "The show was panned, according to judge Simon Cowell.")
    assert not {"Gridiron Belles", "Crossover", "Ann Intern Med", "Practitioners Research"} & {
        name for name, kind in found.items() if kind == "person"}
    assert found.get("Simon Cowell") == "person"  # "according to judge ...": a role still


def test_a_word_made_of_a_name_and_a_participle_is_no_name():
    found = _kinds("The lineup includes Arafat-allies Nabil Shaath, who becomes deputy. Trials were run in "
                   "HIV-infected persons in the Muslim-majority region. President Chen Shui-bian said so. "
                   "U.N. chief Ban Ki-moon said so.")
    assert not any("-" in name and name.split("-")[-1].islower() and name not in ("Chen Shui-bian", "Ban Ki-moon")
                   for name in found)
    assert found.get("Nabil Shaath") == "person" and found.get("Chen Shui-bian") == "person"
    assert found.get("Ban Ki-moon") == "person"


def test_a_places_name_in_capitals_headed_by_a_body_is_the_bodys_initials():
    found = _kinds("Ukraine joined a grouping known as GUAM, a group that brings together four states.")
    assert found.get("GUAM") == "organisation"
    assert _kinds("Troops were sent to Guam, a group of islands.").get("Guam") == "place"  # not in capitals


def test_a_lone_name_after_the_arabic_article_is_a_group_unless_a_person_or_place_claims_it():
    found = _kinds(
        "The suspects are believed to have links to al-Mundhira. Some of them trained in al-Mundhira "
        "camps, police said. The radical cleric Hamid al-Karbi condemned the raid, and al-Karbi said more would "
        "follow. Troops later moved into al-Anbar."
    )
    assert found.get("al-Mundhira") == "organisation"
    assert found.get("Hamid al-Karbi") == "person"
    assert found.get("al-Anbar") != "organisation"
    found = _kinds("The shelling was ordered by Karim al-Zadeh's government, officials say. "
                   "Al-Zadeh's strategy has worked so far.")
    assert found.get("Al-Zadeh") != "organisation"  # the last word of a name the article gives
    found = _kinds("Rebels blocked a convoy aiming for al-Karsa, a Shiite village in the north.")
    assert found.get("al-Karsa") == "place"  # a place's noun in apposition


def test_plural_initials_and_a_yearly_gathering_are_no_bodies():
    found = _kinds(
        "The VMAs aren't for kids, one parent said. Cyrus sang at the VMAs again this year. "
        "Delegates gather at yearly COP meetings to haggle, and the WMO said the talks matter. "
        "She danced on the VMA stage, and VMA highlights of years past were worse."
    )
    assert "VMAs" not in found and "COP" not in found and "VMA" not in found
    assert found.get("WMO") == "organisation"


def test_a_bodys_name_by_its_word_before_or_after_it():
    found = _kinds(
        "The Trade and Tariffs Ministry said exports rose. Zentrix Motor said profits fell. "
        "The state-run Norvatek said output rose. Leaders will meet at the G-20 summit next week."
    )
    assert found.get("Trade and Tariffs Ministry") == "organisation"  # not "Tariffs Ministry"
    assert found.get("Zentrix Motor") == "organisation"  # no person that speaks
    assert found.get("Norvatek") == "organisation"
    assert found.get("G-20") == "organisation"


def test_a_plural_name_after_the_is_a_group_a_band_or_a_team():
    found = _kinds(
        "The Zarvan Tigers rejected the offer. She sang a song of the Velma Chicks. The Rev. Markel Hutchins spoke. "
        "Life in the Middle Ages was hard. The Bosnian Serbs refused. He fled to the Florida Keys."
    )
    assert found.get("Zarvan Tigers") == "organisation"
    assert found.get("Velma Chicks") == "organisation"
    assert found.get("Markel Hutchins") != "organisation" and found.get("Rev. Markel Hutchins") != "organisation"
    assert "Middle Ages" not in found and "Bosnian Serbs" not in found
    assert found.get("Florida Keys") != "organisation"


def test_an_alliance_a_commonwealth_and_a_mission_are_bodies():
    found = _kinds(
        "Both were members of the former Zelvan Pact until 1991. The Commonwealth of Free States "
        "has no future, a minister said. The Regional Relief Mission arrived in May."
    )
    assert found.get("Zelvan Pact") == "organisation"
    assert found.get("Commonwealth of Free States") == "organisation"
    assert found.get("Regional Relief Mission") == "organisation"


def test_a_broadcasters_service_names_the_broadcaster():
    found = _kinds("A spokesman told ZTV Kanuri service that the reports were wrong. "
                   "The Easter service was held at noon.")
    assert found.get("ZTV Kanuri") == "organisation"
    assert "Easter" not in found


def test_and_joins_an_adjective_after_a_peoples_word_into_a_bodys_name():
    found = _kinds("Ministers of the European Economic and Trade Council met on Monday. "
                   "Reuters and Associated Press reported the talks.")
    assert found.get("European Economic and Trade Council") == "organisation"
    assert found.get("Reuters") == "organisation" and found.get("Associated Press") == "organisation"


def test_a_name_after_a_towns_based_is_a_body():
    found = _kinds("London-based Zorvexa has called for calm. A London-based analyst, Maria Lopez, said so. "
                   "US-based Alistair Cragg and Mark Carroll will run. Sales rose at the Detroit Motor Show.")
    assert found.get("Zorvexa") == "organisation"
    assert found.get("Maria Lopez") == "person"
    assert found.get("Alistair Cragg") != "organisation"  # a person's name after "-based"
    assert "Detroit Motor Show" not in found  # a show is an event


def test_a_state_bodys_name_ends_before_an_unknown_persons_name():
    found = _kinds("Gunmen killed a senior member of the Transportation Ministry Zorab Yassu and his driver. "
                   "The Interior Ministry Special Forces moved in.")
    assert found.get("Transportation Ministry") == "organisation"
    assert "Transportation Ministry Zorab Yassu" not in found
    assert found.get("Interior Ministry Special Forces") == "organisation"


def test_cues_of_a_body_that_do_not_reach_a_word_in_lower_case_or_a_possessive():
    found = _kinds("At a Zendix summit in California he spoke. You can watch mobile TV services now. "
                   "Customers of the state-owned People's Bank's branches fled. He visited the Twin "
                   "Towers. She toured the Northern Woods with the Korean Workers.")
    assert "Zendix" not in found and "TV" not in found and "People" not in found
    # a plural after "the" that is a place's parts, a people or a place named after a place's word
    assert not any(found.get(n) == "organisation" for n in ("Twin Towers", "Northern Woods", "Korean Workers"))


def test_a_devices_initials_name_no_body():
    found = _kinds("The film came out on VHS and later on DVD, the studio said. The WMO said so. "
                   "Watch it in HDTV with your ID card.")
    assert "VHS" not in found and "DVD" not in found and "HDTV" not in found and "ID" not in found
    assert found.get("WMO") == "organisation"


def test_a_name_that_leads_or_backs_something_is_a_body_unless_a_place_or_people():
    found = _kinds("The prime minister said his Zorvan-led government will not resign. "
                   "U.S.-led forces and Saudi-led troops moved in, and Vladimir Petrov-backed rebels "
                   "fled. Vladimir Petrov said nothing.")
    assert found.get("Zorvan") == "organisation"
    assert "U.S." not in found or found["U.S."] == "place"
    assert found.get("Vladimir Petrov") == "person"


def test_a_nationality_noun_or_a_role_before_a_name_is_no_part_of_it():
    found = _kinds(
        "Welshman Dafydd Pargeter won the race in Cardiff. Referee Osric Plimsoll sent off two players. "
        "Psychologist Helen Okereke said the crowd was calm. Dafydd Pargeter said he was tired."
    )
    assert not any(word in name for name in found for word in ("Welshman", "Referee", "Psychologist"))
    assert found.get("Dafydd Pargeter") == "person"
    assert found.get("Helen Okereke") == "person"


def test_a_venue_after_a_title_and_a_name_is_no_person():
    found = _kinds(
        "The musical opened at the Prince Osbert Theatre. Crowds crossed the King Alaric Bridge "
        "to see it. Fans filled the Lemuel Grange Stadium on Sunday."
    )
    assert not any(kind == "person" for kind in found.values())


def test_a_possessive_at_the_end_of_a_sentence_is_the_name_alone():
    found = _kinds(
        "Mr Quillfeather resigned on Monday. She denied the child was Mr Quillfeather's. "
        "Orlando Quillfeather said he would appeal."
    )
    assert "Quillfeather's" not in found and "Mr Quillfeather's" not in found
    assert found.get("Orlando Quillfeather") == "person"


def test_a_party_or_a_place_before_a_role_is_no_person_when_he_follows():
    found = _kinds(
        "Former Liberal prime minister Lord Ambrose Quell has died at 90. He led the party for ten years. "
        "Nevada Republican candidate Imogen Tarrant spoke in Reno. She said the vote was close. "
        "The court heard Orla Quist's husband on Friday. She was not there."
    )
    assert "Former Liberal" not in found and "Nevada Republican" not in found
    assert found.get("Imogen Tarrant") == "person"
    assert found.get("Orla Quist") == "person"  # her husband: a role after a possessive is hers


def test_a_title_abbreviated_without_its_period_is_no_part_of_the_name():
    found = _kinds("The study was sound, said Prof Ottoline Vasquez. Rep Barnaby Quayle said he agreed.")
    assert found.get("Ottoline Vasquez") == "person"
    assert found.get("Barnaby Quayle") == "person"
    assert not any(name.startswith(("Prof ", "Rep ")) for name in found)
