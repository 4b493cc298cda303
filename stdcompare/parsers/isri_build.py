"""From blocks to a Standard: words repaired, headings paired with their paragraphs, groups,
grades and what is left as notes, the circular's identity (parsers/isri.py)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import model as m
from .prose import Lexicon, merge, read_requirements
from .textfile import SOURCE_ID
from .toolkit.coverage import Units
from .toolkit.dates import month_first

if TYPE_CHECKING:
    from .toolkit.phrases import Phrases
from .isri_known import Known
from .isri_layout import Block, Furniture

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


@lru_cache(maxsize=4)
def _definition(modal: str) -> re.Pattern:
    """A paragraph that defines a grade ("shall consist of", "to be made up of"): the phrase
    table's strength words (`modal`) or "to" / "will" before a verb of being or containing."""
    return re.compile(
        rf"^\W*(?:(?:{modal}|to|will)\s+(?:consist|be|contain|include)|consist|made up|"
        r"to be made|composed)|\bconsist(?:s|ing)? of\b",
        re.IGNORECASE,
    )


def pair(blocks: list[Block], said: Phrases) -> list[Entry]:
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
    _pair_backwards(blocks, entries, _definition(said.modal))
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


def _pair_backwards(blocks: list[Block], entries: list[Entry], defines: re.Pattern) -> None:
    """A bare code word heading takes the unclaimed paragraph printed just before it."""
    by_block = {id(e.head): e for e in entries}
    for i, block in enumerate(blocks):
        entry = by_block.get(id(block))
        if entry is None or entry.para is not None or i == 0:
            continue
        prev = blocks[i - 1]
        if prev.kind == "para" and not prev.claimed and defines.search(prev.text):
            entry.para, prev.claimed = prev, True
            entry.uncertain = "paragraph printed before its heading in the extracted text"


# --- building the Standard ----------------------------------------------------------------------


@dataclass
class Draft(Units):
    """Everything collected while building; becomes the ParseResult (its text units counted
    as Units)."""

    known: Known
    lex: Lexicon
    grades: list[m.Grade] = field(default_factory=list)
    groups: dict[str, m.Group] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    repairs: int = 0

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
        if section in graded or _definition(draft.lex.phrases.modal).search(text):
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
    return month_first(found.group(0)) if found else None
