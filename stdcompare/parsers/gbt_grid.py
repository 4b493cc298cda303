"""GB/T tables in the toolkit's one table model (toolkit/tables.py), and their reading.

Whatever way a GB/T table reached us — rows of one line, one cell a line, or a stream of cells
that pdftotext flattened (gbt_tables.py, gbt_stream.py) — it is laid out here as a `Table`, the
model the STS, Formex and EU readers use: a header row whose cells carry their unit and bound
word, and rows of cells placed in columns. A category cell merged over its rows, and a value
printed once for them, are cells spanning those rows (`depth`), as a Formex ROWSPAN is. The
requirements are then read from the Table alone: a value cell under a header with a property is
its row's limit, or its category's when it spans the category's rows.

The row's label is its code ("RCu-1A", "HRS101"), or, in a table that prints no codes (GB/T
38472 names its categories in Chinese), its name: the grade is then keyed by that name, as the
corpus keys such grades, and says so (code_assigned).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from .. import model as m
from ..errors import StdcompareError
from ..quantities import parse_bound
from .gbt_paragraphs import _one_sided
from .prose import merge
from .textfile import SOURCE_ID
from .toolkit.phrases import default_phrases
from .toolkit.tables import MAX_COLUMN, Table
from .toolkit.tables import Cell as Placed

DASH = re.compile(r"^(?:[—–\-－―‐_]{1,}|——)$")  # a cell that says: no requirement
# A footnote mark printed after a number: a letter (a, b …, as GB/T marks table footnotes) or
# a superscript digit, which the decoder keeps apart as "^1" (NFKC would make "0.30¹" 0.301).
_FOOTNOTE = re.compile(r"^(.*\d%?)\s?(?:\^(\d{1,2})|([a-h]))$")
# The remainder of a composition ("余量", "Bal."): the element makes up the rest, no limit.
REMAINDER = ("余量", "余", "bal", "bal.", "balance", "rem.", "remainder")


def footnote(text: str) -> tuple[str, str | None]:
    """A cell's number and its footnote mark: "0.40a" → ("0.40", "a"); else (text, None)."""
    found = _FOOTNOTE.match(text.strip())
    if found is None:
        return text, None
    return found.group(1), found.group(2) or found.group(3)


def is_remainder(text: str) -> bool:
    return text.strip().lower() in REMAINDER


@dataclass
class _Spec:
    """A cell before it is placed: what it holds, its column, the rows it spans."""

    value: object  # a gbt_tables.Cell, or a gbt_tables.Column for a header cell
    column: int
    depth: int = 1
    header: bool = False


def grid(columns: list, rows: list) -> Table:
    """The Table of a GB/T table (`columns`: gbt_tables.Column, `rows`: gbt_tables.Row, passed
    in so that gbt_tables may import this module): one header row (a cell per column, with its
    unit and bound word), then each row with its text cells right-aligned on the columns
    before its label (cells no column takes sit in columns 1 … before the first header), its
    label, and its value cells after it. A row that lacks the category cell belongs to the
    category above: that category's cell spans it, and so does a value the category prints
    once."""
    at = next(i for i, c in enumerate(columns) if c.role == "code")
    n_before = at
    has_category = any(c.role == "category" for c in columns[:at])
    room = MAX_COLUMN - len(columns)  # columns left for cells no header takes
    rows = [_fitted(row, n_before, len(columns) - at - 1, room) for row in rows]
    extra = max((len(r.before) - n_before for r in rows), default=0)
    extra = max(extra, 0)
    label = extra + at + 1  # the label's column
    specs: list[list[_Spec]] = [
        [_Spec(column, extra + k + 1, header=True) for k, column in enumerate(columns)]
    ]
    for head, members in _groups(rows, n_before, has_category):
        opened = has_category and len(head.before) >= n_before
        merged = _merged(head, members, len(columns) - at - 1) if opened else set()
        for row in members:
            depth = len(members) if row is head and opened else 1
            cells = [
                _Spec(cell, label - len(row.before) + i, depth if i == len(row.before) - n_before
                      else 1)
                for i, cell in enumerate(row.before)
            ]  # fmt: skip
            cells.append(_Spec(row.code_cell, label))
            cells += [
                _Spec(cell, label + 1 + k, depth if k in merged else 1)
                for k, cell in enumerate(row.after)
            ]
            specs.append(cells)
    table = Table.placed(
        specs,
        column=lambda s: s.column,
        colspan=lambda s: 1,
        rowspan=lambda s: s.depth,
        header=lambda s, r: s.header,
    )
    for row in table.rows:
        for cell in row:
            spec = cell.content
            cell.content = spec.value
            cell.text = spec.value.header.label if cell.header else spec.value.text
            if cell.header:
                cell.unit, cell.bound = spec.value.unit, spec.value.direction
    return table


