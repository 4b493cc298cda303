"""The trader's question: "what is Birch under the other systems?"

A query resolves over every standard and edition (query.py) and the grade it names is scored
against the grades of the other standards in force: their best partners flagged, an edition in
force held in part answered from the superseded one that holds more, labelled, and the
correspondences sources assert shown beside. The queried grade is never among its own matches.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from . import model as m
from .corpus import edition_date
from .match import score_pairs
from .query import Resolution, resolve_query
from .results import GradeRef, Pair, Verdict

if TYPE_CHECKING:
    from .corpus import Corpus
    from .vocabulary import Vocabulary


@dataclass(frozen=True)
class Fallback:
    """The edition in force holds too little to answer; a superseded one answers, labelled."""

    in_force: m.Standard
    used: m.Standard

    @property
    def label(self) -> str:
        return (
            f"{self.used.designation}, superseded; the {self.in_force.edition} edition is "
            f"held in part ({len(self.in_force.grades)} grades)"
        )


@dataclass(frozen=True)
class LookupResult:
    query: str
    resolved: Resolution
    matches: tuple[Pair, ...]
    conformity: tuple = ()  # against the regulations' scopes: conformity.Conformity
    fallbacks: tuple[Fallback, ...] = ()
    # Standards in force of the grade's family that hold no grade here (GB/T 38470-2023, its
    # table not transcribed): said, so that no answer is silently missing a standard.
    unheld: tuple[m.Standard, ...] = ()
    # The grade asked for is read from an edition not in force on the day (superseded, or not
    # yet in effect): said beside it, so the answer is never taken for today's.
    edition_note: str = ""


def lookup(
    corpus: Corpus,
    query: str,
    in_refs: list[str] | None = None,
    as_of: date | None = None,
    computed_only: bool = False,
) -> LookupResult:
    from .conformity import check_against

    resolved = resolve_query(corpus, query, as_of)
    if resolved.family is not None:  # a directory of the family's grades, not one grade's matches
        return LookupResult(query, resolved, ())
    target = resolved.grade
    standards = _candidates(corpus, target, in_refs, as_of)
    graded = [s for s in standards if not s.kind.is_law]
    regulations = [s for s in standards if s.kind.is_law]
    pairs = score_pairs(
        [(target.standard, target.grade)],
        [(s, g) for s in graded for g in s.grades],
        corpus.vocabulary,
        skip=lambda a, b: _same_grade(a, b),
    )
    pairs = _flag_partners(target, pairs, corpus.vocabulary)
    fallbacks, older = _fall_back(corpus, target, pairs, graded, in_refs)
    pairs = _beside(pairs, older)
    if not computed_only:
        pairs = _with_assertions(corpus, target, pairs, graded, as_of, only_shown=bool(in_refs))
    conformity = check_against(corpus.vocabulary, target.standard, target.grade, regulations)
    unheld = _unheld(corpus, target, graded, fallbacks)
    note = _edition_note(corpus, target, as_of)
    return LookupResult(
        query, resolved, tuple(pairs), tuple(conformity), tuple(fallbacks), unheld, note
    )


def _edition_note(corpus: Corpus, target: GradeRef, as_of: date | None) -> str:
    """'' when the grade's edition is the one in force on the day; else why it answers."""
    std, code = target.standard, target.grade.code
    if std.status is m.Status.DRAFT:
        return ""
    day = as_of or corpus.as_of
    current = corpus.in_force(std.key, day)
    if current is not None and current.ref == std.ref:
        return ""
    if edition_date(std) > day:
        then = f"{current.ref}, in force then," if current else "no edition in force then"
        began = std.effective or std.issued or std.edition
        return f"{std.ref} took effect on {began}, after {day}; {then} holds no {code}"
    if current is None:
        return f"{std.ref} is not in force on {day}"
    return f"{std.ref} is superseded by {current.ref}, which holds no {code}"


