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

import codecs
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import model as m
from ..errors import SourceError, StdcompareError
from ..quantities import DIRECTION_WORDS, decimal_points, normalise_text, parse_bound
from .base import Notes, ParseResult
from .prose import lexicon, merge, pick_prop
from .textfile import CONTROL, SOURCE_ID, refuse_binary, source

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

NAME = "gbt"
VERSION = "1"

# --- decoding ------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes, path: Path) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings). Raises SourceError when no encoding reads the bytes."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], codec, path, [])
    if b"\x00" in data[:4096]:
        codec = _utf16_order(data[:4096])
        warnings = [f"no byte-order mark; NUL bytes suggest {codec.upper()} (a guess)"]
        return _decode(data, codec, path, warnings)
    try:
        return _decode(data, "utf-8", path, [])
    except SourceError:
        pass
    warning = "the text is not UTF-8; read as GB18030 (a guess; GB18030 includes GBK)"
    return _decode(data, "gb18030", path, [warning])


def _utf16_order(head: bytes) -> str:
    # ASCII in UTF-16 has its NUL in the high byte: the odd bytes for little-endian.
    odd = head[1::2].count(0)
    even = head[0::2].count(0)
    return "utf-16-le" if odd >= even else "utf-16-be"


def _decode(data: bytes, codec: str, path: Path, warnings: list[str]) -> tuple[str, str, list]:
    decoder = codecs.getincrementaldecoder(codec)("strict")
    try:
        text = decoder.decode(data, final=False)
        pending = decoder.getstate()[0]
    except UnicodeDecodeError as exc:
        raise SourceError(
            str(path),
            f"the text is not valid {codec.upper()} (byte {exc.start})",
            hint="save the document as UTF-8",
        ) from None
    if pending:
        warnings = [*warnings, f"the text ends inside a {codec.upper()} character; cut there"]
    refuse_binary(text, path)
    return CONTROL.sub("", text.lstrip("\ufeff")), codec, warnings


# --- lines ---------------------------------------------------------------------------------------

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# A draft's year is a placeholder: GB/T 38471—202X, —20XX or —XXXX.
_DESIGNATION = re.compile(
    r"(?<![A-Za-z])(GB(?:/[TZ])?)\s*(\d{1,5}(?:\.\d{1,3})?)\s*[—–\-－―‐]{1,2}\s*"
    r"((?:19|20)(?:\d\d|\d[Xx]|[Xx]{2})|[Xx]{4})"
)
# No two adjacent quantifiers take the same characters (a space): "ICS" or "注" and a long run of
# spaces were quadratic.
_ICS = re.compile(r"^ICS\s+([\d.;;][\d.;; ]*)$")
_CCS = re.compile(r"^(?:CCS\s+)?([A-Z]\s?\d{2})$")
_DATES = re.compile(r"((?:19|20)\d\d)\s*[-.年]\s*(\d{1,2})\s*[-.月]\s*(\d{1,2})日?\s*(发布|实施)")
_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,4})\s+(\S.{0,29})$")
_NUMBERED = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){1,4})\s+(\S.*)$")
_ANNEX = re.compile(r"^附\s*录\s*([A-Z])\b.*$")
_CAPTION = re.compile(r"^表\s*([A-Z]?\.?\d{1,3})\s*(.*)$")
_CAPTION_EN = re.compile(r"^Table\s+[A-Z]?\.?\d{1,3}\b", re.IGNORECASE)
_NOTE = re.compile(r"^注\s*(?:\d+\s*)?[:：]")
_ISSUERS = (
    "国家市场监督管理总局",
    "国家标准化管理委员会",
    "中华人民共和国国家质量监督检验检疫总局",
)
_SENTENCE_END = ("。", ";", "；", ":", "：", "!", "?")


