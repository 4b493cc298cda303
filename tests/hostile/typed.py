"""A canonical file holding every key the reader knows, each with a valid value, and the same
file with one value replaced by one of another type: the cases of the wrong-type tests.

The keys come from the reader's own key sets (parsers/canonical.py), which a test holds to the
schema's dataclasses (model.py); a new field is in the cases as soon as it is in VALID."""

from __future__ import annotations

import copy
import json
from datetime import date
from decimal import Decimal

from stdcompare.parsers import canonical

REQUIREMENT = {  # every key of a requirement, over two of them (ge/le and gt/lt exclude)
    "prop": "content.Cu",
    "state": "stated",
    "ge": Decimal("99.0"),
    "le": Decimal("99.9"),
    "nominal": Decimal("99.5"),
    "approx": False,
    "exclude": [Decimal("99.2"), Decimal("99.3")],
    "classes": [Decimal("99.0"), Decimal("99.5")],
    "unit": "%",
    "basis": "dry weight",
    "qualifier": "of each lot",
    "strength": "shall",
    "consequence": "reject",
    "negotiable": False,
    "one_of": "cu",
    "uncertain": "a reason",
    "text": "copper content",
    "where": "Table 1",
    "evidence": ["0"],
}
OTHER_REQUIREMENT = {
    "prop": "wire.diameter",
    "gt": Decimal("1"),
    "lt": Decimal("5"),
    "dims": [Decimal("3"), Decimal("2")],
    "unit": "mm",
    "evidence": ["0"],
}
NAME = {"text": "bare bright", "kind": "translation", "evidence": ["0"], "uncertain": "why"}
ALIAS = {**NAME, "kind": "trade", "lang": "en"}

VALID = {
    "format": 1,
    "key": "typed",
    "edition": "1",
    "designation": "TYPED 1",
    "kind": "trade-specification",
    "status": "current",
    "body": "a body",
    "region": "XX",
    "issued": date(2020, 1, 1),
    "effective": date(2020, 2, 1),
    "supersedes": "typed@0",
    "grade_list": "partial",
    "judgement": "rounded",
    "families": ["copper"],
    "evidence": ["0"],
    "title": {"en": "Typed"},
    "notes": ["a note", {"text": "another", "where": "1.2", "verbatim": False}],
    "sources": {  # ids "0" and "1": places with a * take their keys from either
        "0": {"address": "https://example.invalid/s", "tier": "secondary", "describes": "1"},
        "1": {
            "address": "https://example.invalid/t",
            "tier": "official",
            "note": "a note",
            "copy": True,
        },
    },
    "unknowns": [{"what": "names.zh", "reason": "not found"}],
    "requirements": [{"prop": "moisture", "le": Decimal("2"), "unit": "%", "evidence": ["0"]}],
    "groups": [
        {
            "id": "wire",
            "kind": "category",
            "names": {"en": NAME},
            "families": ["copper"],
            "description": "wire",
            "where": "2",
            "evidence": ["0"],
            "uncertain": "why",
            "requirements": [REQUIREMENT, OTHER_REQUIREMENT],
        },
        {"id": "inner", "parent": "wire"},
    ],
    "grades": [
        {
            "code": "A",
            "code_assigned": False,
            "group": "inner",
            "names": {"en": NAME, "zh": "光亮铜线"},
            "aliases": [ALIAS],
            "families": ["copper"],
            "forms": ["wire"],
            "mixture_of": ["B"],
            "parameter": {"name": "n", "meaning": "a number"},
            "text": "partial",
            "seen_in": "1",
            "description": "a grade",
            "where": "3",
            "evidence": ["0"],
            "uncertain": "why",
            "requirements": [REQUIREMENT, OTHER_REQUIREMENT],
        },
        {"code": "B", "names": {"en": "bare wire"}},
        {"code": "C"},
    ],
}
AMENDMENT = {"format": 1, "key": "typed", "edition": "2", "amends": "typed@1", "withdraw": ["C"]}

