"""The facts box: keyphrases, the people/organisations/places named, and figures
(the timeline is in `timeline.py`).

All heuristics, no model: capitalised sequences with titles, organisation suffixes and a small
gazetteer of countries and capitals for entities; numbers with the words after them for
figures. Everything is deterministic (ties broken by first appearance).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from reports.analysis.text import Document, words
from reports.analysis.timeline import MONTHS as _MONTHS
from reports.analysis.timeline import WEEKDAYS as _WEEKDAYS
from reports.models import Entity, EntityKind, Figure

# --- shared word lists ------------------------------------------------------------------------

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

# --- keyphrases -------------------------------------------------------------------------------

_PHRASE_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]|[,.;:!?()\"“”]")


def keyphrases(doc: Document, limit: int = 8) -> tuple[str, ...]:
    """Runs of content words (up to three), scored by frequency weighted towards the start of
    the article (PositionRank's intuition); one phrase per word, and a word is shown in the
    longer phrase it usually comes in ("security guarantees" rather than "guarantees")."""
    scores: Counter[str] = Counter()
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    proper = _proper_words(doc)
    for rank, sentence in enumerate(doc.sentences):
        weight = 1.0 / math.sqrt(1 + rank)
        for run in _content_runs(sentence.text, proper):
            for size in (1, 2, 3):
                for i in range(len(run) - size + 1):
                    if len({t[0].isupper() for t in run[i : i + size]}) > 1:
                        continue  # "pop star Justin": a name and common words are two phrases
                    key = " ".join(_stem(t) for t in run[i : i + size])
                    scores[key] += weight
                    counts[key] += 1
                    surface.setdefault(key, " ".join(run[i : i + size]))
    ranked = sorted(scores, key=lambda k: (-scores[k] * (1 + 0.5 * k.count(" ")), list(scores).index(k)))
    chosen: list[str] = []
    used: set[str] = set()
    for key in ranked:
        if counts[key] < 2 and len(chosen) >= limit // 2:
            break  # phrases seen once fill at most half the list
        key = _widest(key, counts)
        stems = set(key.split())
        if stems & used:
            continue
        chosen.append(surface[key])
        used |= stems
        if len(chosen) == limit:
            break
    return tuple(chosen)


def _widest(key: str, counts: Counter[str]) -> str:
    """The longest phrase containing `key` that occurs at least half as often (and twice)."""
    best = key
    for other, n in counts.items():
        if (
            len(other) > len(best) and f" {key} " in f" {other} "
            and n >= 2 and 2 * n >= counts[key]
        ):
            best = other
    return best


def _proper_words(doc: Document) -> set[str]:
    """Words written capitalised somewhere other than at the start of a sentence."""
    found: set[str] = set()
    for sentence in doc.sentences:
        tokens = words(sentence.text)
        found.update(t for t in tokens[1:] if t[:1].isupper())
    return found


def _content_runs(sentence: str, proper: set[str]) -> list[list[str]]:
    """Runs of content words; titles and nationality words break a run ("French President")."""
    runs: list[list[str]] = []
    run: list[str] = []
    for token in [*_PHRASE_TOKEN.findall(sentence), "."]:
        if token.endswith(("'s", "’s")):
            token = token[:-2]
        low = token.lower()
        if (
            len(low) > 2 and low[0].isalpha() and low not in _STOPWORDS and low not in _MONTHS
            and low not in _TITLES and low not in _DEMONYMS and low not in _WEEKDAYS
        ):
            run.append(token if token in proper or token.isupper() else low)
            continue
        if run:
            runs.append(run)
        run = []
    return runs


def _stem(token: str) -> str:
    low = token.lower()
    if len(low) > 4 and low.endswith("ies"):
        return low[:-3] + "y"
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


# --- entities ---------------------------------------------------------------------------------

_TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady president chancellor minister premier
    secretary senator sen. rep. representative congressman congresswoman governor gov. mayor king
    queen prince princess pope general gen. colonel col. captain capt. lieutenant sergeant admiral
    judge justice professor prof. ambassador archbishop bishop rev. reverend father sheikh emir
    commissioner spokesman spokeswoman coach manager striker midfielder defender goalkeeper boss
    chairman chairwoman chief leader officer detective inspector""".split()
)
# Words that may stand between a nationality and a title: "Foreign Minister", "Vice President".
_TITLE_QUALIFIERS = frozenset(
    """prime vice deputy foreign defence defense finance home interior health economy trade
    justice education environment culture state opposition party labour tory conservative
    democratic republican former acting executive chief general""".split()
)
_DEMONYMS = frozenset(
    """afghan african albanian algerian american arab argentine argentinian armenian asian
    australian austrian azerbaijani belarusian belgian bosnian brazilian british bulgarian
    canadian chilean chinese colombian croatian cuban cypriot czech danish dutch egyptian english
    estonian ethiopian european filipino finnish french georgian german greek hungarian icelandic
    indian indonesian iranian iraqi irish israeli italian japanese jordanian kazakh kenyan korean
    kurdish kuwaiti latvian lebanese libyan lithuanian malaysian malian mexican moldovan moroccan
    nigerian norwegian pakistani palestinian peruvian polish portuguese qatari romanian russian
    saudi scottish serbian slovak slovenian somali spanish sudanese swedish swiss syrian taiwanese
    thai tunisian turkish ugandan ukrainian venezuelan vietnamese welsh yemeni western eastern
    northern southern central soviet nato un eu us uk""".split()
)
_ORG_WORDS = frozenset(
    """inc inc. corp corp. corporation ltd ltd. plc llc co co. company group bank party council
    ministry department office agency association commission committee court police army navy
    force forces fund union organisation organization institute university college school
    academy foundation federation league club united city rovers athletic hospital church
    parliament congress senate assembly government administration authority board bureau
    service services network channel news times post journal herald guardian telegraph
    airlines airways motors industries holdings bureau centre center society trust alliance
    movement front coalition cabinet""".split()
)
_KNOWN_ORGS = frozenset(
    """nato un eu kremlin pentagon reuters afp ap bbc cnn fbi cia nsa imf who wto opec
    google apple microsoft amazon facebook twitter meta nasa fifa uefa ioc""".split()
)
_PLACE_WORDS = frozenset(
    """palace street square river mountains mountain island islands airport station bridge park
    county province region state valley sea ocean lake gulf bay desert coast peninsula strait
    avenue road""".split()
)
# Countries, a few common short forms, continents and capitals: the one gazetteer.
_PLACES = frozenset(
    line.strip().lower()
    for line in """
    Afghanistan|Albania|Algeria|Andorra|Angola|Argentina|Armenia|Australia|Austria|Azerbaijan|
    Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|Benin|Bhutan|Bolivia|Bosnia|
    Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|Burundi|Cambodia|Cameroon|Canada|Chad|Chile|
    China|Colombia|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Denmark|Djibouti|
    Dominican Republic|Ecuador|Egypt|El Salvador|Eritrea|Estonia|Eswatini|Ethiopia|Fiji|Finland|
    France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Guatemala|Guinea|Guyana|Haiti|Honduras|
    Hungary|Iceland|India|Indonesia|Iran|Iraq|Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|
    Jordan|Kazakhstan|Kenya|Kosovo|Kuwait|Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|
    Liechtenstein|Lithuania|Luxembourg|Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Mauritania|
    Mauritius|Mexico|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Burma|Namibia|
    Nepal|Netherlands|Holland|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|
    Norway|Oman|Pakistan|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|
    Portugal|Qatar|Romania|Russia|Rwanda|Saudi Arabia|Senegal|Serbia|Sierra Leone|Singapore|
    Slovakia|Slovenia|Somalia|South Africa|South Korea|South Sudan|Spain|Sri Lanka|Sudan|Suriname|
    Sweden|Switzerland|Syria|Taiwan|Tajikistan|Tanzania|Thailand|Togo|Tunisia|Turkey|
    Turkmenistan|Uganda|Ukraine|United Arab Emirates|UAE|United Kingdom|UK|Britain|
    Great Britain|England|Scotland|Wales|Northern Ireland|United States|US|USA|America|Uruguay|
    Uzbekistan|Venezuela|Vietnam|Yemen|Zambia|Zimbabwe|Gaza|West Bank|Crimea|Donbas|Tibet|
    Hong Kong|Africa|Asia|Europe|North America|South America|Latin America|Antarctica|Oceania|
    Middle East|Balkans|Caribbean|Scandinavia|
    Kabul|Tirana|Algiers|Buenos Aires|Yerevan|Canberra|Vienna|Baku|Manama|Dhaka|Minsk|Brussels|
    Sarajevo|Brasilia|Sofia|Phnom Penh|Ottawa|Santiago|Beijing|Bogota|Zagreb|Havana|Nicosia|
    Prague|Copenhagen|Cairo|Addis Ababa|Helsinki|Paris|Tbilisi|Berlin|Accra|Athens|Budapest|
    Reykjavik|New Delhi|Delhi|Jakarta|Tehran|Baghdad|Dublin|Jerusalem|Tel Aviv|Rome|Tokyo|
    Amman|Astana|Nairobi|Pristina|Riga|Beirut|Tripoli|Vilnius|Luxembourg|Kuala Lumpur|Bamako|
    Valletta|Mexico City|Chisinau|Ulaanbaatar|Podgorica|Rabat|Maputo|Kathmandu|Amsterdam|
    The Hague|Wellington|Managua|Abuja|Lagos|Pyongyang|Skopje|Oslo|Muscat|Islamabad|Lima|Manila|
    Warsaw|Lisbon|Doha|Bucharest|Moscow|Kigali|Riyadh|Dakar|Belgrade|Bratislava|Ljubljana|
    Mogadishu|Pretoria|Cape Town|Johannesburg|Seoul|Madrid|Colombo|Khartoum|Stockholm|Bern|
    Geneva|Zurich|Damascus|Taipei|Dushanbe|Dodoma|Bangkok|Tunis|Ankara|Istanbul|Kampala|Kyiv|
    Kiev|Abu Dhabi|Dubai|London|Edinburgh|Cardiff|Belfast|Washington|New York|Montevideo|
    Tashkent|Caracas|Hanoi|Sanaa|Lusaka|Harare|Versailles
    """.replace("\n", "").split("|")
)
# First words that make a place ("Los Angeles", "Mount Olympus") or a body ("National ...").
_PLACE_PREFIXES = frozenset(
    "mount mt lake port fort st st. saint san santa los las new north south east west upper lower".split()
)
_ORG_PREFIXES = frozenset("national international federal royal global world united".split())
_CONNECTORS = frozenset({"for", "of", "de", "du", "la", "le", "von", "van", "der", "den", "al", "bin", "da", "di"})
_DETERMINERS = frozenset({"the", "a", "an"})
_CAPITALISED = re.compile(r"[A-Z][\w'’.\-]*")
_TOKEN = re.compile(r"[\w'’.\-]+|[^\w\s]")
_PREPOSITION_BEFORE_PLACE = frozenset({"in", "to", "from", "near", "across", "into", "at"})


