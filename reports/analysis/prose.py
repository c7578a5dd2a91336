"""The prose gate: a summary sentence is a sentence of running text, never the page around it.

A sentence is turned away (with the reason) when it is the headline again (compared after
unescaping entities and folding case and punctuation), markup or a raw entity, a sentence a
formula was cut out of (the page's inline formula, marked where it stood), a list of `|` or `·`
separated items, too short to be a sentence, a Title Case run (a headline or a menu), a
timestamp or dateline, a photo credit, an author's biography, or (in English) has no finite
verb. The word lists are data, `prose.json` beside this file; this module only applies them.
"""

from __future__ import annotations

import functools
import html
import json
import re
from importlib import resources

_WORD = re.compile(r"[^\W\d_][\w'’.-]*|\d[\d:.,/-]*", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_ENDS_SENTENCE = re.compile(r"[.!?…。！？]['\"”’»)]*$")
_LIST = re.compile(r"\s[|·•]\s|\s[|·•]$|^[|·•]\s")
_MIN_WORDS = 4
_TITLE_CASE_SHARE = 0.75  # of the words after the first, capitalised: a headline or a menu ...
_TITLE_CASE_SHARE_UNENDED = 0.5  # ... or half of them, when no stop ends it
_DIGIT = re.compile(r"\d")
_CLOCK_OR_DATE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}")
_MIN_ENGLISH = 2
_DATE_LABEL = re.compile(r"\W*([^\W\d_]+(?: [^\W\d_]+){0,3})\s*:\s")  # "Last updated: ", "Veröffentlichung: "
_DATE_LABEL_REACH = 3  # the date within this many words after its label
# A tag or an entity left raw: code quoted in a post, or a page escaped twice.
MARKUP = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>|&(?:#\d+;?|#x[0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]{1,31};)")
_MIN_UNENDED_WORDS = 12  # a shorter line with no stop at its end is a heading or a link
_COUNTER = re.compile(r"^\W*\d+\s*/\s*\d+\b")  # "- 34/50 Car sales lift ...": a slide of a gallery
_NAMED_AS = re.compile(r"^[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3}\s+(?:is|was)\s+(?:a|an|the)\b")  # English function words that make a sentence English for the verb check


@functools.cache
def _data() -> dict[str, frozenset[str]]:
    raw = json.loads(resources.files("reports.analysis").joinpath("prose.json").read_text(encoding="utf-8"))
    return {key: frozenset(value) for key, value in raw.items() if isinstance(value, list)}


def fold(text: str) -> str:
    """Entities unescaped, case and punctuation folded, spaces normalised: for comparing."""
    text = html.unescape(text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def refusal(sentence: str, headline: str | None = None) -> str | None:
    """Why the sentence is not running text, or None when it is."""
    words = _WORD.findall(sentence)
    plain = [w.casefold().strip(".'’") for w in words]
    data = _data()
    if MARKUP.search(sentence):
        return "markup or a raw entity"
    if any(mark in sentence for mark in data["formula_marks"]):
        return "a formula cut out of it"
    if headline and _same_as(sentence, headline):
        return "the headline again"
    if _LIST.search(sentence):
        return "a list of separated items"
    if _is_timestamp(sentence, plain, data):
        return "a timestamp or dateline"
    if _is_credit(sentence, plain, data):
        return "a photo credit"
    if _is_bio(sentence, plain, data):
        return "an author's biography"
    if len(_CJK.findall(sentence)) >= 10:
        return None  # the word rules below are for spaced scripts
    if _COUNTER.match(sentence):
        return "a gallery counter"
    if not _ENDS_SENTENCE.search(sentence.strip()) and len(words) < _MIN_UNENDED_WORDS:
        return "a heading: no stop at its end"
    verb = _has_finite_verb(plain, data)
    if len(words) < _MIN_WORDS and not verb:
        return "too short for a sentence"
    if _title_case(sentence, words, verb):
        return "a Title Case run"
    if not verb and sum(w in data["english_function_words"] for w in plain) >= _MIN_ENGLISH:
        return "no finite verb"
    return None


def _same_as(sentence: str, headline: str) -> bool:
    ours, theirs = fold(sentence), _folded_headline(headline)
    if not ours or not theirs:
        return False
    if ours == theirs:
        return True
    shorter, longer = sorted((ours, theirs), key=len)
    return len(shorter.split()) >= 5 and shorter in longer and len(shorter) >= 0.8 * len(longer)


# The headline is compared with every sentence of its article: folded once.
_folded_headline = functools.lru_cache(maxsize=16)(fold)


def _title_case(sentence: str, words: list[str], verb: bool) -> bool:
    """Most words capitalised: with no stop at its end (a headline, a menu item), or with neither
    a stop nor a verb ("Replacements: Peel, Wilson, ..."); a sentence listing names is prose."""
    lettered = [w for w in words[1:] if w[0].isalpha()]
    if len(lettered) < 3:
        return False
    capitalised = sum(w[0].isupper() for w in lettered) / len(lettered)
    if not _ENDS_SENTENCE.search(sentence.strip()):
        return capitalised >= _TITLE_CASE_SHARE_UNENDED
    return capitalised >= _TITLE_CASE_SHARE and not verb


def _is_timestamp(sentence: str, plain: list[str], data: dict[str, frozenset[str]]) -> bool:
    """Mostly date and time words and numbers: "Latest update May 6th, 2022 12:49 AM"."""
    months, weekdays, time_words = data["months"], data["weekdays"], data["time_words"]
    # A clock or a date starts with a digit: the pattern is tried only on such words.
    if not any(w in months or w in weekdays or (w[:1].isdigit() and _CLOCK_OR_DATE.fullmatch(w)) for w in plain):
        return False
    rest = 0  # the other words, counted only as far as deciding needs
    for w in plain:
        if w not in time_words and w not in months and w not in weekdays and not _DIGIT.match(w):
            rest += 1
            if rest > 1:
                break
    if rest <= 1:
        return True
    opener = " ".join(plain[:3])
    if len(plain) <= 12:
        return any(opener.startswith(o) for o in data["time_openers"])
    return _labelled_date(sentence, plain, data)


def _labelled_date(sentence: str, plain: list[str], data: dict[str, frozenset[str]]) -> bool:
    """A page's date label run into the text after it ("Published: 2 February 2022 Headline
    ..."): a sentence never opens with one."""
    label = _DATE_LABEL.match(sentence)
    if not label or label.group(1).casefold() not in data["time_openers"]:
        return False
    after = plain[len(label.group(1).split()):][:_DATE_LABEL_REACH]
    return any(w in data["months"] or w[:1].isdigit() for w in after)


def _is_credit(sentence: str, plain: list[str], data: dict[str, frozenset[str]]) -> bool:
    """ "Photo: Jane Doe/Agency", "Getty Images/Sipa USA", "(AP Photo/Name)"."""
    if _credit_opening().match(sentence.strip().lstrip("(").casefold()):
        return True
    if not ("/" in sentence or len(plain) <= 6) or _ENDS_SENTENCE.search(sentence.strip().rstrip(")")):
        return False  # the cheap conditions first: most sentences fail them
    low = sentence.casefold()
    return any(a in low for a in data["credit_agencies"])


@functools.cache
def _credit_opening() -> re.Pattern[str]:
    words = "|".join(map(re.escape, sorted(_data()["credit_words"])))
    return re.compile(rf"(?:{words})\s*(?::|/|©|\.\.\.|…)")


def _is_bio(sentence: str, plain: list[str], data: dict[str, frozenset[str]]) -> bool:
    """ "Jane Doe is a reporter for ...", "... Follow her on Twitter"."""
    low = " ".join(plain)
    if any(phrase in low for phrase in _contact_phrases()):
        return True
    match = _NAMED_AS.match(sentence.strip())  # two or more capitalised words: a person's name
    if match:
        opening = plain[: len(match.group(0).split()) + 8]
        return any(w in data["bio_roles"] for w in opening) or any(p.strip() in low for p in data["bio_phrases"])
    return False


@functools.cache
def _contact_phrases() -> tuple[str, ...]:
    """The biography phrases that alone make a sentence a biography ("follow her on"), stripped."""
    return tuple(p.strip() for p in _data()["bio_phrases"] if p.startswith(("follow", "can be", "reach", "email")))


def _has_finite_verb(plain: list[str], data: dict[str, frozenset[str]]) -> bool:
    verbs = data["finite_verbs"]
    functions = data["english_function_words"]
    for before, word in zip(["", *plain], plain):
        if before in data["subject_pronouns"] and word.isalpha() and word not in functions:
            return True  # "I ask", "we forget"
        if word in verbs or word.endswith(("'s", "’s", "n't", "'m", "’m", "'re", "’re")):
            return True
        if len(word) > 3 and word.isalpha() and word not in functions and word.endswith(("ed", "es", "s")):
            return True
    return False
