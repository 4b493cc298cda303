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
from ._common import guarded, squash
from ._eu_dates import day
from ._regulation import ANNEX, ARTICLE, DIVISION, RegulationReader, scope_columns
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


# --- what a tag and a class attribute mean, worked out once per distinct value -------------------
#
# The reader touches every element of the act (10 000 on a 1 MB page); a page has a few dozen
# distinct tags and class attributes. So each tag's kind and each class attribute's meaning are
# worked out once and looked up (lru_cache, in C) after that, instead of splitting class
# attributes and testing sets per element.

_BLOCK, _INLINE_TAG, _TABLE, _SKIPPED, _ENTITY, _OTHER = (
    "block", "inline", "table", "skipped", "entity", "other",
)  # fmt: skip


@lru_cache(maxsize=1024)
def _name(tag) -> str | None:
    """The tag without its namespace (localname() on the tag); None for non-elements."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None


@lru_cache(maxsize=1024)
def _kind(tag) -> str:
    """What the reader does with a node of this tag: read it as a block, as inline text, as a
    table, skip it, or (an entity reference) keep its text as written."""
    name = _name(tag)
    if name is None:
        return _ENTITY if _is_entity_tag(tag) else _OTHER
    if name in _SKIP:
        return _SKIPPED
    if name == "table":
        return _TABLE
    return _INLINE_TAG if name in _INLINE else _BLOCK


def _is_entity_tag(tag) -> bool:
    from lxml import etree

    return tag is etree.Entity


class _Classes:
    """A class attribute read once: its classes (without the "oj-" prefix) and what they mean
    to the reader."""

    __slots__ = ("all", "final", "marker", "act", "title", "any_title", "article", "header")
    __slots__ += ("heading", "note")

    def __init__(self, classes: frozenset[str]) -> None:
        self.all = classes
        self.final = "final" in classes
        self.marker = "grid-list-column-1" in classes  # a consolidated text's list marker
        self.act = bool(classes & _ACT_MARKUP)
        self.title = bool(classes & _TITLE)
        self.any_title = bool(classes & _ANY_TITLE)
        self.article = bool(classes & _ARTICLE)
        self.header = bool(classes & _HEADER)
        self.heading = any(_HEADING.match(c) for c in classes)
        self.note = "note" in classes


_NO_CLASS = _Classes(frozenset())


@lru_cache(maxsize=512)  # a page uses a few dozen class attributes, over and over
def _read_classes(value: str) -> _Classes:
    return _Classes(frozenset(c.removeprefix("oj-") for c in value.split()))


def _classes(value: str | None) -> _Classes:
    return _read_classes(value) if value else _NO_CLASS  # most elements have no class


def _own_text(el) -> str:
    """own_text() of _common, the same rules with the kinds of tags looked up once: the text
    of a block with its inline descendants; nested blocks are left out (each is read where it
    starts) but their tails are kept."""
    parts = [el.text or ""]
    for kid in el:
        kind = _kind(kid.tag)
        if kind is _INLINE_TAG:
            _inline_text(kid, parts)
        else:
            if kind is _ENTITY:  # an unexpanded entity reference: kept as written
                parts.append(kid.text or "")
            parts.append(kid.tail or "")
    return squash("".join(parts))


def _inline_text(el, parts: list[str]) -> None:
    """An inline element's text, its inline descendants' and its tail, in document order.
    Recursive: libxml2 stops at 256 levels of nesting, far inside Python's limit."""
    parts.append(el.text or "")
    for kid in el:
        kind = _kind(kid.tag)
        if kind is _INLINE_TAG:
            _inline_text(kid, parts)
        else:
            if kind is _ENTITY:
                parts.append(kid.text or "")
            parts.append(kid.tail or "")
    parts.append(el.tail or "")


# Each pattern that makes a block a heading (_BARE_ANNEX, ANNEX, ARTICLE, DIVISION) starts with
# one of these words; one match that fails spares a paragraph the four (same flags, so the same
# characters match).
_NUMBERING_WORD = re.compile(r"an(?:nex|hang)|arti(?:cle|kel)|tit(?:le|re)|chap|section|part", re.I)


