"""The identity of an EU act read from its printed title, in the forms real titles take: the
act-by-act Official Journal's "Regulation (EU) 2024/903", directives and decisions numbered
year/number/organisation, titles in capitals, German and French titles, and titles printed on
one line (pre-2004 pages) or on several."""

from datetime import date

import pytest

from stdcompare.parsers._eu_title import celex_key, celex_kind, names_an_act, read_title

PARLIAMENT = "European Parliament and Council of the European Union"
COMMISSION = "European Commission"
COUNCIL = "Council of the European Union"

# (first title line, designation, kind, year, number, body)
# fmt: off
CASES = [
    ("REGULATION (EU) 2024/903 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL",
     "Regulation (EU) 2024/903", "regulation", 2024, 903, PARLIAMENT),
    ("DIRECTIVE 2008/98/EC OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL",
     "Directive 2008/98/EC", "directive", 2008, 98, PARLIAMENT),
    ("DIRECTIVE 2009/65/EC OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL",
     "Directive 2009/65/EC", "directive", 2009, 65, PARLIAMENT),
    ("Council Directive 75/442/EEC", "Council Directive 75/442/EEC", "directive", 1975, 442,
     COUNCIL),
    ("DECISION No 1386/2013/EU OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL",
     "Decision No 1386/2013/EU", "decision", 2013, 1386, PARLIAMENT),
    ("COMMISSION IMPLEMENTING DECISION (EU) 2019/1234", "Commission Implementing Decision (EU) "
     "2019/1234", "decision", 2019, 1234, COMMISSION),
    ("COUNCIL REGULATION (EU) No 333/2011", "Council Regulation (EU) No 333/2011", "regulation",
     2011, 333, COUNCIL),
    ("REGULATION (EU, Euratom) 2018/1046 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL",
     "Regulation (EU, Euratom) 2018/1046", "regulation", 2018, 1046, PARLIAMENT),
    ("VERORDNUNG (EU) Nr. 333/2011 DES RATES", "Verordnung (EU) Nr. 333/2011", "regulation",
     2011, 333, COUNCIL),
    ("DURCHFÜHRUNGSVERORDNUNG (EU) 2019/1234 DER KOMMISSION",
     "Durchführungsverordnung (EU) 2019/1234", "regulation", 2019, 1234, COMMISSION),
    ("RICHTLINIE 2008/98/EG DES EUROPÄISCHEN PARLAMENTS UND DES RATES",
     "Richtlinie 2008/98/EG", "directive", 2008, 98, PARLIAMENT),
    ("BESCHLUSS (EU) 2026/454 DES EUROPÄISCHEN PARLAMENTS UND DES RATES",
     "Beschluss (EU) 2026/454", "decision", 2026, 454, PARLIAMENT),
    ("RÈGLEMENT D'EXÉCUTION (UE) 2019/1234 DE LA COMMISSION",
     "Règlement d'exécution (UE) 2019/1234", "regulation", 2019, 1234, COMMISSION),
    ("DIRECTIVE (UE) 2018/851 DU PARLEMENT EUROPÉEN ET DU CONSEIL",
     "Directive (UE) 2018/851", "directive", 2018, 851, PARLIAMENT),
]
# fmt: on


@pytest.mark.parametrize(("line", "designation", "kind", "year", "number", "body"), CASES)
def test_designation_kind_number_and_body(line, designation, kind, year, number, body):
    ident, used = read_title([line])
    assert (ident.designation, ident.kind, ident.year, ident.number) == (
        designation,
        kind,
        year,
        number,
    )
    assert ident.body == body and ident.recognised and used == [True]
    assert ident.subject == ""  # the adopting body is no part of the subject


def test_a_german_title_on_one_line_keeps_nr_and_drops_the_legislators():
    ident, _ = read_title(
        [
            "Verordnung (EU) Nr. 575/2013 des Europäischen Parlaments und des Rates vom 26. Juni "
            "2013 über Aufsichtsanforderungen an Kreditinstitute"
        ]
    )
    assert ident.designation == "Verordnung (EU) Nr. 575/2013"
    assert ident.issued == date(2013, 6, 26)
    assert ident.subject == "über Aufsichtsanforderungen an Kreditinstitute"
    assert ident.key == "eu-2013-575" and ident.celex == "32013R0575"


