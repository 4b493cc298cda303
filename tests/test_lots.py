"""check: a lot against grades and scopes."""

import json
from decimal import Decimal as D

import pytest

from stdcompare.lots import Result, check_lot, read_lot

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
        ("[assay]\nCu = 150\n", "'Cu' = 150 % is over 100 %"),
        ("[assay]\nCu = { value = 1200000, unit = 'ppm' }\n", "'Cu' = 1200000 ppm is over 100 %"),
        ("[assay]\nmetal_recovery = -5\n", "'metal_recovery' = -5 is below zero"),
        ("[assay]\nthickness = { value = -2, unit = 'mm' }\n", "'thickness' = -2 is below zero"),
        ("[assay]\nCu = nan\n", "'Cu' = NaN is not a number a lot can measure"),
        ("[assay]\nCu = inf\n", "'Cu' = Infinity is not a number a lot can measure"),
    ],
)
def test_bad_lot_files_are_clear_errors(run, tmp_path, text, message):
    lot = tmp_path / "lot.toml"
    lot.write_text(text)
    code, _, err = run("check", str(lot), *ARGS)
    assert code == 2 and err.startswith(f"stdcompare: error: {lot}: {message}")
    assert err.count("\n") in (1, 2)  # the error, and a hint where there is one


def test_a_key_given_twice_in_a_csv_lot_is_an_error_naming_both_lines(run, tmp_path):
    lot = tmp_path / "lot.csv"
    lot.write_text("key,value,unit\nCu,99.5,%\nPb,0.02,%\nCu,98.1,%\n")
    code, _, err = run("check", str(lot), *ARGS)
    assert code == 2
    assert err.startswith(f"stdcompare: error: {lot}:4: 'Cu' is given twice (lines 2 and 4)")


def test_a_grade_nothing_was_checked_against_is_not_met(run, tmp_path):
    """An empty assay meets no grade: a grade with no limit the lot bears on, or none held at
    all (a title only), cannot be determined, and says why."""
    lot = tmp_path / "lot.toml"
    lot.write_text("[assay]\n")
    code, out, _ = run("check", str(lot), *ARGS)
    assert code == 0
    assert "meets (0): none" in out
    assert "lot " + str(lot) + ": 0 measured values, 0 findings" in out
    data = json.loads(run("check", str(lot), *ARGS, "-f", "json")[1])
    untested = [v for v in data["results"] if v["why"]]
    assert untested and all(v["result"] == "cannot determine" for v in untested)


def test_one_element_is_one_measured_value(run, tmp_path):
    lot = tmp_path / "lot.toml"
    lot.write_text("[assay]\nCu = 99.5\n")
    out = run("check", str(lot), *ARGS)[1]
    assert out.startswith(f"lot {lot}: 1 measured values, 0 findings")


def _gauge_grade(fixture_corpus, **limit):
    """test-wire@2018's W-1 with its wire-diameter requirement replaced by `limit`."""
    from dataclasses import replace

    std = fixture_corpus.resolve("test-wire@2018")
    w1 = std.grade("W-1")
    reqs = tuple(
        replace(r, **{"lo": None, "hi": None, "si": None, **limit})
        if r.prop == "wire.diameter"
        else r
        for r in w1.requirements
    )
    return replace(std, grades=(replace(w1, requirements=reqs),))


def _diameter_check(fixture_corpus, std, value, unit):
    from stdcompare.lots import Measured

    lot = read_lot(LOTS / "wire-lot.toml", fixture_corpus.vocabulary)
    lot.values["wire.diameter"] = Measured(D(value), unit)
    (verdict,) = check_lot(lot, [std], fixture_corpus.vocabulary)
    return next(c for c in verdict.checks if c.requirement.prop == "wire.diameter")


def test_allowed_classes_are_checked_in_one_unit(fixture_corpus):
    std = _gauge_grade(fixture_corpus, unit="mm", classes=(D("1.5"), D("2.5")))
    assert _diameter_check(fixture_corpus, std, "2.5", "mm").result is Result.MEETS
    assert _diameter_check(fixture_corpus, std, "0.25", "cm").result is Result.MEETS
    failed = _diameter_check(fixture_corpus, std, "2.0", "mm")
    assert (failed.result, failed.why) == (Result.FAILS, "not one of the allowed values")


def test_a_value_in_the_excluded_range_fails(fixture_corpus):
    std = _gauge_grade(fixture_corpus, lo=D("1"), hi=D("6"), unit="mm", exclude=(D("2"), D("3")))
    assert _diameter_check(fixture_corpus, std, "1.5", "mm").result is Result.MEETS
    inside = _diameter_check(fixture_corpus, std, "2.5", "mm")
    assert (inside.result, inside.why) == (Result.FAILS, "inside the range the limit excludes")
    assert _diameter_check(fixture_corpus, std, "7", "mm").result is Result.FAILS


