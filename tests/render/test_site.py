"""stdcompare site (issue 24): the pages, their links, their size, their bytes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import stdcompare
from stdcompare.errors import StdcompareError

from ..conftest import FIXTURES

# The budget each page keeps (bytes): a grade page on a phone over a slow line; the index,
# which carries the search data for every grade (about 120 kB for the corpus today); a
# family's recognition lists, every grade against every other system's (steel: 130 kB).
BUDGET = {"index.html": 400_000, "recognition": 250_000, "other": 120_000}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site") / "site"
    stdcompare.site(out)
    return out


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_a_page_per_grade_standard_and_family(site):
    corpus = stdcompare.load_corpus()
    graded = [s for s in corpus.standards if not s.kind.is_law]
    grades = list((site / "grade").rglob("*.html"))
    assert len(grades) == sum(len(s.grades) for s in graded)
    assert len(list((site / "standard").glob("*.html"))) == len(corpus.standards)
    assert (site / "family" / "copper.html").exists()
    assert (site / "family" / "copper-recognition.html").exists()
    assert list((site / "pair").glob("*.html")) and list((site / "diff").glob("*.html"))
    superseded = (site / "grade" / "isri-circular_402022" / "Birch.html").read_text("utf-8")
    assert "superseded" in superseded  # a superseded edition's page says so


def test_every_link_inside_the_site_resolves_and_nothing_is_fetched(site):
    assert len(_pages(site)) > 100  # a page per grade, standard and family
    for page in _pages(site):
        text = page.read_text(encoding="utf-8")
        assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)=\"https?:", text), page
        for target in re.findall(r'href="([^"#?]+)"', text):
            if target.startswith(("http://", "https://")):
                continue
            assert (page.parent / target).resolve().exists(), (page, target)


def test_pages_keep_their_budget(site):
    for page in _pages(site):
        kind = "recognition" if page.stem.endswith("-recognition") else page.name
        limit = BUDGET.get(
            kind if page.parent == site or kind == "recognition" else "", BUDGET["other"]
        )
        assert page.stat().st_size <= limit, page


def test_the_same_corpus_gives_the_same_bytes(site, tmp_path):
    again = tmp_path / "again"
    stdcompare.site(again)
    for page in _pages(site):
        assert (again / page.relative_to(site)).read_bytes() == page.read_bytes(), page


def test_a_folder_of_other_files_is_refused_and_an_old_site_replaced(tmp_path, run):
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StdcompareError, match="holds other files"):
        stdcompare.site(busy)
    assert (busy / "notes.txt").exists()
    out = tmp_path / "out"
    code, _, err = run("site", "-o", str(out), "--standards", str(FIXTURES / "corpus"))
    assert code == 0 and "pages to" in err
    code, _, _ = run("site", "-o", str(out), "--standards", str(FIXTURES / "corpus"))
    assert code == 0 and (out / "index.html").exists()


def test_source_text_is_escaped(tmp_path):
    evil = tmp_path / "evil"
    evil.mkdir()
    text = (FIXTURES / "corpus" / "wire-spec-2018.toml").read_text(encoding="utf-8")
    text = text.replace('names.en = "No. 1 bare wire"', "names.en = '<script>x()</script>'")
    (evil / "evil.toml").write_text(
        text.replace('key = "test-wire"', 'key = "evil-wire"'), encoding="utf-8"
    )
    corpus = stdcompare.load_corpus(evil, bundled=False)
    out = tmp_path / "site"
    stdcompare.site(out, corpus=corpus)
    assert any("x()" in p.read_text(encoding="utf-8") for p in _pages(out))  # it is shown…
    for page in _pages(out):  # …as text, never as markup
        assert "<script>x()" not in page.read_text(encoding="utf-8"), page
