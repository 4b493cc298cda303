"""STS tables read with the toolkit's table model: cells in the columns they span (a note says
the column the file gives it), a header row's units, and a table laid out the other way (the
header names the properties, the one row below holds their bounds)."""

from __future__ import annotations

from decimal import Decimal as D

from ..conftest import FIXTURES
from .test_sts import ENTITIES, needs_realdocs, parse, parse_text


def notes_of(result) -> set[tuple[str | None, str]]:
    return {(n.where, n.text) for n in result.standard.notes}


def _doc(table: str) -> str:
    return f"""<standard><front><std-meta><std-ref type="dated">XS 8:2099</std-ref></std-meta>
    </front><body><sec><label>5</label><table-wrap><label>Table 2</label>{table}</table-wrap>
    </sec></body></standard>"""


def test_a_cell_spanning_rows_moves_the_cells_beside_it(tmp_path):
    result = parse_text(
        tmp_path,
        _doc(
            """<table><thead><tr><th>Property</th><th>Limit, %</th></tr></thead><tbody>
            <tr><td>Copper content</td><td>≥ 99.9</td></tr>
            <tr><td rowspan="2">Moisture</td><td>max. 0.5</td></tr>
            <tr><td>checked weekly</td></tr>
            <tr><td colspan="2">All values on a dry basis.</td></tr></tbody></table>"""
        ),
    )
    reqs = {r.prop: r for r in result.standard.requirements}
    assert (reqs["content.Cu"].lo, reqs["content.Cu"].where) == (D("99.9"), "5, Table 2, row 2")
    assert (reqs["moisture"].hi, reqs["moisture"].unit) == (D("0.5"), "%")
    notes = notes_of(result)
    assert ("5, Table 2, row 4, column 2", "checked weekly") in notes  # column 1 is Moisture's
    assert ("5, Table 2, row 5, column 1", "All values on a dry basis.") in notes
    assert result.units_total == result.units_structured + len(result.standard.notes)
    print(f"coverage {result.coverage:.0%} of {result.units_total} units")


def test_a_header_row_of_properties_over_one_row_of_bounds(tmp_path):
    result = parse_text(
        tmp_path,
        _doc(
            """<table><thead><tr><th>Cu, %</th><th>Fe, %</th><th>Colour</th></tr></thead>
            <tbody><tr><td>≥ 99.9</td><td>≤ 0.05</td><td>reddish</td></tr></tbody></table>"""
        ),
    )
    reqs = {r.prop: r for r in result.standard.requirements}
    assert sorted(reqs) == ["content.Cu", "content.Fe"]
    assert (reqs["content.Cu"].lo, reqs["content.Cu"].unit) == (D("99.9"), "%")
    assert (reqs["content.Fe"].hi, reqs["content.Fe"].where) == (D("0.05"), "5, Table 2, column 2")
    notes = notes_of(result)
    assert ("5, Table 2, row 1, column 3", "Colour") in notes
    assert ("5, Table 2, row 2, column 3", "reddish") in notes
    assert result.units_total == result.units_structured + len(result.standard.notes)
    print(f"coverage {result.coverage:.0%} of {result.units_total} units")


def test_several_rows_of_values_are_no_list_of_limits(tmp_path):
    """Rows of grades under a header of properties: which row is the standard's? Notes."""
    result = parse_text(
        tmp_path,
        _doc(
            """<table><thead><tr><th>Cu, %</th><th>Fe, %</th></tr></thead><tbody>
            <tr><td>≥ 99.9</td><td>≤ 0.05</td></tr><tr><td>≥ 99.5</td><td>≤ 0.1</td></tr>
            </tbody></table>"""
        ),
    )
    assert result.standard.requirements == ()


@needs_realdocs
def test_real_spanning_header_numbers_columns_as_the_file_does():
    """ISO's table test cases: a header cell spanning two rows and one spanning three columns;
    the second header row's cells sit in columns 2 to 4."""
    result = parse(ENTITIES)
    notes = notes_of(result)
    assert {(f"1, Table 3, row 2, column {c}", "header text") for c in (2, 3, 4)} <= notes
    assert ("1, Table 3, row 2, column 1", "header text") not in notes
    assert result.units_total == result.units_structured + len(result.standard.notes)
    print(f"coverage {result.coverage:.0%} of {result.units_total} units")


def test_spans_past_any_table_cost_no_more_than_a_table(tmp_path):
    """Every cell spanning a million rows and columns, two thousand rows: read in bounded work
    (the toolkit caps a table's spans), every cell still a note where it starts."""
    import time

    rows = "".join(
        f'<tr><td rowspan="999999" colspan="999999">c{i}</td><td>d{i}</td></tr>'
        for i in range(2000)
    )
    started = time.monotonic()
    result = parse_text(tmp_path, _doc(f"<table>{rows}</table>"))
    assert time.monotonic() - started < 20
    assert result.units_total == result.units_structured + len(result.standard.notes)
    assert sum(1 for n in result.standard.notes if n.text.startswith(("c", "d"))) == 4000