class _Reader(RegulationReader):
    parser_name = PARSER_NAME
    parser_version = PARSER_VERSION
    source_format = "html"

    def visit(self, el) -> None:
        """Read an element and what it holds (the act's content, a table cell, the content
        beside a list marker)."""
        kind = _kind(el.tag)
        if kind is _TABLE:
            self._table(el, _classes(el.get("class")))
        elif kind is _BLOCK or kind is _INLINE_TAG:
            self._walk(el)
        # anything else (scripts, forms, non-elements) holds no text of the act

    def _walk(self, top) -> None:
        """visit() of a block or inline element, in one pass over top.iter() (document order,
        walked in C) instead of a Python call per element: a block's text is read where the
        block starts; a table, or the content beside a list marker, is read by a visit() of its
        own and its subtree passed over; so is a subtree with nothing to read."""
        resume = None  # passing over a subtree: the node after it
        marker = None  # the list marker just passed over, whose content comes next
        for el in top.iter():
            if resume is not None:
                if el is not resume:
                    continue
                resume = None
            value = el.get("class")  # any node may be a marker, as in list(el)
            classes = _read_classes(value) if value else _NO_CLASS
            if el is not top:
                if classes.marker and el.getnext() is not None:
                    resume, marker = _after(el, top), el
                    continue  # a consolidated list marker: read with the content beside it
                if marker is not None:
                    self._point(_full_text(marker), el)
                    resume, marker = _after(el, top), None
                    continue
            kind = _kind(el.tag)
            if kind is _BLOCK:
                if classes.final:
                    self.final()
                # Most paragraphs have no markup inside: their text is all there is.
                text = _own_text(el) if len(el) else squash(el.text or "")
                if text:
                    self._block(classes, text)
            elif kind is _INLINE_TAG:
                if classes.final:
                    self.final()
            elif kind is _TABLE:
                self._table(el, classes)
                resume = _after(el, top)
            else:
                resume = _after(el, top)  # skipped (scripts, forms), or not an element

    def _point(self, label: str, content) -> None:
        """visit() of the content beside a list marker, inside the point it numbers (marked(),
        without the cost of a context manager, paid once per point)."""
        found = self.open_point(label)
        try:
            self.visit(content)
        finally:
            self.close_point(found)

    def _block(self, classes: _Classes, text: str) -> None:
        if _NUMBERING_WORD.match(text):
            bare_annex = _BARE_ANNEX.match(text)
            annex = bare_annex or (self.title_done and ANNEX.match(text))
            article, division = ARTICLE.match(text), DIVISION.match(text)
        else:
            bare_annex = annex = article = division = None
        if classes.title and not annex:
            self.title_line(text)
        elif classes.any_title or bare_annex:
            self.annex(text)
        elif classes.article or article:
            self.article(text)
        elif division:
            self.division(text)
        elif classes.header:
            self._header(classes.all, text)
        elif classes.heading:
            self.heading_text(text)
        elif classes.note:
            self.footnote(text)
        else:
            self.text(text)

    def _header(self, classes: frozenset[str], text: str) -> None:
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

    def _table(self, table, classes: _Classes) -> None:
        rows = _table_rows(table)
        if "table" in classes.all or _looks_like_scope(rows):
            self.table(rows, self.visit)
            return
        labels = _marker_labels(rows)
        if labels is not None:
            for label, (_, content) in zip(labels, rows, strict=True):
                self._point(label, content)
        else:  # a table used for layout only (the OJ header, signatures): read in order
            for row in rows:
                for cell in row:
                    self.visit(cell)


_ROW_GROUPS = frozenset(("thead", "tbody", "tfoot"))
_CELLS = frozenset(("td", "th"))


def _table_rows(table) -> list[list]:
    """The cells of each row that has any: rows are the table's own <tr>, and those of its
    row groups; cells are a row's <td> and <th>. Nothing else in a table is read."""
    rows = []
    for child in table:
        name = _name(child.tag)
        if name == "tr":
            trs = (child,)
        elif name in _ROW_GROUPS:
            trs = [tr for tr in child if _name(tr.tag) == "tr"]
        else:
            continue
        for tr in trs:
            cells = [cell for cell in tr if _name(cell.tag) in _CELLS]
            if cells:
                rows.append(cells)
    return rows


def _full_text(el) -> str:
    """All the text in an element, squashed. For an element, lxml's text serialisation gives
    the same text nodes in the same order as itertext() (the HTML reader keeps no comments or
    entity references), in C and several times faster."""
    from lxml import etree

    if not isinstance(el.tag, str):
        return squash("".join(el.itertext()))
    return squash(etree.tostring(el, method="text", encoding=str, with_tail=False))


def _marker_labels(rows) -> list[str] | None:
    """The text of each row's first cell when every row is a point marker and its content
    (a table laying out a list), else None."""
    labels = []
    for row in rows:
        if len(row) != 2:
            return None
        label = _full_text(row[0])
        if not _MARKER_CELL.match(label):
            return None
        labels.append(label)
    return labels or None


def _looks_like_scope(rows) -> bool:
    return len(rows) > 1 and scope_columns([_full_text(c) for c in rows[0]]) is not None


def _content_root(root):
    """The smallest element that holds every piece of act markup (None if there is none).

    That is the common ancestor of the first and the last of them in document order: every
    element between the two lies inside it. The first is looked for from the start of the page
    and the last from its end, so only the site chrome around the act is searched."""
    from lxml import etree

    first = next((el for el in root.iter(etree.Element) if _is_act_markup(el)), None)
    if first is None:
        return None
    last = next(el for el in _backwards(root) if _is_act_markup(el))
    # Kept in a list: lxml gives a node the same Python object only while one is alive.
    chain = [first, *first.iterancestors()]
    ids = {id(el) for el in chain}
    return next(el for el in (last, *last.iterancestors()) if id(el) in ids)


def _after(el, top):
    """The node that follows el and everything inside it in document order, within top
    (_END when there is none)."""
    while el is not top:
        following = el.getnext()
        if following is not None:
            return following
        el = el.getparent()
    return _END


_END = object()  # no node is this one: passing over the rest of a subtree


def _is_act_markup(el) -> bool:
    return _classes(el.get("class")).act


def _backwards(root):
    """The elements under and including `root` in reverse document order: an element comes
    after everything inside it and after every later sibling."""
    stack = [(root, False)]
    while stack:
        el, expanded = stack.pop()
        if expanded:
            yield el
        elif isinstance(el.tag, str):  # elements only, as root.iter(etree.Element)
            stack.append((el, True))
            stack.extend((kid, False) for kid in el)  # the last child is taken first


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
