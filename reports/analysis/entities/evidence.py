"""The context of each candidate span: the words before and after it in the sentence
("in", "the group", a role, "said", "militants", a score, a league table's row, "He" opening
the next sentence), turned into a context string that `kinds._classify` weighs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reports.analysis.entities.kinds import _adjective_shaped, _classify, _demonym, _nation_plural
from reports.analysis.entities.places import compass_form, compass_preposition, loose_preposition
from reports.analysis.entities.spans import (
    _ABBREVIATED, _NEXT, _OPENERS, _POSSESSIVE, _SKIP, _WORD, _common_opener, _looks_like_name, _name_token, _possessive,
    _runs, _spans, _written,
)
from reports.analysis.entities.words import (
    _ACTS_AFTER, _ACTS_BEFORE, _BODY_BEFORE, _DETERMINERS, _MEDIA_AFTER, _MEMBERS_AFTER, _ORG_WORDS,
    _PLACE_AFTER, _PLACE_BEFORE, _PREPOSITION_BEFORE_PLACE, _SPEECH_AFTER, _STOPWORDS, _W, _all_titles, _everyday,
    _place_strength, _stem,
)
from reports.analysis.gazetteer import lookup


@dataclass(slots=True)
class _Mention:
    form: str  # as written, nationality and possessive removed, e.g. "Mr. Macron"
    name: str  # the name alone, e.g. "Macron"
    votes: dict[str, float]  # evidence for each kind
    order: int
    lone_start: bool = False  # a lone sentence-initial word: never a name by itself
    titled: bool = False  # from the article's title: names a person for the text's lone words, uncounted


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
    if words[0] in _W.roles or words[0] in _W.apposition_roles:
        return True  # "Shinzo Abe, acting secretary general", "Segolene Royal, head of ..."
    if words[0] not in _DETERMINERS and words[0] not in ("former", "then"):
        return False
    for word in words[1:]:
        if not word.islower():
            found = _ROLE_OF_A_BODY.match(sentence, at)  # "a Yukos spokesman,"
            return bool(found) and found.group(1) in _W.roles
        if word in _W.roles:
            return True
    return False


# ", a Yukos spokesman,", ", the Wales captain)": a body's or a place's name, then a person's role
# that ends the phrase (not ", a Sunni militant group", whose head is the group).
_ROLE_OF_A_BODY = re.compile(r"\s*(?:a|an|the)\s+(?:[a-z]+\s+)?(?:[A-Z][\w'’.\-]*\s+){1,3}([a-z\-]+)"
                             r"(?=\s*(?:[,.;)]|$|(?:of|for|in|at|and)\b))")
_SCORE = re.compile(r"(?<![\w.])\d{1,3}-\d{1,3}(?![\w\-]|\.\d)")  # "won 3-0.": a full stop may end it


def _about_a_person(sentence: str) -> bool:
    """A sentence that opens with "He" or "She": the one before it named a person."""
    first = sentence.lstrip("\"“‘'( ").split(maxsplit=1)
    return bool(first) and first[0].lower() in _W.pronouns


_STOPS = frozenset({"", ".", ",", ";", ":", ")", "!", "?"})
_YEARS_OLD = re.compile(r"\d{1,3}-years?-old")
# After a name: "and" or a comma, the list's other names, then the word that stands after the
# whole list ("al-Qaida and Taleban fighters", "Smith and Jones said").
_LIST_TAIL = re.compile(r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?"
                        r"(?:[A-Z][\w'’.\-]*\s+){0,3}[A-Z][\w'’.\-]*\s+([a-z]+)")


def _acts_next(word: str) -> bool:
    """The word after a name is a verb's or a stop ("reports", "said", "added", ","), not a noun
    the name qualifies ("the FBI's Uniform Crime Reporting system")."""
    return word in _STOPS or word in _SPEECH_AFTER or (word.islower() and word.endswith(("s", "ed")) and len(word) > 3)


def _acronym(word: str) -> bool:
    """"VOA", "BBC", "U.N.": a body's initials (its people follow its possessive)."""
    letters = word.replace(".", "")
    return 2 <= len(letters) <= 5 and letters.isalpha() and letters.isupper()


