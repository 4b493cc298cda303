"""Other bodies' spec sheets as plain text or PDF text: a trade body's grade table (EFR), an annex
of criteria (glass cullet), a national standard's page, a buyer's purchasing sheet (issue 19).

Nothing here knows one of them. The reader takes:
- the key from the document's own title (its first line of words), the edition from the first
  date or dated year on its first lines (else "undated", said in a warning), a designation
  ("IS 2549 : 2019", "Document PS-AL-07") when one is printed;
- a grade from a heading with a grade word and an identifier ("Grade A: Clean extrusions",
  "4.2 Type II") or from a row of a table laid out in columns whose first column names codes
  ("Grade  Description  Dimensions …" over "E3  Old thick steel scrap …");
- every sentence (or table cell) with its line, read by the shared prose reader (prose.py); the
  sentence is kept as a verbatim note under its grade and line whether or not it was read.

Before reading, a sentence is made ready without changing what it says: "1 500 ppm" is one number,
a sieve's opening ("passing a sieve with an opening size of 50 mm") is the test of a share, not a
size of the material; a limit on a sum of elements, limits that hold under a condition ("for
cullet size > 1 mm") and sizes in three dimensions are not read, and a warning says so. The result
is a draft for review (`parse --to toml`), with its coverage.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from .. import model as m
from ..errors import SourceError
from .base import Notes, ParseResult
from .prose import lexicon, merge, read_requirements, sentences
from .specsheet_lines import (
    Head,
    TableRow,
    characteristic_row,
    edition_date,
    grade_head,
    is_furniture,
    read_table,
    ready,
    row_code,
    slug,
    table_header,
    title_line,
)
from .textfile import SOURCE_ID, source
from .toolkit.decode import WESTERN, decode
from .toolkit.shell import origin

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

NAME = "sheet"
VERSION = "1"

_DESIGNATION = re.compile(
    r"\b(?:IS|EN|ISO|ASTM|BS|DIN|JIS|SAE|AS|CSA|UNI|NF|IEC)\s?[A-Z]?\s?\d{1,6}(?:[-.]\d{1,3})*"
    r"(?:\s?:\s?(?:19|20)\d\d)?|\b(?:Document|Specification|Spec\.?)\s+(?:No\.?\s*)?"
    r"(?=[A-Z0-9./-]{0,20}\d)[A-Z][A-Z0-9./-]{1,20}"
)
# A line that is a grade code and nothing else ("E3", "HRS101"): a flattened table's cell.
_LONE_CODE = re.compile(r"^[A-Z]{1,4}-?\d{1,3}[A-Z]?$")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.{0,80})$")
_ITEM = re.compile(r"^(?:[—–•·*-]|\(?[a-z]\)|\(?\d{1,2}\))\s+")
_LABEL = re.compile(r"^(?:[—–•·*-]\s*)?(?P<label>[A-Za-z][A-Za-z ,/()-]{1,60}?)\s*:\s*[≤≥<>\d]")
_SNIFF_QUANTITY = re.compile(
    r"\d\s?(?:%|ppm|mm|cm|kg|t/m|lbs?\b|inch)|(?:≤|≥|\bmax\.?|\bmin\.?|not (?:more|less) than|"
    r"not to exceed|shall not exceed)\s?\d",
    re.IGNORECASE,
)


@dataclass
class Open:
    """A grade being read."""

    code: str
    name: str
    line: int
    depth: int | None  # its clause depth when its heading is numbered ("4.2" → 2)
    reqs: list[m.Requirement] = field(default_factory=list)


@dataclass
class Sheet:
    lines: list[str]
    vocab: Vocabulary
    warnings: list[str]
    notes: Notes = field(default_factory=Notes)
    grades: dict[str, Open] = field(default_factory=dict)
    general: list[m.Requirement] = field(default_factory=list)
    total: int = 0
    structured: int = 0
    furniture: int = 0

    def __post_init__(self) -> None:
        self.lex = lexicon(self.vocab)
        self.symbols = {sym: spec.get("en", sym) for sym, spec in self.vocab.elements.items()}
        self.current: Open | None = None
        self.para: list[tuple[int, str]] = []
        self.lone: list[tuple[int, str]] = []  # (line, code) of lines that hold a code alone
        self.withheld = 0  # sentences after them, not read as the document's

    def said_flattened(self) -> None:
        if not self.lone:
            return
        codes = ", ".join(code for _, code in self.lone[:5]) + (" …" if len(self.lone) > 5 else "")
        self.warnings.append(
            f"line {self.lone[0][0]} on: {len(self.lone)} lines hold only a code ({codes}), as "
            "when the text extraction flattened a table: which row a sentence belongs to is "
            f"unknown, so the {self.withheld} sentences outside a grade heading after them are "
            "kept as notes, not read as the document's (extract the text with "
            "'pdftotext -layout' and parse that to read the rows)"
        )

    def unit(self, structured: bool) -> None:
        self.total += 1
        self.structured += int(structured)

    # --- the lines -------------------------------------------------------------------------

    def read(self, skip: set[int]) -> None:
        k = 0
        while k < len(self.lines):
            line = self.lines[k]
            text = line.strip()
            if k in skip:
                self.unit(True)  # the title and the dated line gave the identity
                self.notes.append(m.Note(text, f"line {k + 1}", verbatim=True))
            elif not text:
                self.flush()
            elif is_furniture(text):
                self.flush()
                self.furniture += 1
            elif (header := table_header(line)) is not None and self._rows_follow(k):
                self.flush()
                self.unit(True)
                rows, k = read_table(self.lines, k + 1, header)
                self.table(rows)
                continue
            elif _LONE_CODE.match(text):
                self.flush()
                self.lone.append((k + 1, text))
                self.current = None
                self.unit(False)
                self.notes.append(m.Note(text, f"line {k + 1}", verbatim=True))
            elif (head := grade_head(text)) is not None:
                self.flush()
                self.open(head, k + 1, text)
            elif self._heading(text, k + 1):
                pass
            elif characteristic_row(text):
                self.flush()
                self.para.append((k + 1, text))
                self.flush()
            else:
                if _ITEM.match(text):
                    self.flush()
                self.para.append((k + 1, text))
            k += 1
        self.flush()

    def _rows_follow(self, k: int) -> bool:
        following = [line for line in self.lines[k + 1 : k + 6] if line.strip()]
        return any(row_code(line) for line in following)

    def _heading(self, text: str, line: int) -> bool:
        """A numbered clause heading ("5 Sampling"): a place, and the end of a grade that is
        not deeper than it."""
        found = _NUMBERED.match(text)
        if found is None or re.search(r"[.;:,]$|\d\s*%", found.group(2)) or len(text) > 60:
            return False
        self.flush()
        depth = found.group(1).count(".") + 1
        current = self.current
        if current is not None and (current.depth is None or depth <= current.depth):
            self.current = None
        self.unit(True)
        self.notes.append(m.Note(text, f"line {line}", verbatim=True))
        return True

    def open(self, head: Head, line: int, text: str) -> None:
        numbered = _NUMBERED.match(text)
        depth = numbered.group(1).count(".") + 1 if numbered else None
        if head.code in self.grades:
            self.warnings.append(f"line {line}: grade {head.code} appears again; read as one")
            self.current = self.grades[head.code]
        else:
            self.current = self.grades[head.code] = Open(head.code, head.name, line, depth)
        self.unit(True)

    def table(self, rows: list[TableRow]) -> None:
        for row in rows:
            self.current = None
            self.open(Head(row.code, ""), row.line, row.code)
            for header, text in row.cells:
                self.sentence(text, row.line, f"{header}: ")
        self.current = None

    def flush(self) -> None:
        if not self.para:
            return
        pieces: list[str] = []
        offsets: list[int] = []  # where each line starts in the joined paragraph
        size = 0
        for _, text in self.para:
            if pieces and pieces[-1].endswith("-") and text[:1].islower():
                pieces[-1] = pieces[-1][:-1]  # "mate-" "rial"
                size -= 1
            elif pieces:
                pieces.append(" ")
                size += 1
            offsets.append(size)
            pieces.append(text)
            size += len(text)
        numbers = [line for line, _ in self.para]
        joined = "".join(pieces)
        self.para = []
        at = 0
        for part in sentences(joined):
            at = joined.find(part, at)
            line = numbers[max(bisect.bisect_right(offsets, at) - 1, 0)]
            self.sentence(part, line)
            at += len(part)

    # --- one sentence ----------------------------------------------------------------------

    def sentence(self, text: str, line: int, label: str = "") -> None:
        grade = self.current
        where = f"line {line}"
        self.notes.append(m.Note(label + text, f"{grade.code}, {where}" if grade else where, True))
        if self.lone and grade is None:
            self.withheld += 1  # a row's text of a flattened table, whose row is unknown
            self.unit(False)
            return
        made = ready(text, self.symbols)
        found = read_requirements(label + made.text, self.lex, where)
        for said in found.warnings:
            self.warnings.append(said)
        reqs = self._consistent(found.reqs, label + made.text, where)
        reqs, unread = self._checked(reqs, made, label + text, where)
        reqs = [replace(r, where=where, text=r.text or text, evidence=(SOURCE_ID,)) for r in reqs]
        if made.qualifier:
            reqs = [self._sieved(r, made.qualifier) for r in reqs]
        (grade.reqs if grade else self.general).extend(reqs)
        self.unit(bool(reqs) and found.complete and not unread)

    def _consistent(self, reqs: list[m.Requirement], text: str, where: str) -> list:
        """ "Moisture not to exceed 1 %; deliveries above 1 % are deducted": the clause after the
        semicolon says what happens past the limit, and read with it the limit became an empty
        range. Such a requirement is read again from the first clause alone."""
        out = []
        for req in reqs:
            if not _empty(req):
                out.append(req)
                continue
            first = read_requirements(text.split(";", 1)[0], self.lex, where).reqs
            again = next((r for r in first if r.prop == req.prop and not _empty(r)), None)
            if again is None:
                self.warnings.append(f"{where}: {req.prop} read as an empty range; not read")
                continue
            out.append(replace(again, consequence=req.consequence, negotiable=req.negotiable))
        return out

    def _checked(self, reqs, made, text: str, where: str) -> tuple[list[m.Requirement], bool]:
        """The prose reader's requirements less those this sentence's form makes wrong."""
        unread = list(made.unread)
        if any("condition" in u for u in unread):
            reqs = []  # the limits differ by condition: none of them holds for the whole lot
        if any("three dimensions" in u for u in unread):
            reqs = [r for r in reqs if not (r.dims or r.prop.startswith("dimension"))]
        label = _LABEL.match(text)
        if label is not None:
            kept = [r for r in reqs if self.lex.labels(label.group("label"), r.prop)]
            if len(kept) < len(reqs):
                unread.append(f"no property of the vocabulary is named '{label.group('label')}'")
            reqs = kept
        for what in unread:
            self.warnings.append(f"{where}: {what}; kept as text, not read")
        return reqs, bool(unread)

    @staticmethod
    def _sieved(req: m.Requirement, qualifier: str) -> m.Requirement:
        if req.unit == "%" and req.qualifier is None:
            return replace(req, qualifier=qualifier)
        return req


def _empty(req: m.Requirement) -> bool:
    lo, hi = req.lo, req.hi
    if lo is None or hi is None:
        return False
    return lo > hi or (lo == hi and not (req.lo_inclusive and req.hi_inclusive))


# --- the parser -------------------------------------------------------------------------------


def identity(lines: list[str], warnings: list[str], path: Path) -> dict:
    k = title_line(lines)
    title = lines[k].strip() if k is not None else ""
    year, when, dated = edition_date(lines)
    effective = dated is not None and bool(
        re.search(r"\b(?:effective|in force|valid from|applies from)\b", lines[dated - 1], re.I)
    )
    designation = next((f.group(0) for line in lines[:40] if (f := _DESIGNATION.search(line))), "")
    key = slug(title) or slug(designation)
    if not key:
        key = slug(path.stem) or "sheet"
        warnings.append(f"no title found: the key '{key}' is made from the file's name")
    if year is None:
        warnings.append("no date or year found on the first lines: the edition is 'undated'")
    # The title and the line that dates the edition are the identity, not text to read; a dated
    # line that also sets a limit ("from 1 May 2024 moisture max. 2 %") is read as text too.
    skip = {k} if k is not None else set()
    if dated is not None and not _SNIFF_QUANTITY.search(lines[dated - 1]):
        skip.add(dated - 1)
    return {"title": title, "key": key, "edition": year or "undated",
            "issued": None if effective else when, "effective": when if effective else None,
            "designation": designation.strip(), "skip": skip}  # fmt: skip


def _families(title: str, vocab: Vocabulary) -> tuple[str, ...]:
    """The family whose English name, or its first word, is the longest found in the title."""
    low = title.lower()
    best = ""
    found: tuple[str, ...] = ()
    for key, spec in vocab.families.items():
        for name in (spec.get("en", ""), key):
            hit = len(name) > 3 and re.search(rf"\b{re.escape(name.lower())}\b", low)
            if hit and len(name) > len(best):
                best, found = name, (key,)
    return found


def build(sheet: Sheet, meta: dict, path: Path, data: bytes, vocab: Vocabulary) -> m.Standard:
    edition = meta["edition"]
    families = _families(meta["title"], vocab)
    grades = tuple(
        m.Grade(
            code=g.code,
            names={"en": m.Name(g.name, "en")} if g.name else {},
            families=families,
            text=m.TextCompleteness.PARTIAL,
            seen_in=edition if edition != "undated" else None,
            requirements=tuple(merge(g.reqs, sheet.warnings, g.code, vocab)),
            where=f"line {g.line}",
            evidence=(SOURCE_ID,),
        )
        for g in sheet.grades.values()
    )
    standard = m.Standard(
        key=meta["key"],
        edition=edition,
        designation=meta["designation"] or meta["title"],
        kind=m.Kind.TRADE_SPECIFICATION,
        title={"en": meta["title"]} if meta["title"] else {},
        issued=meta["issued"],
        effective=meta["effective"],
        grade_list=m.GradeList.UNKNOWN,
        families=families,
        requirements=tuple(merge(sheet.general, sheet.warnings, "text", vocab)),
        grades=grades,
        sources={SOURCE_ID: source(path, NAME)},
        evidence=(SOURCE_ID,),
        notes=tuple(sheet.notes.closed(sheet.warnings)),
        origin=origin(path, data, "text", NAME, VERSION),
    )
    return standard


class SheetParser:
    name = NAME
    version = VERSION

    def sniff(self, head: bytes, path: Path) -> bool:
        """The fallback of auto-detection: plain text with a line of words and a quantity."""
        start = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")[:5]
        if start.startswith((b"%PDF", b"<")):
            return False
        try:
            text = decode(head, path, WESTERN).text
        except SourceError:
            return False  # binary noise
        lines = text.splitlines()
        return title_line(lines) is not None and bool(_SNIFF_QUANTITY.search(text))

    def parse(self, data: bytes, path: Path, vocab: Vocabulary) -> ParseResult:
        decoded = decode(data, path, WESTERN)
        text, warnings = unicodedata.normalize("NFC", decoded.text), decoded.warnings
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
        lines = [line.expandtabs(8).rstrip() for line in text.split("\n")]
        meta = identity(lines, warnings, path)
        sheet = Sheet(lines, vocab, warnings)
        sheet.read(meta["skip"])
        sheet.said_flattened()
        if sheet.furniture:
            warnings.append(
                f"{sheet.furniture} page numbers and running lines recognised (page furniture, "
                "not counted as text)"
            )
        standard = build(sheet, meta, path, data, vocab)
        return ParseResult(standard, sheet.total, sheet.structured, warnings)


PARSER = SheetParser()
