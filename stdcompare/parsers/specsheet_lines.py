"""What a spec sheet's lines are (parsers/specsheet.py): page furniture, the title, the date of
the edition, a grade's heading, a table laid out in columns, and a sentence made ready for the
shared prose reader (prose.py) without changing what it says."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

# --- furniture, title, edition ------------------------------------------------------------------

_FURNITURE = re.compile(
    r"^(?:page\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4}\s*(?:/|of)\s*\d{1,4}|-?\s*\d{1,4}\s*-?|"
    r"(?:https?://|www\.)\S{1,200}|confidential|(?:\(?continued\)?))$",
    re.IGNORECASE,
)
_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"  # fmt: skip
_DATES = (
    ("ymd", re.compile(r"(?<!\d)((?:19|20)\d\d)[-./](\d{1,2})[-./](\d{1,2})(?!\d)")),
    ("dmy", re.compile(rf"(?<!\d)(\d{{1,2}})\s+{_MONTH}\s+((?:19|20)\d\d)(?!\d)", re.I)),
    ("mdy", re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+((?:19|20)\d\d)(?!\d)", re.I)),
    ("my", re.compile(rf"\b{_MONTH}\s+((?:19|20)\d\d)(?!\d)", re.I)),
    ("dmy", re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)(?!\d)")),
)
# A year that dates the document: after a designation's colon ("IS 2549 : 2019"), or beside the
# words of an edition ("Revision 3, 2021", "edition 2007").
_YEAR = re.compile(
    r"(?:\b[A-Z]{1,6}\s?\d{1,6}(?:-\d{1,3})?\s?:\s?|\b(?:edition|revision|rev\.|version|issued|"
    r"effective|dated|published|amended)\b[^.\n]{0,30}?)((?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
_DATED_LINE = 40
# Lines above a title that name no document: the kind of publication, a revision, an annex.
_NOT_TITLE = re.compile(
    r"^(?:(?:indian|british|european|international|national|american|german|chinese)\s+)?"
    r"standard$|^\(.*\)$|^annex\s+[a-z0-9]{1,4}$|^(?:first|second|third)\s+revision$",
    re.IGNORECASE,
)  # the date of an edition is printed on the first lines of a sheet


def is_furniture(line: str) -> bool:
    return bool(_FURNITURE.match(line.strip()))


def edition_date(lines: list[str]) -> tuple[str | None, date | None, int | None]:
    """(year, full date when printed, line number) of the first date on the first lines."""
    for n, line in enumerate(lines[:_DATED_LINE], 1):
        for kind, pattern in _DATES:
            found = pattern.search(line)
            if found is None:
                continue
            when = _date(kind, found.groups())
            if when is not None:
                return str(when.year), when, n
            if kind == "my":
                return found.group(2), None, n
        year = _YEAR.search(line)
        if year is not None:
            return year.group(1), None, n
    return None, None, None


def _date(kind: str, parts: tuple) -> date | None:
    try:
        if kind == "ymd":
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        if kind == "dmy" and parts[1].isdigit():
            return date(int(parts[2]), int(parts[1]), int(parts[0]))
        if kind == "dmy":
            return date(int(parts[2]), _month(parts[1]), int(parts[0]))
        if kind == "mdy":
            return date(int(parts[2]), _month(parts[0]), int(parts[1]))
    except ValueError:
        return None
    return None


def _month(word: str) -> int:
    word = word.lower().rstrip(".")
    return next(k for k, name in enumerate(_MONTHS, 1) if name.startswith(word[:3]))


def title_line(lines: list[str]) -> int | None:
    """The index of the document's own title: the first line of words that is not furniture,
    not a date alone, not a sentence of requirements."""
    for k, line in enumerate(lines[:_DATED_LINE]):
        text = line.strip()
        if not text or is_furniture(text) or len(text) > 120 or text.endswith((".", ";", ":")):
            continue
        if len(re.findall(r"[^\W\d_]{2,}", text)) >= 2 and not _NOT_TITLE.match(text):
            return k
    return None


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:60].strip("-")


# --- grade headings -----------------------------------------------------------------------------

_KEYWORD = r"(?:grade|type|class|category|quality|sort|product)"
# "Grade A: Clean 6063 extrusions", "4.2 Grade 1 – Heavy melting", "Type II"
_HEAD = re.compile(
    rf"^(?:\d{{1,2}}(?:\.\d{{1,2}}){{0,3}}\.?\s+)?(?P<kw>{_KEYWORD})(?:\s*[:#]\s*|\s+)"
    r"(?P<id>[A-Z0-9][\w./-]{0,11}(?: \d{1,3}[A-Z]?)?)"
    r"(?:\s*[:.–—-]\s*(?P<name>\S.{0,100}))?$",
    re.IGNORECASE,
)
# A row's code: "E3", "E5H", "EHRB", "HMS-1", "RCu-1A"; not a word in capitals that opens a note.
_CODE = re.compile(r"^(?:[A-Z][A-Za-z]{0,4}-?\d{1,3}[A-Za-z]?|[A-Z]{2,6}\d{0,3}[A-Z]?)$")
_NOT_CODES = frozenset({"NOTE", "NOTES", "TOTAL", "TABLE", "GRADE", "CODE", "TYPE", "ITEM"})


@dataclass
class Head:
    code: str
    name: str


# "E3 Old thick steel scrap": a code and a name, alone on a line, no sentence.
_CODE_HEAD = re.compile(r"^(?P<id>[A-Z]{1,4}-?\d{1,3}[A-Z]?)\s+(?P<name>[A-Z][^.;:!?]{2,60})$")


def grade_head(line: str) -> Head | None:
    """A line that opens a grade: a grade word and its identifier, with a name after it, or a
    code and a name alone on a line."""
    found = _HEAD.match(line.strip())
    if found is None:
        coded = _CODE_HEAD.match(line.strip())
        return Head(coded.group("id"), coded.group("name").strip()) if coded else None
    ident = found.group("id").rstrip(".:")
    if not any(c.isdigit() or c.isupper() for c in ident):
        return None  # "Type of material": a word, not an identifier
    code = ident
    if len(ident) <= 2 or ident.isdigit() or re.fullmatch(r"[IVX]{1,5}", ident):
        code = f"{found.group('kw').capitalize()} {ident}"  # "A" alone says little: "Grade A"
    return Head(code, (found.group("name") or "").strip())


# --- tables laid out in columns (pdftotext -layout) ---------------------------------------------

_CHUNK = re.compile(r"\S+(?: \S+)*")
_TABLE_KEYS = ("grade", "code", "type", "class", "category", "sort", "designation", "item")


@dataclass
class TableRow:
    code: str
    line: int  # 1-based
    cells: list[tuple[str, str]] = field(default_factory=list)  # (header, text)


def starts(line: str) -> list[tuple[int, str]]:
    """The chunks of a line laid out in columns (two or more spaces apart), with positions."""
    return [(m.start(), m.group()) for m in _CHUNK.finditer(line)]


def table_header(line: str) -> list[tuple[int, str]] | None:
    """A table's header line: three or more columns, the first naming grades or codes."""
    chunks = starts(line)
    if len(chunks) < 3 or chunks[0][0] > 2:
        return None
    if chunks[0][1].lower().rstrip(".:") not in _TABLE_KEYS:
        return None
    return chunks


