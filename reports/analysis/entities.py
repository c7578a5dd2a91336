"""People, organisations and places named in an article (the facts box's names).

Capitalised runs cut where a name ends (a weekday or month, a sentence's next word, "for" or
"of" before another name), with a kind from the run's own words (titles, organisation and
place words, a gazetteer) and from the article's evidence around it: a role or "in" before,
"said", a body's noun or a score after, "He" opening the next sentence. A person needs such
evidence: a name's shape alone, however often it comes, is never one, so the People column
holds only names shown to be people. A name whose kind is not shown is left out rather than
guessed. The word lists are data, one file per language (entity_words/en.toml).
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources

from reports.analysis import lang
from reports.analysis.gazetteer import fold, lookup
from reports.analysis.text import Document
from reports.analysis.timeline import MONTHS as _MONTHS
from reports.analysis.timeline import WEEKDAYS as _WEEKDAYS
from reports.models import Entity, EntityKind

@dataclass(frozen=True)
class _Words:
    """The word lists of one language (entity_words/<language>.toml); see that file for each."""

    roles: frozenset[str]
    person_verbs: frozenset[str]
    pronouns: frozenset[str]
    positions: frozenset[str]
    event_heads: frozenset[str]
    events: tuple[str, ...]
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


def _load_words(language: str) -> _Words:
    text = resources.files("reports.analysis").joinpath(f"entity_words/{language}.toml").read_text("utf-8")
    data = tomllib.loads(text)
    events = tuple(e.strip() for e in data.pop("events").split("|") if e.strip())
    return _Words(events=events, **{k: frozenset(v.split()) for k, v in data.items()})


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

# Titles before a name, and nationality words and peoples: English's own lists in lang/en.toml,
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
    gaza|the hague|soviet union""".split("|")
)
# Faiths and peoples are words for people, not places: "in Jewish homes", "Islamic courts".
_FAITHS = frozenset(
    """muslim muslims islamic islamist islamists jewish jew jews christian christians catholic
    catholics protestant protestants orthodox sunni sunnis shia shiite shiites shi'ite shi'ites
    hindu hindus buddhist buddhists sikh sikhs evangelical arab arabs kurd kurds""".split()
)
# First words that make a place ("Los Angeles", "Mount Olympus") or a body ("National ...").
_PLACE_PREFIXES = frozenset(
    "mount mt lake port fort st st. saint san santa los las new north south east west upper lower river cape gulf".split()
)
_ORG_PREFIXES = frozenset("national international federal royal global world united".split())
_CONNECTORS = frozenset({"for", "of", "de", "du", "la", "le", "von", "van", "der", "den", "al", "bin", "da", "di"})
_DETERMINERS = frozenset({"the", "a", "an"})
_CAPITALISED = re.compile(r"(?:(?:al|el|ad|ash|as|an|ar|at|az|bin|ibn|abu)-)?[A-Z][\w'’.\-]*")
# "U.S.-led", "Geneva-based": an adjective made from a name, not the name.
_NAME_ADJECTIVE = re.compile(r".+-(?:led|based|backed|born|run|owned|sponsored|linked|allied|controlled|style|era|made|like)")
_TOKEN = re.compile(r"[\w'’.\-]+|[^\w\s]")
_SPEECH_AFTER = frozenset({"who"}) | _W.person_verbs
_PREPOSITION_BEFORE_PLACE = frozenset({"in", "to", "from", "near", "across", "into", "at"})
# Nouns that name a body by what its members are: "Hamas militants", "the group Hamas".
_MEMBERS_AFTER = frozenset(
    """militants militant fighters members member rebels rebel leader leaders spokesman spokeswoman
    spokesperson officials official supporters guerrillas insurgents movement chief""".split()
)
_BODY_BEFORE = frozenset("group agency movement party organization organisation network newspaper daily".split()) | _W.body_before
_PLACE_BEFORE = frozenset("city town village province region district capital state island port".split())
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
_PLACE_AFTER = frozenset("province district region state county valley governorate".split())
# "U.S.", "Mr.", "Gen.": the period is part of the name as written.
_ABBREVIATED = re.compile(r"(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Sen|Rep|Gov|Lt|Sgt|Capt|Prof|Rev|Maj|Adm|Cpl|Pvt|Cmdr|Gov)\.")

# Titles beyond the keyphrases' list: "House Speaker Nancy Pelosi", "Army Private Lynndie England".
_MORE_TITLES = frozenset(
    """speaker envoy ayatollah cardinal imam rabbi mullah marshal brigadier major corporal private
    director-general secretary-general lawmaker""".split()
) | _W.titles

# Evidence weights: a kind is shown when its evidence reaches _SURE and beats the others clearly.
_SURE = 2.0


@dataclass(slots=True)
class _Mention:
    form: str  # as written, nationality and possessive removed, e.g. "Mr. Macron"
    name: str  # the name alone, e.g. "Macron"
    votes: dict[str, float]  # evidence for each kind
    order: int
    lone_start: bool = False  # a lone sentence-initial word: never a name by itself
    titled: bool = False  # from the article's title: names a person for the text's lone words, uncounted


