"""Atomic output: write to a temporary file beside the target, then rename over it, so an
interrupted run never leaves half a report."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .errors import StdcompareError


def write_atomic(path: Path, text: str | Iterable[str]) -> None:
    """`text` whole, or in pieces (written as they come: a large JSON is never held whole)."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise StdcompareError(
            f"cannot write {path}: folder {folder} does not exist",
            "create the folder first or choose another -o path",
        )
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            if isinstance(text, str):
                fh.write(text)
            else:
                fh.writelines(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is for sharing
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StdcompareError(f"cannot write {path} ({exc.strerror})") from None
    except BaseException:  # out of memory while the pieces are made, say: no half file left
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
