"""Requirements read from English specification prose: "copper content of at least 94 %",
"free of burnt wire", "sizes by agreement" become Requirement objects.

Shared by the ISRI circular parser and the GB/T parser (for English renderings of the Chinese
standards). The words it knows come from the vocabulary (`lexicon`), never from a list here.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from .. import model as m
from ..errors import StdcompareError
from ..quantities import parse_bound, parse_number
from .canonical import with_si  # the canonical reader's SI values, so a draft reads back equal
from .textfile import SOURCE_ID
from .toolkit.phrases import Phrases, phrases
from .toolkit.words import same_word as toolkit_same_word

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

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
_SEGMENT = re.compile(r"[^.;:]*")  # one ';'-part of a list
# "burnt wire which is brittle": an item and its condition
# "(?<!\s)" here and below: a match may start only where a run of spaces starts, else each
# position of a long run was tried, each scanning the rest of it (quadratic). The matches are
# the same: one from inside a run always has one from its start.
_QUALIFIED = re.compile(
    r"\s*(?:(?:and|or)\s+)?([a-z][^,]*?)(?<!\s)\s+(?:which|that|with|where|except|but)\b"
)
# A part after a ';' that holds a verb, or opens a list of its own, is a new clause, not items.
_CLAUSE = re.compile(
    r"\b(?:is|are|be|was|were|must|shall|should|will|may|can|has|have|contains?|free)\b"
)
_LIST_END = re.compile(
    r"(?<!\s)\s*\b(?:unless|except|but|which|when|if|where|and\s+(?:must|shall|should|is|are|be|to|"
    r"with|the|any|not)|with|in excess|over|above|exceeding|not)\b|(?<!\s)\s*\d"
)
_QUALIFIERS = ("any ", "all ", "visible ", "excessive ", "other ", "reasonable amounts of ")


@dataclass
class Lexicon:
    """Property and contaminant words of the vocabulary, ready for matching."""

    props: dict[str, list[tuple[str, set[str], set[str], str]]]  # quantity -> (key, core, ..)
    contaminant_choices: list[str]
    contaminant_keys: list[str]
    vocab: Vocabulary
    phrases: Phrases


@lru_cache(maxsize=4)
def lexicon(vocab: Vocabulary) -> Lexicon:
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
    return Lexicon(props, choices, keys, vocab, phrases(vocab))


def _prop_words(en: str) -> tuple[set[str], set[str]]:
    """The words of a property's English name, and those of its parenthesis."""
    core, _, extra = en.partition("(")
    return _word_set(core) - _STOP, _word_set(extra) - _STOP - _word_set(core)


def _word_set(text: str) -> set[str]:
    return {w.replace("-", "") for w in re.findall(r"[a-z][a-z'\-]+", text.lower())}