@dataclass
class _Group:
    name: str
    order: int
    votes: dict[str, float] = field(default_factory=dict)
    forms: dict[str, int] = field(default_factory=dict)
    count: int = 0


def entities(doc: Document, limit: int = 40, title: str | None = None) -> tuple[Entity, ...]:
    """People, organisations and places named, most mentioned first; a surname alone or with
    a title ("Mr Macron") is counted with the full name ("Emmanuel Macron") when there is one,
    in the text or in the article's `title` (the title's names are not counted themselves).
    A name whose kind the evidence does not settle is left out rather than shown wrongly.
    German capitalises every noun, so its names come from a fitted tagger (names_de.py)."""
    if doc.language == "de":
        from reports.analysis.names_de import german_entities

        return german_entities(doc, limit)
    # The caches live for one article: a name's mentions repeat within it, and caches kept
    # across a whole run were slower (more live objects for the collector, colder memory).
    _classify.cache_clear()
    _shape.cache_clear()
    sentences = [sentence.text for sentence in doc.sentences]
    articles = lang.rules(doc.language).not_names
    if articles:
        sentences = [_articles_lowered(s, articles) for s in sentences]
        title = _articles_lowered(title, articles) if title else title
    common = _common_words(sentences)
    mentions = [
        m
        for k, sentence in enumerate(sentences)
        for m in _mentions(sentence, common, k + 1 < len(sentences) and _about_a_person(sentences[k + 1]))
    ]
    for mention in _mentions(title, common) if title else ():
        if mention.name.count(" ") and mention.votes.get("person", mention.votes.get("shape", 0)) > 0:
            mention.titled = True  # "... Sheldon Adelson's security team ...": the full name
            mentions.append(mention)
    for order, mention in enumerate(mentions):
        mention.order = order
    shown = []
    for group in _group(mentions):
        kind, confidence = _decide(group.votes)
        if kind is not None and group.count:
            shown.append((group, kind, confidence))
    ranked = sorted(shown, key=lambda s: (-s[0].count, s[0].order))[:limit]
    return tuple(
        Entity(
            name=g.name,
            kind=kind,
            count=g.count,
            aliases=_aliases(g),
            confidence=confidence,
        )
        for g, kind, confidence in ranked
    )


_ARTICLE_WORD = re.compile(r"(?<![\w'’])([^\W\d_]+)(['’][^\W\d_]*)?")


def _articles_lowered(sentence: str, articles: frozenset[str]) -> str:
    """The language's articles and contractions in lower case, so that no run of capitals takes
    them in: "Un" and "C'est" are no names, "L'Élysée" is "l' Élysée". An article between two
    capitalised words stays as written, inside the name ("Marine Le Pen")."""

    def lowered(match: re.Match[str]) -> str:
        head, tail = match.group(1), match.group(2) or ""
        if not head[0].isupper():
            return match.group()
        if tail:
            if (head + "'" + tail[1:]).lower() in articles:
                return match.group().lower()  # "C'est"
            if (head + "'").lower() in articles:
                rest = tail[1:]
                return head.lower() + tail[0] + (" " + rest if rest[:1].isupper() else rest)
            return match.group()
        if head.lower() not in articles:
            return match.group()
        before = sentence[: match.start()].split()[-1:]
        after = sentence[match.end() :].split()[:1]
        if before and after and _inside_name(before[0], articles) and after[0][:1].isupper():
            return match.group()  # "Marine Le Pen": inside a name
        return head.lower()

    return _ARTICLE_WORD.sub(lowered, sentence)


def _inside_name(before: str, articles: frozenset[str]) -> bool:
    """The word before an article is a name's ("Marine"), not "D'après" nor "Monde,"."""
    return before[:1].isupper() and before.replace("-", "").isalpha() and before.lower() not in articles


def _aliases(group: _Group) -> tuple[str, ...]:
    """The other forms, most used first."""
    forms = group.forms
    if len(forms) == 1:
        return () if group.name in forms else tuple(forms)
    return tuple(sorted((f for f in forms if f != group.name), key=lambda f: (-forms[f], f)))


def _decide(votes: dict[str, float]) -> tuple[EntityKind | None, float]:
    """The kind with the most evidence, and how far it is ahead; None when it is not enough."""
    if not votes:
        return None, 0.0
    if "shape" in votes or "speaks" in votes:
        votes = dict(votes)
        shape = votes.pop("shape", 0.0)
        speaks = votes.pop("speaks", 0.0)
        if votes.get("person") or (shape and speaks):
            # a person's shape and a lone surname's speech count once something shows a person,
            # or together ("Usain Bolt ... Bolt said")
            votes["person"] = votes.get("person", 0.0) + shape + speaks
        if not votes:
            return None, 0.0
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    kind, top = ranked[0]
    second = ranked[1][1] if len(ranked) > 1 else 0.0
    if top < _SURE or top < 2 * second:
        return None, 0.0
    confidence = round(min(1.0, top / 4) * (top - second) / top, 2)
    return kind, confidence  # type: ignore[return-value]