def _country_follows(tokens: list[str], j: int) -> bool:
    """"of" at `j` is followed by a country or a capital of one to three words."""
    return any(_place_strength(" ".join(_written(t) for t in tokens[j + 1 : k])) >= 3
               for k in range(j + 2, min(len(tokens), j + 4) + 1))


def _role_before(before: str, before2: str, after: str, words: int) -> bool:
    """A person's role or age right before the name, or before the comma that opens it when
    a comma or a stop closes it: "rival Romano Prodi", "37-year-old Dragan Neskovic", "his
    counterpart, Li Zhaoxing, said" (not "the inevitable candidate, Republicans have"). An age
    goes before a full name ("the 35-year-old Cobh runner" is a town's)."""
    low = before.lower()
    if (low in _W.roles or low.rpartition("-")[2] in _W.roles) and before.islower():
        return before2.lower() != "to" or words >= 2  # "to host Crossover", "to coach Chelsea": a verb there
    if _YEARS_OLD.fullmatch(low):
        return words >= 2
    if low != "," or after not in (",", ".", ";", ")", ""):
        return False
    word = before2.rstrip(",")
    key = word.lower()
    return bool(word) and before2.endswith(",") and (
        (word.islower() and (key in _W.roles or key.rpartition("-")[2] in _W.roles))
        or (word[:1].isupper() and key.rstrip(".") in _all_titles()))


def _places_named(sentence: str, at: int, low: str) -> bool:
    """Places named after a place's noun in the plural: "cities such as Miami", "countries
    including Chad, Niger and Mali" (the list's other items follow as after "in")."""
    words = sentence[max(0, at - 40) : at].split()
    if low == "as":
        if len(words) < 3 or words[-2].lower() != "such":
            return False
        noun = words[-3]
    else:
        if len(words) < 2:
            return False
        noun = words[-2].rstrip(",")
    return noun.islower() and noun.endswith("s") and _stem(noun) in _PLACE_BEFORE


_CLAUSE_GLUE = frozenset("of the a an for at".split())


def _role_clause(sentence: str, at: int, after: str) -> bool:
    """The clause before the comma that opens the name at `at` ends in a person's role and
    the body or place it is of, and a comma or a stop closes the name: "The head of the IAEA,
    Mohamed ElBaradei, said", "a senior police official, Saud Aziz, says". Between the role
    and the comma only "of", "the" and names stand (not "the minister visited the town, ...")."""
    if after not in (",", ".", ";", ")", ""):
        return False
    head = sentence[:at].rstrip()
    if not head.endswith(","):
        return False
    words = _CLAUSE_WORD.findall(head[:-1][-80:])
    for word in reversed(words[-7:]):
        low = word.lower()
        if word.islower() and (low in _W.roles or low in _W.role_clause):
            return True
        if not (low in _CLAUSE_GLUE or word[:1].isupper()):
            return False
    return False


# Organisations: evidence that only a body leaves ------------------------------------------------

# After the speech verb: "in a statement", "in a news release", "in its annual filing".
_STATEMENT = re.compile(r"\s+(?:on\s+\w+\s+)?in\s+(?:a|an|its|their|the)\s+(?:[\w\-]+\s+){0,2}?([a-zé]+)\b")


def _team_object(sentence: str, at: int) -> bool:
    """The run at `at` is the other side of a match: a team verb right before it ("beat Leeds"),
    or within the four words before "with", "to" or "against" right before it ("drew 1-1 with
    Reading", "lost 2-0 to Cardiff"). Only in a sentence with a score."""
    words = sentence[max(0, at - 50) : at].lower().split()[-5:]
    if not words:
        return False
    if words[-1] in _W.team_verbs:
        return True
    return words[-1] in ("with", "to", "against") and any(w in _W.team_verbs for w in words[:-1])


