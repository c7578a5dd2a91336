"""Spanish and Italian end to end: `reports analyze` on a test article of each (written for
these tests, tests/data/article_es.txt and article_it.txt) gives the language, its quotations
with their speakers, figures in the language's number format, dates, readability in the
language's own formula; the briefing is printed in the language (labels.toml, Babel)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import Result

from reports.ingest import read
from reports.models import Article

DATA = Path(__file__).resolve().parent / "data"


def article(code: str) -> Article:
    return next(iter(read(DATA / f"article_{code}.txt")))


def _analyzed(cli: Callable[..., Result], code: str) -> dict:
    result = cli("analyze", str(DATA / f"article_{code}.txt"), "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_a_spanish_article_is_analysed_in_spanish(cli):
    found = _analyzed(cli, "es")
    assert found["language"] == "es"
    assert [(q["speaker"], q["verb"]) for q in found["quotes"]["items"]] == [
        ("María Jesús Ortega", "dijo"), ("Lucía Ferrer", "aseguró"), ("Andrés Molina", "lamentó"),
        ("Javier Soler", "afirmó"), ("el concejal", "añadió")]
    assert [(f["value"], f["text"]) for f in found["figures"]] == [
        (8500000, "8,5 millones de euros"), (120, "120 autobuses"), (45, "45 conductores"), (12.5, "12,5 %"),
        (95000000, "95 millones de viajeros")]
    assert [(t["when"], t["text"]) for t in found["timeline"]] == [
        ("2019", "hace cuatro años"), ("2022", "año pasado"), ("2023-03-07", "martes"),
        ("2023-03-14", "14 de marzo de 2023"), ("2023-09", "en septiembre"), ("2024-late", "finales de 2024")]
    readability = found["readability"]
    assert readability["flesch_reading_ease"] is None and readability["gulpease"] is None
    assert 50 < readability["fernandez_huerta"] < 80
    assert "left out for Spanish" in readability["not_measurable"]
    assert not {"de", "la", "el", "los", "según", "millones"} & {w.lower() for k in found["keyphrases"] for w in k.split()}


def test_an_italian_article_is_analysed_in_italian(cli):
    found = _analyzed(cli, "it")
    assert found["language"] == "it"
    assert [(q["speaker"], q["verb"]) for q in found["quotes"]["items"]] == [
        ("Marco Ferri", "ha detto"), ("Giulia Benedetti", "ha assicurato"), ("Sara Lombardi", "ha dichiarato"),
        ("Luca Martini", "ha commentato"), ("Luca Martini", "dice")]
    assert [(f["value"], f["text"]) for f in found["figures"]] == [
        (12000000, "12 milioni di euro"), (18, "18 edifici"), (40, "40 tecnici"), (15.5, "15,5 per cento"),
        (1200000000, "1,2 miliardi di euro")]
    assert [(t["when"], t["text"]) for t in found["timeline"]] == [
        ("2022", "Nel 2022"), ("2023-03-07", "ieri"), ("2023-03-14", "14 marzo 2023"), ("2023-06", "a giugno"),
        ("2025-late", "fine del 2025")]
    readability = found["readability"]
    assert readability["flesch_reading_ease"] is None and readability["fernandez_huerta"] is None
    assert 40 < readability["gulpease"] < 80
    assert not {"ieri", "entro", "il", "della", "milioni"} & {w.lower() for k in found["keyphrases"] for w in k.split()}


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "b.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.split())


@pytest.mark.parametrize(("code", "said", "english"), [
    ("es", ("EN RESUMEN", "miércoles, 8 de marzo de 2023", "Publicado el 8 de marzo de 2023", "215 palabras",
            "Fernández-Huerta", "13 frases", "5 citas", "Página 1 de 2", "«No vamos a subir el precio del billete»",
            "8,5 millones de euros", "14 mar 2023", "finales de 2024", "fórmulas inglesas, omitidas para el español"),
     ("IN BRIEF", "Published", "words", "quotations", "Page 1 of", "Wednesday", "late 2024", "“Es la mayor")),
    ("it", ("IN BREVE", "mercoledì 8 marzo 2023", "Pubblicato il 8 marzo 2023", "177 parole", "Gulpease",
            "12 frasi", "5 citazioni", "Pagina 1 di 2", "«Aspettiamo da anni una palestra nuova»",
            "15,5 per cento", "14 mar 2023", "fine 2025", "formule inglesi, omesse per l’italiano"),
     ("Published", "words", "quotations", "Page 1 of", "Wednesday", "late 2025", "“È il più")),
])
def test_the_briefing_is_printed_in_the_articles_language(code, said, english, tmp_path: Path):
    from pypdf import PdfReader
    import io

    from reports.analysis import analyze
    from reports.render import Renderer

    rendered = Renderer(None).briefing(analyze(article(code)), date(2023, 3, 8))
    assert PdfReader(io.BytesIO(rendered.pdf)).trailer["/Root"]["/Lang"] == code
    text = _pdf_text(rendered.pdf, tmp_path)
    missing = [s for s in said if s not in text]
    present = [s for s in english if s in text]
    assert (missing, present) == ([], [])


@pytest.mark.parametrize(("code", "said"), [
    ("es", ("Los temas del día", "miércoles, 8 de marzo de 2023", "0 temas")),
    ("it", ("Le notizie del giorno", "mercoledì 8 marzo 2023", "0 notizie")),
])
def test_the_digest_front_page_in_spanish_and_italian(code, said, tmp_path: Path):
    from pypdf import PdfReader
    import io

    from reports.config import RenderSettings
    from reports.render import Renderer

    context = dict(run_date=date(2023, 3, 8), stories=[], articles=0, total_pages=1, short_day=True, page_link="#",
                   top=[], more=[], entries=[], sections=[], left_out=[])
    pdf, _ = Renderer(None, RenderSettings(language=code)).document("digest.html", **context)
    assert PdfReader(io.BytesIO(pdf)).trailer["/Root"]["/Lang"] == code
    text = _pdf_text(pdf, tmp_path)
    assert [s for s in said if s not in text] == []
    assert "The day's stories" not in text
