"""The identity of STS documents of the kinds found in public repositories (sts_meta.py): NISO
STS with std-doc-meta or an SDO's std-meta, a national adoption of an ISO standard, ISO drafts
written by converters, amendments. Each fixture reproduces the markup of a real document (its
source named at its top) with made-up numbers and the test author's own sentences."""

from __future__ import annotations

import socket
from datetime import date
from decimal import Decimal as D

import pytest

from stdcompare import model as m
from stdcompare.parsers.sts_meta import reference

from ..conftest import FIXTURES
from .test_sts import parse, parse_text

DOCS = FIXTURES / "docs"


def notes_of(result) -> set[tuple[str | None, str]]:
    return {(n.where, n.text) for n in result.standard.notes}


# --- NISO STS ------------------------------------------------------------------------------------


def test_niso_std_doc_meta():
    """std-doc-meta, a main-title-wrap, a std-id-group, an untyped std-ref dated with a hyphen,
    the body as std-org-abbrev, the day in an iso-8601-date attribute."""
    result = parse(DOCS / "sts-niso-doc-meta.xml")
    std = result.standard
    assert (std.key, std.edition, std.designation) == (
        "ansi-xs-z99-7",
        "2031",
        "ANSI/XS Z99.7-2031",
    )
    assert (std.issued, std.body) == (date(2031, 4, 9), "XSO")
    assert std.title == {"en": "Baled copper wire for remelting"}
    # the normative clause only: not the foreword, the NOTE or the informative appendix
    assert [(r.prop, r.lo, r.where) for r in std.requirements] == [("content.Cu", D(99), "2")]
    assert ("metadata: p", "Working groups write them and members vote on them.") in notes_of(
        result
    )
    print(f"coverage {result.coverage:.0%} of {result.units_total} units")


def test_niso_sdo_std_meta_with_a_printed_release_month():
    """An SDO's document: no originator (the std-org's abbreviation is the body), a release
    date printed "April 2031" (a month: no day is invented), a DOCTYPE with an external DTD."""
    result = parse(DOCS / "sts-niso-sdo-meta.xml")
    std = result.standard
    assert (std.key, std.edition, std.designation, std.body) == (
        "xtf-99142",
        "2031",
        "XTF 99142:2031",
        "XTF",
    )
    assert std.issued is None and any("April 2031" in w for w in result.warnings)
    assert [(r.prop, r.hi) for r in std.requirements] == [("content.Fe", D("1.5"))]
    # &mdash; comes from the external DTD, which is never read: resolved from the built-in table
    assert ("1.", "Turnings arrive mixed with steel — a magnet finds most of it.") in notes_of(
        result
    )


@pytest.mark.parametrize(
    ("release", "issued", "edition"),
    [
        ('<release-date iso-8601-date="2031-04-09">Approved: April 9, 2031</release-date>',
         date(2031, 4, 9), "2031"),
        ("<release-date>Approved: October 6, 2030</release-date>", date(2030, 10, 6), "2030"),
        ("<release-date>Mai 2029</release-date>", None, "2029"),
        ("<release-date>2028-12</release-date>", None, "2028"),
        ("<release-date>soon</release-date>", None, "2027"),  # the designation's year
    ],
)  # fmt: skip
def test_release_dates_as_niso_sts_writes_them(tmp_path, release, issued, edition):
    std = parse_text(
        tmp_path,
        f"""<standard><front><std-meta><std-ref>ANSI/XS Z9-2027</std-ref>{release}</std-meta>
        </front><body><sec><label>1</label><p>Scope.</p></sec></body></standard>""",
    ).standard
    assert (std.issued, std.edition, std.key) == (issued, edition, "ansi-xs-z9")


def test_a_publishers_internal_key_is_no_designation(tmp_path):
    """A std-id typed dated may be the publisher's own key (DIN's "e1ca3a0e", link type
    internal-pub-id): the std-ident gives the designation instead."""
    std = parse_text(
        tmp_path,
        """<standard><front><std-meta><std-ident><originator>XS</originator>
        <doc-number>41</doc-number><std-id-group><std-id std-id-type="dated"
        std-id-link-type="internal-pub-id" specific-use="xmlkey">e1ca3a0e</std-id>
        </std-id-group></std-ident><release-date>2030-01-02</release-date></std-meta></front>
        <body><sec><label>1</label><p>Scope.</p></sec></body></standard>""",
    ).standard
    assert (std.designation, std.key) == ("XS 41:2030", "xs-41")


