"""`stdcompare harmonise` in words and as data: the committee's list (conflicts, unknowns that
decide, differences, agreements), each property with every system's requirement, its clause
and source, the common ground, the envelope and what would settle it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import inert, records, words
from .inert import md_cell as cell
from .summary import names as grade_name

if TYPE_CHECKING:
    from ..harmonisation import Harmonised, Row
    from ..vocabulary import Vocabulary


def data(found: Harmonised, vocab: Vocabulary) -> dict:
    return {
        "grades": [
            {"standard": std.ref, "code": g.code, "name": grade_name(g), "text": g.text.value}
            for std, g in found.sides
        ],
        "requirements": [_row_data(row, vocab) for row in found.rows],
        "conflicts": [row.prop for row in found.conflicts],
    }


def _row_data(row: Row, vocab: Vocabulary) -> dict:
    return {
        "prop": row.prop,
        "label": _label(row, vocab),
        "status": row.status.value,
        "decisive": row.decisive,
        "common": row.common,
        "envelope": row.envelope,
        "settle": row.settle,
        "sides": [
            {
                "standard": s.standard.ref,
                "code": s.grade.code,
                "says": s.says,
                "requirement": records.side_data(s.standard, s.requirement, vocab),
            }
            for s in row.sides
        ],
    }


def _label(row: Row, vocab: Vocabulary) -> str:
    req = next(s.requirement for s in row.sides if s.requirement is not None)
    return words.label(req, vocab)


def text(found: Harmonised, vocab: Vocabulary) -> str:
    names = [f"{std.ref}:{g.code}" for std, g in found.sides]
    counts: dict[str, int] = {}
    for row in found.rows:
        counts[row.status.value] = counts.get(row.status.value, 0) + 1
    lines = [
        f"Harmonising {len(names)} grades: {', '.join(names)}",
        ", ".join(f"{n} {status}" for status, n in counts.items()),
    ]
    width = max(len(n) for n in names)
    for row in found.rows:
        mark = "   decisive" if row.decisive else ""
        lines += ["", f"{row.status.value.upper():<9} {_label(row, vocab)} ({row.prop}){mark}"]
        for side in row.sides:
            where = side.requirement.where if side.requirement is not None else None
            lines.append(
                f"  {side.name:<{width}}  {side.says}" + (f"   ({where})" if where else "")
            )
        lines.append(f"  common ground: {row.common};  envelope: {row.envelope}")
        if row.settle:
            lines.append(f"  to settle: {row.settle}")
    return inert.lines(lines)


def markdown(found: Harmonised, vocab: Vocabulary) -> str:
    names = [f"{std.ref}:{g.code}" for std, g in found.sides]
    head = ["status", "property", *names, "common ground", "envelope", "to settle"]
    lines = [
        f"## Harmonising {', '.join(cell(n) for n in names)}",
        "",
        "| " + " | ".join(cell(h) for h in head) + " |",
        "|" + "---|" * len(head),
    ]
    for row in found.rows:
        cells = [
            row.status.value + (" (decisive)" if row.decisive else ""),
            _label(row, vocab),
            *(
                s.says
                + (
                    f" ({s.requirement.where})"
                    if s.requirement is not None and s.requirement.where
                    else ""
                )
                for s in row.sides
            ),
            row.common,
            row.envelope,
            row.settle,
        ]
        lines.append("| " + " | ".join(cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
