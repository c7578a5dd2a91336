"""Names in German and French text: sentences written for these tests, in the news style."""

from __future__ import annotations

import dataclasses

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


def test_the_german_dictionary_tells_common_nouns_from_names():
    # Wikidata's German lexemes (lang/de/nouns.txt, other_words.txt): a noun, an inflected noun,
    # a compound ending in a noun, a word it knows that is no common noun, one it does not know
    assert names_de._lexicon("regierung") == ("noun",)
    assert names_de._lexicon("kanzlerinnen") == ("noun-inflected",)
    assert names_de._lexicon("hafensanierungsplan") == ("noun-head",)
    assert names_de._lexicon("berlin") == ("word",)
    assert names_de._lexicon("wolkowiak") == ("unknown",)  # an invented surname
    assert names_de.is_noun("krise") and not names_de.is_noun("berlin")


def test_the_dictionary_evidence_is_a_feature_with_a_weight():
    tokens = ["Der", "Abgeordnete", "Wolkowiak", "kritisierte", "den", "Hafensanierungsplan", "."]
    ctx = names_de.context([tokens])
    assert "unknown" in names_de.token_features(tokens, 2, ctx)
    assert "noun-head" in names_de.token_features(tokens, 5, ctx)
    assert "word" in names_de.token_features(tokens, 0, ctx)  # "Der": a known word, no noun
    weights = names_de.model().weights
    assert all(f in weights for f in ("noun", "noun-inflected", "noun-head", "word", "unknown"))
    found = _kinds(" ".join(tokens[:-1]) + ".", "de")
    assert found.get("Wolkowiak") == "person" and "Hafensanierungsplan" not in found


def test_the_outside_bias_makes_capitalised_words_names_and_never_lower_case_ones():
    # No weights at all: the bias alone decides, and it only weighs on capitalised words
    bare = names_de.Model(tags=names_de.model().tags, weights={}, outside_bias=5.0)
    tokens = ["Heute", "sprach", "Wolkowiak", "in", "einer", "Halle", "."]
    tags = names_de.tag(tokens, names_de.context([tokens]), bare)
    assert [t != "O" for t in tags] == [True, False, True, False, False, True, False]


def test_a_name_whose_kind_the_tagger_cannot_tell_is_dropped():
    tokens = ["Wolkowiak", "kam", "."]
    ctx = names_de.context([tokens])
    # equal weights for the three begin tags: each has a third of their probability
    even = names_de.Model(tags=names_de.model().tags, weights={"b": [0, 1, 0, 1, 0, 1, 0]})
    assert abs(names_de._kind_share(tokens, 0, "<s>", ctx, even) - 1 / 3) < 1e-9
    assert names_de.spans("Wolkowiak kam.", ctx, even)
    assert names_de.spans("Wolkowiak kam.", ctx, dataclasses.replace(even, kind_share=0.5)) == []


def test_a_stop_word_or_title_is_never_a_name_alone():
    # a model that makes every capitalised word a name: "Von" and "Montag" still are none
    bare = names_de.Model(tags=names_de.model().tags, weights={}, outside_bias=5.0)
    doc = text.split("Von dort kam Wolkowiak am Montag zurück.", "de")
    assert [e.name for e in names_de.german_entities(doc, 40, bare)] == ["Wolkowiak"]


def test_a_word_the_article_writes_after_a_given_name_is_a_surname_elsewhere():
    first = ["Gestern", "sprach", "Heike", "Wolkowiak", "in", "Kiel", "."]
    later = ["Wolkowiak", "sagte", ",", "sie", "komme", "wieder", "."]
    ctx = names_de.context([first, later])
    assert "wolkowiak" in ctx.after_given and "kiel" not in ctx.after_given
    assert "surname-seen" in names_de.token_features(later, 0, ctx)
    assert "surname-seen" not in names_de.token_features(later, 0, names_de.context([later]))
    assert "surname-seen" in names_de.model().weights


