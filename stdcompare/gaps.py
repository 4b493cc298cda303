"""Requirement by requirement: align two grades' effective requirements by property and say,
for each, which side is stricter — and from that, which lots of one qualify as the other."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from . import model as m
from .quantities import Interval, bound
from .results import Direction, Gap, GapKind

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

# A requirement's strictness when it carries no number: "must be free of" beats any limit,
# a limit beats "by agreement", and "by agreement" beats "explicitly none".
_STRICTNESS = {m.State.FORBIDDEN: 3, m.State.STATED: 2, m.State.AGREEMENT: 1, m.State.NONE: 0}
_NOT_TRANSCRIBED = (m.TextCompleteness.TITLE_ONLY, m.TextCompleteness.NOT_FOUND)


def grade_gaps(
    std_a: m.Standard, grade_a: m.Grade, std_b: m.Standard, grade_b: m.Grade, vocab: Vocabulary
) -> tuple[Gap, ...]:
    reqs_a = {r.prop: r for r in std_a.effective_requirements(grade_a)}
    reqs_b = {r.prop: r for r in std_b.effective_requirements(grade_b)}
    gaps: list[Gap] = []
    for prop in [*reqs_a, *(p for p in reqs_b if p not in reqs_a)]:
        a, b = reqs_a.get(prop), reqs_b.get(prop)
        decisive = _decisive(prop, vocab)
        partial = False
        if a is not None and b is not None:
            kind, caveats = classify(a, b, vocab)
        else:
            kind, caveats, partial = _one_sided(a, b, grade_a, grade_b)
        gaps.append(Gap(prop, kind, a, b, caveats, decisive=decisive, partial=partial))
    return tuple(_pair_aspects(gaps, vocab))


def _decisive(prop: str, vocab: Vocabulary) -> bool:
    found = vocab.property(prop)
    return bool(found and found.decisive)


def _one_sided(a, b, grade_a: m.Grade, grade_b: m.Grade):
    """A property only one side states: (kind, caveats, the other side is held in part)."""
    present, other, label = (a, grade_b, "B") if a is not None else (b, grade_a, "A")
    if present.state is m.State.UNKNOWN or other.text in _NOT_TRANSCRIBED:
        return GapKind.UNKNOWN, (f"{label}'s definition is not transcribed",), True
    kind = GapKind.ONLY_A if a is not None else GapKind.ONLY_B
    if other.text is not m.TextCompleteness.FULL:
        note = f"{label}'s definition is held only in part: it may limit this too"
        return kind, (note,), True
    return kind, (), False


def classify(
    a: m.Requirement, b: m.Requirement, vocab: Vocabulary
) -> tuple[GapKind, tuple[str, ...]]:
    """Which of two requirements on the same property is stricter."""
    if m.State.UNKNOWN in (a.state, b.state):
        return GapKind.UNKNOWN, ("a value is not transcribed",)
    caveats = _caveats(a, b)
    rank_a, rank_b = _STRICTNESS[a.state], _STRICTNESS[b.state]
    if rank_a != rank_b:
        return (GapKind.A_STRICTER if rank_a > rank_b else GapKind.B_STRICTER), caveats
    if a.state is not m.State.STATED:
        return GapKind.SAME, caveats
    return _compare_stated(a, b, vocab, caveats)


def _caveats(a: m.Requirement, b: m.Requirement) -> tuple[str, ...]:
    found = []
    if a.state is m.State.STATED and b.state is m.State.STATED and a.basis != b.basis:
        found.append(f"basis differs: {a.basis or 'unstated'} vs {b.basis or 'unstated'}")
    if a.qualifier != b.qualifier and (a.qualifier or b.qualifier):
        found.append(f"conditions differ: {a.qualifier or '—'} vs {b.qualifier or '—'}")
    if a.strength is not b.strength:
        found.append(f"{a.strength.value} vs {b.strength.value}")
    if a.negotiable or b.negotiable:
        found.append("negotiable by agreement")
    if m.State.AGREEMENT in (a.state, b.state):
        found.append("left to agreement on one side")
    return tuple(found)


def _compare_stated(a, b, vocab: Vocabulary, caveats) -> tuple[GapKind, tuple[str, ...]]:
    ia, ib = interval(a), interval(b)
    if ia is not None and ib is not None:
        if not _same_scale(a, b):
            return GapKind.INCOMPARABLE, (*caveats, f"units differ: {a.unit} vs {b.unit}")
        tolerance = vocab.matching.get("shared_limits", {}).get("conversion_tolerance", 0)
        if a.unit != b.unit and ia != ib and close_limits(ia, ib, tolerance):
            # a quarter inch written 6 mm: one limit, rounded in conversion
            note = f"one limit in two units ({bound(a)} vs {bound(b)}), within {tolerance:.0%}"
            return GapKind.SAME, (*caveats, note)
        if a.exclude != b.exclude:
            return _with_exclusions(a, b, ia, ib, vocab, caveats)
        return _compare_intervals(ia, ib, a.prop, vocab, caveats)
    if _same_scale(a, b) and (ia is None) != (ib is None):
        typical = _against_nominal(a, b, ia, ib, caveats)
        if typical is not None:
            return typical
    if a.dims and b.dims:
        return _compare_dims(a, b, vocab, caveats)
    if a.classes and b.classes:
        sa, sb = set(a.classes), set(b.classes)
        if sa == sb:
            return GapKind.SAME, caveats
        if sa < sb or sb < sa:
            return (GapKind.A_STRICTER if sa < sb else GapKind.B_STRICTER), caveats
        return (GapKind.CONFLICT if not sa & sb else GapKind.INCOMPARABLE), caveats
    if bound(a) == bound(b):
        return GapKind.SAME, caveats
    return GapKind.INCOMPARABLE, (*caveats, "stated in different terms")


def _against_nominal(a, b, ia, ib, caveats) -> tuple[GapKind, tuple[str, ...]] | None:
    """One side states only a typical value (ISRI 211: nominal 70 lb/ft³), the other a limit
    (EFR E40: > 0.9 t/m³): units apart, this is a comparison, not two ways of measuring. The
    limit's side is the stricter, and whether the typical value meets the limit is said."""
    typical, limited, limit = (a, b, ib) if ia is None else (b, a, ia)
    value = _nominal(typical)
    if value is None:
        return None
    meets = "meets" if limit.contains(value) else "does not meet"
    note = f"the typical value {bound(typical)} {meets} {bound(limited)}"
    kind = GapKind.B_STRICTER if limited is b else GapKind.A_STRICTER
    return kind, (*caveats, note)


