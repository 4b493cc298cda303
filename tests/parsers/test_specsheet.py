"""The spec-sheet reader (issue 19) on other bodies' specifications as PDF text. The fixtures are
what pdftotext (or, for the PDF, the project's own PDF reader) gives of pages laid out after
their kind and written in our own words: an EFR-style grade table (`pdftotext -layout`), a
glass-cullet criteria annex, a national standard's grade page (a made-up number: IS 99999) and
a buyer's purchasing sheet."""

import json
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdcompare import model as m
from stdcompare.errors import StdcompareError
from stdcompare.parsers import detect, specsheet, specsheet_lines
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

from ..conftest import FIXTURES

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")
DOCS = FIXTURES / "docs"


def parse(name: str):
    path = DOCS / name
    result = specsheet.PARSER.parse(path.read_bytes(), path, VOCAB)
    print(f"{name}: coverage {result.coverage:.0%} of {result.units_total} units")
    return result


def one(item, prop):
    found = [r for r in item.requirements if r.prop == prop]
    assert len(found) == 1, f"{prop} in {[r.prop for r in item.requirements]}"
    return found[0]


def test_buyer_sheet_grades_sentences_and_places():
    result = parse("sheet-buyer.txt")
    std = result.standard
    assert std.key == "northgate-foundry-ltd-purchasing-specification-for-aluminium"
    assert (std.edition, std.effective, std.issued) == ("2024", date(2024, 3, 15), None)
    assert std.designation == "Document PS-AL-07"
    assert std.families == ("aluminium",)
    assert [g.code for g in std.grades] == ["Grade A", "Grade B"]
    grade_a = std.grade("Grade A")
    assert grade_a.name() == "Clean 6063 extrusions" and grade_a.where == "line 3"
    iron = one(grade_a, "impurity.Fe")
    assert (iron.hi, iron.unit, iron.where) == (D("0.35"), "%", "line 4")  # "shall not exceed"
    assert iron.text == "Iron content shall not exceed 0.35 %."
    oil = one(grade_a, "oil")
    assert (oil.hi, oil.unit) == (D("1500"), "ppm")  # "1 500 ppm" is one number
    moisture = one(grade_a, "moisture")  # the clause after ';' says what happens past it
    assert (moisture.lo, moisture.hi) == (None, D("1"))
    assert moisture.consequence is m.Consequence.DEDUCT
    assert one(std.grade("Grade B"), "impurity.Cu").hi == D("0.25")
    # every sentence is kept with its grade and line, read or not
    notes = {(n.where, n.text) for n in std.notes}
    assert ("Grade A, line 4", "Zinc max. 0.10 %.") in notes
    assert ("Grade B, line 8", "New production clippings of 3xxx and 5xxx alloys.") in notes
    assert all(n.verbatim for n in std.notes)
    assert 0.7 < result.coverage < 1.0


def test_the_same_sheet_as_a_pdf_goes_to_the_sheet_reader():
    path = DOCS / "sheet-buyer.pdf"
    result = detect.parse(path, "auto", _Corpus())
    std = result.standard
    assert "read by the sheet parser" in result.warnings[0]
    assert std.key.startswith("northgate-foundry") and std.edition == "2024"
    assert [g.code for g in std.grades] == ["Grade A", "Grade B"]
    assert one(std.grade("Grade A"), "oil").hi == D("1500")


def test_a_grade_table_laid_out_in_columns():
    result = parse("sheet-efr-table-layout.txt")
    std = result.standard
    assert (std.key, std.edition, std.issued) == (
        "eu-27-steel-scrap-specification", "2007", date(2007, 4, 1)
    )  # fmt: skip
    assert [g.code for g in std.grades] == ["E3", "E1", "E40"]
    assert one(std.grade("E3"), "thickness.min").lo == D("6")
    assert one(std.grade("E1"), "thickness.max").hi == D("6")
    e40 = std.grade("E40")
    assert one(e40, "bulk_density").lo == D("0.9")
    assert one(e40, "impurity.Cu").hi == D("0.250") and one(e40, "impurity.Sn").hi == D("0.020")
    # "Max. 1.5 x 0.5 x 0.5 m" is a size in three dimensions: not read as one length
    assert not any(r.prop.startswith("dimension") for r in std.grade("E3").requirements)
    assert any("line 9: a size in three dimensions" in w for w in result.warnings)
    # a limit on a sum of elements is not read as the last element's
    assert "impurity.Mo" not in {r.prop for g in std.grades for r in g.requirements}
    assert any("sum of elements (Cu + Sn + Cr + Ni + Mo)" in w for w in result.warnings)
    cells = {n.text for n in std.notes if n.where == "E1, line 13"}
    assert "Sterile: Sterile not more than 1.5 %" in cells  # joined over the row's lines
    assert "Description: Old thin steel scrap, maximum thickness 6 mm." in cells
    assert {"free_of.oil", "free_of.explosives"} <= {r.prop for r in std.requirements}


