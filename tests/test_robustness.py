"""Hostile input, full disks and SIGKILL: every good article still gets its PDF, nothing is lost."""

from __future__ import annotations

import json
import re
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from reports.analysis import analyze
from reports.errors import ArticleError
from reports.ingest import txt
from tests.conftest import SHARED, pdf_text, run_json

DAY = "2026-11-25"


def hostile_inbox(inbox: Path, outside: Path) -> dict[str, str | None]:
    """Write the hostile files; returns name -> expected failure reason (None: must render)."""
    outside.write_text("OUTSIDE-SECRET. Never read this.")
    cases: dict[str, tuple[bytes, str | None]] = {
        "empty.txt": (b"", "empty"),
        "blank.txt": (b"   \n\n  \n", "empty"),
        "binary.txt": (bytes(range(256)) * 40, "binary"),
        "nul.txt": (b"Some text\x00with a NUL byte.", "binary"),
        "invalid-utf8.txt": ("Caf\u00e9 owners \u201cprotest\u201d. It rained.".encode("cp1252") + b"\x81", None),
        "long-line.txt": (("word " * 40_000).encode(), None),
        "no-spaces.txt": (b"x" * 200_000, None),
        "unbalanced.txt": ("He said \u201cthis never ends. And \"neither does this. Or \u00abthis.".encode(), None),
        "markup.txt": (b'<script>alert(1)</script> {{ 7*7 }} {% include "/etc/passwd" %}. <img src=x>', None),
        "control\x07name\x1b[31m.txt": (b"A file with control characters in its name. It is fine.", None),
        "paths.jsonl": (
            b'{"id": "../../../tmp/escape", "title": "../../etc/cron.d/evil", "text": "Ids and titles that look'
            b' like paths. They stay names."}\n',
            None,
        ),
    }
    for name, (content, _) in cases.items():
        (inbox / name).write_bytes(content)
    (inbox / "link-out.txt").symlink_to(outside)
    (inbox / "dangling.txt").symlink_to(inbox / "gone-missing.txt")
    expected = {name: reason for name, (_, reason) in cases.items()}
    expected["link-out.txt"] = "outside the inbox"
    expected["dangling.txt"] = "broken link"
    return expected


def _file(source: str) -> str:
    """The file name of a source label ("seeds/a.jsonl:3" -> "a.jsonl")."""
    return Path(re.sub(r":\d+$", "", source)).name


def test_hostile_inbox_fails_cleanly_and_good_articles_render(project: Path, cli, tmp_path_factory):
    inbox = project / "seeds"
    expected = hostile_inbox(inbox, tmp_path_factory.mktemp("elsewhere") / "outside.txt")
    code, report = run_json(cli, "--date", DAY)
    assert code == 1
    failed = {_file(f["source"]): f["reason"] for f in report["failed"]}
    rendered = {_file(n["source"]) for n in report["new"]}
    for name, reason in expected.items():
        if reason is None:
            assert name in rendered, f"{name!r} should render: {failed.get(name)}"
        else:
            assert reason in failed.get(name, ""), f"{name!r}: {failed.get(name)}"
    assert "000_b8909ad496ca7278.txt" in rendered
    everything = b"".join(Path(n["pdf"]).read_bytes() for n in report["new"])
    assert b"OUTSIDE-SECRET" not in everything
    for new in report["new"]:
        path = Path(new["pdf"])
        assert path.parent == project / "out" / DAY  # nothing written outside the day folder
        assert len(PdfReader(path).pages) <= 40  # huge inputs are capped, not 100-page PDFs
    written = {p.relative_to(project).parts[0] for p in project.rglob("*") if p.is_file()}
    assert written <= {"seeds", "out"}


def test_markup_and_template_syntax_stay_text(project: Path, cli):
    (project / "seeds" / "markup.txt").write_text("Before {{ 7*7 }} after. <b>bold</b> is text.\n")
    code, report = run_json(cli, "--date", DAY)
    pdf = next(Path(n["pdf"]) for n in report["new"] if "markup" in n["source"])
    text = pdf_text(pdf)
    assert "{{ 7*7 }}" in text and "<b>bold</b>" in text


def _limited(limit_bytes: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_bytes, limit_bytes))

    return apply


