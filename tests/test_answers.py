"""The answer cache: a repeated query prints the stored bytes; any changed input is a new answer."""

import shutil

import pytest

from stdcompare import cache, seal

from .conftest import FIXTURES


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv("STDCOMPARE_CACHE", str(where))
    return where / "answers"


@pytest.fixture
def corpus_copy(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "corpus", folder)
    return folder


def _answers(folder):
    return sorted(folder.glob("*.answer")) if folder.exists() else []


def test_a_repeated_lookup_prints_the_stored_answer(run, own_cache, corpus_copy):
    args = ("lookup", "W-1", "--standards", str(corpus_copy), "--in", "test-wire@2018")
    first = run(*args)
    assert first[0] == 0 and "W-1" in first[1]
    (stored,) = _answers(own_cache)
    assert seal.read_sealed(stored) == first[1].encode("utf-8")
    cache.put(stored, b"from the store\n")  # sealed as ours: proves the second run reads it
    assert run(*args) == (0, "from the store\n", "")


def test_every_input_is_part_of_the_key(run, own_cache, corpus_copy):
    base = ("lookup", "W-1", "--standards", str(corpus_copy))
    run(*base)
    run(*base, "--format", "json")
    run(*base, "--computed-only")
    run(*base, "--as-of", "2020-06-01")
    assert len(_answers(own_cache)) == 4
    edited = corpus_copy / "wire-spec-2018.toml"
    edited.write_text(edited.read_text() + "\n# an edit\n")
    code, out, _ = run(*base)
    assert code == 0 and len(_answers(own_cache)) == 5


def test_a_file_named_in_the_question_is_an_input(run, own_cache, corpus_copy, tmp_path):
    target = tmp_path / "other.toml"
    shutil.copy(corpus_copy / "wire-spec-2018.toml", target)
    shutil.rmtree(corpus_copy)
    args = ("lookup", f"{target}:W-1", "--standards", str(FIXTURES / "corpus"))
    assert run(*args)[0] == 0
    target.write_text(target.read_text() + "\n# an edit\n")
    assert run(*args)[0] == 0
    assert len(_answers(own_cache)) == 2


def test_a_failed_query_is_not_stored(run, own_cache):
    code, out, err = run("lookup", "zzzzqqqq")
    assert code == 2 and err.startswith("stdcompare: error: no grade matches")
    assert _answers(own_cache) == []


def test_off_means_no_answers_either(run, monkeypatch, tmp_path):
    monkeypatch.setenv("STDCOMPARE_CACHE", "off")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    assert run("lookup", "Berry")[0] == 0
    assert not (tmp_path / ".cache").exists()


def test_concurrent_runs_agree_and_leave_whole_files(tmp_path):
    """Six processes start on an empty cache at once: each prints the same answer, and the
    cache ends with one corpus and one answer, no temporary file left behind."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "STDCOMPARE_CACHE": str(tmp_path / "cache")}
    env.pop("STDCOMPARE_PATH", None)
    command = [sys.executable, "-m", "stdcompare", "lookup", "W-1"]
    command += ["--standards", str(FIXTURES / "corpus"), "--in", "test-wire@2018"]
    runs = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE) for _ in range(6)]
    outputs = {run.communicate(timeout=120)[0] for run in runs}
    assert [run.returncode for run in runs] == [0] * 6
    assert len(outputs) == 1 and b"W-1" in outputs.pop()
    cache = tmp_path / "cache"
    assert len(list(cache.glob("*.corpus"))) == 1
    assert len(list((cache / "answers").glob("*.answer"))) == 1
    assert not [p for p in cache.rglob(".*") if p.is_file()]  # temporary files renamed or gone


def test_an_upgraded_library_is_a_new_answer(run, own_cache, corpus_copy, monkeypatch):
    from stdcompare import answers

    args = ("lookup", "W-1", "--standards", str(corpus_copy))
    run(*args)
    assert answers._libraries()[0].startswith("rapidfuzz:/")  # found without importing it
    monkeypatch.setattr(answers, "_libraries", lambda: ["rapidfuzz:another build"])
    run(*args)
    assert len(_answers(own_cache)) == 2