def test_free_of_a_measured_property_needs_a_measured_zero(fixture_corpus):
    """ISRI writes "free of moisture": a forbidden requirement on a measured property, judged
    from the assay (it once raised an IndexError: no "free_of." prefix to split off)."""
    from dataclasses import replace

    from stdcompare import model as m
    from stdcompare.lots import Measured

    std = fixture_corpus.resolve("test-wire@2018")
    dry = m.Requirement("moisture", state=m.State.FORBIDDEN)
    std = replace(std, grades=(replace(std.grade("W-1"), requirements=(dry,)),))
    lot = read_lot(LOTS / "wire-lot.toml", fixture_corpus.vocabulary)
    results = []
    for value in (None, "0", "1.5"):
        if value is not None:
            lot.values["moisture"] = Measured(D(value), "%")
        (verdict,) = check_lot(lot, [std], fixture_corpus.vocabulary)
        results.append(next(c.result for c in verdict.checks if c.requirement is dry))
    assert results == [Result.CANNOT, Result.MEETS, Result.FAILS]


def test_a_measured_thickness_answers_minimum_and_maximum_limits(tmp_path, run):
    lot = tmp_path / "plate.toml"
    lot.write_text('[assay]\nthickness = { value = 5, unit = "mm" }\n', encoding="utf-8")
    code, out, _ = run("check", str(lot), "--in", "efr-steel@2007", "-f", "json")
    assert code == 0
    checks = {
        (v["code"], c["prop"]): c["result"]
        for v in json.loads(out)["results"]
        for c in v["checks"]
        if c["prop"].startswith("thickness")
    }
    assert checks[("E3", "thickness.min")] == "fails"  # old thick steel: over 6 mm
    assert checks[("E8", "thickness.max")] == "fails"  # new thin steel: under 3 mm


def test_a_margin_is_printed_with_the_unit_it_is_in(run, tmp_path):
    """Margins are worked out in the canonical unit of the two compared: a lot measured in
    ppm against a limit in % has its margin in %; nothing is left for the reader to guess."""
    lot = tmp_path / "lot.toml"
    lot.write_text('[assay]\nCu = { value = 985000, unit = "ppm" }\n')
    out = run("check", str(lot), "--as-of", "2026-11-28")[1]
    assert "content of copper ≥ 99 %, measured 985000 ppm, margin -0.5 % — outside" in out


@pytest.mark.parametrize("value", ["-1", "abc", "nan", "inf"])
def test_a_tolerance_that_is_no_uncertainty_is_one_error_line(run, value):
    code, out, err = run("check", str(LOTS / "wire-lot.toml"), *ARGS, "--tolerance", value)
    assert (code, out) == (2, "")
    assert err.startswith(f"stdcompare: error: --tolerance '{value}' is not a measurement")
    assert "\nhint: " in err


# --- a lot check that answers (issue 22) ----------------------------------------------------

COPPER_LOT = """declared = "gbt-38471@2023:RCu-2A"
[assay]
Cu = 95.8
inclusions = 0.4
[findings]
radioactive = false
"""


@pytest.fixture
def copper_lot(tmp_path):
    lot = tmp_path / "copper.toml"
    lot.write_text(COPPER_LOT, encoding="utf-8")
    return lot


def test_a_copper_lot_is_checked_against_copper_grades(run, copper_lot):
    """95.8 % Cu: the steel, aluminium and lead grades are left out, and it says so."""
    code, out, _ = run("check", str(copper_lot), "-f", "json")
    data = json.loads(out)
    assert "copper" in data["families"] and data["left_out"] > 50
    codes = {r["code"] for r in data["results"]}
    assert {"Cobra", "RCu-1B"} <= codes and not {"200", "E3", "Zorba", "HRS101"} & codes
    text = run("check", str(copper_lot))[1]
    assert f"{data['left_out']} grades of other families left out" in text


def test_family_can_be_chosen(run, copper_lot):
    data = json.loads(run("check", str(copper_lot), "--family", "brass", "-f", "json")[1])
    assert data["families"] == ["brass"]
    assert all(r["code"] != "Cobra" for r in data["results"])
    code, _, err = run("check", str(copper_lot), "--family", "coper")
    assert code == 2 and "unknown family" in err


