"""Who said a quotation: the writer's sentence around it, read with a small English grammar.

Pure functions on the text either side of one quotation (no document state): `source_after`
reads "..., X said" / "said X" / "X told Reuters" / "according to X" after it, `source_before`
reads "X said: ..." / "X called it a ..." before it, and `sentence_subject` finds the subject
of the writer's sentence when no reporting verb is listed. Subjects are walked word by word:
names with their titles, pronouns, descriptions ("one source close to Mr Macron"), appositives
("Paul Lindsay, a spokesman for the PAC, said").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Generic English reporting verbs, as they follow a subject ("Trump said") or precede it ("said
# Trump"). "called"/"described" introduce partial quotes (called the plan “a disaster”).
_VERBS = (
    "said|says|say|saying|told|tells|tell|telling|added|adds|adding|wrote|writes|writing|asked|"
    "asks|asking|replied|replies|responded|responds|continued|continues|explained|explains|noted|"
    "notes|noting|stated|states|argued|argues|arguing|insisted|insists|declared|declares|warned|"
    "warns|warning|tweeted|tweets|tweeting|posted|announced|announces|acknowledged|admitted|"
    "admits|conceded|concedes|claimed|claims|claiming|suggested|suggests|recalled|recalls|"
    "remarked|observed|observes|concluded|concludes|quipped|joked|jokes|shouted|yelled|chanted|"
    "cried|pledged|promised|promises|vowed|vows|predicted|predicts|stressed|emphasized|"
    "emphasised|called|calls|calling|described|describes|describing|dubbed|labeled|labelled|"
    "branded|slammed|blasted|criticized|criticised|accused|accuses|praised|urged|urges|testified|"
    "reported|reports|read|reads|boasted|boasts|bragged|complained|complains|lamented|mused|"
    "countered|counters|retorted|objected|assured|confirmed|confirms|denied|denies|maintained|"
    "maintains|contended|contends|opined|offered|echoed|agreed|agrees|cautioned|proclaimed|"
    "charged|alleged|alleges|texted|emailed|asserted|asserts|affirmed|repeated|reiterated|"
    "demanded|questioned|wondered|wonders|thundered|sniped|scoffed|exclaimed|whispered|screamed|"
    "began|begins|went on|goes on|pointed out|points out|put it|puts it|referred to|refers to|"
    "dismissed|mocked|derided|hailed|touted|invoked|cited|quoted|sang|answered|answers|"
    "interjected|chimed in|shot back|fired back|summed up|spelled out|laid out|rejected|decried|"
    "deemed|termed|characterized|framed|likened|compared|vowing|promising|pledging|insisting|"
    "declaring|stating|boasting|explaining|recalling|urging|accusing|joking|complaining|"
    "predicting|barked|snapped|fumed|gushed|raved|conceding|acknowledging|pleaded|begged|"
    "implored|roared|laughed|sighed|groaned|muttered|marveled|marvelled|recounted|elaborated|"
    "clarified|protested|interrupted|blogged|messaged|chided|chiding|scolded|replying|responding|"
    "answering|suggesting|announcing|stressing|yelling|shouting|chanting|screaming|"
    "proclaiming|reiterating|repeating|quipping|blasting|slamming|criticizing|criticising|"
    "praising|dismissing|mocking|questioning|demanding|wondering|asserting|tweeted out|"
    "remembered|reacted|retorting|countering|lamenting|cautioning|writing in"
)
# participles: the subject is the sentence's, not a word before them ("..., calling him a “x”").
_PARTICIPLE = re.compile(r"ing$")
_VERB = re.compile(rf"\b(?:{_VERBS})\b")
_VERB_AT = re.compile(rf"(?:{_VERBS})\b")
PRONOUNS = {"he", "she", "they", "i", "we", "it", "who", "you"}
_DETERMINERS = {
    "a", "an", "the", "one", "two", "three", "four", "five", "several", "some", "many", "most",
    "other", "another", "his", "her", "their", "its", "our", "these", "those", "both", "few",
    "multiple", "numerous", "various", "no", "each", "all",
}
# Words that end a subject when walking back from its verb.
_STOP = {
    "that", "which", "and", "but", "or", "because", "when", "while", "as", "if", "after",
    "before", "since", "though", "although", "where", "whom", "whose", "what", "is", "was",
    "are", "were", "be", "been", "being", "not", "so", "than", "then", "also", "by", "said",
    "says", "told", "why", "how", "whether", "on", "in", "at", "into", "about", "over",
    "during", "until", "against", "like", "unlike", "did", "does", "do", "has", "have", "had",
    "would", "will", "could", "should", "can", "may", "might", "must", "there", "here", "this",
}
# Auxiliaries and adverbs between a subject and its verb ("has also said", "later told").
_BETWEEN = {
    "has", "have", "had", "also", "later", "then", "previously", "once", "again", "recently",
    "repeatedly", "would", "will", "could", "might", "may", "can", "did", "does", "was", "is",
    "were", "never", "often", "first", "earlier", "publicly", "privately", "reportedly",
    "simply", "just", "even", "only", "still", "famously", "quickly", "flatly", "had",
    "frequently", "always", "already", "sometimes", "now", "once", "ultimately", "finally",
    "subsequently", "initially", "originally", "bluntly", "angrily", "recently", "not",
}
SENTENCE_WORDS = {
    "but", "and", "yet", "so", "then", "still", "now", "later", "earlier", "meanwhile", "however",
    "instead", "also", "even", "in", "on", "at", "after", "before", "when", "while", "as", "if",
    "though", "although", "because", "since", "during", "asked", "speaking", "writing", "the",
    "today", "yesterday", "tonight", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "last", "this", "here", "there", "with", "for", "from", "by",
    "according", "like", "unlike", "under", "over", "despite", "until", "via", "of", "to", "that",
    "alongside", "amid", "among", "across", "around", "behind", "beyond", "inside", "outside",
    "within", "without", "toward", "towards", "throughout", "following", "regarding", "besides",
    "upon", "against", "between", "through", "once",
}
_DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
TITLES = {
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "sen",
    "senator", "rep", "representative", "gov", "governor", "president", "chancellor",
    "secretary", "minister", "premier", "mayor", "judge", "justice", "gen", "general", "lt",
    "col", "colonel", "adm", "admiral", "capt", "captain", "sgt", "rev", "reverend", "pastor",
    "father", "speaker", "chairman", "chairwoman", "chair", "leader", "commissioner", "attorney",
    "ambassador", "king", "queen", "prince", "princess", "pope", "bishop", "cardinal", "rabbi",
    "imam", "sheikh", "chief", "director", "officer", "ceo", "founder", "coach", "host",
    "anchor", "candidate", "nominee", "congressman", "congresswoman", "councilman",
    "councilwoman", "councillor", "councilor", "assemblyman", "assemblywoman", "delegate", "sheriff", "detective", "agent",
    "spokesman", "spokeswoman", "spokesperson", "vice", "prime", "deputy", "acting", "former",
    "state", "house", "senate", "majority", "minority", "democratic", "republican", "gop",
    "u.s", "us", "white", "press", "foreign", "defense", "defence", "interior", "treasury",
    "finance", "labor", "labour", "health", "homeland", "security", "national", "general's",
}
_SOURCE_NOUNS = (
    r"sources?|officials?|spokes(?:man|woman|person|people|men|women)|aides?|advis[eo]rs?|"
    r"insiders?|people|person|persons|diplomats?|staffers?|employees?|members?|observers?|"
    r"operatives?|strategists?|allies|ally|associates?|confidants?|friends?|lawmakers?|donors?|"
    r"analysts?|experts?|critics?|supporters?|residents?|voters?|witnesses?|officers?|"
    r"executives?|representatives?|negotiators?|organi[sz]ers?|activists?|leaders?|"
    r"campaigners?|protesters?|attendees?|participants?|individuals?|someone|somebody"
)
ANONYMOUS = re.compile(
    rf"^(?:(?:{'|'.join(sorted(_DETERMINERS))})\s+)?(?:[\w’'-]+\s+){{0,3}}(?:{_SOURCE_NOUNS})\b",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\([^()]{0,60}\)|[^\W_]+(?:['’.\-&][^\W_]+)*\.?|[,;:—–]|[\"“”]", re.UNICODE)
_RIGHT_LEAD = re.compile(r"[\s,.;:!?—–-]*")
_ABBREVIATION = r"(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Jr|Sr|St|Capt|Adm|Prof|Rev|Maj|Pres)\."
_NAME_WORD = rf"(?:{_ABBREVIATION}|[A-Z]\.(?:[A-Z]\.)*|[A-Z][\w’'\-]*)"
CAP_NAME = re.compile(
    rf"{_NAME_WORD}(?:[ \t]+(?:(?:de|da|del|van|von|der|al|bin|of)[ \t]+)?{_NAME_WORD})*"
)


@dataclass
class Source:
    mention: str  # as written: "he", "Mr Scholz", "one source close to Mr Macron"
    verb: str | None
    told: str | None = None
    cue: str = "verb"  # how it was found: verb, paragraph, previous (paragraph), subject
    from_right: bool = False  # found after the quotation ("..., he said")



def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def capitalised(token: str) -> bool:
    return token[:1].isupper() and token[:1].isalpha()


def _subject_before(left: str) -> str | None:
    """The subject of a verb that ends `left`, walking back: "Mr Scholz has", "officials"."""
    tokens = tokenize(left[-300:])
    i = len(tokens) - 1
    while i >= 0 and (tokens[i].lower() in _BETWEEN or tokens[i].startswith("(") or _adverb(tokens[i])):
        i -= 1
    if i < 0:
        return None
    if tokens[i] == ",":
        return _appositive_subject(tokens, i)
    if is_pronoun(tokens[i]):
        return _bare_pronoun(tokens[i])
    start = _phrase_start(tokens, i)
    return _mention(tokens[start : i + 1]) if start is not None else None


def _adverb(token: str) -> bool:
    return token.islower() and token.endswith("ly") and len(token) > 4


_CLAUSE_MARKS = {";", ":", "—", "–", "“", "”", '"'}


def _appositive_subject(tokens: list[str], comma: int) -> str | None:
    """"Paul Lindsay, a spokesman for the PAC, said" or "a spokesman, Paul Lindsay, said"."""
    head = _clause_head_name(tokens, comma)
    if head:
        return head
    j = comma - 1
    while j >= 0 and tokens[j] not in {",", ";", ":", "—", "–", "“", "”", '"'} and comma - j < 14:
        j -= 1
    if j < 0 or tokens[j] != ",":
        return None
    inner = tokens[j + 1 : comma]
    if inner and all(capitalised(t) or t.lower() in {"of", "de", "van", "von"} for t in inner):
        return _mention(inner)
    if j >= 1 and (tokens[j - 1].lower() == "who" or tokens[j - 1].lower() in PRONOUNS):
        return tokens[j - 1]
    start = _phrase_start(tokens, j - 1)
    return _mention(tokens[start:j]) if start is not None else None


def _clause_head_name(tokens: list[str], comma: int) -> str | None:
    """A name opening the clause, however many commas follow it: "Cory James, 22, of Flint,
    Mich., said"; "Clinton, during a town hall in Columbus, Ohio, said". An opening phrase
    ("In Ohio,", "On Monday,") is skipped."""
    start = comma - 1
    while start >= 0 and tokens[start] not in _CLAUSE_MARKS and comma - start < 60:
        start -= 1
    segment: list[str] = []
    for token in tokens[start + 1 : comma]:
        if token != ",":
            segment.append(token)
            continue
        words = [t for t in segment if not t.startswith("(")]
        if words and words[0].lower() not in SENTENCE_WORDS and len(words) <= 6 and all(
            capitalised(t) or t.lower() in {"of", "de", "van", "von"} for t in words
        ) and not is_pronoun(words[0]):
            return _mention(words)
        if words and (words[0].lower() not in SENTENCE_WORDS or not capitalised(words[0])):
            return None  # the clause opens with something else: leave it to the nearer reading
        segment = []
    return None


def _phrase_start(tokens: list[str], i: int) -> int | None:
    """Index where the noun phrase ending at tokens[i] starts, or None if it is no subject."""
    start = _name_or_noun_start(tokens, i)
    if start is None:
        return None
    # "one source close to Mr Macron", "Joel Pollak of Breitbart", "people familiar with ..."
    for _ in range(2):
        k = start - 1
        if k >= 1 and tokens[k].lower() in {"of", "for", "to", "with", "at", "from"}:
            outer = _name_or_noun_start(tokens, k - 1)
            if outer is not None and _can_extend(tokens[outer : k], tokens[k].lower()):
                start = outer
                continue
        break
    return start


def _can_extend(head: list[str], preposition: str) -> bool:
    if not head:
        return False
    if all(capitalised(t) for t in head):
        return preposition in {"of", "for", "at", "from"}
    phrase = " ".join(head).lower()
    if preposition in {"to", "with"}:
        return phrase.endswith(("close", "familiar", "closer", "near"))
    return bool(ANONYMOUS.match(phrase)) or head[0].lower() in _DETERMINERS


def _name_or_noun_start(tokens: list[str], i: int) -> int | None:
    if i < 0:
        return None
    token = tokens[i]
    if capitalised(token):
        j = i
        while j - 1 >= 0 and (
            capitalised(tokens[j - 1])
            or (tokens[j - 1].lower() in {"of", "de", "van", "von", "del", "da", "al", "bin"}
                and j - 2 >= 0 and capitalised(tokens[j - 2]))
        ):
            j -= 1
        while j <= i and tokens[j].lower() in SENTENCE_WORDS:
            j += 1
        if j > i:
            return None
        return j
    if token.lower() in _QUANTIFIERS:
        return i  # "most said", "many say": a quantifier stands for its group
    if not token[:1].isalpha() or token.lower() in _STOP or token.lower() in _DETERMINERS:
        return None
    j = i
    while j - 1 >= 0 and i - j < 6:
        prev = tokens[j - 1]
        low = prev.lower()
        if low in _DETERMINERS or _number(prev):
            return j - 1  # "the voters", "21 percent", "75 percent of Republicans"
        if not prev[:1].isalnum() or low in _STOP or low in SENTENCE_WORDS or low in PRONOUNS:
            break
        j -= 1
    # No determiner: a bare plural or source noun ("officials", "people familiar") only.
    if ANONYMOUS.match(" ".join(tokens[j : i + 1])) or tokens[j].endswith("s"):
        return j
    return None


_QUANTIFIERS = {"most", "many", "some", "several", "both", "few", "others", "all"}


def _number(token: str) -> bool:
    return token[:1].isdigit()


def _subject_after(text: str) -> tuple[str | None, int]:
    """A noun phrase at the start of `text` (after "said"): "Paul Lindsay", "a spokesman for X"."""
    tokens = tokenize(text[:200])
    taken: list[str] = []
    for token in tokens[:12]:
        low = token.lower()
        if not token[:1].isalnum():
            break
        only_determiners = all(t.lower() in _DETERMINERS for t in taken)
        if taken and (low in _STOP or low in {"who", "last", "today", "yesterday", "tonight", "in"}
                      or (low in SENTENCE_WORDS - {"of", "for", "the", "to", "with"}
                          and not (only_determiners and low in _DAYS))):
            break
        if not taken and (low in _STOP or low in SENTENCE_WORDS - {"the"}):
            return None, 0
        taken.append(token)
        if low in PRONOUNS:
            break
    while taken and taken[-1].lower() in _DETERMINERS | {"of", "for", "to", "with"}:
        taken.pop()
    return _mention(taken), len(taken)


def _mention(tokens: list[str]) -> str | None:
    """Join a phrase's tokens, dropping a sentence's full stop from its last word."""
    if not tokens:
        return None
    last = tokens[-1]
    if last.endswith(".") and (len(last) > 4 or last[:-1].islower()) and last.count(".") == 1:
        tokens = [*tokens[:-1], last[:-1]]
    return " ".join(tokens)


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


def source_after(after: str) -> Source | None:
    """'..., said X' / '..., X said' / '..., X told Reuters' / '..., according to X'."""
    rest = after[_RIGHT_LEAD.match(after).end() :]
    if not rest or rest[0] in _QUOTE_START:
        return None
    according = re.match(r"according to\s+", rest, re.IGNORECASE)
    if according:
        mention, _ = _subject_after(rest[according.end() :])
        return Source(mention, "according to") if mention else None
    verb = _VERB_AT.match(rest)
    if verb and _PARTICIPLE.search(verb.group()):
        return None  # '“...,” telling reporters': the subject is the sentence's, before the quote
    if verb:
        mention, _ = _subject_after(rest[verb.end() :])
        if mention:
            return Source(mention, verb.group(), _told_after(verb.group(), rest[verb.end() :]))
        return None
    verb = _VERB.search(rest, 0, 200)
    if not verb or _breaks(rest[: verb.start()]):
        return None
    mention = _leading_subject(rest[: verb.start()])
    if not mention:
        return _clause_end_source(rest)
    return Source(mention, verb.group(), _told_after(verb.group(), rest[verb.end() :]))


_NAME_RUN = r"[A-Z][\w’'.\-]*(?:\s+(?:[A-Z][\w’'.\-]*|de|van|von))*"
_CLAUSE_END = r"(?=\s*(?:[.,;]|$|\s(?:in|on|at|to|during|after|before|from|with|of)\b))"
_UNLISTED_AFTER = re.compile(
    rf"[\s,]*(?:(?P<verb1>[a-z]{{3,}}ed)\s+(?P<name1>{_NAME_RUN})|"
    rf"(?P<name2>{_NAME_RUN}|he|she|they|we|I)\s+(?P<verb2>[a-z]{{3,}}ed)){_CLAUSE_END}"
)


def source_unlisted_after(after: str) -> Source | None:
    """'“...?” Hannity pressed.' / '“...,” remembered Roy Verley, ...': right after a quotation
    that ends on a comma or question mark, a name and a past-tense verb in either order make a
    reporting clause even when the verb is not one we list."""
    match = _UNLISTED_AFTER.match(after)
    if not match:
        return None
    name = match.group("name1") or match.group("name2")
    if name.split()[0].lower() in SENTENCE_WORDS:
        return None
    return Source(_mention(name.split()) or name, match.group("verb1") or match.group("verb2"))


_LATE_VERB = re.compile(rf",\s+(?:{_VERBS})\s+(?=[A-Z])")


def _clause_end_source(rest: str) -> Source | None:
    """'"..." that Sanders can catch Clinton, said Steve Elmendorf.' (same sentence, no quote)."""
    stop = re.search(r"[.!?]\s|[“”\"]", rest)
    sentence = rest[: stop.start()] if stop else rest
    late = _LATE_VERB.search(sentence)
    if not late:
        return _clause_end_subject(sentence)
    mention, _ = _subject_after(sentence[late.end() :])
    return Source(mention, sentence[late.start() + 1 : late.end()].strip()) if mention else None


_LATE_SUBJECT = re.compile(rf",\s+([^,;:]{{1,80}}?)\s+({_VERBS})\b[^,;:]{{0,60}}$")


def _clause_end_subject(sentence: str) -> Source | None:
    """'... a "small handful" of companies who sponsor the event, Gilbert said.': the
    reporting clause closes the writer's sentence after a comma."""
    late = _LATE_SUBJECT.search(sentence)
    if not late:
        return None
    mention = _leading_subject(late.group(1))
    return Source(mention, late.group(2)) if mention else None


