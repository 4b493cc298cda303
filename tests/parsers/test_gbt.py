"""The GB/T text parser: cover, foreword, clauses, tables (fixtures in our own words)."""

import contextlib
import json
from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdcompare import model as m
from stdcompare.errors import SourceError, StdcompareError
from stdcompare.parsers import gbt, gbt_tables
from stdcompare.resources import data_dir
from stdcompare.serialize import to_data
from stdcompare.vocabulary import load_vocabulary

from ..conftest import FIXTURES

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")
DOCS = FIXTURES / "docs"
UTF8 = DOCS / "gbt-excerpt-utf8.txt"
BILINGUAL = DOCS / "gbt-bilingual-table.txt"
CUT = DOCS / "gbt-excerpt-cut.txt"


def parse(data: bytes, name: str = "doc.txt"):
    return gbt.PARSER.parse(data, Path(name), VOCAB)


@pytest.fixture(scope="module")
def result():
    return parse(UTF8.read_bytes(), UTF8.name)


@pytest.fixture(scope="module")
def std(result):
    return result.standard


def req(item, prop):
    found = [r for r in item.requirements if r.prop == prop]
    assert found, f"no {prop} in {[r.prop for r in item.requirements]}"
    return found[0]


def comparable(standard: m.Standard) -> dict:
    data = to_data(replace(standard, origin=None))
    data["sources"] = {}
    return data


def test_cover_metadata(std):
    assert (std.key, std.edition, std.designation) == ("gbt-48123", "2024", "GB/T 48123-2024")
    assert std.title == {"zh": "再生锡原料", "en": "Recycling materials for tin"}
    assert (std.issued, std.effective) == (date(2024, 3, 15), date(2024, 10, 1))
    assert std.supersedes == "gbt-48123@2016"
    assert std.body == "SAMR / SAC" and std.region == "CN"
    assert std.judgement == "rounded"  # 修约值比较法 in 6.1
    assert any(n.text == "ICS 77.150.99; CCS H 69" for n in std.notes)


@pytest.mark.parametrize(
    ("line", "key", "edition", "designation"),
    [
        ("GB/T 38471—2019", "gbt-38471", "2019", "GB/T 38471-2019"),
        ("GB/T 38471-2019", "gbt-38471", "2019", "GB/T 38471-2019"),
        ("GB 5085.3—2007", "gb-5085-3", "2007", "GB 5085.3-2007"),
    ],
)
def test_key_and_edition_from_the_designation(line, key, edition, designation):
    text = f"中华人民共和国国家标准\n{line}\n再生铜原料\nRecycling materials for copper\n"
    std = parse(text.encode("utf-8")).standard
    assert (std.key, std.edition, std.designation) == (key, edition, designation)
    assert std.families == ("copper",)  # 铜 in the title


@pytest.mark.parametrize("year", ["202X", "20XX", "XXXX"])
def test_a_drafts_placeholder_year_makes_a_draft_edition(year):
    """A committee's draft is numbered before it is dated: GB/T 38471—202X."""
    text = f"中华人民共和国国家标准\nGB/T 38471—{year}\n再生铜原料\nRecycling material for copper\n"
    std = parse(text.encode("utf-8")).standard
    assert (std.key, std.edition, std.status) == ("gbt-38471", year, m.Status.DRAFT)
    assert std.title == {"zh": "再生铜原料", "en": "Recycling material for copper"}
    assert std.families == ("copper",)


def test_a_cover_without_a_designation_keeps_its_title():
    """GB/T XXXXX—XXXX names no standard yet; the title under the national header is still the
    title (and gives the family), not an unread line."""
    text = "中华人民共和国国家标准\nGB/T XXXXX—XXXX\n再生铜原料\nRecycling material for copper\n"
    result = parse(text.encode("utf-8"))
    assert result.standard.title["zh"] == "再生铜原料"
    assert result.standard.families == ("copper",)
    assert any("no designation" in w for w in result.warnings)


