"""GB/T text as read (decoded by toolkit/decode.py): lines, the patterns of a cover and a
clause, and the document being built (Doc), shared by the GB/T reader's modules (gbt.py)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import model as m
from .toolkit.coverage import Units

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary


NAME = "gbt"
VERSION = "1"

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


# Superscript digits after a number are footnote marks ("0.30¹"): kept apart as "^1", since NFKC
# would turn them into digits of the number (0.301).
_SUPERSCRIPT = re.compile(r"(?<=\d)([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})(?![⁰¹²³⁴⁵⁶⁷⁸⁹])")


def _normal(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _SUPERSCRIPT.sub(lambda found: "^" + found.group(1), text)
    return unicodedata.normalize("NFKC", text)


def lines_of(text: str) -> list[str]:
    text = _normal(text)
    return [" ".join(line.replace("\f", " ").split()) for line in text.split("\n")]


def _raw_lines(text: str) -> list[str]:
    """The same lines with their inner spacing kept (table columns are two spaces apart)."""
    text = _normal(text)
    return [line.replace("\f", " ").expandtabs(4).rstrip() for line in text.split("\n")]


def is_heading(line: str) -> re.Match | None:
    found = _HEADING.match(line)
    if found and not re.search(r"[。,，;；:：]", found.group(2)) and _CJK.search(found.group(2)):
        return found
    return None


# --- the document as it is read -----------------------------------------------------------------


@dataclass
class Doc(Units):
    """What reading collects; becomes the Standard (its text units counted as Units)."""

    vocab: Vocabulary
    meta: dict = field(default_factory=dict)
    title_zh: list[str] = field(default_factory=list)
    title_en: list[str] = field(default_factory=list)
    requirements: list[m.Requirement] = field(default_factory=list)
    groups: list[m.Group] = field(default_factory=list)
    grades: list[m.Grade] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Codes and group ids taken so far, and the next suffix to try for a group id: looked up
    # for every row, a scan of the lists made tables quadratic in rows (50 000 rows: 86 s).
    codes: set[str] = field(default_factory=set)
    group_ids: set[str] = field(default_factory=set)
    suffixes: dict[str, int] = field(default_factory=dict)
    # Tables continued on another page ("表2(续)"): there a category printed again is the same.
    continued: set[str] = field(default_factory=set)


@dataclass
class Paragraph:
    text: str
    where: str | None