_BREAK = re.compile(r"([\w’'\-]*)([.!?;:])\s|[“”\"]")
_ABBREVIATED = re.compile(r"Mrs|Sen|Rep|Gov|Gen|Sgt|Capt|Adm|Prof|Rev|Maj|Pres|[A-Z][a-z]?|[A-Z]\w*[.\-][\w.\-]*")


def _breaks(text: str) -> bool:
    """A sentence ends, or a quotation starts, in `text` ("Sen. Rubio" and "R-Fla." do not)."""
    for match in _BREAK.finditer(text):
        if match.group(2) != "." or not _ABBREVIATED.fullmatch(match.group(1) or "x."):
            return True
    return False


def _leading_subject(subject: str) -> str | None:
    """All of the words between a quotation and its verb, when they are a subject phrase:
    "Democratic pollster Peter Fenn", "Miller, a retired worker,", "he"."""
    tokens = [t for t in tokenize(subject) if not t.startswith("(")]
    while tokens and (tokens[-1].lower() in _BETWEEN or _adverb(tokens[-1]) or tokens[-1] == ","):
        tokens.pop()
    if not tokens:
        return None
    if len(tokens) >= 2 and tokens[-2] == "," and is_pronoun(tokens[-1]):
        return _bare_pronoun(tokens[-1])  # "South Carolina, he said, was ...": "he"
    if "," in tokens:
        # An appositive, however long: "Miller, a retired worker, said"; "Robert McDuff,
        # attorney for one of four groups to file suit over the law, said".
        head = tokens[: tokens.index(",")]
        if 0 < len(head) <= 12 and (capitalised(head[0]) or head[0].lower() in _DETERMINERS) and not (
            {t.lower() for t in head} & _STOP
        ):
            return _mention(head)
        return None
    if len(tokens) > 12:
        return None
    first = tokens[0]
    # a capitalised word inside a name is no stop word ("CBS This Morning anchor Ann Lee")
    low = {t.lower() for i, t in enumerate(tokens) if i == 0 or not capitalised(t)}
    # inside a subject, "and" joins subjects ("the senator and candidate"); opening it, a clause
    allowed = {"the", "and"} if first.lower() != "and" else {"the"}
    if low & (_STOP - allowed) or any(not t[:1].isalnum() for t in tokens):
        return None
    if len(tokens) == 1 and is_pronoun(first):
        return _bare_pronoun(first)
    if capitalised(first) or first.lower() in _DETERMINERS or ANONYMOUS.match(" ".join(tokens)):
        return _mention(tokens)
    if capitalised(tokens[-1]) and not is_pronoun(tokens[-1]):
        # lower-case titles before a name: "former Florida governor Jeb Bush said"
        return _mention(tokens)
    return None


