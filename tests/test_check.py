"""check: a lot against grades and scopes."""

import json
from decimal import Decimal as D

import pytest

from stdcompare.check import Result, check_lot, read_lot

from .conftest import FIXTURES

LOTS = FIXTURES / "lots"
ARGS = ["--standards", str(FIXTURES / "corpus")]


def test_toml_and_csv_lots_read_alike(fixture_corpus):
    toml = read_lot(LOTS / "wire-lot.toml", fixture_corpus.vocabulary)
    csv = read_lot(LOTS / "wire-lot.csv", fixture_corpus.vocabulary)
    assert toml.values["content.Cu"].value == csv.values["content.Cu"].value == D("99.3")
    assert toml.values["wire.diameter"].unit == "mm"
    assert toml.findings == {"radioactive_material": False, "brass_bronze": False}
    assert csv.declared == toml.declared == "test-wire@2018:W-1"


def test_meets_fails_and_margins(fixture_corpus):
    lot = read_lot(LOTS / "wire-lot.csv", fixture_corpus.vocabulary)
    std = fixture_corpus.resolve("test-wire@2018")
    verdicts = {v.code: v for v in check_lot(lot, [std], fixture_corpus.vocabulary)}
    w1 = verdicts["W-1"]
    assert w1.result is Result.FAILS
    incl = next(c for c in w1.checks if c.requirement.prop == "inclusions")
    assert (incl.result, incl.margin) == (Result.FAILS, D("-0.1"))
    cu = next(c for c in w1.checks if c.requirement.prop == "content.Cu")
    assert (cu.result, cu.margin) == (Result.MEETS, D("0.3"))


def test_units_convert_before_judging(fixture_corpus):
    lot = read_lot(LOTS / "wire-lot.toml", fixture_corpus.vocabulary)
    std = fixture_corpus.resolve("test-wire@2018")
    w1 = next(v for v in check_lot(lot, [std], fixture_corpus.vocabulary) if v.code == "W-1")
    gauge = next(c for c in w1.checks if c.requirement.prop == "wire.diameter")
    # 1.8 mm against AWG 16 = 1.2908 mm
    assert (gauge.result, gauge.margin) == (Result.MEETS, D("0.5092"))
    assert w1.result is Result.MEETS


def test_tolerance_makes_close_calls_undetermined(fixture_corpus):
    lot = read_lot(LOTS / "wire-lot.csv", fixture_corpus.vocabulary)
    std = fixture_corpus.resolve("test-wire@2018")
    w1 = next(
        v for v in check_lot(lot, [std], fixture_corpus.vocabulary, D("0.2")) if v.code == "W-1"
    )
    incl = next(c for c in w1.checks if c.requirement.prop == "inclusions")
    assert incl.result is Result.CANNOT and incl.why == "within the measurement tolerance"


def test_declared_grade_failing_exits_1(run):
    code, out, _ = run("check", str(LOTS / "wire-lot.csv"), "--in", "test-wire@2018", *ARGS)
    assert code == 1
    assert out.splitlines()[1] == "declared test-wire@2018:W-1: fails"
    assert "non-metallic inclusions < 0.5 %, measured 0.6 %, margin -0.1" in out
    code, out, _ = run("check", str(LOTS / "wire-lot.toml"), "--in", "test-wire@2018", *ARGS)
    assert code == 0 and "declared test-wire@2018:W-1: meets" in out


def test_json_lists_every_grade_and_scope(run):
    code, out, _ = run(
        "check",
        str(LOTS / "wire-lot.toml"),
        "--in",
        "test-wire@2018",
        "--in",
        "test-reg",
        "--format",
        "json",
        *ARGS,
    )
    data = json.loads(out)
    kinds = {(r["code"], r["kind"]) for r in data["results"]}
    assert ("copper-scope", "scope") in kinds and ("W-2", "grade") in kinds
    scope = next(r for r in data["results"] if r["kind"] == "scope")
    needs = [c for c in scope["checks"] if c["result"] == "needs more than the lot"]
    assert needs and needs[0]["prop"] == "quality_management"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[assay]\nCu = 'lots'\n", "'Cu' needs a number"),
        ("[assay]\nUnobtainium = 5\n", "unknown assay key 'Unobtainium'"),
        ("[findings]\ndragons = true\n", "unknown finding 'dragons'"),
        ("[assay]\nCu = { value = 1, unit = 'parsecs' }\n", "unknown unit 'parsecs'"),
    ],
)
def test_bad_lot_files_are_clear_errors(run, tmp_path, text, message):
    lot = tmp_path / "lot.toml"
    lot.write_text(text)
    code, _, err = run("check", str(lot), *ARGS)
    assert code == 2 and err.startswith(f"stdcompare: error: {lot}: {message}")
