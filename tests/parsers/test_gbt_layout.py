"""Flattened tables read by where pdftotext -layout prints each cell (parsers/gbt_layout.py)."""

from decimal import Decimal as D
from pathlib import Path

from stdcompare.parsers import gbt, gbt_layout
from stdcompare.parsers.gbt_tokens import tokens
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")

# A name wrapped over three lines around its numbers, its category's lines beside two rows.
LAID_OUT = [
    "   类别        名称          夹杂物/%",
    "                             不大于",
    "             破碎",
    "  铝块       铝块料          0.8",
    "  Blocks     Shredded",
    "             压块            1.0",
    "             Bales",
]


def test_names_and_categories_go_to_the_row_they_are_printed_beside():
    toks = tokens(LAID_OUT)
    assert gbt_layout.laid_out(toks)
    roles = {
        "category": [t for t in toks if t.text == "类别"],
        "name": [t for t in toks if t.text == "名称"],
    }
    rows = gbt_layout.rows_by_place(toks, roles)
    assert rows is not None
    assert [(r.label.zh, r.label.en, [v.text for v in r.values]) for r in rows] == [
        ("破碎铝块料", "Shredded", ["0.8"]),
        ("压块", "Bales", ["1.0"]),
    ]
    assert [[t.text for t in r.category] for r in rows] == [["铝块", "Blocks"], []]


def test_bound_words_go_to_the_header_they_are_printed_under():
    toks = tokens(["  Si/%     Fe/%      夹杂物/%", "           不大于    不大于"])
    props = gbt_layout.by_place([t for t in toks if t.kind == "prop"])
    bounds = [t for t in toks if t.kind == "bound"]
    placed = gbt_layout.bounds_under(props, bounds)
    assert [b.text if b else None for b in placed] == [None, "不大于", "不大于"]
    # a bound word under no header: not placed at all (the reader then says so)
    assert gbt_layout.bounds_under(props[:1], bounds) is None


def test_a_header_wrapped_inside_its_parentheses_is_joined():
    toks = tokens(["   Si/%     夹杂物(质量分", "   不大于    数)/%"])
    joined = gbt_layout.join_wrapped(toks)
    assert [t.text for t in joined if t.kind == "prop"] == ["Si/%", "夹杂物(质量分数)/%"]


def test_a_row_without_a_name_is_not_read_by_place():
    toks = tokens(["   名称       夹杂物/%", "              0.8"])
    assert gbt_layout.rows_by_place(toks, {"name": toks[:1]}) is None


def test_names_without_any_line_of_numbers_are_not_rows():
    """Found by the fuzzer: laid-out text cells and no number at all."""
    toks = tokens(["   名称       夹杂物/%", "   铝块  压块"])
    assert gbt_layout.rows_by_place(toks, {"name": toks[:1]}) is None


# A made-up table (no real standard): categories printed at the middle of their rows, the
# recovery of the first printed once for its three rows (a merged cell, on the middle line).
MERGED = """中华人民共和国国家标准
GB/T 48996—2025
再生铝原料(虚构示例)
表1 要求

   类别        名称        夹杂物/%    金属回收率/%
                           不大于       不小于
             汽车铸件      0.5
  铸件       机械铸件      0.8          95
             其他铸件      1.0
  铝块       破碎铝块      1.0          92
5 检验
"""


def test_a_category_printed_at_the_middle_of_its_rows_takes_them_all():
    result = gbt.PARSER.parse(MERGED.encode(), Path("doc.txt"), VOCAB)
    std = result.standard
    assert [g.names["zh"].text for g in std.groups] == ["铸件", "铝块"]
    assert [g.group for g in std.grades] == [std.groups[0].id] * 3 + [std.groups[1].id]
    recovery = [r for r in std.groups[0].requirements if r.prop == "metal_recovery"]
    assert [r.lo for r in recovery] == [D(95)]  # the category's, printed once
    assert [r.hi for g in std.grades for r in g.requirements if r.prop == "inclusions"] == [
        D("0.5"), D("0.8"), D("1.0"), D("1.0")
    ]  # fmt: skip
    assert any("merged cell" in w for w in result.warnings)
