"""Text for people at a terminal: `lookup` answers and the `compare` summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model as m
from ..results import Comparison, GapKind, Pair, Relation, Verdict
from . import inert, words
from .speech import Speech, speech

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..vocabulary import Vocabulary

SHOWN_PER_STANDARD = 3
_RANKED = (Verdict.EQUIVALENT, Verdict.COMPARABLE, Verdict.RELATED)


def names(grade: m.Grade, lang: str = "en") -> str:
    order = ("zh", "en") if lang == "zh" else ("en", "zh")
    shown = [grade.names[k].text for k in order if k in grade.names]
    # A grade named only in another language (Japanese: names.ja) is shown by that name.
    shown = shown or [n.text for n in grade.names.values()]
    return " / ".join(shown) if shown else speech(None, lang)("no_name")


def qualifies(pair: Pair, vocab: Vocabulary | None = None, say: Speech | None = None) -> str:
    """The direction in words: can a lot of the queried grade be sold as the other? What is
    known is said even when the rest is not; what is not is said once, with what would settle
    it; an answer that let unsettled properties pass says which."""
    say = say or speech(vocab)
    a, b = pair.a.grade.code, pair.b.grade.code
    if a == b:  # "200 lots qualify as 200" would not say which is which
        a, b = f"{a} ({pair.a.standard.ref})", f"{b} ({pair.b.standard.ref})"
    way = pair.direction
    settled = ""
    if way.caveats:
        settled = say("settled", props=_labels(way.caveats, vocab, say))
    if way.both_ways:
        return say("both_ways", a=a, b=b, settled=settled)
    relation = pair.relation
    if relation is Relation.A_WITHIN_B:
        return say("a_within_b", a=a, b=b, settled=settled)
    if relation is Relation.B_WITHIN_A:
        return say("b_within_a", a=a, b=b, settled=settled)
    if relation is Relation.DISJOINT:
        return say("disjoint")
    if relation is Relation.OVERLAP:
        return say("overlap")
    settle = _what_settles(way, vocab, say)
    if way.a_within_b is False:
        return say("not_a_in_b", a=a, b=b, settle=settle)
    if way.b_within_a is False:
        return say("not_b_in_a", a=a, b=b, settle=settle)
    return say("which_lots", settle=settle)


def _labels(keys, vocab: Vocabulary, say: Speech) -> str:
    return say.join(words.prop_label(k, vocab, say.lang) for k in keys)


def _what_settles(way, vocab: Vocabulary, say: Speech) -> str:
    """ "is open until content of copper and metal recovery are known": what would settle it."""
    if not way.unknown:
        return say("open_partial")
    return say(
        "open_until", items=_known([words.prop_label(k, vocab, say.lang) for k in way.unknown], say)
    )


def _known(items: list[str], say: Speech) -> str:
    """ "x is known", "x and y are known", "x, y and z are known"."""
    if len(items) == 1:
        return say("known_one", item=items[0])
    return say("known_many", items=say.join(items[:-1]), last=items[-1])


def gap_lines(pair: Pair, vocab: Vocabulary, label_a: str, say: Speech | None = None) -> list[str]:
    """The differences that can sink a lot first, each with its clause and evidence tier."""
    say = say or speech(vocab)
    lines: list[str] = []
    order = (
        (GapKind.CONFLICT, say("conflict")),
        (GapKind.B_STRICTER, say("stricter_there")),
        (GapKind.ONLY_B, say("only_there")),
        (GapKind.INCOMPARABLE, say("measured_differently")),
        (GapKind.A_STRICTER, say("stricter_in", label=label_a)),
        (GapKind.ONLY_A, say("only_in", label=label_a)),
        (GapKind.UNKNOWN, say("unknown")),
    )
    colon = "：" if say.lang == "zh" else ": "
    for kind, title in order:
        found = [g for g in pair.gaps if g.kind is kind]
        if not found:
            continue
        parts = [_gap_text(g, pair, vocab, label_a, say) for g in found]
        lines.append(f"{title}{colon}" + ("；" if say.lang == "zh" else "; ").join(parts))
    return lines


def shown_bound(req: m.Requirement, say: Speech) -> str:
    """The canonical bound; a requirement with no number in the language asked."""
    return words.bound_in(req, say)


def _gap_text(gap, pair: Pair, vocab: Vocabulary, label_a: str, say: Speech) -> str:
    """One difference: the requirement the line's title is about first, with its clause, and
    the other side's bound in brackets. That is A's own requirement when A is the stricter or
    the only one to state it, B's ("there") otherwise."""
    a_first = gap.kind is GapKind.A_STRICTER or gap.b is None
    req, other = (gap.a, gap.b) if a_first else (gap.b, gap.a)
    std = pair.a.standard if a_first else pair.b.standard
    label = words.label(req, vocab, say.lang)
    if gap.kind is GapKind.ONLY_A and gap.a.state is m.State.FORBIDDEN:
        return label
    text = label if req.state is m.State.FORBIDDEN else f"{label} {shown_bound(req, say)}"
    if gap.kind in (GapKind.B_STRICTER, GapKind.A_STRICTER, GapKind.CONFLICT) and other:
        side = say("there") if a_first else label_a
        colon = "：" if say.lang == "zh" else ": "
        text += f" ({side}{colon}{shown_bound(other, say)})"
    if gap.kind is GapKind.INCOMPARABLE and gap.a and gap.b:
        x = f"{words.label(gap.a, vocab, say.lang)} {shown_bound(gap.a, say)}"
        y = f"{words.label(gap.b, vocab, say.lang)} {shown_bound(gap.b, say)}"
        text = say("against", x=x, label=label_a, y=y)
    cite = _cite(std, req, say)
    return f"{text}{cite}"