_NAME = r"(?:(?:al|el|ad|ash|as|an|ar|at|az|bin|ibn|abu)-)?[A-Z][\w'’.\-]*"
# A run of capitalised words, "of"/"de"/"bin" allowed between two of them: found in one pass
# over the sentence, so that the many lower-case words cost nothing.
_RUN = re.compile(
    rf"(?<![\w'’.\-]){_NAME}(?:\s+(?:(?:{'|'.join(sorted(_CONNECTORS))})\s+)?{_NAME})*(?![\w'’\-])"
)
_NEXT = re.compile(r"\s*([\w'’.\-]+|[^\w\s])")
# Capitalised only because they open the sentence: "Later John Smith said".
_OPENERS = (_STOPWORDS | _W.openers) - _TITLES - {"mr", "mrs", "ms", "dr"}
# One-word runs that are never a name by themselves, skipped before any other look.
_SKIP = (_STOPWORDS | _DETERMINERS) - _TITLES - {"us", "who", "mr", "mrs", "ms", "dr"}


def _listed(sentence: str, after: int, at: int) -> bool:
    """The run at `at` is the next item of a list that began after "in" ("in Iraq, Syria and
    Jordan"): only a comma, "and" or "or" stands between it and the item before."""
    return after >= 0 and sentence[after:at].strip(" ,") in ("", "and", "or")


_TABLE_ROW = re.compile(r"[ \t]+\d{1,3}(?:[ \t]+\d{1,3}){2,}")
_AGE = re.compile(r"\s*\d{1,3}\s*,")


def _apposition(sentence: str, at: int) -> bool:
    """After a name and its comma: "who", an age, or a role within a few lower-case words
    ("the foreign minister", "a former senator"): what news writes after a person's name."""
    if _AGE.match(sentence, at):
        return True  # "John Smith, 45, was arrested"
    words = _WORD.findall(sentence[at : at + 60])[:4]
    if not words or not words[0].islower():
        return False
    if words[0] in ("who", "whose"):
        return True
    if words[0] not in _DETERMINERS and words[0] not in ("former", "then"):
        return False
    for word in words[1:]:
        if not word.islower():
            return False
        if word in _W.roles:
            return True
    return False


def _common_words(sentences: list[str]) -> frozenset[str]:
    """The words the article writes in lower case somewhere: such a word with a capital at the
    start of a sentence is that word, not the first word of a name ("Standings of ...")."""
    return frozenset(w for w in set(_WORD.findall("\n".join(sentences))) if w.islower())


_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_SCORE = re.compile(r"(?<![\w.])\d{1,3}-\d{1,3}(?![\w.\-])")


def _about_a_person(sentence: str) -> bool:
    """A sentence that opens with "He" or "She": the one before it named a person."""
    first = sentence.lstrip("\"“‘'( ").split(maxsplit=1)
    return bool(first) and first[0].lower() in _W.pronouns


