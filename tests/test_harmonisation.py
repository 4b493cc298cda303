"""stdcompare harmonise (issue 23): the common ground of several systems' grades, property by
property, on real grades of the corpus and on a hand-made case with a real conflict."""

from __future__ import annotations

import json

import pytest

import stdcompare
from stdcompare.errors import StdcompareError
from stdcompare.harmonisation import ORDER, Status

# A second made-up system whose No. 2 wire caps copper below the test standard's floor (the
# test standard's W-1 asks Cu ≥ 99.0 %): no lot can be both. Written for this test.
OTHER = """\
format = 1
key = "test-other"
edition = "2022"
designation = "TEST OTHER 2022"
kind = "product-standard"
status = "current"
effective = 2022-01-01
grade_list = "complete"
families = ["copper"]
evidence = ["doc"]
title.en = "Another made-up copper scrap standard"

[sources.doc]
address = "https://example.invalid/test-other-2022"
tier = "official"

[[grades]]
code = "X-2"
names.en = "No. 2 wire"
forms = ["wire"]
text = "full"
evidence = ["doc"]

[[grades.requirements]]
prop = "content.Cu"
le = 98.0
unit = "%"
where = "Table 3"
evidence = ["doc"]

[[grades.requirements]]
prop = "inclusions"
le = 1.0
unit = "%"
where = "Table 3"
evidence = ["doc"]
"""


@pytest.fixture(scope="module")
def corpus():
    return stdcompare.load_corpus()


def _row(found, prop: str):
    return next(r for r in found.rows if r.prop == prop)


def test_copper_wire_across_isri_and_gbt(corpus):
    found = stdcompare.harmonise(
        ["isri-circular:Birch", "gbt-38471@2019:RCu-1B", "gbt-38471@2019:RCu-1C"], corpus=corpus
    )
    copper = _row(found, "content.Cu")
    assert copper.status is Status.DIFFER and copper.decisive
    assert (copper.common, copper.envelope) == ("≥ 99 %", "≥ 94 %")  # Birch ≥ 94, RCu-1* ≥ 99
    assert "adopt ≥ 99 %" in copper.settle
    # ISRI's free-of list against GB/T grades held in part: unknown, never "no limit"
    iron = _row(found, "free_of.iron")
    assert iron.status is Status.UNKNOWN and iron.envelope == "unknown"
    assert [ORDER.index(r.status) for r in found.rows] == sorted(
        ORDER.index(r.status) for r in found.rows
    )


def test_steel_across_isri_efr_japan_and_gbt_reconciles_units(corpus):
    grades = ["isri-circular:200", "efr-steel:E3", "jp-iron-scrap:HS", "gbt-39733@2020:HRS101"]
    found = stdcompare.harmonise(grades, corpus=corpus)
    thickness = _row(found, "thickness.min")
    # 1/4 in (6.35 mm), > 6 mm, ≥ 6 mm, ≥ 6.0 mm: one limit printed in two units
    assert thickness.status is Status.AGREE
    assert (thickness.common, thickness.envelope) == ("≥ 6.35 mm", "≥ 6 mm")
    box = _row(found, "dimension.max")
    # 60 × 24 in, 1.5 × 0.5 × 0.5 m, 700 × 500 mm, 1500 × 600 mm: the smallest side by side
    assert box.status is Status.DIFFER and box.common == "≤ 700 × 500 × 500 mm"
    assert box.envelope == "no limit"  # two boxes do not limit the third side


def test_a_real_conflict_comes_first(tmp_path):
    (tmp_path / "test-other-2022.toml").write_text(OTHER, encoding="utf-8")
    from .conftest import FIXTURES

    corpus = stdcompare.load_corpus(FIXTURES / "corpus", tmp_path, bundled=False)
    found = stdcompare.harmonise(["test-wire@2018:W-1", "test-other:X-2"], corpus=corpus)
    first = found.rows[0]
    assert first.prop == "content.Cu" and first.status is Status.CONFLICT
    # any lot qualifies under one of the two: the envelope has no limit left
    assert first.common.startswith("none") and first.envelope == "no limit"
    assert "W-1 ≥ 99.0 % against test-other@2022:X-2 ≤ 98.0 %" in first.settle
    assert [r.prop for r in found.conflicts] == ["content.Cu"]
    inclusions = _row(found, "inclusions")  # < 0.5 % (W-1) and ≤ 1 %: the stricter is common
    assert inclusions.status is Status.DIFFER and inclusions.common == "< 0.5 %"


