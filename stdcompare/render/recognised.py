"""`stdcompare recognise` in words and as data: each grade of the family, and which grades of
the other systems accept every lot of it, some, none, or cannot tell."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from . import inert

if TYPE_CHECKING:
    from ..recognition import Recognition

ACCEPTS = ("every", "some", "none", "unknown")
_SAID = {
    "every": "accept every lot",
    "some": "accept some lots",
    "none": "accept none",
    "unknown": "cannot tell (no property held on both sides)",
}


def data(found: Recognition) -> dict:
    from ..recognition import rows

    cells = rows(found)
    for n, cell in enumerate(cells, start=1):
        cell["id"] = f"cell-{n}"
    return {
        "family": found.family,
        "as_of": found.as_of.isoformat(),
        "standards": [s.ref for s in found.standards],
        "notes": list(found.notes),
        "grades": found.grades,
        "cells": cells,
        "matrix": {f"{c['grade']}|{c['other']}": c for c in cells},
    }


def json_data(found: Recognition) -> dict:
    shown = data(found)
    del shown["matrix"]  # the same cells, keyed for the page
    return shown


def text(found: Recognition) -> str:
    lines = [
        f"Mutual recognition, {found.family}, as of {found.as_of.isoformat()}: under each "
        "grade, the grades of other systems that would accept its lots",
        "* as far as both definitions are held (some properties are not held on one side)",
    ]
    lines += [f"note: {n}" for n in found.notes]
    by_grade: dict[str, list] = {}
    for cell in found.cells:
        by_grade.setdefault(cell.a, []).append(cell)
    for grade in found.grades:
        cells = by_grade.get(grade, [])
        lines += ["", grade if cells else f"{grade}: no grade of another system is a candidate"]
        for accepts in ACCEPTS:
            chosen = [c for c in cells if c.accepts == accepts]
            if chosen:
                lines.append(f"  {_SAID[accepts]}: " + ", ".join(map(_cell, chosen)))
    return inert.lines(lines)


def _cell(cell) -> str:
    """'gbt-38471@2019:RCu-1B' when every property is known, else marked '…*' (as far as
    held)."""
    return cell.b if cell.certain else f"{cell.b}*"


def csv_text(found: Recognition) -> str:
    from ..recognition import rows

    out = io.StringIO()
    writer = csv.DictWriter(
        out,
        ["grade", "other", "accepts", "relation", "score", "certain", "caveats"],
        lineterminator="\n",
    )
    writer.writeheader()
    for row in rows(found):
        writer.writerow({k: inert.csv_cell(v) for k, v in row.items()})
    return out.getvalue()
