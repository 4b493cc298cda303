"""The PDF parser: two-column text in reading order, handed to the parser of its kind."""

import contextlib
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdcompare.errors import SourceError, StdcompareError
from stdcompare.parsers import detect, pdf
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

from ..conftest import FIXTURES

fpdf = pytest.importorskip("fpdf")  # the `test` extra brings fpdf2

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")

HEADER = "8 SCRAP SPECIFICATIONS CIRCULAR 2022 Guidelines for Nonferrous Scrap"
LEFT = [
    ["Red Metals"],
    [
        "Barley NO. 1 BARE BRIGHT WIRE",
        "Made up of clean bare copper wire of No. 14",
        "B&S gauge or heavier. Free of burnt wire and",
        "insulation.",
    ],
    [
        "Birch NO. 2 MIXED COPPER WIRE",
        "Copper wire with a minimum of 92.5% copper,",
        "free of excessive oil and tramp iron.",
    ],
]
RIGHT = [
    ["Aluminum"],
    [
        "Talc OLD ALUMINUM BEVERAGE CANS",
        "Used beverage cans with a density of not less",
        "than 17 lbs per cubic foot. Free of lead and",
        "glass.",
    ],
]


def two_column_pdf(path: Path) -> Path:
    """A page set like the circular: a full-width running header over two columns whose
    lines sit at the same heights, so reading across the page would mix them."""
    doc = fpdf.FPDF(format="A4", unit="mm")
    doc.add_page()
    doc.set_font("Helvetica", size=9)
    doc.set_xy(10, 10)
    doc.cell(190, 5, HEADER)
    for x, column in ((10, LEFT), (110, RIGHT)):
        y = 25.0
        for paragraph in column:
            for line in paragraph:
                doc.set_xy(x, y)
                doc.cell(90, 4, line)
                y += 4
            y += 4  # a blank line between paragraphs
    doc.output(str(path))
    return path


def blank_pdf(path: Path) -> Path:
    doc = fpdf.FPDF()
    doc.add_page()
    doc.rect(20, 20, 60, 80)  # a drawing and no text, like a scan's image
    doc.output(str(path))
    return path


def test_columns_come_out_left_then_right(tmp_path):
    source = two_column_pdf(tmp_path / "circular.pdf")
    text, pages = pdf.extract_text(source.read_bytes(), source)
    assert pages == 1
    order = [text.index(s) for s in ("SCRAP SPECIFICATIONS", "Barley", "Birch", "Talc")]
    assert order == sorted(order)
    assert "Made up of clean bare copper wire of No. 14\nB&S gauge" in text  # one paragraph


def test_a_generated_two_column_pdf_parses_back(tmp_path):
    source = two_column_pdf(tmp_path / "circular.pdf")
    result = pdf.PARSER.parse(source.read_bytes(), source, VOCAB)
    std = result.standard
    assert std.ref == "isri-circular@2022"
    assert [(g.code, g.group) for g in std.grades] == [
        ("Barley", "red-metals"),
        ("Birch", "red-metals"),
        ("Talc", "aluminum"),
    ]
    barley = {r.prop: r for r in std.grade("Barley").requirements}
    assert barley["wire.diameter"].lo == D("14")
    assert {"free_of.burnt_wire", "free_of.insulation"} <= set(barley)
    talc = {r.prop: r for r in std.grade("Talc").requirements}
    assert talc["bulk_density"].lo == D("17") and "free_of.glass" in talc
    assert (std.origin.format, std.origin.parser) == ("pdf", "pdf")
    assert "pdfminer.six" in result.warnings[0] and "isri parser" in result.warnings[0]


def test_auto_detects_a_pdf_and_the_cli_reports_coverage(run, tmp_path):
    source = two_column_pdf(tmp_path / "circular.pdf")
    assert detect._detect(source.read_bytes()[:65536], source) == "pdf"
    code, out, err = run("parse", str(source))
    assert code == 0 and "coverage:" in err
    assert json.loads(out)["grades"][0]["code"] == "Barley"


def test_no_text_layer_exits_2(run, tmp_path):
    source = blank_pdf(tmp_path / "scan.pdf")
    code, _, err = run("parse", str(source))
    assert code == 2
    assert err.splitlines()[0] == f"stdcompare: error: {source}: no text layer (scanned?)"


def test_a_damaged_pdf_is_a_source_error(tmp_path):
    source = tmp_path / "broken.pdf"
    source.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrailer garbage")
    with pytest.raises(SourceError):
        pdf.PARSER.parse(source.read_bytes(), source, VOCAB)


def test_gbt_text_is_handed_to_the_gbt_parser(monkeypatch):
    text = (FIXTURES / "docs" / "gbt-bilingual-table.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(pdf, "extract_text", lambda data, path: (text, 3))
    result = pdf.PARSER.parse(b"%PDF-1.7", Path("gbt.pdf"), VOCAB)
    assert result.standard.ref == "gbt-48456@2023"
    assert result.standard.origin.format == "pdf"
    assert "gbt parser" in result.warnings[0]


def test_text_of_another_kind_is_refused(monkeypatch):
    monkeypatch.setattr(pdf, "extract_text", lambda data, path: ("Minutes of a meeting.", 1))
    with pytest.raises(SourceError, match="neither a GB/T standard nor an ISRI circular"):
        pdf.PARSER.parse(b"%PDF-1.7", Path("minutes.pdf"), VOCAB)


def test_sniff():
    assert pdf.PARSER.sniff(b"%PDF-1.4\n%\xe2\xe3", Path("a.bin"))
    assert not pdf.PARSER.sniff(b"SCRAP SPECIFICATIONS CIRCULAR 2022", Path("a.pdf"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_only_stdcompare_errors(data):
    with contextlib.suppress(StdcompareError):  # anything else fails the test
        pdf.PARSER.parse(b"%PDF-1.4\n" + data, Path("fuzz.pdf"), VOCAB)
