"""What the XML and HTML parsers (sts, eurlex, formex) share: the text of one block of markup,
the bookkeeping of text units, and the reading of a limit ("foreign materials shall not exceed
2 %", a table row "Copper content | ≥ 99.9 %") into a requirement on a vocabulary property.

Property names are matched word by word: a property (or contaminant) is named in a phrase when
every significant word of one of its English names appears in the phrase. Words are compared with
rapidfuzz's ratio at 85 or more, which lets a plural or a British/American spelling through
("materials" ~ "material" 94, "aluminum" ~ "aluminium" 94, "sulfur" ~ "sulphur" 92) but not a
different word ("material" ~ "metal" 77). Words of four letters or fewer must be equal up to a
final "s": one edit there already makes another word (oil/soil scores 86, lead/load 75).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .. import model as m
from ..errors import SourceError, StdcompareError
from ..quantities import normalise_text, parse_bound
from .base import Notes, brief
from .canonical import with_si  # the canonical reader's own SI conversion, shared on purpose

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

WORD_MATCH = 85  # rapidfuzz ratio for two words of five letters or more to count as the same
SUBJECT_WORDS = 12  # how far back from a limit its subject is looked for (a clause, roughly)
AFTER_WINDOW = 200  # characters after a limit's number in which its unit is looked for
# fmt: off
_STOP = frozenset((
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "its", "of", "on", "or", "per",
    "the", "their", "to", "with",
))
# fmt: on


# --- markup ----------------------------------------------------------------------------------


def localname(el) -> str | None:
    """The tag without its namespace; None for comments, processing instructions, entities."""
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None


def squash(text: str) -> str:
    """The text with every run of whitespace made one space, and none at either end: the same
    as " ".join(text.split()), which builds a list of every word of the text.

    Most paragraphs need little or no work, so they are tested first, in C. isprintable() is
    False for every whitespace character but the ASCII space, so a printable text has no
    whitespace but spaces; a no-break space (EUR-Lex puts one after each paragraph number) is
    the one other kind common enough to be worth replacing before the test."""
    if not text.isprintable():
        text = text.replace("\xa0", " ")
        if not text.isprintable():
            return " ".join(text.split())
    while "  " in text:  # halves every run of spaces, so a run of n takes log2(n) rounds
        text = text.replace("  ", " ")
    return text.strip(" ")


def own_text(el, is_block, skip: frozenset[str] = frozenset()) -> str:
    """The text of a block element with its inline descendants; nested blocks are left out
    (each is a unit of its own) but their tails are kept, since the tail belongs to this block.
    Unexpanded entity references are kept as written (&name;), never resolved."""
    if not len(el):  # most paragraphs: no markup inside, nothing to walk
        return squash(el.text or "")
    parts: list[str] = [el.text or ""]
    stack = [(child, True) for child in reversed(el)]  # iterative: nesting may be deep
    while stack:
        node, enter = stack.pop()
        if not enter:
            parts.append(node.tail or "")
            continue
        name = localname(node)
        if name is not None and name not in skip and not is_block(node):
            parts.append(node.text or "")  # inline: its text, its children, then its tail
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(node))
            continue
        if name is None and _is_entity(node):
            parts.append(node.text or "")
        parts.append(node.tail or "")  # a nested block is a unit of its own: its tail only
    return squash("".join(parts))


def _is_entity(node) -> bool:
    from lxml import etree

    return node.tag is etree.Entity


def guarded(path: Path, read):
    """Run a parse, turning what malformed input can still cause past xmlsafe's checks (an
    lxml error, nesting deeper than Python's stack) into a SourceError naming the file."""
    from lxml import etree

    try:
        return read()
    except RecursionError:
        raise SourceError(
            str(path),
            "elements nested too deeply to read; refused",
            hint="no real standard nests like that; check that the file is what you expect",
        ) from None
    except etree.LxmlError as exc:
        raise SourceError(
            str(path),
            f"could not be read ({brief(exc)})",
            hint="is the file complete and well formed?",
        ) from None


# --- units of text ---------------------------------------------------------------------------


