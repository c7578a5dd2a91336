"""The subject at the head of the writer's sentence: after a dateline, an opening quotation,
an opening phrase ("On Monday,", "Reprising an old line,") or conjunctions, the name (with its
title words) or the determiner phrase that opens the clause. Pure functions on text, no state."""

from __future__ import annotations

import re

from reports.analysis.quotes.can_speak import lexicon
from reports.analysis.quotes.lexicon import (
    BETWEEN,
    DETERMINERS,
    IRREGULAR_PAST,
    SENTENCE_WORDS,
    STOP,
    VERB,
    bare_pronoun,
    capitalised,
    is_pronoun,
    opening_adverb,
    tokenize,
)


_SHORT_FORMS = frozenset("capt prof pres corp inc ltd univ dept sept".split())


def full_stop(token: str) -> bool:
    """The token ends its sentence: "Lewis-Francis.", not "U.S.", "Mr." or "Capt."."""
    return _stopped(token) and token[:-1].lower() not in _SHORT_FORMS


def _stopped(token: str) -> bool:
    return token.endswith(".") and (len(token) > 4 or token[:-1].islower()) and token.count(".") == 1


def phrase(tokens: list[str]) -> str | None:
    """Join a phrase's tokens, dropping a sentence's full stop from its last word."""
    if not tokens:
        return None
    last = tokens[-1]
    if _stopped(last):
        tokens = [*tokens[:-1], last[:-1]]
    return " ".join(tokens)


_INTRO = re.compile(r"^[^,]{0,150}?,\s+")
_PLACE_TAIL = re.compile(r"[A-Z][\w.]*(?: [A-Z][\w.]*)?,\s+(?=\S)")


# "WASHINGTON, Aug. 24 (UPI) — " opens a wire story before its first sentence's subject
# ... or "WASHINGTON — " or "Washington (AFP) – ": a place in capitals or an agency in brackets
_DATELINE = re.compile(
    r"(?:\s*(?:[A-Z][A-Z .'’\-]{2,30},[^—–\n]{0,40}|[A-Z][A-Z .'’\-]{2,30}|"
    r"[A-Z][\w .'’\-]{2,30}\s\([A-Z][\w.]{1,10}\))\s[—–-]+\s*)?"
)


_OPENING_QUOTATION = re.compile(r"\s*[\"“]([^\"“”]{1,400})[\"”]\s*,?\s*")


def _after_opening_quotation(sentence: str) -> str:
    """'“...,” the candidate told CBS, saying': the subject follows a quotation that opens
    the sentence."""
    match = _OPENING_QUOTATION.match(sentence)
    return sentence[match.end() :] if match and match.end() < len(sentence) else sentence


def sentence_subject(sentence: str) -> str | None:
    """The subject at the head of the writer's sentence, after an opening phrase ("On Monday,")."""
    text = _after_opening_quotation(sentence)
    text = text[_DATELINE.match(text).end() :].lstrip(" \t\n\"“”'‘’([—–-")
    for _ in range(3):  # "On Thursday, after a long wait, Warren said": opening phrases in a row
        text, skipped = _skip_opening(text)
        if not skipped:
            break
    return _head_subject(tokenize(text[:200]))


# Conjunctions and linking adverbs open a clause without an opening phrase of their own:
# "And then Trump went on the attack, saying" keeps "Trump".
CONJUNCTIONS = {"and", "but", "yet", "so", "then", "also", "even", "still", "or", "nor"}


# "Appearing before supporters at the party's headquarters, Suu Kyi said": a participle clause
# opens the sentence and its comma closes it, however long (within reason)
_PARTICIPLE_OPENING = re.compile(r"^[^,;:.!?“”\"]{0,150}?,\s+")


def _opens_participle(first: list[str]) -> bool:
    """"Reprising one", "Horrified at", "Reached by": a capitalised -ing/-ed word and a plain
    word that no verb or auxiliary is ("Manning told", "Reed was" open with a name)."""
    if len(first) < 2 or not capitalised(first[0]) or len(first[0]) < 5:
        return False
    if not first[0].lower().endswith(("ing", "ed")) or first[0].lower() in IRREGULAR_PAST:
        return False
    follower = first[1]
    return (follower.islower() and follower.isalpha() and follower not in STOP - _OPENING_LINKS
            and follower not in BETWEEN and not VERB.fullmatch(follower))


