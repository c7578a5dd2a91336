"""Benchmark reading saved web pages: furniture, titles, bylines, refusals, and pages/s.

usage: python bench/pages.py [--fold 0|1|all] [--errors] [--speed N] [--markdown docs/pages.md]

Corpora: ../shared/corpus/web/{trafilatura,newspaper4k}.jsonl next to the repo (see their
README) and readability/readability.jsonl (Reader View's article, byline and title). Each page is
read by reports.ingest.html and analysed by reports.analysis, in process.

Folds: every page falls into fold 0 or 1 by a seeded hash of its file name, once and for all;
rules are built from the errors of fold 0 ("tuned", the `--errors` listing) and fold 1 ("never
read") is held out. Both folds are printed, each with its pages/s.

Figures:
- trafilatura: share of pages whose summary sentences and title hold none of the page's
  `without` snippets as whole words (captions are counted apart: a figure's caption has its
  own place in a briefing) (a refused page counts as clean when refused, and the refusals
  are counted and listed separately); refused share; share of the `with` snippets (the
  article's own text) that the article keeps (in its text, title or standfirst), so that
  dropping furniture is seen to cost no article text.
- readability: the share of pages whose every summary sentence has at least 80% of its words
  in one of Reader View's paragraphs (or two running together); bylines right on the pages
  whose Reader View byline is one (its "By" aside; a date or a button label in its place is
  none), wrong where ours is another; our title inside Reader View's title (words, case aside).
- newspaper4k: title equal to the metadata title (case, spacing and the site's name aside),
  on the pages whose metadata has one; a true byline on the pages whose metadata names authors
  (ours must be one of theirs, or theirs must be inside ours, and it must look like a name).
- speed: `reports analyze --format jsonl` over N pages (gunzipped to a temporary folder) as a
  whole process, start-up included: pages/s.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WEB = ROOT.parent / "shared" / "corpus" / "web"
SEED = "pages-2026"
sys.path.insert(0, str(ROOT))


def fold(name: str) -> int:
    return hashlib.sha256(f"{SEED}:{name}".encode()).digest()[0] % 2


def load(name: str) -> list[dict]:
    return [json.loads(line) for line in (WEB / name).read_text(encoding="utf-8").splitlines() if line.strip()]


_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(_norm(text))


def _from_paragraphs(sentence: str, paragraphs: list[set[str]]) -> bool:
    """At least 80% of the sentence's words are words of one of Reader View's paragraphs (or of
    it and the next: our sentence may join two of its blocks)."""
    words = _words(sentence)
    if not words:
        return True
    best = max((sum(w in block for w in words) for block in paragraphs), default=0)
    return best >= 0.8 * len(words)


_REF_BYLINE_LEAD = re.compile(r"^\s*(?:written\s+)?by\s+", re.IGNORECASE)
_REF_NOT_A_BYLINE = re.compile(r"\d{1,2}:\d{2}|\b(?:19|20)\d{2}\b|^\W*(?:follow|last updated|updated)\b", re.IGNORECASE)


def _reference_byline(value: str | None) -> str | None:
    """Reader View's byline as a reference: its "By" and layout whitespace aside; a date or a
    button label ("Follow Author") in its place is no byline."""
    value = " ".join(_REF_BYLINE_LEAD.sub("", value or "").split())
    if not value or _REF_NOT_A_BYLINE.search(value):
        return None
    return value


def _byline_right(ours: str, theirs: str) -> bool:
    """Every name of ours is in theirs (each name's words, in order), or theirs is in ours."""
    mine = [n for n in re.split(r"\s*(?:;|,|&|\band\b)\s*", _norm(ours)) if n]
    reference = " ".join(_words(theirs))
    return bool(mine) and (
        all(" ".join(_words(name)) in reference for name in mine) or reference in " ".join(_words(ours))
    )


def readability_scores(records: list[dict], show: bool) -> dict:
    """Summary sentences from Reader View's paragraphs, bylines, titles inside its title."""
    scores = dict(pages=len(records), prose=0, refused=0, bylined=0, bylines=0, wrong=0, extra=0, titles=0, titled=0)
    for record in records:
        article, result = read_page(record, WEB / "readability")
        if article is None:
            scores["refused"] += 1
            # refusing a page Reader View would not show either is right
            scores["prose"] += not record["readerable"]
            scores["titled"] += record["readerable"]
            if show:
                print(f"REFUSED {record['file']}: {result}")
            continue
        paragraphs = [set(_words(p)) for p in record["paragraphs"]]
        paragraphs += [a | b for a, b in zip(paragraphs, paragraphs[1:])]
        strays = [s for s in result.summary if not _from_paragraphs(s, paragraphs)]
        scores["prose"] += not strays
        if show:
            for sentence in strays:
                print(f"NOT ARTICLE {record['file']}: {sentence[:160]!r}")
        theirs, ours = _reference_byline(record.get("byline")), article.author or ""
        if theirs:
            scores["bylined"] += 1
            if ours and _byline_right(ours, theirs):
                scores["bylines"] += 1
            else:
                scores["wrong"] += bool(ours)
                if show:
                    print(f"AUTHOR {record['file']}: ours {ours!r} theirs {record.get('byline')!r}")
        elif ours:
            scores["extra"] += 1
            if show:
                print(f"AUTHOR {record['file']}: ours {ours!r}, Reader View none")
        if not record["readerable"]:
            continue
        scores["titled"] += 1
        title = " ".join(_words(result.title or ""))
        if title and title in " ".join(_words(record.get("title") or "")):
            scores["titles"] += 1
        elif show:
            print(f"TITLE {record['file']}: ours {result.title!r} theirs {record.get('title')!r}")
    return scores


def read_page(record: dict, folder: Path = WEB):
    """(article, analysis) or (None, reason)."""
    from reports.analysis import analyze
    from reports.errors import ReportsError
    from reports.ingest import html

    raw = gzip.decompress((folder / record["file"]).read_bytes())
    path = Path(record["file"]).with_suffix("")
    try:
        article = next(iter(html.read(path, raw, record["file"])))
        return article, analyze(article)
    except ReportsError as error:
        return None, str(error)


def _norm(text: str) -> str:
    """Case, spacing and the shape of quotes and apostrophes aside."""
    text = text.translate(str.maketrans("‘’“”（）：", "''\"\"():"))
    return " ".join(text.casefold().split())


def _holds(text: str, snippet: str) -> bool:
    """The snippet is in the text as whole words: "Projekte" (a menu item) is not in
    "Multimediaprojekten"."""
    return re.search(rf"(?<!\w){re.escape(snippet)}(?!\w)", text) is not None


def trafilatura_scores(records: list[dict], show: bool) -> dict:
    clean = refused = kept = wanted = captions = 0
    for record in records:
        article, result = read_page(record)
        if article is not None:
            # the article keeps a snippet in its text, its title or its standfirst (a headline
            # or standfirst at the top of the body is shown in its own place, not in the body)
            body = "\n".join(_norm(part or "") for part in (article.text, article.title, article.standfirst))
            snippets = [_norm(s) for s in record.get("with", []) if _norm(s)]
            wanted += len(snippets)
            kept += sum(1 for s in snippets if s in body)
            if show:
                for snippet in record.get("with", []):
                    if _norm(snippet) and _norm(snippet) not in body:
                        print(f"LOST {record['file']}: {snippet[:100]!r}")
        if article is None:
            refused += 1
            clean += 1
            if show:
                print(f"REFUSED {record['file']}: {result}")
            continue
        fields = {"title": [result.title], "summary": list(result.summary), "caption": [result.caption or ""]}
        hits = [
            (where, snippet, text)
            for where, texts in fields.items()
            for text in texts
            for snippet in record.get("without", [])
            if _norm(snippet) and _holds(_norm(text), _norm(snippet))
        ]
        # A caption of a figure on the page is article (its own place in the briefing), not
        # furniture in the summary: it is counted apart.
        captions += any(where == "caption" for where, _, _ in hits)
        if not any(where != "caption" for where, _, _ in hits):
            clean += 1
        if hits and show:
            for where, snippet, text in hits:
                print(f"FURNITURE {record['file']} {where}: {snippet!r} in {text[:160]!r}")
    return {"pages": len(records), "clean": clean, "refused": refused, "kept": kept, "wanted": wanted, "captions": captions}


def _title_equal(ours: str, theirs: str, site: str) -> bool:
    ours, theirs = _norm(ours), _norm(theirs)
    if ours == theirs:
        return True
    site = _norm(site or "")
    strip = re.compile(r"^\W+|\W+$")
    for value in (theirs,):
        if site and site in value:
            value = strip.sub("", value.replace(site, ""))
            if value == strip.sub("", ours):
                return True
    # the site's name aside: theirs is ours plus a short tail after a separator
    rest = theirs[len(ours):] if ours and theirs.startswith(ours) else None
    if rest is not None and re.match(r"^\s*[|:\-–—»·]", rest) and len(rest.split()) <= 5:
        return True
    return strip.sub("", ours) == strip.sub("", theirs)


def _looks_like_byline(author: str) -> bool:
    return not re.search(r"https?:|www\.|\d{4}|\b(?:desk|staff|print)\b", author, re.IGNORECASE)


def newspaper_scores(records: list[dict], show: bool) -> dict:
    titled = titles = authored = bylines = bad = 0
    for record in records:
        meta = record.get("metadata") or {}
        article, result = read_page(record)
        ours_title = result.title if article else ""
        ours_author = (article.author or "") if article else ""
        if ours_author and not _looks_like_byline(ours_author):
            bad += 1
        if meta.get("title"):
            titled += 1
            if _title_equal(ours_title, meta["title"], meta.get("meta_site_name", "")):
                titles += 1
            elif show:
                print(f"TITLE {record['file']}: ours {ours_title!r} theirs {meta['title']!r}"
                      + ("" if article else f" (refused: {result})"))
        names = [a for a in meta.get("authors") or [] if _looks_like_byline(a)]
        if meta.get("authors"):
            authored += 1
            theirs = [_norm(a) for a in names]
            mine = _norm(ours_author)
            if mine and _looks_like_byline(ours_author) and any(t in mine or mine in t for t in theirs):
                bylines += 1
            elif show:
                print(f"AUTHOR {record['file']}: ours {ours_author!r} theirs {meta['authors']!r}")
    return {"titled": titled, "titles": titles, "authored": authored, "bylines": bylines, "bad_bylines": bad}


def speed(records: list[dict], count: int) -> str:
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for record in records[:count]:
            target = Path(folder) / Path(record["file"]).name.removesuffix(".gz")
            target.write_bytes(gzip.decompress((WEB / record["file"]).read_bytes()))
            paths.append(str(target))
        started = time.perf_counter()
        subprocess.run([str(Path(sys.executable).with_name("reports")), "analyze", *paths, "--format", "jsonl"],
                       cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        took = time.perf_counter() - started
    return f"{len(paths)} pages in {took:.1f} s: {len(paths) / took:.2f} pages/s (reports analyze, whole process)"


FOLD_NAMES = {0: "tuned", 1: "never read"}


def fold_lines(number: int, traf: list[dict], news: list[dict], reader: list[dict], show: bool) -> list[str]:
    """The figures of one fold, one line a corpus, and the fold's pages/s (read and analysed
    in process)."""
    started = time.perf_counter()
    name = f"fold {number} ({FOLD_NAMES[number]})"
    part = [r for r in traf if fold(r["file"]) == number]
    t = trafilatura_scores(part, show)
    pages = len(part)
    lines = [f"{name} trafilatura: clean {t['clean']}/{t['pages']} = {t['clean'] / t['pages']:.1%}, "
             f"refused {t['refused']} = {t['refused'] / t['pages']:.1%}, "
             f"article keeps {t['kept']}/{t['wanted']} = {t['kept'] / max(t['wanted'], 1):.1%} of the `with` snippets, "
             f"captions holding a `without` snippet {t['captions']}"]
    part = [r for r in news if fold(r["file"]) == number]
    n = newspaper_scores(part, show)
    pages += len(part)
    lines.append(f"{name} newspaper4k: title {n['titles']}/{n['titled']}, byline {n['bylines']}/{n['authored']}, "
                 f"bylines that are a link/date/desk {n['bad_bylines']}")
    part = [r for r in reader if fold(r["file"]) == number]
    r = readability_scores(part, show)
    pages += len(part)
    lines.append(f"{name} readability: summary from Reader View's paragraphs {r['prose']}/{r['pages']} "
                 f"= {r['prose'] / r['pages']:.1%} (refused {r['refused']}), "
                 f"byline right {r['bylines']}/{r['bylined']} = {r['bylines'] / max(r['bylined'], 1):.1%}, "
                 f"wrong {r['wrong']}, where Reader View has none {r['extra']}, "
                 f"title inside theirs {r['titles']}/{r['titled']} = {r['titles'] / max(r['titled'], 1):.1%}")
    took = time.perf_counter() - started
    lines.append(f"{name} speed: {pages} pages in {took:.1f} s = {pages / took:.2f} pages/s (read and analysed, in process)")
    return lines


MARKDOWN_HEAD = """# Web pages: what a briefing takes from a saved page

Written by `python bench/pages.py --markdown docs/pages.md` (see its docstring for what each
figure measures). Fold 0 ("tuned") is the fold whose errors the rules were built from; fold 1
("never read") was never listed while building them.

"""


def write_markdown(path: Path, lines: list[str]) -> None:
    """Write the figures as the file's head; the notes after them (its "## " sections, written
    by hand or by bench/blocks.py's study) are kept as they were."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    at = old.find("\n## ")
    notes = old[at:] if at >= 0 else ""
    path.write_text(MARKDOWN_HEAD + "```\n" + "\n".join(lines) + "\n```\n" + notes, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fold", default="all", choices=["0", "1", "all"])
    parser.add_argument("--errors", action="store_true", help="list every error (of the folds shown)")
    parser.add_argument("--speed", type=int, default=0, metavar="N", help="also time N pages through reports analyze")
    parser.add_argument("--markdown", type=Path, metavar="FILE", help="also write the figures to FILE (docs/pages.md)")
    args = parser.parse_args()
    folds = [0, 1] if args.fold == "all" else [int(args.fold)]
    traf, news = load("trafilatura.jsonl"), load("newspaper4k.jsonl")
    reader = load("readability/readability.jsonl")
    lines: list[str] = []
    for number in folds:
        for line in fold_lines(number, traf, news, reader, args.errors):
            print(line, flush=True)
            lines.append(line)
    if args.speed:
        lines.append(speed(traf, args.speed))
        print(lines[-1])
    if args.markdown:
        write_markdown(args.markdown, lines)


if __name__ == "__main__":
    main()
