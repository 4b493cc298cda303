"""The schema's JSON form, and its JSON Schema, both derived from the dataclasses in model.py
so that the two can never disagree.

Numbers are strings in JSON ("93.0"), so no reader loses the source's precision.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date
from decimal import Decimal
from enum import Enum

from . import model as m


def to_data(obj):
    """Plain JSON-ready data: dataclasses to objects, Decimal to strings, enums to values."""
    if dataclasses.is_dataclass(obj):
        data = {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
        if isinstance(obj, m.Standard):
            data = {"ref": obj.ref, **data}
        return data
    if isinstance(obj, Enum):
        return obj.value
    if isinstance(obj, Decimal):
        return format(obj, "f")
    if isinstance(obj, date):
        return obj.isoformat()
    if isinstance(obj, dict):
        return {k: to_data(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [to_data(v) for v in obj]
    return obj


def json_schema() -> dict:
    """JSON Schema (2020-12) of a Standard in its JSON form."""
    defs: dict[str, dict] = {}
    root = _schema_of(m.Standard, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://stdcompare.invalid/schema/standard.json",
        "title": "stdcompare Standard",
        "description": "One edition of a scrap or recycled raw-material standard in the common "
        "schema. Numbers are strings to keep the source's precision.",
        **defs[root["$ref"].rsplit("/", 1)[-1]],
        "$defs": {k: v for k, v in defs.items() if k != "Standard"},
    }


def _schema_of(tp, defs: dict) -> dict:
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [_schema_of(a, defs) for a in typing.get_args(tp)]
        return {"anyOf": options}
    if tp is type(None):
        return {"type": "null"}
    if origin is tuple:
        args = typing.get_args(tp)
        item = _schema_of(args[0], defs)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": item}
        return {"type": "array", "items": item, "minItems": len(args), "maxItems": len(args)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _schema_of(typing.get_args(tp)[1], defs)}
    if isinstance(tp, type) and issubclass(tp, Enum):
        return {"type": "string", "enum": [e.value for e in tp]}
    if tp is Decimal:
        return {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}
    if tp is date:
        return {"type": "string", "format": "date"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is str:
        return {"type": "string"}
    if tp is int:
        return {"type": "integer"}
    if dataclasses.is_dataclass(tp):
        return _object_schema(tp, defs)
    raise TypeError(f"no JSON Schema for {tp!r}")


def _object_schema(cls, defs: dict) -> dict:
    name = cls.__name__
    if name not in defs:
        defs[name] = {}  # placeholder first: the schema may refer to itself
        hints = typing.get_type_hints(cls)
        props = {f.name: _schema_of(hints[f.name], defs) for f in dataclasses.fields(cls)}
        if cls is m.Standard:
            props = {"ref": {"type": "string", "description": "key@edition"}, **props}
        doc = (cls.__doc__ or "").strip().split("\n")[0]
        defs[name] = {
            "type": "object",
            "description": doc,
            "properties": props,
            "required": list(props),
            "additionalProperties": False,
        }
    return {"$ref": f"#/$defs/{name}"}
