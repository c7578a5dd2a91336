"""A sample briefing rendered before any article is: a template that breaks while it runs (a
misspelt field, a filter on the wrong type) stops the run, naming the file and line, instead of
failing every article one by one. `reports doctor` renders the same probe.

The sample is a short made-up article with the parts a template shows (title, date, byline,
quotes with speakers, figures, dates for the timeline, several paragraphs), analysed by the
real analysis, so the probe's `Analysis` has every field the models define today.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

from reports.config import RenderSettings
from reports.errors import ConfigError, RenderError
from reports.models import Analysis, Article, Rendered

PROBE_TEXT = """\
The harbour board of Eastmere approved a plan on Tuesday to rebuild the old north pier, at a cost \
of 4.2 million pounds, after a survey found that 30% of its timber piles had rotted.

"The pier has served the town for 120 years, and we intend it to serve for another hundred," said \
Alice Marwood, the chair of the board. She said work would begin in March 2027.

Fishermen welcomed the decision. "We lose two days of landings every time a storm closes the \
pier," said Tom Reddish, who has fished from Eastmere since 1998.

Not everyone agreed. A council official, who asked not to be named, called the budget "optimistic".

The board will publish the contractor's timetable on 14 January 2027 and expects the pier to \
reopen by the summer of 2028.
"""


def probe_article() -> Article:
    return Article(
        id="reports-probe",
        source="(sample article)",
        text=PROBE_TEXT,
        title="Eastmere approves rebuilding of the north pier",
        date=date(2026, 11, 3),
        author="A. Reporter",
        content_hash="probe",
    )


@functools.cache
def probe_analysis(sentences: int = 3) -> Analysis:
    from reports.analysis import analyze

    return analyze(probe_article(), sentences=sentences)


def check_templates(
    templates_dir: Path | None, render: RenderSettings, run_date: date, *, sentences: int = 3, pdf: bool = False
) -> Rendered | None:
    """Raise ConfigError naming the template file and line when the briefing template cannot
    render the sample; `pdf` also makes the PDF (the doctor's check; a run stops at the HTML,
    which is where template errors are)."""
    from reports.render import renderer_for

    renderer = renderer_for(templates_dir, render)  # compiles: a syntax error is a ConfigError
    try:
        if pdf:
            return renderer.briefing(probe_analysis(sentences), run_date)
        renderer.briefing_html(probe_analysis(sentences), run_date)
    except RenderError as error:
        raise ConfigError(f"{error} (found on a sample briefing, before any article was briefed)") from error
    return None