@dataclass
class _Mention:
    form: str  # as written, nationality and possessive removed, e.g. "Mr Macron"
    name: str  # the name alone, e.g. "Macron"
    kind: EntityKind | None  # None: not yet known
    order: int
    weak: bool = False  # kind guessed from a preposition only ("in Tampa")


@dataclass
class _Group:
    name: str
    kind: EntityKind
    order: int
    forms: Counter[str] = field(default_factory=Counter)
    count: int = 0


def entities(doc: Document, limit: int = 40) -> tuple[Entity, ...]:
    """People, organisations and places named, most mentioned first; a surname alone or with
    a title ("Mr Macron") is counted with the full name ("Emmanuel Macron") when there is one."""
    mentions = [m for sentence in doc.sentences for m in _mentions(sentence.text)]
    for order, mention in enumerate(mentions):
        mention.order = order
    groups = _group(mentions)
    ranked = sorted(groups, key=lambda g: (-g.count, g.order))[:limit]
    return tuple(
        Entity(
            name=g.name,
            kind=g.kind,
            count=g.count,
            aliases=tuple(sorted((f for f in g.forms if f != g.name), key=lambda f: (-g.forms[f], f))),
        )
        for g in ranked
    )


def _mentions(sentence: str) -> list[_Mention]:
    """Capitalised runs of the sentence, each cut into a mention with a guess at its kind."""
    tokens = _TOKEN.findall(sentence)
    found: list[_Mention] = []
    i = 0
    while i < len(tokens):
        if not _CAPITALISED.fullmatch(tokens[i]):
            i += 1
            continue
        j = i + 1
        while j < len(tokens):
            if _CAPITALISED.fullmatch(tokens[j]) and not _possessive(tokens[j - 1]):
                j += 1
            elif (
                tokens[j].lower() in _CONNECTORS
                and j + 1 < len(tokens)
                and _CAPITALISED.fullmatch(tokens[j + 1])
                and not _possessive(tokens[j - 1])
            ):
                j += 2
            else:
                break
        before = tokens[i - 1].lower() if i else ""
        mention = _mention(tokens[i:j], sentence_start=(i == 0 or tokens[i - 1] in "\"“‘'("), before=before)
        if mention:
            found.append(mention)
        i = j
    return found


