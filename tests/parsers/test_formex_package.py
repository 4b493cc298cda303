"""Formex packages and consolidated Formex: a package read as one document from its folder, its
<DOC> descriptor or a zip, each part recognised by its content; an act alone saying its annexes
were not read; table cells in the columns the file gives them; CONS.ACT. On a made-up package
written for these tests (tests/fixtures/docs/formex-eow-package, files named unlike the
descriptor's list) and on the real package of Regulation (EC) No 1137/2008 in the shared real
documents."""

import json
import re
import shutil
import zipfile
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from stdcompare import model as m
from stdcompare.errors import StdcompareError
from stdcompare.parsers import detect, formex, formex_package
from stdcompare.parsers.base import ParseResult
from stdcompare.parsers.toolkit.tables import place_cells
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

from ..conftest import FIXTURES, REPO
from .results import honest, notes_of

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")
PACKAGE = FIXTURES / "docs" / "formex-eow-package"
DESCRIPTOR, ANNEX, ACT = (PACKAGE / n for n in ("02.xml", "01.xml", "03.xml"))
CONS_ACT = FIXTURES / "docs" / "formex-cons-act.xml"
REAL = REPO.parent / "shared" / "realdocs" / "formex"
REAL_PARTS = [REAL / f"formex_2008R1137_DOC{i}.xml" for i in (1, 2, 3, 4)]
needs_realdocs = pytest.mark.skipif(
    not REAL.is_dir(), reason=f"shared real documents not found at {REAL}"
)


def parse(path: Path) -> ParseResult:
    return formex.PARSER.parse(path.read_bytes(), path, VOCAB)


def zipped(tmp_path: Path, files: dict[str, bytes]) -> Path:
    path = tmp_path / "package.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def comparable(result: ParseResult) -> dict:
    """A result without what names the file it came from."""
    std = result.standard
    notes = [(n.where, n.text) for n in std.notes if n.where != "Formex package"]
    return {"std": (std.ref, std.designation, std.title, std.effective, std.groups), "n": notes}


# --- the made-up package -----------------------------------------------------------------------


def test_a_package_folder_is_read_as_one_document():
    result = formex.read_folder(PACKAGE, VOCAB)
    std = result.standard
    assert (std.ref, std.designation, std.kind) == (
        "eu-2099-9997@2099",
        "Commission Regulation (EU) No 9997/2099",
        m.Kind.REGULATION,
    )
    # Twentieth day after publication on 10 June 2099, a date only the descriptor gives.
    assert (std.issued, std.effective) == (date(2099, 6, 5), date(2099, 6, 30))
    (scope,) = std.groups
    reqs = {r.prop: r for r in scope.requirements}
    assert reqs["foreign_material"].hi == D(2) and reqs["foreign_material"].where == "Annex, 1"
    assert reqs["free_of.explosives"].state is m.State.FORBIDDEN
    # Its self-monitoring cell spans down from the row above (ROWSPAN="2"): it is its check too.
    assert reqs["free_of.explosives"].text.endswith(
        "Self-monitoring: Someone trained looks over every load."
    )
    # The parts are recognised by content: the act is 03.xml, the annex 01.xml.
    (package,) = [n.text for n in std.notes if n.where == "Formex package"]
    assert package == "read as one Formex package: ACT 0001 (03.xml), ANNEX 0001.0001 (01.xml)"
    assert honest(result) and not result.warnings


def test_table_cells_sit_in_the_columns_the_file_gives_them():
    notes = notes_of(formex.read_folder(PACKAGE, VOCAB))
    # The row holds one CELL, COL="3": it is column 3, not column 1.
    assert ("Annex, table 2, row 3, column 3", "128,7") in notes
    assert ("Annex, table 2, row 2, column 2", "kg/m3") in notes
    # A cell spanning both columns starts in column 1, in the fourth ROW of its table.
    assert ("Annex, table 1, row 4, column 1", "The producer may add checks of its own.") in notes


def test_place_cells_honours_col_colspan_and_rowspan():
    def cell(col=None, colspan=None, rowspan=None):
        return {"col": col, "colspan": colspan, "rowspan": rowspan}

    a, b, c, d, e = cell(rowspan=2), cell(colspan=2), cell(), cell(col=3), cell(col=9999999)
    rows = place_cells(
        [[a, b], [c], [d], [e]],
        lambda x: x["col"],
        lambda x: x["colspan"],
        lambda x: x["rowspan"],
    )
    assert [[(col, own) for col, _, own in row] for row in rows] == [
        [(1, True), (2, True)],
        [(1, False), (2, True)],  # a spans down into the second row's first column
        [(3, True)],
        [(1, True)],
    ]