def is_pronoun(token: str) -> bool:
    return token.lower().replace("’", "'").split("'")[0] in PRONOUNS


def _told_after(verb: str, rest: str) -> str | None:
    return _told(rest) if verb in _TOLD_VERBS else None


def source_before(left: str) -> Source | None:
    """'X said: ...' / 'X called it a ...' / 'according to X, ...' in the sentence before."""
    according = None
    for according in _ACCORDING.finditer(left):
        pass
    verbs = list(_VERB.finditer(left, according.end() if according else 0))
    for verb in reversed(verbs[-3:]):
        before = left[: verb.start()]
        told = _told_after(verb.group(), left[verb.end() :])
        lead = before.rstrip()
        if _PARTICIPLE.search(verb.group()) and _SAID_COMMA.search(lead):
            continue  # 'Spicer said, adding, “...”': the source is the earlier verb's
        if (_PARTICIPLE.search(verb.group()) and (lead.endswith(",") or _object_before(lead))) or \
                _COORDINATED.search(lead):
            # "Perez hammered Trump, calling him a “x”"; "Bush paused and said “...”"
            mention = sentence_subject(before)
            if mention:
                return Source(mention, verb.group(), told)
            continue
        mention = _subject_before(before)
        if mention:
            if mention.lower() == "who":
                antecedent = _WHO.search(before.rstrip())
                mention = antecedent.group(1) if antecedent else mention
            return Source(mention, verb.group(), told)
        mention, length = _subject_after(left[verb.end() :])
        tail = tokenize(left[verb.end() :])[length:]
        if mention and not is_pronoun(mention) and (tail in ([":"], [","]) or not tail and capitalised(mention)):
            return Source(mention, verb.group())  # 'said Trump: “...'
    if according:
        mention, _ = _subject_after(left[according.end() :])
        return Source(mention, "according to") if mention else None
    if left.rstrip().endswith(":") and not verbs:
        mention = _subject_before(left.rstrip()[:-1])  # a heading's "Pew Research: “...”"
        if mention and capitalised(mention):
            return Source(mention, None)
    return None


