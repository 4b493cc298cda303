"""A parse cache: the loaded corpus, keyed by the bytes of every file it was read from, the
vocabulary, and the code that reads them. A changed file, word or parser means a new key.

Stored under $STDCOMPARE_CACHE (or ~/.cache/stdcompare); `STDCOMPARE_CACHE=off` disables it.
Writes are atomic (temporary file, then rename), so concurrent runs never read half a file.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from . import __version__

ENV = "STDCOMPARE_CACHE"
_CODE = ("model.py", "parsers/spec.py", "vocabulary.py", "quantities.py", "corpus.py")


def folder() -> Path | None:
    setting = os.environ.get(ENV, "")
    if setting.lower() in ("off", "0", "no"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "stdcompare"


def key(files: list[Path], extra_folders: list[Path]) -> str:
    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for name in _CODE:
        digest.update((package / name).read_bytes())
    for path in [*files, *(p for f in extra_folders for p in sorted(f.glob("*.toml")))]:
        digest.update(str(path).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()[:32]


def load(name: str):
    where = folder()
    if where is None:
        return None
    try:
        with (where / f"{name}.pickle").open("rb") as fh:
            return pickle.load(fh)  # our own file, written by store() below
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None


def store(name: str, value) -> None:
    where = folder()
    if where is None:
        return
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=where, prefix=f".{name}.")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, where / f"{name}.pickle")
    except OSError:
        return  # a cache that cannot be written is only slower, never wrong
