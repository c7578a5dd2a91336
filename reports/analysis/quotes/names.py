"""Names met in an article: "Mr Scholz" and "Scholz" resolved to "Olaf Scholz", and the person
who opened a sentence last, the likeliest antecedent of "he" or "she"."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from reports.analysis.quotes.index import TextIndex
from reports.analysis.quotes.language_rules import given_gender
from reports.analysis.quotes.lexicon import DAYS, SENTENCE_WORDS, TITLES, opening_adverb


class Names:
    """Full names met in the document, by surname, to resolve "Mr Scholz" and "Scholz"."""

    def __init__(self, text: str, index: TextIndex | None = None) -> None:
        self._text = text
        self._scans = index or TextIndex(text)  # the article's shared scans (`index`)
        self._by_surname: dict[str, list[tuple[int, str]]] | None = None  # built when first asked
        self._subjects: list[tuple[int, str]] | None = None

    def _runs(self) -> list[re.Match[str]]:
        """Capitalised runs of the text: scanned once, read by both indexes (the scan is
        most of their cost) and by the chooser."""
        return self._scans.runs

    def _index(self) -> dict[str, list[tuple[int, str]]]:
        by_surname: dict[str, list[tuple[int, str]]] = {}
        for match in self._runs():
            run = match.group()
            if " " not in run:
                continue
            name = person(run)
            if name and " " in name:
                surname = name.rsplit(" ", 1)[1].lower()
                by_surname.setdefault(surname, []).append((match.start(), name))
        return by_surname

    def full(self, name: str, at: int) -> str:
        """The latest full name before `at` ending with this surname, else the first after."""
        if " " in name:
            return name
        if self._by_surname is None:
            self._by_surname = self._index()
        found = self._by_surname.get(name.lower())
        if not found:
            return name
        index = bisect_right(found, (at, "\uffff"))
        return found[index - 1][1] if index else found[0][1]

    def shared(self, surname: str) -> bool:
        """More than one full name in the article ends with this surname (Bill and Hillary
        Clinton): a title before the surname alone does not say whose it is."""
        if self._by_surname is None:
            self._by_surname = self._index()
        return len({name for _, name in self._by_surname.get(surname.lower(), ())}) > 1

    def subject_before(self, at: int) -> tuple[int, str] | None:
        """(offset, full name) of the last person who opens a sentence before `at`: the
        likeliest antecedent of "he"/"she" ("Perez lobbies for ...: “...” He says")."""
        if self._subjects is None:
            self._subjects = self._subject_index()
        index = bisect_right(self._subjects, (at, "\uffff"))
        return self._subjects[index - 1] if index else None

    def subjects_between(self, start: int, at: int) -> list[tuple[int, str]]:
        """Every (offset, full name) of `subject_before` after `start` and before `at`, the
        latest first."""
        if self._subjects is None:
            self._subjects = self._subject_index()
        hi = bisect_right(self._subjects, (at, "\uffff"))
        lo = bisect_right(self._subjects, (start, "\uffff"))
        return self._subjects[lo:hi][::-1]

    def _subject_index(self) -> list[tuple[int, str]]:
        if self._by_surname is None:
            self._by_surname = self._index()
        found: list[tuple[int, str]] = []
        for match in self._runs():
            start, end = match.span()
            if not (_SUBJECT_BEFORE.search(self._text, max(0, start - 4), start)
                    and _SUBJECT_AFTER.match(self._text, end)):
                continue
            name = person(match.group())
            if name and (" " in name or name.lower() in self._by_surname):
                found.append((start, self.full(name, start)))
        return found


# A name opens a sentence (or a clause after "and"/"but") and a verb or appositive follows it.
_SUBJECT_BEFORE = re.compile(r"(?:^|[.!?:][\"”’]?\s+|\n\s*|\b(?:and|but) )$")
_SUBJECT_AFTER = re.compile(r"(?:’s|'s)?\s+(?:[a-z]|\()|,\s")
_NAME_CHARS = re.compile(r"[\w’'.\- ]+")


# Words that open a sentence before a name ("Neither Warren nor Clinton", "Both Israel and")
_OPENERS = {
    "neither", "either", "both", "whether", "not", "only", "if", "unlike", "like", "maybe",
    "perhaps", "had", "should", "were", "did", "does", "do", "is", "was", "are", "can", "could",
    "would", "will", "has", "have", "why", "how", "what", "where", "who",
}


# A pure function of the run, asked again for every repeat of a name in an article and across
# articles (82,000 runs of the dev corpus are 15,500 distinct): cached.
@lru_cache(maxsize=16384)
def person(run: str) -> str | None:
    """'German Chancellor Olaf Scholz' -> 'Olaf Scholz'; None when no name is left."""
    tokens = run.replace("\n", " ").split()
    for index in range(len(tokens) - 1, -1, -1):
        if index and index == len(tokens) - 1 and given_gender(tokens[index - 1]):
            continue  # "Peter King", "Mark Judge": a surname after a given name, not a title
        if tokens[index].lower().rstrip(".") in TITLES:
            tokens = tokens[index + 1 :]
            break
    while tokens and (tokens[0].lower() in SENTENCE_WORDS or tokens[0].lower() in _OPENERS
                      or opening_adverb(tokens[0])):  # "Interestingly Blocher"
        tokens = tokens[1:]
    while tokens and tokens[-1].lower().rstrip(".,") in DAYS:
        tokens = tokens[:-1]  # "CNN Tuesday": a day after a name is no part of it
    if tokens and tokens[-1].endswith(("’s", "'s")):
        tokens[-1] = tokens[-1][:-2]
    if not tokens or len(tokens) > 4 or not all(t[:1].isupper() for t in tokens):
        return None
    name = " ".join(tokens).rstrip(".,")
    return name if _NAME_CHARS.fullmatch(name) else None
