"""Comparisons with named levels. Each returns a Contribution: the comparison's name, the level
that applied (the first that fits), and its weight from vocabulary/matching.toml."""

from __future__ import annotations

from .. import model as m
from ..comparison import Contribution
from ..gaps import interval
from ..quantities import Interval
from .names import Normaliser, grade_names


class NameTable:
    """Name similarity of every grade of one side against every grade of the other.

    All names are normalised once; rapidfuzz's cdist scores the whole matrix in one call.
    """

    def __init__(self, normaliser: Normaliser, left: list[m.Grade], right: list[m.Grade]):
        from rapidfuzz import fuzz, process

        self.normaliser = normaliser
        names_l = [(i, n) for i, g in enumerate(left) for n in grade_names(g)]
        names_r = [(j, n) for j, g in enumerate(right) for n in grade_names(g)]
        self.full_l = [{normaliser.full(n) for k, n in names_l if k == i} for i in range(len(left))]
        self.full_r = [
            {normaliser.full(n) for k, n in names_r if k == j} for j in range(len(right))
        ]
        # A name that several grades of one standard share (ISRI prints "No. 1 copper wire" for
        # both Barley and Berry) identifies none of them: an exact hit on it counts for less.
        self.shared = _shared(self.full_l) | _shared(self.full_r)
        self.best: dict[tuple[int, int], float] = {}
        if names_l and names_r:
            stripped_l = [normaliser.stripped(n) for _, n in names_l]
            stripped_r = [normaliser.stripped(n) for _, n in names_r]
            # token_set forgives word order and extra words; token_sort keeps a subset from
            # scoring 100. Their mean sits between the two habits.
            sets = process.cdist(stripped_l, stripped_r, scorer=fuzz.token_set_ratio)
            sorts = process.cdist(stripped_l, stripped_r, scorer=fuzz.token_sort_ratio)
            for x, (i, _) in enumerate(names_l):
                for y, (j, _) in enumerate(names_r):
                    score = (float(sets[x][y]) + float(sorts[x][y])) / 2
                    if score > self.best.get((i, j), -1.0):
                        self.best[(i, j)] = score

    def level(self, i: int, j: int, settings: dict) -> Contribution:
        common = self.full_l[i] & self.full_r[j]
        distinct = common - self.shared
        if distinct:
            return Contribution("name", "exact", settings["exact"], sorted(distinct)[0])
        if common:
            return Contribution("name", "exact_shared", settings["exact_shared"], sorted(common)[0])
        score = self.best.get((i, j), 0.0)
        detail = f"similarity {score:.0f}"
        if score >= settings["high"]:
            return Contribution("name", "fuzzy_high", settings["fuzzy_high"], detail)
        if score >= settings["low"]:
            return Contribution("name", "fuzzy_low", settings["fuzzy_low"], detail)
        return Contribution("name", "different", 0.0, detail)


def _shared(names_per_grade: list[set[str]]) -> set[str]:
    seen: dict[str, int] = {}
    for names in names_per_grade:
        for name in names:
            seen[name] = seen.get(name, 0) + 1
    return {name for name, count in seen.items() if count > 1}


def rank_level(normaliser: Normaliser, a: m.Grade, b: m.Grade, settings: dict) -> Contribution:
    ranks_a = set().union(*(normaliser.ranks(n) for n in grade_names(a)))
    ranks_b = set().union(*(normaliser.ranks(n) for n in grade_names(b)))
    if not ranks_a or not ranks_b:
        return Contribution("rank", "unspecified", 0.0)
    if ranks_a & ranks_b:
        shown = "No. " + "/".join(sorted(ranks_a & ranks_b))
        return Contribution("rank", "same", settings["same"], shown)
    shown = f"No. {'/'.join(sorted(ranks_a))} vs No. {'/'.join(sorted(ranks_b))}"
    return Contribution("rank", "different", settings["different"], shown)


def forms_level(vocab, a: m.Grade, b: m.Grade, settings: dict) -> Contribution:
    fa, fb = set(a.forms), set(b.forms)
    if not fa or not fb:
        return Contribution("forms", "unspecified", 0.0)
    if fa == fb:
        return Contribution("forms", "same", settings["same"], ", ".join(sorted(fa)))
    if fa & fb:
        return Contribution("forms", "overlap", settings["overlap"], ", ".join(sorted(fa & fb)))
    classes_a, classes_b = _form_classes(vocab, fa), _form_classes(vocab, fb)
    if classes_a & classes_b:
        shared = ", ".join(sorted(classes_a & classes_b))
        return Contribution("forms", "same_class", settings["same_class"], f"{shared} pieces")
    detail = f"{', '.join(sorted(fa))} vs {', '.join(sorted(fb))}"
    return Contribution("forms", "disjoint", settings["disjoint"], detail)


def _form_classes(vocab, forms: set[str]) -> set[str]:
    return {vocab.forms.get(f, {}).get("class", f) for f in forms}


def interval_level(
    name: str, req_a: m.Requirement | None, req_b: m.Requirement | None, settings: dict
) -> Contribution:
    """Two limits on one quantity: same, nested, overlapping, disjoint or unspecified."""
    ia = interval(req_a) if req_a is not None else None
    ib = interval(req_b) if req_b is not None else None
    if ia is None or ib is None:
        return Contribution(name, "unspecified", 0.0)
    detail = f"{_show(ia)} vs {_show(ib)}"
    if ia == ib:
        return Contribution(name, "same", settings["same"], detail)
    if ia.within(ib) or ib.within(ia):
        return Contribution(name, "nested", settings["nested"], detail)
    if ia.overlaps(ib):
        return Contribution(name, "overlap", settings["overlap"], detail)
    return Contribution(name, "disjoint", settings["disjoint"], detail)


def _show(iv: Interval) -> str:
    parts = []
    if iv.lo is not None:
        parts.append(f"{'≥' if iv.lo_inclusive else '>'} {iv.lo}")
    if iv.hi is not None:
        parts.append(f"{'≤' if iv.hi_inclusive else '<'} {iv.hi}")
    return " ".join(parts)


def limits_level(reqs_a: dict, reqs_b: dict, settings: dict) -> Contribution:
    foreign = ("foreign_material", "inclusions", "other_metals")
    has_a = [p for p in foreign if p in reqs_a and interval(reqs_a[p]) is not None]
    has_b = [p for p in foreign if p in reqs_b and interval(reqs_b[p]) is not None]
    if has_a and has_b:
        return Contribution("limits", "both", settings["both"], f"{has_a[0]} / {has_b[0]}")
    return Contribution("limits", "unspecified", 0.0)


def contaminants_level(reqs_a: dict, reqs_b: dict, settings: dict) -> Contribution:
    fa = {p for p, r in reqs_a.items() if p.startswith("free_of.") and r.state is m.State.FORBIDDEN}
    fb = {p for p, r in reqs_b.items() if p.startswith("free_of.") and r.state is m.State.FORBIDDEN}
    if not fa or not fb:
        return Contribution("contaminants", "unspecified", 0.0)
    share = len(fa & fb) / len(fa | fb)
    weight = round(settings["weight"] * share, 4)
    return Contribution("contaminants", "overlap", weight, f"{len(fa & fb)} of {len(fa | fb)}")