def lines_of(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [" ".join(line.replace("\f", " ").split()) for line in text.split("\n")]


def _raw_lines(text: str) -> list[str]:
    """The same lines with their inner spacing kept (table columns are two spaces apart)."""
    text = unicodedata.normalize("NFKC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return [line.replace("\f", " ").expandtabs(4).rstrip() for line in text.split("\n")]


def is_heading(line: str) -> re.Match | None:
    found = _HEADING.match(line)
    if found and not re.search(r"[。,，;；:：]", found.group(2)) and _CJK.search(found.group(2)):
        return found
    return None


# --- the document as it is read -----------------------------------------------------------------


@dataclass
class Doc:
    """What reading collects; becomes the Standard."""

    vocab: object
    meta: dict = field(default_factory=dict)
    title_zh: list[str] = field(default_factory=list)
    title_en: list[str] = field(default_factory=list)
    requirements: list[m.Requirement] = field(default_factory=list)
    groups: list[m.Group] = field(default_factory=list)
    grades: list[m.Grade] = field(default_factory=list)
    notes: Notes = field(default_factory=Notes)
    warnings: list[str] = field(default_factory=list)
    total: int = 0
    structured: int = 0
    # Codes and group ids taken so far, and the next suffix to try for a group id: looked up
    # for every row, a scan of the lists made tables quadratic in rows (50 000 rows: 86 s).
    codes: set[str] = field(default_factory=set)
    group_ids: set[str] = field(default_factory=set)
    suffixes: dict[str, int] = field(default_factory=dict)

    def unit(self, structured: bool) -> None:
        self.total += 1
        self.structured += int(structured)

    def note(self, text: str, where: str | None) -> None:
        self.unit(False)
        self.notes.append(m.Note(text, where, verbatim=True))


def read_cover(lines: list[str], doc: Doc) -> int:
    """Cover lines up to the foreword or the first clause; returns the index after them."""
    for i, line in enumerate(lines):
        if not line:
            continue
        if line.replace(" ", "") in ("前言", "目次") or is_heading(line) or _CAPTION.match(line):
            return i
        for piece in cover_pieces(line):
            doc.unit(_cover_line(piece, doc))
    return len(lines)


# What a cover prints, each on a line of its own: text copied out of a PDF runs them into one
# line ("ICS 77.150.30 H 62 中华人民共和国国家标准 GB/T 38470—2019 再生黄铜原料 … 2019-12-31发布").
_COVER_MARK = re.compile(
    r"ICS\s+[\d.;；]+|(?<![A-Za-z])(?:CCS\s+)?[A-Z]\s?\d{2}(?=\s)|中华人民共和国国家标准|"
    r"代替\s*GB|(?:19|20)\d\d\s*[-.年]\s*\d{1,2}\s*[-.月]\s*\d{1,2}日?\s*(?:发布|实施)|"
    + "|".join(_ISSUERS)
    + "|"
    + _DESIGNATION.pattern
)


def cover_pieces(line: str) -> list[str]:
    """A line holding several of a cover's parts, cut into them (the words between two parts,
    a title, are one piece); any other line as it is."""
    marks = list(_COVER_MARK.finditer(line))
    if len(marks) < 2 or not any(_DESIGNATION.fullmatch(m.group(0)) for m in marks):
        return [line]
    pieces, at = [], 0
    for mark in marks:
        pieces += [line[at : mark.start()], mark.group(0)]
        at = mark.end()
    pieces.append(line[at:])
    # the Chinese title and its English one, run together: two pieces
    split = [part for p in pieces for part in _CJK_THEN_LATIN.split(p)]
    return [p.strip() for p in split if p.strip()]


_CJK_THEN_LATIN = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[A-Za-z])")


def _cover_line(line: str, doc: Doc) -> bool:
    """Read one cover line into doc.meta; False when it says nothing we can hold."""
    meta = doc.meta
    designation = _DESIGNATION.search(line)
    if line.startswith("代替") and designation:
        meta.setdefault("supersedes", _ref(designation))
        return True
    if designation and "designation" not in meta and _alone(line, designation):
        meta["designation"] = designation
        return True
    if designation:  # "GB/T 38471—2019《再生铜原料》": a citation, not this document's own name
        meta.setdefault("cited", []).append(_designation(designation))
        return False
    if (ics := _ICS.match(line)) is not None:
        meta["ics"] = ics.group(1).strip()
        return True
    if (ccs := _CCS.match(line)) is not None:
        meta["ccs"] = ccs.group(1)
        return True
    dates = list(_DATES.finditer(line))
    if dates:
        for found in dates:
            meta["issued" if found.group(4) == "发布" else "effective"] = _date(found)
        return True
    if any(issuer in line for issuer in _ISSUERS) or line.strip() == "发布":
        meta.setdefault("issuers", set()).update(i for i in _ISSUERS if i in line)
        return True
    if line.replace(" ", "") in ("中华人民共和国国家标准", "国家标准"):
        meta["national"] = True
        return True
    return _title_line(line, doc)


def _alone(line: str, designation: re.Match) -> bool:
    """A cover prints its designation on a line of its own (or with its national header); a
    line that goes on ("GB/T 38471—2019《再生铜原料》和 …") cites a standard."""
    rest = (line[: designation.start()] + line[designation.end() :]).replace(" ", "")
    return rest in ("", "中华人民共和国国家标准", "国家标准")


# A title is a name, not a sentence: a line ending as a sentence ends, or a title past this
# many characters, is body text (a guide's first paragraph once became a 491-character title).
_TITLE_MOST = 60


def _title_line(line: str, doc: Doc) -> bool:
    """The title after the designation; on a cover that names no designation (a draft's
    "GB/T XXXXX—XXXX"), after the national-standard header."""
    if "designation" not in doc.meta and not doc.meta.get("national"):
        return False
    if line.rstrip().endswith(("。", "；", ".", ";")) or len(line) > _TITLE_MOST:
        return False
    if len("".join(doc.title_zh)) + len(line) > _TITLE_MOST:
        return False
    if _CJK.search(line) and not doc.title_en:
        doc.title_zh.append(line)
        return True
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 ,.;:'()/&-]+", line) and doc.title_zh:
        doc.title_en.append(line)
        return True
    return False


def _date(found: re.Match) -> date | None:
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def _ref(designation: re.Match) -> str:
    return f"{_key(designation)}@{designation.group(3)}"


def _key(designation: re.Match) -> str:
    prefix = designation.group(1).lower().replace("/", "")
    return f"{prefix}-{designation.group(2).replace('.', '-')}"


# --- body: paragraphs, clauses, tables ----------------------------------------------------------


@dataclass
class Paragraph:
    text: str
    where: str | None


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


# --- paragraphs: metadata and requirements in running text --------------------------------------

_FREE = re.compile(
    r"(?:不应|不得|禁止|严禁|不准|不允许|不能)(?:混入|混有|夹带|夹杂|含有|带有|掺入|掺杂|有)"
    r"(?P<list>[^。;；]+)"
)
_LIST_SPLIT = re.compile(r"[、,，]|以及|及|和|与|或")
_AGREED = re.compile(r"供需双方(?:协商|商定|约定)|双方协商")
_DIRECTIONS_NORMAL = re.compile(r"应?不应?(?=大于|小于|超过|高于|低于)")


def read_paragraph(para: Paragraph, doc: Doc) -> None:
    text = para.text.strip()
    if not text:
        return
    structured = _paragraph_meta(text, doc)
    found: list[m.Requirement] = []
    for sentence in re.split(r"(?<=[。;；])", text):
        found += _sentence_requirements(sentence, para.where, doc)
    if found:
        doc.requirements = merge([*doc.requirements, *found], doc.warnings, "text", doc.vocab)
    doc.unit(structured or bool(found))
    doc.notes.append(m.Note(text, para.where, verbatim=True))


def _paragraph_meta(text: str, doc: Doc) -> bool:
    """Foreword statements that fill metadata: what the edition replaces, how limits are
    judged."""
    structured = False
    if "代替" in text and (found := _DESIGNATION.search(text.split("代替", 1)[1])) is not None:
        doc.meta.setdefault("supersedes", _ref(found))
        structured = True
    if "修约值比较法" in text:
        doc.meta["judgement"] = "rounded"
        structured = True
    elif "全数值比较法" in text:
        doc.meta["judgement"] = "full-value"
        structured = True
    return structured


def _sentence_requirements(sentence: str, where, doc: Doc) -> list[m.Requirement]:
    sentence = _DIRECTIONS_NORMAL.sub("不", sentence)
    flags = _flags(sentence)
    reqs = _free_of(sentence, where, flags, doc)
    reqs += _numbers(sentence, where, flags, doc)
    if not reqs and flags["negotiable"]:
        prop = _zh_prop(sentence, None, doc.vocab)
        if prop is not None:
            reqs.append(_req(prop, flags, where, state=m.State.AGREEMENT, text=sentence))
    return reqs


def _flags(sentence: str) -> dict:
    should = "宜" in sentence and not re.search(r"不宜|应", sentence)
    consequence = m.Consequence.REJECT
    if re.search(r"扣重|扣除|扣减|扣杂", sentence):
        consequence = m.Consequence.DEDUCT
    elif re.search(r"计价|价格|折价", sentence):
        consequence = m.Consequence.PRICE
    return {
        "strength": m.Strength.SHOULD if should else m.Strength.SHALL,
        "consequence": consequence,
        "negotiable": bool(_AGREED.search(sentence)),
    }


def _req(prop: str, flags: dict, where, **fields) -> m.Requirement:
    return m.Requirement(
        prop=prop,
        strength=flags["strength"],
        consequence=flags["consequence"],
        negotiable=flags["negotiable"],
        where=where,
        evidence=(SOURCE_ID,),
        **fields,
    )


def _free_of(sentence, where, flags, doc: Doc) -> list[m.Requirement]:
    reqs = []
    for hit in _FREE.finditer(sentence):
        listed = re.split(r"等", hit.group("list"), maxsplit=1)[0]
        for item in (i.strip() for i in _LIST_SPLIT.split(listed)):
            if not item:
                continue
            key = zh_contaminant(item, doc.vocab)
            if key is None:
                doc.warnings.append(f"{where or 'text'}: '{item}' matches no contaminant")
                continue
            reqs.append(_req(f"free_of.{key}", flags, where, state=m.State.FORBIDDEN, text=item))
    return reqs


@lru_cache(maxsize=4)
def _zh_contaminants(vocab: Vocabulary) -> tuple[tuple[str, str], ...]:
    names = [(spec.get("zh", ""), key) for key, spec in vocab.contaminants.items()]
    return tuple(sorted(((n, k) for n, k in names if n), key=lambda p: -len(p[0])))


def zh_contaminant(item: str, vocab: Vocabulary) -> str | None:
    """The contaminant whose Chinese name is the item, or is inside it ("其他危险物品")."""
    for name, key in _zh_contaminants(vocab):
        if item == name or (len(name) >= 2 and name in item):
            return key
    return None


_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,9}(?:\.\d{1,6})?)")  # not \w: 于1.0 is a number
# How far before a limit its property may be named. A GB/T sentence is far shorter; searching
# the whole sentence for every number was quadratic in one with thousands of numbers.
NAME_LOOKBACK = 300
_UNIT_AFTER = re.compile(r"\s*(%|[A-Za-zµμ³/]+|毫米|厘米|千克|公斤|吨|米)")