def same_word(a: str, b: str) -> bool:
    """One word in two forms: "metallic" / "metal", "thicker" / "thickness", "aluminum" /
    "aluminium" (toolkit/words.py, with stems)."""
    return toolkit_same_word(a, b, True)


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

    @property
    def complete(self) -> bool:
        """Whether all that was read became structure: every warning here is a phrase left
        unread (an unknown contaminant or property, an item with a condition, a second value
        dropped)."""
        return not self.warnings


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;!?])\s+(?=[A-Z(])", text) if s.strip()]


def read_requirements(text: str, lex: Lexicon, where: str) -> Found:
    found = Found()
    for sentence in sentences(text):
        low = _normalise(sentence)
        flags = _flags(low, lex.phrases.agreed)
        before = len(found.reqs)
        found.reqs += _free_of(low, sentence, lex, flags, found.warnings, where)
        spans: list[tuple[int, int]] = []
        found.reqs += _gauges(low, flags, spans)
        found.reqs += _undersize(low, flags, spans)
        _composition(low, spans, found.warnings, where)
        spans.sort()
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


def _flags(low: str, agreed: re.Pattern) -> dict:
    return {
        "strength": m.Strength.SHOULD if re.search(r"\bshould\b", low) else m.Strength.SHALL,
        "consequence": (
            m.Consequence.DEDUCT
            if re.search(r"\bdeduct", low)
            else m.Consequence.PRICE
            if re.search(r"\b(?:price|discount|penalt)", low)
            else m.Consequence.REJECT
        ),
        "negotiable": bool(agreed.search(low)),
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
    for hit in lex.phrases.free_list.finditer(low):
        listed, stop = _listed(low, hit.start("list"))
        for item in _items(listed):
            # "brass and bronze" is one contaminant, "dirt and oil" two: the whole item first.
            whole = contaminant(lex, item) is not None
            for part in [item] if whole else _parts(item):
                key = contaminant(lex, part)
                if key is None:
                    warnings.append(f"{where}: '{part}' matches no contaminant in the vocabulary")
                    continue
                printed = _printed(sentence, part)
                reqs.append(_req(f"free_of.{key}", flags, state=m.State.FORBIDDEN, text=printed))
        _warn_qualified(stop, lex, warnings, where)
    return reqs


def _listed(low: str, start: int) -> tuple[str, str]:
    """The list of a "free of" from `start`, and the part after a ';' that ended it.

    The list runs up to a word that ends it ("unless", a number), and on over ';' while what
    follows is only more items ("brass; iron; and dirt"). A part with a verb or a word that
    ends a list ("oil content not to exceed 1%") is a clause of its own. Matched in place,
    part by part, never on a copy of the rest of the sentence."""
    parts: list[str] = []
    pos = start
    while True:
        part = _SEGMENT.match(low, pos).group(0)
        kept = _LIST_END.split(part, maxsplit=1)[0]
        if parts and (kept != part or not part.strip(" ,") or _CLAUSE.search(part)):
            return "; ".join(parts), part
        parts.append(kept)
        pos += len(part)
        if kept != part or not low.startswith(";", pos):
            return "; ".join(parts), ""
        pos += 1


def _warn_qualified(part: str, lex, warnings: list[str], where: str) -> None:
    """ "burnt wire which is brittle" after a ';' ends the list, but is one more item, with a
    condition the schema cannot hold: said, so that it is not lost without a word."""
    found = _QUALIFIED.match(part)
    if found and contaminant(lex, found.group(1)) is not None:
        warnings.append(f"{where}: '{part.strip()}' is listed with a condition; not read")


_AND_OR = re.compile(r"(?<!\s)\s+(?:and|or|nor)\s+")
# The spaces around are stripped from the items, not matched: "\s*" before the separator was
# tried from every space of a long run.
_ITEM_SPLIT = re.compile(r",|;|\band/or\b|\bas well as\b")


def _unspaced(parts: list[str]) -> list[str]:
    r"""Split parts without the spaces next to a separator, as "\s*" around it took them."""
    last = len(parts) - 1
    out = []
    for k, part in enumerate(parts):
        part = part.lstrip() if k > 0 else part
        out.append(part.rstrip() if k < last else part)
    return out


def _parts(item: str) -> list[str]:
    """ "ash and of loose grit": the parts of an item that names no contaminant as a whole."""
    parts = _AND_OR.split(item)
    return [p for p in (re.sub(r"^of\s+", "", p) for p in parts) if p]


def _items(listed: str) -> list[str]:
    items = _unspaced(_ITEM_SPLIT.split(listed))
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


def _undersize(low: str, flags: dict, spans: list) -> list[m.Requirement]:
    reqs = []
    for hit in _UNDERSIZE.finditer(low):
        spans.append(hit.span())
        size = " ".join(hit.group("size").split())
        share = Decimal(hit.group("share"))
        reqs.append(_req("fines", flags, hi=share, unit="%", qualifier=f"pieces under {size}"))
    return reqs


def _composition(low: str, spans: list, warnings: list[str], where: str) -> None:
    for hit in _COMPOSITION.finditer(low):
        spans.append(hit.span())
        warnings.append(f"{where}: a composition share kept as text: '{hit.group(0)}'")


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
    start, direction, fields = _direction(low, hit, first, tail)
    after = _AFTER_WORD.match(low, tail)
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
    prior = _since_break(_last_words(low, hit.start(), 6))
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
    word = _bound_word(prior[-6:])
    if word in ("minimum", "min", "min."):  # "a minimum zinc content of 92%"
        return hit.start(), "min", {"lo": value}
    if word in ("maximum", "max", "max."):
        return hit.start(), "max", {"hi": value}
    nominal = _NOMINAL.search(" ".join(prior[-6:]))
    fields: dict = {"nominal": value}
    if nominal is None:
        fields["uncertain"] = "printed without a minimum or maximum; read as a nominal value"
    elif nominal.group(1).startswith(("approx", "about", "around")):
        fields["approx"] = True
    return hit.start(), "nominal", fields


_BOUND_WORDS = {
    "minimum",
    "min",
    "min.",
    "maximum",
    "max",
    "max.",
    "nominal",
    "nominally",
    "approximately",
    "approx.",
    "about",
    "around",
    "average",
}


def _bound_word(words: list[str]) -> str | None:
    """The bound word nearest before a number, with property words between ("a minimum zinc
    content of 92%"): the nearest one wins, so "nominal … minimum of" reads as printed."""
    for word in reversed(words):
        if word in _BOUND_WORDS:
            return word
    return None


def _since_break(words: list[str]) -> list[str]:
    """The words after the last number or clause mark: in "a nominal 96% copper content
    (minimum 94%" the bound of 94 is "minimum"; the "nominal" belongs to 96."""
    for i in range(len(words) - 1, -1, -1):
        word = words[i]
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
    if units[unit].factor is None or units[unit2].factor is None:
        return None
    small = unit if units[unit].factor <= units[unit2].factor else unit2
    values = sorted((_convert(first, unit, small, vocab), _convert(second, unit2, small, vocab)))
    fields = {"unit": small, "dims": tuple(reversed(values))}
    return Quantity(hit.start(), end + used, small, "max", fields)


def _convert(value: Decimal, unit: str, to: str, vocab: Vocabulary) -> Decimal:
    if unit == to:
        return value
    result = value * vocab.units[unit].factor / vocab.units[to].factor
    return result.normalize() if result == result.to_integral_value() else result


def _agreement(low, sentence, lex, flags) -> list[m.Requirement]:
    subject = lex.phrases.agreed.split(low, maxsplit=1)[0]
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


def merge(
    reqs: list[m.Requirement], warnings: list[str], where: str, vocab: Vocabulary
) -> list[m.Requirement]:
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
