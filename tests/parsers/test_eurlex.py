"""The EUR-Lex HTML parser: on a made-up end-of-waste regulation in OJ XHTML written for these
tests, on the shared real EUR-Lex pages of Regulation (EU) 2017/2403 (older un-prefixed
classes, with the site around the act), on a consolidated-text layout, through the CLI, and
against hostile or arbitrary input."""

import contextlib
import json
import re
from datetime import date
from decimal import Decimal as D
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdcompare import model as m
from stdcompare.errors import StdcompareError
from stdcompare.parsers import detect, eurlex
from stdcompare.parsers.base import ParseResult
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

from ..conftest import FIXTURES, REPO
from .results import honest, notes_of

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")
FIXTURE = FIXTURES / "docs" / "eurlex-eow-annex.html"
REALDOCS = REPO.parent / "shared" / "realdocs" / "eurlex"
EN = REALDOCS / "CELEX-32017R2403-EN-TXT.html"
FR = REALDOCS / "CELEX-32017R2403-FR-TXT.html"
needs_realdocs = pytest.mark.skipif(
    not REALDOCS.is_dir(), reason=f"shared real documents not found at {REALDOCS}"
)


def parse(path: Path) -> ParseResult:
    return eurlex.PARSER.parse(path.read_bytes(), path, VOCAB)


def parse_text(tmp_path: Path, text: str) -> ParseResult:
    path = tmp_path / "act.html"
    path.write_text(text, encoding="utf-8")
    return parse(path)


# --- the made-up fixture -----------------------------------------------------------------------


def test_fixture_identity_and_dates():
    std = parse(FIXTURE).standard
    assert (std.key, std.edition) == ("eu-2099-9999", "2099")
    assert std.designation == "Commission Regulation (EU) No 9999/2099"
    assert std.kind is m.Kind.REGULATION and std.region == "EU"
    assert std.body == "European Commission"
    assert std.title == {"en": "setting out when sorted tin scrap stops being waste"}
    assert std.issued == date(2099, 3, 3)  # "of 3 March 2099" in the title
    assert std.effective == date(2099, 7, 1)  # "It shall apply from 1 July 2099."
    assert std.sources["eurlex"].address.endswith("uri=CELEX:32099R9999")
    how = [n for n in std.notes if not n.verbatim]
    assert [(n.where, n.text) for n in how] == [
        ("Article 3", "effective date: applies from 2099-07-01")
    ]


def test_fixture_criteria_table_becomes_a_scope():
    std = parse(FIXTURE).standard
    (scope,) = std.groups
    assert (scope.id, scope.kind, scope.where) == ("annex-i", m.GroupKind.SCOPE, "Annex I")
    assert scope.names["en"].text == "Checks on tin scrap"
    reqs = {r.prop: r for r in scope.requirements}
    assert list(reqs) == [
        "graded_to_specification",
        "foreign_material",
        "free_of.oil",
        "radioactivity",
        "free_of.sealed_containers",
        "input_waste",
        "content.Sn",
    ]
    foreign = reqs["foreign_material"]
    assert (foreign.hi, foreign.hi_inclusive, foreign.unit, foreign.where) == (
        D(2),
        True,
        "%",
        "Annex I, 1.2",
    )
    assert foreign.text.startswith("Criterion: 1.2. Foreign materials together make up")
    assert "(a) metals other than tin" in foreign.text
    assert "Self-monitoring: Someone trained looks over every consignment." in foreign.text
    radio = reqs["radioactivity"]
    assert (radio.hi, radio.hi_inclusive, radio.unit) == (D("0.2"), False, "uSv/h")
    assert reqs["free_of.oil"].state is m.State.FORBIDDEN
    assert reqs["content.Sn"].lo == D(60)
    assert all(r.evidence == ("eurlex",) for r in scope.requirements)


def test_fixture_unparsed_rows_and_the_rest_are_placed_notes():
    result = parse(FIXTURE)
    notes = notes_of(result)
    row = "Annex I, table 1, row 8"
    delivery = "1.6. A delivery note in a language the buyer reads goes with the scrap."
    assert (f"{row}, column 1", delivery) in notes
    assert (f"{row}, column 2", "The producer keeps copies for one year.") in notes
    assert ("Annex I, table 1, row 2, column 1", "1. Scrap leaving the recovery operation") in notes
    recital = "(1) Tin scrap that passes the checks in the annex can be traded as a raw material."
    assert ("Recital (1)", recital) in notes
    assert ("Article 2(1)(a)", "(a) it passes the checks listed in Annex I;") in notes
    assert (
        "Article 2(2)",
        "2. A statement of conformity goes with every consignment (1).",
    ) in notes
    assert ("Annex II, 2", "2. Grade of the scrap and the specification it was sorted to:") in notes
    assert ("Footnote (1)", "(1) The model statement is in Annex II.") in notes
    assert ("Title", "(Text with EEA relevance)") in notes
    assert ("Official Journal header", "L 61/1") in notes
    assert ("Final provisions", "A. NOBODY") in notes
    assert honest(result) and 0 < result.coverage < 1


