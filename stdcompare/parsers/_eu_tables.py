"""Where each cell of an EU act's table sits: its column as the file numbers it. A Formex CELL
names its column (COL) and may span columns and rows (COLSPAN, ROWSPAN); an HTML cell spans
(colspan, rowspan) and takes the next free column. A cell placed by position alone would put
"128,7" in column 1 where the file says column 3, pairing the wrong criterion and check.
"""

from __future__ import annotations

from collections.abc import Callable

MAX_COLUMN = 1_000  # no real table is wider; a larger COL or span is read as this
MAX_ROWSPAN = 1_000


def place_cells(
    rows: list[list], column: Callable, colspan: Callable, rowspan: Callable
) -> list[list[tuple[int, object]]]:
    """Each row's cells with the column each starts in (1-based), in column order. `column`
    gives a cell's own column number (None if it names none); `colspan` and `rowspan` its
    spans. Cells spanning down from rows above keep their columns taken."""
    taken_below: dict[int, set[int]] = {}  # row index -> columns taken by cells from above
    placed_rows = []
    for r, cells in enumerate(rows):
        taken = taken_below.pop(r, set())
        placed = []
        for cell in cells:
            col = _column(column(cell), taken)
            width = _bounded(colspan(cell), MAX_COLUMN)
            span = range(col, min(col + width, MAX_COLUMN + 1))
            taken.update(span)
            for below in range(r + 1, r + _bounded(rowspan(cell), MAX_ROWSPAN)):
                taken_below.setdefault(below, set()).update(span)
            placed.append((col, cell))
        placed_rows.append(sorted(placed, key=lambda pair: pair[0]))
    return placed_rows


def _column(named: int | None, taken: set[int]) -> int:
    if named is not None and 1 <= named <= MAX_COLUMN:
        return named
    col = 1
    while col in taken and col < MAX_COLUMN:
        col += 1
    return col


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
