"""The circular's pages as text: running headers and page furniture, two columns, blocks
headed by a code word (parsers/isri.py)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass
from .isri_known import _LAYOUT_SECTIONS, Known, Section, norm_title

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
_PAGE = re.compile(r"^(?:page\s+)?(\d{1,3})(?:\s+of\s+\d{1,4})?$", re.IGNORECASE)
# A flip-book's running header in parts: "14 | Scrap Specifications Circular 2023",
# "ISRI Scrap Specifications Circular 2023 | Nonferrous".
_PARTS = re.compile(r"\s+[|·•]\s+|\s+[–—]\s+")
_SHORT_SECTION = re.compile(r"^(?:(?:non)?ferrous(?:\s+scrap)?|guidelines\s+for\s+.{1,40})$", re.I)
# The publisher's address in a footer: "www.isri.org", "isri.org".
_URL = re.compile(
    r"^(?:https?://|www\.)\S{1,200}$|^[a-z0-9-]{2,40}\.(?:org|com|net)(?:/\S{0,100})?$", re.I
)
_CONTINUED = re.compile(
    r"^\(?(?:continued|cont(?:'?d)?\.?)(?:\s+on\s+(?:the\s+)?next\s+page)?\)?\.?$", re.I
)
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
    if _CONTINUED.match(text) or _URL.match(text):
        seen.count += 1
        return True, None, None
    parts = _PARTS.split(text) if len(text) < 120 else [text]
    if len(parts) > 1:
        return _parted(parts, seen)
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


def _parted(parts: list[str], seen: Furniture) -> tuple[bool, int | None, str | None]:
    """A header in parts: furniture when one part is the circular's header and every other
    part a page number or a section's short name."""
    headers = [p for p in parts if _HEADER.match(p.strip())]
    others = [p.strip() for p in parts if p not in headers]
    fits = (_PAGE.match(p) or _SHORT_SECTION.match(p) or _URL.match(p) for p in others)
    if len(headers) != 1 or not all(fits):
        return False, None, None
    _, page, section = _furniture(headers[0], seen)
    for part in others:
        if _PAGE.match(part):
            page = int(_PAGE.match(part).group(1))
        elif part.lower().startswith("guidelines"):
            section = part
    return True, page, section


def _header_tail(tail: str) -> tuple[str | None, str | None] | None:
    """(section, page number) of what follows "circular [year]" in a running header, or None
    when it is not a header: nothing, a page number, "guidelines for …", or that and a page.
    A page number is split off first, as the lazy pattern did ("… Scrap 12" is page 12)."""
    page = _TRAILING_PAGE.search(tail)
    tries = [(tail[: page.start()], page.group(1))] if page else []
    for rest, number in [*tries, (tail, None)]:
        if not rest.strip():
            return None, number
        if _SECTION.match(rest) or _SHORT_SECTION.match(rest.strip()):
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
        self.page_top = False  # at the top of a page, where titles are repeated
        self.repeats = 0  # section titles and grade headings repeated at a page's top
        self.titled: set[str] = set()  # sections whose title has been printed
        self.last_heading: Block | None = None

    def repeated(self, text: str) -> bool:
        """At the top of a page, the section's title or the heading of the grade in progress
        ("Berry NO. 1 COPPER WIRE", "Candy (continued)") repeated: page furniture that must
        neither start a grade nor split the paragraph running over the page."""
        section = self.section_for(text) if len(text) < 70 else None
        if section is not None:  # a repeat once its title was printed, not its first print
            now = {s.id for s in (self.section, self.top) if s is not None}
            return section.id in self.titled and section.id in now
        last = self.last_heading
        if last is None:
            return False
        cont = re.match(r"^(.{1,40}?)\s*\((?:continued|cont(?:'?d)?\.?)\)$", text, re.IGNORECASE)
        if cont is not None:
            return cont.group(1) in (last.code, f"{last.code} {last.title}".strip())
        found = heading(text, self.known)
        if found is None or (found[0], found[2]) != (last.code, last.title):
            return False
        if found[3]:
            self.lines.append(found[3])  # the paragraph goes on after the repeated heading
        return True

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
        if block.kind == "section" and block.section is not None:
            self.titled.add(block.section.id)
        elif block.kind in ("heading", "item"):
            self.last_heading = block

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
        if self.page_top:
            if not text:
                return  # a page break is not a paragraph break
            if self.repeated(text):
                self.repeats += 1
                return
            self.page_top = False
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
