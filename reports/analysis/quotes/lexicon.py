"""Words and patterns of English news attribution: reporting verbs, pronouns, determiners, titles,
descriptions of unnamed sources, and the tokens and capitalised names the readers walk over.
Shared by `subjects` (noun phrases) and `attribution` (reporting clauses)."""

from __future__ import annotations

import re
from functools import lru_cache

from reports.analysis.timeline import WEEKDAYS

# Generic English reporting verbs, as they follow a subject ("Trump said") or precede it ("said
# Trump"). "called"/"described" introduce partial quotes (called the plan “a disaster”).
_VERB_LIST = (
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
    "remembered|reacted|retorting|countering|lamenting|cautioning|writing in|"
    "commented|mentioned|reasoned|surmised|reflected|demurred|"  # not "comments": a noun too
    "exhorted|bemoaned|grumbled|griped|speculated|theorized|theorised|hinted|confessed|rebutted|"
    "sneered|chuckled|murmured|crowed|bellowed|hollered|ranted|enthused|exulted|summarized|"
    "summarised|relayed|beseeched"
)


def _by_first_letter(alternatives: str) -> str:
    """'said|says|told' -> 's(?:aid|ays)|t(?:old)': the same matches, tried in the same order
    (words with another first letter could not match anyway), but re opens one branch per
    letter at each word it scans instead of all ~300."""
    tails: dict[str, list[str]] = {}
    for word in alternatives.split("|"):
        tails.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in tails.items())


# The alternation every pattern of reporting verbs embeds, as "(?:{VERBS})".
VERBS = _by_first_letter(_VERB_LIST)


# participles: the subject is the sentence's, not a word before them ("..., calling him a “x”").
PARTICIPLE = re.compile(r"ing$")


VERB = re.compile(rf"\b(?:{VERBS})\b")


VERB_AT = re.compile(rf"(?:{VERBS})\b")


# Words of saying, thinking or judging besides the reporting verbs: nouns of speech ("his
# claim", "the phrase"), verbs of opinion ("believes", "views it as") and of praise or blame
# ("blamed it on", "defended it as"). A sentence with none of them reports no one's words or
# views. Stems, so that "claim" finds "claims", "claimed" and "claiming".
OPINION = re.compile(
    r"\b(?:say|said|tell|told|speak|spoke|talk|call|claim|assert|argu|contend|contention|insist|"
    r"note|noting|point(?:s|ed|ing)?\s+(?:to|out)|remark|comment|mention|refer|cit(?:e|es|ed|ing)\b|"
    r"quot|words?\b|wording|phrase|terms?\b|label|slogan|motto|rhetoric|speech|message|statement|"
    r"interview|tweet|wr[io]te|writ|ask|question|answer|respon|repl|announc|declar|proclaim|"
    r"promis|pledg|vow|warn|urg|demand|suggest|found\b|finds\b|indicat|determined|conclu|declin|plea|appeal|request|joke|quip|emphas|stress|report|made\s+clear|cr(?:y|ies|ied|ying)\b|"
    r"impl(?:y|ies|ied|ying)\b|intimat|hint|alleg|accus|"
    r"admi[ts]|acknowledg|conced|den(?:y|ies|ied|ial)\b|confirm|predict|recall|expla|describ|"
    r"portray|characteri|brand|dub|deem|fram(?:e|es|ed|ing)\b|consider|regard|view|believ|think|"
    r"thought|feel|felt|fear|hope|worr|doubt|sceptic|skeptic|confident|assum|"
    r"blam|critici|attack|denounc|condemn|decr[iy]|deri[ds]|dismiss|mock|ridicul|slam|blast|"
    r"lambast|rail(?:s|ed|ing)?\s+against|prais|hail|herald|applaud|tout|boast|brag|defend|"
    r"complain|lament|grous|vent|cheer|chant|shout|yell|scream|echo|repeat|reiterat|invok|endors)",
    re.IGNORECASE,
)


PRONOUNS = {"he", "she", "they", "i", "we", "it", "who", "you"}


DETERMINERS = {
    "a", "an", "the", "one", "two", "three", "four", "five", "several", "some", "many", "most",
    "other", "another", "his", "her", "their", "its", "our", "these", "those", "both", "few",
    "multiple", "numerous", "various", "no", "each", "all",
}


# Words that end a subject when walking back from its verb.
STOP = {
    "that", "which", "and", "but", "or", "because", "when", "while", "as", "if", "after",
    "before", "since", "though", "although", "where", "whom", "whose", "what", "is", "was",
    "are", "were", "be", "been", "being", "not", "so", "than", "then", "also", "by", "said",
    "says", "told", "why", "how", "whether", "on", "in", "at", "into", "about", "over",
    "during", "until", "against", "like", "unlike", "did", "does", "do", "has", "have", "had",
    "would", "will", "could", "should", "can", "may", "might", "must", "there", "here", "this",
}


# Auxiliaries and adverbs between a subject and its verb ("has also said", "later told").
BETWEEN = {
    "has", "have", "had", "also", "later", "then", "previously", "once", "again", "recently",
    "repeatedly", "would", "will", "could", "might", "may", "can", "did", "does", "was", "is",
    "were", "never", "often", "first", "earlier", "publicly", "privately", "reportedly",
    "simply", "just", "even", "only", "still", "famously", "quickly", "flatly", "frequently", "always", "already", "sometimes", "now", "ultimately", "finally",
    "subsequently", "initially", "originally", "bluntly", "angrily", "not",
    "are", "been", "kept", "keeps", "keep",  # "is already claiming", "kept asking"
}