def _cite(std: m.Standard, req: m.Requirement, say: Speech | None = None) -> str:
    say = say or speech()
    tiers = sorted({_tier(std.sources[i], say) for i in req.evidence if i in std.sources})
    where = req.where or ""
    tier = f"[{', '.join(tiers)}]" if tiers else ""
    inner = " ".join(x for x in (where, tier) if x)
    uncertain = say("uncertain") if req.uncertain else ""
    return f"  {inner}{uncertain}" if inner or uncertain else ""


def _tier(source: m.Evidence, say: Speech) -> str:
    copy = say("third_party_copy") if source.copy else ""
    return say.word(source.tier.value) + copy


def lookup_text(
    result,
    vocab: Vocabulary,
    as_of: str,
    editions: Callable[[str], list[str]] | None = None,
    lang: str = "en",
) -> str:
    say = speech(vocab, lang)
    if result.resolved.family is not None:
        return _family_text(result, vocab, as_of, say)
    target = result.resolved.grade
    std, grade = target.standard, target.grade
    families = say.join(_family_name(vocab, f, lang) for f in grade.families)
    lines = [f"{grade.code} — {std.designation} — {names(grade, lang)}   ({families})"]
    if getattr(result, "edition_note", ""):
        lines.append("  " + say("note", note=say.sentence(result.edition_note)))
    if result.resolved.how == "fuzzy":
        close = ", ".join(dict.fromkeys(c.grade.code for c in result.resolved.close))
        also = say("also_close", codes=close) if close else ""
        lines[0] += say("read_as", query=result.query, code=grade.code, also=also)
    if result.resolved.blend:
        blend = _blend_line(result.resolved.blend, say)
        lines.append(f"  {blend}{say('blend_matches', code=grade.code)}")
    elif result.resolved.alternatives:
        others = ", ".join(f"{a.ref}:{a.grade.code}" for a in result.resolved.alternatives[:4])
        lines.append(f"  {say('also_answers', others=others)}")
    by_standard: dict[str, list[Pair]] = {}
    for pair in result.matches:
        by_standard.setdefault(pair.b.ref, []).append(pair)
    if not by_standard and not result.conformity:
        lines.append(f"  {say('no_candidate')}")
    label_a = _short(std)
    unmatched = []
    fallbacks = {f.used.ref: f for f in getattr(result, "fallbacks", ())}
    for pairs in by_standard.values():
        other = pairs[0].b.standard
        held = editions(other.key) if editions is not None else []
        if other.ref in fallbacks:  # a superseded edition never answers without saying so
            used = fallbacks[other.ref]
            lines.append(
                "  "
                + say(
                    "answered_from",
                    used=used.used.designation,
                    edition=used.in_force.edition,
                    count=len(used.in_force.grades),
                )
            )
        elif _nothing_to_say(pairs, other):
            unmatched.append(other.designation)
            continue
        lines += _standard_block(pairs, vocab, label_a, held, say)
    if unmatched:
        lines.append("  " + say("no_close_in", standards="; ".join(unmatched)))
    lines += [_unheld_line(s, editions, say) for s in getattr(result, "unheld", ())]
    lines += [conformity_line(c, vocab, say) for c in result.conformity]
    lines.append(say("footer", as_of=as_of))
    return inert.lines(lines)


