"""Writes reports/analysis/lang/fr/quote_verbs.txt, the French reporting verbs the quotation
pass reads, from the Gender Gap Tracker's list in the dev corpus.

    .venv/bin/python bench/french_quote_verbs.py     # rewrite the data file

Source: ../shared/corpus/languages/fr/quote_verbs.txt, itself the public repository
sfu-discourse-lab/GenderGapTracker, nlp/french/rules/quote_verb_list.txt (MIT License,
Copyright (c) 2018-2023 Maite Taboada; the notice is carried into the data file). A writer
reports someone's words in the third person, so the forms that can only be the first or second
person (passé simple "accusai", "accusâmes"; "-ons", "-ez", "-iez", "-ions"; imperfect and
conditional "-ais"; imperfect subjunctive "-asse") are left out: they are words of the
quotation itself, not of the sentence that reports it. The rest is written sorted, one line
per first letter, so the file stays short and a reader can look a form up.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO.parent / "shared" / "corpus" / "languages" / "fr" / "quote_verbs.txt"
TARGET = REPO / "reports" / "analysis" / "lang" / "fr" / "quote_verbs.txt"
FIRST_OR_SECOND_PERSON = (
    "ai", "ais", "as", "âmes", "âtes", "îmes", "îtes", "ûmes", "ûtes", "asse", "asses", "assent",
    "assiez", "assions", "isses", "issiez", "issions", "ions", "iez", "ons", "ez",
)


def third_person(form: str) -> bool:
    return not form.endswith(FIRST_OR_SECOND_PERSON)


def main() -> None:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    notice = [line for line in lines if line.startswith("#")]
    forms = sorted({line.strip() for line in lines if line.strip() and not line.startswith("#")})
    kept = [form for form in forms if third_person(form)]
    by_letter: dict[str, list[str]] = {}
    for form in kept:
        by_letter.setdefault(form[0], []).append(form)
    header = [
        "# French reporting verbs, third-person forms, written by bench/french_quote_verbs.py",
        f"# ({len(kept)} of the source's {len(forms)} forms). Source, with its notice:",
        *notice,
    ]
    body = [" ".join(words) for _, words in sorted(by_letter.items())]
    TARGET.write_text("\n".join(header + body) + "\n", encoding="utf-8")
    print(f"{TARGET.relative_to(REPO)}: {len(kept)} of {len(forms)} forms", file=sys.stderr)


if __name__ == "__main__":
    main()
