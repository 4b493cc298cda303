"""GB/T tables: a limit's direction in its column header, merged category cells, rows of
one line or one cell a line, Chinese cells with their English renderings, rows labelled by a
code or (a table that prints none) by their name, a table continued on the next page
(parsers/gbt.py). The rows are read through the toolkit's table model (gbt_grid.py); a table
whose columns are not in its lines goes to the stream reader (gbt_stream.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import StdcompareError
from ..quantities import parse_bound
from .prose import lexicon, pick_prop

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary
from .gbt_grid import TableReader, footnote, grid, is_remainder
from .gbt_paragraphs import _one_sided, _zh_prop
from .gbt_text import _ANNEX, _CAPTION, _CAPTION_EN, _CJK, _NOTE, Doc, is_heading

# --- tables --------------------------------------------------------------------------------------

_CODE = re.compile(r"^[A-Z][A-Za-z]{0,5}-?\d{1,3}[A-Z]?$")
_DASH = re.compile(r"^(?:[—–\-－―‐_]{1,}|——)$")
# Header words of the text columns of GB/T tables (layout words, not vocabulary).
_ROLES = {
    "code": ("代号", "牌号", "编号", "code"),
    "category": ("类别", "类型", "分类", "种类", "category", "class"),
    "abbreviation": ("简称", "缩写", "abbreviation", "short name"),
    "mark": ("标记", "mark"),
    "name": ("名称", "品名", "name", "product"),
}
_NUM = r"\d{1,9}(?:[.,]\d{1,6})?"
_VALUE = re.compile(rf"^[≥≤<>≧≦⩾⩽]?\s*{_NUM}(?:\s*[~～\-–—至]\s*{_NUM})?\s*[%‰]?$")
_CELL_SPLIT = re.compile(r"\t|\s{2,}|\s*\|\s*")


@dataclass
class Cell:
    zh: str = ""
    en: str = ""

    @property
    def text(self) -> str:
        return self.zh or self.en

    @property
    def label(self) -> str:
        return " / ".join(t for t in (self.zh, self.en) if t)


@dataclass
class Column:
    role: str  # code | category | abbreviation | mark | name | value | text
    header: Cell
    prop: str | None = None
    direction: str | None = None  # a bound word from the header ("不大于", "max")
    unit: str | None = None
    assigned: bool = False  # a name column labels the rows: the table prints no codes


@dataclass
class Row:
    before: list[Cell]
    code: str
    after: list[Cell]
    label: Cell | None = None  # the label cell, where it is a name (zh and en) and not a code

    @property
    def code_cell(self) -> Cell:
        return self.label or Cell(en=self.code)


def read_table(lines: list[str], raw: list[str], i: int, doc: Doc) -> int:
    """Read the table whose caption is lines[i]; returns the index after it."""
    caption = _CAPTION.match(lines[i])
    assert caption is not None  # read_body calls this at a caption
    where = "表" + caption.group(1)
    doc.unit(True)
    i += 1
    while (
        i < len(lines) and not lines[i] and i + 1 < len(lines) and _CAPTION_EN.match(lines[i + 1])
    ):
        i += 1  # a blank line between the Chinese and the English caption
    if i < len(lines) and _CAPTION_EN.match(lines[i]):
        doc.unit(True)
        i += 1
    end = _table_end(lines, i)
    while (after := _continued(lines, raw, end, where, doc)) is not None:
        end = _table_end(lines, after)
    body = [(lines[k], raw[k]) for k in range(i, end) if lines[k]]
    if not body:
        return end
    from .gbt_tokens import flattened  # the stream reader builds on this module

    if flattened([r for _, r in body]):
        return _as_stream(lines, raw, (i, end), where, doc)
    cells_by_line = [_cells(r) for _, r in body]
    if len(cells_by_line[0]) >= 2:
        columns, rows, loose = _line_mode(cells_by_line, doc)
    else:
        columns, rows, loose = _cell_mode([c for cells in cells_by_line for c in cells], doc)
    if columns is None:
        return _as_stream(lines, raw, (i, end), where, doc)
    for cell in loose:
        doc.note(cell.label, where)
    TableReader(grid(columns, rows), where, doc).read()
    return end


def _as_stream(lines: list[str], raw: list[str], span: tuple[int, int], where: str,
               doc: Doc) -> int:  # fmt: skip
    """A table whose columns are not in its lines: rebuilt from its stream of cells, else kept
    as notes with the reason."""
    from .gbt_stream import StreamTable, gather_displaced

    start, end = span
    end = gather_displaced(lines, raw, end)
    body = [k for k in range(start, end) if lines[k]]
    why = StreamTable([raw[k] for k in body], where, doc).read()
    if why is not None:
        for k in body:
            doc.note(lines[k], where)
        doc.warnings.append(f"{where}: no code column found ({why}); the table is kept as notes")
    return end


# The caption of a table's next page: "续表", "表2(续)", "表 2 （续）", "续表2".
_CONTINUED = re.compile(
    r"^(?:续\s*表\s*([A-Z]?\.?\d{1,3})?|表\s*([A-Z]?\.?\d{1,3})\s*[(（]\s*续\s*[)）])\s*$"
)
_CONTINUED_EN = re.compile(r"^Table\s+[A-Z]?\.?\d{1,3}\s*\(continued\)$", re.IGNORECASE)
_PAGE_NUMBER = re.compile(r"^(?:[-—]\s*)?[IVXivx\d]{1,4}(?:\s*[-—])?$")


def _continued(lines: list[str], raw: list[str], end: int, where: str, doc: Doc) -> int | None:
    """A table split across pages: at `end`, the caption of its continuation ("续表", "表2(续)").
    The page's furniture before it (a page number, the running designation), the caption and
    the header the next page repeats are blanked, so that both parts read as one table; the
    index where the continuation's rows start is returned (None: no continuation here)."""
    if end >= len(lines) or (found := _CONTINUED.match(lines[end])) is None:
        return None
    number = found.group(1) or found.group(2)
    if number is not None and "表" + number != where:
        return None
    k = end - 1
    while k >= 0 and (not lines[k] or _furniture(lines[k])):
        lines[k] = raw[k] = ""
        k -= 1
    doc.unit(True)  # the continuation's caption
    doc.continued.add(where)
    lines[end] = raw[end] = ""
    k = end + 1
    while k < len(lines) and (not lines[k] or _furniture(lines[k]) or
                              _CONTINUED_EN.match(lines[k]) or _header_only(raw[k])):  # fmt: skip
        lines[k] = raw[k] = ""
        k += 1
    return k


