"""The lookup sets are built from the data packages once, then read from the cache file."""

from __future__ import annotations

from pathlib import Path

import pytest

from reports.analysis import gazetteer


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    gazetteer.lookup.cache_clear()
    yield tmp_path
    gazetteer.lookup.cache_clear()


def test_built_once_into_the_cache_file_and_read_back(cache_home: Path):
    built = gazetteer.lookup()
    files = list((cache_home / "reports").glob("names-*.json"))
    assert len(files) == 1
    assert built.places["kabul"] == 3 and built.places["texas"] == 2  # a capital; a US state
    assert "emmanuel" in built.first_names and "sheikh" in built.titles and "gmbh" in built.org_suffixes
    gazetteer.lookup.cache_clear()
    assert gazetteer.lookup() == built


def test_a_broken_cache_file_is_rebuilt(cache_home: Path):
    gazetteer.lookup()
    path = next((cache_home / "reports").glob("names-*.json"))
    path.write_text("{not json")
    gazetteer.lookup.cache_clear()
    assert gazetteer.lookup().places["kabul"] == 3
    assert path.read_text().startswith("{\"places1\"")


def test_an_unwritable_cache_folder_still_gives_the_sets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    gazetteer.lookup.cache_clear()
    try:
        assert gazetteer.lookup().places["kabul"] == 3
    finally:
        gazetteer.lookup.cache_clear()