def _mentions(sentence: str, common: frozenset[str] = frozenset(), pronoun_next: bool = False) -> list[_Mention]:
    """Capitalised runs of the sentence, each cut into a mention with the evidence of its kind:
    `common` holds the article's lower-case words, `pronoun_next` that the next sentence opens
    with "He" or "She"."""
    found: list[_Mention] = []
    scored = "-" in sentence and bool(_SCORE.search(sentence))
    listed_after = -1  # where the last run that stood after "in" ends: "in Cancun and Seattle"
    for match in _RUN.finditer(sentence):
        tokens = match.group().split()
        n = len(tokens)
        if n == 1:
            if tokens[0].lower() in _SKIP or not _name_token(tokens[0]):
                continue  # "The", "But", "He": most runs, never a name
            spans: list[tuple[int, int]] | tuple[tuple[int, int], ...] = ((0, 1),)
        else:
            spans = _spans(tokens)
            if tokens[0].lower() in _PREPOSITION_BEFORE_PLACE and spans and spans[0][0] == 0 and spans[0][1] > 1:
                spans[0] = (1, spans[0][1])  # "In Baghdad, ...": the capital is the sentence's, the "in" is evidence
        start_at = match.start()
        previous = sentence[max(0, start_at - 30) : start_at].split()[-2:] if start_at else []
        outer2, outer = ([""] * (2 - len(previous)) + previous) if previous else ("", "")
        if outer and outer[-1] in ",;:" and len(outer) > 1:
            outer2, outer = outer, outer[-1]  # "Iraq, Syria": the comma stands before
        following = _NEXT.match(sentence, match.end())
        last_after = following.group(1) if following else ""
        if last_after == "," and _apposition(sentence, following.end()):
            last_after = "said"  # "Nobutaka Machimura, the foreign minister," or ", who": a person
        if start_at == 0 and spans and _common_opener(tokens, spans[0], common):
            i, j = spans[0]
            spans = list(spans)
            spans[0] = (2, j)  # "Standings of National League": the capital is the sentence's
        for i, j in spans:
            before = tokens[i - 1] if i else outer
            before2 = tokens[i - 2] if i > 1 else (outer if i else outer2)
            start = (not before and start_at == 0 and i == 0) or before in _OPENING
            after = (tokens[j] if j < n else last_after).lower()
            low = before.lower()
            if low in _W.works or (low == "," and before2.rstrip(",").lower() in _W.works):
                continue  # "her autobiography, Lady Sings the Blues": a work's title, no name
            if (low in _PREPOSITION_BEFORE_PLACE or low in _W.place_prepositions
                    or (low == "of" and before2.lower() in _W.place_of)
                    or (i == 0 and _listed(sentence, listed_after, start_at))):
                context = "in"
                listed_after = match.end()
            elif low == "the":
                context = "the"
            elif low in _BODY_BEFORE or (low == "," and before2.rstrip(",").lower() in _BODY_BEFORE):
                context = "body"  # "the group Hamas", "energy drink company, Red Bull,"
            elif low in _PLACE_BEFORE or (low == "of" and before2.lower() in _PLACE_BEFORE):
                context = "place"
            elif low in _ACTS_BEFORE:
                context = "acts"
            elif (low in _W.roles or low.rpartition("-")[2] in _W.roles) and before.islower():
                context = "role"  # "rival Romano Prodi", "presidential hopeful Barack Obama"
            elif before.endswith(_POSSESSIVE) and _place_strength(_written(before)) >= 2:
                context = "owner"  # "Britain's Boris Johnson"
            else:
                context = ""
            if after in _SPEECH_AFTER:
                context += ":said"
            elif after in _MEMBERS_AFTER or after in _W.body_after:
                context += ":members"
            elif after in _PLACE_AFTER:
                context += ":place"
            elif after in _MEDIA_AFTER:
                context += ":media"
            elif (after in _W.team_verbs and scored) or (j == n and _TABLE_ROW.match(sentence, match.end())):
                context += ":team"  # "Bristol City beat Leeds 2-1", a league table's "Chelsea 20 15 3 2"
            if pronoun_next and 2 <= j - i <= 3 and _looks_like_name(tokens[i:j]):
                context += "+he"  # the sentence's first full name, and the next opens with "He"
                pronoun_next = False
            if context[:2] == "in" and i == 0 and low != "," and _title_cased(sentence, start_at, before2, common):
                context += "+titled"  # "How to Succeed", "Committee to Reelect": a Title Case stretch
            if scored:
                context += "+score"
            if any(_written(t).lower() in common for t in tokens[i:j]):
                context += "+common"  # a word the article also writes in lower case: "Wildlife Direct"
            if after in _ACTS_AFTER and context[:2] != "in":
                context = "!" + context  # the name acts: "Damascus denies"
            seen = _classify(tuple(tokens[i:j]), start, context)
            if seen:
                found.append(_Mention(seen[0], seen[1], seen[2], 0, seen[3]))
    return found


_OPENING = frozenset({"\"", "“", "‘", "'", "("})


def _title_cased(sentence: str, at: int, word: str, common: frozenset[str]) -> bool:
    """The word before the preposition before the run at `at` is a common word (or a body's word) written with a
    capital in mid-sentence ("How to Succeed", "the Committee to Reelect"): a title's or a
    heading's Title Case, which is no evidence that what follows the preposition is a place."""
    word = word.strip("\"“”‘’'(")
    if not word[:1].isupper() or word.isupper() or len(sentence[:at].split()) <= 2:
        return False  # "Authorities in Bosnia": the capital is the sentence's
    low = word.lower()
    return low in _STOPWORDS or low in common or _stem(low) in _ORG_WORDS


def _common_opener(tokens: list[str], span: tuple[int, int], common: frozenset[str]) -> bool:
    """The sentence's first word, capitalised only for that, before "of" or "for": the article
    writes it in lower case elsewhere, and it is no place, first name or title ("Standings of
    National ...", not "Bank of England" when "bank" is also written)."""
    i, j = span
    if i != 0 or j - i < 3 or tokens[1].lower() not in ("of", "for"):
        return False  # "Human Rights Watch", "State Department": a common word starts many names
    word = _written(tokens[0])
    low = word.lower()
    if low not in common or not word[:1].isupper() or word.isupper():
        return False
    if _stem(low) in _ORG_WORDS or _stem(low) in _PLACE_WORDS:
        return False  # "Bank of England", "University of Texas", "Gulf of Mexico"
    return not (_place_strength(word) or low in lookup().first_names or low in _all_titles()
                or low in _PLACE_PREFIXES or low in _ORG_PREFIXES or low in _W.positions)


def _spans(tokens: list[str]) -> list[tuple[int, int]]:
    """Where the names are in a run of several capitalised words: a weekday, month or
    "U.S.-led" is no part of one, a possessive ends one ("Britain's | Boris Johnson")."""
    ok = [_name_token(t) for t in tokens]
    n = len(tokens)
    spans = []
    i = 0
    while i < n:
        if not ok[i]:
            i += 1
            continue
        j = i + 1
        while j < n and not tokens[j - 1].endswith(_POSSESSIVE) and not _breaks(tokens[j]):
            if ok[j]:
                j += 1
            elif j + 1 < n and ok[j + 1] and tokens[j].lower() in _CONNECTORS and not _ends_a_body(tokens, i, j):
                j += 2
            else:
                break
        spans.append((i, j))
        i = j
    return spans