def _possessive(token: str) -> bool:
    return token.endswith(("'s", "’s", "s'", "s’"))


def _mention(run: list[str], sentence_start: bool, before: str) -> _Mention | None:
    run = [_clean(t) for t in run]
    while run and run[0].lower() in _DETERMINERS:
        run = run[1:]
    # A title makes what follows it a person: "French President Emmanuel Macron",
    # "Miami Beach Police Chief Raymond Martinez".
    titles = [k for k, t in enumerate(run) if t.lower() in _TITLES]
    if titles:
        name = run[titles[-1] + 1 :]
        first = titles[0]
        while first > 0 and run[first - 1].lower() in _TITLE_QUALIFIERS:
            first -= 1
        if 1 <= len(name) <= 4 and _looks_like_name(name):
            return _Mention(form=" ".join(run[first:]), name=" ".join(name), kind="person", order=0)
        return None
    if not run:
        return None
    text = " ".join(run)
    low = text.lower()
    lows = [t.lower() for t in run]
    if low in _PLACES:
        return _Mention(text, text, "place", 0)
    if low in _KNOWN_ORGS or (len(run) > 1 and lows[-1] in _ORG_WORDS) or (
        text.isupper() and 2 <= len(text) <= 6 and text.isalpha()
    ):
        return _Mention(text, text, "organisation", 0)
    if lows[-1] in _PLACE_WORDS or (len(run) > 1 and lows[0] in _PLACE_WORDS and lows[1] in _CONNECTORS):
        return _Mention(text, text, "place", 0)
    if len(run) > 1 and lows[0] in _PLACE_PREFIXES:
        return _Mention(text, text, "place", 0)
    if len(run) > 1 and (lows[0] in _ORG_PREFIXES or any(_stem(t) in _ORG_WORDS for t in lows)):
        return _Mention(text, text, "organisation", 0)
    if any(t in _DEMONYMS or t in _MONTHS or t in _WEEKDAYS or t in _STOPWORDS or t in _TITLES for t in lows):
        return None
    if len(run) == 1:
        if sentence_start:
            return _Mention(text, text, None, 0) if not _is_common(low) else None
        if before in _PREPOSITION_BEFORE_PLACE:
            return _Mention(text, text, "place", 0, weak=True)
        return _Mention(text, text, None, 0)
    if not _looks_like_name(run) or len(run) > 3:
        return None
    if before in _PREPOSITION_BEFORE_PLACE:
        return _Mention(text, text, "place", 0)
    return _Mention(text, text, "person", 0)