_BODY_APPOSITION = "=body"
# After a name's comma: "a", "an" or "the", up to three words, then the phrase's last word
# before a stop, "that", "which", "based", "of"...: "Jundallah, a Sunni militant group, said".
_APPOSED = re.compile(r"\s*(?:a|an|the)\s+(?:[\w'’\-]+\s+){0,3}?([a-z]+)\s*(?:[,.;)]|$|(?:that|which|based|in|of|with|whose|and)\b)")


_PLACE_APPOSITION = "=place"
# "two Shiite villages", "a small town", "the provincial capital": a place's noun after a count.
_PLACE_APPOSED = re.compile(r"\s*(?:a|an|the|two|three|four|both)\s+(?:[\w'’\-]+\s+){0,3}?([a-z]+)\s*(?:[,.;)]|$|(?:that|which|in|of|near|on)\b)")


def _place_apposition(sentence: str, at: int) -> bool:
    """After a name and its comma, a phrase whose head is a place's noun: "al-Nubul and
    al-Zahra, two Shiite villages in Aleppo province" (so no body by the Arabic article)."""
    found = _PLACE_APPOSED.match(sentence, at)
    return bool(found) and _stem(found.group(1)) in _PLACE_BEFORE


def _body_apposition(sentence: str, at: int) -> bool:
    """After a name and its comma, a phrase whose head is a body's noun: "Jundallah, a Sunni
    militant group," "Petrobras, the state oil company," (not "a member of the group", whose head
    is "member", nor "a group leader")."""
    found = _APPOSED.match(sentence, at)
    return bool(found) and found.group(1) in _BODY_BEFORE


def _next_word(sentence: str, word: re.Match[str] | None) -> str:
    """The word after the one matched at `word`, in lower case ("" at the sentence's end)."""
    found = _NEXT.match(sentence, word.end()) if word else None
    return found.group(1).lower() if found else ""


def _media_next(sentence: str, word: re.Match[str] | None, after: str) -> bool:
    """One lower-case adjective, then a broadcaster's or a paper's noun: "Bloomberg financial news"."""
    return after.isalpha() and after.islower() and after not in _STOPWORDS and _next_word(sentence, word) in _MEDIA_AFTER


def _media_verb(sentence: str, at: int) -> bool:
    """A broadcast verb within the three words before the "on" before the run at `at`:
    "aired Friday on Al Jazeera", "broadcast on CNN"."""
    if at < 0:
        return False
    words = sentence[max(0, at - 50) : at].lower().split()[-4:-1]
    return any(w in _W.media_verbs for w in words)


def _in_a_statement(sentence: str, verb: re.Match[str] | None) -> bool:
    """The speech verb after the name is followed by "in a statement" (or a release, a filing):
    how a body speaks, written after a person's name less often than after a body's."""
    if verb is None:
        return False
    found = _STATEMENT.match(sentence, verb.end())
    return bool(found) and found.group(1) in _W.statement_after


_CLAUSE_WORD = re.compile(r"[^\s,;:()\"“”]+|[,;:()\"“”]")


def _role_after(rest: str) -> bool:
    """A role or a title in lower case right after the run, or one word later ("Former Labour
    prime minister Lord X", "Iowa Democratic candidate Jane Roe"): the run qualifies the role,
    and the person is the name after it. `rest` is the sentence after the run."""
    for word in rest.split(maxsplit=2)[:2]:
        if not word[:1].islower():
            return False
        low = word.rstrip(",.;:").lower()
        if _stem(low) in _W.roles or low in _all_titles():
            return True
    return False


