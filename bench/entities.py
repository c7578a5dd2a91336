"""Benchmark the facts box's people, organisations and places against GMB gold entities.

    python bench/entities.py [GOLD.jsonl]

The articles are split by document ONCE into a "tune" part and a "check" part by a seeded hash
(sha256 of "entities-split-1:" + id, even first byte -> tune). Errors are read from the tune part
only; the check part is scored but its errors are never printed. Each part is scored with
../shared/tools/score_entities.py (typed precision, recall), and the bench adds the count of
names run into a weekday or month ("Ehud Olmert Tuesday"). articles/s is the whole `analyze`
in this process (wall time, noisy on a shared machine); `bench/analyze_cpu.py --against DIR`
compares the CPU time of whole `reports analyze` processes against another tree.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

from reports.analysis import analyze
from reports.analysis.timeline import MONTHS, WEEKDAYS
from reports.models import Article

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "corpus" / "entities" / "gmb-dev.jsonl"
SCORER = ROOT.parent / "shared" / "tools" / "score_entities.py"
SEED = "entities-split-1:"


def part(article_id: str) -> str:
    """The part an article belongs to, fixed by a seeded hash of its id."""
    return "tune" if hashlib.sha256((SEED + article_id).encode()).digest()[0] % 2 == 0 else "check"


def joined(name: str) -> bool:
    """A name that carries a weekday or month word ("World Bank Saturday")."""
    words = name.lower().split()
    return len(words) > 1 and any(w in WEEKDAYS or w in MONTHS for w in words)


KINDS = {"per": "person", "org": "organisation", "geo": "place"}


def recall_by_kind(golds: list[dict], preds: dict[str, dict]) -> dict[str, float]:
    """Of each article's distinct gold names of a kind, the share we list with that kind (the
    scorer's recall, one kind at a time; a name GMB tags with two kinds counts for both)."""
    found = dict.fromkeys(KINDS, 0)
    total = dict.fromkeys(KINDS, 0)
    for g in golds:
        ours = {}
        for e in preds[g["id"]]["entities"]:
            for n in [e["name"], *e.get("aliases", [])]:
                ours.setdefault(" ".join(n.split()), e["kind"])
        names = {(" ".join(e["text"].split()), e["type"]) for e in g["entities"] if e["type"] in KINDS}
        for name, tag in names:
            total[tag] += 1
            found[tag] += ours.get(name) == KINDS[tag]
    return {KINDS[t]: round(100 * found[t] / max(total[t], 1), 1) for t in KINDS}


def main() -> None:
    gold_path = Path(sys.argv[1]) if len(sys.argv) > 1 and not sys.argv[1].startswith("--") else GOLD
    gold = [json.loads(line) for line in gold_path.open()]
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    preds = {}
    for g in gold:
        analysis = analyze(Article(id=g["id"], source="gmb", text=g["text"]))
        preds[g["id"]] = analysis.to_json() if hasattr(analysis, "to_json") else {
            "id": g["id"], "entities": [{"name": e.name, "kind": e.kind, "aliases": list(e.aliases)} for e in analysis.entities]}
    rate = len(gold) / (time.perf_counter() - started)
    for name in ("tune", "check"):
        golds = [g for g in gold if part(g["id"]) == name]
        gfile, pfile = out / f"entities-{name}-gold.jsonl", out / f"entities-{name}-pred.jsonl"
        gfile.write_text("".join(json.dumps(g) + "\n" for g in golds))
        pfile.write_text("".join(json.dumps({"id": g["id"], "entities": [
            {"name": e["name"], "kind": e["kind"], "aliases": e.get("aliases", [])}
            for e in preds[g["id"]]["entities"]]}) + "\n" for g in golds))
        res = json.loads(subprocess.run([sys.executable, str(SCORER), gfile, pfile, "--json"],
                                        capture_output=True, text=True, check=True).stdout)
        bad = sum(joined(n) for g in golds for e in preds[g["id"]]["entities"] for n in [e["name"], *e.get("aliases", [])])
        print(f"{name}: {len(golds)} articles, typed precision {res['typed_precision']}%, "
              f"joined to weekday/month {bad}, recall {res['recall']}%, spurious {res['spurious_share']}%")
        print("  recall by kind: " + ", ".join(f"{k} {v}%" for k, v in recall_by_kind(golds, preds).items()))
        if name == "tune" and "--errors" in sys.argv:
            print(subprocess.run([sys.executable, str(SCORER), gfile, pfile], capture_output=True, text=True).stdout)
    print(f"articles/s: {rate:.1f} (whole analyze, {len(gold)} articles)")


if __name__ == "__main__":
    main()
