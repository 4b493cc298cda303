"""EUR-Lex HTML: an EU act as the Official Journal prints it (OJ XHTML with `oj-*` classes, the
older un-prefixed classes, consolidated texts) into a regulation: its identity from the printed
title, its articles and annexes as verbatim notes placed by `where`, and an end-of-waste
"criteria | self-monitoring" annex table as a scope whose rows are requirements.

A saved EUR-Lex page carries the site around the act (menus, search, language lists): only the
smallest element holding every piece of act markup is read, so none of that becomes content.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from ..xmlsafe import parse_html
from ._common import guarded, localname, own_text
from ._regulation import ANNEX, ARTICLE, DIVISION, RegulationReader, day, scope_columns
from .base import ParseResult

PARSER_NAME = "eurlex"
PARSER_VERSION = "1"

# fmt: off
_INLINE = frozenset((
    "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
))
_SKIP = frozenset((
    "script", "style", "noscript", "template", "head", "select", "option", "button", "input",
    "textarea",
))
# Classes (without the "oj-" prefix) that only act text carries; the site chrome has none.
_ACT_MARKUP = frozenset((
    "doc-ti", "ti-art", "sti-art", "ti-annex", "normal", "tbl-txt", "tbl-hdr", "hd-date",
    "hd-oj", "title-doc-first", "title-doc-last", "title-article-norm", "stitle-article-norm",
    "title-annex-1", "title-annex-2", "norm", "tbl-norm",
))
# fmt: on
_NO_CLASS: frozenset[str] = frozenset()
_TITLE = frozenset({"doc-ti", "title-doc-first", "title-doc-last"})
_ANNEX_TITLE = frozenset({"ti-annex", "title-annex-1", "title-annex-2"})
_ANY_TITLE = _TITLE | _ANNEX_TITLE
_ARTICLE = frozenset({"ti-art", "title-article-norm"})
_HEADER = frozenset({"hd-date", "hd-lg", "hd-ti", "hd-oj"})
_HEADING = re.compile(
    r"^(?:sti-art|stitle-article-norm|ti-section-\d|title-division-\d|ti-grseq-\d"
    r"|title-gr-seq-level-\d|ti-tbl|stitle-annex-norm|title-annex-\d)$"
)
_BARE_ANNEX = re.compile(r"^(?:annex|annexe|anhang)(?:\s+(?:[IVXLC]+|\d+))?$", re.IGNORECASE)
_MARKER_CELL = re.compile(r"^(?:[(\[]?[0-9A-Za-z]{1,6}[.)\]]?|[—–\-•·*])?$")
_CELEX = re.compile(r"\b(3\d{4}[A-Z]{1,2}\d{4}(?:\(\d{2}\))?)\b")
_EUR_LEX_MARKS = (
    b"eur-lex.europa.eu",
    b"EUR-Lex",
    b'class="oj-',
    b"data.europa.eu/eli",
    b'class="ti-art"',
    b'class="doc-ti"',
    b"title-doc-first",
    b"CELEX",
)


def _classes(el) -> frozenset[str]:
    value = el.get("class")  # most elements have none: no set is built for them
    return frozenset(c.removeprefix("oj-") for c in value.split()) if value else _NO_CLASS


@lru_cache(maxsize=512)  # a page uses a few dozen combinations of classes, over and over
def _is_heading(classes: frozenset[str]) -> bool:
    return any(_HEADING.match(c) for c in classes)


def _is_list_marker(el) -> bool:
    """A consolidated text's list marker column; the substring test spares most elements the
    set of their classes."""
    value = el.get("class")
    return bool(value) and "grid-list-column-1" in value and "grid-list-column-1" in _classes(el)


def _is_block(el) -> bool:
    return localname(el) not in _INLINE


class _Reader(RegulationReader):
    parser_name = PARSER_NAME
    parser_version = PARSER_VERSION
    source_format = "html"

    def visit(self, el) -> None:
        name = localname(el)
        if name is None or name in _SKIP:
            return
        if name == "table":
            self._table(el)
            return
        classes = _classes(el)
        if "final" in classes:
            self.final()
        if name not in _INLINE:
            text = own_text(el, _is_block, _SKIP)
            if text:
                self._block(classes, text)
        if len(el):
            self._children(el)

    def _children(self, el) -> None:
        kids = list(el)
        markers = [_is_list_marker(kid) for kid in kids]  # once per child
        for i, child in enumerate(kids):
            if markers[i] and i + 1 < len(kids):
                continue  # a consolidated list marker: read with the content beside it
            if i and markers[i - 1]:
                self._marked(_full_text(kids[i - 1]), child)
            else:
                self.visit(child)

    def _marked(self, label: str, content) -> None:
        with self.marked(label):
            self.visit(content)

    def _block(self, classes: frozenset[str], text: str) -> None:
        bare_annex = _BARE_ANNEX.match(text)
        annex = bare_annex or (self.title_done and ANNEX.match(text))
        if classes & _TITLE and not annex:
            self.title_line(text)
        elif classes & _ANY_TITLE or bare_annex:
            self.annex(text)
        elif classes & _ARTICLE or ARTICLE.match(text):
            self.article(text)
        elif DIVISION.match(text):
            self.division(text)
        elif classes & _HEADER:
            self._header(classes, text)
        elif _is_heading(classes):
            self.heading_text(text)
        elif "note" in classes:
            self.footnote(text)
        else:
            self.text(text)

    def _header(self, classes: set[str], text: str) -> None:
        """The Official Journal's running header: kept as notes; its date is the
        publication date, its language code the document's language."""
        if "hd-date" in classes:
            self.published = day(text) or self.published
        if "hd-lg" in classes and text.isalpha() and len(text) <= 3:
            self.lang = text.lower()
        self.units.note(text, "Official Journal header")

    def footnote(self, text: str) -> None:
        number = re.match(r"^\(?\s*(\d+)\s*\)?", text)
        self.units.note(text, f"Footnote ({number.group(1)})" if number else "Footnotes")

    # --- tables ------------------------------------------------------------------------------

    def _table(self, table) -> None:
        rows = [[c for c in tr if localname(c) in ("td", "th")] for tr in _rows(table)]
        rows = [r for r in rows if r]
        if "table" in _classes(table) or _looks_like_scope(rows):
            self.table(rows, self.visit)
        elif rows and all(len(r) == 2 and _is_marker(r[0]) for r in rows):
            for first, content in rows:
                self._marked(_full_text(first), content)
        else:  # a table used for layout only (the OJ header, signatures): read in order
            for row in rows:
                for cell in row:
                    self.visit(cell)


