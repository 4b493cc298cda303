"""GB/T clauses in prose: limits with their direction words (不大于, 不小于), free-of lists,
by-agreement phrases (parsers/gbt.py)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .. import model as m
from ..errors import StdcompareError
from ..quantities import decimal_points, default_bound_words, normalise_text, parse_bound
from .prose import merge
from .toolkit.phrases import Phrases, phrases
from .toolkit.recogniser import zh_contaminant
from .toolkit.recogniser import zh_property as _zh_prop  # the GB/T table reader's name too
from .toolkit.shell import make_req

if TYPE_CHECKING:
    pass
from .gbt_cover import _ref
from .gbt_text import _DESIGNATION, Doc, Paragraph

# --- paragraphs: metadata and requirements in running text --------------------------------------

_LIST_SPLIT = re.compile(r"[、,，]|以及|及|和|与|或")
_DIRECTIONS_NORMAL = re.compile(r"应?不应?(?=大于|小于|超过|高于|低于)")


def read_paragraph(para: Paragraph, doc: Doc) -> None:
    text = para.text.strip()
    if not text:
        return
    structured = _paragraph_meta(text, doc)
    found: list[m.Requirement] = []
    for sentence in re.split(r"(?<=[。;；])", text):
        found += _sentence_requirements(sentence, para.where, doc)
    if found:
        doc.requirements = merge([*doc.requirements, *found], doc.warnings, "text", doc.vocab)
    doc.unit(structured or bool(found))
    doc.notes.append(m.Note(text, para.where, verbatim=True))


def _paragraph_meta(text: str, doc: Doc) -> bool:
    """Foreword statements that fill metadata: what the edition replaces, how limits are
    judged."""
    structured = False
    if "代替" in text and (found := _DESIGNATION.search(text.split("代替", 1)[1])) is not None:
        doc.meta.setdefault("supersedes", _ref(found))
        structured = True
    if "修约值比较法" in text:
        doc.meta["judgement"] = "rounded"
        structured = True
    elif "全数值比较法" in text:
        doc.meta["judgement"] = "full-value"
        structured = True
    return structured


def _sentence_requirements(sentence: str, where, doc: Doc) -> list[m.Requirement]:
    sentence = _DIRECTIONS_NORMAL.sub("不", sentence)
    flags = _flags(sentence, phrases(doc.vocab))
    reqs = _free_of(sentence, where, flags, doc)
    reqs += _numbers(sentence, where, flags, doc)
    if not reqs and flags["negotiable"]:
        prop = _zh_prop(sentence, None, doc.vocab)
        if prop is not None:
            reqs.append(_req(prop, flags, where, state=m.State.AGREEMENT, text=sentence))
    return reqs


def _flags(sentence: str, said: Phrases) -> dict:
    """How strong the sentence's requirements are and what follows a miss, from the phrase
    table's words (宜 should; 应, 必须 shall; 扣重 deduct; 计价 price). "可以" (may) gives a
    limit no strength of its own: it stays SHALL, as a limit without a verb."""
    return {
        "strength": said.strength(sentence) or m.Strength.SHALL,
        "consequence": said.consequence(sentence),
        "negotiable": bool(said.zh_agreed.search(sentence)),
    }


def _req(prop: str, flags: dict, where, **fields) -> m.Requirement:
    return make_req(prop, flags, where=where, **fields)


def _free_of(sentence, where, flags, doc: Doc) -> list[m.Requirement]:
    reqs = []
    for hit in phrases(doc.vocab).zh_free.finditer(sentence):
        listed = re.split(r"等", hit.group("list"), maxsplit=1)[0]
        for item in (i.strip() for i in _LIST_SPLIT.split(listed)):
            if not item:
                continue
            key = zh_contaminant(item, doc.vocab)
            if key is None:
                doc.warnings.append(f"{where or 'text'}: '{item}' matches no contaminant")
                continue
            reqs.append(_req(f"free_of.{key}", flags, where, state=m.State.FORBIDDEN, text=item))
    return reqs


_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])(\d{1,9}(?:\.\d{1,6})?)")  # not \w: 于1.0 is a number
# How far before a limit its property may be named. A GB/T sentence is far shorter; searching
# the whole sentence for every number was quadratic in one with thousands of numbers.
NAME_LOOKBACK = 300
_UNIT_AFTER = re.compile(r"\s*(%|[A-Za-zµμ³/]+|毫米|厘米|千克|公斤|吨|米)")


def _numbers(sentence: str, where, flags, doc: Doc) -> list[m.Requirement]:
    reqs = []
    vocab = doc.vocab
    # "≧９９，９％" is "≧99,9%" after NFKC: with its decimal comma unread, "99" had no unit and
    # "9" took the "≧" before it. Positions are kept, so the words around stay where they are.
    sentence = decimal_points(sentence)
    for hit in _NUMBER.finditer(sentence):
        unit_hit = _UNIT_AFTER.match(sentence, hit.end())
        unit = vocab.unit_key(unit_hit.group(1)) if unit_hit else None
        if unit is None or unit not in vocab.units:
            continue
        end = unit_hit.end()
        bound, word_start = _bound_before(sentence, hit.start(), sentence[hit.start() : end])
        if bound is None:
            continue
        named = sentence[max(0, word_start - NAME_LOOKBACK) : word_start]
        prop = _zh_prop(named, vocab.units[unit].quantity, vocab, bound)
        if prop is None:
            doc.warnings.append(f"{where or 'text'}: no property recognised for '{hit.group(0)}'")
            continue
        reqs.append(_req(prop, flags, where, unit=unit, **bound))
    return reqs


def _bound_before(sentence: str, start: int, number: str) -> tuple[dict | None, int]:
    """The bound a direction word up to 16 characters before a number gives it (the longest
    word ending nearest the number, so "不大于" and not "大于"); words between are allowed
    ("不应超过原料总量的5%")."""
    best = None
    for j in range(start, max(start - 16, 0) - 1, -1):
        for k in range(j - 1, max(j - 6, 0) - 1, -1):
            word = sentence[k:j]
            fields = _one_sided(word, number)
            if fields is not None:
                best = (fields, k)
        if best is not None:
            return best
    # Matched in place and read from a bounded slice: a copy of the rest of the sentence for
    # every number was quadratic in a sentence of many.
    if _RANGE_AT.match(sentence, start):
        fields = _range(sentence[start : start + RANGE_CHARS])
        return (fields, start) if fields else (None, start)
    return None, start


_RANGE_AT = re.compile(r"\d+(?:\.\d+)?\s*[-~～至]\s*\d")
RANGE_CHARS = 200  # a range and its unit, up to the comma _range cuts at, are far shorter


@lru_cache(maxsize=65536)
def _may_bound(word: str) -> bool:
    """Whether "word number" can read as a one-sided bound: parse_bound reads one only after a
    direction word, or a gauge after "No." or "#". Checked first because parse_bound is slow
    next to this, and _bound_before tries a hundred words a number (a sentence of 20 000 "1%"
    took 67 s)."""
    lowered = normalise_text(word).lower()
    return lowered.startswith(default_bound_words().all) or lowered in ("no", "no.", "#")


def _one_sided(word: str, number: str) -> dict | None:
    if not word.strip() or word[0].isdigit() or word[0] in "., " or not _may_bound(word):
        return None
    try:
        iv = parse_bound(f"{word} {number}").interval
    except (StdcompareError, ArithmeticError):
        return None
    if iv.lo is not None and iv.hi is None:
        return {"lo": iv.lo, "lo_inclusive": iv.lo_inclusive}
    if iv.hi is not None and iv.lo is None:
        return {"hi": iv.hi, "hi_inclusive": iv.hi_inclusive}
    return None


def _range(text: str) -> dict | None:
    try:
        iv = parse_bound(text.split("，")[0].split(",")[0]).interval
    except (StdcompareError, ArithmeticError):
        return None
    if iv.lo is None or iv.hi is None or iv.lo > iv.hi:
        return None
    return {"lo": iv.lo, "hi": iv.hi}
