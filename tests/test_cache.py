"""The parse cache: the same corpus loads from it; any changed byte means a fresh load."""

import shutil

from stdcompare import cache
from stdcompare.corpus import Corpus

from .conftest import FIXTURES


def _copy(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", folder)
    return folder


def test_second_load_comes_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("STDCOMPARE_CACHE", str(tmp_path / "cache"))
    folder = _copy(tmp_path)
    first = Corpus.discover(extra=[folder], bundled=False).standards
    stored = list((tmp_path / "cache").glob("*.corpus"))
    assert len(stored) == 1
    again = Corpus.discover(extra=[folder], bundled=False).standards
    assert again == first


def test_an_edited_file_is_read_again(tmp_path, monkeypatch):
    monkeypatch.setenv("STDCOMPARE_CACHE", str(tmp_path / "cache"))
    folder = _copy(tmp_path)
    Corpus.discover(extra=[folder], bundled=False).standards  # noqa: B018 - fills the cache
    path = folder / "wire-spec-2018.toml"
    path.write_text(path.read_text().replace("ge = 99.0", "ge = 98.5"))
    std = Corpus.discover(extra=[folder], bundled=False).resolve("test-wire@2018")
    assert str(std.grade("W-1").requirements[0].lo) == "98.5"
    assert len(list((tmp_path / "cache").glob("*.corpus"))) == 2


def test_off_and_unwritable_cache_still_work(tmp_path, monkeypatch):
    monkeypatch.setenv("STDCOMPARE_CACHE", "off")
    assert cache.folder() is None
    assert Corpus.discover(extra=[_copy(tmp_path)], bundled=False).standards
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STDCOMPARE_CACHE", str(blocker / "cache"))
    assert Corpus.discover(extra=[_copy(tmp_path / "x")], bundled=False).standards


def test_a_corrupt_cache_file_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("STDCOMPARE_CACHE", str(tmp_path / "cache"))
    folder = _copy(tmp_path)
    Corpus.discover(extra=[folder], bundled=False).standards  # noqa: B018
    (stored,) = (tmp_path / "cache").glob("*.corpus")
    stored.write_bytes(b"garbage")
    assert Corpus.discover(extra=[folder], bundled=False).resolve("test-wire@2018")


def test_only_the_newest_entries_are_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("STDCOMPARE_CACHE", str(tmp_path / "cache"))
    folder = _copy(tmp_path)
    path = folder / "wire-spec-2018.toml"
    text = path.read_text()
    for n in range(cache.KEEP + 3):  # every edit is a new key, hence a new entry
        path.write_text(text.replace("ge = 99.0", f"ge = 98.{n}"))
        Corpus.discover(extra=[folder], bundled=False).standards  # noqa: B018
    assert len(list((tmp_path / "cache").glob("*.corpus"))) == cache.KEEP
    latest = Corpus.discover(extra=[folder], bundled=False).resolve("test-wire@2018")
    assert str(latest.grade("W-1").requirements[0].lo) == f"98.{cache.KEEP + 2}"
