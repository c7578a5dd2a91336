"""What kind a candidate name is: its own words (`_shape`), then the evidence around it
(`_classify`), then the decision once a name's mentions are summed (`_decide`).

A kind is shown only when its evidence is sure and clearly ahead of the others; a person's
shape alone never makes a person.
"""

from __future__ import annotations

import functools
import re

from reports.analysis.entities.places import unknown_place_after_in
from reports.analysis.entities.spans import _OPENERS, _POSSESSIVE, _looks_like_name, _written
from reports.analysis.entities.words import (
    _COMPASS, _CONNECTORS, _DEMONYMS, _DETERMINERS, _FAITHS, _KNOWN_ORGS, _NOT_NAMES, _ORG_PREFIXES,
    _ORG_WORDS, _PLACE_FORMS, _PLACE_PREFIXES, _PLACE_WORDS, _STOPWORDS, _TITLE_QUALIFIERS, _W, _all_titles,
    _everyday, _place_strength, _stem,
)
from reports.analysis.gazetteer import lookup
from reports.models import EntityKind


_ROMAN_NUMERAL = re.compile(r"(?=[IVXLC]{2,}$)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
# "MPs", "NGOs", "the VMAs": initials in the plural name many of a kind, or an award show, no body.
_PLURAL_INITIALS = re.compile(r"[A-Z]{2,}s")
_WEB_SITE = re.compile(r"[a-z0-9][\w\-]*(?:\.[\w\-]+)*\.(?:com|net|org|info|io|co\.uk|gov)")

# Evidence weights: a kind is shown when its evidence reaches _SURE and beats the others clearly.
_SURE = 2.0


def _decide(votes: dict[str, float], mentions: int = 1) -> tuple[EntityKind | None, float]:
    """The kind with the most evidence, and how far it is ahead; None when it is not enough.
    `mentions`: how many times the name is written."""
    if not votes:
        return None, 0.0
    if "hint" in votes or "loose" in votes:
        # a place's preposition the evidence does not make sure ("in Unicode", "from Nvidia"):
        # it adds to a place shown otherwise, and however often it comes, makes none alone;
        # "at" or "to" before one word makes a place, unless the name is written three times
        # or more and never so again: a place named that often is named "in" too ("at Cebit")
        votes = dict(votes)
        hint = votes.pop("hint", 0.0)
        loose = votes.pop("loose", 0.0)
        if loose and (votes.get("place") or mentions < 3 or loose > 2):
            votes["place"] = votes.get("place", 0.0) + loose
        if votes.get("place"):
            votes["place"] += hint
        if not votes:
            return None, 0.0
    if "arabic" in votes:  # a lone name after the Arabic article: a body's evidence (`_article_named`)
        votes = dict(votes)
        _add_vote(votes, "organisation", votes.pop("arabic"))
    if "shape" in votes or "speaks" in votes or "article" in votes:
        votes = dict(votes)
        shape = votes.pop("shape", 0.0)
        speaks = votes.pop("speaks", 0.0)
        if votes.pop("article", 0.0):
            # written "the X" somewhere: a person is not, so X is no person, and when it is
            # nothing else, nothing ("The Prison Papers", "the Rodong Sinmun said")
            votes.pop("person", None)
            shape = speaks = 0.0
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
        if shape and "+plain" in context and "person" in shape[0][2] and _loose_title(raw):
            return None  # "General Audio", "Goalkeeper Ability": the article writes "audio", "ability"
        return shape[0] if shape else None
    _, text, own, start, single, strength, adjective, person_shaped, first_name, had_the, compass, not_name, club = shape
    acts = context.startswith("!")
    context, statement, _ = context.partition("+statement")
    context, cited, _ = context.partition("+cited")
    context, apposed, _ = context.partition("+apposed")
    context, plain, _ = context.partition("+plain")
    context, common, _ = context.partition("+common")
    context, score, _ = context.partition("+score")
    context, titled, _ = context.partition("+titled")
    context, he, _ = context.partition("+he")
    context, weak, _ = context.partition("+weak")
    context, loose, _ = context.partition("+loose")
    before, _, after = context.lstrip("!").partition(":")
    inside = before == "inthe"  # "in the Florida Keys": a place's article, after a place's preposition
    if had_the or inside:
        before = "the"
    votes = dict(own)
    if compass and before == "the":
        _add_vote(votes, "place", 2)  # "the West"
    plural = before == "the" and not inside and not single and not strength and _plural_body(text.lower().split())
    if not votes and not_name:
        # "the Tamil Tigers": a people's word in a group's name, which is no person's
        return (text, text, {"organisation": 2.0}, False) if plural else None
    if (not votes and text.isupper() and 2 <= len(text) <= 6 and text.isalpha() and not _everyday(text.lower())
            and text.lower() not in _W.not_bodies):  # "SARS", "GDP": no body's initials
        _add_vote(votes, "organisation", 2)
    if after == "event" and strength < 2 and "person" not in votes and not text.isupper():
        return None  # "the Sydney International tournament", not "an ATP tournament" (its organiser)
    if (after == "team" and (club or (single and strength))) or (club and score):
        return text, text, {"organisation": 4.0}, False  # a club named after its town, playing
    # The article's words around the name.
    if single and strength == 1 and before != "in" and (before == "the" or common):
        votes.pop("place", None)  # "the Deal", "Reading" also written "reading": a small town's name is a word here
    if before == "in" and not adjective:
        sure = (single and not votes and text[0].isupper() and _stem(text) not in _ORG_WORDS
                and not (common or titled or weak) and text.lower() not in lookup().first_names
                and not any(c.isdigit() for c in text)) or (
            not (common or titled or weak or loose or score) and unknown_place_after_in(text, votes, club, first_name))
        # "in Fallujah"; "in Police custody", "from Boot Camp" only hint at a place (`_decide`);
        # "at Parchin" is a place, unless the name comes often and never so again ("at Cebit")
        key = ("loose" if single and loose and not votes else "place") if sure or votes.get("place") else "hint"
        _add_vote(votes, key, 2 if sure else 1)
    if before == "body" or (before == "the" and single and not strength and not _demonym(text.lower())
                            and not _generic_word(text.lower())):
        _add_vote(votes, "organisation", 1 if before == "the" else 2)
        if before == "the" and after == "said":
            _add_vote(votes, "organisation", 1)  # "The Taliban said": a person takes no "the"
    if inside and not single and not votes and not adjective and not titled and not (
            first_name and not _place_strength(text.split()[0])):  # "in the Florida Keys", not "in the John Smith"
        _add_vote(votes, "place", 2)  # "in the Florida Keys", not "in the Senate" (its own word says)
    town = strength == 1 and single  # a small town's name, which a firm may share ("Toyota", "Nokia")
    if before == "bodyof" and (not strength or town) and not adjective:
        _add_vote(votes, "organisation", 1 if person_shaped else 2)  # "members of Hamas"
        if town:
            votes.pop("place", None)  # "shares of Nokia": the firm, not the town
    if before == "place" or after == "place":
        _add_vote(votes, "place", 2)
    if (acts or before == "acts") and strength >= 3 and not adjective:
        votes["place"] = 0.0  # no evidence either way: the name's other mentions decide
    if apposed and single and raw[0].isupper() and 3 <= len(text) <= 6 and text.isalpha() and "place" in votes:
        votes = {"organisation": 2.0}  # "known as GUAM, a group that ...": a place's name in capitals is a body's initials
    if after == "media":
        _add_vote(votes, "organisation", 3 + strength)
    if after == "staff" and (not strength or town) and not adjective and not first_name and (not votes or town):
        _add_vote(votes, "organisation", 2)  # "Deutsche Welle journalists", not "Karen Smith journalists"
        votes.pop("place", None)  # "Toyota employees"
    if town and after == "members" and raw[-1].endswith(_POSSESSIVE) and not start:
        votes.pop("place", None)  # "Toyota's chief executive": a firm's officer, not a town's
        _add_vote(votes, "organisation", 2)
    if (after in ("members", "staff") and not strength and not adjective and not (single and text.lower() in lookup().first_names)
            and not (single and start and (common or _staff_opener(text.lower())))):  # not "Local officials", "Security forces" opening a sentence
        _add_vote(votes, "organisation", 2 if single and not votes else 1)  # "Hamas militants", not "Karen rebels"
    if person_shaped and _body_named(text.lower().split(), first_name):
        person_shaped = False  # "Georgia Power", "Wildlife Direct": a body's name, no person's
    if statement and not person_shaped and not votes.get("person"):
        _add_vote(votes, "organisation", 2)  # "Exxon says in a statement": a body speaks so
        after = ""  # and its speech is no person's
    if person_shaped and cited:
        return None  # "Ann Intern Med. 1995;123:518": a journal's abbreviated name in a reference
    if person_shaped:
        # A name whose words after the first the article also writes in lower case ("Olive Oil",
        # "Leading Role") is unsure on its first name or a "He" after it: they count as its shape,
        # a person only once a surer sign (speech, a title, a role) shows one.
        person = unsure = 0.0
        if first_name and before != "the" and not own:
            if plain:
                unsure += 2
            else:
                person += 2  # not "the Dixie Chicks", "Virginia Tech"
        if after in ("said", "who") and before not in ("body", "the"):
            person += 2 if not (own or common) else 1  # "Nobutaka Machimura said", not "Wildlife Direct said"
        if (before == "owner" or before == "role") and not own:
            person += 2  # not "the rival Awami National Party"
        if after == "from" and not own and not first_name:
            person += 2  # "Lee Hyung-taik of South Korea" (with a first name, that alone says it)
        if he and not own:  # "He" opens the next sentence: not for "New York" there
            if plain:
                unsure += 2
            else:
                person += 2
        if (first_name and not strength and set(own) == {"place"} and text.split()[-1].lower() in _PLACE_WORDS
                and (after == "who" or before in ("owner", "role")) and before not in ("body", "the")):
            # a first name before a place's common noun, with a person's role or "who" beside it:
            # "Jeffrey Wall, who", "lawyer Mike Lake"; alone or speaking ("Maria Lodge said") a place
            votes.pop("place", None)
            person = 2.0
        if before == "the" and not own and after in ("said", "who", "stop"):
            # "the Rodong Sinmun said", "The Prison Papers:": no person's name ("the Jack Smith
            # inquiry" names the inquiry after him)
            _add_vote(votes, "article", 0.01)
        if person:
            _add_vote(votes, "person", person)
        if unsure and not votes:
            _add_vote(votes, "shape", unsure)
        elif not votes:
            _add_vote(votes, "shape", 0.5)  # a person by shape only: never a person alone
    elif single and not votes and not adjective and (after in ("said", "who") or before == "role"):
        # "Bolt said": with the full name's shape ("Usain Bolt") it settles the person
        if before == "role":
            _add_vote(votes, "person", 2)
        else:  # a lone word that speaks: a person only beside other evidence of one ("Hamas said")
            _add_vote(votes, "speaks", 1.5 if not common else 1)
    if before == "quoted" and strength < 3:
        votes.pop("place", None)  # "franchises like "Batman"": a town's name only by the gazetteer
    if start and single and strength < 2 and _everyday(text.lower()):
        # "Record company SonyBMG": an everyday word that opens the sentence is no body or place
        # alone ("Gray, 26, who ..." may still be a person's surname)
        votes = {kind: weight for kind, weight in votes.items() if kind in ("person", "speaks", "shape")}
    if single and strength < 2 and not compass and _everyday(text.lower()):
        votes.pop("place", None)  # "According to Breaking the Silence", "in Reading" (the gazetteer is not sure)
        votes.pop("hint", None)
        votes.pop("loose", None)
    if plural and not set(votes) - {"shape", "article", "person", "speaks"}:
        # "the Tamil Tigers", "the Dixie Chicks": a group, a band, a team (a person takes no "the")
        votes = {"organisation": 2.0}
    if (single and not strength and _article_named(text) and not set(votes) - {"place", "hint", "loose"}
            and votes.get("place", 0) < 2):
        # "linked to al-Qaida", "in al-Qaida training camps": a group, no place, unless the article
        # names a person or a body with it as the last word ("Bashar al-Assad"; see grouping.py)
        votes = {"arabic": 2.0}
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
    if (start and len(run) > 1 and (run[0].lower() in _OPENERS or _opens_a_known_name(run)) and not _place_prefix(run)
            and run[1] != "&"):
        run = run[1:]  # "Later John Smith said", "Undercover FBI agents": a capital that only starts the sentence
        start = False
    if not run:
        return None
    keys = [t.rstrip(".").lower() for t in run]
    if (_event(keys) or _people_word(keys) or _people_plural_run(keys) or (len(run) == 1 and _ROMAN_NUMERAL.fullmatch(run[0]))
            or (len(run) == 1 and (keys[0] in _W.lone_events or _PLURAL_INITIALS.fullmatch(run[0])))  # "the Games", "the VMAs"
            or (len(run) == 1 and run[0].isupper() and keys[0] in _W.not_bodies)):  # "in HDTV", "ID cards": no name
        return None  # "episode VII": a numeral alone is no name
    # A title makes what follows it a person: "French President Emmanuel Macron",
    # "Miami Beach Police Chief Raymond Martinez".
    data = lookup()
    all_titles = _all_titles()
    titles = [k for k, t in enumerate(keys) if t in all_titles or _suffixed_title(t, all_titles)]
    body_of = len(run) > 2 and (
        (_stem(keys[0]) in _ORG_WORDS and keys[1] == "of")  # "Association of Chief ..."
        or any(t >= 2 and keys[t - 1] in ("of", "for") and _stem(keys[t - 2]) in _ORG_WORDS for t in titles))
    # "Royal College of General Practitioners": a title right after a body's "of" is its name's word
    if titles and len(run) > 1 and (keys[-1] in _ORG_WORDS or body_of) and titles[-1] < len(run) - 1:
        text = " ".join(run)
        return ((text, text, {"organisation": 3.0}, False),)  # "Justice Ministry"
    if titles and len(run) - titles[-1] > 2 and _stem(keys[-1]) in _W.place_heads:
        text = " ".join(run)  # "the Prince Albert Theatre", "King Hussein Bridge": named after one
        return ((text, text, {"place": 2.0}, False),)
    if titles:
        name = run[titles[-1] + 1 :]
        if len(name) > 2 and keys[titles[-1] + 1] in ("of", "for"):
            if keys[titles[-1] + 2] not in _TITLE_QUALIFIERS and keys[titles[-1] + 2] not in all_titles:
                return None  # "Inspector General for Iraq Reconstruction": an office, no person
            name = name[2:]  # "Secretary of State Condoleezza Rice"
        first = titles[0]
        while first > 0 and keys[first - 1] in _TITLE_QUALIFIERS:
            first -= 1
        if keys[titles[-1]] in _W.positions:
            first = titles[-1] + 1  # "Defender Hassan Abbas": a position is no part of the name
        if not _titled_name(keys[titles[-1]], [t.rstrip(".").lower() for t in name]):
            return None  # "General Store", "Major Hospitals", "Goalkeeper Ability": no person's name
        if 1 <= len(name) <= 4 and _looks_like_name(name) and not any(_stem(t.lower()) in _W.roles for t in name):
            return ((" ".join(run[first:]), " ".join(name), {"person": 3.0}, False),)
        return None
    if len(run) >= 3 and keys[0] in _DEMONYMS and _looks_like_name(run[1:]) and keys[1] in data.first_names:
        return ((" ".join(run[1:]), " ".join(run[1:]), {"person": 2.0}, False),)  # "American James Blake"
    if 3 <= len(run) <= 4 and _nation_plural(keys[0]) and _looks_like_name(run[1:]):
        return ((" ".join(run[1:]), " ".join(run[1:]), {"person": 2.0}, False),)  # "Jamaicans Asafa Powell"
    if (keys[0] in _W.positions or keys[0] in _W.roles) and len(run) >= 3 and keys[1] in data.first_names and _looks_like_name(run[1:]):
        return ((" ".join(run[1:]), " ".join(run[1:]), {"person": 3.0}, False),)  # "Centre Jason Little"
    if ((len(run) >= 3 and keys[-1] in _W.state_bodies and _national(keys[0]) and not _place_strength(" ".join(run[:2])))
            or (len(run) == 2 and (keys[-1] in _W.state_bodies or keys[-1] in _W.lone_bodies) and keys[-1] != "house"
                and _demonym(keys[0]))):  # "the Afghan Army", "the Honduran Congress"
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
    if low in _KNOWN_ORGS or low.replace(".", "") in _KNOWN_ORGS or (single and _WEB_SITE.fullmatch(low)):
        _add_vote(votes, "organisation", 3)  # "Reuters", "TheForce.net": a web site is its owner's
    elif strength:
        _add_vote(votes, "place", strength)
    if not single and strength < 2:  # "United States", "West Bank": the gazetteer's word
        if keys[-1] in _ORG_WORDS or keys[-1] in data.org_suffixes:
            _add_vote(votes, "organisation", 3)
        elif keys[-1] in _W.party_members:
            _add_vote(votes, "organisation", 3)  # "Social Democrats", "Young Conservatives": a party
        elif keys[-1] in _PLACE_WORDS or (keys[0] in _PLACE_WORDS and keys[1] in _CONNECTORS):
            _add_vote(votes, "place", 3)
        elif len(run) == 2 and keys[0] in _W.continent_parts and _place_strength(run[1]) >= 3:
            _add_vote(votes, "place", 3)  # "Central America", "East Jerusalem": part of a known place
        elif keys[0] in _ORG_PREFIXES or any(_stem(t) in _ORG_WORDS for t in keys):
            _add_vote(votes, "organisation", 2)
        elif "&" in keys and not all(_everyday(k) for k in keys if k != "&"):
            # "Marks & Spencer", "Ernst & Young": a firm of partners (not a title, "Secrets & Lies")
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


def _loose_title(raw: tuple[str, ...]) -> bool:
    """The run has a title that is also an adjective or a team's position ("General",
    "Goalkeeper"): before words the article also writes in lower case, no person's title."""
    keys = [_written(t).rstrip(".").lower() for t in raw[:-1]]  # "Set Goalkeeper Ability" too
    return any(k in _W.adjective_titles or k in _W.positions for k in keys)


def _titled_name(title: str, name: list[str]) -> bool:
    """Whether the words after a title can be a person's name: after a title that is also an
    adjective ("General", "Major") or a team's position ("Goalkeeper") they need a first name or
    a word that is no everyday word ("General Store" is a shop, "Goalkeeper Speed" a game's
    setting; "Defender Hassan Abbas", "Striker Rooney" are players)."""
    if not name:
        return False
    from reports.analysis.quotes.language_rules import given_name  # given_names.tsv and census data

    first_name = given_name(name[0].capitalize())
    if title in _W.adjective_titles or title in _W.positions:
        return first_name or not all(_everyday(k) for k in name)
    return True


# Organisations: a name's own words that make a body, not a person ------------------------------


def _body_named(keys: list[str], first_name: bool) -> bool:
    """"Georgia Power", "Wildlife Direct": a name of a person's shape whose words after the first
    are everyday English words, and whose first word is a state's, a country's or a city's name,
    or an everyday word that is no first name: a body named after a place or a thing."""
    if not all(_everyday(k) for k in keys[1:]):
        return False
    head = keys[0]
    return _place_strength(head) >= 2 or (not first_name and (_everyday(head) or _compound(head)))


def _plural_body(keys: list[str]) -> bool:
    """"Dixie Chicks", "Stone Roses": two or three words ending in an everyday word's plural (not
    "the Rev. Markel Hutchins"), no people ("Bosnian Serbs", "French Alps"), no people's word
    ("Young Democrats"), no time or event (`not_body_plurals`), no place's parts ("the Florida
    Keys", "the Outer Hebrides") and no "of" ("the Curse of ...": a work's title)."""
    last = keys[-1]
    if not 2 <= len(keys) <= 3 or not last.endswith("s") or last.endswith(("ss", "us", "is")) or len(last) < 4:
        return False
    if last in _W.not_body_plurals or not _everyday(last) or _nation_plural(last) or last in _FAITHS or _people_word([last]):
        return False
    first = keys[0]
    if first in _W.plural_place_firsts or first in _PLACE_PREFIXES or _demonym(first) or _place_strength(first) >= 2:
        return False
    return not (_stem(last) in _PLACE_WORDS or _stem(last) in _ORG_WORDS or any(k in _STOPWORDS or k in _CONNECTORS for k in keys))


def _article_named(text: str) -> bool:
    """"al-Qaida", "Al-Arabiya": one word after the Arabic article, whose rest is no place the
    gazetteer knows ("al-Anbar" is Anbar)."""
    head, _, rest = text.partition("-")
    return head.lower() in _W.body_articles and rest[:1].isupper() and "-" not in rest and not _place_strength(rest)


def _generic_word(key: str) -> bool:
    """"the Force", "the News": an everyday word with a capital after "the" names a thing (a
    film's Force, a page's heading) as often as a body; a lone body ("the Senate"), a paper
    ("the Times") or a name that is no English word ("the Taliban") is a body."""
    return _everyday(key) and key not in _W.lone_bodies and _stem(key) not in _W.papers


def _staff_opener(key: str) -> bool:
    """"Local", "Military", "Security" opening "... officials say": a common word, no body's name."""
    return _everyday(key) or key in _W.staff_openers or key.endswith(tuple(_W.opener_endings))


def _compound(key: str) -> bool:
    """"Wildlife", "Firestone": two everyday words written as one."""
    return any(_everyday(key[:k]) and _everyday(key[k:]) for k in range(3, len(key) - 2))


def _opens_a_known_name(run: list[str]) -> bool:
    """The sentence's first word stands before a name known without it ("Undercover | FBI",
    "Overnight | Baghdad"), and is no part of a name itself: no first name, title, place or
    body word, people or prefix."""
    first = run[0].rstrip(".").lower()
    rest = " ".join(run[1:])
    low = rest.lower()
    known = low in _KNOWN_ORGS or low.replace(".", "") in _KNOWN_ORGS or _place_strength(rest) >= 2
    if not known or _place_strength(" ".join(run)) or not run[0][1:].islower():
        return False
    return not (first in lookup().first_names or first in _all_titles() or first in _PLACE_PREFIXES
                or first in _ORG_PREFIXES or first in _W.continent_parts or _demonym(first)
                or _stem(first) in _ORG_WORDS or _stem(first) in _PLACE_WORDS or _place_strength(first)
                or first in _W.positions or first in _W.roles)


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
    """"Palestinians", "Iraqis", "Shiites": a people or a faith in the plural, not a name; and
    a people's noun for one of them ("Frenchman")."""
    if len(keys) != 1:
        return False
    if not keys[0].endswith("s"):
        key = keys[0]
        return key.endswith("man") and len(key) > 6 and _demonym(key[:-3])
    stem = _stem(keys[0])
    if stem == keys[0]:
        stem = keys[0][:-1]  # "Israelis": the plural of "Israeli", which _stem keeps whole
    if stem in _W.titles or stem in _W.roles:
        return True  # "Republicans", "Democrats": a party's members, no name
    return stem in _DEMONYMS or keys[0] in _FAITHS or _adjective_shaped([stem]) or _demonym_shaped(stem)


def _people_plural_run(keys: list[str]) -> bool:
    """"Several Somalis", "Young Palestinians", "Bosnian Serbs": a people in the plural after
    everyday words, a people's adjective or a place ("Kosovo Albanians"), no name."""
    return (len(keys) > 1 and _nation_plural(keys[-1])
            and all(_everyday(k) or _demonym(k) or _place_strength(k) for k in keys[:-1]))


def _nation_plural(key: str) -> bool:
    """"Jamaicans", "Palestinians": a people in the plural (not "Comics", not "Reporters")."""
    if not key.endswith("s") or len(key) < 5:
        return False
    stem = key[:-1]
    return stem in _DEMONYMS or key in _FAITHS or _demonym_shaped(stem)


def _adjective_shaped(keys: list[str]) -> bool:
    """"Jewish", "Islamic", "Bosnian", "Maoist": a lone word with an adjective's ending."""
    return len(keys) == 1 and keys[0].endswith(("ish", "ic", "ian", "ese", "ean", "ist"))


def _demonym_shaped(key: str) -> bool:
    """"Bangladeshi", "Tibetan", "Kenyan", "Somali": a place's name with a people's ending; "Serb",
    "Croat", "Uzbek": a people's word that the country's name ends ("Serbia", "Uzbekistan")."""
    for ending, restore in (("i", ""), ("an", ""), ("n", ""), ("ese", ""), ("ian", ""), ("ian", "ia"), ("i", "ia"), ("ish", ""), ("an", "as")):
        if key.endswith(ending) and len(key) > len(ending) + 2 and _place_strength(key[: -len(ending)] + restore) >= 2:
            return True
    return len(key) > 3 and any(_place_strength(key + suffix) >= 3 for suffix in ("ia", "istan"))


def _common_or_adjective(key: str) -> bool:
    return key in _STOPWORDS or key in _DEMONYMS or _adjective_shaped([key])
