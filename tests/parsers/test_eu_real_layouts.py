"""The EUR-Lex and Formex readers on the kinds of real EU documents first met in public
repositories (issue 18, "build for the kind, not for the sample"): each fixture is a real
document trimmed to a few parts, its source named in a comment at its top.

HTML: the act-by-act Official Journal with its closing ELI and ISSN lines; consolidated texts of
about 2014 (a reference line without the sector digit), of 2025 (paragraph numbers in a span
beside the paragraph, the title printed twice) and of the old inline-styled layout; pages of acts
from before 2004 whose title carries the Official Journal reference, or starts with the act's
number. Formex: a consolidated package (a descriptor and a CONS.ACT without sequence number), a
combined file (COMBINED.FMX), the same parts under another tool's wrapper, and a table of contents
alone."""

import re
from datetime import date
from pathlib import Path

import pytest

from stdcompare import model as m
from stdcompare.parsers import detect, eurlex, formex
from stdcompare.parsers.base import ParseResult
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

from ..conftest import FIXTURES
from .results import honest, notes_of

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")
DOCS = FIXTURES / "docs"


def html(name: str) -> ParseResult:
    path = DOCS / name
    return eurlex.PARSER.parse(path.read_bytes(), path, VOCAB)


def fmx(path: Path) -> ParseResult:
    if path.is_dir():
        return formex.read_folder(path, VOCAB)
    return formex.PARSER.parse(path.read_bytes(), path, VOCAB)


def where_of(result: ParseResult, text: str) -> list[str]:
    return [w for w, t in notes_of(result) if t == text]


# --- EUR-Lex HTML ------------------------------------------------------------------------------


def test_act_by_act_journal_closes_with_its_eli_and_issn_which_are_no_annex_text():
    result = html("eurlex-oj-act-2024-real.xhtml")
    std = result.standard
    assert (std.ref, std.designation, std.issued) == (
        "eu-2024-1689@2024",
        "Regulation (EU) 2024/1689",
        date(2024, 6, 13),
    )
    notes = notes_of(result)
    assert {
        ("Official Journal header", "L series"),
        ("Official Journal header", "2024/1689"),
        ("Official Journal", "ELI: http://data.europa.eu/eli/reg/2024/1689/oj"),
        ("Official Journal", "ISSN 1977-0677 (electronic edition)"),
        ("Annex XIII(a)", "(a) the number of parameters of the model;"),
    } <= notes
    assert not any(w.startswith("Annex") and "ISSN" in t for w, t in notes)
    # A list row indented by an empty cell: its marker places the text beside it.
    first = next(t for w, t in notes if w == "Annex I(1)")
    assert first.startswith("1. Directive 2006/42/EC of the European Parliament")
    assert not any(t == "1." for _, t in notes)
    assert honest(result) and not result.warnings


def test_consolidated_text_of_2014_takes_its_date_from_a_reference_line_without_sector_digit():
    result = html("eurlex-consolidated-2013.html")
    std = result.standard
    assert (std.ref, std.designation, std.kind, std.issued) == (
        "eu-dir-2009-65@2013-06-20",
        "Directive 2009/65/EC",
        m.Kind.DIRECTIVE,
        date(2009, 7, 13),
    )
    assert std.effective == date(2013, 6, 20)
    assert std.sources["eurlex"].address.endswith("CELEX:02009L0065-20130620")
    notes = notes_of(result)
    assert ("Title", "►B") in notes and ("Title", "(OJ L 302, 17.11.2009, p.32)") in notes
    assert any(w == "Amended by" and t.startswith("►M1 DIRECTIVE 2010/78/EU") for w, t in notes)
    assert not any("2009L0065 — EN" in t for _, t in notes)  # read as the edition
    # The title printed again above the preamble is the title, not preamble text.
    assert where_of(result, "of 13 July 2009") == ["Title"]
    assert honest(result) and not result.warnings


