"""The page checks themselves: each passes on the default briefing and fails on a template
broken on purpose in the way it looks for (a check that never failed proves nothing)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from reports import ingest
from reports.analysis import analyze
from reports.render import Renderer
from tests import pagecheck
from tests.conftest import SEED

DAY = date(2026, 11, 25)

# One broken template per check: a user's briefing.html that extends the default and spoils one
# block the way a careless edit would.
BROKEN = {
    "markup": '{% block masthead %}<p>{{ "<b>" ~ analysis.title ~ "</b> &amp;" }}</p>{% endblock %}',
    "overlaps": '{% block keyphrases %}{{ super() }}<p style="margin-top: -30mm; font-size: 30pt">'
                "Words written over the lines above</p>{% endblock %}",
    "headings_last": '{% block sources %}<section class="panel"><h2>Sources</h2>'
                     '<p style="break-before: page">Overleaf, away from its heading.</p></section>{% endblock %}',
    "cut_words": '{% block summary %}<section class="summary"><h2>In brief</h2>'
                 "<p>{{ analysis.summary[0][:20] }}…</p></section>{% endblock %}",
    "empty_panels": '{% block facts %}<section class="facts"><div class="facts-col"><h3>People</h3></div>'
                    '<div class="facts-col"><h3>Figures</h3><ul class="plain"><li>{{ analysis.figures[0].text }}</li></ul>'
                    "</div></section>{% endblock %}",
    "figures": '{% block facts %}<section class="facts"><div class="facts-col"><h3>Figures</h3><ul class="plain">'
               "{% for f in analysis.figures %}<li>{{ f.value + 1 }} {{ f.what }}</li>{% endfor %}</ul></div></section>{% endblock %}",
}


@pytest.fixture(scope="module")
def seed_analysis():
    return analyze(next(ingest.read(SEED)))


def test_every_check_passes_on_the_default_briefing(seed_analysis):
    assert pagecheck.problems(Renderer(None).briefing(seed_analysis, DAY).pdf, seed_analysis) == []


@pytest.mark.parametrize("check", pagecheck.CHECKS, ids=lambda c: c.__name__)
def test_each_check_fails_on_a_template_broken_for_it(check, seed_analysis, tmp_path: Path):
    (tmp_path / "briefing.html").write_text('{% extends "default/briefing.html" %}' + BROKEN[check.__name__])
    pdf = Renderer(tmp_path).briefing(seed_analysis, DAY).pdf
    assert check(pagecheck.read(pdf), seed_analysis) != []


@pytest.fixture(scope="module", params=["fr", "de"])
def foreign_analysis(request):
    from tests.render.test_languages import FRENCH, GERMAN, _analysis

    return _analysis(FRENCH if request.param == "fr" else GERMAN, request.param)


def test_every_check_passes_on_a_french_and_a_german_briefing(foreign_analysis):
    """The checks read the page in its language: "65 mots", "1 citation", "29 %", "CHIFFRES"."""
    assert pagecheck.problems(Renderer(None).briefing(foreign_analysis, DAY).pdf, foreign_analysis) == []


def test_the_figures_check_fails_on_a_french_briefing_printed_in_english(foreign_analysis, tmp_path: Path):
    """A labels.toml of the user's with English words only: the French or German page says
    "65 words", which is not what a reader of the language should see."""
    from reports.render import templates

    english, _ = templates.source_of(None, "labels.toml")
    (tmp_path / "labels.toml").write_text(english.split("\n[fr]")[0], encoding="utf-8")
    pdf = Renderer(tmp_path).briefing(foreign_analysis, DAY).pdf
    assert any("does not print" in p or "no facts box" in p for p in pagecheck.figures(pagecheck.read(pdf), foreign_analysis))


def test_a_figure_with_a_superscript_is_found_as_the_pdf_gives_it_back():
    """"14.000 m²" comes back from the PDF as "14.000 m2" (the check reads text as NFKC): the
    figure is compared the same way, not reported missing."""
    from tests.render.test_languages import _analysis

    analysis = _analysis("Der Zoo baut eine neue Halle. Sie hat 14.000 m² Fläche und kostet 25 Millionen Euro. "
                         "Dort leben 68 Tiere aus 10 Ländern.\n\nDer Bau dauert drei Jahre, sagte der Direktor.", "de")
    assert analysis.figures[0].text == "14.000 m²"
    assert pagecheck.figures(pagecheck.read(Renderer(None).briefing(analysis, DAY).pdf), analysis) == []


def test_a_heading_that_wraps_in_its_column_is_one_heading():
    """A label too long for its column ("ORGANIZACIONES, LUGARES" in Spanish) wraps onto a
    second line: that line is the heading's, not a second heading with nothing under it."""
    def word(text: str, x0: float, base: float, bold: bool = False) -> pagecheck.Box:
        return pagecheck.Box(text, x0, base - 6, x0 + 6 * len(text), base + 1, bold, 7.0, base)

    words = (
        word("PERSONAS", 50, 300, True), word("Pedro", 50, 318), word("Horrach", 80, 318),
        word("ORGANIZACIONES,", 200, 300, True), word("LUGARES", 200, 309, True), word("Madrid", 200, 327),
        word("Palma", 200, 339), word("CIFRAS", 350, 300, True), word("227", 350, 318),
        word("Page", 280, 500),
    )
    page = pagecheck.Page(1, 595.0, 842.0, words, (), " ".join(w.text for w in words))
    assert pagecheck.empty_panels([page], None) == []
    alone = tuple(w for w in words if w.text not in ("Madrid", "Palma"))
    page = pagecheck.Page(1, 595.0, 842.0, alone, (), "")
    assert pagecheck.empty_panels([page], None) == ["page 1: nothing under the heading 'ORGANIZACIONES, LUGARES'"]