def test_foreword_and_clauses_are_verbatim_notes_with_their_clause(std):
    foreword = [n for n in std.notes if n.where == "前言"]
    assert any(n.text.startswith("本文件由某行业协会提出") for n in foreword)
    assert all(n.verbatim for n in foreword)
    scope = [n for n in std.notes if n.where == "1"]
    assert scope[-1].text == "本文件适用于经过分拣和加工、可直接投炉使用的回收锡及锡合金原料。"


def test_header_direction_applies_to_bare_numbers(std):
    first = std.grade("RSn-1A")
    tin = req(first, "content.Sn")
    assert (tin.lo, tin.lo_inclusive, tin.hi, tin.unit) == (D("99.0"), True, None, "%")
    inclusions = req(first, "inclusions")
    assert (inclusions.hi, inclusions.hi_inclusive, inclusions.lo) == (D("0.5"), True, None)
    assert inclusions.where == "表1"


def test_dash_cells_are_explicitly_no_requirement(std):
    assert req(std.grade("RSn-2B"), "inclusions").state is m.State.NONE  # "——"
    tin = req(std.grade("RSn-3A"), "content.Sn")  # "—"
    assert tin.state is m.State.NONE and tin.lo is None


def test_merged_category_cells_become_groups_with_their_requirement(std):
    assert [g.group for g in std.grades] == ["category-1"] * 2 + ["category-2"] * 2 + [
        "category-3"
    ] * 2
    block = std.group("category-1")
    assert block.names["zh"].text == "锡块料"
    assert req(block, "metal_recovery").lo == D("97")
    assert not [r for r in std.grade("RSn-1B").requirements if r.prop == "metal_recovery"]
    assert not [r for r in std.grade("RSn-1A").requirements if r.prop == "metal_recovery"]
    rsn1b = std.effective_requirements(std.grade("RSn-1B"))
    assert {r.prop for r in rsn1b} >= {"metal_recovery", "content.Sn", "inclusions"}


def test_requirements_in_running_text(std, result):
    free = {r.prop: r for r in std.requirements if r.prop.startswith("free_of.")}
    assert set(free) == {
        "free_of.explosives",
        "free_of.sealed_containers",
        "free_of.radioactive_material",
        "free_of.hazardous_waste",
    }
    assert free["free_of.explosives"].text == "爆炸物" and free["free_of.explosives"].where == "5.1"
    moisture = req(std, "moisture")
    assert (moisture.hi, moisture.unit, moisture.consequence) == (
        D("1.0"),
        "%",
        m.Consequence.DEDUCT,
    )
    assert moisture.negotiable
    assert req(std, "packaging").state is m.State.AGREEMENT
    assert any("5.3: no property recognised" in w for w in result.warnings)  # 单块重量


def test_bilingual_interleaved_table():
    std = parse(BILINGUAL.read_bytes(), BILINGUAL.name).standard
    assert [g.id for g in std.groups] == ["hss", "mss", "ass"]
    heavy = std.group("hss")
    assert heavy.names["zh"].text == "重型废钢原料"
    assert heavy.names["en"].text == "Heavy scrap steel materials"
    assert req(heavy, "content.TFe").lo == D("92.5")
    assert req(std.group("ass"), "content.TFe").state is m.State.NONE  # "______"
    assert [g.code for g in std.grades] == [
        "HSS101", "HSS102", "MSS201", "MSS202", "ASS301", "ASS302"
    ]  # fmt: skip
    assert req(std.grade("MSS202"), "inclusions").hi == D("1.2")
    assert {g.group for g in std.grades} == {"hss", "mss", "ass"}
    assert "free_of.dangerous_materials" in {r.prop for r in std.requirements}


def test_gb18030_reads_like_utf8_and_says_it_guessed(std):
    text = UTF8.read_text(encoding="utf-8")
    found = parse(text.encode("gb18030"))
    assert comparable(found.standard) == comparable(std)
    assert found.standard.origin.format == "gb18030"
    assert any("GB18030" in w and "guess" in w for w in found.warnings)


