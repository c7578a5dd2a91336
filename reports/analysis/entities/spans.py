"""Where names are: capitalised runs of a sentence cut into candidate name spans.

A run is found in one pass (`_RUN`); `_spans` cuts it where a name ends (a weekday or month,
a possessive, a sentence's next word, "for"/"of" before another name), and `_written` gives a
token as the name is written. Also the shape of a person's name (`_looks_like_name`).
"""

from __future__ import annotations

import functools
import re

from reports.analysis.entities.words import (
    _CONNECTORS, _DEMONYMS, _DETERMINERS, _ORG_PREFIXES, _ORG_WORDS, _PLACE_PREFIXES, _PLACE_WORDS,
    _STOPWORDS, _TITLE_QUALIFIERS, _TITLES, _W, _all_titles, _everyday, _place_strength, _stem,
)
from reports.analysis.entities.places import known_place_across, place_before_title
from reports.analysis.gazetteer import lookup
from reports.analysis.timeline import MONTHS as _MONTHS
from reports.analysis.timeline import WEEKDAYS as _WEEKDAYS


_CAPITALISED = re.compile(r"(?:(?:al|el|ad|ash|as|an|ar|at|az|bin|ibn|abu)-)?[A-Z][\w'’.\-]*")
# "U.S.-led", "Geneva-based", "Israeli-occupied", "Oscar-winning", "Muslim-majority": an adjective
# made from a name, not the name. A participle ends the word ("-ed", or "-ing" after four letters
# or more, longer than a syllable of a romanised name: "Shui-bian", "Xiao-ming" are names).
_NAME_ADJECTIVE = re.compile(r".+-(?:led|based|backed|born|run|owned|sponsored|linked|allied|controlled|style|era|made|like|listed|funded|held|built|bound|friendly|speaking|wide"
                             r"|[a-z]{2,}ed|[a-z]{4,}ing|majority|minority|language|allies|type|centric|minded|hit)")
_TOKEN = re.compile(r"[\w'’.\-]+|[^\w\s]")
# "U.S.", "Mr.", "Gen.": the period is part of the name as written.
_ABBREVIATED = re.compile(r"(?:[A-Z]\.)+|(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Col|Sen|Rep|Gov|Lt|Sgt|Capt|Prof|Rev|Maj|Adm|Cpl|Pvt|Cmdr|Gov)\.")


# A word's period is its abbreviation's ("U.S.", "Gen."); an ellipsis ends the name ("Hi... Oh").
_NAME = r"(?:(?:al|el|ad|ash|as|an|ar|at|az|bin|ibn|abu)-)?[A-Z](?:[\w'’\-]|\.(?!\.))*"
# A run of capitalised words, "of"/"de"/"bin" allowed between two of them: found in one pass
# over the sentence, so that the many lower-case words cost nothing.
_RUN = re.compile(
    rf"(?<![\w'’.\-]){_NAME}(?:\s+(?:(?:{'|'.join(sorted(_CONNECTORS))})\s+)?{_NAME})*(?![\w'’\-])"
)
_NEXT = re.compile(r"\s*([\w'’.\-]+|[^\w\s])")


class _Run:
    """A run of capitalised words as `_RUN` finds it, or two of them joined into one body's name."""

    __slots__ = ("_text", "_start", "_end")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text, self._start, self._end = text, start, end

    def group(self) -> str:
        return self._text

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


_JOINERS = ("on", "to", "and")
_JOIN_GAP = re.compile(r"\s+(on|to|and)\s+")


def _runs(sentence: str) -> list[_Run | re.Match[str]]:
    """The capitalised runs of a sentence, with a body's name joined across "on", "to" or "and"
    where only the whole is a name: "Commission | on | International Religious Freedom",
    "Committee | to | Protect Journalists", "Immigration | and | Customs Enforcement Agency"."""
    runs: list[_Run | re.Match[str]] = list(_RUN.finditer(sentence))
    if len(runs) < 2 or not (" on " in sentence or " to " in sentence or " and " in sentence):
        return runs
    k = 1
    while k < len(runs):
        first, second = runs[k - 1], runs[k]
        if second.start() - first.end() > 5:  # longer than " and ": most gaps
            k += 1
            continue
        gap = _JOIN_GAP.fullmatch(sentence, first.end(), second.start())
        if gap and _joins(first.group().split(), gap.group(1), second.group().split()):
            text = sentence[first.start() : second.end()]
            runs[k - 1 : k + 1] = [_Run(text, first.start(), second.end())]
        else:
            k += 1
    return runs


