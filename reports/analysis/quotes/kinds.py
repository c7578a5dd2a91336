"""The kind of a quotation: `full` (a sentence of its own), `partial` (a fragment woven into the
writer's sentence), or `scare` (a term, a title or a name that no one is said to have said).

`scare` when it is named rather than quoted ("so-called", "dubbed", "titled"); when the words
around the marks cite it as a title (a headline with its byline, a slogan dated "(2009)", a title
after the kind of work it names or a part played in it, a programme after its outlet: `cited`);
when it is a few capitalised words after an article, a possessive or "told"/"on" (a “Super
April” of elections), unless a crowd chants them; a few lower-case words in a sentence that
reports no one's words or views and gives them to no one but its subject (the firm is building a
“dry port”); or a single word or short sentence no one is said to have said.
"""

from __future__ import annotations

import re

from reports.analysis.quotes.attribution import Source
from reports.analysis.quotes.lexicon import OPINION, VERB, capitalised, is_pronoun, tokenize
from reports.analysis.text import words

# Verbs that name rather than quote when the quotation follows at once: a show called “Cake Boss”.
# Every branch opens on a letter: the look-ahead gives the same matches and lets `re` skip to one.
NAMING = re.compile(
    r"(?=[a-z])(?:\bso[- ]called|\bdubbed|\bnicknamed|\bnamed|\btitled|\bentitled|\bknown as|\bbilled as|"
    r"\bthe (?:word|words|term|phrase|slogan|hashtag|headline|label|title|motto|show|film|movie|"
    r"book|song|album|program|programme|series|column|article|documentary|play|episode|segment)|"
    r"\b(?:show|program|programme|film|movie|book|song|album|series|documentary|play|magazine|"
    r"newspaper|column|episode|event|campaign|group|bill|act|initiative|operation|"
    r"tour|rally|slogan|hashtag) called)\s*$",
    re.IGNORECASE,
)


# Words someone is said to use, prefer or coin are that person's words, not the writer's
# mention of them: 'Aides have all used the term “kitchen sink”', 'ran on the slogan “...”'
# ('The term “dark money” means ...' is a mention).
_WORDS_USED = re.compile(
    r"\b(?:us(?:e|es|ed|ing)|say(?:s|ing)?|said|utter(?:s|ed|ing)?|prefer(?:s|red|ring)?|"
    r"(?:dis)?lik(?:e|es|ed|ing)|coin(?:s|ed|ing)?|adopt(?:s|ed|ing)?|invok(?:e|es|ed|ing)|"
    r"repeat(?:s|ed|ing)?|ran\s+on|run(?:s|ning)?\s+on)\s+(?:(?:the|a|this|that|his|her|their|its|"
    r"new)\s+)?(?:word|words|term|phrase|slogan|motto|expression),?\s*$",
    re.IGNORECASE,
)


def words_used(left: str) -> bool:
    return bool(_WORDS_USED.search(left))


# Cited rather than quoted, as the words around the marks show: a headline credited to its
# writer ('“Senate passes the bill,” by the Times’ Ann Lee:'), a slogan or work dated in
# parentheses ('“Yes to the ban” (2009)'), a show's title before its star ('“Cake Boss” star'), or
# a title right after the kind of work it names ('her memoir, “Tough Choices”').
_BYLINE = re.compile(r"[,.]?\s*by\s+(?:the\s+)?(?:[A-Z][\w.&\-]*\s+){0,4}?[A-Z][\w.&\-]*['’]s?\s")
_DATED = re.compile(r"[,.]?\s*\((?:[^()\n]{0,40}\s)?(?:1[89]|20)\d\d\)")
_CREDIT = re.compile(r"\s*(?:co-)?(?:star|host|actor|actress|creator)s?\b")
_WORK = re.compile(
    r"\b(?:book|memoir|novel|film|movie|show|series|miniseries|documentary|biopic|song|anthem|"
    r"album|single|play|musical|podcast|program|programme|sitcom|drama|comedy|thriller|episode|"
    r"ad|advertisement|spot|commercial|video)\s*,?\s*$",
    re.IGNORECASE,
)
# ... or after a part played in a work: 'who starred in “Peter Pan”', 'co-author of “Going Viral”'
_ROLE = re.compile(
    r"\b(?:(?:co-)?star(?:s|red|ring)?\s+(?:in|of)|roles?\s+in|(?:co-)?authors?\s+of|"
    r"(?:co-)?hosts?\s+of|screening\s+of|premiere\s+of|cast\s+of|episodes?\s+of|"
    r"appear(?:s|ed|ing|ance)?\s+on|edits|edited)\s+(?:the\s+)?$",
    re.IGNORECASE,
)

