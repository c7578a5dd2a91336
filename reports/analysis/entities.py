"""People, organisations and places named in an article (the facts box's names).

Capitalised runs cut where a name ends (a weekday, month or date after a name is not part of
it), with a kind from the run's own words (titles, organisation and place words, a gazetteer)
and from the article's evidence around it ("in" before a place); a lone word whose kind is
never shown is dropped rather than guessed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from reports.analysis.text import Document
from reports.analysis.timeline import MONTHS as _MONTHS
from reports.analysis.timeline import WEEKDAYS as _WEEKDAYS
from reports.models import Entity, EntityKind

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
_PLACE_WORDS = frozenset(
    """palace street square river mountains mountain island islands airport station bridge park
    county province region state valley sea ocean lake gulf bay desert coast peninsula strait
    avenue road city strip zone delta""".split()
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
_SPEECH_AFTER = frozenset({"said", "says", "told", "added", "who", "wrote", "argued", "insisted"})
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
    sure: bool = False  # one mention at least had evidence of its kind


def entities(doc: Document, limit: int = 40) -> tuple[Entity, ...]:
    """People, organisations and places named, most mentioned first; a surname alone or with
    a title ("Mr Macron") is counted with the full name ("Emmanuel Macron") when there is one."""
    mentions = [m for sentence in doc.sentences for m in _mentions(sentence.text)]
    for order, mention in enumerate(mentions):
        mention.order = order
    # A person known by shape only (no title, never "said" after it) is unsure: left out.
    groups = [g for g in _group(mentions) if g.sure or g.kind != "person"]
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
        if not _CAPITALISED.fullmatch(tokens[i]) or _is_date_word(tokens[i]):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and not _is_date_word(tokens[j]):
            if _CAPITALISED.fullmatch(tokens[j]) and not _possessive(tokens[j - 1]):
                j += 1
            elif (
                tokens[j].lower() in _CONNECTORS
                and j + 1 < len(tokens)
                and _CAPITALISED.fullmatch(tokens[j + 1])
                and not _is_date_word(tokens[j + 1])
                and not _possessive(tokens[j - 1])
            ):
                j += 2
            else:
                break
        before = tokens[i - 1].lower() if i else ""
        after = tokens[j].lower() if j < len(tokens) else ""
        mention = _mention(tokens[i:j], sentence_start=(i == 0 or tokens[i - 1] in "\"“‘'("), before=before)
        if mention and mention.kind == "person" and mention.weak and (
            after in _SPEECH_AFTER or (_possessive(before) and _clean(before) in _PLACES)
        ):
            mention.weak = False  # "John Smith said", "Britain's Boris Johnson": evidence of a person
        if mention:
            found.append(mention)
        i = j
    return found


def _is_date_word(token: str) -> bool:
    """A weekday or month ends a name: "Ehud Olmert Tuesday" is Ehud Olmert, then a date."""
    low = token.rstrip(".").lower()
    return low in _WEEKDAYS or low in _MONTHS


def _possessive(token: str) -> bool:
    return token.endswith(("'s", "’s", "s'", "s’"))


def _mention(run: list[str], sentence_start: bool, before: str) -> _Mention | None:
    run = [_clean(t) for t in run]
    while run and run[0].lower() in _DETERMINERS:
        run = run[1:]
    if sentence_start and len(run) > 1 and run[0].lower() in _STOPWORDS - _TITLES - {"mr", "mrs", "ms", "dr"}:
        run = run[1:]  # "Later John Smith said": a capital that only starts the sentence
    # A title makes what follows it a person: "French President Emmanuel Macron",
    # "Miami Beach Police Chief Raymond Martinez".
    titles = [k for k, t in enumerate(run) if t.lower() in _TITLES]
    if titles and len(run) > 1 and run[-1].lower() in _ORG_WORDS and titles[-1] < len(run) - 1:
        return _Mention(" ".join(run), " ".join(run), "organisation", 0)  # "Justice Ministry"
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
    return _Mention(text, text, "person", 0, weak=True)  # a person by shape only


def _stem(token: str) -> str:
    low = token.lower()
    if len(low) > 4 and low.endswith("ies"):
        return low[:-3] + "y"
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


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
    group.sure = group.sure or not mention.weak
    group.forms[mention.form] += 1
    group.order = min(group.order, mention.order)


__all__ = ["entities"]