SENTENCE_WORDS = {
    "but", "and", "yet", "so", "then", "still", "now", "later", "earlier", "meanwhile", "however",
    "instead", "also", "even", "in", "on", "at", "after", "before", "when", "while", "as", "if",
    "though", "although", "because", "since", "during", "asked", "speaking", "writing", "the",
    "today", "yesterday", "tonight", *WEEKDAYS, "last", "this", "here", "there", "with", "for", "from", "by",
    "according", "like", "unlike", "under", "over", "despite", "until", "via", "of", "to", "that",
    "alongside", "amid", "among", "across", "around", "behind", "beyond", "inside", "outside",
    "within", "without", "toward", "towards", "throughout", "following", "regarding", "besides",
    "upon", "against", "between", "through", "once",
    "moreover", "furthermore", "nevertheless", "nonetheless", "indeed", "likewise",  # discourse
}


DAYS = frozenset(WEEKDAYS)


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


SOURCE_NOUNS = _SOURCE_NOUNS  # the heads of unnamed sources, for the chooser's descriptions


ANONYMOUS = re.compile(
    rf"^(?:(?:{'|'.join(sorted(DETERMINERS))})\s+)?(?:[\w’'-]+\s+){{0,3}}(?:{_SOURCE_NOUNS})\b",
    re.IGNORECASE,
)


QUANTIFIERS = {"most", "many", "some", "several", "both", "few", "others", "all", "another"}


# Common irregular past tenses: the verb that ends a subject like "the campaign sent ..."
IRREGULAR_PAST = {
    "sent", "put", "gave", "took", "made", "went", "came", "got", "held", "ran", "saw", "found",
    "left", "brought", "began", "kept", "thought", "felt", "knew", "met", "set", "led", "won",
    "lost", "paid", "spent", "stood", "heard", "meant", "sold", "built", "became", "shot", "hit",
    "cut", "let", "spoke", "chose", "drew", "broke", "fell", "rose", "threw", "grew", "struck",
    "sought", "taught", "caught", "fought", "bought", "wrote", "told", "said", "sat", "bit",
}


_TOKEN = re.compile(r"\([^()]{0,60}\)|[^\W_]+(?:['’.\-&][^\W_]+)*\.?|[,;:—–]|[\"“”]", re.UNICODE)


_ABBREVIATIONS = "Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Jr|Sr|St|Capt|Adm|Prof|Rev|Maj|Pres".split("|")


_ABBREVIATION = rf"(?:{'|'.join(_ABBREVIATIONS)})\."


_NAME_WORD = rf"(?:{_ABBREVIATION}|[A-Z]\.(?:[A-Z]\.)*|[A-Z][\w’'\-]*)"


def _after_capital(abbreviations: list[str]) -> str:
    """The abbreviations' letters after their capital, each group behind a look-back at its
    capital ("(?<=M)(?:r|rs|s|aj)|(?<=D)(?:r)|..."), in the order the list tries them."""
    tails: dict[str, list[str]] = {}
    for word in abbreviations:
        tails.setdefault(word[0], []).append(word[1:])
    return "|".join(f"(?<={capital})(?:{'|'.join(rest)})" for capital, rest in tails.items())


# _NAME_WORD with its capital taken out in front: the same matches, but a pattern that opens
# with a bare character class lets `re` skip to the next capital instead of trying every
# position (CAP_NAME.finditer over a text is about 2.5 times faster).
_FIRST_NAME_WORD = rf"[A-Z](?:(?:{_after_capital(_ABBREVIATIONS)})\.|\.(?:[A-Z]\.)*|[\w’'\-]*)"


CAP_NAME = re.compile(
    rf"{_FIRST_NAME_WORD}(?:[ \t]+(?:(?:de|da|del|van|von|der|al|bin|of)[ \t]+)?{_NAME_WORD})*"
)


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def capitalised(token: str) -> bool:
    return token[:1].isupper() and token[:1].isalpha()


@lru_cache(maxsize=16384)  # asked again for every mention the chooser weighs
def is_pronoun(token: str) -> bool:
    return token.lower().replace("’", "'").split("'")[0] in PRONOUNS


def bare_pronoun(token: str) -> str:
    return token.replace("’", "'").split("'")[0]


def adverb(token: str) -> bool:
    return token.islower() and token.endswith("ly") and len(token) > 4


def is_number(token: str) -> bool:
    return token[:1].isdigit()


# Endings of -ly adverbs that no common first name has ("Shortly", "Interestingly", but not
# "Billy", "Kelly", "Emily", "Beverly").
_ADVERB_ENDINGS = (
    "ally", "ngly", "ntly", "usly", "vely", "edly", "ully", "ssly", "ctly", "tely", "arly",
    "ibly", "ably", "rtly", "ftly", "htly", "stly", "wly", "mply", "eply", "ckly", "rely",
    "stily", "vily", "sily", "dily", "pily", "rily", "kily",  # hastily, heavily (not Emily, Lily)
)


def opening_adverb(token: str) -> bool:
    """A capitalised word that is an adverb opening a sentence, not a name."""
    return len(token) > 5 and token.lower().endswith(_ADVERB_ENDINGS)
