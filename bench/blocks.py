"""A fitted leaf-block furniture classifier beside prune.py's rules: fit it, and judge it by fold 1.

    python bench/blocks.py [--C 0.1] [--max-words 40] [--min-pages 5]           fit on fold 0
    python bench/blocks.py --evaluate 0|1 [--threshold 0.9] [--spare-main] [--summary-only]
                                                        pages.py figures with it applied

The issue's other path: where the rules (class and id names, link density) do not name a block,
a logistic model weighs what a leaf block looks like. It was tried and NOT kept: it does not
gain on fold 1 (docs/pages.md, "A fitted block classifier"), so the package does not ship it;
this script keeps the experiment whole and repeatable.

Leaf block: a block element (paragraph, list item, heading, cell, div...) with no block element
inside it; its text is one line of what trafilatura extracts, so marking its line is how it would
be dropped (html.py drops an extracted line that prune.prune returns). Features: words, link
density, links, a closing stop, punctuation, digits and capitals shares, tag, depth, position in
the page and nearness to its edges, the tags above it (nav, footer, aside, ul, a...), the words
of the class names and ids of it and of its eight nearest ancestors (only words seen on at least
--min-pages training pages: a word of one site's theme is not a rule), and whether it sits in
the container of the page's longest paragraph.

Training data: fold 0 ("tuned") of bench/pages.py only, by its seeded fold of file names. Each
page is parsed and pruned as reports.ingest.html does it; the candidates are its leaves that the
rules leave (not marked, not a holder of the longest paragraph, at most --max-words words).
Labels:
- trafilatura.jsonl: a leaf whose text holds a `without` snippet (whole words) is furniture,
  one holding a `with` snippet is article (both: left out);
- readability/ (the pages Reader View shows): a leaf of at least three words with 80% of its
  words in one of Reader View's paragraphs is article, any other such leaf is furniture.
A logistic regression (scikit-learn, the `bench` extra) is fitted; five parts by page inside
fold 0 give its cross-validated AUC and, at each threshold, precision and recall of the leaves
it calls furniture. The weights go to bench/results/blocks.json (git-ignored: not shipped).

--evaluate N prints bench/pages.py's figures of fold N with prune.prune wrapped in process to
add the lines of the leaves the model calls furniture at --threshold (never a leaf holding the
longest paragraph, nor one of more than --max-words words: long prose is never taken; with
--spare-main, never one inside the longest paragraph's container). With --summary-only the
lines stay in the article's text (the `with` figure reads it) and the analysis reads the text
without them: no summary sentence comes from them, no article text is lost. Fold 1 prints its
aggregate only, never its errors: evaluate it once per candidate model.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))
import pages  # noqa: E402
from pages import WEB, _from_paragraphs, _holds, _norm, _words, fold, load  # noqa: E402

WEIGHTS = ROOT / "bench" / "results" / "blocks.json"
NAME_FEATURES = ("up=", "own=")
BLOCK_TAGS = frozenset({
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "td", "dd", "dt", "blockquote",
    "figcaption", "section", "header", "footer", "aside", "nav", "ul", "ol", "table", "tr", "form",
})
# Tags above a block that say what holds it.
HOLDER_TAGS = frozenset({"nav", "footer", "header", "aside", "form", "article", "main", "ul", "ol", "table", "figure", "a", "button", "label", "select"})
ANCESTORS = 8  # how far up the class and id words are read
_NAME_WORD = re.compile(r"[a-z]{3,}")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_STOP = re.compile(r"[.!?…:;\"”»)]$")
_PUNCT = frozenset(".,;:!?")


# --- the classifier: features and scoring (plain Python, as it would ship) -----------------------

def leaves(body: Any) -> list[Any]:
    """The page's leaf blocks, in document order."""
    return [e for e in body.iter(*BLOCK_TAGS) if not any(True for _ in e.iterdescendants(*BLOCK_TAGS))]


