"""The one table model: rows of cells placed in the columns the file gives them, with column
and row spans, the direction of the header and the units it prints.

Where each cell of an EU act's table sits: its column as the file numbers it. A Formex CELL
names its column (COL) and may span columns and rows (COLSPAN, ROWSPAN); an HTML cell spans
(colspan, rowspan) and takes the next free column. A cell placed by position alone would put
"128,7" in column 1 where the file says column 3, pairing the wrong criterion and check.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

MAX_COLUMN = 1_000  # no real table is wider; a larger COL or span is read as this
# Column-rows that all the spans of one table may cover; past it a span counts as one cell, so
# that a table of cells each spanning a thousand rows and columns costs no more than this.
MAX_SPAN_WORK = 1_000_000

Placed = tuple[int, object, bool]  # (column, cell, own): own is False where a cell spans down


def place_cells(rows: list[list], column: Callable, colspan: Callable, rowspan: Callable):
    """Each row's cells with the column each starts in (1-based), in column order. `column`
    gives a cell's own column number (None if it names none); `colspan` and `rowspan` its
    spans. A cell spanning down from a row above is listed in each row it covers too, marked
    not own: its text stands beside that row's cells (a self-monitoring cell shared by two
    criteria) but is read once, where it starts."""
    below: dict[int, list[tuple[range, object]]] = {}  # row -> spans reaching it from above
    budget = MAX_SPAN_WORK
    placed_rows: list[list[Placed]] = []
    for r, cells in enumerate(rows):
        carried = below.pop(r, [])
        taken = {c for span, _ in carried for c in span}
        placed: list[Placed] = [(span.start, cell, False) for span, cell in carried]
        free = 1  # no column before this one is free
        for cell in cells:
            col, free = _column(column(cell), taken, free)
            width = _bounded(colspan(cell), MAX_COLUMN - col + 1)
            depth = _bounded(rowspan(cell), len(rows) - r)
            if width * depth > budget:
                width = depth = 1
            budget -= width * depth
            span = range(col, col + width)
            taken.update(span)
            for row in range(r + 1, r + depth):
                below.setdefault(row, []).append((span, cell))
            placed.append((col, cell, True))
        placed_rows.append(sorted(placed, key=lambda entry: entry[0]))
    return placed_rows


def _width(colspan: int | None, column: int) -> int:
    return _bounded(colspan, MAX_COLUMN - column + 1)


def _column(named: int | None, taken: set[int], free: int) -> tuple[int, int]:
    """The column a cell starts in: the one it names, else the first free one; and where the
    next search for a free column starts."""
    while free in taken and free < MAX_COLUMN:
        free += 1
    if named is not None and 1 <= named <= MAX_COLUMN:
        return named, free
    return free, free


def _bounded(value: int | None, limit: int) -> int:
    return min(max(value or 1, 1), limit)


def number(text: str | None) -> int | None:
    """A column number or span as an attribute gives it ("3", " 2 "); None if it is none."""
    text = (text or "").strip()
    return int(text) if text.isdigit() and len(text) <= 6 else None


def dense(cells: dict[int, str], limit: int = 64) -> list[str]:
    """The texts of one row by column, columns without a cell empty, up to `limit` columns:
    index i holds column i + 1."""
    width = min(max(cells, default=0), limit)
    return [cells.get(c, "") for c in range(1, width + 1)]


# --- the table model -------------------------------------------------------------------------


@dataclass
class Cell:
    """One cell as the table holds it: where it starts (row and column as the file numbers
    them, 1-based), its text once read, and whether this row is where it starts (`own`) or
    one it spans down into."""

    content: Any  # the markup element, for the reader to read
    row: int
    column: int
    own: bool = True
    header: bool = False
    text: str = ""
    width: int = 1  # the columns it spans
    depth: int = 1  # the rows it spans (a merged category cell, a value printed once)
    # What a header cell says of the cells under it: the unit it prints ("/%", "质量分数") and
    # its bound word ("不大于", "max."); None where it says none or the cell is no header.
    unit: str | None = None
    bound: str | None = None


@dataclass
class Table:
    """Rows of placed cells, with the direction of the table's header: "top" (a header row
    names what each column holds, the usual layout), "side" (a header column names what each
    row holds), or None (no header cells)."""

    rows: list[list[Cell]] = field(default_factory=list)

    @classmethod
    def placed(
        cls,
        rows: list[list],
        column: Callable,
        colspan: Callable,
        rowspan: Callable,
        header: Callable[[Any, int], bool],
    ) -> Table:
        """A table of markup rows: `column`, `colspan` and `rowspan` as place_cells takes
        them; `header(cell, r)` whether a cell of row r (1-based) is a header cell."""
        table = cls()
        for r, placed_row in enumerate(place_cells(rows, column, colspan, rowspan), start=1):
            table.rows.append(
                [
                    Cell(
                        cell,
                        r,
                        col,
                        own,
                        header(cell, r),
                        width=_width(colspan(cell), col),
                        depth=_bounded(rowspan(cell), len(rows) - r + 1),
                    )
                    for col, cell, own in placed_row
                ]
            )
        return table

    def header_over(self, row: int, column: int) -> Cell | None:
        """The header cell nearest above row `row` (1-based) that covers `column`, or None."""
        for r in range(min(row, len(self.rows)) - 1, 0, -1):
            cells = self.rows[r - 1]
            if cells and all(c.header for c in cells):
                return next((c for c in cells if c.column <= column < c.column + c.width), None)
        return None

    def texts(self, row: list[Cell], limit: int = 64) -> list[str]:
        """A row's texts by column (index i holds column i + 1), columns without a cell empty."""
        cells: dict[int, str] = {}
        for cell in row:
            old = cells.get(cell.column)
            cells[cell.column] = f"{old} {cell.text}".strip() if old else cell.text
        return dense(cells, limit)

    def header_direction(self) -> str | None:
        """ "top" when a row is all header cells, "side" when the first column is (and no row
        is), else None."""
        if any(row and all(c.header for c in row) for row in self.rows):
            return "top"
        firsts = [row[0] for row in self.rows if row]
        if firsts and all(c.header and c.column == 1 for c in firsts):
            return "side"
        return None

    def header_rows(self) -> list[int]:
        """The indexes of the rows all of whose cells are header cells."""
        return [i for i, row in enumerate(self.rows) if row and all(c.header for c in row)]

    def column_units(
        self, unit_of: Callable[[str], str | None], limit: int = 64
    ) -> list[list[str | None]]:
        """For each row, the unit of each column (by index) that the header rows above it
        print ("Content, %"), a header spanning columns giving its unit to each: the nearest
        header row that names one wins."""
        found: list[list[str | None]] = []
        units: list[str | None] = []
        for row in self.rows:
            if row and all(c.header for c in row):
                fresh: dict[int, str | None] = {}
                for cell in row:
                    unit = unit_of(cell.text)
                    for col in range(cell.column, min(cell.column + cell.width, limit + 1)):
                        fresh[col] = unit or fresh.get(col)
                width = max([len(units), *fresh])
                units = [fresh.get(i + 1) or (units[i] if i < len(units) else None)
                         for i in range(width)]  # fmt: skip
            found.append(units)
        return found