def _numbers(sentence: str, where, flags, doc: Doc) -> list[m.Requirement]:
    reqs = []
    vocab = doc.vocab
    # "≧９９，９％" is "≧99,9%" after NFKC: with its decimal comma unread, "99" had no unit and
    # "9" took the "≧" before it. Positions are kept, so the words around stay where they are.
    sentence = decimal_points(sentence)
    for hit in _NUMBER.finditer(sentence):
        unit_hit = _UNIT_AFTER.match(sentence, hit.end())
        unit = vocab.unit_key(unit_hit.group(1)) if unit_hit else None
        if unit is None or unit not in vocab.units:
            continue
        end = unit_hit.end()
        bound, word_start = _bound_before(sentence, hit.start(), sentence[hit.start() : end])
        if bound is None:
            continue
        named = sentence[max(0, word_start - NAME_LOOKBACK) : word_start]
        prop = _zh_prop(named, vocab.units[unit].quantity, vocab, bound)
        if prop is None:
            doc.warnings.append(f"{where or 'text'}: no property recognised for '{hit.group(0)}'")
            continue
        reqs.append(_req(prop, flags, where, unit=unit, **bound))
    return reqs


def _bound_before(sentence: str, start: int, number: str) -> tuple[dict | None, int]:
    """The bound a direction word up to 16 characters before a number gives it (the longest
    word ending nearest the number, so "不大于" and not "大于"); words between are allowed
    ("不应超过原料总量的5%")."""
    best = None
    for j in range(start, max(start - 16, 0) - 1, -1):
        for k in range(j - 1, max(j - 6, 0) - 1, -1):
            word = sentence[k:j]
            fields = _one_sided(word, number)
            if fields is not None:
                best = (fields, k)
        if best is not None:
            return best
    # Matched in place and read from a bounded slice: a copy of the rest of the sentence for
    # every number was quadratic in a sentence of many.
    if _RANGE_AT.match(sentence, start):
        fields = _range(sentence[start : start + RANGE_CHARS])
        return (fields, start) if fields else (None, start)
    return None, start


