"""Combination grades: ISRI's Berry/Candy or Birch/Cliff, any grade with `mixture_of`.

A lot of the mixture is a lot of either part, each part meeting its own definition; so the
mixture is compared as its parts are. Its pair with another grade is the best of its parts'
pairs with that grade — the same score, contributions, gaps and direction — with one more
level, `mixture`, that says which part it was read as (no weight). The parts are scored even
when the query named only the mixture, and their own pairs are dropped again unless asked for.
"""

from __future__ import annotations

from dataclasses import replace

from .. import model as m
from ..results import Contribution, GradeRef, Pair


def parts_of(items: list[tuple]) -> list[tuple]:
    """The parts of the mixtures among (standard, grade) items that are not already there."""
    present = {(id(s), g.code) for s, g in items}
    found = []
    for std, grade in items:
        for code in grade.mixture_of:
            part = std.find_grade(code)
            if part is not None and (id(std), code) not in present:
                present.add((id(std), code))
                found.append((std, part))
    return found


def is_mixture(ref: GradeRef) -> bool:
    return bool(ref.grade.mixture_of)


def as_mixtures(pairs: list[Pair], left: list[tuple], right: list[tuple]) -> list[Pair]:
    """The pairs asked for: a mixture's pairs made from its parts' (best part first for each
    other grade), and no pair of a part that was scored only on a mixture's behalf."""
    wanted_l = {(id(s), g.code) for s, g in left}
    wanted_r = {(id(s), g.code) for s, g in right}
    derived = _derived(pairs, left, side="a") + _derived(pairs, right, side="b")
    kept = [
        p
        for p in pairs
        if (id(p.a.standard), p.a.grade.code) in wanted_l
        and (id(p.b.standard), p.b.grade.code) in wanted_r
        and not is_mixture(p.a)
        and not is_mixture(p.b)
    ]
    return [*kept, *derived]


def _derived(pairs: list[Pair], items: list[tuple], side: str) -> list[Pair]:
    found = []
    for std, grade in items:
        if not grade.mixture_of:
            continue
        best: dict[tuple, Pair] = {}  # the other grade -> the best part's pair with it
        for pair in pairs:
            mine, other = (pair.a, pair.b) if side == "a" else (pair.b, pair.a)
            if mine.standard is std and mine.grade.code in grade.mixture_of:
                key = (id(other.standard), other.grade.code)
                if key not in best or pair.score > best[key].score:
                    best[key] = pair
        found += [_as_mixture(pair, std, grade, side) for pair in best.values()]
    return found


def _as_mixture(pair: Pair, std: m.Standard, grade: m.Grade, side: str) -> Pair:
    part = (pair.a if side == "a" else pair.b).grade.code
    level = Contribution(
        "mixture", "as_part", 0.0, f"read as {part}: a lot of {grade.code} is a lot of a part"
    )
    ref = GradeRef(std, grade)
    changed = {"a": ref} if side == "a" else {"b": ref}
    return replace(pair, **changed, contributions=(*pair.contributions, level))