_OBJECT_END = re.compile(r"(?:^|\s)(?:[a-z][\w’'\-]*|upon|by|after|before|while)$")


def _object_before(lead: str) -> bool:
    """'... issued a statement saying', '... incurred boos upon saying': a participle after a
    lower-case word belongs to the sentence's subject, not to the thing named before it."""
    words = lead.split()
    while words and _adverb(words[-1]):
        words.pop()  # "with Trump reportedly yelling": the adverb hides the participle's subject
    match = _OBJECT_END.search(" ".join(words[-1:]))
    return bool(match) and not is_pronoun(match.group().strip())


_SAID_COMMA = re.compile(rf"\b(?:{_VERBS})(?:\s+[\w’'.-]+){{0,3}},$")
_COORDINATED = re.compile(r"\b(?:and|but|then|before|after)(?:\s+(?:also|later|then|quickly))?$")
_INTRO = re.compile(r"^[^,]{0,80}?,\s+")


# "WASHINGTON, Aug. 24 (UPI) — " opens a wire story before its first sentence's subject
_DATELINE = re.compile(r"(?:\s*[A-Z][A-Z .'’\-]{2,30},[^—–\n]{0,40}\s[—–-]+\s*)?")
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
    first = tokenize(text[:30])
    # "The mayor, a Democrat, ..." opens with its subject, not with an opening phrase;
    # "Shortly after ...," does ("Shortly" is no name)
    if first and ((first[0].lower() in SENTENCE_WORDS and first[0].lower() not in {"the", "a", "an"})
                  or _adverb(first[0].lower())):
        intro = _INTRO.match(text)
        if intro:
            text = text[intro.end() :]
        else:
            while first and first[0].lower() in SENTENCE_WORDS and first[0].lower() not in _DETERMINERS:
                text = text.lstrip()[len(first[0]) :]
                first = first[1:]
    return _head_subject(tokenize(text[:200]))