# words that go on a participle clause ("Appearing before", "Reached by", "Asked about")
_OPENING_LINKS = {"in", "on", "at", "by", "about", "over", "into", "during", "after", "before", "that"}


_TIME_OPENING = re.compile(r"(?:[A-Z]\w*\s+){1,3}(?:later|ago|earlier)\s*,\s+")


def _after_place(text: str, intro: str) -> str:
    """"In Salem, New Hampshire, Trump said": an opening phrase that ends on a place goes on
    with its state."""
    place = _PLACE_TAIL.match(text)
    if place and intro.rstrip(", ")[-1:].isalpha() and capitalised(intro.rstrip(", ").split()[-1]):
        return text[place.end() :]
    return text


# "the Arizona sheriff and hard-liner, " before the next name
_APPOSITIVE_OPENING = re.compile(r"(?:the|a|an)\s[^,;:.!?“”\"]{1,80},\s+(?=[A-Z])")


def _after_appositive(text: str, intro: str) -> str:
    """"Preceded by Joe Arpaio, the Arizona sheriff, Trump launched": an opening phrase that
    ends on a name goes on with that name's appositive; the subject follows it."""
    appositive = _APPOSITIVE_OPENING.match(text)
    last = intro.rstrip(", ").split()[-1:]
    if appositive and last and capitalised(last[0]):
        return text[appositive.end() :]
    return text


_SEQUENCE_OPENING = re.compile(
    r"\s*(?:First|Second|Third|Fourth|Finally|Lastly|Next)\s*,\s+"  # events in order
)


def _skip_opening(text: str) -> tuple[str, bool]:
    """The text after one opening phrase ("On Monday,", "Shortly after the call,", "Hours
    later,", "Reprising an old line,") or opening conjunctions, and whether anything was skipped."""
    time = _TIME_OPENING.match(text)
    if time:
        return text[time.end() :], True
    sequence = _SEQUENCE_OPENING.match(text)
    if sequence:
        return text[sequence.end() :], True  # "First, Donald Trump attacked ..."
    first = tokenize(text[:30])
    participle = _PARTICIPLE_OPENING.match(text) if _opens_participle(first) else None
    if participle:
        rest = _after_place(text[participle.end() :], participle.group())
        return _after_appositive(rest, participle.group()), True
    if first and first[0].lower() in CONJUNCTIONS:
        while first and first[0].lower() in CONJUNCTIONS:
            text = text.lstrip()[len(first[0]) :].lstrip(" ,")
            first = first[1:]
        intro = _INTRO.match(text)
        if intro and len(intro.group().split()) <= 5 and text[intro.end() : intro.end() + 1].isupper():
            text = text[intro.end() :]  # "But a few days later, Trump reversed himself"
        return text, True
    # "The mayor, a Democrat, ..." opens with its subject, not with an opening phrase;
    # "Shortly after ...," does ("Shortly" is no name)
    if not first or not ((first[0].lower() in SENTENCE_WORDS and first[0].lower() not in {"the", "a", "an"})
                         or opening_adverb(first[0])):
        return text, False
    intro = _INTRO.match(text)
    if intro:
        return _after_place(text[intro.end() :], intro.group()), True
    while first and first[0].lower() in SENTENCE_WORDS and first[0].lower() not in DETERMINERS:
        text = text.lstrip()[len(first[0]) :]
        first = first[1:]
    return text, False


