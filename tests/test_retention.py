"""Retention: `reports prune [--dry-run]` and the prune after each run; the ledger always stays."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from reports.config import from_mapping
from reports.errors import ConfigError
from tests.conftest import run_json


def _days(out: Path, *offsets: int) -> list[Path]:
    today = date.today()
    folders = []
    for offset in offsets:
        folder = out / (today - timedelta(days=offset)).isoformat()
        folder.mkdir(parents=True)
        (folder / "manifest.json").write_text("{}")
        folders.append(folder)
    (out / "ledger.sqlite3").write_bytes(b"")
    (out / "notes").mkdir()
    return folders


def test_prune_lists_then_removes_only_old_day_folders(project: Path, cli):
    (project / "reports.toml").write_text('[paths]\ninbox = "seeds"\nout = "out"\n[retention]\nkeep_days = 7\n')
    recent, old, older = _days(project / "out", 1, 8, 30)
    result = cli("prune", "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [f"would remove {older}", f"would remove {old}"]
    assert old.is_dir() and older.is_dir()
    assert cli("prune").exit_code == 0
    assert recent.is_dir() and not old.exists() and not older.exists()
    assert (project / "out" / "ledger.sqlite3").is_file() and (project / "out" / "notes").is_dir()


def test_off_by_default_and_a_run_prunes_when_set(project: Path, cli):
    folders = _days(project / "out", 3, 40)
    kept = cli("prune", "--dry-run")  # keep_days = 0: keep everything, and say so
    assert kept.stdout == "" and "retention.keep_days is 0" in kept.stderr
    assert all(f.is_dir() for f in folders)
    (project / "reports.toml").write_text('[paths]\ninbox = "seeds"\nout = "out"\n[retention]\nkeep_days = 10\n')
    code, _ = run_json(cli, "--date", date.today().isoformat())
    assert code == 0
    assert folders[0].is_dir() and not folders[1].exists()
    assert "older than 10 days" in cli("prune", "--dry-run").stderr  # nothing left to go


def test_negative_keep_days_is_refused_by_name():
    with pytest.raises(ConfigError, match="retention.keep_days"):
        from_mapping({"retention": {"keep_days": -1}})
