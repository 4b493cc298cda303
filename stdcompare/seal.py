"""Sealed cache files: bytes that only this user's stdcompare can have written.

A cache file is read back as the loaded corpus (a pickle) or as a printed answer, so a file that
somebody else put there would run code or put words in the tool's mouth. Each file therefore
carries a keyed BLAKE2b tag (a MAC) over its name and its bytes, made with a per-user secret that
lives outside the cache folder: a cache folder shared between users, restored from another CI
branch or copied from another machine holds no secret, and its entries are simply not ours.

The secret is 32 random bytes in `$XDG_STATE_HOME/stdcompare/cache-secret` (by default
`~/.local/state/stdcompare/`), a 0600 file in a 0700 folder, created on first use. Where it
cannot be made or is not private, nothing is cached: a cache is only ever faster, never needed.

Layout of a sealed file: MAGIC, the secret's 8-byte id, the 32-byte tag, then the payload. The
id tells "sealed with another secret" (another user, a restored CI cache, a new secret: silently
not ours) from "sealed with ours and altered" (tampered or corrupt: a warning).
"""

from __future__ import annotations

import os
import stat
import warnings
from pathlib import Path

from .errors import StdcompareWarning

try:  # the C module behind hashlib.blake2b, without importing OpenSSL (~3 ms of start-up)
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without it
    from hashlib import blake2b

try:  # constant-time comparison without importing hmac (and so hashlib)
    from _operator import _compare_digest as same_bytes
except ImportError:  # pragma: no cover
    from hmac import compare_digest as same_bytes

MAGIC = b"stdcompare sealed 1\n"
_ID, _TAG = 8, 32
_HEAD = len(MAGIC) + _ID + _TAG
SECRET_SIZE = 32


class CacheWarning(StdcompareWarning):
    """A cache folder or file refused: the run goes on without it."""


def warn(message: str, hint: str) -> None:
    warnings.warn(CacheWarning(message, hint), stacklevel=3)


# --- who owns what --------------------------------------------------------------------------


def _uid() -> int | None:
    getuid = getattr(os, "getuid", None)  # absent on Windows, where modes mean little
    return getuid() if getuid else None


def private(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    uid = _uid()
    if uid is None:
        return True
    return info.st_uid == uid and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def private_folder(path: Path) -> bool:
    """Create `path` (0700) if missing; True when it is a folder only this user can write.
    A refused folder is warned about; one that cannot be made is silently no cache."""
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = path.stat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    if private(info):
        return True
    warn(
        f"cache folder {path} is not private (mode {stat.filemode(info.st_mode)}, "
        f"owner uid {info.st_uid}); running without the cache",
        f"chmod 700 {path} if it is yours, or set STDCOMPARE_CACHE to a folder of your own",
    )
    return False


# --- the secret -----------------------------------------------------------------------------


def secret_file() -> Path:
    base = os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state"
    return Path(base) / "stdcompare" / "cache-secret"


_secrets: dict[Path, bytes] = {}  # per place, b"" once known not to be had in this run


def secret() -> bytes:
    """This user's secret, made on first use; b"" where it cannot be had safely."""
    path = secret_file()
    if path not in _secrets:
        found = _read_secret(path) if private_folder(path.parent) else b""
        _secrets[path] = _make_secret(path) if found is None else found
    return _secrets[path]


def _read_secret(path: Path) -> bytes | None:
    """The secret; None when there is none yet; b"" when the file there is not fit to trust."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    except OSError:
        return b""  # there but unreadable (a link, a folder): no cache, and no new secret
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        data = fh.read(SECRET_SIZE + 1)
    shared = info.st_mode & (stat.S_IRWXG | stat.S_IRWXO)  # others may not even read it
    if stat.S_ISREG(info.st_mode) and private(info) and not shared and len(data) == SECRET_SIZE:
        return data
    warn(
        f"cache secret {path} is not a private {SECRET_SIZE}-byte file of yours; "
        "running without the cache",
        f"delete {path}: stdcompare makes a new one",
    )
    return b""


def _make_secret(path: Path) -> bytes:
    """Write a new secret beside its place and link it in: two first runs at once agree on one
    (the loser of the link reads the winner's), and nobody reads half a secret."""
    import tempfile

    data = os.urandom(SECRET_SIZE)
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".secret-")  # 0600
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.link(tmp, path)
        finally:
            os.unlink(tmp)
    except FileExistsError:
        return _read_secret(path) or b""
    except OSError:
        return b""
    return data


# --- sealing and opening --------------------------------------------------------------------


def _tag(key: bytes, name: str, payload: bytes) -> bytes:
    mac = blake2b(name.encode("utf-8"), key=key, digest_size=_TAG, person=b"stdcompare-tag")
    mac.update(b"\0")
    mac.update(payload)
    return mac.digest()


def _key_id(key: bytes) -> bytes:
    return blake2b(b"", key=key, digest_size=_ID, person=b"stdcompare-id").digest()


def seal(name: str, payload: bytes) -> bytes | None:
    """The bytes to store under `name`, or None when there is no secret to seal with."""
    key = secret()
    if not key:
        return None
    return b"".join([MAGIC, _key_id(key), _tag(key, name, payload), payload])


def read_sealed(path: Path) -> bytes | None:
    """The payload of a sealed file of ours at `path`, or None: missing, not ours, not private,
    or altered since we sealed it (the last two are warned about)."""
    key = secret()
    if not key:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    except OSError:
        return _refused(path, "cannot be opened as a plain file (a link, or a folder)")
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fd)
        if not (stat.S_ISREG(info.st_mode) and private(info)):
            return _refused(path, "is not a private file of yours")
        data = fh.read()
    if not data.startswith(MAGIC) or data[len(MAGIC) : len(MAGIC) + _ID] != _key_id(key):
        return None  # an older format, or sealed with another secret: not ours to judge
    payload = data[_HEAD:]
    if not same_bytes(data[len(MAGIC) + _ID : _HEAD], _tag(key, path.name, payload)):
        return _refused(path, "was altered since stdcompare wrote it")
    return payload


def _refused(path: Path, why: str) -> None:
    warn(f"cache file {path} {why}; not used", "it is rebuilt; delete it to silence this")
    return None
