"""The EUR-Lex HTML parser on the layouts of real pages beyond the classic OJ page, each
reproduced in tests/fixtures/docs in its documented structure with the project's own words: the
act-by-act Official Journal (since October 2023), a consolidated text of a directive, a page of
an act from before 2004 (no act markup), and a German page."""

import json
import re
from datetime import date
from pathlib import Path

import pytest

from stdcompare import model as m
from stdcompare.parsers import eurlex
from stdcompare.parsers.base import ParseResult
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

from ..conftest import FIXTURES
from .results import honest, notes_of

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")
DOCS = FIXTURES / "docs"
ACT_BY_ACT = DOCS / "eurlex-oj-act-2024.html"
CONSOLIDATED = DOCS / "eurlex-consolidated-directive.html"
PRE_2004 = DOCS / "eurlex-pre2004.html"
GERMAN = DOCS / "eurlex-de-2013.html"


def parse(path: Path) -> ParseResult:
    return eurlex.PARSER.parse(path.read_bytes(), path, VOCAB)


def test_act_by_act_journal_header_is_neither_title_nor_body():
    result = parse(ACT_BY_ACT)
    std = result.standard
    assert (std.key, std.edition, std.designation, std.kind) == (
        "eu-2024-903",
        "2024",
        "Regulation (EU) 2024/903",
        m.Kind.REGULATION,
    )
    assert std.title["en"].startswith("laying down measures for a high level of public sector")
    assert std.issued == date(2024, 3, 13)
    # In force on the twentieth day after publication on 22.3.2024 (the header's date).
    assert std.effective == date(2024, 4, 11)
    notes = notes_of(result)
    header = {t for w, t in notes if w == "Official Journal header"}
    assert {"Series L", "2024/903", "22.3.2024", "Official Journal of the European Union"} <= header
    assert not any(
        t in ("Series L", "2024/903") for w, t in notes if w != "Official Journal header"
    )
    assert ("Article 1(1)", "1. Made-up words stand here in place of the article.") in notes
    assert std.sources["eurlex"].address.endswith("CELEX:32024R0903")
    assert honest(result)


def test_act_by_act_annex_title_names_its_scope_and_a_shared_check_pairs_with_both():
    (scope,) = parse(ACT_BY_ACT).standard.groups
    assert scope.names["en"].text == "Checks made up for this test"
    reqs = {r.prop: r for r in scope.requirements}
    assert list(reqs) == ["foreign_material", "free_of.explosives"]
    # The self-monitoring cell spans both rows (rowspan="2"): each criterion has it.
    assert all(
        r.text.endswith("Self-monitoring: Every load is looked over.") for r in reqs.values()
    )


def test_consolidated_directive_keeps_its_designation_kind_and_date():
    result = parse(CONSOLIDATED)
    std = result.standard
    assert (std.key, std.designation, std.kind) == (
        "eu-dir-2008-98",
        "Directive 2008/98/EC",
        m.Kind.DIRECTIVE,
    )
    assert std.title == {"en": "on waste and repealing certain Directives"}
    assert std.issued == date(2008, 11, 19)
    # The consolidation date from the reference line is the edition, and the text applies from it.
    assert (std.edition, std.effective) == ("2018-07-05", date(2018, 7, 5))
    assert std.sources["eurlex"].address.endswith("CELEX:02008L0098-20180705")
    assert std.sources["eurlex"].describes == "2018-07-05"
    assert honest(result) and not result.warnings


def test_consolidated_markers_amending_acts_and_disclaimer_are_notes():
    notes = notes_of(parse(CONSOLIDATED))
    assert {
        ("Title", "►B"),
        ("Article 6", "▼M2"),
        ("Article 6(1)", "▼B"),
        (
            "Amended by",
            "►M1 Commission Regulation (EU) No 1357/2014 of 18 December 2014 L 365 89 19.12.2014",
        ),
        (
            "Amended by",
            "►M2 Commission Directive (EU) 2015/1127 of 10 July 2015 L 184 13 11.7.2015",
        ),
        ("Title", "(OJ L 312, 22.11.2008, p. 3)"),
        ("Annex I", "TEST OPERATIONS"),
    } <= notes
    inserted = next(t for w, t in notes if w == "Article 6(2)")
    assert "►M1 put in by the first amendment ◄" in inserted
    assert any(w == "Consolidated text" and "documentation aid" in t for w, t in notes)
    # The reference line is read (it is the edition), not kept as text.
    assert not any("02008L0098" in t for _, t in notes)