def _unheld_line(std: m.Standard, editions, say: Speech) -> str:
    """'GB/T 38470-2023   no grade held (grade list unknown); other editions: --in …'."""
    held = editions(std.key) if editions is not None else []
    more = [e for e in held if e != std.ref]
    also = say("other_editions", editions=", ".join(f"--in {e}" for e in more)) if more else ""
    state = say.word(std.grade_list.value)
    return f"  {std.designation:<17} " + say("none_held", state=state) + also


def _family_name(vocab: Vocabulary, family: str, lang: str) -> str:
    data = vocab.families.get(family, {}) if vocab is not None else {}
    return data.get("zh", family) if lang == "zh" else family


def _short_bound(req: m.Requirement, say: Speech) -> str:
    """A criterion's number, if it has one; criteria in words are named, not recited."""
    if req.is_numeric or req.state is not m.State.STATED:
        return "" if req.state is m.State.FORBIDDEN else f" {shown_bound(req, say)}"
    return ""


def conformity_line(result, vocab: Vocabulary, say: Speech | None = None) -> str:
    """'EU 715/2013  copper scrap: cannot tell — foreign materials < 2 % [Annex I, 1.2] (grade
    sets no limit)': each unsettled criterion with the clause that sets it."""
    say = say or speech(vocab)
    scope = result.scope
    lang = "zh" if say.lang == "zh" and "zh" in scope.names else "en"
    name = scope.names[lang].text if lang in scope.names else scope.id
    outcome = say.word(result.outcome.value)
    regulation = result.regulation
    designation = (
        regulation.designation if say.lang == "en" else words.short_designation(regulation)
    )
    head = f"  {designation:<17} {name}{say('colon_sep')}{outcome}"
    settled = {c.criterion.one_of for c in result.criteria if c.outcome.value == "meets"}
    reasons = [
        f"{words.label(c.criterion, vocab, say.lang)}{_short_bound(c.criterion, say)}"
        f"{_clause(c.criterion)} ({say.word(c.why)})"
        for c in result.criteria
        if c.outcome.value in ("fails", "cannot tell")
        and not (c.criterion.one_of and c.criterion.one_of in settled)
    ]
    if result.needs_more:
        reasons.append(say("also_needs", props=_labels(result.needs_more, vocab, say)))
    return head + ("   " + "; ".join(reasons) if reasons else "") + say("regulation_tail")


def _clause(criterion) -> str:
    """Where in the regulation a criterion is set, as its text cites it: ' [Annex I, 1.2]'."""
    return f" [{criterion.where}]" if getattr(criterion, "where", None) else ""


def _nothing_to_say(pairs: list[Pair], other: m.Standard) -> bool:
    """No ranked match in a standard whose list of grades we hold in full: one line for all."""
    ranked = any(p.verdict in _RANKED or p.provenance == "asserted" for p in pairs)
    return not ranked and other.grade_list is m.GradeList.COMPLETE


def _standard_block(
    pairs: list[Pair], vocab: Vocabulary, label_a: str, editions=(), say: Speech | None = None
) -> list[str]:
    say = say or speech(vocab)
    other = pairs[0].b.standard
    claims = {p.b.grade.code: p for p in pairs if p.provenance == "asserted"}
    ranked = _shown(pairs, claims)
    lines = []
    if not ranked:
        best = pairs[0]
        said = say(
            "no_close_best",
            code=best.b.grade.code,
            name=names(best.b.grade, say.lang),
            score=f"{best.score:.2f}",
        )
        lines.append(f"  {other.designation:<17} {said}")
    for i, pair in enumerate(ranked[:SHOWN_PER_STANDARD]):
        # the computed verdict: an asserted one is said on the claim line, never instead
        computed = say.word(pair.computed_verdict.value)
        lines.append(
            f"  {other.designation:<17} {pair.b.grade.code:<8} {names(pair.b.grade, say.lang)}   "
            f"{computed} {pair.score:.2f}{_partners(pair, say)}   {qualifies(pair, vocab, say)}"
        )
        claim = claims.get(pair.b.grade.code)
        if claim is not None:
            lines.append(f"     {_claim_line(claim, say)}")
        if i == 0:
            lines += [f"     {line}" for line in gap_lines(pair, vocab, label_a, say)]
    if other.grade_list is not m.GradeList.COMPLETE:
        note = "     " + say(
            "note_partial",
            ref=other.ref,
            count=len(other.grades),
            state=say.word(other.grade_list.value),
        )
        more = [e for e in editions if e != other.ref]
        if more:
            note += say("other_editions", editions=", ".join(f"--in {e}" for e in more))
        lines.append(note)
    return lines