def test_a_pre_2004_title_on_one_line():
    ident, _ = read_title(
        ["Council Directive 1999/31/EC of 26 April 1999 on the landfill of waste"]
    )
    assert (ident.designation, ident.issued, ident.subject) == (
        "Council Directive 1999/31/EC",
        date(1999, 4, 26),
        "on the landfill of waste",
    )
    assert ident.celex == "31999L0031"  # a directive's CELEX type letter is L


def test_a_french_title_keeps_n_degree():
    ident, _ = read_title(
        ["Règlement (CE) n° 1013/2006 du Parlement européen et du Conseil", "du 14 juin 2006"]
    )
    assert (ident.designation, ident.year, ident.number, ident.issued) == (
        "Règlement (CE) n° 1013/2006",
        2006,
        1013,
        date(2006, 6, 14),
    )


def test_a_line_naming_no_act():
    assert not names_an_act("Official Journal L 182, 16/07/1999")
    assert not names_an_act("Having regard to Directive 2008/98/EC,")
    assert names_an_act("Council Directive 1999/31/EC of 26 April 1999")
    ident, _ = read_title(["COMMISSION NOTICE on test words"])
    assert ident.designation == "COMMISSION NOTICE on test words" and not ident.recognised


def test_celex_numbers():
    assert celex_key("32008L0098") == ("eu-dir-2008-98", "2008")
    assert celex_key("02008L0098-20180705") == ("eu-dir-2008-98", "2008")  # consolidated
    assert (celex_kind("32008L0098"), celex_kind("32024R0903"), celex_kind("32099H0007")) == (
        "directive",
        "regulation",
        "",
    )


@pytest.mark.parametrize(
    ("line", "designation", "subject", "issued"),
    [
        ("Richtlinie 1999/31/EG des Rates vom 26. April 1999 über Abfalldeponien",
         "Richtlinie 1999/31/EG", "über Abfalldeponien", date(1999, 4, 26)),
        ("Directive 1999/31/CE du Conseil du 26 avril 1999 concernant la mise en décharge des "
         "déchets", "Directive 1999/31/CE", "concernant la mise en décharge des déchets",
         date(1999, 4, 26)),
    ],
)  # fmt: skip
def test_pre_2004_titles_in_german_and_french(line, designation, subject, issued):
    ident, _ = read_title([line])
    assert (ident.designation, ident.subject, ident.issued, ident.kind) == (
        designation,
        subject,
        issued,
        "directive",
    )
    assert ident.body == COUNCIL


def test_a_directive_and_a_regulation_of_one_year_and_number_have_two_keys():
    """Before 2015 each kind of act was numbered on its own, so a directive and a regulation
    could share a year and number: their keys differ by kind (regulations keep the corpus's
    eu-YEAR-NUMBER)."""
    directive, _ = read_title(
        ["Directive 2008/98/EC of the European Parliament and of the Council"]
    )
    regulation, _ = read_title(["Commission Regulation (EC) No 98/2008"])
    decision, _ = read_title(["Commission Decision 2008/98/EC"])
    assert (directive.kind, directive.year, directive.number) == ("directive", 2008, 98)
    assert (regulation.kind, regulation.year, regulation.number) == ("regulation", 2008, 98)
    assert [directive.key, regulation.key, decision.key] == [
        "eu-dir-2008-98",
        "eu-2008-98",
        "eu-dec-2008-98",
    ]
    # the same from CELEX numbers, for an act whose title is not read
    assert [celex_key(c)[0] for c in ("32008L0098", "32008R0098", "32008D0098")] == [
        "eu-dir-2008-98",
        "eu-2008-98",
        "eu-dec-2008-98",
    ]
    # a post-2015 directive: one numbering for every kind, the key still says directive
    later, _ = read_title(["Directive (EU) 2018/851 of the European Parliament and of the Council"])
    assert later.key == "eu-dir-2018-851" and later.designation == "Directive (EU) 2018/851"


