"""Mutual recognition: for each grade of a family in each system, which grades of every other
system accept every lot of it, which some, which none — as far as both definitions are held.

The relation of two grades is the one `compare` computes from their requirement sets
(gaps.direction): `a_within_b` (every lot of A qualifies as B), `b_within_a`, `overlap`,
`disjoint`, or `undetermined` when unknowns decide it. Each cell keeps the caveats that make it
"as far as held". Where the edition in force holds no grade of the family and an older one
does, the older edition answers, labelled (the fallback of `lookup`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from . import model as m
from .counterparts import older_editions
from .gaps import containment
from .match import compare_standards
from .results import GapKind, Relation

if TYPE_CHECKING:
    from .corpus import Corpus

# A's relation to B, read from B's side.
_FLIPPED = {
    Relation.A_WITHIN_B: Relation.B_WITHIN_A,
    Relation.B_WITHIN_A: Relation.A_WITHIN_B,
}


@dataclass(frozen=True)
class Cell:
    """How grade `a` stands to grade `b`: `accepts` says whether b accepts a's lots."""

    a: str  # REF:CODE
    b: str
    relation: Relation  # as far as both definitions are held: unknowns let pass
    score: float
    unheld: tuple[str, ...]  # the properties whose unknowns were let pass
    certain: bool  # the relation stands with every property known (compare's own relation)

    @property
    def accepts(self) -> str:
        """'every' lot of a qualifies as b, 'some', 'none', or 'unknown'."""
        if self.relation is Relation.A_WITHIN_B:
            return "every"
        if self.relation in (Relation.B_WITHIN_A, Relation.OVERLAP):
            return "some"
        if self.relation is Relation.DISJOINT:
            return "none"
        return "unknown"  # no property is held on both sides


@dataclass(frozen=True)
class Recognition:
    family: str
    as_of: date
    standards: tuple[m.Standard, ...]
    notes: tuple[str, ...]  # editions answered by an older one, and why
    cells: tuple[Cell, ...]  # every ordered pair of grades of two different systems

    @property
    def grades(self) -> list[str]:
        return [f"{s.ref}:{g.code}" for s in self.standards for g in s.grades]


def recognise(corpus: Corpus, family: str, as_of: date | None = None) -> Recognition:
    day = as_of or corpus.as_of
    corpus.known_family(family)
    chosen, notes = _standards(corpus, family, day)
    cells: list[Cell] = []
    for i, std_a in enumerate(chosen):
        for std_b in chosen[i + 1 :]:
            cells += _cells(compare_standards(std_a, std_b, corpus.vocabulary, day.isoformat()))
    return Recognition(family, day, tuple(chosen), tuple(notes), tuple(cells))


def _standards(corpus: Corpus, family: str, day: date) -> tuple[list[m.Standard], list[str]]:
    """Each graded standard in force with grades of the family, narrowed to them."""
    chosen, notes = [], []
    for key in corpus.standard_keys():
        std = corpus.in_force(key, day)
        if std is None or std.kind.is_law:
            continue
        mine = corpus.of_family(std, family)
        if std.grade_list is not m.GradeList.COMPLETE:
            older = _older_with(corpus, std, family)
            if older is not None and len(older.grades) > len(mine.grades):
                notes.append(
                    f"{older.ref} (superseded) answers for {std.ref}, whose list of grades is "
                    f"held in part ({len(mine.grades)} of {family} against {len(older.grades)})"
                )
                mine = older
        if mine.grades:
            chosen.append(mine)
    return chosen, notes


def _older_with(corpus: Corpus, std: m.Standard, family: str) -> m.Standard | None:
    """The newest superseded edition holding grades of the family (lookup's fallback)."""
    for edition in older_editions(corpus, std):
        mine = corpus.of_family(edition, family)
        if mine.grades:
            return mine
    return None


def _cells(cmp) -> list[Cell]:
    found = []
    for pair in cmp.pairs:
        if pair.provenance == "asserted":
            continue
        a, b = f"{pair.a.ref}:{pair.a.grade.code}", f"{pair.b.ref}:{pair.b.grade.code}"
        relation, unheld = _as_far_as_held(pair.gaps, pair.a.grade.forms, pair.b.grade.forms)
        certain = pair.relation is not Relation.UNDETERMINED
        found.append(Cell(a, b, relation, pair.score, unheld, certain))
        flipped = _FLIPPED.get(relation, relation)
        found.append(Cell(b, a, flipped, pair.score, unheld, certain))
    return found


def _as_far_as_held(gaps, forms_a, forms_b) -> tuple[Relation, tuple[str, ...]]:
    """The relation from the properties both sides hold, every unknown let pass (and named).
    A grade's forms (shredded, wire, pieces) limit its lots as much as any property: forms
    that share nothing mean no lot is both; forms one grade lacks leave some lots out."""
    fa, fb = set(forms_a), set(forms_b)
    a_in_b = not (fa and fb) or fa <= fb
    b_in_a = not (fa and fb) or fb <= fa
    conflict = bool(fa and fb and not fa & fb)
    unheld = []
    known = 1 if fa and fb else 0
    for gap in gaps:
        ab, ba = containment(gap)
        if ab is None or ba is None:
            unheld.append(gap.prop)
        else:
            known += 1
        a_in_b = a_in_b and ab is not False
        b_in_a = b_in_a and ba is not False
        conflict = conflict or gap.kind is GapKind.CONFLICT
    if conflict:
        return Relation.DISJOINT, tuple(unheld)
    if not known:  # nothing held on both sides: nothing can be said
        return Relation.UNDETERMINED, tuple(unheld)
    if a_in_b:
        return Relation.A_WITHIN_B, tuple(unheld)
    if b_in_a:
        return Relation.B_WITHIN_A, tuple(unheld)
    return Relation.OVERLAP, tuple(unheld)


def rows(found: Recognition) -> list[dict]:
    """One row per ordered pair of grades: the CSV and the JSON's cells."""
    return [
        {
            "grade": c.a,
            "other": c.b,
            "accepts": c.accepts,
            "relation": c.relation.value,
            "score": c.score,
            "certain": c.certain,
            "caveats": f"as far as held; not held: {', '.join(c.unheld)}" if c.unheld else "",
        }
        for c in found.cells
    ]


__all__ = ["Cell", "Recognition", "recognise", "rows"]
