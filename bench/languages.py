"""The analysis in French and German, measured on the dev corpora; writes docs/languages.md.

    nice -n 10 .venv/bin/python bench/languages.py            # print the tables
    nice -n 10 .venv/bin/python bench/languages.py --write    # and regenerate docs/languages.md

- the language detector on the French, German and English dev texts;
- French one-sentence summaries against Lead-1 on OrangeSum's dev part (the standfirst is the
  reference), ROUGE-1/2/L F1 with a Unicode tokenizer: rouge-score's default keeps [a-z0-9]
  only, so "président" would become "pr" and "sident". No stemmer (Porter's is English).
  The corpus file is a scored one: only these aggregate figures are printed, never a text.
  Each half (documents split once by a hash of their id) is shown beside the whole;
- readability and keyphrases of every French and German dev article, in their languages;
- figures and the timeline of every French and German dev article (OrangeSum's own date, so
  relative times resolve; GermEval's sentences have none), per half: how many figures are
  written with a decimal comma or a multiplier word ("8,5 millions", "Millionen"), how many
  are dates ("9 juin": none should be), and how many times the timeline holds.
- quotations: « and „ found, speakers failing can-speak (bench/quotes_languages.py).
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import re
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared" / "corpus"
FRENCH = SHARED / "languages" / "fr" / "orangesum-valid.jsonl"
GERMAN = SHARED / "languages" / "de" / "germeval-dev.jsonl"
ENGLISH = SHARED / "summaries" / "bbc-dev.jsonl"
DOC = REPO / "docs" / "languages.md"

from reports.analysis import analyze, lang, language, text  # noqa: E402
from reports.models import Article  # noqa: E402

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)


class UnicodeTokenizer:
    """rouge-score's tokenizer interface: lowercased runs of letters and digits, any script."""

    def tokenize(self, line: str) -> list[str]:
        return _TOKEN.findall(line.lower())


def rows(path: Path, limit: int | None = None) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        found = [json.loads(line) for line in lines if line.strip()]
    return found[:limit] if limit else found


def fold(row: dict) -> int:
    """0 or 1, fixed per document: the split is made once, by a hash of the id."""
    return hashlib.sha256(str(row["id"]).encode()).digest()[0] % 2


def detection() -> list[str]:
    lines = ["| dev texts | articles | detected as their language | seconds |", "|---|---:|---:|---:|"]
    language.detect("warm up the model: " * 3)
    for name, path, code, limit in (("French (OrangeSum dev)", FRENCH, "fr", None),
                                    ("German (GermEval dev)", GERMAN, "de", None),
                                    ("English (BBC dev)", ENGLISH, "en", 300)):
        texts = [r["text"] for r in rows(path, limit)]
        start = time.perf_counter()
        right = sum(language.detect(t) == code for t in texts)
        lines.append(f"| {name} | {len(texts)} | {right} | {time.perf_counter() - start:.2f} |")
    return lines


def rouge(pairs: list[tuple[str, str]]) -> tuple[float, float, float]:
    from rouge_score import rouge_scorer

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=UnicodeTokenizer())
    totals = [0.0, 0.0, 0.0]
    for reference, candidate in pairs:
        scores = scorer.score(reference, candidate)
        for i, key in enumerate(("rouge1", "rouge2", "rougeL")):
            totals[i] += scores[key].fmeasure
    return tuple(round(100 * t / len(pairs), 2) for t in totals)  # type: ignore[return-value]


