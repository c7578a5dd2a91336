"""The briefing in its article's language, the digest's front page in the config's: the words
the templates print (`labels.toml`, beside the templates and overridable by name like them)
and dates and numbers written as the language writes them, by Babel (CLDR's month and day
names, decimal and grouping marks, plural rules).

Babel is imported on the first use, so `--help` and `analyze` never pay for it. English
numbers, durations and timeline labels keep the formats the briefing always had, so an
English briefing reads the same as before; dates use Babel's names in every language.
"""

from __future__ import annotations

import functools
import string
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from reports.render import templates

ENGLISH = "en"


@functools.cache
def _babel() -> Any:
    import babel
    import babel.dates
    import babel.numbers

    return babel


@functools.cache
def locale(code: str) -> Any:
    """Babel's locale for the language code, English when Babel knows no such language."""
    babel = _babel()
    try:
        return babel.Locale.parse(code or ENGLISH)
    except (ValueError, babel.UnknownLocaleError):
        return babel.Locale.parse(ENGLISH)


class Labels:
    """One language's words, English for any the language's table lacks. Called in a template:
    `t("in_brief")`, `t("published", date=...)`, `t("words", count=n)` (the plural form Babel's
    rules choose for n, with n written in the language's digits as `{n}`)."""

    def __init__(self, code: str, tables: dict[str, dict[str, str]]) -> None:
        self.code = code
        self.words = {**tables.get(ENGLISH, {}), **tables.get(code, {})}

    def __call__(self, key: str, count: float | None = None, **values: object) -> str:
        if count is not None:
            form = f"{key}_{locale(self.code).plural_form(abs(count))}"
            key = form if form in self.words else f"{key}_other"
            values.setdefault("n", thousands(count, self.code))
        return self.words[key].format(**values)

    def __contains__(self, key: str) -> bool:
        return key in self.words


@functools.cache
def tables(user_dir: Path | None) -> dict[str, dict[str, str]]:
    """labels.toml as the loader chain finds it (the user's, else the default)."""
    text, _ = templates.source_of(user_dir, "labels.toml")
    return tomllib.loads(text)


def labels(user_dir: Path | None, code: str) -> Labels:
    return Labels(code, tables(user_dir))


# --- numbers and dates --------------------------------------------------------------------


def thousands(n: float, code: str = ENGLISH) -> str:
    """1,234 in English, 1 234 in French, 1.234 in German."""
    if code == ENGLISH:
        return f"{n:,}"
    return str(_babel().numbers.format_decimal(n, locale=locale(code)))


def percent(share: float, code: str = ENGLISH) -> str:
    """A share as a whole percentage: 12% in English, 12 % in French, 12 % in German."""
    whole = f"{100 * share:.0f}"
    if code == ENGLISH:
        return f"{whole}%"
    return str(_babel().numbers.format_percent(Decimal(whole) / 100, locale=locale(code)))


def decimal(x: float, code: str = ENGLISH) -> str:
    """One decimal: 70.0 in English, 70,0 in French and German."""
    if code == ENGLISH:
        return f"{x:.1f}"
    return str(_babel().numbers.format_decimal(round(x, 1), format="0.0", locale=locale(code)))


def written_date(day: date, pattern: str, code: str = ENGLISH) -> str:
    """A date in a CLDR pattern ("d MMMM y") with the language's month and day names."""
    return str(_babel().dates.format_date(day, pattern, locale=locale(code)))


