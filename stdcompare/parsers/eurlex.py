"""EUR-Lex HTML: an EU act as the Official Journal prints it (OJ XHTML with `oj-*` classes, the
older un-prefixed classes, consolidated texts) into a regulation: its identity from the printed
title, its articles and annexes as verbatim notes placed by `where`, and an end-of-waste
"criteria | self-monitoring" annex table as a scope whose rows are requirements.

A saved EUR-Lex page carries the site around the act (menus, search, language lists): only the
smallest element holding every piece of act markup is read, so none of that becomes content.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SourceError
from ..xmlsafe import parse_html
from ._eu_title import legacy_title_goes_on, names_an_act
from ._eurlex_markup import (
    BARE_ANNEX,
    BLOCK,
    CELEX_HEADING,
    CELEX_NUMBER,
    CONSOLIDATION_MARKER,
    EUR_LEX_MARKS,
    FOOTER_LINE,
    INLINE_TAG,
    NO_CLASS,
    OJ_REFERENCE,
    PUBLICATION_LINE,
    REFERENCE_LINE,
    TABLE,
    Classes,
    after,
    amendment_rows,
    celex_of,
    classes_of,
    content_root,
    full_text,
    kind_of,
    lang_of,
    legacy_start,
    looks_like_scope,
    marker_points,
    own_text,
    placed,
    read_classes,
    table_rows,
)
from ._regulation import ANNEX, ARTICLE, DIVISION, RegulationReader
from .base import ParseResult
from .toolkit.dates import day
from .toolkit.markup import guarded, squash

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

PARSER_NAME = "eurlex"
PARSER_VERSION = "1"
_TITLE_LINES = 8  # an act's title is printed on a few lines; more is something else

_NUMBERING_WORD = re.compile(
    r"an(?:nex|hang)|arti(?:cle|kel)|tit(?:le|re|el)|chap|section|part|kapitel|abschnitt|teil", re.I
)


class _Reader(RegulationReader):
    parser_name = PARSER_NAME
    parser_version = PARSER_VERSION
    source_format = "html"
    legacy = False  # a page without act markup (before 2004)
    beside_marker = False  # a page without act markup whose title stands beside a "►B"

    def visit(self, el) -> None:
        """Read an element and what it holds (the act's content, a table cell, the content
        beside a list marker)."""
        kind = kind_of(el.tag)
        if kind is TABLE:
            self._table(el, classes_of(el.get("class")))
        elif kind is BLOCK or kind is INLINE_TAG:
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
            classes = read_classes(value) if value else NO_CLASS
            if el is not top:
                if classes.marker and el.getnext() is not None:
                    resume, marker = after(el, top), el
                    continue  # a consolidated list marker: read with the content beside it
                if marker is not None:
                    self._point(full_text(marker), el)
                    resume, marker = after(el, top), None
                    continue
            kind = kind_of(el.tag)
            if kind is BLOCK:
                if classes.final:
                    self.final()
                # Most paragraphs have no markup inside: their text is all there is.
                text = own_text(el) if len(el) else squash(el.text or "")
                if text:
                    self._block(classes, text)
            elif kind is INLINE_TAG:
                if classes.final:
                    self.final()
            elif kind is TABLE:
                self._table(el, classes)
                resume = after(el, top)
            else:
                resume = after(el, top)  # skipped (scripts, forms), or not an element

    def _point(self, label: str, content) -> None:
        """visit() of the content beside a list marker, inside the point it numbers (marked(),
        without the cost of a context manager, paid once per point)."""
        found = self.open_point(label)
        try:
            self.visit(content)
        finally:
            self.close_point(found)

    def _block(self, classes: Classes, text: str) -> None:
        if classes.consolidation or (not self.title_done and REFERENCE_LINE.match(text)):
            self._consolidation(classes.consolidation or "reference", text)
            return
        if self.legacy and not self.title_done and self._legacy(text):
            return
        if FOOTER_LINE.match(text):
            self.units.note(text, "Official Journal")
            return
        if _NUMBERING_WORD.match(text):
            bare_annex = BARE_ANNEX.match(text)
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

    # --- what a consolidated text adds, and pages without act markup -------------------------

    def _consolidation(self, what: str, text: str) -> None:
        """A consolidated text's reference line (its date is the edition), its disclaimer, its
        list of amending acts, the original publication and the ►B / ▼M1 markers: notes that do
        not end the title, except the publication reference, which follows it."""
        if what == "reference":
            found = REFERENCE_LINE.match(text)
            when = day(found.group("date")) if found else None
            if found and when is not None:
                self.consolidated = when
                self.lang = found.group("lang").lower()  # what a page without lang= says
                self.units.structure()
                return
        if what == "publication":
            self.close_title()
            self.units.note(text, "Title")
        elif what == "marker":
            self.units.note(text, self.loc.where())
        else:
            where = "Amended by" if what == "amendments" else "Consolidated text"
            self.units.note(text, where)

    def _legacy(self, text: str) -> bool:
        """A page with no act markup (EUR-Lex's pages of acts from before 2004): the title is
        the first text naming an act, on one line or with its date and subject on the lines
        after; a CELEX number before it is structure, the Official Journal reference printed
        with it gives the publication date, anything else before it is a note. An old
        consolidated text's title is what stands beside its first "►B". False once the title
        is done: the text is read as any other."""
        lines = self.title_lines
        if CONSOLIDATION_MARKER.match(text):
            if lines:
                self.close_title()
                return False
            self.units.note(text, "Title")
            self.beside_marker = True
            return True
        if self.beside_marker:
            return self._beside_marker(text)
        text = self._journal_reference(text)
        if not text:
            return True
        if not lines and not names_an_act(text):
            if CELEX_NUMBER.fullmatch(text):
                self.units.structure()
            else:
                self.units.note(text, "Title")
            return True
        if lines and not legacy_title_goes_on(lines, text):
            self.close_title()
            return False
        lines.append(text)
        if not legacy_title_goes_on(lines, ""):
            self.close_title()
        return True

    def _beside_marker(self, text: str) -> bool:
        """A title line beside an old consolidated text's "►B", until the reference of the
        act's publication ("(ABl. L 333, 9.12.1998, p.1)"), which closes it."""
        if PUBLICATION_LINE.match(text):
            self.close_title()
            self.units.note(text, "Title")
            return True
        if len(self.title_lines) >= _TITLE_LINES:
            self.close_title()
            return False
        self.title_lines.append(text)
        return True

    def _journal_reference(self, text: str) -> str:
        """The text without the Official Journal reference a page of an act from before 2004
        prints under its title ("Official Journal L 003 , 05/01/2002 P. 0001 - 0024"), which is
        kept as a note and gives the publication date."""
        found = OJ_REFERENCE.search(text)
        if found is None:
            return text
        self.published = day(found.group("date").replace("/", ".")) or self.published
        self.units.note(text[found.start() :].strip(), "Title")
        return text[: found.start()].strip()

    def footnote(self, text: str) -> None:
        number = re.match(r"^\(?\s*(\d+)\s*\)?", text)
        self.units.note(text, f"Footnote ({number.group(1)})" if number else "Footnotes")

    # --- tables ------------------------------------------------------------------------------

    def _table(self, table, classes: Classes) -> None:
        rows = table_rows(table)
        amendments = amendment_rows(rows)
        if amendments is not None:  # a consolidated text's list of amending acts
            for row in amendments:
                self.units.note(row, "Amended by")
            return
        if "table" in classes.all or looks_like_scope(rows):
            self.table(placed(rows), self.visit)
            return
        points = marker_points(rows)
        if points is not None:
            for label, content in points:
                self._point(label, content)
        else:  # a table used for layout only (the OJ header, signatures): read in order
            for row in rows:
                for cell in row:
                    self.visit(cell)


def _read(data: bytes, path: Path, vocab: Vocabulary) -> ParseResult:
    root = parse_html(data, str(path))
    content = content_root(root)
    reader = _Reader(vocab, path)
    reader.legacy = content is None
    if content is None:
        _refuse_summary(root, path)
        body = root.find(".//body")
        content = body if body is not None else root
        legacy_start(content)
    reader.lang = lang_of(content)
    reader.visit(content)
    return reader.result(data, celex_of(root))


def _refuse_summary(root, path: Path) -> None:
    """EUR-Lex's summaries of legislation name the act they summarise ("SUMMARY OF: Regulation
    (EU) 2022/2554") in their own words: read as the act, they would pass for it."""
    marked = root.xpath('//*[starts-with(@id, "lseu-") or contains(@class, "lseu-")]')
    if marked or any(full_text(h).upper() == "SUMMARY OF:" for h in root.iter("h2", "h3")):
        raise SourceError(
            str(path),
            "a EUR-Lex summary of legislation: it describes an act in its own words and is "
            "not the act",
            hint="give the act's own text (its EUR-Lex page or its Formex package)",
        )


class EurLexParser:
    name = PARSER_NAME
    version = PARSER_VERSION

    def sniff(self, head: bytes, path: Path) -> bool:
        low = head.lower()
        if b"<html" not in low:
            return False
        return any(mark in head for mark in EUR_LEX_MARKS) or bool(CELEX_HEADING.search(head))

    def parse(self, data: bytes, path: Path, vocab: Vocabulary) -> ParseResult:
        return guarded(path, lambda: _read(data, path, vocab))


PARSER = EurLexParser()
