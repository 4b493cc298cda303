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
    from rapidfuzz import fuzz, process

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
        names_l, owner_l = _flatten(left_names, members)
        names_r, owner_r = _flatten(right_names, targets)
        # token_sort_ratio runs on rapidfuzz's fast path (token_set does not): good enough to
        # choose candidates, which are then scored in full.
        scores = process.cdist(
            names_l, names_r, scorer=fuzz.token_sort_ratio, dtype=np.uint8, workers=-1
        )
        per_grade = _best_per_grade(scores, owner_l, owner_r, len(members), len(targets))
        keep = min(top_k, len(targets))
        best = np.argpartition(-per_grade, keep - 1, axis=1)[:, :keep]
        for row, i in enumerate(members):
            for col in best[row]:
                found[(i, targets[col])] = float(per_grade[row, col])
    return found


def _names(normaliser: Normaliser, grades: list[m.Grade]) -> list[list[str]]:
    return [[normaliser.stripped(n) for n in grade_names(g)] for g in grades]


def _flatten(names: list[list[str]], members: list[int]) -> tuple[list[str], np.ndarray]:
    flat, owner = [], []
    for position, index in enumerate(members):
        flat += names[index]
        owner += [position] * len(names[index])
    return flat, np.asarray(owner)


def _best_per_grade(scores, owner_l, owner_r, rows: int, cols: int) -> np.ndarray:
    """Many names per grade, in contiguous runs: keep each grade pair's best name score."""
    starts_l = np.flatnonzero(np.r_[True, owner_l[1:] != owner_l[:-1]])
    starts_r = np.flatnonzero(np.r_[True, owner_r[1:] != owner_r[:-1]])
    by_row = np.maximum.reduceat(scores, starts_l, axis=0)
    result = np.maximum.reduceat(by_row, starts_r, axis=1)
    assert result.shape == (rows, cols)
    return result