@dataclass
class Units:
    """Text units met so far, and what became of them: structure, or a verbatim note."""

    notes: Notes = field(default_factory=Notes)
    total: int = 0
    structured: int = 0

    def note(self, text: str, where: str | None) -> None:
        self.total += 1
        self.notes.append(m.Note.source_words(text, where or None))

    def structure(self, count: int = 1) -> None:
        self.total += count
        self.structured += count


@dataclass
class Requirements:
    """Requirements of one level (standard or group): a property may be stated only once."""

    found: dict[str, m.Requirement] = field(default_factory=dict)

    def add(self, req: m.Requirement) -> bool:
        if req.prop in self.found:
            return False
        self.found[req.prop] = req
        return True

    def all(self) -> tuple[m.Requirement, ...]:
        return tuple(self.found.values())


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- limits ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Limit:
    """A property and what is required of it, before it is placed in the document."""

    prop: str
    state: m.State = m.State.STATED
    lo: Decimal | None = None
    lo_inclusive: bool = True
    hi: Decimal | None = None
    hi_inclusive: bool = True
    unit: str | None = None

    def requirement(
        self,
        text: str | None,
        where: str | None,
        evidence: tuple[str, ...],
        vocab: Vocabulary | None = None,
    ) -> m.Requirement:
        """The requirement; with `vocab`, the SI value beside a printed one, as the canonical
        reader adds it, so a draft reads back to the same requirement."""
        req = m.Requirement(
            prop=self.prop,
            state=self.state,
            lo=self.lo,
            lo_inclusive=self.lo_inclusive,
            hi=self.hi,
            hi_inclusive=self.hi_inclusive,
            unit=self.unit,
            text=text,
            where=where,
            evidence=evidence,
        )
        return with_si(req, vocab) if vocab is not None else req


_NUM = r"\d+(?:\.\d+)?"
_LE = (
    r"(?:shall|must|should|may|does|do|will)\s+not\s+exceed|not\s+(?:to\s+)?exceed(?:ing)?"
    r"|not\s+(?:be\s+)?(?:more|greater|higher)\s+than|(?:less|lower)\s+than\s+or\s+equal\s+to"
    r"|no\s+more\s+than|at\s+most|a\s+maximum\s+of|maximum(?:\s+of)?|max\.?|up\s+to|≤|⩽|≦|<="
)
_GE = (
    r"not\s+(?:be\s+)?(?:less|lower)\s+than|(?:more|greater|higher)\s+than\s+or\s+equal\s+to"
    r"|no\s+less\s+than|at\s+least|a\s+minimum\s+of|minimum(?:\s+of)?|min\.?|≥|⩾|≧|>="
)
_LT = r"(?:less|lower)\s+than|below|under|<"
_GT = r"(?:more|greater|higher)\s+than|above|exceeding|over|>"
_COMPARE = re.compile(
    rf"(?<!\w)(?:(?P<le>{_LE})|(?P<ge>{_GE})|(?P<lt>{_LT})|(?P<gt>{_GT}))\s*(?P<num>{_NUM})"
    rf"|(?<!\w)between\s+(?P<from>{_NUM})\s*(?:%\s*)?and\s+(?P<to>{_NUM})",
    re.IGNORECASE,
)
_SYMBOL = {"le": "≤", "ge": "≥", "lt": "<", "gt": ">"}
_DIGIT = re.compile(r"\d")
_RANGE_CELL = re.compile(rf"^\s*{_NUM}\s*(?:-|–|—|~|～|to)\s*{_NUM}")
_NEGATION = re.compile(
    r"(?<!\w)(?:free\s+(?:of|from)|(?:shall|must|does|do|may)\s+not\s+(?:contain|include)"
    r"|contains?\s+no|without|no)\s+(?P<object>[^.;:]+)",
    re.IGNORECASE,
)
# In running text "no" and "without" mostly mean something else ("without prejudice to").
_FIRM_NEGATION = re.compile(
    r"(?<!\w)(?:free\s+(?:of|from)|(?:shall|must)\s+not\s+contain)\s+(?P<object>[^.;:]+)",
    re.IGNORECASE,
)
_CLAUSE_END = re.compile(r"[;:,]|\.(?=\s)")


