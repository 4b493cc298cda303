"""Issue 5 (matching quality): the levels that decide the labelled pairs, each shown on the data
it reads, and the evaluation figures pinned so that CI fails if any of them drops."""

from dataclasses import replace
from decimal import Decimal as D

import pytest

from stdcompare import model as m
from stdcompare.corpus import Corpus
from stdcompare.evaluation import evaluate, read_labels
from stdcompare.match import score_pairs
from stdcompare.match.names import Normaliser

from ..conftest import REPO

LABELS = REPO / "tests" / "labels"

# What the matcher reaches on each labelled set (tests/labels/README.md explains the misses).
# Raise a floor when the matcher improves; never lower one to let a change through.
FIGURES = {
    # set: (precision, recall floor, true negatives)
    # Copper and aluminium lost one positive each (0.75 → 0.625, 3/7 → 2/7) when the one-to-one
    # bonus stopped moving scores (issue 14: one score per pair in every command); the weights
    # measured from the data are to win them back honestly, not a bonus for being chosen.
    "copper": (1.0, 0.625, 14),
    # Steel went from (1.0, 0.5, 5) to (1.0, 0.2, 4) with the data, not the matcher (issue 15):
    # E40 no longer holds the code-less '> 0.9 t/m3' of a recycler's shredded-scrap row, and
    # 210 / 211 hold the one 50-70 lb/ft3 range the sources give, so 211 ~ E40 is missed and
    # 210 ~ E40, which rested on that split, is relabelled equivalent (tests/labels/README.md).
    "steel": (1.0, 0.2, 4),
    "aluminium": (1.0, 2 / 7, 10),
    # No positive of these two sets is found yet: the grades they hold are titles or codes
    # without forms or limits that could tell them apart (tests/labels/README.md). Their
    # negatives still guard precision: any link the matcher makes there is a false one.
    "brass": (1.0, 0.0, 12),
    # Japan's standard against EFR and ISRI (tests/labels/README.md): HS ~ 200 found.
    "japan": (1.0, 1 / 3, 7),
    "steel_gbt39733": (1.0, 0.0, 16),
}


@pytest.fixture(scope="module")
def corpus():
    return Corpus.discover()


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_labelled_sets_keep_their_figures(corpus, name):
    precision, recall, tn = FIGURES[name]
    tally = evaluate(corpus, read_labels(LABELS / f"{name}.csv"))["all"]
    assert tally.precision == precision, tally.wrong
    assert tally.recall >= recall, tally.missed
    assert tally.tn == tn


def _levels(corpus, a_ref, a_code, b_ref, b_code):
    std_a, std_b = corpus.resolve(a_ref), corpus.resolve(b_ref)
    pair = score_pairs(
        [(std_a, std_a.grade(a_code))], [(std_b, std_b.grade(b_code))], corpus.vocabulary
    )[0]
    return pair, {c.name: c for c in pair.contributions}


def test_wire_and_cable_share_wire_only(corpus):
    """Berry is 'clean wire and cable'; RCu-1B is wire: they share wire, and no standard held
    says a cable is a wire, so the forms overlap rather than agree (issue 14: honest inputs)."""
    _, levels = _levels(corpus, "isri-circular@2022", "Berry", "gbt-38471@2019", "RCu-1B")
    assert levels["forms"].level == "overlap"
    # insulated wire is not folded into wire: Druid stays a different form
    _, druid = _levels(corpus, "isri-circular@2022", "Druid", "gbt-38471@2019", "RCu-1B")
    assert druid["forms"].level == "same_class"


def test_brass_is_copper_zinc_alloy_in_every_language(corpus):
    """EN 12861 names its brass grades copper-zinc alloys (Kupfer-Zink-Legierungen)."""
    from stdcompare.match.names import Normaliser

    n = Normaliser(corpus.vocabulary)
    assert n.full("Copper-zinc alloys, Cu max. 65 %").startswith("brass")
    assert n.full("Kupfer-Zink-Legierungen") == n.full("Messing") == n.full("黄铜") == "brass"


def test_minima_far_apart_are_no_sign_of_kinship(corpus):
    """Drink (a brass, Cu ≥ 61.3 %) nests around every copper grade; that says nothing."""
    _, far = _levels(corpus, "isri-circular@2022", "Drink", "gbt-38471@2019", "RCu-2A")
    assert far["content"].level == "distant" and far["content"].weight == 0
    _, near = _levels(corpus, "isri-circular@2022", "Dream", "gbt-38471@2019", "RCu-2C")
    assert near["content"].level == "nested" and near["content"].weight > 0  # 88 vs 96


