"""The answer cache: the printed output of a read-only query, kept for the next identical run.

A lookup prints the same bytes for the same inputs: the corpus folders' files (editions,
vocabulary, correspondences), stdcompare's own code and the installed rapidfuzz, the day it is
resolved on, and the arguments. Like the result caches of ruff or eslint, the key is a hash of
all of them, so any changed byte anywhere means a fresh answer; nothing is ever invalidated by
hand. A hit costs reading those files and one small file — no corpus, no matcher.

Answers live in `answers/` beside the parse cache ($STDCOMPARE_CACHE; `off` disables both),
sealed like it (seal.py): a planted or altered answer is never printed. A query that fails is
never stored: its error is raised again on the next run.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from importlib.util import find_spec
from pathlib import Path

from . import cache, seal
from .resources import data_dir

KEEP = 256  # answers kept; each is a few kilobytes
SUFFIX = ".answer"


def remember(
    question: tuple[str, ...], folders: list[Path], day: date, compute: Callable[[], str]
) -> str:
    """The stored answer to `question` on these folders and day, or `compute()`'s, then stored."""
    where = cache.usable("answers")
    if where is None:
        return compute()
    path = where / f"{key(question, folders, day)}{SUFFIX}"
    stored = seal.read_sealed(path)  # only an answer this user's stdcompare wrote
    if stored is not None:
        try:
            return stored.decode("utf-8")
        except UnicodeDecodeError:
            pass
    answer = compute()
    _store(path, answer)
    return answer


def key(question: tuple[str, ...], folders: list[Path], day: date) -> str:
    """A hash of every input: the question, the day, the libraries, the code, the files."""
    files: list[Path] = []
    vocabulary = data_dir("standards") / "vocabulary"  # read whatever the folders are
    for place in [*folders, vocabulary]:  # corpus folders, and files named in the question
        files += sorted(place.rglob("*.toml")) if place.is_dir() else [place]
    # the code: any edit is a new answer (cache.code_stamp)
    labels = [day.isoformat(), *question, *_libraries(), cache.code_stamp()]
    return cache.digest(labels, files)


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
    if cache.put(path, answer.encode("utf-8")):
        cache.prune(path.parent, SUFFIX, KEEP)