def test_pre_2004_page_reads_the_designation_from_its_bold_title():
    result = parse(PRE_2004)
    std = result.standard
    assert (std.key, std.edition, std.designation, std.kind) == (
        "eu-dir-1999-31",
        "1999",
        "Council Directive 1999/31/EC",
        m.Kind.DIRECTIVE,
    )
    assert (std.title, std.issued, std.body) == (
        {"en": "on the landfill of waste"},
        date(1999, 4, 26),
        "Council of the European Union",
    )
    notes = notes_of(result)
    assert ("Article 1(1)", "1. Words written for the test stand in for the article.") in notes
    assert ("Annex I, 1", "1. A point of the annex, in the project's words.") in notes
    assert not any(t == "31999L0031" for _, t in notes)  # the CELEX heading is read, not noted
    assert std.sources["eurlex"].address.endswith("CELEX:31999L0031")
    assert honest(result) and not result.warnings


def test_pre_2004_title_on_three_plain_lines(tmp_path):
    page = tmp_path / "old.html"
    page.write_text(
        "<html><body><h1>31975L0442</h1><p>COUNCIL DIRECTIVE 75/442/EEC</p>"
        "<p>of 15 July 1975</p><p>on test words</p><p>Article 1</p><p>Some text.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    assert eurlex.PARSER.sniff(page.read_bytes(), page)  # by its CELEX heading alone
    std = parse(page).standard
    assert (std.designation, std.issued, std.title) == (
        "Council Directive 75/442/EEC",
        date(1975, 7, 15),
        {"en": "on test words"},
    )


def test_german_page_keeps_nr_and_drops_the_legislators_from_the_title():
    std = parse(GERMAN).standard
    assert (std.key, std.designation, std.kind) == (
        "eu-2013-575",
        "Verordnung (EU) Nr. 575/2013",
        m.Kind.REGULATION,
    )
    assert std.title == {
        "de": "über Aufsichtsanforderungen an Kreditinstitute und Wertpapierfirmen und zur "
        "Änderung der Verordnung (EU) Nr. 648/2012"
    }
    assert std.issued == date(2013, 6, 26)
    assert std.effective == date(2014, 1, 1)  # "Sie gilt ab dem 1. Januar 2014."
    assert std.body == "European Parliament and Council of the European Union"
    assert std.sources["eurlex"].address.startswith("https://eur-lex.europa.eu/legal-content/DE/")


@pytest.mark.parametrize(
    ("path", "ref"),
    [
        (ACT_BY_ACT, "eu-2024-903@2024"),
        (CONSOLIDATED, "eu-dir-2008-98@2018-07-05"),
        (PRE_2004, "eu-dir-1999-31@1999"),
        (GERMAN, "eu-2013-575@2013"),
    ],
)
def test_cli_parses_each_layout_with_its_coverage(run, path, ref):
    code, out, err = run("parse", str(path))
    assert code == 0 and re.search(r"^coverage: \d+% of \d+ text units", err, re.M)
    assert json.loads(out)["ref"] == ref


def test_pre_2004_title_whose_number_comes_last(tmp_path):
    """A page with no act markup and no bold title: the Official Journal's own title lines,
    the number "(75/442/EEC)" on the last."""
    page = tmp_path / "old.html"
    page.write_text(
        "<html><body><h1>31975L0442</h1><p>COUNCIL DIRECTIVE</p><p>of 15 July 1975</p>"
        "<p>on test words</p><p>(75/442/EEC)</p><p>THE COUNCIL,</p><p>Article 1</p>"
        "<p>Some text.</p></body></html>",
        encoding="utf-8",
    )
    result = parse(page)
    std = result.standard
    assert (std.key, std.designation, std.title, std.issued) == (
        "eu-dir-1975-442",
        "Council Directive 75/442/EEC",
        {"en": "on test words"},
        date(1975, 7, 15),
    )
    assert ("Preamble", "THE COUNCIL,") in notes_of(result)
    assert honest(result) and not result.warnings