_RANGE_AT = re.compile(r"\d+(?:\.\d+)?\s*[-~～至]\s*\d")
RANGE_CHARS = 200  # a range and its unit, up to the comma _range cuts at, are far shorter


@lru_cache(maxsize=65536)
def _may_bound(word: str) -> bool:
    """Whether "word number" can read as a one-sided bound: parse_bound reads one only after a
    direction word, or a gauge after "No." or "#". Checked first because parse_bound is slow
    next to this, and _bound_before tries a hundred words a number (a sentence of 20 000 "1%"
    took 67 s)."""
    lowered = normalise_text(word).lower()
    return lowered.startswith(DIRECTION_WORDS) or lowered in ("no", "no.", "#")


def _one_sided(word: str, number: str) -> dict | None:
    if not word.strip() or word[0].isdigit() or word[0] in "., " or not _may_bound(word):
        return None
    try:
        iv = parse_bound(f"{word} {number}").interval
    except (StdcompareError, ArithmeticError):
        return None
    if iv.lo is not None and iv.hi is None:
        return {"lo": iv.lo, "lo_inclusive": iv.lo_inclusive}
    if iv.hi is not None and iv.lo is None:
        return {"hi": iv.hi, "hi_inclusive": iv.hi_inclusive}
    return None


def _range(text: str) -> dict | None:
    try:
        iv = parse_bound(text.split("，")[0].split(",")[0]).interval
    except (StdcompareError, ArithmeticError):
        return None
    if iv.lo is None or iv.hi is None or iv.lo > iv.hi:
        return None
    return {"lo": iv.lo, "hi": iv.hi}


