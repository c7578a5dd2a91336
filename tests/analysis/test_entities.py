"""Where names end and what kind they are: written sentences in the news style."""

from __future__ import annotations

from reports.analysis import entities, text


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