@pytest.mark.parametrize(
    ("line", "designation", "kind", "key", "issued", "subject"),
    [
        ("2000/532/EC: Commission Decision of 3 May 2000 replacing Decision 94/3/EC",
         "Commission Decision 2000/532/EC", "decision", "eu-dec-2000-532", date(2000, 5, 3),
         "replacing Decision 94/3/EC"),
        ("2002/584/JI: Rahmenbeschluss des Rates vom 13. Juni 2002 über den Europäischen "
         "Haftbefehl", "Rahmenbeschluss 2002/584/JI", "decision", "eu-dec-2002-584",
         date(2002, 6, 13), "über den Europäischen Haftbefehl"),
    ],
)  # fmt: skip
def test_a_pre_2004_title_that_starts_with_its_number(
    line, designation, kind, key, issued, subject
):
    """EUR-Lex's pages of older decisions print the number first, then a colon."""
    assert names_an_act(line)
    ident, used = read_title([line])
    assert (ident.designation, ident.kind, ident.key, ident.issued, ident.subject) == (
        designation,
        kind,
        key,
        issued,
        subject,
    )
    assert ident.recognised and used == [True]


def test_a_title_whose_number_stands_on_its_last_line():
    """The Official Journal printed older directives' numbers apart: "(75/442/EEC)"."""
    lines = ["COUNCIL DIRECTIVE", "of 15 July 1975", "on waste", "(75/442/EEC)"]
    ident, used = read_title(lines)
    assert (ident.designation, ident.key, ident.issued, ident.subject) == (
        "Council Directive 75/442/EEC",
        "eu-dir-1975-442",
        date(1975, 7, 15),
        "on waste",
    )
    assert ident.recognised and used == [True, True, True, True]
    # A bracketed number after a line that says more than a kind of act is an aside.
    other, used = read_title(["COMMISSION NOTICE on test words", "(75/442/EEC)"])
    assert not other.recognised and used == [True, False]


def test_a_council_framework_decision_is_a_decision():
    ident, _ = read_title(["Council Framework Decision 2008/977/JHA of 27 November 2008"])
    assert (ident.designation, ident.kind, ident.key) == (
        "Council Framework Decision 2008/977/JHA",
        "decision",
        "eu-dec-2008-977",
    )


@pytest.mark.parametrize(
    ("line", "designation", "key"),
    [
        ("Corrigendum to Commission Implementing Regulation (EU) 2026/1115 of 26 May 2026 "
         "amending Regulation (EC) No 429/2008", "Corrigendum to Commission Implementing "
         "Regulation (EU) 2026/1115", "eu-2026-1115-corrigendum"),
        ("Berichtigung der Richtlinie 2014/65/EU des Europäischen Parlaments und des Rates vom "
         "15. Mai 2014 über Märkte für Finanzinstrumente", "Berichtigung der Richtlinie "
         "2014/65/EU", "eu-dir-2014-65-corrigendum"),
        ("Rectificatif au règlement (UE) 2016/679 du Parlement européen et du Conseil",
         "Rectificatif au Règlement (UE) 2016/679", "eu-2016-679-corrigendum"),
    ],
)  # fmt: skip
def test_a_corrigendum_is_named_as_one_and_keyed_apart_from_the_act(line, designation, key):
    """Titles as EUR-Lex gives corrigenda (in its metadata and in consolidated Formex): a
    corrigendum corrects an act and must never take the act's key."""
    ident, _ = read_title([line])
    assert (ident.designation, ident.key, ident.corrigendum) == (designation, key, True)
    assert ident.celex == ""  # its own CELEX number (…R(01)) is not in the title
    assert celex_key("32011R0333R(01)") == ("eu-2011-333-corrigendum", "2011")


def test_a_notice_is_named_by_its_place_in_the_c_series():
    """Notices and communications are numbered by the Official Journal's C series, on a title
    line of their own; none is a legal act, so none takes an act's key."""
    lines = ["COMMISSION NOTICE", "Guidance on test words", "(2020/C 22/01)"]
    ident, used = read_title(lines)
    assert (ident.designation, ident.key, ident.year, ident.subject) == (
        "Commission Notice 2020/C 22/01",
        "eu-c-2020-22-01",
        2020,
        "Guidance on test words",
    )
    assert not ident.recognised and ident.published_as == "2020/C 22/01"
    assert used == [True, True, True]
