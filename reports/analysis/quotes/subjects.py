"""Noun phrases that are subjects in the writer's sentence: names with their titles, pronouns,
descriptions ("one source close to Mr Macron"), appositives ("Paul Lindsay, a spokesman for the
PAC, said"); the subject at the head of a sentence is read by `reports.analysis.quotes.heads`. Pure
functions on text, no state."""

from __future__ import annotations

import re

from reports.analysis.quotes.heads import CONJUNCTIONS, full_stop, phrase, sentence_subject
from reports.analysis.quotes.lexicon import (
    ANONYMOUS,
    BETWEEN,
    DAYS,
    DETERMINERS,
    IRREGULAR_PAST,
    PRONOUNS,
    QUANTIFIERS,
    SENTENCE_WORDS,
    STOP,
    adverb,
    bare_pronoun,
    capitalised,
    is_number,
    is_pronoun,
    tokenize,
)

__all__ = ["leading_subject", "phrase", "sentence_subject", "subject_after", "subject_before"]


def subject_before(left: str) -> str | None:
    """The subject of a verb that ends `left`, walking back: "Mr Scholz has", "officials"."""
    tokens = tokenize(left[-300:])
    i = _skip_between(tokens, len(tokens) - 1)
    if i >= 0 and tokens[i].lower() in _TIME_ENDS:
        i = _skip_between(tokens, _time_phrase_start(tokens, i) - 1)  # "... two weeks ago said"
    i = _skip_adjunct(tokens, i)
    if i < 0:
        return None
    if tokens[i] == ",":
        return _appositive_subject(tokens, i)
    if is_pronoun(tokens[i]):
        return bare_pronoun(tokens[i])
    who = None if capitalised(tokens[i]) else _relative_who(tokens, i)
    if who is not None:
        i = who - 1  # "a White House official who spoke anonymously to discuss it said"
    start = _phrase_start(tokens, i)
    return phrase(_without_agent(tokens[start : i + 1])) if start is not None else None


def _without_agent(words: list[str]) -> list[str]:
    """"a letter obtained by the AP" -> "a letter": the thing, not who passed it on."""
    for index in range(2, len(words) - 1):
        if words[index] == "by" and _participle(words[index - 1]):
            return words[: index - 1]
    return words


# Prepositions of an adjunct between a subject and its verb ("Trump in his speech called")
_ADJUNCT_PREPOSITIONS = {"in", "on", "at", "during"}
_NOT_IN_ADJUNCT = {"that", "which", "who", "and", "but", "or", "is", "was", "are", "were"}


_FULL_STOP = re.compile(r"[a-z\d]+\.")  # "shape.", not "Jan." or "U.S."


def _skip_adjunct(tokens: list[str], i: int) -> int:
    """Index before a prepositional phrase of up to four words that ends at tokens[i] ("Beck on
    Wednesday called", "Trump in his announcement speech called", "who has in the past
    described"): its object is no subject."""
    if i < 0 or not tokens[i][:1].isalnum():
        return i  # "Trump, who has a lead in delegates, mocked": an appositive, read elsewhere
    for k in range(i - 1, max(0, i - 5) - 1, -1):
        if not tokens[k][:1].isalnum() or tokens[k] in _NOT_IN_ADJUNCT or _FULL_STOP.fullmatch(tokens[k]):
            return i  # (not past a sentence's end: "... in much worse shape. Bush said")
        if tokens[k] in {"to", "with", "for"} and k >= 2 and tokens[k - 1].endswith("ing") \
                and tokens[k - 1].islower() and tokens[k - 2][:1].isalnum():
            return _skip_between(tokens, k - 2)  # "a source speaking to Fox News said"
        if tokens[k] == "to":
            return i  # "in an effort to disprove Republican claims": a verb, no adjunct
        if tokens[k] in _ADJUNCT_PREPOSITIONS:
            before = tokens[k - 1] if k >= 1 else ""
            if before[:1].isalnum() and before.lower() not in STOP - {"has", "have", "had"}:
                return _skip_between(tokens, k - 1)
            return i
    return i


