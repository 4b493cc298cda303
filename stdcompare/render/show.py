"""`show`: one standard, or one grade with its effective requirements, as text or JSON; the
text's words in the language asked (`lang`), codes and source text as they are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model as m
from ..serialize import to_data
from . import inert, words
from .speech import Speech, speech

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary


def standard_text(std: m.Standard, vocab: Vocabulary | None = None, lang: str = "en") -> str:
    say = speech(vocab, lang)
    C = say.words_of("commands")
    head = _titles(std.title, say) if lang == "en" else words.short_title(std, vocab, lang)
    designation = std.designation if lang == "en" else words.short_designation(std)
    lines = [
        f"{designation} — {head}",
        f"  {C.ref_line.format(ref=std.ref)} · {say.word(std.kind.value)} · "
        f"{say.word(std.status.value)}"
        + (f" · {C.effective.format(date=std.effective)}" if std.effective else "")
        + (f" · {C.supersedes.format(ref=std.supersedes)}" if std.supersedes else ""),
        "  " + C.grade_list.format(state=say.word(std.grade_list.value), count=len(std.grades)),
    ]
    for req in std.requirements:
        lines.append("  " + C.all_grades.format(line=_requirement_line(std, req, vocab, say)))
    for unknown in std.unknowns:
        lines.append("  " + C.unknown.format(what=unknown.what, reason=unknown.reason))
    groups = {g.id: g for g in std.groups}
    current = object()
    for grade in std.grades:
        if grade.group != current:
            current = grade.group
            group = groups.get(grade.group)
            if group is not None:
                lines.append(f"  [{_titles({k: n.text for k, n in group.names.items()}, say)}]")
        names = _titles({k: n.text for k, n in grade.names.items()}, say)
        lines.append(f"    {grade.code:<14} {names}")
    lines += _scopes(std, vocab, say)
    for note in std.notes:
        lines.append("  " + C.note.format(note=note.text))
    return inert.lines(lines)


def _scopes(std: m.Standard, vocab: Vocabulary, say: Speech) -> list[str]:
    """A regulation's scopes and their criteria: what a grade is checked against."""
    C = say.words_of("commands")
    lines = []
    for group in std.groups:
        if group.kind is not m.GroupKind.SCOPE:
            continue
        names = _titles({k: n.text for k, n in group.names.items()}, say)
        families = C.covers.format(families=", ".join(group.families)) if group.families else ""
        lines.append("  " + C.scope.format(id=group.id, names=names, families=families))
        probe = m.Grade("scope", group=group.id)
        lines += [
            f"    {_requirement_line(std, r, vocab, say)}"
            for r in std.effective_requirements(probe)
        ]
    return lines


def grade_text(
    std: m.Standard, grade: m.Grade, vocab: Vocabulary | None = None, lang: str = "en"
) -> str:
    say = speech(vocab, lang)
    C = say.words_of("commands")
    names = _titles({k: n.text for k, n in grade.names.items()}, say)
    lines = [f"{grade.code} — {names}", f"  {std.designation} ({std.ref})"]
    if grade.aliases:
        also = ", ".join(f"{a.text} ({say.word(a.kind.value)})" for a in grade.aliases)
        lines.append("  " + C.also.format(names=also))
    lines.append(
        "  "
        + C.families.format(families=", ".join(_families(grade, vocab, lang)) or "—")
        + C.forms.format(forms=", ".join(_forms(grade, vocab, lang)) or "—")
        + C.held.format(state=say.word(grade.text.value))
        + (C.wording_of.format(seen=grade.seen_in) if grade.seen_in else "")
    )
    if grade.mixture_of:
        lines.append("  " + C.mixture.format(codes=", ".join(grade.mixture_of)))
    if grade.description:
        lines.append(f"  {grade.description}")
    if grade.uncertain:
        lines.append("  " + C.uncertain.format(note=grade.uncertain))
    lines.append("  " + C.requirements)
    own = set(id(r) for r in grade.requirements)
    reqs = std.effective_requirements(grade)
    if not reqs:
        lines.append("    " + C.none_transcribed)
    for req in reqs:
        inherited = "" if id(req) in own else C.inherited
        lines.append(f"    {_requirement_line(std, req, vocab, say)}{inherited}")
    if grade.text is not m.TextCompleteness.FULL:
        lines.append(C.held_in_part)
    sources = "; ".join(_source(std, i, say) for i in grade.evidence)
    lines.append("  " + C.evidence.format(sources=sources))
    return inert.lines(lines)


def _families(grade: m.Grade, vocab: Vocabulary | None, lang: str) -> list[str]:
    if lang == "en" or vocab is None:
        return list(grade.families)
    return [vocab.families.get(f, {}).get(lang) or f for f in grade.families]


def _forms(grade: m.Grade, vocab: Vocabulary | None, lang: str) -> list[str]:
    if lang == "en" or vocab is None:
        return list(grade.forms)
    return [vocab.forms.get(f, {}).get(lang) or f for f in grade.forms]


def grade_data(std: m.Standard, grade: m.Grade) -> dict:
    return {
        "standard": std.ref,
        "designation": std.designation,
        **to_data(grade),
        "effective_requirements": to_data(std.effective_requirements(grade)),
    }


def _requirement_line(
    std: m.Standard, req: m.Requirement, vocab: Vocabulary | None = None, say: Speech | None = None
) -> str:
    say = say or speech(vocab)
    name = words.label(req, vocab, say.lang)
    # "free of X" says it all; other properties need their bound beside them.
    forbidden = req.state is m.State.FORBIDDEN
    parts = [name if forbidden else f"{name:<26} {words.bound_in(req, say)}"]
    if si := words.si_beside(req):
        parts.append(si)
    parts += [say.sentence(q) or q for q in words.qualifiers(req)]
    sources = [i for i in req.evidence if i in std.sources]
    cite = ", ".join(f"{i} [{words.tier(std.sources[i], say)}]" for i in sources)
    where = f"{req.where}; " if req.where else ""
    line = "  ".join(parts) + (f"   ({where}{cite})" if cite or where else "")
    if req.uncertain:
        line += say.words_of("commands").uncertain_upper.format(note=req.uncertain)
    return line


def _source(std: m.Standard, ident: str, say: Speech) -> str:
    ev = std.sources.get(ident)
    return f"{ident} [{words.tier(ev, say)}] {ev.address}" if ev else ident


def _titles(titles: dict[str, str], say: Speech | None = None) -> str:
    first = ("zh", "en") if say is not None and say.lang == "zh" else ("en", "zh")
    ordered = [titles[k] for k in first if k in titles]
    ordered += [v for k, v in titles.items() if k not in ("en", "zh")]
    if ordered:
        return " / ".join(ordered)
    return say.words_of("commands").no_name if say is not None else "(no name)"
