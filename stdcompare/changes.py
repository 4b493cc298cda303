"""What changed between two editions of a standard, and what it breaks — for CI.

Every change has a stable check id, a level (breaking / warning / info, configurable) and a
fingerprint built from the check id, the standard key, the change's place (its grade, or the
group whose requirement changed), the property and the old and new values: an accept file
names fingerprints, so a later, different change — or the same change in another group — is
not waved through by an old entry. Grades missing from a partial grade list are "not transcribed",
never "withdrawn".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from . import model as m
from .gaps import classify
from .quantities import bound
from .results import GapKind, Verdict

if TYPE_CHECKING:
    from .vocabulary import Vocabulary


class Level(StrEnum):
    INFO = "info"
    WARNING = "warning"
    BREAKING = "breaking"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "breaking": 2}[self.value]


# Default level of every check id; pyproject's [tool.stdcompare.diff.levels] may override.
DEFAULT_LEVELS = {
    "metadata.changed": Level.INFO,
    "grade.added": Level.INFO,
    "grade.newly_held": Level.INFO,
    "grade.withdrawn": Level.BREAKING,
    "grade.not_transcribed": Level.INFO,
    "grade.renamed": Level.WARNING,
    "grade.split": Level.WARNING,
    "grade.merged": Level.WARNING,
    "grade.wording": Level.INFO,
    "requirement.added": Level.BREAKING,
    "requirement.removed": Level.WARNING,
    "requirement.added_unverified": Level.WARNING,
    "requirement.added_text": Level.WARNING,
    "requirement.not_transcribed": Level.INFO,
    "requirement.tightened": Level.BREAKING,
    "requirement.loosened": Level.WARNING,
    "requirement.changed": Level.WARNING,
    "requirement.now_unknown": Level.WARNING,
    "requirement.now_known": Level.WARNING,
    "requirement.wording": Level.INFO,
    "group.requirement.added": Level.BREAKING,
    "group.requirement.removed": Level.WARNING,
    "group.requirement.added_unverified": Level.WARNING,
    "group.requirement.added_text": Level.WARNING,
    "group.requirement.not_transcribed": Level.INFO,
    "group.requirement.tightened": Level.BREAKING,
    "group.requirement.loosened": Level.WARNING,
    "group.requirement.changed": Level.WARNING,
    "group.requirement.now_unknown": Level.WARNING,
    "group.requirement.now_known": Level.WARNING,
    "group.requirement.wording": Level.INFO,
    "equivalence.lost": Level.BREAKING,
    "equivalence.not_transcribed": Level.INFO,
    "equivalence.tied": Level.WARNING,
    "equivalence.lost_unverified": Level.WARNING,
    "equivalence.gained": Level.INFO,
    "equivalence.changed": Level.WARNING,
}


@dataclass(frozen=True)
class Change:
    check: str
    level: Level
    key: str  # the standard's key
    message: str
    grade: str | None = None
    prop: str | None = None
    old: str | None = None
    new: str | None = None
    where_old: str | None = None
    where_new: str | None = None
    accepted: dict | None = None
    group: str | None = None  # the group whose own requirement changed (grade is then None)

    @property
    def fingerprint(self) -> str:
        """16 hex digits naming this change and its place: two changes in one change set never
        share one. The group is appended only when there is one, so the fingerprints of grade-,
        standard- and equivalence-level changes are those earlier versions printed."""
        text = "|".join(
            str(x) for x in (self.check, self.key, self.grade, self.prop, self.old, self.new)
        )
        if self.group is not None:
            text += f"|group={self.group}"
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class ChangeSet:
    old: m.Standard
    new: m.Standard
    changes: tuple[Change, ...]
    notes: tuple[str, ...] = field(default_factory=tuple)

    def failing(self, fail_on: str) -> list[Change]:
        """Changes at or above the level that are not accepted ('never' fails nothing)."""
        if fail_on == "never":
            return []
        floor = Level(fail_on).rank
        return [c for c in self.changes if c.level.rank >= floor and c.accepted is None]


def diff(
    old: m.Standard, new: m.Standard, vocab: Vocabulary, others=(), levels: dict | None = None
):
    """The change set from `old` to `new`; `others` are the standards whose equivalences to
    this one are checked for gains and losses."""
    found: list[Change] = []
    found += _metadata(old, new)
    found += _standard_level(old, new, vocab)
    grade_changes, renames = _grades(old, new, vocab)
    found += grade_changes
    found += _equivalences(old, new, vocab, others, renames)
    table = {**DEFAULT_LEVELS, **{k: Level(v) for k, v in (levels or {}).items()}}
    found = [replace(c, level=table.get(c.check, c.level)) for c in found]
    return ChangeSet(old, new, tuple(found))


def accept(changes: ChangeSet, accepted: dict[str, dict]) -> ChangeSet:
    """Mark the changes whose fingerprints a reviewer accepted."""
    marked = tuple(replace(c, accepted=accepted.get(c.fingerprint)) for c in changes.changes)
    return replace(changes, changes=marked)


def _change(check: str, key: str, message: str, **kw) -> Change:
    return Change(check, DEFAULT_LEVELS[check], key, message, **kw)


# --- metadata ---------------------------------------------------------------------------


_METADATA = ("designation", "status", "issued", "effective", "supersedes", "body", "grade_list")


def _metadata(old: m.Standard, new: m.Standard) -> list[Change]:
    found = []
    for name in _METADATA:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            found.append(
                _change(
                    "metadata.changed",
                    new.key,
                    f"{name}: {_show(a)} → {_show(b)}",
                    prop=name,
                    old=_show(a),
                    new=_show(b),
                )
            )
    for lang in sorted(set(old.title) | set(new.title)):
        a, b = old.title.get(lang), new.title.get(lang)
        if a != b:
            found.append(
                _change(
                    "metadata.changed",
                    new.key,
                    f"title ({lang}) changed",
                    prop=f"title.{lang}",
                    old=a,
                    new=b,
                )
            )
    return found


def _show(value) -> str:
    if value is None:
        return "—"
    return value.value if hasattr(value, "value") else str(value)


# --- requirements -----------------------------------------------------------------------


def _standard_level(old: m.Standard, new: m.Standard, vocab: Vocabulary) -> list[Change]:
    """Requirements of the standard and of its groups (a merged category cell, a scope)."""
    partial = (
        old.grade_list is not m.GradeList.COMPLETE,
        new.grade_list is not m.GradeList.COMPLETE,
    )
    pairs = [(None, "all grades", old.requirements, new.requirements)]
    groups_old = {g.id: g for g in old.groups}
    for group in new.groups:
        before = groups_old.get(group.id)
        pairs.append(
            (
                group.id,
                f"group {group.id}",
                before.requirements if before else (),
                group.requirements,
            )
        )
    found: list[Change] = []
    for group_id, label, before, after in pairs:
        found += _requirement_changes(
            before, after, vocab, new.key, None, "group.requirement", label, partial, group_id
        )
    return found


def _requirement_changes(
    before, after, vocab: Vocabulary, key, grade, prefix, label, partial, group=None
):
    """Requirement by requirement: added, removed, tightened, loosened, changed, reworded.

    `partial` = (old, new): a side held only in part. A requirement missing from a partial new
    side is "not transcribed", not "removed"; one missing from a partial old side may have been
    there all along, so its addition is a warning to review, not a certain break."""
    partial_old, partial_new = partial
    old_by = {r.prop: r for r in before}
    new_by = {r.prop: r for r in after}
    found: list[Change] = []
    for prop in [*old_by, *(p for p in new_by if p not in old_by)]:
        a, b = old_by.get(prop), new_by.get(prop)
        check, message = _requirement_check(a, b, vocab)
        if check == "removed" and partial_new:
            check, message = "not_transcribed", f"{bound(a)} → not in the new transcription"
        if check == "added" and partial_old:
            check = "added_unverified"
            message = f"— → {bound(b)} (the old edition is held in part: it may have been there)"
        if check is None:
            continue
        found.append(
            _change(
                f"{prefix}.{check}",
                key,
                f"{label}: {prop} {message}",
                grade=grade,
                prop=prop,
                old=_value(a),
                new=_value(b),
                where_old=a.where if a else None,
                where_new=b.where if b else None,
                group=group,
            )
        )
    return found


def _requirement_check(a, b, vocab: Vocabulary) -> tuple[str | None, str]:
    if a is None:
        if b.state in (m.State.NONE, m.State.SILENT, m.State.UNKNOWN):
            return "wording", f"now recorded as {bound(b)}"
        if b.state is m.State.STATED and not b.is_numeric:
            return "added_text", f"— → {bound(b)} (added in words: review whether it restricts)"
        return "added", f"— → {bound(b)} (added: lots that conformed may now fail)"
    if b is None:
        return "removed", f"{bound(a)} → — (removed)"
    if b.state is m.State.UNKNOWN:
        return ("now_unknown", f"{bound(a)} → unknown") if a.state is not b.state else (None, "")
    if a.state is m.State.UNKNOWN:
        return "now_known", f"unknown → {bound(b)} (now known: review)"
    kind, _ = classify(a, b, vocab)
    if kind is GapKind.SAME:
        changed = (a.text, a.where, a.basis, a.qualifier) != (b.text, b.where, b.basis, b.qualifier)
        return ("wording", "wording or clause changed") if changed else (None, "")
    if kind is GapKind.B_STRICTER:
        return "tightened", f"{bound(a)} → {bound(b)} (tightened)"
    if kind is GapKind.A_STRICTER:
        return "loosened", f"{bound(a)} → {bound(b)} (loosened)"
    return "changed", f"{bound(a)} → {bound(b)} ({kind.value})"


def _value(req: m.Requirement | None) -> str | None:
    return bound(req) if req is not None else None


# --- grades -------------------------------------------------------------------------------


def _grades(
    old: m.Standard, new: m.Standard, vocab: Vocabulary
) -> tuple[list[Change], dict[str, str]]:
    """Grade changes, and the renames found ({old code: new code}) for the equivalence check."""
    old_codes = {g.code: g for g in old.grades}
    new_codes = {g.code: g for g in new.grades}
    found: list[Change] = []
    for code, grade in new_codes.items():
        if code in old_codes:
            found += _grade_changes(old, old_codes[code], new, grade, vocab)
    gone = [g for c, g in old_codes.items() if c not in new_codes]
    added = [g for c, g in new_codes.items() if c not in old_codes]
    moves, gone, added, renames = _moves(old, new, gone, added, vocab)
    found += moves
    for was, now in renames.items():  # a renamed grade's requirements still count
        found += _grade_changes(old, old_codes[was], new, new_codes[now], vocab)
    found += [_gone(new, g) for g in gone]
    found += [_added(old, new, g) for g in added]
    return found, renames


def _added(old: m.Standard, new: m.Standard, grade: m.Grade) -> Change:
    """A grade the old edition does not hold. When the old edition is held only in part, it may
    have been there all along: newly held here, not added by the standard."""
    if old.grade_list is m.GradeList.COMPLETE:
        return _change(
            "grade.added", new.key, f"{grade.code}: added", grade=grade.code, new=grade.code
        )
    message = (
        f"{grade.code}: newly held (the old edition's grade list is {old.grade_list.value}: "
        "it may have been there)"
    )
    return _change("grade.newly_held", new.key, message, grade=grade.code, new=grade.code)


def _grade_changes(old, before: m.Grade, new, grade: m.Grade, vocab: Vocabulary) -> list[Change]:
    # A change a grade only inherits is reported once, on its group or standard.
    own = {r.prop for r in (*before.requirements, *grade.requirements)}
    moved = before.group != grade.group

    def keep(req: m.Requirement) -> bool:
        return req.prop in own or moved

    partial = (
        before.text is not m.TextCompleteness.FULL,
        grade.text is not m.TextCompleteness.FULL,
    )
    found = _requirement_changes(
        [r for r in old.effective_requirements(before) if keep(r)],
        [r for r in new.effective_requirements(grade) if keep(r)],
        vocab,
        new.key,
        grade.code,
        "requirement",
        grade.code,
        partial,
    )
    if _names(before) != _names(grade):
        found.append(
            _change(
                "grade.wording",
                new.key,
                f"{grade.code}: names changed",
                grade=grade.code,
                old=_names(before),
                new=_names(grade),
            )
        )
    return found


def _gone(new: m.Standard, grade: m.Grade) -> Change:
    if new.grade_list is m.GradeList.COMPLETE:
        return _change(
            "grade.withdrawn", new.key, f"{grade.code}: withdrawn", grade=grade.code, old=grade.code
        )
    message = (
        f"{grade.code}: not in the new edition's transcription "
        f"(grade list {new.grade_list.value}: not transcribed, not withdrawn)"
    )
    return _change("grade.not_transcribed", new.key, message, grade=grade.code, old=grade.code)


def _names(grade: m.Grade) -> str:
    return "; ".join(f"{k}={n.text}" for k, n in sorted(grade.names.items()))


def _moves(old, new, gone, added, vocab: Vocabulary):
    """Grades that disappeared under one code and came back under another, matched by
    content: renamed (one to one), split (one to several), merged (several to one)."""
    from .match import score_pairs

    if not gone or not added:
        return [], gone, added, {}
    # A combination grade scores as its parts do: it cannot be where a part went, nor the reverse.
    pairs = score_pairs(
        [(old, g) for g in gone if not g.mixture_of],
        [(new, g) for g in added if not g.mixture_of],
        vocab,
    )
    close = [p for p in pairs if p.verdict in (Verdict.EQUIVALENT, Verdict.COMPARABLE)]
    targets: dict[str, list[str]] = {}
    sources: dict[str, list[str]] = {}
    for p in close:
        targets.setdefault(p.a.grade.code, []).append(p.b.grade.code)
        sources.setdefault(p.b.grade.code, []).append(p.a.grade.code)
    found, used_old, used_new = [], set(), set()
    for code, into in targets.items():
        if len(into) > 1:
            found.append(
                _change(
                    "grade.split",
                    new.key,
                    f"{code} → {', '.join(into)} (split)",
                    grade=code,
                    old=code,
                    new=", ".join(into),
                )
            )
            used_old.add(code)
            used_new.update(into)
    for code, froms in sources.items():
        if len(froms) > 1 and code not in used_new:
            found.append(
                _change(
                    "grade.merged",
                    new.key,
                    f"{', '.join(froms)} → {code} (merged)",
                    grade=code,
                    old=", ".join(froms),
                    new=code,
                )
            )
            used_new.add(code)
            used_old.update(froms)
    renames: dict[str, str] = {}
    for p in close:
        a, b = p.a.grade.code, p.b.grade.code
        if a not in used_old and b not in used_new:
            renames[a] = b
            found.append(
                _change("grade.renamed", new.key, f"{a} → {b} (renamed)", grade=a, old=a, new=b)
            )
            used_old.add(a)
            used_new.add(b)
    return (
        found,
        [g for g in gone if g.code not in used_old],
        [g for g in added if g.code not in used_new],
        renames,
    )


# --- equivalences to the rest of the corpus ------------------------------------------------


_LINKED = (Verdict.EQUIVALENT, Verdict.COMPARABLE)


def _equivalences(
    old: m.Standard, new: m.Standard, vocab: Vocabulary, others, renames
) -> list[Change]:
    from .match import compare_standards

    found: list[Change] = []
    for other in others:
        if other.key == new.key or other.kind.is_law or new.kind.is_law:
            continue
        before = {
            (renames.get(code, code), target): value
            for (code, target), value in _links(compare_standards(old, other, vocab)).items()
        }
        now = compare_standards(new, other, vocab)
        after = _links(now)
        for link, (verdict, relation) in before.items():
            grade, target = link
            if link not in after:
                check, why = _why_lost(new, grade, target, now)
                found.append(
                    _change(
                        check,
                        new.key,
                        f"{grade} ~ {target}: {verdict} → none ({why})",
                        grade=grade,
                        prop=target,
                        old=verdict,
                        new="none",
                    )
                )
            elif after[link] != (verdict, relation):
                v2, r2 = after[link]
                found.append(
                    _change(
                        "equivalence.changed",
                        new.key,
                        f"{grade} ~ {target}: {verdict}/{relation} → {v2}/{r2}",
                        grade=grade,
                        prop=target,
                        old=f"{verdict}/{relation}",
                        new=f"{v2}/{r2}",
                    )
                )
        for link, (verdict, _) in after.items():
            if link not in before:
                found.append(
                    _change(
                        "equivalence.gained",
                        new.key,
                        f"{link[0]} ~ {link[1]}: none → {verdict} (gained)",
                        grade=link[0],
                        prop=link[1],
                        old="none",
                        new=verdict,
                    )
                )
    return found


def _links(cmp) -> dict[tuple[str, str], tuple[str, str]]:
    """Each grade's best match in the other standard, when comparable or better."""
    best: dict[str, object] = {}
    for pair in cmp.pairs:
        best.setdefault(pair.a.grade.code, pair)
    return {
        (code, f"{p.b.ref}:{p.b.grade.code}"): (p.verdict.value, p.relation.value)
        for code, p in best.items()
        if p.verdict in _LINKED
    }


def _why_lost(new: m.Standard, code: str, target: str, now) -> tuple[str, str]:
    """The check and the reason for a link the new edition no longer has. Only a link lost
    on what both editions hold in full breaks: a grade left out of a partial transcription, a
    best match that now ties with another, or a grade held only in part may all still stand."""
    grade = new.find_grade(code)
    if grade is None and new.grade_list is not m.GradeList.COMPLETE:
        return "equivalence.not_transcribed", "the grade is not in the new transcription"
    tops = _tops(now, code)
    if len(tops) > 1 and any(f"{p.b.ref}:{p.b.grade.code}" == target for p in tops):
        others = ", ".join(p.b.grade.code for p in tops if f"{p.b.ref}:{p.b.grade.code}" != target)
        return "equivalence.tied", f"now tied with {others}: no single best match"
    if grade is not None and grade.text is not m.TextCompleteness.FULL:
        return "equivalence.lost_unverified", "the new edition's grade is held in part"
    return "equivalence.lost", "lost"


def _tops(cmp, code: str) -> list:
    """The pairs that share the best score of grade `code` (several when tied)."""
    mine = [p for p in cmp.pairs if p.a.grade.code == code]
    return [p for p in mine if p.score == mine[0].score] if mine else []