def _skip_between(tokens: list[str], i: int) -> int:
    if i >= 0 and _modal_name(tokens[i]):
        return i  # "Will described Trump as": a modal cannot come right before a verb's past
    while i >= 0 and (tokens[i].lower() in BETWEEN or tokens[i].startswith("(") or adverb(tokens[i])):
        i -= 1
    return i


# Modals that are also first names ("Will", "May"): capitalised next to a verb or a surname
_MODALS = {"will", "may", "can", "might", "must", "shall", "should", "would", "could"}


def _modal_name(token: str) -> bool:
    return capitalised(token) and token.lower() in _MODALS


_TIME_ENDS = {"ago", "later", "earlier"}
_TIME_WORDS = {
    "less", "more", "than", "about", "nearly", "almost", "just", "only", "some", "a", "an", "the",
    "few", "several", "two", "three", "four", "five", "six", "ten", "one", "hours", "hour",
    "days", "day", "weeks", "week", "months", "month", "years", "year", "minutes", "moments",
}


def _time_phrase_start(tokens: list[str], i: int) -> int:
    """Start of "less than two weeks ago" that ends at tokens[i]."""
    j = i
    while j - 1 >= 0 and i - j < 6 and (tokens[j - 1].lower() in _TIME_WORDS or is_number(tokens[j - 1])):
        j -= 1
    return j


def _relative_who(tokens: list[str], i: int) -> int | None:
    """Index of a "who" opening a relative clause that ends at tokens[i], if any (no
    punctuation between)."""
    for k in range(i, max(-1, i - 12), -1):
        if not tokens[k][:1].isalnum():
            return None
        if tokens[k].lower() == "who" and k > 0 and tokens[k - 1][:1].isalnum():
            before = tokens[k - 1].lower()
            return k if before not in STOP and before not in SENTENCE_WORDS else None
    return None


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
        return phrase(inner)
    if j >= 1 and (tokens[j - 1].lower() == "who" or tokens[j - 1].lower() in PRONOUNS):
        return tokens[j - 1]
    start = _phrase_start(tokens, j - 1)
    return phrase(tokens[start:j]) if start is not None else None


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
        while len(words) > 1 and words[0].lower() in CONJUNCTIONS:
            words = words[1:]  # "But Sen. Ann Lee (D-Ill.), noting ..., said"
        if words and words[0].lower() not in SENTENCE_WORDS and len(words) <= 6 and all(
            capitalised(t) or t.lower() in {"of", "de", "van", "von"} for t in words
        ) and not is_pronoun(words[0]):
            return phrase(words)
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
        by = k - 1 if k >= 1 and tokens[k].lower() in {"the", "a", "an"} else k  # "by The Post"
        if by >= 2 and tokens[by] == "by" and _participle(tokens[by - 1]):
            outer = _name_or_noun_start(tokens, by - 2)  # "a letter obtained by the AP warns"
            if outer is not None:
                start = outer
                continue
        if k >= 1 and tokens[k].lower() in {"of", "for", "to", "with", "at", "from"}:
            outer = _name_or_noun_start(tokens, k - 1)
            if outer is not None and _can_extend(tokens[outer : k], tokens[k].lower()):
                start = outer
                continue
        break
    return start


def _participle(token: str) -> bool:
    """A past participle after its noun: "obtained", "written", "seen" (by someone)."""
    return token.islower() and (token.endswith("ed") or token in _PARTICIPLES)


_PARTICIPLES = {"written", "seen", "given", "taken", "made", "sent", "held", "shown", "drawn",
                "signed", "read", "put", "led", "run", "paid", "told"}


# Things sent to someone: "an email to supporters notes", "a memo to staff says"
_MESSAGES = ("letter", "letters", "email", "emails", "e-mail", "memo", "message", "note",
             "statement", "appeal", "petition", "complaint", "plea", "post", "tweet", "mailer")


