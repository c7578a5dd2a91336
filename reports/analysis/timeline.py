"""The timeline: the times an article mentions, resolved against its date.

Every language's time words are data (`[timeline]` and the month and day names of
lang/<code>/words.toml). English time expressions ("tomorrow", "late last year", "three weeks
ago", "on Monday", "7 February", "March 2021", "the 1990s") are found by one regular
expression built from English's table in English's own grammar, which also reads a language
without a table; another language's ("hier", "la semaine dernière", "le 7 février 2022", "am
7. Februar 2022", "vor drei Jahren") by one built from its table in a grammar general enough
for French, German, Spanish and Italian, whose words are read as their English equivalents
(the English words the resolver knows). Relative ones are
resolved against the article's date ("today" in an article dated 2022-02-07 is 2022-02-07,
"late last year" is late 2021) and left out when it is not known.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from reports.analysis import lang
from reports.analysis.text import Document
from reports.models import TimelineEntry

_EN = lang.rules("en")
_T: dict[str, Any] = _EN.timeline  # the English words (lang/en/words.toml, [timeline])

# Calendar words (also used by `facts`: a month or weekday is not a name or a unit).
MONTHS = dict(_EN.months)
WEEKDAYS = _EN.days

_RELATIVE_DAYS: dict[str, int] = dict(_T["relative"])
_SMALL_NUMBERS: dict[str, int] = dict(_T["ago_numbers"])


def _either(words: Any) -> str:
    """English words as an alternation, in their data order (the first that matches wins)."""
    return "|".join(re.escape(word) for word in words)


_PART = "(?:" + _either(_T["parts"]) + ")"
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_SUFFIX = "(?:" + _either(_T["day_suffixes"]) + ")?"
_TIME = re.compile(
    r"\b(?:"
    r"(?P<rel>" + _either(_RELATIVE_DAYS) + ")"
    r"|(?:" + _PART + r"[\s-]+(?:in\s+)?)?(?P<which>" + _either(_T["which"]) + r")\s+"
    r"(?P<span>" + _either(_T["spans"]) + ")"
    r"|(?P<ago_n>\d+|" + _either(_SMALL_NUMBERS) + r")\s+"
    r"(?P<ago_unit>" + _either(_T["ago_units"]) + r")s?\s+(?:" + _either(_T["ago_after"]) + ")"
    r"|(?P<wd_which>" + _either(_T["weekday_which"]) + r")?\s*(?P<weekday>" + _either(WEEKDAYS) + ")"
    r"|(?P<md_month>" + _MONTH_NAMES + r")\.?\s+(?P<md_day>\d{1,2})" + _DAY_SUFFIX + r"(?:,?\s+(?P<md_year>\d{4}))?"
    r"|(?P<dm_day>\d{1,2})" + _DAY_SUFFIX + r"\s+(?P<dm_month>" + _MONTH_NAMES + r")\.?(?:,?\s+(?P<dm_year>\d{4}))?"
    r"|(?:" + _PART + r"[\s-]+)?(?P<my_month>" + _MONTH_NAMES + r")\.?,?\s+(?P<my_year>\d{4})"
    r"|(?P<m_prep>" + _either(_T["month_preps"]) + r")[\s-]+(?P<m_month>"
    + _MONTH_NAMES + r")\b(?!\.?,?\s+\d)"
    r"|(?P<decade>\d{3}0)(?:" + _either(_T["decade_after"]) + r")\b"
    r"|(?:" + _PART + r"[\s-]+)?(?P<y_prep>" + _either(_T["year_preps"]) + r")?\s*(?P<year>1[5-9]\d\d|20\d\d)\b"
    r")",
    re.IGNORECASE,
)
# Every alternative of _TIME needs one of these (a digit, a cue word, a month name as a word):
# a sentence without any cannot hold a time, and is not searched.
_TIME_SUBSTRINGS: tuple[str, ...] = tuple(_T["cues"])
_MAYBE_TIME = re.compile(r"\d|" + _either(_TIME_SUBSTRINGS) + r"|\b(?:" + _MONTH_NAMES + r")\b", re.IGNORECASE)
# The same patterns without IGNORECASE, for lowercased ASCII text: every letter in them is
# lowercase, so on ASCII they match exactly where the originals match the text itself.
_TIME_LOWER = re.compile(_TIME.pattern)
# _MAYBE_TIME on lowercased ASCII, as three cheaper tests: a digit, a substring, a month word
# (r"\b(?:may)\b" matches exactly where "may" is a whole \w+ run).
_DIGIT = re.compile(r"[0-9]")
_ASCII_WORD = re.compile(r"\w+")
_MONTH_WORDS = frozenset(MONTHS)


def _maybe_time_lower(low: str) -> bool:
    return bool(
        _DIGIT.search(low) or any(s in low for s in _TIME_SUBSTRINGS)
        or not _MONTH_WORDS.isdisjoint(_ASCII_WORD.findall(low))
    )
_FUTURE = re.compile(r"\b(?:" + _either(_T["future"]) + r")\b", re.IGNORECASE)


def timeline(doc: Document, article_date: date | None) -> tuple[TimelineEntry, ...]:
    """Times the article mentions, in time order (ties in text order); relative expressions
    ("tomorrow", "late last year") are resolved against the article's date, and left out when
    it is not known."""
    found: list[tuple[str, int, TimelineEntry]] = []
    seen: set[tuple[str, str]] = set()
    page_line = _page_lines()
    words = _words_of(doc.language)
    for sentence in doc.sentences:
        if page_line.search(sentence.text) or (words and words.page_lines.search(sentence.text)):
            continue  # the page's own time stamp, not a time of the story
        for match, groups, part, future in _found(sentence.text, words):
            if _a_name(match, sentence.text):
                continue
            resolved = _resolve(groups, sentence.text, article_date, part, future)
            if resolved is None:
                continue
            when, sort_key = resolved
            text = match.group(0).strip()
            text = _LEADING_PREPOSITION.sub("", text) if words is None else text
            if (when, text.lower()) in seen:
                continue  # the same time said the same way: once is enough
            seen.add((when, text.lower()))
            found.append((sort_key, len(found), TimelineEntry(when, text, sentence.text)))
    found.sort(key=lambda item: (item[0], item[1]))
    return tuple(entry for _, _, entry in found)


_Found = tuple[re.Match[str], dict[str, Any], "str | None", re.Pattern[str]]


def _found(sentence: str, words: "_Words | None") -> list[_Found]:
    """Each time expression of the sentence with its groups in English words, its part
    ("early", "mid", "late") and the pattern of words that say the sentence is about the
    future."""
    if words is None:
        return [
            (m, m.groupdict(), _part_of(m.group(0).lower()), _FUTURE)
            for m in _times(sentence) if _proper_names_capitalised(m)
        ]
    found = []
    for match in words.pattern.finditer(sentence):
        groups = words.in_english(match)
        if groups is not None:
            found.append((match, groups, groups.pop("part"), words.future))
    return found


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


_LEADING_PREPOSITION = re.compile(r"^(?:" + _either(_T["dropped_prepositions"]) + r")\s+", re.IGNORECASE)


def _proper_names_capitalised(match: re.Match[str]) -> bool:
    """Month and weekday names count only capitalised: "this may be", "march on" are not times."""
    for group in ("weekday", "md_month", "dm_month", "my_month", "m_month"):
        value = match.group(group)
        if value and not value[0].isupper():
            return False
    return True


@functools.cache
def _page_lines() -> re.Pattern[str]:
    """The patterns of a page's own time stamps (English's `page_lines`), as one."""
    return re.compile("|".join(f"(?:{p})" for p in _T["page_lines"]), re.IGNORECASE)


_ENGLISH_MONTHS = {number: name for name, number in reversed(MONTHS.items())}  # 1 -> "january"


@dataclass(frozen=True)
class _Words:
    """One language's time expressions: the pattern built from its data file, and what its
    words mean in the English words `_resolve` reads."""

    pattern: re.Pattern[str]
    meaning: dict[str, Any]  # lowercased word -> English word, or days for a relative day
    numbers: dict[str, int]  # number words, for "il y a trois jours", "vor drei Jahren"
    months: dict[str, int]
    weekdays: dict[str, str]  # lowercased day name -> English day name
    lowercase_only: frozenset[str]  # words that are times only in lowercase (German "morgen")
    not_after: re.Pattern[str]  # words after which a relative day is none ("la mañana")
    future: re.Pattern[str]
    page_lines: re.Pattern[str]

    def in_english(self, match: re.Match[str]) -> dict[str, Any] | None:
        """The match's groups as the English pattern's, in English words; None when a word is
        no time as written ("Morgen", the morning)."""
        g = {key: value for key, value in match.groupdict().items()}
        rel = g["rel"]
        if rel and rel.lower() in self.lowercase_only and not rel.islower():
            return None
        if rel and self.not_after.search(match.string, 0, match.start()):
            return None  # "por la mañana": the morning, not tomorrow
        found = {key: g.get(key) for key in _TIME.groupindex}
        found["rel"] = self.meaning[" ".join(rel.lower().split())] if rel else None
        for key in ("which", "span", "wd_which"):
            value = g[key] or g[f"{key}2"]
            found[key] = self.meaning[value.lower()] if value else None
        found["decade"] = g["decade"] or g["decade_after"]
        found["part"] = next((self.meaning[g[k].lower()] for k in ("part", "my_part", "y_part") if g[k]), None)
        if g["ago_unit"] or g["ago_unit2"]:
            amount = (g["ago_n"] or g["ago_n2"]).lower()
            found["ago_n"] = amount if amount.isdigit() else str(self.numbers[amount])
            found["ago_unit"] = self.meaning[(g["ago_unit"] or g["ago_unit2"]).lower()]
        if g["weekday"]:
            found["weekday"] = self.weekdays[g["weekday"].lower()]
        for key in ("dm_month", "my_month", "m_month"):
            if g[key]:
                found[key] = _ENGLISH_MONTHS[self.months[g[key].lower()]]
        if g["m_prep"]:
            found["m_prep"] = self.meaning[g["m_prep"].lower().rstrip("-")]
        return found


def _alternatives(words: Any) -> str:
    """Words as one alternation, longest first: a space matches any run of spaces, and a word
    that ends in a letter or digit ends there ("sept." may be followed by anything)."""
    parts = []
    for word in sorted({str(w).lower() for w in words}, key=len, reverse=True):
        parts.append(re.escape(word).replace(r"\ ", r"\s+") + (r"\b" if word[-1:].isalnum() else ""))
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


@functools.cache
def _words_of(code: str) -> _Words | None:
    """The language's `[timeline]` words as a pattern with the English one's groups (plus
    "which2", "span2", "wd_which2" for "la semaine dernière", "lundi dernier", and the
    parts); None for a language without them, which the English pattern reads."""
    rules = lang.rules(code)
    t = rules.timeline
    if not t or t.get("grammar") == "english":
        return None  # the English pattern, built from English's own table
    relative: dict[str, int] = dict(t["relative"])  # type: ignore[arg-type]
    which: dict[str, str] = dict(t["which"])  # type: ignore[arg-type]
    spans: dict[str, str] = dict(t["spans"])  # type: ignore[arg-type]
    parts: dict[str, str] = dict(t.get("parts", {}))  # type: ignore[arg-type]
    ago_units: dict[str, str] = dict(t.get("ago_units", {}))  # type: ignore[arg-type]
    month_preps: dict[str, str] = dict(t.get("month_preps", {}))  # type: ignore[arg-type]
    numbers = {w.lower(): n for w, n in rules.number_words.items()}
    numbers.update({w: 1 for w in t.get("one", [])})  # type: ignore[union-attr]
    same_day: dict[str, str] = dict(t.get("same_day", {}))  # type: ignore[arg-type]
    days = [d for d in rules.days if d not in same_day]
    weekdays = {d: WEEKDAYS[i] for i, d in enumerate(days)}
    weekdays.update({alias: weekdays[day] for alias, day in same_day.items()})
    months, of = _alternatives(rules.months), _alternatives(t.get("month_of", []))
    which_words, span_words, part_words = _alternatives(which), _alternatives(spans), _alternatives(parts)
    after = bool(t.get("which_after"))  # "la semaine dernière", "lundi dernier"
    day_suffix = "(?:" + "|".join(re.escape(x) for x in t.get("day_suffixes", [])) + ")?"  # type: ignore[union-attr]
    suffixes = t.get("weekday_suffixes", [])  # "Montagabend"
    weekday_suffix = _alternatives(suffixes).replace(r"\b", "") + "?" if suffixes else ""
    days_words = _alternatives(rules.days).replace(r"\b", "")
    decade = "|".join(
        [rf"{_alternatives(t.get('decade_before', []))}\s+(?P<decade>\d{{3}}0)\b"]
        + [rf"(?P<decade_after>\d{{3}}0){_alternatives(t.get('decade_after', []))}"]
    )
    pattern = re.compile(
        r"\b(?:"
        rf"(?P<rel>{_alternatives(relative)})"
        rf"|(?:(?P<part>{part_words})[\s-]+)?(?P<which>{which_words})\s+(?P<span>{span_words})"
        + (rf"|(?P<span2>{span_words})\s+(?P<which2>{which_words})" if after else r"|(?P<span2>(?!))(?P<which2>(?!))")
        + rf"|(?P<ago_pre>{_alternatives(t.get('ago_before', []))})\s+"
        rf"(?P<ago_n>\d+|{_alternatives(numbers)})\s+(?P<ago_unit>{_alternatives(ago_units)})"
        rf"|(?P<ago_n2>\d+|{_alternatives(numbers)})\s+(?P<ago_unit2>{_alternatives(ago_units)})\s+"
        rf"(?:{_alternatives(t.get('ago_after', []))})"  # Italian "tre giorni fa"
        rf"|(?:(?P<wd_which>{which_words})\s+)?(?P<weekday>{days_words}){weekday_suffix}\b"
        + (rf"(?:\s+(?P<wd_which2>{which_words}))?" if after else r"(?P<wd_which2>(?!))?")
        + rf"|(?P<dm_day>\d{{1,2}}){day_suffix}\s+(?:{of}\s+)?(?P<dm_month>{months})"
        rf"(?:,?\s+(?:{of}\s+)?(?P<dm_year>\d{{4}}))?"
        rf"|(?:(?P<my_part>{part_words})[\s-]+)?(?P<my_month>{months}),?\s+(?:{of}\s+)?(?P<my_year>\d{{4}})\b"
        rf"|(?P<m_prep>{_alternatives(month_preps)})[\s-]+(?P<m_month>{months})(?!\.?,?\s+(?:{of}\s+)?\d)"
        rf"|{decade}"
        rf"|(?:(?P<y_part>{part_words})[\s-]+)?(?P<y_prep>{_alternatives(t.get('year_preps', []))})?\s*"
        r"(?P<year>1[5-9]\d\d|20\d\d)\b"
        r")",
        re.IGNORECASE,
    )
    meaning: dict[str, Any] = {**which, **spans, **parts, **ago_units, **month_preps, **relative}
    meaning = {" ".join(k.lower().split()): v for k, v in meaning.items()}
    return _Words(
        pattern=pattern, meaning=meaning, numbers=numbers, months=dict(rules.months), weekdays=weekdays,
        lowercase_only=frozenset(t.get("lowercase_only", [])),  # type: ignore[arg-type]
        future=re.compile(_future(t), re.IGNORECASE),
        not_after=re.compile(r"\b" + _alternatives(t.get("relative_not_after", [])) + r"\s+$", re.IGNORECASE),
        page_lines=re.compile("|".join(f"(?:{p})" for p in t.get("page_lines", ["(?!)"])), re.IGNORECASE),  # type: ignore[union-attr]
    )


def _future(t: dict[str, Any]) -> str:
    """The words that put a sentence in the future, and the future tense's endings where the
    language marks it on every verb ("llegarán", "partiranno": `future_endings`)."""
    words = _alternatives(t.get("future", []))
    endings = t.get("future_endings", [])
    if not endings:
        return words
    return words + r"|\b\w{2,}(?:" + "|".join(re.escape(e) for e in endings) + r")\b"


def _a_name(match: re.Match[str], sentence: str) -> bool:
    """A relative time with every word capitalised in mid-sentence is a name ("CBS This Morning")."""
    if not (match.group("rel") or match.group("span")):
        return False
    if not sentence[: match.start()].strip(" \"“‘'([") :
        return False  # the sentence's first words are capitalised anyway
    return all(word[:1].isupper() for word in match.group(0).split())


def _resolve(
    g: dict[str, Any], sentence: str, today: date | None, part: str | None, future: re.Pattern[str]
) -> tuple[str, str] | None:
    """(label, sort key) for one time expression, its groups in English words (a relative
    day of another language as its number of days)."""
    if g["rel"] is not None:
        if today is None:
            return None
        rel = g["rel"]
        day = today + timedelta(days=rel if isinstance(rel, int) else _RELATIVE_DAYS[" ".join(rel.lower().split())])
        return day.isoformat(), day.isoformat()
    if g["span"]:
        return _span(g["which"].lower(), g["span"].lower(), part, today)
    if g["ago_unit"]:
        return _ago(g["ago_n"].lower(), g["ago_unit"].lower(), today)
    if g["weekday"]:
        return _weekday(g["weekday"].lower(), (g["wd_which"] or "").lower(), sentence, today, future)
    if g["md_month"] or g["dm_month"]:
        month = MONTHS[(g["md_month"] or g["dm_month"]).lower()]
        day_n = int(g["md_day"] or g["dm_day"])
        year = g["md_year"] or g["dm_year"]
        return _day(month, day_n, int(year) if year else None, today)
    if g["my_month"]:
        label = f"{int(g['my_year']):04d}-{MONTHS[g['my_month'].lower()]:02d}"
        return label, label
    if g["m_month"]:
        return _month(g["m_prep"].lower(), MONTHS[g["m_month"].lower()], sentence, today, future)
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
    """The part ("early", "mid", "late") of a time that starts with one of English's part words."""
    return next((part for word, part in _T["parts"].items() if text.startswith(word)), None)


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
    n = int(amount) if amount.isdigit() else _SMALL_NUMBERS[amount]  # "a", "an" are 1
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


def _weekday(
    name: str, which: str, sentence: str, today: date | None, future: re.Pattern[str] = _FUTURE
) -> tuple[str, str] | None:
    """A weekday: the coming one when the sentence speaks of the future, else the last one
    (the article's own day counts as 'this')."""
    if today is None:
        return None
    target = WEEKDAYS.index(name)
    back = (today.weekday() - target) % 7
    ahead = (target - today.weekday()) % 7
    if which == "next" or (which != "last" and future.search(sentence)):
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


def _month(
    prep: str, month: int, sentence: str, today: date | None, future: re.Pattern[str] = _FUTURE
) -> tuple[str, str] | None:
    if today is None:
        return None
    if prep == "next" or (prep not in ("last", "since") and future.search(sentence)):
        year = today.year if month >= today.month else today.year + 1
    elif prep == "last":
        year = today.year if month < today.month else today.year - 1
    else:
        year = today.year if month <= today.month else today.year - 1
    part = {"early": "early", "late": "late", "mid": "mid"}.get(prep)
    label = f"{year:04d}-{month:02d}"
    return (f"{label}-{part}" if part else label), label