def _mentions(sentence: str, common: frozenset[str] = frozenset(), pronoun_next: bool = False) -> list[_Mention]:
    """Capitalised runs of the sentence, each cut into a mention with the evidence of its kind:
    `common` holds the article's lower-case words, `pronoun_next` that the next sentence opens
    with "He" or "She"."""
    found: list[_Mention] = []
    scored = "-" in sentence and bool(_SCORE.search(sentence))
    listed_after = -1  # where the last run that stood after "in" ends: "in Cancun and Seattle"
    listed_how = ""  # the list's preposition, when it is a weak one: "from Acme, Zenith and Orbis"
    where: list[tuple[int, int]] = []  # each found mention's start and end in the sentence
    for match in _runs(sentence):
        tokens = match.group().split()
        n = len(tokens)
        if n == 1:
            if tokens[0].lower() in _SKIP or not _name_token(tokens[0]):
                leader = _led_by(tokens[0])
                if leader:  # "his Hamas-led government": the body that leads it
                    found.append(_Mention(leader, leader, {"organisation": 2.0}, 0))
                    where.append((-1, -1))
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
        if len(last_after) > 1:
            last_after = last_after.rstrip(".")  # "... hunt Taliban insurgents.": the word, not its full stop
        if last_after == "," and _apposition(sentence, following.end()):
            last_after = "who"  # "Nobutaka Machimura, the foreign minister," or ", who": a person
        elif last_after == "," and _body_apposition(sentence, following.end()):
            last_after = _BODY_APPOSITION  # "Jundallah, a Sunni militant group,": a body
        elif last_after == "," and _place_apposition(sentence, following.end()):
            last_after = _PLACE_APPOSITION  # "al-Zahra, two Shiite villages in ...": places
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
            if (low in _W.works or (low == "," and before2.rstrip(",").lower() in _W.works)
                    or (low == "of" and before2.lower() in _W.work_makers)):
                continue  # "her autobiography, Lady Sings the Blues", "author of Gridiron Belles": a work's title
            if low in _W.event_before:
                continue  # "yearly COP meetings": an event's name, held again and again
            # "in Bill's yard": the place is the yard; "at Birmingham's NEC" still names a city
            possessed = tokens[j - 1].endswith(_POSSESSIVE) and _place_strength(" ".join(_written(t) for t in tokens[i:j])) < 2
            opponent = scored and i == 0 and _team_object(sentence, start_at)
            listed = i == 0 and _listed(sentence, listed_after, start_at)
            if opponent:
                context = ""  # "beat Leeds 2-1", "drew 1-1 with Reading": the other team
            elif (low in _PREPOSITION_BEFORE_PLACE or low in _W.place_prepositions or compass_preposition(before, before2)
                    or (low == "of" and before2.lower() in _W.place_of)
                    or listed
                    or (i == 0 and low in ("as", "including") and _places_named(sentence, start_at, low))):
                # "in Bill's yard": the place is the yard, and "Bill" only its owner
                numbered = j == n and last_after.isdigit() and len(last_after) <= 2
                context = "" if possessed or numbered else "in"  # not "migrate to Java 7": a product's version
                listed_after = match.end()
                if not listed:
                    listed_how = "+weak" if low == "from" else "+loose" if loose_preposition(low) else ""
            elif low == "the":
                low2 = before2.lower()
                inside = low2 in _W.place_inside and j == n and (last_after in (",", ".", ";", ":", ")", "")
                                                                  or last_after.lower() in _PLACE_AFTER)
                context = "inthe" if inside and not possessed else "the"  # "in the Florida Keys"
            elif (low in _BODY_BEFORE and before.islower()) or (
                    low == "," and before2.islower() and before2.rstrip(",") in _BODY_BEFORE) or (
                    before[:1].isupper() and low.endswith(tuple(_W.body_before_endings))  # "Geneva-based"
                    and not _person_shaped(tokens[i:j])):  # not "US-based Alistair Cragg"
                # "the group Hamas", "energy drink company, Red Bull,"; not "the state-owned People's
                # Bank's": the body is the whole, not its possessive first word
                context = "" if tokens[j - 1].endswith(_POSSESSIVE) and j < n else "body"
            elif low in _PLACE_BEFORE or (low == "of" and _stem(before2) in _PLACE_BEFORE):
                context = "place"  # "the town of Tarmiyah", "the islands of Kos and Astypaleia"
                listed_after = match.end()
                listed_how = ""
            elif low in ("of", "for") and _stem(before2) in _W.body_of and not possessed:
                context = "bodyof"  # "members of Hamas", "a spokesman for Gazprom"
            elif (low == "on" and _media_verb(sentence, start_at if i == 0 else -1)
                  and not _place_strength(" ".join(_written(t) for t in tokens[i:j]))):
                context = "body"  # "aired Friday on Al Jazeera": a broadcaster
            elif low in _ACTS_BEFORE:
                context = "acts"
            elif _role_before(before, before2, after if j < n else last_after, j - i) or (
                    i == 0 and j - i >= 2 and low == "," and _role_clause(sentence, start_at, after if j < n else last_after)):
                context = "role"  # "rival Romano Prodi", "presidential hopeful Barack Obama"
            elif before.endswith(_POSSESSIVE) and (_place_strength(_written(before)) >= 2 or (
                    _acronym(_written(before)) and _acts_next(after if j < n else last_after))):
                context = "owner"  # "Britain's Boris Johnson", "VOA's Mil Arcega reports"
            elif before[:1].isupper() and _nation_plural(before.lower()):
                context = "owner"  # "Jamaicans Asafa Powell and Usain Bolt": one of a people
            elif before in _OPENING and j - i == 1 and j == n and last_after in _CLOSING:
                context = "quoted"  # "franchises like "Batman"": a title or a term in quotes
            else:
                context = ""
            if j == n and after in ("and", "or", ","):
                tail = _LIST_TAIL.match(sentence, match.end())
                if tail and (tail.group(1) in _MEMBERS_AFTER or tail.group(1) in _W.body_after) and not (
                        start_at == 0 and i == 0 and tokens[0].lower() in _OPENERS):
                    after = tail.group(1)  # "al-Qaida and Taleban fighters": each is a body
            if after == "who":
                context += ":who"  # a person's, or a person's word for a body: "the Coalition, which"
            elif after in _SPEECH_AFTER:
                context += ":said"
            elif after in _W.staff_after and not (start_at == 0 and n == 1):
                context += ":staff"  # "the two Deutsche Welle journalists"
            elif after in _MEMBERS_AFTER or after == _BODY_APPOSITION or (after in _W.body_after and not (start_at == 0 and n == 1)) or (
                    after in _W.summits and _named_service(tokens[i:j]) and _written(tokens[j - 1]).isupper()):  # "the G-8 summit"
                # "Hamas militants"; not "Telecoms firm ...", "Record company ...": a sentence's capital
                context += ":members"
            elif after in _PLACE_AFTER or after == _PLACE_APPOSITION:
                context += ":place"
            elif after == "of" and _country_follows(tokens, j):
                context += ":from"  # "Andreas Seppi of Italy": a player or a delegate and their country
            elif after in _W.event_after:
                context += ":event"  # "the Sydney International tournament": an event, no body
            elif after in _MEDIA_AFTER or (after in _W.services and _named_service(tokens[i:j])) or (j == n and _media_next(sentence, following, after)
                                             and not tokens[j - 1].endswith(_POSSESSIVE)
                                             and not _place_strength(" ".join(_written(t) for t in tokens[i:j]))):
                context += ":media"  # "Xinhua news agency", "the Bloomberg financial news service"
            elif (j == n and after in _W.deed_verbs and _next_word(sentence, following) in _W.deed_objects
                  and not _place_strength(" ".join(_written(t) for t in tokens[i:j]))):
                context += ":members"  # "Al-Qaida in Iraq claimed responsibility": a group's deed"
            elif (opponent or (after in _W.team_verbs and scored) or after in _W.team_after
                  or (j == n and _TABLE_ROW.match(sentence, match.end()))):
                context += ":team"  # "Bristol City beat Leeds 2-1", a league table's "Chelsea 20 15 3 2"
            elif after in _STOPS and (low == "the" or tokens[i].lower() == "the"):
                context += ":stop"  # a stop, a comma or the sentence's end: the name is not a modifier
            if low == "from" and context[:2] == "in":
                context += "+weak"  # "a guide from Oracle": a source as often as a place
            elif context[:2] == "in" and loose_preposition(low):
                context += "+loose"  # "spoke to Hosni Mubarak", "at Goldman Sachs": a person's or a body's too
            elif context[:2] == "in" and listed:
                context += listed_how  # "from Acme, Zenith and Orbis": the list's items stand after "from" too
            if pronoun_next and 2 <= j - i <= 3 and _looks_like_name(tokens[i:j]):
                if not (j == n and not _possessive(tokens[j - 1]) and _role_after(sentence[match.end():])):
                    context += "+he"  # the sentence's first full name, and the next opens with "He"
                pronoun_next = False  # a name before a role ("Labour prime minister"): the He is the role's
            if context[:2] == "in" and i == 0 and low != "," and _title_cased(sentence, start_at, before2, common):
                context += "+titled"  # "How to Succeed", "Committee to Reelect": a Title Case stretch
            if scored:
                context += "+score"
            if any(_written(t).lower() in common for t in tokens[i:j]):
                context += "+common"  # a word the article also writes in lower case: "Wildlife Direct"
            if j - i > 1 and all(_written(t).lower() in common or _written(t).lower() in _all_titles()
                                 for t in tokens[i + 1:j]):
                # the words after the first (titles aside) the article also writes in lower
                # case: "Olive Oil", "Set Goalkeeper Ability"
                context += "+plain"
            if j == n and last_after == _BODY_APPOSITION:
                context += "+apposed"  # "GUAM, a group that ...": a body's noun heads the apposition
            if j == n and last_after[:1].isdigit() and tokens[-1].endswith(".") and not _ABBREVIATED.fullmatch(tokens[-1]):
                context += "+cited"  # "Ann Intern Med. 1995;123": a word cut short, then figures
            if j == n and after in _SPEECH_AFTER and context.endswith(":said") and _in_a_statement(sentence, following):
                context += "+statement"  # "Wildlife Direct says in a statement": a body's way of speaking
            if after in _ACTS_AFTER and context[:2] != "in":
                context = "!" + context  # the name acts: "Damascus denies"
            seen = _classify(tuple(tokens[i:j]), start, context)
            if seen:
                region = compass_form(before, seen[1], after) if seen[2].get("place") else None
                found.append(_Mention(region or seen[0], seen[1], seen[2], 0, seen[3]))
                # where it starts and ends, when that is the run's start or end (-1 inside a
                # run: no list's comma or "and" stands there)
                owner = tokens[j - 1].endswith(_POSSESSIVE)  # "the UK's Foreign Office": no list's item
                where.append((-1, -1) if owner else (start_at if i == 0 else -1, match.end() if j == n else -1))
    if len(found) > 1:
        _place_lists(sentence, found, where)
        _body_lists(sentence, found, where)
    return found


