"""The answer cache: the printed output of a read-only query, kept for the next identical run.

A lookup prints the same bytes for the same inputs: the corpus folders' files (editions,
vocabulary, correspondences), stdcompare's own code and the installed rapidfuzz, the day it is
resolved on, and the arguments. Like the result caches of ruff or eslint, the key is a hash of
all of them, so any changed byte anywhere means a fresh answer; nothing is ever invalidated by
hand. A hit costs reading those files and one small file — no corpus, no matcher.

Answers live in `answers/` beside the parse cache ($STDCOMPARE_CACHE; `off` disables both). A
query that fails is never stored: its error is raised again on the next run.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import date
from importlib.util import find_spec, source_hash
from pathlib import Path

from . import __version__, cache
from .resources import data_dir

KEEP = 256  # answers kept; each is a few kilobytes
_PACKAGE = Path(__file__).resolve().parent


def remember(
    question: tuple[str, ...], folders: list[Path], day: date, compute: Callable[[], str]
) -> str:
    """The stored answer to `question` on these folders and day, or `compute()`'s, then stored."""
    where = cache.folder()
    if where is None:
        return compute()
    path = where / "answers" / f"{key(question, folders, day)}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        pass
    answer = compute()
    _store(path, answer)
    return answer


def key(question: tuple[str, ...], folders: list[Path], day: date) -> str:
    """A 64-bit SipHash (the one CPython checks cached bytecode with) of every input."""
    parts = [__version__, sys.version, day.isoformat(), *question, *_libraries()]
    blob = [("\0".join(parts) + "\0").encode()]
    files = sorted(_PACKAGE.rglob("*.py"))  # the code: any edit is a new answer
    vocabulary = data_dir("standards") / "vocabulary"  # read whatever the folders are
    for place in [*folders, vocabulary]:  # corpus folders, and files named in the question
        files += sorted(place.rglob("*.toml")) if place.is_dir() else [place]
    for path in files:
        data = path.read_bytes()
        blob += [f"{path}\0{len(data)}\0".encode(), data]
    return source_hash(b"".join(blob)).hex()


# Libraries whose results reach the printed answer: rapidfuzz's scores are its numbers.
LIBRARIES = ("rapidfuzz",)


def _libraries() -> list[str]:
    """Each library's installed file and its stamp, found without importing it: an upgrade
    rewrites the file, so a new version means a new key."""
    found = []
    for name in LIBRARIES:
        spec = find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin and os.path.exists(origin):
            stat = os.stat(origin)
            found.append(f"{name}:{origin}:{stat.st_size}:{stat.st_mtime_ns}")
        else:
            found.append(f"{name}:absent")
    return found


def _store(path: Path, answer: str) -> None:
    import tempfile  # costs more than a cached answer's whole reading: only when storing

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".answer.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(answer)
        os.replace(tmp, path)  # atomic: a concurrent run reads the whole answer or none
        cache.prune(path.parent, "*.txt", KEEP)
    except OSError:
        return  # an answer that cannot be kept is only slower next time
