"""Formex 4 XML (the Publications Office's source of the Official Journal): an ACT (TITLE,
PREAMBLE, ENACTING.TERMS with ARTICLEs, FINAL) and its ANNEXes, or a consolidated CONS.ACT, read
into the same shape as the EUR-Lex HTML parser gives: identity from the title, verbatim notes
placed by `where`, and a "criteria | self-monitoring" annex table (TBL/CORPUS/ROW/CELL, each cell
in the column its COL names) as a scope.

An act's annexes are separate files of its package (formex_package): the package is read as
one document from its folder, its <DOC> descriptor or a zip. An act read alone says that its
annexes were not read.

The bibliographic blocks (BIB.INSTANCE, PUBLICATION.REF) are coded data, not text of the act:
they give the language and the publication date and are not counted as text units.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .. import model as m
from ..errors import SourceError
from ..xmlsafe import parse_xml, root_name
from . import formex_package as package
from ._regulation import DIVISION, RegulationReader
from .base import ParseResult, brief
from .toolkit.dates import stamp
from .toolkit.markup import guarded, localname, own_text
from .toolkit.tables import Table, number

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

PARSER_NAME = "formex"
PARSER_VERSION = "1"

_ROOTS = ("ACT", "ANNEX", "CONS.ACT", "CONS.ANNEX", "FMX", "COMBINED.FMX")
_MARKS = (b"<ENACTING.TERMS", b"<BIB.INSTANCE", b"<TI.ART", b"<PUBLICATION.REF")
_BUNDLED = re.compile(rb"<(?:CONS\.)?ACT[\s>]")
# fmt: off
_INLINE = frozenset((
    "HT", "FT", "IE", "DATE", "QUOT.START", "QUOT.END", "REF.DOC.OJ", "REF.DOC", "REF.DOC.ECR",
    "REF.DOC.SEE", "LINK", "URL", "PERIOD", "NO.DOC.C", "TIME", "ACRONYM", "ABBR", "INCL.ELEMENT",
))
# fmt: on
# PUBLICATION: an Official Journal issue's table of contents, which a combined file may hold.
_BIBLIOGRAPHIC = (
    "BIB.INSTANCE",
    "PUBLICATION.REF",
    "DOCUMENT.REF",
    "REF.PHYS",
    "BIB.DATA",
    "PUBLICATION",
)  # fmt: skip
_ACTS = ("ACT", "CONS.ACT", "CONS.DOC")  # a consolidated act's title sits in its CONS.DOC
_ANNEXES = ("ANNEX", "CONS.ANNEX")
_AMENDING = ("MOD.ACT", "CORRIGENDUM")  # a consolidated act's list of amending acts
_NUMBERS = ("NO.P", "NO.PARAG")  # a point's or a paragraph's number, apart from its text


def _is_block(el) -> bool:
    return localname(el) not in _INLINE


def _text(el) -> str:
    return own_text(el, _is_block)


def _full(el) -> str:
    return " ".join("".join(el.itertext()).split())


class _Reader(RegulationReader):
    parser_name = PARSER_NAME
    parser_version = PARSER_VERSION
    source_format = "formex-xml"

    def visit(self, el) -> None:
        name = localname(el)
        handler = _HANDLERS.get(name or "")
        if name is None:
            return
        if handler is not None:
            handler(self, el)
            return
        if _is_block(el):
            text = _text(el)
            if text:
                self.text(text)
        self._children(el)

    def _children(self, el, skip: tuple[str, ...] = ()) -> None:
        for child in el:
            if localname(child) not in skip:
                self.visit(child)

    # --- handlers ----------------------------------------------------------------------------

    def _bibliographic(self, el) -> None:
        for node in el.iter():
            name = localname(node)
            # The Official Journal's date: in a descriptor's PUBLICATION.REF, or in the BIB.OJ of
            # the table of contents a combined file holds.
            if name == "DATE" and localname(node.getparent()) in ("PUBLICATION.REF", "BIB.OJ"):
                self.published = stamp(node.get("ISO", "")) or self.published
            elif name in ("LG.DOC", "LG.OJ") and _full(node).isalpha():
                self.lang = _full(node).lower()

    def _title(self, el) -> None:
        """The act's own TITLE gives its identity; any other TITLE is a heading."""
        lines = _title_lines(el)
        if localname(el.getparent()) in _ACTS and not self.title_done:
            for line in lines:
                self.title_line(line)
        else:
            for line in lines:
                self._heading(line)
        for note in el.iter("NOTE"):
            self._note(note)

    def _heading(self, text: str) -> None:
        if DIVISION.match(text):
            self.division(text)
        else:
            self.heading_text(text)

    def _annex(self, el) -> None:
        title = next((c for c in el if localname(c) == "TITLE"), None)
        lines = _title_lines(title) if title is not None else []
        self.annex(lines[0] if lines else "ANNEX", opens=True)
        for line in lines[1:]:
            self.heading_text(line)
        for note in title.iter("NOTE") if title is not None else ():
            self._note(note)
        self._children(el, skip=("TITLE",))

    def _article(self, el) -> None:
        if _full(el):
            self.article(_full(el))

    def _subtitle(self, el) -> None:
        self.heading_text(_full(el))

    def _paragraph(self, el) -> None:
        number = next((c for c in el if localname(c) == "NO.PARAG"), None)
        self.loc.set_point(_full(number).rstrip(".") if number is not None else None)
        self._children(el, skip=("NO.PARAG",))

    def _numbered(self, el) -> None:
        """NP: a point marker (NO.P) and its text (TXT and what follows)."""
        number = next((c for c in el if localname(c) == "NO.P"), None)
        with self.marked(_full(number) if number is not None else ""):
            self._children(el, skip=("NO.P",))

    def _final(self, el) -> None:
        self.final()
        self._children(el)

    def _note(self, el) -> None:
        """A footnote; an annex's are named with the annex, since each file of a package
        numbers its footnotes from E0001."""
        text = _full(el)
        if text:
            where = f"Footnote {el.get('NOTE.ID', '')}".strip()
            part = self.loc.part
            self.units.note(text, f"{part}, {where.lower()}" if part.startswith("Annex") else where)

    def _table(self, el) -> None:
        """TBL: its title and notes in order, the rows of its CORPUS as one table, each cell in
        the column the file gives it, rows numbered as the file has them."""
        for child in el:
            if localname(child) != "CORPUS":
                self.visit(child)
                continue
            for title in child.iter("TI.BLK"):  # a block of rows' title
                self.heading_text(_full(title))
            rows = [_cells(row) for row in _rows(child)]
            self.table(Table.placed(rows, _col, _colspan, _rowspan, _no_header), self.visit)

    def _consolidation(self, el) -> None:
        """INFO.CONSLEG: the date of the consolidated version, which is its edition."""
        when = _consleg_date(el)
        if when is not None:
            self.consolidated = when

    def _quoted(self, el) -> None:
        """QUOT.S: wording quoted from another act (what an amendment puts in): its headings
        and paragraphs are notes where the quotation stands, never articles or annexes of
        this act."""
        where = self.loc.where()
        pending = ""  # a point's number (NO.P, NO.PARAG), printed before the text it numbers
        for block in el.iter():
            if localname(block) and _is_block(block):
                text = _text(block)
                if localname(block) in _NUMBERS and text and len(text) <= 8:
                    pending = f"{pending} {text}".strip()
                elif text:
                    self.units.note(f"{pending} {text}".strip(), where)
                    pending = ""
        if pending:
            self.units.note(pending, where)

    def _amending(self, el) -> None:
        """A consolidated act's amending act or corrigendum: kept as a note (its title, where
        it gives one, not its coded data)."""
        title = next(el.iter("TITLE"), None)
        text = " ".join(_title_lines(title)) if title is not None else _full(el)
        if text:
            self.units.note(text, "Amended by")


