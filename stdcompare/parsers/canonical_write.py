"""Write a Standard as a canonical TOML file (a new draft for review; curated files are never
rewritten). Reading the output back gives the same Standard."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from enum import Enum

from .. import model as m
from .canonical import FORMAT_VERSION


def dump(std: m.Standard) -> str:
    out: list[str] = [
        "# Draft written by stdcompare: review before adding it to the corpus.",
        f"format = {FORMAT_VERSION}",
    ]
    top = {
        "key": std.key,
        "edition": std.edition,
        "designation": std.designation,
        "kind": std.kind,
        "status": std.status,
        "body": std.body,
        "region": std.region,
        "issued": std.issued,
        "effective": std.effective,
        "supersedes": std.supersedes,
        "amends": std.amends,
        "grade_list": std.grade_list,
        "judgement": std.judgement,
        "families": list(std.families),
        "evidence": list(std.evidence),
    }
    out += _pairs(top)
    out += [f"title.{_key(lang)} = {_value(text)}" for lang, text in std.title.items()]
    if std.notes:
        out.append(f"notes = {_value([_note(n) for n in std.notes])}")
    for ident, ev in std.sources.items():
        out += ["", f"[sources.{_key(ident)}]"]
        out += _pairs(
            {
                "address": ev.address,
                "tier": ev.tier,
                "describes": ev.describes,
                "note": ev.note,
                "copy": ev.copy or None,
            }
        )
    for unknown in std.unknowns:
        out += ["", "[[unknowns]]"] + _pairs({"what": unknown.what, "reason": unknown.reason})
    out += _requirements(std.requirements, "requirements")
    for group in std.groups:
        out += ["", "[[groups]]"] + _pairs(
            {
                "id": group.id,
                "kind": group.kind,
                "parent": group.parent,
                "families": list(group.families),
                "description": group.description,
                "where": group.where,
                "evidence": list(group.evidence),
                "uncertain": group.uncertain,
            }
        )
        out += _names(group.names)
        out += _requirements(group.requirements, "groups.requirements")
    for grade in std.grades:
        out += ["", "[[grades]]"] + _grade(grade)
        out += _requirements(grade.requirements, "grades.requirements")
    return "\n".join(out) + "\n"


def _grade(grade: m.Grade) -> list[str]:
    lines = _pairs(
        {
            "code": grade.code,
            "code_assigned": grade.code_assigned or None,
            "group": grade.group,
        }
    )
    lines += _names(grade.names)
    lines += _pairs(
        {
            "aliases": [_name(a, with_lang=True) for a in grade.aliases],
            "families": list(grade.families),
            "forms": list(grade.forms),
            "mixture_of": list(grade.mixture_of),
            "parameter": (
                {"name": grade.parameter.name, "meaning": grade.parameter.meaning}
                if grade.parameter
                else None
            ),
            "text": grade.text,
            "seen_in": grade.seen_in,
            "description": grade.description,
            "where": grade.where,
            "evidence": list(grade.evidence),
            "uncertain": grade.uncertain,
        }
    )
    return lines


def _names(names: dict[str, m.Name]) -> list[str]:
    return [f"names.{_key(lang)} = {_value(_name(name))}" for lang, name in names.items()]


def _name(name: m.Name, with_lang: bool = False):
    plain = (
        name.kind is m.NameKind.OFFICIAL
        and not name.evidence
        and not name.uncertain
        and not with_lang
    )
    if plain:
        return name.text
    table = {
        "text": name.text,
        "kind": name.kind,
        "evidence": list(name.evidence),
        "uncertain": name.uncertain,
    }
    if with_lang:
        table["lang"] = name.lang
    return {k: v for k, v in table.items() if v not in (None, [])}


def _note(note: m.Note):
    if note.where is None and not note.verbatim:
        return note.text
    return {
        k: v
        for k, v in {
            "text": note.text,
            "where": note.where,
            "verbatim": note.verbatim or None,
        }.items()
        if v is not None
    }


def _requirements(reqs: tuple[m.Requirement, ...], header: str) -> list[str]:
    lines: list[str] = []
    for req in reqs:
        lines += ["", f"[[{header}]]"] + _pairs(_requirement(req))
    return lines


def _requirement(req: m.Requirement) -> dict:
    has_numbers = req.is_numeric
    default = (
        m.State.FORBIDDEN if req.prop.startswith("free_of.") and not has_numbers else m.State.STATED
    )
    return {
        "prop": req.prop,
        "state": req.state if req.state is not default else None,
        ("ge" if req.lo_inclusive else "gt"): req.lo,
        ("le" if req.hi_inclusive else "lt"): req.hi,
        "nominal": req.nominal,
        "approx": req.approx or None,
        "exclude": list(req.exclude) if req.exclude else None,
        "classes": list(req.classes),
        "dims": list(req.dims),
        "unit": req.unit,
        "basis": req.basis,
        "qualifier": req.qualifier,
        "strength": req.strength if req.strength is not m.Strength.SHALL else None,
        "consequence": req.consequence if req.consequence is not m.Consequence.REJECT else None,
        "negotiable": req.negotiable or None,
        "one_of": req.one_of,
        "uncertain": req.uncertain,
        "text": req.text,
        "where": req.where,
        "evidence": list(req.evidence),
    }


def _pairs(table: dict) -> list[str]:
    """`key = value` lines, leaving out what is unset (None or an empty list)."""
    return [f"{_key(k)} = {_value(v)}" for k, v in table.items() if v not in (None, [], {})]


def _key(name: str) -> str:
    bare = name.replace("-", "").replace("_", "").isalnum() and name.isascii()
    return name if bare else json.dumps(name, ensure_ascii=False)


def _value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, Enum):
        return _value(v.value)
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, int):
        return str(v)
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, str):
        # A JSON string is a valid TOML basic string, except that TOML also forbids a raw DEL.
        return json.dumps(v, ensure_ascii=False).replace("\x7f", "\\u007F")
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    if isinstance(v, dict):
        inner = ", ".join(f"{_key(k)} = {_value(x)}" for k, x in v.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")
