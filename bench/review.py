"""A reader's review: a fixed, varied sample of dev articles briefed, every page as a picture.

usage: python bench/review.py [--out DIR] [--dpi N]

Writes, into DIR (default /tmp/review):
    <n>-<name>/page-<k>.png   each page of each briefing
    <n>-<name>.png            one contact sheet per briefing, its pages side by side
    problems.txt              what the page checks (tests/pagecheck.py) found, briefing by briefing
and prints the same problems and the time taken (about a minute on the shared two-core machine:
61 s wall, 19 s of CPU). Look at the sheets after every change to the
templates or the analysis: the checks catch what a rule can see, a person the rest.

The sample (SAMPLE below, fixed so two runs compare): the seed (.txt, two stories); BBC and CNN
texts of ../shared/corpus/summaries, among them one without any quotation and one with about
forty; web pages of ten and more sites of ../shared/corpus/web, a Chinese and a right-to-left
(Arabic) page among them; a feed item that carries its whole article, as the feed reader
archives it. Runs in one process, one briefing after another (the machine is shared).
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
sys.path.insert(0, str(REPO))

DAY = date(2026, 11, 25)


@dataclass(frozen=True)
class Item:
    name: str
    kind: str  # "txt" | "summaries" | "web" | "feed"
    where: str  # a path (txt), a corpus file
    key: str = ""  # the row id (summaries)


SAMPLE = (
    Item("seed", "txt", "seeds/000_b8909ad496ca7278.txt"),
    Item("bbc-no-quotation", "summaries", "bbc-dev.jsonl", "bbc-business-011"),
    Item("bbc", "summaries", "bbc-dev.jsonl", "bbc-business-233"),
    Item("cnn-forty-quotations", "summaries", "cnn-corpus-dev.jsonl", "cnncorpus-0543"),
    Item("cnn", "summaries", "cnn-corpus-dev.jsonl", "cnncorpus-0884"),
    Item("cnn-page", "web", "newspaper4k/cnn_001.html.gz"),
    Item("time", "web", "newspaper4k/time_001.html.gz"),
    Item("wired", "web", "newspaper4k/wired_001.html.gz"),
    Item("fox13", "web", "newspaper4k/fox13now_001.html.gz"),
    Item("cleveland", "web", "newspaper4k/cleveland.com1.html.gz"),
    Item("yonhap", "web", "newspaper4k/yna_co_kr.html.gz"),
    Item("spanish", "web", "newspaper4k/spanish_article.html.gz"),
    Item("chinese", "web", "newspaper4k/chinese_article.html.gz"),
    Item("arabic-rtl", "web", "newspaper4k/arabic_article.html.gz"),
    Item("cbs", "web", "trafilatura/cbsnews.com.carolina.html.gz"),
    Item("boston-herald", "web", "trafilatura/bostonherald.com-Brothel-catering.html.gz"),
    Item("boingboing", "web", "trafilatura/boingboing.net.millenials.html.gz"),
    Item("cayman-compass", "web", "trafilatura/caymancompass.com-prison.html.gz"),
    Item("abc13", "web", "trafilatura/abc13.com-Copperfield.html.gz"),
    Item("feed-item", "feed", "feeds/captures/feedburner.atom"),
)


def article(item: Item):
    from reports import ingest
    from reports.ingest import html, jsonl

    if item.kind == "txt":
        return next(iter(ingest.read(REPO / item.where)))
    if item.kind == "summaries":
        for line in (CORPUS / "summaries" / item.where).open(encoding="utf-8"):
            row = json.loads(line)
            if row["id"] == item.key:
                return jsonl.parse_line(json.dumps({k: row[k] for k in ("id", "title", "text") if k in row}), source=item.where)
        raise LookupError(f"{item.where}: no row {item.key}")
    if item.kind == "web":
        raw = gzip.decompress((CORPUS / "web" / item.where).read_bytes())
        return next(iter(html.read(Path(item.where).with_suffix(""), raw, item.where)))
    from reports import feeds

    entry = feeds.parse((CORPUS / item.where).read_bytes())[0]
    page = feeds._page_from_entry(entry, entry.get("link"))  # the page the feed reader archives
    return next(iter(html.read(Path(f"{item.name}.html"), page, item.where)))


def pictures(pdf: Path, folder: Path, dpi: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", str(dpi), str(pdf), str(folder / "page")], check=True)
    return sorted(folder.glob("page-*.png"))


def contact_sheet(pages: list[Path], sheet: Path, gap: int = 12) -> None:
    """The pages side by side on a grey ground, as a reader would spread them on a desk."""
    from PIL import Image

    images = [Image.open(p) for p in pages]
    width = sum(i.width for i in images) + gap * (len(images) + 1)
    height = max(i.height for i in images) + 2 * gap
    canvas = Image.new("RGB", (width, height), (150, 150, 150))
    x = gap
    for image in images:
        canvas.paste(image, (x, gap))
        x += image.width + gap
    canvas.save(sheet)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/review"))
    parser.add_argument("--dpi", type=int, default=60)
    args = parser.parse_args()

    from reports.analysis import analyze
    from reports.render import Renderer
    from tests import pagecheck

    started = time.perf_counter()
    args.out.mkdir(parents=True, exist_ok=True)
    renderer = Renderer(None)
    report: list[str] = []
    for number, item in enumerate(SAMPLE, 1):
        stem = f"{number:02d}-{item.name}"
        analysis = analyze(article(item))
        pdf = args.out / f"{stem}.pdf"
        pdf.write_bytes(renderer.briefing(analysis, DAY).pdf)
        pages = pictures(pdf, args.out / stem, args.dpi)
        contact_sheet(pages, args.out / f"{stem}.png")
        problems = pagecheck.problems(pdf, analysis)
        report += [f"{stem}: {len(pages)} pages, {len(analysis.quotes.items)} quotations, "
                   f"{'no problems' if not problems else f'{len(problems)} problems'}"]
        report += [f"    {p}" for p in problems]
    elapsed = time.perf_counter() - started
    report.append(f"{len(SAMPLE)} briefings in {elapsed:.0f} s: {args.out}")
    (args.out / "problems.txt").write_text("\n".join(report) + "\n", encoding="utf-8")
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
