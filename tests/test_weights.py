"""What the corpus says the matcher's weights should be (issue 14, part 3, first step): u from
every candidate pair, m by EM or from the definition-based labels, log2(m/u) per level. A
measurement beside the hand weights; no score uses it yet."""

from __future__ import annotations

import json
import math

import pytest

from stdcompare import weights
from stdcompare.corpus import Corpus
from stdcompare.evaluation import labelled_pairs, read_labels

from .conftest import REPO

LABELS = REPO / "tests" / "labels"


@pytest.fixture(scope="module")
def corpus():
    return Corpus.discover()


@pytest.fixture(scope="module")
def pairs(corpus):
    return weights.candidate_pairs(corpus)


def _by_level(found) -> dict[tuple[str, str], weights.LevelFigures]:
    return {(f.comparison, f.level): f for f in found.levels}


def _shares_add_up(found) -> None:
    for name in {f.comparison for f in found.levels}:
        mine = [f for f in found.levels if f.comparison == name]
        assert math.isclose(sum(f.u for f in mine), 1.0)
        assert math.isclose(sum(f.m for f in mine), 1.0)
        assert all(math.isfinite(f.bits) and f.u > 0 and f.m > 0 for f in mine)


def test_em_over_the_candidate_pairs(pairs):
    found = weights.estimate(pairs)
    assert found.pairs == len(pairs) > 1000
    assert 0 < found.prior < 0.5 and 1 < found.iterations <= weights.ITERATIONS
    _shares_add_up(found)
    assert sum(f.pairs for f in found.levels if f.comparison == "name") == len(pairs)
    assert weights.estimate(pairs) == found  # deterministic: the same figures every run


def test_m_from_the_definition_based_labels(corpus, pairs):
    rows = [
        row
        for name in ("copper", "steel", "aluminium")
        for row in read_labels(LABELS / f"{name}.csv")
    ]
    positives = labelled_pairs(corpus, rows, "equivalent")
    assert len(positives) == sum(row["label"] == "equivalent" for row in rows)
    found = _by_level(weights.fit(pairs, positives))
    # where the labels and the hand weights agree in sign: the same forms, a shared name
    assert found[("forms", "same")].bits > 0 > found[("forms", "disjoint")].bits
    assert found[("name", "fuzzy_high")].bits > 0 > found[("name", "different")].bits


def test_the_command_prints_the_figures(run):
    code, out, _ = run("evaluate", "--weights", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["pairs"] > 1000 and data["iterations"] > 1
    assert {"comparison", "level", "u", "m", "bits", "hand"} <= set(data["levels"][0])
    code, _, err = run("evaluate")
    assert code == 2 and "--weights" in err


def test_a_level_no_positive_shows_never_counts_for_a_match(corpus, pairs):
    """m is shrunk towards u: a level that none of the positives shows ends at or below 0 bits
    (never the +1.8 bits raw smoothing gave 'content disjoint' from a handful of positives)."""
    rows = read_labels(LABELS / "copper.csv")
    positives = labelled_pairs(corpus, rows, "equivalent")
    found = weights.fit(pairs, positives)
    seen = {(c.name, c.level) for p in positives for c in p.contributions}
    unseen = [f for f in found.levels if (f.comparison, f.level) not in seen]
    assert unseen and all(f.bits <= 0 for f in unseen)
    assert all(f.bits > 0 for f in found.levels if (f.comparison, f.level) == ("name", "exact"))