# Each kind of value, and one of every other kind to put in its place.
SAMPLES = {
    "string": "x",
    "integer": 5,
    "number": Decimal("1.5"),
    "bool": True,
    "date": date(2020, 1, 1),
    "strings": ["x"],
    "numbers": [Decimal("1")],
    "table": {"x": "y"},
    "tables": [{"x": "y"}],
    "nested": [[Decimal("1")]],
}
# Another kind the reader reads on purpose: a number where a code or edition is a string
# (ferrous codes are numbers on paper), one string where a list of strings is.
LENIENT = {
    "code": {"integer", "number"},
    "edition": {"integer", "number"},
    "seen_in": {"integer", "number"},
    "describes": {"integer", "number"},
    "families": {"string"},
    "forms": {"string"},
    "mixture_of": {"string"},
    "evidence": {"string"},
    "aliases": {"strings"},  # a name is a string, or a table with its kind
    "notes": {"strings"},
}
# A whole number is a number.
LENIENT_KINDS = {"number": {"integer"}}


def kind_of(value) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, Decimal):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, date):
        return "date"
    if isinstance(value, dict):
        return "table"
    if all(isinstance(v, dict) for v in value) and value:
        return "tables"
    if all(isinstance(v, str) for v in value):
        return "strings"
    if all(isinstance(v, Decimal | int) and not isinstance(v, bool) for v in value):
        return "numbers"
    return "mixed"  # notes: strings or tables; names: strings or tables


# Which of the reader's key sets the keys of each place must be.
PLACES = {
    "": canonical.TOP_KEYS - {"amends", "withdraw"},
    "sources.*": canonical.SOURCE_KEYS,
    "unknowns[0]": {"what", "reason"},
    "requirements[0]": {"prop", "le", "unit", "evidence"},
    "groups[*]": canonical.GROUP_KEYS,
    "groups[0].names.en": canonical.NAME_KEYS - {"lang"},
    "groups[0].requirements[*]": canonical.REQ_KEYS,
    "grades[0]": canonical.GRADE_KEYS,
    "grades[0].names.en": canonical.NAME_KEYS - {"lang"},
    "grades[0].aliases[0]": canonical.NAME_KEYS,
    "grades[0].parameter": {"name", "meaning"},
    "grades[0].requirements[*]": canonical.REQ_KEYS,
    "notes[1]": {"text", "where", "verbatim"},
}


def _get(data, path: str):
    for part in _parts(path):
        data = data[part]
    return data


def _parts(path: str) -> list:
    parts: list = []
    for name in path.split("."):
        head, _, index = name.partition("[")
        parts.append(head)
        if index:
            parts.append(int(index.rstrip("]")))
    return parts


def key_paths() -> list[tuple[str, str, object]]:
    """(document, key path, the valid value) for every key of every place."""
    found = []
    for place, keys in PLACES.items():
        owners = [place.replace("*", f"{i}") for i in range(2)] if "*" in place else [place]
        for key in sorted(keys):
            owner = next(o for o in owners if key in (_get(VALID, o) if o else VALID))
            table = _get(VALID, owner) if owner else VALID
            found.append(("edition", f"{owner}.{key}" if owner else key, table[key]))
    found += [("amendment", key, AMENDMENT[key]) for key in ("amends", "withdraw")]
    return found


def cases() -> list[tuple[str, str, str]]:
    """(document, key path, wrong kind): every key with every kind of value it is not."""
    found = []
    for doc, path, valid in key_paths():
        name = path.rsplit(".", 1)[-1]
        kind = kind_of(valid)
        allowed = {kind, *LENIENT.get(name, ()), *LENIENT_KINDS.get(kind, ())}
        found += [(doc, path, kind) for kind in SAMPLES if kind not in allowed]
    return found


def document(doc: str, path: str | None = None, kind: str | None = None) -> dict:
    data = copy.deepcopy(VALID if doc == "edition" else AMENDMENT)
    if path is not None:
        *parents, last = _parts(path)
        table = data
        for part in parents:
            table = table[part]
        table[last] = copy.deepcopy(SAMPLES[kind])
    return data


# --- TOML ------------------------------------------------------------------------------------


def toml(data: dict) -> str:
    """TOML of `data`: tables under headers, so each key has its own line for the errors."""
    return "\n".join(_table(data, ())) + "\n"


def _table(data: dict, path: tuple[str, ...]) -> list[str]:
    lines, later = [], []
    for key, value in data.items():
        if isinstance(value, dict) and key not in ("names",) or _array_of_tables(value):
            later.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in later:
        sub = (*path, _key(key))
        if isinstance(value, dict):
            lines += ["", f"[{'.'.join(sub)}]", *_table(value, sub)]
        else:
            for item in value:
                lines += ["", f"[[{'.'.join(sub)}]]", *_table(item, sub)]
    return lines


def _array_of_tables(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isalnum() else json.dumps(key)


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
