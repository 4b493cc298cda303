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
are laid out in a forked child process with bounded memory, which is stopped when a page takes
longer than PAGE_SECONDS or all pages longer than DOCUMENT_SECONDS. Past any limit the PDF is
refused, as a document over the size limit is: a part read silently is worse than none.
"""

from __future__ import annotations

import contextlib
import io
import logging
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import PARSER as PARSER_OPTION
from ..errors import SourceError, StdcompareError
from .base import ParseResult
from .toolkit import shell

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

NAME = "pdf"
VERSION = "1"
GUTTER = 8.0  # points a box may reach past the page's middle and still be one column's
# A real page lays out in well under a second. pdfminer's layout analysis compares each text
# line with its neighbours, and where lines overlap that grows faster than the square of their
# number: a 24 kB file (found by bench/fuzz_parsers.py) took 35 s on its one page, 2 000 short
# lines stacked on a page take over a minute. No count of characters or lines bounds that, so
# the pages are laid out in a child process that is stopped when one takes longer than this.
PAGE_SECONDS = 3.0
# The whole document's budget: 40 pages each just under 3 s took 80 s. A dense 100-page circular
# (two columns of 60 lines a page) takes 19 s on a busy machine, so this leaves it three times
# that; a PDF slower than this is one to extract with another tool.
DOCUMENT_SECONDS = 60.0
MAX_PAGES = 500  # the ISRI circular has about a hundred, a GB/T standard a few dozen
MAX_TEXT_CHARS = 16 * 1024 * 1024  # all pages' text: far more than any standard's
# How much the reading child may grow: one Flate stream of 1 MB inflated to 1 GB, and the
# reader's copies of it to 1.8 GB. A page's content stream is tens of kB; pdfminer.six holds one
# page's layout at a time.
MEMORY_BYTES = 512 * 1024 * 1024
_TOO_SLOW_HINT = "extract its text with another tool and parse that: --parser gbt or isri"


def extract_text(data: bytes, path: Path) -> tuple[str, int]:
    """The text of every page (pages apart by form feeds) and the number of pages."""
    try:
        import pdfminer  # noqa: F401
    except ImportError:
        raise StdcompareError(
            "reading PDFs needs the pdfminer.six library", "pip install pdfminer.six"
        ) from None
    pages: list[str] = []
    with contextlib.closing(_pages(data)) as messages:
        for kind, value in messages:
            if kind != "page":
                raise _stopped(kind, value, len(pages), path)
            pages.append(value)
            _check_extent(pages, path)
    return "\f".join(pages), len(pages)


def _check_extent(pages: list[str], path: Path) -> None:
    if len(pages) > MAX_PAGES:
        raise SourceError(
            str(path),
            f"the PDF has over {MAX_PAGES} pages, more than any standard; refused",
            hint=_TOO_SLOW_HINT,
        )
    if sum(map(len, pages)) > MAX_TEXT_CHARS:  # a few hundred pages at most: cheap
        raise SourceError(
            str(path),
            f"the PDF's text comes to over {MAX_TEXT_CHARS} characters, more than any "
            "standard's; refused",
            hint=_TOO_SLOW_HINT,
        )


def _stopped(kind: str, value, read: int, path: Path) -> SourceError:
    """The error for a message of the reading child other than a page."""
    if kind == "slow":
        reason = f"page {read + 1} took over {PAGE_SECONDS:g} s to lay out; stopped"
    elif kind == "budget":
        reason = f"the PDF took over {DOCUMENT_SECONDS:g} s to lay out ({read} pages read); stopped"
    elif kind == "memory":
        reason = (
            f"reading page {read + 1} needed over {MEMORY_BYTES // 2**20} MB of memory "
            "(a compressed stream that inflates enormously?); stopped"
        )
    else:
        return SourceError(str(path), value, hint="is the file a complete PDF?")
    return SourceError(str(path), reason, hint=_TOO_SLOW_HINT)


def _pages(data: bytes):
    """("page", text) for each page, then ("error", reason), ("slow" | "budget" | "memory",
    None) if it comes to that: read in a forked child where there is fork (Linux), else here,
    with no time or memory limit."""
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
    deadline = time.monotonic() + DOCUMENT_SECONDS
    try:
        while receive.poll(min(PAGE_SECONDS, max(deadline - time.monotonic(), 0))):
            message = receive.recv()
            if message[0] == "done":
                return
            yield message
        yield ("budget" if time.monotonic() >= deadline else "slow"), None
    except EOFError:  # the child died (out of memory, say) without a word
        yield "error", "the PDF reader stopped unexpectedly"
    finally:
        child.kill()
        child.join()
        receive.close()


def _send_pages(data: bytes, send) -> None:
    _limit_memory(MEMORY_BYTES)
    for message in _read_pages(data):
        send.send(message)
    send.send(("done", None))


def _limit_memory(growth: int) -> None:
    """Let this (child) process's address space grow by `growth` bytes at most: past it an
    allocation fails with MemoryError, which _read_pages reports."""
    import resource

    with open("/proc/self/statm") as statm:  # sizes in pages; the first is the address space
        size = int(statm.read().split()[0]) * resource.getpagesize()
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = size + growth if hard == resource.RLIM_INFINITY else min(size + growth, hard)
    resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _read_pages(data: bytes):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    try:
        with _quiet("pdfminer"):
            for page in extract_pages(io.BytesIO(data), laparams=LAParams()):
                yield "page", page_text(page)
    except MemoryError:
        yield "memory", None
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
    from . import gbt, isri, specsheet

    sample = text[:65536].encode("utf-8")
    for parser in (gbt.PARSER, isri.PARSER, specsheet.PARSER):
        if parser.sniff(sample, path):
            return parser
    raise SourceError(
        str(path),
        "the PDF's text is neither a GB/T standard nor an ISRI circular, nor a spec sheet "
        "(a title and limits with units)",
        hint="extract its text, then parse that with {parser:isri}",
        options={"parser": PARSER_OPTION},
    )


class PdfParser:
    name = NAME
    version = VERSION

    def sniff(self, head: bytes, path: Path) -> bool:
        return b"%PDF-" in head[:1024]

    def parse(self, data: bytes, path: Path, vocab: Vocabulary) -> ParseResult:
        text, pages = extract_text(data, path)
        if not text.strip():
            raise SourceError(
                str(path),
                "no text layer (scanned?)",
                hint="run OCR on it first (for example ocrmypdf) and parse the result",
            )
        reader = _reader(text, path)
        result = reader.parse(text.encode("utf-8"), path, vocab)
        origin = shell.origin(path, data, "pdf", NAME, VERSION)
        standard = replace(result.standard, origin=origin)
        note = (
            f"text of {pages} PDF pages extracted with pdfminer.six, "
            f"read by the {reader.name} parser"
        )
        return ParseResult(
            standard, result.units_total, result.units_structured, [note, *result.warnings]
        )


PARSER = PdfParser()
