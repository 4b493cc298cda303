"""Output files (`-o`, `--write-coverage`): written whole or not at all, and only the file.

A regular file is written atomically: to a temporary file beside it, then renamed over it, so an
interrupted run never leaves half a report. The rename must not swap anything else for a file:

- a symlink is written through: its target is replaced, the link stays a link;
- a device or a FIFO (`-o /dev/null`, `-o /dev/stdout`, a named pipe) is written to directly —
  renaming a file over /dev/null as root would break the system's /dev;
- an existing file keeps its permissions (a 0600 file stays private) and, where we may, its
  owner; a new file gets the usual mode for the umask.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterable
from glob import escape as glob_escape
from pathlib import Path

from .errors import StdcompareError


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """`text` whole, or in pieces (written as they come: a large JSON is never held whole)."""
    info = _stat(path)
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise StdcompareError(f"cannot write {path}: it is a folder", "give a file name")
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_in_place(path, text)
        return
    # A link to a regular file (or to nothing yet): replace what it points to, not the link.
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    _replace(path, target, text, info)


def _stat(path: Path) -> os.stat_result | None:
    """What is there, following links; None when nothing is (the file is new)."""
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:  # a link loop, a path through a file …
        raise _cannot(path, exc) from None


def _write_in_place(path: Path, text: str | Iterable[str]) -> None:
    """A device or a FIFO: opened and written like `> path` in a shell, never replaced."""
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            _write(fh, text)
    except OSError as exc:
        raise _cannot(path, exc) from None


def check_folder(path: Path, target: Path | None = None) -> Path:
    """The folder `path` goes into, which must exist. Asked before an answer is computed too,
    so that a report of seconds is not made to be thrown away; a file where the folder should
    be is left to the write, whose error says so."""
    folder = (target or path).parent
    if not (folder.is_dir() if target is not None else os.path.lexists(folder)):
        raise StdcompareError(
            f"cannot write {path}: folder {folder} does not exist",
            "create the folder first, or write elsewhere",
        )
    return folder


def _write(fh, text: str | Iterable[str]) -> None:
    if isinstance(text, str):
        fh.write(text)
    else:
        fh.writelines(text)


def _replace(
    path: Path, target: Path, text: str | Iterable[str], info: os.stat_result | None
) -> None:
    folder = check_folder(path, target)  # here a file in the folder's place fails too
    _remove_leftovers(folder, target.name)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as exc:
        raise _cannot(path, exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            _write(fh, text)
        _same_access(tmp, info)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _cannot(path, exc) from None
    except BaseException:  # out of memory while the pieces are made, say: no half file left
        Path(tmp).unlink(missing_ok=True)
        raise


LEFTOVER_SECONDS = 3600  # a temporary file this old is a killed run's, not a running one's


def _remove_leftovers(folder: Path, name: str) -> None:
    """Temporary files of this output that a killed run left (`.report.html.k3j9x2`), an hour
    old or more; a run writing the same output right now is younger and is left alone."""
    now = time.time()
    try:
        leftovers = list(folder.glob(f".{glob_escape(name)}.*"))
    except OSError:
        return
    for path in leftovers:
        with contextlib.suppress(OSError):
            old = now - path.stat().st_mtime > LEFTOVER_SECONDS
            if old and path.is_file() and not path.is_symlink():
                path.unlink()


def _same_access(tmp: str, info: os.stat_result | None) -> None:
    """The new file's owner and mode: those of the file it replaces, else the umask's.

    mkstemp makes 0600; a new report is for sharing, a replaced file keeps what its owner chose.
    """
    if info is None:
        os.chmod(tmp, 0o666 & ~_umask())
        return
    if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
        # Owner first: chown clears set-id bits, which chmod then puts back. Only root may give
        # a file away; otherwise it becomes ours, as with an editor's save.
        with contextlib.suppress(PermissionError):
            os.chown(tmp, info.st_uid, info.st_gid)
    os.chmod(tmp, stat.S_IMODE(info.st_mode))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_HINTS = {
    errno.EACCES: "you may not write there: check its permissions, or write elsewhere",
    errno.EPERM: "you may not write there: check its permissions, or write elsewhere",
    errno.EROFS: "that file system is read-only: write elsewhere",
    errno.ENOSPC: "the disk is full: free some space, or write elsewhere",
    errno.ENOTDIR: "a part of the path is a file, not a folder: check the path",
    errno.ELOOP: "the path is a loop of symbolic links: check the path",
    errno.ENOENT: "check the path: a folder on the way does not exist",
}


def _cannot(path: Path, exc: OSError) -> StdcompareError:
    reason = exc.strerror or str(exc)
    hint = _HINTS.get(exc.errno, "check the path and its permissions, or write elsewhere")
    return StdcompareError(f"cannot write {path} ({reason})", hint)
