"""Keyphrases in any script and in the article's language: words are never broken at an
accented letter, and the language's own stop words stay out."""

from __future__ import annotations

from reports.analysis import facts, lang, text

ENGLISH = (
    "François Hollande met Thomas Müller in Zürich on Tuesday. Later, François Hollande and Thomas Müller "
    "toured the old town of Zürich. The visit to Zürich ended with a dinner for Thomas Müller."
)
FRENCH = (
    "Le président François Hollande a reçu mardi à l'Élysée les représentants des syndicats. "
    "Les négociations sur la réforme des retraites reprendront à l'Élysée la semaine prochaine. "
    "Selon les syndicats, François Hollande veut une réforme des retraites rapide, mais ils ne sont pas "
    "d'accord avec lui sur les retraites des fonctionnaires."
)
GERMAN = (
    "Die Bundesregierung hat den Haushaltsentwurf in Berlin vorgestellt. Die Opposition kritisierte den "
    "Haushaltsentwurf und die Ausgaben für die Bildung. Das können Sie schon mal vergessen, sagte die "
    "Opposition über den Haushaltsentwurf der Bundesregierung."
)


def phrases(body: str, language: str) -> tuple[str, ...]:
    return facts.keyphrases(text.split(body, language))


def words_of(found: tuple[str, ...]) -> set[str]:
    return {w.lower() for phrase in found for w in phrase.split()}


def test_english_names_with_diacritics_are_never_broken():
    found = phrases(ENGLISH, "en")
    assert {"François Hollande", "Thomas Müller", "Zürich"} <= set(found), found
    assert not words_of(found) & {"fran", "ois", "rich", "ller", "nchen"}


def test_french_keyphrases_leave_out_french_stop_words_and_elided_articles():
    found = phrases(FRENCH, "fr")
    assert "François Hollande" in found and "Élysée" in found, found
    assert not words_of(found) & lang.rules("fr").stop_words, found
    assert not any("'" in phrase for phrase in found), found


def test_german_keyphrases_leave_out_german_stop_words():
    found = phrases(GERMAN, "de")
    assert "Haushaltsentwurf" in found and "Opposition" in found, found
    assert not words_of(found) & lang.rules("de").stop_words, found
    assert not words_of(found) & {"nnen", "schon", "mal"}, found


def test_german_keyphrases_are_nouns_and_names_never_a_verb_in_lower_case():
    """German capitalises every noun: a word in lower case ("bremste", "gebe") is no keyphrase."""
    body = (
        "Der Trainer bremste die Mannschaft. Der Trainer bremste wieder, und die Mannschaft verlor in Bremen. "
        "Er gebe nicht auf, sagte der Trainer. Er gebe der Mannschaft Zeit, sagte der Trainer in Bremen."
    )
    found = phrases(body, "de")
    assert "Mannschaft" in found and "Bremen" in found, found
    assert not words_of(found) & {"bremste", "gebe", "verlor", "wieder"}, found