@pytest.mark.parametrize(
    ("codec", "guessed"),
    [("utf-16", False), ("utf-16-le", True), ("utf-16-be", True), ("utf-8-sig", False)],
)
def test_utf16_and_bom_variants(std, codec, guessed):
    found = parse(UTF8.read_text(encoding="utf-8").encode(codec))
    assert comparable(found.standard) == comparable(std)
    assert any("a guess" in w for w in found.warnings) == guessed


def test_an_excerpt_cut_inside_a_character():
    found = parse(CUT.read_bytes(), CUT.name)
    assert any("ends inside a UTF-8 character" in w for w in found.warnings)
    assert len(found.standard.grades) == 6
    last = found.standard.notes[-1]
    assert (last.text, last.where, last.verbatim) == ("5.2 水分不", "5.2", True)


def test_bytes_in_no_known_encoding_are_refused():
    with pytest.raises(SourceError, match="not valid GB18030"):
        parse(b"GB/T 1\xff\xff\xff\xff")


def test_sniff():
    assert gbt.PARSER.sniff(UTF8.read_bytes(), UTF8)
    assert gbt.PARSER.sniff(UTF8.read_text(encoding="utf-8").encode("gb18030"), UTF8)
    assert not gbt.PARSER.sniff(b"just some words\n", Path("a.txt"))
    assert not gbt.PARSER.sniff(b"<?xml version='1.0'?><standard>GB/T 1-2020", Path("a.xml"))
    assert not gbt.PARSER.sniff(
        (FIXTURES / "docs" / "isri-circular-excerpt.txt").read_bytes(), UTF8
    )


def test_cli_parse_reports_coverage_and_the_draft_reads_back(run, tmp_path):
    code, out, err = run("parse", str(BILINGUAL))
    assert code == 0 and "coverage: 100%" in err
    code, draft, _ = run("parse", str(UTF8), "--to", "toml")
    assert code == 0
    path = tmp_path / "draft.toml"
    path.write_text(draft, encoding="utf-8")
    code, again, _ = run("parse", str(path))
    assert code == 0
    first, second = json.loads(run("parse", str(UTF8))[1]), json.loads(again)
    first.pop("origin"), second.pop("origin")
    assert first == second


def test_cli_reads_gb18030_from_a_file(run, tmp_path):
    path = tmp_path / "gb.txt"
    path.write_bytes(UTF8.read_text(encoding="utf-8").encode("gb18030"))
    code, out, err = run("parse", str(path))
    assert code == 0 and json.loads(out)["ref"] == "gbt-48123@2024"
    assert "GB18030" in err


def test_cli_exit_2_when_nothing_is_found(run, tmp_path):
    empty = tmp_path / "notes.txt"
    empty.write_text("前言\n本文件没有任何技术内容。\n", encoding="utf-8")
    code, _, err = run("parse", str(empty), "--parser", "gbt")
    assert code == 2 and "neither a designation or title nor any grade" in err


_FRAGMENTS = [
    "GB/T 1—2019\n", "代替 GB/T 2—2000\n", "前言\n", "表1 分类\n",
    "类别  代号  夹杂物/% 不大于  TFe/% 不小于\n", "重型  HRS101  0.8  93.0\n", "HRS102  —\n",
    "不应混入爆炸物、", "水分不大于1.0%", "0.5~0.1%", "5.1 ", "附录A\n", "2019-13-45发布",
    "Category\n", "Code\n", "≥99", "______\n", "注:", "供需双方协商", "\n", "修约值比较法",
]  # fmt: skip
_TEXTS = st.lists(st.one_of(st.text(max_size=8), st.sampled_from(_FRAGMENTS)), max_size=30)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        st.binary(max_size=300),
        st.tuples(_TEXTS, st.sampled_from(["utf-8", "gb18030", "utf-16"])).map(
            lambda t: "".join(t[0]).encode(t[1], "replace")
        ),
    )
)
def test_arbitrary_bytes_raise_only_stdcompare_errors(data):
    with contextlib.suppress(StdcompareError):  # anything else fails the test
        parse(data)


