"""Benchmark quotation extraction against a labelled corpus.

    python bench/quotes.py [GOLD.jsonl] [--fit] [--limit N] [--errors]

With no GOLD: the dev file (rules alone, the shipped chooser, and the chooser's five-fold
cross-validated figure), then the validation file (aggregate figures only: its errors are never
written or printed), then documents/s. --fit refits the chooser on the dev file first and
writes its weights (bench/quotes_model.py). Each file's summary line gives loose F1, speaker
accuracy and joint F1 with a document-bootstrap 95% interval (articles resampled with
replacement), documents/s on one core (CPU time, sentence split included) and the number of
chosen speakers that fail the can-speak test (counted, never listed, on validation). With no
GOLD and no --limit the summary is also written to docs/quotes.md.

Runs `reports.analysis.quotes.extract` over every article (a `Document` built with
`reports.analysis.text.split`, whose time is counted), writes predictions in the `reports analyze
--format jsonl` shape to bench/results/, scores them with ../shared/tools/score_quotes.py, and
times one 100 KB and one 1 MB article (linear scaling check).

Two prediction files are scored, from the same run:
  quotes-<gold>.jsonl          `speaker` as the product gives it: pronouns and surnames resolved
                               ("he" -> "Olaf Scholz");
  quotes-<gold>-as-written.jsonl  `speaker` replaced by `mention`, the source as written ("he",
                               "Mr Scholz"), which is how the gold writes speakers.
Speaker accuracy leaves pronoun gold speakers out, so it is the same in both; joint F1 counts
them, so only the as-written view can match a gold "he".

--errors (dev file only) also writes quotes-<gold>-errors.jsonl: every unmatched prediction ("FP"), unmatched
gold quotation ("FN") and wrong speaker ("speaker"), paired as the scorer pairs them, with the
text around it: the list to read before changing a rule.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import sys
import time
from pathlib import Path

import random

from reports.analysis.quotes import extract
from reports.analysis.quotes import quotes as extract_module
from reports.analysis.quotes.can_speak import Names, can_speak
from reports.analysis.text import split

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = ROOT.parent / "shared" / "corpus" / "quotes" / "polnear-dev.jsonl"
SCORER = ROOT.parent / "shared" / "tools" / "score_quotes.py"
RESULTS = ROOT / "bench" / "results"
DOCS = ROOT / "docs" / "quotes.md"
BOOTSTRAP = 1000  # resamples of the articles for each 95% interval
sys.path.insert(0, str(ROOT / "bench"))


VALIDATION = DEFAULT_GOLD.with_name("polnear-validation.jsonl")


def main(argv: list[str]) -> int:
    args = _parse(argv)
    scorer = _scorer()
    if args.errors and Path(args.gold or DEFAULT_GOLD).resolve() != DEFAULT_GOLD.resolve():
        sys.exit("--errors: only the dev file's errors may be read")
    cv = None
    if args.fit:
        import quotes_model  # bench/, beside this file

        _, cv = quotes_model.refit()
        extract_module.chooser.weights.cache_clear()
    paths = [Path(args.gold)] if args.gold else [DEFAULT_GOLD, VALIDATION]
    summaries = []
    for path in paths:
        summaries += _bench_file(path, args, scorer, cv if path == DEFAULT_GOLD else None)
    if not args.gold and not args.limit:
        _write_docs(summaries)
    return 0


def _bench_file(path: Path, args: argparse.Namespace, scorer, cv: dict | None) -> list[dict]:
    gold = _load(path, args.limit)
    stem = path.stem
    print(f"{len(gold)} articles, {sum(len(r['quotes']) for r in gold.values())} gold quotations  ({path.name})")
    rules, _, rules_cpu = _run(gold, None)
    _report("rules alone", scorer.score(gold, _rows(rules, False)), scorer.score(gold, _rows(rules, True)))
    predictions, seconds, cpu_seconds = _run(gold)
    RESULTS.mkdir(parents=True, exist_ok=True)
    resolved = _write(RESULTS / f"quotes-{stem}.jsonl", predictions, as_written=False)
    written = _write(RESULTS / f"quotes-{stem}-as-written.jsonl", predictions, as_written=True)
    _report("chooser", scorer.score(gold, resolved), scorer.score(gold, written))
    speed = len(gold) / cpu_seconds
    failing = _cannot_speak(gold, predictions)
    summaries = []
    if path.resolve() == DEFAULT_GOLD.resolve():
        if cv is None:
            import quotes_model  # bench/, beside this file

            examples = quotes_model.collect(gold, scorer)
            cv = quotes_model.cross_validate(gold, examples, quotes_model.C)
        cv_rows = cv
        summaries.append(_summary(f"{path.name}, 5-fold CV by document", gold, cv_rows, scorer, speed,
                                  _cannot_speak(gold, {rid: r["quotes"]["items"] for rid, r in cv_rows.items()})))
        if args.errors:
            _write_errors(RESULTS / f"quotes-{stem}-errors.jsonl", gold, resolved, scorer)
    summaries.append(_summary(f"{path.name}, shipped chooser", gold, resolved, scorer, speed, failing))
    for summary in summaries:
        print(_summary_line(summary))
    print(f"speed: {speed:,.0f} documents/s CPU, {len(gold) / seconds:,.0f}/s wall "
          f"(split + extract, one process; rules alone {len(gold) / rules_cpu:,.0f}/s CPU; "
          f"split alone {len(gold) / _split_seconds(gold):,.0f}/s)")
    if not args.gold or path.resolve() == DEFAULT_GOLD.resolve():
        _scaling(gold)
    print()
    return summaries


def _cannot_speak(gold: dict[str, dict], predictions: dict[str, list[dict]]) -> int:
    """Chosen speakers that fail the can-speak test: a count only (never the items)."""
    count = 0
    for rid, items in predictions.items():
        names = Names(gold[rid]["text"])
        count += sum(1 for q in items if q.get("speaker") and not can_speak(q["speaker"], names))
    return count


def _document_counts(gold: dict[str, dict], predicted: dict[str, dict], scorer) -> list[tuple[int, ...]]:
    """Per article, the scorer's own counts: (gold, predicted, loose matches, joint matches,
    speakers scored, speakers right), so that articles can be resampled."""
    counts = []
    for rid, row in gold.items():
        gq, pq = row["quotes"], scorer.items(predicted.get(rid, {}))
        loose = scorer.match(gq, pq, exact=False)
        joint = scored = right = 0
        for g, p in loose:
            gs, ps = g.get("speaker"), p.get("speaker")
            if not gs:
                joint += not ps
                continue
            lenient = scorer.speaker_lenient(gs, ps)
            joint += lenient or scorer.speaker_lenient(gs, p.get("mention"))
            if scorer.fold(gs) not in scorer.PRONOUNS:
                scored += 1
                right += lenient
        counts.append((len(gq), len(pq), len(loose), joint, scored, right))
    return counts


def _figures(counts: list[tuple[int, ...]]) -> tuple[float, float, float]:
    """(loose F1, speaker accuracy, joint F1) from summed counts, as the scorer computes them."""
    n_gold, n_pred, loose, joint, scored, right = (sum(c[i] for c in counts) for i in range(6))

    def f1(tp: int) -> float:
        p, r = tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0
        return 200 * p * r / (p + r) if p + r else 0.0

    return f1(loose), 100 * right / scored if scored else 0.0, f1(joint)


def _summary(name: str, gold: dict[str, dict], predicted: dict[str, dict], scorer, speed: float,
             failing: int) -> dict:
    counts = _document_counts(gold, predicted, scorer)
    rng = random.Random(0)
    samples = [_figures([counts[rng.randrange(len(counts))] for _ in counts]) for _ in range(BOOTSTRAP)]
    intervals = []
    for index in range(3):
        values = sorted(s[index] for s in samples)
        intervals.append((values[int(0.025 * BOOTSTRAP)], values[int(0.975 * BOOTSTRAP) - 1]))
    return {"name": name, "documents": len(gold), "figures": _figures(counts), "intervals": intervals,
            "speed": speed, "cannot_speak": failing}


def _summary_line(summary: dict) -> str:
    (loose, speaker, joint), ((l0, l1), (s0, s1), (j0, j1)) = summary["figures"], summary["intervals"]
    return (f"[{summary['name']}] loose F1 {loose:.1f} ({l0:.1f}-{l1:.1f})  speaker {speaker:.1f}% "
            f"({s0:.1f}-{s1:.1f})  joint F1 {joint:.1f} ({j0:.1f}-{j1:.1f})  "
            f"{summary['speed']:,.0f} documents/s  cannot speak: {summary['cannot_speak']}")


def _write_docs(summaries: list[dict]) -> None:
    rows = []
    for s in summaries:
        (loose, speaker, joint), ((l0, l1), (s0, s1), (j0, j1)) = s["figures"], s["intervals"]
        rows.append(f"| {s['name']} | {s['documents']} | {loose:.1f} ({l0:.1f}-{l1:.1f}) | {speaker:.1f}% "
                    f"({s0:.1f}-{s1:.1f}) | {joint:.1f} ({j0:.1f}-{j1:.1f}) | {s['speed']:,.0f} | "
                    f"{s['cannot_speak']} |")
    DOCS.write_text(
        "# Quotations: today's figures\n\n"
        "Written by `python bench/quotes.py` (no arguments): PolNeAR-derived gold "
        "(`../shared/corpus/quotes/`), scored as `../shared/tools/score_quotes.py` scores. In brackets, "
        f"a document-bootstrap 95% interval ({BOOTSTRAP} resamples of the articles). Speaker: lenient "
        "head-word match, gold not a pronoun. Joint F1: quotation and speaker both right (the source as "
        "written counts too). documents/s: one process, CPU time, sentence split included, on a "
        "shared machine (runs vary by 20% or more). Cannot speak: chosen speakers that fail "
        "`reports.analysis.quotes.can_speak` (counted on validation, never read).\n\n"
        "| file | articles | loose F1 | speaker accuracy | joint F1 | documents/s | cannot speak |\n"
        "|---|---|---|---|---|---|---|\n" + "\n".join(rows) + "\n",
        encoding="utf-8")
    print(f"summary -> {DOCS}")


def _parse(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="?", default=None)
    parser.add_argument("--fit", action="store_true", help="refit the chooser on the dev file, write its weights")
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--errors", action="store_true", help="write every error with its context")
    return parser.parse_args(argv)


def _load(path: Path, limit: int | None) -> dict[str, dict]:
    rows: dict[str, dict] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                row = json.loads(line)
                rows[row["id"]] = row
                if limit and len(rows) >= limit:
                    break
    return rows


def _run(gold: dict[str, dict], *model) -> tuple[dict[str, list[dict]], float, float]:
    """Predictions with the shipped chooser, or with `model` (None: the rules alone)."""
    predictions: dict[str, list[dict]] = {}
    started, cpu = time.perf_counter(), time.process_time()
    for rid, row in gold.items():
        quotes = extract(split(row["text"]), *model)
        predictions[rid] = [dataclasses.asdict(q) for q in quotes.items]
    # CPU time too: on a shared machine the wall clock counts other jobs' time
    return predictions, time.perf_counter() - started, time.process_time() - cpu


def _split_seconds(gold: dict[str, dict]) -> float:
    started = time.perf_counter()
    for row in gold.values():
        split(row["text"])
    return time.perf_counter() - started


def _rows(predictions: dict[str, list[dict]], as_written: bool) -> dict[str, dict]:
    return {rid: {"id": rid, "quotes": {"items": [{**q, "speaker": q["mention"]} if as_written else q
                                                  for q in items]}} for rid, items in predictions.items()}


def _write(path: Path, predictions: dict[str, list[dict]], as_written: bool) -> dict[str, dict]:
    rows = {}
    with path.open("w", encoding="utf-8") as handle:
        for rid, items in predictions.items():
            if as_written:
                items = [{**q, "speaker": q["mention"]} for q in items]
            row = {"id": rid, "quotes": {"items": items}}
            rows[rid] = row
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return rows


def _scorer():
    spec = importlib.util.spec_from_file_location("score_quotes", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _report(name: str, resolved: dict, written: dict) -> None:
    r = resolved
    print(f"[{name}] {r['documents']} docs, {r['gold']} gold, {r['predicted']} predicted (not scare)")
    print(f"  detection exact  P/R/F1 {r['exact_p']:5.1f} / {r['exact_r']:5.1f} / {r['exact_f1']:5.1f}")
    print(f"  detection loose  P/R/F1 {r['loose_p']:5.1f} / {r['loose_r']:5.1f} / {r['loose_f1']:5.1f}")
    print(f"  speaker accuracy (lenient, gold not a pronoun) {r['speaker_acc']:5.1f}%  "
          f"strict {r['speaker_strict']:5.1f}%  of {r['speaker_n']}")
    print(f"  joint F1, speaker as written {written['joint_f1']:5.1f}  "
          f"(P {written['joint_p']:.1f} / R {written['joint_r']:.1f}); "
          f"speaker resolved {r['joint_f1']:5.1f}  (pronoun gold cannot match a name)")


def _write_errors(path: Path, gold: dict[str, dict], predicted: dict[str, dict], scorer) -> None:
    counts: dict[str, int] = {}
    with path.open("w", encoding="utf-8") as handle:
        for rid, row in gold.items():
            for error in _errors(row, scorer.items(predicted.get(rid, {})), scorer):
                counts[error["type"]] = counts.get(error["type"], 0) + 1
                handle.write(json.dumps({"id": rid, **error}, ensure_ascii=False) + "\n")
    print(f"errors: {counts} -> {path}")


def _errors(row: dict, predicted: list[dict], scorer) -> list[dict]:
    """The scorer's own loose pairing, so these errors are exactly the ones it counts."""
    text, gold = row["text"], row["quotes"]
    pairs = scorer.match(gold, predicted, exact=False)
    matched_gold = {id(g) for g, _ in pairs}
    matched_predicted = {id(p) for _, p in pairs}

    def entry(error: str, quote: dict, **extra) -> dict:
        start, end = quote["start"], quote["end"]
        context = f"{text[max(0, start - 200):start]}[[{text[start:end]}]]{text[end:end + 200]}"
        return {"type": error, "start": start, "end": end, "context": context, **extra}

    errors = [entry("FP", p, kind=p["kind"], speaker=p["speaker"]) for p in predicted
              if id(p) not in matched_predicted]
    errors += [entry("FN", g, gold_speaker=g.get("speaker")) for g in gold if id(g) not in matched_gold]
    for g, p in pairs:
        speaker = g.get("speaker")
        if speaker and scorer.fold(speaker) not in scorer.PRONOUNS and not scorer.speaker_lenient(speaker, p["speaker"]):
            errors.append(entry("speaker", p, speaker=p["speaker"], mention=p["mention"], gold_speaker=speaker))
    return errors


def _scaling(gold: dict[str, dict]) -> None:
    """Time one ~100 KB and one ~1 MB article made of the corpus texts, one after another."""
    texts = [row["text"] for row in gold.values()]
    timings = []
    for size in (100_000, 1_000_000):
        parts, total = [], 0
        while total < size:
            parts.append(texts[len(parts) % len(texts)])
            total += len(parts[-1]) + 2
        article = "\n\n".join(parts)[:size]
        started = time.perf_counter()
        found = extract(split(article))
        timings.append((size, time.perf_counter() - started, len(found.items)))
    (small, t_small, n_small), (large, t_large, n_large) = timings
    print(f"scaling: {small // 1000} KB {t_small:.3f} s ({n_small} quotes), "
          f"{large // 1000} KB {t_large:.3f} s ({n_large} quotes): "
          f"x{t_large / t_small:.1f} time for x{large / small:.0f} text")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
