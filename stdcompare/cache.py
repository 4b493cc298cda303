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
    """A 64-bit SipHash of everything the loaded corpus depends on.

    The same hash CPython uses to check its cached bytecode against a source file: built in,
    so no hashing library is imported on the way to a cached answer (hashlib's OpenSSL costs
    more than reading and hashing the whole corpus).
    """
    parts = [__version__.encode(), sys.version.encode()]
    package = Path(__file__).resolve().parent
    paths = [package / name for name in _CODE]
    paths += [*files, *(p for f in extra_folders for p in sorted(f.glob("*.toml")))]
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
    import tempfile

    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{name}.")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, where / f"{name}.pickle")
        prune(where, "*.pickle", KEEP)
    except OSError:
        return  # a cache that cannot be written is only slower, never wrong


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
