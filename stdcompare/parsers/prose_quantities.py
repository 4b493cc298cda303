"""Numbers in specification prose with their units and bounds (prose.py): "at least 94 %",
"97 % min.", "1/4 inch or thicker", "60 x 24 inches", "No. 16 B&S gauge", "between 5 and 10 %",
a share of small pieces ("pieces under 2 in. shall not exceed 10 %"), each given the property the
words around it name."""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import model as m
from ..errors import StdcompareError
from ..quantities import Interval, normalise_text, parse_bound, parse_number
from .toolkit.names import prose_words
from .toolkit.phrases import Phrases, phrases
from .toolkit.shell import make_req

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

_NUM = r"(?:\d{1,6}\s+)?\d{1,4}/\d{1,4}|\d{1,9}(?:\.\d{1,6})?"
_NUMBER = re.compile(rf"(?<![\w.#/])({_NUM})(?![\d/])")
# The *_TAIL patterns and the phrase table's `after` are matched at a position in the sentence
# (pattern.match(low, pos)), never on a copy of the rest of it: a sentence may be megabytes long,
# and a copy per number made reading it quadratic.
_RANGE_TAIL = re.compile(rf"\s*(?:-|–|—|to)\s*({_NUM})")
_BETWEEN_TAIL = re.compile(rf"\s*and\s+({_NUM})")
_BETWEEN_BEFORE = re.compile(r"\bbetween\s*$")
_DIMS_TAIL = re.compile(rf"\s*(?:x|×|by)\s*({_NUM})")
_CLAUSE_MARK = re.compile(r"[,;]")
_AFTER_STOP = re.compile(r"[,;.]|\band\b|\bor\b|\d")
_NEAR = 100  # characters after a quantity that may hold its screen or basis (both are short)
_GAUGE = re.compile(
    r"(?:\bno\.?|#)\s*(\d{1,2})\s*(?:b\s*&\s*s|awg)\b(?:\s*(?:wire\s+)?gauge)?"
    r"(?:\s+or\s+(heavier|thicker|larger|lighter|thinner|finer|smaller))?"
)
_MESH = re.compile(r"\bthrough an?\s+\d{1,4}[- ]?mesh(?:\s+screen)?")
_BASIS = re.compile(r"\b(?:by|on an?|on)\s+((?:electrolytic|dry)\s+(?:assay|basis|weight))")


def read_gauges(low: str, flags: dict, spans: list) -> list[m.Requirement]:
    reqs: list[m.Requirement] = []
    if "awg" not in low and "&" not in low:
        return reqs  # no gauge without "B&S" or "AWG": the pattern is not run (it is dear)
    for hit in _GAUGE.finditer(low):
        spans.append(hit.span())
        thinner = hit.group(2) in ("lighter", "thinner", "finer", "smaller")
        value = Decimal(hit.group(1))
        bound = {"hi": value} if thinner else {"lo": value}
        reqs.append(make_req("wire.diameter", flags, unit="AWG", **bound))  # SI added on merge
    return reqs


# "broken pieces under 2 in. in diameter shall not exceed 10%": a share of small pieces (the
# fines through a screen of that size), not a limit on the size of the pieces.
_UNDERSIZE = re.compile(
    rf"\b(?:pieces|particles|material|scrap|fines|lumps)\s+(?:under|less than|smaller than|"
    rf"below|passing)\s+(?P<size>(?:{_NUM})\s*(?:in\.?|inch(?:es)?|mm|cm|\"))[^.;%]{{0,60}}?"
    rf"\b(?:shall not exceed|not to exceed|must not exceed|not more than|maximum|max\.?|up to)"
    rf"\s+(?P<share>{_NUM})\s*%"
)
# "material to contain about 55% zinc-bearing scrap": a share of the lot's composition by kind
# of scrap, not the content of a metal. Kept as text (a warning makes the paragraph a note).
_COMPOSITION = re.compile(
    rf"\b(?:contain|containing|consist of|consisting of|made up of|composed of)\s+"
    rf"(?:about|approximately|around|at least|minimum|min\.|maximum|max\.|up to)?\s*"
    rf"(?:{_NUM})\s*%\s+(?:of\s+)?(?:[a-z]+-bearing|[a-z]+\s+(?:scrap|material|cans|castings))"
)


def read_undersize(low: str, flags: dict, spans: list) -> list[m.Requirement]:
    reqs: list[m.Requirement] = []
    if "%" not in low:
        return reqs  # the share of small pieces is printed in per cent
    for hit in _UNDERSIZE.finditer(low):
        spans.append(hit.span())
        size = " ".join(hit.group("size").split())
        share = Decimal(hit.group("share"))
        reqs.append(make_req("fines", flags, hi=share, unit="%", qualifier=f"pieces under {size}"))
    return reqs


