"""Render cost per briefing page against a bare WeasyPrint floor, in one process.

    python bench/render.py [--n 20] [--profile]

The floor is a one-paragraph HTML page rendered by plain WeasyPrint (same fonts installed,
default settings). Our briefing is the seed through the real template, CSS and fetcher. A
third row renders the seed's body alone as plain paragraphs with no stylesheet: the cost of
laying out a page of real text at all. The compact theme is the briefing's analysis alone
(masthead, summary, facts, panels, charts; no article text) on one page: what the structured
first page costs by itself. Prints medians of interleaved runs; the target (issue 5) is at
most 3x the floor per page.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

FLOOR_HTML = "<p>One paragraph of plain text, the cheapest page WeasyPrint can make.</p>"


def timed(func, n: int) -> list[float]:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=20)
    parser.add_argument("--profile", action="store_true", help="cProfile the briefing renders")
    args = parser.parse_args()

    import weasyprint

    from reports import ingest
    from reports.analysis import analyze
    from reports.config import RenderSettings
    from reports.render import Renderer

    started = time.perf_counter()
    renderer = Renderer(REPO / "templates")
    setup = time.perf_counter() - started
    compact_renderer = Renderer(REPO / "templates", RenderSettings(theme="compact"))
    articles = [a for a in ingest.read(REPO / "seeds" / "000_b8909ad496ca7278.txt")]
    analysis = analyze(articles[0])

    import html as html_escape

    plain_html = "".join(f"<p>{html_escape.escape(p)}</p>" for p in articles[0].text.split("\n\n") if p.strip())

    def floor() -> None:
        weasyprint.HTML(string=FLOOR_HTML).write_pdf()

    def plain() -> int:
        document = weasyprint.HTML(string=plain_html).render()
        document.write_pdf()
        return len(document.pages)

    def briefing() -> int:
        return renderer.briefing(analysis, date(2026, 11, 25)).pages

    def compact() -> int:
        return compact_renderer.briefing(analysis, date(2026, 11, 25)).pages

    floor()
    pages = briefing()  # warm all: first renders load fonts
    compact_pages = compact()
    if args.profile:
        import cProfile
        import pstats

        cProfile.runctx("for _ in range(5): briefing()", globals(), locals(), "/tmp/render.prof")
        pstats.Stats("/tmp/render.prof").sort_stats("cumulative").print_stats(25)
    plain_pages = plain()
    floor_times, briefing_times, plain_times, compact_times = [], [], [], []
    for _ in range(args.n):  # interleaved, so load on the machine hits all alike
        floor_times += timed(floor, 1)
        briefing_times += timed(briefing, 1)
        plain_times += timed(plain, 1)
        compact_times += timed(compact, 1)
    floor_ms = 1000 * statistics.median(floor_times)
    briefing_ms = 1000 * statistics.median(briefing_times)
    plain_ms = 1000 * statistics.median(plain_times)
    compact_ms = 1000 * statistics.median(compact_times)
    per_page = briefing_ms / pages
    print(f"renderer set-up (templates, CSS, fonts), once per process: {1000 * setup:.0f} ms")
    print(f"{'case':<38} {'median ms':>10} {'pages':>6} {'ms/page':>8} {'x floor':>8}")
    print(f"{'bare WeasyPrint, one paragraph':<38} {floor_ms:>10.1f} {1:>6} {floor_ms:>8.1f} {1:>8.2f}")
    print(f"{'seed body, plain <p>, default CSS':<38} {plain_ms:>10.1f} {plain_pages:>6} {plain_ms / plain_pages:>8.1f} {plain_ms / plain_pages / floor_ms:>8.2f}")
    print(f"{'seed briefing (template + CSS)':<38} {briefing_ms:>10.1f} {pages:>6} {per_page:>8.1f} {per_page / floor_ms:>8.2f}")
    print(f"{'  its analysis alone (compact theme)':<38} {compact_ms:>10.1f} {compact_pages:>6} {compact_ms / compact_pages:>8.1f} {compact_ms / compact_pages / floor_ms:>8.2f}")
    from weasyprint.text.ffi import harfbuzz_subset  # noqa: F401  (None: ~4x slower fallback)

    print(f"HarfBuzz subsetting: {'yes' if harfbuzz_subset is not None else 'NO (install libharfbuzz-subset0)'}")


if __name__ == "__main__":
    main()
