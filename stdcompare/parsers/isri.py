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

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import model as m
from ..errors import SourceError
from .base import Notes, ParseResult
from .prose import Lexicon, lexicon, merge, read_requirements
from .textfile import CONTROL, SOURCE_ID, decode, decode_bytes, refuse_binary, source

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

NAME = "isri"
VERSION = "1"

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
def known_for(vocab: Vocabulary) -> Known:
    """What the corpus beside the vocabulary knows of the circular: its code words, their
    families and sections, and every English word of the corpus (read by the vocabulary,
    Vocabulary.corpus_tables: a parser opens only its document)."""
    tables = vocab.corpus_tables()
    return _known(tables, vocab)


def _known(tables: tuple[tuple[str, dict], ...], vocab: Vocabulary) -> Known:
    # Newest edition first: its groups and families win over older ones.
    datas = [d for path, d in reversed(tables) if path.startswith("isri/") and d]
    words: set[str] = set()
    for _, data in tables:
        _collect_words(data, words)
    known = Known(words=frozenset(words | _vocab_words(vocab)))
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


def _common_families(lists: list[tuple[str, ...]], vocab: Vocabulary) -> tuple[str, ...]:
    """Families (lifted to the level below non-ferrous / ferrous) held by a third of the grades."""
    counts = Counter(f for fams in lists for f in {_lift(x, vocab) for x in fams})
    need = len(lists) / 3
    return tuple(sorted(f for f, n in counts.items() if n >= need)) if lists else ()


def _lift(family: str, vocab: Vocabulary) -> str:
    chain = vocab.family_ancestors(family)
    return chain[-3] if len(chain) >= 3 else family


def _collect_words(value, words: set[str]) -> None:
    if isinstance(value, str):
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", value))
    elif isinstance(value, dict):
        for item in value.values():
            _collect_words(item, words)
    elif isinstance(value, list):
        for item in value:
            _collect_words(item, words)


def _vocab_words(vocab: Vocabulary) -> set[str]:
    words: set[str] = set()
    for table in (vocab.contaminants, vocab.elements, vocab.forms, vocab.families):
        _collect_words(table, words)
    return words


# --- decoding and page furniture ---------------------------------------------------------------


# A running header: "8  SCRAP SPECIFICATIONS CIRCULAR 2022  Guidelines for Nonferrous Scrap  9".
# The section and the trailing page number are split off in Python (_header_tail): one pattern
# with ".*?" before an optional "\s+\d{1,3}$" retried the run of spaces at every character of a
# long line (quadratic: 35 s for a header line with 60 kB of spaces after it).
_HEADER = re.compile(
    r"^(?:(?P<p1>\d{1,3})\s+)?(?:(?P<body>ISRI|ReMA)\s+)?scrap\s+specifications\s+circular"
    r"(?:\s+(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_SECTION = re.compile(r"\s+guidelines\s+for\s+\S", re.IGNORECASE)
_TRAILING_PAGE = re.compile(r"\s(\d{1,3})$")
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
    tail = _header_tail(text[head.end() :]) if head else None
    if tail is not None:
        seen.count += 1
        if head.group("year"):
            seen.years[head.group("year")] += 1
        if head.group("body"):
            seen.bodies[head.group("body")] += 1
        section, p2 = tail
        page = head.group("p1") or p2
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


def _header_tail(tail: str) -> tuple[str | None, str | None] | None:
    """(section, page number) of what follows "circular [year]" in a running header, or None
    when it is not a header: nothing, a page number, "guidelines for …", or that and a page.
    A page number is split off first, as the lazy pattern did ("… Scrap 12" is page 12)."""
    page = _TRAILING_PAGE.search(tail)
    tries = [(tail[: page.start()], page.group(1))] if page else []
    for rest, number in [*tries, (tail, None)]:
        if not rest.strip():
            return None, number
        if _SECTION.match(rest):
            return rest.strip(), number
    return None


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
    notes: Notes = field(default_factory=Notes)
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
        draft.unit(bool(reqs) and found.complete)  # a phrase left unread is not structure
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
        draft.unit(bool(found.reqs) and found.complete)
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
        hint="the isri parser reads the circular only; another body's specification is "
        "transcribed as a canonical file (stdcompare docs format)",
    )


class IsriParser:
    name = NAME
    version = VERSION

    def sniff(self, head: bytes, path: Path) -> bool:
        if not _plain_text(head):
            return False
        text, _ = decode(head)
        return bool(_SNIFF.search(text))

    def parse(self, data: bytes, path: Path, vocab: Vocabulary) -> ParseResult:
        text, warnings = decode_bytes(data)
        refuse_binary(text, path)
        text = CONTROL.sub("", text)
        known = known_for(vocab)
        furniture, seg = Furniture(), Segmenter(known)
        clean_lines(text, furniture, seg)
        draft = Draft(known, lexicon(vocab), warnings=warnings)
        build_groups(draft, seg.blocks)
        meta = identity(text, furniture, draft.warnings)
        build_grades(draft, pair(seg.blocks), meta["edition"])
        _refuse_other_documents(text, draft, path)
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
            notes=tuple(draft.notes.closed(draft.warnings)),
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


def _plain_text(head: bytes) -> bool:
    """Not a PDF, not XML or HTML: those have parsers of their own."""
    start = head.lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n")[:5]
    return not start.startswith((b"%PDF", b"<"))


PARSER = IsriParser()