def test_surnames_of_other_countries_are_a_feature_of_their_own():
    # lang/de/person_names.txt: Faker's German lists ("family") and other countries' ("family-x"),
    # the latter without the names the German lists already hold
    tokens = ["Trainer", "Rooney", "lobte", "Erdoğan", "und", "Müller", "."]
    ctx = names_de.context([tokens])
    assert "family-x" in names_de.token_features(tokens, 1, ctx)
    assert "family-x" in names_de.token_features(tokens, 3, ctx)
    assert "family-de" in names_de.token_features(tokens, 5, ctx)
    assert "family-x" not in names_de.token_features(tokens, 5, ctx)
    assert not {"family-x", "given-x"} & set(names_de.token_features(["Wolkowiak"], 0, names_de.context([])))


def test_a_genitive_of_a_known_surname_or_place_is_a_feature():
    first = ["Gestern", "sprach", "Heike", "Wolkowiak", "in", "Kiel", "."]
    later = ["Wolkowiaks", "Plan", "gilt", "."]
    ctx = names_de.context([first, later])
    assert "surname-seen-s" in names_de.token_features(later, 0, ctx)
    assert "surname-seen-s" not in names_de.token_features(later, 0, names_de.context([later]))
    assert "family-s" in names_de.token_features(["Müllers", "Plan"], 0, ctx)
    assert "geo-s" in names_de.token_features(["Londons", "Bürgermeister"], 0, ctx)
    assert "geo-s" not in names_de.token_features(["London", "wartet"], 0, ctx)


def test_organisation_words_beside_a_name_are_features():
    # lang/de/entities.toml: legal forms and club words, and the ends of compounds naming a body
    ctx = names_de.context([])
    assert "org-word+1" in names_de.token_features(["Die", "Wolkowiak", "GmbH", "meldet"], 1, ctx)
    assert "org-word-1" in names_de.token_features(["Der", "1.", "FC", "Wolkowiak"], 3, ctx)
    assert "org-head" in names_de.token_features(["Der", "Bauernverband", "klagt"], 1, ctx)
    assert not {"org-word+1", "org-word-1", "org-head"} & set(
        names_de.token_features(["Die", "Wolkowiak", "meldet"], 1, ctx))


def test_a_capitalised_neighbours_lists_are_features():
    tokens = ["Heike", "Wolkowiak", "sagte", "."]
    ctx = names_de.context([tokens])
    assert {"given-de-1", "lex-1=" + names_de._lexicon("heike")[0]} <= set(names_de.token_features(tokens, 1, ctx))
    assert "lex+1=unknown" in names_de.token_features(tokens, 0, ctx)
    # a lower-case neighbour says nothing
    assert not [f for f in names_de.token_features(tokens, 3, ctx) if f.startswith("lex")]  # after "sagte"


def test_the_shipped_weights_read_the_new_evidence():
    weights = names_de.model().weights
    assert all(f in weights for f in ("family-x", "given-x", "org-word+1", "org-head", "family-s", "lex-1=unknown"))
    # invented names: a legal form makes an organisation of an unknown word
    assert _kinds("Die Wolkowiak GmbH meldete am Montag einen Verlust.", "de") == {"Wolkowiak GmbH": "organisation"}
    assert _kinds("Nach dem Spiel lobte Trainer Rooney die Abwehr.", "de").get("Rooney") == "person"


def test_a_one_word_person_only_opening_sentences_and_other_scripts_are_left_out_in_german():
    found = _kinds(
        "Schließlich sagte der Bürgermeister Karl Wendelin, die Brücke sei sicher. Steigt der Pegel, "
        "wird sie gesperrt. Äußert sich niemand, bleibt alles beim Alten. Wendelin lobte die Feuerwehr. "
        "Στην Ευρώπη, είπε ο Κώστας Παπαδόπουλος, όλα είναι καλά.",
        "de",
    )
    assert found.get("Karl Wendelin") == "person"
    assert not [name for name, kind in found.items() if kind == "person" and name != "Karl Wendelin"]
