"""The article's language: declared by the article or the config, else detected offline."""

from __future__ import annotations

import json
from datetime import date

from pypdf import PdfReader

from reports import ingest
from reports.analysis import analyze, language
from reports.config import RenderSettings
from reports.models import Article
from reports.render import Renderer, with_language

FRENCH = (
    "Le président de la République a reçu mardi à l'Élysée les représentants des syndicats. "
    "M. Dupont, secrétaire général, a déclaré que les négociations allaient reprendre la semaine prochaine.\n\n"
    "Selon le ministère, près de 8,5 millions de salariés sont concernés par la réforme des retraites, "
    "qui doit être présentée au Conseil des ministres avant l'été."
)
GERMAN = (
    "Die Bundesregierung hat am Dienstag in Berlin einen neuen Haushaltsentwurf vorgelegt. "
    "Finanzminister Müller sagte, die Ausgaben für Bildung und Forschung würden deutlich steigen.\n\n"
    "Nach Angaben des Ministeriums sollen dafür rund 8,5 Millionen Euro zusätzlich bereitstehen, "
    "die Opposition kritisierte den Entwurf als unzureichend."
)
ENGLISH = (
    "The government presented a new budget in London on Tuesday. The finance minister said spending "
    "on schools and research would rise sharply over the next three years."
)


def article(text: str, declared: str | None = None) -> Article:
    return Article(id="a", source="test", text=text, language=declared)


def test_french_and_german_articles_are_detected():
    assert analyze(article(FRENCH)).language == "fr"
    assert analyze(article(GERMAN)).language == "de"
    assert analyze(article(ENGLISH)).language == "en"


def test_what_the_article_declares_wins_then_the_config():
    assert analyze(article(ENGLISH, declared="fr-FR")).language == "fr"
    assert analyze(article(ENGLISH), configured_language="de").language == "de"
    assert analyze(article(ENGLISH, declared="en_GB"), configured_language="de").language == "en"
    assert analyze(article(FRENCH), configured_language="auto").language == "fr"  # "auto": detect


def test_declared_tags_are_normalised_and_junk_is_ignored():
    assert language.normalise("de-AT") == "de"
    assert language.normalise("fr_FR") == "fr"
    assert language.normalise("{{ lang }}") is None
    assert language.normalise("x-default") is None
    assert language.choose("{{ lang }}", None, FRENCH) == "fr"


def test_too_short_to_guess_is_english():
    assert language.detect("Oui.") == "en"


def test_html_lang_and_og_locale_are_read(tmp_path):
    body = "".join(f"<p>{p}</p>" for p in ENGLISH.split(". "))
    page = tmp_path / "a.html"
    page.write_text(f'<html lang="fr-FR"><head><title>T</title></head><body><article>{body}</article></body></html>')
    assert next(ingest.read(page)).language == "fr-FR"
    page.write_text(
        '<html><head><title>T</title><meta property="og:locale" content="de_DE"></head>'
        f"<body><article>{body}</article></body></html>"
    )
    assert next(ingest.read(page)).language == "de_DE"


def test_jsonl_and_front_matter_declare_a_language(tmp_path):
    rows = tmp_path / "a.jsonl"
    rows.write_text(json.dumps({"id": "1", "text": ENGLISH, "language": "de"}) + "\n")
    assert next(ingest.read(rows)).language == "de"
    page = tmp_path / "b.md"
    page.write_text(f"---\ntitle: T\nlang: fr\n---\n\n{ENGLISH}\n")
    assert next(ingest.read(page)).language == "fr"


def test_language_is_in_the_json_and_the_pdf(tmp_path):
    analysis = analyze(article(GERMAN))
    assert analysis.to_json()["language"] == "de"
    pdf = tmp_path / "de.pdf"
    pdf.write_bytes(Renderer(None, RenderSettings()).briefing(analysis, date(2026, 11, 25)).pdf)
    reader = PdfReader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == "de"
    shown = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    # never an English figure, and the page says why in German (labels.toml)
    assert "englische Formeln und entfallen für Deutsch" in shown and "Amstad" in shown
    assert "Flesch reading ease:" not in shown


def test_with_language_replaces_or_adds_the_root_lang():
    assert with_language('<!DOCTYPE html>\n<html lang="en">', "fr") == '<!DOCTYPE html>\n<html lang="fr">'
    assert with_language("<html class=x>", "de") == '<html lang="de" class=x>'


def test_plainly_english_text_needs_no_model_and_others_do():
    long_english = " ".join([ENGLISH] * 3)
    assert language.plainly_english(long_english)
    assert not language.plainly_english(" ".join([FRENCH] * 2))
    assert not language.plainly_english(" ".join([GERMAN] * 2))
    spanish = (
        "El presidente del Gobierno presentó el martes en Madrid los nuevos presupuestos del Estado para el año "
        "que viene. La oposición criticó el proyecto porque no aumenta el gasto en educación ni en sanidad, y "
        "pidió que se abra un debate en el Congreso antes de que termine el mes."
    )
    assert not language.plainly_english(spanish)
    assert language.detect(spanish) == "es"  # the model decides what the function words do not


def test_a_feeds_language_reaches_the_page_it_saves(tmp_path):
    from reports import feeds

    body = " ".join([FRENCH] * 2).replace("\n\n", " ")
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
        f"<language>fr-FR</language><item><title>Titre</title><description>{body}</description></item>"
        "</channel></rss>"
    ).encode()
    entry = feeds.parse(rss, "application/rss+xml")[0]
    page = tmp_path / "item.html"
    page.write_bytes(feeds._page_from_entry(entry))
    assert next(ingest.read(page)).language == "fr-FR"
    archived = feeds._archived(feeds.Response(200, b"<html><body><p>x</p></body></html>"), "fr-FR")
    assert b'content-language" content="fr-FR"' in archived
    declared = feeds._archived(feeds.Response(200, b'<html lang="de"><body></body></html>'), "fr-FR")
    assert b"content-language" not in declared  # the page's own declaration stands


def test_spanish_and_italian_articles_are_detected_and_declared_tags_normalised():
    from tests.analysis.test_readability_languages import ITALIAN, SPANISH

    assert analyze(article(SPANISH)).language == "es" and analyze(article(ITALIAN)).language == "it"
    assert analyze(article(SPANISH, "es-MX")).language == "es" and analyze(article(ITALIAN, "it_IT")).language == "it"
