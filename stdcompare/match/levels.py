"""Comparisons with named levels. Each returns a Contribution: the comparison's name, the level
that applied (the first that fits), and its weight from vocabulary/matching.toml."""

from __future__ import annotations

from collections.abc import Set
from functools import lru_cache

from .. import model as m
from ..gaps import close_limits
from ..quantities import Interval
from ..results import Contribution
from .names import Normaliser, grade_names
from .profile import SAME_MEASURE, Profile


class NameTable:
    """Name similarity of every grade of one side against every grade of the other.

    All names are normalised once; rapidfuzz's cdist scores the whole matrix in one call.
    """

    def __init__(
        self,
        normaliser: Normaliser,
        left: list[tuple[m.Standard, m.Grade]],
        right: list[tuple[m.Standard, m.Grade]],
        shared: frozenset[str],
    ):
        from rapidfuzz import fuzz, process

        names_l = [(i, n) for i, (s, g) in enumerate(left) for n in grade_names(g, s)]
        names_r = [(j, n) for j, (s, g) in enumerate(right) for n in grade_names(g, s)]
        self.full_l = full_names(normaliser, left)
        self.full_r = full_names(normaliser, right)
        self.shared = shared  # Profiler.shared_names: names several grades of a standard carry
        self.best: dict[tuple[int, int], float] = {}
        if names_l and names_r:
            stripped_l = [normaliser.stripped(n) for _, n in names_l]
            stripped_r = [normaliser.stripped(n) for _, n in names_r]
            sets = process.cdist(stripped_l, stripped_r, scorer=fuzz.token_set_ratio)
            sorts = process.cdist(stripped_l, stripped_r, scorer=fuzz.token_sort_ratio)
            for x, (i, _) in enumerate(names_l):
                for y, (j, _) in enumerate(names_r):
                    score = (float(sets[x][y]) + float(sorts[x][y])) / 2
                    if score > self.best.get((i, j), -1.0):
                        self.best[(i, j)] = score

    def level(self, i: int, j: int, settings: dict) -> Contribution:
        common = self.full_l[i] & self.full_r[j]
        return name_level(common, self.shared, self.best.get((i, j), 0.0), settings)


def _fuzz():
    """rapidfuzz.fuzz, imported on first use (not at start-up, not once per pair)."""
    global _FUZZ
    if _FUZZ is None:
        from rapidfuzz import fuzz

        _FUZZ = fuzz
    return _FUZZ


_FUZZ = None


def full_names(normaliser: Normaliser, grades: list[tuple[m.Standard, m.Grade]]) -> list[set[str]]:
    return [{normaliser.full(n) for n in grade_names(g, s)} for s, g in grades]


def pair_similarity(a: Profile, b: Profile) -> float:
    """The NameTable's score for one pair: token_set and token_sort averaged, best names."""
    fuzz = _fuzz()
    best = 0.0
    for x in a.stripped:
        for y in b.stripped:
            best = max(best, (fuzz.token_set_ratio(x, y) + fuzz.token_sort_ratio(x, y)) / 2)
    return best


def name_level(common: Set[str], shared: Set[str], score: float, settings: dict) -> Contribution:
    """token_set forgives word order and extra words; token_sort keeps a subset from scoring
    100: their mean sits between the two habits."""
    distinct = common - shared
    if distinct:
        return Contribution("name", "exact", settings["exact"], sorted(distinct)[0])
    if common:
        return Contribution("name", "exact_shared", settings["exact_shared"], sorted(common)[0])
    detail = f"similarity {score:.0f}"
    if score >= settings["high"]:
        return Contribution("name", "fuzzy_high", settings["fuzzy_high"], detail)
    if score >= settings["low"]:
        return Contribution("name", "fuzzy_low", settings["fuzzy_low"], detail)
    return Contribution("name", "different", 0.0, detail)


def rank_level(a: Profile, b: Profile, settings: dict) -> Contribution:
    """Rank markers (No. 1 against No. 2) and the class words `[rank.markers]` lists as just as
    decisive (heavy against light, new against old, one alloy against mixed alloys), group by
    group: a group both names mark agrees or differs; one that differs decides."""
    if not a.ranks or not b.ranks:
        return Contribution("rank", "unspecified", 0.0)
    if a.ranks == b.ranks and all(r.isdigit() for r in a.ranks):
        # the common case, one rank each: no grouping needed
        return Contribution("rank", "same", settings["same"], "No. " + "/".join(sorted(a.ranks)))
    groups_a, groups_b = _marker_groups(a.ranks), _marker_groups(b.ranks)
    same, different = [], []
    for group in sorted(groups_a.keys() & groups_b.keys()):
        ca, cb = groups_a[group], groups_b[group]
        if ca & cb:
            same.append(_show_markers(group, ca & cb))
        else:
            different.append(f"{_show_markers(group, ca)} vs {_show_markers(group, cb)}")
    if different:
        return Contribution("rank", "different", settings["different"], "; ".join(different))
    if same:
        return Contribution("rank", "same", settings["same"], "; ".join(same))
    return Contribution("rank", "unspecified", 0.0)


