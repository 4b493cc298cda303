"""What the matcher needs to know about one grade, worked out once per comparison.

A 20 000 × 20 000 comparison scores each grade against many others; normalising its names,
reading its ranks and collecting its limits once, not once per pair, is most of the speed."""

from __future__ import annotations

from dataclasses import dataclass

from .. import model as m
from ..gaps import interval
from ..quantities import Interval
from .blocking import lineage
from .names import Normaliser, grade_names

FOREIGN = ("foreign_material", "inclusions", "other_metals")


@dataclass(frozen=True)
class Profile:
    std: m.Standard
    grade: m.Grade
    full: frozenset[str]  # normalised names
    stripped: tuple[str, ...]  # normalised names without very common tokens
    ranks: frozenset[str]
    forms: frozenset[str]
    form_classes: frozenset[str]
    requirements: dict[str, m.Requirement]
    main_element: str | None
    lineage: frozenset[str]
    free_of: frozenset[str]
    limits: tuple[str, ...]  # foreign-material properties the grade limits with a number
    intervals: dict[str, Interval]  # every numeric limit, in canonical units
    measures: dict[str, Interval]  # the same, with a minimum and a maximum of one quantity joined

    def interval(self, prop: str | None) -> Interval | None:
        return self.intervals.get(prop) if prop else None


def profile(std: m.Standard, grade: m.Grade, vocab, normaliser: Normaliser) -> Profile:
    names = grade_names(grade)
    reqs = {r.prop: r for r in std.effective_requirements(grade)}
    forms = frozenset(grade.forms)
    return Profile(
        std=std,
        grade=grade,
        full=frozenset(normaliser.full(n) for n in names),
        stripped=tuple(normaliser.stripped(n) for n in names),
        ranks=frozenset(r for n in names for r in normaliser.ranks(n)),
        forms=forms,
        form_classes=frozenset(vocab.forms.get(f, {}).get("class", f) for f in forms),
        requirements=reqs,
        main_element=main_element(vocab, grade),
        lineage=frozenset(lineage(vocab, grade.families)),
        free_of=frozenset(
            p for p, r in reqs.items() if p.startswith("free_of.") and r.state is m.State.FORBIDDEN
        ),
        limits=tuple(p for p in FOREIGN if p in reqs and interval(reqs[p]) is not None),
        intervals=(found := {p: iv for p, r in reqs.items() if (iv := interval(r)) is not None}),
        measures=_measures(found),
    )


# A minimum thickness and a maximum thickness bound one quantity: "> 6 mm" (old thick steel)
# and "< 6 mm" (old thin steel) are then seen to exclude each other.
SAME_MEASURE = {"thickness.min": "thickness", "thickness.max": "thickness"}


def _measures(intervals: dict[str, Interval]) -> dict[str, Interval]:
    joined: dict[str, Interval] = {}
    for prop, iv in intervals.items():
        name = SAME_MEASURE.get(prop, prop)
        joined[name] = joined[name].intersect(iv) if name in joined else iv
    return joined


def main_element(vocab, grade: m.Grade) -> str | None:
    """The element whose content is the family's main metal (Cu for copper families)."""
    table = vocab.matching.get("main_element", {})
    for family in grade.families:
        for ancestor in vocab.family_ancestors(family):
            if ancestor in table:
                return table[ancestor]
    return None