def _unheld(corpus: Corpus, target: GradeRef, graded, fallbacks) -> tuple[m.Standard, ...]:
    """The standards asked of that cover the grade's family but hold no grade of it here."""
    families = target.grade.families or target.standard.families
    answered = {f.in_force.ref for f in fallbacks}
    return tuple(
        s
        for s in graded
        if not s.grades
        and s.ref not in answered
        and any(corpus.covers(s, family) for family in families)
    )


def _fall_back(corpus: Corpus, target: GradeRef, pairs: list[Pair], graded, in_refs):
    """For each edition in force that is held in part and gives no match at or above
    'related', the latest superseded edition that does, as a labelled second answer. An edition
    the user named (key@edition) answers alone: they asked for it."""
    named = {ref.split("@", 1)[0] for ref in in_refs or () if "@" in ref}
    fallbacks, found = [], []
    for std in graded:
        if std.key in named or std.grade_list is m.GradeList.COMPLETE:
            continue
        if any(p.b.ref == std.ref and p.verdict is not Verdict.NONE for p in pairs):
            continue
        for older in older_editions(corpus, std):
            got = _scored(corpus, target, older)
            if any(p.verdict is not Verdict.NONE for p in got):
                fallbacks.append(Fallback(std, older))
                found += got
                break
    return fallbacks, found


def _beside(pairs: list[Pair], older: list[Pair]) -> list[Pair]:
    """The pairs, each superseded edition's right after those of its edition in force (the
    renderers show standards in the order their pairs first appear)."""
    if not older:
        return pairs
    result: list[Pair] = []
    for ref in dict.fromkeys(p.b.ref for p in pairs):
        mine = [p for p in pairs if p.b.ref == ref]
        key = mine[0].b.standard.key
        result += mine + [p for p in older if p.b.standard.key == key]
    placed = {id(p) for p in result}
    return result + [p for p in older if id(p) not in placed]


def older_editions(corpus: Corpus, std: m.Standard) -> list[m.Standard]:
    """The superseded editions of `std` that hold grades, newest first."""
    older = [s for s in corpus.editions(std.key) if s.ref != std.ref and s.grades]
    older = [s for s in older if s.status is not m.Status.DRAFT and s.edition < std.edition]
    return sorted(older, key=lambda s: s.edition, reverse=True)


def _scored(corpus: Corpus, target: GradeRef, std: m.Standard) -> list[Pair]:
    pairs = score_pairs(
        [(target.standard, target.grade)],
        [(std, g) for g in std.grades],
        corpus.vocabulary,
        skip=lambda a, b: _same_grade(a, b),
    )
    return _flag_partners(target, pairs, corpus.vocabulary)


def _flag_partners(target: GradeRef, pairs: list[Pair], vocab: Vocabulary) -> list[Pair]:
    """Best partners as `compare` flags them: the query's unique best match in a standard is
    its best partner when the query is, in turn, that grade's unique best match among the
    grades of the query's own standard (scored here: the pairs do not depend on who asks)."""
    from .match.assignment import is_best_for

    tops = {}
    for ref in dict.fromkeys(p.b.ref for p in pairs):
        mine = [p for p in pairs if p.b.ref == ref]
        if is_best_for(mine[0], mine[1:], lambda p: p.a.grade.code):  # best first: the top
            tops[ref] = mine[0]
    if not tops:
        return pairs
    own = target.standard
    back = score_pairs(
        [(own, g) for g in own.grades], [(p.b.standard, p.b.grade) for p in tops.values()], vocab
    )
    partners = set()
    for top in tops.values():
        rivals = [q for q in back if _same(q.b, top.b)]
        mine = next((q for q in rivals if q.a.grade.code == target.grade.code), None)
        others = [q for q in rivals if q is not mine]
        if mine is not None and is_best_for(mine, others, lambda q: q.b.grade.code):
            partners.add(id(top))
    return [replace(p, best_partner=True) if id(p) in partners else p for p in pairs]


