"""A parse cache: the loaded corpus, keyed by the bytes of every file it was read from, the
vocabulary, and the code that reads them. A changed file, word or parser means a new key.

Stored under $STDCOMPARE_CACHE (or ~/.cache/stdcompare); `STDCOMPARE_CACHE=off` disables it.
The folder is made private (0700) and a folder anybody else can write is refused; every file is
sealed with a per-user secret (seal.py), so what is read back is only ever what this user's
stdcompare wrote — a planted or altered file is never unpickled. Writes are atomic (temporary
file, then rename), so concurrent runs never read half a file. docs/caches.md says it all.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

from . import seal
from .version import __version__

try:  # the C module behind hashlib.blake2b, without importing OpenSSL (~3 ms of start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover
    from hashlib import blake2b

ENV = "STDCOMPARE_CACHE"
CORPUS_SUFFIX = ".corpus"
NAME = re.compile(r"[0-9a-f]{40}")  # what key() and digest() give: every name we write
_TEMP_PREFIX = ".tmp-"
STALE_TEMP = 3600  # seconds after which a temporary file is a killed run's leftover


def folder() -> Path | None:
    """The configured cache folder (not checked: see usable())."""
    setting = os.environ.get(ENV, "")
    if setting.lower() in ("off", "0", "no"):
        return None
    if setting:
        return Path(setting)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "stdcompare"


def usable(sub: str = "") -> Path | None:
    """The cache folder (or its `sub` folder), created private; None when off or refused."""
    where = folder()
    if where is None or not seal.private_folder(where):
        return None
    if sub and not seal.private_folder(where / sub):
        return None
    return where / sub if sub else where


def key(files: list[Path], extra_folders: list[Path]) -> str:
    """The key of the loaded corpus: the package's code and every file it was read from."""
    paths = [*files, *(p for f in extra_folders for p in sorted(f.glob("*.toml")))]
    return digest([code_stamp()], paths)


_PACKAGE = Path(__file__).resolve().parent


def code_stamp() -> str:
    """The package's own code, every module by path, size and modification time: an install,
    an upgrade or an edit changes one of them. Stamped rather than read: the code is ours, and
    reading its 70 files on every run cost a cached answer a tenth of its time."""
    parts = []
    for path in sorted(_PACKAGE.rglob("*.py")):
        info = path.stat()
        parts.append(f"{path.relative_to(_PACKAGE)}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)


def digest(labels: list[str], paths: list[Path]) -> str:
    """A BLAKE2b digest (160 bits) of the labels and of every file's path and bytes.

    Cryptographic, so no two inputs are made to share a key; the C module is imported directly
    (hashlib's OpenSSL costs more than reading and hashing the whole corpus).
    """
    h = blake2b(digest_size=20, person=b"stdcompare-key")
    h.update(("\0".join([__version__, sys.version, *labels]) + "\0").encode())
    for path in paths:
        data = path.read_bytes()
        h.update(f"{path}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def load(name: str):
    """The corpus stored under `name`, or None: only a file this user's stdcompare sealed is
    unpickled, so nobody else's bytes can run as code here."""
    where = usable()
    if where is None:
        return None
    payload = seal.read_sealed(where / f"{name}{CORPUS_SUFFIX}")
    if payload is None:
        return None
    import pickle  # not needed by a run the answer cache serves

    try:
        return pickle.loads(payload)  # sealed by us: our own pickle, from this same code
    except Exception:  # an authentic file that still does not load: rebuild, never fail
        return None


def store(name: str, value) -> None:
    import pickle

    where = usable()
    if where is None:
        return
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    if put(where / f"{name}{CORPUS_SUFFIX}", data):
        prune(where, CORPUS_SUFFIX, KEEP)


def put(path: Path, payload: bytes) -> bool:
    """Seal and write a cache file atomically (a concurrent run reads all of it or none), 0600;
    False when it cannot be written — a cache that cannot be written is only slower."""
    import tempfile  # costs more than a cached answer's whole reading: only when storing

    sealed = seal.seal(path.name, payload)
    if sealed is None:
        return False
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{_TEMP_PREFIX}{path.stem}-")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as fh:  # mkstemp makes it 0600 whatever the umask
            fh.write(sealed)
        os.replace(tmp, path)
        return True
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        return False


KEEP = 8  # cached corpora kept: a few checkouts or settings side by side, not every edit ever


def prune(where: Path, suffix: str, keep: int) -> None:
    """Keep the newest few of our entries ending in `suffix`; remove killed runs' temporary
    files and the files of the older, unsealed format. Files whose names we never write are
    left alone — the folder may hold the user's own. Another run may be pruning too."""
    ours, leftovers = [], []
    now = time.time()
    for entry in _entries(where):
        stem, dot, ext = entry.name.partition(".")
        if NAME.fullmatch(stem) and f"{dot}{ext}" == suffix:
            ours.append(entry)
        elif _legacy(entry.name) or _stale_temp(entry, now):
            leftovers.append(entry)
    ours.sort(key=_mtime, reverse=True)
    for old in [*ours[keep:], *leftovers]:
        old.unlink(missing_ok=True)


_LEGACY = re.compile(r"[0-9a-f]{16}\.(?:pickle|txt)")  # 0.1's unsealed SipHash-named files


def _legacy(name: str) -> bool:
    return _LEGACY.fullmatch(name) is not None


def _stale_temp(entry: Path, now: float) -> bool:
    rest = entry.name.removeprefix(_TEMP_PREFIX)
    if rest == entry.name or not NAME.fullmatch(rest[:40]):
        return False
    return now - _mtime(entry) > STALE_TEMP


def _entries(where: Path) -> list[Path]:
    try:
        return [p for p in where.iterdir() if not p.is_symlink() and p.is_file()]
    except OSError:
        return []


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
