"""French, German, Spanish and Italian (any language with `lang/<code>/quotes.toml`): the words
that find who said a quotation, and who can speak.

A speaker is a name (capitalised words, none a function word of the language, a time or a
word that opens sentences) or a description whose head is a noun of people, groups or
documents (German compounds by their last part: "Polizeisprecher"); a title or role before a
name gives the name ("Sprecher Stefan Gobbin" -> "Stefan Gobbin"), a complement's capital is
not part of it ("le ministre de l'Intérieur Gérald Darmanin"). Anything else cannot speak:
"Pour", "Selon le Parisien", "Die hat Strafanzeigen", "Woche". The words are data; this
module is the small code that applies them (`localized` reads the sentence).
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources

from reports.analysis import lang

_TOKEN = re.compile(r"[^\W\d_]{1,7}['’](?=\w)|\w+-(?=\s+(?:und|oder|et|ou)\s)|\w+(?:[-'’]\w+|\.(?![A-ZÀ-ÖØ-Þ][^\W\d_]*[a-zß-ÿ]{2})\w+)*\.?|[,;:()]")


@dataclass(frozen=True)
class Rules:
    """One language's words for finding who said a quotation."""

    code: str
    verbs: frozenset[str]  # reporting verbs, lowercased forms (a separable verb's first word)
    auxiliaries: frozenset[str]
    pronouns: frozenset[str]
    singular: frozenset[str]  # the pronouns of one person ("il", "er", "lei"): the last one named
    pro_drop: bool  # a reporting verb may have no subject ("«...», añadió."): the last one named
    according: frozenset[str]  # "selon X", "laut X"
    after_source: frozenset[str]  # "X zufolge": the source before the word
    opening: frozenset[str]  # "Pour X, « ... »"
    as_said: frozenset[str]  # "Wie X sagte, ..."
    adverbs: frozenset[str]
    times: frozenset[str]  # days and times between a verb and its subject
    complements: frozenset[str]  # prepositions of a complement between them ("à l'AFP")
    stops: frozenset[str]
    scare_max_words: int
    short_said: bool  # a short quotation followed by ", <verb>" is said ("«Se acabó», escribió X")
    incisos: bool  # the source may stand between dashes inside the quotation («A – ha detto X – B»)
    complementizers: frozenset[str]  # "X aseguró que el Gobierno «…»": the verb before "que" reports the quotation
    relatives: frozenset[str]  # a relative clause between commas after the subject ("que", "che") is skipped
    according_phrases: tuple[tuple[str, ...], ...]  # "de acuerdo con X": `according` of several words
    determiners: frozenset[str]
    honorifics: frozenset[str]
    particles: frozenset[str]
    people: frozenset[str]
    groups_documents: frozenset[str]
    people_endings: tuple[str, ...]
    compounds: bool  # nouns are read by their last part too (German)
    anonymous: frozenset[str]
    not_names: frozenset[str]
    function_words: frozenset[str]  # the language's stop words
    pairs: tuple[tuple[str, str], ...]
    dialogue: str  # the dash that opens a paragraph of speech, "" where the language has none
    genitives: frozenset[str] = frozenset()  # "der Sprecher der Polizei": a role's complement
    source_nouns: frozenset[str] = frozenset()  # "laut Angaben der Polizei": the source follows
    reflexives: frozenset[str] = frozenset()  # "echauffierte sich X": between a verb and its subject
    agents: frozenset[str] = frozenset()  # prepositions a person follows ("perçue par X", "chez X")
    clitics: frozenset[str] = frozenset()  # object pronouns before an inverted verb ("lui répond-t-elle")
    # Gender, to find whom "il"/"elle" ("er") stands for: pronoun -> "m"/"f"; honorifics and
    # determiners that say it ("Mme", "la", "die"); endings of feminine nouns ("directrice").
    pronoun_genders: tuple[tuple[str, str], ...] = ()
    gendered: tuple[tuple[str, str], ...] = ()
    feminine_endings: tuple[str, ...] = ()
    masculine_endings: tuple[str, ...] = ()

    def gender_of_pronoun(self, pronoun: str) -> str | None:
        return dict(self.pronoun_genders).get(pronoun.lower())

    def gender_of(self, words: list[str]) -> str | None:
        """The gender a mention shows: an honorific ("Mme Ardern", "Herr Klug"), the determiner
        of a noun of people ("la directrice", "le chanteur Mika") or that noun's ending
        ("l'avocate", "Ministerin"); None when it says nothing (a name alone, "de la Justice")."""
        said = dict(self.gendered)
        for word in words:
            if capital(word) and word in said:
                return said[word]
        for index, word in enumerate(words):
            if not self.person_noun(word) or (capital(word) and not self.compounds):
                continue
            determiner = bare(words[index - 1]) if index else ""
            if determiner in said and not capital(said.get(determiner, "")):
                return said[determiner]
            low = word.lower()
            if low.endswith(self.feminine_endings):
                return "f"
            if low.endswith(self.masculine_endings):
                return "m"
        return None

    def verb(self, token: str) -> bool:
        return token.lower() in self.verbs

    def noun_of_speakers(self, word: str) -> bool:
        """A noun of people, groups or documents, or (German) a compound ending in one."""
        low = word.lower().rsplit("-", 1)[-1]  # "ex-vice-président"
        if low in self.people or low in self.groups_documents or low.endswith(self.people_endings):
            return True
        if not self.compounds:
            return False
        nouns = self.people | self.groups_documents
        forms = {low, low.removesuffix("s"), low.removesuffix("es"), low.removesuffix("n"), low.removesuffix("en")}
        return any(form.endswith(noun) and len(noun) >= 4 for form in forms for noun in nouns)

    def person_noun(self, word: str) -> bool:
        low = word.lower().rsplit("-", 1)[-1]
        return low in self.people or low.endswith(self.people_endings) or (
            self.compounds and any(low.endswith(noun) and len(noun) >= 4 for noun in self.people))