def summaries() -> list[str]:
    data = rows(FRENCH)
    ours: dict[str, list[tuple[int, str, str]]] = {"ours": [], "lead": [], "ours, split as English": []}
    for row in data:
        article = Article(id=str(row["id"]), source="orangesum", text=row["text"], title=row.get("title"), language="fr")
        one = analyze(article, sentences=1).summary[0]
        lead = text.split(row["text"], "fr").sentences[0].text
        english = analyze(Article(id="x", source="x", text=row["text"], language="en"), sentences=1).summary[0]
        for name, candidate in (("ours", one), ("lead", lead), ("ours, split as English", english)):
            ours[name].append((fold(row), row["reference"], candidate))
    lines = ["| one sentence | articles | ROUGE-1 | ROUGE-2 | ROUGE-L |", "|---|---:|---:|---:|---:|"]
    for part, label in ((None, "all"), (0, "half A"), (1, "half B")):
        for name, label_name in (("ours", "reports (French rules)"), ("lead", "Lead-1"),
                                 ("ours, split as English", "reports (English rules)")):
            pairs = [(ref, cand) for f, ref, cand in ours[name] if part is None or f == part]
            r1, r2, rl = rouge(pairs)
            lines.append(f"| {label_name}, {label} | {len(pairs)} | {r1:.2f} | {r2:.2f} | {rl:.2f} |")
    return lines


def analyses() -> list[str]:
    lines = ["| dev articles | articles | readability (mean) | keyphrases with a stop word | keyphrases |",
             "|---|---:|---|---:|---:|"]
    for name, path, code in (("French (OrangeSum dev)", FRENCH, "fr"), ("German (GermEval dev)", GERMAN, "de")):
        stop = lang.rules(code).stop_words
        found = [analyze(Article(id=str(r["id"]), source="x", text=r["text"], language=code)) for r in rows(path)]
        formulas = [f for f in lang.rules(code).formulas]
        means = ", ".join(
            f"{f} {statistics.mean(getattr(a.readability, f) for a in found if getattr(a.readability, f) is not None):.1f}"
            for f in formulas
        )
        phrases = [p for a in found for p in a.keyphrases]
        with_stop = sum(1 for p in phrases if any(w.lower() in stop for w in p.split()))
        lines.append(f"| {name} | {len(found)} | {means} | {with_stop} | {len(phrases)} |")
    return lines


def figures_and_dates() -> list[str]:
    lines = ["| dev articles | half | articles | figures | with a decimal comma or multiplier | dates read as figures "
             "| timeline entries | articles with a timeline |", "|---|---|---:|---:|---:|---:|---:|---:|"]
    for name, path, code in (("French (OrangeSum dev)", FRENCH, "fr"), ("German (GermEval dev)", GERMAN, "de")):
        rules = lang.rules(code)
        found = []
        for row in rows(path):
            day = datetime.date.fromisoformat(row["date"][:10]) if row.get("date") else None
            found.append((fold(row), analyze(Article(id=str(row["id"]), source="x", text=row["text"], date=day, language=code))))
        for part, label in ((None, "all"), (0, "A"), (1, "B")):
            chosen = [a for f, a in found if part is None or f == part]
            figures = [f for a in chosen for f in a.figures]
            scaled = sum(1 for f in figures if re.search(r"\d,\d", f.text) or any(w.lower() in rules.multipliers for w in f.text.split()))
            dates = sum(1 for f in figures if f.what.split()[-1] in rules.months)
            entries = sum(len(a.timeline) for a in chosen)
            lines.append(f"| {name} | {label} | {len(chosen)} | {len(figures)} | {scaled} | {dates} | {entries} "
                         f"| {sum(1 for a in chosen if a.timeline)} |")
    return lines


def quotations() -> list[str]:
    from bench import quotes_languages  # it reads this module's corpora and halves

    return quotes_languages.table()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="regenerate docs/languages.md")
    args = parser.parse_args()
    sections = [
        ("The article's language (py3langid, offline)", detection()),
        ("French summaries against Lead-1 (OrangeSum dev, the standfirst as reference; Unicode tokens)", summaries()),
        ("Readability and keyphrases in the article's language", analyses()),
        ("Figures and dates in the article's language", figures_and_dates()),
        ("Quotations: the marks found, and speakers that can speak (bench/quotes_languages.py)", quotations()),
    ]
    body = "\n\n".join(f"## {title}\n\n" + "\n".join(table) for title, table in sections)
    print(body)
    if args.write:
        DOC.write_text(
            "# Languages: the analysis in French and German, measured\n\n"
            "Regenerated by `nice -n 10 .venv/bin/python bench/languages.py --write`; see that script for how.\n\n"
            + body + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