def _clean(token: str) -> str:
    token = token.rstrip(".") if not re.fullmatch(r"(?:[A-Z]\.)+", token) else token
    for suffix in ("'s", "’s", "'", "’"):
        if token.endswith(suffix):
            return token[: -len(suffix)]
    return token


def _looks_like_name(run: list[str]) -> bool:
    return bool(run) and all(re.fullmatch(r"[A-Z][a-zà-ÿ'’\-]+(?:-[A-Z][a-zà-ÿ]+)?|[A-Z]\.", t) for t in run)


def _is_common(low: str) -> bool:
    return low in _STOPWORDS or low in _WEEKDAYS or low in _MONTHS or low in _DEMONYMS


def _group(mentions: list[_Mention]) -> list[_Group]:
    """Merge the mentions: full names first, then lone surnames onto the full name ending in
    them; a lone word never seen as a person, place or organisation is dropped."""
    groups: dict[str, _Group] = {}
    surnames: dict[str, str] = {}  # last word -> full name key
    given: dict[str, str] = {}  # first word -> full name key ("Josh" -> "josh stepakoff")
    for m in sorted(mentions, key=lambda m: (-len(m.name.split()), m.kind is None, m.weak, m.order)):
        key = m.name.lower()
        if key in groups:
            _add(groups[key], m)
            continue
        if len(m.name.split()) == 1 and (key in surnames or key in given):
            _add(groups[surnames.get(key) or given[key]], m)
            continue
        if m.kind is None:
            continue
        groups[key] = _Group(name=m.name, kind=m.kind, order=m.order)
        _add(groups[key], m)
        if m.kind == "person":
            parts = m.name.lower().split()
            surnames.setdefault(parts[-1], key)
            if len(parts) > 1:
                given.setdefault(parts[0], key)
    return list(groups.values())


