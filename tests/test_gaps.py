"""Gap classification and the direction it implies."""

from decimal import Decimal as D

from hypothesis import given
from hypothesis import strategies as st

from stdcompare import model as m
from stdcompare.gaps import classify, direction, grade_gaps
from stdcompare.resources import data_dir
from stdcompare.results import GapKind, Relation
from stdcompare.vocabulary import load_vocabulary

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")
MIRROR = {
    GapKind.A_STRICTER: GapKind.B_STRICTER,
    GapKind.B_STRICTER: GapKind.A_STRICTER,
    GapKind.ONLY_A: GapKind.ONLY_B,
    GapKind.ONLY_B: GapKind.ONLY_A,
}


def req(prop="content.Cu", **kw):
    return m.Requirement(prop, unit=kw.pop("unit", "%"), **kw)


def std_with(*grades):
    return m.Standard("k", "1", "K 1", m.Kind.TRADE_SPECIFICATION, grades=grades)


def test_stricter_minimum_and_basis_caveat():
    a = req(lo=D("94"), basis="electrolytic assay")
    b = req(lo=D("99"))
    kind, caveats = classify(a, b, VOCAB)
    assert kind is GapKind.B_STRICTER
    assert caveats == ("basis differs: electrolytic assay vs unstated",)


def test_le_and_lt_are_not_the_same():
    kind, _ = classify(
        req("moisture", hi=D("2")), req("moisture", hi=D("2"), hi_inclusive=False), VOCAB
    )
    assert kind is GapKind.B_STRICTER


def test_disjoint_limits_conflict():
    kind, _ = classify(req(hi=D("60")), req(lo=D("61")), VOCAB)
    assert kind is GapKind.CONFLICT


def test_states_rank_forbidden_above_a_limit_above_none():
    free = req("free_of.iron", state=m.State.FORBIDDEN, unit=None)
    limit = req("free_of.iron", lo=None, hi=D("5"))
    none = req("free_of.iron", state=m.State.NONE, unit=None)
    assert classify(free, limit, VOCAB)[0] is GapKind.A_STRICTER
    assert classify(none, limit, VOCAB)[0] is GapKind.B_STRICTER
    assert classify(none, none, VOCAB)[0] is GapKind.SAME
    assert classify(req(state=m.State.UNKNOWN), limit, VOCAB)[0] is GapKind.UNKNOWN


def test_gauge_and_inches_compare_as_diameters():
    awg = m.Requirement("wire.diameter", lo=D("16"), unit="AWG", si=m.SIValue("mm", lo=D("1.2908")))
    inch = m.Requirement(
        "wire.diameter", lo=D("0.0625"), unit="in", si=m.SIValue("mm", lo=D("1.5875"))
    )
    assert classify(inch, awg, VOCAB)[0] is GapKind.A_STRICTER


bounds = st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=1))


@given(bounds, bounds, bounds, bounds, st.booleans(), st.booleans())
def test_classification_is_mirror_symmetric(lo_a, hi_a, lo_b, hi_b, inc_a, inc_b):
    if lo_a is None and hi_a is None or lo_b is None and hi_b is None:
        return
    if lo_a is not None and hi_a is not None and lo_a > hi_a:
        lo_a, hi_a = hi_a, lo_a
    if lo_b is not None and hi_b is not None and lo_b > hi_b:
        lo_b, hi_b = hi_b, lo_b
    a = req(lo=lo_a, hi=hi_a, hi_inclusive=inc_a)
    b = req(lo=lo_b, hi=hi_b, hi_inclusive=inc_b)
    ab, _ = classify(a, b, VOCAB)
    ba, _ = classify(b, a, VOCAB)
    assert ba is MIRROR.get(ab, ab)


def test_one_sided_gaps_say_whether_the_other_text_is_partial():
    a = m.Grade("A", text=m.TextCompleteness.FULL, requirements=(req(lo=D("94")),))
    b_full = m.Grade("B", text=m.TextCompleteness.FULL)
    b_part = m.Grade("B", text=m.TextCompleteness.PARTIAL)
    b_title = m.Grade("B", text=m.TextCompleteness.TITLE_ONLY)
    (gap,) = grade_gaps(std_with(a), a, std_with(b_full), b_full, VOCAB)
    assert (gap.kind, gap.partial, gap.caveats) == (GapKind.ONLY_A, False, ())
    (gap,) = grade_gaps(std_with(a), a, std_with(b_part), b_part, VOCAB)
    assert gap.kind is GapKind.ONLY_A and gap.partial
    (gap,) = grade_gaps(std_with(a), a, std_with(b_title), b_title, VOCAB)
    assert gap.kind is GapKind.UNKNOWN