def test_place_cells_stays_within_its_work_budget():
    # Every cell spanning a thousand rows and columns: the budget, not the spans, bounds work.
    wide = {"col": None, "colspan": 1000, "rowspan": 1000}
    rows = place_cells([[wide] * 50 for _ in range(1000)], *(lambda c, k=k: c[k] for k in wide))
    assert len(rows) == 1000


def test_the_descriptor_reads_the_package_beside_it():
    assert comparable(parse(DESCRIPTOR)) == comparable(formex.read_folder(PACKAGE, VOCAB))


def test_a_zip_of_the_package_is_read_as_one_document(tmp_path):
    files = {f"some/dir/{p.stem}-renamed.xml": p.read_bytes() for p in (ACT, ANNEX, DESCRIPTOR)}
    files["readme.txt"] = b"not a part"
    path = zipped(tmp_path, files)
    assert formex.PARSER.sniff(path.read_bytes()[:4096], path)
    assert comparable(parse(path)) == comparable(formex.read_folder(PACKAGE, VOCAB))


def test_an_act_read_alone_says_its_annexes_were_not_read():
    result = parse(ACT)
    assert not result.standard.groups
    said = [n.text for n in result.standard.notes if n.where == "Formex package"]
    assert len(said) == 1 and said[0].startswith("the act's annexes were not read")
    assert result.warnings == said


def test_an_annex_alone_with_a_criteria_table_is_read():
    result = parse(ANNEX)
    assert [r.prop for g in result.standard.groups for r in g.requirements] == [
        "foreign_material",
        "free_of.explosives",
    ]
    assert result.warnings[0] == (
        "an annex read without its act: the act's designation and dates are not known; read the "
        "package (its folder, its descriptor or a zip) to include them"
    )


def test_a_folder_with_two_acts_is_refused_with_the_way_out(tmp_path):
    for part in (ACT, ANNEX):
        shutil.copy(part, tmp_path / part.name)
    other = ACT.read_text(encoding="utf-8").replace("<NO.SEQ>0001<", "<NO.SEQ>0002<")
    (tmp_path / "other.xml").write_text(other, encoding="utf-8")
    with pytest.raises(StdcompareError, match="holds 2 Formex acts") as info:
        formex.read_folder(tmp_path, VOCAB)
    assert "descriptor" in info.value.hint


def test_a_folder_with_two_descriptors_is_refused(tmp_path):
    for part in (ACT, ANNEX, DESCRIPTOR):
        shutil.copy(part, tmp_path / part.name)
    shutil.copy(DESCRIPTOR, tmp_path / "another-descriptor.xml")
    with pytest.raises(StdcompareError, match="holds 2 Formex descriptors"):
        formex.read_folder(tmp_path, VOCAB)
    # Given by its descriptor, the package is read: the other descriptor is no part of it.
    assert parse(tmp_path / DESCRIPTOR.name).standard.designation.endswith("9997/2099")


def test_a_descriptor_without_its_act_is_refused(tmp_path):
    shutil.copy(DESCRIPTOR, tmp_path / "doc.xml")
    with pytest.raises(StdcompareError, match="no act with that sequence number"):
        parse(tmp_path / "doc.xml")


def test_a_zip_without_formex_parts_is_refused(tmp_path):
    path = zipped(tmp_path, {"word/document.xml": b"<w:document/>"})
    with pytest.raises(StdcompareError, match="holds no Formex act"):
        parse(path)


def test_a_zip_bomb_stops_at_the_byte_budget(tmp_path, monkeypatch):
    monkeypatch.setattr(formex_package, "MAX_DOCUMENT_BYTES", 1_000_000)
    bomb = b"<ACT>" + b" " * 5_000_000 + b"</ACT>"  # compresses to a few kilobytes
    path = zipped(tmp_path, {"a.xml": bomb})
    assert path.stat().st_size < 50_000
    with pytest.raises(StdcompareError, match="more than 1000000 bytes"):
        parse(path)


def test_other_files_beside_the_parts_cost_only_their_first_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(formex_package, "MAX_DOCUMENT_BYTES", 100_000)
    for part in (ACT, ANNEX, DESCRIPTOR):
        shutil.copy(part, tmp_path / part.name)
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n" + b"0" * 1_000_000)
    assert parse(tmp_path / DESCRIPTOR.name).standard.designation.endswith("9997/2099")


def test_a_zip_of_too_many_members_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(formex_package, "MAX_PARTS", 10)
    path = zipped(tmp_path, {f"{i}.xml": b"<x/>" for i in range(11)})
    with pytest.raises(StdcompareError, match="holds 11 files"):
        parse(path)


def test_a_broken_zip_is_refused(tmp_path):
    path = tmp_path / "broken.zip"
    path.write_bytes(formex_package.ZIP_MAGIC + b"\0" * 100)
    with pytest.raises(StdcompareError, match="not a readable zip"):
        parse(path)


