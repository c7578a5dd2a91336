"""Readability in the article's language: that language's formulas (textstat's `set_lang`
values are the reference), its syllables, and no English figure for a text that is not
English. textstat is used through a private instance: its shared one is never changed."""

from __future__ import annotations

import pytest
from pyphen import Pyphen
from textstat.textstat import textstatistics

from reports.analysis import lang, readability, readability_lang, text
from tests.analysis.test_language import ENGLISH, FRENCH, GERMAN

SPANISH = (
    "El presidente del Gobierno presentó el martes en Madrid los nuevos presupuestos. "
    "La oposición criticó el proyecto porque no aumenta el gasto en educación."
)
ITALIAN = (
    "Il presidente del Consiglio ha presentato martedì a Roma la nuova legge di bilancio. "
    "L'opposizione ha criticato il progetto perché non aumenta la spesa per la scuola."
)


def textstat_in(language: str) -> textstatistics:
    private = textstatistics()
    private.set_lang(language)
    return private


def textstat_counts(ts: textstatistics, body: str) -> readability_lang.Counts:
    """The counts textstat's own formulas use, so only the formula itself is compared."""
    return readability_lang.Counts(
        words=ts.lexicon_count(body), sentences=ts.sentence_count(body), syllables=ts.syllable_count(body),
        polysyllables=ts.polysyllabcount(body), monosyllables=ts.monosyllabcount(body),
        long_words=ts.long_word_count(body), letters=ts.letter_count(body),
    )


@pytest.mark.parametrize(
    ("language", "body", "formula", "reference"),
    [
        ("fr", FRENCH, readability_lang.kandel_moles, lambda ts, b: ts.flesch_reading_ease(b)),
        ("de", GERMAN, readability_lang.amstad, lambda ts, b: ts.flesch_reading_ease(b)),
        ("de", GERMAN, readability_lang.wiener_sachtextformel, lambda ts, b: ts.wiener_sachtextformel(b, 1)),
        ("es", SPANISH, readability_lang.fernandez_huerta, lambda ts, b: ts.fernandez_huerta(b)),
    ],
)
def test_each_formula_is_textstats_for_its_language(language, body, formula, reference):
    ts = textstat_in(language)
    assert formula(textstat_counts(ts, body)) == pytest.approx(reference(ts, body), abs=1e-9)


def test_gulpease_is_textstats_given_its_counts():
    # textstat divides every non-space character by every whitespace token; the index's own
    # definition (and ours) counts letters and words: given textstat's counts, the same figure.
    ts = textstat_in("it")
    counts = readability_lang.Counts(
        words=len(ITALIAN.split()), sentences=ts.sentence_count(ITALIAN), syllables=0, polysyllables=0,
        monosyllables=0, long_words=0, letters=ts.char_count(ITALIAN),
    )
    assert readability_lang.gulpease(counts) == pytest.approx(ts.gulpease_index(ITALIAN), abs=1e-9)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("élève", 2), ("président", 3), ("réalité", 4), ("année", 2), ("naïf", 2), ("quatre", 1),
     ("guerre", 1), ("économie", 4), ("elles", 1), ("ministre", 2)],
)
def test_french_syllables(word: str, expected: int):
    assert readability_lang.syllables(word, lang.rules("fr").syllables) == expected


def test_pyphen_undercounts_what_the_french_rules_count():
    french = lang.rules("fr").syllables
    pyphen = Pyphen(lang="fr")
    for word in ("élève", "président"):
        assert len(pyphen.positions(word)) + 1 < readability_lang.syllables(word, french)


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Bundesregierung", 5), ("Steuer", 2), ("Quelle", 2), ("Nation", 3), ("Theater", 3), ("Straße", 2), ("Ofen", 2)],
)
def test_german_syllables(word: str, expected: int):
    assert readability_lang.syllables(word, lang.rules("de").syllables) == expected


ENGLISH_FIELDS = ("flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
                  "coleman_liau_index", "automated_readability_index", "dale_chall", "text_standard")


def test_a_french_text_gets_kandel_moles_and_no_english_figure():
    measured = readability.readability(text.split(FRENCH, "fr"))
    assert all(getattr(measured, name) is None for name in ENGLISH_FIELDS)
    assert 0 < measured.kandel_moles < 100 and measured.amstad is None
    assert "left out for French" in measured.not_measurable and "Kandel–Moles" in measured.not_measurable
    assert measured.words > 0 and measured.reading_time_s > 0


