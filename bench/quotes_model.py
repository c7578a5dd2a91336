"""Fit the quotation speaker chooser and write its weights into the package.

    python bench/quotes_model.py [--C 0.03] [--drop PREFIXES]   (or: python bench/quotes.py --fit)

On the dev file only (../shared/corpus/quotes/polnear-dev.jsonl): every quotation the rules find
is matched to its gold quotation as the scorer matches them; its candidate groups
(`reports.analysis.quotes.chooser.candidates`, read with the rules' choices) are labelled by
whether the speaker each stands for matches the gold speaker (head-word match, gold not a
pronoun). A logistic regression on pairs (right group minus wrong group, both ways: a linear
ranking model) is fitted with scikit-learn; its coefficients are the weights.

Cross-validation: five folds by document (fold = sha256 of the article id, mod 5); each fold's
articles are analysed with weights fitted on the other four and scored together with
../shared/tools/score_quotes.py. Then the weights fitted on the whole dev file are written to
reports/analysis/quotes/chooser.json. The validation file is never read here. --drop rule fits
the chooser without the rules' features (candidates and their features alone).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import sys
from pathlib import Path

from reports.analysis.quotes import quotes as q
from reports.analysis.text import split

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from quotes import DEFAULT_GOLD, _load, _scorer  # noqa: E402

WEIGHTS = ROOT / "reports" / "analysis" / "quotes" / "chooser.json"
FOLLOW_RULES = {"rule": 1000.0}  # the rules' choice, candidates still listed (for the features)
FOLDS = 5
C = 0.1  # chosen by the cross-validated figure among 0.01, 0.03, 0.1, 0.3, 1 and 10


def fold_of(doc_id: str) -> int:
    return int(hashlib.sha256(doc_id.encode()).hexdigest(), 16) % FOLDS


def collect(gold: dict[str, dict], scorer) -> dict[str, list[tuple[list[dict[str, float]], list[int]]]]:
    """doc id -> [(features of each group, labels)] for every matched quotation (none: the
    "nobody" group is right; a pronoun: the group holding the gold's mention where it is
    written), with at least one right and one wrong group."""
    found: dict[str, list] = {}
    for rid, row in gold.items():
        trace: list = []
        quotes = q._extract(split(row["text"]), FOLLOW_RULES, trace)
        items = [dataclasses.asdict(x) for x in quotes.items if x.kind != "scare"]
        pairs = scorer.match(row["quotes"], items, exact=False)
        by_span = {(p["start"], p["end"]): g for g, p in pairs}
        examples = []
        for span, groups, _ in trace:
            g = by_span.get((span.start, span.end))
            if g is None:
                continue  # no gold quotation: any speaker is as good as none
            speaker = g.get("speaker")
            if speaker and scorer.fold(speaker) in scorer.PRONOUNS:
                # a pronoun: the group whose mentions include the gold's own, where it is written
                at = g.get("speaker_start")
                labels = [int(bool(grp.key) and at is not None
                              and any(at <= s < g.get("speaker_end", at + 1) for s in grp.starts)) for grp in groups]
            elif not speaker:  # nobody said it: the "nobody" group is right
                labels = [int(not grp.key) for grp in groups]
            else:
                labels = [int(bool(grp.key) and scorer.speaker_lenient(speaker, grp.mention.speaker or grp.mention.text))
                          for grp in groups]
            if 0 < sum(labels) < len(labels):
                examples.append(([dict(grp.features) for grp in groups], labels))
        found[rid] = examples
    return found


def fit(examples: list[tuple[list[dict[str, float]], list[int]]], c: float) -> dict[str, float]:
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        raise SystemExit("fitting the chooser needs scikit-learn: .venv/bin/pip install -e '.[bench]'") from None

    rows, targets = [], []
    for features, labels in examples:
        right = [f for f, y in zip(features, labels) if y]
        wrong = [f for f, y in zip(features, labels) if not y]
        for r in right:
            for w in wrong:
                diff = dict(r)
                for name, value in w.items():
                    diff[name] = diff.get(name, 0.0) - value
                rows.append(diff)
                targets.append(1)
                rows.append({name: -value for name, value in diff.items()})
                targets.append(0)
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=2000)
    model.fit(matrix, targets)
    return {name: round(float(w), 5) for name, w in zip(vectorizer.feature_names_, model.coef_[0]) if abs(w) > 1e-6}


def predict(gold: dict[str, dict], model: dict[str, float] | None) -> dict[str, dict]:
    rows = {}
    for rid, row in gold.items():
        items = [dataclasses.asdict(x) for x in q._extract(split(row["text"]), model).items]
        rows[rid] = {"id": rid, "quotes": {"items": items}}
    return rows


def cross_validate(gold: dict[str, dict], examples: dict, c: float) -> dict[str, dict]:
    """Predictions for every article, each fold's with weights fitted on the other folds."""
    predicted: dict[str, dict] = {}
    for k in range(FOLDS):
        train = [e for rid, ex in examples.items() if fold_of(rid) != k for e in ex]
        weights = fit(train, c)
        predicted.update(predict({rid: row for rid, row in gold.items() if fold_of(rid) == k}, weights))
    return predicted


def refit(c: float = C, drop: tuple[str, ...] = ()) -> tuple[dict[str, float], dict[str, dict]]:
    """(weights fitted on the whole dev file, cross-validated predictions); writes the weights."""
    scorer = _scorer()
    gold = _load(DEFAULT_GOLD, None)
    examples = collect(gold, scorer)
    if drop:
        examples = {rid: [([{k: v for k, v in f.items() if not k.startswith(drop)} for f in fs], ys) for fs, ys in ex]
                    for rid, ex in examples.items()}
    predicted = cross_validate(gold, examples, c)
    weights = fit([e for ex in examples.values() for e in ex], c)
    WEIGHTS.write_text(json.dumps({"about": "speaker chooser weights, fitted by bench/quotes_model.py "
                                   "on polnear-dev.jsonl", "C": c, "dropped": list(drop),
                                   "weights": dict(sorted(weights.items()))}, indent=1) + "\n")
    return weights, predicted


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--C", type=float, default=C, help="inverse regularisation strength")
    parser.add_argument("--drop", default="", help="comma-separated feature prefixes left out of the fit")
    args = parser.parse_args(argv)
    weights, predicted = refit(args.C, tuple(p for p in args.drop.split(",") if p))
    scorer = _scorer()
    cv = scorer.score(_load(DEFAULT_GOLD, None), predicted)
    print(f"chooser, 5-fold CV on dev:  speaker {cv['speaker_acc']:5.1f}%  joint {cv['joint_f1']:5.1f}  "
          f"loose F1 {cv['loose_f1']:5.1f}")
    print(f"{len(weights)} weights -> {WEIGHTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
