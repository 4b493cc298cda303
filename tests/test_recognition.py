"""stdcompare recognise (issue 23): which grades of each system accept every lot of another
system's grades, some, none — as far as both definitions are held."""

from __future__ import annotations

import csv
import io
import json

import pytest
from lxml import html as lxml_html

import stdcompare
from stdcompare.results import Relation


@pytest.fixture(scope="module")
def corpus():
    return stdcompare.load_corpus()


@pytest.fixture(scope="module")
def copper(corpus):
    return stdcompare.recognise("copper", corpus=corpus)


def _cell(found, a: str, b: str):
    return next(c for c in found.cells if c.a.endswith(a) and c.b.endswith(b))


def test_a_partial_edition_in_force_is_answered_by_the_older_one_labelled(copper):
    # GB/T 38471-2023 holds 2 grades; the 2019 edition holds 11: it answers, and says so
    assert any(s.ref == "gbt-38471@2019" for s in copper.standards)
    assert any("gbt-38471@2019 (superseded) answers for gbt-38471@2023" in n for n in copper.notes)


def test_each_pair_is_read_both_ways(copper):
    assert copper.cells
    for cell in copper.cells[:50]:
        back = _cell(copper, cell.b, cell.a)
        flipped = {
            Relation.A_WITHIN_B: Relation.B_WITHIN_A,
            Relation.B_WITHIN_A: Relation.A_WITHIN_B,
        }
        assert back.relation is flipped.get(cell.relation, cell.relation)


def test_relations_follow_the_limits_as_far_as_held(copper):
    # RCu-1A (Cu ≥ 99.9 %) is accepted by Birch (Cu ≥ 94 %), as far as both are held…
    down = _cell(copper, "gbt-38471@2019:RCu-1A", "isri-circular@2024:Birch")
    assert down.accepts == "every" and not down.certain and down.unheld
    # …while Birch's lots are only partly RCu-1A's
    assert _cell(copper, "isri-circular@2024:Birch", "gbt-38471@2019:RCu-1A").accepts == "some"


def test_forms_that_share_nothing_accept_none(corpus):
    steel = stdcompare.recognise("steel", corpus=corpus)
    # shredded steel against bundles: no lot is both
    assert _cell(steel, "efr-steel@2007:E40", "isri-circular@2024:208").accepts == "none"


def test_formats(run, tmp_path):
    code, out, _ = run("recognise", "--family", "copper")
    assert code == 0 and out.startswith("Mutual recognition, copper")
    code, out, _ = run("recognise", "--family", "copper", "-f", "json")
    data = json.loads(out)
    assert data["family"] == "copper" and data["cells"] and "matrix" not in data
    assert {"grade", "other", "accepts", "relation", "certain", "caveats"} <= set(data["cells"][0])
    code, out, _ = run("recognise", "--family", "copper", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(data["cells"])
    page_file = tmp_path / "copper.html"
    code, _, _ = run(
        "recognise", "--family", "copper", "-f", "html", "-o", str(page_file), "--lang", "zh"
    )
    page = lxml_html.fromstring(page_file.read_text(encoding="utf-8"))
    cells = page.xpath("//td[contains(@class, 'cell')]/a")
    assert code == 0 and cells and all(a.get("href").startswith("#cell-") for a in cells)
    assert "互认" in page.text_content()
    code, _, err = run("recognise", "--family", "coper")
    assert code == 2 and "did you mean 'copper'" in err


def test_the_harmonise_page(run, tmp_path):
    out = tmp_path / "h.html"
    code, _, _ = run(
        "harmonise", "isri-circular:Birch", "gbt-38471@2019:RCu-1C", "-f", "html", "-o", str(out)
    )
    page = lxml_html.fromstring(out.read_text(encoding="utf-8"))
    rows = page.xpath("//tr[contains(@class, 'status-differ')]")
    assert code == 0 and rows and "≥ 99 %" in rows[0].text_content()
    assert page.xpath("//a[starts-with(@href, 'https://')]")  # each source can be followed