def _marker_groups(ranks: frozenset[str]) -> dict[str, set[str]]:
    groups: dict[str, set[str]] = {}
    for marker in ranks:
        group, _, name = marker.rpartition(":")
        groups.setdefault(group, set()).add(name)
    return groups


def _show_markers(group: str, names: set[str]) -> str:
    shown = "/".join(sorted(names))
    return f"No. {shown}" if not group else shown.replace("_", " ")


def forms_level(a: Profile, b: Profile, settings: dict) -> Contribution:
    """Forms the vocabulary lists as alike (a bare cable is stranded wire) compare as one. In a
    family whose grades are defined by their form (`[forms.defining]`: aluminium) the levels
    weigh as much as a copper grade's content."""
    alike = settings.get("alike", {})
    defining = settings.get("defining")
    if defining and any(f in a.lineage and f in b.lineage for f in defining["families"]):
        settings = defining
    fa = frozenset(alike.get(f, f) for f in a.forms)
    fb = frozenset(alike.get(f, f) for f in b.forms)
    if not fa or not fb:
        return Contribution("forms", "unspecified", 0.0)
    if fa == fb:
        return Contribution("forms", "same", settings["same"], ", ".join(sorted(fa)))
    if fa & fb:
        return Contribution("forms", "overlap", settings["overlap"], ", ".join(sorted(fa & fb)))
    if a.form_classes & b.form_classes:
        shared = ", ".join(sorted(a.form_classes & b.form_classes))
        return Contribution("forms", "same_class", settings["same_class"], f"{shared} pieces")
    detail = f"{', '.join(sorted(fa))} vs {', '.join(sorted(fb))}"
    return Contribution("forms", "disjoint", settings["disjoint"], detail)


def interval_level(name: str, ia: Interval | None, ib: Interval | None, settings: dict):
    """Two limits on one quantity: same, nested, overlapping, disjoint or unspecified."""
    if ia is None or ib is None:
        return Contribution(name, "unspecified", 0.0)
    level = interval_relation(ia, ib)
    detail = f"{show_interval(ia)} vs {show_interval(ib)}"
    if level == "nested" and "near" in settings and _gap(ia, ib) > settings["near"]:
        # Two minima always nest: Cu ≥ 61.3 % (a brass) holds every lot of Cu ≥ 99.9 % (a
        # copper). Limits further apart than `near` describe different materials.
        return Contribution(name, "distant", settings["distant"], detail)
    return Contribution(name, level, settings[level], detail)


def _gap(ia: Interval, ib: Interval) -> float:
    """How far apart two nested limits are on the side both bound (0 when they share none)."""
    if ia.lo is not None and ib.lo is not None:
        return abs(float(ia.lo - ib.lo))
    if ia.hi is not None and ib.hi is not None:
        return abs(float(ia.hi - ib.hi))
    return 0.0


@lru_cache(maxsize=65536)
def interval_relation(ia: Interval, ib: Interval) -> str:
    """same / nested / overlap / disjoint. Limits repeat across thousands of pairs: cached."""
    if ia == ib:
        return "same"
    if ia.within(ib) or ib.within(ia):
        return "nested"
    return "overlap" if ia.overlaps(ib) else "disjoint"


def show_interval(iv: Interval) -> str:
    """'≥ 94', '< 0.5', '≥ 56 ≤ 75': a handful of distinct limits recur across many pairs."""
    # 99 and 99.0 are equal Decimals (one hash) that print differently: the cache key must
    # carry each bound's exponent, or the first one printed would stand for both.
    return _show_interval(iv, _exponent(iv.lo), _exponent(iv.hi))


def _exponent(number) -> int | None:
    return None if number is None else number.as_tuple().exponent


@lru_cache(maxsize=4096)
def _show_interval(iv: Interval, lo_exponent, hi_exponent) -> str:
    parts = []
    if iv.lo is not None:
        parts.append(f"{'≥' if iv.lo_inclusive else '>'} {iv.lo}")
    if iv.hi is not None:
        parts.append(f"{'≤' if iv.hi_inclusive else '<'} {iv.hi}")
    return " ".join(parts)


