"""Harmonise: the requirement every system could accept, for grades of one family from several
systems, property by property.

For each property any of the grades states (each grade's effective requirements: standard ∪
group ∪ grade):
- common: what a lot must meet to qualify under every grade as held — the intersection of the
  intervals, the union of the free-of lists; "by agreement" stays by agreement;
- envelope: what any lot qualifying under at least one grade meets — the hull of the
  intervals, the free-of list they all share;
- status: agree (all state the same), differ, conflict (no lot can meet them all) or unknown
  (a side's value is unknown, or a grade held only in part is silent on it).

Intervals are compared in each property's canonical unit (inches and millimetres, lb/ft³ and
t/m³ as the gaps compare them); each side keeps its printed unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from . import model as m
from .errors import StdcompareError
from .gaps import close_limits, dims_si, interval
from .match import blocking
from .quantities import Interval, bound

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

_NOT_HELD = (m.TextCompleteness.TITLE_ONLY, m.TextCompleteness.NOT_FOUND)


class Status(StrEnum):
    CONFLICT = "conflict"  # no lot can meet every grade's requirement
    UNKNOWN = "unknown"  # a value is unknown, or a partly held grade is silent
    DIFFER = "differ"
    AGREE = "agree"


ORDER = (Status.CONFLICT, Status.UNKNOWN, Status.DIFFER, Status.AGREE)  # the committee's list


@dataclass(frozen=True)
class Side:
    standard: m.Standard
    grade: m.Grade
    requirement: m.Requirement | None  # None: the grade says nothing of the property

    @property
    def name(self) -> str:
        return f"{self.standard.ref}:{self.grade.code}"

    @property
    def says(self) -> str:
        if self.requirement is None:
            return "not held" if self.grade.text is not m.TextCompleteness.FULL else "no limit"
        return bound(self.requirement)


@dataclass(frozen=True)
class Row:
    prop: str
    sides: tuple[Side, ...]
    status: Status
    common: str  # the common ground in words ("≥ 99.9 %", "free of it", "none: …")
    envelope: str
    settle: str  # what would settle it ("" when the grades agree)
    decisive: bool = False
    common_requirement: m.Requirement | None = None  # for a draft: the common ground as held


@dataclass(frozen=True)
class Harmonised:
    sides: tuple[tuple[m.Standard, m.Grade], ...]
    rows: tuple[Row, ...]  # the committee's order: conflicts, unknowns, differences, agreements

    @property
    def conflicts(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.status is Status.CONFLICT)


def harmonise(grades: list[tuple[m.Standard, m.Grade]], vocab: Vocabulary) -> Harmonised:
    _refuse(grades, vocab)
    _warn_of_mixed_families(grades, vocab)
    held = [{r.prop: r for r in std.effective_requirements(g)} for std, g in grades]
    props = list(dict.fromkeys(p for reqs in held for p in reqs))
    rows = [_row(prop, grades, held, vocab) for prop in props]
    rows.sort(key=lambda r: (ORDER.index(r.status), not r.decisive))
    return Harmonised(tuple(grades), tuple(rows))


def _warn_of_mixed_families(grades: list[tuple[m.Standard, m.Grade]], vocab: Vocabulary) -> None:
    """Grades of families neither of which lies within the other (copper wire and brass) may
    meet, but their common ground is no grade's: "free of brass" beside a brass grade. Said on
    stderr, so that a committee does not take it for one material's."""
    import warnings

    from .errors import StdcompareWarning

    families = [g.families or s.families for s, g in grades]

    def nested(a, b) -> bool:  # one grade's family lies within (or is) the other's
        return any(vocab.in_family(a, f) for f in b) or any(vocab.in_family(b, f) for f in a)

    for i, a in enumerate(families):
        for b in families[i + 1 :]:
            if a and b and not nested(a, b):
                names = ", ".join(dict.fromkeys(f for fs in families for f in fs))
                warnings.warn(
                    StdcompareWarning(
                        f"the grades are of different families ({names}): their common ground "
                        "describes no one material",
                        "harmonise grades of one family, or read each row with that in mind",
                    ),
                    stacklevel=3,
                )
                return


def _refuse(grades: list[tuple[m.Standard, m.Grade]], vocab: Vocabulary) -> None:
    """Two grades at least, each once, of families that blocking lets meet."""
    if len(grades) < 2:
        raise StdcompareError(
            "harmonising needs two grades or more",
            "name a grade of each system: stdcompare harmonise isri-circular:Birch "
            "gbt-38471@2019:RCu-1C",
        )
    names = [f"{s.ref}:{g.code}" for s, g in grades]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise StdcompareError(f"{twice[0]} is named twice", "name each grade once")
    for i, (std_a, a) in enumerate(grades):
        for std_b, b in grades[i + 1 :]:
            lines = (blocking.lineage(vocab, a.families), blocking.lineage(vocab, b.families))
            if blocking.rule_of(vocab, *lines) is None:
                raise StdcompareError(
                    f"{std_a.ref}:{a.code} ({', '.join(a.families) or 'no family'}) and "
                    f"{std_b.ref}:{b.code} ({', '.join(b.families) or 'no family'}) are grades "
                    "of families that do not meet",
                    "harmonise grades of one family (or of families that compare, such as "
                    "copper and its alloys)",
                )


