"""Attacks through the caches: a planted, forged, linked or corrupted cache file, a cache folder
others can write, a leaky secret. Each is refused (a warning at most) and the run answers as if
there were no cache; nothing planted is ever unpickled or printed.

The real CLI runs in subprocesses where an attack needs a fresh process (a planted pickle must
not run in any process); the many corruptions run in-process, where the loading code is the
same and a run costs milliseconds.
"""

from __future__ import annotations

import os
import pickle
import random
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stdcompare import cache, seal
from stdcompare.corpus import Corpus

from ..conftest import FIXTURES

CORPUS = FIXTURES / "corpus"
LOOKUP = ("lookup", "W-1", "--standards", str(CORPUS), "--in", "test-wire@2018")


@pytest.fixture
def places(tmp_path, monkeypatch):
    """A cache folder and a secret of this test's own, in the environment of both the test and
    the subprocesses it starts."""
    where = tmp_path / "cache"
    monkeypatch.setenv("STDCOMPARE_CACHE", str(where))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.delenv("STDCOMPARE_PATH", raising=False)
    return where


def cli(*args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "stdcompare", *args], capture_output=True, text=True, timeout=120
    )
    return done.returncode, done.stdout, done.stderr


class Payload:
    """A pickle that, once loaded, creates a file: proof that code ran."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def only(folder: Path, pattern: str) -> Path:
    (found,) = folder.glob(pattern)
    return found


def warnings_of(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("stdcompare: warning:")]


# --- planted files ----------------------------------------------------------------------------


def test_a_planted_pickle_never_runs(places, tmp_path):
    """The attacker knows the key (it comes from public files): they overwrite the corpus
    entry, and drop a pickle in the old format's name too. The next run loads neither."""
    clean = cli(*LOOKUP)
    assert clean[0] == 0
    marker = tmp_path / "pwned"
    evil = pickle.dumps(Payload(marker))
    only(places, "*.corpus").write_bytes(evil)
    (places / "0123456789abcdef.pickle").write_bytes(evil)
    only(places / "answers", "*.answer").unlink()  # so the run must load the corpus
    again = cli(*LOOKUP)
    assert not marker.exists()
    assert again[:2] == clean[:2]


def test_a_forged_answer_is_never_printed(places):
    clean = cli(*LOOKUP)
    stored = only(places / "answers", "*.answer")
    stored.write_text("Birch is RCu-9Z, equivalent 1.00\n", encoding="utf-8")
    again = cli(*LOOKUP)
    assert "RCu-9Z" not in again[1]
    assert again[:2] == clean[:2]
    assert seal.read_sealed(stored) == clean[1].encode()  # rebuilt, sealed again


def test_an_altered_sealed_file_is_warned_about_and_rebuilt(places):
    """Sealed with our secret but changed after: tampering or corruption. One warning line and
    a hint, the same answer, and the file rebuilt."""
    clean = cli(*LOOKUP)
    stored = only(places / "answers", "*.answer")
    data = bytearray(stored.read_bytes())
    data[-2] ^= 0x01  # one bit of the printed answer
    stored.write_bytes(bytes(data))
    code, out, err = cli(*LOOKUP)
    assert (code, out) == clean[:2]
    assert len(warnings_of(err)) == 1 and "was altered" in err
    assert err.splitlines()[1].startswith("hint: ")
    assert seal.read_sealed(stored) == out.encode()


def test_a_file_sealed_with_another_secret_is_silently_not_ours(places, tmp_path, monkeypatch):
    """A cache restored from another CI branch or copied from another machine: not ours, not
    warned about (nothing is wrong), not used."""
    clean = cli(*LOOKUP)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "another-machine"))
    stored = only(places / "answers", "*.answer")
    stored.write_bytes(seal.MAGIC + os.urandom(40) + b"Birch is RCu-9Z\n")
    code, out, err = cli(*LOOKUP)
    assert (code, out, err) == clean


def test_a_linked_cache_file_is_not_followed(places, tmp_path):
    """A symlink in the cache pointing at a file the attacker wrote elsewhere."""
    cli(*LOOKUP)
    stored = only(places / "answers", "*.answer")
    sealed = stored.read_bytes()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.write_bytes(sealed)
    stored.unlink()
    stored.symlink_to(elsewhere)
    with pytest.warns(seal.CacheWarning, match="cannot be opened as a plain file"):
        assert seal.read_sealed(stored) is None


# --- folders and files others can write ---------------------------------------------------


def test_folders_are_private_and_files_0600_under_a_loose_umask(places):
    old = os.umask(0)
    try:
        cli(*LOOKUP)
    finally:
        os.umask(old)
    for folder in [places, places / "answers", seal.secret_file().parent]:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    files = [*places.glob("*.corpus"), *places.glob("answers/*"), seal.secret_file()]
    assert len(files) == 3
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


