"""Text for people at a terminal: `lookup` answers and the `compare` summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model as m
from ..results import Comparison, GapKind, Pair, Relation, Verdict
from . import inert, words

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..vocabulary import Vocabulary

SHOWN_PER_STANDARD = 3
_RANKED = (Verdict.EQUIVALENT, Verdict.COMPARABLE, Verdict.RELATED)


def names(grade: m.Grade) -> str:
    shown = [grade.names[k].text for k in ("en", "zh") if k in grade.names]
    # A grade named only in another language (Japanese: names.ja) is shown by that name.
    shown = shown or [n.text for n in grade.names.values()]
    return " / ".join(shown) if shown else "(no name held)"


def qualifies(pair: Pair, vocab=None) -> str:
    """The direction in words: can a lot of the queried grade be sold as the other? What is
    known is said even when the rest is not; what is not is said once, with what would settle
    it; an answer that let unsettled properties pass says which."""
    a, b = pair.a.grade.code, pair.b.grade.code
    if a == b:  # "200 lots qualify as 200" would not say which is which
        a, b = f"{a} ({pair.a.standard.ref})", f"{b} ({pair.b.standard.ref})"
    way = pair.direction
    settled = ""
    if way.caveats:
        settled = (
            f", as far as the limits held go (not settled: {words.prop_labels(way.caveats, vocab)})"
        )
    if way.both_ways:
        return f"{a} and {b} lots qualify both ways{settled}"
    relation = pair.relation
    if relation is Relation.A_WITHIN_B:
        return f"{a} lots qualify as {b}{settled}"
    if relation is Relation.B_WITHIN_A:
        return f"{b} lots qualify as {a}; not every {a} lot qualifies as {b}{settled}"
    if relation is Relation.DISJOINT:
        return "no lot can meet both (conflicting limits)"
    if relation is Relation.OVERLAP:
        return "some lots meet both; neither contains the other"
    settle = _what_settles(way, vocab)
    if way.a_within_b is False:
        return f"not every {a} lot qualifies as {b}; whether {b} lots qualify as {a} {settle}"
    if way.b_within_a is False:
        return f"not every {b} lot qualifies as {a}; whether {a} lots qualify as {b} {settle}"
    return f"which lots qualify {settle}"


def _what_settles(way, vocab) -> str:
    """ "is open until content of copper and metal recovery are known": what would settle it."""
    if not way.unknown:
        return "is open: the texts held are partial"
    return f"is open until {_known(words.prop_label(k, vocab) for k in way.unknown)}"


def _known(items) -> str:
    """ "x is known", "x and y are known", "x, y and z are known"."""
    items = list(items)
    if len(items) == 1:
        return f"{items[0]} is known"
    return f"{', '.join(items[:-1])} and {items[-1]} are known"


def gap_lines(pair: Pair, vocab: Vocabulary, label_a: str) -> list[str]:
    """The differences that can sink a lot first, each with its clause and evidence tier."""
    lines: list[str] = []
    order = (
        (GapKind.CONFLICT, "conflict"),
        (GapKind.B_STRICTER, "stricter there"),
        (GapKind.ONLY_B, "only there"),
        (GapKind.INCOMPARABLE, "measured differently"),
        (GapKind.A_STRICTER, f"stricter in {label_a}"),
        (GapKind.ONLY_A, f"only in {label_a}"),
        (GapKind.UNKNOWN, "unknown"),
    )
    for kind, title in order:
        found = [g for g in pair.gaps if g.kind is kind]
        if not found:
            continue
        parts = [_gap_text(g, pair, vocab, label_a) for g in found]
        lines.append(f"{title}: " + "; ".join(parts))
    return lines


def _gap_text(gap, pair: Pair, vocab: Vocabulary, label_a: str) -> str:
    """One difference: the requirement the line's title is about first, with its clause, and
    the other side's bound in brackets. That is A's own requirement when A is the stricter or
    the only one to state it, B's ("there") otherwise."""
    a_first = gap.kind is GapKind.A_STRICTER or gap.b is None
    req, other = (gap.a, gap.b) if a_first else (gap.b, gap.a)
    std = pair.a.standard if a_first else pair.b.standard
    label = words.label(req, vocab)
    if gap.kind is GapKind.ONLY_A and gap.a.state is m.State.FORBIDDEN:
        return label
    text = label if req.state is m.State.FORBIDDEN else f"{label} {words.bound(req)}"
    if gap.kind in (GapKind.B_STRICTER, GapKind.A_STRICTER, GapKind.CONFLICT) and other:
        text += f" ({'there' if a_first else label_a}: {words.bound(other)})"
    if gap.kind is GapKind.INCOMPARABLE and gap.a and gap.b:
        text = (
            f"{words.label(gap.a, vocab)} {words.bound(gap.a)} in {label_a} vs "
            f"{words.label(gap.b, vocab)} {words.bound(gap.b)}"
        )
    cite = _cite(std, req)
    return f"{text}{cite}"