def _head_subject(tokens: list[str]) -> str | None:
    """The noun phrase that opens a clause: a name (with its title words), a pronoun, or a
    determiner and up to five words. A word ending in -ed is taken for the verb."""
    if not tokens:
        return None
    if is_pronoun(tokens[0]):
        return _bare_pronoun(tokens[0])
    title_end = _bridge(tokens, 0) if tokens[0].islower() else None
    if title_end:
        tokens = tokens[title_end:]  # "nominee Ada Park issued ...": the name after its titles
    taken: list[str] = []
    if capitalised(tokens[0]) and tokens[0].lower() not in _DETERMINERS:
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
        return _mention(taken)
    if tokens[0].lower() not in _DETERMINERS:
        return None
    for token in tokens[:7]:
        low = token.lower()
        if taken and (not token[:1].isalnum() or low in _STOP or low.endswith("ed")
                      or low in _IRREGULAR_PAST):
            break
        taken.append(token)
    return _mention(taken) if len(taken) > 1 else None


# Common irregular past tenses: the verb that ends a subject like "the campaign sent ..."
_IRREGULAR_PAST = {
    "sent", "put", "gave", "took", "made", "went", "came", "got", "held", "ran", "saw", "found",
    "left", "brought", "began", "kept", "thought", "felt", "knew", "met", "set", "led", "won",
    "lost", "paid", "spent", "stood", "heard", "meant", "sold", "built", "became", "shot", "hit",
    "cut", "let", "spoke", "chose", "drew", "broke", "fell", "rose", "threw", "grew", "struck",
    "sought", "taught", "caught", "fought", "bought", "wrote", "told", "said", "sat", "bit",
}


def _bridge(tokens: list[str], i: int) -> int | None:
    """End of lower-case title words between two names ("Clinton campaign manager Robby Mook")."""
    j = i
    while j < len(tokens) and j - i < 3 and tokens[j].islower() and tokens[j].isalpha():
        if tokens[j] in _STOP or tokens[j].endswith("ed") or tokens[j] in _DETERMINERS:
            return None
        j += 1
    return j if j > i and j < len(tokens) and capitalised(tokens[j]) else None


def _bare_pronoun(token: str) -> str:
    return token.replace("’", "'").split("'")[0]