_HANDLERS = {
    **dict.fromkeys(_BIBLIOGRAPHIC, _Reader._bibliographic),
    "TITLE": _Reader._title,
    "ANNEX": _Reader._annex,
    "CONS.ANNEX": _Reader._annex,
    "TI.ART": _Reader._article,
    "STI.ART": _Reader._subtitle,
    "PARAG": _Reader._paragraph,
    "NP": _Reader._numbered,
    "FINAL": _Reader._final,
    "NOTE": _Reader._note,
    "TBL": _Reader._table,
    "INFO.CONSLEG": _Reader._consolidation,
    "QUOT.S": _Reader._quoted,
    **dict.fromkeys(_AMENDING, _Reader._amending),
}


def _quoted_marks(root):
    """The tree with each quotation mark Formex codes (<QUOT.START CODE="2018"/>) given as its
    character, so quoted words ("‘consumer’ means") keep their marks in the text read."""
    for mark in root.iter("QUOT.START", "QUOT.END"):
        code = _code_point(mark.get("CODE", ""))
        if code is not None and len(mark) == 0 and not mark.text:
            mark.text = chr(code)
    return root


def _code_point(text: str) -> int | None:
    """A character's code point as Formex writes it (hexadecimal), if it is one."""
    try:
        code = int(text, 16)
    except ValueError:
        return None
    return code if 0x20 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else None


