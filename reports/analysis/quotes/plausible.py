"""Whether a sentence's subject can be a quotation's speaker: a fallback that reads the subject
of a sentence with no reporting verb gets "The final results aren’t" or "his willingness to"
as often as "Trump". A speaker is a noun phrase headed by a name, a person, a group, an
organisation, a document or a role; a verb, an adverb or a dangling word ends the phrase, and a
possessive before an abstract noun gives its owner ("Trump's recent assertion" is Trump's).
Pure functions on text, no state."""

from __future__ import annotations

from reports.analysis.quotes.lexicon import ANONYMOUS, BETWEEN, DETERMINERS, IRREGULAR_PAST, STOP, TITLES, capitalised, is_pronoun, opening_adverb

__all__ = ["nominative", "speaker_phrase", "trimmed"]

# Heads of phrases that can say, write or show something (singular; plurals are folded).
_SPEAKING_NOUNS = {
    # people and roles
    "man", "woman", "men", "women", "people", "person", "child", "children", "boy", "girl",
    "wife", "husband", "son", "daughter", "mother", "brother", "sister", "family", "friend",
    "candidate", "nominee", "front-runner", "frontrunner", "senator", "president", "official",
    "source", "aide", "adviser", "advisor", "spokesman", "spokeswoman", "spokesperson", "staff",
    "member", "supporter", "voter", "lawyer", "attorney", "judge", "expert", "analyst",
    "critic", "observer", "lobbyist", "activist", "attendee", "resident", "student", "worker",
    "employee", "executive", "leader", "lawmaker", "legislator", "official", "officer", "agent",
    "veteran", "citizen", "protester", "organizer", "organiser", "strategist", "pollster",
    "economist", "historian", "scientist", "researcher", "author", "writer", "reporter",
    "journalist", "columnist", "commentator", "editor", "host", "anchor", "moderator", "actor",
    "actress", "singer", "artist", "band", "businessman", "businesswoman", "mogul", "tycoon",
    "congressman", "congresswoman", "governor", "mayor", "sheriff", "prosecutor", "witness",
    "victim", "doctor", "physician", "neurosurgeon", "insider", "ally", "backer", "donor",
    "colleague", "manager", "director", "chairman", "chairwoman", "founder", "owner", "partner",
    "predecessor", "successor", "opponent", "rival", "challenger", "incumbent", "delegate",
    "representative", "negotiator", "diplomat", "minister", "secretary", "ambassador",
    "participant", "respondent", "fan", "audience", "crowd", "heckler", "latter", "former",
    "self", "himself", "herself", "themselves", "holdout", "defendant", "plaintiff", "pastor",
    "priest", "bishop", "pope", "king", "queen", "prince", "general", "soldier", "teacher",
    "professor", "biographer", "narrator", "operative", "confidant", "intern", "commenter",
    # groups and organisations
    "group", "campaign", "committee", "council", "board", "party", "team", "agency",
    "government", "administration", "department", "ministry", "office", "commission",
    "company", "firm", "organization", "organisation", "network", "newspaper", "paper",
    "outlet", "publication", "tabloid", "magazine", "station", "service", "union", "court",
    "coalition", "caucus", "delegation", "panel", "jury", "police", "army", "media", "press",
    "town", "city", "state", "country", "nation", "community", "majority", "minority",
    "movement", "bureau", "foundation", "institute", "center", "centre", "university", "school",
    "pac", "slate", "news", "electorate", "public", "website", "site", "blog",
    # documents and messages
    "ad", "advert", "advertisement", "commercial", "video", "report", "study", "survey", "poll",
    "lawsuit", "suit", "complaint", "indictment", "ruling", "opinion", "decision", "order",
    "statement", "release", "letter", "email", "e-mail", "memo", "message", "note", "tweet",
    "post", "document", "book", "memoir", "article", "story", "column", "editorial", "piece",
    "headline", "cable", "transcript", "filing", "motion", "brief", "bill", "law", "platform",
    "petition", "sign", "banner", "poster", "flyer", "mailer", "page", "listing", "photo",
    "caption", "readout", "record", "account", "footnote", "textbook", "manifesto", "speech",
    "interview", "script", "song", "chant", "slogan",
}
_IRREGULAR_PLURALS = {"people": "people", "men": "man", "women": "woman", "children": "child",
                      "media": "media", "police": "police", "allies": "ally", "parties": "party"}
