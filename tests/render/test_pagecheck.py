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