def _breaks(token: str) -> bool:
    """"This", "But": written with a capital inside a run, it starts the next sentence or clause
    ("the Cabinet This week"), so the name before it ends."""
    return token.lower() in _W.breaks and not token.isupper()


def _ends_a_body(tokens: list[str], i: int, j: int) -> bool:
    """Whether the connector at `j` ends the name rather than joins two halves of one.
    "Energy Ministry | for Kazakhstan": a name of two words or more that ends in a body's or a
    place's word is whole, and a place after "for" is another name ("Center for Constitutional
    Rights" stays one). "Andreas Seppi | of Italy", "Iraq | of American": after "of", a place
    or a people is another name unless a body's, a place's or a title's word stands before
    it ("Bank of England", "Gulf of Mexico", "Duke of York")."""
    connector = tokens[j].lower()
    if connector not in ("for", "of") or j + 1 >= len(tokens):
        return False
    head = _stem(_written(tokens[j - 1]))
    headed = head in _ORG_WORDS or head in _PLACE_WORDS
    after = _written(tokens[j + 1])
    if connector == "for":
        return j - i >= 2 and headed and _place_strength(after) > 0
    if headed or head in _all_titles() or head in _W.positions:
        return False
    person = 2 <= j - i <= 3 and _written(tokens[i]).lower() in lookup().first_names
    return person or _place_strength(after) > 0 or after.lower() in _DEMONYMS


@functools.lru_cache(maxsize=1 << 16)
def _name_token(token: str) -> bool:
    if not (token[0].isupper() or (token[0] in "aeib" and "-" in token[:4])):
        return False  # most words: no regular expression needed
    return bool(_CAPITALISED.fullmatch(token)) and not _is_date_word(token) and not _NAME_ADJECTIVE.fullmatch(token)


def _is_date_word(token: str) -> bool:
    """A weekday or month ends a name: "Ehud Olmert Tuesday" is Ehud Olmert, then a date."""
    low = token.rstrip(".").lower()
    return low in _WEEKDAYS or low in _MONTHS


_POSSESSIVE = ("'s", "’s", "s'", "s’")
_POSSESSIVE_ENDS = ("'s", "’s", "'", "’")


def _possessive(token: str) -> bool:
    return token.endswith(_POSSESSIVE)


def _written(token: str) -> str:
    """The token as the name is written: possessive off, a sentence's full stop off, an
    abbreviation's period kept ("Mr.", "U.S.")."""
    for suffix in _POSSESSIVE_ENDS if token.endswith(_POSSESSIVE_ENDS) else ():
        if token.endswith(suffix) and len(token) > len(suffix):
            token = token[: -len(suffix)]
            break
    if token.endswith(".") and not _ABBREVIATED.fullmatch(token):
        token = token.rstrip(".")
    return token


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


def _add_vote(votes: dict[str, float], kind: str, weight: float) -> None:
    votes[kind] = votes.get(kind, 0) + weight


@functools.lru_cache(maxsize=1 << 16)
def _classify(raw: tuple[str, ...], start: bool, context: str) -> tuple[str, str, dict[str, float], bool] | None:
    """(form, name, evidence, lone sentence start) of one capitalised run, or None: not a name.
    `context` is what stands around it: "in"/"the"/"body"/"place"/"owner"/"acts" before,
    ":said"/":members"/":place"/":media" after, a leading "!" when a verb of acting follows
    ("Damascus denies"). The run's own words are weighed once by
    `_shape`; this adds what stands around it. Both are pure, so repeated names cost a look-up."""
    shape = _shape(raw, start)
    if shape is None or shape[0] is not None:
        return shape[0] if shape else None
    _, text, own, start, single, strength, adjective, person_shaped, first_name, had_the, compass, not_name, club = shape
    acts = context.startswith("!")
    context, common, _ = context.partition("+common")
    context, score, _ = context.partition("+score")
    context, titled, _ = context.partition("+titled")
    context, he, _ = context.partition("+he")
    before, _, after = context.lstrip("!").partition(":")
    if had_the:
        before = "the"
    votes = dict(own)
    if compass and before == "the":
        _add_vote(votes, "place", 2)  # "the West"
    if not votes and not_name:
        return None
    if not votes and text.isupper() and 2 <= len(text) <= 6 and text.isalpha():
        _add_vote(votes, "organisation", 2)
    if (after == "team" and (club or (single and strength))) or (club and score):
        return text, text, {"organisation": 4.0}, False  # a club named after its town, playing
    # The article's words around the name.
    if single and strength == 1 and before != "in" and (before == "the" or common):
        votes.pop("place", None)  # "the Deal", "Reading" also written "reading": a small town's name is a word here
    if before == "in" and not adjective:
        sure = single and not votes and text[0].isupper() and _stem(text) not in _ORG_WORDS and not (common or titled)
        _add_vote(votes, "place", 2 if sure else 1)  # "in Fallujah", not "in Police custody" nor "How to Succeed"
    if before == "body" or (before == "the" and single and not strength and not _demonym(text.lower())):
        _add_vote(votes, "organisation", 1 if before == "the" else 2)
    if before == "place" or after == "place":
        _add_vote(votes, "place", 2)
    if (acts or before == "acts") and strength >= 3 and not adjective:
        votes["place"] = 0.0  # no evidence either way: the name's other mentions decide
    if after == "media":
        _add_vote(votes, "organisation", 3 + strength)
    if after == "members" and not strength and not adjective and not (single and text.lower() in lookup().first_names):
        _add_vote(votes, "organisation", 2 if single and not votes else 1)  # "Hamas militants", not "Karen rebels"
    if person_shaped:
        person = 0.0
        if first_name and before != "the" and not own:
            person += 2  # not "the Dixie Chicks", "Virginia Tech"
        if after == "said" and before != "body":
            person += 2 if not (own or common) else 1  # "Nobutaka Machimura said", not "Wildlife Direct said"
        if before == "owner" or (before == "role" and not own):
            person += 2  # not "the rival Awami National Party"
        if he and not own:
            person += 2  # "He" opens the next sentence: not for "New York" there
        if person:
            _add_vote(votes, "person", person)
        elif not votes:
            _add_vote(votes, "shape", 0.5)  # a person by shape only: never a person alone
    elif single and not votes and not adjective and (after == "said" or before == "role"):
        # "Bolt said": with the full name's shape ("Usain Bolt") it settles the person
        if before == "role":
            _add_vote(votes, "person", 2)
        else:  # a lone word that speaks: a person only beside other evidence of one ("Hamas said")
            _add_vote(votes, "speaks", 1.5 if not common else 1)
    if len(text.split()) > 4 and not votes:
        return None
    return text, text, votes, start and single