def test_a_second_criterion_on_one_property_stays_notes(tmp_path):
    first, second = (
        "1.1. Foreign materials are at most 2 %.",
        "1.2. Foreign materials are at most 1 %.",
    )
    rows = "".join(
        f"<tr><td><p>{text}</p></td><td><p>Weighed.</p></td></tr>" for text in (first, second)
    )
    result = parse_text(
        tmp_path,
        '<html><body><p class="oj-doc-ti">COMMISSION REGULATION (EU) No 1/2099</p>'
        '<p class="oj-doc-ti">ANNEX</p><table class="oj-table"><tr><td>Criteria</td>'
        f"<td>Self-monitoring</td></tr>{rows}</table></body></html>",
    )
    (scope,) = result.standard.groups
    assert [(r.prop, r.hi) for r in scope.requirements] == [("foreign_material", D(2))]
    assert ("Annex, table 1, row 3, column 1", second) in notes_of(result)
    assert result.warnings == ["Annex, 1.2: second criterion on 'foreign_material' kept as notes"]


def test_consolidated_text_classes(tmp_path):
    result = parse_text(
        tmp_path,
        """<html><body><div class="tabContent">
        <p class="title-doc-first">COUNCIL REGULATION (EU) No 333/2011</p>
        <p class="title-doc-last">of 31 March 2011 made up for a parser test</p>
        <p class="title-article-norm">Article 1</p><p class="stitle-article-norm">Words</p>
        <p class="norm">1.   Some words of a test.</p>
        <div class="grid-container grid-list"><div class="grid-list-column-1">(a)</div>
        <div class="grid-list-column-2"><p class="norm">a listed point</p></div></div>
        <p class="title-annex-1">ANNEX I</p><p class="norm">1.1. An annex point.</p>
        </div></body></html>""",
    )
    std = result.standard
    assert (std.designation, std.key, std.issued) == (
        "Council Regulation (EU) No 333/2011",
        "eu-2011-333",
        date(2011, 3, 31),
    )
    assert std.body == "Council of the European Union"
    assert std.title == {"en": "made up for a parser test"}
    assert notes_of(result) >= {
        ("Article 1", "Words"),
        ("Article 1(1)", "1. Some words of a test."),
        ("Article 1(1)(a)", "(a) a listed point"),
        ("Annex I, 1.1", "1.1. An annex point."),
    }


def test_an_act_name_not_recognised_is_kept_as_printed(tmp_path):
    result = parse_text(
        tmp_path,
        '<html><head><meta property="eli:id_local" content="32099H0007"/></head><body>'
        '<p class="doc-ti">RECOMMENDATION 2099/7 OF AN IMAGINED LEGISLATOR</p>'
        '<p class="doc-ti">of 5 May 2099</p><p class="doc-ti">on test words</p>'
        '<p class="ti-art">Article 1</p><p class="normal">Nothing else.</p></body></html>',
    )
    std = result.standard
    assert (std.key, std.edition, std.issued) == ("eu-2099-7", "2099", date(2099, 5, 5))
    assert std.designation == "RECOMMENDATION 2099/7 OF AN IMAGINED LEGISLATOR"
    assert std.title == {"en": "on test words"}
    assert "act name not recognised" in result.warnings[0]


def test_sniff():
    assert eurlex.PARSER.sniff(FIXTURE.read_bytes()[:4096], FIXTURE)
    assert not eurlex.PARSER.sniff(b"<html><body><p>hello</p></body></html>", Path("x.html"))
    assert not eurlex.PARSER.sniff(b"<standard><p class='doc-ti'/></standard>", Path("x"))


# --- the shared real documents -----------------------------------------------------------------


@needs_realdocs
def test_real_2017_2403_english():
    result = parse(EN)
    std = result.standard
    assert (std.key, std.edition, std.designation) == (
        "eu-2017-2403",
        "2017",
        "Regulation (EU) 2017/2403",
    )
    assert std.title["en"] == (
        "on the sustainable management of external fishing fleets, and repealing Council "
        "Regulation (EC) No 1006/2008"
    )
    assert std.issued == date(2017, 12, 12)
    # Article 48: in force on the twentieth day after publication (OJ of 28.12.2017).
    assert std.effective == date(2018, 1, 17)
    assert std.body == "European Parliament and Council of the European Union"
    assert std.sources["eurlex"].address.endswith("CELEX:32017R2403")
    articles = {re.match(r"Article \d+", n.where or "") for n in std.notes}
    assert len({a.group(0) for a in articles if a}) == 48
    assert 0 < result.coverage < 1 and honest(result)
    assert not std.groups  # a fisheries act: no criteria table


@needs_realdocs
def test_real_page_chrome_is_not_content():
    text = " ".join(n.text for n in parse(EN).standard.notes)
    for chrome in ("My EUR-Lex", "Legal notice", "Estonian (et)", "Site map", "Top"):
        assert chrome not in text
    assert "Done at Strasbourg, 12 December 2017." in text


