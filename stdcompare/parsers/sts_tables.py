"""Tables of an STS document (parsers/sts.py), read with the toolkit's table model: cells in the
columns they span, numbered as the file numbers them; a header row's units apply to the cells
below it. Both table models of STS are read: XHTML (tr, th, td with colspan and rowspan) and
OASIS CALS (tgroup, colspec, row, entry spanning from namest to nameend and morerows down),
which ISO STS writes in its own oasis namespace. A row "<property> | <bound>" becomes a
requirement; so does each column of a table whose header row names the properties and whose one
row below holds their bounds ("Cu, % | Fe, %" over "≥ 99.9 | ≤ 0.05"). In an informative part,
all stay notes."""

from __future__ import annotations

from .. import model as m
from .sts_meta import full_text
from .toolkit.coverage import Units, capturing
from .toolkit.markup import localname
from .toolkit.recogniser import Limit, Recogniser
from .toolkit.shell import Requirements
from .toolkit.tables import Cell, Table, number

SOURCE_ID = "document"


class TableReading:
    """The reader's reading of tables (sts._Reader)."""

    recogniser: Recogniser
    units: Units
    reqs: Requirements
    extra: list[str]
    tables: int
    warnings: list[str]
    informative: bool

    def where(self) -> str | None:
        raise NotImplementedError

    def visit(self, el) -> None:
        raise NotImplementedError

    def _block(self, el, skip_label: bool = False) -> None:
        raise NotImplementedError

    def _table_wrap(self, el) -> None:
        """A table-wrap or array (label, caption, table, footnotes) or a bare table."""
        self.tables += 1
        label = next((c for c in el if localname(c) == "label"), None)
        name = full_text(label) if label is not None and full_text(label) else ""
        self.extra.append(name or f"table {self.tables}")
        if localname(el) == "table":
            self._table(el)
        for child in el if localname(el) != "table" else ():
            if localname(child) == "table":
                self._table(child)
            elif localname(child) != "label":
                self.visit(child)
        self.extra.pop()

    def _table(self, table) -> None:
        groups = [c for c in table if localname(c) == "tgroup"]
        for group in groups:  # CALS: each tgroup is a grid of its own
            self._grid(_cals_grid(group))
        if not groups:
            self._grid(_xhtml_grid(table))

    def _grid(self, grid: Table) -> None:
        notes: dict[int, list[m.Note]] = {}  # a cell's notes, read in the row where it starts
        texts: dict[int, str] = {}  # by the markup cell: what a cell spanning down repeats
        for row in grid.rows:
            for cell in row:
                if cell.own:
                    notes[id(cell)] = self._cell(cell.content)
                    texts[id(cell.content)] = " ".join(n.text for n in notes[id(cell)])
                cell.text = texts.get(id(cell.content), "")
        if self._columns(grid, notes):
            return
        units = grid.column_units(self.recogniser.header_unit)
        for r, (row, row_units) in enumerate(zip(grid.rows, units, strict=True), start=1):
            self._row(r, row, grid.texts(row), row_units, notes)

    def _cell(self, cell) -> list[m.Note]:
        with capturing(self) as found:
            self._block(cell)
        return found.notes

    def _row(self, r: int, row: list[Cell], texts: list[str], units, notes) -> None:
        limit = None if self.informative else self.recogniser.row_limit(texts, units)
        where = self.where()
        if limit is not None and self._add(
            limit, " | ".join(t for t in texts if t), f"{where}, row {r}"
        ):
            self.units.structure(sum(len(notes[id(c)]) for c in row if c.own))
            return
        self._notes(row, r, notes)

    def _notes(self, row: list[Cell], r: int, notes) -> None:
        where = self.where()
        for cell in row:
            for note in notes[id(cell)] if cell.own else ():
                self.units.note(note.text, f"{where}, row {r}, column {cell.column}")

    def _add(self, limit: Limit, text: str, where: str) -> bool:
        req = limit.requirement(text, where, (SOURCE_ID,), self.recogniser.vocab)
        if self.reqs.add(req):
            return True
        self.warnings.append(f"{where}: '{limit.prop}' stated again; kept as notes")
        return False

    def _columns(self, grid: Table, notes) -> bool:
        """A header row naming properties over one row of their bounds: each column a
        requirement (placed at its column), the rest notes. False where the table is not
        laid out so (the header names no property, or more rows than one hold values)."""
        heads = grid.header_rows()
        if self.informative or heads != [0] or len(grid.rows) != 2:
            return False
        header, values = grid.rows
        names, bounds = grid.texts(header), grid.texts(values)
        recognise = self.recogniser
        if sum(1 for t in names if recognise.label(t)) < 2:
            return False
        where, read = self.where(), set()
        for i, (name, bound) in enumerate(zip(names, bounds, strict=False)):
            limit = recognise.row_limit([name, bound], [None, recognise.header_unit(name)])
            if limit is not None and self._add(
                limit, f"{name} | {bound}", f"{where}, column {i + 1}"
            ):
                read.add(i + 1)
        for r, row in enumerate(grid.rows, start=1):
            kept = [c for c in row if c.column not in read]
            self.units.structure(sum(len(notes[id(c)]) for c in row if c.own and c.column in read))
            self._notes(kept, r, notes)
        return True


def _rows(table, row: str = "tr"):
    """(row, in the table head) in order."""
    for child in table:
        name = localname(child)
        if name == row:
            yield child, False
        elif name in ("thead", "tbody", "tfoot"):
            yield from ((tr, name == "thead") for tr in child if localname(tr) == row)


def _xhtml_grid(table) -> Table:
    rows = list(_rows(table))
    head = {r for r, (_, in_head) in enumerate(rows, start=1) if in_head}
    return Table.placed(
        [[c for c in tr if localname(c) in ("td", "th")] for tr, _ in rows],
        lambda cell: None,  # an XHTML cell names no column: it takes the next free one
        lambda cell: number(cell.get("colspan")),
        lambda cell: number(cell.get("rowspan")),
        lambda cell, r: r in head or localname(cell) == "th",
    )


def _cals_grid(group) -> Table:
    """A CALS tgroup: an entry names its column (colname, or namest … nameend for a span, or a
    spanname), else takes the next free one; morerows is how many rows it spans below."""
    columns: dict[str, int] = {}
    for i, spec in enumerate((c for c in group if localname(c) == "colspec"), start=1):
        columns[spec.get("colname") or str(i)] = number(spec.get("colnum")) or i
    spans = {
        spec.get("spanname"): (spec.get("namest"), spec.get("nameend"))
        for spec in group
        if localname(spec) == "spanspec"
    }

    def ends(cell) -> tuple[int | None, int | None]:
        first, last = spans.get(cell.get("spanname"), (cell.get("namest"), cell.get("nameend")))
        first = first or cell.get("colname")
        start = columns.get(first) if first else None
        end = columns.get(last) if last else None
        return start, end

    def colspan(cell) -> int | None:
        start, end = ends(cell)
        return end - start + 1 if start is not None and end is not None and end > start else None

    def rowspan(cell) -> int | None:
        more = number(cell.get("morerows"))
        return more + 1 if more else None

    rows = list(_rows(group, "row"))
    head = {r for r, (_, in_head) in enumerate(rows, start=1) if in_head}
    return Table.placed(
        [[c for c in row if localname(c) in ("entry", "entrytbl")] for row, _ in rows],
        lambda cell: ends(cell)[0],
        colspan,
        rowspan,
        lambda cell, r: r in head,
    )