def test_copper_content_against_recovery_is_incomparable():
    a = m.Grade("A", text=m.TextCompleteness.FULL, requirements=(req(lo=D("94")),))
    b = m.Grade(
        "B", text=m.TextCompleteness.FULL, requirements=(req("metal_recovery", lo=D("97")),)
    )
    (gap,) = grade_gaps(std_with(a), a, std_with(b), b, VOCAB)
    assert gap.kind is GapKind.INCOMPARABLE
    assert (gap.prop, gap.prop_b) == ("content.Cu", "metal_recovery")


def _direction(a_reqs, b_reqs, text=m.TextCompleteness.FULL):
    a = m.Grade("A", text=text, requirements=a_reqs)
    b = m.Grade("B", text=text, requirements=b_reqs)
    return direction(grade_gaps(std_with(a), a, std_with(b), b, VOCAB))


def test_direction_from_requirement_sets():
    narrow, wide = (req(lo=D("99")),), (req(lo=D("94")),)
    assert _direction(narrow, wide).relation is Relation.A_WITHIN_B
    assert _direction(wide, narrow).relation is Relation.B_WITHIN_A
    assert _direction(narrow, narrow).both_ways
    assert _direction((req(hi=D("50")),), (req(lo=D("60")),)).relation is Relation.DISJOINT
    crossed = _direction(
        (req(lo=D("99")), req("moisture", hi=D("5"))), (req(lo=D("94")), req("moisture", hi=D("2")))
    )
    assert crossed.relation is Relation.OVERLAP


def test_unknowns_on_decisive_requirements_leave_it_undetermined():
    way = _direction(
        (req(lo=D("99")),),
        (req(lo=D("99")), req("moisture", hi=D("2"))),
        text=m.TextCompleteness.PARTIAL,
    )
    assert way.relation is Relation.UNDETERMINED and way.unknown == ("moisture",)
    # a "free of" item held only in part is a caveat, not a blocker
    way = _direction(
        (req(lo=D("99")), req("free_of.iron", state=m.State.FORBIDDEN, unit=None)),
        (req(lo=D("99")),),
        text=m.TextCompleteness.PARTIAL,
    )
    assert way.both_ways


def _box(*dims, unit):
    return req("dimension.max", dims=tuple(D(str(d)) for d in dims), unit=unit)


def test_dimension_vectors_compare_in_one_unit():
    """36 × 18 in (914 × 457 mm) is smaller than 1.5 × 0.5 m: read without conversion, 36 and
    18 'exceed' 1.5 and 0.5 and the inch box looked the larger."""
    kind, _ = classify(_box(36, 18, unit="in"), _box(1.5, 0.5, unit="m"), VOCAB)
    assert kind is GapKind.A_STRICTER
    kind, _ = classify(_box(60, 24, unit="in"), _box(1.5, 0.5, unit="m"), VOCAB)
    assert kind is GapKind.B_STRICTER  # 1524 × 610 mm against 1500 × 500 mm
    kind, _ = classify(_box(1500, 500, unit="mm"), _box(1.5, 0.5, unit="m"), VOCAB)
    assert kind is GapKind.SAME


def test_dimension_vectors_largest_against_largest_and_open_dimensions():
    # the order printed does not matter: 18 × 36 in is the box 36 × 18 in
    kind, _ = classify(_box(18, 36, unit="in"), _box(36, 18, unit="in"), VOCAB)
    assert kind is GapKind.SAME
    # a third dimension only one side limits: the other is open there, so the limits cross
    kind, caveats = classify(_box(36, 18, unit="in"), _box(1.5, 0.5, 0.5, unit="m"), VOCAB)
    assert kind is GapKind.INCOMPARABLE and "dimension limits cross" in caveats
    # a unit that is no length cannot be compared with one that is
    kind, caveats = classify(_box(1, 1, unit="kg"), _box(1, 1, unit="m"), VOCAB)
    assert kind is GapKind.INCOMPARABLE


def test_a_range_with_a_hole_admits_less_than_the_same_range_without():
    whole = req("thickness", lo=D("1"), hi=D("6"), unit="mm")
    holed = req("thickness", lo=D("1"), hi=D("6"), unit="mm", exclude=(D("2"), D("3")))
    assert classify(holed, whole, VOCAB)[0] is GapKind.A_STRICTER
    assert classify(whole, holed, VOCAB)[0] is GapKind.B_STRICTER
    wider = req("thickness", lo=D("0.5"), hi=D("8"), unit="mm")
    kind, caveats = classify(holed, wider, VOCAB)
    assert kind is GapKind.A_STRICTER  # the bounds decide; the hole is said, not weighed
    assert "a range excluded inside the bounds is not weighed" in caveats