def candidates(body: Any, keep: set[Any]) -> list[tuple[Any, str, dict[str, float]]]:
    """Each leaf block with text: (element, its line, its features)."""
    found = []
    blocks = leaves(body)
    main = _main_container(keep)
    for index, element in enumerate(blocks):
        line = " ".join(" ".join(element.itertext()).split())
        if line:
            found.append((element, line, features(element, line, index / max(len(blocks), 1), main)))
    return found


def features(element: Any, line: str, position: float, main: Any) -> dict[str, float]:
    words = line.split()
    chars = len(line)
    linked = sum(len(" ".join(" ".join(a.itertext()).split())) for a in element.iter("a"))
    letters = [w for w in words if w[:1].isalpha()]
    tag = "h" if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6") else element.tag
    values = {
        "bias": 1.0,
        "log_words": math.log1p(len(words)),
        "link_density": min(linked / chars, 1.0),
        "links": min(sum(1 for _ in element.iter("a")), 5) / 5,
        "ends_stop": float(bool(_STOP.search(line))),
        "punct": sum(c in _PUNCT for c in line) / chars,
        "digits": sum(c.isdigit() for c in line) / chars,
        "capitals": sum(w[0].isupper() for w in letters) / max(len(letters), 1),
        "position": position,
        "edge": min(position, 1.0 - position),
        f"tag={tag}": 1.0,
    }
    depth, in_main = 0, False
    for holder in element.iterancestors():
        depth += 1
        in_main = in_main or holder is main
        if not isinstance(holder.tag, str):
            continue
        if holder.tag in HOLDER_TAGS:
            values[f"in={holder.tag}"] = 1.0
        if depth <= ANCESTORS:
            for word in _name_words(holder):
                values[f"up={word}"] = 1.0
    for word in _name_words(element):
        values[f"own={word}"] = 1.0
    values["depth"] = min(depth, 30) / 30
    values["in_main"] = float(in_main)
    return values


def _name_words(element: Any) -> set[str]:
    """The words of its class names and id ("relatedArticles__item" -> related, articles, item)."""
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    return set(_NAME_WORD.findall(_CAMEL.sub("-", names).lower()))


def _main_container(keep: set[Any]) -> Any:
    """The parent of the page's longest paragraph (the deepest of the kept elements)."""
    deepest = max(keep, key=lambda e: sum(1 for _ in e.iterancestors()), default=None)
    return deepest.getparent() if deepest is not None else None


def probability(values: dict[str, float], weights: dict[str, float]) -> float:
    total = sum(weights.get(name, 0.0) * value for name, value in values.items())
    return 1.0 / (1.0 + math.exp(-max(min(total, 30.0), -30.0)))


def furniture_lines(body: Any, keep: set[Any], marked: set[str], model: dict) -> set[str]:
    """The lines of the leaves the model calls the site's, besides those the rules marked."""
    lines = set()
    for element, line, values in candidates(body, keep):
        if line in marked or element in keep or len(line.split()) > model["max_words"]:
            continue
        if model.get("spare_main") and values["in_main"]:
            continue
        if probability(values, model["weights"]) >= model["threshold"]:
            lines.add(line)
    return lines


# --- training data ---------------------------------------------------------------------------

def page_examples(raw: bytes, label, max_words: int) -> list[tuple[dict[str, float], int]]:
    """(features, 1 furniture / 0 article) for each labelled candidate leaf of one page."""
    import trafilatura

    from reports.errors import ReportsError
    from reports.ingest import html, prune

    try:
        tree = trafilatura.load_html(html.decode_html(raw))
    except ReportsError:
        return []
    if tree is None or tree.find(".//body") is None:
        return []
    marked = prune.prune(tree)
    body = tree.find(".//body")
    keep = prune.kept(body)
    examples = []
    for element, line, values in candidates(body, keep):
        if line in marked or element in keep or len(line.split()) > max_words:
            continue
        verdict = label(line)
        if verdict is not None:
            examples.append((values, verdict))
    return examples


