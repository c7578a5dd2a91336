"""Figures in the number format of the article's language (lang/<code>/words.toml `[numbers]`,
`[figures]`): thousands and decimal marks, "millions", "Millionen", "Mrd.", "Prozent", and a
date ("9 juin", "9. Juni", "8 de marzo") is no figure."""

from __future__ import annotations

import pytest

from reports.analysis import facts, text

NNBSP = "\u202f"  # the narrow no-break space French sets between groups of digits


def _figures(sentence: str, language: str) -> list[tuple[float, str, str]]:
    return [(f.value, f.what, f.text) for f in facts.figures(text.split(sentence, language))]


@pytest.mark.parametrize(
    ("language", "sentence", "expected"),
    [
        ("fr", "Le club a versé 839.000 euros.", [(839000, "euros", "839.000 euros")]),
        ("fr", f"Le club a versé 839{NNBSP}000 euros.", [(839000, "euros", f"839{NNBSP}000 euros")]),
        ("fr", "Il a perdu 8,5 millions d'euros.", [(8500000, "euros", "8,5 millions d'euros")]),
        ("fr", "Le budget atteint 2,5 milliards €.", [(2500000000, "euros", "2,5 milliards €")]),
        ("fr", "Le chômage touche 12,3 % des actifs.", [(12.3, "%", "12,3 % des actifs")]),
        ("fr", "On compte deux blessés et 26 nouveaux cas.", [(2, "blessés", "deux blessés"), (26, "nouveaux cas", "26 nouveaux cas")]),
        ("de", "Die Firma zahlte 8,5 Millionen Euro.", [(8500000, "euro", "8,5 Millionen Euro")]),
        ("de", "Die Firma zahlte 839.000 Euro.", [(839000, "euro", "839.000 Euro")]),
        ("de", "Die Quote stieg um 12,3 Prozent.", [(12.3, "%", "12,3 Prozent")]),
        ("de", "Es kostet 3 Mrd. Euro und 2,5 Mio. Dollar.", [(3000000000, "euro", "3 Mrd. Euro"), (2500000, "dollar", "2,5 Mio. Dollar")]),
        ("de", "Es kamen 500 Menschen.", [(500, "menschen", "500 Menschen")]),
        ("es", "Llegaron 839.000 euros y 8,5 millones de dólares.", [(839000, "euros", "839.000 euros"), (8500000, "dólares", "8,5 millones de dólares")]),
        ("it", "Sono arrivati 8,5 milioni di euro.", [(8500000, "euro", "8,5 milioni di euro")]),
        ("es", "El plan cuesta 3 mil millones de euros.", [(3000000000, "euros", "3 mil millones de euros")]),
        ("es", "La deuda sube un 3,5 por ciento.", [(3.5, "%", "3,5 por ciento")]),
        ("es", "Hay dos millones de parados.", [(2000000, "parados", "dos millones de parados")]),
        ("it", "Costa 3 miliardi di euro e 300mila dollari.", [(3000000000, "euro", "3 miliardi di euro"), (300000, "dollari", "300mila dollari")]),
        ("it", "La spesa scende del 15,5 per cento.", [(15.5, "%", "15,5 per cento")]),
    ],
)
def test_figures_in_the_languages_number_format(language: str, sentence: str, expected: list):
    assert _figures(sentence, language) == expected


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("fr", "Le concert a eu lieu le 9 juin."),
        ("fr", "Le 7 février 2022, il est parti."),
        ("de", "Am 9. Juni war es so weit."),
        ("de", "Am 7. Februar 2022 ging er."),
        ("es", "El 8 de marzo llegó."),
        ("es", "El 8 de los candidatos llegó."),
        ("it", "Il 9 giugno è partito."),
    ],
)
def test_a_date_is_no_figure(language: str, sentence: str):
    assert _figures(sentence, language) == []


def test_english_keeps_its_own_format():
    """A comma groups thousands in English: "839,000" is not 839 point zero."""
    assert _figures("They paid $839,000 and 8.5 million euros.", "en") == [
        (839000, "dollars", "$839,000"), (8500000, "euros", "8.5 million euros")]


def test_a_language_without_a_file_gets_digits_only():
    """No number words or multipliers to read: an empty list must match nothing (it matched
    the empty string and crashed the stage)."""
    assert _figures("Er waren 500 mensen. Latest update May 6th, 2022 12:49 AM", "nl") == [(500, "mensen", "500 mensen")]
