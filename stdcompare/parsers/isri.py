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
- a number becomes a requirement only with a unit and a property the vocabulary knows; every
  paragraph is also kept verbatim, so a reviewer can check what was read.
"""

from __future__ import annotations

import bisect
import codecs
import hashlib
import math
import os
import re
import tomllib
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

from .. import model as m
from ..errors import SourceError, StdcompareError
from ..quantities import parse_bound, parse_number
from .base import ParseResult
from .spec import with_si  # the canonical reader's SI values, so a draft reads back equal

NAME = "isri"
VERSION = "1"
SOURCE_ID = "doc"

# --- what the bundled corpus knows ------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    parent: str | None
    families: tuple[str, ...] = ()


@dataclass
class Known:
    """Code words, section titles and English words of the bundled circular editions."""

    codes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # code -> families
    code_section: dict[str, str] = field(default_factory=dict)  # code -> printed section id
    sections: dict[str, Section] = field(default_factory=dict)  # normalised title -> section
    words: frozenset[str] = frozenset()
    run_on: re.Pattern | None = None  # a known code word heading inside a line of text


# Printed headings of the circular that no bundled edition holds as a group (layout notes 1.2).
_LAYOUT_SECTIONS = {
    "magnesium": "nonferrous",
    "other": "nonferrous",
    "general information": None,  # belongs to whichever guideline is current
    "electric furnace casting and foundry grades": "ferrous",
    "specially processed grades": "ferrous",
    "cast iron grades": "ferrous",
    "special boring grades": "ferrous",
    "steel from scrap tires": "ferrous",
}


def norm_title(text: str) -> str:
    """A section title for comparison: no edition id ("NF-2022"), no case, no punctuation."""
    text = re.sub(r"\b(?:nf|fs)-\d{4}\b", " ", text.lower())
    return " ".join(re.findall(r"[a-z0-9]+", text))


@lru_cache(maxsize=4)
def known_for(standards: Path, vocab) -> Known:
    """Read once per corpus folder: the isri-circular files and every English word in it."""
    # Newest edition first: its groups and families win over older ones.
    files = sorted((standards / "isri").glob("*.toml"), reverse=True) if standards.is_dir() else []
    datas = [d for d in (_load(p) for p in files) if d]
    known = Known(words=frozenset(_corpus_words(standards) | _vocab_words(vocab)))
    groups: dict[str, dict] = {}
    for data in datas:
        for group in data.get("groups", []) or []:
            if isinstance(group, dict) and isinstance(group.get("id"), str):
                groups.setdefault(group["id"], group)
    grade_families: dict[str, list[tuple[str, ...]]] = {}
    for data in datas:
        default = tuple(data.get("families", []) or ())
        for grade in data.get("grades", []) or []:
            code = grade.get("code") if isinstance(grade, dict) else None
            if not isinstance(code, str | int):
                continue
            families = tuple(grade.get("families", []) or ()) or default
            section = _section_of(grade.get("group"), groups)
            if known.codes.get(str(code)):
                continue  # a newer edition (or amendment without families) does not erase it
            known.codes[str(code)] = families
            if section:
                known.code_section[str(code)] = section
                grade_families.setdefault(section, []).append(families)
    known.run_on = _run_on_pattern(known.codes)
    for ident, group in groups.items():
        if group.get("kind") != "section":
            continue
        title = _name_text(group.get("names", {}).get("en"))
        families = _common_families(_subtree_families(ident, groups, grade_families), vocab)
        known.sections[norm_title(title)] = Section(ident, title, group.get("parent"), families)
    return known


def _load(path: Path) -> dict:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError):
        return {}  # a broken corpus file is reported by `validate`, not by a parser


def _name_text(value) -> str:
    if isinstance(value, dict):
        return str(value.get("text", ""))
    return value if isinstance(value, str) else ""


def _section_of(group_id, groups: dict[str, dict]) -> str | None:
    seen = set()
    while isinstance(group_id, str) and group_id in groups and group_id not in seen:
        seen.add(group_id)
        if groups[group_id].get("kind") == "section":
            return group_id
        group_id = groups[group_id].get("parent")
    return None


def _subtree_families(ident, groups, grade_families) -> list[tuple[str, ...]]:
    found = list(grade_families.get(ident, []))
    for child, group in groups.items():
        if group.get("parent") == ident and child != ident and group.get("kind") == "section":
            found += _subtree_families(child, groups, grade_families)
    return found


def _common_families(lists: list[tuple[str, ...]], vocab) -> tuple[str, ...]:
    """Families (lifted to the level below non-ferrous / ferrous) held by a third of the grades."""
    counts = Counter(f for fams in lists for f in {_lift(x, vocab) for x in fams})
    need = len(lists) / 3
    return tuple(sorted(f for f, n in counts.items() if n >= need)) if lists else ()


def _lift(family: str, vocab) -> str:
    chain = vocab.family_ancestors(family)
    return chain[-3] if len(chain) >= 3 else family


def _corpus_words(standards: Path) -> set[str]:
    words: set[str] = set()
    if not standards.is_dir():
        return words
    for path in standards.rglob("*.toml"):
        _collect_words(_load(path), words)
    return words


def _collect_words(value, words: set[str]) -> None:
    if isinstance(value, str):
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", value))
    elif isinstance(value, dict):
        for item in value.values():
            _collect_words(item, words)
    elif isinstance(value, list):
        for item in value:
            _collect_words(item, words)


def _vocab_words(vocab) -> set[str]:
    words: set[str] = set()
    for table in (vocab.contaminants, vocab.elements, vocab.forms, vocab.families):
        _collect_words(table, words)
    return words


# --- decoding and page furniture ---------------------------------------------------------------


# Control characters other than tab, newlines and form feed are noise from extraction (and a TOML
# draft could not hold them).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


BINARY_SHARE = 0.02  # extracted text has next to no control characters; noise has 13 %


def refuse_binary(text: str, path: Path) -> None:
    """Random or binary bytes still decode (Windows-1252 takes almost any byte), and a few
    digits and words in them read as limits: a "parse" of noise. Text this full of control
    characters and undecodable bytes is not a document."""
    odd = len(CONTROL.findall(text)) + text.count("\ufffd")
    if text and odd > BINARY_SHARE * len(text):
        raise SourceError(
            str(path),
            f"binary data or an unknown encoding: {odd} of {len(text)} characters are control "
            "characters or undecodable",
            hint="is this the right file and parser? save text as UTF-8; PDFs: --parser pdf",
        )


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text from bytes: a BOM decides, else strict UTF-8, else Windows-1252 (said in a
    warning); control characters dropped."""
    text, warnings = _decode(data)
    return CONTROL.sub("", text), warnings


def _decode(data: bytes) -> tuple[str, list[str]]:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    return text, ["the text is not UTF-8; read as Windows-1252 (a guess)"]


