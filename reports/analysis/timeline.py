"""The timeline: the times an article mentions, resolved against its date.

A fixed set of English time expressions ("tomorrow", "late last year", "three weeks ago",
"on Monday", "7 February", "March 2021", "the 1990s") found by one regular expression;
relative ones are resolved against the article's date ("today" in an article dated
2022-02-07 is 2022-02-07, "late last year" is late 2021) and left out when it is not known.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import date, timedelta
from importlib import resources

from reports.analysis.text import Document
from reports.models import TimelineEntry

# Calendar words (also used by `facts`: a month or weekday is not a name or a unit).
MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_RELATIVE_DAYS = {
    "the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1, "today": 0,
    "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0, "tomorrow": 1,
}
_SMALL_NUMBERS = {word: n for n, word in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)}
_PART = r"(?:early|earlier|mid|middle|late|later|the end of|the start of|the beginning of)"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_TIME = re.compile(
    r"\b(?:"
    r"(?P<rel>the day before yesterday|the day after tomorrow|yesterday|today|tonight|tomorrow|"
    r"this (?:morning|afternoon|evening))"
    r"|(?:" + _PART + r"[\s-]+(?:in\s+)?)?(?P<which>last|this|next|previous|past|coming)\s+"
    r"(?P<span>week|weekend|month|year|spring|summer|autumn|fall|winter)"
    r"|(?P<ago_n>\d+|a|an|" + "|".join(_SMALL_NUMBERS) + r")\s+"
    r"(?P<ago_unit>day|week|month|year)s?\s+ago"
    r"|(?P<wd_which>last|next|this)?\s*(?P<weekday>(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
    r"|(?P<md_month>" + _MONTH_NAMES + r")\.?\s+(?P<md_day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<md_year>\d{4}))?"
    r"|(?P<dm_day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<dm_month>" + _MONTH_NAMES + r")\.?(?:,?\s+(?P<dm_year>\d{4}))?"
    r"|(?:" + _PART + r"[\s-]+)?(?P<my_month>" + _MONTH_NAMES + r")\.?,?\s+(?P<my_year>\d{4})"
    r"|(?P<m_prep>in|on|since|until|by|from|during|last|next|this|early|late|mid)[\s-]+(?P<m_month>"
    + _MONTH_NAMES + r")\b(?!\.?,?\s+\d)"
    r"|(?P<decade>\d{3}0)s\b"
    r"|(?:" + _PART + r"[\s-]+)?(?P<y_prep>in|since|until|by|from|during|before|after|of)?\s*(?P<year>1[5-9]\d\d|20\d\d)\b"
    r")",
    re.IGNORECASE,
)
# Every alternative of _TIME needs one of these (a digit, "day", a span or part-of-day word, a
# month name as a word): a sentence without any cannot hold a time, and is not searched.
_MAYBE_TIME = re.compile(
    r"\d|day|tonight|tomorrow|morning|afternoon|evening|week|month|year|spring|summer|autumn|fall|winter"
    r"|\b(?:" + _MONTH_NAMES + r")\b",
    re.IGNORECASE,
)
# The same patterns without IGNORECASE, for lowercased ASCII text: every letter in them is
# lowercase, so on ASCII they match exactly where the originals match the text itself.
_TIME_LOWER = re.compile(_TIME.pattern)
# _MAYBE_TIME on lowercased ASCII, as three cheaper tests: a digit, a substring, a month word
# (r"\b(?:may)\b" matches exactly where "may" is a whole \w+ run).
_DIGIT = re.compile(r"[0-9]")
_TIME_SUBSTRINGS = ("day", "tonight", "tomorrow", "morning", "afternoon", "evening", "week", "month", "year",
                    "spring", "summer", "autumn", "fall", "winter")
_ASCII_WORD = re.compile(r"\w+")
_MONTH_WORDS = frozenset(MONTHS)


def _maybe_time_lower(low: str) -> bool:
    return bool(
        _DIGIT.search(low) or any(s in low for s in _TIME_SUBSTRINGS)
        or not _MONTH_WORDS.isdisjoint(_ASCII_WORD.findall(low))
    )
_FUTURE = re.compile(r"\b(?:will|shall|'ll|is due|are due|is to|are to|plans? to|going to|next|upcoming)\b", re.IGNORECASE)


def timeline(doc: Document, article_date: date | None) -> tuple[TimelineEntry, ...]:
    """Times the article mentions, in time order (ties in text order); relative expressions
    ("tomorrow", "late last year") are resolved against the article's date, and left out when
    it is not known."""
    found: list[tuple[str, int, TimelineEntry]] = []
    seen: set[tuple[str, str]] = set()
    page_line = _page_lines()
    for sentence in doc.sentences:
        if page_line.search(sentence.text):
            continue  # the page's own time stamp, not a time of the story
        for match in _times(sentence.text):
            if not _proper_names_capitalised(match) or _a_name(match, sentence.text):
                continue
            resolved = _resolve(match, sentence.text, article_date)
            if resolved is None:
                continue
            when, sort_key = resolved
            text = _LEADING_PREPOSITION.sub("", match.group(0).strip())
            if (when, text.lower()) in seen:
                continue  # the same time said the same way: once is enough
            seen.add((when, text.lower()))
            found.append((sort_key, len(found), TimelineEntry(when, text, sentence.text)))
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(entry for _, _, entry in found)


def _times(sentence: str) -> list[re.Match[str]]:
    """_TIME's matches in the sentence, as `_TIME.finditer` gives them.

    A case-insensitive search is the slow part of the timeline: ASCII text is searched
    lowercased with the case-sensitive copies (the same spans), and each match is then taken
    again from the sentence itself at its start, so its groups keep their case."""
    if not sentence.isascii():
        return list(_TIME.finditer(sentence)) if _MAYBE_TIME.search(sentence) else []
    low = sentence.lower()
    if not _maybe_time_lower(low):
        return []
    return [m for m in (_TIME.match(sentence, found.start()) for found in _TIME_LOWER.finditer(low)) if m]


_LEADING_PREPOSITION = re.compile(r"^(?:in|on|since|until|by|from|during|before|after|of)\s+", re.IGNORECASE)


def _proper_names_capitalised(match: re.Match[str]) -> bool:
    """Month and weekday names count only capitalised: "this may be", "march on" are not times."""
    for group in ("weekday", "md_month", "dm_month", "my_month", "m_month"):
        value = match.group(group)
        if value and not value[0].isupper():
            return False
    return True


@functools.cache
def _page_lines() -> re.Pattern[str]:
    """timeline.json's patterns of a page's own time stamps, as one (rules as data)."""
    rules = json.loads(resources.files("reports.analysis").joinpath("timeline.json").read_text(encoding="utf-8"))
    return re.compile("|".join(f"(?:{p})" for p in rules["page_lines"]), re.IGNORECASE)


def _a_name(match: re.Match[str], sentence: str) -> bool:
    """A relative time with every word capitalised in mid-sentence is a name ("CBS This Morning")."""
    if not (match.group("rel") or match.group("span")):
        return False
    if not sentence[: match.start()].strip(" \"“‘'([") :
        return False  # the sentence's first words are capitalised anyway
    return all(word[:1].isupper() for word in match.group(0).split())


def _resolve(match: re.Match[str], sentence: str, today: date | None) -> tuple[str, str] | None:
    """(label, sort key) for one time expression."""
    g = match.groupdict()
    text = match.group(0).lower()
    part = _part_of(text)
    if g["rel"]:
        if today is None:
            return None
        day = today + timedelta(days=_RELATIVE_DAYS[" ".join(g["rel"].lower().split())])
        return day.isoformat(), day.isoformat()
    if g["span"]:
        return _span(g["which"].lower(), g["span"].lower(), part, today)
    if g["ago_unit"]:
        return _ago(g["ago_n"].lower(), g["ago_unit"].lower(), today)
    if g["weekday"]:
        return _weekday(g["weekday"].lower(), (g["wd_which"] or "").lower(), sentence, today)
    if g["md_month"] or g["dm_month"]:
        month = MONTHS[(g["md_month"] or g["dm_month"]).lower()]
        day_n = int(g["md_day"] or g["dm_day"])
        year = g["md_year"] or g["dm_year"]
        return _day(month, day_n, int(year) if year else None, today)
    if g["my_month"]:
        label = f"{int(g['my_year']):04d}-{MONTHS[g['my_month'].lower()]:02d}"
        return label, label
    if g["m_month"]:
        return _month(g["m_prep"].lower(), MONTHS[g["m_month"].lower()], sentence, today)
    if g["decade"]:
        return f"{g['decade']}s", g["decade"]
    if g["year"]:
        if not (g["y_prep"] or part):
            return None
        year = int(g["year"])
        return (f"{year}-{part}", f"{year}-{_PART_ORDER[part]}") if part else (str(year), str(year))
    return None


_PART_ORDER = {"early": "01", "mid": "06", "late": "10"}


def _part_of(text: str) -> str | None:
    if text.startswith(("early", "earlier", "the start of", "the beginning of")):
        return "early"
    if text.startswith(("mid", "middle")):
        return "mid"
    if text.startswith(("late", "later", "the end of")):
        return "late"
    return None


def _span(which: str, span: str, part: str | None, today: date | None) -> tuple[str, str] | None:
    if today is None:
        return None
    step = {"last": -1, "previous": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[which]
    if span in ("week", "weekend"):
        day = today + timedelta(weeks=step)
        year, week, _ = day.isocalendar()
        label = f"{year}-W{week:02d}"
        monday = day - timedelta(days=day.weekday())
        return label, monday.isoformat()
    if span == "month":
        month_index = today.year * 12 + today.month - 1 + step
        label = f"{month_index // 12:04d}-{month_index % 12 + 1:02d}"
        return label, label
    if span == "year":
        year = today.year + step
        return (f"{year}-{part}", f"{year}-{_PART_ORDER[part]}") if part else (str(year), str(year))
    season = "autumn" if span == "fall" else span
    start = {"winter": 1, "spring": 3, "summer": 6, "autumn": 9}[season]
    year = today.year
    if step < 0 and start >= today.month:  # the last one is a year back
        year -= 1
    elif step > 0 and start <= today.month:  # the next one is a year on
        year += 1
    return f"{year}-{season}", f"{year}-{start:02d}"


def _ago(amount: str, unit: str, today: date | None) -> tuple[str, str] | None:
    if today is None:
        return None
    n = 1 if amount in ("a", "an") else int(amount) if amount.isdigit() else _SMALL_NUMBERS[amount]
    if unit == "day":
        day = today - timedelta(days=n)
        return day.isoformat(), day.isoformat()
    if unit == "week":
        day = today - timedelta(weeks=n)
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}", (day - timedelta(days=day.weekday())).isoformat()
    if unit == "month":
        index = today.year * 12 + today.month - 1 - n
        label = f"{index // 12:04d}-{index % 12 + 1:02d}"
        return label, label
    return str(today.year - n), str(today.year - n)


def _weekday(name: str, which: str, sentence: str, today: date | None) -> tuple[str, str] | None:
    """A weekday: the coming one when the sentence speaks of the future, else the last one
    (the article's own day counts as 'this')."""
    if today is None:
        return None
    target = WEEKDAYS.index(name)
    back = (today.weekday() - target) % 7
    ahead = (target - today.weekday()) % 7
    if which == "next" or (which != "last" and _FUTURE.search(sentence)):
        offset = ahead or 7 if which == "next" else ahead
    elif which == "last":
        offset = -(back or 7)
    else:
        offset = -back
    day = today + timedelta(days=offset)
    return day.isoformat(), day.isoformat()


def _day(month: int, day_n: int, year: int | None, today: date | None) -> tuple[str, str] | None:
    if year is None:
        if today is None:
            return None
        # The nearest such date to the article's: news rarely means one over six months away.
        candidates = []
        for y in (today.year - 1, today.year, today.year + 1):
            try:
                candidates.append(date(y, month, day_n))
            except ValueError:
                continue
        if not candidates:
            return None
        chosen = min(candidates, key=lambda d: abs((d - today).days))
    else:
        try:
            chosen = date(year, month, day_n)
        except ValueError:
            return None
    return chosen.isoformat(), chosen.isoformat()


def _month(prep: str, month: int, sentence: str, today: date | None) -> tuple[str, str] | None:
    if today is None:
        return None
    if prep == "next" or (prep not in ("last", "since") and _FUTURE.search(sentence)):
        year = today.year if month >= today.month else today.year + 1
    elif prep == "last":
        year = today.year if month < today.month else today.year - 1
    else:
        year = today.year if month <= today.month else today.year - 1
    part = {"early": "early", "late": "late", "mid": "mid"}.get(prep)
    label = f"{year:04d}-{month:02d}"
    return (f"{label}-{part}" if part else label), label