def _row(prop: str, grades, held: list[dict], vocab: Vocabulary) -> Row:
    sides = tuple(Side(std, g, reqs.get(prop)) for (std, g), reqs in zip(grades, held, strict=True))
    found = vocab.property(prop)
    decisive = bool(found and found.decisive)
    unknown = [s for s in sides if _unknown(s)]
    stated = [s.requirement for s in sides if s.requirement is not None and not _unknown(s)]
    states = {r.state for r in stated}
    if m.State.FORBIDDEN in states:
        row = _free_of(prop, sides, stated)
    elif m.State.AGREEMENT in states:
        row = _by_agreement(prop, sides, stated)
    else:
        row = _limits(prop, sides, stated, vocab)
    if unknown and row.status is not Status.CONFLICT:
        who = ", ".join(s.name for s in unknown)
        verb = "says" if len(unknown) == 1 else "say"
        settle = f"transcribe what {who} {verb} of it (held only in part, or unknown)"
        common = (
            row.common
            if row.common in ("not computed", "no limit")
            else (f"{row.common} as far as held")
        )
        row = Row(
            prop, sides, Status.UNKNOWN, common, "unknown", settle, False, row.common_requirement
        )
    return Row(
        row.prop,
        row.sides,
        row.status,
        row.common,
        row.envelope,
        row.settle,
        decisive,
        row.common_requirement,
    )


def _unknown(side: Side) -> bool:
    req = side.requirement
    if req is None:
        return side.grade.text is not m.TextCompleteness.FULL
    return req.state is m.State.UNKNOWN


def _free_of(prop: str, sides: tuple[Side, ...], stated: list[m.Requirement]) -> Row:
    """Free-of lists: the common ground forbids what any grade forbids; the envelope only what
    every grade forbids."""
    forbidding = [r for r in stated if r.state is m.State.FORBIDDEN]
    everyone = len(forbidding) == len(sides)
    common_req = forbidding[0]
    if everyone:
        return Row(prop, sides, Status.AGREE, "free of it", "free of it", "", False, common_req)
    who = ", ".join(
        s.name
        for s in sides
        if s.requirement is None or s.requirement.state is not m.State.FORBIDDEN
    )
    settle = f"adopt the prohibition in {who}, or drop it where it is stated"
    return Row(prop, sides, Status.DIFFER, "free of it", "no limit", settle, False, common_req)


def _by_agreement(prop: str, sides: tuple[Side, ...], stated: list[m.Requirement]) -> Row:
    agreed = next(r for r in stated if r.state is m.State.AGREEMENT)
    if all(s.requirement is not None and s.requirement.state is m.State.AGREEMENT for s in sides):
        return Row(prop, sides, Status.AGREE, "by agreement", "by agreement", "", False, agreed)
    settle = "agree on a limit, or leave it to buyer and seller in every system"
    return Row(prop, sides, Status.DIFFER, "by agreement", "by agreement", settle, False, agreed)


def _limits(
    prop: str, sides: tuple[Side, ...], stated: list[m.Requirement], vocab: Vocabulary
) -> Row:
    limited = [r for r in stated if r.state is m.State.STATED]
    intervals = [interval(r) for r in limited]
    if not limited:  # every side says there is no requirement (or says nothing)
        return Row(prop, sides, Status.AGREE, "no limit", "no limit", "")
    boxes = [dims_si(r, vocab) if r.dims else None for r in limited]
    if limited and all(b is not None for b in boxes):
        return _boxes(prop, sides, limited, boxes)
    if not _all_intervals(intervals) or not _one_scale(limited):
        words = {bound(r) for r in limited}
        status = Status.AGREE if len(words) == 1 and len(limited) == len(sides) else Status.DIFFER
        settle = (
            ""
            if status is Status.AGREE
            else "read each clause: the limits are not numbers "
            "on one scale (a box, a class list or a typical value)"
        )
        return Row(prop, sides, status, "not computed", "not computed", settle)
    bounded = [iv for iv in intervals if iv is not None]  # all of them (checked above)
    common = _intersection(bounded)
    if common.is_empty:
        settle = (
            "no lot meets every grade: "
            + " against ".join(
                f"{s.name} {bound(s.requirement)}" for s in sides if s.requirement is not None
            )
            + "; one system's limit must move"
        )
        return Row(
            prop,
            sides,
            Status.CONFLICT,
            "none: the limits exclude each other",
            _hull_words(bounded, limited, sides),
            settle,
        )
    as_req = _as_requirement(prop, common, limited)
    # Limits printed in different units are one limit within the conversion tolerance (a
    # quarter inch written 6 mm); printed in one unit, they must be equal (as gaps.py judges).
    printed = {r.unit for r in limited}
    tolerance = vocab.matching["shared_limits"].get("conversion_tolerance", 0)
    alike = all(_alike(iv, bounded[0], tolerance if len(printed) > 1 else 0) for iv in bounded)
    if alike and len(limited) == len(sides):
        envelope = _hull_words(bounded, limited, sides)
        return Row(prop, sides, Status.AGREE, bound(as_req), envelope, "", False, as_req)
    silent = [s.name for s in sides if _open(s)]
    settle = f"adopt {bound(as_req)} in every system" + (
        f" ({', '.join(silent)} sets no limit today)" if silent else ""
    )
    envelope = "no limit" if silent else _hull_words(bounded, limited, sides)
    return Row(prop, sides, Status.DIFFER, bound(as_req), envelope, settle, False, as_req)


