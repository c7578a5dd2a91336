"""Mentions merged into the facts box's names: full names first, then lone words onto
the full name they belong to (a surname onto its person, a body's last word onto the body),
and the aliases each name is shown with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reports.analysis.entities.evidence import _Mention
from reports.analysis.entities.kinds import _add_vote, _decide
from reports.analysis.entities.words import (
    _NOT_NAMES, _ORG_PREFIXES, _ORG_WORDS, _PLACE_PREFIXES, _PLACE_WORDS, _W, _place_strength, _stem,
)
from reports.analysis.gazetteer import lookup


@dataclass
class _Group:
    name: str
    order: int
    votes: dict[str, float] = field(default_factory=dict)
    forms: dict[str, int] = field(default_factory=dict)
    count: int = 0


def _aliases(group: _Group) -> tuple[str, ...]:
    """The other forms, most used first."""
    forms = group.forms
    if len(forms) == 1:
        return () if group.name in forms else tuple(forms)
    return tuple(sorted((f for f in forms if f != group.name), key=lambda f: (-forms[f], f)))


_DEFINED = re.compile(r"((?:[A-Z][\w'’\-]*\s+(?:(?:of|for|and|the|on|to|de|&)\s+)*)+)\(\s*([A-Z]{2,6})\s*\)")
_SMALL = frozenset("of for and the on to de &".split())


def _acronyms(sentences: list[str]) -> dict[str, str]:
    """The acronyms the article defines (in lower case), each with the name it stands for as
    written: "the National League for Democracy (NLD)" -> {"nld": "National League for Democracy"}.
    The name is the shortest run of capitalised words before the parenthesis whose initials
    spell the acronym ("of", "for", "and" between them skipped or counted)."""
    found: dict[str, str] = {}
    for sentence in sentences:
        if "(" not in sentence:
            continue
        for match in _DEFINED.finditer(sentence):
            words = match.group(1).split()
            acronym = match.group(2)
            for k in range(len(words) - 1, -1, -1):
                if words[k].lower() in _SMALL:
                    continue
                tail = words[k:]
                with_small = "".join(w[0] for w in tail).upper()
                without = "".join(w[0] for w in tail if w.lower() not in _SMALL).upper()
                if acronym in (with_small, without) and len(tail) >= 2:
                    found.setdefault(acronym.lower(), " ".join(tail))
                    break
    return found


def _group(mentions: list[_Mention], acronyms: dict[str, str] | None = None) -> list[_Group]:
    """Merge the mentions: full names first, then lone words onto the full name ending in them:
    a person's surname (or given name) alone is that person, whatever else its own mentions say
    ("Adelson" with "Sheldon Adelson"); a body's own last word alone is that body ("Sands" with
    "Las Vegas Sands"). A lone sentence-initial word with no name to join is dropped."""
    groups: dict[str, _Group] = {}
    surnames: dict[str, str] = {}  # last word -> full name key
    given: dict[str, str] = {}  # first word -> full name key ("Josh" -> "josh stepakoff")
    bodies: dict[str, str] = {}  # a body's last word -> its key ("sands" -> "las vegas sands")
    firsts: dict[str, str] = {}  # a body's own first word -> its key ("amnesty" -> "amnesty international")
    halves: dict[str, str] = {}  # a place's direction -> its key ("north" -> "north korea"), when one place has it
    ordered = sorted(mentions, key=_merge_order)
    lasts: set[str] = set()  # the last words of the full names ("al-assad" of "bashar al-assad")
    indexed = False
    for m in ordered:
        key = m.name.lower()
        if key in groups:
            _add(groups[key], m)
            continue
        single = len(m.name.split()) == 1
        if single and not indexed:
            # every full name is in (they sort first): index them by what their groups show
            _index_full_names(groups, surnames, given, bodies, firsts)
            halves = _halves(groups)
            lasts = {k.rpartition(" ")[2] for k in groups if " " in k}
            indexed = True
        if single and key in surnames:
            # A person's surname alone is the person, whatever else the word may be ("Hamm").
            _add(groups[surnames[key]], m, only="person")
            continue
        if single and key in given:
            # A given name alone ("Josh") is the person too, but its speech shows no person: the
            # news gives a person's words to the surname, a firm's to its name ("Nissan said",
            # beside "Nissan Connect", a car's system)
            _add(groups[given[key]], m, only="given")
            continue
        if single and key in bodies and not (m.votes.get("person") or m.votes.get("speaks")):
            _add(groups[bodies[key]], m, only="organisation")
            continue
        if single and "arabic" in m.votes and key in lasts:
            continue  # "Al-Assad's strategy" beside "Bashar al-Assad's government": the name's last word
        full = acronyms[key].lower() if acronyms and key in acronyms else None
        if single and full in groups and _decide(groups[full].votes)[0] == "organisation":
            _add(groups[full], m, only="organisation")  # "NLD", defined after "National League for Democracy"
            continue
        if single and key in halves and set(m.votes) == {"place"}:
            _add(groups[halves[key]], m, only="place")  # "the North", with "North Korea": that place
            continue
        if single and key in firsts and not m.votes.get("person"):
            _add(groups[firsts[key]], m, only="organisation")  # "Amnesty says", with "Amnesty International"
            continue
        if m.lone_start and not m.votes:
            continue
        groups[key] = _Group(name=m.name, order=m.order)
        _add(groups[key], m)
    for key, full in (acronyms or {}).items():
        if key in groups and full.lower() not in groups:
            # "the Liberation Tigers of Tamil Eelam (LTTE)": a name the spans cut in two is
            # still what the acronym stands for, shown beside it
            groups[key].forms.setdefault(full, 0)
    return list(groups.values())


def _index_full_names(groups: dict[str, _Group], surnames: dict[str, str], given: dict[str, str],
                      bodies: dict[str, str], firsts: dict[str, str]) -> None:
    """The last and first words of the people among the full names, the distinctive last word
    of the bodies ("Sands", not "Bank" nor "House"), and the first word of a two-word body
    whose second is a body's common word ("Amnesty" of "Amnesty International", not "World" of
    "World Bank"), for the lone words to join."""
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
            if len(parts) == 2 and _distinctive_first(parts):
                firsts.setdefault(parts[0], key)


_OPPOSITE = {"north": "south", "south": "north", "east": "west", "west": "east"}


def _halves(groups: dict[str, _Group]) -> dict[str, str]:
    """The two halves of a divided place, each by its direction, when the article names both
    ("North Korea" and "South Korea"): "the North" and "the South" then stand for them. One
    such place alone is not enough ("the West" beside "West Bank" is the Western world)."""
    places = {key for key, group in groups.items() if _decide(group.votes)[0] == "place"}
    found: dict[str, str] = {}
    for key in places:
        first, _, rest = key.partition(" ")
        if rest and first in _OPPOSITE and f"{_OPPOSITE[first]} {rest}" in places:
            found[first] = key if first not in found else ""
    return {first: key for first, key in found.items() if key}


def _distinctive_first(parts: list[str]) -> bool:
    """A body's first word that names it alone: the second word is a body's common word, and
    the first is no place, people, prefix, first name or common word."""
    first, last = parts
    data = lookup()
    return (_stem(last) in _ORG_WORDS and first not in _NOT_NAMES and first not in _ORG_PREFIXES
            and first not in _PLACE_PREFIXES and _stem(first) not in _ORG_WORDS and _stem(first) not in _PLACE_WORDS
            and first not in data.first_names and not _place_strength(first) and "." not in first
            and not first.endswith(("ish", "ic", "ian", "ese", "ean", "ist", "an")))


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
        if only is None or kind == only or (only == "person" and kind == "speaks") or (only == "given" and kind == "person"):
            votes[kind] = votes.get(kind, 0) + weight
    group.forms[mention.form] = group.forms.get(mention.form, 0) + 1
    group.order = min(group.order, mention.order)