def _add(group: _Group, mention: _Mention) -> None:
    group.count += 1
    group.forms[mention.form] += 1
    group.order = min(group.order, mention.order)


# --- figures ----------------------------------------------------------------------------------

_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "dozen": 12,
}
_MULTIPLIERS = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
    "trillion": 1e12, "tn": 1e12,
}
_CURRENCIES = {"$": "dollars", "£": "pounds", "€": "euros", "¥": "yen"}
_FIGURE = re.compile(
    r"(?<![\w.,:/-])(?P<cur>[$£€¥])?\s?"
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?:"
    + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")\b)(?![\w,.:/-]*\d)"
    r"(?:[\s-]?(?P<mult>thousand|million|billion|trillion|bn|mn|tn|m|k)\b)?"
    r"(?:\s?(?P<pct>%|per\s?cent\b|percent\b))?",
    re.IGNORECASE,
)
_UNIT_WORD = re.compile(r"\s+(?:of\s+)?([a-z][a-z\-]*)\b(?!['’])(?:\s+([a-z][a-z\-]*)\b(?!['’]))?")
_NOT_UNITS = _STOPWORDS - {"people", "years", "year", "days", "day", "weeks", "week", "months", "month", "times", "time"}


def figures(doc: Document, limit: int = 20) -> tuple[Figure, ...]:
    """Numbers with the thing they count: "100,000 troops", "$1,000", "40%". Years, dates,
    clock times, ages and bare numbers are left to the timeline or out."""
    found: list[Figure] = []
    seen: set[tuple[float, str]] = set()
    for sentence in doc.sentences:
        for match in _FIGURE.finditer(sentence.text):
            figure = _figure(match, sentence.text)
            if figure and (figure.value, figure.what) not in seen:
                seen.add((figure.value, figure.what))
                found.append(figure)
    return tuple(found[:limit])


def _figure(match: re.Match[str], sentence: str) -> Figure | None:
    raw = match.group("num")
    low = raw.lower()
    if low in _NUMBER_WORDS:
        if match.group("cur") or not raw[0].isalpha():
            return None
        value = float(_NUMBER_WORDS[low])
    else:
        value = float(raw.replace(",", ""))
    before = sentence[: match.start()].rstrip().split()[-1:] or [""]
    if before[0].lower().strip(".,") in _MONTHS or _is_year(raw, match):
        return None
    if before[0][:1].isupper() and match.start() > len(before[0]) + 1 and raw[0].isdigit():
        return None  # a model or a name: "Boeing 737", "Windows 10"
    if match.group("mult"):
        value *= _MULTIPLIERS[match.group("mult").lower()]
    end = match.end()
    if match.group("cur"):
        what = _CURRENCIES[match.group("cur")]
    elif match.group("pct"):
        what = "%"
    else:
        what, end = _unit(sentence, end)
        if not what:
            return None
    text = sentence[match.start() : end].strip()
    return Figure(value=int(value) if value.is_integer() else value, what=what, text=text, sentence=sentence)


def _is_year(raw: str, match: re.Match[str]) -> bool:
    return (
        raw.isdigit() and len(raw) == 4 and 1500 <= int(raw) <= 2100
        and not match.group("cur") and not match.group("pct") and not match.group("mult")
    )


def _unit(sentence: str, end: int) -> tuple[str, int]:
    """The word(s) after the number that say what it counts: "troops", "nuclear reactors"."""
    match = _UNIT_WORD.match(sentence, end)
    if not match or match.group(1) in _NOT_UNITS or match.group(1) in _MONTHS:
        return "", end
    first, second = match.group(1), match.group(2)
    # A second word only when the first reads as its modifier and it as a plural noun:
    # "nuclear reactors", "million people", but not "people die".
    if (
        second and not first.endswith("s") and second.endswith("s") and not second.endswith("ss")
        and second not in _STOPWORDS
    ):
        return f"{first} {second}", match.end(2)
    return first, match.end(1)


__all__ = ["entities", "figures", "keyphrases"]