def _furniture(line: str) -> bool:
    """A page number, or the running designation ("GB/T 48997—2025") at a page's top."""
    from .gbt_text import _DESIGNATION

    return bool(_PAGE_NUMBER.match(line) or _DESIGNATION.fullmatch(line.strip()))


def _header_only(raw_line: str) -> bool:
    """A line of header words only (role words, property headers, bound words): a header the
    continued table repeats."""
    from .gbt_tokens import tokens

    found = tokens([raw_line])
    return bool(found) and all(t.kind in ("role", "prop", "bound") for t in found)


def _table_end(lines: list[str], i: int) -> int:
    while i < len(lines):
        line = lines[i]
        if line and (
            is_heading(line)
            or _CAPTION.match(line)
            or _CONTINUED.match(line)
            or _NOTE.match(line)
            or _ANNEX.match(line)
            or (_CJK.search(line) and "。" in line)
        ):
            return i
        i += 1
    return i


def _cells(raw_line: str) -> list[str]:
    return [c.strip() for c in _CELL_SPLIT.split(raw_line.strip()) if c.strip()]


def _kind(text: str) -> str:
    if _CODE.match(text):
        return "code"
    if _DASH.match(text) or _is_value(text):
        return "value"
    if _CJK.search(text):
        return "zh"
    return "en"


def _is_value(text: str) -> bool:
    """A limit as a cell prints it: a number with its sign, a range, a footnote mark, or the
    remainder word; not a name that starts with digits ("6063型材", "1xxx sheet")."""
    if is_remainder(text):
        return True
    number, _ = footnote(text)
    if not _VALUE.match(number):
        return False
    try:
        parse_bound(number)
    except (StdcompareError, ArithmeticError):
        return False
    return True


