"""GB/T tables flattened into a stream of tokens, as a PDF-to-text tool gives them (issue 19).

`pdftotext` prints a table cell by cell in an order of its own: without `-layout` the text
columns first, then the header, then the codes each with its numbers; with `-layout` the rows,
but a header spread over four lines ("夹杂物含量/%", "不大于", "Inclusions/%", "max.") and a cell
merged over a category's rows printed beside whichever row is at its middle. Column order is
lost; what is left is the order of the tokens. So the table is rebuilt from what the tokens are:

- the value columns are the property headers ("TFe含量/%") in their order; the n-th Chinese bound
  word (不大于 / 不小于) goes to the n-th Chinese header, the n-th English one ("max.") to the n-th
  English header; a script whose count of bound words differs gives no direction (said);
- a row is a code and the numbers after it up to the next code; a whole number that repeats a
  code's digits ("101" beside "HRS101") is that code's mark, not a limit;
- codes that share their stem (HRS101, HRS102; RCu-1A, RCu-1B) are one category; a category in
  which one row has k numbers more than the others printed its last k columns once (a merged cell,
  read as the category's requirement, said in a warning);
- text cells of one script are the categories' names when they are as many as the categories,
  the rows' names when they are as many as the rows; else they are kept as notes;
- a table that prints no codes is read by the names printed before each row's numbers
  (gbt_labels.py), or, laid out by -layout, by where each cell is printed (gbt_layout.py);
- the rows, with their category cells and merged values, are read through the toolkit's table
  model (gbt_grid.py).

Whatever cannot be placed is kept as a verbatim note, and a warning says how many rows were
rebuilt: nothing is dropped silently.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from .gbt_grid import TableReader, grid
from .gbt_labels import named_rows, register, rows_named
from .gbt_layout import bounds_under, by_place, join_wrapped, laid_out, rows_by_place
from .gbt_tables import (
    _CODE,
    _MASS_FRACTION,
    SYMBOL_HEADER,
    Cell,
    Column,
    Row,
    _direction,
    _header_prop,
    _header_unit,
)
from .gbt_text import _CAPTION, _NOTE, Doc, is_heading
from .gbt_tokens import (
    _ROLE_WORDS,
    Stream,
    Token,
    _role_key,
    _upper,
    tokens,
)

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

# --- rows ----------------------------------------------------------------------------------------


def rows_of(stream: Stream) -> None:
    """Each code with the numbers after it; a code's own digits beside it are its mark."""
    toks = stream.tokens
    next_code: list[str | None] = [None] * (len(toks) + 1)
    for k in range(len(toks) - 1, -1, -1):
        next_code[k] = toks[k].text if toks[k].kind == "code" else next_code[k + 1]
    # With a mark column, its numbers may be printed all together, away from their codes.
    marked = any(t.kind == "role" and _ROLE_WORDS[_role_key(t.text)] == "mark" for t in toks)
    digits = {d.group(1) for t in toks if t.kind == "code" and (d := re.search(r"(\d+)$", t.text))}
    current: str | None = None
    for k, tok in enumerate(toks):
        if tok.kind == "code":
            if tok.text in stream.values:
                stream.loose.append(tok)  # printed twice: kept as a note
                current = None
                continue
            current = tok.text
            stream.codes.append(current)
            stream.values[current] = []
        elif tok.kind == "value":
            beside = _is_mark(tok.text, current) or _is_mark(tok.text, next_code[k + 1])
            if beside or (marked and tok.text in digits):
                stream.marks += 1
                tok.kind = "mark"
            elif current is None:
                stream.loose.append(tok)
            else:
                stream.values[current].append(tok)


def _is_mark(text: str, code: str | None) -> bool:
    digits = re.search(r"(\d+)$", code or "")
    return digits is not None and text == digits.group(1)