# ... or a programme after the outlet that airs it, or after the verb that names it as the
# audience: 'told ABC’s “Good Morning America”', 'said on NBC’s “Meet the Press”', 'told “Today”'
_OUTLET = re.compile(
    r"(?:\b(?:told|tells|telling|on|with|to|for)\s+(?:[A-Z][\w.&\-]*\s+){0,3}?[A-Z][\w.&\-]*"
    r"(?:['’]s|s['’])|\b(?:told|tells|telling|interview\s+with|appearance\s+on|appeared\s+on))\s*$"
)

# ... or a button's label: 'click “Sign up”', 'tap the “Donate” button'
_CONTROL = re.compile(r"\b(?:click|clicking|tap|tapping|press|pressing)\s+(?:on\s+)?(?:the\s+)?$",
                      re.IGNORECASE)


def cited(quote: str, left: str, right: str) -> bool:
    """A headline, a dated slogan, a title or a button, told by the words around the marks."""
    if _CONTROL.search(left[-30:]):
        return True
    if not _sentence_like(quote):
        return False
    if _BYLINE.match(right) or _DATED.match(right):
        return True
    if _CREDIT.match(right) and _title_cased(quote, 6):
        return True
    if _OUTLET.search(left[-60:]) and _title_cased(quote, 8):
        return True
    tail = left[-40:]
    return bool(_WORK.search(tail) or _ROLE.search(tail)) and _title_cased(quote, 12)


def subhead(paragraph: str) -> bool:
    """A paragraph in capitals is a headline or a subhead ('FOR AFGHAN WOMEN ‘GLASS IS HALF
    FULL’'): a quotation in it heads the story, it is not reported there."""
    if any(c.islower() for c in paragraph):  # most paragraphs: stops at the first letters
        return False
    return sum(c.isalpha() for c in paragraph) >= 8


def _title_cased(quote: str, most: int) -> bool:
    tokens = words(quote)
    return 0 < len(tokens) <= most and all(
        t[0].isupper() or t[0].isdigit() or t.lower() in _TITLE_MINOR for t in tokens
    )


def personal(mention: str) -> bool:
    """A person can name something ('whom she dubbed “...”'); 'a show called “...”' cannot."""
    return is_pronoun(mention) or capitalised(mention)


def kind(quote: str, left: str, source: Source | None, naming: bool, right: str = "") -> str:
    """full, partial, or scare: named rather than quoted, or a short span no one is said to say.

    A quotation whose only source is the subject of its sentence (no reporting verb) is taken
    for speech when it is a fragment woven into the sentence ("... to be 'sure'") and for a
    term or title when it is a few capitalised words.
    """
    tokens = words(quote)  # split once: _term reads them too
    if naming or _term(quote, tokens, left, source):
        return "scare"
    sentence = _sentence_like(quote)
    size = len(tokens)
    weak = source is None or source.cue in {"subject", "previous"}
    if weak and sentence and size < 4 and not _woven_after_subject(left, source):
        return "scare"
    if not sentence and size <= 3 and _unreported(quote, left, right, source):
        return "scare"
    if source is None:
        # A fragment of two words or more woven into the writer's sentence is more often
        # someone's words than a scare term, even when we find no one to give them to; so is
        # a word someone is said to have called something ('called him a “moderate”').
        return "full" if sentence else ("partial" if size >= 2 or _LABELLED.search(left) else "scare")
    before = left.rstrip()
    if sentence and (not before or before[-1] in ":,—–-([" or before.endswith("...")):
        return "full"
    return "partial"


_MINOR = {"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with", "or", "by", "&"}
# Short words a title may leave in lower case ("Orange is the New Black", "Gone with the Wind")
_TITLE_MINOR = _MINOR | {"is", "are", "as", "from", "into", "but", "nor", "vs", "up", "via"}


