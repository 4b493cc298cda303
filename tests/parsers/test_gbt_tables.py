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
