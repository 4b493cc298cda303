"""The command line: exact messages and exit codes (0 ok, 1 check failed, 2 usage or input)."""

import json
import re

import pytest

from stdcompare import __version__
from stdcompare.cli import app

from .conftest import FIXTURES, REPO

FIXTURE_DIR = str(FIXTURES / "corpus")


def test_version(run):
    assert run("--version") == (0, f"stdcompare {__version__}\n", "")


def test_every_command_has_an_example_in_its_help(run):
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"list", "show", "parse", "validate", "schema", "report"} <= set(commands)
    for name in commands:
        code, out, _ = run(name, "--help")
        assert code == 0
        assert re.search(rf"Example:\s+stdcompare {name}\b", out), name


def test_a_run_builds_only_the_command_it_names():
    from stdcompare.console import _app_for

    (only,) = _app_for(["lookup", "Berry", "--as-of", "2024-01-01"]).registered_commands
    assert only.callback.__name__ == "lookup"
    assert _app_for(["list"]).registered_commands[0].name == "list"
    for whole in ([], ["--help"], ["lst"]):  # the list of commands and the suggestions
        assert _app_for(whole) is app


def test_no_arguments_prints_help(run):
    code, out, _ = run()
    assert code == 0 and "Commands" in out


def test_unknown_command_is_one_line_and_a_hint(run):
    code, out, err = run("lst")
    assert code == 2 and out == ""
    assert err == (
        "stdcompare: error: No such command 'lst'. Did you mean 'list'?\n"
        "hint: see 'stdcompare --help'\n"
    )


def test_unknown_standard(run):
    code, _, err = run("show", "gbt-3847")
    assert code == 2
    assert err.splitlines()[0] == "stdcompare: error: unknown standard 'gbt-3847'"
    assert "'gbt-38471'" in err.splitlines()[1] and err.splitlines()[1].startswith(
        "hint: did you mean"
    )


def test_unknown_grade_names_partial_lists(run):
    code, _, err = run("show", "gbt-38471@2023", "RCu-9Z")
    assert code == 2
    assert err.splitlines()[0] == "stdcompare: error: gbt-38471@2023 has no grade 'RCu-9Z'"
    assert "only partly transcribed" in err


def test_bad_as_of(run):
    code, _, err = run("show", "gbt-38471", "--as-of", "yesterday")
    assert (code, err.splitlines()[0]) == (
        2,
        "stdcompare: error: --as-of 'yesterday' is not a date",
    )


def test_list_text_and_json(run):
    code, out, _ = run("list", "--standards", FIXTURE_DIR)
    assert code == 0
    assert "* test-wire@2021" in out and "  test-wire@2018" in out
    code, out, _ = run("list", "--format", "json", "--standards", FIXTURE_DIR)
    rows = {r["ref"]: r for r in json.loads(out)}
    assert rows["test-wire@2021"]["in_force"] and not rows["test-wire@2018"]["in_force"]
    assert rows["gbt-38471@2019"]["grades"] == 11


def test_list_by_family(run):
    code, out, _ = run("list", "--family", "copper_alloy", "--format", "json")
    refs = {r["ref"] for r in json.loads(out)}
    assert "isri-circular@2022" in refs and not any(r.startswith("gbt-38471") for r in refs)


def test_show_grade_text_and_json(run):
    code, out, _ = run("show", "test-wire@2018", "W-1", "--standards", FIXTURE_DIR)
    assert code == 0
    assert out.startswith("W-1 — No. 1 bare wire / 1号光亮线\n")
    assert "content of copper          ≥ 99.0 %  electrolytic assay" in out
    assert "wire diameter              ≥ 16 AWG  (= 1.2908 mm)" in out
    assert "free of radioactive material" in out and "(inherited)" in out
    code, out, _ = run("show", "test-wire@2018:W-2", "--format", "json", "--standards", FIXTURE_DIR)
    data = json.loads(out)
    assert data["standard"] == "test-wire@2018" and data["code"] == "W-2"
    cu = data["requirements"][0]
    assert (cu["lo"], cu["nominal"], cu["uncertain"]) == ("94", "96", "one trade paper only")
    props = [r["prop"] for r in data["effective_requirements"]]
    assert props[0] == "free_of.radioactive_material" and "inclusions" in props


