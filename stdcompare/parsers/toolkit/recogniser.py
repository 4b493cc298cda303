"""The one property recogniser: finds vocabulary properties and their limits in a sentence
("foreign materials shall not exceed 2 %") or a table row ("Copper content | ≥ 99.9 %"), and
contaminants a text forbids ("free of oil").

A property (or contaminant) is named in a phrase when every significant word of one of its
English names appears in the phrase (toolkit/words.py says when two words are one). The words
that bound a number and that forbid a contaminant are the vocabulary's phrase table
(toolkit/phrases.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import TYPE_CHECKING

from ... import model as m
from ...errors import StdcompareError
from ...quantities import BoundWords, normalise_text, parse_bound
from ..canonical import with_si  # the canonical reader's own SI conversion, shared on purpose
from .names import names as vocabulary_names
from .phrases import NUM, phrases
from .words import same_word, words

if TYPE_CHECKING:
    from ...vocabulary import Vocabulary

SUBJECT_WORDS = 12  # how far back from a limit its subject is looked for (a clause, roughly)
AFTER_WINDOW = 200  # characters after a limit's number in which its unit is looked for


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


_DIGIT = re.compile(r"\d")
_RANGE_CELL = re.compile(rf"^\s*{NUM}\s*(?:-|–|—|~|～|to)\s*{NUM}")
_SYMBOL = {"le": "≤", "ge": "≥", "lt": "<", "gt": ">"}
_CLAUSE_END = re.compile(r"[;:,]|\.(?=\s)")
_LETTERS = re.compile(r"[a-z]+")
_LABEL_NOISE = frozenset(("content", "total", "the", "and", "max", "min"))  # in a label, no name
# When no word names the property of a length or density, the direction decides.
_DEFAULT_PROP = {
    "length": {"max": "dimension.max", "min": "dimension.min", "range": "particle_size"},
    "density": {"max": "bulk_density", "min": "bulk_density", "range": "bulk_density"},
    "mass": {"max": "piece_weight.max"},
    "dose_rate": {"max": "radioactivity"},
}


@lru_cache(maxsize=4)
def recogniser(vocab: Vocabulary) -> Recogniser:
    """The recogniser of a vocabulary, made once."""
    return Recogniser(vocab)


class Recogniser:
    """Finds vocabulary properties and their limits in sentences and table rows."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.phrases = phrases(vocab)
        self.names = vocabulary_names(vocab)
        self._known: dict[str, bool] = {}
        # A bare element name ("Copper", "Cu") names its content only as a whole table cell.
        self.bare: dict[tuple[str, ...], str] = {}
        for symbol, spec in vocab.elements.items():
            for name in (symbol, spec.get("en", "")):
                if words(name):  # "As" is a stop word: arsenic is named in full
                    self.bare.setdefault(words(name), f"content.{symbol}")

    # --- naming ------------------------------------------------------------------------------

    def name_in(self, phrase: str, *, contaminants: bool = True, measured: bool = True):
        """The property a phrase names, or None: the most specific (most words) wins."""
        have = words(phrase)
        return self.names.covering(have, contaminants, measured) if have else None

    def pick(self, quantity: str, direction: str, near: list[str]) -> str | None:
        """The property a number of `quantity` measures, from the words around it (nearest
        first, as names.prose_words gives them); None when none fits. The best share of a
        name's words wins; ties go to the nearest word, then to the property whose usual limit
        (min, max) is the direction printed ("min", "max", "range")."""
        need = 0.5 if quantity == "mass_fraction" else 0.01
        best = [v for v in self.names.vote(quantity, direction, near) if v[0] >= need]
        if not best:
            return _DEFAULT_PROP.get(quantity, {}).get(direction)
        chosen = min(best, key=lambda b: (-b[0], b[1], b[2]))[3]
        if chosen.startswith("element:"):
            symbol = chosen.split(":", 1)[1]
            return f"impurity.{symbol}" if direction == "max" else f"content.{symbol}"
        return chosen

    def labels(self, label: str, prop: str) -> bool:
        """Whether a label printed before a limit ("ferrous metals: ≤ 50 ppm") may name `prop`:
        each of its words (of three letters or more, bound and generic words aside) is a word
        of the property's English name or of its element's, up to a final "s"."""
        spec = self.vocab.property(prop)
        if spec is None:
            return False
        element = prop.split(".", 1)[1] if "." in prop else ""
        named = self.vocab.elements.get(element, {}).get("en", element)
        known = set(_LETTERS.findall((spec.en or "").lower()))
        known |= set(_LETTERS.findall(named.lower()))
        said = [w for w in _LETTERS.findall(label.lower()) if len(w) > 2]
        said = [w for w in said if w not in _LABEL_NOISE]
        return all(w in known or w.rstrip("s") in known for w in said)

    def known(self, prop: str) -> bool:
        """Whether `prop` is a property of the vocabulary (the answer remembered: the prose
        reader asks it of every number)."""
        found = self._known.get(prop)
        if found is None:
            found = self._known[prop] = self.vocab.property(prop) is not None
        return found

    def contaminant(self, item: str, named: bool = False) -> str | None:
        """The contaminant key a listed item is ("burnt wire", "any rubber"), or None; with
        `named`, failing that, the one the item ends by naming in full ("all contamination
        such as non-ferrous metals"), for a part of an item already split at its "and"s. The
        name must hold the item's last word, its head noun: "soldered copper wire" is wire,
        not the soldered material whose alias is "soldered"."""
        found = self.names.contaminant(item)
        have = words(item)
        if found is None and named and have:
            name = self.names.covered(have, contaminants=True, measured=False)
            if name is not None and any(same_word(have[-1], w) for w in name.words):
                found = name.prop.split(".", 1)[1]
        return found

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
        for match in self.phrases.compare.finditer(text):
            subject = _subject(text[start : match.start()])
            start = match.end()
            prop = self.name_in(subject) if subject else None
            bound = _bound_of(match, text, self.vocab.unit_key, self.phrases.bounds)
            limit = self._fit(prop, bound)
            if limit is not None:
                found.append(limit)
        return found

    def prohibition(self, text: str, firm: bool = False) -> Limit | None:
        """ "free of X", "no visible X", "shall not contain X" for a known contaminant X;
        `firm` keeps to "free of" and "shall not contain", for running text."""
        pattern = self.phrases.free_of if firm else self.phrases.free_of_loose
        for match in pattern.finditer(normalise_text(text)):
            for item in re.split(r",|\bor\b|\band\b|\bnor\b", match.group("object"))[:6]:
                prop = self.name_in(" ".join(item.split()[:6]), measured=False)
                if prop:
                    return Limit(prop, m.State.FORBIDDEN)
        return None

    def agreement(self, text: str) -> Limit | None:
        """A property left to the buyer and seller: "the particle size shall be agreed between
        the purchaser and the supplier", "sizes by agreement" (the phrase table's agreement
        words); the property is named in the clause before them."""
        low = normalise_text(text).lower()
        found = self.phrases.agreed.search(low)
        subject = _subject(low[: found.start()]) if found else ""
        prop = self.name_in(subject, contaminants=False) if subject else None
        return Limit(prop, m.State.AGREEMENT) if prop else None

    def bound_cell(self, cell: str, unit: str | None = None) -> Limit | None:
        """A table cell holding only a bound ("≥ 99.9 %", "max. 2", "90-95"), property unset;
        `unit` is the column's unit, used when the cell prints none."""
        text = normalise_text(cell)
        if self.phrases.compare.match(text) is None and not _RANGE_CELL.match(text):
            return None
        bound = _parse(text, self.vocab.unit_key, self.phrases.bounds)
        if bound is not None and bound.unit is None:
            bound = replace(bound, unit=unit)
        return bound

    def row_limit(self, cells: list[str], units: list[str | None]) -> Limit | None:
        """A row "<property> | <bound>" (a cell holding only a unit may sit between them, and
        cells that are no bound may follow: a test method, a note, as specifications print
        "Moisture | max. 2 | ISO 11722"). One bound only: two (a min and a max column, two
        grades) are for the table's reader to place."""
        filled = [(i, c) for i, c in enumerate(cells) if c.strip()]
        if len(filled) < 2:
            return None
        prop = self.label(filled[0][1])
        unit_cells = [self.vocab.unit_key(c) for _, c in filled[1:] if self.vocab.unit_key(c)]
        rest = [(i, c) for i, c in filled[1:] if not self.vocab.unit_key(c)]
        if prop is None or not rest:
            return None

        def unit_of(i: int) -> str | None:
            return unit_cells[0] if unit_cells else (units[i] if i < len(units) else None)

        bounds = [b for i, c in rest if (b := self.bound_cell(c, unit_of(i))) is not None]
        if len(bounds) != 1:
            return None
        return self._fit(prop, bounds[0])

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