_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she", "their": "they", "its": "it"}
_COMPLEMENTS = {"of", "for", "from", "at", "with"}  # "A group of artists", "a spokesman for X"
_DEMONSTRATIVES = {"this", "that", "these", "those"}
_DANGLING = STOP | DETERMINERS | _COMPLEMENTS | {"to", "a", "an", "the", "who"}


def speaker_phrase(mention: str) -> str | None:
    """`mention` cut to the noun phrase that can be a speaker, its owner when its head is an
    abstract noun owned by someone, or None: "Ramos believes" -> "Ramos", "Trump's recent
    assertion" -> "Trump", "his willingness to" -> "his", "The final results aren’t" -> None."""
    words = _cut(mention.split())
    if not words:
        return None
    if len(words) == 1 and is_pronoun(words[0]):
        return words[0]  # resolved, or not, by the caller
    core = _core(words)
    if len(core) == 1 and capitalised(core[0]) and not _head_noun(core[0]):
        return core[0]  # "Scenes from the rally": a lone capitalised word, a name or nothing
    if _plausible_head(core):
        return " ".join(words)
    return _owner(core)


def nominative(mention: str) -> str:
    """"his" -> "he": an owner that is a pronoun stands for the pronoun's person."""
    return _POSSESSIVE_PRONOUNS.get(mention.lower(), mention)


def trimmed(mention: str) -> str:
    """`mention` without the verb, adverb or dangling word a reporting clause's subject was
    read with: "a court document filed" -> "a court document", "a previous case to"."""
    words = mention.split()
    if "who" in words[1:]:
        words = words[: words.index("who", 1)]  # "One official who": a relative clause
    while len(words) > 1 and _trailing(words[-2], words[-1]):
        words = words[:-1]
    return " ".join(words)


def _trailing(before: str, word: str) -> bool:
    """A last word that ends no noun phrase: a function word, an adverb, a verb's past or -s."""
    low = word.lower()
    if not word.islower() or before.lower() in _DEMONSTRATIVES:
        return False  # "those surveyed"
    if low in (_DANGLING - DETERMINERS) | {"a", "an", "the"} or low in BETWEEN:
        return True
    if opening_adverb(low) or low.endswith("ed") or low in IRREGULAR_PAST:
        return before.lower() not in DETERMINERS  # "a source involved", not "an interfaith rally"
    return _ends_phrase(before, word) and low.endswith("s")  # "Perez lobbies"


def _cut(words: list[str]) -> list[str]:
    """The words before the first one that cannot be inside a noun phrase (a verb, an adverb,
    a negation), without dangling function words at the end."""
    for index in range(1, len(words)):
        if _ends_phrase(words[index - 1], words[index]):
            words = words[:index]
            break
    while words and words[-1].lower() in _DANGLING and len(words) > 1:
        words = words[:-1]
    return words


def _ends_phrase(before: str, word: str) -> bool:
    low = word.lower()
    if not word.islower() or before.endswith(("’s", "'s")):
        return False  # "Obama's first five questioners": after an owner, the owned
    if low in (STOP | BETWEEN | {"who"}) - _COMPLEMENTS - DETERMINERS or "n’t" in low or "n't" in low:
        return True
    if len(low) > 4 and low.endswith("ly"):
        return before.lower() not in DETERMINERS  # "The Post recently", not "The famously gruff"
    if (low.endswith("ed") or low in IRREGULAR_PAST) and before.lower() not in DETERMINERS | _DEMONSTRATIVES:
        return True  # "Cruz’s lawyers relied", not "The retired neurosurgeon"
    # "Ramos believes", "the FBI lists": a verb in -s after a name; "The ad targets": after a head
    if len(low) < 4 or not low.endswith("s") or low.endswith(("ss", "’s", "'s")) or _head_noun(word):
        return False
    named = capitalised(before) and before.lower() not in _DEMONSTRATIVES | DETERMINERS
    return (named and not before.endswith(("’s", "'s"))) or _head_noun(before)


