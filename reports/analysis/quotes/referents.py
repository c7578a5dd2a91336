"""Who a pronoun or a role stands for in a French or German article, for the quotation pass
(`localized`): the people met so far, as speakers and as names in the text, and the gender each
mention shows.

- "il", "elle", "er": the last person mentioned, as a speaker (a name or a description: "un
  voisin") or named since, of the pronoun's gender where the mention shows one: an honorific
  ("Mme", "Herr"), the determiner of a noun of people ("la directrice"), a feminine ending
  ("l'avocate", "Sprecherin") or a given name (`given_names.tsv`). A name after a preposition
  is a place or an outlet ("sur BFM Business"), except after "selon", "pour", "par", "chez".
- "le ministre", "l'avocat": the person named with that role earlier ("le ministre de la
  Culture X", "X, avocat de la famille"), the nearest before the quotation.
- "M. Dupont", "Klug": the fuller name met in the article.
"""

from __future__ import annotations

import re

from reports.analysis.quotes.language_rules import (
    Rules,
    bare,
    capital,
    given_gender,
    given_name,
    given_name_start,
    name_run,
    name_word,
    reading,
    words_of,
)
from reports.analysis.text import Document

_NAMES = re.compile(r"[^\W\d_][\w'’\-]*(?:\s+(?:(?:de|du|von|van|der|le|la)\s+)?[A-ZÀ-ÖØ-Þ][\w'’\-]*)+")