@lru_cache(maxsize=4)
def _zh_lexicon(vocab: Vocabulary) -> tuple[tuple[str, str, str], ...]:
    """(Chinese name, property key, quantity), longest names first."""
    found = []
    for key in vocab.property_keys():
        prop = vocab.property(key)
        found.append((prop.zh, key, prop.quantity))
    for symbol, names in vocab.elements.items():
        zh = names.get("zh", "")
        for name in {f"{zh}含量", f"{symbol}含量", f"{symbol}"} | ({zh} if zh else set()):
            if name:
                found.append((name, f"element:{symbol}", "mass_fraction"))
    return tuple(sorted(found, key=lambda t: -len(t[0])))


def _zh_prop(
    text: str, quantity: str | None, vocab: Vocabulary, bound: dict | None = None
) -> str | None:
    """The property named nearest the end of `text` (the words before a limit)."""
    best: tuple[int, int, str] | None = None
    compact = text.replace(" ", "")
    for name, key, qty in _zh_lexicon(vocab):
        if quantity is not None and qty != quantity:
            continue
        at = compact.rfind(name)
        if at >= 0 and (best is None or (at + len(name), len(name)) > best[:2]):
            best = (at + len(name), len(name), key)
    if best is None:
        return None
    key = best[2]
    if key.startswith("element:"):
        symbol = key.split(":", 1)[1]
        upper = bound is not None and "hi" in bound and "lo" not in bound
        return f"impurity.{symbol}" if upper else f"content.{symbol}"
    return key


# --- tables --------------------------------------------------------------------------------------

_CODE = re.compile(r"^[A-Z][A-Za-z]{0,5}-?\d{1,3}[A-Z]?$")
_DASH = re.compile(r"^(?:[—–\-－―‐_]{1,}|——)$")
# Header words of the text columns of GB/T tables (layout words, not vocabulary).
_ROLES = {
    "code": ("代号", "牌号", "编号", "code"),
    "category": ("类别", "类型", "分类", "种类", "category", "class"),
    "abbreviation": ("简称", "缩写", "abbreviation", "short name"),
    "mark": ("标记", "mark"),
    "name": ("名称", "品名", "name", "product"),
}
_CELL_SPLIT = re.compile(r"\t|\s{2,}|\s*\|\s*")


@dataclass
class Cell:
    zh: str = ""
    en: str = ""

    @property
    def text(self) -> str:
        return self.zh or self.en

    @property
    def label(self) -> str:
        return " / ".join(t for t in (self.zh, self.en) if t)


@dataclass
class Column:
    role: str  # code | category | abbreviation | mark | name | value | text
    header: Cell
    prop: str | None = None
    direction: str | None = None  # a bound word from the header ("不大于", "max")
    unit: str | None = None


@dataclass
class Row:
    before: list[Cell]
    code: str
    after: list[Cell]


def read_table(lines: list[str], raw: list[str], i: int, doc: Doc) -> int:
    """Read the table whose caption is lines[i]; returns the index after it."""
    where = "表" + _CAPTION.match(lines[i]).group(1)
    doc.unit(True)
    i += 1
    if i < len(lines) and _CAPTION_EN.match(lines[i]):
        doc.unit(True)
        i += 1
    end = _table_end(lines, i)
    body = [(lines[k], raw[k]) for k in range(i, end) if lines[k]]
    if not body:
        return end
    cells_by_line = [_cells(r) for _, r in body]
    if len(cells_by_line[0]) >= 2:
        columns, rows, loose = _line_mode(cells_by_line, doc)
    else:
        columns, rows, loose = _cell_mode([c for cells in cells_by_line for c in cells], doc)
    if columns is None:
        for line, _ in body:
            doc.note(line, where)
        doc.warnings.append(f"{where}: no code column found; the table is kept as notes")
        return end
    for cell in loose:
        doc.note(cell.label, where)
    TableReader(columns, where, doc).read(rows)
    return end


def _table_end(lines: list[str], i: int) -> int:
    while i < len(lines):
        line = lines[i]
        if line and (
            is_heading(line)
            or _CAPTION.match(line)
            or _NOTE.match(line)
            or _ANNEX.match(line)
            or (_CJK.search(line) and "。" in line)
        ):
            return i
        i += 1
    return i


def _cells(raw_line: str) -> list[str]:
    return [c.strip() for c in _CELL_SPLIT.split(raw_line.strip()) if c.strip()]


def _kind(text: str) -> str:
    if _CODE.match(text):
        return "code"
    if _DASH.match(text) or _is_value(text):
        return "value"
    if _CJK.search(text):
        return "zh"
    return "en"


def _is_value(text: str) -> bool:
    try:
        parse_bound(text)
    except (StdcompareError, ArithmeticError):
        return False
    return bool(re.match(r"^[≥≤<>≧≦⩾⩽]?\s*\d", text))