_HEADER = re.compile(
    r"^(?:(?P<p1>\d{1,3})\s+)?(?:(?P<body>ISRI|ReMA)\s+)?scrap\s+specifications\s+circular"
    r"(?:\s+(?P<year>(?:19|20)\d\d))?(?P<section>\s+guidelines\s+for\s+\S.*?)?"
    r"(?:\s+(?P<p2>\d{1,3}))?$",
    re.IGNORECASE,
)
_PAGE = re.compile(r"^(?:page\s+)?(\d{1,3})$", re.IGNORECASE)
_COPYRIGHT = re.compile(r"^(?:copyright\b|©).*|.*\ball rights reserved\.?$", re.IGNORECASE)
_TABLE_HEAD = re.compile(r"^(?:code\s+item\s*)+$", re.IGNORECASE)


@dataclass
class Furniture:
    """What the running headers, footers and page numbers told."""

    years: Counter = field(default_factory=Counter)
    bodies: Counter = field(default_factory=Counter)
    copyright_year: str | None = None
    count: int = 0


def _furniture(line: str, seen: Furniture) -> tuple[bool, int | None, str | None]:
    """(is furniture, page number, section named by a running header)."""
    text = line.strip()
    if _PAGE.match(text):
        seen.count += 1
        return True, int(_PAGE.match(text).group(1)), None
    head = _HEADER.match(text)
    if head:
        seen.count += 1
        if head.group("year"):
            seen.years[head.group("year")] += 1
        if head.group("body"):
            seen.bodies[head.group("body")] += 1
        page = head.group("p1") or head.group("p2")
        section = (head.group("section") or "").strip() or None
        return True, int(page) if page else None, section
    if _COPYRIGHT.match(text):
        seen.count += 1
        year = re.search(r"\b((?:19|20)\d\d)\b", text)
        if year:
            seen.copyright_year = year.group(1)  # used only where no header names a year
        if re.search(r"institute of scrap recycling", text, re.IGNORECASE):
            seen.bodies["ISRI"] += 1
        return True, None, None
    return False, None, None


# --- two columns -------------------------------------------------------------------------------

_GAP = re.compile(r"\S(\s{3,})(?=\S)")


