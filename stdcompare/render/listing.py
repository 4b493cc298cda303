"""`list`: the standards and editions in the corpus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import inert

if TYPE_CHECKING:
    from ..corpus import Corpus


def rows(corpus: Corpus, family: str | None = None) -> list[dict]:
    found = []
    for key in corpus.standard_keys():
        editions = corpus.editions(key)
        current = corpus.in_force(key)
        if family and not any(corpus.covers(s, family) for s in editions):
            continue
        for std in editions:
            found.append(
                {
                    "ref": std.ref,
                    "key": std.key,
                    "edition": std.edition,
                    "designation": std.designation,
                    "title": std.title,
                    "kind": std.kind.value,
                    "status": std.status.value,
                    "effective": std.effective.isoformat() if std.effective else None,
                    "in_force": current is not None and current.ref == std.ref,
                    "grade_list": std.grade_list.value,
                    "grades": len(std.grades),
                }
            )
    return found


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
