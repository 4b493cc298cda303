"""GB/T tables split across pages (parsers/gbt_tables.py): the continued part ("续表",
"表2(续)") after the page's furniture joins its table, its repeated header dropped."""

from decimal import Decimal as D
from pathlib import Path

import pytest

from stdcompare.parsers import gbt
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")
HEAD = "中华人民共和国国家标准\nGB/T 38471—2019\n再生铜原料\n表2 要求\n"
HEADER = "代号  铜含量/% 不小于  金属回收率/% 不小于\n"


def parse(text: str):
    return gbt.PARSER.parse(text.encode(), Path("doc.txt"), VOCAB)


@pytest.mark.parametrize("caption", ["续表", "表2(续)", "表 2 （续）", "续表2"])
def test_a_table_continued_on_the_next_page_is_one_table(caption):
    text = (
        HEAD
        + HEADER
        + "RCu-1A  99.9  98\nRCu-1B  99  97\n\n7\n\nGB/T 38471—2019\n"
        + caption
        + "\n"
        + HEADER
        + "RCu-1C  99  94\n5 检验\n"
    )
    result = parse(text)
    std = result.standard
    got = [(g.code, [r.lo for r in g.requirements]) for g in std.grades]
    assert got == [
        ("RCu-1A", [D("99.9"), D(98)]),
        ("RCu-1B", [D(99), D(97)]),
        ("RCu-1C", [D(99), D(94)]),
    ]
    notes = {n.text for n in std.notes}
    assert not notes & {"7", "GB/T 38471—2019", caption, HEADER.strip()}
    assert not result.warnings


def test_the_next_table_is_not_a_continuation():
    text = HEAD + HEADER + "RCu-1A  99.9  98\n表3 其他\n" + HEADER + "RCu-2A  99.9  97\n"
    std = parse(text).standard
    assert [(g.code, g.where) for g in std.grades] == [("RCu-1A", "表2"), ("RCu-2A", "表3")]


def test_a_continuation_of_another_table_number_does_not_join():
    text = HEAD + HEADER + "RCu-1A  99.9  98\n表5(续)\n" + HEADER + "RCu-2A  99.9  97\n"
    std = parse(text).standard
    assert [g.where for g in std.grades] == ["表2", "表5"]


def test_rows_of_one_line_named_without_codes():
    """A table copied from a web page, rows of one line, no code column (a made-up table): the
    name column labels the rows; a row without the category cell is in the category above."""
    text = (
        "中华人民共和国国家标准\nGB/T 48995—2025\n再生铝原料(虚构示例)\n表1 要求\n"
        "类别  名称  金属回收率/% 不小于  夹杂物/% 不大于\n"
        "铸件 Castings  汽车铸件 Car castings  95  0.5\n"
        "机械铸件  93  0.8\n"
        "铝块  破碎铝块  92  1.0\n5 检验\n"
    )
    result = parse(text)
    std = result.standard
    assert [(g.code, g.names["zh"].text, g.code_assigned) for g in std.grades] == [
        ("汽车铸件", "汽车铸件", True),
        ("机械铸件", "机械铸件", True),
        ("破碎铝块", "破碎铝块", True),
    ]
    assert std.grades[0].names["en"].text == "Car castings"
    assert [(g.names["zh"].text, g.names["en"].text if "en" in g.names else None)
            for g in std.groups] == [("铸件", "Castings"), ("铝块", None)]  # fmt: skip
    assert [g.group for g in std.grades] == [std.groups[0].id] * 2 + [std.groups[1].id]
    got = [[(r.prop, r.lo, r.hi) for r in g.requirements] for g in std.grades]
    assert got[1] == [("metal_recovery", D(93), None), ("inclusions", None, D("0.8"))]
    assert not result.warnings  # not a stream: no rebuilding to say