def _cite(std: m.Standard, req: m.Requirement) -> str:
    tiers = words.tiers_of(std, req.evidence)
    where = req.where or ""
    tier = f"[{', '.join(tiers)}]" if tiers else ""
    inner = " ".join(x for x in (where, tier) if x)
    uncertain = " UNCERTAIN" if req.uncertain else ""
    return f"  {inner}{uncertain}" if inner or uncertain else ""


def lookup_text(result, vocab: Vocabulary, as_of: str, corpus: Corpus | None = None) -> str:
    if result.resolved.family is not None:
        return _family_text(result, vocab, as_of)
    target = result.resolved.grade
    std, grade = target.standard, target.grade
    families = ", ".join(grade.families)
    lines = [f"{grade.code} — {std.designation} — {names(grade)}   ({families})"]
    if result.resolved.how == "fuzzy":
        close = ", ".join(dict.fromkeys(c.grade.code for c in result.resolved.close))
        also = f"; also close: {close}" if close else ""
        lines[0] += f"   [read '{result.query}' as {grade.code}{also}]"
    if result.resolved.blend:
        lines.append(
            f"  {_blend_line(result.resolved.blend)}; the matches below are {grade.code}'s"
        )
    elif result.resolved.alternatives:
        others = ", ".join(f"{a.ref}:{a.grade.code}" for a in result.resolved.alternatives[:4])
        lines.append(f"  (also answers the query: {others})")
    by_standard: dict[str, list[Pair]] = {}
    for pair in result.matches:
        by_standard.setdefault(pair.b.ref, []).append(pair)
    if not by_standard and not result.conformity:
        lines.append("  no candidate grade in the other standards (no shared family)")
    label_a = _short(std)
    unmatched = []
    fallbacks = {f.used.ref: f for f in getattr(result, "fallbacks", ())}
    for pairs in by_standard.values():
        other = pairs[0].b.standard
        editions = [s.ref for s in corpus.editions(other.key)] if corpus is not None else []
        if other.ref in fallbacks:  # a superseded edition never answers without saying so
            lines.append(f"  answered from {fallbacks[other.ref].label}:")
        elif _nothing_to_say(pairs, other):
            unmatched.append(other.designation)
            continue
        lines += _standard_block(pairs, vocab, label_a, editions)
    if unmatched:
        lines.append("  no close match in: " + "; ".join(unmatched))
    lines += [conformity_line(c, vocab) for c in result.conformity]
    lines.append(
        f"as of {as_of}; a transcription with sources, no substitute for the official text"
    )
    return inert.lines(lines)


def _short_bound(req: m.Requirement) -> str:
    """A criterion's number, if it has one; criteria in words are named, not recited."""
    if req.is_numeric or req.state is not m.State.STATED:
        return "" if req.state is m.State.FORBIDDEN else f" {words.bound(req)}"
    return ""


def conformity_line(result, vocab: Vocabulary) -> str:
    """'EU 715/2013  copper scrap: cannot tell — foreign materials < 2 % (grade sets no limit)'."""
    scope = result.scope
    name = scope.names["en"].text if "en" in scope.names else scope.id
    head = f"  {result.regulation.designation:<17} {name}: {result.outcome.value}"
    settled = {c.criterion.one_of for c in result.criteria if c.outcome.value == "meets"}
    reasons = [
        f"{words.label(c.criterion, vocab)}{_short_bound(c.criterion)} ({c.why})"
        for c in result.criteria
        if c.outcome.value in ("fails", "cannot tell")
        and not (c.criterion.one_of and c.criterion.one_of in settled)
    ]
    if result.needs_more:
        reasons.append("also needs " + words.prop_labels(result.needs_more, vocab))
    tail = "   (regulation: conformity, not a match)"
    return head + ("   " + "; ".join(reasons) if reasons else "") + tail


def _nothing_to_say(pairs: list[Pair], other: m.Standard) -> bool:
    """No ranked match in a standard whose list of grades we hold in full: one line for all."""
    ranked = any(p.verdict in _RANKED or p.provenance == "asserted" for p in pairs)
    return not ranked and other.grade_list is m.GradeList.COMPLETE


def _standard_block(pairs: list[Pair], vocab: Vocabulary, label_a: str, editions=()) -> list[str]:
    other = pairs[0].b.standard
    claims = {p.b.grade.code: p for p in pairs if p.provenance == "asserted"}
    ranked = _shown(pairs, claims)
    lines = []
    if not ranked:
        best = pairs[0]
        lines.append(
            f"  {other.designation:<17} no close match (best: {best.b.grade.code} "
            f"{names(best.b.grade)}, score {best.score:.2f})"
        )
    for i, pair in enumerate(ranked[:SHOWN_PER_STANDARD]):
        # the computed verdict: an asserted one is said on the claim line, never instead
        computed = pair.computed_verdict
        lines.append(
            f"  {other.designation:<17} {pair.b.grade.code:<8} {names(pair.b.grade)}   "
            f"{computed.value} {pair.score:.2f}{_partners(pair)}   {qualifies(pair, vocab)}"
        )
        claim = claims.get(pair.b.grade.code)
        if claim is not None:
            lines.append(f"     {_claim_line(claim)}")
        if i == 0:
            lines += [f"     {line}" for line in gap_lines(pair, vocab, label_a)]
    if other.grade_list is not m.GradeList.COMPLETE:
        note = (
            f"     note: {other.ref} holds {len(other.grades)} grades here "
            f"(grade list {other.grade_list.value})"
        )
        more = [e for e in editions if e != other.ref]
        if more:
            note += "; other editions: " + ", ".join(f"--in {e}" for e in more)
        lines.append(note)
    return lines