def _head_subject(tokens: list[str]) -> str | None:
    """The noun phrase that opens a clause: a name (with its title words), a pronoun, or a
    determiner and up to five words. A word ending in -ed is taken for the verb."""
    if not tokens:
        return None
    if is_pronoun(tokens[0]):
        return bare_pronoun(tokens[0])
    title_end = _bridge(tokens, 0) if tokens[0].islower() else None
    if title_end:
        tokens = tokens[title_end:]  # "nominee Ada Park issued ...": the name after its titles
    taken: list[str] = []
    if capitalised(tokens[0]) and tokens[0].lower() not in DETERMINERS:
        i = 0
        while i < len(tokens) and i < 10:
            if capitalised(tokens[i]) or (
                taken and tokens[i].lower() in {"of", "de", "van", "von"} and i + 1 < len(tokens)
                and capitalised(tokens[i + 1])
            ):
                taken.append(tokens[i])
                i += 1
                continue
            bridge = _bridge(tokens, i)
            if not bridge:
                break
            taken.extend(tokens[i:bridge])
            i = bridge
        if taken and taken[-1].endswith(("’s", "'s")):
            owned = [t for t in tokens[i : i + 3] if t.isalpha() and t.islower()]
            taken.extend(owned[: max(1, len(owned))][:2])  # "Donald Trump’s campaign manager"
        elif len(taken) == 1:
            taken.extend(_plural_noun(tokens[1:4]))  # "Corporate lobbyists describe"
        return phrase(taken)
    if tokens[0].lower() not in DETERMINERS:
        return None
    for index, token in enumerate(tokens[:7]):
        low = token.lower()
        if taken and (not token[:1].isalnum() or low in STOP or low in IRREGULAR_PAST
                      or (low.endswith("ed") and not _adjective(taken, tokens[index + 1 : index + 2]))):
            break
        if low in _ARTICLES and len(taken) == 2 and taken[0].lower() not in _ARTICLES \
                and taken[-1].lower() not in _LINKS:
            taken = []  # "At one point the crowd reprised", "That day a crowd": an opening phrase
        taken.append(token)
    return phrase(taken) if len(taken) > 1 else None


_ARTICLES = {"the", "a", "an"}
_LINKS = DETERMINERS | {"of", "for", "to", "with", "at", "on", "in", "from", "by", "about", "and", "or"}


def _plural_noun(following: list[str]) -> list[str]:
    """The lower-case words up to a plural noun after a sentence's capitalised first word:
    'Senior officials', 'Corporate lobbyists', 'Former staff members'; else none."""
    words: list[str] = []
    for index, token in enumerate(following[:2]):
        if not (token.isalpha() and token.islower()) or token in STOP | DETERMINERS \
                or token in IRREGULAR_PAST or token.endswith("ed") or VERB.fullmatch(token):
            break
        words.append(token)
        after = following[index + 1 : index + 2]
        if token.endswith("s") and not token.endswith(("ss", "us", "is")) and len(token) > 3:
            # not "Frank cites the report": a verb in -s before its object
            return words if after and after[0].islower() and after[0] not in DETERMINERS else []
    return []


def _adjective(taken: list[str], following: list[str]) -> bool:
    """"The retired neurosurgeon has": an -ed word right after the determiner, before a plain
    word, qualifies the noun; a verb cannot follow a bare determiner."""
    if not all(t.lower() in DETERMINERS for t in taken) or not following:
        return False
    noun = following[0]
    return (noun.isalpha() and noun.islower() and noun not in STOP | DETERMINERS
            and not VERB.fullmatch(noun))


def _bridge(tokens: list[str], i: int) -> int | None:
    """End of lower-case title words between two names ("Clinton campaign manager Robby Mook")."""
    j = i
    while j < len(tokens) and j - i < 3 and tokens[j].islower() and tokens[j].isalpha():
        if tokens[j] in STOP or tokens[j].endswith("ed") or tokens[j] in DETERMINERS:
            return None
        j += 1
    return j if j > i and j < len(tokens) and capitalised(tokens[j]) else None


# Where a clause of the writer's sentence opens: after a conjunction, a dash, a semicolon
_CLAUSE_OPENING = re.compile(r"(?:,?\s+(?:and|but|while|whereas|before)|\s+in which|\s[—–]+|;)\s+")


_APPOSITIVE = re.compile(r"^((?:[A-Z][\w’'.\-]*\s+)*[A-Z][\w’'.\-]*),\s+(?:a|an|the)\s[^,;:“”\"]{1,80},\s+")


def clause_subject(left: str) -> str | None:
    """The subject of the last clause before a quotation woven in with a verb we do not list:
    'the Post will brand you a liar and NBC News will accuse you of a “...”' is NBC News's,
    'long before White House officials started to portray it as a “...”' the officials'.
    Only a name or a determiner phrase followed by a verb-like word counts."""
    opening = None
    for match in _CLAUSE_OPENING.finditer(left, max(0, len(left) - 300)):
        if left[match.end() :].strip(" ,"):
            opening = match  # not the dash right before the quotation: it opens nothing
    clause = left[opening.end() :] if opening else ""
    clause = _APPOSITIVE.sub(r"\1 ", clause, count=1)  # "while Ada Park, a senator, proposed"
    if opening is None or "," in clause.rstrip(" ,"):
        return None  # "as the candidates took the stage, Trump opened": the clause has closed
    tokens = tokenize(clause[:200])
    subject = _head_subject(tokens)
    if not subject or is_pronoun(subject):
        return None
    rest = tokens[len(tokenize(subject)) :]
    while rest and rest[0] in {",", "also", "then", "later", "still", "often"}:
        rest = rest[1:]  # "NBC News also accused", not an appositive: those are left alone
    return subject if rest and _verb_like(rest[0]) else None