# What stands between two items of a list: "Turkey, Macedonia and Latvia", "Dawei and Rangoon".
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?")


def _led_by(token: str) -> str:
    """"Hamas" of "Hamas-led", "Kremlin" of "Kremlin-backed": a one-word name that leads or backs
    something, when it is no place, people, first name or everyday word ("U.S.-led", "Saudi-led")."""
    head, _, suffix = token.rpartition("-")
    if suffix not in _W.led_suffixes or not _name_token(head) or "-" in head or "." in head:
        return ""
    key = head.lower()
    if (_place_strength(head) or _demonym(key) or _adjective_shaped([key]) or _everyday(key) or key in _STOPWORDS
            or key in lookup().first_names or key in _W.not_bodies):
        return ""
    return head


def _person_shaped(tokens: list[str]) -> bool:
    """Two or three words of a person's name's shape with no body's word among them."""
    return 2 <= len(tokens) <= 3 and _looks_like_name([_written(t) for t in tokens]) and not any(
        _stem(_written(t)) in _ORG_WORDS for t in tokens)


def _named_service(tokens: list[str]) -> bool:
    """The name before "service" is a broadcaster's: two words or more ("VOA Hausa") or initials
    ("BBC"), the sentence's "The" aside; not one word ("the Easter service")."""
    words = [_written(t) for t in tokens if t.lower() not in _DETERMINERS]
    if len(words) == 1 and words[0].lower() in _W.not_bodies:
        return False  # "mobile TV services"
    return len(words) > 1 or (len(words) == 1 and words[0].isupper() and len(words[0]) > 1)


