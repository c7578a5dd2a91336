"""The English recogniser's word lists and the few look-ups every step needs.

The lists live in two data files: lang/en/words.toml (titles, nationality words and peoples, shared
with the keyphrases) and lang/en/entities.toml (roles, person verbs, positions, events, club and
body words...). The smaller sets here are the ones the code reads directly; `_place_strength`
and `_stem` are the look-ups the span, kind and grouping steps share.
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

from reports.analysis import lang
from reports.analysis.gazetteer import fold, lookup
from reports.analysis.timeline import MONTHS as _MONTHS
from reports.analysis.timeline import WEEKDAYS as _WEEKDAYS


@dataclass(frozen=True)
class _Words:
    """The word lists of one language (lang/<language>/entities.toml); see that file for each."""

    roles: frozenset[str]
    person_verbs: frozenset[str]
    pronouns: frozenset[str]
    positions: frozenset[str]
    adjective_titles: frozenset[str]
    event_heads: frozenset[str]
    events: tuple[str, ...]
    place_forms: tuple[str, ...]
    lone_bodies: frozenset[str]
    club_heads: frozenset[str]
    team_verbs: frozenset[str]
    place_heads: frozenset[str]
    org_heads: frozenset[str]
    breaks: frozenset[str]
    body_before: frozenset[str]
    body_after: frozenset[str]
    titles: frozenset[str]
    state_bodies: frozenset[str]
    title_qualifiers: frozenset[str]
    place_of: frozenset[str]
    place_prepositions: frozenset[str]
    openers: frozenset[str]
    works: frozenset[str]
    work_makers: frozenset[str]
    apposition_roles: frozenset[str]
    role_clause: frozenset[str]
    body_of: frozenset[str]
    place_before: frozenset[str]
    place_after: frozenset[str]
    continent_parts: frozenset[str]
    place_inside: frozenset[str]
    team_after: frozenset[str]
    staff_after: frozenset[str]
    party_members: frozenset[str]
    statement_after: frozenset[str]
    body_joiners: frozenset[str]
    event_after: frozenset[str]
    lone_events: frozenset[str]
    staff_openers: frozenset[str]
    opener_endings: frozenset[str]
    not_bodies: frozenset[str]
    media_verbs: frozenset[str]
    deed_verbs: frozenset[str]
    deed_objects: frozenset[str]
    papers: frozenset[str]
    body_articles: frozenset[str]
    event_before: frozenset[str]
    not_body_plurals: frozenset[str]
    services: frozenset[str]
    body_before_endings: frozenset[str]
    plural_place_firsts: frozenset[str]
    summits: frozenset[str]
    led_suffixes: frozenset[str]


def _load_words(language: str) -> _Words:
    text = resources.files("reports.analysis.lang").joinpath(language, "entities.toml").read_text("utf-8")
    data = tomllib.loads(text)
    events, place_forms = (tuple(" ".join(e.split()) for e in data.pop(key).split("|") if e.strip())
                           for key in ("events", "place_forms"))
    return _Words(events=events, place_forms=place_forms, **{k: frozenset(v.split()) for k, v in data.items()})


_W = _load_words("en")

# Shared with the keyphrases (facts.py) ------------------------------------------------------------------------

_STOPWORDS = frozenset(
    """a about above across after again against ago all almost along already also although always
    am among an and another any anyone anything are around as at away back be became because become
    been before being below between both but by can cannot could did do does doing done down during
    each either else enough even ever every few first for from further get gets getting got had has
    have having he her here hers herself him himself his how however i if in including into is it
    its itself just last least less let like made make makes making many may me might more most
    much must my myself near need never new next no nor not now of off often on once one only onto
    or other others our ours ourselves out over own part per perhaps put quite rather really said
    same say saying says see seen seem seems she should since so some something soon still such
    take taken than that the their theirs them themselves then there these they thing things this
    those though through thus time times to today told too took toward towards two under until up
    upon us use used very via want wanted was way ways we well went were what whatever when where
    whether which while who whom whose why will with within without would year years yet you your
    yours yourself mr mrs ms dr according added asked called come came tell telling think go going
    know known look looked lot lots week weeks day days month months end set show shows left right
    told put three four five six seven eight nine ten earlier later early late recently
    currently ago""".split()
)

# Titles before a name, and nationality words and peoples: English's own lists in lang/en/words.toml,
# the one place they are kept (keyphrases read the same ones).
_ENGLISH = lang.rules("en")
_TITLES = _ENGLISH.titles
# Words that may stand between a nationality and a title: "Foreign Minister", "Vice President".
_TITLE_QUALIFIERS = frozenset(
    """prime vice deputy foreign defence defense finance home interior health economy trade
    justice education environment culture state opposition party labour tory conservative
    democratic republican former acting executive chief general""".split()
) | _W.title_qualifiers
_DEMONYMS = _ENGLISH.demonyms
_ORG_WORDS = frozenset(
    """inc inc. corp corp. corporation ltd ltd. plc llc co co. company group bank party council
    ministry department office agency association commission committee court police army navy
    force forces fund union organisation organization institute university college school
    academy foundation federation league club united rovers watch press brotherhood jihad athletic hospital church
    parliament congress senate assembly government administration authority board bureau
    service services network channel news times post journal herald guardian telegraph
    airlines airways motors industries holdings bureau centre center society trust alliance
    movement front coalition cabinet""".split()
)
_KNOWN_ORGS = frozenset(
    """nato un eu kremlin pentagon reuters afp ap bbc cnn fbi cia nsa imf who wto opec
    google apple microsoft amazon facebook twitter meta nasa fifa uefa ioc""".split()
)
_ORG_WORDS = _ORG_WORDS | {"international", "house", "brigade", "brigades", "daily", "tribune", "ministry"} | _W.org_heads
_PLACE_WORDS = frozenset(
    """palace street square river mountains mountain island islands airport station bridge park
    county province region state valley sea ocean lake gulf bay desert coast peninsula strait
    avenue road city strip zone delta district""".split()
) | _W.place_heads
# Short forms and regions that the packages' gazetteers lack ("Britain", "Middle East").
_PLACE_FORMS = frozenset(
    name.strip()
    for name in """america|balkans|bosnia|britain|burma|caribbean|crimea|donbas|great britain|kiev|
    latin america|middle east|scandinavia|tibet|uae|uk|us|usa|wales|west bank|holland|palestine|
    gaza|the hague|soviet union|atlantic|pacific|arctic|antarctic|mediterranean""".split("|")
) | frozenset(_W.place_forms)
# Faiths and peoples are words for people, not places: "in Jewish homes", "Islamic courts".
_FAITHS = frozenset(
    """muslim muslims islamic islamist islamists jewish jew jews christian christians catholic
    catholics protestant protestants orthodox sunni sunnis shia shiite shiites shi'ite shi'ites
    hindu hindus buddhist buddhists sikh sikhs evangelical arab arabs kurd kurds""".split()
)
# First words that make a place ("Los Angeles", "Mount Olympus") or a body ("National ...").
_PLACE_PREFIXES = frozenset(
    "mount mt lake port fort st st. saint san santa los las new north south east west upper lower river cape gulf greater".split()
)
_ORG_PREFIXES = frozenset("national international federal royal global world united".split())
# "&" joins the two halves of a firm's name: "Marks & Spencer", "Seven & I Holdings".
_CONNECTORS = frozenset({"for", "of", "de", "du", "la", "le", "von", "van", "der", "den", "al", "bin", "da", "di", "&"})
_DETERMINERS = frozenset({"the", "a", "an"})
_SPEECH_AFTER = frozenset({"who"}) | _W.person_verbs
_PREPOSITION_BEFORE_PLACE = frozenset({"in", "to", "from", "near", "across", "into", "at"})
# Nouns that name a body by what its members are: "Hamas militants", "the group Hamas".
_MEMBERS_AFTER = frozenset(
    """militants militant fighters members member rebels rebel leader leaders spokesman spokeswoman
    spokesperson officials official supporters guerrillas insurgents movement chief""".split()
)
_BODY_BEFORE = frozenset("group agency movement party organization organisation network newspaper daily".split()) | _W.body_before
_PLACE_BEFORE = frozenset("city town village province region district capital state island port".split()) | _W.place_before
# A country or capital that acts is its government ("Damascus denies", "Tehran plans",
# "recognize Israel"): such a mention is no evidence of a place, so a name seen only so is left
# out as unsure, and one also seen as a place elsewhere stays a place.
_ACTS_AFTER = frozenset(
    """accuses accused denies denied rejects rejected condemns condemned warns warned threatens
    threatened vows vowed demands demanded plans planned fought agreed agrees blames blamed signed
    wants urged urges refuses refused says say said""".split()
)
_ACTS_BEFORE = frozenset("recognize recognizes recognized recognizing accuse accused against".split())
_MEDIA_AFTER = frozenset("news agency newspaper television radio channel network".split())  # "Xinhua news agency"
_PLACE_AFTER = frozenset("province district region state county valley governorate".split()) | _W.place_after

# Titles beyond the keyphrases' list: "House Speaker Nancy Pelosi", "Army Private Lynndie England".
_MORE_TITLES = frozenset(
    """speaker envoy ayatollah cardinal imam rabbi mullah marshal brigadier major corporal private
    director-general secretary-general lawmaker""".split()
) | _W.titles


def _place_strength(text: str) -> int:
    """3 a country, capital or continent; 2 a province or big city; 1 a town; 0 not a place."""
    low = text.lower()
    if low in _PLACE_FORMS or low.replace(".", "") in _PLACE_FORMS:
        return 3
    places = lookup().places
    strength = places.get(low) or (0 if text.isascii() else places.get(fold(text), 0))
    if strength and " " not in low and (low in _STOPWORDS or low in _COMPASS):
        return 0
    return strength


_COMPASS = frozenset("north south east west central northern southern eastern western centre center capital".split())


def _stem(token: str) -> str:
    """"Ministries" -> "ministry", "forces" -> "force"."""
    low = token.lower()
    if not low.endswith("s"):
        return low  # most words: nothing to take off
    if len(low) > 4 and low.endswith("ies"):
        return low[:-3] + "y"
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


# Words that make a run with no other evidence no name: "French", "Muslim", "Tuesday", "Minister".
_NOT_NAMES = _DEMONYMS | _FAITHS | frozenset(_MONTHS) | frozenset(_WEEKDAYS) | _STOPWORDS | _TITLES


@functools.cache
def _all_titles() -> frozenset[str]:
    return _TITLES | _MORE_TITLES | lookup().titles


@functools.cache
def _everyday(key: str) -> bool:
    """An everyday English word (the Dale-Chall list of easy words), or its "-ing", "-ed" or
    "-s" form: "Breaking", "Reading", "Hope". Such a word alone is a place only when the
    gazetteer is sure of it, never by a preposition before it."""
    from reports.analysis.readability import easy_words

    easy = easy_words()
    if key in easy:
        return True
    for ending in ("ing", "ed", "es", "s"):
        if key.endswith(ending) and len(key) > len(ending) + 2:
            stem = key[: -len(ending)]
            if stem in easy:
                return True
            if ending in ("ing", "ed") and (stem + "e" in easy or (stem[-1] == stem[-2] and stem[:-1] in easy)):
                return True  # "baking", "stopped" ("Homs" is no "home")
    return False
