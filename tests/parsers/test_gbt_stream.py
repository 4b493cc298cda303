"""GB/T tables flattened by pdftotext (issue 19; parsers/gbt_stream.py, gbt_tokens.py). The
fixtures are what `pdftotext` and `pdftotext -layout` printed for tables laid out after GB/T
39733-2020 Table 1 and GB/T 38471-2019 Table 1 (codes and limits as in standards/gbt/), printed
to PDF by chromium."""

from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdcompare import model as m
from stdcompare.errors import StdcompareError
from stdcompare.parsers import gbt, gbt_tokens
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

from ..conftest import FIXTURES

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")
DOCS = FIXTURES / "docs"


def parse(text: str):
    return gbt.PARSER.parse(text.encode(), Path("doc.txt"), VOCAB)


def limit(item, prop):
    found = [r for r in item.requirements if r.prop == prop]
    assert len(found) == 1, f"{prop} in {[r.prop for r in item.requirements]}"
    return found[0]


@pytest.mark.parametrize("mode", ["raw", "layout"])
def test_steel_table_rebuilt_with_merged_category_cells(mode):
    result = parse((DOCS / f"gbt-flat-steel-{mode}.txt").read_text(encoding="utf-8"))
    std = result.standard
    print(f"coverage {mode}: {result.coverage:.0%} of {result.units_total}")
    assert [g.code for g in std.grades] == [
        "HRS101", "HRS102", "LRS301", "LRS302", "LRS303", "ARS601", "ARS602"
    ]  # fmt: skip
    expected = {"HRS101": "0.8", "HRS102": "0.3", "LRS301": "0.8", "LRS302": "0.3"}
    for code, hi in expected.items():
        inclusions = limit(std.grade(code), "inclusions")
        assert (inclusions.hi, inclusions.lo) == (D(hi), None)  # 不大于 / max.
    assert [g.id for g in std.groups] == ["hrs", "lrs", "ars"]
    assert std.group("hrs").names["zh"].text == "重型再生钢铁原料"
    assert std.group("lrs").names["en"].text == "Small recycling iron-steel materials"
    # the merged TFe cell, printed beside the middle row of its category (LRS302)
    assert limit(std.group("lrs"), "content.TFe").lo == D("92.0")
    assert limit(std.group("hrs"), "content.TFe").lo == D("93.0")
    assert limit(std.group("ars"), "content.TFe").state is m.State.NONE  # "—"
    assert {g.group for g in std.grades} == {"hrs", "lrs", "ars"}
    assert any("rebuilt 7 of 7 rows" in w for w in result.warnings)
    assert any("merged cell" in w for w in result.warnings)
    # the marks (101 …) and the clause after the table are not read as limits
    assert "free_of.dangerous_materials" in {r.prop for r in std.requirements}
    assert result.coverage == 1.0


@pytest.mark.parametrize("mode", ["raw", "layout"])
def test_copper_table_rebuilt_with_row_names_and_category_names(mode):
    result = parse((DOCS / f"gbt-flat-copper-{mode}.txt").read_text(encoding="utf-8"))
    std = result.standard
    print(f"coverage {mode}: {result.coverage:.0%} of {result.units_total}")
    assert [g.code for g in std.grades] == [
        "RCu-1A", "RCu-1B", "RCu-1C", "RCu-2A", "RCu-2B", "RCu-2C"
    ]  # fmt: skip
    got = {g.code: (limit(g, "content.Cu").lo, limit(g, "metal_recovery").lo) for g in std.grades}
    assert got["RCu-1A"] == (D("99.9"), D("98"))
    assert got["RCu-1C"] == (D("99"), D("94"))
    assert got["RCu-2C"] == (D("96"), D("92"))
    assert std.grade("RCu-1B").names["en"].text == "#1 copper wire"
    assert [g.names["zh"].text for g in std.groups] == ["铜线", "铜加工料"]
    assert std.grade("RCu-2B").group == std.groups[1].id
    assert result.coverage == 1.0


def test_rows_whose_numbers_fit_no_reading_are_kept_and_said():
    text = (DOCS / "gbt-flat-steel-raw.txt").read_text(encoding="utf-8")
    text = text.replace("HRS102\n0.3\n", "HRS102\n")  # a cut row: HRS has 2 and 0 numbers
    result = parse(text)
    codes = [g.code for g in result.standard.grades]
    print(f"coverage cut: {result.coverage:.0%} of {result.units_total}")
    assert "HRS101" not in codes and "LRS302" in codes
    assert any("rows HRS101 … HRS102 hold HRS101 2, HRS102 0 numbers" in w for w in result.warnings)
    assert any(n.text == "HRS101 0.8 93.0" for n in result.standard.notes)
    assert any("rebuilt 5 of 7 rows" in w for w in result.warnings)
    assert result.coverage < 1.0