def test_show_standard_json_has_grades_with_string_codes(run):
    code, out, _ = run("show", "gbt-38471@2019", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["ref"] == "gbt-38471@2019"
    assert [g["code"] for g in data["grades"]][:3] == ["RCu-1A", "RCu-1B", "RCu-1C"]
    assert all(isinstance(g["code"], str) for g in data["grades"])


def test_parse_to_json_and_toml(run, tmp_path):
    source = str(FIXTURES / "corpus" / "wire-spec-2018.toml")
    code, out, _ = run("parse", source)
    assert code == 0 and json.loads(out)["ref"] == "test-wire@2018"
    code, out, _ = run("parse", source, "--to", "toml")
    assert code == 0 and out.startswith("# Draft written by stdcompare")
    draft = tmp_path / "draft.toml"
    draft.write_text(out, encoding="utf-8")
    code, again, _ = run("parse", str(draft))
    first = json.loads(run("parse", source)[1])
    second = json.loads(again)
    first.pop("origin"), second.pop("origin")
    assert first == second


def test_parse_refuses_what_no_parser_reads(run, tmp_path):
    odd = tmp_path / "notes.txt"
    odd.write_text("just some words\n")
    code, _, err = run("parse", str(odd))
    assert code == 2
    assert err.splitlines()[0] == f"stdcompare: error: {odd}: no parser recognises this document"
    code, _, err = run("parse", str(tmp_path / "missing.toml"))
    assert (code, err.splitlines()[0]) == (
        2,
        f"stdcompare: error: no such file: {tmp_path / 'missing.toml'}",
    )


def test_parse_malformed_file_names_the_line(run, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'format = 1\nkey = "x"\nedition = "1"\ndesignation = "X"\n'
        'kind = "regulation"\n\n[[grades]]\ncode = "A"\nwhat = 1\n'
    )
    code, _, err = run("parse", str(bad))
    assert code == 2
    assert err == (
        f"stdcompare: error: {bad}:9: grades[0].what: unknown key 'what'\n"
        "hint: stdcompare docs format\n"
    )


def test_validate_clean_corpus_exits_0_with_coverage(run):
    code, out, err = run("validate")
    assert code == 0
    assert "error:" not in out
    assert re.search(r"^gbt-38471@2019\s+complete\s+11\s", out, re.MULTILINE)
    assert "warning: " in out  # uncertain and unknown values are reported
    assert re.search(r"\d+ files, 0 errors, \d+ warnings", err)


def test_validate_broken_file_exits_1(run, tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'format = 1\nkey = "x"\nedition = "1"\ndesignation = "X"\n'
        'kind = "regulation"\n\n[[requirements]]\nprop = "moisture"\nle = 2\n'
        'unit = "%"\n'
    )
    code, out, err = run("validate", str(bad))
    assert code == 1
    assert out.splitlines()[0] == (
        f"error: {bad}:7: requirements[0]: 'moisture' states a number without evidence"
    )
    assert "1 file, 1 error, 0 warnings" in err


def test_validate_missing_path_is_a_usage_error(run, tmp_path):
    code, _, err = run("validate", str(tmp_path / "nope"))
    assert code == 2 and err.startswith("stdcompare: error: no such file or folder")


def test_schema_is_json_schema(run):
    code, out, _ = run("schema")
    schema = json.loads(out)
    assert code == 0 and schema["$schema"].endswith("2020-12/schema")
    assert "grades" in schema["properties"] and "Requirement" in schema["$defs"]


@pytest.mark.slow  # the whole corpus's report: seconds
@pytest.mark.parametrize("args", [["report"], ["report", "--all-editions"]])
def test_report_writes_one_html_file(run, tmp_path, args):
    out_file = tmp_path / "r.html"
    code, out, err = run(*args, "-o", str(out_file))
    assert code == 0 and out == "" and err == f"wrote {out_file}\n"
    html = out_file.read_text()
    assert html.startswith("<!DOCTYPE html>") and "GB/T 38471" in html
    assert ("gbt-38471-2019" in html) == ("--all-editions" in args)


def test_report_into_missing_folder(run, tmp_path):
    code, _, err = run("report", "-o", str(tmp_path / "no" / "r.html"))
    assert code == 2 and "does not exist" in err


def test_parse_writes_a_new_draft_and_never_overwrites(run, tmp_path):
    source = str(FIXTURES / "corpus" / "wire-spec-2018.toml")
    draft = tmp_path / "draft.toml"
    assert run("parse", source, "--to", "toml", "-o", str(draft)) == (0, "", f"wrote {draft}\n")
    assert draft.read_text().startswith("# Draft written by stdcompare")
    code, _, err = run("parse", source, "--to", "toml", "-o", str(draft))
    assert code == 2 and err.splitlines()[0] == f"stdcompare: error: {draft} already exists"


def test_show_a_regulation_lists_its_scopes_and_criteria(run):
    code, out, _ = run("show", "test-reg", "--standards", FIXTURE_DIR)
    assert code == 0
    assert "  scope copper-scope: Copper scrap (covers: copper, copper_alloy)" in out
    assert re.search(r"foreign material .* < 2 %", out)
    assert "one of the alternatives 'metal'" in out


def test_list_by_an_unknown_family_is_an_error_with_suggestions(run):
    code, out, err = run("list", "--family", "coppr")
    assert (code, out) == (2, "")
    assert err.startswith("stdcompare: error: unknown family 'coppr'")
    assert "did you mean 'copper'" in err


# Every command's answer, written by the extension of -o (issue 17): (arguments, extension,
# what the file starts with). The fixture corpus keeps them small and steady.
BY_EXTENSION = [
    (["list"], ".json", "["),
    (["list"], ".txt", "*"),
    (["show", "test-wire", "W-2"], ".json", "{"),
    (["lookup", "W-2", "--in", "isri-circular"], ".csv", "a_standard,"),
    (["lookup", "W-2", "--in", "isri-circular"], ".json", "{"),
    (["compare", "test-wire", "isri-circular"], ".md", "#"),
    (["compare", "test-wire", "isri-circular"], ".html", "<!DOCTYPE html>"),
    (["diff", "test-wire@2018", "test-wire@2021", "--exit-zero"], ".html", "<!DOCTYPE"),
    (["diff", "test-wire@2018", "test-wire@2021", "--exit-zero"], ".xml", "<?xml"),
    (["diff", "test-wire@2018", "test-wire@2021", "--exit-zero"], ".md", "#"),
    (["vocabulary", "families"], ".json", "["),
    (["schema"], ".json", "{"),
    (["docs", "lot"], ".md", "#"),
    (["validate", FIXTURE_DIR], ".json", "{"),
    (["recognise", "--family", "copper"], ".csv", ""),
    (["recognise", "--family", "copper"], ".html", "<!DOCTYPE html>"),
]


@pytest.mark.parametrize("args, ext, start", BY_EXTENSION, ids=lambda v: str(v)[:30])
def test_every_command_writes_the_format_its_file_name_says(run, tmp_path, args, ext, start):
    target = tmp_path / f"answer{ext}"
    plain = args[0] in ("schema", "docs", "vocabulary", "validate")  # no corpus, no day
    where = [] if plain else ["--standards", FIXTURE_DIR, "--as-of", "2024-06-01"]
    code, out, err = run(*args, *where, "-o", str(target))
    assert code in (0, 1) and out == "", err
    assert f"wrote {target}" in err
    text = target.read_text(encoding="utf-8")
    assert text.startswith(start) and text.strip()
    if ext == ".json":
        json.loads(text)


def test_a_format_a_command_does_not_offer_is_a_usage_error_before_any_work(run):
    code, out, err = run("list", "--format", "junit")
    assert (code, out) == (2, "")
    assert "'junit' is not one of 'text', 'json'" in err.splitlines()[0]


def test_a_file_name_naming_a_format_the_command_lacks_says_which_it_has(run, tmp_path):
    code, out, err = run("list", "-o", str(tmp_path / "standards.csv"))
    assert (code, out) == (2, "")
    named = tmp_path / "standards.csv"
    assert err.splitlines() == [
        f"stdcompare: error: this command has no csv output (asked for by {named})",
        "hint: give --format text or json, or name a file .txt or .json",
    ]
    assert not (tmp_path / "standards.csv").exists()


def test_a_dash_for_output_is_standard_output(run):
    code, out, err = run("list", "--standards", FIXTURE_DIR, "-f", "json", "-o", "-")
    assert (code, err) == (0, "")
    assert json.loads(out)[0]["ref"]


def test_format_names_are_read_in_any_case_and_help_has_a_short_flag(run):
    code, out, _ = run("list", "--standards", FIXTURE_DIR, "--format", "JSON")
    assert code == 0 and json.loads(out)
    code, out, _ = run("list", "-h")
    assert code == 0 and "--format" in out


MORE = ["--standards", FIXTURE_DIR, "--standards", str(FIXTURES / "gold-corpus")]


def test_excel_on_an_output_that_is_not_csv_says_it_did_nothing(run):
    code, out, err = run("list", "--standards", FIXTURE_DIR, "--format", "json", "--excel")
    assert code == 2  # list has no CSV: --excel is not one of its options
    code, out, err = run("lookup", "W-2", "--in", "test-wire@2018", *MORE, "--excel")
    assert code == 0 and not out.startswith("\ufeff")
    assert err == "note: --excel shapes CSV only; the text output is written as it is\n"


def test_lookup_sheet_keeps_the_pairs_worth_a_row_unless_all_are_asked_for(run):
    base = ("lookup", "W-2", "--standards", FIXTURE_DIR, "--as-of", "2024-06-01", "-f", "csv")
    rows = run(*base)[1].splitlines()
    every = run(*base, "--all")[1].splitlines()
    assert len(every) > len(rows) > 1  # a header and one pair at least
    assert all(",none," not in row for row in rows[1:])
    assert any(",none," in row for row in every[1:])


def test_a_failed_floor_of_evaluate_is_said(run, tmp_path):
    labels = str(REPO / "tests" / "labels" / "copper.csv")
    code, out, err = run("evaluate", labels, "--min-recall", "0.99", "-o", str(tmp_path / "e.json"))
    assert code == 1
    assert re.search(r"^recall \d\.\d\d is below --min-recall 0\.99$", err, re.M), err


def test_a_folder_validated_is_the_base_of_its_own_amendments(run):
    """wire-spec-2021 amends test-wire@2018, which lies in the same folder: no --standards
    needed to say so."""
    code, out, err = run("validate", FIXTURE_DIR)
    assert code == 0, out
    assert "amends" not in out and err.endswith(", 0 errors, 7 warnings\n")


def test_errors_are_said_in_the_language_asked_or_the_locales(run, monkeypatch):
    code, out, err = run("list", "--as-of", "2020-13-01", "--lang", "zh")
    assert (code, out) == (2, "")
    assert err.splitlines()[0].startswith("stdcompare: 错误：--as-of")
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    code, out, err = run("list", "--bogus")  # typer's own error, before --lang is read
    assert code == 2 and err.splitlines()[0] == "stdcompare: 错误：没有选项 --bogus"
    code, out, err = run("list", "--bogus", "--lang", "en")  # --lang wins over the locale
    assert err.splitlines()[0] == "stdcompare: error: No such option: --bogus"