@functools.cache
def _given_names() -> dict[str, str]:
    text = resources.files("reports.analysis.lang").joinpath("given_names.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t") for line in text.splitlines() if line and not line.startswith("#"))


def given_gender(name: str) -> str | None:
    """The gender a person's given name says ("Catherine Hill": f, "Olivier Véran": m; the
    first part of "Jean-Marc"), from given_names.tsv; None for a name it leaves in doubt."""
    from reports.analysis.gazetteer import fold

    first = name.split()[0].split("-")[0] if name.strip() else ""
    return _given_names().get(fold(first)) if len(first) > 1 and capital(first) else None


def supports(code: str) -> bool:
    """Whether the language has a quotation data file of its own (English has its own pass)."""
    return code != "en" and code.isalpha() and resources.files("reports.analysis.lang").joinpath(code, "quotes.toml").is_file()


@functools.cache
def rules(code: str) -> Rules:
    folder = resources.files("reports.analysis.lang").joinpath(code)
    data = tomllib.loads(folder.joinpath("quotes.toml").read_text(encoding="utf-8"))
    said, speaker = data["attribution"], data["speaker"]
    verbs = {v.lower() for v in said.get("verbs", [])}
    if "verbs_file" in said:
        text = folder.joinpath(said["verbs_file"]).read_text(encoding="utf-8")
        verbs |= {w for line in text.splitlines() if not line.startswith("#") for w in line.split()}
    for forms in said.get("lemmas", {}).values():
        verbs |= {form.split()[0].lower() for form in forms}
    language = lang.rules(code)
    return Rules(
        code=code,
        verbs=frozenset(verbs),
        auxiliaries=_forms(said.get("auxiliaries", [])),
        pronouns=frozenset(said.get("pronouns", [])),
        singular=frozenset(said.get("singular", [])),
        pro_drop=bool(said.get("pro_drop", False)),
        according=frozenset(said.get("according", [])),
        after_source=frozenset(said.get("after_source", [])),
        opening=frozenset(said.get("opening", [])),
        as_said=frozenset(said.get("as_said", [])),
        adverbs=_forms(said.get("adverbs", [])),
        times=frozenset(language.days) | frozenset(language.months) | frozenset(said.get("times", [])),
        complements=_forms(said.get("complements", [])),
        stops=_forms(said.get("stops", [])),
        scare_max_words=int(said.get("scare_max_words", 0)),
        short_said=bool(said.get("short_said", False)),
        incisos=bool(said.get("incisos", False)),
        relatives=frozenset(said.get("relatives", [])),
        complementizers=frozenset(said.get("complementizers", [])),
        according_phrases=tuple(tuple(c.lower().split()) for c in said.get("according", []) if " " in c),
        determiners=_forms(speaker.get("determiners", [])),
        honorifics=frozenset(speaker.get("honorifics", [])),
        particles=_forms(speaker.get("particles", [])),
        people=frozenset(speaker.get("people", [])),
        groups_documents=frozenset(speaker.get("groups", []) + speaker.get("documents", [])),
        people_endings=tuple(speaker.get("people_endings", [])),
        compounds=bool(speaker.get("compounds", False)),
        anonymous=frozenset(speaker.get("anonymous", [])),
        not_names=frozenset(speaker.get("not_names", [])),
        function_words=language.stop_words | language.elisions,
        pairs=language.quote_pairs,
        dialogue=language.quote_dialogue,
        clitics=_forms(said.get("clitics", [])),
        agents=_forms(speaker.get("agents", [])),
        reflexives=_forms(said.get("reflexives", [])),
        genitives=_forms(speaker.get("genitives", [])),
        source_nouns=_forms(said.get("source_nouns", [])),
        pronoun_genders=tuple((p, g) for g, words in data.get("gender", {}).get("pronouns", {}).items() for p in words),
        gendered=tuple((w, g) for g, words in data.get("gender", {}).get("words", {}).items() for w in words),
        feminine_endings=tuple(data.get("gender", {}).get("feminine_endings", [])),
        masculine_endings=tuple(data.get("gender", {}).get("masculine_endings", [])),
    )


