"""A grade against a regulation's scope: meets / fails / cannot tell, never a match."""

import json
from dataclasses import replace
from decimal import Decimal as D

import pytest

from stdcompare import model as m
from stdcompare.conformity import Outcome, check_against, check_grade

from .conftest import FIXTURES

FIXTURE_DIR = str(FIXTURES / "corpus")


@pytest.fixture
def reg(fixture_corpus):
    return fixture_corpus.resolve("test-reg")


def _grade(*reqs, families=("copper",)):
    return m.Grade("G", families=families, requirements=reqs)


def _std(grade):
    return m.Standard("s", "1", "S 1", m.Kind.TRADE_SPECIFICATION, grades=(grade,))


def test_a_grade_within_every_criterion_meets(reg):
    grade = _grade(
        m.Requirement("content.Cu", lo=D("99"), unit="%"),
        m.Requirement("foreign_material", hi=D("1"), unit="%"),
        m.Requirement("free_of.radioactive_material", state=m.State.FORBIDDEN),
    )
    result = check_grade(_std(grade), grade, reg, reg.groups[0])
    assert result.outcome is Outcome.MEETS
    assert result.needs_more == ("quality_management",)  # said, not hidden


def test_le_is_not_within_lt(reg):
    """Foreign material ≤ 2 % allows exactly 2 %, which '< 2 %' does not: cannot tell."""
    grade = _grade(
        m.Requirement("content.Cu", lo=D("99"), unit="%"),
        m.Requirement("foreign_material", hi=D("2"), unit="%"),
        m.Requirement("free_of.radioactive_material", state=m.State.FORBIDDEN),
    )
    result = check_grade(_std(grade), grade, reg, reg.groups[0])
    foreign = next(c for c in result.criteria if c.criterion.prop == "foreign_material")
    assert foreign.outcome is Outcome.CANNOT_TELL
    assert result.outcome is Outcome.CANNOT_TELL


def test_a_disjoint_limit_fails(reg):
    grade = _grade(m.Requirement("foreign_material", lo=D("5"), unit="%"))
    result = check_grade(_std(grade), grade, reg, reg.groups[0])
    assert result.outcome is Outcome.FAILS


def test_alternatives_need_only_one(reg):
    by_recovery = _grade(
        m.Requirement("metal_recovery", lo=D("95"), unit="%"),
        m.Requirement("content.Cu", hi=D("80"), unit="%"),  # fails the other alternative
        m.Requirement("foreign_material", hi=D("1"), unit="%"),
        m.Requirement("free_of.radioactive_material", state=m.State.FORBIDDEN),
    )
    assert check_grade(_std(by_recovery), by_recovery, reg, reg.groups[0]).outcome is Outcome.MEETS
    neither = replace(
        by_recovery,
        requirements=(
            m.Requirement("metal_recovery", hi=D("80"), unit="%"),
            m.Requirement("content.Cu", hi=D("80"), unit="%"),
        ),
    )
    assert check_grade(_std(neither), neither, reg, reg.groups[0]).outcome is Outcome.FAILS


def test_scopes_apply_by_family(fixture_corpus, reg):
    zinc = _grade(families=("zinc",))
    assert check_against(fixture_corpus.vocabulary, _std(zinc), zinc, [reg]) == []


def test_compare_with_a_regulation_reports_conformity(run):
    code, out, _ = run(
        "compare", "test-wire@2018", "test-reg", "--format", "json", "--standards", FIXTURE_DIR
    )
    data = json.loads(out)
    assert code == 0 and data["pairs"] == []
    first = data["conformity"][0]
    assert (first["code"], first["scope"], first["outcome"]) == (
        "W-1",
        "copper-scope",
        "cannot tell",
    )
    foreign = next(c for c in first["criteria"] if c["prop"] == "foreign_material")
    assert foreign["criterion"]["hi_inclusive"] is False and foreign["grade"] is None
    code, out, _ = run(
        "compare", "test-wire@2018", "test-reg", "--format", "html", "--standards", FIXTURE_DIR
    )
    assert "conformity, not a match" not in out or "never matched" in out
    assert 'class="outcome outcome-cannot-tell"' in out


def test_lookup_lists_conformity_beside_matches(run):
    code, out, _ = run(
        "lookup", "W-1", "--in", "test-reg", "--format", "json", "--standards", FIXTURE_DIR
    )
    data = json.loads(out)
    assert data["matches"] == []
    assert data["conformity"][0]["regulation"] == "test-reg@2020"