def _rows(table):
    for child in table:
        name = localname(child)
        if name == "tr":
            yield child
        elif name in ("thead", "tbody", "tfoot"):
            yield from (tr for tr in child if localname(tr) == "tr")


def _full_text(el) -> str:
    return " ".join("".join(el.itertext()).split())


def _is_marker(cell) -> bool:
    return bool(_MARKER_CELL.match(_full_text(cell)))


def _looks_like_scope(rows) -> bool:
    return len(rows) > 1 and scope_columns([_full_text(c) for c in rows[0]]) is not None


def _content_root(root):
    """The smallest element that holds every piece of act markup (None if there is none).

    That is the common ancestor of the first and the last of them in document order: every
    element between the two lies inside it. Only those two are looked for, instead of comparing
    the ancestors of each (which cost more than parsing the page)."""
    from lxml import etree

    first = last = None
    for el in root.iter(etree.Element):
        if el.get("class") and _classes(el) & _ACT_MARKUP:
            first = el if first is None else first
            last = el
    if first is None:
        return None
    # Kept in a list: lxml gives a node the same Python object only while one is alive.
    chain = [first, *first.iterancestors()]
    ids = {id(el) for el in chain}
    return next(el for el in (last, *last.iterancestors()) if id(el) in ids)


def _lang(el) -> str:
    for node in (el, *el.iterancestors()):
        lang = node.get("lang") or node.get("{http://www.w3.org/XML/1998/namespace}lang")
        if lang and lang.split("-")[0].isalpha():
            return lang.split("-")[0].lower()
    return "en"


def _celex(root) -> str | None:
    for meta in root.iter("meta"):
        if meta.get("property") == "eli:id_local" and _CELEX.fullmatch(meta.get("content", "")):
            return meta.get("content")
    title = root.find(".//title")
    found = _CELEX.search("".join(title.itertext())) if title is not None else None
    return found.group(1) if found else None


def _read(data: bytes, path: Path, vocab) -> ParseResult:
    root = parse_html(data, str(path))
    content = _content_root(root)
    if content is None:
        body = root.find(".//body")
        content = body if body is not None else root
    reader = _Reader(vocab, path)
    reader.lang = _lang(content)
    reader.visit(content)
    return reader.result(data, _celex(root))


class EurLexParser:
    name = PARSER_NAME
    version = PARSER_VERSION

    def sniff(self, head: bytes, path: Path) -> bool:
        low = head.lower()
        if b"<html" not in low:
            return False
        return any(mark in head for mark in _EUR_LEX_MARKS)

    def parse(self, data: bytes, path: Path, vocab) -> ParseResult:
        return guarded(path, lambda: _read(data, path, vocab))


PARSER = EurLexParser()