def _core(words: list[str]) -> list[str]:
    """The words before a complement ("A group" of "A group of 67 artists"), or the complement
    after a quantity ("people" of "a lot of people", "Hundreds of letters")."""
    for index, word in enumerate(words[1:], 1):
        if word in _COMPLEMENTS:
            if word == "of" and words[index - 1].lower() in _QUANTITIES and index + 1 < len(words):
                return words[index + 1 :]
            return words[:index]
    return words


# Nouns that count or gather what follows "of": its head is the complement's
_QUANTITIES = {"lot", "lots", "mix", "number", "couple", "handful", "dozen", "dozens", "hundreds",
               "thousands", "millions", "bunch", "majority", "minority", "few", "some", "many",
               "most", "all", "none", "one", "two", "three", "several", "each", "both"}


def _plausible_head(core: list[str]) -> bool:
    head = core[-1]
    if head.endswith(("’s", "'s", "’", "'")):
        return len(core) > 1 or capitalised(head)  # "Mitt Romney’s", a bare owner
    if core[0].lower() == "those" and len(core) > 1:
        return True  # "those voting", "those present": the people who do so
    if head.lower() in _POSSESSIVE_PRONOUNS or head.lower() in DETERMINERS:
        return False
    if capitalised(head):
        return True  # a name; a lone word is checked against the text's names by the caller
    return _head_noun(head) or bool(ANONYMOUS.match(" ".join(core)))


# Agent nouns name who does something ("planners", "donor", "economist", "historians") ...
_AGENT_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians")
# ... unless they name a thing or a measure
_NOT_AGENTS = {"number", "order", "matter", "answer", "power", "water", "corner", "border", "error",
               "factor", "sector", "rumor", "rumour", "humor", "favor", "behavior", "behaviour",
               "manner", "chapter", "character", "register", "winter", "summer", "other",
               "center", "centre", "meter", "dollar", "quarter", "mirror", "terror", "horror",
               "anger", "danger", "layer", "fever", "dinner", "filter", "cancer", "career",
               "motor", "floor", "door", "color", "colour", "honor", "honour", "labor", "labour",
               "tenor", "vigor", "valor", "liquor", "tumor", "flavor", "odor", "armor", "harbor",
               "neighbor", "median", "whether", "rather", "later"}


def _head_noun(word: str) -> bool:
    low = word.lower().strip("’'")
    if low in _IRREGULAR_PLURALS:
        return True
    if low.endswith(_AGENT_ENDINGS) and len(low) > 4 and low.rstrip("s") not in _NOT_AGENTS:
        return True
    if low in _SPEAKING_NOUNS or low in TITLES:
        return True
    for stem in (low[:-1], low[:-2]) if low.endswith("s") else ():
        if stem in _SPEAKING_NOUNS or stem in TITLES:
            return True
    return False


def _owner(core: list[str]) -> str | None:
    """The owner before an abstract noun: "Trump's recent assertion" -> "Trump", "his
    willingness" -> "his"."""
    for index, word in enumerate(core):
        low = word.lower()
        if index == 0 and low in _POSSESSIVE_PRONOUNS and len(core) > 1:
            return word
        if word.endswith(("’s", "'s")) and capitalised(word):
            start = index
            while start > 0 and capitalised(core[start - 1]):
                start -= 1
            owner = core[start : index + 1]
            return " ".join(owner)  # as written, "Trump’s": the name resolves the owner
        if word.endswith(("’s", "'s")) and index > 0 and _head_noun(word[:-2]):
            return " ".join(core[: index + 1])  # "The Florida senator’s answer"
    return None
