"""`list`: the standards and editions in the corpus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import inert

if TYPE_CHECKING:
    from ..corpus import Listed


def rows(listed: list[Listed]) -> list[dict]:
    """The plain data of `list`: one row per edition."""
    return [
        {
            "ref": std.ref,
            "key": std.key,
            "edition": std.edition,
            "designation": std.designation,
            "title": std.title,
            "kind": std.kind.value,
            "status": std.status.value,
            "effective": std.effective.isoformat() if std.effective else None,
            "in_force": item.in_force,
            "grade_list": std.grade_list.value,
            "grades": len(std.grades),
        }
        for item in listed
        for std in [item.standard]
    ]


def text(found: list[dict]) -> str:
    if not found:
        return "no standards found"
    lines = []
    width = max(len(r["ref"]) for r in found)
    for r in found:
        mark = "*" if r["in_force"] else " "
        title = r["title"].get("en") or r["title"].get("zh") or ""
        lines.append(
            f"{mark} {r['ref'].ljust(width)}  {r['designation']} — {title} "
            f"[{r['grades']} grades, list {r['grade_list']}; {r['status']}]"
        )
    lines.append("* = edition in force (by effective date)")
    return inert.lines(lines)