def _title_lines(title) -> list[str]:
    """A TITLE's lines: each paragraph of its TI and STI, a numbered one (NP) with its number
    ("1.1. Scrap metal"); footnotes are read apart."""
    lines = []
    for part in title:
        for line in part if len(part) else (part,):
            name = localname(line)  # None: a comment or processing instruction
            text = (_np_text(line) if name == "NP" else _text(line)) if name else ""
            if text:
                lines.append(text)
    return lines


def _np_text(np) -> str:
    return " ".join(t for t in (_text(c) for c in np if localname(c)) if t)


def _rows(corpus):
    """The ROWs of a CORPUS in file order, those in its BLKs (blocks of rows) included; a
    table inside a cell keeps its own rows."""
    for child in corpus:
        name = localname(child)
        if name == "ROW":
            yield child
        elif name == "BLK":
            yield from _rows(child)


def _cells(row) -> list:
    return [c for c in row if localname(c) == "CELL"]


def _col(cell) -> int | None:
    return number(cell.get("COL"))


def _colspan(cell) -> int | None:
    return number(cell.get("COLSPAN"))


def _no_header(cell, row: int) -> bool:
    return False  # a scope's header is found by its words (criteria, self-monitoring)


def _rowspan(cell) -> int | None:
    return number(cell.get("ROWSPAN"))


def _consleg_date(el) -> date | None:
    """The consolidation date: an attribute of INFO.CONSLEG or a DATE inside it."""
    for attr in ("CONSLEG.DATE", "DATE.CONSLEG", "START.DATE", "DATE"):
        found = stamp(el.get(attr, ""))
        if found is not None:
            return found
    return next((d for d in (stamp(x.get("ISO", "")) for x in el.iter("DATE")) if d), None)


def _read(data: bytes, path: Path, vocab: Vocabulary) -> ParseResult:
    if data.startswith(package.ZIP_MAGIC):
        parts = package.from_zip(data, str(path))
        return _read_package(parts, path, vocab)
    root = parse_xml(data, str(path))
    name = localname(root)
    if name == "DOC":
        return _read_package(_beside(path, data, root), path, vocab)
    if name == "PUBLICATION":
        raise SourceError(
            str(path),
            "a Formex table of contents (<PUBLICATION>): it lists an Official Journal issue, "
            "not an act",
            hint=package.HINT,
        )
    if name not in _ROOTS or name == "COMBINED.FMX":
        bundled = package.from_tree(root, data, path.name)
        if any(p.kind in package.ACTS for p in bundled):
            tocs = [el for el in root if localname(el) == "PUBLICATION"]
            return _read_package(bundled, path, vocab, tocs)  # a package in one file
    if name not in _ROOTS:
        raise SourceError(
            str(path),
            f"the root element is <{brief(name, 40)}>, not a Formex act or annex",
            hint="a Formex document starts with <ACT>, <ANNEX>, <CONS.ACT>, <FMX> or <DOC>",
        )
    reader = _Reader(vocab, path)
    reader.visit(_quoted_marks(root))
    _say_what_is_missing(reader, root, path)
    return reader.result(data, None)


