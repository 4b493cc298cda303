"""GB/T tables in the toolkit's one table model (parsers/gbt_grid.py): whatever way a table was
printed, it is laid out as a toolkit Table and read from it, as STS, Formex and EU tables are."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from stdcompare import model as m
from stdcompare.parsers import gbt, gbt_grid
from stdcompare.parsers.gbt_tables import Cell, Column, Row
from stdcompare.parsers.toolkit.tables import MAX_COLUMN, Table
from stdcompare.parsers.toolkit.tables import Cell as Placed
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

from ..conftest import FIXTURES

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")


def test_a_gbt_table_is_a_toolkit_table_with_spans_units_and_bounds():
    columns = [
        Column("category", Cell("类别", "Category")),
        Column("code", Cell("代号", "Code")),
        Column("value", Cell("夹杂物/% 不大于"), prop="inclusions", direction="不大于", unit="%"),
        Column("value", Cell("TFe/% 不小于"), prop="content.TFe", direction="不小于", unit="%"),
    ]
    rows = [
        Row([Cell("重型", "Heavy")], "HRS101", [Cell(en="0.8"), Cell(en="93.0")]),
        Row([], "HRS102", [Cell(en="0.3")]),  # the category cell and TFe merged over both
        Row([Cell("小型")], "LRS301", [Cell(en="0.8"), Cell(en="92.0")]),
    ]
    table = gbt_grid.grid(columns, rows)
    assert isinstance(table, Table) and table.header_direction() == "top"
    header = table.rows[0]
    assert [(c.column, c.unit, c.bound) for c in header] == [
        (1, None, None),
        (2, None, None),
        (3, "%", "不大于"),
        (4, "%", "不小于"),
    ]
    heavy = table.rows[1]
    assert [(c.column, c.depth) for c in heavy] == [(1, 2), (2, 1), (3, 1), (4, 2)]
    # the second row: the category and the TFe cell span down into it, not its own
    assert [(c.column, c.own) for c in table.rows[2]] == [(1, False), (2, True), (3, True),
                                                          (4, False)]  # fmt: skip
    assert table.header_over(3, 4).bound == "不小于"
    assert table.texts(table.rows[3]) == ["小型", "LRS301", "0.8", "92.0"]


def header(prop: str | None, bound: str | None = None, unit: str | None = "%") -> Placed:
    return Placed(Column("value", Cell(prop or ""), prop=prop), 1, 3, header=True, unit=unit,
                  bound=bound)  # fmt: skip


@pytest.mark.parametrize(
    ("cell", "bound", "expected"),
    [
        ("0.5", "不大于", (None, D("0.5"), m.State.STATED)),
        ("93.0", "不小于", (D("93.0"), None, m.State.STATED)),
        ("0.5~1.0", None, (D("0.5"), D("1.0"), m.State.STATED)),
        ("0.5–1.0", "不大于", (D("0.5"), D("1.0"), m.State.STATED)),  # the range wins
        ("≤0.10", None, (None, D("0.10"), m.State.STATED)),
        ("0.40a", "不大于", (None, D("0.40"), m.State.STATED)),
        ("0.30^1", "不大于", (None, D("0.30"), m.State.STATED)),  # "0.30¹" as decoded
        ("—", "不大于", (None, None, m.State.NONE)),
        ("-", "不大于", (None, None, m.State.NONE)),
        ("余量", None, (None, None, m.State.NONE)),
        ("Bal.", None, (None, None, m.State.NONE)),
    ],
)
def test_a_cell_under_its_header(cell, bound, expected):
    req = gbt_grid.cell_requirement(cell, header("impurity.Fe", bound), "表2")
    assert (req.lo, req.hi, req.state) == expected
    if cell[-1] in "a1":
        assert f"footnote {cell[-1]}" in req.text


def test_a_bare_number_under_a_header_without_a_bound_is_a_nominal_said_uncertain():
    req = gbt_grid.cell_requirement("0.5", header("impurity.Fe"), "表2")
    assert req.nominal == D("0.5") and req.uncertain == "the header gives no direction"


def test_a_superscript_footnote_mark_is_not_a_digit_of_the_number():
    """NFKC makes "¹" a "1": "0.30¹" must not become 0.301."""
    text = (FIXTURES / "docs" / "gbt-bilingual-table.txt").read_text(encoding="utf-8")
    text = text.replace("HSS101\n0.5", "HSS101\n0.5¹")
    std = gbt.PARSER.parse(text.encode(), Path("doc.txt"), VOCAB).standard
    inclusions = next(r for r in std.grade("HSS101").requirements if r.prop == "inclusions")
    assert inclusions.hi == D("0.5") and "footnote 1" in inclusions.text


def test_a_row_wider_than_the_model_keeps_every_cell():
    """Cells no header takes are joined at the edges rather than piled into one column (the
    model is at most MAX_COLUMN wide), so none is lost."""
    columns = [
        Column("name", Cell("名称")),
        Column("code", Cell("代号")),
        Column("value", Cell("夹杂物/%"), prop="inclusions"),
    ]
    row = Row([Cell(f"n{i}") for i in range(3000)], "A1", [Cell(en=str(i)) for i in range(5000)])
    table = gbt_grid.grid(columns, [row])
    cells = table.rows[1]
    assert len({c.column for c in cells}) == len(cells)  # one cell a column
    assert max(c.column for c in cells) <= MAX_COLUMN
    words = " ".join(c.content.label for c in cells).split()
    assert len(words) == 3000 + 1 + 5000