def _family_text(result, vocab: Vocabulary, as_of: str, say: Speech) -> str:
    """'紫铜: the family copper (unalloyed)', then its grades by standard in force."""
    family = result.resolved.family
    data = vocab.families.get(family, {})
    name = (data.get("zh") if say.lang == "zh" else None) or data.get("en", family)
    lines = [say("family_head", query=result.query, name=name)]
    grades = (result.resolved.grade, *result.resolved.alternatives)
    for ref in dict.fromkeys(g.ref for g in grades):
        mine = [g for g in grades if g.ref == ref]
        shown = ", ".join(g.grade.code for g in mine)
        lines.append(f"  {mine[0].standard.designation:<17} {shown}")
    lines.append(say("family_tail"))
    lines.append(say("footer", as_of=as_of))
    return "\n".join(lines)


def _blend_line(parts, say: Speech | None = None) -> str:
    """'a blend: 80 % HMS 1 (200, 201, 202) + 20 % HMS 2 (203, 204, 205, 206)'."""
    say = say or speech()
    shown = []
    for part in parts:
        share = f"{part.share} % " if part.share is not None else ""
        codes = ", ".join(dict.fromkeys(g.grade.code for g in part.grades))
        shown.append(f"{share}{part.alias} ({codes})")
    unknown = "" if parts[0].share is not None else say("blend_unknown")
    return say("blend", parts=" + ".join(shown), unknown=unknown)


def _partners(pair: Pair, say: Speech | None = None) -> str:
    """Said after the score: each grade is the other's unique best match (a flag; the score
    is the same with or without it)."""
    return (say or speech())("best_partners") if pair.best_partner else ""


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


def _claim_line(claim: Pair, say: Speech | None = None) -> str:
    """'asserted: comparable (proposed) — https://…': who says so, beside what was computed."""
    say = say or speech()
    data = claim.assertion or {}
    verdict = say.word(claim.asserted_verdict.value) if claim.asserted_verdict else "?"
    status = say.sentence(data.get("status", "proposed"))  # with the edition's note, if any
    return say("asserted", verdict=verdict, status=status, source=data.get("source", ""))


def _short(std: m.Standard) -> str:
    return std.designation.split(" Scrap")[0] if std.key == "isri-circular" else std.designation


def compare_text(cmp: Comparison, vocab: Vocabulary, lang: str = "en") -> str:
    say = speech(vocab, lang)
    head = f"{cmp.a.designation}  ↔  {cmp.b.designation}   ({say('as_of', as_of=cmp.as_of)})"
    if cmp.conformity or cmp.a.kind.is_law or cmp.b.kind.is_law:
        lines = [head]
        lines += [f"{c.grade.code:<12}" + conformity_line(c, vocab, say) for c in cmp.conformity]
        return inert.lines(lines + [say.sentence(n) or n for n in cmp.notes])
    counts = {v: sum(1 for p in cmp.pairs if p.verdict is v) for v in Verdict}
    verdicts = ", ".join(f"{counts[v]} {say.word(v.value)}" for v in Verdict)
    lines = [head, say("candidate_pairs", count=len(cmp.pairs), verdicts=verdicts)]
    best: dict[str, Pair] = {}
    for pair in cmp.pairs:  # sorted best first
        best.setdefault(pair.a.grade.code, pair)
    for grade in cmp.a.grades:
        pair = best.get(grade.code)
        if pair is None:
            continue  # blocked out: counted on one line below
        if pair.verdict is Verdict.NONE:
            lines.append(f"  {grade.code:<12} {say('no_match_related')}")
            continue
        lines.append(
            f"  {grade.code:<12} → {pair.b.grade.code:<8} {say.word(pair.verdict.value):<11} "
            f"{pair.score:.2f}{_partners(pair, say)}  {qualifies(pair, vocab, say)}"
        )
    lines += _not_compared([g for g in cmp.a.grades if g.code not in best], cmp.b, say, vocab)
    return inert.lines(lines + [say("note", note=say.sentence(n)) for n in cmp.notes])


def _not_compared(grades: list, other: m.Standard, say: Speech, vocab=None) -> list[str]:
    """Grades that blocking kept from every pair: one line, by family, not one line each (an
    ISRI circular against a steel specification would list its copper and aluminium grades)."""
    if not grades:
        return []
    families = sorted({g.families[0] if g.families else "no family" for g in grades})
    said = say("not_compared", count=len(grades), standard=other.designation)
    if say.lang != "en":  # the families by name, in the language asked
        families = [_family_name(vocab, f, say.lang) for f in families]
        return [f"  {said}" + say.join(dict.fromkeys(families))]
    return [f"  {said}" + ", ".join(families)]
