"""The Jinja environment: the user's templates folder first, then the packaged defaults.

    briefing.html            the user's file if they have one, else the default
    default/briefing.html    always the default, so a user's file can extend it and
                             replace one block: {% extends "default/briefing.html" %}

Autoescaping is on for every HTML/XML/SVG template: article text is untrusted data and is
only ever a variable, never template source.
"""

from __future__ import annotations

import functools
from pathlib import Path

import jinja2

import reports

TEMPLATE_SUFFIXES = (".html", ".css", ".txt", ".svg")


def default_templates_dir() -> Path:
    """The packaged defaults: `reports/templates` in a wheel, the top-level `templates/`
    folder in a source checkout (the single source both are made from)."""
    package = Path(reports.__file__).resolve().parent
    packaged = package / "templates"
    return packaged if packaged.is_dir() else package.parent / "templates"


@functools.cache
def environment(user_dir: Path | None) -> jinja2.Environment:
    defaults = jinja2.FileSystemLoader(default_templates_dir())
    loaders: list[jinja2.BaseLoader] = []
    if user_dir is not None and user_dir.is_dir():
        loaders.append(jinja2.FileSystemLoader(user_dir))
    loaders += [jinja2.PrefixLoader({"default": defaults}), defaults]
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "htm", "xml", "svg"),
            disabled_extensions=("txt", "css"),
            default_for_string=True,
            default=True,
        ),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.filters["percent"] = lambda x: f"{100 * x:.0f}%"
    env.filters["minutes"] = _minutes
    env.filters["basename"] = lambda path: str(path).replace("\\", "/").rsplit("/", 1)[-1]
    return env


def source_of(user_dir: Path | None, name: str) -> tuple[str, str]:
    """(text, file path) of a template as the loader chain resolves it."""
    env = environment(user_dir)
    assert env.loader is not None
    text, filename, _ = env.loader.get_source(env, name)
    return text, filename or name


def _minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    return "under a minute" if minutes < 1 else f"{minutes} min"
