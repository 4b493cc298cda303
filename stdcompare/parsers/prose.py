"""Requirements read from English specification prose: "copper content of at least 94 %",
"free of burnt wire", "sizes by agreement" become Requirement objects.

Shared by the ISRI circular parser and the GB/T parser (for English renderings of the Chinese
standards, and by the spec-sheet reader). The words it knows come from the vocabulary, through
the one recogniser of every parser (toolkit/recogniser.py: property and contaminant names) and
the phrase table (toolkit/phrases.py), never from a list here; numbers, units and their bounds
are read by prose_quantities; this module reads sentences, lists of things a lot is free of, and
what is left to agreement, and merges what one paragraph says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import model as m
from .canonical import with_si  # the canonical reader's SI values, so a draft reads back equal
from .prose_quantities import (
    note_composition,
    read_gauges,
    read_quantities,
    read_undersize,
)
from .toolkit.names import prose_words
from .toolkit.phrases import Phrases
from .toolkit.recogniser import Recogniser
from .toolkit.recogniser import recogniser as lexicon  # the name the parsers know it by
from .toolkit.shell import make_req

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

__all__ = ["Found", "Lexicon", "lexicon", "merge", "pick_prop", "read_requirements"]

Lexicon = Recogniser  # what the prose reader reads with: the one recogniser


def pick_prop(lex: Recogniser, quantity: str, direction: str, words: list[str]) -> str | None:
    """The property a number measures, from the words around it: Recogniser.pick."""
    return lex.pick(quantity, direction, words)


_SEGMENT = re.compile(r"[^.;:]*")  # one ';'-part of a list
# "burnt wire which is brittle": an item and its condition
# "(?<!\s)" here and below: a match may start only where a run of spaces starts, else each
# position of a long run was tried, each scanning the rest of it (quadratic). The matches are
# the same: one from inside a run always has one from its start.
_QUALIFIED = re.compile(
    r"\s*(?:(?:and|or)\s+)?([a-z][^,]*?)(?<!\s)\s+(?:which|that|with|where|except|but)\b"
)


@lru_cache(maxsize=4)
def _grammar(modal: str) -> tuple[re.Pattern, re.Pattern]:
    """The patterns of a list's end, with the phrase table's strength words (`modal`): a part
    after a ';' that holds a verb, or opens a list of its own, is a new clause, not items; and
    the words that end a list ("unless", "and must", a number)."""
    clause = re.compile(rf"\b(?:is|are|be|was|were|{modal}|will|has|have|contains?|free)\b")
    list_end = re.compile(
        rf"(?<!\s)\s*\b(?:unless|except|but|which|when|if|where|and\s+(?:{modal}|is|are|be|to|"
        r"with|the|any|not)|with|in excess|over|above|exceeding|not)\b|(?<!\s)\s*\d"
    )
    return clause, list_end


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
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(])")


def read_requirements(text: str, lex: Lexicon, where: str) -> Found:
    found = Found()
    for sentence in sentences(text):
        low = _normalise(sentence)
        flags = _flags(low, lex.phrases)
        before = len(found.reqs)
        found.reqs += _free_of(low, sentence, lex, flags, found.warnings, where)
        spans: list[tuple[int, int]] = []
        found.reqs += read_gauges(low, flags, spans)
        found.reqs += read_undersize(low, flags, spans)
        note_composition(low, spans, found.warnings, where)
        spans.sort()
        found.reqs += read_quantities(low, lex, flags, spans, found.warnings, where)
        if len(found.reqs) == before and flags["negotiable"]:
            found.reqs += _agreement(low, sentence, lex, flags)
    found.reqs = merge(found.reqs, found.warnings, where, lex.vocab)
    return found


# Printed variants made one, before reading: compiled once (they run on every sentence), each
# tried only where the one word it cannot match without is in the sentence.
_REWRITES = tuple(
    (needed, re.compile(old), new)
    for needed, old, new in (
        (
            "f",
            r"\b(?:lbs?|pounds?)\.?\s+(?:per|/)\s*(?:cu\.?|cubic)\s*(?:ft|foot|feet)\.?",
            "lb/ft3",
        ),
        ("per", r"\bper\s*cent\b", "%"),
        ("/", r"(\d)\s*/\s*(\d)", r"\1/\2"),
        ("of", r"\b(?:a\s+)?(minimum|maximum|min\.|max\.)\s+of\b", r"\1"),
        ("excess", r"\bin excess of\b", "more than"),
        ("than", r"\bno (more|less|greater) than\b", r"not \1 than"),
        ("not", r"\bnot (?:over|greater than)\b", "not more than"),
        ("not", r"\bnot (?:under|smaller than)\b", "not less than"),
    )
)


def _normalise(sentence: str) -> str:
    low = " " + sentence.lower().replace("’", "'").replace("”", '"').replace("″", '"') + " "
    for needed, old, new in _REWRITES:
        if needed in low:
            low = old.sub(new, low)
    return " ".join(low.split())


def _flags(low: str, said: Phrases) -> dict:
    """Strength and consequence by the phrase table; a sentence of prose that permits ("may")
    is read as a requirement still, as the circular's "may contain" lists what it limits."""
    return {
        "strength": said.strength(low) or m.Strength.SHALL,
        "consequence": said.consequence(low),
        "negotiable": bool(said.agreed.search(low)),
    }


