"""Sources read outside the reporting clause next to a quotation: the agent of a passive verb of
describing ('has been called “x” by Ada Park', 'seen by organizers as a “lifeboat”'), the owner
of the words ('in Ada Park’s words, “...”') and the
subject of a sentence that opens a paragraph of speech ('Carter said that for decades ...').
Pure functions on text, split from `reports.analysis.quotes.attribution` (which reads the clause)."""

from __future__ import annotations

import re

from reports.analysis.quotes.attribution import Source, told_after
from reports.analysis.quotes.lexicon import capitalised, is_pronoun
from reports.analysis.quotes.subjects import leading_subject, sentence_subject, subject_after

_CLAUSE_VERBS_LIST = ("said", "says", "told", "tells", "added", "wrote", "writes", "noted", "argued",
                      "insisted", "warned", "explained", "stated", "declared", "recalled",
                      "elaborated", "contended", "claimed", "suggested", "predicted", "maintained",
                      "asserted", "acknowledged", "conceded", "cautioned", "stressed", "emphasized",
                      "argues", "notes", "adds", "contends", "explains", "insists", "warns")


_DESCRIBED = (r"(?:called|labell?ed|described|dubbed|branded|termed|deemed|characteri[sz]ed|seen|"
              r"known|viewed|regarded|derided|hailed|touted|decried|denounced)")
_AGENT_AFTER = re.compile(rf"\b({_DESCRIBED})(?:\s+as)?(?:\s+(?:a|an|the))?\s*$")
_AGENT_BEFORE = re.compile(rf"\b({_DESCRIBED})\s+by\s+([^,;:.“”\"]{{1,80}}?)\s+as(?:\s+(?:a|an|the))?\s*$")
_BY_AFTER = re.compile(r"[\s,]*by\s+")


def source_agent(left: str, right: str) -> Source | None:
    """The agent of a passive verb of describing: 'has been called “x” by Ada Park', 'seen by
    organizers as a “lifeboat”': whoever the words are given as said by."""
    words = _IN_WORDS.search(left[-120:]) if "words" in left[-24:] else None
    if words:  # "in Ada Park’s words, “...”", "in the words of Ada Park: “...”"
        mention = leading_subject(words.group(1) or words.group(2))
        return Source(mention, "words") if mention else None
    after = right.lstrip(" ,")[:3] == "by "
    if not after and " by " not in left[-160:]:
        return None  # cheap test first: most quotations have no "by" near them
    before = _AGENT_BEFORE.search(left[-160:])
    if before:
        mention, _ = subject_after(before.group(2))
        return Source(mention, before.group(1)) if mention else None
    verb = _AGENT_AFTER.search(left[-40:]) if after else None
    by = _BY_AFTER.match(right) if verb else None
    if not by:
        return None
    mention, _ = subject_after(right[by.end() :])
    return Source(mention, verb.group(1)) if mention else None


_IN_WORDS = re.compile(
    r"\b[Ii]n\s+(?:([^,;:“”\"]{1,60}?)[’']s?\s+(?:own\s+)?words|the\s+words\s+of\s+([^,;:“”\"]{1,60}))"
    r"\s*[,:]\s*$"
)


_MAIN_VERB = re.compile(rf"\s*(?:,[^,“”\"]{{1,80}},\s*)?(?:[a-z]+ly\s+)?({'|'.join(sorted(_CLAUSE_VERBS_LIST))})\b")


def source_opening(sentence: str) -> Source | None:
    """'Carter said that for decades critics had predicted a withdrawal, but ...' before a
    paragraph of speech: the sentence's subject and its reporting verb, not a verb inside the
    reported clause, introduce what follows."""
    stripped = sentence.lstrip()
    subject = sentence_subject(stripped)
    at = stripped.find(subject) if subject else -1
    verb = _MAIN_VERB.match(stripped, at + len(subject)) if at >= 0 else None
    if not verb or is_pronoun(subject) or not capitalised(subject):
        return None
    return Source(subject, verb.group(1), told_after(verb.group(1), stripped[verb.end() :]))