def note_composition(low: str, spans: list, warnings: list[str], where: str) -> None:
    if "%" not in low:
        return  # a composition share is printed in per cent
    for hit in _COMPOSITION.finditer(low):
        spans.append(hit.span())
        warnings.append(f"{where}: a composition share kept as text: '{hit.group(0)}'")


def read_quantities(low, lex, flags, spans, warnings, where) -> list[m.Requirement]:
    reqs: list[m.Requirement] = []
    last_end, last_prop = 0, {}  # type: tuple[int, dict[str, str]]
    for hit in _NUMBER.finditer(low):
        # A number inside a quantity read already is behind last_end; one inside a gauge
        # phrase is found by bisection (a scan of every span per number was quadratic).
        if hit.start() < last_end or _inside(spans, hit.start()):
            continue
        q = _quantity(low, hit, lex.vocab)
        if q is None:
            continue
        before = _CLAUSE_MARK.split(low[last_end : q.start])[-1]
        stop = _AFTER_STOP.search(low, q.end)
        after = low[q.end : stop.start() if stop else len(low)]
        inside = prose_words(low[hit.start() : q.end])  # "1/4 inch or thicker"
        words = _interleave(inside + prose_words(after)[:3], prose_words(before)[-8:][::-1])
        quantity = lex.vocab.units[q.unit].quantity
        # "95% and a minimum of 92.5%": a bare second number repeats the first one's property
        prop = lex.pick(quantity, q.direction, words) or last_prop.get(q.unit)
        last_end = q.end
        if prop is None or not lex.known(prop):
            warnings.append(f"{where}: no property recognised for '{low[hit.start() : q.end]}'")
            continue
        last_prop[q.unit] = prop
        reqs.append(make_req(prop, flags, **q.fields, **_extras(low, q.end)))
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


def _quantity(low: str, hit: re.Match, vocab: Vocabulary) -> Quantity | None:
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
    said = phrases(vocab)
    start, direction, fields = _direction(low, hit, first, tail, said)
    after = said.after.match(low, tail)
    end = after.end() if after else tail
    return Quantity(start, end, unit, direction, {"unit": unit, **fields})


def _range(low, hit, first, unit, second, vocab: Vocabulary) -> Quantity | None:
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


def _unit_after(low: str, start: int, vocab: Vocabulary) -> tuple[str | None, int]:
    """The unit printed at `start`, right after a number, and how many characters it takes."""
    tokens: list[tuple[str, int]] = []
    pos = start
    while len(tokens) < 4 and (token := _UNIT_TOKEN.match(low, pos)) is not None:
        tokens.append((token.group(1), token.end() - start))
        pos = token.end()
        if token.group(1) in ("%", '"', "'"):
            break
    found = _unit_of(tuple(t for t, _ in tokens), vocab)
    if found is None:
        return None, 0
    key, n, cut = found
    return key, tokens[n - 1][1] - cut


@lru_cache(maxsize=1 << 12)
def _unit_of(tokens: tuple[str, ...], vocab: Vocabulary) -> tuple[str, int, int] | None:
    """The unit the first tokens after a number name, the longest first: (its key, how many
    tokens, how many characters of a trailing "." or "," are not part of it). Remembered:
    the same few units follow most numbers."""
    for n in range(len(tokens), 0, -1):
        phrase = " ".join(tokens[:n])
        bare = phrase.rstrip(".,")
        if bare == "in" and phrase != "in.":
            continue  # the preposition, not inches
        key = vocab.unit_key(phrase) or vocab.unit_key(bare)
        if key is not None:
            return key, n, 0 if vocab.unit_key(phrase) else len(phrase) - len(bare)
    return None


