"""The place rules of the English recogniser, kept apart from the person and organisation rules:

- a story's dateline ("MADRID (Reuters) -"): its place written as in a sentence, and sure;
- a region written as a direction and a place ("southern Afghanistan"): one of the place's forms;
- a place before an officer's title ("Texas | Governor Rick Perry"), and a place the gazetteer
  knows across "of" ("Horn of Africa"): where a place's name starts and ends;
- an unknown name of several words after "in" or "near" ("near Khan Younis"): a place.

The words they read are in lang/en/places.toml.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources

from reports.analysis.entities.words import (
    _NOT_NAMES, _ORG_WORDS, _PLACE_WORDS, _PREPOSITION_BEFORE_PLACE, _TITLE_QUALIFIERS, _W, _all_titles, _everyday,
    _place_strength, _stem,
)


@dataclass(frozen=True)
class _PlaceWords:
    compass: frozenset[str]
    compass_stops: frozenset[str]
    dateline_dashes: tuple[str, ...]
    loose_prepositions: frozenset[str]


@functools.cache
def _words() -> _PlaceWords:
    text = resources.files("reports.analysis.lang").joinpath("en", "places.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return _PlaceWords(
        compass=frozenset(data["compass"].split()),
        compass_stops=frozenset(data["compass_stops"].split()),
        dateline_dashes=tuple(data["dateline_dashes"].split()),
        loose_prepositions=frozenset(data["loose_prepositions"].split()),
    )


# The dateline's place in capitals (one to four words), then a comma and the country or state
# as usually written, a date, the agency in parentheses, and the dash.
_CAPS = r"[A-Z][A-Z'’.\-]*[A-Z.](?:\s+[A-Z][A-Z'’.\-]*[A-Z.]){0,3}"
_DATELINE = re.compile(
    rf"\s*(?P<place>{_CAPS})"
    r"(?P<region>\s*,\s*[A-Z][\w.’'\-]*(?:\s+[A-Z][\w.’'\-]*){0,2})?"
    r"(?P<date>\s*,\s*[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:\s*,\s*\d{4})?)?"
    r"(?P<agency>\s*\([^()\n]{1,40}\))?"
    r"\s*(?P<dash>[-–—]{1,2})(?:\s|(?<=[–—]))"  # "LONDON—The ...": a long dash needs no space
)


def dateline(sentence: str) -> tuple[str, str] | None:
    """(the sentence with its dateline's place as the place is written, that place), or None
    when the sentence opens with no dateline: "MADRID (Reuters) - Spain's ..." gives ("Madrid
    (Reuters) - Spain's ...", "Madrid"). A place in capitals counts when the gazetteer knows it,
    or when a country or state, a date or an agency follows it ("BRISTOL, England -"): a
    heading in capitals before a dash has none of them."""
    match = _DATELINE.match(sentence)
    if match is None or match.group("dash") not in _words().dateline_dashes:
        return None
    place = match.group("place")
    written = _cased(place)
    region = (match.group("region") or "").strip(" ,")
    known = _place_strength(written) > 0
    sure = (region and _place_strength(region) >= 2) or match.group("agency") or match.group("date")
    if not (known or sure) or len(place.replace(".", "")) < 3:
        return None
    return sentence[: match.start("place")] + written + sentence[match.end("place") :], written


def _cased(caps: str) -> str:
    """"NEW YORK" -> "New York", "AL-ARISH" -> "Al-Arish", "U.S." stays: a place as written in
    a sentence."""
    if re.fullmatch(r"(?:[A-Z]\.)+", caps):
        return caps
    return re.sub(r"[A-Z][A-Z'’]*", lambda m: m.group()[0] + m.group()[1:].lower(), caps)


def compass_form(before: str, name: str, after: str) -> str | None:
    """"southern Afghanistan" when the place `name` stands after a lower-case direction and no
    smaller place's noun follows it ("southern Kandahar province" is the province's): the
    region as the text names it, kept as one of the place's forms. None otherwise."""
    words = _words()
    if not before.islower() or before not in words.compass or after.lower() in words.compass_stops:
        return None
    return f"{before} {name}"


def compass_preposition(before: str, before2: str) -> bool:
    """"in southern Xyz": a place's preposition, then a direction, stands before the name."""
    preposition = before2.lower()
    return (before.islower() and before in _words().compass
            and (preposition in _PREPOSITION_BEFORE_PLACE or preposition in _W.place_prepositions or preposition == "of"))


def loose_preposition(word: str) -> bool:
    """"to", "at": a place's preposition that people and bodies stand after as often ("spoke to
    Hosni Mubarak", "at Goldman Sachs"), so it makes no unknown name of several words a place."""
    return word in _words().loose_prepositions


def place_before_title(tokens: list[str], i: int, j: int, written: Callable[[str], str]) -> int:
    """Where an officer's title begins after a place's name within one span, or 0: "Texas |
    Governor Rick Perry", "Florida | Republican Connie Mack", "New York | Mayor Michael
    Bloomberg". The place is one to three words the gazetteer knows as a country, a capital,
    a province or a big city; a title (or a title's qualifier, "Foreign Minister") follows it,
    and a name after that."""
    if j - i < 3:
        return 0
    titles = _all_titles()
    keys = [written(t).rstrip(".").lower() for t in tokens[i:j]]
    for k in range(1, min(4, len(keys) - 1)):
        if keys[k] not in titles and keys[k] not in _TITLE_QUALIFIERS:
            continue
        last = max((t for t in range(k, len(keys)) if keys[t] in titles), default=-1)
        if last < 0 or last >= len(keys) - 1:
            return 0  # "Israel Defense Forces": a qualifier and no title, a body's name
        return i + k if _place_strength(" ".join(written(t) for t in tokens[i : i + k])) >= 2 else 0
    return 0


def unknown_place_after_in(text: str, votes: dict[str, float], club: bool, first_name: bool) -> bool:
    """A name of two or three words after "in" or "near" that is surely a place: a town's
    club-shaped name with no match around it ("in Gaza City", the club is read from a score),
    or words the lists do not know at all, none a first name, an everyday word, a body's or a
    place's common word, nor a trade's "-ing" ("near Khan Younis"; not "in Police custody",
    "in John Smith", "in Millennium Retailing")."""
    if club and not votes:
        return True
    words = text.split()
    if votes or first_name or not 2 <= len(words) <= 3:
        return False
    return all(w[:1].isupper() and w[1:].islower() and w.replace("-", "").isalpha() and not w.endswith("ing")
               and not _everyday(w.lower()) and w.lower() not in _NOT_NAMES
               and _stem(w.lower()) not in _ORG_WORDS and _stem(w.lower()) not in _PLACE_WORDS for w in words)


def known_place_across(tokens: list[str], i: int, j: int, written: Callable[[str], str]) -> bool:
    """The words from `i` through the connector at `j` and one to three words after it are one
    place the gazetteer knows: "Horn of Africa", "Isle of Man", "Bosnia and Herzegovina" stay
    one name rather than end before the connector."""
    return any(_place_strength(" ".join(written(t) for t in tokens[i:k])) > 0
               for k in range(j + 2, min(len(tokens), j + 4) + 1))


# A table's row: a name of one to four words, a colon or a dash perhaps, and one or two figures
# ("Kandahar: 12", "Madrid 24 15"); three figures or more are a league table's (kinds.py).
_TABLE_ROW = re.compile(
    r"[ \t]*(?P<name>[A-Z][\w'’.\-]*(?:[ \t]+[A-Z][\w'’.\-]*){0,3})[ \t]*[:\-–—]?[ \t]*"
    r"\d[\d.,%]*(?:[ \t]+\d[\d.,%]*)?[ \t]*"
)


def table_places(text: str) -> frozenset[str]:
    """The names of a table's rows, one a line, when they are places: three rows or more in a
    row, half of their names at least a country, a capital, a province or a big city ("Deaths by
    province: / Kandahar: 12 / Vexburg: 8 / Kelmore: 3"). The rows' other names are the same
    kind of thing as the known ones, as in a list."""
    found: set[str] = set()
    block: list[str] = []
    for line in [*text.splitlines(), ""]:
        row = _TABLE_ROW.fullmatch(line)
        if row:
            block.append(row.group("name"))
            continue
        if len(block) >= 3 and 2 * sum(_place_strength(name) >= 2 for name in block) >= len(block):
            found.update(block)
        block = []
    return frozenset(found)
