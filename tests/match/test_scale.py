"""The large-comparison path (candidates, names in bulk, remembered levels) gives the results of
the plain one, pair for pair. Speed is measured in bench/, not here."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from stdcompare import model as m
from stdcompare.corpus import Corpus
from stdcompare.match import _unblocked, score_pairs
from stdcompare.match.memo import RememberedLevels, levels
from stdcompare.match.names import Normaliser
from stdcompare.match.profile import Profiler


@pytest.fixture(scope="module")
def corpus():
    return Corpus.discover()


@pytest.fixture(scope="module")
def every_grade(corpus):
    """Every grade of every edition in force (all editions would pass the pair limit that a
    comparison is held to, match.MAX_PAIRS, now that the corpus holds 160 ISRI grades)."""
    in_force = [corpus.in_force(key) for key in corpus.standard_keys()]
    return [(std, g) for std in in_force if std is not None for g in std.grades]


def _fields(pair):
    return (pair.a.ref, pair.a.grade.code, pair.b.ref, pair.b.grade.code, pair.score)


def test_top_k_over_every_grade_gives_every_pair_alike(corpus, every_grade):
    """With top_k as large as the other side, candidate selection keeps every pair blocking
    keeps, and the bulk name scores, remembered levels and sorting change nothing."""
    plain = score_pairs(every_grade, every_grade, corpus.vocabulary)
    large = score_pairs(every_grade, every_grade, corpus.vocabulary, top_k=len(every_grade))
    assert len(plain) > 1000
    assert [_fields(p) for p in large] == [_fields(p) for p in plain]
    assert [(p.contributions, p.blocking) for p in large] == [
        (p.contributions, p.blocking) for p in plain
    ]


def test_remembered_levels_are_the_levels(corpus, every_grade):
    vocab = corpus.vocabulary
    profile = Profiler(vocab, Normaliser(vocab))
    profiles = [profile(std, g) for std, g in every_grade]
    everything = ((i, j) for i in range(len(profiles)) for j in range(len(profiles)))
    remembered = RememberedLevels(vocab.matching)
    kept = list(_unblocked(everything, profiles, profiles, vocab, None))
    assert len(kept) > 1000  # every grade of the corpus against every other, blocking applied
    for i, j, _ in kept:
        a, b = profiles[i], profiles[j]
        assert remembered(a, b) == levels(a, b, vocab.matching), (a.grade.code, b.grade.code)


def test_remembered_limits_print_as_each_source_wrote_them(corpus):
    """99 and 99.0 are equal numbers: remembered by value, one would print as the other."""
    isri = corpus.resolve("isri-circular@2022")
    berry = isri.grade("Berry")

    def with_copper(code, low):
        reqs = [r for r in berry.requirements if r.prop != "content.Cu"]
        reqs.append(m.Requirement("content.Cu", lo=D(low), unit="%", evidence=("isri",)))
        return replace(berry, code=code, requirements=tuple(reqs))

    left = [(isri, with_copper("L1", "99")), (isri, with_copper("L2", "99.0"))]
    right = [(isri, with_copper("R1", "99"))]
    details = {
        p.a.grade.code: {c.name: c.detail for c in p.contributions}["content"]
        for p in score_pairs(left, right, corpus.vocabulary, top_k=1)
    }
    assert details == {"L1": "≥ 99 vs ≥ 99", "L2": "≥ 99.0 vs ≥ 99"}


def test_candidates_are_the_best_names_of_each_grade(corpus, every_grade):
    """The block's name matrix holds, for each pair, the best of first name against every name
    and every name against the first — scored one pair at a time — and each grade's candidates
    carry the top_k scores of its row. Grades of the corpus have one to several further names."""
    import numpy as np
    from rapidfuzz import fuzz

    from stdcompare.match.candidates import _block_scores, candidate_pairs, reachable

    vocab = corpus.vocabulary
    profile = Profiler(vocab, Normaliser(vocab))
    profiles = [profile(std, g) for std, g in every_grade]
    names = [p.stripped for p in profiles]
    assert max(len(n) for n in names) >= 4  # a code and at least three more names

    def score(a, b):
        pairs = [(a[0], y) for y in b] + [(x, b[0]) for x in a]
        # cdist's uint8 matrix rounds half up
        return max(int(fuzz.token_sort_ratio(x, y) + 0.5) for x, y in pairs)

    everyone = np.arange(len(names))
    matrix = _block_scores(names, names, list(everyone), everyone)
    assert matrix.tolist() == [[score(a, b) for b in names] for a in names]

    ii, jj = candidate_pairs(vocab, profiles, profiles, 3)
    chosen: dict[int, list[int]] = {}
    for i, j in zip(ii.tolist(), jj.tolist(), strict=True):
        chosen.setdefault(i, []).append(j)
    for i, a in enumerate(profiles):
        families = reachable(vocab, a.lineage)
        block = [j for j, b in enumerate(profiles) if b.lineage & families]
        best = sorted((int(matrix[i, j]) for j in block), reverse=True)[:3]
        assert sorted((int(matrix[i, j]) for j in chosen.get(i, [])), reverse=True) == best
