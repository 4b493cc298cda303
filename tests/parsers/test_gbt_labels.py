"""GB/T tables whose rows carry no code, each row named in Chinese (and English), rebuilt from
what pdftotext printed (parsers/gbt_labels.py; by place in gbt_layout.py).

Fixtures, printed to PDF by Chromium (headless, --print-to-pdf) and read back with `pdftotext`
(raw) and `pdftotext -layout`:
- gbt-flat-castal-*: Table 1 of GB/T 38472-2019 (cast aluminium) laid out by us: its three
  categories named in Chinese with the aluminium and aluminium-alloy content, metal content and
  metal recovery each prints, the numbers as standards/gbt/gbt-38472-2019.toml holds them (Davis
  Index's table, its sources). The Chinese header words are ours: the standard's own table was
  not seen (reference gbt.md, section 3).
- gbt-flat-wrought-*: a MADE-UP standard, "GB/T 48997—2025 再生变形铝合金原料(虚构示例)" (a
  fictitious example): the category table of GB/T 40382-2021 / 40386-2021 was not found in any
  source (reference gbt.md, section 5), so its names and numbers are invented to carry the
  shapes real tables print: element headers (Si/%), units in the header (质量分数/%), ranges
  (0.20~0.6, 0.40–0.8), signs (≤, ≥), "—" and "-" for no limit, footnote marks (0.40a, 1.0b),
  "余量" (remainder), Chinese and English row and category names that wrap, and the table split
  across two pages with a page number, the running designation and "表2 (续)" with its header
  repeated.
"""

from decimal import Decimal as D

import pytest

from stdcompare import model as m
from stdcompare.parsers import gbt_labels
from stdcompare.parsers.gbt_tokens import tokens

from .test_gbt_stream import DOCS, limit, parse


@pytest.mark.parametrize("mode", ["raw", "layout"])
def test_cast_aluminium_categories_named_in_chinese_are_rebuilt(mode):
    result = parse((DOCS / f"gbt-flat-castal-{mode}.txt").read_text(encoding="utf-8"))
    std = result.standard
    print(f"coverage castal {mode}: {result.coverage:.0%} of {result.units_total}")
    assert [g.code for g in std.grades] == ["铸件", "再生铝锭", "铝块"]
    assert all(g.code_assigned for g in std.grades)  # the standard prints no codes
    assert [g.names["zh"].text for g in std.grades] == ["铸件", "再生铝锭", "铝块"]
    got = [
        (limit(g, "content.Al").lo, limit(g, "metal_content").lo, limit(g, "metal_recovery").lo)
        for g in std.grades
    ]  # 不小于 over each column
    assert got == [
        (D(98), D("99.3"), D(95)),
        (D(100), D(100), D(97)),
        (D(91), D("99.1"), D(92)),
    ]
    assert all(limit(g, "metal_recovery").hi is None for g in std.grades)
    assert any("rebuilt 3 of 3 rows" in w for w in result.warnings)
    assert not any("no code column" in w for w in result.warnings)
    assert result.coverage > 0.95  # was 33 % (raw) and 59 % (layout): kept as notes


def wrought(mode: str):
    return parse((DOCS / f"gbt-flat-wrought-{mode}.txt").read_text(encoding="utf-8"))


@pytest.mark.parametrize("mode", ["raw", "layout"])
def test_named_rows_across_two_pages_with_every_kind_of_cell(mode):
    result = wrought(mode)
    std = result.standard
    print(f"coverage wrought {mode}: {result.coverage:.0%} of {result.units_total}")
    names = [(g.names["zh"].text, g.names["en"].text) for g in std.grades]
    assert names == [
        ("6063型材", "6063 extrusions"),
        ("6061型材", "6061 extrusions"),
        ("1系板带边角料", "1xxx sheet trimmings"),
        ("3系板带边角料", "3xxx sheet trimmings"),
        ("铝箔", "Foil"),  # the rows of the continued page (表2 (续)) join the table
        ("废铝易拉罐", "Used beverage cans"),
    ]
    first, second, sheet, three, foil, cans = std.grades
    # ranges, with "~" and with an en dash
    assert (limit(first, "content.Si").lo, limit(first, "content.Si").hi) == (D("0.20"), D("0.6"))
    assert (limit(second, "content.Si").lo, limit(second, "content.Si").hi) == (D("0.40"), D("0.8"))
    # the header's bound word (Fe/% 不大于) over a bare number; a sign in the cell wins
    assert limit(first, "impurity.Fe").hi == D("0.35")
    assert limit(first, "content.Cu").hi == D("0.10")
    assert limit(sheet, "content.Al").lo == D("99.0")
    # a footnote mark is not part of the number; the requirement says which footnote
    fe = limit(sheet, "impurity.Fe")
    assert fe.hi == D("0.40") and "footnote a" in fe.text
    assert (
        limit(foil, "inclusions").hi == D("1.0") and "footnote b" in limit(foil, "inclusions").text
    )
    # "余量": the remainder, no limit of its own; "—" and "-": no limit
    al = limit(first, "content.Al")
    assert (al.state, al.qualifier, al.lo, al.hi) == (m.State.NONE, "remainder", None, None)
    assert limit(three, "inclusions").state is m.State.NONE
    assert limit(foil, "content.Si").state is m.State.NONE  # "-"
    assert limit(cans, "content.Cu").state is m.State.NONE  # "—"
    assert limit(cans, "inclusions").hi == D("2.0")  # 夹杂物(质量分数)/% 不大于, wrapped
    # the page's furniture is neither a row nor a number
    assert "3" not in {n.text for n in std.notes}
    assert any("rebuilt 6 of 6 rows" in w for w in result.warnings)


