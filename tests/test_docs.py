"""The README is part of the product: it names every command, flag and config key, its two
commands are what CI runs, and its pictures show the briefing the code makes today."""

from __future__ import annotations

import dataclasses
import re
import struct
import subprocess
from pathlib import Path

import click

from reports import config
from reports.cli import main
from tests.conftest import REPO, SEED

README = (REPO / "README.md").read_text(encoding="utf-8")


def _command_rows() -> dict[str, str]:
    """The Commands table: `reports NAME ...` -> its row."""
    table = README.split("\n## Commands\n", 1)[1].split("\n## ", 1)[0]
    return {m.group(1): m.group(0) for m in re.finditer(r"^\| `reports (\w+)[^\n]*", table, re.M)}


def test_every_command_and_flag_is_documented():
    rows = _command_rows()
    for name, command in main.commands.items():
        assert name in rows, f"reports {name} has no row in the Commands table"
        for param in command.params:
            if isinstance(param, click.Option):
                for opt in param.opts + param.secondary_opts:
                    assert opt in re.split(r"(?<!\\)\|", rows[name])[1], f"reports {name}: {opt} missing from its row"
    for opt in ("--help", "--version"):
        assert opt in README


def test_the_readme_points_nowhere_outside_the_repository():
    assert "../" not in README  # a clone has no sibling folders
    links = re.findall(r"\]\(([^)#\s]+)", README)
    quoted = re.findall(r"`((?:docs|bench|examples|reports|templates|tests|seeds|\.ci)/[\w./-]*)`", README)
    for target in [t for t in links if "://" not in t] + quoted:
        assert (REPO / target).exists(), f"README names {target}, which is not in the repository"


def test_the_readmes_example_file_name_is_what_run_writes():
    from reports import ingest
    from reports.analysis import analyze
    from reports.outputs import pdf_name

    article = next(ingest.read(SEED))
    assert pdf_name(analyze(article).title, article.content_hash) in README


def test_every_config_key_is_documented():
    sections = {f.name: f for f in dataclasses.fields(config.Settings) if f.name != "source"}
    for name in sections:
        assert f"[{name}]" in README or f"[[{name}]]" in README, name
    tables = _readme_config_tables()
    for name, cls in (("paths", config.PathsSettings), ("schedule", config.ScheduleSettings),
                      ("email", config.EmailSettings), ("analysis", config.AnalysisSettings),
                      ("render", config.RenderSettings), ("fetch", config.FetchSettings),
                      ("cluster", config.ClusterSettings), ("retention", config.RetentionSettings),
                      ("feeds", config.FeedSettings)):
        for field in dataclasses.fields(cls):
            if not field.metadata.get("internal"):  # set by the loader, not a key of the file
                # in its own table: `language` under [analysis] does not document [render]'s
                assert re.search(rf"^{field.name} = ", tables.get(name, ""), re.M), f"[{name}] {field.name}"
    for cls in (config.Recipient, config.SectionSettings, config.SectionMatch):
        for field in dataclasses.fields(cls):
            assert re.search(rf"\b{field.name}\b", README), f"{cls.__name__}.{field.name}"


def _readme_config_tables() -> dict[str, str]:
    """The README's example reports.toml, split by table header: {"render": "page_size = ...", ...}."""
    example = re.search(r"```toml\n(\[paths\].+?)```", README, re.S)
    assert example, "README has no example reports.toml starting with [paths]"
    tables: dict[str, str] = {}
    for header, body in re.findall(r"^\[\[?([\w.]+)\]\]?[^\n]*\n(.*?)(?=^\[|\Z)", example.group(1), re.S | re.M):
        tables[header] = tables.get(header, "") + body
    return tables


def test_ci_runs_the_readme_test_command():
    commands = re.findall(r"```sh\n(.+?)\n```", README)
    assert commands[:2] == [".ci/setup && .venv/bin/reports run", ".ci/setup --test && .venv/bin/python -m pytest"]
    assert commands[1] in (REPO / ".ci" / "run").read_text()


def _png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])  # the IHDR chunk
    return width, height


def test_readme_pictures_are_the_current_briefing(tmp_path: Path):
    from datetime import date

    from reports import ingest
    from reports.analysis import analyze
    from reports.render import Renderer

    pictures = re.findall(r"\((docs/briefing-page-\d\.png)\)", README)
    rendered = Renderer(REPO / "templates").briefing(analyze(next(ingest.read(SEED))), date(2026, 11, 25))
    assert len(pictures) == rendered.pages, "run docs/pages.sh: the briefing's page count changed"
    pdf = tmp_path / "seed.pdf"
    pdf.write_bytes(rendered.pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True)
    fresh = next(tmp_path.glob("p*.png"))
    for picture in pictures:
        assert (REPO / picture).is_file()
        assert _png_size(REPO / picture) == _png_size(fresh)
