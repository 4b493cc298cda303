"""Numbers, units and bounds: intervals with open or closed ends, unit conversion, and reading a
bound from the way standards print it ("不大于 0.5", "min. 94%", "≤ 2 %", "1/16 inch",
"No. 16 B&S gauge").

Everything is `Decimal`: a limit of ``93.0`` must not turn into ``93`` or ``92.99999``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import lru_cache

from . import model as m
from .errors import StdcompareError
from .resources import data_dir


@dataclass(frozen=True)
class Interval:
    """A set of allowed values; ``None`` is an open end. Inclusive flags keep ≤ apart from <."""

    lo: Decimal | None = None
    lo_inclusive: bool = True
    hi: Decimal | None = None
    hi_inclusive: bool = True

    def __post_init__(self) -> None:
        # An open end has no inclusiveness: normalise it so equal sets compare equal.
        if self.lo is None:
            object.__setattr__(self, "lo_inclusive", True)
        elif isinstance(self.lo, Decimal) and not self.lo.is_finite():
            _not_finite(self.lo)
        if self.hi is None:
            object.__setattr__(self, "hi_inclusive", True)
        elif isinstance(self.hi, Decimal) and not self.hi.is_finite():
            _not_finite(self.hi)

    @property
    def is_empty(self) -> bool:
        if self.lo is None or self.hi is None:
            return False
        if self.lo > self.hi:
            return True
        return self.lo == self.hi and not (self.lo_inclusive and self.hi_inclusive)

    def contains(self, x: Decimal) -> bool:
        if self.lo is not None and (x < self.lo or (x == self.lo and not self.lo_inclusive)):
            return False
        return not (
            self.hi is not None and (x > self.hi or (x == self.hi and not self.hi_inclusive))
        )

    def intersect(self, other: Interval) -> Interval:
        lo, lo_inc = _tighter_lo(self.lo, self.lo_inclusive, other.lo, other.lo_inclusive)
        hi, hi_inc = _tighter_hi(self.hi, self.hi_inclusive, other.hi, other.hi_inclusive)
        return Interval(lo, lo_inc, hi, hi_inc)

    def overlaps(self, other: Interval) -> bool:
        return not self.intersect(other).is_empty

    def within(self, other: Interval) -> bool:
        """True when every value allowed here is allowed by `other` as well."""
        if self.is_empty:
            return True
        return self.intersect(other) == self


def _not_finite(end: Decimal) -> None:
    """An end of nan or infinity: comparing nan raises decimal.InvalidOperation, and an
    infinite limit is no limit. The canonical reader refuses both; a Requirement built in
    code that holds one fails here, as an error, not deep inside a comparison."""
    raise StdcompareError(
        f"an interval end of {end} is not a finite number",
        "a limit is a finite number; leave out an end that has no limit (None)",
    )


def _tighter_lo(a, a_inc, b, b_inc):
    if a is None:
        return b, (b_inc if b is not None else True)
    if b is None or a > b:
        return a, a_inc
    if b > a:
        return b, b_inc
    return a, a_inc and b_inc


def _tighter_hi(a, a_inc, b, b_inc):
    if a is None:
        return b, (b_inc if b is not None else True)
    if b is None or a < b:
        return a, a_inc
    if b < a:
        return b, b_inc
    return a, a_inc and b_inc


# --- units -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    key: str
    quantity: str
    canonical: str
    factor: Decimal | None = None  # linear units
    gauge: tuple[Decimal, Decimal, Decimal, Decimal] | None = None  # base, ratio, steps, origin


def to_canonical(value: Decimal, unit: Unit) -> Decimal:
    """A printed value in the unit's canonical unit (mm, kg, kg/m³, %, µSv/h)."""
    if unit.gauge is not None:
        base, ratio, steps, origin = unit.gauge
        with localcontext() as ctx:
            ctx.prec = 28
            diameter = base * ratio ** ((origin - value) / steps)
        return diameter.quantize(Decimal("0.0001"))
    assert unit.factor is not None
    return _trim(value * unit.factor)


def _trim(d: Decimal) -> Decimal:
    """Drop zeros that a multiplication added past the inputs' precision (25.4 × 60 = 1524.0)."""
    return d.normalize() if d == d.to_integral_value() else d


# --- reading bounds as printed ---------------------------------------------------------------


@dataclass(frozen=True)
class Bound:
    interval: Interval
    unit: str | None