def stem(code: str, abbreviations: list[str]) -> str:
    """The category a code belongs to: the abbreviation it starts with, else the code less its
    last character (HRS101, HRS102 → HRS10; RCu-1A, RCu-1B → RCu-1)."""
    for abbreviation in abbreviations:
        if code.startswith(abbreviation) and code[len(abbreviation) :][:1].isdigit():
            return abbreviation
    return code[:-1]


# --- the table -----------------------------------------------------------------------------------


class StreamTable:
    """A flattened table, rebuilt for the table reader (gbt_tables.TableReader)."""

    def __init__(self, raw_lines: list[str], where: str, doc: Doc) -> None:
        self.where = where
        self.doc = doc
        self.stream = Stream(tokens(raw_lines))
        self.columns: list[Column] = []
        self.placed: set[int] = set()  # ids of tokens that became structure
        self.has_category = False  # categories are read: named, or printing a merged value
        self.abbreviations: dict[str, str] = {}  # abbreviations the codes start with
        self.by_place = False  # rows read by where their cells are printed (gbt_layout.py)

    def read(self) -> str | None:
        """Rebuild and read the table; None when done, else why it could not be."""
        stream = self.stream
        rows_of(stream)
        named = self._named() if not stream.codes else None
        if not stream.codes:
            return "no codes in the stream"
        columns = self._value_columns()
        if not columns:
            return "no value column header (a property with its unit) in the stream"
        if named is not None:
            rows, skipped = rows_named(self, named, len(columns))
            before = [Column("category", Cell(en="category"))] if self.has_category else []
            label = Column("code", Cell(en="name"), assigned=True)
        else:
            rows, skipped, before = self._coded(columns)
            label = Column("code", Cell(en="code"))
        self.columns = [*before, label, *columns]
        self._count_headers()
        synthetic = sum(1 for r in rows if r.before and r.before[0] is _NO_NAME)
        TableReader(grid(self.columns, rows), self.where, self.doc).read()
        self.doc.total -= synthetic  # a category cell made up to carry a merged value
        self.doc.structured -= synthetic
        self._keep_loose()
        built = len(stream.codes) - skipped
        self.doc.warnings.append(
            f"{self.where}: the table was flattened into a stream of cells (text copied out "
            f"of a PDF); rebuilt {built} of {len(stream.codes)} rows from the order of its "
            + ("codes and numbers" if named is None else "row names and numbers")
            + (" and where each is printed" if self.by_place else "")
        )
        return None

    def _named(self) -> list:
        """Rows named, not coded: read by place where the text is laid out, else by order."""
        stream = self.stream
        if laid_out(stream.tokens):
            stream.tokens = join_wrapped(stream.tokens)
            roles: dict[str, list[Token]] = {}
            for tok in stream.tokens:
                if tok.kind == "role" and _ROLE_WORDS[_role_key(tok.text)] in ("category", "name"):
                    roles.setdefault(_ROLE_WORDS[_role_key(tok.text)], []).append(tok)
            rows = rows_by_place(stream.tokens, roles)
            if rows is not None:
                self.by_place = True
                return register(stream, rows)
        return named_rows(stream)

    def _coded(self, columns: list[Column]) -> tuple[list[Row], int, list[Column]]:
        """Rows labelled by codes, and the text columns before the codes."""
        groups = self._groups()
        texts = self._texts(len(groups))
        rows, skipped = self._rows(groups, len(columns), texts)
        roles = {"category"} if self.has_category else set()
        roles |= set(texts)
        before = [Column(role, Cell(en=role)) for role in ("category", "abbreviation", "name")
                  if role in roles]  # fmt: skip
        return rows, skipped, before

    def _value_columns(self) -> list[Column]:
        toks = self.stream.tokens
        props = {zh: [t for t in toks if t.kind == "prop" and t.zh == zh] for zh in (True, False)}
        if laid_out(toks):
            props = {zh: by_place(found) for zh, found in props.items()}
        bounds = _bounds_by_script(toks, props)
        n = max(len(props[True]), len(props[False]))
        if not n:
            return []
        chinese_bounds = any(t.kind == "bound" and t.zh for t in toks)
        if (
            (props[True] or chinese_bounds)
            and props[False]
            and (len(props[True]) != len(props[False]))
        ):
            props = _symbols_with_chinese(toks, props)
            if laid_out(toks):
                props = {zh: by_place(found) for zh, found in props.items()}
        n = max(len(props[True]), len(props[False]))
        if props[True] and props[False] and len(props[True]) != len(props[False]):
            self.doc.warnings.append(
                f"{self.where}: {len(props[True])} Chinese and {len(props[False])} English "
                "column headers; only the Chinese ones are read"
            )
            props[False] = []
        for chinese in (True, False):
            if not bounds[chinese] or len(bounds[chinese]) == n:
                continue
            under = bounds_under(props[chinese], bounds[chinese]) if laid_out(toks) else None
            if under is not None and len(under) == n:
                bounds[chinese] = under
            else:
                bounds[chinese] = _bounds_beside(toks, props[chinese], bounds[chinese])
        columns = []
        for k in range(n):
            zh_text = self._header_text(props[True], bounds[True], k, n)
            en_text = self._header_text(props[False], bounds[False], k, n)
            columns.append(self._column(Cell(zh_text, en_text)))
        for chinese in (True, False):
            if bounds[chinese] and len(bounds[chinese]) != n:
                script = "Chinese" if chinese else "English"
                self.doc.warnings.append(
                    f"{self.where}: {len(bounds[chinese])} {script} bound words for {n} value "
                    "columns; which column each bounds is unknown, they are not applied"
                )
        return columns

    def _header_text(self, props: list[Token], bounds: list, k: int, n: int) -> str:
        if k >= len(props):
            return ""
        self.placed.add(id(props[k]))
        if len(bounds) != n or bounds[k] is None:
            return props[k].text
        self.placed.add(id(bounds[k]))
        return f"{props[k].text} {bounds[k].text}"

    def _column(self, header: Cell) -> Column:
        column = Column("value", header)
        column.prop = _header_prop(header, self.doc)
        column.unit = _header_unit(header.label, cast("Vocabulary", self.doc.vocab))
        column.direction = _direction(header.label)
        directions = {_upper(d) for d in (_direction(header.zh), _direction(header.en)) if d}
        if len(directions) > 1:
            self.doc.warnings.append(
                f"{self.where}: the Chinese and English headers of '{header.label}' bound it "
                "in opposite directions; the Chinese one is read"
            )
            column.direction = _direction(header.zh)
        return column

    def _groups(self) -> list[list[str]]:
        abbreviations = sorted(
            {
                t.text
                for t in self.stream.tokens
                if t.kind == "text" and re.fullmatch(r"[A-Z]{2,5}", t.text)
            },
            key=len,
            reverse=True,
        )
        groups: dict[str, list[str]] = {}
        for code in self.stream.codes:
            groups.setdefault(stem(code, abbreviations), []).append(code)
        self.abbreviations = {s: s for s in groups if s in abbreviations}
        return list(groups.values())

    def _texts(self, n_groups: int) -> dict[str, list[Token]]:
        """Text cells by role: as many as the categories → category names (zh and en), as many
        as the rows → row names; when a script holds both, the cells printed just before a
        code are the rows' names and the others the categories'. Abbreviations are found by
        the codes they start."""
        found: dict[str, list[Token]] = {}
        n_rows = len(self.stream.codes)
        toks = self.stream.tokens
        before_code = {id(t) for t, u in zip(toks, toks[1:], strict=False) if u.kind == "code"}
        for zh in (True, False):
            cells = [t for t in toks if t.kind == "text" and t.zh == zh
                     and t.text not in self.abbreviations]  # fmt: skip
            named = [t for t in cells if id(t) in before_code]
            others = [t for t in cells if id(t) not in before_code]
            if not cells:
                continue
            if len(cells) == n_rows:
                found.setdefault("name", []).extend(cells)
            elif len(cells) == n_groups:
                found.setdefault("category", []).extend(cells)
            elif len(named) == n_rows and len(others) == n_groups:
                found.setdefault("name", []).extend(named)
                found.setdefault("category", []).extend(others)
        if self.abbreviations:
            found["abbreviation"] = []
        return found

    def _rows(self, groups, n: int, texts) -> tuple[list[Row], int]:
        rows: list[Row] = []
        skipped = 0
        names = _pairs(texts.get("name", []))
        row_of = {code: n for n, code in enumerate(self.stream.codes)}
        categories = _pairs(texts.get("category", []))
        has_category = "category" in texts or any(self._merged(g, n) for g in groups)
        self.has_category = has_category
        for g, codes in enumerate(groups):
            merged = self._merged(codes, n)
            if merged is None:
                skipped += len(codes)
                self._unplaced(codes, n)
                continue
            for r, code in enumerate(codes):
                values = self.stream.values[code]
                own = list(values[: n - merged])
                if r == 0 and merged:
                    own += self._extra(codes, n - merged)  # the category's, wherever printed
                before = []
                if r == 0 and has_category:
                    before.append(categories[g] if g < len(categories) else _NO_NAME)
                    if "abbreviation" in texts:
                        before.append(Cell(en=self._abbreviation(code)))
                if "name" in texts:
                    before.append(names[row_of[code]])
                rows.append(Row(before, code, [Cell(en=v.text) for v in own]))
                self.placed.update(id(v) for v in values)
        if any(self._merged(g, n) for g in groups):
            self.doc.warnings.append(
                f"{self.where}: numbers printed once for a category (a merged cell) are read "
                "as its last columns"
            )
        self.placed.update(id(t) for cells in texts.values() for t in cells)
        return rows, skipped

    def _merged(self, codes: list[str], n: int) -> int | None:
        """How many trailing columns the category prints once (0: none), None when its rows'
        counts of numbers fit no reading."""
        counts = [len(self.stream.values[c]) for c in codes]
        if all(c == n for c in counts):
            return 0
        short = min(counts)
        full = [c for c in counts if c != short]
        if len(codes) > 1 and len(full) == 1 and full[0] == n and short > 0:
            return n - short
        return None

    def _extra(self, codes: list[str], keep: int) -> list:
        for code in codes:
            values = self.stream.values[code]
            if len(values) > keep:
                return values[keep:]
        return []

    def _abbreviation(self, code: str) -> str:
        return next((a for a in self.abbreviations if code.startswith(a)), "")

    def _unplaced(self, codes: list[str], n: int) -> None:
        counts = ", ".join(f"{c} {len(self.stream.values[c])}" for c in codes)
        self.doc.warnings.append(
            f"{self.where}: rows {codes[0]} … {codes[-1]} hold {counts} numbers for {n} value "
            "columns; not rebuilt, kept as notes"
        )
        for code in codes:
            self.doc.note(" ".join([code, *(v.text for v in self.stream.values[code])]), self.where)
            self.placed.update(id(v) for v in self.stream.values[code])

    def _count_headers(self) -> None:
        for tok in self.stream.tokens:
            if tok.kind == "role" or (tok.kind == "text" and tok.text in self.abbreviations):
                self.placed.add(id(tok))
                self.doc.unit(True)
            elif tok.kind in ("prop", "bound") and id(tok) in self.placed:
                self.doc.unit(True)
        self.doc.structured += self.stream.marks
        self.doc.total += self.stream.marks
        self.placed.update(id(t) for t in self.stream.tokens if t.kind == "mark")

    def _keep_loose(self) -> None:
        left = [t for t in self.stream.tokens
                if t.kind != "code" and id(t) not in self.placed]  # fmt: skip
        left += [t for t in self.stream.loose if t.kind == "code"]
        for tok in left:
            self.doc.note(tok.text, self.where)
        if left:
            self.doc.warnings.append(
                f"{self.where}: {len(left)} cells of the flattened table could not be placed; "
                "kept as notes"
            )


