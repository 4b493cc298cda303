"""One-to-one assignment within a pair of standards: a named level that breaks ties.

Two ISRI grades (Barley and Berry) may both look most like one GB/T product; greedily, best
score first, each grade keeps at most one partner. The kept pair gains a little, a pair whose
grade or partner went to a better match loses a little — both shown in the "why" panel.

When pairs with exactly the same score compete for one grade, nothing in the data prefers one
of them: none keeps it (`tied`, no weight) rather than the first in code order, and the grade
they competed for counts as taken for the pairs below them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from itertools import groupby

from ..comparison import Contribution, Pair


def assign(pairs: list[Pair], settings: dict) -> list[Pair]:
    """The pairs (sorted best first) with an 'assignment' contribution, re-sorted."""
    taken_a: set[str] = set()
    taken_b: set[str] = set()
    result = []
    for _, same_score in groupby(pairs, key=lambda p: p.score):
        group = list(same_score)
        free = [p for p in group if _free(p, taken_a, taken_b)]
        rivals_a = Counter(p.a.grade.code for p in free)
        rivals_b = Counter(p.b.grade.code for p in free)
        contested_a, contested_b = set(), set()
        for pair in group:
            a, b = pair.a.grade.code, pair.b.grade.code
            if not _free(pair, taken_a, taken_b):
                level = _taken(settings) if a in taken_a or b in taken_b else _UNASSIGNED
            elif rivals_a[a] > 1 or rivals_b[b] > 1:
                level = _tied(pair, rivals_a[a] > 1)
                contested_a.update([a] if rivals_a[a] > 1 else [])
                contested_b.update([b] if rivals_b[b] > 1 else [])
            else:
                level = Contribution("assignment", "one_to_one", settings["kept"], "best partner")
                taken_a.add(a)
                taken_b.add(b)
            result.append(_with(pair, level))
        taken_a |= contested_a
        taken_b |= contested_b
    result.sort(key=lambda p: (-p.score, p.a.ref, p.a.grade.code, p.b.ref, p.b.grade.code))
    return result


_UNASSIGNED = Contribution("assignment", "unassigned", 0.0)


def _free(pair: Pair, taken_a: set[str], taken_b: set[str]) -> bool:
    return pair.score > 0 and pair.a.grade.code not in taken_a and pair.b.grade.code not in taken_b


def _taken(settings: dict) -> Contribution:
    detail = "a better-scoring pair holds one of the two grades"
    return Contribution("assignment", "taken", settings["taken"], detail)


def _tied(pair: Pair, for_a: bool) -> Contribution:
    grade = pair.a.grade.code if for_a else pair.b.grade.code
    return Contribution("assignment", "tied", 0.0, f"ties with another pair for {grade}")


def _with(pair: Pair, level: Contribution) -> Pair:
    contributions = (*pair.contributions, level)
    score = round(min(1.0, max(0.0, sum(c.weight for c in contributions))), 3)
    return replace(pair, contributions=contributions, score=score)
