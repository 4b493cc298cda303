from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stdcompare.errors import StdcompareError
from stdcompare.quantities import Interval, parse_bound, parse_number, to_canonical
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")


@pytest.mark.parametrize(
    ("text", "interval", "unit"),
    [
        ("不大于 0.5", Interval(hi=D("0.5")), None),
        ("不小于93.0 %", Interval(lo=D("93.0")), "%"),
        ("min. 94%", Interval(lo=D("94")), "%"),
        ("≤ 2 %", Interval(hi=D("2")), "%"),
        ("< 2 %", Interval(hi=D("2"), hi_inclusive=False), "%"),
        ("not more than 3 percent", Interval(hi=D("3")), "%"),
        ("less than 0.2%", Interval(hi=D("0.2"), hi_inclusive=False), "%"),
        ("over 10%", Interval(lo=D("10"), lo_inclusive=False), "%"),
        ("≧９９，９％", Interval(lo=D("99.9")), "%"),
        ("56–75%", Interval(lo=D("56"), hi=D("75")), "%"),
        ("1/16 inch", Interval(lo=D("0.0625"), hi=D("0.0625")), "in"),
        ("1 / 4 inch", Interval(lo=D("0.25"), hi=D("0.25")), "in"),
        ("at least 75 lb/cu ft", Interval(lo=D("75")), "lb/ft3"),
        ("No. 16 B&S gauge", Interval(lo=D("16")), "AWG"),
    ],
)
def test_parse_bound_reads_printed_limits(text, interval, unit):
    bound = parse_bound(text, VOCAB.unit_key)
    assert bound.interval == interval
    assert bound.unit == unit


def test_parse_number_keeps_precision_and_refuses_words():
    assert str(parse_number("93.0 %")[0]) == "93.0"
    with pytest.raises(StdcompareError, match="no number"):
        parse_number("free of iron")


def test_units_convert_to_canonical():
    assert to_canonical(D("60"), VOCAB.units["in"]) == D("1524")
    assert to_canonical(D("1"), VOCAB.units["ft"]) == D("304.8")
    assert to_canonical(D("75"), VOCAB.units["lb/ft3"]) == D("1201.384725")
    # AWG 16 is 1.291 mm; a larger gauge number is a thinner wire.
    assert to_canonical(D("16"), VOCAB.units["AWG"]) == D("1.2908")
    assert to_canonical(D("36"), VOCAB.units["AWG"]) == D("0.1270")


decimals = st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False)


@st.composite
def intervals(draw):
    lo = draw(st.one_of(st.none(), decimals))
    hi = draw(st.one_of(st.none(), decimals))
    return Interval(lo, draw(st.booleans()), hi, draw(st.booleans()))


@given(intervals(), intervals())
def test_intersection_and_overlap_are_symmetric(a, b):
    assert a.overlaps(b) == b.overlaps(a)
    assert a.intersect(b).is_empty == b.intersect(a).is_empty


@given(intervals(), intervals(), decimals)
def test_intersection_contains_exactly_the_common_values(a, b, x):
    assert a.intersect(b).contains(x) == (a.contains(x) and b.contains(x))


@given(intervals(), intervals())
def test_nesting_implies_overlap(a, b):
    if a.within(b) and not a.is_empty:
        assert a.overlaps(b)


@given(intervals(), intervals(), decimals)
def test_within_means_every_value_is_allowed(a, b, x):
    if a.within(b) and a.contains(x):
        assert b.contains(x)


@given(decimals)
def test_inclusive_and_exclusive_bounds_differ_only_at_the_limit(x):
    le = Interval(hi=x)
    lt = Interval(hi=x, hi_inclusive=False)
    assert le.contains(x) and not lt.contains(x)
    assert lt.within(le) and not le.within(lt)


@given(st.decimals(min_value=0, max_value=100, places=2), st.sampled_from(["≤", "<", "≥", ">"]))
def test_printed_bounds_read_back(value, sign):
    bound = parse_bound(f"{sign} {value} %", VOCAB.unit_key)
    interval = bound.interval
    assert bound.unit == "%"
    if sign in "≤<":
        assert interval.hi == value and interval.hi_inclusive == (sign == "≤")
    else:
        assert interval.lo == value and interval.lo_inclusive == (sign == "≥")


@given(
    st.decimals(min_value=0, max_value=1000, places=2),
    st.decimals(min_value=0, max_value=1000, places=2),
)
def test_linear_conversion_keeps_order(a, b):
    inch = VOCAB.units["in"]
    assert (a <= b) == (to_canonical(a, inch) <= to_canonical(b, inch))


@given(st.integers(min_value=0, max_value=39), st.integers(min_value=0, max_value=39))
def test_wire_gauge_is_inverse(a, b):
    awg = VOCAB.units["AWG"]
    if a < b:
        assert to_canonical(D(a), awg) > to_canonical(D(b), awg)


@pytest.mark.parametrize("end", ["nan", "inf", "-inf", "snan"])
def test_an_interval_end_is_a_finite_number(end):
    """nan made `intersect` raise decimal.InvalidOperation deep in a comparison; an infinite
    limit is no limit. Both fail where the interval is made, as the project's error."""
    with pytest.raises(StdcompareError, match="is not a finite number") as info:
        Interval(lo=D(end))
    assert info.value.hint
    with pytest.raises(StdcompareError, match="is not a finite number"):
        Interval(hi=D(end), hi_inclusive=False)
    assert Interval(lo=D("0"), hi=D("100")).intersect(Interval(lo=D("93.0"))) == Interval(
        lo=D("93.0"), hi=D("100")
    )