def _forms(words: list[str]) -> frozenset[str]:
    """The words as `_bare` reads a token: lowercased, without a final elision mark."""
    return frozenset(w.rstrip("'’").lower() for w in words)




def bare(word: str) -> str:
    """The word as the word lists hold it: lowercased, without a final dot or elision mark."""
    return word.rstrip(".'’").lower()


def capital(word: str) -> bool:
    return word[:1].isupper()


def name_word(word: str, r: Rules) -> bool:
    return (capital(word) and word not in r.not_names and bare(word) not in r.function_words
            and word not in r.honorifics and not r.verb(word)
            and not (word.lower() in r.people or word.lower() in r.groups_documents
                     or (r.compounds and r.noun_of_speakers(word)))
            and word.lower() not in r.pronouns)


def speaks(speaker: str | None, code: str) -> bool:
    """Whether a speaker as shown can speak in the language: a name or a description of
    people, groups or documents, never a function word or a phrase that opens with one."""
    if not speaker:
        return True
    r = rules(code)
    if speaker.lower().replace("’", "'") in r.function_words:
        return False  # "Aujourd'hui": one function word, however its tokens read
    words = words_of(speaker)
    return bool(words) and reading(words, r) is not None


def reading(words: list[str], r: Rules) -> tuple[str, str, bool] | None:
    """(speaker, kind, anonymous) of a phrase in the speaker's place, kind "name",
    "description" or "pronoun"; None when it cannot speak."""
    if len(words) == 1 and words[0].lower() in r.pronouns:
        return words[0], "pronoun", False
    first = bare(words[0])
    if first in r.function_words and first not in r.determiners and words[0] not in r.honorifics:
        return None  # "Pour", "Parmi", "D'après", "Die hat ...": a function word opens it
    if words[0] in r.not_names or any(w.lower() in r.pronouns for w in words):
        return None
    name = name_run(words, r)
    if name is not None:
        start, end = given_name_start(words, *name)
        if end < len(words) and capital(words[end]) and words[end].lower() in r.people and given_gender(words[end - 1]):
            end += 1  # "Nicolas Voisin": a surname that is also a noun of people
        if start == 1 and end == 2 and words[0].isdigit():
            start = 0  # a publication's name opens with its number: "d'après 20 Minutes"
        before = words[:start]
        if before and r.compounds and not capital(before[-1]) and end - start == 1:
            return None  # German "die Woche", "dem großen Kind": a noun after its article, not a name
        head = [w for w in before if r.noun_of_speakers(w)]
        complement = before[-1:] and (bare(before[-1]) in r.particles or
                                  (len(before) > 1 and bare(before[-2]) in r.particles and bare(before[-1]) in r.determiners)
                                  or any(bare(w) in r.genitives for w in before[1:]))  # "der Leiter des Zentrums X"
        if head and (complement or words[start:end] == [w.upper() for w in words[start:end]] and end - start == 1):
            return joined(words), "description", False  # "la procureure de Mulhouse", "l'élue LREM"
        if head and not any(r.person_noun(w) for w in head):
            return joined(words), "description", False  # "la préfecture de Paris"
        shown = words[start:end]
        if len(before) >= 2 and before[-2] in r.honorifics and bare(before[-1]) in r.particles and end - start == 1:
            shown = before[-2:] + shown  # "M. Le Goff", its particle kept for the fuller name
        elif before and before[-1].lower() in {"le", "la", "les"} and not head:
            shown = [before[-1].capitalize(), *shown]  # "le Parisien" -> "Le Parisien"
        elif before and before[-1] in r.honorifics and end - start == 1:
            title = before[-1]
            if title + "." in r.honorifics:
                title += "."  # "Sr. Pérez": its dot, taken off as a full stop by `words_of`
            shown = [title, *shown]  # "M. Dupont" when no fuller name is found
        return " ".join(shown), "name", False
    # a description's head: a noun of the lists ("le Conseil", "la Commission" capitalised too;
    # an ending only in lower case, since "Parisien" is a name)
    if any((r.noun_of_speakers(w) if not capital(w) or r.compounds else w.lower() in r.people | r.groups_documents)
           and bare(w) not in r.function_words for w in words):  # "leur", "plusieurs": no "-eur" noun
        anonymous = any(w.lower() in r.anonymous for w in words)
        return joined(words), "description", anonymous
    return None