def test_bound_words_that_do_not_match_the_headers_give_no_direction():
    text = (DOCS / "gbt-flat-copper-raw.txt").read_text(encoding="utf-8")
    text = text.replace("不小于\n不小于\n", "不小于\n", 1)  # one bound word for two columns
    result = parse(text)
    cu = limit(result.standard.grade("RCu-1A"), "content.Cu")
    assert cu.nominal == D("99.9") and cu.uncertain == "the header gives no direction"
    assert any("1 Chinese bound words for 2 value columns" in w for w in result.warnings)


def test_a_stream_without_codes_or_named_rows_is_kept_as_notes_with_the_reason():
    """Numbers with no code and no name printed before them: no row can be rebuilt (rows
    named in Chinese are rebuilt: test_gbt_labels.py)."""
    text = (
        "中华人民共和国国家标准\nGB/T 38472—2019\n再生铸造铝合金原料\n"
        "表1 技术要求\n金属回收率/%\n不小于\n95\n92\n5 检验\n"
    )
    result = parse(text)
    assert result.standard.grades == ()
    assert any("no code column found (no codes in the stream)" in w for w in result.warnings)
    assert {"95", "92"} <= {n.text for n in result.standard.notes}


def test_a_table_in_one_piece_is_not_read_as_a_stream():
    lines = ["代号  夹杂物/% 不大于", "HSS101  0.5"]
    assert not gbt_tokens.flattened(lines)
    assert gbt_tokens.flattened(["夹杂物/%  TFe/%", "不大于  不小于"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "HRS101",
                "RCu-1A",
                "RCu-1B",
                "0.8",
                "93.0",
                "—",
                "101",
                "不大于",
                "max.",
                "TFe含量/%",
                "Inclusions/%",
                "类别",
                "Code",
                "重型",
                "Heavy",
                "HRS",
                "\n",
                "  ",
                "5 技术要求",
                "x",
            ]
        ),  # fmt: skip
        max_size=60,
    )
)
def test_any_stream_parses_or_is_refused_cleanly(words):
    text = "中华人民共和国国家标准\nGB/T 39733—2020\n再生钢铁原料\n表1 分类\n" + " ".join(words)
    try:
        result = parse(text)
    except StdcompareError:
        return
    assert result.units_structured <= result.units_total


@pytest.mark.parametrize("mode", ["raw", "layout"])
def test_row_names_and_category_names_in_one_script(mode):
    """Chinese category names and Chinese row names in one stream (a made-up standard, GB/T
    48999, laid out like the aluminium tables): the names printed just before a code are the
    rows', the others the categories'."""
    result = parse((DOCS / f"gbt-flat-names-{mode}.txt").read_text(encoding="utf-8"))
    std = result.standard
    print(f"coverage names {mode}: {result.coverage:.0%} of {result.units_total}")
    assert [g.names["zh"].text for g in std.groups] == ["铝合金铸件", "铝块"]
    got = [(g.code, g.names["zh"].text, g.group) for g in std.grades]
    assert got == [
        ("RAl-1A", "汽车铝合金铸件", std.groups[0].id),
        ("RAl-1B", "其他铝合金铸件", std.groups[0].id),
        ("RAl-2A", "破碎铝块", std.groups[1].id),
        ("RAl-2B", "压块", std.groups[1].id),
    ]
    assert [limit(g, "metal_recovery").lo for g in std.grades] == [D(95), D(95), D(92), D(92)]
    assert result.coverage == 1.0


def test_a_merged_cell_without_category_names_still_makes_a_category():
    """No category column in the stream, but one row of each code family prints a number more:
    the number is its category's (a merged cell), read into a category of its own."""
    text = (
        "中华人民共和国国家标准\nGB/T 38471—2019\n再生铜原料\n表1 分类\n代号\n铜含量/%\n不小于\n"
        "金属回收率/%\n不小于\nRCu-1A\n99.9\n98\nRCu-1B\n99\nRCu-2A\n99.9\n97\nRCu-2B\n99\n"
    )
    std = parse(text).standard
    assert [limit(g, "metal_recovery").lo for g in std.groups] == [D(98), D(97)]
    assert [g.group for g in std.grades] == [std.groups[0].id] * 2 + [std.groups[1].id] * 2
    assert [limit(g, "content.Cu").lo for g in std.grades] == [D("99.9"), D(99), D("99.9"), D(99)]
    assert all(g.names == {} for g in std.groups)  # no name is made up


def test_bound_signs_go_to_the_headers_without_bound_words():
    text = (
        "中华人民共和国国家标准\nGB/T 38471—2019\n再生铜原料\n表1 分类\n代号  铜含量/%  夹杂物/%\n"
        "≥\n≤\nRCu-1A\n99.9\n0.5\nRCu-1B\n99\n1.0\n"
    )
    std = parse(text).standard
    assert limit(std.grade("RCu-1B"), "content.Cu").lo == D("99")
    assert limit(std.grade("RCu-1B"), "inclusions").hi == D("1.0")
