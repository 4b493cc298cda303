"""The matcher: blocking, comparisons with named levels, an additive score, a verdict and a
direction — computed from the grades' own data, never from a table of answers.

    compare_standards(std_a, std_b, vocab)   every candidate pair of two standards, best first
    score_pairs(left, right, vocab)          any grades against any others (a lookup: one grade)
"""

from __future__ import annotations

import gc
from collections import Counter
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from typing import TYPE_CHECKING

from .. import model as m
from ..errors import StdcompareError
from ..gaps import direction, grade_gaps
from ..results import Comparison, Contribution, GradeRef, Pair, Verdict
from . import blocking, mixtures
from .assignment import flag_partners
from .levels import NameTable, name_level, pair_similarity
from .memo import RememberedLevels
from .names import Normaliser
from .profile import Profile, Profiler

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary


def compare_standards(
    std_a: m.Standard, std_b: m.Standard, vocab: Vocabulary, as_of: str = ""
) -> Comparison:
    """Grades against grades; a regulation's scopes are checked for conformity instead."""
    if std_a.kind.is_law or std_b.kind.is_law:
        from ..conformity import check_against

        if std_a.kind.is_law and std_b.kind.is_law:
            return Comparison(std_a, std_b, (), as_of, ("two regulations: nothing to match",))
        graded, rules = (std_a, std_b) if std_b.kind.is_law else (std_b, std_a)
        found = tuple(c for g in graded.grades for c in check_against(vocab, graded, g, [rules]))
        return Comparison(std_a, std_b, (), as_of, conformity=found)
    pairs = score_pairs(
        [(std_a, g) for g in std_a.grades], [(std_b, g) for g in std_b.grades], vocab
    )
    return Comparison(std_a, std_b, tuple(flag_partners(pairs)), as_of)


# Above this many pairs, name similarity is scored as one matrix (rapidfuzz cdist, numpy);
# below it, pair by pair. Both give the same numbers.
MATRIX_FROM = 5000
# The most grade pairs one comparison scores (pairs that blocking lets through). Every one is
# kept, and `compare --format json/csv` writes each with its gaps (about 7 kB of JSON a pair):
# the largest comparison of the corpus is 2 718 pairs (ISRI with itself), a whole ISRI circular
# with itself some 30 000; a 5 000-grade file against ISRI's copper grades was 165 000, two
# minutes and 11 GB. Past the limit a comparison is refused before anything is scored.
MAX_PAIRS = 50_000


def score_pairs(
    left: list[tuple], right: list[tuple], vocab: Vocabulary, skip=None, top_k: int | None = None
) -> list[Pair]:
    """Every pair (left × right) that survives blocking, scored and sorted best first.

    `skip(a, b)` may veto a pair (a grade is never its own match). With `top_k`, only the
    top_k right grades by name of each left grade are scored (for large comparisons)."""
    large = top_k is not None or len(left) * len(right) > MATRIX_FROM
    more_l, more_r = mixtures.parts_of(left), mixtures.parts_of(right)
    with _gc_paused() if large else nullcontext():
        pairs = _score_pairs([*left, *more_l], [*right, *more_r], vocab, skip, top_k)
    if not (more_l or more_r or _mixed(left) or _mixed(right)):
        return pairs
    return _sorted(mixtures.as_mixtures(pairs, left, right))


def _mixed(items: list[tuple]) -> bool:
    return any(g.mixture_of for _, g in items)


def _sorted(pairs: list[Pair]) -> list[Pair]:
    """Best first, as _pairs sorts them."""
    return sorted(pairs, key=lambda p: (-p.score, p.a.ref, p.a.grade.code, p.b.ref, p.b.grade.code))