def _family_text(result, vocab: Vocabulary, as_of: str) -> str:
    """'紫铜: the family copper (unalloyed)', then its grades by standard in force."""
    family = result.resolved.family
    name = vocab.families.get(family, {}).get("en", family)
    lines = [f"{result.query}: the family {name} — its grades in the standards in force:"]
    grades = (result.resolved.grade, *result.resolved.alternatives)
    for ref in dict.fromkeys(g.ref for g in grades):
        mine = [g for g in grades if g.ref == ref]
        shown = ", ".join(g.grade.code for g in mine)
        lines.append(f"  {mine[0].standard.designation:<17} {shown}")
    lines.append("look one up by its code for its matches: stdcompare lookup CODE")
    lines.append(
        f"as of {as_of}; a transcription with sources, no substitute for the official text"
    )
    return "\n".join(lines)


def _blend_line(parts) -> str:
    """'a blend: 80 % HMS 1 (200, 201, 202) + 20 % HMS 2 (203, 204, 205, 206)'."""
    shown = []
    for part in parts:
        share = f"{part.share} % " if part.share is not None else ""
        codes = ", ".join(dict.fromkeys(g.grade.code for g in part.grades))
        shown.append(f"{share}{part.alias} ({codes})")
    unknown = "" if parts[0].share is not None else " in shares the query does not state"
    return "a blend: " + " + ".join(shown) + unknown


def _partners(pair: Pair) -> str:
    """Said after the score: each grade is the other's unique best match (a flag; the score
    is the same with or without it)."""
    return " · best partners" if pair.best_partner else ""


def _shown(pairs: list[Pair], claims: dict[str, Pair]) -> list[Pair]:
    """The grades asserted to correspond first (each once: its computed pair, which the claim
    line follows), then the computed matches ranked related or better."""
    computed = {p.b.grade.code: p for p in reversed(pairs) if p.provenance != "asserted"}
    first = [computed.get(code, claim) for code, claim in claims.items()]
    rest = [
        p
        for p in pairs
        if p.provenance != "asserted" and p.verdict in _RANKED and p.b.grade.code not in claims
    ]
    return [*first, *rest]


def _claim_line(claim: Pair) -> str:
    """'asserted: comparable (proposed) — https://…': who says so, beside what was computed."""
    data = claim.assertion or {}
    verdict = claim.asserted_verdict.value if claim.asserted_verdict else "?"
    return f"asserted: {verdict} ({data.get('status', 'proposed')}) — {data.get('source', '')}"


def _short(std: m.Standard) -> str:
    return std.designation.split(" Scrap")[0] if std.key == "isri-circular" else std.designation


def compare_text(cmp: Comparison, vocab: Vocabulary) -> str:
    if cmp.conformity or cmp.a.kind.is_law or cmp.b.kind.is_law:
        lines = [f"{cmp.a.designation}  ↔  {cmp.b.designation}   (as of {cmp.as_of})"]
        lines += [f"{c.grade.code:<12}" + conformity_line(c, vocab) for c in cmp.conformity]
        return inert.lines(lines + list(cmp.notes))
    counts = {v: sum(1 for p in cmp.pairs if p.verdict is v) for v in Verdict}
    lines = [
        f"{cmp.a.designation}  ↔  {cmp.b.designation}   (as of {cmp.as_of})",
        f"{len(cmp.pairs)} candidate pairs: "
        + ", ".join(f"{counts[v]} {v.value}" for v in Verdict),
    ]
    best: dict[str, Pair] = {}
    for pair in cmp.pairs:  # sorted best first
        best.setdefault(pair.a.grade.code, pair)
    for grade in cmp.a.grades:
        pair = best.get(grade.code)
        if pair is None:
            continue  # blocked out: counted on one line below
        if pair.verdict is Verdict.NONE:
            lines.append(f"  {grade.code:<12} no match at or above 'related'")
            continue
        lines.append(
            f"  {grade.code:<12} → {pair.b.grade.code:<8} {pair.verdict.value:<11} "
            f"{pair.score:.2f}{_partners(pair)}  {qualifies(pair, vocab)}"
        )
    lines += _not_compared([g for g in cmp.a.grades if g.code not in best], cmp.b)
    return inert.lines(lines + [f"note: {n}" for n in cmp.notes])


def _not_compared(grades: list, other: m.Standard) -> list[str]:
    """Grades that blocking kept from every pair: one line, by family, not one line each (an
    ISRI circular against a steel specification would list its copper and aluminium grades)."""
    if not grades:
        return []
    families = sorted({g.families[0] if g.families else "no family" for g in grades})
    return [
        f"  {len(grades)} grades not compared, no grade of their family in {other.designation}: "
        + ", ".join(families)
    ]