def _place_lists(sentence: str, found: list[_Mention], where: list[tuple[int, int]]) -> None:
    """Names in one list with a sure place are places too, when nothing says otherwise:
    "Turkey, Macedonia and Latvia", "between Dawei and Rangoon". A list holds two names or more
    with only a comma, "and" or "or" between them; it counts when one of its names is a place
    by its own words and none shows another kind (a person, a body, a person's shape); half its
    names at least are sure places ("Intel, Samsung and Britain" is no list of places). In a list
    of three or more, a name with no evidence at all is a place; in a pair ("Israel and Hamas"),
    only a name the gazetteer knows as a town is made sure."""
    runs = _list_runs(sentence, where)
    for run in runs:
        if len(run) < 2:
            continue
        votes = [found[k].votes for k in run]
        if (any(set(v) - {"place", "hint", "loose"} for v in votes)
                or 2 * sum(v.get("place", 0) >= 3 for v in votes) < len(run)):
            continue
        for k in run:
            mention = found[k]
            if not set(mention.votes) - {"hint", "loose"} and len(run) >= 3:
                mention.votes["place"] = 2.0
                mention.lone_start = False
            elif 0 < mention.votes.get("place", 0) < 2 and _place_strength(mention.name) == 1:
                mention.votes["place"] += 1.0  # a town's name the gazetteer is unsure of


