"""Formex 4 XML (the Publications Office's source of the Official Journal), best effort: an ACT
(TITLE, PREAMBLE, ENACTING.TERMS with ARTICLEs, FINAL) and its ANNEXes, read into the same shape
as the EUR-Lex HTML parser gives: identity from the title, verbatim notes placed by `where`,
and a "criteria | self-monitoring" annex table (TBL/CORPUS/ROW/CELL) as a scope.

The bibliographic blocks (BIB.INSTANCE, PUBLICATION.REF) are coded data, not text of the act:
they give the language and the publication date and are not counted as text units.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..errors import SourceError
from ..xmlsafe import parse_xml, root_name
from ._common import guarded, localname, own_text
from ._regulation import DIVISION, RegulationReader
from .base import ParseResult, brief

PARSER_NAME = "formex"
PARSER_VERSION = "1"

_ROOTS = ("ACT", "ANNEX", "CONS.ACT", "CONS.ANNEX", "FMX", "COMBINED.FMX")
_MARKS = (b"<ENACTING.TERMS", b"<BIB.INSTANCE", b"<TI.ART", b"<PUBLICATION.REF")
# fmt: off
_INLINE = frozenset((
    "HT", "FT", "IE", "DATE", "QUOT.START", "QUOT.END", "REF.DOC.OJ", "REF.DOC", "REF.DOC.ECR",
    "REF.DOC.SEE", "LINK", "URL", "PERIOD", "NO.DOC.C", "TIME", "ACRONYM", "ABBR", "INCL.ELEMENT",
))
# fmt: on
_BIBLIOGRAPHIC = ("BIB.INSTANCE", "PUBLICATION.REF", "DOCUMENT.REF", "REF.PHYS", "BIB.DATA")
_ACTS = ("ACT", "CONS.ACT")


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
            if name == "DATE" and localname(node.getparent()) == "PUBLICATION.REF":
                self.published = _iso_day(node.get("ISO", "")) or self.published
            elif name in ("LG.DOC", "LG.OJ") and _full(node).isalpha():
                self.lang = _full(node).lower()

    def _title(self, el) -> None:
        """The act's own TITLE gives its identity; any other TITLE is a heading."""
        lines = [_text(b) for b in el.iter() if localname(b) and _is_block(b) and _text(b)]
        if localname(el.getparent()) in _ACTS and not self.title_done:
            for line in lines:
                self.title_line(line)
            return
        for line in lines:
            self._heading(line)

    def _heading(self, text: str) -> None:
        if DIVISION.match(text):
            self.division(text)
        else:
            self.heading_text(text)

    def _annex(self, el) -> None:
        title = next((c for c in el if localname(c) == "TITLE"), None)
        blocks = title.iter() if title is not None else ()
        lines = [_text(b) for b in blocks if localname(b) and _is_block(b) and _text(b)]
        self.annex(lines[0] if lines else "ANNEX")
        for line in lines[1:]:
            self.heading_text(line)
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
        text = _full(el)
        if text:
            self.units.note(text, f"Footnote {el.get('NOTE.ID', '')}".strip())

    def _table(self, el) -> None:
        for child in el:
            if localname(child) == "CORPUS":
                rows = [_cells(r) for r in child.iter() if localname(r) == "ROW"]
                self.table([r for r in rows if r], self.visit)
            else:
                self.visit(child)


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
}


def _cells(row) -> list:
    return [c for c in row if localname(c) == "CELL"]


def _iso_day(text: str) -> date | None:
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _read(data: bytes, path: Path, vocab) -> ParseResult:
    root = parse_xml(data, str(path))
    if localname(root) not in _ROOTS:
        raise SourceError(
            str(path),
            f"the root element is <{brief(localname(root), 40)}>, not a Formex act or annex",
            hint="a Formex document starts with <ACT>, <ANNEX>, <CONS.ACT> or <FMX>",
        )
    reader = _Reader(vocab, path)
    reader.visit(root)
    return reader.result(data, None)


class FormexParser:
    name = PARSER_NAME
    version = PARSER_VERSION

    def sniff(self, head: bytes, path: Path) -> bool:
        name = root_name(head)
        return name in _ROOTS and (name != "FMX" or any(m in head for m in _MARKS))

    def parse(self, data: bytes, path: Path, vocab) -> ParseResult:
        return guarded(path, lambda: _read(data, path, vocab))


PARSER = FormexParser()