def test_an_annex_of_criteria_undated_with_sieve_and_conditions():
    result = parse("sheet-glass-annex.txt")
    std = result.standard
    assert std.key == "criteria-for-glass-cullet-ceasing-to-be-waste"
    assert std.edition == "undated"
    assert any("no date or year found" in w for w in result.warnings)
    assert std.grades == ()
    fines = one(std, "fines")
    assert (fines.hi, fines.unit) == (D("5"), "%")
    assert fines.qualifier == "passing a sieve with an opening size of 50 mm"
    assert not any(r.unit == "mm" for r in std.requirements)  # the opening is no size limit
    # limits that differ by cullet size are not read as one limit, nor as a size
    assert "particle_size" not in {r.prop for r in std.requirements}
    assert any("line 7: limits that hold under a condition" in w for w in result.warnings)
    # "ferrous metals: ≤ 50 ppm" is not the metal content of the cullet
    assert "metal_content" not in {r.prop for r in std.requirements}
    assert any("'ferrous metals'" in w for w in result.warnings)
    assert any(n.text.startswith("— non-metal non-glass inorganics: ≤ 100 ppm") for n in std.notes)


def test_a_national_standards_page_with_numbered_grades():
    result = parse("sheet-indian-standard-layout.txt")
    std = result.standard
    assert std.title == {"en": "BRASS SCRAP FOR REMELTING — SPECIFICATION"}
    assert (std.key, std.edition, std.designation) == (
        "brass-scrap-for-remelting-specification", "2019", "IS 99999 : 2019"
    )  # fmt: skip
    assert [(g.code, g.name()) for g in std.grades] == [
        ("Grade 1", "Yellow brass solids"), ("Grade 2", "Brass turnings")
    ]  # fmt: skip
    assert one(std.grade("Grade 1"), "content.Cu").lo == D("60")  # "60 percent"
    assert one(std.grade("Grade 2"), "fines").qualifier == "passing a sieve of opening 1 mm"
    # clause 5 ends grade 2: its sentence is the document's, on its line
    sampling = next(n for n in std.notes if n.text.startswith("Samples shall be drawn"))
    assert sampling.where == "line 29"


def test_auto_detection_keeps_the_circular_and_gbt_and_falls_back_to_sheets(tmp_path):
    heads = {
        "isri-circular-excerpt.txt": "isri",
        "gbt-excerpt-utf8.txt": "gbt",
        "gbt-flat-steel-raw.txt": "gbt",
        "isri-flipbook-pages.txt": "isri",
        "sheet-buyer.txt": "sheet",
        "sheet-glass-annex.txt": "sheet",
        "sheet-efr-table-layout.txt": "sheet",
    }
    for name, expected in heads.items():
        assert detect._detect((DOCS / name).read_bytes()[:65536], Path(name)) == expected, name
    words = tmp_path / "notes.txt"
    words.write_text("just some words\n")
    with pytest.raises(StdcompareError, match="no parser recognises"):
        detect._detect(words.read_bytes(), words)


def test_cli_parse_to_toml_and_validate(run, tmp_path):
    draft = tmp_path / "draft.toml"
    code, _, err = run("parse", str(DOCS / "sheet-efr-table-layout.txt"), "--to", "toml",
                       "-o", str(draft))  # fmt: skip
    assert code == 0 and "coverage: 50% of 20 text units" in err
    code, out, err = run("validate", str(draft))
    said = (out + err).splitlines()
    problems = [line for line in said if line.startswith(("error", "warning"))]
    assert problems, "the draft keeps its sentences as verbatim notes, which validate names"
    others = [p for p in problems if "verbatim source text" not in p]
    assert all(p.startswith("warning") for p in others), others
    code, again, _ = run("parse", str(draft))
    assert code == 0 and json.loads(again)["ref"] == "eu-27-steel-scrap-specification@2007"


def test_quantities_made_ready_for_the_prose_reader():
    symbols = {"Cu": "copper", "Sn": "tin"}
    ready = specsheet_lines.ready
    assert ready("organics: ≤ 2 000 ppm", symbols).text == "organics: ≤ 2000 ppm"
    assert ready("Cu max 1,500 ppm", symbols).text == "copper max 1500 ppm"
    assert ready("Sn ≤ 0,5 %", symbols).text == "tin ≤ 0,5 %"  # a decimal comma stays
    assert ready("from 1 to 2 100 mm", symbols).text == "from 1 to 2100 mm"
    assert ready("Class C: max 2 %", {"C": "carbon"}).text == "Class C: max 2 %"  # a grade
    assert ready("C: max 0.05 %", {"C": "carbon"}).text == "carbon: max 0.05 %"
    made = ready("Fines through a screen of 10 mm shall not exceed 3 %.", symbols)
    assert made.qualifier == "through a screen of 10 mm" and "10 mm" not in made.text
    assert made.text == "Fines shall not to exceed 3 %."  # "not exceed" in the bound words' form


