"""A grade against a regulation's scope: meets, fails or cannot tell — never a "match".

A regulation (EU end-of-waste, China's import announcements) sets criteria, not grades. For each
criterion we ask whether every lot of the grade, as the grade is defined, must meet it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from . import model as m
from .gaps import interval

if TYPE_CHECKING:
    from .vocabulary import Vocabulary

# Criteria no assay can settle: they are about the producer or the paperwork.
NOT_ON_THE_LOT = {
    "quality_management",
    "statement_of_conformity",
    "treatment",
    "customs_declaration",
}


class Outcome(StrEnum):
    MEETS = "meets"
    FAILS = "fails"
    CANNOT_TELL = "cannot tell"
    NEEDS_MORE = "needs more than the lot"


@dataclass(frozen=True)
class CriterionResult:
    criterion: m.Requirement
    grade_requirement: m.Requirement | None
    outcome: Outcome
    why: str


@dataclass(frozen=True)
class Conformity:
    standard: m.Standard  # the grade's standard
    grade: m.Grade
    regulation: m.Standard
    scope: m.Group
    outcome: Outcome
    criteria: tuple[CriterionResult, ...]

    @property
    def needs_more(self) -> tuple[str, ...]:
        return tuple(c.criterion.prop for c in self.criteria if c.outcome is Outcome.NEEDS_MORE)


def scopes(regulation: m.Standard) -> list[m.Group]:
    return [g for g in regulation.groups if g.kind is m.GroupKind.SCOPE]


def applies(vocab: Vocabulary, regulation: m.Standard, scope: m.Group, grade: m.Grade) -> bool:
    """Does the scope cover this grade's material? A scope for a family covers the families
    below it: "ferrous" covers carbon steel and stainless grades."""
    families = scope.families or regulation.families
    lineage = {a for f in grade.families for a in vocab.family_ancestors(f)}
    return any(f in lineage for f in families)


def check_grade(
    std: m.Standard, grade: m.Grade, regulation: m.Standard, scope: m.Group
) -> Conformity:
    own = {r.prop: r for r in std.effective_requirements(grade)}
    results = [
        _graded(c, std) or _criterion(c, own.get(c.prop))
        for c in _scope_criteria(regulation, scope)
    ]
    return Conformity(std, grade, regulation, scope, _overall(results), tuple(results))


def _scope_criteria(regulation: m.Standard, scope: m.Group) -> list[m.Requirement]:
    probe = m.Grade("scope", group=scope.id)
    return list(regulation.effective_requirements(probe))


def _graded(criterion: m.Requirement, std: m.Standard) -> CriterionResult | None:
    """ "Sorted to a customer or industry specification or a standard": a grade of a trade
    specification or product standard is exactly that."""
    if criterion.prop != "graded_to_specification" or std.kind.is_law:
        return None
    return CriterionResult(criterion, None, Outcome.MEETS, f"a grade of {std.designation}")


def _criterion(criterion: m.Requirement, mine: m.Requirement | None) -> CriterionResult:
    if criterion.prop in NOT_ON_THE_LOT:
        return CriterionResult(criterion, mine, Outcome.NEEDS_MORE, "a condition on the producer")
    if criterion.state is m.State.UNKNOWN:
        return CriterionResult(criterion, mine, Outcome.CANNOT_TELL, "the criterion is not public")
    if criterion.state in (m.State.NONE, m.State.SILENT, m.State.AGREEMENT):
        return CriterionResult(criterion, mine, Outcome.MEETS, "no limit set")
    if criterion.state is m.State.FORBIDDEN:
        if mine is not None and mine.state is m.State.FORBIDDEN:
            return CriterionResult(criterion, mine, Outcome.MEETS, "the grade excludes it too")
        return CriterionResult(criterion, mine, Outcome.CANNOT_TELL, "to be checked on the lot")
    return _bounded(criterion, mine)


def _bounded(criterion: m.Requirement, mine: m.Requirement | None) -> CriterionResult:
    limit = interval(criterion)
    if limit is None:  # a criterion in words (e.g. radioactivity: no action needed)
        return CriterionResult(criterion, mine, Outcome.CANNOT_TELL, "to be checked on the lot")
    if mine is None or mine.state is m.State.UNKNOWN:
        why = "the grade sets no limit" if mine is None else "the grade's limit is not public"
        return CriterionResult(criterion, mine, Outcome.CANNOT_TELL, why)
    if mine.state is m.State.FORBIDDEN and limit.contains(Decimal(0)):
        return CriterionResult(criterion, mine, Outcome.MEETS, "the grade excludes it entirely")
    own = interval(mine)
    if own is None:
        return CriterionResult(criterion, mine, Outcome.CANNOT_TELL, "the grade sets no number")
    if own.within(limit):
        return CriterionResult(criterion, mine, Outcome.MEETS, "every lot of the grade is within")
    if not own.overlaps(limit):
        return CriterionResult(criterion, mine, Outcome.FAILS, "no lot of the grade can meet it")
    return CriterionResult(criterion, mine, Outcome.CANNOT_TELL, "some lots of the grade may not")


def _overall(results: list[CriterionResult]) -> Outcome:
    pairs = [(r.criterion.one_of, r.outcome) for r in results]
    return combine(pairs, Outcome.MEETS, Outcome.FAILS, Outcome.CANNOT_TELL, Outcome.NEEDS_MORE)


def combine(pairs, meets, fails, unsure, ignored):
    """One outcome from many: any failure fails; every criterion met meets; else unsure.

    `pairs` are (one_of label or None, outcome); alternatives sharing a label need only one
    to be met, and fail only when all fail. Outcomes equal to `ignored` do not count.
    """
    merged = []
    alternatives: dict[str, list] = {}
    for label, outcome in pairs:
        if label:
            alternatives.setdefault(label, []).append(outcome)
        elif outcome is not ignored:
            merged.append(outcome)
    for outcomes in alternatives.values():
        if meets in outcomes:
            merged.append(meets)
        elif all(o is fails for o in outcomes):
            merged.append(fails)
        else:
            merged.append(unsure)
    if fails in merged:
        return fails
    return meets if all(o is meets for o in merged) else unsure


def check_against(corpus_vocab, std: m.Standard, grade: m.Grade, regulations) -> list[Conformity]:
    """The grade against every scope of every regulation that covers its material."""
    found = []
    for regulation in regulations:
        for scope in scopes(regulation):
            if applies(corpus_vocab, regulation, scope, grade):
                found.append(check_grade(std, grade, regulation, scope))
    return found
