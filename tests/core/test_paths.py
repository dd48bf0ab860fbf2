"""Paths: the cache folder, and files written whole with the mode the umask allows."""

from __future__ import annotations

import json

from summarizer.core.paths import default_cache_folder, write_atomic
from summarizer.readers import places


def test_atomic_write_gives_the_mode_the_umask_allows(tmp_path, monkeypatch):
    monkeypatch.setattr("summarizer.core.paths._UMASK", 0o027)
    write_atomic(tmp_path / "brief.json", "{}")
    assert (tmp_path / "brief.json").stat().st_mode & 0o777 == 0o640  # not mkstemp's 0600


def test_the_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    assert default_cache_folder() == tmp_path
    monkeypatch.setenv("SUMMARIZER_CACHE", "off")
    assert default_cache_folder() is None


def test_the_town_index_is_kept_and_read_back_and_a_bad_copy_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("SUMMARIZER_CACHE", str(tmp_path))
    places._gazetteer.cache_clear()
    built = places._gazetteer()
    (kept,) = tmp_path.glob("gazetteer-*.json")
    assert json.loads(kept.read_text(encoding="utf-8")) == built
    places._gazetteer.cache_clear()
    assert places._gazetteer() == built  # read back from the file
    kept.write_text("{not json", encoding="utf-8")
    places._gazetteer.cache_clear()
    assert places._gazetteer() == built and json.loads(kept.read_text(encoding="utf-8")) == built
    places._gazetteer.cache_clear()