def bilingual(texts: list[str]) -> list[Cell]:
    """Chinese cells each followed by their English rendering become one cell each."""
    cells: list[Cell] = []
    for text in texts:
        kind = _kind(text)
        if kind == "en" and cells and cells[-1].zh and not cells[-1].en:
            cells[-1].en = text
        elif kind == "zh" and _CJK.search(text) and re.search(r"[A-Za-z]{3}", text):
            zh, en = _split_scripts(text)
            cells.append(Cell(zh, en))
        elif kind == "zh":
            cells.append(Cell(zh=text))
        else:
            cells.append(Cell(en=text))
    return cells


# The English part of a cell, reversed: two or more English characters, a letter, a space.
_ENGLISH_TAIL_REVERSED = re.compile(r"[A-Za-z ,.'()-]{2,}[A-Za-z]\s")


def _split_scripts(text: str) -> tuple[str, str]:
    """ "重型料 Heavy scrap": the Chinese part and the English part of one cell.

    The English part runs to the end of the cell, so it is matched at the start of the reversed
    text: one attempt, linear. Searching the text for a part that must end at its end retried
    from every space, and a long cell of English words ending in something else took seconds."""
    found = _ENGLISH_TAIL_REVERSED.match(text[::-1])
    if found is None:
        return text, ""
    start = len(text) - found.end()
    return text[:start].strip(), text[start:].strip()


def _line_mode(cells_by_line: list[list[str]], doc: Doc):
    header = bilingual(cells_by_line[0])
    rest = cells_by_line[1:]
    if rest and not any(_kind(c) in ("code", "value") for c in rest[0]):
        second = rest[0]
        if len(second) == len(header) and all(_kind(c) == "en" for c in second):
            for cell, text in zip(header, second, strict=True):
                cell.en = cell.en or text  # the English header line under the Chinese one
            rest = rest[1:]
    columns = _columns(header, doc)
    if columns is None:
        return None, [], []
    rows, loose = [], []
    for cells in rest:
        row = _row(bilingual(cells))
        if row is None:
            loose += bilingual(cells)
        else:
            rows.append(row)
    return columns, rows, loose


def _row(cells: list[Cell]) -> Row | None:
    at = next((i for i, c in enumerate(cells) if _CODE.match(c.en or c.zh)), None)
    if at is None:
        return None
    return Row(cells[:at], cells[at].text, cells[at + 1 :])


def _cell_mode(texts: list[str], doc: Doc):
    cells = bilingual(texts)
    n = 0
    while n < len(cells) and _header_role(cells[n]) != "text":
        n += 1
    columns = _columns(cells[:n], doc)
    if columns is None:
        return None, [], []
    rows: list[Row] = []
    before: list[Cell] = []
    for cell in cells[n:]:
        kind = _kind(cell.en or cell.zh)
        if kind == "code":
            rows.append(Row(before, cell.text, []))
            before = []
        elif kind == "value" and rows and not before:
            rows[-1].after.append(cell)
        else:
            before.append(cell)
    return columns, rows, before


def _header_role(cell: Cell) -> str:
    """code, a value column (a property with a unit or a bound word), or a text role."""
    if _kind(cell.en or cell.zh) in ("code", "value"):
        return "text"  # a data cell: the header has ended
    text = cell.label.lower()
    if any(w in text for w in _ROLES["code"]):
        return "code"
    if _is_property_header(cell):
        return "value"
    return next((role for role, words in _ROLES.items() if any(w in text for w in words)), "text")


def _is_property_header(cell: Cell) -> bool:
    """ "夹杂物/% 不大于": a unit after a slash, a percent sign or a bound word."""
    texts = [t for t in (cell.zh, cell.en) if t]
    return any("/" in t or "%" in t or _direction(t) is not None for t in texts)


def _columns(header: list[Cell], doc: Doc) -> list[Column] | None:
    columns = []
    for cell in header:
        column = Column(_header_role(cell), cell)
        if column.role == "value":
            column.prop = _header_prop(cell, doc)
            column.direction = _direction(cell.label)
            column.unit = _header_unit(cell.label, doc.vocab)
            if column.prop is None:
                column.role = "text"
        doc.unit(column.role not in ("text",))
        columns.append(column)
    if not any(c.role == "code" for c in columns):
        return None
    return columns


def _header_prop(cell: Cell, doc: Doc) -> str | None:
    unit = _header_unit(cell.label, doc.vocab)
    quantity = doc.vocab.units[unit].quantity if unit else None
    bound = {"hi": 1} if _is_upper(_direction(cell.label)) else {"lo": 1}
    prop = _zh_prop(cell.zh, quantity, doc.vocab, bound) if cell.zh else None
    if prop is None and cell.en:
        words = re.findall(r"[a-z][a-z'\-]*", cell.en.lower())
        direction = "max" if "hi" in bound else "min"
        prop = pick_prop(lexicon(doc.vocab), quantity or "mass_fraction", direction, words)
    return prop if prop and doc.vocab.property(prop) else None


