"""The place rules of the English recogniser (entities/places.py): datelines, a region written
as a direction and a place, a place before an officer's title, multi-word places whole."""

from __future__ import annotations

from reports.analysis import entities, text
from reports.analysis.entities import places


def _found(body: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {e.name: (e.kind, e.aliases) for e in entities.entities(text.split(body))}


def _kinds(body: str) -> dict[str, str]:
    return {name: kind for name, (kind, _) in _found(body).items()}


def test_a_dateline_names_its_place_as_a_place_written_in_lower_case():
    assert _kinds("ROME (AP) — Italy's parliament voted on Tuesday. Lawmakers left.")["Rome"] == "place"
    assert _kinds("NEW YORK, March 3 (Reuters) - Stocks fell. Traders in New York sold.")["New York"] == "place"
    assert _kinds("HONG KONG - Shares rose on Monday. Traders were pleased.") == {"Hong Kong": "place"}
    # a town the gazetteer may not know is a place when its country or an agency follows
    found = _kinds("KELMARSH, England (Reuters) - Police said a man was arrested. He was 40.")
    assert found.get("Kelmarsh") == "place" and found.get("England") == "place"


def test_a_heading_in_capitals_is_no_dateline():
    assert places.dateline("BREAKING NEWS - Shares fell on Monday.") is None
    assert places.dateline("Madrid - a city of parks.") is None  # no capitals: a sentence's word
    assert places.dateline("MADRID (Reuters) - Spain's ...") == ("Madrid (Reuters) - Spain's ...", "Madrid")
    assert places.dateline("SAN SALVADOR, El Salvador — The army ...")[1] == "San Salvador"


def test_a_direction_before_a_place_is_one_of_its_forms_unless_a_smaller_place_follows():
    found = _found("An attack in southern Afghanistan killed two. Troops in central Baghdad were hit. "
                   "Fighting in southern Kandahar province went on. Rain fell in northern Vexland.")
    assert found["Afghanistan"] == ("place", ("southern Afghanistan",))
    assert found["Baghdad"] == ("place", ("central Baghdad",))
    assert found["Kandahar"] == ("place", ())  # "southern Kandahar province": the province's
    assert found["Vexland"][0] == "place"  # "in northern Xyz": the preposition still counts


def test_a_place_before_an_officers_title_is_a_place_of_its_own():
    found = _found("Florida Republican Connie Mack said so. Texas Governor Rick Perry agreed, "
                   "and the Israel Defense Forces said so.")
    assert found["Florida"][0] == "place" and found["Texas"][0] == "place"
    assert found["Connie Mack"][0] == "person" and found["Rick Perry"][0] == "person"
    assert "Israel" not in found  # "Israel Defense Forces": no title follows, a body's name


def test_multi_word_places_keep_every_word():
    found = _kinds("Police in New York and New Delhi said the men were held in Hong Kong and El Salvador. "
                   "New York police said the man was held. Hong Kong shares fell.")
    assert {n: found.get(n) for n in ("New York", "New Delhi", "Hong Kong", "El Salvador")} == dict.fromkeys(
        ("New York", "New Delhi", "Hong Kong", "El Salvador"), "place")
    assert not {"York", "Delhi", "Kong", "Salvador"} & set(found)


def test_a_possessive_is_its_place_and_a_people_in_the_plural_is_no_name():
    found = _found("Spain's government fell. Protests in Spain went on. The Netherlands' daily said so. "
                   "Filipinos, Pakistanis and Afghans protested in Athens. Somalis fled. Ukrainians fled to Poland.")
    assert found["Spain"] == ("place", ())
    assert found["Netherlands"][0] == "place"
    assert set(found) == {"Spain", "Netherlands", "Athens", "Poland"}
    # after a sentence's capital, a people's adjective or a place: still a people, no person
    assert _kinds("Several Somalis said they fled. Kosovo Albanians said so. Bosnian Serbs said no.") == {}


def test_an_unknown_name_after_in_or_near_is_a_place_when_no_word_of_it_is_known():
    found = _kinds("A man was seized near Khan Younis. A blast hit a home in Gaza City. "
                   "He was held in Police custody. Shares rose in Millennium Retailing. "
                   "The envoy spoke to Hosni Mubarak.")
    assert found.get("Khan Younis") == "place" and found.get("Gaza City") == "place"
    assert "Police" not in found and found.get("Millennium Retailing") != "place"
    assert found.get("Hosni Mubarak") != "place"  # "to" stands before people too
    assert _kinds("Bristol City beat Leeds 2-1 on Saturday.").get("Bristol City") == "organisation"


def test_a_place_the_gazetteer_knows_runs_across_of():
    found = _kinds("Diplomats went to the Horn of Africa on Monday. Rangers in the Democratic Republic "
                   "of Congo's Virunga park said so. Andreas Seppi of Italy won.")
    assert found.get("Horn of Africa") == "place" and found.get("Democratic Republic of Congo") == "place"
    assert found.get("Italy") == "place" and found.get("Andreas Seppi") == "person"
    assert "Africa" not in found


def test_a_name_before_a_slum_or_a_township_is_a_place():
    found = _kinds("A bomb was hurled at the entrance of the Vardosa slum. Police raided the Kelmore township.")
    assert found == {"Vardosa": "place", "Kelmore": "place"}


def test_a_datelines_place_is_a_key_phrase_as_written_in_a_sentence():
    from reports.analysis.facts import keyphrases

    doc = text.split("HONG KONG (Reuters) - Shares in Hong Kong fell on Tuesday. Banks in Hong Kong held "
                     "steady. Investors in Hong Kong waited.")
    found = keyphrases(doc)
    assert "Hong Kong" in found and "HONG KONG" not in found


def test_a_dateline_that_names_a_body_leaves_the_body_an_organisation():
    found = _kinds("UNITED NATIONS (AP) — The United Nations said on Monday it would send aid. "
                   "The United Nations has 193 members.")
    assert found.get("United Nations") == "organisation"


def test_a_dateline_may_carry_a_date_with_its_year_and_a_long_dash_without_spaces():
    assert places.dateline("LONDON, March 3, 2024 (Reuters) - Shares fell.")[1] == "London"
    assert places.dateline("BEIRUT, Lebanon, Dec. 3 (AP) — Blasts shook the city.")[1] == "Beirut"
    assert places.dateline("LONDON—The bank said so.")[1] == "London"
    assert places.dateline("NATO-led troops went in.") is None  # a hyphen inside a word


def test_a_tables_rows_are_places_when_half_of_them_are_known_places():
    found = _kinds("Deaths by province were as follows.\n\nKandahar: 12\nHelmand: 8\nVexburg: 3\nKabul: 2\n\n"
                   "Officials said the toll would rise.")
    assert found == dict.fromkeys(("Kandahar", "Helmand", "Vexburg", "Kabul"), "place")
    # a table of clubs' points: too few known places to say the others are places
    assert "Arsenal" not in _kinds("Points:\nChelsea 45\nArsenal 44\nLiverpool 40")


def test_a_weak_preposition_only_hints_at_a_place_however_often_it_comes():
    # "from" a name: a source as often as a place; three such hints still make no place
    found = _kinds("He downloaded the driver from Vextrova. Later he bought more from Vextrova. "
                   "Files from Vextrova were fine.")
    assert "Vextrova" not in found
    # a sure preposition still makes one, and a hint adds to a place shown otherwise
    assert _kinds("Fighting went on in Kelmorash. Troops left.").get("Kelmorash") == "place"


def test_the_items_of_a_list_stand_after_its_preposition():
    # "from Acme, Zenith and Orbis": each item is a source, as the first one is
    found = _kinds("Cards are sold by shops from Vextron, Quorbis and Zanthera. Prices vary. "
                   "Buyers like cards from Vextron, Quorbis and Zanthera.")
    assert not {"Vextron", "Quorbis", "Zanthera"} & set(found)
    # after "in", a list of places is still a list of places
    found = _kinds("Protests were held in Iraq, Syria and Kelmorash on Monday.")
    assert found.get("Kelmorash") == "place"


def test_the_north_and_the_south_of_a_divided_country_are_its_halves():
    found = _found("A missile was fired from North Korea. Drills in South Korea went on, and the North warned "
                   "that the South would pay. Officials in the North were silent.")
    assert found["North Korea"] == ("place", ("North",)) and found["South Korea"] == ("place", ("South",))
    assert "North" not in found and "South" not in found
    # one such place alone: "the West" is the Western world, not the West Bank
    found = _found("Settlers in the West Bank protested. Hamas is shunned by the West. The West Bank was calm.")
    assert found["West Bank"] == ("place", ()) and found.get("West", ("place",))[0] == "place"


def test_a_first_name_or_a_code_after_in_is_no_place_by_that_alone():
    found = _kinds("He sent the photos to Ingrid last week. Aid in FY08 was small. Fighting went on in Kelmorash.")
    assert "Ingrid" not in found and "FY08" not in found
    assert found.get("Kelmorash") == "place"


def test_at_or_to_before_a_name_written_often_and_never_so_again_makes_no_place():
    found = _kinds("Orders went to Vextrova on Monday. Vextrova said sales rose. Analysts like Vextrova. "
                   "Vextrova shares fell.")
    assert found.get("Vextrova") != "place"
    # once or twice, "at" or "to" before one word still names a place
    assert _kinds("Inspectors were allowed into the site at Parchova, near the capital.").get("Parchova") == "place"
