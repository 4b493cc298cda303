"""ISRI / ReMA Scrap Specifications Circular, as the text a PDF-to-text tool gives of it.

How that text looks (layout notes, section 1): each nonferrous entry is "Codeword TITLE IN CAPS"
followed by one paragraph; ferrous items sit in a "CODE ITEM" table with numeric codes (200, 243B,
railroad "(24)"). The pages are two-column, so a heading and its paragraph may come apart or
change order, code words get dropped, words are hyphenated at line ends ("mate- rial") or glued
("Aminimum of 97%metallic"), and every page carries a running header and a page number.

How the parser copes:
- code words and section titles are checked against the circular editions bundled under
  standards/isri (read at run time), but a code word that fits the pattern is accepted with a
  warning;
- a code word heading without a paragraph takes the unclaimed paragraph printed just before it,
  and a run of bare ferrous codes takes a run of as many paragraphs, in order; both are marked
  uncertain;
- a paragraph that no heading claims is kept as a verbatim note, never guessed into a grade;
- a number becomes a requirement only with a unit and a property the vocabulary knows (the
  sentences are read by `prose.py`, which the GB/T parser shares); every paragraph is also kept
  verbatim, so a reviewer can check what was read.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from .. import model as m
from ..errors import SourceError
from .base import ParseResult
from .prose import lexicon
from .textfile import SOURCE_ID, source
from .toolkit.decode import WESTERN, decode
from .toolkit.shell import origin

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary
from .isri_build import (
    Draft,
    _mixtures,
    build_grades,
    build_groups,
    build_leftovers,
    identity,
    pair,
)
from .isri_known import known_for
from .isri_layout import _PAGE, Furniture, Segmenter, _furniture, _run_on_split, split_columns

NAME = "isri"
VERSION = "1"


# --- the parser ---------------------------------------------------------------------------------


def clean_lines(text: str, furniture: Furniture, seg: Segmenter) -> None:
    """Feed the segmenter: page furniture removed (its page numbers and sections kept),
    side-by-side columns split, run-on headings cut apart."""
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n").replace("\r", "\n"))
    chunk: list[str] = []

    def emit() -> None:
        for line in split_columns(chunk):
            for part in _run_on_split(line, seg.known) if line.strip() else [line]:
                seg.add(part)
        chunk.clear()

    page_start = 0  # blocks since the last page furniture
    for raw in text.replace("\f", "\n\f\n").split("\n"):
        if raw == "\f":
            emit()
            seg.page_top = True
            continue
        line = raw.expandtabs(8).rstrip()
        is_furniture, page, section = _furniture(line, furniture)
        if not is_furniture:
            chunk.append(line)
            continue
        had_text = any(c.strip() for c in chunk)
        emit()
        seg.page_top = True
        if page is not None and had_text and _PAGE.match(line.strip()):
            for block in seg.blocks[page_start:]:
                block.page = page  # a page number under the text it numbers
            page += 1
        if page is not None:
            seg.page = page
        page_start = len(seg.blocks)
        if section and (found := seg.section_for(section)) is not None and found != seg.top:
            seg.set_section(found)
    emit()
    seg.finish()


_SNIFF = re.compile(
    r"scrap\s+specifications\s+circular|institute\s+of\s+scrap\s+recycling|"
    r"guidelines\s+for\s+(?:non)?ferrous\s+scrap",
    re.IGNORECASE,
)


def _refuse_other_documents(text: str, draft: Draft, path: Path) -> None:
    """Another body's spec sheet forced through this parser (EFR's table, an Indian standard's
    page, a buyer's sheet) would come out as the circular, key and all. A page of the circular
    names it (a running header, the guidelines' headings) or uses its code words; a document
    with neither is refused."""
    if _SNIFF.search(text) or any(g.code in draft.known.codes for g in draft.grades):
        return
    raise SourceError(
        str(path),
        "this is not the ISRI / ReMA Scrap Specifications Circular: it names no circular and "
        "uses none of its code words",
        hint="the isri parser reads the circular only; another body's spec sheet is read by "
        "the sheet reader, which --parser auto picks for it",
    )


class IsriParser:
    name = NAME
    version = VERSION

    def sniff(self, head: bytes, path: Path) -> bool:
        if not _plain_text(head):
            return False
        try:
            text = decode(head, path, WESTERN).text
        except SourceError:
            return False  # binary noise
        return bool(_SNIFF.search(text))

    def parse(self, data: bytes, path: Path, vocab: Vocabulary) -> ParseResult:
        decoded = decode(data, path, WESTERN)
        text, warnings = decoded.text, decoded.warnings
        known = known_for(vocab)
        furniture, seg = Furniture(), Segmenter(known)
        clean_lines(text, furniture, seg)
        draft = Draft(known, lexicon(vocab), warnings=warnings)
        build_groups(draft, seg.blocks)
        meta = identity(text, furniture, draft.warnings)
        build_grades(draft, pair(seg.blocks, draft.lex.phrases), meta["edition"])
        _refuse_other_documents(text, draft, path)
        top = build_leftovers(draft, seg.blocks)
        _report(draft, furniture, seg.repeats)
        standard = m.Standard(
            key="isri-circular",
            edition=meta["edition"],
            designation=meta["designation"],
            kind=m.Kind.TRADE_SPECIFICATION,
            title=meta["title"],
            body=meta["body"],
            region="US",
            effective=meta["effective"],
            grade_list=m.GradeList.UNKNOWN,
            requirements=tuple(top),
            groups=tuple(draft.groups.values()),
            grades=tuple(_mixtures(draft.grades)),
            sources={SOURCE_ID: source(path, NAME)},
            evidence=(SOURCE_ID,),
            notes=tuple(draft.notes.closed(draft.warnings)),
            origin=origin(path, data, "text", NAME, VERSION),
        )
        return ParseResult(standard, draft.total, draft.structured, draft.warnings)


def _report(draft: Draft, furniture: Furniture, repeats: int) -> None:
    if furniture.count:
        draft.warnings.append(
            f"{furniture.count} running headers, footers and page numbers recognised "
            "(page furniture, not counted as text)"
        )
    if repeats:
        draft.warnings.append(
            f"{repeats} section titles and grade headings repeated at the top of a page "
            "recognised (page furniture: they neither start nor split a grade)"
        )
    if draft.repairs:
        draft.warnings.append(f"{draft.repairs} hyphenated or glued words repaired")


def _plain_text(head: bytes) -> bool:
    """Not a PDF, not XML or HTML: those have parsers of their own."""
    start = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")[:5]
    return not start.startswith((b"%PDF", b"<"))


PARSER = IsriParser()
