"""One-to-one assignment within a pair of standards: a named level that breaks ties.

Two ISRI grades (Barley and Berry) may both look most like one GB/T product; greedily, best
score first, each grade keeps at most one partner. The kept pair gains a little, a pair whose
grade or partner went to a better match loses a little — both shown in the "why" panel."""

from __future__ import annotations

from dataclasses import replace

from ..comparison import Contribution, Pair


def assign(pairs: list[Pair], settings: dict) -> list[Pair]:
    """The pairs (sorted best first) with an 'assignment' contribution, re-sorted."""
    taken_a: set[str] = set()
    taken_b: set[str] = set()
    result = []
    for pair in pairs:
        a, b = pair.a.grade.code, pair.b.grade.code
        if a not in taken_a and b not in taken_b and pair.score > 0:
            taken_a.add(a)
            taken_b.add(b)
            level = Contribution("assignment", "one_to_one", settings["kept"], "best partner")
        elif a in taken_a or b in taken_b:
            level = Contribution(
                "assignment",
                "taken",
                settings["taken"],
                "a better-scoring pair holds one of the two grades",
            )
        else:
            level = Contribution("assignment", "unassigned", 0.0)
        result.append(_with(pair, level))
    result.sort(key=lambda p: (-p.score, p.a.ref, p.a.grade.code, p.b.ref, p.b.grade.code))
    return result


def _with(pair: Pair, level: Contribution) -> Pair:
    contributions = (*pair.contributions, level)
    score = round(min(1.0, max(0.0, sum(c.weight for c in contributions))), 3)
    return replace(pair, contributions=contributions, score=score)
