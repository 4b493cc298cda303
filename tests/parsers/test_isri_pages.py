"""The circular as people copy it out of the flip-book, page by page (issue 19): running headers
in parts ("14 | Scrap Specifications Circular 2023"), "Page 15 of 96", the section's titles and
the heading of the grade in progress repeated at the top of the next page. The fixture is
reproduced page text in our own words, with the circular's code words."""

from pathlib import Path

from stdcompare.parsers import isri, isri_layout
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

from ..conftest import FIXTURES

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")
PAGES = FIXTURES / "docs" / "isri-flipbook-pages.txt"


def parse(text: str):
    return isri.PARSER.parse(text.encode(), Path("pages.txt"), VOCAB)


def test_page_furniture_neither_starts_nor_splits_a_grade():
    result = parse(PAGES.read_text(encoding="utf-8"))
    std = result.standard
    print(f"coverage: {result.coverage:.0%} of {result.units_total}")
    assert [g.code for g in std.grades] == ["Barley", "Berry", "Birch", "Candy", "Cliff", "Tense"]
    texts = {n.where: n.text for n in std.notes}
    assert "(repeated)" not in " ".join(str(w) for w in texts)
    # the paragraph runs on over the page break, past the repeated heading
    assert texts["Berry"].endswith(
        "free of burnt wire which is brittle. Hydraulically compacted "
        "material to be sold by agreement between buyer and seller."
    )
    assert "Candy" not in texts["Candy"] and "Circular" not in texts["Candy"]
    assert texts["Cliff"].endswith(
        "determined by electrolytic assay. Lots must be free of excessive oil."
    )
    assert "Nonferrous" not in texts["Birch"]
    assert std.grade("Tense").group == "aluminum"  # a new section at a page's top is one
    assert {g.group for g in std.grades if g.code != "Tense"} == {"red-metals"}
    assert std.edition == "2023"
    assert any("7 section titles and grade headings repeated" in w for w in result.warnings)
    assert result.coverage == 1.0


def test_a_new_grade_at_the_top_of_a_page_is_a_grade():
    text = (
        "Scrap Specifications Circular 2023\nRed Metals\nBarley NO. 1 BARE BRIGHT WIRE\n"
        "Shall consist of clean copper wire.\n12\nScrap Specifications Circular 2023\n"
        "Berry NO. 1 COPPER WIRE\nShall consist of clean copper wire and cable.\n"
    )
    std = parse(text).standard
    assert [g.code for g in std.grades] == ["Barley", "Berry"]


def test_header_parts_and_page_counts():
    seen = isri_layout.Furniture()
    assert isri_layout._furniture("14 | Scrap Specifications Circular 2023", seen) == (
        True, 14, None
    )  # fmt: skip
    found = isri_layout._furniture("ReMA Scrap Specifications Circular 2023 | Nonferrous", seen)
    assert found[0] is True
    assert isri_layout._furniture("Page 15 of 96", seen) == (True, 15, None)
    assert isri_layout._furniture("(continued)", seen)[0] is True
    assert isri_layout._furniture("(cont.)", seen)[0] is True
    assert isri_layout._furniture("Scrap Specifications Circular 2023   Nonferrous  21", seen) == (
        True, 21, "Nonferrous"
    )  # fmt: skip
    assert isri_layout._furniture("www.isri.org", seen)[0] is True
    assert isri_layout._furniture("isri.org | Scrap Specifications Circular 2023 | 7", seen) == (
        True, 7, None
    )  # fmt: skip
    # a sentence with a bar in it is text
    assert not isri_layout._furniture("Copper | brass | bronze mixed lots", seen)[0]
    assert seen.years["2023"] == 4 and seen.bodies["ReMA"] == 1


def test_a_repeated_heading_with_the_paragraph_running_on_after_it():
    text = (
        "Scrap Specifications Circular 2023\nRed Metals\nBerry NO. 1 COPPER WIRE\n"
        "Shall consist of clean copper wire which\n12\nScrap Specifications Circular 2023\n"
        "Berry NO. 1 COPPER WIRE is not brittle.\n"
    )
    std = parse(text).standard
    assert [g.code for g in std.grades] == ["Berry"]
    assert [n.text for n in std.notes if n.where == "Berry"] == [
        "Shall consist of clean copper wire which is not brittle."
    ]