@functools.lru_cache(maxsize=1 << 15)
def _shape(raw: tuple[str, ...], start: bool) -> tuple | None:
    """What the run's own words say: None (no name), (result,) when they settle it whatever
    stands around (a title), else (None, text, evidence, start, and the run's features)."""
    run = [_written(t) for t in raw]
    had_the = False
    if run and run[0].lower() in _DETERMINERS and " ".join(run).lower() not in _PLACE_FORMS:
        run = run[1:]
        had_the, start = True, False
    if start and len(run) > 1 and run[0].lower() in _OPENERS and not _place_prefix(run):
        run = run[1:]  # "Later John Smith said": a capital that only starts the sentence
        start = False
    if not run:
        return None
    keys = [t.rstrip(".").lower() for t in run]
    if _event(keys) or _people_word(keys):
        return None
    # A title makes what follows it a person: "French President Emmanuel Macron",
    # "Miami Beach Police Chief Raymond Martinez".
    data = lookup()
    all_titles = _all_titles()
    titles = [k for k, t in enumerate(keys) if t in all_titles or _suffixed_title(t, all_titles)]
    body_of = len(run) > 2 and _stem(keys[0]) in _ORG_WORDS and keys[1] == "of"  # "Association of Chief ..."
    if titles and len(run) > 1 and (keys[-1] in _ORG_WORDS or body_of) and titles[-1] < len(run) - 1:
        text = " ".join(run)
        return ((text, text, {"organisation": 3.0}, False),)  # "Justice Ministry"
    if titles:
        name = run[titles[-1] + 1 :]
        if len(name) > 2 and keys[titles[-1] + 1] in ("of", "for"):
            name = name[2:]  # "Secretary of State Condoleezza Rice"
        first = titles[0]
        while first > 0 and keys[first - 1] in _TITLE_QUALIFIERS:
            first -= 1
        if keys[titles[-1]] in _W.positions:
            first = titles[-1] + 1  # "Defender Hassan Abbas": a position is no part of the name
        if 1 <= len(name) <= 4 and _looks_like_name(name) and not any(_stem(t.lower()) in _W.roles for t in name):
            return ((" ".join(run[first:]), " ".join(name), {"person": 3.0}, False),)
        return None
    if len(run) >= 3 and keys[0] in _DEMONYMS and _looks_like_name(run[1:]) and keys[1] in data.first_names:
        return ((" ".join(run[1:]), " ".join(run[1:]), {"person": 2.0}, False),)  # "American James Blake"
    if (keys[0] in _W.positions or keys[0] in _W.roles) and len(run) >= 3 and keys[1] in data.first_names and _looks_like_name(run[1:]):
        return ((" ".join(run[1:]), " ".join(run[1:]), {"person": 3.0}, False),)  # "Centre Jason Little"
    if len(run) >= 3 and keys[-1] in _W.state_bodies and _national(keys[0]) and not _place_strength(" ".join(run[:2])):
        # "Chinese Foreign Ministry", "U.S. Defense Department": the body is named as its own
        # later mentions name it ("the Foreign Ministry said"), the country kept as a form
        return ((" ".join(run), " ".join(run[1:]), {"organisation": 3.0}, False),)
    text = " ".join(run)
    low = " ".join(keys)
    single = len(run) == 1
    votes: dict[str, float] = {}  # the evidence: kind -> weight
    strength = _place_strength(text)
    if strength and text.isupper() and len(text) > 4 and text.isalpha():
        text = text.title()  # a dateline's "MADRID" is Madrid
    if low in _KNOWN_ORGS or low.replace(".", "") in _KNOWN_ORGS:
        _add_vote(votes, "organisation", 3)
    elif strength:
        _add_vote(votes, "place", strength)
    if not single and strength < 2:  # "United States", "West Bank": the gazetteer's word
        if keys[-1] in _ORG_WORDS or keys[-1] in data.org_suffixes:
            _add_vote(votes, "organisation", 3)
        elif keys[-1] in _PLACE_WORDS or (keys[0] in _PLACE_WORDS and keys[1] in _CONNECTORS):
            _add_vote(votes, "place", 3)
        elif keys[0] in _ORG_PREFIXES or any(_stem(t) in _ORG_WORDS for t in keys):
            _add_vote(votes, "organisation", 2)
        elif _place_strength(run[0]) >= 3 and not _looks_like_name(run) and not _place_strength(" ".join(run[1:])):
            _add_vote(votes, "organisation", 2)  # "U.S. Treasury", "China Daily": a country's body
        elif len(run) >= 3 and _place_strength(" ".join(run[:-1])) and keys[-1] not in _PLACE_WORDS:
            _add_vote(votes, "organisation", 2)  # "Las Vegas Sands": a body named after its town
        elif keys[0] in _PLACE_PREFIXES and not votes and not _common_or_adjective(keys[-1]):
            _add_vote(votes, "place", 2)  # "Los Angeles", not "New Year" or "South American"
    elif single and keys[0] in _W.lone_bodies:
        _add_vote(votes, "organisation", 2)  # "Congress", "Parliament" in mid-sentence
    compass = single and not votes and keys[0] in _COMPASS
    person_shaped = 2 <= len(run) <= 3 and _looks_like_name(run) and not any(_stem(k) in _W.roles for k in keys)
    first_name = person_shaped and keys[0] in data.first_names and keys[0] not in _CONNECTORS
    club = not single and not strength and keys[-1] in _W.club_heads and _place_strength(" ".join(run[:-1])) > 0
    if club and keys[-1] in _PLACE_WORDS:
        votes = {}  # "Bristol City": the town's club, or the town; only a match says which
    adjective = _adjective_shaped(keys) or (single and not strength and _demonym_shaped(keys[0]))
    return (None, text, votes, start, single, strength, adjective, person_shaped, first_name,
            had_the, compass, not _NOT_NAMES.isdisjoint(keys), club)


