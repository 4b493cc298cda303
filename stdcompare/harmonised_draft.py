"""A harmonisation as a draft canonical file (`stdcompare harmonise … --to toml -o FILE`): one
grade whose requirements are the common ground, each citing the sources of the grades it came
from, so that `validate` reads it and `compare`, `lookup` and `check` can set it against every
system at once.

What is not common ground is said, not guessed: a conflict becomes an [[unknowns]] entry (no
lot can meet every system there), and a common ground held only in part carries `uncertain`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from . import model as m
from .harmonisation import Harmonised, Row, Status


def draft(found: Harmonised, key: str, code: str, day: date) -> m.Standard:
    sources: dict[str, m.Evidence] = {}
    requirements, unknowns = [], []
    for row in found.rows:
        cited = _cite(row, sources)
        if row.status is Status.CONFLICT:
            unknowns.append(m.Unknown(row.prop, f"the systems conflict: {row.settle}"))
        elif row.common_requirement is not None:
            requirements.append(_requirement(row, cited))
    names = " · ".join(f"{s.ref}:{g.code}" for s, g in found.sides)
    grade = m.Grade(
        code=code,
        names={"en": m.Name(f"Harmonised draft of {names}")},
        families=found.sides[0][1].families,
        forms=_common_forms(found),
        text=m.TextCompleteness.PARTIAL if _open(found) else m.TextCompleteness.FULL,
        requirements=tuple(requirements),
        evidence=tuple(sources),
    )
    return m.Standard(
        key=key,
        edition=day.isoformat(),
        designation=f"Harmonised draft {day.isoformat()}",
        kind=m.Kind.HARMONISED_DRAFT,
        status=m.Status.DRAFT,
        title={"en": f"The common ground of {names}"},
        grade_list=m.GradeList.COMPLETE,
        families=found.sides[0][1].families,
        sources=sources,
        evidence=tuple(sources),
        unknowns=tuple(unknowns),
        grades=(grade,),
        notes=(m.Note(f"Written by stdcompare harmonise from {names}: review before use."),),
    )


def _cite(row: Row, sources: dict[str, m.Evidence]) -> tuple[str, ...]:
    """The sources of every side that states the property, under ids made unique per edition."""
    cited = []
    for side in row.sides:
        req = side.requirement
        if req is None:
            continue
        for ident in req.evidence:
            mine = _ident(side.standard, ident)
            sources.setdefault(mine, replace(side.standard.sources[ident], id=mine))
            cited.append(mine)
    return tuple(dict.fromkeys(cited))


def _ident(std: m.Standard, ident: str) -> str:
    return re.sub(r"[^a-z0-9_-]+", "-", f"{std.key}-{std.edition}-{ident}".lower())


def _requirement(row: Row, cited: tuple[str, ...]) -> m.Requirement:
    req = row.common_requirement
    assert req is not None  # the caller checked
    where = "; ".join(
        f"{s.name} {s.requirement.where}" if s.requirement.where else s.name
        for s in row.sides
        if s.requirement is not None
    )
    uncertain = row.settle if row.status is Status.UNKNOWN else None
    return replace(
        req,
        where=f"common ground of {where}",
        evidence=cited,
        uncertain=uncertain,
        si=None,
        one_of=None,
    )


def _common_forms(found: Harmonised) -> tuple[str, ...]:
    """Forms every grade admits (a lot must be one of them for every system); none when a grade
    states no forms."""
    sets = [set(g.forms) for _, g in found.sides]
    if any(not s for s in sets):
        return ()
    return tuple(sorted(set.intersection(*sets)))


def _open(found: Harmonised) -> bool:
    return any(r.status in (Status.UNKNOWN, Status.CONFLICT) for r in found.rows)