def _list_runs(sentence: str, where: list[tuple[int, int]]) -> list[list[int]]:
    """The names of a sentence (their spans in `where`) grouped into lists: neighbours with only
    a comma, "and" or "or" between them (`_LIST_GAP`) share a run."""
    runs: list[list[int]] = [[0]]
    for k in range(1, len(where)):
        end, start = where[k - 1][1], where[k][0]
        if 0 <= end < start and _LIST_GAP.fullmatch(sentence, end, start):
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


_OPENING = frozenset({"\"", "“", "‘", "'", "("})
_CLOSING = frozenset({"\"", "”", "’", "'", ")"})


def _title_cased(sentence: str, at: int, word: str, common: frozenset[str]) -> bool:
    """The word before the preposition before the run at `at` is a common word (or a body's word) written with a
    capital in mid-sentence ("How to Succeed", "the Committee to Reelect"): a title's or a
    heading's Title Case, which is no evidence that what follows the preposition is a place."""
    word = word.strip("\"“”‘’'(")
    if not word[:1].isupper() or word.isupper() or len(sentence[:at].split()) <= 2:
        return False  # "Authorities in Bosnia": the capital is the sentence's
    low = word.lower()
    return low in _STOPWORDS or low in common or _stem(low) in _ORG_WORDS


def _body_votes(votes: dict[str, float]) -> float:
    """A mention's evidence of a body, the Arabic article's ("al-Qaida") included."""
    return votes.get("organisation", 0) + votes.get("arabic", 0)


def _body_lists(sentence: str, found: list[_Mention], where: list[tuple[int, int]]) -> None:
    """Names in one list with a body are bodies too, when nothing at all is known of them:
    "Hamas and the Popular Resistance Committees said", "department stores Seibu and Sogo".
    A list (as for `_place_lists`) counts when one of its names is a body by its own words and
    each of the others is a body too or shows nothing (no place, person or person's shape)."""
    if not any(_body_votes(m.votes) >= 2 for m in found) or all(m.votes for m in found):
        return  # most sentences: no body, or no name without evidence
    runs = _list_runs(sentence, where)
    for run in runs:
        votes = [found[k].votes for k in run]
        if len(run) < 2 or any(set(v) - {"organisation", "arabic"} for v in votes):
            continue
        if not any(_body_votes(v) >= 2 for v in votes):
            continue
        for k in run:
            mention = found[k]
            key = mention.name.lower()
            if (mention.votes or _demonym(key) or _adjective_shaped([key]) or key.rstrip(".") in lookup().org_suffixes
                    or (mention.lone_start and (key in _OPENERS or _everyday(key)))):
                continue  # "the AU, Congolese ...", "Meanwhile, Iraqi police", "Cable News Network, Inc.": no body's name
            mention.votes["organisation"] = 2.0
            mention.lone_start = False