def _split_by_search(text: str) -> tuple[str, str]:
    """What gbt_tables._split_scripts means, as its first version said it: the last run of English
    words after a space, found by searching the text (slow: it retries from every space)."""
    import re

    found = re.search(r"\s[A-Za-z][A-Za-z ,.'()-]{2,}$", text)
    if found is None:
        return text, ""
    return text[: found.start()].strip(), found.group(0).strip()


@given(st.text(st.sampled_from(list("ab Z,.'()-\t铜0\u3000")), max_size=14))
def test_a_cells_english_part_is_found_as_a_search_would(text):
    assert gbt_tables._split_scripts(text) == _split_by_search(text)


def test_a_cells_english_part():
    assert gbt_tables._split_scripts("重型废钢 Heavy scrap") == ("重型废钢", "Heavy scrap")
    assert gbt_tables._split_scripts("重型废钢") == ("重型废钢", "")
    assert gbt_tables._split_scripts("合金废 Alloy scrap (ASS)") == ("合金废", "Alloy scrap (ASS)")


# An implementation guide about two standards, in the manner such notices are written (our own
# words): it cites both, in book-title marks, and has no cover of its own (issue 19).
GUIDE = """关于实施再生黄铜原料和再生铜原料国家标准的指南
GB/T 38470—2019《再生黄铜原料》
GB/T 38471—2019《再生铜原料》
为规范再生铜原料的进口管理，上述两项国家标准自2020年7月1日起实施，企业应按照标准要求组织检验。
一、适用范围
本指南适用于进口再生黄铜原料和再生铜原料的企业。
二、检验要求
夹杂物总含量应不大于1.0%。
"""


def test_a_guide_that_cites_standards_is_not_one_of_them(tmp_path, run):
    guide = tmp_path / "guide.txt"
    guide.write_text(GUIDE, encoding="utf-8")
    code, out, err = run("parse", str(guide), "--parser", "gbt")
    assert code == 2 and out == ""
    assert "cites GB/T 38470-2019, GB/T 38471-2019 but is not a standard's text" in err


def test_a_title_is_a_name_not_the_first_paragraph(tmp_path, run):
    """Under a cover, a sentence after the title is body text: the title stays the title."""
    text = (
        "中华人民共和国国家标准\nGB/T 38471—2019\n再生铜原料\nRecycling materials for copper\n"
        "本标准规定了再生铜原料的要求、检验方法和检验规则。\n"
        "5 要求\n5.1 夹杂物总含量应不大于1.0%。\n"
    )
    doc = tmp_path / "std.txt"
    doc.write_text(text, encoding="utf-8")
    code, out, _ = run("parse", str(doc), "--parser", "gbt")
    data = json.loads(out)
    assert code == 0 and data["title"]["zh"] == "再生铜原料"
    assert data["designation"] == "GB/T 38471-2019"


def test_a_cover_copied_out_of_a_pdf_onto_one_line(tmp_path, run):
    """Text copied out of a PDF runs the cover into one line: its parts are read as a cover
    printed line by line is (issue 19)."""
    text = (
        "ICS 77.150.30 H 62 中华人民共和国国家标准 GB/T 38470—2019 再生黄铜原料 Recycling "
        "materials for brass 2019-12-31发布 2020-07-01实施 国家市场监督管理总局 "
        "国家标准化管理委员会 发布\n前言\n本标准按照GB/T 1.1—2009给出的规则起草。\n"
        "1 范围\n本标准规定了再生黄铜原料的要求。\n"
    )
    doc = tmp_path / "cover.txt"
    doc.write_text(text, encoding="utf-8")
    code, out, _ = run("parse", str(doc), "--parser", "gbt")
    data = json.loads(out)
    assert code == 0 and data["designation"] == "GB/T 38470-2019"
    assert data["title"] == {"zh": "再生黄铜原料", "en": "Recycling materials for brass"}
    assert (data["issued"], data["effective"]) == ("2019-12-31", "2020-07-01")
    assert data["body"] == "SAMR / SAC"