def test_consolidated_text_of_2025_reads_paragraph_numbers_beside_their_paragraph():
    result = html("eurlex-consolidated-2025.xhtml")
    std = result.standard
    assert (std.ref, std.designation) == ("eu-2016-679@2016-05-04", "Regulation (EU) 2016/679")
    notes = notes_of(result)
    # Each number stands before its paragraph and places it, as in the Official Journal.
    first = next(t for w, t in notes if w == "Article 1(1)")
    assert first.startswith("1. This Regulation lays down rules relating to the protection")
    assert any(w == "Article 2(2)(a)" and t.startswith("(a) in the course of") for w, t in notes)
    assert [w for w, t in notes if re.fullmatch(r"\d+\.", t)] == []  # no number alone
    heading = "REGULATION (EU) 2016/679 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL"
    assert where_of(result, heading) == ["Title"]  # printed again in the body: still the title
    assert ("Amended by", "►C1 Corrigendum, OJ L 127, 23.5.2018, p. 2 ((EU) 2016/679)") in notes
    assert honest(result) and not result.warnings


def test_old_consolidated_layout_without_classes_finds_its_title_beside_the_b_marker():
    result = html("eurlex-consolidated-1998-inline-styles.html")
    std = result.standard
    # The reference line "1998F0699 — DE — 05.07.2001 — …" gives edition and language.
    assert (std.key, std.edition, std.issued) == ("eu-1998-699", "2001-07-05", date(1998, 12, 3))
    assert list(std.title) == ["de"] and std.title["de"].endswith("Erträgen aus Straftaten")
    notes = notes_of(result)
    assert ("Title", "(ABl. L 333, 9.12.1998, p.1)") in notes
    assert any(w == "Artikel 2" and t.startswith("(1) Im Rahmen des") for w, t in notes)
    # A joint action is no kind of act the reader knows: its name is kept as printed, and said.
    assert std.designation == "GEMEINSAME MAßNAHME"
    assert result.warnings == ["act name not recognised; its first title line is kept as printed"]
    assert honest(result)


def test_pre_2004_page_keeps_the_journal_reference_out_of_the_title_and_dates_from_it():
    result = html("eurlex-pre2004-oj-reference.html")
    std = result.standard
    assert (std.key, std.designation, std.title) == (
        "eu-2002-6",
        "Council Regulation (EC) No 6/2002",
        {"en": "on Community designs"},
    )
    # "on the 60th day following its publication", published 05/01/2002 by that reference.
    assert (std.issued, std.effective) == (date(2001, 12, 12), date(2002, 3, 6))
    notes = notes_of(result)
    assert ("Title", "Official Journal L 003 , 05/01/2002 P. 0001 - 0024") in notes
    assert not any("Avis juridique" in t for _, t in notes)  # the site's banner is not read
    assert honest(result) and not result.warnings


def test_pre_2004_title_that_starts_with_the_number_names_a_framework_decision():
    result = html("eurlex-pre2004-de-number-first.html")
    std = result.standard
    assert (std.key, std.designation, std.body) == (
        "eu-dec-2002-584",
        "Rahmenbeschluss 2002/584/JI",
        "Council of the European Union",
    )
    assert std.kind is m.Kind.DECISION and std.kind.is_law
    assert std.title["de"].startswith("über den Europäischen Haftbefehl")
    assert (std.issued, std.effective) == (date(2002, 6, 13), date(2002, 8, 7))
    assert ("Title", "Amtsblatt Nr. L 190 vom 18/07/2002 S. 0001 - 0020") in notes_of(result)
    assert honest(result) and not result.warnings


# --- Formex ------------------------------------------------------------------------------------