def _fitted(row, n_before: int, n_values: int, room: int):
    """A row within the table model's width: the cells no header takes, before the text
    columns and after the value columns, get half the room left each; where they are more,
    the outermost are joined into one cell (read as a note, as each would be)."""
    half = max(room // 2, 1)
    before, after = row.before, row.after
    if len(before) - n_before > half:
        cut = len(before) - n_before - half + 1
        before = [_joined(before[:cut]), *before[cut:]]
    if len(after) - n_values > half:
        keep = n_values + half - 1
        after = [*after[:keep], _joined(after[keep:])]
    if before is row.before and after is row.after:
        return row
    return replace(row, before=before, after=after)


def _joined(cells: list):
    zh = " ".join(c.zh for c in cells if c.zh)
    return type(cells[0])(zh, " ".join(c.en for c in cells if c.en))


def _groups(rows: list, n_before: int, has_category: bool) -> list[tuple]:
    """A row that lacks the category cell (a merged cell printed once) belongs to the category
    above it."""
    groups: list[tuple] = []
    for row in rows:
        if (has_category and len(row.before) >= n_before) or not groups:
            groups.append((row, [row]))
        else:
            groups[-1][1].append(row)
    return groups


def _merged(head, members: list, n_values: int) -> set[int]:
    """The value columns (0-based after the label) that a category prints once for its rows:
    those its first row fills and another row lacks."""
    if len(members) < 2:
        return set()
    shortest = min(len(r.after) for r in members[1:])
    return set(range(shortest, min(len(head.after), n_values)))


class TableReader:
    """A GB/T Table to groups and grades: a value spanning a category's rows is the category's
    requirement; every other value cell under a header with a property is its row's."""

    def __init__(self, table: Table, where: str, doc) -> None:
        self.table = table
        self.where = where
        self.doc = doc
        header = table.rows[0]
        self.header = {c.column: c for c in header}
        self.label = next(c.column for c in header if c.content.role == "code")
        self.first = min(self.header)  # the first headed column
        self.has_category = any(c.content.role == "category" for c in header
                                if c.column < self.label)  # fmt: skip
        self.assigned = header[self.label - self.first].content.assigned
        self.last_category: tuple[str, str] | None = None
        self.first_group = len(doc.groups)  # the groups of this table start here

    def read(self) -> None:
        group_id: str | None = None
        n = 0
        for row in self.table.rows[1:]:
            own = {c.column: c for c in row if c.own}
            if self.label not in own:
                continue
            opens = self.has_category and self.first in own
            if opens:
                group_id = self._group(own, n)
                n += 1
            elif not self.has_category:
                group_id = None
            self._grade(own, group_id if self.has_category else None, opens)

    def _texts(self, own: dict[int, Placed]) -> tuple[dict[str, Placed], list[Placed]]:
        """Text cells by role, the nearest the label first; and the cells no column takes."""
        found: dict[str, Placed] = {}
        for col in range(self.label - 1, self.first - 1, -1):
            if col in own:
                found.setdefault(self.header[col].content.role, own[col])
        return found, [own[c] for c in sorted(own) if c < self.first]

    def _group(self, own: dict[int, Placed], n: int) -> str:
        doc = self.doc
        cells, _ = self._texts(own)
        category = cells["category"].content
        names_seen = (category.zh, category.en)
        if (
            self.where in doc.continued
            and any(names_seen)
            and self.last_category == names_seen
            and self.first_group < len(doc.groups)
        ):
            return doc.groups[-1].id  # the same category again: a table continued on a new page
        self.last_category = names_seen
        ident = _group_id(category, cells.get("abbreviation"), n, doc)
        reqs = [self._requirement(c) for c in self._values(own) if c.depth > 1]
        names = {lang: m.Name(text, lang) for lang, text in (("zh", category.zh),
                 ("en", category.en)) if text}  # fmt: skip
        described = [
            f"{self.header[col].text}: {cells[role].content.label}"
            for col in sorted(self.header)
            if (role := self.header[col].content.role) in ("abbreviation", "mark")
            and col < self.label
            and role in cells
        ]
        doc.group_ids.add(ident)
        doc.groups.append(
            m.Group(
                id=ident,
                names=names,
                requirements=tuple(merge([r for r in reqs if r], doc.warnings, ident, doc.vocab)),
                description="; ".join(described) or None,
                where=self.where,
                evidence=(SOURCE_ID,),
            )
        )
        return ident

    def _values(self, own: dict[int, Placed]) -> list[Placed]:
        return [own[c] for c in sorted(own) if c > self.label]

    def _grade(self, own: dict[int, Placed], group_id: str | None, opens: bool) -> None:
        doc = self.doc
        label = own[self.label].content
        code = label.text
        if code in doc.codes:
            doc.warnings.append(f"{self.where}: code {code} appears twice; the second ignored")
            doc.note(" ".join([code, *(c.content.label for c in self._values(own))]), self.where)
            return
        cells, extra = self._texts(own)
        doc.unit(True)  # the label cell
        for role, cell in cells.items():
            if role == "text":
                doc.note(cell.content.label, f"{self.where}, {code}")
            else:
                doc.unit(True)
        for cell in extra:
            doc.note(cell.content.label, f"{self.where}, {code}")
        reqs = []
        for cell in self._values(own):
            if opens and group_id and cell.depth > 1:
                continue  # read as the category's requirement
            if cell.column not in self.header:
                doc.note(cell.content.label, f"{self.where}, {code}")
            elif (req := self._requirement(cell)) is not None:
                reqs.append(req)
        doc.codes.add(code)
        names = self._names(label, cells.get("name"))
        doc.grades.append(
            m.Grade(
                code=code,
                code_assigned=self.assigned,
                group=group_id,
                names=names,
                families=tuple(doc.meta.get("families", ())),
                text=m.TextCompleteness.PARTIAL,
                seen_in=doc.meta.get("edition"),
                requirements=tuple(merge(reqs, doc.warnings, code, doc.vocab)),
                where=self.where,
                evidence=(SOURCE_ID,),
            )
        )

    def _names(self, label, name: Placed | None) -> dict[str, m.Name]:
        """The row's names: its name cell's, or, where the row is labelled by its name (no code
        printed), the label's own Chinese and English."""
        cell = name.content if name is not None else (label if self.assigned else None)
        if cell is None:
            return {}
        return {lang: m.Name(t, lang) for lang, t in (("zh", cell.zh), ("en", cell.en)) if t}

    def _requirement(self, cell: Placed) -> m.Requirement | None:
        """One value cell under its header; counts the cell as a unit."""
        header = self.header[cell.column]
        column = header.content
        doc = self.doc
        req = cell_requirement(cell.content.text, header, self.where) if column.prop else None
        doc.unit(req is not None)
        if req is None:
            doc.notes.append(m.Note(cell.content.label, f"{self.where}: {header.text}", True))
            if column.prop:
                doc.warnings.append(f"{self.where}: cell '{cell.content.text}' could not be read")
        return req


def cell_requirement(text: str, header: Placed, where: str) -> m.Requirement | None:
    """A value cell read under its header: the header's property and unit, and its bound word
    applied to a bare number ("不大于" over "0.5"); a dash says there is no limit."""
    base = m.Requirement(header.content.prop, unit=header.unit, where=where,
                         evidence=(SOURCE_ID,))  # fmt: skip
    text, mark = footnote(text)
    if mark is not None:
        base = replace(base, text=f"{text} with footnote {mark} of the table")
    if is_remainder(text):
        return replace(base, state=m.State.NONE, unit=None, qualifier="remainder",
                       text=f"{text}: the remainder (balance), no limit of its own")  # fmt: skip
    if DASH.match(text):
        return replace(
            base, state=m.State.NONE, unit=None, text="the table cell holds a dash: no limit"
        )
    if default_phrases().zh_agreed.search(text):
        return replace(base, state=m.State.AGREEMENT, unit=None, text=text)
    try:
        own = parse_bound(text)
    except (StdcompareError, ArithmeticError):
        return None
    iv = own.interval
    if iv.lo is not None and iv.lo == iv.hi and iv.lo_inclusive and iv.hi_inclusive:
        if header.bound is None:
            return replace(base, nominal=iv.lo, uncertain="the header gives no direction")
        fields = _one_sided(header.bound, text)  # "不大于" over a bare "0.5"
        return replace(base, **fields) if fields else None
    return replace(base, lo=iv.lo, lo_inclusive=iv.lo_inclusive, hi=iv.hi,
                   hi_inclusive=iv.hi_inclusive)  # fmt: skip


def _group_id(category, abbreviation: Placed | None, n: int, doc) -> str:
    base = ""
    if abbreviation is not None and re.fullmatch(r"[A-Za-z]{1,8}", abbreviation.content.text):
        base = abbreviation.content.text.lower()
    elif category.en:
        base = "-".join(re.findall(r"[a-z0-9]+", category.en.lower()))[:40]
    base = base or f"category-{n + 1}"
    # Suffixes go on from where the last group of this base stopped: counting up from 2 each
    # time was quadratic in a table of many rows of one category name.
    ident, k = base, doc.suffixes.get(base, 2)
    while ident in doc.group_ids:
        ident, k = f"{base}-{k}", k + 1
    doc.suffixes[base] = k
    return ident