def _suffixed_title(key: str, titles: frozenset[str]) -> bool:
    """"Minister-designate", "President-elect": a title still."""
    head, _, suffix = key.rpartition("-")
    return suffix in ("designate", "elect") and head in titles


def _demonym(key: str) -> bool:
    """"Ecuadorian", "French": a people's adjective ("the Ecuadorian embassy"), no body's name."""
    return key in _DEMONYMS or _demonym_shaped(key)


def _national(key: str) -> bool:
    """"Chinese", "U.S.", "Iraq": a people's word or a country's name before a body's name."""
    return key in _DEMONYMS or _place_strength(key) >= 3 or _demonym_shaped(key)


def _place_prefix(run: list[str]) -> bool:
    """"New York", "San Diego": a first word that belongs to the place, not to the sentence."""
    return run[0].lower() in _PLACE_PREFIXES or _place_strength(" ".join(run)) > 0


def _event(keys: list[str]) -> bool:
    """A competition, prize or war ("World Cup", "Nobel Peace Prize", "Champions League"):
    neither a person nor a body, so no name of the facts box."""
    low = " ".join(keys)
    return (len(keys) > 1 and keys[-1] in _W.event_heads) or any(e in low for e in _W.events)


def _people_word(keys: list[str]) -> bool:
    """"Palestinians", "Iraqis", "Shiites": a people or a faith in the plural, not a name."""
    if len(keys) != 1 or not keys[0].endswith("s"):
        return False
    stem = _stem(keys[0])
    return stem in _DEMONYMS or keys[0] in _FAITHS or _adjective_shaped([stem]) or _demonym_shaped(stem)


def _adjective_shaped(keys: list[str]) -> bool:
    """"Jewish", "Islamic", "Bosnian", "Maoist": a lone word with an adjective's ending."""
    return len(keys) == 1 and keys[0].endswith(("ish", "ic", "ian", "ese", "ean", "ist"))


def _demonym_shaped(key: str) -> bool:
    """"Bangladeshi", "Tibetan", "Kenyan", "Somali": a place's name with a people's ending."""
    for ending, restore in (("i", ""), ("an", ""), ("n", ""), ("ese", ""), ("ian", ""), ("ian", "ia"), ("i", "ia"), ("ish", "")):
        if key.endswith(ending) and len(key) > len(ending) + 2 and _place_strength(key[: -len(ending)] + restore) >= 2:
            return True
    return False


def _common_or_adjective(key: str) -> bool:
    return key in _STOPWORDS or key in _DEMONYMS or _adjective_shaped([key])


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


def _looks_like_name(run: list[str]) -> bool:
    return bool(run) and all(_name_shaped(t) for t in run)


