"""What a comparison produces: gaps, contributions, pairs. Plain frozen dataclasses, built by
gaps.py and match/, read by the renderers; every number in a report comes from these."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from . import model as m


class GapKind(StrEnum):
    SAME = "same"
    A_STRICTER = "a_stricter"
    B_STRICTER = "b_stricter"
    ONLY_A = "only_a"
    ONLY_B = "only_b"
    CONFLICT = "conflict"  # no material can satisfy both
    INCOMPARABLE = "incomparable"  # different quantities (Cu content against metal recovery)
    UNKNOWN = "unknown"  # a side is not transcribed


class Verdict(StrEnum):
    EQUIVALENT = "equivalent"
    COMPARABLE = "comparable"
    RELATED = "related"
    NONE = "none"


class Relation(StrEnum):
    """Which lots qualify as the other grade, computed from the requirement sets."""

    A_WITHIN_B = "a_within_b"  # every lot of A qualifies as B
    B_WITHIN_A = "b_within_a"
    OVERLAP = "overlap"
    DISJOINT = "disjoint"
    UNDETERMINED = "undetermined"  # unknowns decide it


@dataclass(frozen=True)
class Gap:
    """One property of a pair of grades, aligned and classified."""

    prop: str
    kind: GapKind
    a: m.Requirement | None
    b: m.Requirement | None
    caveats: tuple[str, ...] = ()
    prop_b: str | None = None  # for an incomparable pair of different properties
    decisive: bool = False
    partial: bool = False  # the side that says nothing is held only in part


@dataclass(frozen=True)
class Contribution:
    """One comparison's named level and what it adds to the score."""

    name: str
    level: str
    weight: float
    detail: str = ""


@dataclass(frozen=True)
class Direction:
    """Per side: True (every lot qualifies), False (some may not), None (unknowns decide)."""

    a_within_b: bool | None
    b_within_a: bool | None
    conflict: bool
    unknown: tuple[str, ...] = ()  # decisive properties whose value is unknown
    # Other properties (free-of lists, sizes, packaging) that could not be settled either way
    # and were let pass: the answer holds as far as the limits held go.
    caveats: tuple[str, ...] = ()

    @property
    def relation(self) -> Relation:
        if self.conflict:
            return Relation.DISJOINT
        if self.a_within_b is True:
            return Relation.A_WITHIN_B
        if self.b_within_a is True:
            return Relation.B_WITHIN_A
        if self.a_within_b is False and self.b_within_a is False:
            return Relation.OVERLAP
        return Relation.UNDETERMINED

    @property
    def both_ways(self) -> bool:
        return self.a_within_b is True and self.b_within_a is True and not self.conflict


@dataclass(frozen=True)
class GradeRef:
    standard: m.Standard
    grade: m.Grade

    @property
    def ref(self) -> str:
        return self.standard.ref


@dataclass(frozen=True)
class Pair:
    """A scored pair. Gaps and direction are worked out when first asked for: a large
    comparison scores many candidates but reports on few."""

    a: GradeRef
    b: GradeRef
    score: float
    contributions: tuple[Contribution, ...]
    blocking: str  # the rule that made the pair a candidate
    analyse: Callable[[], tuple[tuple[Gap, ...], Direction]] = field(compare=False, repr=False)
    judge: Callable[[float, Callable[[], Direction]], Verdict] = field(compare=False, repr=False)
    provenance: str = "computed"  # or "asserted"
    assertion: dict | None = None
    asserted_verdict: Verdict | None = None
    # Each grade is the other's unique best match between the two standards (a flag shown
    # apart; it never changes the score): match/assignment.py.
    best_partner: bool = False

    @cached_property
    def _analysis(self) -> tuple[tuple[Gap, ...], Direction]:
        return self.analyse()

    @property
    def gaps(self) -> tuple[Gap, ...]:
        return self._analysis[0]

    @property
    def direction(self) -> Direction:
        return self._analysis[1]

    @property
    def verdict(self) -> Verdict:
        if self.asserted_verdict is not None:
            return self.asserted_verdict
        return self.computed_verdict

    @property
    def computed_verdict(self) -> Verdict:
        """The matcher's verdict, even on a pair that carries an asserted one."""
        return self.judge(self.score, lambda: self.direction)

    @property
    def relation(self) -> Relation:
        return self.direction.relation


@dataclass(frozen=True)
class Comparison:
    """Every candidate pair of two standards, best first."""

    a: m.Standard
    b: m.Standard
    pairs: tuple[Pair, ...]
    as_of: str
    notes: tuple[str, ...] = field(default_factory=tuple)
    conformity: tuple = ()  # a grade standard against a regulation: conformity.Conformity

    def __repr__(self) -> str:
        return f"<Comparison {self.a.ref} ↔ {self.b.ref}: {len(self.pairs)} pairs>"
