"""Invariants of the common schema."""

import pickle
from dataclasses import FrozenInstanceError, replace
from decimal import Decimal as D

import pytest

from stdcompare import model as m


def test_numbers_gathers_every_stated_number():
    req = m.Requirement(
        "content.Cu",
        lo=D("78"),
        nominal=D("80"),
        exclude=(D("78"), D("81")),
        classes=(D("10"), D("12")),
        dims=(D("60"), D("24")),
    )
    assert req.numbers == (D("78"), D("80"), D("78"), D("81"), D("10"), D("12"), D("60"), D("24"))
    assert req.is_numeric
    assert not m.Requirement("free_of.iron", state=m.State.FORBIDDEN).is_numeric


def test_the_six_states_are_distinct():
    assert len({s.value for s in m.State}) == 6
    assert m.State.SILENT is not m.State.NONE is not m.State.UNKNOWN


def test_objects_are_frozen():
    grade = m.Grade("A")
    with pytest.raises(FrozenInstanceError):
        grade.code = "B"  # type: ignore[misc]


def test_group_chain_and_silent_override():
    outer = m.Group("outer", requirements=(m.Requirement("moisture", lo=None, hi=D("2")),))
    inner = m.Group("inner", parent="outer", requirements=(m.Requirement("oil", hi=D("1")),))
    grade = m.Grade(
        "A", group="inner", requirements=(m.Requirement("moisture", state=m.State.SILENT),)
    )
    std = m.Standard(
        "k", "1", "K 1", m.Kind.TRADE_SPECIFICATION, groups=(outer, inner), grades=(grade,)
    )
    assert [g.id for g in std.group_chain(grade)] == ["outer", "inner"]
    # the grade's "silent" removes the inherited moisture limit; oil is inherited
    assert [r.prop for r in std.effective_requirements(grade)] == ["oil"]


def test_group_cycles_do_not_hang():
    a = m.Group("a", parent="b")
    b = m.Group("b", parent="a")
    std = m.Standard("k", "1", "K 1", m.Kind.TRADE_SPECIFICATION, groups=(a, b))
    assert [g.id for g in std.group_chain(m.Grade("x", group="a"))] == ["b", "a"]


def test_pickling_leaves_defaults_out_and_reads_them_back():
    """The parse cache pickles model objects without their default fields (half the bytes)."""
    import pickle

    req = m.Requirement("content.Cu", lo=D("99.0"), evidence=("S1",))
    state = req.__getstate__()
    assert set(state) == {"prop", "lo", "evidence"}
    back = pickle.loads(pickle.dumps(req))
    assert back == req
    assert back.state is m.State.STATED and back.hi is None and back.classes == ()
    assert replace(back, hi=D("100")).hi == D("100")
    grade = m.Grade("RCu-1A", names={"en": m.Name("bare bright")}, requirements=(req,))
    assert pickle.loads(pickle.dumps(grade)) == grade


def test_a_note_of_source_words_is_the_note_the_dataclass_makes():
    made = m.Note.source_words("Copper content ≥ 99 %", "Annex I, 1.2")
    plain = m.Note("Copper content ≥ 99 %", "Annex I, 1.2", verbatim=True)
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
    assert pickle.loads(pickle.dumps(made)) == plain
    with pytest.raises(FrozenInstanceError):
        made.text = "changed"


def test_the_lookup_index_is_no_part_of_pickle_or_equality():
    """Standard keeps its groups by id and grades by code after first use: a memo, which the
    parse cache must not store and two equal standards must not differ by."""
    grade = m.Grade("A", group="g", requirements=(m.Requirement("oil", hi=D("1")),))
    std = m.Standard(
        "k", "1", "K 1", m.Kind.TRADE_SPECIFICATION, groups=(m.Group("g"),), grades=(grade,)
    )
    fresh = replace(std)
    assert std.grade("A") is grade and [g.id for g in std.group_chain(grade)] == ["g"]
    assert "_index" in std.__dict__ and "_index" not in fresh.__dict__
    assert std == fresh and repr(std) == repr(fresh)
    assert "_index" not in std.__getstate__()
    back = pickle.loads(pickle.dumps(std))
    assert back == std and back.effective_requirements(back.grades[0]) == grade.requirements
