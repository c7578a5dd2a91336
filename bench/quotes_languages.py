"""Quotations in French and German, measured on the dev articles.

    nice -n 10 .venv/bin/python bench/quotes_languages.py

For each set: the opening marks « and „ present in the articles against the quotations found
that open with them (every one should be found), and the speakers that fail the language's
can-speak test (`quotes.localized.speaks`: a function word, a phrase opening with one, a noun
that is no one). The English pass, which every article took before French and German had their
own, is run on the same documents beside it. French: the saved OrangeSum dev pages, as an inbox
holds them, split in the two halves of bench/languages.py (half A was read to build the rules,
half B never). German: the GermEval dev pseudo-articles and the German pages of the web dev
corpus, split the same way by id or file name. Only counts are printed; `--errors` shows half A's misses and
failing speakers (on stderr), never half B's.

    nice -n 10 .venv/bin/python bench/quotes_languages.py --sample fr 60 > /tmp/fr-sample.txt

prints a fixed random sample of half A's quotations (seeded; the same quotations whatever the
rules find for them, picked by article and opening offset) with the speaker found and the
sentence around it, to judge by reading; half B is never sampled.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared" / "corpus"

from bench.languages import FRENCH, GERMAN, fold, rows  # noqa: E402
from reports.analysis import language, text  # noqa: E402
from reports.analysis.quotes import localized  # noqa: E402
from reports.analysis.quotes.quotes import extract as english  # noqa: E402
from reports.errors import ReportsError  # noqa: E402
from reports.ingest import read  # noqa: E402

OPENING = {"fr": "«", "de": "„"}


def french(half: int) -> list[str]:
    return [body for _, body in named_french(half)]


def named_french(half: int) -> list[tuple[str, str]]:
    found = []
    for row in rows(FRENCH):
        if fold(row) == half:
            found += [(str(row["id"]), a.text) for a in read(FRENCH.parent / row["page"]) if hasattr(a, "text")]
    return found


def german(half: int) -> list[str]:
    return [body for _, body in named_german(half)]


def named_german(half: int) -> list[tuple[str, str]]:
    found = [(str(r["id"]), r["text"]) for r in rows(GERMAN) if fold(r) == half]
    for line in (SHARED / "web" / "trafilatura.jsonl").read_text(encoding="utf-8").splitlines():
        name = json.loads(line)["file"]
        if fold({"id": name}) != half:
            continue
        path = SHARED / "web" / name
        try:
            articles = [a for a in read(path) if hasattr(a, "text")]
        except ReportsError:
            continue  # a page that is no article (the reader says why)
        found += [(name, a.text) for a in articles if language.choose(a.language, None, a.text) == "de"]
    return found


def measure(texts: list[str], code: str, errors: bool = False) -> dict[str, int]:
    mark = OPENING[code]
    counts = dict.fromkeys(("articles", "marks", "found", "speakers", "failing", "old speakers", "old failing"), 0)
    for body in texts:
        doc = text.split(body, code)
        counts["articles"] += 1
        counts["marks"] += body.count(mark)
        items = localized.extract(doc).items
        counts["found"] += sum(_opened_by(body, q.start, mark) for q in items)
        counts["speakers"] += sum(1 for q in items if q.speaker)
        counts["failing"] += sum(1 for q in items if q.speaker and not localized.speaks(q.speaker, code))
        if errors:  # half A only: what the rules were built from
            _show(body, items, mark, code)
        old = english(doc).items
        counts["old speakers"] += sum(1 for q in old if q.speaker)
        counts["old failing"] += sum(1 for q in old if q.speaker and not localized.speaks(q.speaker, code))
    return counts


def _show(body: str, items: tuple, mark: str, code: str) -> None:
    for q in items:
        if q.speaker and not localized.speaks(q.speaker, code):
            print("SPEAKER", repr(q.speaker), repr(body[max(0, q.start - 120) : q.start]), file=sys.stderr)
    opened = {i for i, c in enumerate(body) if c == mark}
    for q in items:
        opened.discard(len(body[: q.start].rstrip(" \u00a0\u202f\u2009\n")) - 1)
    for at in sorted(opened):
        print("MISSED", repr(body[max(0, at - 100) : at + 160]), file=sys.stderr)


def _opened_by(body: str, start: int, mark: str) -> bool:
    return body[:start].rstrip(" \u00a0\u202f\u2009\n")[-1:] == mark


def table(errors: bool = False) -> list[str]:
    sets = [("French, OrangeSum dev pages, half A (read)", "fr", french(0), errors),
            ("French, OrangeSum dev pages, half B (never read)", "fr", french(1), False),
            ("German, GermEval dev + web dev pages, half A (read)", "de", german(0), errors),
            ("German, GermEval dev + web dev pages, half B (never read)", "de", german(1), False)]
    lines = ["| dev articles | articles | opening marks | quotations found at them | speakers | failing can-speak "
             "| English pass: speakers | failing |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for name, code, texts, show in sets:
        c = measure(texts, code, show)
        lines.append(f"| {name} | {c['articles']} | {c['marks']} {OPENING[code]} | {c['found']} | {c['speakers']} | "
                     f"{c['failing']} | {c['old speakers']} | {c['old failing']} |")
    return lines


def sample(code: str, count: int) -> list[str]:
    """`count` of half A's quotations, drawn once by a seeded shuffle of (article, offset) over
    every quotation mark of the language that opens one."""
    import random

    texts = named_french(0) if code == "fr" else named_german(0)
    found = []
    for name, body in texts:
        doc = text.split(body, code)
        for q in localized.extract(doc).items:
            if q.kind == "scare":
                continue
            left = body[max(0, q.start - 160) : q.start].replace("\n", " / ")
            right = body[q.end : q.end + 100].replace("\n", " / ")
            found.append((name, q.start, f"{name}@{q.start} SPEAKER={q.speaker!r} VERB={q.verb!r}\n"
                                         f"    ...{left}[[{q.quote[:160]}]]{right}..."))
    found.sort(key=lambda f: (f[0], f[1]))
    random.Random(32).shuffle(found)
    return [f[2] for f in found[:count]]


def main() -> None:
    if "--sample" in sys.argv:
        at = sys.argv.index("--sample")
        print("\n".join(sample(sys.argv[at + 1], int(sys.argv[at + 2]))))
        return
    print("\n".join(table("--errors" in sys.argv)))  # --errors: half A's misses and failing speakers, on stderr


if __name__ == "__main__":
    main()