def test_failures_come_first_nearest_miss_first_and_the_declared_grade_is_marked(run, copper_lot):
    out = run("check", str(copper_lot))[1].splitlines()
    fails = out.index(next(line for line in out if line.startswith("fails (")))
    unsure = out.index(next(line for line in out if line.startswith("cannot determine (")))
    assert fails < unsure  # every failure shown before the undeterminable
    failed = out[fails + 1 : unsure]
    assert failed[0].startswith("  isri-circular@2024:Cobra: ")  # ≥ 97 %: missed by 1.2
    margins = [float(line.split("margin ")[1].split()[0]) for line in failed if "margin" in line]
    assert margins == sorted(margins, reverse=True)  # nearest first
    assert any(line.startswith("  gbt-38471@2023:RCu-2A ← declared") for line in failed)


def test_findings_take_the_words_people_use(run, tmp_path):
    lot = tmp_path / "lot.toml"
    lot.write_text(
        '[assay]\nCu = 99\n[findings]\nradioactive = false\n"sealed containers" = false\n'
    )
    code, out, _ = run("check", str(lot), "-f", "json")
    assert code == 0
    lot.write_text("[assay]\nCu = 99\n[findings]\nglowing = false\n")
    code, _, err = run("check", str(lot))
    assert code == 2 and "stdcompare vocabulary contaminants" in err


def test_the_vocabulary_command_lists_the_keys(run):
    code, out, _ = run("vocabulary", "contaminants")
    assert code == 0 and any(line.startswith("radioactive_material ") for line in out.splitlines())
    data = json.loads(run("vocabulary", "families", "-f", "json")[1])
    assert {"key": "brass", "en": "brass", "zh": "黄铜", "aliases": []} in data


@pytest.mark.parametrize(
    ("declared", "shown"),
    [
        ("ISRI Birch", "declared isri-circular@2024:Birch"),
        ("isri:Birch", "declared isri-circular@2024:Birch"),
        ("GB/T 38471-2019 RCu-1A", "declared gbt-38471@2019:RCu-1A"),
    ],
)
def test_a_lot_declares_its_grade_as_traders_write_it(run, tmp_path, declared, shown):
    lot = tmp_path / "lot.toml"
    lot.write_text(f'declared = "{declared}"\n[assay]\nCu = 95.8\n', encoding="utf-8")
    code, out, err = run("check", str(lot), "--as-of", "2026-01-01")
    assert code in (0, 1), err
    assert out.splitlines()[1].startswith(shown + ":")


def test_a_declared_grade_is_never_guessed_nor_a_file(run, tmp_path):
    lot = tmp_path / "lot.toml"
    lot.write_text('declared = "ISRI Birchh"\n[assay]\nCu = 95.8\n', encoding="utf-8")
    code, out, err = run("check", str(lot))
    assert code == 2 and out == ""
    assert err.startswith("stdcompare: error: ") and "declared" in err


def test_a_failure_against_a_doubted_limit_says_so(fixture_corpus):
    """W-1's inclusions < 0.5 % fails a lot at 0.6 %; held as uncertain (the source may mean
    another part of the grade, or ≤ for <), the failure says the limit is in doubt."""
    from dataclasses import replace

    lot = read_lot(LOTS / "wire-lot.csv", fixture_corpus.vocabulary)
    std = fixture_corpus.resolve("test-wire@2018")
    grade = std.find_grade("W-1")
    doubted = tuple(
        replace(r, uncertain="column order unclear") if r.prop == "inclusions" else r
        for r in grade.requirements
    )
    std = replace(std, grades=(replace(grade, requirements=doubted),))
    w1 = check_lot(lot, [std], fixture_corpus.vocabulary)[0]
    incl = next(c for c in w1.checks if c.requirement.prop == "inclusions")
    assert (incl.result, incl.margin) == (Result.FAILS, D("-0.1"))
    assert incl.why == "outside a limit held as uncertain: check the official text"


@pytest.mark.parametrize(
    ("assay", "family"),
    [("Fe = 96", "steel"), ('Cu = { value = 958000, unit = "ppm" }', "copper")],
)
def test_the_main_element_as_labs_write_it_picks_the_family(
    fixture_corpus, tmp_path, assay, family
):
    from stdcompare.lots import lot_families

    path = tmp_path / "lot.toml"
    path.write_text(f"[assay]\n{assay}\n", encoding="utf-8")
    lot = read_lot(path, fixture_corpus.vocabulary)
    assert family in lot_families(lot, fixture_corpus.vocabulary)


def test_a_free_of_line_says_it_once(run, tmp_path):
    """'free of explosives — not inspected for', not '… must be free of it — …'."""
    lot = tmp_path / "lot.toml"
    lot.write_text('declared = "ISRI Birch"\n[assay]\nCu = 96\n', encoding="utf-8")
    for lang in ("en", "zh"):
        out = run("check", str(lot), "--as-of", "2026-01-01", "--lang", lang)[1]
        assert "must be free of it —" not in out and "不得含有 —" not in out
        assert ("free of brass and bronze —" if lang == "en" else "不得含有黄铜和青铜") in out
