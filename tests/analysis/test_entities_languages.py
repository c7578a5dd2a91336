"""Names in German and French text: sentences written for these tests, in the news style."""

from __future__ import annotations

from reports.analysis import entities, lang, text
from reports.analysis.entities import german as names_de, spans


def _kinds(body: str, language: str) -> dict[str, str]:
    return {e.name: e.kind for e in entities.entities(text.split(body, language))}


GERMAN = (
    "Bundeskanzlerin Angela Merkel traf am Dienstag in Berlin den französischen Präsidenten "
    "Emmanuel Macron. Die Regierung in Paris begrüßte das Treffen ausdrücklich. Merkel sagte, "
    "die Europäische Union müsse in der Krise schneller handeln. Die Verhandlungen sollen im "
    "Frühjahr in Polen fortgesetzt werden."
)


def test_german_names_are_found_among_capitalised_nouns():
    found = _kinds(GERMAN, "de")
    assert found.get("Angela Merkel") == "person"
    assert found.get("Emmanuel Macron") == "person"
    assert found.get("Berlin") == "place"
    assert found.get("Polen") == "place"
    # German capitalises every noun: none of these is a name
    for noun in ("Regierung", "Treffen", "Krise", "Verhandlungen", "Frühjahr", "Die"):
        assert noun not in found


def test_a_german_surname_alone_joins_the_full_name():
    merkel = next(e for e in entities.entities(text.split(GERMAN, "de")) if e.name == "Angela Merkel")
    assert merkel.count == 2 and merkel.aliases == ("Merkel",)


def test_the_german_tagger_reads_its_shipped_weights():
    model = names_de.model()
    assert model.tags[0] == "O" and len(model.weights) > 1000
    assert all(len(row) == len(model.tags) for row in model.weights.values())


def test_a_common_noun_ending_from_the_language_file_is_a_feature():
    ctx = names_de.context([["Die", "Regierung", "in", "Hamburg", "tagte", "."]])
    tokens = ["Die", "Regierung", "in", "Hamburg", "tagte", "."]
    assert "noun-ending" in names_de.token_features(tokens, 1, ctx)  # "-ung"
    assert "noun-ending" not in names_de.token_features(tokens, 3, ctx)
    assert "ung" in lang.rules("de").noun_endings and "noun-ending" in names_de.model().weights


def test_french_articles_and_contractions_are_never_names():
    found = _kinds(
        "Un accord a été signé mardi à Paris par Emmanuel Macron. Les Verts ont voté contre le "
        "texte. Un porte-parole du ministère a confirmé l'information. Les Français attendent la "
        "suite. Un sondage publié lundi le montre.",
        "fr",
    )
    banned = {"un", "une", "le", "la", "les", "c'est", "l'", "d'"}
    for name in found:
        words = name.lower().replace("’", "'").split()
        assert not banned & set(words), name
        assert not any(w.startswith(("l'", "d'")) for w in words), name


def test_an_article_inside_a_french_name_stays():
    articles = lang.rules("fr").not_names
    lowered = spans.articles_lowered("D'après Le Monde, Marine Le Pen et L'Oréal. C'est fini.", articles)
    assert lowered == "d'après le Monde, Marine Le Pen et l' Oréal. c'est fini."
