"""Best partners: a flag on a pair, never a change of its score.

Two grades are best partners when each is the other's highest-scoring match between their two
standards, with no tie on either side (Barley and Berry may both look most like one GB/T
product: then at most one of them is that product's best partner, or none if they tie). The
flag depends only on the pairs' own scores, so `compare`, `lookup` and `report` show the same
flag for the same pair, and a grade may still be the best *match* of several others
(many-to-one is real: several heavy-melting grades against one EFR grade).
"""

from __future__ import annotations

from dataclasses import replace

from ..results import Pair


def flag_partners(pairs: list[Pair]) -> list[Pair]:
    """The pairs of two standards, in their order, with `best_partner` set on each pair whose
    two grades are each other's unique best (score above zero)."""
    best_a = _unique_best(pairs, lambda p: p.a.grade.code)
    best_b = _unique_best(pairs, lambda p: p.b.grade.code)
    return [
        replace(p, best_partner=True)
        if best_a.get(p.a.grade.code) is p and best_b.get(p.b.grade.code) is p
        else p
        for p in pairs
    ]


def is_best_for(pair: Pair, rivals: list[Pair], side) -> bool:
    """Whether `pair` is the unique best among `rivals` (pairs sharing its grade on `side`)."""
    return _unique_best([pair, *rivals], side).get(side(pair)) is pair


def _unique_best(pairs: list[Pair], side) -> dict[str, Pair]:
    """For each grade on `side`, its highest-scoring pair if no other pair of it ties."""
    best: dict[str, Pair] = {}
    tied: set[str] = set()
    for pair in pairs:
        if pair.score <= 0 or pair.a.grade.mixture_of or pair.b.grade.mixture_of:
            continue  # a mixture's pairs are its parts': never a partner of its own
        code = side(pair)
        held = best.get(code)
        if held is None or pair.score > held.score:
            best[code] = pair
            tied.discard(code)
        elif pair.score == held.score and pair is not held:
            tied.add(code)
    return {code: pair for code, pair in best.items() if code not in tied}
