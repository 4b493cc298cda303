"""The words traders type (issue 14, part 4), as typed: typos that must not silently answer a
different real grade, halves of slash codes, family listings that name every system covering
the family."""

from __future__ import annotations

import json

import pytest


def _head(run, query: str) -> tuple[int, str, str]:
    code, out, err = run("lookup", query)
    return code, (out.splitlines() or [""])[0], err


@pytest.mark.parametrize("query", ["Tabor", "Taint", "tabor", "TAINT"])
def test_each_half_of_a_slash_code_finds_the_grade(run, query):
    code, head, _ = _head(run, query)
    assert code == 0 and head.startswith("Taint/Tabor — ")  # not Taboo, one letter away


def test_a_typo_as_close_to_two_grades_answers_neither(run):
    """'Zobra' is Zorba with two letters swapped and Cobra with one changed: no guess."""
    code, out, err = run("lookup", "Zobra")
    assert code == 2 and out == ""
    assert "Zorba" in err and "Cobra" in err and "hint:" in err


@pytest.mark.parametrize(
    ("query", "grade"),
    [("zorbra", "Zorba"), ("berr", "Berry"), ("bairley", "Barley"), ("birhc", "Birch")],
)
def test_a_typo_near_one_grade_says_how_it_was_read(run, query, grade):
    code, head, _ = _head(run, query)
    assert code == 0 and head.startswith(f"{grade} — ")
    assert f"[read '{query}' as {grade}" in head


def test_a_near_miss_is_never_silent(run):
    """A typo read as one grade names any other grade nearly as close."""
    from stdcompare.corpus import Corpus
    from stdcompare.query import CLOSE, resolve_query

    corpus = Corpus.discover()
    resolved = resolve_query(corpus, "Clff")  # Cliff, one letter left out
    assert resolved.grade.grade.code == "Cliff"
    for other in resolved.close:
        assert other.grade.code != "Cliff"
    assert CLOSE > 0


@pytest.mark.parametrize(
    ("family", "keys"),
    [
        ("copper", {"en-12861", "eu-2013-715", "gbt-38471", "isri-circular"}),
        ("steel", {"eu-2011-333", "efr-steel", "gbt-39733", "isri-circular"}),
        ("brass", {"en-12861", "gbt-38470", "eu-2013-715"}),
    ],
)
def test_list_family_names_every_standard_and_regulation_covering_it(run, family, keys):
    data = json.loads(run("list", "--family", family, "--format", "json")[1])
    found = {row["key"] for row in data}
    assert keys <= found
    assert not {"en-13920", "gbt-38472"} & found  # aluminium only


@pytest.mark.parametrize(
    ("query", "prefix"),
    [
        ("重型", "HRS"),
        ("中型", "MRS"),
        ("小型", "LRS"),
        ("破碎型", "SRS"),
        ("重型再生钢铁原料", "HRS"),
    ],
)
def test_a_category_name_finds_its_grades(run, query, prefix):
    """GB/T 39733's grades have no names of their own: they are known by their category's."""
    data = json.loads(run("lookup", query, "--format", "json")[1])
    assert data["query"]["text"] == query and data["query"]["how"] in ("category", "name")
    codes = {g["code"] for g in data["query"]["grades"]}
    assert len(codes) >= 2 and all(code.startswith(prefix) for code in codes)


def test_a_nameless_grade_is_matched_by_its_category_name():
    """HRS101 (heavy category) reads as heavy: its best partners elsewhere are heavy steel."""
    from stdcompare.corpus import Corpus
    from stdcompare.counterparts import lookup

    found = lookup(Corpus.discover(), "gbt-39733@2024:HRS101", computed_only=True)
    best = {}
    for pair in found.matches:
        best.setdefault(pair.b.standard.key, pair)
    assert best["isri-circular"].b.grade.code == "200"  # No. 1 heavy melting steel
    assert best["efr-steel"].b.grade.code in ("E2", "E3")  # heavy steel, new or old
    assert all("heavy" in {c.detail for c in p.contributions} for p in best.values())


@pytest.mark.parametrize("query", ["HMS 1", "No. 1 HMS", "#1 HMS", "HMS1", "HMS No. 1"])
def test_the_ways_people_write_hms_1(run, query):
    data = json.loads(run("lookup", query, "--format", "json")[1])
    assert {g["code"] for g in data["query"]["grades"]} == {"200", "201", "202"}


def test_a_blend_with_its_ratio(run):
    """HMS 1&2 80:20: the grades of both parts, with the shares the query states."""
    data = json.loads(run("lookup", "HMS 1&2 80:20", "--format", "json")[1])
    assert data["query"]["text"] == "HMS 1&2 80:20" and data["query"]["how"] == "blend"
    shares = {(g["part"], g["share"]) for g in data["query"]["grades"]}
    assert shares == {("HMS 1", 80), ("HMS 2", 20)}
    parts = {g["part"]: set() for g in data["query"]["grades"]}
    for g in data["query"]["grades"]:
        parts[g["part"]].add(g["code"])
    assert parts == {"HMS 1": {"200", "201", "202"}, "HMS 2": {"203", "204", "205", "206"}}
    out = run("lookup", "HMS 1&2 80:20")[1]
    assert "a blend: 80 % HMS 1 (200, 201, 202) + 20 % HMS 2" in out


def test_a_blend_without_ratio_says_the_shares_are_unknown(run):
    out = run("lookup", "HMS")[1]
    assert "in shares the query does not state" in out


def test_shares_that_do_not_add_up_are_refused(run):
    code, out, err = run("lookup", "HMS 1&2 80:30")
    assert code == 2 and "add up to 100" in err and "hint:" in err


@pytest.mark.parametrize(
    ("query", "family", "some"),
    [
        ("紫铜", "copper", {"Barley", "Birch"}),  # red copper: the glossary's copper
        ("黄杂铜", "brass", {"Honey", "S-CuZn-4"}),  # a trade word of the brass class
        ("废钢", "steel", {"200", "E3", "HRS101"}),  # scrap steel
        ("铸铝", "aluminium_cast", {"EN 13920-7", "铸件"}),  # cast aluminium
        ("brass", "brass", {"Honey"}),
        ("copper", "copper", {"Barley"}),
    ],
)
def test_a_family_word_lists_the_family_grades(run, query, family, some):
    data = json.loads(run("lookup", query, "--format", "json")[1])
    assert data["query"]["how"] == "family" and data["query"]["family"] == family
    assert some <= {g["code"] for g in data["query"]["grades"]}
    assert data["matches"] == []
    text = run("lookup", query)[1]
    assert text.splitlines()[0].startswith(f"{query}: the family ")