# --- a national adoption -----------------------------------------------------------------------


def test_din_en_iso_adoption(tmp_path, monkeypatch):
    """NISO STS adoption: the national std-meta gives the identity (lineage kept), the
    national and European forewords, the introduction and the informative annex are notes;
    the adopted standard's normative clause is the requirement. Its DOCTYPE names an
    external DTD that is neither fetched nor read, even when it lies beside the file."""

    def no_network(*args, **kwargs):
        raise AssertionError("the parser opened a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    source = (DOCS / "sts-adoption-din-en-iso.xml").read_text(encoding="utf-8")
    doc = tmp_path / "adoption.xml"
    doc.write_text(source, encoding="utf-8")
    # a DTD where the DOCTYPE points, redefining mdash: were it read, the titles would say so
    (tmp_path / "NISO-STS-interchange-1-mathml3.dtd").write_text('<!ENTITY mdash "READ">')
    result = parse(doc)
    std = result.standard
    assert (std.key, std.edition, std.designation, std.body) == (
        "din-en-iso-99100-1",
        "2030",
        "DIN EN ISO 99100-1:2030-12",
        "DIN",
    )
    assert std.supersedes == "din-en-iso-99100-1@2027" and std.issued is None
    assert std.title["en"].startswith("Recycling — Copper scrap — Part 1: Requirements")
    assert set(std.title) == {"de", "en"} and "READ" not in std.title["de"]
    assert [(r.prop, r.hi, r.where) for r in std.requirements] == [("moisture", D(5), "4")]
    notes = notes_of(result)
    texts = {t for _, t in notes}
    assert "Yards in this country shall keep the moisture content below 8 % in winter." in texts
    assert ("Annex A", "Yards report that oil and grease shall seldom exceed 1 %.") in notes
    assert ("metadata: std-ref", "ISO 99100-1:2029-11") in notes  # what it adopts
    assert result.units_total == result.units_structured + len(std.notes)
    print(f"coverage {result.coverage:.0%} of {result.units_total} units")


# --- drafts and amendments -------------------------------------------------------------------


def test_a_draft_whose_dated_reference_has_no_year():
    """ISO STS from a converter: the dated std-ref says "XS/CD 17300-1", the doc-ref adds the
    year; the key is the standard's, the status a draft."""
    std = parse(DOCS / "sts-iso-draft-aside.xml").standard
    assert (std.key, std.edition, std.designation, std.status) == (
        "xs-17300-1",
        "2030",
        "XS/CD 17300-1",
        m.Status.DRAFT,
    )
    assert std.supersedes == "xs-17300-1@2019"


def test_a_draft_known_only_by_its_undated_reference(tmp_path):
    """No dated std-ref at all: the undated one is the designation, its stage read from it."""
    std = parse_text(
        tmp_path,
        """<standard><front><iso-meta><std-ident><originator>XS</originator><doc-type>IS
        </doc-type><doc-number>17300</doc-number><part-number>1</part-number></std-ident>
        <std-ref type="undated">XS/CD 17300-1</std-ref><permissions><copyright-year>2030
        </copyright-year></permissions></iso-meta></front>
        <body><sec><label>1</label><p>Scope.</p></sec></body></standard>""",
    ).standard
    assert (std.key, std.edition, std.designation, std.status) == (
        "xs-17300-1",
        "2030",
        "XS/CD 17300-1",
        m.Status.DRAFT,
    )


def test_an_amendment_amends_the_edition_it_names():
    result = parse(DOCS / "sts-iso-amendment.xml")
    std = result.standard
    assert (std.key, std.edition, std.designation, std.amends) == (
        "xs-17300-1",
        "2031",
        "XS 17300-1:2019/Amd 1:2031",
        "xs-17300-1@2019",
    )
    assert std.status is m.Status.CURRENT and std.supersedes is None
    assert [(r.prop, r.hi) for r in std.requirements] == [("moisture", D(14))]


@pytest.mark.parametrize(
    ("ref", "amends", "edition", "status"),
    [
        ("XS 2560:2009/Cor 1:2011", "xs-2560@2009", "2011", m.Status.CURRENT),
        ("EN XS 2560:2008/AC:2009", "en-xs-2560@2008", "2009", m.Status.CURRENT),
        ("XS 2560:2009/DAmd 1", "xs-2560@2009", "unknown", m.Status.DRAFT),
        ("XS/IEC 8859-1:1998/Amd.1:2001", "xs-iec-8859-1@1998", "2001", m.Status.CURRENT),
    ],
)
def test_corrigenda_and_draft_amendments(tmp_path, ref, amends, edition, status):
    std = parse_text(
        tmp_path,
        f"""<standard><front><iso-meta><std-ref type="dated">{ref}</std-ref></iso-meta>
        </front><body><sec><label>1</label><p>Scope.</p></sec></body></standard>""",
    ).standard
    assert (std.amends, std.edition, std.status) == (amends, edition, status)
    assert std.key == amends.split("@")[0]  # the key of the standard it amends


def test_iso_sts_adoption_in_one_front(tmp_path):
    """ISO STS writes an adoption as one front with iso-meta, reg-meta and nat-meta, in that
    order (github.com/metanorma/sts-ruby, reference-docs/isosts-v1/Smallsamples/
    meta-mixes_ok_1.xml): the document is the national body's."""
    result = parse_text(
        tmp_path,
        """<standard><front><iso-meta><title-wrap xml:lang="en"><full>Copper scrap</full>
        </title-wrap><std-ref type="dated">XS 2560:2029</std-ref>
        <release-date>2029-05-30</release-date></iso-meta>
        <reg-meta><std-ref type="dated">EN XS 2560:2029</std-ref>
        <release-date>2029-08-01</release-date></reg-meta>
        <nat-meta><std-ident><originator>BSI</originator></std-ident>
        <std-ref type="dated">BS EN XS 2560:2030</std-ref><release-date>2030-01-31</release-date>
        <std-xref type="supersedes"><std-ref>BS EN XS 2560:2012</std-ref></std-xref></nat-meta>
        </front><body><sec><label>1</label><p>Scope.</p></sec></body></standard>""",
    )
    std = result.standard
    assert (std.key, std.designation, std.issued, std.body) == (
        "bs-en-xs-2560",
        "BS EN XS 2560:2030",
        date(2030, 1, 31),
        "BSI",
    )
    assert std.supersedes == "bs-en-xs-2560@2012" and std.title == {"en": "Copper scrap"}
    assert ("metadata: std-ref", "XS 2560:2029") in notes_of(result)  # what it adopts


def test_references_dated_with_a_hyphen():
    assert reference("ANSI/NISO Z39.102-2017") == "ansi-niso-z39-102@2017"
    assert reference("DIN EN ISO 13849-1:2008-12") == "din-en-iso-13849-1@2008"
    assert reference("ISO 13849-1") == "iso-13849-1"  # a part number is no year


def test_a_reference_in_a_metadata_note_names_another_document(tmp_path):
    std = parse_text(
        tmp_path,
        """<standard><front><std-meta><meta-note><p>Replaces <std-ref>XS 1:2001</std-ref>.
        </p></meta-note><std-ident><originator>XS</originator><doc-number>2</doc-number>
        </std-ident><release-date>2030-03-04</release-date></std-meta></front>
        <body><sec><label>1</label><p>Scope.</p></sec></body></standard>""",
    ).standard
    assert (std.designation, std.key) == ("XS 2:2030", "xs-2")


def test_the_body_where_no_originator_is_named(tmp_path):
    """NISO STS as ISO's platform exports it (github.com/metanorma/obp-access,
    iso:std:iso:34000:ed-1:v1:en.xml, commit 837049d540ad9d6952147c32ce22ce1ab9015fc3):
    permissions first, no std-ident; the copyright holder is the body."""
    std = parse_text(
        tmp_path,
        """<standard><front><std-meta><permissions><copyright-statement>All rights reserved
        </copyright-statement><copyright-holder>XS</copyright-holder><copyright-year>2030
        </copyright-year></permissions><title-wrap xml:lang="en"><full>Scrap — Vocabulary
        </full></title-wrap><std-ref type="dated">XS 34001:2030</std-ref>
        <std-ref type="undated">XS 34001</std-ref><doc-ref>XS 34001:2030(en)</doc-ref>
        </std-meta></front><body><sec><label>1</label><p>Scope.</p></sec></body></standard>""",
    ).standard
    assert (std.body, std.key, std.edition, std.designation) == (
        "XS",
        "xs-34001",
        "2030",
        "XS 34001:2030",
    )