def trafilatura_label(record: dict):
    without = [_norm(s) for s in record.get("without", []) if _norm(s)]
    with_ = [_norm(s) for s in record.get("with", []) if _norm(s)]

    def label(line: str) -> int | None:
        text = _norm(line)
        bad = any(_holds(text, s) for s in without)
        good = any(_holds(text, s) for s in with_)
        return None if bad == good else int(bad)

    return label


def readability_label(record: dict):
    paragraphs = [set(_words(p)) for p in record["paragraphs"]]
    paragraphs += [a | b for a, b in zip(paragraphs, paragraphs[1:])]

    def label(line: str) -> int | None:
        if len(_words(line)) < 3:
            return None
        return int(not _from_paragraphs(line, paragraphs))

    return label


def collect(max_words: int) -> list[tuple[str, str, dict[str, float], int]]:
    """(corpus, page, features, label) over fold 0 of both corpora."""
    rows = []
    for record in load("trafilatura.jsonl"):
        if fold(record["file"]) == 0:
            raw = gzip.decompress((WEB / record["file"]).read_bytes())
            rows += [("trafilatura", record["file"], v, y) for v, y in page_examples(raw, trafilatura_label(record), max_words)]
    for record in load("readability/readability.jsonl"):
        if fold(record["file"]) == 0 and record["readerable"] and record["paragraphs"]:
            raw = gzip.decompress((WEB / "readability" / record["file"]).read_bytes())
            rows += [("readability", record["file"], v, y) for v, y in page_examples(raw, readability_label(record), max_words)]
    return rows


# --- fitting -----------------------------------------------------------------------------------

def vocabulary(rows, min_pages: int) -> set[str]:
    seen: dict[str, set[str]] = {}
    for _, page, values, _ in rows:
        for name in values:
            if name.startswith(NAME_FEATURES):
                seen.setdefault(name, set()).add(page)
    return {name for name, on in seen.items() if len(on) >= min_pages}


def fit(rows, C: float, min_pages: int) -> dict[str, float]:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    known = vocabulary(rows, min_pages)
    vectorizer = DictVectorizer()
    # "bias" is a feature of its own, so every weight is in the one table
    x = vectorizer.fit_transform([
        {k: v for k, v in values.items() if not k.startswith(NAME_FEATURES) or k in known} for _, _, values, _ in rows
    ])
    model = LogisticRegression(C=C, fit_intercept=False, max_iter=5000, class_weight="balanced")
    model.fit(x, [label for *_, label in rows])
    return dict(zip(vectorizer.get_feature_names_out(), model.coef_[0]))


def cross_validate(rows, C: float, min_pages: int) -> list[tuple[float, int]]:
    """(probability, label) for every row, each from a model fitted without its page."""
    def part(page: str) -> int:
        return hashlib.sha256(page.encode()).digest()[0] % 5

    scored = []
    for k in range(5):
        weights = fit([r for r in rows if part(r[1]) != k], C, min_pages)
        scored += [(probability(values, weights), label) for _, page, values, label in rows if part(page) == k]
    return scored


def report(scored: list[tuple[float, int]]) -> None:
    from sklearn.metrics import roc_auc_score

    print(f"cross-validated AUC {roc_auc_score([y for _, y in scored], [p for p, _ in scored]):.3f}")
    furniture = sum(y for _, y in scored)
    for threshold in (0.5, 0.7, 0.8, 0.9, 0.95):
        called = [y for p, y in scored if p >= threshold]
        print(f"  threshold {threshold:.2f}: calls {len(called)}, precision {sum(called) / max(len(called), 1):.3f}, "
              f"recall {sum(called) / max(furniture, 1):.3f}")