def row_code(line: str) -> str | None:
    chunks = starts(line)
    if not chunks or chunks[0][0] > 2 or len(chunks) < 2:
        return None
    code = chunks[0][1]
    return code if _CODE.match(code) and code not in _NOT_CODES else None


def read_table(
    lines: list[str], k: int, header: list[tuple[int, str]]
) -> tuple[list[TableRow], int]:
    """Rows from lines[k] on (k just after the header): a row opens with a code at the left
    edge, and its indented lines follow; a column's pieces are joined over the row's lines.
    Returns the rows and the index after the table."""
    blocks: list[tuple[int, list[str]]] = []
    while k < len(lines):
        line = lines[k]
        if row_code(line) is not None:
            blocks.append((k, [line]))
        elif line.strip() and line[:1] == " " and blocks and not is_furniture(line):
            blocks[-1][1].append(line)
        elif line.strip() and not is_furniture(line) and (blocks or line[:1] != " "):
            break  # text at the left edge that is no code: the table has ended
        k += 1
    common = _common_cuts(blocks)
    rows = [_row(start, block, common, header) for start, block in blocks]
    return rows, k


def _common_cuts(blocks: list[tuple[int, list[str]]]) -> list[int]:
    """Column starts seen in two or more rows: a boundary printed with one space in a row is
    found from the others."""
    seen: dict[int, int] = {}
    for _, block in blocks:
        for pos in {p for line in block for p, _ in starts(line)}:
            seen[pos] = seen.get(pos, 0) + 1
    return sorted(p for p, n in seen.items() if n >= 2)