@dataclass(frozen=True)
class _Name:
    words: tuple[str, ...]
    prop: str
    rank: int  # on a tie, the lower rank wins: measured properties before contaminants


def words(text: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFKC", text).lower()
    return tuple(w for w in re.findall(r"[^\W_]+", text) if w not in _STOP)


@lru_cache(maxsize=1 << 16)  # a text's words meet the same vocabulary words over and over
def _same_word(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    if min(len(a), len(b)) <= 4:
        return a.rstrip("s") == b.rstrip("s")
    return fuzz.ratio(a, b) >= WORD_MATCH


def _covered(name: tuple[str, ...], have: tuple[str, ...]) -> bool:
    return all(any(_same_word(n, h) for h in have) for n in name)


class Recogniser:
    """Finds vocabulary properties and their limits in sentences and table rows."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.measured = list(self._measured())
        self.contaminants = list(self._contaminants())
        # A bare element name ("Copper", "Cu") names its content only as a whole table cell.
        self.bare: dict[tuple[str, ...], str] = {}
        for symbol, spec in vocab.elements.items():
            for name in (symbol, spec.get("en", "")):
                if words(name):  # "As" is a stop word: arsenic is named in full
                    self.bare.setdefault(words(name), f"content.{symbol}")

    def _measured(self):
        for key in self.vocab.property_keys():
            prop = self.vocab.property(key)
            yield _Name(words(prop.en.split("(")[0]), key, 0)
            if "." not in key:
                yield _Name(words(key.replace("_", " ")), key, 0)
        for symbol, spec in self.vocab.elements.items():
            for name in (f"{spec.get('en', symbol)} content", f"{symbol} content"):
                yield _Name(words(name), f"content.{symbol}", 0)

    def _contaminants(self):
        for key, spec in self.vocab.contaminants.items():
            for name in [spec.get("en", key).split("(")[0], *spec.get("aliases", [])]:
                yield _Name(words(name), f"free_of.{key}", 1)

    # --- naming ------------------------------------------------------------------------------

    def name_in(self, phrase: str, *, contaminants: bool = True, measured: bool = True):
        """The property a phrase names, or None: the most specific (most words) wins."""
        have = words(phrase)
        if not have:
            return None
        pool = (self.measured if measured else []) + (self.contaminants if contaminants else [])
        found = [n for n in pool if n.words and _covered(n.words, have)]
        if not found:
            return None
        return max(found, key=lambda n: (len(n.words), -n.rank)).prop

    def label(self, cell: str) -> str | None:
        """The property a table cell names: its whole text, a bare element name allowed."""
        return self.bare.get(words(cell)) or self.name_in(cell)

    # --- limits ------------------------------------------------------------------------------

    def limits_in(self, text: str) -> list[Limit]:
        """Every "<property> <comparison> <number> <unit>" of a sentence or paragraph."""
        text = normalise_text(text)
        found: list[Limit] = []
        if not _DIGIT.search(text):
            return found  # every limit has a number: prose is not scanned (a slow pattern)
        start = 0
        for match in _COMPARE.finditer(text):
            subject = _subject(text[start : match.start()])
            start = match.end()
            prop = self.name_in(subject) if subject else None
            limit = self._fit(prop, _bound_of(match, text, self.vocab.unit_key))
            if limit is not None:
                found.append(limit)
        return found

    def prohibition(self, text: str, firm: bool = False) -> Limit | None:
        """ "free of X", "no visible X", "shall not contain X" for a known contaminant X;
        `firm` keeps to "free of" and "shall not contain", for running text."""
        pattern = _FIRM_NEGATION if firm else _NEGATION
        for match in pattern.finditer(normalise_text(text)):
            for item in re.split(r",|\bor\b|\band\b|\bnor\b", match.group("object"))[:6]:
                prop = self.name_in(" ".join(item.split()[:6]), measured=False)
                if prop:
                    return Limit(prop, m.State.FORBIDDEN)
        return None

    def bound_cell(self, cell: str, unit: str | None = None) -> Limit | None:
        """A table cell holding only a bound ("≥ 99.9 %", "max. 2", "90-95"), property unset;
        `unit` is the column's unit, used when the cell prints none."""
        text = normalise_text(cell)
        if _COMPARE.match(text) is None and not _RANGE_CELL.match(text):
            return None
        bound = _parse(text, self.vocab.unit_key)
        if bound is not None and bound.unit is None:
            bound = replace(bound, unit=unit)
        return bound

    def row_limit(self, cells: list[str], units: list[str | None]) -> Limit | None:
        """A row "<property> | <bound>" (a cell holding only a unit may sit between them)."""
        filled = [(i, c) for i, c in enumerate(cells) if c.strip()]
        if len(filled) < 2:
            return None
        prop = self.label(filled[0][1])
        unit_cells = [self.vocab.unit_key(c) for _, c in filled[1:] if self.vocab.unit_key(c)]
        rest = [(i, c) for i, c in filled[1:] if not self.vocab.unit_key(c)]
        if prop is None or len(rest) != 1:
            return None
        i, cell = rest[0]
        column_unit = unit_cells[0] if unit_cells else (units[i] if i < len(units) else None)
        return self._fit(prop, self.bound_cell(cell, column_unit))

    def _fit(self, prop: str | None, bound: Limit | None) -> Limit | None:
        """The limit when the property exists and the unit measures what the property does."""
        if prop is None or bound is None or bound.unit not in self.vocab.units:
            return None
        spec = self.vocab.property(prop)
        if spec is None or spec.quantity not in ("none", self.vocab.units[bound.unit].quantity):
            return None
        if bound.lo is not None and bound.hi is not None and bound.lo > bound.hi:
            return None
        return replace(bound, prop=prop)

    def header_unit(self, header: str) -> str | None:
        """A unit printed in a column header: "Content, %", "Mass fraction (%)", "Cu/%"."""
        for token in re.split(r"[\s,;/()\[\]]+", header):
            if token and self.vocab.unit_key(token):
                return self.vocab.unit_key(token)
        return None


def _subject(before: str) -> str:
    """The words a limit is about: the clause just before the comparison, asides removed."""
    before = re.sub(r"\([^()]*\)", " ", before)
    clauses = _CLAUSE_END.split(before)
    clause = clauses[-1]
    if not clause.strip() and len(clauses) > 1:  # "Copper content, min. 99.9 %"
        clause = clauses[-2]
    return " ".join(clause.split()[-SUBJECT_WORDS:])


def _bound_of(match: re.Match, text: str, unit_of) -> Limit | None:
    # Its unit is within the four words after the number: a window, not the rest of the text,
    # which a paragraph of many limits would copy once per limit (quadratic).
    window = text[match.end() : match.end() + AFTER_WINDOW]
    after = re.split(r"[,;:()]|\s(?:and|or|of|by)\s", window, maxsplit=1)[0]
    rest = " ".join(after.split()[:4])
    if match.group("from"):
        return _parse(f"{match.group('from')}-{match.group('to')} {rest}", unit_of)
    kind = next(k for k in _SYMBOL if match.group(k))
    return _parse(f"{_SYMBOL[kind]} {match.group('num')} {rest}", unit_of)


def _parse(printed: str, unit_of) -> Limit | None:
    """quantities.parse_bound, as a Limit without a property; None where it cannot be read."""
    try:
        bound = parse_bound(printed, unit_of)
    except (StdcompareError, ArithmeticError, InvalidOperation):
        return None
    interval = bound.interval
    return Limit(
        "",
        lo=interval.lo,
        lo_inclusive=interval.lo_inclusive,
        hi=interval.hi,
        hi_inclusive=interval.hi_inclusive,
        unit=bound.unit,
    )


@contextmanager
def capturing(reader):
    """Collect the notes a reader makes (in a table cell, say) into a fresh Units and hand them
    back, so the caller can decide whether they become structure or stay notes. Units that
    already became structure inside stay counted."""
    saved, reader.units = reader.units, Units()
    try:
        yield reader.units
    finally:
        captured, reader.units = reader.units, saved
        saved.structure(captured.structured)