@pytest.mark.parametrize("mode", [0o777, 0o775])
def test_a_folder_others_can_write_is_refused(places, mode):
    places.mkdir()
    places.chmod(mode)
    code, out, err = cli(*LOOKUP)
    assert code == 0 and "W-1" in out
    (line,) = warnings_of(err)
    assert "not private" in line and str(places) in line
    assert "hint: chmod 700" in err
    assert not list(places.iterdir())  # nothing written into it


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder away needs root")
def test_a_folder_of_another_user_is_refused(places):
    places.mkdir(mode=0o700)
    os.chown(places, 65534, 65534)  # nobody
    code, out, err = cli(*LOOKUP)
    assert code == 0 and "W-1" in out
    assert "not private" in err and "owner uid 65534" in err
    assert not list(places.iterdir())


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file away needs root")
def test_a_cache_file_of_another_user_is_refused(places):
    clean = cli(*LOOKUP)
    stored = only(places / "answers", "*.answer")
    os.chown(stored, 65534, 65534)
    code, out, err = cli(*LOOKUP)
    assert (code, out) == clean[:2]
    assert "is not a private file of yours" in err


def test_a_secret_others_can_read_is_refused(places):
    cli(*LOOKUP)
    secret = seal.secret_file()
    secret.chmod(0o644)
    code, out, err = cli(*LOOKUP)
    assert code == 0 and "W-1" in out
    assert "cache secret" in err and "hint: delete" in err


def test_six_first_runs_share_one_secret(places):
    """Six processes make the secret at once: one wins, all use it, all answers agree."""
    command = [sys.executable, "-m", "stdcompare", *LOOKUP]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE) for _ in range(6)]
    outputs = {run.communicate(timeout=120)[0] for run in runs}
    assert [run.returncode for run in runs] == [0] * 6 and len(outputs) == 1
    assert len(seal.secret_file().read_bytes()) == seal.SECRET_SIZE
    assert not list(seal.secret_file().parent.glob(".secret-*"))
    assert seal.read_sealed(only(places / "answers", "*.answer")) == outputs.pop()


# --- corruption ---------------------------------------------------------------------------


def _corrupt(data: bytes, rng: random.Random) -> bytes:
    """One of the ways a file goes bad: bits flipped, cut short, bytes inserted or zeroed."""
    buf = bytearray(data)
    kind = rng.choice(["flip", "cut", "insert", "zero", "swap"])
    at = rng.randrange(len(buf))
    if kind == "flip":
        buf[at] ^= 1 << rng.randrange(8)
    elif kind == "cut":
        del buf[at:]
    elif kind == "insert":
        buf[at:at] = os.urandom(rng.randint(1, 64))
    elif kind == "zero":
        buf[at : at + rng.randint(1, 256)] = bytes(min(256, len(buf) - at))
    else:
        other = rng.randrange(len(buf))
        buf[at], buf[other] = buf[other], buf[at]
    return bytes(buf)


def test_300_corruptions_of_the_corpus_cache_change_nothing(places, recwarn):
    """Every corrupted parse cache is refused and rebuilt: the same standards every time, no
    exception — where before one corruption in three was a traceback and one in forty a
    silently different answer."""
    expected = Corpus.discover(extra=[CORPUS], bundled=False).standards
    stored = only(places, "*.corpus")
    genuine = stored.read_bytes()
    rng = random.Random(1313)
    changed = 0
    for _ in range(300):
        bad = _corrupt(genuine, rng)
        changed += bad != genuine
        stored.write_bytes(bad)
        assert Corpus.discover(extra=[CORPUS], bundled=False).standards == expected
    assert changed >= 290  # the loop really tried corrupted files (a swap may swap equals)
    assert seal.read_sealed(stored) is not None  # rebuilt, sealed again (pickle bytes may vary)
    assert Corpus.discover(extra=[CORPUS], bundled=False).standards == expected


def test_corrupt_answers_are_rebuilt(places, run):
    clean = run(*LOOKUP)
    stored = only(places / "answers", "*.answer")
    genuine = stored.read_bytes()
    rng = random.Random(1314)
    for _ in range(100):
        stored.write_bytes(_corrupt(genuine, rng))
        code, out, _err = run(*LOOKUP)
        assert (code, out) == clean[:2]


# --- pruning ------------------------------------------------------------------------------


def test_pruning_removes_only_what_stdcompare_wrote(places, tmp_path):
    """The user's own files in the cache folder survive however many entries come and go;
    the old format's files and killed runs' stale temporary files are ours and go."""
    places.mkdir(mode=0o700)
    theirs = ["notes.txt", "data.pickle", "model.corpus", "abc.corpus", ".hidden"]
    for name in theirs:
        (places / name).write_text("the user's")
    legacy = places / "0123456789abcdef.pickle"
    legacy.write_bytes(b"old format")
    stale = places / f".tmp-{'a' * 40}-x1y2z3w4"
    fresh = places / f".tmp-{'b' * 40}-x1y2z3w4"
    for path in (stale, fresh):
        path.write_bytes(b"half written")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    folder = tmp_path / "corpus"
    folder.mkdir()
    text = (CORPUS / "wire-spec-2018.toml").read_text()
    for n in range(cache.KEEP + 2):  # every edit is a new key, hence a new entry and a prune
        (folder / "wire-spec-2018.toml").write_text(text.replace("ge = 99.0", f"ge = 98.{n}"))
        assert Corpus.discover(extra=[folder], bundled=False).standards
    ours = [p for p in places.glob("*.corpus") if cache.NAME.fullmatch(p.stem)]
    assert len(ours) == cache.KEEP
    assert all((places / name).read_text() == "the user's" for name in theirs)
    assert not legacy.exists() and not stale.exists()
    assert fresh.exists()  # perhaps a run writing right now