def _bound_of(match: re.Match, text: str, unit_of, words: BoundWords) -> Limit | None:
    # Its unit is within the four words after the number: a window, not the rest of the text,
    # which a paragraph of many limits would copy once per limit (quadratic).
    window = text[match.end() : match.end() + AFTER_WINDOW]
    after = re.split(r"[,;:()]|\s(?:and|or|of|by)\s", window, maxsplit=1)[0]
    rest = " ".join(after.split()[:4])
    if match.group("from"):
        return _parse(f"{match.group('from')}-{match.group('to')} {rest}", unit_of, words)
    kind = next(k for k in _SYMBOL if match.group(k))
    return _parse(f"{_SYMBOL[kind]} {match.group('num')} {rest}", unit_of, words)


def _parse(printed: str, unit_of, words: BoundWords) -> Limit | None:
    """quantities.parse_bound, as a Limit without a property; None where it cannot be read."""
    try:
        bound = parse_bound(printed, unit_of, words)
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


# --- Chinese names -------------------------------------------------------------------------------
# A Chinese text has no spaces between words: a property or contaminant is named where its
# Chinese name stands in the text, the longest name first ("铜含量" before "铜").


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


@lru_cache(maxsize=4)
def _zh_lexicon(vocab: Vocabulary) -> tuple[tuple[str, str, str], ...]:
    """(Chinese name, property key, quantity), longest names first."""
    found = []
    for key in vocab.property_keys():
        prop = vocab.property(key)
        if prop is not None:  # a key of the table is always a property
            found.append((prop.zh, key, prop.quantity))
    for symbol, names in vocab.elements.items():
        zh = names.get("zh", "")
        for name in {f"{zh}含量", f"{symbol}含量", f"{symbol}"} | ({zh} if zh else set()):
            if name:
                found.append((name, f"element:{symbol}", "mass_fraction"))
    return tuple(sorted(found, key=lambda t: -len(t[0])))


def zh_property(
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
