"""The per-pair work of a large comparison done over arrays: numpy and rapidfuzz, imported only
here and in candidates.py, so small comparisons (a lookup) never load them."""

from __future__ import annotations

import numpy as np

from .profile import Profile


def name_similarities(
    prof_l: list[Profile], prof_r: list[Profile], pairs: list[tuple[int, int]]
) -> list[float]:
    """levels.pair_similarity of every (i, j) in `pairs`, to the last bit: every name of one
    grade against every name of the other, token_set and token_sort averaged, best kept —
    but in two rapidfuzz calls over all pairs at once (in C, on every core) instead of four
    Python calls per pair of names."""
    from rapidfuzz import fuzz, process

    xs: list[str] = []
    ys: list[str] = []
    counts = np.empty(len(pairs), dtype=np.intp)
    for k, (i, j) in enumerate(pairs):
        names_a, names_b = prof_l[i].stripped, prof_r[j].stripped
        for x in names_a:
            xs += [x] * len(names_b)
            ys += names_b
        counts[k] = len(names_a) * len(names_b)
    best = np.zeros(len(pairs))
    if not xs:
        return best.tolist()
    # float64, as the scalar scorers return: cpdist's default float32 would round the scores.
    sets = process.cpdist(xs, ys, scorer=fuzz.token_set_ratio, dtype=np.float64, workers=-1)
    sorts = process.cpdist(xs, ys, scorer=fuzz.token_sort_ratio, dtype=np.float64, workers=-1)
    means = (sets + sorts) / 2
    some = counts > 0  # a grade always has its code; guarded all the same
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    best[some] = np.maximum.reduceat(means, starts[some])
    return best.tolist()
