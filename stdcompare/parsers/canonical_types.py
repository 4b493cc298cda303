"""The type of every key of a canonical file (docs/format.md), checked before anything is built
from it: `key = 5` passed `validate` and then broke every command, and a list where a string
belongs, or a table where a list does, was a traceback somewhere further on.

`problems(data)` gives one (key path, message, hint) per value of the wrong type. Keys the reader
does not know are not checked here: `unknown key` errors name them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

Found = list[tuple[str, str, str]]  # (key path, message, hint)


@dataclass(frozen=True)
class Kind:
    """A value's shape: what the error calls it, how the hint writes one, and the test."""

    name: str
    example: str
    test: Callable[[object], bool]
    # For a string of the wrong form (a path where a reference belongs): what is wrong with it.
    says: str | None = None

    def check(self, value, where: str, found: Found) -> None:
        if self.test(value):
            return
        if self.says and isinstance(value, str):
            name = where.rsplit(".", 1)[-1]
            found.append((where, f"'{name}' {self.says}", f"write it as {self.example}"))
        else:
            found.append(_wrong(where, value, self))


@dataclass(frozen=True)
class ListOf:
    item: Kind | ListOf | Fields | AnyOf | TableOf
    name: str
    example: str
    one_for_many: bool = False  # a single item may stand for a list of one (`families = "x"`)

    def check(self, value, where: str, found: Found) -> None:
        if self.one_for_many and self.item.test(value):
            return
        if not isinstance(value, list):
            found.append(_wrong(where, value, self))
            return
        for i, item in enumerate(value):
            self.item.check(item, f"{where}[{i}]", found)

    def test(self, value) -> bool:
        found: Found = []
        self.check(value, "", found)
        return not found


@dataclass(frozen=True)
class TableOf:
    """A table whose keys are the author's (languages, source ids), each value of one kind."""

    item: Kind | Fields | AnyOf
    name: str
    example: str

    def check(self, value, where: str, found: Found) -> None:
        if not isinstance(value, dict):
            found.append(_wrong(where, value, self))
            return
        for key, item in value.items():
            self.item.check(item, _join(where, str(key)), found)

    def test(self, value) -> bool:
        return isinstance(value, dict)


@dataclass(frozen=True)
class Fields:
    """A table of known keys, each of its own kind."""

    kinds: dict
    name: str
    example: str

    def check(self, value, where: str, found: Found) -> None:
        if not isinstance(value, dict):
            found.append(_wrong(where, value, self))
            return
        for key, kind in self.kinds.items():
            if key in value:
                kind.check(value[key], _join(where, key), found)

    def test(self, value) -> bool:
        return isinstance(value, dict)


@dataclass(frozen=True)
class AnyOf:
    """One of two shapes (a name: a string, or a table with its kind and evidence)."""

    first: Kind
    second: Fields
    name: str
    example: str

    def check(self, value, where: str, found: Found) -> None:
        if self.first.test(value):
            return
        if self.second.test(value):
            self.second.check(value, where, found)
        else:
            found.append(_wrong(where, value, self))

    def test(self, value) -> bool:
        return self.first.test(value) or self.second.test(value)


def _number(value) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


STRING = Kind("a string", '"text"', lambda v: isinstance(v, str))
NUMBER = Kind("a number", "99.5", _number)
INTEGER = Kind("a whole number", "1", lambda v: isinstance(v, int) and not isinstance(v, bool))
BOOL = Kind("true or false", "true", lambda v: isinstance(v, bool))
DATE = Kind(
    "a date",
    "2020-07-01 (no quotes)",
    lambda v: isinstance(v, date) and not isinstance(v, datetime),
)
# Codes and editions are strings; a number is read as one (ferrous codes are numbers on paper).
CODE = Kind("a string", '"200"', lambda v: isinstance(v, str) or _number(v))
# A reference to another edition: key@edition, never a path. A data file that could name a file
# would have the tool read any local file as a standard; only the command line names files.
_REF = re.compile(r"[A-Za-z0-9][\w.-]*@[\w.-]+")
REF = Kind(
    "a reference key@edition",
    '"gbt-38471@2019" (key@edition; only the command line names files)',
    lambda v: isinstance(v, str) and bool(_REF.fullmatch(v)) and not v.endswith(".toml"),
    says="is not key@edition: a file names other editions by reference, never by path",
)
STRINGS = ListOf(STRING, "a list of strings", '["a", "b"]')
SOME_STRINGS = ListOf(STRING, "a list of strings", '["a", "b"]', one_for_many=True)
NUMBERS = ListOf(NUMBER, "a list of numbers", "[10, 12]")

