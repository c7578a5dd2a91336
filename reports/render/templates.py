"""The Jinja environment: the user's templates folder first, then the packaged defaults.

    briefing.html            the user's file if they have one, else the default
    default/briefing.html    always the default, so a user's file can extend it and
                             replace one block: {% extends "default/briefing.html" %}

Autoescaping is on for every HTML/XML/SVG template: article text is untrusted data and is
only ever a variable, never template source.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date
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
    env.filters["buckets"] = buckets
    env.filters["basename"] = _basename
    env.filters["clip"] = clip
    env.filters["tidy"] = tidy
    env.filters["direction"] = direction
    from reports.render import words  # it reads labels.toml through this environment

    words.install(env)  # thousands, percent, decimal, minutes, when, written: in the page's language
    return env


def _basename(path: object) -> str:
    """The file name as shown on the page: a control character in it is written as an escape
    (a name is shown to a person; a raw one would also be a .notdef box)."""
    name = str(path).replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in name)


def source_of(user_dir: Path | None, name: str) -> tuple[str, str]:
    """(text, file path) of a template as the loader chain resolves it."""
    env = environment(user_dir)
    assert env.loader is not None
    text, filename, _ = env.loader.get_source(env, name)
    return text, filename or name


# A reader never sees a word cut in half: a cut falls at a word boundary, the ellipsis after it.
_ELLIPSIS = "…"
_TRAILING = " \t\n,;:–—-(“‘\"'"


def clip(text: str, length: int) -> str:
    """`text` in at most `length` characters, cut after a whole word and ended with an ellipsis.
    Text in a script without spaces (Chinese, Japanese) is cut between characters, which are
    its words; a single word longer than the room is the one thing cut inside."""
    text = str(text)
    if len(text) <= length:
        return text
    room = text[: length - 1]
    if not _no_spaces(room):
        space = max(room.rfind(" "), room.rfind("\n"))
        room = room[:space] if space > 0 else room
    return room.rstrip(_TRAILING) + _ELLIPSIS


def _no_spaces(text: str) -> bool:
    """Whether the text is mostly in a script written without spaces between words."""
    wide = sum(1 for c in text if "\u2e80" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")
    return wide * 2 > len(text)


# A space before a full stop or comma that ends a word ("at home .") is a slip of the source's
# typing, never meant: shown without it.
_SPACE_BEFORE_STOP = re.compile(r"[ \t]+([.,])(?=\s|$|[”’\"')])")


def tidy(text: str) -> str:
    """The text as a reader should see it: no space before a word-ending full stop or comma."""
    return _SPACE_BEFORE_STOP.sub(r"\1", str(text))


def direction(text: str) -> str:
    """"rtl" when the text's first letter of a strong direction is Arabic or Hebrew, else "ltr":
    a paragraph in a right-to-left script reads from the right, its bullet there too."""
    for char in str(text):
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


_MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()


def when(label: str) -> str:
    """A timeline label for readers: 2022-02-07 -> 7 Feb 2022, 2021-late -> late 2021,
    2022-W05 -> week of 31 Jan 2022 (its Monday: nobody counts weeks), 2022-01 -> Jan 2022,
    2022-02-late -> late Feb 2022; anything else as it is."""
    parts = label.split("-")
    try:
        if len(parts) == 3 and not parts[2].isdigit():
            return f"{parts[2]} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 3:
            return f"{int(parts[2])} {_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2 and parts[1].startswith("W"):
            monday = date.fromisocalendar(int(parts[0]), int(parts[1][1:]), 1)
            return f"week of {monday.day} {_MONTHS[monday.month - 1]} {monday.year}"
        if len(parts) == 2 and parts[1].isdigit():
            return f"{_MONTHS[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{parts[1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return label


def buckets(values: list[float] | tuple[float, ...], most: int = 48) -> list[float]:
    """At most `most` values: means of consecutive runs, so a chart of 2,000 paragraphs stays
    48 bars wide (and cheap to draw)."""
    values = list(values)
    if len(values) <= most:
        return values
    size = len(values) / most
    groups = [values[round(i * size) : round((i + 1) * size)] for i in range(most)]
    return [round(sum(g) / len(g), 1) for g in groups if g]
