"""`show`: one standard, or one grade with its effective requirements, as text or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model as m
from ..serialize import to_data
from . import inert, words

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary


def standard_text(std: m.Standard, vocab: Vocabulary | None = None) -> str:
    lines = [
        f"{std.designation} — {_titles(std.title)}",
        f"  ref {std.ref} · {std.kind.value} · {std.status.value}"
        + (f" · effective {std.effective}" if std.effective else "")
        + (f" · supersedes {std.supersedes}" if std.supersedes else ""),
        f"  grade list: {std.grade_list.value} ({len(std.grades)} grades held)",
    ]
    for req in std.requirements:
        lines.append(f"  all grades: {_requirement_line(std, req, vocab)}")
    for unknown in std.unknowns:
        lines.append(f"  unknown: {unknown.what} — {unknown.reason}")
    groups = {g.id: g for g in std.groups}
    current = object()
    for grade in std.grades:
        if grade.group != current:
            current = grade.group
            group = groups.get(grade.group)
            if group is not None:
                lines.append(f"  [{_titles({k: n.text for k, n in group.names.items()})}]")
        lines.append(f"    {grade.code:<14} {_titles({k: n.text for k, n in grade.names.items()})}")
    lines += _scopes(std, vocab)
    for note in std.notes:
        lines.append(f"  note: {note.text}")
    return inert.lines(lines)


def _scopes(std: m.Standard, vocab: Vocabulary) -> list[str]:
    """A regulation's scopes and their criteria: what a grade is checked against."""
    lines = []
    for group in std.groups:
        if group.kind is not m.GroupKind.SCOPE:
            continue
        names = _titles({k: n.text for k, n in group.names.items()})
        families = f" (covers: {', '.join(group.families)})" if group.families else ""
        lines.append(f"  scope {group.id}: {names}{families}")
        probe = m.Grade("scope", group=group.id)
        lines += [
            f"    {_requirement_line(std, r, vocab)}" for r in std.effective_requirements(probe)
        ]
    return lines


def grade_text(std: m.Standard, grade: m.Grade, vocab: Vocabulary | None = None) -> str:
    names = _titles({k: n.text for k, n in grade.names.items()})
    lines = [f"{grade.code} — {names}", f"  {std.designation} ({std.ref})"]
    if grade.aliases:
        lines.append("  also: " + ", ".join(f"{a.text} ({a.kind.value})" for a in grade.aliases))
    lines.append(
        f"  families: {', '.join(grade.families) or '—'}"
        f" · forms: {', '.join(grade.forms) or '—'}"
        f" · definition held: {grade.text.value}"
        + (f" (wording of {grade.seen_in})" if grade.seen_in else "")
    )
    if grade.mixture_of:
        lines.append(f"  mixture of: {', '.join(grade.mixture_of)}")
    if grade.description:
        lines.append(f"  {grade.description}")
    if grade.uncertain:
        lines.append(f"  uncertain: {grade.uncertain}")
    lines.append("  requirements:")
    own = set(id(r) for r in grade.requirements)
    reqs = std.effective_requirements(grade)
    if not reqs:
        lines.append("    none transcribed")
    for req in reqs:
        inherited = "" if id(req) in own else "  (inherited)"
        lines.append(f"    {_requirement_line(std, req, vocab)}{inherited}")
    if grade.text is not m.TextCompleteness.FULL:
        lines.append("  (definition held only in part: a limit not listed is unknown, not absent)")
    lines.append("  evidence: " + "; ".join(_source(std, i) for i in grade.evidence))
    return inert.lines(lines)


def grade_data(std: m.Standard, grade: m.Grade) -> dict:
    return {
        "standard": std.ref,
        "designation": std.designation,
        **to_data(grade),
        "effective_requirements": to_data(std.effective_requirements(grade)),
    }


def _requirement_line(std: m.Standard, req: m.Requirement, vocab: Vocabulary | None = None) -> str:
    name = words.label(req, vocab)
    # "free of X" says it all; other properties need their bound beside them.
    forbidden = req.state is m.State.FORBIDDEN
    parts = [name if forbidden else f"{name:<26} {words.bound(req)}"]
    if si := words.si_beside(req):
        parts.append(si)
    parts += words.qualifiers(req)
    sources = [i for i in req.evidence if i in std.sources]
    cite = ", ".join(f"{i} [{words.tier(std.sources[i])}]" for i in sources)
    where = f"{req.where}; " if req.where else ""
    line = "  ".join(parts) + (f"   ({where}{cite})" if cite or where else "")
    if req.uncertain:
        line += f"  UNCERTAIN: {req.uncertain}"
    return line


def _source(std: m.Standard, ident: str) -> str:
    ev = std.sources.get(ident)
    return f"{ident} [{words.tier(ev)}] {ev.address}" if ev else ident


def _titles(titles: dict[str, str]) -> str:
    ordered = [titles[k] for k in ("en", "zh") if k in titles]
    ordered += [v for k, v in titles.items() if k not in ("en", "zh")]
    return " / ".join(ordered) if ordered else "(no name)"