@contextmanager
def _gc_paused():
    """A large comparison allocates a million small objects (profiles, contributions, pairs)
    that all stay alive and form no cycles; the cyclic collector would walk them again and again
    as they pile up (a third of the time at 20 000 × 20 000). Paused for the call only."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _score_pairs(
    left: list[tuple], right: list[tuple], vocab: Vocabulary, skip, top_k
) -> list[Pair]:
    if top_k is None:
        within_limit(left, right, vocab)
    normaliser = Normaliser.of(vocab)
    profile = Profiler(vocab, normaliser)
    prof_l = [profile(std, g) for std, g in left]
    prof_r = [profile(std, g) for std, g in right]
    shared = profile.shared_names([std for std, _ in [*left, *right]])
    if top_k is None:
        chosen = ((i, j) for i in range(len(left)) for j in range(len(right)))
    else:
        from .candidates import candidate_pairs

        ii, jj = candidate_pairs(vocab, prof_l, prof_r, top_k)
        chosen = zip(ii.tolist(), jj.tolist(), strict=True)
    kept = _unblocked(chosen, prof_l, prof_r, vocab, skip)
    settings = vocab.matching["name"]
    if top_k is not None:
        names = _bulk_name_levels(prof_l, prof_r, kept, shared, settings)
    elif len(left) * len(right) > MATRIX_FROM:
        table = NameTable(normaliser, left, right, shared)
        names = [table.level(i, j, settings) for i, j, _ in kept]
    else:  # a lookup: a few hundred pairs, not worth numpy's start-up
        level = _lazy_levels(prof_l, prof_r, shared)
        names = [level(i, j, settings) for i, j, _ in kept]
    return _pairs(prof_l, prof_r, kept, names, vocab)


def check_size(std_a: m.Standard, std_b: m.Standard, vocab: Vocabulary) -> None:
    """Refuse, before any work, a comparison of two standards past MAX_PAIRS (what
    compare_standards would refuse); a regulation is checked grade by grade, never paired.
    The corpus report asks this of every pair of standards before it compares the first."""
    if not (std_a.kind.is_law or std_b.kind.is_law):
        within_limit([(std_a, g) for g in std_a.grades], [(std_b, g) for g in std_b.grades], vocab)


def within_limit(left: list[tuple], right: list[tuple], vocab: Vocabulary) -> None:
    """Refuse a comparison of more than MAX_PAIRS candidate pairs, counted from the grades'
    families (a few distinct ones) without a profile or a pair made."""
    if len(left) * len(right) <= MAX_PAIRS:
        return
    lines: dict[tuple, frozenset] = {}

    def lines_of(side: list[tuple]) -> Counter:
        for _, grade in side:
            if grade.families not in lines:
                lines[grade.families] = frozenset(blocking.lineage(vocab, grade.families))
        return Counter(lines[grade.families] for _, grade in side)

    lines_l, lines_r = lines_of(left), lines_of(right)
    pairs = sum(
        n_a * n_b
        for line_a, n_a in lines_l.items()
        for line_b, n_b in lines_r.items()
        if blocking.rule_of(vocab, line_a, line_b) is not None
    )
    if pairs > MAX_PAIRS:
        raise StdcompareError(
            f"a comparison of {_side(left)} × {_side(right)} grades means {pairs:,} "
            f"candidate pairs, over the limit of {MAX_PAIRS:,}",
            "compare one family at a time (stdcompare compare A B --family copper), or split "
            "the standard; stdcompare docs matching gives the limit",
        )


def _side(side: list[tuple]) -> str:
    refs = list(dict.fromkeys(std.ref for std, _ in side))
    return f"{len(side):,} ({refs[0] if len(refs) == 1 else f'{len(refs)} standards'})"


def _pairs(
    prof_l: list[Profile], prof_r: list[Profile], kept, names, vocab: Vocabulary
) -> list[Pair]:
    """The kept pairs scored and sorted best first. A grade's reference and sort fields are
    made once, not once per pair it is in; the verdict's judge is one function for all."""
    refs_l, keys_l = _refs(prof_l)
    refs_r, keys_r = _refs(prof_r)
    levels = RememberedLevels(vocab.matching)
    thresholds = vocab.matching["thresholds"]

    def judge(value, way):
        return verdict(value, way, thresholds)

    pairs, keys = [], []
    for (i, j, rule), name in zip(kept, names, strict=True):
        a, b = prof_l[i], prof_r[j]
        contributions = (_said_translated(name, a, b), *levels(a, b))
        score = round(min(1.0, max(0.0, sum([c.weight for c in contributions]))), 3)
        pairs.append(
            Pair(refs_l[i], refs_r[j], score, contributions, rule, _analysis(a, b, vocab), judge)
        )
        keys.append((-score, *keys_l[i], *keys_r[j]))
    # Sorting positions by key, stably, gives the order sorting the pairs by that key would.
    return [pairs[k] for k in sorted(range(len(pairs)), key=keys.__getitem__)]