class Referents:
    """The people of one article, met in the order the quotation pass reads it."""

    def __init__(self, doc: Document, r: Rules) -> None:
        self.doc, self.r = doc, r
        self.speakers: list[tuple[int, str, str | None]] = []  # (where, who, gender) of each speaker found
        self.genders: dict[str, str] = {}  # a person's gender once a mention showed it

    def spoke(self, at: int, who: str, gender: str | None) -> None:
        """A speaker found for the quotation at `at`, with the gender its mention showed."""
        if gender:
            self.genders[who] = gender
        self.speakers.append((at, who, gender))

    def antecedent(self, at: int, want: str | None) -> str | None:
        """Whom "il", "elle", "er" stands for: the last person mentioned, as a speaker or
        since ("Emmanuel Grégoire a tenu à répondre. « ... », s'est-il indigné"; "Mme Ardern a
        observé ... « ... », a-t-elle dit"), of the pronoun's gender where the mention shows one
        ("Mme", "la directrice", "le chanteur Mika"); earlier speakers when none since fits."""
        floor = self.speakers[-1][0] if self.speakers else 0
        candidates = list(self.speakers) + self._mentions(floor, at)
        for _, who, gender in sorted(candidates, key=lambda c: c[0], reverse=True):
            gender = gender or self.genders.get(who)
            if want is None or gender is None or gender == want:
                return who
        return None

    def _mentions(self, start: int, end: int) -> list[tuple[int, str, str | None]]:
        """People named in the text between `start` and `end`: a name of two or three words
        not after a preposition ("la Maison Blanche", "sur BFM Business" are not people; "selon
        X", "perçue par X", "chez X" are), a surname after an honorific ("Mme Ardern") or a role
        ("le chanteur Mika"). In German, whose nouns are all capitalised, a name that opens with
        a given name."""
        text, r = self.doc.text[start:end], self.r
        found = []
        for match in _NAMES.finditer(text):
            words = words_of(match.group())
            run = name_run(words, r)
            if not run or match.group().isupper():
                continue
            run = given_name_start(words, *run)  # "de Twitter France Audrey Herblin-Stoop"
            while run[1] - run[0] > 1 and bare(words[run[0]]) in r.particles:
                run = (run[0] + 1, run[1])  # "ein Foto von Charlie": not "von Charlie"
            before = words_of(text[max(0, match.start() - 30) : match.start()])[-3:] + words[: run[0]]
            after_word = bare(before[-1]) if before else ""
            role = bool(before) and r.person_noun(before[-1]) and not capital(before[-1])
            size = run[1] - run[0]
            name = " ".join(words[run[0] : run[1]])
            if run[0] and capital(words[run[0] - 1]) and not given_name(words[run[0]]):
                continue  # the end of a longer run of capitals: "la Fédération Nationale Agricole"
            if r.compounds and not given_name(words[run[0]]):
                continue  # every German noun is capitalised: a name opens with a given name
            if (2 <= size <= 3 or (size == 1 and role)) and not (
                    after_word in r.function_words and after_word not in r.according | r.opening | r.agents):
                found.append((start + match.start(), name, r.gender_of(before[-3:]) or given_gender(name)))
        for match in re.finditer(r"(?<!\w)(" + "|".join(re.escape(h) for h in sorted(r.honorifics, key=len, reverse=True))
                                 + r")\s+((?:(?:de|du|von|van|le|la|Le|La)\s+)?[A-ZÀ-ÖØ-Þ][\w'’\-]+)(\s+[A-ZÀ-ÖØ-Þ][\w'’\-]+)?", text):
            honorific, name, second = match.group(1), match.group(2), match.group(3)
            shown = f"{name}{second}" if second and " " not in name else self.full(f"{honorific} {name}")
            found.append((start + match.start(), shown, r.gender_of([honorific])))  # "Mme Ardern", "Dr. Marco Buschmann"
        return found

    def named_role(self, at: int, words: list[str]) -> str | None:
        """The person a definite description of one role stands for, named with that role
        earlier in the article: "le ministre de la Culture Franck Riester ... ajoute le
        ministre", "Me Thierry Moser, avocat de la famille ... a ajouté l'avocat"; the nearest
        before the quotation. A description with more words ("le député de l'Ain") needs them
        near the name too."""
        r = self.r
        if not words or bare(words[0]) not in {"le", "la", "l", "der", "die"}:
            return None
        role = words[1:]
        for index, word in enumerate(role):
            if bare(word) in r.particles and index:
                role = role[:index]  # "l'ancien ministre de l'Économie": the head before its complement
                break
        heads = [w for w in role if r.person_noun(w) and (r.compounds or not capital(w))]
        if not heads:
            return None
        head = heads[-1]  # "l'ancien ministre"
        extra = [w for w in words[1:] if capital(w) and w != head]
        text = self.doc.text[:at]
        best: tuple[int, str] | None = None
        for match in re.finditer(rf"(?<!\w){re.escape(head)}(?!\w)", text, re.IGNORECASE):
            window = text[max(0, match.start() - 60) : match.end() + 80]
            if any(w not in window for w in extra):
                continue
            named = self._name_after(text[match.end() : match.end() + 80], head) or \
                self._name_before(text[max(0, match.start() - 60) : match.start()])
            if named:
                best = (match.start(), named)
        return self.full(best[1]) if best else None

    def _name_after(self, text: str, head: str) -> str | None:
        """ "ministre de la Culture Franck Riester": the name that follows the role."""
        tokens = []
        following = words_of(text)[:8]
        if following[:1] == [","]:
            following = following[1:]  # "sa principale, Nathalie Daupin"
        for token in following[:7]:
            if token in ",;:()" or (bare(token) in self.r.stops and bare(token) not in self.r.particles):
                break
            tokens.append(token)
        found = reading([head, *tokens], self.r) if tokens else None
        if found and found[1] == "name" and " " in found[0] and found[0].split()[0] in " ".join(tokens):
            return found[0]
        return None

    def _name_before(self, text: str) -> str | None:
        """ "Thierry Moser, avocat de la famille": the name a role follows in apposition."""
        match = re.search(r"([A-ZÀ-ÖØ-Þ][\w\-]+(?:\s+(?:(?:de|du|von|van|le|la)\s+)?[A-ZÀ-ÖØ-Þ][\w\-]+)+),\s+(?:\w+['’]?\s*)?$", text)
        if not match:
            return None
        words = words_of(match.group(1))
        run = name_run(words, self.r)
        return " ".join(words[run[0] : run[1]]) if run and run[1] - run[0] >= 2 else None

    def full(self, name: str) -> str:
        """A surname alone ("M. Dupont", "Klug") -> the fuller name met in the article."""
        parts = name.split()
        if parts[0] in self.r.honorifics and len(parts) > 1:
            parts = [parts[0], " ".join(parts[1:])]  # "M. Le Gouil": the surname has its particle
        surname = parts[-1]
        if len(parts) > 2 or (len(parts) == 2 and parts[0] not in self.r.honorifics):
            return name
        for match in re.finditer(rf"\b([^\W\d_][\w\-]+) {re.escape(surname)}\b", self.doc.text):
            first = match.group(1)
            if re.search(rf"\b{re.escape(surname)} {re.escape(first)}\b", self.doc.text):
                continue  # "Aron Gianni" and "Gianni Aron": two people side by side, not one name
            if name_word(first, self.r) and first != surname:
                return f"{first} {surname}"
        return name
