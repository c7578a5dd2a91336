"""What a person at a terminal and a script reading `run --json` are told about a run."""

from __future__ import annotations

import fcntl
import json
import os
import struct
import subprocess
import sys
import termios
from pathlib import Path

from tests.conftest import REPO, run_json

ARTICLE = "A title for article {n}\n\nThe council met on Monday to discuss plan {n}. Members voted to approve it.\n"


def _on_a_terminal(tmp_path: Path) -> str:
    """`reports run` with its stderr on a real pseudo-terminal; what the terminal showed."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))  # a 120-column terminal
    command = [sys.executable, "-m", "reports.cli", "run", "--inbox", str(tmp_path / "inbox"),
               "--out", str(tmp_path / "out"), "--workers", "1", "--no-email"]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, cwd=REPO)
    os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the process closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert process.wait(timeout=300) == 0
    return shown.decode(errors="replace")


def test_the_progress_bar_says_what_it_is_doing_and_the_time_left(tmp_path: Path):
    (tmp_path / "inbox").mkdir()
    for n in range(3):
        (tmp_path / "inbox" / f"article-{n}.txt").write_text(ARTICLE.format(n=n))
    shown = _on_a_terminal(tmp_path)
    assert "loading the templates and fonts" in shown  # not a silent 0% while WeasyPrint loads
    assert all(f"briefing inbox/article-{n}.txt" in shown for n in range(3)), shown
    assert "ETA" in shown and "3/3" in shown
    assert "3 new, 0 already done, 0 failed" in shown


def test_run_json_lists_the_skipped_files_beside_the_count(project: Path, cli):
    (project / "seeds" / "copy.txt").write_bytes(next((project / "seeds").glob("000_*.txt")).read_bytes())
    code, report = run_json(cli, "--date", "2026-11-25")
    assert code == 0 and report["skipped"] == 1
    assert report["skipped_files"] == [
        {"source": "seeds/copy.txt", "reason": "the same article again in the inbox", "articles": 1}
    ]
    code, report = run_json(cli, "--date", "2026-11-25")
    assert report["skipped"] == 2 == sum(s["articles"] for s in report["skipped_files"])
    assert sorted(s["source"] for s in report["skipped_files"]) == sorted(
        f"seeds/{p.name}" for p in (project / "seeds").iterdir()
    )
    assert {s["reason"] for s in report["skipped_files"]} <= {
        "already done", "already briefed", "the same article again in the inbox"
    }
    assert json.loads(cli("status", "--json").stdout)["last_run"]["skipped"] == 2


def test_run_says_which_inbox_files_it_does_not_read_and_why(project: Path, cli):
    (project / "seeds" / "scan.pdf").write_bytes(b"%PDF-1.4 not an article we read")
    code, report = run_json(cli, "--date", "2026-11-25")
    assert code == 0 and len(report["new"]) == 1
    assert [s for s in report["skipped_files"] if s["source"] == "seeds/scan.pdf"] == [
        {"source": "seeds/scan.pdf", "reason": "not read: a PDF is not read (save the article as HTML or text)",
         "articles": 0}
    ]
    shown = cli("run", "--workers", "1", "--date", "2026-11-25").stderr
    assert shown.count("seeds/scan.pdf: not read: a PDF") == 1