def _is_upper(word: str | None) -> bool:
    if word is None:
        return False
    try:
        return parse_bound(f"{word} 1").interval.hi is not None
    except (StdcompareError, ArithmeticError):
        return False


def _direction(header: str) -> str | None:
    """The bound word a column header carries ("不大于", "≥", "max."), or None."""
    for i in range(len(header)):
        if i and header[i - 1].isascii() and header[i - 1].isalpha():
            continue
        for j in range(i + 1, min(len(header), i + 14) + 1):
            tail_ok = j == len(header) or not (header[j].isascii() and header[j].isalpha())
            if tail_ok and _one_sided(header[i:j], "1") is not None:
                return header[i:j].strip()
    return None


def _header_unit(header: str, vocab: Vocabulary) -> str | None:
    for token in re.findall(r"[/(]\s*([%A-Za-zµμ³]+(?:/[A-Za-z³0-9]+)?|毫米|厘米|千克|公斤|吨|米)",
                            header):  # fmt: skip
        key = vocab.unit_key(token)
        if key is not None:
            return key
    return "%" if "质量分数" in header else None


class TableReader:
    """Rows to groups and grades: a value printed once for a category (a merged cell) is the
    category's requirement; every other value cell is its row's grade's."""

    def __init__(self, columns: list[Column], where: str, doc: Doc) -> None:
        self.where = where
        self.doc = doc
        at = next(i for i, c in enumerate(columns) if c.role == "code")
        self.before = columns[:at]
        self.after = columns[at + 1 :]
        self.has_category = any(c.role == "category" for c in self.before)

    def read(self, rows: list[Row]) -> None:
        groups = self._split_groups(rows)
        merged = self._merged_columns(groups)
        for n, (head, members) in enumerate(groups):
            group_id = self._group(head, merged, n) if self._opens(head) else None
            for row in members:
                self._grade(row, group_id, merged if row is head and group_id else set())

    def _opens(self, row: Row) -> bool:
        """A row that fills the category column opens a category."""
        return self.has_category and len(row.before) >= len(self.before)

    def _split_groups(self, rows: list[Row]) -> list[tuple[Row, list[Row]]]:
        """A row that lacks the category cell (a merged cell printed once) belongs to the
        category above it."""
        groups: list[tuple[Row, list[Row]]] = []
        for row in rows:
            if self._opens(row) or not groups:
                groups.append((row, [row]))
            else:
                groups[-1][1].append(row)
        return groups

    def _merged_columns(self, groups) -> set[int]:
        """Value columns that some category prints once for all its rows."""
        merged = set()
        for head, members in groups:
            for row in members[1:]:
                merged.update(range(len(row.after), min(len(head.after), len(self.after))))
        return merged

    def _texts(self, row: Row) -> tuple[dict[str, Cell], list[Cell]]:
        """Text cells by role, right-aligned on the columns before the code; and the extra
        cells no column takes."""
        found: dict[str, Cell] = {}
        pairs = list(zip(reversed(self.before), reversed(row.before), strict=False))
        for column, cell in pairs:
            found.setdefault(column.role, cell)
        return found, row.before[: max(len(row.before) - len(self.before), 0)]

    def _group(self, head: Row, merged: set[int], n: int) -> str:
        doc = self.doc
        cells, _ = self._texts(head)
        category = cells["category"]
        ident = _group_id(category, cells.get("abbreviation"), n, doc)
        reqs = [self._requirement(k, head.after[k]) for k in sorted(merged) if k < len(head.after)]
        names = {lang: m.Name(text, lang) for lang, text in (("zh", category.zh),
                 ("en", category.en)) if text}  # fmt: skip
        described = [
            f"{c.header.label}: {cells[c.role].label}"
            for c in self.before
            if c.role in ("abbreviation", "mark") and c.role in cells
        ]
        doc.group_ids.add(ident)
        doc.groups.append(
            m.Group(
                id=ident,
                names=names,
                requirements=tuple(merge([r for r in reqs if r], doc.warnings, ident, doc.vocab)),
                description="; ".join(described) or None,
                where=self.where,
                evidence=(SOURCE_ID,),
            )
        )
        return ident

    def _grade(self, row: Row, group_id: str | None, group_columns: set[int]) -> None:
        doc = self.doc
        if row.code in doc.codes:
            doc.warnings.append(f"{self.where}: code {row.code} appears twice; the second ignored")
            doc.note(" ".join([row.code, *(c.label for c in row.after)]), self.where)
            return
        cells, extra = self._texts(row)
        doc.unit(True)  # the code cell
        for role, cell in cells.items():
            if role == "text":
                doc.note(cell.label, f"{self.where}, {row.code}")
            else:
                doc.unit(True)
        for cell in extra:
            doc.note(cell.label, f"{self.where}, {row.code}")
        reqs = []
        for k, cell in enumerate(row.after):
            if k in group_columns:
                continue  # read as the category's requirement
            if k >= len(self.after):
                doc.note(cell.label, f"{self.where}, {row.code}")
            elif (req := self._requirement(k, cell)) is not None:
                reqs.append(req)
        doc.codes.add(row.code)
        doc.grades.append(self._make_grade(row, group_id, cells.get("name"), reqs))

    def _make_grade(self, row, group_id, name: Cell | None, reqs) -> m.Grade:
        doc = self.doc
        names = {}
        if name is not None:
            names = {lang: m.Name(t, lang) for lang, t in (("zh", name.zh), ("en", name.en)) if t}
        return m.Grade(
            code=row.code,
            group=group_id,
            names=names,
            families=tuple(doc.meta.get("families", ())),
            text=m.TextCompleteness.PARTIAL,
            seen_in=doc.meta.get("edition"),
            requirements=tuple(merge(reqs, doc.warnings, row.code, doc.vocab)),
            where=self.where,
            evidence=(SOURCE_ID,),
        )

    def _requirement(self, k: int, cell: Cell) -> m.Requirement | None:
        """One value cell under its header; counts the cell as a unit."""
        column = self.after[k]
        doc = self.doc
        req = _cell_requirement(cell.text, column, self.where) if column.prop else None
        doc.unit(req is not None)
        if req is None:
            doc.notes.append(m.Note(cell.label, f"{self.where}: {column.header.label}", True))
            if column.prop:
                doc.warnings.append(f"{self.where}: cell '{cell.text}' could not be read")
        return req