def _joins(first: list[str], word: str, second: list[str]) -> bool:
    """Whether `word` stands inside one body's name: after a body's word that takes "on" or "to"
    ("Council on Foreign Relations"; "to" before a verb, not a place: "Committee to Protect ..."),
    or "and" between a common noun and a body's name ("Trade and Industry Ministry")."""
    last, nxt = _written(first[-1]), _written(second[0])
    if last.endswith(_POSSESSIVE) or first[-1].endswith(_POSSESSIVE) or _is_date_word(nxt) or _place_strength(nxt):
        return False
    if word in ("on", "to"):
        if _stem(last) not in _W.body_joiners:
            return False
        return word == "on" or (_everyday(nxt.lower()) and nxt.lower() not in lookup().first_names)
    # "and": one common noun before (an everyday word or an abstract noun's ending, no name of
    # its own: not "Reuters and Associated Press"), a body's name of two words or more after it
    low = last.lower()
    # "The Trade | and | ...", "European Economic | and | Monetary Union": one common noun after
    # the sentence's "The", a people's word or a body's first word
    lead = first[0].lower() if len(first) == 2 else ""
    alone = len(first) == 1 or lead in _DETERMINERS or lead in _DEMONYMS or lead in _ORG_PREFIXES
    return (alone and (_everyday(low) or low.endswith(_ABSTRACT)) and _stem(low) not in _ORG_WORDS
            and low not in lookup().first_names and len(second) >= 2 and _stem(_written(second[-1])) in _ORG_WORDS)


_ABSTRACT = ("tion", "ment", "ance", "ence", "ity", "ing", "ism", "omic", "ical", "cial", "ural")  # "Economic", "Social"
# Capitalised only because they open the sentence: "Later John Smith said".
_OPENERS = (_STOPWORDS | _W.openers) - _TITLES - {"mr", "mrs", "ms", "dr"}
# One-word runs that are never a name by themselves, skipped before any other look.
_SKIP = (_STOPWORDS | _DETERMINERS) - _TITLES - {"us", "who", "mr", "mrs", "ms", "dr"}


def _common_words(sentences: list[str]) -> frozenset[str]:
    """The words the article writes in lower case somewhere: such a word with a capital at the
    start of a sentence is that word, not the first word of a name ("Standings of ...")."""
    return frozenset(w for w in set(_WORD.findall("\n".join(sentences))) if w.islower())


_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


def _common_opener(tokens: list[str], span: tuple[int, int], common: frozenset[str]) -> bool:
    """The sentence's first word, capitalised only for that, before "of" or "for": the article
    writes it in lower case elsewhere, or it is an everyday word ("Dozens of ..."), and it is no
    place, first name or title ("Standings of National ...", not "Bank of England" when "bank"
    is also written)."""
    i, j = span
    if i != 0 or j - i < 3 or tokens[1].lower() not in ("of", "for"):
        return False  # "Human Rights Watch", "State Department": a common word starts many names
    word = _written(tokens[0])
    low = word.lower()
    if (low not in common and not _everyday(low)) or not word[:1].isupper() or word.isupper():
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
        while (j < n and not tokens[j - 1].endswith(_POSSESSIVE) and not _breaks(tokens[j])
               and not (tokens[j] == "A" and j + 1 < n)):  # "New York A Queens man": a headline's end, then "A"
            if ok[j]:
                j += 1
            elif j + 1 < n and ok[j + 1] and tokens[j].lower() in _CONNECTORS and not _ends_a_body(tokens, i, j):
                j += 2
            elif j + 1 < n and ok[j + 1] and tokens[j] in _JOINERS:
                j += 2  # "on", "to", "and" inside a body's name: only `_runs` puts them in a run
            else:
                break
        k = _body_before_title(tokens, i, j) or _person_after_place(tokens, i, j) or place_before_title(tokens, i, j, _written)
        if k:
            spans.append((i, k))  # "Palestinian Authority | President Mahmoud Abbas"
        spans.append((k or i, j))
        i = j
    return spans