def _row(start: int, block: list[str], common: list[int], header) -> TableRow:
    own = {p for line in block for p, _ in starts(line)}
    columns: dict[int, list[str]] = {}
    for line in block:
        for pos, text in _cut(line, common, own):
            columns.setdefault(pos, []).append(text)
    merged = _merge_near(columns)
    code = row_code(block[0]) or ""
    cells = []
    names = [h for _, h in header]
    keys = sorted(merged)
    for n, pos in enumerate(keys):
        text = _join(merged[pos])
        if n == 0 and text == code:
            continue
        name = names[n] if len(keys) == len(names) else _nearest(header, pos)
        cells.append((name, text))
    return TableRow(code, start + 1, cells)


def _cut(line: str, common: list[int], own: set[int]) -> list[tuple[int, str]]:
    """A line cut into its chunks (two or more spaces apart), and a chunk that starts at a
    column shared with other rows cut again where another shared column starts on a word (three
    characters of slack to the left): where two columns are printed one space apart. A chunk
    that starts at a column of this row alone is laid out its own way and is not cut."""
    out = []
    for pos, text in starts(line):
        if pos not in common:
            out.append((pos, text))
            continue
        bounds = [pos]
        for cut in common:
            if pos < cut < pos + len(text):
                at = next((p for p in range(cut, cut - 4, -1) if p > pos and line[p] != " "
                           and line[p - 1] == " "), None)  # fmt: skip
                if at is not None:
                    bounds.append(at)
        bounds = sorted(set(bounds))
        for a, b in zip(bounds, [*bounds[1:], pos + len(text)], strict=True):
            if line[a:b].strip():
                out.append((a, line[a:b].strip()))
    return out


def _merge_near(columns: dict[int, list[str]]) -> dict[int, list[str]]:
    """Pieces that start within three characters of each other are one column."""
    merged: dict[int, list[str]] = {}
    last = None
    for pos in sorted(columns):
        if last is not None and pos - last <= 3:
            merged[last] += columns[pos]
        else:
            merged[pos] = list(columns[pos])
            last = pos
    return merged


def _nearest(header: list[tuple[int, str]], pos: int) -> str:
    return min(header, key=lambda h: abs(h[0] - pos))[1]


def _join(pieces: list[str]) -> str:
    out = ""
    for piece in pieces:
        if out.endswith("-") and piece[:1].islower():
            out = out[:-1] + piece  # "mate-" "rial"
        else:
            out = f"{out} {piece}" if out else piece
    return out


# --- a sentence made ready for the prose reader --------------------------------------------------

# "1 500 ppm", "1,500 ppm": digit groups a space or a comma apart are one number. A run of
# digits and separators is taken whole and judged in Python: a pattern that demanded groups of
# three and then no digit after them backtracked over every group, at every start.
_DIGIT_RUN = re.compile(r"\d+(?:[ ,]\d+)*")
_NOT_EXCEED = re.compile(r"\bnot\s+exceed\b", re.I)  # "shall not exceed": the bound words say "to"
# A sieve's opening is the test that defines fines, not a size of the material.
_SIEVE = re.compile(
    r"\s*(?:passing|through|retained on|over)?\s*(?:an?|the)?\s*(?:sieve|screen|mesh)"
    r"(?:\s+(?:with|of)(?:\s+an?)?(?:\s+(?:opening|aperture|mesh)(?:\s+size)?(?:\s+of)?)?)?\s+"
    r"\d+(?:\.\d+)?\s*(?:mm|cm|µm|μm|um|in(?:ch(?:es)?)?\b|\")",
    re.IGNORECASE,
)
_SUM = re.compile(r"\b[A-Z][a-z]?(?:\s*\+\s*[A-Z][a-z]?)+\b")
# "≤ 100 ppm for cullet size > 1 mm": a limit that holds under a condition.
_CONDITION = re.compile(
    r"\bfor\s+[a-z][a-z -]{0,30}?\s*(?:[<>≤≥]=?|not more than|not less than|above|below|over|"
    r"under|up to)\s*\d",
    re.IGNORECASE,
)
# A row of a requirements table as national standards print it: "ii) Lead, percent, Max  3.5".
_CHARACTERISTIC = re.compile(
    r"^(?:\(?[ivx]{1,5}\)|\d{1,2}[.)]?)?\s*(?P<name>[A-Za-z][A-Za-z ()-]{1,40}?),\s*"
    r"(?P<unit>percent|per cent|ppm|mm|kg|%)\s*,\s*(?P<bound>min|max)\.?\s+"
    r"(?P<value>\d+(?:\.\d+)?)$",
    re.IGNORECASE,
)
_THREE_DIMS = re.compile(r"\d\s*[x×]\s*\d+(?:\.\d+)?\s*(?:[a-z]{1,2}\s*)?[x×]\s*\d")