# What a crowd chants or shouts is speech even when capitalised: 'chants of “Four More Years”'.
_CHANTED = re.compile(
    r"\b(?:chant(?:s|ed|ing)?|shout(?:s|ed|ing)?|cr(?:y|ies|ied|ying)|yell(?:s|ed|ing)?|"
    r"scream(?:s|ed|ing)?|roar(?:s|ed|ing)?|(?:calls|cheers|chorus)\s+of)(?:\s+of)?\s*,?$",
    re.IGNORECASE,
)


# A word given as what something was called or described as: 'called him a', 'referred to her
# as a', 'described the speech as' (not a list's 'such as').
_LABELLED = re.compile(
    r"(?:\b(?:call(?:s|ed|ing)|label(?:s|ed|led|ing)?|brand(?:s|ed|ing)?)\s+(?:\w+\s+)?(?:a|an|the)"
    r"|(?<!such)\s+as(?:\s+(?:a|an|the))?)\s*$",
    re.IGNORECASE,
)


_SENTENCE_END = re.compile(r"[.!?][\"”’)]*\s|\n")


def _unreported(quote: str, left: str, right: str, source: Source | None) -> bool:
    """A few lower-case words in a sentence that reports no one's words or views (no reporting
    verb, no word of saying, thinking or judging: 'The firm is building a “dry port”'), given to
    no one or only to the sentence's subject: the writer's own term in marks, not a quotation."""
    if source is not None and source.cue not in {"subject", "sentence"}:
        return False
    ends = quote.rstrip(" ,”’\"")[-1:] in ".!?"  # the sentence ends inside the marks
    after = "" if ends else right[: m.start()] if (m := _SENTENCE_END.search(right)) else right
    return not any(p.search(t) for p in (VERB, OPINION) for t in (left, after))


def _term(quote: str, tokens: list[str], left: str, source: Source | None) -> bool:
    """A few capitalised words (`tokens`, the quotation's words) met mid-sentence, far from any
    verb of saying: a name or a title (a “Super April” of elections, the “Daily Show”), not speech."""
    if not tokens or len(tokens) > 4 or quote.rstrip()[-1:] in "!?":
        return False
    if not all(t[0].isupper() or t.lower() in _MINOR for t in tokens) or not tokens[0][0].isupper():
        return False
    before = left.rstrip()
    if not before or before[-1] in ":,—–-":
        return False
    if _woven_after_subject(left, source) or _CHANTED.search(before[-40:]):
        return False
    if source is not None and source.cue == "verb" and source.verb:
        if source.from_right:
            return True  # a name woven in before the reporting clause: "X's “Meet the Press”, he said"
        tokens = tokenize(before)
        # Far from its verb, a name after an article, a possessive or "told"/"on" is a title or
        # a term (a “Super April” of elections, ABC's “This Week”); after another word, or
        # within a few words of the verb, it is more often the source's own words (promised to
        # fight “Big Oil”; referred to the “New Class”; offered a defence of the “Gang of Four”).
        return not _within(source.verb, tokens[-_NEAR:]) and _titled(tokens[-1] if tokens else "")
    return True


_NEAR = 8  # words between a reporting verb and the words it reports


def _within(verb: str, tokens: list[str]) -> bool:
    """The verb ("said", "referred to") is among the tokens, its words in a row."""
    parts = verb.split()
    return any(tokens[i : i + len(parts)] == parts for i in range(len(tokens) - len(parts) + 1))


def _woven_after_subject(left: str, source: Source | None) -> bool:
    """Capitalised words woven into a sentence whose subject acts on them, after a plain word
    ("Trump went on to promote “Celebrity Apprentice”"): on dev mostly the subject's words."""
    if source is None or source.cue != "subject":
        return False
    tokens = tokenize(left.rstrip())
    return bool(tokens) and tokens[-1][:1].isalpha() and not _titled(tokens[-1])


def _titled(previous: str) -> bool:
    low = previous.lower()
    return low in _TITLE_LEADS or low.endswith(("’s", "'s", "s’", "s'"))


_TITLE_LEADS = {"a", "an", "the", "told", "tells", "on", "his", "her", "their", "its", "our", "my"}


def _sentence_like(quote: str) -> bool:
    first = next((c for c in quote if c.isalnum()), "")
    return first.isupper() or first.isdigit()