@pytest.mark.parametrize("given", ["folder", "descriptor", "act"])
def test_consolidated_package_finds_its_act_without_a_sequence_number(given):
    folder = DOCS / "formex-cons-package"
    path = {"folder": folder, "descriptor": folder / "descriptor.xml"}.get(
        given, folder / "consolidated-act.xml"
    )
    result = fmx(path)
    std = result.standard
    assert (std.ref, std.designation, std.kind, std.effective) == (
        "eu-dir-2011-83@2020-01-07",
        "Directive 2011/83/EU",
        m.Kind.DIRECTIVE,
        date(2020, 1, 7),
    )
    notes = notes_of(result)
    # Formex codes quotation marks; the text keeps them.
    assert any(t.startswith("(1) ‘consumer’ means any natural person") for _, t in notes)
    amended = next(t for w, t in notes if w == "Amended by")
    assert "of the Council of 25 November 2015" in amended  # title lines keep their spaces
    # What Article 32 inserts into another directive stays quoted there, each point's number
    # before its text; the quoted "Article 8a" is no article of this act.
    quoted = [t for w, t in notes if w == "Article 32"]
    assert any(t.startswith("1. Where a Member State adopts provisions") for t in quoted)
    assert not any(re.fullmatch(r"\d+\.", t) for t in quoted)
    assert not any(w.startswith("Article 8a") for w, _ in notes)
    assert honest(result) and not result.warnings


def test_combined_formex_file_is_read_as_its_package():
    result = fmx(DOCS / "formex-combined.xml")
    std = result.standard
    assert (std.ref, std.designation, std.issued) == (
        "eu-2024-1689@2024",
        "Regulation (EU) 2024/1689",
        date(2024, 6, 13),
    )
    (read,) = [n.text for n in std.notes if n.where == "Formex package"]
    assert read == (
        "read as one Formex package: ACT 0001 (formex-combined.xml), "
        "ANNEX 0001.0001 (formex-combined.xml), ANNEX 0001.0002 (formex-combined.xml)"
    )
    notes = notes_of(result)
    # The table of contents' "Official Journal" title neither ends nor makes the act's title.
    assert not any("Official Journal" in t for _, t in notes)
    assert ("Annex I", "List of Union harmonisation legislation") in notes
    assert any(w == "Annex II" for w, _ in notes)
    assert honest(result) and not result.warnings


def test_a_package_under_another_wrapper_is_read_alike(tmp_path):
    text = (DOCS / "formex-combined.xml").read_text(encoding="utf-8")
    wrapped = tmp_path / "bundle.xml"  # another tool's wrapper, the annexes in a group of their own
    wrapped.write_text(
        text.replace("<COMBINED.FMX>", "<BUNDLE>")
        .replace("</COMBINED.FMX>", "</ANNEXES></BUNDLE>")
        .replace("</ACT>", "</ACT><ANNEXES>", 1),
        encoding="utf-8",
    )
    assert detect._detect(wrapped.read_bytes(), wrapped) == "formex"
    result = fmx(wrapped)
    assert result.standard.designation == "Regulation (EU) 2024/1689"
    assert ("Annex I", "List of Union harmonisation legislation") in notes_of(result)


def test_an_act_bundled_alone_says_its_annexes_may_be_missing(tmp_path):
    text = (DOCS / "formex-combined.xml").read_text(encoding="utf-8")
    alone = tmp_path / "act.xml"
    alone.write_text(re.sub(r"<ANNEX\b.*?</ANNEX>", "", text, flags=re.S), encoding="utf-8")
    result = fmx(alone)
    assert result.standard.designation == "Regulation (EU) 2024/1689"
    assert len(result.warnings) == 1 and "annexes, they were not read" in result.warnings[0]


def test_a_table_of_contents_alone_is_refused_in_one_line(run):
    code, out, err = run("parse", str(DOCS / "formex-toc.xml"))
    lines = err.splitlines()
    assert code == 2 and out == "" and "Traceback" not in err
    assert lines[0].startswith("stdcompare: error: ") and "table of contents" in lines[0]
    assert lines[1].startswith("hint: give the package's folder")