@dataclass
class Ready:
    text: str  # for the prose reader
    qualifier: str | None = None  # a sieve's opening that defines the share
    unread: list[str] = field(default_factory=list)  # what the sentence holds that is not read


def characteristic_row(line: str) -> bool:
    """ "ii) Lead, percent, Max   3.5": a row of a requirements table, a unit of its own."""
    return _CHARACTERISTIC.match(" ".join(line.split())) is not None


def ready(sentence: str, symbols: dict[str, str]) -> Ready:
    text = " ".join(sentence.split())  # no pattern below meets a run of spaces
    text = _DIGIT_RUN.sub(lambda found: _grouped(found, text), text)
    text = _NOT_EXCEED.sub("not to exceed", text)
    row = _CHARACTERISTIC.match(text)
    if row is not None:  # in the word order the prose reader reads
        text = f"{row['name']} {row['bound'].lower()}. {row['value']} {row['unit']}"
    out = Ready(text)
    # Each pattern is tried only where a word it cannot match without is in the text: most
    # sentences have none of them, and a search is dear (it is tried from every position).
    low = text.lower()
    sieve = _SIEVE.search(text) if any(w in low for w in ("sieve", "screen", "mesh")) else None
    if sieve is not None:
        out.qualifier = sieve.group(0).strip()
        out.text = text[: sieve.start()] + text[sieve.end() :]
    if "+" in out.text and (total := _SUM.search(out.text)) is not None:
        out.unread.append(f"a limit on a sum of elements ({total.group(0)})")
        out.text = out.text[: total.start()] + "sum" + out.text[total.end() :]
    if "for" in out.text.lower() and _CONDITION.search(out.text):
        out.unread.append("limits that hold under a condition (for …)")
    if ("x" in out.text or "×" in out.text) and _THREE_DIMS.search(out.text):
        out.unread.append("a size in three dimensions")
    out.text = _names(out.text, symbols)
    return out


_LABEL_WORD = re.compile(
    r"\b(?:grade|type|class|category|quality|sort|product|no\.?|table|clause|annex|figure|item)\s$",
    re.I,
)


def _grouped(found: re.Match, text: str) -> str:
    """A run of digits whose groups are the groups of one number, joined; else as printed.
    Only one kind of separator per number; a comma before a decimal point or after one is
    not a thousands separator ("0,5" stays for the decimal-comma reading)."""
    run = found.group(0)
    if run.isdigit():
        return run  # one group: nothing to join (most numbers)
    before = text[found.start() - 1 : found.start()]
    after = text[found.end() : found.end() + 2]
    parts = re.split(r"([ ,])", run)
    numbers, seps = parts[0::2], set(parts[1::2])
    if len(numbers) < 2 or len(seps) != 1 or before in (".", ",") or after[:1] == "/":
        return run
    if _LABEL_WORD.search(text, max(found.start() - 12, 0), found.start()):
        return run  # "Grade 2 100 mm": an identifier, then a number
    if not (1 <= len(numbers[0]) <= 3 and all(len(n) == 3 for n in numbers[1:])):
        return _split_last(run, numbers, seps)
    if seps == {","} and numbers[0] == "0":
        return run
    return "".join(numbers)


def _split_last(run: str, numbers: list[str], seps: set[str]) -> str:
    """ "1 2 100": only the groups that make a number are joined ("1 2100")."""
    k = len(numbers)
    while k > 1 and len(numbers[k - 1]) == 3:
        k -= 1
    head = k - 1
    if seps != {" "} or head >= len(numbers) - 1 or not 1 <= len(numbers[head]) <= 3:
        return run
    return " ".join(numbers[:head]) + (" " if head else "") + "".join(numbers[head:])


def _names(text: str, symbols: dict[str, str]) -> str:
    """ "Sn ≤ 0.010 %": an element symbol before a bound is the element's name."""

    def name(found: re.Match) -> str:
        if _LABEL_WORD.search(text, max(found.start() - 12, 0), found.start()):
            return found.group(0)  # "Class C: …" names a grade, not carbon
        return symbols.get(found.group(1), found.group(1)) + found.group(2)

    return _SYMBOL_BEFORE.sub(name, text)


_SYMBOL_BEFORE = re.compile(r"\b([A-Z][a-z]?)\b(\s*(?:[≤≥<>:]|max|min|content))")