def _said_translated(name: Contribution, a: Profile, b: Profile) -> Contribution:
    """An exact name that one side holds only in someone's translation (Davis Index's English
    for GB/T 38471's products) says so in the why: the match rests on that rendering."""
    if name.level not in ("exact", "exact_shared") or name.detail not in (
        a.translated | b.translated
    ):
        return name
    return replace(name, detail=f"{name.detail} (a translated name, not the standard's own)")


def _refs(profiles: list[Profile]) -> tuple[list[GradeRef], list[tuple[str, str]]]:
    refs = [GradeRef(p.std, p.grade) for p in profiles]
    return refs, [(r.ref, r.grade.code) for r in refs]


def _analysis(a: Profile, b: Profile, vocab: Vocabulary):
    """Gaps and direction of a pair, worked out when first asked for."""

    def analyse():
        gaps = grade_gaps(a.std, a.grade, b.std, b.grade, vocab)
        return gaps, direction(gaps)

    return analyse


def _unblocked(
    chosen, prof_l: list[Profile], prof_r: list[Profile], vocab: Vocabulary, skip
) -> list:
    """(i, j, blocking rule) of the chosen pairs that blocking and `skip` let through."""
    kept = []
    rules: dict[tuple, str | None] = {}  # grades of a few families: the rule repeats
    for i, j in chosen:
        a, b = prof_l[i], prof_r[j]
        if skip is not None and skip(GradeRef(a.std, a.grade), GradeRef(b.std, b.grade)):
            continue
        families = (a.lineage, b.lineage)
        if families not in rules:
            rules[families] = blocking.rule_of(vocab, a.lineage, b.lineage)
        if rules[families] is not None:
            kept.append((i, j, rules[families]))
    return kept


def _lazy_levels(prof_l: list[Profile], prof_r: list[Profile], shared: frozenset[str]):
    """Name levels computed pair by pair, for the few pairs of a lookup."""

    def level(i: int, j: int, settings: dict):
        a, b = prof_l[i], prof_r[j]
        return name_level(a.full & b.full, shared, pair_similarity(a, b), settings)

    return level


def _bulk_name_levels(
    prof_l: list[Profile], prof_r: list[Profile], kept, shared: frozenset[str], settings: dict
) -> list:
    """The same levels as _lazy_levels, for the many candidates of a large comparison: the
    similarities in one batch (bulk.py); without a name in common, the level depends on the
    similarity alone, and the few distinct similarities share one Contribution each."""
    from .bulk import name_similarities

    scores = name_similarities(prof_l, prof_r, [(i, j) for i, j, _ in kept])
    by_score: dict[float, Contribution] = {}
    levels = []
    for (i, j, _), score in zip(kept, scores, strict=True):
        common = prof_l[i].full & prof_r[j].full
        if common:
            levels.append(name_level(common, shared, score, settings))
            continue
        found = by_score.get(score)
        if found is None:
            found = by_score[score] = name_level(common, shared, score, settings)
        levels.append(found)
    return levels


def verdict(score: float, way, thresholds: dict) -> Verdict:
    """From documented thresholds; "equivalent" also needs containment both ways.

    `way` is the Direction, or a callable giving it (worked out only when the score is high
    enough for it to matter)."""
    if score >= thresholds["equivalent"] and (way() if callable(way) else way).both_ways:
        return Verdict.EQUIVALENT
    if score >= thresholds["comparable"]:
        return Verdict.COMPARABLE
    if score >= thresholds["related"]:
        return Verdict.RELATED
    return Verdict.NONE


__all__ = ["check_size", "compare_standards", "score_pairs", "verdict", "Contribution"]