@functools.lru_cache(maxsize=1 << 14)
def _name_shaped(token: str) -> bool:
    """"Smith", "McCain", "ElBaradei", "al-Sadr", "Alliot-Marie", "Łukasz", "J.": a word that can
    be part of a person's name (a capital, then letters; at most one more capital inside)."""
    if _INITIAL.fullmatch(token):
        return True
    head, _, rest = token.partition("-")
    if head in _NAME_PARTICLES and rest:
        token = rest
    parts = token.split("-")
    return (len(parts) <= 2 and all(_name_part(p, k == 0) for k, p in enumerate(parts))) or _ROMAN.fullmatch(token) is not None


def _name_part(part: str, first: bool = True) -> bool:
    """One part of a hyphenated name: a capital first, except after the hyphen ("Shui-bian")."""
    letters = part.replace("'", "").replace("’", "")
    if not first and letters.isalpha() and letters.islower():
        return len(letters) >= 2
    return (len(letters) >= 2 and letters.isalpha() and part[0].isupper() and not part[1:].isupper()
            and sum(c.isupper() for c in letters) <= 2)


_ROMAN = re.compile(r"(?=[IVX]{2,})X{0,3}(?:IX|IV|V?I{0,3})")  # "John Paul II", "Benedict XVI"
_INITIAL = re.compile(r"[^\W\d_]\.")
_NAME_PARTICLES = frozenset("al el ad ash as an ar at az bin ibn abu".split())


# Words that make a run with no other evidence no name: "French", "Muslim", "Tuesday", "Minister".
_NOT_NAMES = _DEMONYMS | _FAITHS | frozenset(_MONTHS) | frozenset(_WEEKDAYS) | _STOPWORDS | _TITLES


@functools.cache
def _all_titles() -> frozenset[str]:
    return _TITLES | _MORE_TITLES | lookup().titles


def _group(mentions: list[_Mention]) -> list[_Group]:
    """Merge the mentions: full names first, then lone words onto the full name ending in them:
    a person's surname (or given name) alone is that person, whatever else its own mentions say
    ("Adelson" with "Sheldon Adelson"); a body's own last word alone is that body ("Sands" with
    "Las Vegas Sands"). A lone sentence-initial word with no name to join is dropped."""
    groups: dict[str, _Group] = {}
    surnames: dict[str, str] = {}  # last word -> full name key
    given: dict[str, str] = {}  # first word -> full name key ("Josh" -> "josh stepakoff")
    bodies: dict[str, str] = {}  # a body's last word -> its key ("sands" -> "las vegas sands")
    ordered = sorted(mentions, key=_merge_order)
    indexed = False
    for m in ordered:
        key = m.name.lower()
        if key in groups:
            _add(groups[key], m)
            continue
        single = len(m.name.split()) == 1
        if single and not indexed:
            # every full name is in (they sort first): index them by what their groups show
            _index_full_names(groups, surnames, given, bodies)
            indexed = True
        if single and (key in surnames or key in given):
            # A person's surname alone is the person, whatever else the word may be ("Hamm").
            _add(groups[surnames.get(key) or given[key]], m, only="person")
            continue
        if single and key in bodies and not (m.votes.get("person") or m.votes.get("speaks")):
            _add(groups[bodies[key]], m, only="organisation")
            continue
        if m.lone_start and not m.votes:
            continue
        groups[key] = _Group(name=m.name, order=m.order)
        _add(groups[key], m)
    return list(groups.values())


def _index_full_names(groups: dict[str, _Group], surnames: dict[str, str], given: dict[str, str],
                      bodies: dict[str, str]) -> None:
    """The last and first words of the people among the full names, and the distinctive last
    word of the bodies ("Sands", not "Bank" nor "House"), for the lone words to join."""
    for key, group in sorted(groups.items(), key=lambda kv: kv[1].order):
        parts = key.split()
        if len(parts) < 2:
            continue
        votes = group.votes
        top = max(votes, key=votes.get) if votes else None
        if top in ("person", "shape", "speaks") and votes[top] > 0:
            surnames.setdefault(parts[-1], key)
            given.setdefault(parts[0], key)
        elif top == "organisation" and _decide(votes)[0] == "organisation":
            last = parts[-1]
            if (_stem(last) not in _ORG_WORDS and _stem(last) not in _PLACE_WORDS and last not in _W.lone_bodies
                    and last not in lookup().org_suffixes and last not in _NOT_NAMES and not _place_strength(last)):
                bodies.setdefault(last, key)


def _merge_order(m: _Mention) -> tuple[int, bool, float, int]:
    """Longest names first, then the best evidenced, then the earliest."""
    return (-m.name.count(" "), m.lone_start, -max(m.votes.values()) if m.votes else 0.0, m.order)


def _add(group: _Group, mention: _Mention, only: str | None = None) -> None:
    if mention.titled:
        if not group.votes:
            _add_vote(group.votes, "shape", 0.5)  # the title's name: a person's shape, uncounted
        return
    group.count += 1
    votes = group.votes
    for kind, weight in mention.votes.items():
        if only is None or kind == only or (only == "person" and kind == "speaks"):
            votes[kind] = votes.get(kind, 0) + weight
    group.forms[mention.form] = group.forms.get(mention.form, 0) + 1
    group.order = min(group.order, mention.order)


__all__ = ["entities"]
