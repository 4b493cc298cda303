"""The trader's question: "what is Birch under the other systems?"

A query resolves over every standard and edition — an exact code or alias first, then a fuzzy
name (typos and Chinese allowed) — and the grade it names is scored against the grades of the
other standards in force. The queried grade is never among its own matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from . import model as m
from .comparison import GradeRef, Pair, Verdict
from .errors import RefError, StdcompareError
from .match import score_pairs
from .match.names import Normaliser, grade_names

FUZZY_CUTOFF = 60  # below this a query matches nothing
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Resolution:
    grade: GradeRef
    how: str  # "ref", "code", "name", "fuzzy"
    similarity: float
    alternatives: tuple[GradeRef, ...] = ()


@dataclass(frozen=True)
class LookupResult:
    query: str
    resolved: Resolution
    matches: tuple[Pair, ...]
    conformity: tuple = ()  # against the regulations' scopes: conformity.Conformity


def lookup(
    corpus,
    query: str,
    in_refs: list[str] | None = None,
    as_of: date | None = None,
    computed_only: bool = False,
) -> LookupResult:
    from .conformity import check_against

    resolved = resolve_query(corpus, query, as_of)
    target = resolved.grade
    standards = _candidates(corpus, target, in_refs, as_of)
    graded = [s for s in standards if s.kind is not m.Kind.REGULATION]
    regulations = [s for s in standards if s.kind is m.Kind.REGULATION]
    pairs = score_pairs(
        [(target.standard, target.grade)],
        [(s, g) for s in graded for g in s.grades],
        corpus.vocabulary,
        skip=lambda a, b: _same_grade(a, b),
    )
    if not computed_only:
        pairs = _with_assertions(corpus, target, pairs)
    conformity = check_against(corpus.vocabulary, target.standard, target.grade, regulations)
    return LookupResult(query, resolved, tuple(pairs), tuple(conformity))


def _same_grade(a: GradeRef, b: GradeRef) -> bool:
    return a.standard.key == b.standard.key and a.grade.code == b.grade.code


def _candidates(corpus, target: GradeRef, in_refs, as_of) -> list[m.Standard]:
    if in_refs:
        return [corpus.resolve(ref, as_of) for ref in in_refs]
    return [
        s
        for key in corpus.standard_keys()
        if key != target.standard.key and (s := corpus.in_force(key, as_of)) is not None
    ]


# --- resolving the query --------------------------------------------------------------------


def resolve_query(corpus, query: str, as_of: date | None = None) -> Resolution:
    query = query.strip()
    if not query:
        raise StdcompareError("empty query", "give a code word, grade code or name, e.g. Birch")
    if ":" in query:
        try:
            std, grade = corpus.resolve_grade(query, as_of)
            return Resolution(GradeRef(std, grade), "ref", 100.0)
        except RefError:
            pass  # not a REF:CODE after all; read it as a name
    everything = [(s, g) for s in corpus.standards for g in s.grades]
    by_code = [(s, g) for s, g in everything if g.code.lower() == query.lower()]
    if by_code:
        return _prefer(corpus, by_code, "code", 100.0, as_of, query)
    normaliser = Normaliser(corpus.vocabulary)
    wanted = normaliser.full(query)
    by_name = [
        (s, g)
        for s, g in everything
        if any(normaliser.full(n) == wanted for n in grade_names(g)[1:])
    ]
    if by_name:
        return _prefer(corpus, by_name, "name", 100.0, as_of, query)
    return _fuzzy(corpus, everything, normaliser, query, as_of)


def _fuzzy(corpus, everything, normaliser, query, as_of) -> Resolution:
    from rapidfuzz import fuzz, process

    choices, owners = [], []
    for s, g in everything:
        for name in grade_names(g):
            choices.append(normaliser.full(name))
            owners.append((s, g))
    wanted = normaliser.full(query)
    # Whole-string similarity first; WRatio (which also scores a query found inside a longer
    # name) a little below it, so "berr" finds Berry before "Berry/Candy".
    whole = process.cdist([wanted], choices, scorer=fuzz.ratio)[0]
    inner = process.cdist([wanted], choices, scorer=fuzz.WRatio)[0]
    scores = [max(float(w), 0.9 * float(i)) for w, i in zip(whole, inner, strict=True)]
    best = max(range(len(choices)), key=lambda k: (scores[k], -k), default=None)
    if best is None or scores[best] < FUZZY_CUTOFF:
        raise RefError(
            f"no grade matches '{query}'",
            "try a code word (Birch), a grade code (RCu-1A) or a name; 'stdcompare list' "
            "shows the standards",
        )
    top = scores[best]
    tied = [owners[k] for k in range(len(choices)) if scores[k] == top]
    return _prefer(corpus, tied, "fuzzy", round(top, 1), as_of, query)


def _prefer(
    corpus, found: list[tuple], how: str, similarity: float, as_of, query: str = ""
) -> Resolution:
    """Several grades answer the query: one that carries the query as written first (ISRI's
    own Chinese name 1号铜米 is Clove's), then for a Chinese query a Chinese standard's (1号铜线
    names a GB/T product before an ISRI one that translates alike), then the edition in force,
    then the latest."""
    in_force = {k: corpus.in_force(k, as_of) for k in {s.key for s, _ in found}}
    chinese = bool(_CJK.search(query))
    written = query.strip().casefold()

    def rank(item):
        std, grade = item
        current = in_force.get(std.key)
        return (
            written in {n.casefold() for n in grade_names(grade)},
            chinese and std.region == "CN",
            current is not None and current.ref == std.ref,
            std.effective or date.min,
        )

    unique = list({(s.ref, g.code): (s, g) for s, g in found}.values())
    unique.sort(key=rank, reverse=True)
    best, *rest = unique
    others = tuple(
        GradeRef(s, g) for s, g in rest if (s.key, g.code) != (best[0].key, best[1].code)
    )
    return Resolution(GradeRef(*best), how, similarity, others)


# --- asserted correspondences ---------------------------------------------------------------


def _with_assertions(corpus, target: GradeRef, pairs: list[Pair]) -> list[Pair]:
    """Correspondences a source or committee asserted, shown beside the computed matches."""
    asserted = []
    for item in corpus.correspondences:
        other = item.other_side(target)
        if other is None:
            continue
        std, grade = other
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
        asserted.append(
            replace(
                computed,
                provenance="asserted",
                asserted_verdict=Verdict(item.verdict),
                assertion=item.as_data(),
            )
        )
    return [*asserted, *pairs]