def _symbols_with_chinese(toks: list[Token], props: dict[bool, list[Token]]) -> dict:
    """Element-symbol headers read as English are the Chinese headers' fellow columns when
    every English header is one (a Chinese table with columns "Si/%", "Fe/%")."""
    if not all(SYMBOL_HEADER.match(_MASS_FRACTION.sub(r"\1", t.text)) for t in props[False]):
        return props
    order = {id(t): k for k, t in enumerate(toks)}
    both = sorted([*props[True], *props[False]], key=lambda t: order[id(t)])
    return {True: both, False: []}


def _bounds_beside(toks: list[Token], props: list[Token], bounds: list[Token]) -> list:
    """Bound words that are fewer than the headers, each printed right after its header (a
    header cell "Fe/% 不大于" one cell a line): the header's bound, by position; a header with
    none gets None. Unless every bound word sits so, they stay unplaced ([] : not applied)."""
    after = {id(toks[k - 1]): tok for k, tok in enumerate(toks) if k and tok.kind == "bound"}
    placed = [after.get(id(p)) for p in props]
    if sorted(id(b) for b in placed if b is not None) != sorted(id(b) for b in bounds):
        return bounds
    return placed


def _bounds_by_script(toks: list[Token], props: dict[bool, list[Token]]) -> dict[bool, list]:
    """Bound words by script; signs ("≥", "≤") belong to no script and go to the script whose
    headers have no bound words of their own."""
    words = [t for t in toks if t.kind == "bound"]
    signs = [t for t in words if not re.search(r"[A-Za-z]", t.text) and not t.zh]
    sign_ids = {id(t) for t in signs}
    bounds = {
        zh: [t for t in words if t.zh == zh and id(t) not in sign_ids] for zh in (True, False)
    }
    for zh in (True, False):
        if signs and props[zh] and not bounds[zh]:
            bounds[zh] = signs
            break
    return bounds