def test_a_german_text_gets_amstad_and_the_wiener_sachtextformel():
    measured = readability.readability(text.split(GERMAN, "de"))
    assert all(getattr(measured, name) is None for name in ENGLISH_FIELDS)
    assert measured.amstad is not None and measured.wiener_sachtextformel is not None
    assert measured.kandel_moles is None
    assert len(measured.paragraph_grades) == 2  # each paragraph's Wiener grade


def test_a_language_without_formulas_gets_none_and_the_reason():
    code = next(c for c in ("es", "it", "pt", "nl") if c not in lang.available())
    measured = readability.readability(text.split(SPANISH, code))
    assert all(getattr(measured, name) is None for name in (*ENGLISH_FIELDS, *readability_lang.FORMULAS))
    assert "no readability formula" in measured.not_measurable


def test_english_keeps_its_formulas_and_gets_no_other_language_s():
    measured = readability.readability(text.split(ENGLISH, "en"))
    assert measured.flesch_reading_ease is not None and measured.dale_chall is not None
    assert all(getattr(measured, name) is None for name in readability_lang.FORMULAS)
    assert measured.not_measurable is None


def test_spanish_and_italian_get_their_own_formula():
    spanish = readability.readability(text.split(SPANISH, "es"))
    assert spanish.fernandez_huerta is not None and spanish.flesch_reading_ease is None
    italian = readability.readability(text.split(ITALIAN, "it"))
    assert italian.gulpease is not None and italian.fernandez_huerta is None


@pytest.mark.parametrize(("word", "expected"), [("león", 2), ("día", 2), ("país", 2), ("guerra", 2), ("educación", 4)])
def test_spanish_syllables(word: str, expected: int):
    assert readability_lang.syllables(word, lang.rules("es").syllables) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("océano", 4), ("poesía", 4), ("reúne", 3), ("aéreo", 4), ("leer", 2), ("ciudad", 2), ("cuidado", 3),
     ("huelga", 2), ("que", 1), ("europeo", 4)],
)
def test_more_spanish_syllables(word: str, expected: int):
    assert readability_lang.syllables(word, lang.rules("es").syllables) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("paese", 3), ("aereo", 4), ("idea", 3), ("maestro", 3), ("guerra", 2), ("chiesa", 2), ("quando", 2),
     ("scuola", 2), ("città", 2), ("europeo", 4)],
)
def test_italian_syllables(word: str, expected: int):
    assert readability_lang.syllables(word, lang.rules("it").syllables) == expected


@pytest.mark.parametrize(("code", "words"), [("es", ("océano", "poesía", "león", "reúne")), ("it", ("idea", "aereo", "paese"))])
def test_pyphen_undercounts_what_the_spanish_and_italian_rules_count(code: str, words: tuple[str, ...]):
    rules = lang.rules(code).syllables
    pyphen = Pyphen(lang=code)
    for word in words:
        assert len(pyphen.positions(word)) + 1 < readability_lang.syllables(word, rules), word



def test_a_spanish_article_is_textstats_fernandez_huerta_with_syllables_counted_right():
    """On a whole article, textstat and we count the same words and sentences; only the
    syllables differ (Pyphen's undercount), so ours is textstat's figure less 60 x the
    syllables it missed per word."""
    from tests.test_spanish_italian import article

    body = article("es").text
    ts = textstat_in("es")
    measured = readability.readability(text.split(body, "es"))
    tokens = readability._remove_punctuation(body).split()
    ours = readability_lang.count(tokens, ts.sentence_count(body), lang.rules("es").syllables)
    assert (ours.words, ours.sentences) == (ts.lexicon_count(body), ts.sentence_count(body))
    assert ours.syllables > ts.syllable_count(body)
    expected = ts.fernandez_huerta(body) - 60 * (ours.syllables - ts.syllable_count(body)) / ours.words
    assert measured.fernandez_huerta == pytest.approx(expected, abs=0.01)


def test_an_italian_article_is_textstats_gulpease_with_letters_counted():
    """Gulpease counts letters per word: textstat's figure from its own words and sentences
    and the text's letters (its character count takes digits and signs too)."""
    from tests.test_spanish_italian import article

    body = article("it").text
    ts = textstat_in("it")
    measured = readability.readability(text.split(body, "it"))
    words, sentences = len(body.split()), ts.sentence_count(body)
    letters = sum(ch.isalpha() for ch in body)
    assert measured.gulpease == pytest.approx(89 + 300 * sentences / words - 10 * letters / words, abs=0.01)