def test_disk_full_is_a_clear_error_and_the_ledger_stays_consistent(project: Path):
    for i in range(6):
        (project / "seeds" / f"story{i}.txt").write_text(f"Story {i} about the harbour. " * 30)
    # The ledger exists before the disk "fills": RLIMIT_FSIZE makes writes past 60 kB fail
    # with EFBIG, as a full disk would (Python ignores SIGXFSZ).
    subprocess.run([sys.executable, "-m", "reports.cli", "status"], cwd=project, check=True, capture_output=True)
    result = subprocess.run(
        [sys.executable, "-m", "reports.cli", "run", "--json", "--workers", "1", "--date", DAY],
        cwd=project, capture_output=True, text=True, preexec_fn=_limited(60_000),
    )
    assert result.returncode == 1, result.stderr
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr
    db = sqlite3.connect(project / "out" / "ledger.sqlite3")
    for (outputs,) in db.execute("SELECT outputs FROM articles WHERE status = 'rendered'"):
        for pdf in json.loads(outputs):
            assert len(PdfReader(project / "out" / pdf).pages) >= 1  # recorded means complete
    assert not list((project / "out" / DAY).glob(".tmp-*"))
    # Space again: the next run finishes the rest.
    result = subprocess.run(
        [sys.executable, "-m", "reports.cli", "run", "--json", "--workers", "1", "--date", DAY],
        cwd=project, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    assert len([p for p in (project / "out" / DAY).glob("*.pdf") if p.name != "digest.pdf"]) == 7


def test_unwritable_output_folder(project: Path, cli):
    (project / "out").mkdir()
    (project / "out" / DAY).write_text("a file where the day's folder should be")
    result = cli("run", "--json", "--workers", "1", "--date", DAY)
    assert result.exit_code == 1
    assert "cannot write" in result.stderr
    assert json.loads(cli("status", "--json").stdout)["articles"].get("rendered", 0) == 0


def _corpus_inbox(inbox: Path, count: int) -> None:
    rows = [json.loads(line) for line in (SHARED / "corpus/summaries/bbc-dev.jsonl").open()]
    for i in range(count):
        row = rows[i % len(rows)]
        text = "\n\n".join(row["text"].split("\n\n")[:3]) + f"\n\nThis is copy {i}."
        (inbox / f"{i:03d}.txt").write_text(f"Title: {row['title']}\n\n{text}\n")


ARTICLES = 60  # enough for two workers to be mid-run when the kill lands; each costs a render


def test_sigkill_mid_run_then_run_again(project: Path):
    """60 articles, SIGKILL part-way, run again: exactly 60 valid PDFs, no temp files."""
    inbox = project / "seeds"
    (inbox / "000_b8909ad496ca7278.txt").unlink()
    _corpus_inbox(inbox, ARTICLES)
    command = [sys.executable, "-m", "reports.cli", "run", "--workers", "2", "--date", DAY]
    day = project / "out" / DAY
    process = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(day.glob("*.pdf"))) < ARTICLES // 5:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    partial = len(list(day.glob("*.pdf")))
    assert ARTICLES // 5 <= partial < ARTICLES, "the kill should land mid-run"
    result = subprocess.run([*command, "--json"], cwd=project, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    pdfs = sorted(p for p in day.glob("*.pdf") if p.name != "digest.pdf")
    assert len(pdfs) == ARTICLES
    assert not list(day.glob(".tmp-*"))
    for pdf in pdfs:
        assert PdfReader(pdf).pages  # every PDF opens
    db = sqlite3.connect(project / "out" / "ledger.sqlite3")
    rows = db.execute("SELECT status, outputs FROM articles").fetchall()
    assert len(rows) == ARTICLES and {status for status, _ in rows} == {"rendered"}
    assert sorted(day / json.loads(o)[0].split("/", 1)[1] for _, o in rows) == pdfs
    manifest = json.loads((day / "manifest.json").read_text())
    assert len(manifest["articles"]) == ARTICLES


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=3000))
def test_any_text_gives_an_analysis_or_a_clean_error(body: str):
    try:
        article = txt.parse(body, article_id="prop", source="prop")
        analysis = analyze(article)
    except ArticleError:
        return
    assert all(s.strip() for s in analysis.summary)
    if not analysis.summary:  # only when no sentence is running text (the briefing then says so)
        from reports.analysis import prose, text

        doc = text.split(article.text)
        assert all(prose.refusal(s.text, article.title) is not None for s in doc.sentences)
    for quote in analysis.quotes.items:
        assert article.text[quote.start : quote.end] == quote.quote
    json.dumps(analysis.to_json())
