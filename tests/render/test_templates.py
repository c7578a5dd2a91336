"""Template override by name, extension of the defaults, and broken templates."""

from __future__ import annotations

from pathlib import Path

from reports.render import templates
from tests.conftest import pdf_text, run_json

DAY = "2026-11-25"


def loaded_from(user_dir: Path | None, name: str) -> Path:
    env = templates.environment(user_dir)
    return Path(env.get_template(name).filename)


def test_defaults_load_without_a_user_folder():
    assert loaded_from(None, "briefing.html") == templates.default_templates_dir() / "briefing.html"


def test_user_file_overrides_by_name(tmp_path: Path):
    (tmp_path / "briefing.html").write_text("<p>{{ analysis.title }}</p>")
    assert loaded_from(tmp_path, "briefing.html") == tmp_path / "briefing.html"
    assert loaded_from(tmp_path, "default/briefing.html") == templates.default_templates_dir() / "briefing.html"


def test_override_and_extend_in_a_run(project: Path, cli):
    user = project / "templates"
    user.mkdir()
    (user / "briefing.html").write_text(
        '{% extends "default/briefing.html" %}{% block summary %}<p>OUR DESK SUMMARY</p>{% endblock %}'
    )
    code, report = run_json(cli, "--date", DAY)
    assert code == 0
    text = pdf_text(Path(report["new"][0]["pdf"]))
    assert "OUR DESK SUMMARY" in text and "in brief" not in text.lower()
    assert "every quotation" in text.lower()  # the rest of the default still renders


def test_user_css_overrides_the_default(project: Path, cli):
    user = project / "templates"
    user.mkdir()
    (user / "briefing.css").write_text('@page { @bottom-center { content: "DESK EDITION"; } }')
    code, report = run_json(cli, "--date", DAY)
    assert "DESK EDITION" in pdf_text(Path(report["new"][0]["pdf"]))


def test_broken_template_is_a_usage_error_naming_file_and_line(project: Path, cli):
    user = project / "templates"
    user.mkdir()
    (user / "briefing.html").write_text("<p>fine</p>\n{% if %}\n")
    result = cli("run", "--date", DAY)
    assert result.exit_code == 2
    assert "briefing.html, line 2" in result.stderr
    # Nothing was marked failed: fixing the template renders the article.
    (user / "briefing.html").unlink()
    code, report = run_json(cli, "--date", DAY)
    assert code == 0 and len(report["new"]) == 1