def test_cli_parses_a_package_folder_with_its_coverage(run):
    code, out, err = run("parse", str(PACKAGE))
    assert code == 0 and re.search(r"^coverage: \d+% of \d+ text units", err, re.M)
    assert json.loads(out)["ref"] == "eu-2099-9997@2099"


def test_cli_refuses_a_zip_bomb_in_one_line(run, tmp_path):
    bomb = b"<ACT>" + b" " * 70_000_000 + b"</ACT>"  # over the 64 MB budget once inflated
    path = zipped(tmp_path, {"a.xml": bomb})
    code, out, err = run("parse", str(path))
    lines = err.splitlines()
    assert code == 2 and out == "" and len(lines) == 2 and "Traceback" not in err
    assert lines[0].startswith("stdcompare: error: ") and "bytes; refused" in lines[0]


# --- consolidated Formex -----------------------------------------------------------------------


def test_cons_act_is_read_with_its_consolidation_date():
    result = parse(CONS_ACT)
    std = result.standard
    assert (std.ref, std.designation, std.issued, std.effective) == (
        "eu-2099-9996@2099-09-01",
        "Council Regulation (EU) No 9996/2099",
        date(2099, 3, 1),
        date(2099, 9, 1),
    )
    assert std.sources["eurlex"].address.endswith("CELEX:02099R9996-20990901")
    (scope,) = std.groups
    assert [(r.prop, r.hi) for r in scope.requirements] == [("foreign_material", D("1.5"))]
    notes = notes_of(result)
    assert ("Amended by", "Commission Regulation (EU) 2099/9990 of 1 August 2099") in notes
    assert not result.warnings  # a consolidated act holds its annexes
    assert honest(result)


# --- the real package --------------------------------------------------------------------------


@needs_realdocs
@pytest.mark.parametrize("given", ["folder", "descriptor", "zip"])
def test_real_package_is_read_as_one_document(tmp_path, given):
    if given == "folder":
        result = formex.read_folder(REAL, VOCAB)
    elif given == "descriptor":
        result = parse(REAL_PARTS[0])
    else:  # its files renamed and shuffled inside a zip
        files = {f"x{9 - i}.xml": p.read_bytes() for i, p in enumerate(REAL_PARTS)}
        result = parse(zipped(tmp_path, files))
    std = result.standard
    assert (std.ref, std.designation, std.issued) == (
        "eu-2008-1137@2008",
        "Regulation (EC) No 1137/2008",
        date(2008, 10, 22),
    )
    # "on the 20th day following its publication" (OJ L 311 of 21.11.2008, in the descriptor)
    assert std.effective == date(2008, 12, 11)
    (package,) = [n.text for n in std.notes if n.where == "Formex package"]
    assert re.fullmatch(
        r"read as one Formex package: ACT 0001 \(.+\), ANNEX 0001\.0001 \(.+\), "
        r"ANNEX 0001\.0002 \(.+\)",
        package,
    )
    notes = notes_of(result)
    assert ("Annex, 1", "1. AGRICULTURE") in notes
    # The second annex file, titled otherwise, is an annex of its own, not part of the first.
    assert ("Annex (Chronological Index)", "Chronological Index") in notes
    # Wording quoted by the amendments stays where it is quoted: never an article of this act.
    assert {w for w, _ in notes if w.startswith("Article")} <= {
        "Article 1",
        "Article 2",
        "Article 3",
    }
    assert result.units_total > 1000 and honest(result) and not result.warnings


@needs_realdocs
def test_real_act_alone_says_its_annexes_were_not_read():
    result = parse(REAL_PARTS[1])
    assert result.standard.designation == "Regulation (EC) No 1137/2008"
    assert any("annexes were not read" in w for w in result.warnings)


@needs_realdocs
def test_real_annex_alone_is_refused_with_the_way_to_read_it(run):
    code, out, err = run("parse", str(REAL_PARTS[2]))
    assert code == 2 and "a Formex annex on its own" in err and "descriptor" in err


@needs_realdocs
def test_cli_parses_the_real_package_folder(run):
    code, out, err = run("parse", str(REAL))
    assert code == 0 and re.search(r"^coverage: \d+% of \d+ text units", err, re.M)
    assert json.loads(out)["designation"] == "Regulation (EC) No 1137/2008"


def test_a_descriptor_is_detected_and_its_neighbours_are_its_inputs(fixture_corpus):
    result = detect.parse(DESCRIPTOR, "auto", fixture_corpus)
    assert result.standard.designation == "Commission Regulation (EU) No 9997/2099"
    assert detect.inputs(DESCRIPTOR) == [DESCRIPTOR, ANNEX, ACT]  # a cache key sees them all
    assert detect.inputs(ACT) == [ACT]
