"""The timeline in French, German, Spanish and Italian: month and day names from the language
files, relative words ("hier", "gestern") and the word orders of each language, read as the
English timeline reads its own (`[timeline]` in lang/<code>/words.toml)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from reports.analysis import lang, text, timeline

DAY = date(2022, 2, 9)  # a Wednesday


def _times(sentence: str, language: str) -> list[tuple[str, str]]:
    return [(t.when, t.text) for t in timeline.timeline(text.split(sentence, language), DAY)]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("fr", "Il est parti le 7 février 2022.", [("2022-02-07", "7 février 2022")]),
        ("fr", "Hier, le ministre a parlé.", [("2022-02-08", "Hier")]),
        ("fr", "Il était à Paris la semaine dernière.", [("2022-W05", "semaine dernière")]),
        ("fr", "Il est venu lundi dernier.", [("2022-02-07", "lundi dernier")]),
        ("fr", "Il viendra mardi prochain.", [("2022-02-15", "mardi prochain")]),
        ("fr", "Il a signé il y a trois jours.", [("2022-02-06", "il y a trois jours")]),
        ("fr", "Les travaux vont commencer fin mars.", [("2022-03-late", "fin mars")]),
        ("fr", "Le 1er mars, il part.", [("2022-03-01", "1er mars")]),
        ("fr", "Il habite là depuis 2019.", [("2019", "depuis 2019")]),
        ("de", "Am 7. Februar 2022 ging er.", [("2022-02-07", "7. Februar 2022")]),
        ("de", "Gestern sprach der Minister.", [("2022-02-08", "Gestern")]),
        ("de", "Er war letzte Woche in Berlin.", [("2022-W05", "letzte Woche")]),
        ("de", "Er kam am Montag.", [("2022-02-07", "Montag")]),
        ("de", "Er kam am Dienstagabend.", [("2022-02-08", "Dienstagabend")]),
        ("de", "Das war vor drei Jahren.", [("2019", "vor drei Jahren")]),
        ("de", "Er kommt morgen.", [("2022-02-10", "morgen")]),
        ("de", "Am Morgen kam er.", []),
        ("de", "Die Arbeiten sollen Ende März enden.", [("2022-03-late", "Ende März")]),
        ("es", "Llegó el 8 de marzo de 2022.", [("2022-03-08", "8 de marzo de 2022")]),
        ("es", "Llegó por la mañana.", []),
        ("es", "Ayer habló.", [("2022-02-08", "Ayer")]),
        ("it", "È partito il 7 febbraio 2022.", [("2022-02-07", "7 febbraio 2022")]),
        ("it", "Era a Roma la settimana scorsa.", [("2022-W05", "settimana scorsa")]),
        ("it", "È successo tre giorni fa.", [("2022-02-06", "tre giorni fa")]),
        ("it", "Ha 30 anni e fa il medico.", []),
        ("it", "I lavori partiranno a gennaio.", [("2023-01", "a gennaio")]),
        ("it", "I lavori sono partiti a gennaio.", [("2022-01", "a gennaio")]),
        ("it", "Finiranno entro la fine del 2025.", [("2025-late", "fine del 2025")]),
        ("es", "Las unidades llegarán en enero.", [("2023-01", "en enero")]),
        ("es", "Las unidades llegaron en enero.", [("2022-01", "en enero")]),
        ("es", "Lo dijo hace tres días.", [("2022-02-06", "hace tres días")]),
    ],
)
def test_times_in_the_articles_language(language: str, sentence: str, expected: list):
    assert _times(sentence, language) == expected


def test_a_french_pages_own_time_stamp_is_left_out():
    assert _times("Mis à jour le 7 février 2022 à 10h49", "fr") == []


def test_english_time_words_are_read_from_its_data_file():
    """English's [timeline] table is what the English pattern finds: every relative word, span,
    "ago" number and part in the table gives its time (a word added to the data is found)."""
    words = lang.rules("en").timeline
    assert timeline._words_of("en") is None  # English's table builds the English pattern
    listed = [w for key, value in words.items() if key not in ("grammar", "page_lines") for w in value]
    assert all(w == w.lower() for w in listed)  # the lowercased-text search relies on it
    for word, days in words["relative"].items():
        assert _times(f"The talks ended {word}, officials said.", "en") == [
            ((DAY + timedelta(days=days)).isoformat(), word)
        ], word
    for span in words["spans"]:
        assert len(_times(f"Sales rose next {span}, officials said.", "en")) == 1, span
    for number, n in words["ago_numbers"].items():
        assert _times(f"It opened {number} years ago, officials said.", "en") == [(str(DAY.year - n), f"{number} years ago")]
    for part, meaning in words["parts"].items():
        assert _times(f"Prices rose {part} last year, officials said.", "en") == [(f"2021-{meaning}", f"{part} last year")], part