def limits_level(a: Profile, b: Profile, settings: dict) -> Contribution:
    if a.limits and b.limits:
        return Contribution("limits", "both", settings["both"], f"{a.limits[0]} / {b.limits[0]}")
    return Contribution("limits", "unspecified", 0.0)


def contaminants_level(a: Profile, b: Profile, settings: dict) -> Contribution:
    fa, fb = a.free_of, b.free_of
    if not fa or not fb:
        return Contribution("contaminants", "unspecified", 0.0)
    share = len(fa & fb) / len(fa | fb)
    weight = round(settings["weight"] * share, 4)
    return Contribution("contaminants", "overlap", weight, f"{len(fa & fb)} of {len(fa | fb)}")


def shared_limits_level(a: Profile, b: Profile, skip: set[str], settings: dict) -> Contribution:
    """Every other quantity both grades limit (thickness, sizes, density, impurities): limits
    that can hold together count for, limits that exclude each other count against. The
    family's defining measure (`[shared_limits.defining]`: thickness, then bulk density, for
    steel) is weighed apart, like the main metal's content of a copper grade."""
    tolerance = settings.get("conversion_tolerance", 0)
    defining = _defining_measure(a, b, settings.get("defining", {}), tolerance)
    skip = skip | {defining[0]} if defining else skip
    agree: list[str] = []
    clash: list[str] = []
    for name in sorted((a.measures.keys() & b.measures.keys()) - skip):
        relation = _relation(a, b, name, a.measures[name], b.measures[name], tolerance)
        (clash if relation == "disjoint" else agree).append(name)
    # Dimension vectors (a charging box of 60 × 24 in, 1.5 × 0.5 × 0.5 m) have no interval:
    # two maxima (or two minima) of one quantity can always hold together.
    boxed = (_vectors(a) | a.measures.keys()) & (_vectors(b) | b.measures.keys())
    agree += sorted(boxed - (a.measures.keys() & b.measures.keys()) - skip)
    agree.sort()
    if not agree and not clash and not defining:
        return Contribution("shared_limits", "unspecified", 0.0)
    weight = settings["each_agree"] * len(agree) + settings["each_clash"] * len(clash)
    weight = max(-settings["cap"], min(settings["cap"], weight))
    detail = [*(f"{n} agree" for n in agree), *(f"{n} exclude" for n in clash)]
    level = "clash" if clash and not agree else ("mixed" if clash else "agree")
    if defining:
        name, relation, shown = defining
        weight += settings["defining"][relation]
        detail.insert(0, f"{name} {relation} (defining measure: {shown})")
        level = f"defining_{relation}"
    return Contribution("shared_limits", level, round(weight, 4), ", ".join(detail))


def _defining_measure(a: Profile, b: Profile, settings: dict, tolerance: float):
    """(measure, relation, 'a vs b') for the first measure of the pair's family that both grades
    state — as a limit, or as a nominal figure (an average density) taken as a point."""
    table = settings.get("measures")
    if not table:
        return None
    for family in sorted(a.lineage & b.lineage):
        for name in table.get(family, ()):
            ia, ib = _measure_or_nominal(a, name), _measure_or_nominal(b, name)
            if ia is not None and ib is not None:
                relation = _relation(a, b, name, ia, ib, tolerance)
                return name, relation, f"{show_interval(ia)} vs {show_interval(ib)}"
    return None


def _measure_or_nominal(p: Profile, name: str) -> Interval | None:
    found = p.measures.get(name)
    if found is not None:
        return found
    for r in _requirements_of(p, name):
        if r.state is m.State.STATED and r.lo is None and r.hi is None and r.nominal is not None:
            value = r.si.nominal if r.si is not None and r.si.nominal is not None else r.nominal
            return Interval(value, True, value, True)
    return None


def _requirements_of(p: Profile, name: str) -> list[m.Requirement]:
    return [r for prop, r in p.requirements.items() if SAME_MEASURE.get(prop, prop) == name]


def _relation(a: Profile, b: Profile, name: str, ia: Interval, ib: Interval, tolerance) -> str:
    """interval_relation, except that limits printed in different units (1/4 in against 6 mm)
    and within `tolerance` of each other, relatively, are one limit rounded in conversion."""
    if tolerance and ia != ib and close_limits(ia, ib, tolerance):
        units_a = {r.unit for r in _requirements_of(a, name)}
        units_b = {r.unit for r in _requirements_of(b, name)}
        if units_a and units_b and not units_a & units_b:
            return "same"
    return interval_relation(ia, ib)


def _vectors(p: Profile) -> set[str]:
    """Properties the grade limits with a dimension vector ("60 × 24 in")."""
    return {
        prop
        for prop, r in p.requirements.items()
        if r.dims and r.state is m.State.STATED and prop.endswith((".max", ".min"))
    }
