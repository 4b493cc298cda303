"""One computation for a pair of grades: `lookup` and `compare` give every pair of the corpus
the same score, verdict and best-partner flag, and rank a grade's matches in the same order."""

from __future__ import annotations

import pytest

from stdcompare import model as m
from stdcompare.corpus import Corpus
from stdcompare.counterparts import lookup
from stdcompare.match import compare_standards


@pytest.fixture(scope="module")
def corpus():
    return Corpus.discover()


def _graded_in_force(corpus) -> list[m.Standard]:
    found = [corpus.in_force(key) for key in corpus.standard_keys()]
    return [s for s in found if s is not None and s.kind is not m.Kind.REGULATION]


def _row(pair) -> tuple:
    return (pair.b.ref, pair.b.grade.code, pair.score, pair.verdict, pair.best_partner)


def test_lookup_ranks_every_grade_as_compare_does(corpus):
    """Every grade of every standard in force, looked up against the others in force, against
    the comparison of its standard with each of them."""
    standards = _graded_in_force(corpus)
    compared = {
        (a.ref, b.ref): compare_standards(a, b, corpus.vocabulary)
        for a in standards
        for b in standards
        if a.key != b.key
    }
    checked = 0
    for std in standards:
        for grade in std.grades:
            found = lookup(corpus, f'{std.ref}:"{grade.code}"', computed_only=True)
            for other in standards:
                if other.key == std.key:
                    continue
                mine = [_row(p) for p in found.matches if p.b.ref == other.ref]
                theirs = [
                    _row(p)
                    for p in compared[(std.ref, other.ref)].pairs
                    if p.a.grade.code == grade.code
                ]
                assert mine == theirs, (grade.code, other.ref)
                checked += len(mine)
    assert checked > 1000  # the loop compared real pairs, not empty lists


def test_in_named_twice_is_named_once(corpus):
    once = lookup(corpus, "Birch", ["gbt-38471@2019"], computed_only=True)
    twice = lookup(corpus, "Birch", ["gbt-38471@2019", "gbt-38471@2019"], computed_only=True)
    assert [_row(p) for p in twice.matches] == [_row(p) for p in once.matches]
    assert once.matches


def test_a_combination_grade_gets_the_matches_its_parts_get(corpus):
    """Berry/Candy is a lot of Berry wire and Candy heavy copper: against each GB/T grade it
    scores as its better part does, and says which part it was read as."""
    isri, gbt = corpus.resolve("isri-circular@2022"), corpus.resolve("gbt-38471@2019")
    cmp = compare_standards(isri, gbt, corpus.vocabulary)
    by_pair = {(p.a.grade.code, p.b.grade.code): p for p in cmp.pairs}
    mixtures = [g for g in isri.grades if g.mixture_of]
    assert mixtures  # Berry/Candy and Birch/Cliff
    for grade in mixtures:
        for other in gbt.grades:
            parts = [by_pair.get((part, other.code)) for part in grade.mixture_of]
            parts = [p for p in parts if p is not None]
            mine = by_pair.get((grade.code, other.code))
            if not parts:
                assert mine is None
                continue
            best = max(parts, key=lambda p: p.score)
            assert mine.score == best.score and not mine.best_partner
            (level,) = [c for c in mine.contributions if c.name == "mixture"]
            assert level.weight == 0 and any(
                f"read as {p}" in level.detail for p in grade.mixture_of
            )
    found = lookup(corpus, 'isri-circular@2022:"Berry/Candy"', ["gbt-38471@2019"])
    assert found.matches[0].b.grade.code == "RCu-1B"