_THAT = re.compile(r"\bthat\s+")


def that_clause_subject(left: str) -> str | None:
    """'It is strange that Trump would denounce “...”': after an empty "it" opens the sentence,
    the subject of its last "that" clause is the one with a verb that could report the words."""
    opening = None
    for opening in _THAT.finditer(left, max(0, len(left) - 300)):
        pass
    if opening is None or "," in left[opening.end() :]:
        return None
    tokens = tokenize(left[opening.end() : opening.end() + 200])
    subject = _head_subject(tokens)
    if not subject or is_pronoun(subject) or not capitalised(subject):
        return None
    rest = [t for t in tokens[len(tokenize(subject)) :] if t.islower()]
    return subject if rest and _verb_like(rest[0]) else None


def _verb_like(token: str) -> bool:
    low = token.lower()
    if VERB.fullmatch(low):
        return token.islower()
    return token.islower() and (
        low.endswith(("ed", "es", "ts", "ds", "ns", "ks", "ps", "rs", "ls", "ms"))
        or low in IRREGULAR_PAST or low in _AUXILIARY_STARTS
    ) and not _people(low)


def _people(low: str) -> bool:
    """A plural noun of people or groups ("allies", "members"): the head of the noun phrase
    that the capitalised words before it qualify ("the Persian Gulf allies were"), no verb."""
    kinds = lexicon().kinds
    return kinds.get(low[:-1]) in _PEOPLE or kinds.get(low[:-2]) in _PEOPLE or (
        low.endswith("ies") and kinds.get(low[:-3] + "y") in _PEOPLE)


_PEOPLE = {"people", "groups"}


_AUXILIARY_STARTS = {
    "will", "would", "can", "could", "may", "might", "must", "should", "has", "have", "had", "did",
    "does", "do",
}  # not "is"/"was": "his guilty pleasure is “Football Life”" reports nobody's words


# Prepositions that open a sentence with a gerund: "In declaring ...", "After spending ..."
_GERUND_PREPOSITIONS = {"in", "after", "before", "by", "while", "when", "since", "upon", "on",
                        "without", "despite", "through"}
_PHRASE_CLOSE = re.compile(r"[^,;:.!?“”\"\n]{0,100},\s+")


def participle_subject(left: str, right: str, comma_inside: bool) -> str | None:
    """'Citing the attack and their “reveries ...,” Will urged': a quotation inside the -ing
    phrase that opens a sentence is quoted by whoever does the citing, the subject of the main
    clause after the phrase's comma. `left` runs from the sentence start to the quotation;
    `comma_inside`: the quotation ends with the phrase's comma."""
    text = left[_DATELINE.match(left).end() :].lstrip(" \t\"“”'‘’([—–-")
    if re.search(r"[,;:“”\"\n]", text) or not _opens_gerund(tokenize(text[:60])):
        return None
    close = None if comma_inside else _PHRASE_CLOSE.match(right)
    if not comma_inside and not close:
        return None
    main = right[close.end() :] if close else right
    subject = sentence_subject(main)
    if not subject:
        return None
    words = subject.split()
    while len(words) > 1 and words[-1].lower() in BETWEEN:
        words.pop()  # "the pope again demonstrated": the adverb is no part of the subject
    rest = tokenize(main[main.find(words[-1]) + len(words[-1]) :][:80])
    verb = bool(rest) and (rest[0] in BETWEEN or _verb_like(rest[0]))  # "did suggest", "urged"
    return " ".join(words) if verb else None


def _opens_gerund(first: list[str]) -> bool:
    """"Citing last week's attack", "In declaring", "After spending": an -ing phrase opens."""
    if first and first[0].lower() in _GERUND_PREPOSITIONS and capitalised(first[0]):
        following = first[1:3]
        return (len(following) == 2 and following[0].islower() and following[0].endswith("ing")
                and len(following[0]) >= 6)
    return _opens_participle(first) and first[0].lower().endswith("ing")
