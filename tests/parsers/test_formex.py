"""The Formex 4 parser (best effort): on a made-up act and annex written for these tests,
through the CLI, and against hostile or arbitrary input. No real Formex file is shared yet."""

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
from stdcompare.parsers import detect, formex
from stdcompare.parsers.base import ParseResult
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

from ..conftest import FIXTURES
from .results import honest, notes_of

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")
FIXTURE = FIXTURES / "docs" / "formex-act.xml"


def parse(path: Path) -> ParseResult:
    return formex.PARSER.parse(path.read_bytes(), path, VOCAB)


def parse_text(tmp_path: Path, text: str) -> ParseResult:
    path = tmp_path / "act.xml"
    path.write_text(text, encoding="utf-8")
    return parse(path)


def test_fixture_identity_and_dates():
    std = parse(FIXTURE).standard
    assert (std.key, std.edition) == ("eu-2099-9998", "2099")
    assert std.designation == "Commission Regulation (EU) No 9998/2099"
    assert std.title == {"en": "on when baled zinc scrap stops being waste"}
    assert std.kind is m.Kind.REGULATION and std.body == "European Commission"
    assert std.issued == date(2099, 4, 2)
    # Twentieth day after publication (PUBLICATION.REF DATE 2099-04-10).
    assert std.effective == date(2099, 4, 30)
    assert std.origin.parser == "formex" and std.origin.format == "formex-xml"


def test_fixture_annex_table_becomes_a_scope():
    (scope,) = parse(FIXTURE).standard.groups
    assert (scope.kind, scope.where, scope.names["en"].text) == (
        m.GroupKind.SCOPE,
        "Annex",
        "Checks on baled zinc scrap",
    )
    reqs = {r.prop: r for r in scope.requirements}
    assert list(reqs) == ["inclusions", "free_of.explosives", "moisture"]
    inclusions = reqs["inclusions"]  # "at most 1,5 %": a decimal comma
    assert (inclusions.hi, inclusions.hi_inclusive, inclusions.unit) == (D("1.5"), True, "%")
    assert inclusions.where == "Annex, 1"
    assert inclusions.text.endswith(
        "Self-monitoring: Two bales a month are opened and sorted by hand."
    )
    assert reqs["free_of.explosives"].state is m.State.FORBIDDEN
    moisture = reqs["moisture"]  # "under 3 %", and an intentionally empty (IE) monitoring cell
    assert (moisture.hi, moisture.hi_inclusive, moisture.text) == (
        D(3),
        False,
        "Criterion: 3. Moisture stays under 3 %.",
    )


def test_fixture_text_is_kept_where_it_stands():
    result = parse(FIXTURE)
    notes = notes_of(result)
    recital = (
        "(1) Baled zinc scrap that passes the checks of the annex may be sold as a raw material."
    )
    strapped = "4. The bales are strapped so that they do not open in transit."
    assert {
        ("Recital (1)", recital),
        ("Article 1", "Scope"),
        ("Article 2(1)", "Zinc scrap is no longer waste when it is handed on and:"),
        ("Article 2(1)(b)", "(b) a statement of conformity travels with it."),
        ("Article 2(2)", "The producer keeps the records for three years."),
        ("Footnote E0001", "Records may be kept on paper or in electronic form."),
        ("Final provisions", "B. NOBODY"),
        ("Annex, table 1, row 5, column 1", strapped),
        ("Annex", "The producer may add further checks."),
    } <= notes
    # Coded bibliographic data (BIB.INSTANCE, PUBLICATION.REF) is not text of the act.
    assert not any("L_2099077EN" in t or t == "077" for _, t in notes)
    assert honest(result) and 0 < result.coverage < 1


def test_an_annex_on_its_own_is_refused_with_the_way_to_read_it(tmp_path):
    with pytest.raises(StdcompareError, match="a Formex annex on its own") as info:
        parse_text(
            tmp_path,
            "<ANNEX><TITLE><TI><P>ANNEX II</P></TI></TITLE><CONTENTS>"
            "<P>1. A point of a lone annex.</P></CONTENTS></ANNEX>",
        )
    assert "descriptor" in info.value.hint


