"""The NISO STS / ISO STS parser: on a made-up standard written for these tests, on the shared
real ISO STS samples, through the CLI, and against hostile or arbitrary input."""

import contextlib
import json
import re
from datetime import date
from decimal import Decimal as D
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stdcompare import model as m
from stdcompare.errors import StdcompareError
from stdcompare.parsers import detect, sts
from stdcompare.parsers.base import ParseResult
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

from ..conftest import FIXTURES, REPO

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")
FIXTURE = FIXTURES / "docs" / "sts-standard.xml"
REALDOCS = REPO.parent / "shared" / "realdocs" / "sts"
ISO_2560 = REALDOCS / "isosts-sample-iso2560-meta.xml"
FEATURES = REALDOCS / "isosts-feature-doc.xml"
ENTITIES = REALDOCS / "isosts-tables-internal-entities.xml"
needs_realdocs = pytest.mark.skipif(
    not REALDOCS.is_dir(), reason=f"shared real documents not found at {REALDOCS}"
)


def parse(path: Path) -> ParseResult:
    return sts.PARSER.parse(path.read_bytes(), path, VOCAB)


def parse_text(tmp_path: Path, text: str) -> ParseResult:
    path = tmp_path / "doc.xml"
    path.write_text(text, encoding="utf-8")
    return parse(path)


def req(std: m.Standard, prop: str) -> m.Requirement:
    return next(r for r in std.requirements if r.prop == prop)


def all_text(result) -> str:
    std = result.standard
    return " ".join([n.text for n in std.notes] + [r.text or "" for r in std.requirements])


# --- the made-up fixture -----------------------------------------------------------------------


def test_fixture_metadata():
    std = parse(FIXTURE).standard
    assert (std.key, std.edition, std.designation) == ("xs-4471-2", "2099", "XS 4471-2:2099")
    assert std.kind is m.Kind.PRODUCT_STANDARD and std.body == "XS"
    assert std.issued == date(2099, 5, 1)
    assert std.title == {
        "en": "Recycled raw materials — Copper scrap for remelting — Requirements",
        "fr": "Matières premières recyclées — Déchets de cuivre pour refusion — Exigences",
    }
    assert std.origin.parser == "sts" and std.sources["document"].tier is m.Tier.OFFICIAL


def test_fixture_limits_become_requirements():
    std = parse(FIXTURE).standard
    foreign = req(std, "foreign_material")  # "shall not exceed 2 %" in running text
    assert (foreign.hi, foreign.hi_inclusive, foreign.unit, foreign.where) == (
        D(2),
        True,
        "%",
        "3.1",
    )
    copper = req(std, "content.Cu")  # a table row "Copper content | ≥ 99.9 %"
    assert (copper.lo, copper.lo_inclusive, copper.unit) == (D("99.9"), True, "%")
    assert copper.where == "3.2, Table 1, row 2"
    moisture = req(std, "moisture")  # "max. 0.5" under a header "Limit, %"
    assert (moisture.hi, moisture.unit) == (D("0.5"), "%")
    assert all(r.evidence == ("document",) for r in std.requirements)
    assert [r.prop for r in std.requirements] == ["foreign_material", "content.Cu", "moisture"]


def test_fixture_everything_else_is_a_placed_verbatim_note():
    std = parse(FIXTURE).standard
    notes = {(n.where, n.text) for n in std.notes}
    assert all(n.verbatim for n in std.notes)
    assert ("3.1", "Lots are sampled as agreed between buyer and seller.") in notes
    assert ("3.1, a)", "Sampling takes place at the buyer's yard.") in notes
    assert ("3.2, Table 1, row 4, column 2", "reddish brown") in notes
    assert ("3.2, Table 1, footnote a", "Dry basis.") in notes
    assert (
        "2.1 (en)",
        "foreign material: anything in a lot that is neither copper nor a copper alloy",
    ) in notes
    assert ("Annex A", "Sorting by hand") in notes
    assert ("metadata: comm-ref", "XS/TC 9") in notes


def test_fixture_nothing_is_dropped_and_the_count_is_honest():
    result = parse(FIXTURE)
    verbatim = [n for n in result.standard.notes if n.verbatim]
    assert result.units_total == result.units_structured + len(verbatim)
    kept = all_text(result)
    source = FIXTURE.read_text(encoding="utf-8")
    for paragraph in re.findall(r"<p>(.*?)</p>", source):
        assert paragraph in kept
    assert 0 < result.coverage < 1