def read_folder(folder: Path, vocab: Vocabulary) -> ParseResult:
    """A package given as its folder."""
    return guarded(folder, lambda: _read_package(package.from_folder(folder), folder, vocab))


def _beside(descriptor: Path, data: bytes, root) -> list[package.Part]:
    """A descriptor's package: the descriptor given, and the parts in its folder."""
    given = package.Part(descriptor.name, data, root, "DOC", package.publication_of(root), "")
    others = package.from_folder(descriptor.parent)
    return [given, *(p for p in others if p.kind != "DOC")]


def _read_package(
    parts: list[package.Part], path: Path, vocab: Vocabulary, contents=()
) -> ParseResult:
    """The act and its annexes read as one document (`contents`: the tables of contents a
    combined file holds beside them); a bundle's bytes are its first act's."""
    chosen, missing = package.select(parts, str(path))
    reader = _Reader(vocab, path)
    for descriptor in (p for p in parts if p.kind == "DOC"):
        for ref in descriptor.root.iter("PUBLICATION.REF"):  # the date of publication
            reader.visit(ref)
    for toc in contents:  # a combined file's table of contents: the date of publication
        reader.visit(toc)
    for part in chosen:
        reader.visit(_quoted_marks(part.root))
    read = ", ".join(f"{p.kind} {p.seq or '?'} ({brief(p.name, 60)})" for p in chosen)
    reader.extra_notes.append(m.Note(f"read as one Formex package: {read}", "Formex package"))
    for note in missing:
        reader.warnings.append(note)
        reader.extra_notes.append(m.Note(note, "Formex package"))
    return reader.result(b"".join(p.data for p in chosen), None)


def _say_what_is_missing(reader: _Reader, root, path: Path) -> None:
    """An act read without its annexes says so; so does an annex read without its act, which
    is refused, with the way to read it, when it holds no criteria table."""
    names = {localname(el) for el in root.iter()}
    if names & {"ACT"} and not names & set(_ANNEXES):
        said = (
            "the act's annexes were not read: a Formex act's annexes are separate files of its "
            "package; read the package (its folder, its descriptor or a zip) to include them"
        )
        reader.warnings.append(said)
        reader.extra_notes.append(m.Note(said, "Formex package"))
    elif localname(root) in _ANNEXES and not reader.title_lines:
        if not reader.groups:
            raise SourceError(
                str(path),
                "a Formex annex on its own: it has no title or criteria table to read without "
                "its act",
                hint="read the annex with its act: " + package.HINT,
            )
        said = (
            "an annex read without its act: the act's designation and dates are not known; read "
            "the package (its folder, its descriptor or a zip) to include them"
        )
        reader.warnings.append(said)
        reader.extra_notes.append(m.Note(said, "Formex package"))


class FormexParser:
    name = PARSER_NAME
    version = PARSER_VERSION

    def sniff(self, head: bytes, path: Path) -> bool:
        if head.startswith(package.ZIP_MAGIC):
            return True  # a zip: read as a package if it holds Formex parts
        if package.is_descriptor(head):
            return True
        name = root_name(head)
        if name == "PUBLICATION":
            return b"<BIB.OJ" in head  # a table of contents, refused with the way to read the act
        if name in _ROOTS:
            return name != "FMX" or any(mark in head for mark in _MARKS)
        # An act bundled with its annexes under another tool's wrapper element.
        return bool(_BUNDLED.search(head)) and any(mark in head for mark in _MARKS)

    def parse(self, data: bytes, path: Path, vocab: Vocabulary) -> ParseResult:
        return guarded(path, lambda: _read(data, path, vocab))


PARSER = FormexParser()
