"""A grade named with its standard, as traders write it: the standard by key or by the name
people use, then the grade by code or name, in the edition that holds it."""

from datetime import date

import pytest

from stdcompare.corpus import Corpus
from stdcompare.errors import RefError
from stdcompare.query import resolve_query

AS_OF = date(2026, 1, 1)

# Labelled evaluation data: the query, and the grade it names (standard ref, code).
QUALIFIED = [
    ("isri-circular:Birch", "isri-circular@2024", "Birch"),
    ("isri:Birch", "isri-circular@2024", "Birch"),
    ("ISRI Birch", "isri-circular@2024", "Birch"),
    ('isri:"Berry/Candy"', "isri-circular@2024", "Berry/Candy"),
    ("ISRI Taint", "isri-circular@2024", "Taint/Tabor"),
    ("isri:No. 2 copper wire", "isri-circular@2024", "Birch"),
    ("efr:E3", "efr-steel@2007", "E3"),
    ("EFR E3", "efr-steel@2007", "E3"),
    # GB/T 38471-2023 is held in part: RCu-1A is read from 2019's, the edition that holds it.
    ("gbt-38471:RCu-1A", "gbt-38471@2019", "RCu-1A"),
    ("GB/T 38471:RCu-1A", "gbt-38471@2019", "RCu-1A"),
    ("GB/T 38471-2019 RCu-1A", "gbt-38471@2019", "RCu-1A"),
    ("GB/T 38471—2019 rcu-1a", "gbt-38471@2019", "RCu-1A"),
    ("38471:RCu-1B", "gbt-38471@2023", "RCu-1B"),
    ("gbt-38471@2019:RCu-1B", "gbt-38471@2019", "RCu-1B"),
]


@pytest.fixture(scope="module")
def corpus():
    return Corpus.discover(as_of=AS_OF)


@pytest.mark.parametrize(("query", "ref", "code"), QUALIFIED)
def test_a_grade_named_with_its_standard(corpus, query, ref, code):
    found = resolve_query(corpus, query)
    assert (found.grade.standard.ref, found.grade.grade.code) == (ref, code)


def test_a_typo_within_the_named_standard_is_read_there(corpus):
    found = resolve_query(corpus, "isri:Birchh")
    assert (found.grade.standard.key, found.grade.grade.code, found.how) == (
        "isri-circular",
        "Birch",
        "fuzzy",
    )


def test_a_named_edition_without_the_grade_says_which_edition_has_it(corpus):
    with pytest.raises(RefError) as info:
        resolve_query(corpus, "gbt-38471@2023:RCu-1A")
    assert str(info.value) == "gbt-38471@2023 has no grade 'RCu-1A'"
    assert info.value.hint.startswith("gbt-38471@2019 holds it")


def test_a_grade_the_named_standard_lacks_is_not_taken_from_another(corpus):
    """Barley is ISRI's: asked of EFR, the answer is no grade, not ISRI's Barley."""
    with pytest.raises(RefError, match="efr-steel has no grade 'Barley'"):
        resolve_query(corpus, "efr:Barley")


def test_a_name_that_is_no_standard_is_read_as_a_grade_name(corpus):
    found = resolve_query(corpus, "No. 1 heavy melting steel")
    assert found.grade.grade.code == "200"
    assert resolve_query(corpus, "HMS 1&2 80:20").blend  # a colon that is a ratio


@pytest.mark.parametrize("query", ["bright copper", "光亮铜"])
def test_another_word_is_no_typo(corpus, query):
    """'bright copper' is 88 % like 'light copper' (Dream), but 'bright' is not 'light'
    mistyped; 光亮铜 reads as bright copper. No guess: the near grades are suggested."""
    with pytest.raises(RefError) as info:
        resolve_query(corpus, query)
    assert str(info.value) == f"no grade matches '{query}'"
    assert "did you mean" in info.value.hint


@pytest.mark.parametrize(
    ("query", "code"),
    [("heavy meltng steel", "200"), ("zorbra", "Zorba"), ("birhc", "Birch"), ("Clff", "Cliff")],
)
def test_a_slip_of_a_letter_is_still_read(corpus, query, code):
    found = resolve_query(corpus, query)
    assert (found.how, found.grade.grade.code) == ("fuzzy", code)


@pytest.mark.parametrize("query", ["gbt-38471@2023:RCu-1A", "isri:Zzzz", "efr:Barley", "efr:E33"])
def test_a_missing_grade_of_a_named_standard_is_said_in_chinese(corpus, query):
    from stdcompare.render.speech import error_lines

    with pytest.raises(RefError) as info:
        resolve_query(corpus, query)
    message, hint = error_lines(info.value, "zh")
    for said in (message, hint):
        assert not any(w in said for w in ("has no", "lists its", "holds it", "did you")), said


@pytest.mark.parametrize(("query", "code"), [("重型废钢", "HRS101"), ("中型废钢", "MRS201")])
def test_a_chinese_category_said_with_its_material(corpus, query, code):
    """重型废钢 is GB/T 39733's heavy category (重型再生钢铁原料), not EFR's E3 by its words."""
    found = resolve_query(corpus, query)
    assert (found.how, found.grade.standard.key, found.grade.grade.code) == (
        "category",
        "gbt-39733",
        code,
    )


def test_an_acronym_a_name_spells_out_names_the_grade(corpus):
    """Traders say UBC for used beverage cans: ISRI prints it in brackets in Taldon's name."""
    found = resolve_query(corpus, "ubc")
    codes = {found.grade.grade.code, *(a.grade.code for a in found.alternatives)}
    assert "Taldon" in codes