def _direction(
    low: str, hit: re.Match, value: Decimal, tail: int, said: Phrases
) -> tuple[int, str, dict]:
    """Where the bound phrase starts, its direction and its bound: a bound word before the
    number (as quantities.parse_bound reads it), one after it ("97% min."), or a nominal."""
    prior = _since_break(_last_words(low, hit.start(), 6))
    number = low[hit.start() : tail]
    for k in range(min(4, len(prior)), 0, -1):
        phrase = " ".join(prior[-k:])
        try:
            iv = _bound_before(phrase, number, said)
        except (StdcompareError, ArithmeticError):
            continue
        if iv is None:
            continue
        start = hit.start() - len(phrase) - 1
        if iv.lo is not None and iv.hi is None:
            return start, "min", {"lo": iv.lo, "lo_inclusive": iv.lo_inclusive}
        if iv.hi is not None and iv.lo is None:
            return start, "max", {"hi": iv.hi, "hi_inclusive": iv.hi_inclusive}
    after = said.after.match(low, tail)
    if after:
        lower = after.group(1) in said.after_at_least
        return hit.start(), ("min" if lower else "max"), {"lo" if lower else "hi": value}
    word = _bound_word(prior[-6:], said)
    if word in said.before_at_least:  # "a minimum zinc content of 92%"
        return hit.start(), "min", {"lo": value}
    if word in said.before_at_most:
        return hit.start(), "max", {"hi": value}
    nominal = said.nominal.search(" ".join(prior[-6:]))
    fields: dict = {"nominal": value}
    if nominal is None:
        fields["uncertain"] = "printed without a minimum or maximum; read as a nominal value"
    elif nominal.group(1) in said.approximate:
        fields["approx"] = True
    return hit.start(), "nominal", fields


# A phrase after which parse_bound reads a gauge ("No. 16 AWG"): "No.", "#" or nothing.
_GAUGE_HEAD = re.compile(r"\s*(?:no\.?|#)?\s*", re.IGNORECASE)


def _bound_before(phrase: str, number: str, said: Phrases) -> Interval | None:
    """The bound quantities.parse_bound reads from `phrase` and the `number` after it, or None
    where it reads none of one side; without its work on the unit and on ranges (the phrase
    has no digit, so no range opens it), and without trying each bound word of a side that no
    word of opens the text. Raises as parse_bound does."""
    # ASCII that no bound word opens and that is no gauge's "No." reads as no bound: it is
    # not normalised (that leaves ASCII as it is; no bound word runs on into the number,
    # which starts with a digit)
    low = phrase.lower()
    if phrase.isascii() and not low.startswith(said.bounds.all) and not _GAUGE_HEAD.fullmatch(low):
        return None
    text = normalise_text(f"{phrase} {number}")
    lowered = text.lower()
    if _GAUGE_HEAD.fullmatch(normalise_text(phrase).lower()):
        return parse_bound(text, words=said.bounds).interval  # a gauge, perhaps: the full reader
    for side_words, side, inclusive in said.bounds.sides():
        if not lowered.startswith(side_words):
            continue
        word = next(w for w in side_words if lowered.startswith(w))
        value, _ = parse_number(text[len(word) :])
        if side == "lo":
            return Interval(lo=value, lo_inclusive=inclusive)
        return Interval(hi=value, hi_inclusive=inclusive)
    return None


def _bound_word(words: list[str], said: Phrases) -> str | None:
    """The bound word nearest before a number, with property words between ("a minimum zinc
    content of 92%"): the nearest one wins, so "nominal … minimum of" reads as printed."""
    for word in reversed(words):
        if (
            word in said.before_at_least
            or word in said.before_at_most
            or said.nominal.fullmatch(word)
        ):
            return word
    return None


def _since_break(words: list[str]) -> list[str]:
    """The words after the last number or clause mark: in "a nominal 96% copper content
    (minimum 94%" the bound of 94 is "minimum"; the "nominal" belongs to 96."""
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
        if word.isalpha():
            continue  # most words: letters only, no digit and no mark (one test in C)
        if any(c.isdigit() for c in word) or word[-1] in ",;:)":
            return words[i + 1 :]
        if word[0] == "(":
            return [word[1:], *words[i + 1 :]] if len(word) > 1 else words[i + 1 :]
    return words


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


def _dims(low, hit, first, unit, dims, vocab: Vocabulary) -> Quantity | None:
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
    factor, factor2 = units[unit].factor, units[unit2].factor
    if factor is None or factor2 is None:
        return None
    small = unit if factor <= factor2 else unit2
    values = sorted((_convert(first, unit, small, vocab), _convert(second, unit2, small, vocab)))
    fields = {"unit": small, "dims": tuple(reversed(values))}
    return Quantity(hit.start(), end + used, small, "max", fields)


def _convert(value: Decimal, unit: str, to: str, vocab: Vocabulary) -> Decimal:
    if unit == to:
        return value
    factor, to_factor = vocab.units[unit].factor, vocab.units[to].factor
    assert factor is not None and to_factor is not None  # _dims converts lengths only
    result = value * factor / to_factor
    return result.normalize() if result == result.to_integral_value() else result