def test_odd_nesting_is_read_not_crashed_on(tmp_path):
    # Found by fuzzing: an article heading or a numbered paragraph inside a point.
    result = parse_text(
        tmp_path,
        "<ACT><NP><NO.P>(a)</NO.P><TI.ART>Article 2</TI.ART><TXT>y</TXT>"
        "<PARAG><NO.PARAG>1.</NO.PARAG><ALINEA>x</ALINEA></PARAG></NP><P>z</P></ACT>",
    )
    assert [(n.where, n.text) for n in result.standard.notes if n.verbatim] == [
        ("Article 2", "(a) y"),
        ("Article 2(1)", "x"),
        ("Article 2(1)", "z"),
    ]


def test_another_root_is_refused(tmp_path):
    with pytest.raises(StdcompareError, match="not a Formex act or annex"):
        parse_text(tmp_path, "<standard/>")


def test_sniff():
    assert formex.PARSER.sniff(FIXTURE.read_bytes()[:4096], FIXTURE)
    assert formex.PARSER.sniff(b"<?xml version='1.0'?><ACT><BIB.INSTANCE/></ACT>", Path("x"))
    assert not formex.PARSER.sniff(b"<FMX><REF.PHYS/></FMX>", Path("x"))  # a bare descriptor
    assert not formex.PARSER.sniff(b"<standard/>", Path("x"))


def test_cli_toml_draft_reads_back_to_the_same_standard(run, tmp_path):
    draft = tmp_path / "draft.toml"
    code, _, err = run("parse", str(FIXTURE), "--to", "toml", "-o", str(draft))
    assert code == 0 and re.search(r"^coverage: \d+% of \d+ text units", err, re.M)
    code, again, _ = run("parse", str(draft))
    assert code == 0
    first, second = json.loads(run("parse", str(FIXTURE))[1]), json.loads(again)
    first.pop("origin"), second.pop("origin")
    assert first == second


def test_auto_detection_picks_formex(fixture_corpus):
    assert detect.parse(FIXTURE, "auto", fixture_corpus).standard.origin.parser == "formex"


# --- arbitrary input ---------------------------------------------------------------------------

_TAGS = ["TITLE", "TI", "P", "ENACTING.TERMS", "ARTICLE", "TI.ART", "STI.ART", "PARAG"]
_TAGS += ["NO.PARAG", "ALINEA", "NP", "NO.P", "TXT", "TBL", "CORPUS", "ROW", "CELL", "ANNEX"]
_TAGS += ["FINAL", "NOTE", "BIB.INSTANCE", "PUBLICATION.REF", "DATE", "LG.DOC", "HT", "LIST"]
_TAGS += ["BLK", "TI.BLK", "QUOT.S", "CONS.DOC", "CONS.ANNEX", "INFO.CONSLEG", "MOD.ACT"]
_WORDS = ["COMMISSION REGULATION (EU) No 3/2011", "of 31 March 2011", "Article 2", "ANNEX"]
_WORDS += ["Criteria", "Self-monitoring", "(a)", "Moisture under 3 %", "20991340", "1/0 %", "EN"]
_TEXT = st.lists(st.sampled_from(_WORDS) | st.text(max_size=5), max_size=3).map(" ".join)


_SPANS = st.sampled_from(
    ["", ' COL="3"', ' COL="0"', ' COLSPAN="2"', ' ROWSPAN="999999"', ' COL="x"']
)


def _element(children):
    return st.builds(
        lambda tag, iso, span, kids, text: (
            f'<{tag} ISO="{iso}"{span}>{escape(text)}{"".join(kids)}</{tag}>'
        ),
        st.sampled_from(_TAGS),
        st.sampled_from(["20990410", "20991399", "x"]),
        _SPANS,
        st.lists(children, max_size=3),
        _TEXT,
    )


_XML = st.recursive(_TEXT.map(escape), _element, max_leaves=20)
_FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_FAST
@given(st.binary(max_size=400))
def test_arbitrary_bytes_raise_nothing_but_stdcompare_errors(data):
    with contextlib.suppress(StdcompareError):
        formex.PARSER.parse(data, Path("fuzz.xml"), VOCAB)


@_FAST
@given(_XML, st.sampled_from(["ACT", "ANNEX", "FMX", "CONS.ACT"]))
def test_arbitrary_small_formex_parses_or_raises_a_stdcompare_error(body, root):
    try:
        result = formex.PARSER.parse(f"<{root}>{body}</{root}>".encode(), Path("f.xml"), VOCAB)
    except StdcompareError:
        return
    assert honest(result)
