"""The canonical format's keys, limits and small rules (docs/format.md), shared by the reader's
modules: canonical (files), canonical_build (a Standard), canonical_reqs (requirements)."""

from __future__ import annotations

import difflib
from dataclasses import replace
from decimal import Decimal
from typing import TypeGuard

from .. import model as m
from ..quantities import MAX_DIGITS, to_canonical
from ..vocabulary import Vocabulary

PARSER_NAME = "spec"
PARSER_VERSION = "1"
FORMAT_VERSION = 1
MAX_BYTES = 5 * 1024 * 1024  # a corpus file is a few kB; anything this large is not one
# Groups nest a few levels (ISRI: guideline, section, subsection); a grade's chain of groups is
# walked for every pair it is in, so a file may not nest them deeper than this.
MAX_GROUP_DEPTH = 16

TOP_KEYS = {
    "format",
    "key",
    "edition",
    "designation",
    "kind",
    "status",
    "body",
    "region",
    "issued",
    "effective",
    "supersedes",
    "amends",
    "withdraw",
    "grade_list",
    "judgement",
    "families",
    "evidence",
    "title",
    "notes",
    "sources",
    "unknowns",
    "requirements",
    "groups",
    "grades",
}
SOURCE_KEYS = {"address", "tier", "describes", "note", "copy"}
GROUP_KEYS = {
    "id",
    "families",
    "kind",
    "names",
    "parent",
    "requirements",
    "description",
    "where",
    "evidence",
    "uncertain",
}
GRADE_KEYS = {
    "code",
    "code_assigned",
    "group",
    "names",
    "aliases",
    "families",
    "forms",
    "mixture_of",
    "parameter",
    "text",
    "seen_in",
    "requirements",
    "description",
    "where",
    "evidence",
    "uncertain",
}
REQ_KEYS = {
    "prop",
    "state",
    "ge",
    "gt",
    "le",
    "lt",
    "nominal",
    "approx",
    "exclude",
    "classes",
    "dims",
    "unit",
    "basis",
    "qualifier",
    "strength",
    "consequence",
    "negotiable",
    "one_of",
    "uncertain",
    "text",
    "where",
    "evidence",
}
NAME_KEYS = {"text", "kind", "evidence", "uncertain", "lang"}
BOUND_KEYS = ("ge", "gt", "le", "lt")
VALUE_KEYS = (*BOUND_KEYS, "nominal", "exclude", "classes", "dims")
GAUGES = (-6, 100)  # wire gauge numbers: 0000000 AWG is -6; 100 is far thinner than any wire
FINITE_HINT = "write the number the standard prints; leave out a bound it does not give"
BOUNDS_HINT = "check the file against the source: ge/gt is the lower bound, le/lt the upper"


def closest(word: str, choices) -> str | None:
    """The choice most like `word`, ignoring case; None when nothing is close."""
    by_lower = {c.lower(): c for c in choices}
    found = difflib.get_close_matches(word.lower(), list(by_lower), n=1)
    return by_lower[found[0]] if found else None


def with_si(req: m.Requirement, vocab: Vocabulary) -> m.Requirement:
    """Put the canonical-unit value beside the printed one."""
    if req.unit is None or req.unit not in vocab.units:
        return req
    unit = vocab.units[req.unit]
    if unit.canonical == req.unit:
        return req

    def conv(v: Decimal | None) -> Decimal | None:
        return None if v is None else to_canonical(v, unit)

    si = m.SIValue(unit.canonical, conv(req.lo), conv(req.hi), conv(req.nominal))
    return replace(req, si=si)


def usable_number(number: Decimal) -> bool:
    """Finite, and within MAX_DIGITS of the decimal point: nan raises when compared, and
    converting 1e99999999 to SI units overflows."""
    return number.is_finite() and (not number or abs(number.adjusted()) <= MAX_DIGITS)


def is_number(value) -> TypeGuard[int | Decimal]:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def str_or_none(value) -> str | None:
    return None if value is None else str(value)