def test_grade_headings():
    head = specsheet_lines.grade_head
    assert head("Grade A: Clean 6063 extrusions").code == "Grade A"
    assert head("4.2 Type II — Turnings").code == "Type II"
    assert head("Grade HMS1 - Heavy melting").code == "HMS1"
    assert head("Type of material") is None
    assert head("Type 304 stainless steel shall be clean.") is None


class _Corpus:
    vocabulary = VOCAB


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(alphabet=st.sampled_from(list("Grade A:1 50%ppm≤x\n  —E3.;,mmTypeII")), max_size=400)
)
def test_any_text_parses_or_is_refused_cleanly(text):
    try:
        result = specsheet.PARSER.parse(text.encode(), Path("x.txt"), VOCAB)
    except StdcompareError:
        return
    assert result.units_structured <= result.units_total


def test_a_table_flattened_by_the_text_extraction_is_kept_not_guessed():
    """The same EFR-style page as the project's PDF reader gives it: the table is a stream of
    cells. Its sentences are not read as the document's (E3's minimum thickness and E1's
    maximum would contradict each other), and the warning says how to read the rows."""
    result = parse("sheet-efr-table-pdfminer.txt")
    std = result.standard
    assert std.grades == ()
    assert {r.prop for r in std.requirements} == {
        "free_of.oil", "free_of.radioactive_material", "free_of.explosives"
    }  # fmt: skip
    said = next(w for w in result.warnings if "lines hold only a code" in w)
    assert "3 lines hold only a code (E3, E1, E40)" in said and "pdftotext -layout" in said
    assert any(n.text.endswith("from demolition, minimum thickness 6 mm.") for n in std.notes)


def test_a_dated_sentence_that_sets_a_limit_dates_the_edition_and_is_read(tmp_path):
    path = tmp_path / "memo.txt"
    path.write_text(
        "Scrap purchasing conditions\nFrom 1 May 2024 moisture shall not exceed 2 %.\n",
        encoding="utf-8",
    )
    result = specsheet.PARSER.parse(path.read_bytes(), path, VOCAB)
    std = result.standard
    assert (std.edition, std.issued) == ("2024", date(2024, 5, 1))
    assert one(std, "moisture").hi == D("2") and one(std, "moisture").where == "line 2"


def test_a_sheet_of_labelled_lines_and_a_table_with_hyphenated_codes(tmp_path):
    path = tmp_path / "sheet.txt"
    path.write_text(
        "Harbour Steel Ltd - Ferrous scrap acceptance sheet\nIssued 2022-09-01\n\n"
        "Grade: HMS 1\nDescription: wrought steel at least 6 mm thick.\nCu: max 0.25 %\n\n"
        "Grade   Description                Limit\n"
        "HMS-2   Thin wrought steel.        Cu max 0.40 %\n"
        "NOTE    Steriles are weighed apart.\n",
        encoding="utf-8",
    )
    std = specsheet.PARSER.parse(path.read_bytes(), path, VOCAB).standard
    assert (std.key, std.edition) == ("harbour-steel-ltd-ferrous-scrap-acceptance-sheet", "2022")
    assert [g.code for g in std.grades] == ["HMS 1", "HMS-2"]
    assert one(std.grade("HMS 1"), "thickness.min").lo == D("6")
    assert one(std.grade("HMS 1"), "impurity.Cu").hi == D("0.25")
    assert one(std.grade("HMS-2"), "impurity.Cu").hi == D("0.40")
    # the note after the table ends it: the document's, not HMS-2's
    assert any(n.where == "line 10" and n.text.startswith("NOTE") for n in std.notes)


def test_a_requirements_table_as_national_standards_print_it(tmp_path):
    """ "Characteristic, unit, Min/Max  value" rows (a made-up standard, laid out as Indian
    standards print their requirement tables)."""
    path = tmp_path / "is.txt"
    path.write_text(
        "IS 99998 : 2020\nCOPPER SCRAP FOR REFINING — SPECIFICATION\n\n"
        "4.1 Grade 1 — Heavy copper\n\nTable 1 Requirements\n"
        "Sl No.   Characteristic                 Requirement\n"
        "  i)     Copper, percent, Min            99.0\n"
        " ii)     Lead, percent, Max               0.05\n"
        "iii)     Moisture, percent, Max           1.5\n",
        encoding="utf-8",
    )
    std = specsheet.PARSER.parse(path.read_bytes(), path, VOCAB).standard
    grade = std.grade("Grade 1")
    assert one(grade, "content.Cu").lo == D("99.0") and one(grade, "content.Cu").where == "line 8"
    assert one(grade, "impurity.Pb").hi == D("0.05")
    assert one(grade, "moisture").hi == D("1.5")
    assert one(grade, "moisture").text == "iii)     Moisture, percent, Max           1.5"
