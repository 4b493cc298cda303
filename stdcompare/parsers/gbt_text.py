"""GB/T text as read: decoding, lines, the patterns of a cover and a clause, and the
document being built (Doc), shared by the GB/T reader's modules (parsers/gbt.py)."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import model as m
from ..errors import SourceError
from .base import Notes
from .textfile import CONTROL, refuse_binary

if TYPE_CHECKING:
    pass


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


@dataclass
class Paragraph:
    text: str
    where: str | None