def test_the_command_in_text_json_and_markdown(run):
    grades = ["isri-circular:Birch", "gbt-38471@2019:RCu-1C"]
    code, out, _ = run("harmonise", *grades)
    assert code == 0 and "DIFFER    content of copper (content.Cu)   decisive" in out
    code, out, _ = run("harmonise", *grades, "--format", "json")
    data = json.loads(out)
    row = next(r for r in data["requirements"] if r["prop"] == "content.Cu")
    assert {"prop", "sides", "common", "envelope", "status"} <= set(row)
    assert (
        row["sides"][1]["requirement"]["text"] == "≥ 99 %" and data["grades"][0]["code"] == "Birch"
    )
    assert data["conflicts"] == []
    code, out, _ = run("harmonise", *grades, "--format", "md")
    assert code == 0 and out.startswith("## Harmonising") and "| differ (decisive) |" in out


@pytest.mark.parametrize(
    ("grades", "said"),
    [
        (["isri-circular:Birch", "efr-steel:E3"], "families that do not meet"),
        (["isri-circular:Birch"], "two grades or more"),
        (["isri-circular:Birch", "isri-circular:Brich"], "has no grade 'Brich'"),
        (["isri-circular:Birch", "isri-circular:Birch"], "named twice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run, grades, said):
    code, _, err = run("harmonise", *grades)
    assert code == 2 and said in err and "Traceback" not in err


def test_copper_and_its_alloys_may_be_harmonised(corpus):
    found = stdcompare.harmonise(["isri-circular:Honey", "en-12861:S-CuZn-4"], corpus=corpus)
    assert found.rows
    with pytest.raises(StdcompareError):
        stdcompare.harmonise(["isri-circular:Honey", "efr-steel:E40"], corpus=corpus)


def test_a_draft_of_the_common_ground_that_the_tools_read(run, tmp_path):
    """--to-toml writes one grade whose requirements are the common ground, each citing the
    sources of the grades it came from; validate reads it without error, and compare, lookup
    and check set it against the systems (issue 23)."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    draft = folder / "draft.toml"
    grades = ["isri-circular:Birch", "gbt-38471@2019:RCu-1B", "gbt-38471@2019:RCu-1C"]
    code, _, err = run("harmonise", *grades, "--to-toml", "-o", str(draft))
    assert code == 0, err
    text = draft.read_text(encoding="utf-8")
    assert 'kind = "harmonised-draft"' in text and 'status = "draft"' in text
    assert 'prop = "content.Cu"\nge = 99\nunit = "%"' in text
    assert "[sources.gbt-38471-2019-davis]" in text  # a number keeps the address it came from
    code, out, err = run("validate", str(draft))
    assert code == 0 and "0 errors" in err
    code, out, _ = run("compare", str(draft), "gbt-38471@2019")
    assert code == 0 and "RCu-1B" in out
    code, out, _ = run(
        "lookup", "harmonised-draft:H-1", "--standards", str(folder), "--in", "isri-circular"
    )
    assert code == 0 and out.startswith("H-1 — Harmonised draft")
    code, _, err = run("harmonise", *grades, "--to-toml", "-o", str(draft))
    assert code == 2 and "already exists" in err  # a draft is never overwritten


def test_a_conflict_is_an_unknown_of_the_draft_not_a_limit(tmp_path):
    from stdcompare.harmonised_draft import draft

    from .conftest import FIXTURES

    (tmp_path / "test-other-2022.toml").write_text(OTHER, encoding="utf-8")
    corpus = stdcompare.load_corpus(FIXTURES / "corpus", tmp_path, bundled=False)
    found = stdcompare.harmonise(["test-wire@2018:W-1", "test-other:X-2"], corpus=corpus)
    from datetime import date

    std = draft(found, "committee-draft", "H-1", date(2026, 12, 7))
    assert [u.what for u in std.unknowns] == ["content.Cu"]
    assert "content.Cu" not in {r.prop for r in std.grades[0].requirements}
    inclusions = next(r for r in std.grades[0].requirements if r.prop == "inclusions")
    assert inclusions.hi == 0.5 and not inclusions.hi_inclusive and inclusions.evidence


def test_grades_of_different_families_are_harmonised_with_a_warning(run):
    """Copper wire and brass may meet, but 'free of brass' beside a brass grade is no one
    material's common ground: said on stderr; two copper grades raise nothing."""
    code, _, err = run("harmonise", "isri:Birch", "gbt-38471@2019:RCu-1C", "en-12861:S-CuZn-1")
    assert code == 0
    assert "stdcompare: warning: the grades are of different families (copper, brass)" in err
    code, _, err = run("harmonise", "isri:Birch", "gbt-38471@2019:RCu-1C")
    assert code == 0 and "warning" not in err