# --- CALS tables ---------------------------------------------------------------------------------

CALS = FIXTURES / "docs" / "sts-cals-tables.xml"


def test_cals_tables_in_iso_stss_oasis_namespace():
    """ISO STS's CALS tables, their namespace declared by a public identifier: entries placed
    by namest/nameend, colname or a spanspec, spanning down by morerows; the header rows in
    thead, their unit ("Limit, %") applying below."""
    result = parse(CALS)
    reqs = result.standard.requirements
    assert [(r.prop, r.hi, r.unit, r.where) for r in reqs] == [
        ("moisture", D(2), "%", "5, Table 1, row 3")
    ]
    notes = notes_of(result)
    assert ("5, Table 1, row 1, column 1", "Limits on a lot") in notes  # spans columns 1-2
    assert ("5, Table 2, row 2, column 2", "Value") in notes  # "Property" spans down into row 2
    assert ("5, Table 2, row 4, column 3", "in daylight") in notes  # "Colour" spans down
    assert ("5, Table 2, row 5, column 1", "All values are read on the lot as delivered.") in notes
    assert result.units_total == result.units_structured + len(result.standard.notes)
    print(f"coverage {result.coverage:.0%} of {result.units_total} units")


def test_a_cals_entry_names_its_column(tmp_path):
    """An entry that names a later column leaves the ones before it empty, as the file says;
    a tgroup's colspec may number columns out of order."""
    result = parse_text(
        tmp_path,
        _doc(
            """<table><tgroup cols="3"><colspec colname="a" colnum="1"/>
            <colspec colname="c" colnum="3"/><colspec colname="b" colnum="2"/><tbody>
            <row><entry colname="c">third</entry></row>
            <row><entry namest="a" nameend="b">first two</entry><entry>last</entry></row>
            </tbody></tgroup></table>"""
        ),
    )
    notes = notes_of(result)
    assert ("5, Table 2, row 1, column 3", "third") in notes
    assert ("5, Table 2, row 2, column 1", "first two") in notes
    assert ("5, Table 2, row 2, column 3", "last") in notes


def test_a_public_identifier_as_a_namespace_anywhere(tmp_path):
    """Any namespace named by a public identifier (+// or -//) is read as its URN, on any
    element, in either quotes; nothing else of the document changes."""
    result = parse_text(
        tmp_path,
        """<standard><front><std-meta><std-ref type="dated">XS 8:2099</std-ref></std-meta>
        </front><body><sec><label>5</label><p>Text with "-//quoted//EN" stays.</p>
        <x:table xmlns:x='+//IDN example.org//DTD Tables//EN'><x:tgroup cols="1"><x:tbody>
        <x:row><x:entry>cell</x:entry></x:row></x:tbody></x:tgroup></x:table></sec></body>
        </standard>""",
    )
    notes = notes_of(result)
    assert ("5", 'Text with "-//quoted//EN" stays.') in notes
    assert ("5, table 1, row 1, column 1", "cell") in notes


def test_a_test_method_column_beside_the_limits(tmp_path):
    """Product specifications print the method that measures each limit in a column of its
    own: the limit is read, the method kept in its text; a row of two bounds stays unread."""
    result = parse_text(
        tmp_path,
        _doc(
            """<table><thead><tr><th>Property</th><th>Limit, %</th><th>Test method</th></tr>
            </thead><tbody>
            <tr><td>Moisture</td><td>max. 2</td><td>ISO 11722</td></tr>
            <tr><td>Copper content</td><td>≥ 99.9</td><td>GB/T 5121.1-2008</td></tr>
            <tr><td>Inclusions</td><td>max. 0.5</td><td>max. 0.8</td></tr></tbody></table>"""
        ),
    )
    reqs = {r.prop: r for r in result.standard.requirements}
    assert sorted(reqs) == ["content.Cu", "moisture"]
    assert (reqs["moisture"].hi, reqs["moisture"].unit) == (D("2"), "%")
    assert (reqs["content.Cu"].lo, reqs["content.Cu"].where) == (D("99.9"), "5, Table 2, row 3")
    assert reqs["moisture"].text == "Moisture | max. 2 | ISO 11722"  # the method not lost
    assert any(text == "max. 0.8" for _, text in notes_of(result))  # two bounds: kept as notes
    assert result.units_total == result.units_structured + len(result.standard.notes)
    print(f"coverage {result.coverage:.0%} of {result.units_total} units")