_NO_NAME = Cell()  # the category cell of a category whose name the stream does not give


def _pairs(cells: list[Token]) -> list[Cell]:
    """Chinese and English cells of one role, the n-th with the n-th."""
    zh = [t.text for t in cells if t.zh]
    en = [t.text for t in cells if not t.zh]
    n = max(len(zh), len(en))
    return [Cell(zh[k] if k < len(zh) else "", en[k] if k < len(en) else "") for k in range(n)]


# --- where the stream ends -----------------------------------------------------------------------


def tableish(line: str) -> bool:
    """A line that holds only table tokens: codes, numbers, header words, short names."""
    if is_heading(line) or _CAPTION.match(line) or _NOTE.match(line):
        return False
    if re.search(r"[。；;]", line) or len(line) > 80:
        return False
    return not re.match(r"^\d{1,2}(?:\.\d{1,2})+\s", line)


def gather_displaced(lines: list[str], raw: list[str], end: int) -> int:
    """Without -layout, pdftotext may print the heading that follows a table in the middle of
    the table's stream. When heading lines at `end` are followed by table lines holding a code,
    those lines are moved before the heading (in both lists) and the new end is returned."""
    j = end
    while j < len(lines) and (not lines[j] or is_heading(lines[j])):
        j += 1
    if j == end or not any(is_heading(line) for line in lines[end:j]):
        return end
    k = j
    while k < len(lines) and (not lines[k] or tableish(lines[k])):
        k += 1
    if not any(_CODE.match(w) for line in lines[j:k] for w in line.split()):
        return end
    for seq in (lines, raw):
        seq[end:k] = seq[j:k] + seq[end:j]
    return end + (k - j)
