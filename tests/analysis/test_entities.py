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