def test_adoption_takes_the_national_identity_first(tmp_path):
    result = parse_text(
        tmp_path,
        """<adoption><adoption-front><nat-meta>
        <title-wrap xml:lang="en"><full>Scrap sorting</full></title-wrap>
        <std-ref type="dated">NX EN 7:2099</std-ref><release-date>2099-02-01</release-date>
        </nat-meta></adoption-front>
        <standard><front><iso-meta><title-wrap xml:lang="en"><full>Sorting of scrap</full>
        </title-wrap><std-ref type="dated">XS 7:2098</std-ref></iso-meta></front>
        <body><sec><label>1</label><p>Some words.</p></sec></body></standard></adoption>""",
    )
    std = result.standard
    assert (std.designation, std.title, std.issued) == (
        "NX EN 7:2099",
        {"en": "Scrap sorting"},
        date(2099, 2, 1),
    )
    assert ("metadata: std-ref", "XS 7:2098") in {(n.where, n.text) for n in std.notes}


def test_a_repeated_property_stays_a_note_with_a_warning(tmp_path):
    result = parse_text(
        tmp_path,
        """<standard><front><std-meta><std-ref type="dated">XS 1:2099</std-ref></std-meta>
        </front><body><sec><label>4</label>
        <p>Moisture shall not exceed 3 %.</p><p>Moisture shall not exceed 4 %.</p>
        </sec></body></standard>""",
    )
    assert req(result.standard, "moisture").hi == D(3)
    assert ("4", "Moisture shall not exceed 4 %.") in {
        (n.where, n.text) for n in result.standard.notes
    }
    assert any("stated again" in w for w in result.warnings)


def test_a_limit_in_a_table_cell_paragraph_is_counted_once(tmp_path):
    result = parse_text(
        tmp_path,
        """<standard><front><std-meta><std-ref type="dated">XS 2:2099</std-ref></std-meta>
        </front><body><sec><label>5</label><table-wrap><label>Table 3</label><table><tr>
        <td><p>Moisture shall not exceed 3 %.</p></td><td>checked daily</td></tr></table>
        </table-wrap></sec></body></standard>""",
    )
    assert req(result.standard, "moisture").where == "5, Table 3"
    assert ("5, Table 3, row 1, column 2", "checked daily") in {
        (n.where, n.text) for n in result.standard.notes
    }
    assert (result.units_total, result.units_structured) == (3, 2)


def test_sniff_reads_the_root_element():
    assert sts.PARSER.sniff(FIXTURE.read_bytes()[:4096], FIXTURE)
    assert sts.PARSER.sniff(b"<?xml version='1.0'?>\n<!-- c -->\n<adoption>", Path("x"))
    assert not sts.PARSER.sniff(b"<html><body><standard>", Path("x"))
    assert not sts.PARSER.sniff(b"<ACT><standard/></ACT>", Path("x"))


def test_another_root_is_refused(tmp_path):
    with pytest.raises(StdcompareError, match="not <standard> or <adoption>"):
        parse_text(tmp_path, "<article><p>x</p></article>")


# --- the shared real documents -----------------------------------------------------------------


@needs_realdocs
def test_real_iso_2560_metadata_in_english_and_french():
    result = parse(ISO_2560)
    std = result.standard
    assert (std.key, std.edition, std.designation) == ("iso-2560", "2009", "ISO 2560:2009")
    assert std.issued == date(2009, 5, 30) and std.body == "ISO"
    # &mdash; and &Eacute; come from the external DTD: resolved, never fetched.
    assert std.title["en"] == (
        "Welding consumables — Covered electrodes for manual metal arc welding of non-alloy "
        "and fine grain steels — Classification"
    )
    assert std.title["fr"] == (
        "Produits consommables pour le soudage — Électrodes enrobées pour le soudage manuel à "
        "l'arc des aciers non allié et des aciers à grains fins — Classification"
    )
    assert std.sources["document"].address == "urn:iso:std:iso:2560:ed-3:v1:en"
    assert ("metadata: comm-ref", "ISO/TC 44/SC 3") in {(n.where, n.text) for n in std.notes}
    assert 0 < result.coverage < 1
    assert result.units_total == result.units_structured + len(std.notes)