def _nominal(req: m.Requirement) -> Decimal | None:
    """A requirement's typical value in its canonical unit, if it states one and no bound."""
    if req.si is not None:
        return req.si.nominal
    return req.nominal


def interval(req: m.Requirement) -> Interval | None:
    """The allowed values in the canonical unit, or None when the requirement has no bound."""
    if req.state is not m.State.STATED or (req.lo is None and req.hi is None):
        return None
    lo, hi = (req.si.lo, req.si.hi) if req.si is not None else (req.lo, req.hi)
    return Interval(lo, req.lo_inclusive, hi, req.hi_inclusive)


def close_limits(ia: Interval, ib: Interval, tolerance) -> bool:
    """Bounds on the same sides, each pair within `tolerance` of each other (relative): a limit
    printed in inches and in millimetres (0.25 in = 6.35 mm, written 6 mm)."""
    if not tolerance or (ia.lo is None and ia.hi is None):
        return False
    for x, y in ((ia.lo, ib.lo), (ia.hi, ib.hi)):
        if (x is None) != (y is None):
            return False
        if x is not None and abs(float(x) - float(y)) > float(tolerance) * max(
            abs(float(x)), abs(float(y))
        ):
            return False
    return True


def _same_scale(a: m.Requirement, b: m.Requirement) -> bool:
    unit_a = a.si.unit if a.si else a.unit
    unit_b = b.si.unit if b.si else b.unit
    return unit_a == unit_b or unit_a is None or unit_b is None


def _with_exclusions(a, b, ia: Interval, ib: Interval, vocab: Vocabulary, caveats):
    """A range with a hole in it ("1 to 6 mm, not 2 to 3 mm"): between equal bounds the side
    with the hole admits less; otherwise the bounds decide and the hole is said, not weighed."""
    if ia == ib and (a.exclude is None or b.exclude is None):
        return (GapKind.A_STRICTER if a.exclude else GapKind.B_STRICTER), caveats
    note = "a range excluded inside the bounds is not weighed"
    return _compare_intervals(ia, ib, a.prop, vocab, (*caveats, note))


def _compare_intervals(ia: Interval, ib: Interval, prop: str, vocab: Vocabulary, caveats):
    if ia == ib:
        return GapKind.SAME, caveats
    if not ia.overlaps(ib):
        return GapKind.CONFLICT, caveats
    if ia.within(ib):
        return GapKind.A_STRICTER, caveats
    if ib.within(ia):
        return GapKind.B_STRICTER, caveats
    # Ranges that overlap without nesting: judge first on the side the property is usually
    # limited on (a minimum for contents, a maximum for impurities), then on the other side.
    found = vocab.property(prop)
    order = (
        (_lo_key, _hi_key) if found is not None and found.limits == "min" else (_hi_key, _lo_key)
    )
    note = "ranges overlap without nesting"
    for key in order:
        ka, kb = key(ia), key(ib)
        if ka != kb:
            return (GapKind.A_STRICTER if ka > kb else GapKind.B_STRICTER), (*caveats, note)
    return GapKind.INCOMPARABLE, (*caveats, note)


_INF = Decimal("Infinity")


def _lo_key(iv: Interval) -> tuple:
    """Larger is stricter: a higher minimum, and '>' over '≥' at the same value."""
    return (-_INF if iv.lo is None else iv.lo, 0 if iv.lo_inclusive else 1)