def test_dimension_vectors_count_as_shared_limits(corpus):
    """ISRI 200 (60 × 24 in) and EFR E3 (1.5 × 0.5 × 0.5 m) both limit the charging-box size."""
    _, levels = _levels(corpus, "isri-circular@2022", "200", "efr-steel@2007", "E3")
    assert "dimension.max agree" in levels["shared_limits"].detail
    assert "thickness same (defining measure" in levels["shared_limits"].detail


def test_dimension_vectors_against_one_maximum(corpus):
    isri, efr = corpus.resolve("isri-circular@2022"), corpus.resolve("efr-steel@2007")
    box = isri.grade("200")
    one_max = replace(
        box,
        requirements=tuple(
            replace(r, dims=(), hi=D("1500"), unit="mm", si=None)
            if r.prop == "dimension.max"
            else r
            for r in box.requirements
        ),
    )
    pair = score_pairs([(isri, one_max)], [(efr, efr.grade("E3"))], corpus.vocabulary)[0]
    detail = {c.name: c for c in pair.contributions}["shared_limits"].detail
    assert "dimension.max agree" in detail


def test_synonyms_are_vocabulary_data(corpus):
    """EFR's 'old thick steel scrap' reads as 'old heavy'; 'thin' as 'light'."""
    normaliser = Normaliser(corpus.vocabulary)
    assert normaliser.full("Old thick steel scrap") == "old heavy steel scrap"
    assert normaliser.full("new production thin steel scrap") == normaliser.full(
        "new production light steel scrap"
    )
    assert normaliser.full("No. 1 bundles") == "no1 bales"
    synonyms = corpus.vocabulary.matching["name"]["synonyms"]
    assert synonyms["thick"] == "heavy"


def test_the_wire_link_follows_the_forms_not_a_table(corpus):
    """Give RCu-1B nodules instead of wire: Berry (wire and cable) no longer shares a form."""
    isri, gbt = corpus.resolve("isri-circular@2022"), corpus.resolve("gbt-38471@2019")
    berry, rcu = isri.grade("Berry"), gbt.grade("RCu-1B")
    nodules = replace(rcu, forms=("nodules",))
    before = score_pairs([(isri, berry)], [(gbt, rcu)], corpus.vocabulary)[0]
    after = score_pairs([(isri, berry)], [(gbt, nodules)], corpus.vocabulary)[0]
    assert {c.name: c.level for c in after.contributions}["forms"] == "disjoint"
    forms = corpus.vocabulary.matching["forms"]
    assert after.score == round(before.score - forms["overlap"] + forms["disjoint"], 3)


def test_grade_without_forms_is_unspecified(corpus):
    isri, gbt = corpus.resolve("isri-circular@2022"), corpus.resolve("gbt-38471@2019")
    bare = m.Grade("X", families=("copper",), names={"en": m.Name("No. 1 copper wire")})
    pair = score_pairs([(isri, bare)], [(gbt, gbt.grade("RCu-1B"))], corpus.vocabulary)[0]
    assert {c.name: c.level for c in pair.contributions}["forms"] == "unspecified"


def test_grades_told_apart_by_nothing_held_tie(corpus):
    """GB/T 39733's shredded grades SRS401-403 differ only in Table 2, which is not transcribed:
    against EFR's one shredded grade they score alike, so the data cannot prefer one of them."""
    scores = {
        code: _levels(corpus, "gbt-39733@2020", code, "efr-steel@2007", "E40")[0].score
        for code in ("SRS401", "SRS402", "SRS403")
    }
    assert len(set(scores.values())) == 1, scores
    _, levels = _levels(corpus, "gbt-39733@2020", "SRS401", "efr-steel@2007", "E40")
    assert levels["forms"].level == "same"


def test_a_match_resting_on_a_translated_name_says_so(corpus):
    """GB/T 38471's English product names are Davis Index's rendering (kind translation): an
    exact name match on one says, in the why, that it rests on a translation."""
    pair, levels = _levels(corpus, "isri-circular@2022", "Barley", "gbt-38471@2019", "RCu-1B")
    assert levels["name"].level in ("exact", "exact_shared")
    assert levels["name"].detail.endswith("(a translated name, not the standard's own)")
    # the score is the same: the note is in the why, not in the weight
    weights = corpus.vocabulary.matching["name"]
    assert levels["name"].weight == weights[levels["name"].level]
    # two names of the standards' own words say nothing of the kind
    _, own = _levels(corpus, "isri-circular@2022", "Barley", "isri-circular@2017", "Barley")
    assert "translated" not in own["name"].detail
