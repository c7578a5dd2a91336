"""Sentences in the article's language: a title ("M.", "Dr."), an abbreviation ("z. B.", "u.
a.", "c.-à-d.") or a date ("7. Februar", "31. Dez. 2021", "le 7 févr. 2022") ends none."""

from __future__ import annotations

import pytest

from reports.analysis import text


def _sentences(paragraph: str, language: str) -> list[str]:
    return [s.text for s in text.split(paragraph, language).sentences]


@pytest.mark.parametrize(
    ("language", "paragraph", "expected"),
    [
        ("fr", "M. Dupont est venu. Mme Martin aussi.", ["M. Dupont est venu.", "Mme Martin aussi."]),
        ("fr", "Le Dr. Weber a parlé. Puis il est parti.", ["Le Dr. Weber a parlé.", "Puis il est parti."]),
        ("fr", "Il est né le 7 févr. 2022 à Paris. Puis il est parti.", ["Il est né le 7 févr. 2022 à Paris.", "Puis il est parti."]),
        ("fr", "Selon lui, c.-à-d. rien. Puis il est parti.", ["Selon lui, c.-à-d. rien.", "Puis il est parti."]),
        ("fr", "Ils étaient sept. Puis huit.", ["Ils étaient sept.", "Puis huit."]),
        ("de", "Es kamen z. B. Politiker u. a. aus Berlin. Dann gingen sie.", ["Es kamen z. B. Politiker u. a. aus Berlin.", "Dann gingen sie."]),
        ("de", "Am 7. Februar 2022 war es so. Dann ging er.", ["Am 7. Februar 2022 war es so.", "Dann ging er."]),
        ("de", "Bis 31. Dez. 2021 ging es. Dann nicht mehr.", ["Bis 31. Dez. 2021 ging es.", "Dann nicht mehr."]),
        ("de", "Das war im Jahr 2019. Dann kam Dr. Müller.", ["Das war im Jahr 2019.", "Dann kam Dr. Müller."]),
        ("de", "Sie wurde 3. Dann ging sie.", ["Sie wurde 3.", "Dann ging sie."]),
    ],
)
def test_sentences_end_where_the_language_ends_them(language: str, paragraph: str, expected: list):
    assert _sentences(paragraph, language) == expected


@pytest.mark.parametrize(
    ("language", "paragraph", "expected"),
    [
        ("es", "La Sra. Ruiz dijo que no. Luego se fue.", ["La Sra. Ruiz dijo que no.", "Luego se fue."]),
        ("es", "El Dr. García llegó. Dijo que no. «Nunca», añadió.", ["El Dr. García llegó.", "Dijo que no.", "«Nunca», añadió."]),
        ("it", "Il sig. Verdi ha detto no. La dott.ssa Neri se ne va. Fine.", ["Il sig. Verdi ha detto no.", "La dott.ssa Neri se ne va.", "Fine."]),
        ("it", "Il no. 5 è qui.", ["Il no. 5 è qui."]),
    ],
)
def test_spanish_and_italian_no_ends_a_sentence_before_a_capital(language: str, paragraph: str, expected: list):
    assert [s.text for s in text.split(paragraph, language).sentences] == expected