@needs_realdocs
def test_real_2017_2403_places_recitals_points_and_annex_cells():
    notes = notes_of(parse(EN))
    where = {w for w, _ in notes}
    assert {"Recital (1)", "Recital (37)", "Article 3(2)(a)", "Footnote (16)"} <= where
    assert ("Annex, table 1, row 2, column 2", "Name of the economic operator") in notes
    assert ("Title I", "GENERAL PROVISIONS") in notes


@needs_realdocs
def test_real_2017_2403_french():
    std = parse(FR).standard
    assert (std.key, std.designation) == ("eu-2017-2403", "Règlement (UE) 2017/2403")
    assert list(std.title) == ["fr"] and std.title["fr"].startswith("relatif à la gestion durable")
    assert std.issued == date(2017, 12, 12) and std.effective == date(2018, 1, 17)
    assert std.sources["eurlex"].address.startswith("https://eur-lex.europa.eu/legal-content/FR/")


@needs_realdocs
def test_cli_parses_the_real_page(run):
    code, out, err = run("parse", str(EN))
    assert code == 0 and "coverage:" in err
    assert json.loads(out)["ref"] == "eu-2017-2403@2017"


@needs_realdocs
def test_cli_real_page_toml_draft_reads_back(run, tmp_path):
    draft = tmp_path / "draft.toml"
    assert run("parse", str(FR), "--to", "toml", "-o", str(draft))[0] == 0
    code, out, _ = run("parse", str(draft))
    assert code == 0 and json.loads(out)["designation"] == "Règlement (UE) 2017/2403"


# --- the CLI on the fixture --------------------------------------------------------------------


def test_cli_toml_draft_reads_back_to_the_same_standard(run, tmp_path):
    draft = tmp_path / "draft.toml"
    code, _, err = run("parse", str(FIXTURE), "--to", "toml", "-o", str(draft))
    assert code == 0 and re.search(r"^coverage: \d+% of 56 text units", err, re.M)
    code, again, _ = run("parse", str(draft))
    assert code == 0
    first, second = json.loads(run("parse", str(FIXTURE))[1]), json.loads(again)
    first.pop("origin"), second.pop("origin")
    assert first == second


def test_auto_detection_picks_eurlex(fixture_corpus):
    assert detect.parse(FIXTURE, "auto", fixture_corpus).standard.origin.parser == "eurlex"


# --- arbitrary input ---------------------------------------------------------------------------

_TAGS = ["div", "p", "table", "tr", "td", "span", "a", "tbody", "hr", "br", "h1", "strong"]
_CLASSES = ["", "oj-doc-ti", "doc-ti", "ti-art", "oj-normal", "normal", "oj-table", "tbl-txt"]
_CLASSES += ["hd-date", "oj-hd-lg", "note", "final", "sti-art", "ti-section-1", "title-doc-first"]
_CLASSES += ["grid-list-column-1", "grid-list-column-2", "ti-grseq-1", "reference", "arrow"]
_CLASSES += ["disclaimer", "hd-modifiers", "title-fam-member", "hd-coll", "hd-uniq", "modref"]
_CLASSES += ["title-doc-oj-reference"]
_WORDS = ["COMMISSION REGULATION (EU) No 3/2011", "of 31 March 2011", "Article 2", "ANNEX I"]
_WORDS += ["Criteria", "Self-monitoring", "(a)", "1.2. Foreign materials ≤ 2 %", "28.12.2017"]
_WORDS += ["It shall apply from 31 February 2020", "TITLE I", "1/0 %", "—"]
_WORDS += ["02008L0098 — EN — 05.07.2018", "►M1", "◄", "Council Directive 1999/31/EC", "31999L0031"]
_TEXT = st.lists(st.sampled_from(_WORDS) | st.text(max_size=5), max_size=3).map(" ".join)


_SPANS = st.sampled_from(
    ["", ' colspan="2"', ' rowspan="3"', ' rowspan="99999999"', ' colspan="x"']
)


def _element(children):
    return st.builds(
        lambda tag, cls, span, kids, text: (
            f"<{tag}{' class=' + quoteattr(cls) if cls else ''}{span}>{escape(text)}"
            f"{''.join(kids)}</{tag}>"
        ),
        st.sampled_from(_TAGS),
        st.sampled_from(_CLASSES),
        _SPANS,
        st.lists(children, max_size=3),
        _TEXT,
    )


_HTML = st.recursive(_TEXT.map(escape), _element, max_leaves=20)
_FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_nothing_but_stdcompare_errors(data):
    with contextlib.suppress(StdcompareError):
        eurlex.PARSER.parse(data, Path("fuzz.html"), VOCAB)


@_FAST
@given(_HTML)
def test_arbitrary_small_html_parses_or_raises_a_stdcompare_error(body):
    page = f"<html><body>{body}</body></html>".encode()
    try:
        result = eurlex.PARSER.parse(page, Path("fuzz.html"), VOCAB)
    except StdcompareError:
        return
    assert honest(result)