def bilingual(texts: list[str]) -> list[Cell]:
    """Chinese cells each followed by their English rendering become one cell each."""
    cells: list[Cell] = []
    for text in texts:
        kind = _kind(text)
        if kind == "en" and cells and cells[-1].zh and not cells[-1].en:
            cells[-1].en = text
        elif kind == "zh" and _CJK.search(text) and re.search(r"[A-Za-z]{3}", text):
            zh, en = _split_scripts(text)
            cells.append(Cell(zh, en))
        elif kind == "zh":
            cells.append(Cell(zh=text))
        else:
            cells.append(Cell(en=text))
    return cells


# The English part of a cell, reversed: two or more English characters, a letter, a space.
_ENGLISH_TAIL_REVERSED = re.compile(r"[A-Za-z ,.'()-]{2,}[A-Za-z]\s")


def _split_scripts(text: str) -> tuple[str, str]:
    """ "重型料 Heavy scrap": the Chinese part and the English part of one cell.

    The English part runs to the end of the cell, so it is matched at the start of the reversed
    text: one attempt, linear. Searching the text for a part that must end at its end retried
    from every space, and a long cell of English words ending in something else took seconds."""
    found = _ENGLISH_TAIL_REVERSED.match(text[::-1])
    if found is None:
        return text, ""
    start = len(text) - found.end()
    return text[:start].strip(), text[start:].strip()


def _line_mode(cells_by_line: list[list[str]], doc: Doc):
    header = bilingual(cells_by_line[0])
    rest = cells_by_line[1:]
    if rest and not any(_kind(c) in ("code", "value") for c in rest[0]):
        second = rest[0]
        if len(second) == len(header) and all(_kind(c) == "en" for c in second):
            for cell, text in zip(header, second, strict=True):
                cell.en = cell.en or text  # the English header line under the Chinese one
            rest = rest[1:]
    columns = _columns(header, doc, named=True)
    if columns is None:
        return None, [], []
    named = any(c.assigned for c in columns)
    rows, loose = [], []
    for cells in rest:
        row = _named_row(bilingual(cells)) if named else _row(bilingual(cells))
        if row is None:
            loose += bilingual(cells)
        else:
            rows.append(row)
    return columns, rows, loose


def _row(cells: list[Cell]) -> Row | None:
    at = next((i for i, c in enumerate(cells) if _CODE.match(c.en or c.zh)), None)
    if at is None:
        return None
    return Row(cells[:at], cells[at].text, cells[at + 1 :])


def _named_row(cells: list[Cell]) -> Row | None:
    """A row of a table without codes: the text cell just before its first number names it."""
    at = next((i for i, c in enumerate(cells) if _kind(c.en or c.zh) == "value"), None)
    if not at or _kind(cells[at - 1].en or cells[at - 1].zh) not in ("zh", "en"):
        return None
    label = cells[at - 1]
    return Row(cells[: at - 1], label.text, cells[at:], label=label)


def _cell_mode(texts: list[str], doc: Doc):
    cells = bilingual(texts)
    n = 0
    while n < len(cells) and _header_role(cells[n]) != "text":
        n += 1
    columns = _columns(cells[:n], doc)
    if columns is None:
        return None, [], []
    rows: list[Row] = []
    before: list[Cell] = []
    for cell in cells[n:]:
        kind = _kind(cell.en or cell.zh)
        if kind == "code":
            rows.append(Row(before, cell.text, []))
            before = []
        elif kind == "value" and rows and not before:
            rows[-1].after.append(cell)
        else:
            before.append(cell)
    return columns, rows, before


def _header_role(cell: Cell) -> str:
    """code, a value column (a property with a unit or a bound word), or a text role."""
    if _kind(cell.en or cell.zh) in ("code", "value"):
        return "text"  # a data cell: the header has ended
    text = cell.label.lower()
    if any(w in text for w in _ROLES["code"]):
        return "code"
    if _is_property_header(cell):
        return "value"
    return next((role for role, words in _ROLES.items() if any(w in text for w in words)), "text")