REQUIREMENT = Fields(
    {
        **dict.fromkeys(("prop", "state", "unit", "basis", "qualifier", "strength"), STRING),
        **dict.fromkeys(("consequence", "one_of", "uncertain", "text", "where"), STRING),
        **dict.fromkeys(("ge", "gt", "le", "lt", "nominal"), NUMBER),
        **dict.fromkeys(("exclude", "classes", "dims"), NUMBERS),
        "approx": BOOL,
        "negotiable": BOOL,
        "evidence": SOME_STRINGS,
    },
    "a table",
    '{ prop = "content.Cu", ge = 99, unit = "%" }',
)
NAME = AnyOf(
    STRING,
    Fields(
        {
            **dict.fromkeys(("text", "kind", "uncertain", "lang"), STRING),
            "evidence": SOME_STRINGS,
        },
        "a table",
        '{ text = "bare bright", kind = "trade" }',
    ),
    "a string or a table",
    '"bare bright" or { text = "bare bright", kind = "trade" }',
)
NAMES = TableOf(NAME, "a table of names by language", 'names.en = "bare bright"')
REQUIREMENTS = ListOf(REQUIREMENT, "an array of tables", "[[grades.requirements]]")
_TEXTS = dict.fromkeys(("description", "where", "uncertain"), STRING)

GROUP = Fields(
    {
        **dict.fromkeys(("id", "kind", "parent"), STRING),
        **_TEXTS,
        "families": SOME_STRINGS,
        "evidence": SOME_STRINGS,
        "names": NAMES,
        "requirements": REQUIREMENTS,
    },
    "a table",
    "[[groups]]",
)
GRADE = Fields(
    {
        "code": CODE,
        "seen_in": CODE,
        **dict.fromkeys(("group", "text"), STRING),
        **_TEXTS,
        "code_assigned": BOOL,
        **dict.fromkeys(("families", "forms", "mixture_of", "evidence"), SOME_STRINGS),
        "names": NAMES,
        "aliases": ListOf(NAME, "a list of names", '[{ text = "bare bright", kind = "trade" }]'),
        "parameter": Fields(
            {"name": STRING, "meaning": STRING}, "a table", '{ name = "n", meaning = "…" }'
        ),
        "requirements": REQUIREMENTS,
    },
    "a table",
    "[[grades]]",
)
SOURCE = Fields(
    {"address": STRING, "tier": STRING, "describes": CODE, "note": STRING, "copy": BOOL},
    "a table",
    "[sources.<id>] with address and tier",
)
NOTE = AnyOf(
    STRING,
    Fields({"text": STRING, "where": STRING, "verbatim": BOOL}, "a table", '{ text = "…" }'),
    "a string or a table",
    '"…" or { text = "…", where = "5.1" }',
)
FILE = Fields(
    {
        "format": INTEGER,
        "edition": CODE,
        **dict.fromkeys(("key", "designation", "kind", "status", "body", "region"), STRING),
        **dict.fromkeys(("grade_list", "judgement"), STRING),
        **dict.fromkeys(("supersedes", "amends"), REF),
        "issued": DATE,
        "effective": DATE,
        "withdraw": STRINGS,
        "families": SOME_STRINGS,
        "evidence": SOME_STRINGS,
        "title": TableOf(STRING, "a table of titles by language", 'title.en = "…"'),
        "notes": ListOf(NOTE, "a list of notes", '["…"]'),
        "sources": TableOf(SOURCE, "a table of sources", "[sources.<id>]"),
        "unknowns": ListOf(
            Fields({"what": STRING, "reason": STRING}, "a table", "[[unknowns]]"),
            "an array of tables",
            "[[unknowns]]",
        ),
        "requirements": ListOf(REQUIREMENT, "an array of tables", "[[requirements]]"),
        "groups": ListOf(GROUP, "an array of tables", "[[groups]]"),
        "grades": ListOf(GRADE, "an array of tables", "[[grades]]"),
    },
    "a table",
    "",
)


def problems(data: dict) -> Found:
    """Every value of a canonical file's data that is not of its key's kind."""
    found: Found = []
    FILE.check(data, "", found)
    return found


def _wrong(where: str, value, kind) -> tuple[str, str, str]:
    name = where.rsplit(".", 1)[-1]
    return (
        where,
        f"'{name}' must be {kind.name}, not {_what(value)}",
        f"write it as {kind.example} (stdcompare docs format)",
    )


def _what(value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, Decimal):
        return "a decimal number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, datetime):
        return "a date and time"
    if isinstance(value, date):
        return "a date"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return "a time of day"


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name
