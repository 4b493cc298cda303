"""Leave one pair of standards out (issue 14, part 3): weights fitted on the other pairs'
labels, measured on the held-out pair, beside the matcher's own answers, per family."""

from __future__ import annotations

import json

import pytest

from stdcompare import crossval, weights
from stdcompare.corpus import Corpus
from stdcompare.evaluation import read_labels

from .conftest import REPO

LABELS = REPO / "tests" / "labels"


@pytest.fixture(scope="module")
def corpus():
    return Corpus.discover()


@pytest.fixture(scope="module")
def candidates(corpus):
    return weights.candidate_pairs(corpus)


def _rows(*names: str) -> list[dict]:
    return [row for name in names for row in read_labels(LABELS / f"{name}.csv")]


def test_a_fold_never_learns_from_its_own_labels(corpus, candidates):
    """With one pair of standards labelled, its fold has no positive to fit on: every level
    weighs the same for every grade, all tie, and the fitted side finds nothing; the
    matcher's side still finds what it finds with its own weights."""
    result = crossval.run(corpus, _rows("copper"), candidates)
    assert result.folds == 1
    assert result.fitted["copper"].tp == 0 and result.fitted["copper"].fp == 0
    assert result.matcher["copper"].tp == 5


def test_folds_are_pairs_of_standards_not_editions(corpus, candidates):
    rows = _rows("steel", "japan", "steel_gbt39733")
    result = crossval.run(corpus, rows, candidates)
    # isri-circular@2022 and the jp standard's undated edition: each fold names standards only
    assert all("@" not in a + b for a, b in result.thresholds)
    assert ("isri-circular", "efr-steel") in result.thresholds
    assert result.folds == len({(r["a_ref"].split("@")[0], r["b_ref"].split("@")[0]) for r in rows})
    positives = sum(row["label"] == "equivalent" for row in rows)
    steel = result.fitted["steel"]
    assert steel.tp + steel.fn == positives  # every positive counted once, in its own fold
    assert result.matcher["steel"].tp + result.matcher["steel"].fn == positives


def test_the_whole_labelled_set_measured_and_the_lacking_data_named(corpus, candidates):
    """The figures of docs/matching.md §6 (2026-12-07): neither way meets precision 0.95 with
    recall 0.8 on copper or steel; both keep precision 1.00, and the fitted weights, held to
    that precision on their training folds, find fewer links than the hand weights (0.07
    against 0.33): the matcher keeps its weights. What the missed pairs lack is named."""
    rows = [row for path in sorted(LABELS.glob("*.csv")) for row in read_labels(path)]
    result = crossval.run(corpus, rows, candidates)
    assert result.matcher["all"].precision == 1.0 and result.fitted["all"].precision >= 0.95
    assert result.matcher["all"].recall > result.fitted["all"].recall
    assert not any(crossval.meets(t) for f, t in result.fitted.items() if f in ("copper", "steel"))
    lacking = "\n".join(result.lacking["copper"])
    assert "Candy ~ gbt-38471@2019:RCu-2A: not held on one side or both: forms, content" in lacking
    assert "no name in common" in lacking
    assert "Barley" not in lacking  # the matcher finds Barley ~ RCu-1A: not a lack of data


def test_a_threshold_keeps_the_precision_asked_on_its_training_labels(corpus, candidates):
    items = crossval.labelled(corpus, _rows("copper", "aluminium"))
    bits = weights.fit(candidates, crossval._positives(items)).bits_of()
    threshold = crossval.best_threshold(items, bits)
    wrong = [i for i in items if not i.positive and crossval._fitted_links(i, bits, threshold)]
    found = [i for i in items if i.positive and crossval._fitted_links(i, bits, threshold)]
    assert found and len(wrong) <= 0.05 * (len(found) + len(wrong))


def test_the_command_prints_families_and_json(run):
    labels = [str(p) for p in sorted(LABELS.glob("*.csv"))]
    code, out, _ = run("evaluate", *labels, "--cross-validate")
    assert code == 0
    assert "matcher P / R" in out and "fitted P / R" in out
    assert "copper: positives both miss, and the data they lack" in out
    code, out, _ = run("evaluate", *labels[:2], "--cross-validate", "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["folds"] and "all" in data["families"]
    assert {"positives", "matcher", "fitted", "lacking"} == set(data["families"]["all"])
    code, _, err = run("evaluate", "--cross-validate")
    assert code == 2 and "labels" in err


def test_why_fitted_weights_cannot_keep_precision_on_copper(corpus, candidates):
    """Fitted on every positive, a rank in common (+3 bits) outweighs the difference between a
    name only Barley and RCu-1A share and one all of GB/T 38471's wire grades share: Barley's
    best becomes RCu-1B, a labelled negative, whatever the threshold. The hand weights rank
    RCu-1A first."""
    items = crossval.labelled(corpus, _rows("copper"))
    bits = weights.fit(candidates, crossval._positives(items)).bits_of()
    barley = next(i for i in items if i.name.endswith("Barley ~ gbt-38471@2019:RCu-1A"))
    by_evidence = max(barley.pairs, key=lambda p: crossval.evidence(p, bits))
    assert by_evidence.b.grade.code == "RCu-1B"
    assert barley.pairs[0].b.grade.code == "RCu-1A"