def _can_extend(head: list[str], preposition: str) -> bool:
    if not head:
        return False
    if all(capitalised(t) for t in head):
        return preposition in {"of", "for", "at", "from"}
    phrase = " ".join(head).lower()
    if preposition in {"to", "with"}:
        return phrase.endswith(("close", "familiar", "closer", "near")) or (
            preposition == "to" and head[-1].lower() in _MESSAGES)
    return bool(ANONYMOUS.match(phrase)) or head[0].lower() in DETERMINERS


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
    if token.lower() in QUANTIFIERS:
        return i  # "most said", "many say": a quantifier stands for its group
    if not token[:1].isalpha() or token.lower() in STOP or token.lower() in DETERMINERS:
        return None
    j = i
    while j - 1 >= 0 and i - j < 6:
        prev = tokens[j - 1]
        low = prev.lower()
        if low in DETERMINERS or is_number(prev):
            return j - 1  # "the voters", "21 percent", "75 percent of Republicans"
        if prev == "of" and j - 2 >= 0 and tokens[j - 2].isalpha() and tokens[j - 2].islower() \
                and tokens[j - 2] not in STOP | SENTENCE_WORDS:
            j -= 1  # "the secretary of state": a noun's "of" phrase
            continue
        if not prev[:1].isalnum() or low in STOP or low in SENTENCE_WORDS or low in PRONOUNS:
            break
        j -= 1
    owner = _possessive_start(tokens, j, i)
    if owner is not None:
        return owner  # "John Kasich’s campaign": a possessive name determines the noun
    # No determiner: a bare plural or source noun ("officials", "people familiar") only.
    if ANONYMOUS.match(" ".join(tokens[j : i + 1])) or tokens[j].endswith("s"):
        return j
    return None


def _possessive_start(tokens: list[str], j: int, i: int) -> int | None:
    """Start of the name whose possessive ("Kasich’s") comes right before the lower-case
    noun(s) tokens[k + 1 : i + 1], within tokens[j : i + 1]."""
    k = i - 1
    while k >= j and tokens[k].islower():
        k -= 1
    if k < j or k == i or not capitalised(tokens[k]) or not tokens[k].endswith(("’s", "'s")):
        return None
    start = k
    while start - 1 >= j and capitalised(tokens[start - 1]):
        start -= 1
    return start


def subject_after(text: str) -> tuple[str | None, int]:
    """A noun phrase at the start of `text` (after "said"): "Paul Lindsay", "a spokesman for X"."""
    tokens = tokenize(text[:200])
    taken: list[str] = []
    for token in tokens[:12]:
        low = token.lower()
        if not token[:1].isalnum() or (taken and full_stop(taken[-1])):
            break  # '“...,” said Lewis-Francis. The sprinter has ...': the next sentence is no part
        only_determiners = all(t.lower() in DETERMINERS for t in taken)
        if taken and (low in STOP or low in {"who", "last", "today", "yesterday", "tonight", "in"}
                      or (low in SENTENCE_WORDS - {"of", "for", "the", "to", "with"}
                          and not (only_determiners and low in DAYS))):
            break
        if not taken and low in QUANTIFIERS and len(tokens) > 1 and tokens[1][:1].isalpha():
            return token, 1  # "according to some on Twitter", "said many in the party"
        if not taken and (low in STOP or low in SENTENCE_WORDS - {"the"}) and not (
                _modal_name(token) and len(tokens) > 1 and capitalised(tokens[1])):
            return None, 0  # "said Will Doyle" is a name
        taken.append(token)
        if low in PRONOUNS:
            break
    while taken and taken[-1].lower() in DETERMINERS | {"of", "for", "to", "with"}:
        taken.pop()
    return phrase(taken), len(taken)


def leading_subject(subject: str) -> str | None:
    """All of the words between a quotation and its verb, when they are a subject phrase:
    "Democratic pollster Peter Fenn", "Miller, a retired worker,", "he"."""
    tokens = [t for t in tokenize(subject) if not t.startswith("(")]
    while tokens and (tokens[-1].lower() in BETWEEN or adverb(tokens[-1]) or tokens[-1] == ","):
        tokens.pop()
    if not tokens or tokens[-1].lower() in {"and", "but", "or"}:
        return None  # "“CNN” five times, and specifically mentioned": a coordinated verb
    if len(tokens) >= 2 and tokens[-2] == "," and is_pronoun(tokens[-1]):
        return bare_pronoun(tokens[-1])  # "South Carolina, he said, was ...": "he"
    if "," in tokens:
        last = tokens[len(tokens) - tokens[::-1].index(",") :]
        if _named_after_object(tokens, last, subject):
            return phrase(last)  # '“in homage to” Lazar, Song wrote': no appositive, no closing comma
        if (not capitalised(tokens[0]) and 0 < len(last) <= 3 and all(capitalised(t) for t in last)
                and tokens[0].lower() != "and"):
            return phrase(last)  # "“...” in his view, Bozell says": the name before the verb
        # An appositive, however long: "Miller, a retired worker, said"; "Robert McDuff,
        # attorney for one of four groups to file suit over the law, said": its head.
        tokens = tokens[: tokens.index(",")]
    return _subject_words(tokens) if 0 < len(tokens) <= 16 else None


