"""The library as a notebook uses it (USERS.md): load, resolve, compare, records, HTML."""

import pytest

import stdcompare
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
    cmp = stdcompare.compare("isri-circular@2022", "gbt-38471@2019", corpus=corpus)
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


def test_a_comparison_is_plain_data_and_the_api_renders_it(corpus):
    """The result type knows nothing of rendering (results.py, a low layer); the API's
    Compared wraps it with the corpus to show it, and reads every attribute through."""
    bare = compare_standards(
        corpus.resolve("isri-circular@2022"), corpus.resolve("gbt-38471@2019"), corpus.vocabulary
    )
    assert not hasattr(bare, "to_html") and not hasattr(bare, "corpus")
    shown = stdcompare.Compared(bare, corpus)
    assert shown.pairs == bare.pairs and shown.a.ref == "isri-circular@2022"
    assert shown.to_records() and shown.to_html().startswith("<!DOCTYPE html>")


def test_a_path_object_names_a_document_or_a_canonical_file(corpus):
    from pathlib import Path

    from ..conftest import FIXTURES

    draft = corpus.resolve(FIXTURES / "docs" / "isri-circular-excerpt.txt")
    assert draft.grade("Birch") is not None
    canonical = Path(corpus.resolve("gbt-38471@2019").origin.file)
    assert corpus.resolve(canonical).ref == "gbt-38471@2019"
    assert stdcompare.compare(canonical, "isri-circular@2022", corpus=corpus).to_records()


def test_a_regulation_comparison_gives_its_conformity_as_records(corpus):
    """Against a regulation there are no pairs: the records are the conformity outcomes, one
    per grade and scope, or one per criterion with gaps=True, each criterion with its clause."""
    cmp = stdcompare.compare("isri-circular@2022", "eu-2013-715", corpus=corpus)
    rows = cmp.to_records()
    assert rows and len(rows) == len(cmp.conformity)
    barley = next(r for r in rows if r["code"] == "Barley")
    assert (barley["regulation"], barley["scope"]) == ("eu-2013-715@2013", "copper")
    criteria = cmp.to_records(gaps=True)
    foreign = next(r for r in criteria if r["code"] == "Barley" and r["prop"] == "foreign_material")
    assert foreign["criterion"].endswith("< 2 %") and foreign["where"] == "Annex I, point 1.2"
    assert foreign["why"] == "the grade sets no limit"