def _person_after_place(tokens: list[str], i: int, j: int) -> int:
    """Where a person's full name starts right after a place's or a body's name within one
    span, or 0: "the District of Massachusetts | Joshua Levy said". The person is a first name
    and at least one more word, or after a state's body ("Ministry") two or three words that
    are no everyday words; what stands before has two words or more and ends in a province, a
    city or a body's word."""
    if j - i < 4:
        return 0
    first_names = lookup().first_names
    for k in range(i + 2, j - 1):
        if not (_written(tokens[k]).lower() in first_names and _name_shaped(_written(tokens[k + 1]))) and not (
                _stem(_written(tokens[k - 1])) in _W.state_bodies and _unknown_name(tokens[k:j])):
            continue  # "the Transportation Ministry | Zoba Yass": a state body's name never goes on so
        titles = _all_titles()
        if any(_written(t).rstrip(".").lower() in titles for t in tokens[i:j]):
            return 0  # "Deputy Secretary of State Richard Armitage": the title's, read by the title
        head = _written(tokens[k - 1])
        if _place_strength(head) >= 2 or _stem(head) in _ORG_WORDS or _stem(head) in _PLACE_WORDS:
            return k
    return 0


def _unknown_name(tokens: list[str]) -> bool:
    """Two or three words of a person's name's shape that are no everyday, body's or place's words."""
    words = [_written(t) for t in tokens]
    return 2 <= len(words) <= 3 and all(
        _name_shaped(w) and not _everyday(w.lower()) and _stem(w) not in _ORG_WORDS and _stem(w) not in _PLACE_WORDS
        and not _place_strength(w) for w in words)


def _body_before_title(tokens: list[str], i: int, j: int) -> int:
    """Where a body's name ends and its officer's title begins within one span, or 0: "European
    Union | Trade Commissioner Peter Mandelson", "U.S. Army | Private Lynndie England". The body
    has two words or more and ends in a body's word; "National" and "Press" start titles
    ("U.S. National Security Adviser", "White House Press Secretary")."""
    if j - i < 4:
        return 0
    titles = _all_titles()
    keys = [_written(t).rstrip(".").lower() for t in tokens[i:j]]
    for t in range(2, len(keys) - 1):
        if keys[t] not in titles:
            continue
        k = t
        while k > 2 and keys[k - 1] in _TITLE_QUALIFIERS:
            k -= 1
        head = _stem(keys[k - 1])
        if any(key in titles or key in _TITLE_QUALIFIERS for key in keys[:k]):
            return 0  # "Chief Cabinet Secretary", "Deputy Police Commissioner": all the title's
        if head in _ORG_WORDS and head not in _ORG_PREFIXES and head not in _TITLE_QUALIFIERS and head != "press":
            return i + k
        return 0
    return 0


def _breaks(token: str) -> bool:
    """"This", "But": written with a capital inside a run, it starts the next sentence or clause
    ("the Cabinet This week"), so the name before it ends."""
    return token[:1].isupper() and token.lower() in _W.breaks and not token.isupper()


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
    if known_place_across(tokens, i, j, _written):
        return False  # "Horn of Africa", "Democratic Republic of Congo": one place the gazetteer knows
    head = _stem(_written(tokens[j - 1]))
    headed = head in _ORG_WORDS or head in _PLACE_WORDS
    after = _written(tokens[j + 1])
    if connector == "for":
        return j - i >= 2 and headed and _place_strength(after) > 0
    if headed or head in _all_titles() or head in _W.positions:
        return False
    person = 2 <= j - i <= 3 and _written(tokens[i]).lower() in lookup().first_names
    # "Lee Hyung-taik | of South Korea": the place may take more than one word
    place = any(_place_strength(" ".join(_written(t) for t in tokens[j + 1 : k])) > 0 for k in range(j + 2, min(len(tokens), j + 4) + 1))
    return person or place or after.lower() in _DEMONYMS


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
    abbreviation's period kept ("Mr.", "U.S."). The full stop goes first: a possessive can end
    the sentence ("the child was Mr Smith's.")."""
    if token.endswith(".") and not _ABBREVIATED.fullmatch(token):
        token = token.rstrip(".")
    for suffix in _POSSESSIVE_ENDS if token.endswith(_POSSESSIVE_ENDS) else ():
        if token.endswith(suffix) and len(token) > len(suffix):
            token = token[: -len(suffix)]
            break
    if token.endswith(".") and not _ABBREVIATED.fullmatch(token):
        token = token.rstrip(".")  # "Co.'s": the period left under the possessive
    return token


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


_ARTICLE_WORD = re.compile(r"(?<![\w'’])([^\W\d_]+)(['’][^\W\d_]*)?")


def articles_lowered(sentence: str, articles: frozenset[str]) -> str:
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
