"""Candidate pairs for large comparisons: blocking by family, then the top few by name.

Scoring every pair of two 20 000-grade standards in Python would take hours. Instead grades are
grouped by the families they may be compared with; within each group rapidfuzz's cdist scores
all names at once (in C, on every core), and only the `top_k` best names per grade go on to the
full comparison. Small comparisons do not need this: they score every pair that blocking keeps.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import numpy as np

from .profile import Profile

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

# Rows of a block's score matrix ranked per task: bounds the index array argpartition builds
# (8 bytes a cell: 127 MB for the largest block of the 20k benchmark) and gives both cores work.
ROWS_PER_TASK = 256
WORKERS = 2


def reachable(vocab: Vocabulary, families: Set[str]) -> set[str]:
    """The families a grade with this lineage may be compared with (its own and compatible)."""
    found = set(families)
    for family in families:
        found.update(vocab.families.get(family, {}).get("compatible", ()))
    return found


def candidate_pairs(
    vocab: Vocabulary, left: list[Profile], right: list[Profile], top_k: int
) -> tuple[np.ndarray, np.ndarray]:
    """(i, j): the top_k right grades by name of each left grade, ordered by i, then j."""
    by_family: dict[str, list[int]] = defaultdict(list)
    for j, prof in enumerate(right):
        for family in prof.lineage:
            by_family[family].append(j)
    groups: dict[frozenset, list[int]] = defaultdict(list)
    for i, prof in enumerate(left):
        groups[frozenset(reachable(vocab, prof.lineage))].append(i)
    # A grade's names, normalised and without common tokens: its code first.
    right_names = [p.stripped for p in right]
    left_names = [p.stripped for p in left]
    found_i, found_j = [np.empty(0, np.intp)], [np.empty(0, np.intp)]
    with ThreadPoolExecutor(WORKERS) as pool:
        for signature, members in groups.items():
            targets = np.asarray(
                sorted({j for f in signature for j in by_family.get(f, ())}), dtype=np.intp
            )
            if not len(targets):
                continue
            per_grade = _block_scores(left_names, right_names, members, targets)
            keep = min(top_k, len(targets))
            best = _top_columns(pool, per_grade, keep)
            found_i.append(np.repeat(np.asarray(members, dtype=np.intp), keep))
            found_j.append(targets[best].ravel())
    # A left grade is in one group only, and argpartition gives distinct columns: no duplicates.
    ii, jj = np.concatenate(found_i), np.concatenate(found_j)
    order = np.lexsort((jj, ii))
    return ii[order], jj[order]


def _top_columns(pool: ThreadPoolExecutor, scores: np.ndarray, keep: int) -> np.ndarray:
    """The columns of each row's `keep` highest scores, as argpartition picks them.

    Rows are ranked independently, so slices of rows give exactly the whole matrix's choice
    (ties included); numpy releases the GIL while it sorts, so the slices run side by side.
    uint8 scores: no negation, it would wrap around."""
    kth = scores.shape[1] - keep
    best = np.empty((scores.shape[0], keep), dtype=np.intp)

    def rank(start: int) -> None:
        rows = slice(start, start + ROWS_PER_TASK)
        best[rows] = np.argpartition(scores[rows], kth, axis=1)[:, kth:]

    list(pool.map(rank, range(0, scores.shape[0], ROWS_PER_TASK)))
    return best


def _block_scores(left_names, right_names, members, targets) -> np.ndarray:
    """Best name similarity of each member against each target, as a uint8 matrix.

    One cdist over each side's first name gives the matrix; a grade's further names (codes,
    other languages, aliases) raise its row or column where they score higher. token_sort_ratio
    runs on rapidfuzz's fast path (token_set does not): good enough to choose candidates,
    which are then scored in full."""
    first_l = [left_names[i][0] for i in members]
    first_r = [right_names[j][0] for j in targets]
    scores = _cdist(first_l, first_r)
    extra_l, rows = _extras(left_names, members)
    if extra_l:
        unique, which = _distinct(extra_l)
        _raise_rows(scores, rows, _cdist(unique, first_r), which)
    extra_r, cols = _extras(right_names, targets)
    if extra_r:
        unique, which = _distinct(extra_r)
        _raise_cols(scores, cols, _cdist(first_l, unique), which)
    return scores


def _cdist(queries: list[str], choices: list[str]) -> np.ndarray:
    from rapidfuzz import fuzz, process

    return process.cdist(queries, choices, scorer=fuzz.token_sort_ratio, dtype=np.uint8, workers=-1)


def _distinct(names: list[str]) -> tuple[list[str], np.ndarray]:
    """The distinct names, and where each of `names` is among them. Further names repeat a
    lot (6 000 distinct English names among 20 000 grades): each is scored once."""
    index: dict[str, int] = {}
    which = np.fromiter((index.setdefault(n, len(index)) for n in names), np.intp, len(names))
    return list(index), which


def _rounds(owners: np.ndarray) -> list[np.ndarray]:
    """Positions of `owners` split into rounds in which no owner repeats: a grade's further
    names come in a run, so the first of each run, then the second, … (a numpy fancy
    assignment with repeated targets would keep only one of them)."""
    starts = np.r_[True, owners[1:] != owners[:-1]]
    positions = np.arange(len(owners))
    rank = positions - np.maximum.accumulate(np.where(starts, positions, 0))
    return [np.flatnonzero(rank == k) for k in range(int(rank.max()) + 1)]


def _raise_rows(scores: np.ndarray, rows: np.ndarray, more: np.ndarray, which) -> None:
    """scores[rows[k]] = max(scores[rows[k]], more[which[k]]) for every k, in place."""
    for pick in _rounds(rows):
        _raise(scores, rows[pick], np.take(more, which[pick], axis=0))


def _raise_cols(scores: np.ndarray, cols: np.ndarray, more: np.ndarray, which) -> None:
    """scores[:, cols[k]] = max(scores[:, cols[k]], more[:, which[k]]) for every k, in place."""
    for pick in _rounds(cols):
        _raise(scores.T, cols[pick], np.take(more, which[pick], axis=1).T)


def _raise(scores: np.ndarray, target: np.ndarray, values: np.ndarray) -> None:
    """scores[target] = max(scores[target], values). When every row has a value, in order (each
    grade one further name: the usual case), in place without a gather and scatter — on the
    transposed view a scatter writes columns, ten times slower."""
    if len(target) == len(scores) and np.array_equal(target, np.arange(len(scores))):
        np.maximum(scores, values, out=scores)
    else:
        scores[target] = np.maximum(scores[target], values)


def _extras(names: list[list[str]], members) -> tuple[list[str], np.ndarray]:
    flat, owner = [], []
    for position, index in enumerate(members):
        flat += names[index][1:]
        owner += [position] * (len(names[index]) - 1)
    return flat, np.asarray(owner, dtype=np.intp)