def _cell_requirement(text: str, column: Column, where: str) -> m.Requirement | None:
    base = m.Requirement(column.prop, unit=column.unit, where=where, evidence=(SOURCE_ID,))
    if _DASH.match(text):
        return replace(
            base, state=m.State.NONE, unit=None, text="the table cell holds a dash: no limit"
        )
    if _AGREED.search(text):
        return replace(base, state=m.State.AGREEMENT, unit=None, text=text)
    try:
        own = parse_bound(text)
    except (StdcompareError, ArithmeticError):
        return None
    iv = own.interval
    if iv.lo is not None and iv.lo == iv.hi and iv.lo_inclusive and iv.hi_inclusive:
        if column.direction is None:
            return replace(base, nominal=iv.lo, uncertain="the header gives no direction")
        fields = _one_sided(column.direction, text)  # "不大于" over a bare "0.5"
        return replace(base, **fields) if fields else None
    return replace(base, lo=iv.lo, lo_inclusive=iv.lo_inclusive, hi=iv.hi,
                   hi_inclusive=iv.hi_inclusive)  # fmt: skip


def _group_id(category: Cell, abbreviation: Cell | None, n: int, doc: Doc) -> str:
    base = ""
    if abbreviation is not None and re.fullmatch(r"[A-Za-z]{1,8}", abbreviation.text):
        base = abbreviation.text.lower()
    elif category.en:
        base = "-".join(re.findall(r"[a-z0-9]+", category.en.lower()))[:40]
    base = base or f"category-{n + 1}"
    # Suffixes go on from where the last group of this base stopped: counting up from 2 each
    # time was quadratic in a table of many rows of one category name.
    ident, k = base, doc.suffixes.get(base, 2)
    while ident in doc.group_ids:
        ident, k = f"{base}-{k}", k + 1
    doc.suffixes[base] = k
    return ident


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
        origin=m.Origin(str(path), hashlib.sha256(data).hexdigest(), encoding, NAME, VERSION),
    )


def _is_draft(found: re.Match | None) -> bool:
    """A year still to be filled in (202X) marks a draft."""
    return found is not None and not found.group(3).isdigit()


def _designation(found: re.Match | None) -> str:
    return f"{found.group(1)} {found.group(2)}-{found.group(3)}" if found else ""


class GbtParser:
    name = NAME
    version = VERSION

    def sniff(self, head: bytes, path: Path) -> bool:
        start = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")[:5]
        if start.startswith((b"%PDF", b"<")):
            return False  # PDF, XML and HTML have parsers of their own
        try:
            text, _, _ = decode(head, path)
        except SourceError:
            return False
        return bool(
            "中华人民共和国国家标准" in text.replace(" ", "")
            or re.search(r"(?m)^\s*GB(?:/[TZ])?\s*\d{3,5}\s*[—–\-－]\s*(?:19|20)\d\d\s*$", text)
            or ("前言" in text and re.search(r"本(?:标准|文件)(?:按照|由|规定)", text))
        )

    def parse(self, data: bytes, path: Path, vocab: Vocabulary) -> ParseResult:
        text, encoding, warnings = decode(data, path)
        doc = Doc(vocab, warnings=warnings)
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
