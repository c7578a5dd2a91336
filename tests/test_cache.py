"""The derived-data caches: written whole, older versions removed, never an error."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from reports import cache


def test_writing_a_new_version_removes_the_unused_old_ones_of_its_kind(tmp_path: Path):
    month_ago = time.time() - cache.UNUSED_S - 60
    old, other = tmp_path / "names-3-aaaa.json", tmp_path / "cmu-syllables-1-2-m4.marshal"
    in_use = tmp_path / "names-4-cccc.json"  # another virtualenv's, read lately
    for path in (old, other, in_use):
        path.write_text("{}")
        os.utime(path, (month_ago, month_ago))
    assert cache.read(in_use) == b"{}"
    new = tmp_path / "names-4-bbbb.json"
    cache.write(new, b'{"a": 1}', replaces="names-*.json")
    assert cache.read(new) == b'{"a": 1}'
    assert not old.exists()
    assert in_use.exists() and other.exists()  # one still read, and another kind of cache, stay
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".tmp-")] == []


def test_an_unwritable_folder_is_skipped_not_an_error(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache.write(blocker / "sub" / "names-1-x.json", b"{}", replaces="names-*.json")
    assert cache.read(blocker / "sub" / "names-1-x.json") is None


def test_no_home_folder_means_no_cache(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: (_ for _ in ()).throw(RuntimeError("no home"))))
    assert cache.folder() is None


def test_xdg_cache_home_is_honoured(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.folder() == tmp_path / "reports"