def _is_property_header(cell: Cell) -> bool:
    """ "夹杂物/% 不大于": a unit after a slash, a percent sign or a bound word."""
    texts = [t for t in (cell.zh, cell.en) if t]
    return any("/" in t or "%" in t or _direction(t) is not None for t in texts)


def _columns(header: list[Cell], doc: Doc, named: bool = False) -> list[Column] | None:
    """The header's columns; None without a code column, unless `named` and a name column (or
    a lone category column) can label the rows of a table that prints no codes."""
    columns = []
    for cell in header:
        column = Column(_header_role(cell), cell)
        if column.role == "value":
            column.prop = _header_prop(cell, doc)
            column.direction = _direction(cell.label)
            column.unit = _header_unit(cell.label, doc.vocab)
            if column.prop is None:
                column.role = "text"
        doc.unit(column.role not in ("text",))
        columns.append(column)
    if not any(c.role == "code" for c in columns):
        label = _label_column(columns) if named else None
        if label is None:
            return None
        label.role, label.assigned = "code", True
    return columns


def _label_column(columns: list[Column]) -> Column | None:
    """The column that names the rows of a table without codes: the last name column before
    the values, else a category column that is the only text column there (GB/T 38472)."""
    values = [k for k, c in enumerate(columns) if c.role == "value"]
    if not values:
        return None
    before = columns[: values[0]]
    names = [c for c in before if c.role == "name"]
    if names:
        return names[-1]
    categories = [c for c in before if c.role == "category"]
    return categories[0] if len(before) == 1 and categories else None


# "w(Cu)/%": the mass fraction of an element as Chinese standards write it; read as "Cu/%".
_MASS_FRACTION = re.compile(r"(?<![A-Za-z])w\s*[(（]\s*([A-Z][a-z]?)\s*[)）]")
# A header naming an element by its symbol ("Fe/%", "Si(质量分数)/%"): no script of its own.
SYMBOL_HEADER = re.compile(r"^[A-Z][a-z]?\s*(?:[(（][^)）]*[)）])?\s*(?:[/,，(（]|%)")


def _header_prop(cell: Cell, doc: Doc) -> str | None:
    unit = _header_unit(cell.label, doc.vocab)
    quantity = doc.vocab.units[unit].quantity if unit else None
    bound = {"hi": 1} if _is_upper(_direction(cell.label)) else {"lo": 1}
    zh, en = (_MASS_FRACTION.sub(r"\1", t) for t in (cell.zh, cell.en))
    prop = _zh_prop(zh, quantity, doc.vocab, bound) if zh else None
    if prop is None and SYMBOL_HEADER.match(en):
        prop = _zh_prop(en, quantity, doc.vocab, bound)  # an element's symbol reads alike
    if prop is None and cell.en:
        words = re.findall(r"[a-z][a-z'\-]*", cell.en.lower())
        direction = "max" if "hi" in bound else "min"
        prop = pick_prop(lexicon(doc.vocab), quantity or "mass_fraction", direction, words)
    return prop if prop and doc.vocab.property(prop) else None


def _is_upper(word: str | None) -> bool:
    if word is None:
        return False
    try:
        return parse_bound(f"{word} 1").interval.hi is not None
    except (StdcompareError, ArithmeticError):
        return False


def _direction(header: str) -> str | None:
    """The bound word a column header carries ("不大于", "≥", "max."), or None."""
    for i in range(len(header)):
        if i and header[i - 1].isascii() and header[i - 1].isalpha():
            continue
        for j in range(i + 1, min(len(header), i + 14) + 1):
            tail_ok = j == len(header) or not (header[j].isascii() and header[j].isalpha())
            if tail_ok and _one_sided(header[i:j], "1") is not None:
                return header[i:j].strip()
    return None


def _header_unit(header: str, vocab: Vocabulary) -> str | None:
    for token in re.findall(r"[/(]\s*([%A-Za-zµμ³]+(?:/[A-Za-z³0-9]+)?|毫米|厘米|千克|公斤|吨|米)",
                            header):  # fmt: skip
        key = vocab.unit_key(token)
        if key is not None:
            return key
    return "%" if "质量分数" in header or re.search(r"[\s,，]%", header) else None
