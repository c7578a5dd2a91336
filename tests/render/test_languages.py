"""The briefing in its article's language (labels.toml, Babel's dates and numbers), the
digest's front page in the config's (`[render] language`), English as it always was."""

from __future__ import annotations

import io
import subprocess
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from reports.analysis import analyze
from reports.config import RenderSettings
from reports.models import Article
from reports.render import Renderer, words

DAY = date(2022, 2, 9)  # a Wednesday

FRENCH = (
    "Le ministre a annoncé hier un plan de 8,5 millions d'euros pour les hôpitaux de la région. "
    "Selon lui, 839 000 euros iront aux urgences dès le 1er mars.\n\n"
    "« Nous devons agir vite », a déclaré M. Dupont lors d'une conférence de presse. "
    "Le chômage atteint 12,3 % des actifs dans le département, selon l'Insee.\n\n"
    "La semaine dernière, les syndicats avaient manifesté devant la préfecture."
)
GERMAN = (
    "Der Minister kündigte gestern ein Programm über 8,5 Millionen Euro für die Kliniken an. "
    "Davon sollen 839.000 Euro ab dem 1. März in die Notaufnahmen fließen.\n\n"
    "„Wir müssen schnell handeln“, sagte Herr Müller bei einer Pressekonferenz. "
    "Die Arbeitslosigkeit liegt laut Statistikamt bei 12,3 Prozent.\n\n"
    "Letzte Woche hatten die Gewerkschaften vor dem Rathaus demonstriert."
)


def _analysis(text: str, language: str):
    return analyze(Article(id=f"t-{language}", source=f"{language}.txt", text=text, title="Titre", date=date(2022, 2, 7), language=language))


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "b.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


def test_a_french_briefing_speaks_french(tmp_path: Path):
    analysis = _analysis(FRENCH, "fr")
    rendered = Renderer(None).briefing(analysis, DAY)
    assert PdfReader(io.BytesIO(rendered.pdf)).trailer["/Root"]["/Lang"] == "fr"
    text = _pdf_text(rendered.pdf, tmp_path)
    for said in ("EN BREF", "mercredi 9 février 2022", "Publié le 7 février 2022", "65 mots",
                 "8,5 millions d'euros", "839 000 euros", "6 févr. 2022", "1 mars 2022", "semaine du 31 janv. 2022",
                 "1 citation", "Kandel–Moles", "Page 1 sur 1"):
        assert said in text, said
    for english in ("IN BRIEF", "Published", "No dates", "Wednesday", "words", "quotation", "Page 1 of"):
        assert english not in text, english
    html = Renderer(None).briefing_html(analysis, DAY)  # headings are letter-spaced in the PDF
    for heading in ("Chiffres", "Chronologie", "Toutes les citations", "L’article"):
        assert f">{heading}<" in html, heading


def test_a_german_briefing_speaks_german(tmp_path: Path):
    analysis = _analysis(GERMAN, "de")
    rendered = Renderer(None).briefing(analysis, DAY)
    assert PdfReader(io.BytesIO(rendered.pdf)).trailer["/Root"]["/Lang"] == "de"
    text = _pdf_text(rendered.pdf, tmp_path)
    for said in ("KURZ GEFASST", "Mittwoch, 9. Februar 2022", "Veröffentlicht am 7. Februar 2022",
                 "8,5 Millionen Euro", "839.000 Euro", "6. Feb. 2022", "Woche vom 31. Jan. 2022", "Seite 1 von 1"):
        assert said in text, said
    assert "IN BRIEF" not in text and "words" not in text and "Page" not in text
    html = Renderer(None).briefing_html(analysis, DAY)
    for heading in ("Zahlen", "Zeitleiste", "Der Artikel"):
        assert f">{heading}<" in html, heading


def test_numbers_and_plurals_follow_the_language():
    assert [words.thousands(1234567, code) for code in ("en", "de")] == ["1,234,567", "1.234.567"]
    assert words.thousands(1234, "fr") == "1\u202f234"
    assert [words.percent(0.123, code) for code in ("en", "de")] == ["12%", "12\xa0%"]
    assert words.decimal(9.25, "de") == "9,2" and words.decimal(9.25, "en") == "9.2"
    t_en, t_fr = (words.labels(None, code) for code in ("en", "fr"))
    assert (t_en("quotations", count=0), t_fr("quotations", count=0)) == ("quotations", "citation")  # French: 0 is singular
    assert words.labels(None, "xx")("in_brief") == "In brief"  # a language without labels: English


def test_the_digest_front_page_is_in_the_configs_language(tmp_path: Path):
    context = dict(run_date=DAY, stories=[], articles=0, total_pages=1, short_day=True, page_link="#",
                   top=[], more=[], entries=[], sections=[], left_out=[])
    pdf, _ = Renderer(None, RenderSettings(language="fr")).document("digest.html", **context)
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == "fr"
    text = _pdf_text(pdf, tmp_path)
    assert "Les sujets du jour" in text and "mercredi 9 février 2022" in text and "0 sujet" in text
    english, _ = Renderer(None, RenderSettings()).document("digest.html", **context)
    text = _pdf_text(english, tmp_path)
    assert "The day's stories" in text and "Wednesday 9 February 2022" in text and "0 stories" in text


@pytest.mark.parametrize("value", ["French", "FR", "", "f"])
def test_render_language_is_a_two_letter_code(tmp_path: Path, value: str):
    from reports.config import load_settings
    from reports.errors import ConfigError

    path = tmp_path / "reports.toml"
    path.write_text(f'[render]\nlanguage = "{value}"\n')
    with pytest.raises(ConfigError, match="render.language"):
        load_settings(path)
    path.write_text('[render]\nlanguage = "de"\n')
    assert load_settings(path).render.language == "de"