@needs_realdocs
def test_real_feature_document_keeps_sections_tables_terms_and_back_matter():
    result = parse(FEATURES)
    notes = {(n.where, n.text) for n in result.standard.notes}
    assert ("8.6.1", "to identify and correct product deficiencies,") in notes
    assert ("6.3.1, table 1, row 3, column 2", "is the time (integration variable);") in notes
    assert ("3.28 (en)", "medical device") in notes
    assert ("Annex F", "(informative)") in notes
    assert ("4, table 2, row 1, column 1", "ASN.1") in notes
    assert any(w == "footnote 2)" for w, _ in notes)
    # only the copyright became structure: its year is the edition where nothing else dates
    # it, its (first) holder the body where no originator is named
    assert (result.standard.edition, result.standard.body) == ("2009", "ISO")
    assert result.units_structured == 2
    assert result.units_total == len(result.standard.notes) + 2
    assert result.standard.designation == "" and not result.has_content


@needs_realdocs
def test_cli_parses_the_real_sample_and_reports_coverage(run):
    code, out, err = run("parse", str(ISO_2560))
    assert code == 0
    assert re.search(r"^coverage: \d+% of \d+ text units became structure", err, re.M)
    assert json.loads(out)["designation"] == "ISO 2560:2009"


@needs_realdocs
def test_plain_internal_entities_are_written_out(run):
    """ISO's table test cases declare two plain-text entities (th, td) and use them 94 times:
    the document is read with each written out, and nothing else of a DTD is used."""
    result = parse(ENTITIES)
    text = all_text(result)
    assert text.count("table cell text") == 70 and text.count("header text") == 24
    assert "&td;" not in text and "&th;" not in text


@needs_realdocs
def test_cli_refuses_a_document_without_identity(run):
    code, _, err = run("parse", str(FEATURES))
    assert code == 2 and "neither a designation or title" in err


# --- the CLI on the fixture --------------------------------------------------------------------


def test_cli_toml_draft_reads_back_to_the_same_standard(run, tmp_path):
    draft = tmp_path / "draft.toml"
    code, _, err = run("parse", str(FIXTURE), "--to", "toml", "-o", str(draft))
    assert code == 0 and "coverage:" in err
    code, again, _ = run("parse", str(draft))
    assert code == 0
    first, second = json.loads(run("parse", str(FIXTURE))[1]), json.loads(again)
    first.pop("origin"), second.pop("origin")
    assert first == second


def test_auto_detection_picks_sts(fixture_corpus):
    assert detect.parse(FIXTURE, "auto", fixture_corpus).standard.origin.parser == "sts"


# --- arbitrary input ---------------------------------------------------------------------------

_TAGS = ["std-meta", "title-wrap", "full", "std-ref", "std-ident", "doc-number", "release-date"]
_TAGS += ["sec", "label", "title", "p", "table-wrap", "table", "tr", "td", "th", "term-sec"]
_TAGS += ["list", "list-item", "app", "fn", "italic"]
_WORDS = ["Copper content", "≥ 99.9 %", "shall not exceed 2 %", "1/0 %", "2099-13-45", "—", "a"]
_TEXT = st.lists(st.sampled_from(_WORDS) | st.text(max_size=5), max_size=4).map(" ".join)


def _element(children):
    return st.builds(
        lambda tag, kids, text: f"<{tag}>{escape(text)}{''.join(kids)}</{tag}>",
        st.sampled_from(_TAGS),
        st.lists(children, max_size=3),
        _TEXT,
    )


_XML = st.recursive(_TEXT.map(escape), _element, max_leaves=20)
_FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_nothing_but_stdcompare_errors(data):
    with contextlib.suppress(StdcompareError):
        sts.PARSER.parse(data, Path("fuzz.xml"), VOCAB)


@_FAST
@given(_XML, st.sampled_from(["standard", "adoption"]))
def test_arbitrary_small_sts_parses_or_raises_a_stdcompare_error(body, root):
    try:
        result = sts.PARSER.parse(f"<{root}>{body}</{root}>".encode(), Path("fuzz.xml"), VOCAB)
    except StdcompareError:
        return
    assert result.units_total == result.units_structured + len(result.standard.notes)