def _hi_key(iv: Interval) -> tuple:
    """Larger is stricter: a lower maximum, and '<' over '≤' at the same value."""
    return (-_INF if iv.hi is None else -iv.hi, 0 if iv.hi_inclusive else 1)


def _compare_dims(a: m.Requirement, b: m.Requirement, vocab: Vocabulary, caveats):
    """Two dimension vectors (60 × 24 in, 1.5 × 0.5 × 0.5 m), each in the canonical unit, the
    largest dimension against the largest: a piece fits both boxes when it fits each. A
    dimension one side leaves open is unbounded there."""
    da, db = dims_si(a, vocab), dims_si(b, vocab)
    if da is None or db is None:
        return GapKind.INCOMPARABLE, (*caveats, f"units differ: {a.unit} vs {b.unit}")
    if da == db:
        return GapKind.SAME, caveats
    size = max(len(da), len(db))
    pairs = [(_nth(da, k), _nth(db, k)) for k in range(size)]
    if all(x <= y for x, y in pairs):
        return GapKind.A_STRICTER, caveats
    if all(y <= x for x, y in pairs):
        return GapKind.B_STRICTER, caveats
    return GapKind.INCOMPARABLE, (*caveats, "dimension limits cross")


def dims_si(req: m.Requirement, vocab: Vocabulary) -> tuple[Decimal, ...] | None:
    """The vector in the unit's canonical unit, largest first (None: a unit of no known length)."""
    if req.unit is None:
        return tuple(sorted(req.dims, reverse=True))
    unit = vocab.units.get(req.unit)
    if unit is None or unit.factor is None or unit.quantity != "length":
        return None
    return tuple(sorted((d * unit.factor for d in req.dims), reverse=True))


def _nth(dims: tuple[Decimal, ...], k: int) -> Decimal:
    return dims[k] if k < len(dims) else _INF


def _pair_aspects(gaps: list[Gap], vocab: Vocabulary) -> list[Gap]:
    """One side states copper content, the other metal recovery: one incomparable row."""
    result = list(gaps)
    taken: set[int] = set()
    for i, gap_a in enumerate(gaps):
        aspect = _aspect(gap_a.prop, vocab) if gap_a.kind is GapKind.ONLY_A else None
        if aspect is None:
            continue
        candidates = (
            j
            for j, g in enumerate(gaps)
            if j not in taken and g.kind is GapKind.ONLY_B and _aspect(g.prop, vocab) == aspect
        )
        j = next(candidates, None)
        if j is None:
            continue
        taken.add(j)
        gap_b = gaps[j]
        result[i] = Gap(
            gap_a.prop,
            GapKind.INCOMPARABLE,
            gap_a.a,
            gap_b.b,
            (f"different quantities: {gap_a.prop} vs {gap_b.prop}",),
            prop_b=gap_b.prop,
            decisive=gap_a.decisive or gap_b.decisive,
            partial=gap_a.partial or gap_b.partial,
        )
    return [gap for k, gap in enumerate(result) if k not in taken]


def _aspect(prop: str, vocab: Vocabulary) -> str | None:
    found = vocab.property(prop)
    return found.aspect if found else None


# --- direction ------------------------------------------------------------------------------


def direction(gaps: tuple[Gap, ...]) -> Direction:
    """Whether every lot of A qualifies as B (and the reverse), from the classified gaps.

    Unknowns on decisive properties leave a side undetermined; on other properties (free-of
    lists, sizes, packaging) they are caveats, not blockers.
    """
    a_in_b: list[bool | None] = []
    b_in_a: list[bool | None] = []
    unknown: list[str] = []
    caveats: list[str] = []
    conflict = False
    for gap in gaps:
        ab, ba = containment(gap)
        conflict = conflict or gap.kind is GapKind.CONFLICT
        if (ab is None or ba is None) and gap.decisive:
            unknown.append(gap.prop)
        elif ab is None or ba is None:
            caveats.append(gap.prop)
            ab = True if ab is None else ab
            ba = True if ba is None else ba
        a_in_b.append(ab)
        b_in_a.append(ba)
    return Direction(_all(a_in_b), _all(b_in_a), conflict, tuple(unknown), tuple(caveats))


def containment(gap: Gap) -> tuple[bool | None, bool | None]:
    kind = gap.kind
    if kind is GapKind.SAME:
        return True, True
    if kind is GapKind.A_STRICTER:
        return True, False
    if kind is GapKind.B_STRICTER:
        return False, True
    if kind is GapKind.CONFLICT:
        return False, False
    if kind in (GapKind.ONLY_A, GapKind.ONLY_B):
        if gap.partial:  # the silent side may limit it too: nothing can be said
            return None, None
        present = gap.a if kind is GapKind.ONLY_A else gap.b
        if present.state not in (m.State.STATED, m.State.FORBIDDEN):
            return True, True
        # The silent side sets no limit: its lots may break the other side's.
        return (True, False) if kind is GapKind.ONLY_A else (False, True)
    return None, None


def _all(values: list[bool | None]) -> bool | None:
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True
