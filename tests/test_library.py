"""The library as a notebook uses it (USERS.md): load, resolve, compare, records, HTML."""

import pytest

import stdcompare
from stdcompare.errors import StdcompareError
from stdcompare.match import compare_standards
from stdcompare.render.records import CSV_COLUMNS

AS_OF = "2026-01-01"


@pytest.fixture(scope="module")
def corpus():
    from datetime import date

    return stdcompare.load_corpus(as_of=date.fromisoformat(AS_OF))


def test_the_readme_example(corpus):
    std = corpus.resolve("gbt-38471@2019")
    props = [r.prop for r in std.effective_requirements(std.grade("RCu-2B"))]
    assert "content.Cu" in props and "metal_recovery" in props


def test_compare_gives_records_and_the_cli_page(corpus, run):
    cmp = corpus.compare("isri-circular@2022", "gbt-38471@2019")
    rows = cmp.to_records()
    assert len(rows) == len(cmp.pairs) and set(rows[0]) == set(CSV_COLUMNS[:8])
    assert rows[0]["score"] == max(r["score"] for r in rows)  # best first
    birch = next(r for r in rows if r["a_code"] == "Birch" and r["b_code"] == "RCu-1C")
    assert birch["verdict"] == "comparable"
    per_gap = cmp.to_records(gaps=True)
    assert len(per_gap) > len(rows) and {"prop", "kind"} <= set(per_gap[0])
    page = cmp.to_html()
    cli = run("compare", "isri-circular@2022", "gbt-38471@2019", "-f", "html", "--as-of", AS_OF)
    assert page == cli[1]


def test_a_comparison_made_without_a_corpus_says_how_to_render_it(corpus):
    bare = compare_standards(
        corpus.resolve("isri-circular@2022"), corpus.resolve("gbt-38471@2019"), corpus.vocabulary
    )
    assert bare.to_records()  # records need no corpus
    with pytest.raises(StdcompareError, match="knows no corpus") as raised:
        bare.to_html()
    assert "corpus.compare(a, b)" in raised.value.hint


def test_a_path_object_names_a_document_or_a_canonical_file(corpus):
    from pathlib import Path

    from .conftest import FIXTURES

    draft = corpus.resolve(FIXTURES / "docs" / "isri-circular-excerpt.txt")
    assert draft.grade("Birch") is not None
    canonical = Path(corpus.resolve("gbt-38471@2019").origin.file)
    assert corpus.resolve(canonical).ref == "gbt-38471@2019"
    assert corpus.compare(canonical, "isri-circular@2022").to_records()


def test_a_regulation_comparison_gives_its_conformity_as_records(corpus):
    """Against a regulation there are no pairs: the records are the conformity outcomes, one
    per grade and scope, or one per criterion with gaps=True, each criterion with its clause."""
    cmp = corpus.compare("isri-circular@2022", "eu-2013-715")
    rows = cmp.to_records()
    assert rows and len(rows) == len(cmp.conformity)
    barley = next(r for r in rows if r["code"] == "Barley")
    assert (barley["regulation"], barley["scope"]) == ("eu-2013-715@2013", "copper")
    criteria = cmp.to_records(gaps=True)
    foreign = next(r for r in criteria if r["code"] == "Barley" and r["prop"] == "foreign_material")
    assert foreign["criterion"].endswith("< 2 %") and foreign["where"] == "Annex I, point 1.2"
    assert foreign["why"] == "the grade sets no limit"
