import pytest

from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")


@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("No. 1 copper wire", "no1 copper wire"),
        ("#2 copper wire", "no2 copper wire"),
        ("1号铜线", "no1铜线"),
        ("Nr.3 Kupfer", "no3 Kupfer"),
        ("No 16 gauge", "no16 gauge"),
        ("Know 3", "Know 3"),
        ("6063 extrusions", "6063 extrusions"),
    ],
)
def test_rank_markers_normalise_to_one_form(text, normal):
    assert VOCAB.normalise_rank(text) == normal


def test_pattern_properties_take_their_names_from_tables():
    cu = VOCAB.property("content.Cu")
    assert (cu.en, cu.zh, cu.quantity) == ("content of copper", "铜含量", "mass_fraction")
    assert VOCAB.property("free_of.iron").en == "free of iron"
    assert VOCAB.property("content.Xx") is None
    assert VOCAB.property("free_of.unicorns") is None
    assert VOCAB.property("metal_recovery").decisive


def test_unit_spellings():
    assert VOCAB.unit_key("％") == "%"
    assert VOCAB.unit_key("Inches") == "in"
    assert VOCAB.unit_key("lb/ft³") == "lb/ft3"
    assert VOCAB.unit_key("B&S") == "AWG"
    assert VOCAB.unit_key("furlong") is None


def test_family_tree():
    assert VOCAB.family_ancestors("brass") == ["brass", "copper_alloy", "nonferrous", "metal"]
    for key, family in VOCAB.families.items():
        assert family.get("parent") in (None, *VOCAB.families), key
        for other in family.get("compatible", []):
            assert other in VOCAB.families, (key, other)


def test_every_vocabulary_entry_has_english_and_chinese():
    assert all(len(t) > 5 for t in (VOCAB.elements, VOCAB.families, VOCAB.forms))
    for table in (VOCAB.elements, VOCAB.families, VOCAB.forms):
        for key, entry in table.items():
            assert entry.get("en") and entry.get("zh"), key
    for key, entry in VOCAB.contaminants.items():
        assert entry.get("en"), key


def test_names_fold_spelling_and_plurals():
    from stdcompare.match.names import Normaliser

    n = Normaliser(VOCAB)
    assert n.full("Aluminum cans") == "aluminium cans"
    assert n.stripped("Used aluminum beverage cans") == n.stripped("used beverage can")
    assert n.stripped("brass") == "brass"  # not a plural