def train(args: argparse.Namespace) -> None:
    rows = collect(args.max_words)
    counts = Counter((corpus, label) for corpus, _, _, label in rows)
    print("examples (corpus, 1 furniture / 0 article):", dict(sorted(counts.items())))
    report(cross_validate(rows, args.C, args.min_pages))
    weights = fit(rows, args.C, args.min_pages)
    top = sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:25]
    print("largest weights:", ", ".join(f"{k} {v:+.2f}" for k, v in top))
    data = {
        "about": "leaf-block furniture classifier, fitted by bench/blocks.py on fold 0 of the dev pages",
        "C": args.C, "min_pages": args.min_pages, "max_words": args.max_words,
        "weights": {k: round(float(v), 5) for k, v in sorted(weights.items()) if abs(v) >= 1e-5},
    }
    WEIGHTS.parent.mkdir(exist_ok=True)
    WEIGHTS.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {WEIGHTS.relative_to(ROOT)}")


def evaluate(args: argparse.Namespace) -> None:
    from reports.ingest import prune

    model = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    model.update(threshold=args.threshold, spare_main=args.spare_main)
    rules = prune.prune

    def with_classifier(tree: Any) -> set[str]:
        lines = rules(tree)
        body = tree.find(".//body")
        return lines if body is None else lines | furniture_lines(body, prune.kept(body), lines, model)

    if args.summary_only:
        _summary_only(rules, model)
    else:
        prune.prune = with_classifier  # html.py calls prune.prune(tree): the bench's process only
    traf, news = load("trafilatura.jsonl"), load("newspaper4k.jsonl")
    reader = load("readability/readability.jsonl")
    show = args.errors and args.evaluate == 0  # fold 1 is never listed
    for line in pages.fold_lines(args.evaluate, traf, news, reader, show):
        flags = (" spare-main" if args.spare_main else "") + (" summary-only" if args.summary_only else "")
        print(f"threshold {args.threshold}{flags}: {line}", flush=True)


def _summary_only(rules, model: dict) -> None:
    """The doubted lines stay in the article's text (the `with` figure reads it) but the analysis
    reads the text without them, so no summary sentence comes from them."""
    import dataclasses

    from reports.analysis import analyze
    from reports.errors import ReportsError
    from reports.ingest import html, prune

    doubted: set[str] = set()

    def noting(tree: Any) -> set[str]:
        lines = rules(tree)
        body = tree.find(".//body")
        doubted.clear()
        if body is not None:
            doubted.update(furniture_lines(body, prune.kept(body), lines, model))
        return lines

    def read_page(record: dict, folder: Path = WEB):
        raw = gzip.decompress((folder / record["file"]).read_bytes())
        try:
            article = next(iter(html.read(Path(record["file"]).with_suffix(""), raw, record["file"])))
            kept = [p for p in article.text.split("\n\n") if " ".join(p.split()) not in doubted]
            return article, analyze(dataclasses.replace(article, text="\n\n".join(kept)))
        except ReportsError as error:
            return None, str(error)

    prune.prune = noting
    pages.read_page = read_page  # the bench's process only


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--C", type=float, default=0.1, help="chosen by the cross-validated AUC among 0.01, 0.03, 0.1, 1")
    parser.add_argument("--max-words", type=int, default=40)
    parser.add_argument("--min-pages", type=int, default=5)
    parser.add_argument("--evaluate", type=int, choices=[0, 1], help="pages.py figures of this fold, classifier applied")
    parser.add_argument("--threshold", type=float, default=0.9)
    parser.add_argument("--spare-main", action="store_true", help="never a leaf inside the longest paragraph's container")
    parser.add_argument("--summary-only", action="store_true", help="the doubted lines stay in the text, out of the summary")
    parser.add_argument("--errors", action="store_true", help="with --evaluate 0: list fold 0's errors")
    args = parser.parse_args()
    if args.evaluate is None:
        train(args)
    else:
        evaluate(args)


if __name__ == "__main__":
    main()