def test_a_corrigendum_page_is_no_act_it_corrects(tmp_path):
    """No real corrigendum page was found in public repositories: this one is made up in the
    Official Journal's markup of 2018-2023 (as eurlex-oj-act-2024-real.xhtml's, before the
    act-by-act header), with no character set declared, as a page saved as text would be."""
    page = tmp_path / "corrigendum.html"
    page.write_bytes(
        (
            '<html><head><meta property="eli:id_local" content="32011R0333R(01)"/></head><body>'
            '<table><tr><td><p class="oj-hd-date">12.10.2011</p></td>'
            '<td><p class="oj-hd-lg">EN</p></td><td><p class="oj-hd-oj">L 265/1</p></td></tr>'
            '</table><p class="oj-doc-ti">Corrigendum to Council Regulation (EU) No 333/2011 of'
            " 31 March 2011 establishing test criteria</p>"
            '<p class="oj-doc-ti">(Official Journal of the European Union L 94 of 8 April 2011)'
            '</p><p class="oj-normal">On page 5, point 1.1:</p>'
            '<p class="oj-normal">for: ‘… 2 % …’, read: ‘… 2 % by weight …’.</p>'
            "</body></html>"
        ).encode()
    )
    result = eurlex.PARSER.parse(page.read_bytes(), page, VOCAB)
    std = result.standard
    assert (std.ref, std.designation, std.issued) == (
        "eu-2011-333-corrigendum@2011-10-12",
        "Corrigendum to Council Regulation (EU) No 333/2011",
        date(2011, 10, 12),
    )
    assert std.sources["eurlex"].address.endswith("CELEX:32011R0333R(01)")
    assert ("Preamble", "for: ‘… 2 % …’, read: ‘… 2 % by weight …’.") in notes_of(result)
    assert honest(result) and not result.warnings


def test_a_summary_of_legislation_is_refused_not_taken_for_the_act(run, tmp_path):
    """EUR-Lex's summaries (LSU) name the act they summarise; read as a page of that act, a
    summary would pass for it. No saved summary page was found; its structure here (an <h1>,
    sections with "lseu-" ids, "SUMMARY OF:" and the act's designation) is as modelled by
    github.com/Kymylyy/eurlex-unit-parser, tests/test_lsu_summary.py, commit
    597e077df1a30c722dbfafa240a182e618a4ad16, with made-up words."""
    page = tmp_path / "summary.html"
    page.write_text(
        '<html><head><link rel="canonical" href="https://eur-lex.europa.eu/EN/legal-content/'
        'summary/test.html"></head><body><h1>Test words for a summary</h1>'
        '<section id="lseu-section-summary-of"><h2>SUMMARY OF:</h2>'
        "<p>Regulation (EU) 2022/2554</p></section>"
        '<section id="lseu-section-key-points"><h2>KEY POINTS</h2><p>It covers tests.</p>'
        "</section></body></html>",
        encoding="utf-8",
    )
    code, out, err = run("parse", str(page))
    lines = err.splitlines()
    assert code == 2 and out == "" and "Traceback" not in err and len(lines) == 2
    assert "summary of legislation" in lines[0] and lines[1].startswith("hint: give the act")


def test_a_c_series_notice_says_it_is_no_legal_act(tmp_path):
    """No real notice page was found; this one is made up in the Official Journal's markup of
    2018-2023, its number "(2020/C 22/01)" printed as the Journal prints a C-series number."""
    page = tmp_path / "notice.html"
    page.write_text(
        '<html><head><meta charset="utf-8"></head><body><table><tr>'
        '<td><p class="oj-hd-date">23.1.2020</p></td><td><p class="oj-hd-oj">C 22/1</p></td>'
        '</tr></table><p class="oj-doc-ti">COMMISSION NOTICE</p>'
        '<p class="oj-doc-ti">Guidance on test words</p><p class="oj-doc-ti">(2020/C 22/01)</p>'
        '<p class="oj-normal">Test text of the notice.</p></body></html>',
        encoding="utf-8",
    )
    result = eurlex.PARSER.parse(page.read_bytes(), page, VOCAB)
    std = result.standard
    assert (std.ref, std.designation) == ("eu-c-2020-22-01@2020", "Commission Notice 2020/C 22/01")
    assert std.kind is m.Kind.NOTICE and not std.kind.is_law  # explains the law, binds no one
    assert result.warnings == []
    assert honest(result)