@dataclass(frozen=True)
class BoundWords:
    """The words a one-sided bound opens with, by side, as vocabulary/phrases.toml [bounds]
    lists them; each longest first, so "not less than" is not read as "less than"."""

    at_least: tuple[str, ...]
    at_most: tuple[str, ...]
    above: tuple[str, ...]
    below: tuple[str, ...]

    @classmethod
    def from_table(cls, table: dict) -> BoundWords:
        def side(name: str) -> tuple[str, ...]:
            words = dict.fromkeys(" ".join(w.lower().split()) for w in table.get(name, []))
            return tuple(sorted(words, key=len, reverse=True))  # stable: ties keep their order

        return cls(side("at_least"), side("at_most"), side("above"), side("below"))

    @property
    def all(self) -> tuple[str, ...]:
        """Every word, for a quick test of whether a phrase may open a bound."""
        return self.at_least + self.at_most + self.above + self.below

    def sides(self) -> tuple[tuple[tuple[str, ...], str, bool], ...]:
        """(words, side, inclusive) in the order they are tried."""
        return (
            (self.at_least, "lo", True),
            (self.at_most, "hi", True),
            (self.above, "lo", False),
            (self.below, "hi", False),
        )


@lru_cache(maxsize=1)
def bundled_phrases() -> dict:
    """The bundled vocabulary/phrases.toml, for a caller that holds no Vocabulary (or one
    whose folder has no phrase table)."""
    import tomllib

    with (data_dir("standards") / "vocabulary" / "phrases.toml").open("rb") as fh:
        return tomllib.load(fh)


@lru_cache(maxsize=1)
def default_bound_words() -> BoundWords:
    """The bundled vocabulary's bound words."""
    return BoundWords.from_table(bundled_phrases().get("bounds", {}))


_NUMBER = r"\d+(?:\.\d+)?"
MAX_DIGITS = 40
# Quantities of vocabulary/units.toml that are magnitudes: no value of them is below zero.
MAGNITUDES = frozenset({"mass_fraction", "length", "mass", "density", "dose_rate"})
UNIT_WORDS = 8  # twice the words of the longest unit name ("pounds per cubic foot")
_DIGITS_HINT = "write the value as digits, e.g. '0.5 %'"
_FRACTION = re.compile(rf"^\s*(?:(\d+)\s+)?({_NUMBER})\s*/\s*({_NUMBER})")
_DECIMAL = re.compile(rf"^\s*({_NUMBER})")
_GAUGE = re.compile(r"^\s*(?:no\.?|#)?\s*(\d+)\s*(?:b\s*&\s*s|awg)", re.IGNORECASE)
_RANGE = re.compile(rf"^\s*({_NUMBER})\s*(?:-|–|—|~|～|to|至)\s*({_NUMBER})\s*(.*)$")


# The comma first and the digit before it checked behind: a pattern that opens with a
# lookbehind is tried at every position of the text, this one only at commas (twice as fast).
_DECIMAL_COMMA = re.compile(r"[,，](?<=\d[,，])(?=\d{1,2}(?!\d))")


def normalise_text(text: str) -> str:
    """Full-width digits and signs to ASCII (NFKC), decimal commas between digits to points."""
    text = decimal_points(unicodedata.normalize("NFKC", text))
    return " ".join(text.split())


def decimal_points(text: str) -> str:
    """ "99,9" and "９９，９" (after NFKC: "99,9") to "99.9"; "1,000" stays. Same length."""
    return _DECIMAL_COMMA.sub(".", text)


def parse_number(text: str) -> tuple[Decimal, str]:
    """A number at the start of `text` (``0.5``, ``1/16``, ``1 1/2``) and the rest of the text."""
    text = normalise_text(text)
    frac = _FRACTION.match(text)
    if frac:
        whole = _decimal(frac.group(1) or "0")
        denominator = _decimal(frac.group(3))
        if not denominator:  # "1/0" would raise decimal's DivisionByZero, no user-facing error
            raise StdcompareError(f"'{frac.group(0).strip()}' divides by zero", _DIGITS_HINT)
        value = whole + _decimal(frac.group(2)) / denominator
        return _trim(value), text[frac.end() :].strip()
    dec = _DECIMAL.match(text)
    if dec:
        return _decimal(dec.group(1)), text[dec.end() :].strip()
    raise StdcompareError(f"no number in {text[:40]!r}", _DIGITS_HINT)