def given_name(word: str) -> bool:
    """A given name, of either gender: in given_names.tsv or census data's first names."""
    from reports.analysis.gazetteer import fold, lookup

    return capital(word) and (fold(word) in _given_names() or word.lower() in lookup().first_names)


def given_name_start(words: list[str], start: int, end: int) -> tuple[int, int]:
    """A person's name inside a longer run of capitals starts at a given name ("le président
    de SOS Racisme Dominique Sopo", "le patron de New Zealand Rugby Mark Robinson"): a word
    census data gives as a first name, when the run does not open with one."""
    if end - start < 3:
        return start, end
    from reports.analysis.gazetteer import lookup

    first_names = lookup().first_names
    if words[start].lower() in first_names:
        return start, end
    for k in range(start + 1, end - 1):
        if words[k].lower() in first_names:
            return k, end
    return start, end


def name_run(words: list[str], r: Rules) -> tuple[int, int] | None:
    """(start, end) of the last run of name words (particles inside: "Charles de Gaulle")."""
    end = None
    for index in range(len(words) - 1, -1, -1):
        if name_word(words[index], r):
            end = index + 1
            break
    if end is None:
        return None
    start = end - 1
    while start > 0:
        word = words[start - 1]
        if name_word(word, r):
            if start >= 2 and end - start >= 2 and not r.compounds and \
                    (bare(words[start - 2]) in r.determiners or bare(words[start - 2]) in r.particles):
                break  # "le ministre de l'Intérieur Gérald Darmanin": the name after the complement
            start -= 1
        elif bare(word) in r.particles and start >= 2 and name_word(words[start - 2], r):
            start -= 2
        else:
            break
    return start, end




def joined(words: list[str]) -> str:
    """Tokens back to text: no space after an elision ("l'Intérieur")."""
    return "".join(w if w.endswith(("'", "’")) else w + " " for w in words).strip()


def words_of(text: str) -> list[str]:
    """Words and punctuation, an elision its own word ("l'", "d'"), a final full stop dropped."""
    found = []
    for token in _TOKEN.findall(text):
        if token.endswith(".") and len(token) > 2 and token not in {"MM.", "Dr.", "Prof."}:
            token = token[:-1]  # a sentence's full stop, not an abbreviation ("M.", "Dr.")
        found.append(token)
    return found
