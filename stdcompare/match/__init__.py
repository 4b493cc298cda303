"""The matcher: blocking, comparisons with named levels, an additive score, a verdict and a
direction — computed from the grades' own data, never from a table of answers.

    compare_standards(std_a, std_b, vocab)  every candidate pair of two standards, best first
    match_grade(std, grade, candidates, vocab)  one grade against grades of other standards
"""

from __future__ import annotations

from .. import model as m
from ..comparison import Comparison, Contribution, GradeRef, Pair, Verdict
from ..gaps import direction, grade_gaps
from . import blocking
from .levels import (
    NameTable,
    contaminants_level,
    forms_level,
    interval_level,
    limits_level,
    rank_level,
)
from .names import Normaliser


def compare_standards(std_a: m.Standard, std_b: m.Standard, vocab, as_of: str = "") -> Comparison:
    """Grades against grades; a regulation's scopes are checked for conformity instead."""
    regulation = m.Kind.REGULATION
    if regulation in (std_a.kind, std_b.kind):
        from ..conformity import check_against

        if std_a.kind is regulation and std_b.kind is regulation:
            return Comparison(std_a, std_b, (), as_of, ("two regulations: nothing to match",))
        graded, rules = (std_a, std_b) if std_b.kind is regulation else (std_b, std_a)
        found = tuple(c for g in graded.grades for c in check_against(vocab, graded, g, [rules]))
        return Comparison(std_a, std_b, (), as_of, conformity=found)
    pairs = score_pairs(
        [(std_a, g) for g in std_a.grades], [(std_b, g) for g in std_b.grades], vocab
    )
    return Comparison(std_a, std_b, tuple(pairs), as_of)


def score_pairs(left: list[tuple], right: list[tuple], vocab, skip=None) -> list[Pair]:
    """Every pair (left × right) that survives blocking, scored and sorted best first.

    `skip(a, b)` may veto a pair (a grade is never its own match)."""
    normaliser = Normaliser(vocab)
    table = NameTable(normaliser, [g for _, g in left], [g for _, g in right])
    pairs: list[Pair] = []
    for i, (std_a, grade_a) in enumerate(left):
        for j, (std_b, grade_b) in enumerate(right):
            if skip is not None and skip(GradeRef(std_a, grade_a), GradeRef(std_b, grade_b)):
                continue
            rule = blocking.rule(vocab, grade_a, grade_b)
            if rule is None:
                continue
            name = table.level(i, j, vocab.matching["name"])
            pairs.append(_pair(std_a, grade_a, std_b, grade_b, vocab, normaliser, name, rule))
    pairs.sort(key=lambda p: (-p.score, p.a.ref, p.a.grade.code, p.b.ref, p.b.grade.code))
    return pairs


def _pair(std_a, grade_a, std_b, grade_b, vocab, normaliser, name, rule) -> Pair:
    settings = vocab.matching
    reqs_a = {r.prop: r for r in std_a.effective_requirements(grade_a)}
    reqs_b = {r.prop: r for r in std_b.effective_requirements(grade_b)}
    content = _main_content(vocab, grade_a, grade_b)
    contributions = (
        name,
        rank_level(normaliser, grade_a, grade_b, settings["rank"]),
        forms_level(vocab, grade_a, grade_b, settings["forms"]),
        interval_level("content", reqs_a.get(content), reqs_b.get(content), settings["content"]),
        interval_level(
            "recovery",
            reqs_a.get("metal_recovery"),
            reqs_b.get("metal_recovery"),
            settings["recovery"],
        ),
        limits_level(reqs_a, reqs_b, settings["limits"]),
        contaminants_level(reqs_a, reqs_b, settings["contaminants"]),
    )
    score = round(min(1.0, max(0.0, sum(c.weight for c in contributions))), 3)
    gaps = grade_gaps(std_a, grade_a, std_b, grade_b, vocab)
    way = direction(gaps)
    return Pair(
        GradeRef(std_a, grade_a),
        GradeRef(std_b, grade_b),
        score,
        verdict(score, way, settings["thresholds"]),
        way,
        contributions,
        gaps,
        rule,
    )


def verdict(score: float, way, thresholds: dict) -> Verdict:
    """From documented thresholds; "equivalent" also needs containment both ways."""
    if score >= thresholds["equivalent"] and way.both_ways:
        return Verdict.EQUIVALENT
    if score >= thresholds["comparable"]:
        return Verdict.COMPARABLE
    if score >= thresholds["related"]:
        return Verdict.RELATED
    return Verdict.NONE


def _main_content(vocab, a: m.Grade, b: m.Grade) -> str | None:
    """The content property of the main metal both grades share ("content.Cu")."""
    element_a, element_b = _main_element(vocab, a), _main_element(vocab, b)
    return f"content.{element_a}" if element_a and element_a == element_b else None


def _main_element(vocab, grade: m.Grade) -> str | None:
    table = vocab.matching.get("main_element", {})
    for family in grade.families:
        for ancestor in vocab.family_ancestors(family):
            if ancestor in table:
                return table[ancestor]
    return None


__all__ = ["compare_standards", "score_pairs", "verdict", "Contribution"]