def _decimal(digits: str) -> Decimal:
    """A printed number. Past MAX_DIGITS it is no limit any standard prints, and arithmetic on
    it (the SI conversion) could overflow Decimal's exponent range: refused here, once."""
    if len(digits) > MAX_DIGITS:
        raise StdcompareError(f"a number of {len(digits)} characters is too long", _DIGITS_HINT)
    return Decimal(digits)


def parse_bound(text: str, unit_of=None, words: BoundWords | None = None) -> Bound:
    """Read a printed bound. `unit_of(word)` maps a unit word to its key (None if not a unit);
    `words` are the bound words (vocabulary/phrases.toml), the bundled ones by default."""
    text = normalise_text(text)
    gauge = _GAUGE.match(text)
    if gauge:  # "No. 16 B&S gauge": a diameter; "or heavier" is the usual reading
        n = _decimal(gauge.group(1))
        return Bound(Interval(lo=n), "AWG")
    ranged = _RANGE.match(text)
    if ranged:
        lo, hi = _decimal(ranged.group(1)), _decimal(ranged.group(2))
        return Bound(Interval(lo=lo, hi=hi), _unit(ranged.group(3), unit_of))
    lowered = text.lower()
    for side_words, side, inclusive in (words or default_bound_words()).sides():
        word = next((w for w in side_words if lowered.startswith(w)), None)
        if word is None:
            continue
        value, rest = parse_number(text[len(word) :])
        interval = (
            Interval(lo=value, lo_inclusive=inclusive)
            if side == "lo"
            else Interval(hi=value, hi_inclusive=inclusive)
        )
        return Bound(interval, _unit(rest, unit_of))
    value, rest = parse_number(text)
    return Bound(Interval(lo=value, hi=value), _unit(rest, unit_of))


def _unit(rest: str, unit_of) -> str | None:
    rest = rest.strip().rstrip(".,;")
    if not rest:
        return None
    if unit_of is None:
        return rest.split(maxsplit=1)[0]
    # Longest unit phrase first ("lb/cu ft"), from the first UNIT_WORDS words only: splitting
    # and joining the whole rest for every length was quadratic in a long text.
    words = rest.split(maxsplit=UNIT_WORDS)[:UNIT_WORDS]
    for n in range(len(words), 0, -1):
        key = unit_of(" ".join(words[:n]))
        if key:
            return key
    return None


# The canonical printed bound of a requirement: one text per set of values ("≥ 94 %",
# "56–75 %", "one of 10, 12, 15 %"). Renderers show it, gaps compare it, and diff
# fingerprints (which users' accept files pin) hash it: it lives here, not with the renderers,
# so that no change of display wording can move a fingerprint.
STATE_WORDS = {
    m.State.STATED: "stated",
    m.State.FORBIDDEN: "must be free of it",
    m.State.NONE: "explicitly no requirement",
    m.State.AGREEMENT: "by agreement",
    m.State.SILENT: "not addressed",
    m.State.UNKNOWN: "unknown (not transcribed)",
}


def number(value: Decimal) -> str:
    return format(value, "f")


def _unit_after(req: m.Requirement) -> str:
    return f" {req.unit}" if req.unit else ""


def bound(req: m.Requirement) -> str:
    """ "≥ 94 %", "< 0.5 %", "56–75 %", "≤ 60 × 24 in", "one of 10, 12, 15 %"; else the state."""
    if req.state is not m.State.STATED:
        return STATE_WORDS[req.state]
    unit = _unit_after(req)
    parts: list[str] = []
    if req.lo is not None and req.hi is not None and req.lo_inclusive and req.hi_inclusive:
        parts.append(f"{number(req.lo)}–{number(req.hi)}{unit}")
    else:
        if req.lo is not None:
            parts.append(f"{'≥' if req.lo_inclusive else '>'} {number(req.lo)}{unit}")
        if req.hi is not None:
            parts.append(f"{'≤' if req.hi_inclusive else '<'} {number(req.hi)}{unit}")
    if req.nominal is not None:
        parts.append(f"nominal {number(req.nominal)}{unit}")
    if req.exclude:
        lo, hi = req.exclude
        parts.append(f"not {number(lo)}–{number(hi)}{unit}")
    if req.classes:
        parts.append("one of " + ", ".join(number(c) for c in req.classes) + unit)
    if req.dims:
        parts.append("≤ " + " × ".join(number(d) for d in req.dims) + unit)
    text = "; ".join(parts) if parts else (req.text or "stated")
    if req.approx:
        text = "≈ " + text
    return text
