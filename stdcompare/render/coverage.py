"""The coverage table: how much of each standard the corpus holds, and how well backed."""

from __future__ import annotations

from .. import model as m

COLUMNS = (
    "standard",
    "grade list",
    "grades",
    "reqs",
    "numeric",
    "unknown",
    "uncertain",
    "evidence tiers",
)


def counts(std: m.Standard) -> dict:
    reqs = [
        *std.requirements,
        *(r for g in std.groups for r in g.requirements),
        *(r for g in std.grades for r in g.requirements),
    ]
    uncertain = sum(1 for r in reqs if r.uncertain) + sum(1 for g in std.grades if g.uncertain)
    uncertain += sum(1 for g in std.grades for n in [*g.names.values(), *g.aliases] if n.uncertain)
    tiers: dict[str, int] = {}
    for ev in std.sources.values():
        tiers[ev.tier.value] = tiers.get(ev.tier.value, 0) + 1
    return {
        "standard": std.ref,
        "grade list": std.grade_list.value,
        "grades": len(std.grades),
        "reqs": len(reqs),
        "numeric": sum(1 for r in reqs if r.is_numeric),
        "unknown": sum(1 for r in reqs if r.state is m.State.UNKNOWN) + len(std.unknowns),
        "uncertain": uncertain,
        "evidence tiers": " ".join(f"{k}:{v}" for k, v in sorted(tiers.items())),
    }


def table(standards: list[m.Standard]) -> str:
    rows = [counts(s) for s in sorted(standards, key=lambda s: s.ref)]
    cells = [list(COLUMNS)] + [[str(r[c]) for c in COLUMNS] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(COLUMNS))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in cells
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