def _same(a: GradeRef, b: GradeRef) -> bool:
    return a.ref == b.ref and a.grade.code == b.grade.code


def _same_grade(a: GradeRef, b: GradeRef) -> bool:
    return a.standard.key == b.standard.key and a.grade.code == b.grade.code


def _candidates(corpus: Corpus, target: GradeRef, in_refs, as_of) -> list[m.Standard]:
    if in_refs:  # one standard named twice (or as key and as key@edition) is one standard
        found = [corpus.resolve(ref, as_of) for ref in in_refs]
        return list({std.ref: std for std in found}.values())
    return [
        s
        for key in corpus.standard_keys()
        if key != target.standard.key and (s := corpus.in_force(key, as_of)) is not None
    ]


# --- asserted correspondences ---------------------------------------------------------------


def _with_assertions(
    corpus: Corpus,
    target: GradeRef,
    pairs: list[Pair],
    shown: list[m.Standard],
    as_of=None,
    only_shown: bool = False,
) -> list[Pair]:
    """Correspondences a source or committee asserted, shown beside the computed matches.

    A correspondence names the editions its source wrote against. It is shown against the
    edition the lookup shows of that standard (the one in force, or the one --in names) when
    that edition has the grade too, with the edition it was stated against said on its line;
    never as a second entry for an edition the lookup does not show. If the grade is gone from
    the edition shown, the claim stays on its own edition, marked superseded, after the
    editions in force. With `only_shown` (lookup --in), a claim on a standard not asked for is
    left out as the computed matches are."""
    asked = {s.key for s in shown}
    asserted, aside = [], []  # aside: on an edition other than the one shown, after the rest
    for item in corpus.correspondences:
        other = item.other_side(target)
        if other is None or (only_shown and other[0].key not in asked):
            continue
        std, grade, note = _in_shown_edition(corpus, other, shown, as_of)
        computed = next(
            (p for p in pairs if p.b.ref == std.ref and p.b.grade.code == grade.code), None
        )
        if computed is None:
            computed = score_pairs(
                [(target.standard, target.grade)], [(std, grade)], corpus.vocabulary
            )
            computed = computed[0] if computed else None
        if computed is None:
            continue
        (aside if "superseded" in note else asserted).append(
            replace(
                computed,
                provenance="asserted",
                asserted_verdict=Verdict(item.verdict),
                assertion={**item.as_data(), **note},
            )
        )
    return [*asserted, *pairs, *aside]


def _in_shown_edition(corpus: Corpus, side: tuple, shown: list[m.Standard], as_of) -> tuple:
    """(standard, grade, what to say of the edition) for one side of a correspondence: the
    edition of its standard the lookup shows, if it holds the grade; else the stated one."""
    std, grade = side
    current = next((s for s in shown if s.key == std.key), None)
    if current is None:
        current = corpus.in_force(std.key, as_of)
    if current is None or current.ref == std.ref:
        return std, grade, {}
    same = current.find_grade(grade.code)
    stated = f"asserted against the {std.edition} edition"
    if same is not None:
        return current, same, {"shown_as": f"{current.ref}:{same.code}", "note": stated}
    if edition_date(std) > edition_date(
        current
    ):  # an edition later than the one shown (--in, --as-of)
        later = f"{stated}, later than {current.ref}; {grade.code} not held there"
        return std, grade, {"superseded": False, "note": later}
    gone = f"{stated}, superseded by {current.ref}; {grade.code} not held there"
    return std, grade, {"superseded": True, "note": gone}


def for_text(result: LookupResult) -> LookupResult:
    """The result as the text answer says it: what the lookup notes of an assertion's edition
    goes beside its status on the claim line ("proposed, asserted against the 2022 edition");
    the data (JSON) keeps status and note apart."""
    matches = tuple(
        replace(p, assertion={**p.assertion, "status": f"{p.assertion['status']}, {note}"})
        if p.assertion and (note := p.assertion.get("note"))
        else p
        for p in result.matches
    )
    return replace(result, matches=matches)