def _boxes(prop: str, sides, limited: list[m.Requirement], boxes: list) -> Row:
    """Largest-piece boxes, each in millimetres, largest side first: a piece fits every box
    when it fits their smallest side by side; it fits one of them within their largest."""
    size = max(len(b) for b in boxes)
    common = tuple(min(b[k] for b in boxes if k < len(b)) for k in range(size))
    hull = tuple(
        max(b[k] if k < len(b) else Decimal("Infinity") for b in boxes) for k in range(size)
    )
    unit = "mm" if any(r.unit for r in limited) else None
    as_req = m.Requirement(prop, dims=tuple(d.normalize() for d in common), unit=unit)
    if all(b == boxes[0] for b in boxes) and len(limited) == len(sides):
        return Row(prop, sides, Status.AGREE, bound(as_req), bound(as_req), "", False, as_req)
    open_ = any(_open(s) for s in sides) or not all(d.is_finite() for d in hull)
    envelope = (
        "no limit"
        if open_
        else bound(m.Requirement(prop, dims=tuple(d.normalize() for d in hull), unit=unit))
    )
    settle = f"adopt a box of {bound(as_req)} in every system"
    return Row(prop, sides, Status.DIFFER, bound(as_req), envelope, settle, False, as_req)


def _all_intervals(intervals: list[Interval | None]) -> bool:
    return all(iv is not None for iv in intervals)


def _one_scale(reqs: list[m.Requirement]) -> bool:
    units = {r.si.unit if r.si is not None else r.unit for r in reqs}
    return len(units) == 1


def _alike(a: Interval, b: Interval, tolerance) -> bool:
    return a == b or close_limits(a, b, tolerance)


def _intersection(intervals: list) -> Interval:
    found = intervals[0]
    for iv in intervals[1:]:
        found = found.intersect(iv)
    return found


def _hull(intervals: list) -> Interval:
    lows = [iv for iv in intervals if iv.lo is not None]
    highs = [iv for iv in intervals if iv.hi is not None]
    lo = (
        min(lows, key=lambda iv: (iv.lo, not iv.lo_inclusive))
        if len(lows) == len(intervals)
        else None
    )
    hi = (
        max(highs, key=lambda iv: (iv.hi, iv.hi_inclusive))
        if len(highs) == len(intervals)
        else None
    )
    return Interval(
        lo.lo if lo else None,
        lo.lo_inclusive if lo else True,
        hi.hi if hi else None,
        hi.hi_inclusive if hi else True,
    )


def _open(side: Side) -> bool:
    """A side that sets no limit: silent on a grade held in full, or saying there is none."""
    req = side.requirement
    return req is None or req.state in (m.State.NONE, m.State.SILENT)


def _hull_words(intervals: list, limited: list[m.Requirement], sides) -> str:
    if any(_open(s) for s in sides):
        return "no limit"
    hull = _hull(intervals)
    if hull.lo is None and hull.hi is None:
        return "no limit"
    return bound(_as_requirement(limited[0].prop, hull, limited))


def _as_requirement(prop: str, iv: Interval, limited: list[m.Requirement]) -> m.Requirement:
    """An interval in the canonical unit as a requirement; in the printed unit when every side
    prints the same one (then the canonical and printed values are one)."""
    units = {r.unit for r in limited}
    si_units = {r.si.unit for r in limited if r.si is not None}
    if len(units) == 1 and not si_units:
        unit = next(iter(units))
    else:
        unit = next(iter(si_units)) if si_units else next(iter(units))
    return m.Requirement(
        prop,
        lo=_plain(iv.lo),
        lo_inclusive=iv.lo_inclusive,
        hi=_plain(iv.hi),
        hi_inclusive=iv.hi_inclusive,
        unit=unit,
    )


def _plain(value: Decimal | None) -> Decimal | None:
    """A canonical value as a person writes it: 6.3500 mm is 6.35 mm."""
    return None if value is None else value.normalize()