def split_columns(lines: list[str]) -> list[str]:
    """Lines that carry two columns side by side become the left column, then the right one."""
    ends = Counter()
    for line in lines:
        for gap in _GAP.finditer(line):
            if gap.start(1) >= 12:
                ends[gap.end(1) // 6] += 1
    nonblank = sum(1 for line in lines if line.strip())
    if not ends:
        return lines
    bucket, count = ends.most_common(1)[0]
    if count < max(3, nonblank * 0.4):
        return lines
    col = bucket * 6
    left, right = [], []
    for line in lines:
        a, b = _cut(line, col)
        left.append(a)
        if b:
            right.append(b)
    return left + [""] + right


def _cut(line: str, col: int) -> tuple[str, str]:
    for gap in re.finditer(r"\s{2,}", line):
        if col - 7 <= gap.end() <= col + 7 and gap.start() > 0:
            return line[: gap.start()], line[gap.end() :]
    if line[: max(col - 7, 0)].strip() == "" and line.strip():
        return "", line.strip()  # only the right column has text on this line
    return line, ""


# --- blocks: headings, ferrous items, paragraphs ----------------------------------------------


@dataclass
class Block:
    kind: str  # section | table | heading | item | para
    text: str = ""
    code: str = ""
    title: str = ""
    alias: str = ""
    page: int | None = None
    section: Section | None = None
    claimed: bool = False


_CODE_WORD = re.compile(r"^[A-Z][a-z]{2,9}(?:/[A-Z][a-z]{2,9})*$")
_ITEM = re.compile(r"^(?P<code>\(\d{1,3}[A-Z]?\)|[1-3]\d\d[A-Z]?)\s+(?P<rest>[A-Z].*)$")
_ITEM_TITLE = re.compile(r"^(?P<title>.{2,80}?)(?<!\bNo)(?<!\bNos)\.(?P<star>\*?)(?=\s|$)")


def heading(line: str, known: Known) -> tuple[str, str, str, str] | None:
    """(code, alias code, title, rest of the line) for "Codeword TITLE IN CAPS ...", else None."""
    tokens = line.split()
    code, n = _code_at(tokens, known)
    if code is None:
        return None
    alias = ""
    if "/" in code and n < len(tokens) and "/" in tokens[n] and _CODE_WORD.match(tokens[n]):
        alias, n = tokens[n], n + 1
    title, n = _caps_run(tokens, n)
    letters = sum(c.isupper() for c in title)
    if alias and not title:
        return code, alias, "", " ".join(tokens[n:])
    if letters < 4 or (code not in known.codes and (letters < 6 or len(title.split()) < 2)):
        return None
    return code, alias, title, " ".join(tokens[n:])


def _code_at(tokens: list[str], known: Known) -> tuple[str | None, int]:
    if len(tokens) >= 2 and f"{tokens[0]} {tokens[1]}" in known.codes:
        return f"{tokens[0]} {tokens[1]}", 2  # two-word codes ("Small Elmo")
    if tokens and (tokens[0] in known.codes or _CODE_WORD.match(tokens[0])):
        return tokens[0], 1
    return None, 0


def _caps_run(tokens: list[str], n: int) -> tuple[str, int]:
    """The ALL-CAPS title from token n on, with a lowercase parenthesis inside it allowed."""
    taken: list[str] = []
    while n < len(tokens):
        tok = tokens[n]
        if not any(c.islower() for c in tok) and any(c.isalnum() for c in tok):
            taken.append(tok)
            n += 1
        elif taken and tok.startswith("("):
            end = next((j for j in range(n, len(tokens)) if tokens[j].endswith(")")), None)
            if end is None:
                break
            taken += tokens[n : end + 1]
            n = end + 1
        else:
            break
    if len(taken) > 1 and taken[-1] in ("A", "I") and n < len(tokens):
        taken.pop()  # "... CANS A minimum of": the article opens the paragraph
        n -= 1
    return " ".join(taken), n


def ferrous_item(line: str) -> tuple[str, str, str] | None:
    """(code, title, rest) for "212 Shredded clippings. rest" and "(24) Cast steel."."""
    found = _ITEM.match(line)
    if not found:
        return None
    rest = found.group("rest")
    title = _ITEM_TITLE.match(rest)
    if title:
        return found.group("code"), title.group("title").strip(), rest[title.end() :].strip()
    if len(rest) <= 60:
        return found.group("code"), rest.strip().rstrip("*"), ""
    return None


def _run_on_pattern(codes) -> re.Pattern | None:
    words = "|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True) if c)
    if not words:
        return None
    return re.compile(rf"(?<=[.;:]) (?=(?:{words}) [A-Z0-9][A-Z0-9.,&/'\- ]{{3}})")


def _run_on_split(line: str, known: Known) -> list[str]:
    """Split a line where a known code word heading starts after a sentence ("... dirt. Tense
    MIXED ..."): the flip-book text runs headings into the paragraph before them."""
    if known.run_on is None:
        return [line]
    return [part for part in known.run_on.split(line) if part.strip()]


class Segmenter:
    """Turns cleaned lines into blocks, keeping track of page and section."""

    def __init__(self, known: Known) -> None:
        self.known = known
        self.blocks: list[Block] = []
        self.lines: list[str] = []
        self.page: int | None = None
        self.top: Section | None = None
        self.section: Section | None = None
        self.ferrous = False
        self.run_on: list[str] = []  # text running on the last paragraph, not yet joined to it

    def section_for(self, text: str) -> Section | None:
        key = norm_title(text)
        if key.endswith(" continued"):
            key = key[: -len(" continued")]
        found = self.known.sections.get(key)
        if found is not None:
            return found
        if key in _LAYOUT_SECTIONS and len(text) < 60:
            parent = _LAYOUT_SECTIONS[key] or (self.top.id if self.top else None)
            families = self.top.families if self.top and self.top.id == parent else ()
            ident = slug(f"{parent} {key}" if parent else key)  # "General Information" twice
            return Section(ident, text.strip(), parent, families)
        return None

    def set_section(self, section: Section) -> None:
        if section.parent is None:
            self.top = section
        self.section = section
        top = self.top if self.top is not None and self.top.id == section.parent else None
        self.ferrous = _is_ferrous(section) or (top is not None and _is_ferrous(top))

    def flush(self) -> None:
        if self.lines:
            text = " ".join(self.lines)
            prev = self.blocks[-1] if self.blocks else None
            end = self.run_on[-1] if self.run_on else prev.text if prev else ""
            if prev and prev.kind == "para" and text[:1].islower() and end[-1:] not in ".:":
                self.run_on.append(text)  # a paragraph running on across a page or column
            else:
                self.append(Block("para", text, page=self.page, section=self.section))
        self.lines = []

    def append(self, block: Block) -> None:
        self.join_run_on()
        self.blocks.append(block)

    def join_run_on(self) -> None:
        """Join the text that ran on to the last paragraph, once: a `+=` per part copied the
        whole paragraph each time, quadratic in a long run of lowercase fragments."""
        if self.run_on:
            last = self.blocks[-1]
            last.text = " ".join([last.text, *self.run_on])
            self.run_on = []

    def finish(self) -> None:
        self.flush()
        self.join_run_on()

    def add(self, line: str) -> None:
        text = line.strip()
        if not text:
            self.flush()
            return
        section = self.section_for(text) if len(text) < 70 else None
        if section is not None:
            self.flush()
            self.set_section(section)
            self.append(Block("section", text, page=self.page, section=section))
        elif _TABLE_HEAD.match(text):
            self.flush()
            if self.section is not None and self.section.id.endswith("general-information"):
                self.section = self.top  # the table belongs to the guideline, not its preamble
            self.ferrous = True
            self.append(Block("table", text, page=self.page, section=self.section))
        elif (item := ferrous_item(text) if self.ferrous else None) is not None:
            self.flush()
            code, title, rest = item
            self.append(Block("item", code=code, title=title, page=self.page,
                                     section=self.section))  # fmt: skip
            if rest:
                self.lines.append(rest)
        elif (found := heading(text, self.known)) is not None:
            self.flush()
            code, alias, title, rest = found
            self.append(Block("heading", code=code, title=title, alias=alias,
                                     page=self.page, section=self.section))  # fmt: skip
            if rest:
                self.lines.append(rest)
        else:
            self.lines.append(text)


def _is_ferrous(section: Section) -> bool:
    words = norm_title(section.title).split()
    return section.id == "ferrous" or section.parent == "ferrous" or "ferrous" in words


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", text.lower()))[:40] or "section"


# --- repairing words -----------------------------------------------------------------------------

_GLUE_FIRST = {"a", "an", "of", "to", "in", "and", "the", "or", "no"}


def repair(text: str, words: frozenset[str]) -> tuple[str, int]:
    """Undo line-end hyphenation and glued words; returns the text and how many repairs."""
    count = 0

    def unhyphen(found: re.Match) -> str:
        nonlocal count
        a, b = found.group(1), found.group(2)
        if b in ("and", "or", "nor", "to"):
            return found.group(0)  # "copper- and brass-bearing": a suspended hyphen
        count += 1
        joined = a + b
        if joined.lower() in words or b.lower() not in words:
            return joined
        return f"{a}-{b}"

    def unglue(found: re.Match) -> str:
        nonlocal count
        token = found.group(0)
        cut = _glue_point(token.lower(), words)
        if cut is None:
            return token
        count += 1
        return f"{token[:cut]} {token[cut:]}"

    text = re.sub(r"(\d)\s*%(?=[A-Za-z])", r"\1% ", text)
    text = re.sub(r"\b(of|than|exceed)(?=\d)", r"\1 ", text)
    # From the start of a word only: tried at every letter of a long run of letters, the
    # pattern rescanned the run each time (quadratic, and in C, where no alarm stops it).
    text = re.sub(r"(?<![A-Za-z])([A-Za-z]{2,})-\s+([a-z]+)", unhyphen, text)
    text = re.sub(r"\b[A-Za-z]{6,}\b", unglue, text)
    return text, count


def _glue_point(token: str, words: frozenset[str]) -> int | None:
    # Two glued words are no longer than two of the longest: a longer token (a run of letters
    # thousands long) would be cut at every position, each cut copying it (quadratic).
    if token in words or not words or len(token) > 2 * _longest(words):
        return None
    for cut in range(1, len(token) - 2):
        first, second = token[:cut], token[cut:]
        if (first in _GLUE_FIRST or (len(first) >= 3 and first in words)) and second in words:
            return cut
    return None


@lru_cache(maxsize=4)
def _longest(words: frozenset[str]) -> int:
    return max(map(len, [*words, *_GLUE_FIRST]))


# --- reading requirements from English ------------------------------------------------------------

_STOP = {
    "a", "an", "the", "of", "and", "or", "its", "with", "that", "may", "make", "up", "part",
    "named", "lot", "share", "total", "content", "stated", "through", "as", "by", "for", "to",
    "in", "on", "per", "from", "is", "are", "be", "which", "family's", "non", "target", "other",
    "set", "agreement", "how", "measured", "it", "material", "materials", "minimum",
    "maximum", "largest", "smallest",
}  # fmt: skip
_NUM = r"(?:\d{1,6}\s+)?\d{1,4}/\d{1,4}|\d{1,9}(?:\.\d{1,6})?"
_NUMBER = re.compile(rf"(?<![\w.#/])({_NUM})(?![\d/])")
# The *_TAIL patterns and _AFTER_WORD are matched at a position in the sentence (pattern.match(
# low, pos)), never on a copy of the rest of it: a sentence may be megabytes long, and a copy per
# number made reading it quadratic.
_RANGE_TAIL = re.compile(rf"\s*(?:-|–|—|to)\s*({_NUM})")
_BETWEEN_TAIL = re.compile(rf"\s*and\s+({_NUM})")
_BETWEEN_BEFORE = re.compile(r"\bbetween\s*$")
_DIMS_TAIL = re.compile(rf"\s*(?:x|×|by)\s*({_NUM})")
_AFTER_STOP = re.compile(r"[,;.]|\band\b|\bor\b|\d")
_NEAR = 100  # characters after a quantity that may hold its screen or basis (both are short)
_AFTER_WORD = re.compile(
    r"\s*(minimum|min\.?|maximum|max\.?|or (?:more|over|heavier|thicker|larger)|"
    r"or (?:less|under|lighter|thinner|smaller|finer))(?![a-z])"
)
_NOMINAL = re.compile(r"\b(nominal(?:ly)?|approx(?:imately|\.)?|about|around|average)\b")
_GAUGE = re.compile(
    r"(?:\bno\.?|#)\s*(\d{1,2})\s*(?:b\s*&\s*s|awg)\b(?:\s*(?:wire\s+)?gauge)?"
    r"(?:\s+or\s+(heavier|thicker|larger|lighter|thinner|finer|smaller))?"
)
_MESH = re.compile(r"\bthrough an?\s+\d{1,4}[- ]?mesh(?:\s+screen)?")
_BASIS = re.compile(r"\b(?:by|on an?|on)\s+((?:electrolytic|dry)\s+(?:assay|basis|weight))")
_AGREED = re.compile(
    r"\b(?:unless (?:otherwise )?(?:agreed|specified)|(?:by|upon|subject to) (?:mutual |prior )?"
    r"agreement|as agreed|agreed (?:upon )?between|negotiable)\b"
)
_FREE = re.compile(
    r"\b(?:(?:reasonably|substantially|practically|essentially|entirely)\s+)?free\s+(?:of|from)\s+"
    r"(?P<list>[^.;:]+)|\b(?:must|shall|should|to)\s+not\s+contain\s+(?P<list2>[^.;:]+)|"
    r"\bnot\s+to\s+contain\s+(?P<list3>[^.;:]+)"
)
_LIST_END = re.compile(
    r"\s*\b(?:unless|except|but|which|when|if|where|and\s+(?:must|shall|should|is|are|be|to|"
    r"with|the|any|not)|with|in excess|over|above|exceeding|not)\b|\s*\d"
)
_QUALIFIERS = ("any ", "all ", "visible ", "excessive ", "other ", "reasonable amounts of ")


@dataclass
class Lexicon:
    """Property and contaminant words of the vocabulary, ready for matching."""

    props: dict[str, list[tuple[str, set[str], set[str], str]]]  # quantity -> (key, core, ..)
    contaminant_choices: list[str]
    contaminant_keys: list[str]
    vocab: object


@lru_cache(maxsize=4)
def lexicon(vocab) -> Lexicon:
    props: dict[str, list] = {}
    for key in vocab.property_keys():
        prop = vocab.property(key)
        core, extra = _prop_words(prop.en)
        props.setdefault(prop.quantity, []).append((key, core, extra, prop.limits))
    for symbol, names in vocab.elements.items():
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", names.get("en", ""))} - _STOP
        props.setdefault("mass_fraction", []).append((f"element:{symbol}", words, set(), "min"))
    choices, keys = [], []
    for key, spec in vocab.contaminants.items():
        for text in [spec.get("en", ""), key.replace("_", " "), *spec.get("aliases", [])]:
            if text:
                choices.append(" ".join(text.lower().replace("-", " ").split()))
                keys.append(key)
    return Lexicon(props, choices, keys, vocab)


def _prop_words(en: str) -> tuple[set[str], set[str]]:
    """The words of a property's English name, and those of its parenthesis."""
    core, _, extra = en.partition("(")
    return _word_set(core) - _STOP, _word_set(extra) - _STOP - _word_set(core)


def _word_set(text: str) -> set[str]:
    return {w.replace("-", "") for w in re.findall(r"[a-z][a-z'\-]+", text.lower())}


@lru_cache(maxsize=1 << 16)  # a paragraph's words meet the same property words over and over
def same_word(a: str, b: str) -> bool:
    """One word in two forms: "metallic" / "metal", "thicker" / "thickness", "aluminum" /
    "aluminium"."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    common = len(os.path.commonprefix([a, b]))
    if shorter >= 4 and common == shorter:
        return True
    if common >= 5 and common >= 0.7 * shorter:
        return True
    return shorter >= 5 and fuzz.ratio(a, b) >= 88


def pick_prop(lex: Lexicon, quantity: str, direction: str, words: list[str]) -> str | None:
    """The property a number measures, from the words around it (nearest first); None when
    none fits. The best share of a name's words wins; ties go to the nearest word, then to the
    property whose usual limit (min, max) is the direction printed."""
    best: list[tuple[float, int, bool, str]] = []
    for key, core, extra, limits in lex.props.get(quantity, []):
        near = [i for i, c in enumerate(words) if any(same_word(w, c) for w in core | extra)]
        hit = sum(1 for w in core if any(same_word(w, c) for c in words))
        hit += 0.5 * sum(1 for w in extra if any(same_word(w, c) for c in words))
        if hit:
            best.append((hit / max(len(core), 1), min(near), limits != direction, key))
    need = 0.5 if quantity == "mass_fraction" else 0.01
    best = [b for b in best if b[0] >= need]
    if not best:
        return _DEFAULT_PROP.get(quantity, {}).get(direction)
    chosen = min(best, key=lambda b: (-b[0], b[1], b[2]))[3]
    if chosen.startswith("element:"):
        symbol = chosen.split(":", 1)[1]
        return f"impurity.{symbol}" if direction == "max" else f"content.{symbol}"
    return chosen


# When no word names the property of a length or density, the direction decides.
_DEFAULT_PROP = {
    "length": {"max": "dimension.max", "min": "dimension.min", "range": "particle_size"},
    "density": {"max": "bulk_density", "min": "bulk_density", "range": "bulk_density"},
    "mass": {"max": "piece_weight.max"},
    "dose_rate": {"max": "radioactivity"},
}


def contaminant(lex: Lexicon, phrase: str) -> str | None:
    """The contaminant key a printed phrase names (rapidfuzz on names and aliases)."""
    text = " ".join(phrase.lower().replace("-", " ").split()).strip(" ,")
    candidates = [text]
    for word in _QUALIFIERS:
        if text.startswith(word):
            candidates.append(text[len(word) :])
    for candidate in candidates:
        if not candidate:
            continue
        hit = process.extractOne(
            candidate, lex.contaminant_choices, scorer=fuzz.token_sort_ratio, score_cutoff=88
        )
        if hit:
            return lex.contaminant_keys[hit[2]]
    return None


@dataclass
class Found:
    """Requirements read from one paragraph, and what could not be read."""

    reqs: list[m.Requirement] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;!?])\s+(?=[A-Z(])", text) if s.strip()]


def read_requirements(text: str, lex: Lexicon, where: str) -> Found:
    found = Found()
    for sentence in sentences(text):
        low = _normalise(sentence)
        flags = _flags(low)
        before = len(found.reqs)
        found.reqs += _free_of(low, sentence, lex, flags, found.warnings, where)
        spans: list[tuple[int, int]] = []
        found.reqs += _gauges(low, flags, spans)
        found.reqs += _quantities(low, lex, flags, spans, found.warnings, where)
        if len(found.reqs) == before and flags["negotiable"]:
            found.reqs += _agreement(low, sentence, lex, flags)
    found.reqs = merge(found.reqs, found.warnings, where, lex.vocab)
    return found


def _normalise(sentence: str) -> str:
    low = " " + sentence.lower().replace("’", "'").replace("”", '"').replace("″", '"') + " "
    for old, new in (
        (r"\b(?:lbs?|pounds?)\.?\s+(?:per|/)\s*(?:cu\.?|cubic)\s*(?:ft|foot|feet)\.?", "lb/ft3"),
        (r"\bper\s*cent\b", "%"),
        (r"(\d)\s*/\s*(\d)", r"\1/\2"),
        (r"\b(?:a\s+)?(minimum|maximum|min\.|max\.)\s+of\b", r"\1"),
        (r"\bin excess of\b", "more than"),
        (r"\bno (more|less|greater) than\b", r"not \1 than"),
        (r"\bnot (?:over|greater than)\b", "not more than"),
        (r"\bnot (?:under|smaller than)\b", "not less than"),
    ):
        low = re.sub(old, new, low)
    return " ".join(low.split())


def _flags(low: str) -> dict:
    return {
        "strength": m.Strength.SHOULD if re.search(r"\bshould\b", low) else m.Strength.SHALL,
        "consequence": (
            m.Consequence.DEDUCT
            if re.search(r"\bdeduct", low)
            else m.Consequence.PRICE
            if re.search(r"\b(?:price|discount|penalt)", low)
            else m.Consequence.REJECT
        ),
        "negotiable": bool(_AGREED.search(low)),
    }


def _req(prop: str, flags: dict, **fields) -> m.Requirement:
    return m.Requirement(
        prop=prop,
        strength=flags["strength"],
        consequence=flags["consequence"],
        negotiable=flags["negotiable"],
        evidence=(SOURCE_ID,),
        **fields,
    )


def _free_of(low, sentence, lex, flags, warnings, where) -> list[m.Requirement]:
    reqs = []
    for hit in _FREE.finditer(low):
        listed = hit.group("list") or hit.group("list2") or hit.group("list3") or ""
        listed = _LIST_END.split(listed, maxsplit=1)[0]
        for item in _items(listed):
            # "brass and bronze" is one contaminant, "dirt and oil" two: the whole item first.
            whole = contaminant(lex, item) is not None
            for part in [item] if whole else re.split(r"\s+(?:and|or|nor)\s+", item):
                key = contaminant(lex, part)
                if key is None:
                    warnings.append(f"{where}: '{part}' matches no contaminant in the vocabulary")
                    continue
                printed = _printed(sentence, part)
                reqs.append(_req(f"free_of.{key}", flags, state=m.State.FORBIDDEN, text=printed))
    return reqs


def _items(listed: str) -> list[str]:
    items = re.split(r"\s*(?:,|;|\band/or\b|\bas well as\b)\s*", listed)
    cleaned = [re.sub(r"^(?:(?:and|or|nor|of)\s+)+", "", i).strip(" .") for i in items]
    return [i for i in cleaned if i and len(i) < 80]


def _printed(sentence: str, part: str) -> str:
    """The phrase as the source prints it (case and all), found in the sentence."""
    found = re.search(re.escape(part).replace(r"\ ", r"\s+"), sentence, re.IGNORECASE)
    return found.group(0) if found else part


def _gauges(low: str, flags: dict, spans: list) -> list[m.Requirement]:
    reqs = []
    for hit in _GAUGE.finditer(low):
        spans.append(hit.span())
        thinner = hit.group(2) in ("lighter", "thinner", "finer", "smaller")
        value = Decimal(hit.group(1))
        bound = {"hi": value} if thinner else {"lo": value}
        reqs.append(_req("wire.diameter", flags, unit="AWG", **bound))  # SI added on merge
    return reqs


def _quantities(low, lex, flags, spans, warnings, where) -> list[m.Requirement]:
    reqs: list[m.Requirement] = []
    last_end, last_prop = 0, {}
    for hit in _NUMBER.finditer(low):
        # A number inside a quantity read already is behind last_end; one inside a gauge
        # phrase is found by bisection (a scan of every span per number was quadratic).
        if hit.start() < last_end or _inside(spans, hit.start()):
            continue
        q = _quantity(low, hit, lex.vocab)
        if q is None:
            continue
        before = re.split(r"[,;]", low[last_end : q.start])[-1]
        stop = _AFTER_STOP.search(low, q.end)
        after = low[q.end : stop.start() if stop else len(low)]
        inside = _words(low[hit.start() : q.end])  # "1/4 inch or thicker"
        words = _interleave(inside + _words(after)[:3], _words(before)[-8:][::-1])
        quantity = lex.vocab.units[q.unit].quantity
        # "95% and a minimum of 92.5%": a bare second number repeats the first one's property
        prop = pick_prop(lex, quantity, q.direction, words) or last_prop.get(q.unit)
        last_end = q.end
        if prop is None or lex.vocab.property(prop) is None:
            warnings.append(f"{where}: no property recognised for '{low[hit.start() : q.end]}'")
            continue
        last_prop[q.unit] = prop
        reqs.append(_req(prop, flags, **q.fields, **_extras(low, q.end)))
    return reqs


def _inside(spans: list[tuple[int, int]], at: int) -> bool:
    """Whether `at` falls in one of `spans` (sorted, not overlapping: matches of one pattern)."""
    i = bisect.bisect_right(spans, (at, math.inf)) - 1
    return i >= 0 and at < spans[i][1]


def _interleave(after: list[str], before: list[str]) -> list[str]:
    """Context words ordered by distance from the number: after[0], before[0], after[1] …"""
    out: list[str] = []
    for i in range(max(len(after), len(before))):
        out += after[i : i + 1] + before[i : i + 1]
    return out


def _words(text: str) -> list[str]:
    return [w.replace("-", "") for w in re.findall(r"[a-z][a-z'\-]*", text) if w not in _STOP]


def _extras(low: str, end: int) -> dict:
    """A screen ("through a 20 mesh screen") or a basis ("by electrolytic assay") after it."""
    extras = {}
    mesh = _MESH.search(low, end, end + _NEAR)
    if mesh and mesh.start() - end < 40:
        extras["qualifier"] = mesh.group(0)
    basis = _BASIS.search(low, end, end + _NEAR)
    if basis and basis.start() - end < 20:
        extras["basis"] = basis.group(1)
    return extras


@dataclass
class Quantity:
    """A number with its unit as printed: where the phrase starts and ends, and its bound."""

    start: int
    end: int
    unit: str
    direction: str  # min | max | range | nominal
    fields: dict


def _quantity(low: str, hit: re.Match, vocab) -> Quantity | None:
    first = _number(hit.group(1))
    if first is None:
        return None
    unit, used = _unit_after(low, hit.end(), vocab)
    tail = hit.end() + used  # after the first number and its own unit, if it has one
    second = _RANGE_TAIL.match(low, tail)
    if second is None and _BETWEEN_BEFORE.search(low, max(0, hit.start() - 20), hit.start()):
        second = _BETWEEN_TAIL.match(low, tail)
    if second is not None:
        return _range(low, hit, first, unit, second, vocab)
    dims = _DIMS_TAIL.match(low, tail)
    if dims is not None:
        found = _dims(low, hit, first, unit, dims, vocab)
        if found is not None:
            return found
    if unit is None:
        return None
    start, direction, fields = _direction(low, hit, first, tail)
    after = _AFTER_WORD.match(low, tail)
    end = after.end() if after else tail
    return Quantity(start, end, unit, direction, {"unit": unit, **fields})


def _range(low, hit, first, unit, second, vocab) -> Quantity | None:
    hi = _number(second.group(1))
    end = second.end()
    unit2, used = _unit_after(low, end, vocab)
    unit = unit2 or unit
    if unit is None or hi is None or first > hi:
        return None
    fields = {"unit": unit, "lo": first, "hi": hi}
    return Quantity(hit.start(), end + used, unit, "range", fields)


def _number(text: str) -> Decimal | None:
    try:
        return parse_number(text)[0]
    except (StdcompareError, ArithmeticError):  # "1/0" is not a number
        return None


_UNIT_TOKEN = re.compile(r"\s*(%|\"|'(?![a-z])|[a-z&/.³0-9]+)")


def _unit_after(low: str, start: int, vocab) -> tuple[str | None, int]:
    """The unit printed at `start`, right after a number, and how many characters it takes."""
    tokens: list[tuple[str, int]] = []
    pos = start
    while len(tokens) < 4 and (token := _UNIT_TOKEN.match(low, pos)) is not None:
        tokens.append((token.group(1), token.end() - start))
        pos = token.end()
        if token.group(1) in ("%", '"', "'"):
            break
    for n in range(len(tokens), 0, -1):
        phrase = " ".join(t for t, _ in tokens[:n])
        bare = phrase.rstrip(".,")
        if bare == "in" and phrase != "in.":
            continue  # the preposition, not inches
        key = vocab.unit_key(phrase) or vocab.unit_key(bare)
        if key is not None:
            cut = 0 if vocab.unit_key(phrase) else len(phrase) - len(bare)
            return key, tokens[n - 1][1] - cut
    return None, 0


def _direction(low: str, hit: re.Match, value: Decimal, tail: int) -> tuple[int, str, dict]:
    """Where the bound phrase starts, its direction and its bound: a bound word before the
    number (as quantities.parse_bound reads it), one after it ("97% min."), or a nominal."""
    prior = _last_words(low, hit.start(), 6)
    number = low[hit.start() : tail]
    for k in range(min(4, len(prior)), 0, -1):
        phrase = " ".join(prior[-k:])
        try:
            iv = parse_bound(f"{phrase} {number}").interval
        except (StdcompareError, ArithmeticError):
            continue
        start = hit.start() - len(phrase) - 1
        if iv.lo is not None and iv.hi is None:
            return start, "min", {"lo": iv.lo, "lo_inclusive": iv.lo_inclusive}
        if iv.hi is not None and iv.lo is None:
            return start, "max", {"hi": iv.hi, "hi_inclusive": iv.hi_inclusive}
    after = _AFTER_WORD.match(low, tail)
    if after:
        lower = after.group(1).startswith(("min", "or more", "or over", "or heav", "or thick"))
        lower = lower or after.group(1) == "or larger"
        return hit.start(), ("min" if lower else "max"), {"lo" if lower else "hi": value}
    nominal = _NOMINAL.search(" ".join(prior[-6:]))
    fields: dict = {"nominal": value}
    if nominal is None:
        fields["uncertain"] = "printed without a minimum or maximum; read as a nominal value"
    elif nominal.group(1).startswith(("approx", "about", "around")):
        fields["approx"] = True
    return hit.start(), "nominal", fields


def _last_words(text: str, end: int, n: int) -> list[str]:
    """The last `n` words of text[:end], read from a window that grows until it holds more
    than `n` words (so its first word, perhaps cut, is not among them) or the whole text."""
    size = 128
    while True:
        start = max(0, end - size)
        found = text[start:end].split()
        if start == 0 or len(found) > n:
            return found[-n:]
        size *= 4


def _dims(low, hit, first, unit, dims, vocab) -> Quantity | None:
    """ "60 x 24 inches", "3 feet by 18 inches": a size vector in the smaller unit."""
    second = _number(dims.group(1))
    end = dims.end()
    unit2, used = _unit_after(low, end, vocab)
    unit, unit2 = unit or unit2, unit2 or unit  # "60 x 24 inches": one unit for both
    units = vocab.units
    if second is None or unit is None:
        return None
    if units[unit].quantity != "length" or units[unit2].quantity != "length":
        return None
    if units[unit].factor is None or units[unit2].factor is None:
        return None
    small = unit if units[unit].factor <= units[unit2].factor else unit2
    values = sorted((_convert(first, unit, small, vocab), _convert(second, unit2, small, vocab)))
    fields = {"unit": small, "dims": tuple(reversed(values))}
    return Quantity(hit.start(), end + used, small, "max", fields)


def _convert(value: Decimal, unit: str, to: str, vocab) -> Decimal:
    if unit == to:
        return value
    result = value * vocab.units[unit].factor / vocab.units[to].factor
    return result.normalize() if result == result.to_integral_value() else result


def _agreement(low, sentence, lex, flags) -> list[m.Requirement]:
    subject = _AGREED.split(low, maxsplit=1)[0]
    subject = re.sub(r"\b(?:only|is|are|to be|accepted|acceptable|allowed|permitted|subject)\b",
                     " ", subject)  # fmt: skip
    subject = " ".join(subject.split()).strip(" ,")
    key = contaminant(lex, subject) if subject else None
    if key:
        text = _printed(sentence, subject)
        return [_req(f"free_of.{key}", flags, state=m.State.FORBIDDEN, text=text)]
    prop = pick_prop(lex, "none", "range", _words(subject))
    if prop and lex.vocab.property(prop) is not None:
        return [_req(prop, flags, state=m.State.AGREEMENT, text=sentence.strip())]
    return []


def merge(reqs: list[m.Requirement], warnings: list[str], where: str, vocab) -> list[m.Requirement]:
    """One requirement per property (the canonical format allows no other): a nominal and a
    minimum of one property become one; the SI value is set as the canonical reader sets it."""
    merged: dict[str, m.Requirement] = {}
    for req in reqs:
        old = merged.get(req.prop)
        if old is None:
            merged[req.prop] = req
            continue
        combined = _combine(old, req)
        if combined is None:
            warnings.append(f"{where}: '{req.prop}' is stated twice; the first is kept")
        else:
            merged[req.prop] = combined
    return [with_si(replace(r, si=None), vocab) for r in merged.values()]


def _combine(a: m.Requirement, b: m.Requirement) -> m.Requirement | None:
    if a.state is m.State.FORBIDDEN and b.state is m.State.FORBIDDEN:
        texts = [t for t in (a.text, b.text) if t]
        return replace(a, text="; ".join(dict.fromkeys(texts)) or None)
    if a.state is not m.State.STATED or b.state is not m.State.STATED or a.unit != b.unit:
        return None
    fields = {}
    for name in ("lo", "hi", "nominal"):
        x, y = getattr(a, name), getattr(b, name)
        if x is not None and y is not None:
            return None
        fields[name] = x if x is not None else y
    if b.lo is not None:
        fields["lo_inclusive"] = b.lo_inclusive
    if b.hi is not None:
        fields["hi_inclusive"] = b.hi_inclusive
    if a.dims and b.dims:
        return None
    fields["dims"] = a.dims or b.dims
    for name in ("basis", "qualifier"):
        fields[name] = getattr(a, name) or getattr(b, name)
    lo, hi = fields["lo"], fields["hi"]
    if lo is not None and hi is not None and lo > hi:
        return None
    return replace(a, **fields, si=None)


# --- pairing headings with paragraphs ---------------------------------------------------------


@dataclass
class Entry:
    head: Block
    para: Block | None = None
    uncertain: str | None = None


_DEFINITION = re.compile(
    r"^\W*(?:(?:shall|should|must|to|will)\s+(?:consist|be|contain|include)|consist|made up|"
    r"to be made|composed)|\bconsist(?:s|ing)? of\b",
    re.IGNORECASE,
)


def pair(blocks: list[Block]) -> list[Entry]:
    entries: list[Entry] = []
    for i, block in enumerate(blocks):
        if block.kind not in ("heading", "item"):
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        entry = Entry(block)
        if nxt is not None and nxt.kind == "para" and not nxt.claimed:
            entry.para, nxt.claimed = nxt, True
        entries.append(entry)
    _pair_item_runs(blocks, entries)
    _pair_backwards(blocks, entries)
    return entries


def _pair_item_runs(blocks: list[Block], entries: list[Entry]) -> None:
    """Ferrous codes printed as a cluster, their descriptions after them: pair in order."""
    by_block = {id(e.head): e for e in entries}
    i = 0
    while i < len(blocks):
        run = []
        while i < len(blocks) and blocks[i].kind == "item":
            run.append(blocks[i])
            i += 1
        paras = []
        while i < len(blocks) and blocks[i].kind == "para":
            paras.append(blocks[i])
            i += 1
        if len(run) >= 2 and len(run) == len(paras):
            for head, para in zip(run, paras, strict=True):
                entry = by_block[id(head)]
                entry.para, para.claimed = para, True
                entry.uncertain = "codes and descriptions printed apart; paired in order"
        if not run and not paras:
            i += 1


def _pair_backwards(blocks: list[Block], entries: list[Entry]) -> None:
    """A bare code word heading takes the unclaimed paragraph printed just before it."""
    by_block = {id(e.head): e for e in entries}
    for i, block in enumerate(blocks):
        entry = by_block.get(id(block))
        if entry is None or entry.para is not None or i == 0:
            continue
        prev = blocks[i - 1]
        if prev.kind == "para" and not prev.claimed and _DEFINITION.search(prev.text):
            entry.para, prev.claimed = prev, True
            entry.uncertain = "paragraph printed before its heading in the extracted text"


# --- building the Standard ----------------------------------------------------------------------


@dataclass
class Draft:
    """Everything collected while building; becomes the ParseResult."""

    known: Known
    lex: Lexicon
    grades: list[m.Grade] = field(default_factory=list)
    groups: dict[str, m.Group] = field(default_factory=dict)
    notes: list[m.Note] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    total: int = 0
    structured: int = 0
    repairs: int = 0

    def unit(self, structured: bool) -> None:
        self.total += 1
        self.structured += int(structured)

    def text_of(self, block: Block) -> str:
        text, count = repair(block.text, self.known.words)
        self.repairs += count
        return text


def build_groups(draft: Draft, blocks: list[Block]) -> None:
    for block in blocks:
        if block.kind != "section" or block.section is None:
            continue
        draft.unit(True)
        section = block.section
        if section.id in draft.groups:
            continue
        draft.groups[section.id] = m.Group(
            id=section.id,
            kind=m.GroupKind.SECTION,
            names={"en": m.Name(section.title)},
            parent=section.parent,
            where=_where(block),
            evidence=(SOURCE_ID,),
        )
    for ident, group in list(draft.groups.items()):
        if group.parent and group.parent not in draft.groups:
            draft.groups[ident] = replace(group, parent=None)


def build_grades(draft: Draft, entries: list[Entry], edition: str) -> None:
    seen: set[str] = set()
    for entry in entries:
        head = entry.head
        draft.unit(True)
        if head.code in seen:
            draft.warnings.append(f"code '{head.code}' appears twice; the second is a note")
            _keep_para(draft, entry.para, f"{head.code} (repeated)")
            continue
        seen.add(head.code)
        if head.code not in draft.known.codes:
            draft.warnings.append(
                f"code '{head.code}' is not in the bundled circulars; kept as a grade"
            )
        draft.grades.append(_grade(draft, entry, edition))


def _grade(draft: Draft, entry: Entry, edition: str) -> m.Grade:
    head = entry.head
    reqs: tuple[m.Requirement, ...] = ()
    if entry.para is not None:
        text = draft.text_of(entry.para)
        found = read_requirements(text, draft.lex, head.code)
        draft.warnings += found.warnings
        reqs = tuple(found.reqs)
        draft.unit(bool(reqs))
        draft.notes.append(m.Note(text, head.code, verbatim=True))
    completeness = (
        m.TextCompleteness.TITLE_ONLY
        if entry.para is None
        else m.TextCompleteness.PARTIAL
        if entry.uncertain
        else m.TextCompleteness.FULL
    )
    names = {"en": m.Name(head.title)} if head.title else {}
    aliases = (m.Name(head.alias),) if head.alias else ()
    return m.Grade(
        code=head.code,
        group=head.section.id if head.section else None,
        names=names,
        aliases=aliases,
        families=_families(draft, head),
        text=completeness,
        seen_in=edition if edition != "undated" else None,
        requirements=reqs,
        where=_where(head),
        evidence=(SOURCE_ID,),
        uncertain=entry.uncertain,
    )


def _families(draft: Draft, head: Block) -> tuple[str, ...]:
    """Known code: the corpus's families. Otherwise those of known code words with the same
    initial in the same section (Red Metals: B/C/D copper, E/L brass and bronze), else the
    section's."""
    known = draft.known
    if head.code in known.codes:
        return known.codes[head.code]
    section = head.section.id if head.section else None
    same = [
        fams
        for code, fams in known.codes.items()
        if known.code_section.get(code) == section and code[:1] == head.code[:1] and fams
    ]
    if same and head.kind == "heading":
        counts = Counter(f for fams in same for f in set(fams))
        return tuple(sorted(f for f, n in counts.items() if n >= len(same) / 2))
    return head.section.families if head.section else ()


def _where(block: Block) -> str | None:
    return f"page {block.page}" if block.page is not None else None


def _keep_para(draft: Draft, para: Block | None, where: str | None) -> None:
    if para is not None:
        draft.unit(False)
        draft.notes.append(m.Note(draft.text_of(para), where, verbatim=True))


def build_leftovers(draft: Draft, blocks: list[Block]) -> list[m.Requirement]:
    """Unclaimed paragraphs: a section's opening text gives its requirements; the rest, and
    paragraphs that read like a grade whose code word was dropped, are verbatim notes."""
    top_reqs: list[m.Requirement] = []
    graded: set[str | None] = set()
    for block in blocks:
        if block.kind in ("heading", "item"):
            graded.add(block.section.id if block.section else None)
        if block.kind == "table":
            draft.unit(True)
        if block.kind != "para" or block.claimed:
            continue
        section = block.section.id if block.section else None
        text = draft.text_of(block)
        if section in graded or _DEFINITION.search(text):
            draft.warnings.append(
                f"{_where(block) or 'text'}: a paragraph with no code word is kept as a note"
            )
            _keep_text(draft, text, section)
            continue
        found = read_requirements(text, draft.lex, section or "text")
        draft.warnings += found.warnings
        draft.unit(bool(found.reqs))
        draft.notes.append(m.Note(text, section, verbatim=True))
        if section and section.endswith("general-information"):
            section = draft.groups[section].parent or section  # it speaks for its guideline
        if section in draft.groups:
            group = draft.groups[section]
            reqs = [*group.requirements, *found.reqs]
            reqs = merge(reqs, draft.warnings, section, draft.lex.vocab)
            draft.groups[section] = replace(group, requirements=tuple(reqs))
        else:
            top_reqs = merge([*top_reqs, *found.reqs], draft.warnings, "text", draft.lex.vocab)
    return top_reqs


def _keep_text(draft: Draft, text: str, where: str | None) -> None:
    draft.unit(False)
    draft.notes.append(m.Note(text, where, verbatim=True))


def _mixtures(grades: list[m.Grade]) -> list[m.Grade]:
    """ "Berry/Candy" is a mix when both parts are grades of their own ("Taint/Tabor" is not)."""
    codes = {g.code for g in grades}
    out = []
    for grade in grades:
        parts = tuple(grade.code.split("/"))
        if len(parts) > 1 and all(p in codes for p in parts):
            grade = replace(grade, mixture_of=parts)
        out.append(grade)
    return out


# --- identity -----------------------------------------------------------------------------------

_EFFECTIVE = re.compile(
    r"effective\s+(?:as\s+of:?\s*|from\s+|on\s+)?([A-Z][a-z]+)\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+"
    r"((?:19|20)\d\d)",
    re.IGNORECASE,
)


def identity(text: str, furniture: Furniture, warnings: list[str]) -> dict:
    year = furniture.years.most_common(1)[0][0] if furniture.years else furniture.copyright_year
    if year is None:
        found = re.search(r"specifications\s+circular\s+((?:19|20)\d\d)", text, re.IGNORECASE)
        year = found.group(1) if found else None
    body = _body(text, furniture)
    if year is None:
        warnings.append("no year found in the running headers; edition set to 'undated'")
    named = body is not None or re.search(r"scrap specifications circular", text, re.I)
    designation = f"{body or 'ISRI'} Scrap Specifications Circular" if named else ""
    if designation and year:
        designation += f" {year}"
    title = {"en": f"Scrap Specifications Circular {year}".strip()} if designation else {}
    return {
        "edition": year or "undated",
        "designation": designation,
        "title": title,
        "body": body,
        "effective": _effective(text),
    }


def _body(text: str, furniture: Furniture) -> str | None:
    if furniture.bodies:
        return furniture.bodies.most_common(1)[0][0]
    if re.search(r"\bReMA\b|recycled materials association", text, re.IGNORECASE):
        return "ReMA"
    if re.search(r"\bISRI\b|institute of scrap recycling", text, re.IGNORECASE):
        return "ISRI"
    return None


def _effective(text: str) -> date | None:
    found = _EFFECTIVE.search(text)
    if not found:
        return None
    try:
        stamp = f"{found.group(1)[:3].title()} {int(found.group(2))} {found.group(3)}"
        return datetime.strptime(stamp, "%b %d %Y").date()
    except ValueError:
        return None


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
            continue
        line = raw.expandtabs(8).rstrip()
        is_furniture, page, section = _furniture(line, furniture)
        if not is_furniture:
            chunk.append(line)
            continue
        had_text = any(c.strip() for c in chunk)
        emit()
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


class IsriParser:
    name = NAME
    version = VERSION

    def sniff(self, head: bytes, path: Path) -> bool:
        if not _plain_text(head):
            return False
        text, _ = decode(head)
        return bool(_SNIFF.search(text))

    def parse(self, data: bytes, path: Path, vocab) -> ParseResult:
        text, warnings = _decode(data)
        refuse_binary(text, path)
        text = CONTROL.sub("", text)
        known = known_for(vocab.folder.parent, vocab)
        furniture, seg = Furniture(), Segmenter(known)
        clean_lines(text, furniture, seg)
        draft = Draft(known, lexicon(vocab), warnings=warnings)
        build_groups(draft, seg.blocks)
        meta = identity(text, furniture, draft.warnings)
        build_grades(draft, pair(seg.blocks), meta["edition"])
        top = build_leftovers(draft, seg.blocks)
        _report(draft, furniture)
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
            notes=tuple(draft.notes),
            origin=m.Origin(str(path), hashlib.sha256(data).hexdigest(), "text", NAME, VERSION),
        )
        return ParseResult(standard, draft.total, draft.structured, draft.warnings)


def _report(draft: Draft, furniture: Furniture) -> None:
    if furniture.count:
        draft.warnings.append(
            f"{furniture.count} running headers, footers and page numbers recognised "
            "(page furniture, not counted as text)"
        )
    if draft.repairs:
        draft.warnings.append(f"{draft.repairs} hyphenated or glued words repaired")


def source(path: Path, parser: str) -> m.Evidence:
    return m.Evidence(
        SOURCE_ID,
        path.name or str(path),
        m.Tier.OFFICIAL,
        note=f"the document this draft was parsed from by the {parser} parser; "
        "give its real address and tier before it joins the corpus",
    )


def _plain_text(head: bytes) -> bool:
    """Not a PDF, not XML or HTML: those have parsers of their own."""
    start = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")[:5]
    return not start.startswith((b"%PDF", b"<"))


PARSER = IsriParser()