def test_categories_by_place_when_laid_out():
    """-layout prints a category's lines beside its rows: each row gets its category, and the
    category repeated on the continued page is the same one."""
    std = wrought("layout").standard
    assert [(g.names["zh"].text, g.names["en"].text) for g in std.groups] == [
        ("挤压型材废料", "Extrusion scrap"),
        ("板带废料", "Sheet scrap"),
        ("罐料", "Can scrap"),
    ]
    groups = [g.group for g in std.grades]
    ids = [g.id for g in std.groups]
    assert groups == [ids[0], ids[0], ids[1], ids[1], ids[1], ids[2]]


def test_categories_printed_apart_from_their_rows_are_kept_as_notes():
    """Raw pdftotext prints the merged category cells before the rows: which rows each covers
    is not in the text, so they stay notes and the rows before the first placed one have no
    category (nothing is made up)."""
    result = wrought("raw")
    std = result.standard
    assert [g.group for g in std.grades][:4] == [None] * 4
    notes = {n.text for n in std.notes}
    assert {"挤压型材废料", "板带废料"} <= notes
    assert any("could not be placed" in w for w in result.warnings)
    assert any(w.startswith("表2: 挤压型材废料, 板带废料 printed apart from the rows")
               for w in result.warnings)  # fmt: skip


def test_a_row_named_in_one_line_of_a_copied_table():
    """Rows of one line each (a table copied from a web page), no code column: the name
    column labels the rows."""
    text = (
        "中华人民共和国国家标准\nGB/T 38472—2019\n再生铸造铝合金原料\n表1 技术要求\n"
        "名称  金属回收率/%\n不小于\n铸件  95\n铝块  92\n5 检验\n"
    )
    result = parse(text)
    std = result.standard
    assert [(g.code, limit(g, "metal_recovery").lo) for g in std.grades] == [
        ("铸件", D(95)),
        ("铝块", D(92)),
    ]
    assert not any("no code column" in w for w in result.warnings)


def test_a_name_printed_twice_is_read_once():
    text = (
        "中华人民共和国国家标准\nGB/T 38472—2019\n再生铸造铝合金原料\n表1 技术要求\n"
        "名称\n金属回收率/%\n不小于\n铸件\n95\n铸件\n92\n5 检验\n"
    )
    std = parse(text).standard
    assert [g.code for g in std.grades] == ["铸件"]
    assert limit(std.grades[0], "metal_recovery").lo == D(95)
    assert "92" in {n.text for n in std.notes}


def test_a_run_of_text_before_numbers_splits_into_category_and_name():
    rows = gbt_labels.named_rows(gbt_labels_stream("铝块  压块  91  Briquettes"))
    assert [(r.label.zh, [t.text for t in r.category]) for r in rows] == [("压块", ["铝块"])]


def gbt_labels_stream(line: str):
    from stdcompare.parsers.gbt_tokens import Stream

    return Stream(tokens([line]))


@pytest.mark.parametrize(
    ("header", "prop"),
    [
        ("w(Cu)/%", "impurity.Cu"),  # the mass fraction as Chinese standards write it
        ("Cu,%", "impurity.Cu"),
        ("Cu %", "impurity.Cu"),
        ("Fe/%", "impurity.Fe"),  # an element's symbol in a Chinese table: no script of its own
        ("铜含量，%", "impurity.Cu"),
        ("铜(质量分数)/%", "impurity.Cu"),
        ("铜含量(%)", "impurity.Cu"),
    ],
)
def test_units_in_the_header_as_tables_print_them(header, prop):
    """Made-up rows under one header, its bound word on the line below (不大于)."""
    text = (
        "中华人民共和国国家标准\nGB/T 48994—2025\n再生铜原料(虚构示例)\n表1 要求\n名称\n"
        f"{header}\n不大于\n光亮铜线\n0.5\n废铜管\n1.0 %\n5 检验\n"
    )
    std = parse(text).standard
    got = [(g.code, limit(g, prop).hi, limit(g, prop).unit) for g in std.grades]
    assert got == [("光亮铜线", D("0.5"), "%"), ("废铜管", D("1.0"), "%")]