def _named_after_object(tokens: list[str], last: list[str], subject: str) -> bool:
    """'Lazar, Song wrote': two names and one comma, none closing the second: the first ends
    the quoted phrase's object, the second is the subject (an appositive would close with a
    comma, "Miller, a retired worker, said")."""
    first = tokens[: tokens.index(",")]
    return (tokens.count(",") == 1 and not subject.rstrip().endswith(",") and 0 < len(last) <= 3
            and 0 < len(first) <= 3 and all(capitalised(t) and t.isalpha() for t in first + last))


def _has_clause(tokens: list[str]) -> bool:
    """A pronoun with words after it ("He demands legal safeguards"), or a past tense right after
    a name ("Clinton seized upon"): a clause of its own."""
    if len(tokens) > 1 and is_pronoun(tokens[0]):
        return True
    return any(
        capitalised(tokens[k - 1]) and tokens[k].islower() and tokens[k].isalpha()
        and (tokens[k].endswith("ed") or tokens[k] in IRREGULAR_PAST)
        for k in range(1, len(tokens))
    )


_DEMONSTRATIVE_DETERMINERS = {"this", "that", "these", "those"}
_NOUN_PREPOSITIONS = {"in", "on", "at", "about"}  # "of", "for", "with", "from" are no stop words


def _subject_words(tokens: list[str]) -> str | None:
    first = tokens[0]
    if all(t.lower() in DAYS for t in tokens):
        return None  # "“...” Tuesday, hours after the staffer was charged": a time, no subject
    if _has_clause(tokens):
        return None  # "Clinton seized upon the reference, repeating": a sentence, no subject
    # a capitalised word inside a name is no stop word ("CBS This Morning anchor Ann Lee")
    low = {t.lower() for i, t in enumerate(tokens) if i == 0 or not capitalised(t)}
    if len(tokens) > 1 and _modal_name(first) and capitalised(tokens[1]):
        low.discard(first.lower())  # "Will Estrada, the chairman, said"
    # inside a subject, "and" joins subjects ("the senator and candidate"); opening it, a clause
    allowed = {"the", "and"} if first.lower() != "and" else {"the"}
    if len(tokens) > 1 and first.lower() in _DEMONSTRATIVE_DETERMINERS | DETERMINERS:
        # "this source told the Post", "a voice-over in the ad states"
        allowed = allowed | _DEMONSTRATIVE_DETERMINERS | _NOUN_PREPOSITIONS
    if low & (STOP - allowed) or any(not t[:1].isalnum() for t in tokens):
        return None
    if len(tokens) == 1 and is_pronoun(first):
        return bare_pronoun(first)
    if capitalised(first) or first.lower() in DETERMINERS or ANONYMOUS.match(" ".join(tokens)):
        return phrase(tokens)
    if capitalised(tokens[-1]) and not is_pronoun(tokens[-1]) and first.lower() not in SENTENCE_WORDS:
        # lower-case titles before a name: "former Florida governor Jeb Bush said" (not "of Trump")
        return phrase(tokens)
    return phrase(tokens) if _bare_plural(tokens) else None


def _bare_plural(tokens: list[str]) -> bool:
    """'“...,” federal prosecutors wrote': two or three words, a plural noun, no determiner."""
    last = tokens[-1]
    return (2 <= len(tokens) <= 3 and all(t.isalpha() and t.islower() for t in tokens)
            and last.endswith("s") and not last.endswith(("ss", "us", "is", "ous"))
            and len(last) > 3 and not any(t in SENTENCE_WORDS for t in tokens))
