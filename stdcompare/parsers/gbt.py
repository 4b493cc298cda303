"""Chinese national standards (GB/T, GB, GB/Z) as plain text, as a PDF-to-text tool or a
copy from a web page gives them (layout notes, section 2).

The text is read in this order: the cover (ICS, CCS, "中华人民共和国国家标准", the designation
"GB/T 38471—2019", "代替 …", the Chinese and English titles, the 发布 / 实施 dates, the issuers),
the foreword (前言), then numbered clauses, annexes and tables.

Tables are the heart of a GB/T: the direction of a limit sits in the column header
("夹杂物要求/% 不大于", "TFe含量/% 不小于") and applies to the bare numbers below it; a "—" cell
says explicitly that there is no requirement (state "none"); a category cell merged over several
rows is printed once, so a row that lacks it (and lacks a merged value cell) belongs to the
category above, and the merged value is the category's (a group requirement). Cells come either
as rows of one line (columns apart by two spaces, a tab or "|") or, from PDFs, one cell a line,
with a Chinese cell and its English rendering one after the other; both are read the same way.

Encodings: a BOM decides (UTF-8, UTF-16, UTF-32); else NUL bytes mean UTF-16 (guessed, said in a
warning); else strict UTF-8; else GB18030 (a superset of GBK; guessed, said in a warning). A
file cut inside a character is read up to the cut, with a warning.

The designation is written with a hyphen, as the corpus writes it ("GB/T 38471-2019"); its key
is "gbt-38471" and its edition "2019". Text that becomes no structure is kept as a verbatim note.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from .. import model as m
from ..errors import SourceError
from .base import ParseResult
from .textfile import SOURCE_ID, source
from .toolkit.decode import CHINESE, decode
from .toolkit.shell import origin

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary
from .gbt_cover import _designation, _key, read_cover
from .gbt_paragraphs import read_paragraph
from .gbt_tables import read_table
from .gbt_text import (
    _ANNEX,
    _CAPTION,
    _CJK,
    _DESIGNATION,
    _NOTE,
    _NUMBERED,
    _SENTENCE_END,
    NAME,
    VERSION,
    Doc,
    Paragraph,
    _raw_lines,
    is_heading,
    lines_of,
)

# --- body: paragraphs, clauses, tables ----------------------------------------------------------


def read_body(lines: list[str], raw: list[str], start: int, doc: Doc) -> None:
    where: str | None = None
    para: list[str] = []
    headings: dict[str, str] = {}  # clause number -> its heading line
    used: set[str | None] = set()  # clauses that have text or a table under them
    i = start

    def flush() -> None:
        if para:
            read_paragraph(Paragraph("".join(_join(para)), where), doc)
            used.add(where)
            para.clear()

    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        heading = _structural(line)
        if heading is not None or _CAPTION.match(line) or _NOTE.match(line):
            flush()
        if _CAPTION.match(line):
            used.add(where)
            i = read_table(lines, raw, i, doc)
            continue
        if heading is not None:
            where = heading
            numbered = _NUMBERED.match(line)
            if numbered and not is_heading(line):
                para.append(numbered.group(2))
            else:
                headings.setdefault(heading, line)
        elif _NOTE.match(line):
            used.add(where)
            doc.note(line, where)
        elif line == "".join(doc.title_zh) and not para:
            doc.unit(True)  # the title repeated above clause 1
        else:
            if re.match(r"^[a-z]\)", line):
                flush()  # a list item starts a paragraph of its own
            para.append(line)
            if line.endswith(_SENTENCE_END[:1]) or re.match(r"^[a-z]\)", line):
                flush()
        i += 1
    flush()
    _headings(headings, used, doc)


def _headings(headings: dict[str, str], used: set, doc: Doc) -> None:
    """A clause heading is structure when text sits under it; a heading with nothing under it
    (a title-only clause, or an excerpt cut after its heading) is kept as a note."""
    for number, line in headings.items():
        if any(u == number or (u or "").startswith(number + ".") for u in used):
            doc.unit(True)
        else:
            doc.note(line, number)


def _structural(line: str) -> str | None:
    """The clause number a line opens ("5.1", "附录A", "前言"), or None."""
    compact = line.replace(" ", "")
    if compact in ("前言", "引言", "参考文献", "目次"):
        return compact
    if (annex := _ANNEX.match(line)) is not None:
        return f"附录{annex.group(1)}"
    if (heading := is_heading(line)) is not None:
        return heading.group(1)
    if (numbered := _NUMBERED.match(line)) is not None and _CJK.search(numbered.group(2)):
        return numbered.group(1)
    return None


def _join(parts: list[str]) -> list[str]:
    """Lines of one paragraph, joined without a space between Chinese characters."""
    out: list[str] = []
    for part in parts:
        if out and out[-1][-1:].isascii() and part[:1].isascii():
            out.append(" ")
        out.append(part)
    return out


# --- the parser ----------------------------------------------------------------------------------


def _families(title: str, vocab: Vocabulary) -> tuple[str, ...]:
    """The family whose Chinese name is the longest found in the title (再生黄铜原料 → brass)."""
    best = ""
    found: tuple[str, ...] = ()
    for key, spec in vocab.families.items():
        zh = spec.get("zh", "")
        if zh and zh in title and len(zh) > len(best):
            best, found = zh, (key,)
    return found


def build(doc: Doc, path: Path, data: bytes, encoding: str) -> m.Standard:
    meta = doc.meta
    designation = meta.get("designation")
    title = {}
    if doc.title_zh:
        title["zh"] = "".join(doc.title_zh)
    if doc.title_en:
        title["en"] = " ".join(doc.title_en)
    notes = []
    if meta.get("ics") or meta.get("ccs"):
        parts = [
            f"ICS {meta['ics']}" if meta.get("ics") else "",
            meta.get("ccs") and f"CCS {meta['ccs']}",
        ]
        notes.append(m.Note("; ".join(p for p in parts if p), "cover"))
    issuers = meta.get("issuers") or set()
    families = tuple(meta.get("families", ()))
    return m.Standard(
        key=_key(designation) if designation else "gbt-unknown",
        edition=designation.group(3) if designation else "undated",
        designation=_designation(designation),
        kind=m.Kind.PRODUCT_STANDARD,
        status=m.Status.DRAFT if _is_draft(designation) else m.Status.CURRENT,
        title=title,
        body="SAMR / SAC" if len(issuers) >= 2 else None,
        region="CN",
        issued=meta.get("issued"),
        effective=meta.get("effective"),
        supersedes=meta.get("supersedes"),
        grade_list=m.GradeList.UNKNOWN,
        families=families,
        judgement=meta.get("judgement"),
        requirements=tuple(doc.requirements),
        groups=tuple(doc.groups),
        grades=tuple(doc.grades),
        sources={SOURCE_ID: source(path, NAME)},
        evidence=(SOURCE_ID,),
        notes=tuple(notes + doc.notes.closed(doc.warnings)),
        origin=origin(path, data, encoding, NAME, VERSION),
    )


def _is_draft(found: re.Match | None) -> bool:
    """A year still to be filled in (202X) marks a draft."""
    return found is not None and not found.group(3).isdigit()


class GbtParser:
    name = NAME
    version = VERSION

    def sniff(self, head: bytes, path: Path) -> bool:
        start = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")[:5]
        if start.startswith((b"%PDF", b"<")):
            return False  # PDF, XML and HTML have parsers of their own
        try:
            text = decode(head, path, CHINESE).text
        except SourceError:
            return False
        return bool(
            "中华人民共和国国家标准" in text.replace(" ", "")
            or re.search(r"(?m)^\s*GB(?:/[TZ])?\s*\d{3,5}\s*[—–\-－]\s*(?:19|20)\d\d\s*$", text)
            or ("前言" in text and re.search(r"本(?:标准|文件)(?:按照|由|规定)", text))
        )

    def parse(self, data: bytes, path: Path, vocab: Vocabulary) -> ParseResult:
        decoded = decode(data, path, CHINESE)
        text, encoding = decoded.text, decoded.encoding
        doc = Doc(vocab, warnings=decoded.warnings)
        lines, raw = lines_of(text), _raw_lines(text)
        start = read_cover(lines, doc)
        designation = doc.meta.get("designation")
        if designation is None:
            _designation_in_body(lines, doc)
            designation = doc.meta.get("designation")
        _refuse_a_mention(doc, path)
        doc.meta["edition"] = designation.group(3) if designation else None
        doc.meta["families"] = _families("".join(doc.title_zh), vocab)
        read_body(lines, raw, start, doc)
        if designation is None:
            doc.warnings.append("no designation (GB/T nnnnn—yyyy) found on the cover")
        return ParseResult(build(doc, path, data, encoding), doc.total, doc.structured,
                           doc.warnings)  # fmt: skip


def _refuse_a_mention(doc: Doc, path: Path) -> None:
    """A guide, a notice or a news item that cites standards is not one of them: with no cover
    of its own (no designation alone on a line, no national-standard header) and citations of
    standards, it is refused rather than read as the first standard it names."""
    meta = doc.meta
    if meta.get("designation") is not None or meta.get("national") or not meta.get("cited"):
        return
    cited = ", ".join(dict.fromkeys(meta["cited"]))
    raise SourceError(
        str(path),
        f"this document cites {cited} but is not a standard's text (no cover names it)",
        hint="parse the standard's own text; a guide or notice about it is not transcribed",
    )


def _designation_in_body(lines: list[str], doc: Doc) -> None:
    """An excerpt without its cover may still name itself in a line of its own."""
    for line in lines[:40]:
        found = _DESIGNATION.fullmatch(line.strip())
        if found:
            doc.meta["designation"] = found
            return


PARSER = GbtParser()
