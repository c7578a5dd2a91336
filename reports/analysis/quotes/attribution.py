"""Who said a quotation: the reporting clause in the writer's sentence around it.

Pure functions on the text either side of one quotation (no document state): `source_after`
reads "..., X said" / "said X" / "X told Reuters" / "according to X" / "..., Gilbert said." after
it (an unlisted verb, "“...?” Hannity pressed", is read by `reports.analysis.quotes.clauses`), and
`source_before` reads "X said: ..." / "X called it a ..." / "X issued a statement saying ..."
before it. The subjects themselves are read by `reports.analysis.quotes.subjects`; a passive's agent
and a sentence opening a paragraph of speech by `reports.analysis.quotes.agents`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reports.analysis.quotes.lexicon import (
    CAP_NAME,
    DETERMINERS,
    IRREGULAR_PAST,
    PARTICIPLE,
    VERB,
    VERB_AT,
    VERBS,
    adverb,
    capitalised,
    is_pronoun,
    tokenize,
)
from reports.analysis.quotes.subjects import (
    leading_subject,
    sentence_subject,
    subject_after,
    subject_before,
)

_RIGHT_LEAD = re.compile(r"[\s,.;:!?—–-]*")


@dataclass
class Source:
    mention: str  # as written: "he", "Mr Scholz", "one source close to Mr Macron"
    verb: str | None
    told: str | None = None
    cue: str = "verb"  # how found: verb, paragraph, previous, subject, sentence, signature
    from_right: bool = False  # found after the quotation ("..., he said")
    written: str | None = None  # the words that stand for `mention` next to the verb ("who")


def _told(text: str) -> str | None:
    """The outlet or person told: "told Reuters", "told ABC News on Sunday"."""
    match = CAP_NAME.match(text.lstrip())
    if not match:
        return None
    name = match.group().rstrip(".’'")
    if name.endswith(("’s", "'s")):
        name = name[:-2]
    return name or None


_ACCORDING = re.compile(r"\baccording to\s+", re.IGNORECASE)


_TOLD_VERBS = {"told", "tells", "tell", "telling"}


_QUOTE_START = "\"“„«‘"


_WHO = re.compile(r"([A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*)*)\s*(?:\([^()]{0,60}\)\s*)?,?\s*who\s*$")
_WHO_END = re.compile(r",?\s*\bwho\b[^,;:“”\"]{0,30}$", re.IGNORECASE)


def _who_antecedent(before: str) -> str | None:
    """Whom a relative "who" before the verb stands for: the name right before it ("Ada
    Park (D-Ore.), who said"), else the noun phrase ("remarks by a campaign surrogate who
    said", "a candidate who has called for"), not the last person named."""
    named = _WHO.search(before)
    if named:
        return named.group(1)
    end = _WHO_END.search(before)
    noun = subject_before(before[: end.start()]) if end else None
    return noun if noun and not is_pronoun(noun) else None


def source_after(after: str) -> Source | None:
    """'..., said X' / '..., X said' / '..., X told Reuters' / '..., according to X'. Not a
    relative "who" after the quotation ('“...” than that, and Ada Park, who said'): it stands
    for a noun after the quotation, whose own clause it opens."""
    found = _source_after(after)
    return None if found and found.mention.lower() == "who" else found


def _source_after(after: str) -> Source | None:
    lead = _RIGHT_LEAD.match(after).end()
    rest = after[lead:]
    if not rest or rest[0] in _QUOTE_START or "\n" in after[:lead]:
        return None  # a line break after the quotation: the next line is no reporting clause
    according = re.match(r"according to\s+", rest, re.IGNORECASE)
    if according:
        mention, _ = subject_after(rest[according.end() :])
        return Source(mention, "according to") if mention else None
    verb = VERB_AT.match(rest)
    if verb and PARTICIPLE.search(verb.group()):
        return None  # '“...,” telling reporters': the subject is the sentence's, before the quote
    if verb:
        mention, length = subject_after(rest[verb.end() :])
        if mention and _finite_after(rest[verb.end() :], length):
            return None  # '“...,” said the candidate could win': "said" reports a clause
        if mention:
            return Source(mention, verb.group(), told_after(verb.group(), rest[verb.end() :]))
        return None
    verb = VERB.search(rest, 0, 200)
    if not verb:  # a long sentence may still close on "..., said Ada Park."
        return _plural_closing(rest) or _clause_end_source(rest)
    if _breaks(rest[: verb.start()]):
        return None
    if PARTICIPLE.search(verb.group()) and not _AUXILIARY_END.search(rest, 0, verb.start()):
        return _clause_end_source(rest)  # '“...,” a nod to him acknowledging': no reporting clause
    as_ = _AS.match(rest)  # '“...,” as Cruz said on Monday': the subject follows "as"
    lead = _HEARD.sub(" ", rest[as_.end() if as_ else 0 : verb.start()])  # "can be heard asking"
    mention = leading_subject(lead)
    if not mention:
        return _clause_end_source(rest)
    return Source(mention, verb.group(), told_after(verb.group(), rest[verb.end() :]))


# Finite verbs that, right after the noun phrase following "said", make it the subject of a
# reported clause ("said the candidate could win"), not an inverted one ("said the candidate.")
_FINITE = {"is", "was", "are", "were", "has", "had", "have", "will", "would", "could", "can", "may",
           "might", "must", "should", "shall", "did", "does", "do"}


def _finite_after(text: str, length: int) -> bool:
    tokens = tokenize(text[:200])
    return len(tokens) > length and tokens[length].lower() in _FINITE


_AS = re.compile(r"as\s+(?=\S)")
_AUXILIARY_END = re.compile(r"\b(?:heard|seen|is|was|are|were|be|been|am|kept|keeps)\s+$")
_HEARD = re.compile(r"\s(?:(?:can|could|may|might)\s+be|is|was|were|are)\s+(?:heard|seen|quoted\s+as)\s*$")


# Plural present reporting verbs that close a clause right after a quotation ("“...,” the two
# write."); looked for only there, since elsewhere "write" or "note" rarely reports speech.
_PLURAL_CLOSING = re.compile(
    r"((?:[^\s,.;:!?“”\"]+\s+){1,8}?)(write|note|argue|add|warn|insist|explain|claim|contend|"
    r"predict|complain|recall|acknowledge|admit|concede|declare|maintain|reply|respond|assert|"
    r"caution|agree|suggest|allege)(?=\s*(?:[.,;]|$))"
)


def _plural_closing(rest: str) -> Source | None:
    match = _PLURAL_CLOSING.match(rest)
    if not match:
        return None
    mention = leading_subject(match.group(1))
    return Source(mention, match.group(2)) if mention else None


_LATE_VERB = re.compile(rf",\s+(?:{VERBS})\s+(?=[A-Z]|(?:the|a|an|one)\s)")


def _clause_end_source(rest: str) -> Source | None:
    """'"..." that Sanders can catch Clinton, said Steve Elmendorf.' (same sentence, no quote)."""
    stop = re.search(r"[.!?]\s|[“”\"]", rest)
    sentence = rest[: stop.start()] if stop else rest
    late = _LATE_VERB.search(sentence)
    if not late:
        return _clause_end_subject(sentence)
    mention, _ = subject_after(sentence[late.end() :])
    return Source(mention, sentence[late.start() + 1 : late.end()].strip()) if mention else None


# the subject may carry one appositive ("..., Ada Park, the former mayor, proclaimed to a crowd
# at the county fair on Tuesday.")
_LATE_SUBJECT = re.compile(
    rf",\s+(?:as\s+)?([^,;:]{{1,80}}?(?:,\s+(?:a|an|the)\s[^,;:]{{1,60}},)?)\s+({VERBS})\b[^,;:]{{0,90}}$"
)


def _clause_end_subject(sentence: str) -> Source | None:
    """'... a "small handful" of companies who sponsor the event, Gilbert said.': the
    reporting clause closes the writer's sentence after a comma."""
    late = _LATE_SUBJECT.search(sentence)
    if not late:
        return None
    mention = leading_subject(late.group(1))
    return Source(mention, late.group(2)) if mention else None


_BREAK = re.compile(r"([\w’'\-]*)([.!?;:])\s|[“”\"]")


_ABBREVIATED = re.compile(r"Mrs|Sen|Rep|Gov|Gen|Sgt|Capt|Adm|Prof|Rev|Maj|Pres|[A-Z][a-z]?|[A-Z]\w*[.\-][\w.\-]*")


def _breaks(text: str) -> bool:
    """A sentence ends, or a quotation starts, in `text` ("Sen. Rubio" and "R-Fla." do not)."""
    for match in _BREAK.finditer(text):
        if match.group(2) != "." or not _ABBREVIATED.fullmatch(match.group(1) or "x."):
            return True
    return False


def told_after(verb: str, rest: str) -> str | None:
    return _told(rest) if verb in _TOLD_VERBS else None


# Things with words on them: "held a sign reading “...”", "a hat that read “...”"
_INSCRIBED = re.compile(
    r"\b((?:a|an|the|one|another)\s+(?:(?![\w\-]*ing\b|(?:is|are|was|were|has|have|had)\b)[\w\-]+\s+){0,3}?"
    r"(?:sign|banner|hat|cap|shirt|t-shirt|"
    r"placard|poster|billboard|sticker|button|card|note|cover|mug|flag)s?)\s+(?:that\s+)?"
    r"(read|reads|reading|said|says|saying)\s*[,:]?\s*$",
    re.IGNORECASE,
)


_INSCRIBING = ("read", "reads", "reading", "said", "says", "saying")


def source_before(left: str) -> Source | None:
    """'X said: ...' / 'X called it a ...' / 'according to X, ...' in the sentence before."""
    end = left.rstrip(" ,:")[-8:].lower()
    inscribed = _INSCRIBED.search(left[-120:]) if end.endswith(_INSCRIBING) else None
    if inscribed:  # the sign's words, not its bearer's
        return Source(inscribed.group(1), inscribed.group(2))
    according = None
    for according in _ACCORDING.finditer(left):
        pass
    verbs = list(VERB.finditer(left, according.end() if according else 0))
    outer = _outer_source(left, verbs)
    if outer:
        return outer
    for verb in reversed(verbs[-3:]):
        before = left[: verb.start()]
        told = told_after(verb.group(), left[verb.end() :])
        lead = before.rstrip()
        if _NOT_A_VERB.search(lead) or _possessed(lead, verb.group()):
            continue  # "articles from noted scholars", "his stated aim", "Pyongyang's claims": no verb
        if PARTICIPLE.search(verb.group()) and _SAID_COMMA.search(lead):
            continue  # 'Spicer said, adding, “...”': the source is the earlier verb's
        if _PASSIVE.search(before) and not PARTICIPLE.search(verb.group()):
            agent = _agent(left[verb.end() :], verb.group())  # "Sanders was asked by host Bill Maher, “..."
            if agent:
                return agent
            continue  # "Trump was asked, “...”": the subject is not the speaker
        shared, mention = _shared_subject(verb.group(), lead, before)
        if shared:
            if mention:
                return Source(mention, verb.group(), told)
            continue
        mention = subject_before(before)
        if mention and _names_a_thing(before, verb.group(), left[verb.end() :]):
            continue  # "a class called “Perception”": a name given, the noun says nothing
        if mention and mention.split()[-1] == "to":  # "pointed to a case to say": an infinitive,
            mention = sentence_subject(before)  # whose subject is the sentence's
        if mention:
            written = None
            if mention.lower() == "who":
                antecedent = _who_antecedent(before.rstrip())
                mention, written = (antecedent, mention) if antecedent else (mention, None)
            return Source(mention, verb.group(), told, written=written)
        if PARTICIPLE.search(verb.group()):
            continue  # "saying Trump’s comments “are ...”": a participle's object, never its subject
        mention, length = subject_after(left[verb.end() :])
        tail = tokenize(left[verb.end() :])[length:]
        aside = tail[:1] == [","] and lead.endswith(",") and bool(mention) and capitalised(mention)
        if mention and not is_pronoun(mention) and (tail in ([":"], [","]) or not tail and capitalised(mention) or aside):
            return Source(mention, verb.group())  # 'said Trump: “...', 'Her secret, says Ada Park, is “...'
    if according:
        reporter = reported_according(left[: according.start()])
        if reporter:
            return reporter  # "Ada Park said that according to its count, ... “...”"
        mention, _ = subject_after(left[according.end() :])
        return Source(mention, "according to") if mention else None
    put = _PUT_IT.search(left[-120:]) if " it" in left[-6:] else None
    if put and leading_subject(put.group(1)):
        return Source(leading_subject(put.group(1)), "put it")  # "as Ada Park put it, “...”"
    if left.rstrip().endswith(":") and not verbs:
        return _colon_source(left.rstrip()[:-1])
    return None


_QUOTE_MARK = re.compile(r"[“”\"]")
_REPORTED_THAT = re.compile(rf"\b({VERBS})\b(?:\s+[\w’'.\-]+){{0,3}}?\s+that\s*,?\s*$")


def reported_according(before: str) -> Source | None:
    """'Ada Park said Tuesday that according to its analysis, the party has won': an
    "according to" that opens the clause a reporting verb reports is that clause's own
    attribution; the verb's subject is the source. None when no such verb precedes it."""
    verb = _REPORTED_THAT.search(before)
    if not verb or verb.group(1) not in _CLAUSE_VERBS:
        return None
    mention = subject_before(before[: verb.start()])
    return Source(mention, verb.group(1)) if mention and mention.lower() != "who" else None


_NAMING_VERBS = {"called", "dubbed", "named", "labeled", "labelled", "termed", "titled", "nicknamed"}


def _names_a_thing(before: str, verb: str, after: str) -> bool:
    """'a syllabus for a 2002 psychology class called “Perception”', 'an inflation formula
    called the “chained CPI”': a naming participle right before the quotation after an
    indefinite noun phrase is a reduced relative clause (a thing and its name), not that noun
    phrase speaking; a finite 'called' has its object first ('a reporter called it “...')."""
    return (verb in _NAMING_VERBS and after.strip().lower() in {"", "the", "a", "an"}
            and bool(_INDEFINITE_END.search(before)))


# an indefinite noun phrase of up to five words ends the text: "for a 2002 psychology class"
# (no relative word in it: "a third would be what Sroka called a “...”" is Sroka's)
_INDEFINITE_END = re.compile(
    r"(?:^|\s)[Aa]n?\s+(?:(?!(?:what|which|that|who|whom|is|was|be)\s)[\w\-’']+\s+){0,3}[a-z][\w\-]*\s*$"
)
_PUT_IT = re.compile(r"\bas\s+([^,;:“”\"]{1,80}?)\s+(?:put|puts)\s+it\s*[,:]?\s*$")


# Verbs whose object is a clause of reported speech ("X said (that) Y called it “...”")
_CLAUSE_VERBS = {
    "said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "noted", "notes",
    "argued", "argues", "claimed", "claims", "insisted", "insists", "warned", "warns", "stated",
    "states", "explained", "explains", "suggested", "suggests", "predicted", "predicts",
    "acknowledged", "admitted", "admits", "conceded", "concedes", "maintained", "maintains",
    "contended", "contends", "asserted", "asserts", "recalled", "recalls", "declared", "declares",
}


_CLAUSE_BREAK = re.compile(
    r"[,;:“”\"\n]|[.!?]\s|\b(?:as|while|when|whereas|after|before|because|but|although|though|"
    r"until|since|if|unless)\b"
)
_PASSIVE = re.compile(r"\b(?:is|was|were|are|be|been|being)\s+(?:\w+ly\s+)?$")
_WORD_BEFORE = re.compile(r"([\w’'\-]*)$")


def _clause_breaks(left: str, start: int, end: int) -> bool:
    """Whether the clause a reporting verb opens at `start` ends before `end` (the quotation).
    Not at the full stop of a title or an initial ("said Mr. Obama", "George W. Bush"), nor at
    an "as" right before the quotation ("referred to themselves as “...”")."""
    for found in _CLAUSE_BREAK.finditer(left, start, end):
        mark = found.group()
        if mark == ". " and _ABBREVIATED.fullmatch(_WORD_BEFORE.search(left, 0, found.start()).group(1)):
            continue
        if mark == "as" and not left[found.end() : end].strip():
            continue
        return True
    return False


_BY = re.compile(r"\s*(?:\w+ly\s+)?by\s+")


def _agent(after: str, verb: str) -> Source | None:
    """The agent of a passive reporting verb: '(was asked) by host Bill Maher'."""
    by = _BY.match(after)
    mention, _ = subject_after(after[by.end() :]) if by else (None, 0)
    return Source(mention, verb) if mention else None


def _outer_source(left: str, verbs: list[re.Match[str]]) -> Source | None:
    """'Trump said that Romney begged him and “would have dropped to his knees”': a quotation
    inside the clause a reporting verb introduces is that verb's subject's report, whatever
    verbs the clause has of its own."""
    if len(verbs) < 2:
        return None
    end = len(left.rstrip(" ,:\n"))
    for outer in verbs[:-1]:
        if outer.group() not in _CLAUSE_VERBS or _clause_breaks(left, outer.end(), end):
            continue  # "When Trump suggested ..., Rubio fired back": the clause ended
        if _PASSIVE.search(left, 0, outer.start()):
            continue  # "after the winner was declared"
        mention = subject_before(left[: outer.start()])
        if mention and mention.lower() != "who":
            return Source(mention, outer.group(), told_after(outer.group(), left[outer.end() :]))
        return None
    return None


def _shared_subject(verb: str, lead: str, before: str) -> tuple[bool, str | None]:
    """Whether the verb's subject is not the words right before it, and then that subject:
    "Perez hammered Trump, calling him a “x”", "Bush paused and said “...”", "with many
    marchers chanting “...”"."""
    participle = bool(PARTICIPLE.search(verb))
    absolute = _WITH_SUBJECT.search(lead) if participle else None
    mention = leading_subject(absolute.group(1)) if absolute else None
    if mention and not is_pronoun(mention):
        return True, mention  # "with" and a noun phrase: the participle's own subject
    coordinated = _COORDINATED.search(lead)
    if not coordinated and not (participle and (lead.endswith(",") or _object_before(lead))):
        return False, None
    earlier = _first_verb_subject(lead[: coordinated.start()]) if coordinated else None
    return True, earlier or sentence_subject(before)


_WITH_SUBJECT = re.compile(r"\bwith\s+((?:[\w’'\-]+\s+){0,8}[\w’'\-]+)$")


_PREPOSITIONAL_END = re.compile(
    r"\b(?:to|in|from|with|for|at|on|about|of|into)\s+(?:\w[\w’'.\-]*\s+){0,5}\w[\w’'.\-]*$"
)


def _colon_source(lead: str) -> Source | None:
    """No listed verb before a colon: the name right before it speaks ("Pew Research: “...”",
    "... doesn't surprise pollster Daron Shaw: “...”") unless it is governed by a preposition
    ("McConnell delivered a blunt message to Trump: “...”"): then the sentence's subject."""
    if not _PREPOSITIONAL_END.search(lead):
        mention = subject_before(lead)
        if mention and capitalised(mention):
            return Source(mention, None)
    mention = sentence_subject(lead)
    if not mention or mention.lower() in {"it", "you", "we"} or mention.isupper():
        return None
    return Source(mention, None)


_OBJECT_END = re.compile(r"(?:^|\s)(?:[a-z][\w’'\-]*|upon|by|after|before|while)$")


def _object_before(lead: str) -> bool:
    """'... issued a statement saying', '... incurred boos upon saying': a participle after a
    lower-case word belongs to the sentence's subject, not to the thing named before it."""
    words = lead.split()
    while words and (adverb(words[-1]) or words[-1] in _MID_ADVERBS):
        words.pop()  # "with Trump reportedly yelling": the adverb hides the participle's subject
    if words and words[-1] in _PROGRESSIVE:
        return False  # "the campaign is already claiming", "Johnson kept asking": a finite verb
    if len(words) >= 2 and capitalised(words[-1]) and words[-2] in _PREPOSITIONS:
        return True  # "responded on Facebook writing": a name after a preposition is an object
    named = len(words)
    while named > max(0, len(words) - 5) and capitalised(words[named - 1]):
        named -= 1
    if named < len(words) and named >= 1 and words[named - 1] == "to":
        return True  # "a letter to Attorney General Ada E. Park asking": the one addressed
    # (not "from": "no different from George H.W. Bush calling" makes Bush the one calling)
    match = _OBJECT_END.search(" ".join(words[-1:]))
    return bool(match) and not is_pronoun(match.group().strip())


_PROGRESSIVE = {"is", "was", "are", "were", "been", "am", "kept", "keeps", "keep"}
# adverbs without -ly that sit inside a verb phrase: "is already claiming", "was still saying"
_MID_ADVERBS = {"already", "still", "now", "also", "just", "even", "again", "always", "never", "often"}


# not "with": "with Trump yelling" makes Trump the participle's subject
_PREPOSITIONS = {"on", "in", "to", "at", "from", "via", "through", "over"}


_NOT_A_VERB = re.compile(
    r"(?:^|\s)(?:from|of|by|with|among|the|a|an|his|her|their|its|our|my|your|this|these|those)$",
    re.IGNORECASE,
)


_POSSESSIVE_END = re.compile(r"(?<![\w’'])([\w\-]+)(?:[’']s|s[’'])$")


def _possessed(lead: str, verb: str) -> bool:
    """'Pyongyang's claims', 'the congressman’s alleged': a noun's possessive makes the verb
    form a noun or an adjective ("he’s predicting" is "he is": a pronoun's contraction)."""
    owner = _POSSESSIVE_END.search(lead)
    return bool(owner) and not PARTICIPLE.search(verb) and not is_pronoun(owner.group(1)) \
        and owner.group(1).lower() not in _DEMONSTRATIVE_OWNERS


_DEMONSTRATIVE_OWNERS = {"that", "there", "what", "here", "where", "who", "this"}  # "that’s"


_SAID_COMMA = re.compile(rf"\b(?:{VERBS})(?:\s+[\w’'.-]+){{0,3}},$")


_EARLIER_VERB = re.compile(
    rf"(?<![\w’'\-])(?:{VERBS}|[a-z]{{3,}}ed|{'|'.join(sorted(IRREGULAR_PAST))})\b"
)


def _first_verb_subject(lead: str) -> str | None:
    """'when Ryan of Wisconsin lamented the state of the race and criticized': the verb
    before the conjunction shares its subject with the one after, wherever the sentence opens;
    so does a participle right after a name ('with Trump tweeting that ... and asking')."""
    verbs = []
    for match in _EARLIER_VERB.finditer(lead, max(0, len(lead) - 200)):
        previous = lead[max(0, match.start() - 12) : match.start()].split()
        if not previous or (previous[-1].lower() not in DETERMINERS and previous[-1][-1] not in _QUOTE_START
                            and not _possessed(previous[-1], match.group())):
            verbs.append(match)  # not "the “disheartened” state": an adjective, quoted or not
    earlier = verbs[-1] if verbs else None
    if len(verbs) > 1 and _THAT_CLAUSE.search(lead, 0, earlier.start()):
        earlier = verbs[-2]  # "noted that he taught law, and added": the main verb's subject
    if earlier is None:
        return None
    before = lead[: earlier.start()]
    words = before.split()
    named = bool(words) and capitalised(words[-1]) and words[-1].isalpha()
    if not words or words[-1] == "to" or (PARTICIPLE.search(earlier.group()) and not named):
        return None  # "a chance to read", "a statement saying": no subject of its own
    mention = subject_before(before)
    return mention if mention and mention.lower() != "who" else None


_THAT_CLAUSE = re.compile(r"\bthat\s+(?:[\w’'.\-]+\s+){1,4}$")


_COORDINATED = re.compile(r"\b(?:and|but|then|before|after)(?:\s+(?:also|later|then|quickly))?$")
