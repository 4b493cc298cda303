"""Flattened GB/T tables whose rows carry no code: each row is named (GB/T 38472 names its
cast-aluminium categories 铸件, 再生铝锭, 铝块; the aluminium standards name products per row).

In the stream of cells (gbt_stream.py) a row is then the run of text cells printed just before
its numbers: the last Chinese cell of the run is the row's name, the English cells after it its
rendering, and text cells before it in the same run a category cell that opens at this row (a
merged cell printed beside its first row). Rows after it, up to the next category, are its.
A category printed apart from any row (pdftotext without -layout prints merged cells before
the rows) cannot be placed: it is kept as a note, and a warning says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .gbt_tables import Cell

if TYPE_CHECKING:
    from .gbt_tokens import Stream, Token


@dataclass
class Named:
    """A row named in the stream: its category cells (where one opens here), name, numbers."""

    category: list[Token]
    name: list[Token]
    values: list[Token] = field(default_factory=list)

    @property
    def label(self) -> Cell:
        return _cell(self.name)


def named_rows(stream: Stream) -> list[Named]:
    """The rows of a stream without codes, in order; their names and numbers are recorded in
    the stream as its codes and values (a name printed twice: the second is loose)."""
    rows: list[Named] = []
    pending: list[Token] = []
    open_row = False  # numbers may still follow the last row's
    for tok in stream.tokens:
        if tok.kind == "text":
            pending.append(tok)
        elif tok.kind == "value" and pending:
            rows.append(Named(*_split(pending), [tok]))
            pending, open_row = [], True
        elif tok.kind == "value" and open_row:
            rows[-1].values.append(tok)
        else:
            if tok.kind == "value":
                stream.loose.append(tok)
            pending, open_row = [], False
    return register(stream, rows)


def register(stream: Stream, rows: list[Named]) -> list[Named]:
    """Record rows' names and numbers in the stream as its codes and values; a name printed
    twice: the second row is loose."""
    kept = []
    for row in rows:
        code = row.label.text
        if code in stream.values:
            stream.loose += [*row.name, *row.values]
            continue
        stream.codes.append(code)
        stream.values[code] = row.values
        kept.append(row)
    return kept


def _split(run: list[Token]) -> tuple[list[Token], list[Token]]:
    """A run of text cells before numbers: (the category's cells, the row's name cells)."""
    last_zh = max((k for k, t in enumerate(run) if t.zh), default=None)
    if last_zh is None:
        return run[:-1], run[-1:]
    return run[:last_zh], run[last_zh:]


def _cell(tokens: list[Token]) -> Cell:
    zh = "".join(t.text for t in tokens if t.zh)
    en = " ".join(t.text for t in tokens if not t.zh)
    return Cell(zh, en)


def categories(rows: list[Named]) -> list[tuple[Cell | None, list[Named]]]:
    """Rows by the category that opens at each: (the category's cell or None, its rows)."""
    groups: list[tuple[Cell | None, list[Named]]] = []
    for row in rows:
        if row.category or not groups:
            groups.append((_cell(row.category) if row.category else None, [row]))
        else:
            groups[-1][1].append(row)
    return groups


def rows_named(table, named: list[Named], n: int) -> tuple[list, int]:
    """The table reader's rows (gbt_tables.Row) of named rows, for `table` (a StreamTable) with
    `n` value columns; and how many rows fit no reading (kept as notes)."""
    from .gbt_stream import _NO_NAME
    from .gbt_tables import Row

    groups = categories(named)
    table.has_category = any(category is not None for category, _ in groups)
    rows: list[Row] = []
    skipped = 0
    said = False
    for category, members in groups:
        codes = [row.label.text for row in members]
        merged = table._merged(codes, n)
        table.placed.update(id(t) for row in members for t in (*row.category, *row.name))
        if merged is None:
            skipped += len(codes)
            table._unplaced(codes, n)
            continue
        for k, row in enumerate(members):
            own = list(row.values[: n - merged])
            if k == 0 and merged:
                own += table._extra(codes, n - merged)  # the category's, printed once
            before = []
            if k == 0 and table.has_category and (category is not None or merged):
                before.append(category or _NO_NAME)  # rows before any category: none
            cells = [Cell(en=v.text) for v in own]
            rows.append(Row(before, row.label.text, cells, label=row.label))
            table.placed.update(id(v) for v in row.values)
        if merged:
            said = True
    _say_apart(table, named)
    if said:
        table.doc.warnings.append(
            f"{table.where}: numbers printed once for a category (a merged cell) are read as "
            "its last columns"
        )
    return rows, skipped


def _say_apart(table, named: list[Named]) -> None:
    """Chinese names printed before the first row and in none: raw pdftotext prints a merged
    category column before the rows, so which rows each covers is not in the text."""
    if not named or not named[0].name:
        return
    first = id(named[0].name[0])
    apart = []
    for tok in table.stream.tokens:
        if id(tok) == first:
            break
        if tok.kind == "text" and tok.zh and id(tok) not in table.placed:
            apart.append(tok.text)
    if apart:
        table.doc.warnings.append(
            f"{table.where}: {', '.join(apart[:5])}{' …' if len(apart) > 5 else ''} printed "
            "apart from the rows (a merged column, as pdftotext prints it without -layout): "
            "which rows each covers is not in the text; kept as notes"
        )