def when(label: str, t: Labels) -> str:
    """A timeline label in the language: 2022-02-07 -> 7 févr. 2022, 2021-late -> fin 2021,
    2022-W05 -> semaine du 31 janv. 2022, 1990s -> années 1990. English as `templates.when`."""
    if t.code == ENGLISH:
        return templates.when(label)
    parts = label.split("-")

    def short(day: date) -> str:
        return written_date(day, t.words["date_short"], t.code)

    try:
        if len(parts) == 1 and label.endswith("s") and label[:-1].isdigit():
            return t("decade", decade=label[:-1])
        if len(parts) == 3 and parts[2].isdigit():
            return short(date(int(parts[0]), int(parts[1]), int(parts[2])))
        if len(parts) == 3:
            month = written_date(date(int(parts[0]), int(parts[1]), 1), "MMM y", t.code)
            return t(parts[2], when=month)
        if len(parts) == 2 and parts[1].startswith("W"):
            return t("week_of", date=short(date.fromisocalendar(int(parts[0]), int(parts[1][1:]), 1)))
        if len(parts) == 2 and parts[1].isdigit():
            return written_date(date(int(parts[0]), int(parts[1]), 1), "MMM y", t.code)
        if len(parts) == 2 and parts[1] in ("early", "mid", "late"):
            return t(parts[1], when=parts[0])
        if len(parts) == 2 and parts[1] in t:
            return t(parts[1], year=parts[0])
    except (ValueError, IndexError, KeyError):
        pass
    return label


def minutes(seconds: float, t: Labels) -> str:
    whole = round(seconds / 60)
    return t("under_a_minute") if whole < 1 else t("minutes", n=thousands(whole, t.code))


# --- the page footer, which the stylesheet draws -------------------------------------------

PAGE_FIELDS = {"page": "counter(page)", "pages": "counter(pages)"}
PAGE_OF = "Page {page} of {pages}"  # for a labels.toml of the user's made before it had page_of


def css_string(text: str) -> str:
    """`text` as a CSS string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{escaped}"'


def page_of(t: Labels, page: object, pages: object) -> str:
    """"Page 1 of 2" in `t`'s language (the digest's stamps)."""
    return t.words.get("page_of", PAGE_OF).format(page=page, pages=pages)


def page_of_content(t: Labels) -> str:
    """`page_of` ("Page {page} of {pages}") as a CSS `content` value: its words as strings,
    {page} and {pages} as the page counters, in whatever order the language puts them.
    ValueError for any other {field}."""
    parts = []
    for literal, field, _, _ in string.Formatter().parse(t.words.get("page_of", PAGE_OF)):
        if literal:
            parts.append(css_string(literal))
        if field is not None:
            if field not in PAGE_FIELDS:
                raise ValueError(f"page_of [{t.code}] may hold {{page}} and {{pages}}, not {{{field}}}")
            parts.append(PAGE_FIELDS[field])
    return " ".join(parts)


def page_footer_css(t: Labels) -> str:
    """The page footer in `t`'s language, as CSS placed before the stylesheet: the stylesheet
    draws the footer (`@bottom-center`: font, colour) and may set words of its own."""
    return f"@page {{ @bottom-center {{ content: {page_of_content(t)}; }} }}"


# --- the filters, which read the language from the template's context -----------------------


def _code(context: Any) -> str:
    return str(context.get("language") or ENGLISH)


def install(env: jinja2.Environment) -> None:
    """Filters that write in the language of the page being rendered (`language` in the
    context; English when a template is rendered without one)."""
    env.filters["thousands"] = jinja2.pass_context(lambda c, n: thousands(n, _code(c)))
    env.filters["percent"] = jinja2.pass_context(lambda c, x: percent(x, _code(c)))
    env.filters["decimal"] = jinja2.pass_context(lambda c, x: decimal(x, _code(c)))
    env.filters["minutes"] = jinja2.pass_context(lambda c, s: minutes(s, _labels_of(c)))
    env.filters["when"] = jinja2.pass_context(lambda c, label: when(label, _labels_of(c)))
    env.filters["written"] = jinja2.pass_context(
        lambda c, day, key="date": written_date(day, _labels_of(c).words[key], _code(c))
    )


def _labels_of(context: Any) -> Labels:
    found = context.get("t")
    return found if isinstance(found, Labels) else Labels(ENGLISH, tables(None))