def _free_of(low, sentence, lex, flags, warnings, where) -> list[m.Requirement]:
    reqs = []
    for hit in lex.phrases.free_list.finditer(low):
        listed, stop = _listed(low, hit.start("list"), lex.phrases)
        for item in _items(listed):
            # "brass and bronze" is one contaminant, "dirt and oil" two: the whole item first.
            whole = lex.contaminant(item) is not None
            for part in [item] if whole else _parts(item):
                key = lex.contaminant(part, named=True)
                if key is None:
                    warnings.append(f"{where}: '{part}' matches no contaminant in the vocabulary")
                    continue
                printed = _printed(sentence, part)
                forbidden = m.State.FORBIDDEN
                reqs.append(make_req(f"free_of.{key}", flags, state=forbidden, text=printed))
        _warn_qualified(stop, lex, warnings, where)
    return reqs


def _listed(low: str, start: int, said: Phrases) -> tuple[str, str]:
    """The list of a "free of" from `start`, and the part after a ';' that ended it.

    The list runs up to a word that ends it ("unless", a number), and on over ';' while what
    follows is only more items ("brass; iron; and dirt"). A part with a verb or a word that
    ends a list ("oil content not to exceed 1%") is a clause of its own. Matched in place,
    part by part, never on a copy of the rest of the sentence."""
    clause, list_end = _grammar(said.modal)
    parts: list[str] = []
    pos = start
    while True:
        segment = _SEGMENT.match(low, pos)
        part = segment.group(0) if segment else ""  # [^.;:]* always matches, if only ""
        kept = list_end.split(part, maxsplit=1)[0]
        if parts and (kept != part or not part.strip(" ,") or clause.search(part)):
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
    if found and lex.contaminant(found.group(1)) is not None:
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


def _agreement(low, sentence, lex, flags) -> list[m.Requirement]:
    subject = lex.phrases.agreed.split(low, maxsplit=1)[0]
    subject = re.sub(r"\b(?:only|is|are|to be|accepted|acceptable|allowed|permitted|subject)\b",
                     " ", subject)  # fmt: skip
    subject = " ".join(subject.split()).strip(" ,")
    key = lex.contaminant(subject) if subject else None
    if key:
        text = _printed(sentence, subject)
        return [make_req(f"free_of.{key}", flags, state=m.State.FORBIDDEN, text=text)]
    prop = lex.pick("none", "range", prose_words(subject))
    if prop and lex.known(prop):
        return [make_req(prop, flags, state=m.State.AGREEMENT, text=sentence.strip())]
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
    return [with_si(r if r.si is None else replace(r, si=None), vocab) for r in merged.values()]


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
