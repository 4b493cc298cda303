"""The HTML report: self-contained, deterministic, escaped."""

import re

import pytest

from stdcompare.api import report_html
from stdcompare.corpus import Corpus

from ..conftest import FIXTURES


def test_same_corpus_same_bytes():
    assert report_html(corpus=Corpus.discover()) == report_html(corpus=Corpus.discover())


def test_no_network_and_footer():
    html = report_html(corpus=Corpus.discover())
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"https?:", html)
    assert "no substitute for the official text" in html
    assert re.search(r"corpus [0-9a-f]{16}", html)


def test_states_are_shown_differently(fixture_corpus):
    html = report_html(corpus=fixture_corpus, all_editions=True)
    for state in ("stated", "forbidden", "unknown"):
        assert f'class="req state-{state}' in html
    assert 'id="test-wire-2018--w-1"' in html  # stable anchors


def test_source_text_is_escaped(tmp_path):
    text = (FIXTURES / "corpus" / "wire-spec-2018.toml").read_text()
    text = text.replace(
        'names.en = "No. 1 bare wire"',
        'names.en = "<script>alert(1)</script>\\"><img src=x onerror=alert(2)>"',
    )
    (tmp_path / "evil.toml").write_text(text)
    html = report_html(corpus=Corpus.discover(extra=[tmp_path], bundled=False), all_editions=True)
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.fixture(scope="module")
def page():
    return report_html(corpus=Corpus.discover())


def test_report_leads_with_an_overview_then_grades_then_conformity(page):
    """What matters first: the matrix, then grade against grade, then conformity, then each
    standard's own grades; a table of contents above all."""
    order = [
        page.index(f'id="{part}"')
        for part in ("overview", "grade-comparisons", "conformity", "standards")
    ]
    assert order == sorted(order)
    assert page.index('class="toc"') < order[0]
    comparisons = page[order[1] : order[2]]
    # grade comparisons take most of the page, not conformity (78 % of it before)
    assert len(comparisons) > 3 * (order[3] - order[2])


def test_every_link_of_the_contents_and_the_matrix_lands(page):
    ids = set(re.findall(r' id="([^"]+)"', page))
    toc = page[page.index('class="toc"') : page.index("</nav>")]
    matrix = page[
        page.index('class="matrix"') : page.index("</table>", page.index('class="matrix"'))
    ]
    links = re.findall(r'href="#([^"]+)"', toc + matrix)
    assert len(links) > 40
    assert [x for x in links if x not in ids] == []
    assert re.search(r"\d+ comparable<br>\d+ related<br>\d+ gaps", matrix)
    assert "cannot tell" in matrix


def test_conformity_is_said_once_per_scope(page):
    """A regulation's scope lists its criteria once and the grades per outcome; the criteria
    are not repeated for every grade."""
    part = page[page.index('id="conformity"') : page.index('id="standards"')]
    scopes = re.findall(r'<div class="scope" id="([^"]+)"', part)
    assert scopes and len(scopes) == len(set(scopes))
    assert part.count('<ul class="criteria">') == len(scopes)
    assert "Barley" in part and "at issue:" in part


def test_pairs_where_no_grade_lines_up_are_a_finding(page):
    part = page[page.index('id="nothing-lines-up"') : page.index('id="conformity"')]
    assert "EN 12861:2018 ↔ EN 13920-1 to EN 13920-16:2003: no grade lines up" in part
    assert "share no family" not in part
