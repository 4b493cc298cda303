"""A parse cache: the loaded corpus, keyed by the bytes of every file it was read from, the
vocabulary, and the code that reads them. A changed file, word or parser means a new key.

Stored under $STDCOMPARE_CACHE (or ~/.cache/stdcompare); `STDCOMPARE_CACHE=off` disables it.
Writes are atomic (temporary file, then rename), so concurrent runs never read half a file.
"""

from __future__ import annotations

import os
import sys
from importlib.util import source_hash
from pathlib import Path

from . import __version__

ENV = "STDCOMPARE_CACHE"
_CODE = ("model.py", "errors.py", "parsers/spec.py", "vocabulary.py", "quantities.py", "corpus.py")


def folder() -> Path | None:
    setting = os.environ.get(ENV, "")
    if setting.lower() in ("off", "0", "no"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "stdcompare"


def key(files: list[Path], extra_folders: list[Path]) -> str:
    """The key of the loaded corpus: the reading code and every file it was read from."""
    package = Path(__file__).resolve().parent
    paths = [package / name for name in _CODE]
    paths += [*files, *(p for f in extra_folders for p in sorted(f.glob("*.toml")))]
    return digest([], paths)


def digest(labels: list[str], paths: list[Path]) -> str:
    """A 64-bit SipHash of the labels and of every file's path and bytes.

    The same hash CPython uses to check its cached bytecode against a source file: built in,
    so no hashing library is imported on the way to a cached answer (hashlib's OpenSSL costs
    more than reading and hashing the whole corpus).
    """
    parts = [("\0".join([__version__, sys.version, *labels]) + "\0").encode()]
    for path in paths:
        data = path.read_bytes()
        parts += [f"{path}\0{len(data)}\0".encode(), data]
    return source_hash(b"".join(parts)).hex()


def load(name: str):
    import pickle  # not needed by a run the answer cache serves

    where = folder()
    if where is None:
        return None
    try:
        with (where / f"{name}.pickle").open("rb") as fh:
            return pickle.load(fh)  # our own file, written by store() below
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def store(name: str, value) -> None:
    import pickle

    where = folder()
    if where is None:
        return
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if put(where / f"{name}.pickle", data):
        prune(where, "*.pickle", KEEP)


def put(path: Path, data: bytes) -> bool:
    """Write a cache file atomically (a concurrent run reads all of it or none); False when
    it cannot be written — a cache that cannot be written is only slower, never wrong."""
    import tempfile  # costs more than a cached answer's whole reading: only when storing

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return False


KEEP = 8  # cached corpora kept: a few checkouts or settings side by side, not every edit ever


def prune(where: Path, pattern: str, keep: int) -> None:
    """Remove all but the newest few entries; another run may be removing them too."""
    entries = sorted(where.glob(pattern), key=_mtime, reverse=True)
    for old in entries[keep:]:
        old.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
