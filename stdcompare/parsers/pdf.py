"""PDF documents, best effort: the text is extracted column by column, then read by the parser
whose kind of document it is (a GB/T standard or an ISRI circular, sniffed on the text).

Library: pdfminer.six. It is pure Python, maintained, and it reports where every text box sits
on the page (LAParams groups characters into lines and lines into boxes); a two-column page needs
exactly that, so boxes left of the middle are read top to bottom before those right of it, and a
box that spans both columns (a running header, a full-width heading) closes the band above it.
pypdf would be simpler, but it returns text in content-stream order, which on the circular's
two-column pages mixes the columns line by line. pdfminer.six pulls in `cryptography` (for
encrypted PDFs), which installs from wheels.

A PDF without a text layer (a scan) is refused with a hint to run OCR first. On Linux the pages
are laid out in a forked child process, and a page that takes longer than PAGE_SECONDS stops it.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import sys
from dataclasses import replace
from pathlib import Path

from .. import model as m
from ..errors import SourceError, StdcompareError
from .base import ParseResult

NAME = "pdf"
VERSION = "1"
GUTTER = 8.0  # points a box may reach past the page's middle and still be one column's
# A real page lays out in well under a second. pdfminer's layout analysis compares each text
# line with its neighbours, and where lines overlap that grows faster than the square of their
# number: a 24 kB file (found by bench/fuzz_parsers.py) took 35 s on its one page, 2 000 short
# lines stacked on a page take over a minute. No count of characters or lines bounds that, so
# the pages are laid out in a child process that is stopped when one takes longer than this.
PAGE_SECONDS = 3.0


def extract_text(data: bytes, path: Path) -> tuple[str, int]:
    """The text of every page (pages apart by form feeds) and the number of pages."""
    try:
        import pdfminer  # noqa: F401
    except ImportError:
        raise StdcompareError(
            "reading PDFs needs the pdfminer.six library", "pip install pdfminer.six"
        ) from None
    pages: list[str] = []
    for kind, value in _pages(data):
        if kind == "error":
            raise SourceError(str(path), value, hint="is the file a complete PDF?")
        if kind == "slow":
            raise SourceError(
                str(path),
                f"page {len(pages) + 1} took over {PAGE_SECONDS:g} s to lay out; stopped",
                hint="extract its text with another tool and parse that: --parser gbt or isri",
            )
        pages.append(value)
    return "\f".join(pages), len(pages)


def _pages(data: bytes):
    """("page", text) for each page, then ("error", reason) or ("slow", None) if it comes to
    that: read in a forked child where there is fork (Linux), else here, with no time limit."""
    import multiprocessing

    import pdfminer.high_level  # noqa: F401 - imported once here, not in every child

    if sys.platform != "linux":
        yield from _read_pages(data)
        return
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_send_pages, args=(data, send), daemon=True)
    child.start()
    send.close()
    try:
        while receive.poll(PAGE_SECONDS):
            message = receive.recv()
            if message[0] == "done":
                return
            yield message
        yield "slow", None
    except EOFError:  # the child died (out of memory, say) without a word
        yield "error", "the PDF reader stopped unexpectedly"
    finally:
        child.kill()
        child.join()
        receive.close()


def _send_pages(data: bytes, send) -> None:
    for message in _read_pages(data):
        send.send(message)
    send.send(("done", None))


def _read_pages(data: bytes):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    try:
        with _quiet("pdfminer"):
            for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
                yield "page", page_text(page)
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many kinds on a damaged file
        yield "error", _reason(exc)


@contextlib.contextmanager
def _quiet(name: str):
    """pdfminer logs its repairs of damaged files ("MediaBox missing") on stderr; the CLI's
    stderr carries our coverage and warnings only."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _reason(exc: Exception) -> str:
    kind = type(exc).__name__
    if "Password" in kind or "Encryption" in kind:
        return "the PDF is encrypted; save an unencrypted copy"
    detail = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else ""
    return f"cannot read the PDF ({kind}{': ' + detail if detail else ''})"


def page_text(page) -> str:
    """One page's text boxes in reading order: bands between full-width boxes, and in each
    band the left column before the right one."""
    from pdfminer.layout import LTTextContainer

    boxes = [b for b in page if isinstance(b, LTTextContainer) and b.get_text().strip()]
    middle = page.x0 + (page.x1 - page.x0) / 2
    ordered: list = []
    left: list = []
    right: list = []
    for box in sorted(boxes, key=lambda b: (-b.y1, b.x0)):
        if box.x0 < middle - GUTTER and box.x1 > middle + GUTTER:
            ordered += _column(left) + _column(right) + [box]
            left, right = [], []
        elif box.x1 <= middle + GUTTER:
            left.append(box)
        else:
            right.append(box)
    ordered += _column(left) + _column(right)
    return _joined(ordered) + "\n"


def _column(boxes: list) -> list:
    return sorted(boxes, key=lambda b: -b.y1)


def _joined(boxes: list) -> str:
    """Box texts, one line apart where a box sits right under the one before it (the lines
    of one paragraph), a blank line apart otherwise (a new paragraph, column or band)."""
    out: list[str] = []
    prev = None
    for box in boxes:
        if prev is not None:
            gap = prev.y0 - box.y1
            close = 0 <= gap < 0.8 * min(_line_height(prev), _line_height(box))
            same_column = abs(prev.x0 - box.x0) < 2 * GUTTER
            out.append("\n" if close and same_column else "\n\n")
        out.append(box.get_text().strip("\n"))
        prev = box
    return "".join(out)


def _line_height(box) -> float:
    lines = max(1, box.get_text().strip("\n").count("\n") + 1)
    return (box.y1 - box.y0) / lines


def _reader(text: str, path: Path):
    """The parser whose kind of document the extracted text is, in the order of auto."""
    from . import gbt, isri

    sample = text[:65536].encode("utf-8")
    for parser in (gbt.PARSER, isri.PARSER):
        if parser.sniff(sample, path):
            return parser
    raise SourceError(
        str(path),
        "the PDF's text is neither a GB/T standard nor an ISRI circular",
        hint="extract its text and name a parser: stdcompare parse FILE --parser isri",
    )


class PdfParser:
    name = NAME
    version = VERSION

    def sniff(self, head: bytes, path: Path) -> bool:
        return b"%PDF-" in head[:1024]

    def parse(self, data: bytes, path: Path, vocab) -> ParseResult:
        text, pages = extract_text(data, path)
        if not text.strip():
            raise SourceError(
                str(path),
                "no text layer (scanned?)",
                hint="run OCR on it first (for example ocrmypdf) and parse the result",
            )
        reader = _reader(text, path)
        result = reader.parse(text.encode("utf-8"), path, vocab)
        origin = m.Origin(str(path), hashlib.sha256(data).hexdigest(), "pdf", NAME, VERSION)
        standard = replace(result.standard, origin=origin)
        note = (
            f"text of {pages} PDF pages extracted with pdfminer.six, "
            f"read by the {reader.name} parser"
        )
        return ParseResult(
            standard, result.units_total, result.units_structured, [note, *result.warnings]
        )


PARSER = PdfParser()
