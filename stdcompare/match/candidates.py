"""Candidate pairs for large comparisons: blocking by family, then the top few by name.

Scoring every pair of two 20 000-grade standards in Python would take hours. Instead grades are
grouped by the families they may be compared with; within each group rapidfuzz's cdist scores
all names at once (in C, on every core), and only the `top_k` best names per grade go on to the
full comparison. Small comparisons do not need this: they score every pair that blocking keeps.
"""

from __future__ import annotations

from collections import defaultdict

import numpy as np

from .. import model as m
from .blocking import lineage
from .names import Normaliser, grade_names


def reachable(vocab, families: set[str]) -> set[str]:
    """The families a grade with this lineage may be compared with (its own and compatible)."""
    found = set(families)
    for family in families:
        found.update(vocab.families.get(family, {}).get("compatible", ()))
    return found


def top_candidates(
    vocab, normaliser: Normaliser, left: list[m.Grade], right: list[m.Grade], top_k: int
) -> dict[tuple[int, int], float]:
    """{(i, j): best name similarity} for the top_k right grades of each left grade."""

    by_family: dict[str, list[int]] = defaultdict(list)
    for j, grade in enumerate(right):
        for family in lineage(vocab, grade.families):
            by_family[family].append(j)
    groups: dict[frozenset, list[int]] = defaultdict(list)
    for i, grade in enumerate(left):
        groups[frozenset(reachable(vocab, lineage(vocab, grade.families)))].append(i)
    right_names = _names(normaliser, right)
    left_names = _names(normaliser, left)
    found: dict[tuple[int, int], float] = {}
    for signature, members in groups.items():
        targets = sorted({j for f in signature for j in by_family.get(f, ())})
        if not targets:
            continue
        per_grade = _block_scores(left_names, right_names, members, targets)
        keep = min(top_k, len(targets))
        # The top `keep` columns of each row (uint8 scores: no negation, it would wrap around).
        best = np.argpartition(per_grade, len(targets) - keep, axis=1)[:, -keep:]
        for row, i in enumerate(members):
            for col in best[row]:
                found[(i, targets[col])] = float(per_grade[row, col])
    return found


def _block_scores(left_names, right_names, members, targets) -> np.ndarray:
    """Best name similarity of each member against each target, as a uint8 matrix.

    One cdist over each side's first name gives the matrix; a grade's further names (codes,
    other languages, aliases) raise its row or column where they score higher. token_sort_ratio
    runs on rapidfuzz's fast path (token_set does not): good enough to choose candidates,
    which are then scored in full."""
    from rapidfuzz import fuzz, process

    first_l = [left_names[i][0] for i in members]
    first_r = [right_names[j][0] for j in targets]
    scores = process.cdist(
        first_l, first_r, scorer=fuzz.token_sort_ratio, dtype=np.uint8, workers=-1
    )
    extra_l, rows = _extras(left_names, members)
    if extra_l:
        more = process.cdist(
            extra_l, first_r, scorer=fuzz.token_sort_ratio, dtype=np.uint8, workers=-1
        )
        _raise_rows(scores, rows, more)
    extra_r, cols = _extras(right_names, targets)
    if extra_r:
        more = process.cdist(
            first_l, extra_r, scorer=fuzz.token_sort_ratio, dtype=np.uint8, workers=-1
        )
        _raise_rows(scores.T, cols, more.T)
    return scores


def _raise_rows(scores: np.ndarray, rows: np.ndarray, more: np.ndarray) -> None:
    """scores[rows[k]] = max(scores[rows[k]], more[k]) for every k, in place.

    numpy's maximum.at does this but slowly; a grade's further names come in runs, so taking
    the first extra of every grade, then the second, … gives rounds without repeated rows."""
    if not len(rows):
        return
    starts = np.r_[True, rows[1:] != rows[:-1]]
    rank = np.arange(len(rows)) - np.maximum.accumulate(np.where(starts, np.arange(len(rows)), 0))
    for k in range(int(rank.max()) + 1):
        pick = rank == k
        target = rows[pick]
        scores[target] = np.maximum(scores[target], more[pick])


def _extras(names: list[list[str]], members: list[int]) -> tuple[list[str], np.ndarray]:
    flat, owner = [], []
    for position, index in enumerate(members):
        flat += names[index][1:]
        owner += [position] * (len(names[index]) - 1)
    return flat, np.asarray(owner, dtype=np.intp)


def _names(normaliser: Normaliser, grades: list[m.Grade]) -> list[list[str]]:
    return [[normaliser.stripped(n) for n in grade_names(g)] for g in grades]
