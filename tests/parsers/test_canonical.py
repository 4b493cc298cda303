from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

import pytest

from stdcompare import model as m
from stdcompare.errors import SourceError
from stdcompare.parsers import canonical
from stdcompare.parsers.canonical_write import dump
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

from ..conftest import FIXTURES, REPO

VOCAB = load_vocabulary(data_dir("standards") / "vocabulary")
WIRE_2018 = FIXTURES / "corpus" / "wire-spec-2018.toml"

HEADER = """format = 1
key = "t"
edition = "1"
designation = "T 1"
kind = "trade-specification"

[sources.s]
address = "https://example.invalid/t"
tier = "official"
"""


def load_text(tmp_path: Path, body: str) -> m.Standard:
    path = tmp_path / "t.toml"
    path.write_text(HEADER + body, encoding="utf-8")
    return canonical.load(path, VOCAB)


def error_of(tmp_path: Path, body: str) -> SourceError:
    with pytest.raises(SourceError) as info:
        load_text(tmp_path, body)
    return info.value


def test_reads_the_fixture_into_the_schema():
    std = canonical.load(WIRE_2018, VOCAB)
    assert std.ref == "test-wire@2018"
    assert std.kind is m.Kind.TRADE_SPECIFICATION
    w1 = std.grade("W-1")
    assert w1.names["zh"].kind is m.NameKind.TRANSLATION
    cu = w1.requirements[0]
    assert (cu.prop, cu.lo, cu.lo_inclusive, cu.basis) == (
        "content.Cu",
        D("99.0"),
        True,
        "electrolytic assay",
    )
    assert str(cu.lo) == "99.0"  # source precision kept
    incl = w1.requirements[2]
    assert incl.hi == D("0.5") and incl.hi_inclusive is False  # "<", not "≤"
    gauge = w1.requirements[1]
    assert gauge.si == m.SIValue("mm", lo=D("1.2908"))


def test_states_and_defaults():
    std = canonical.load(WIRE_2018, VOCAB)
    w2 = std.grade("W-2")
    states = {r.prop: r.state for r in w2.requirements}
    assert states == {
        "content.Cu": m.State.STATED,
        "moisture": m.State.UNKNOWN,
        "free_of.brass_bronze": m.State.FORBIDDEN,
    }
    assert w2.requirements[2].strength is m.Strength.SHOULD
    assert w2.requirements[0].uncertain == "one trade paper only"
    # evidence is inherited from the grade when the requirement cites none
    assert w2.requirements[1].evidence == ("doc",)


def test_effective_requirements_inherit_and_override():
    std = canonical.load(WIRE_2018, VOCAB)
    w1 = {r.prop: r for r in std.effective_requirements(std.grade("W-1"))}
    assert w1["inclusions"].hi == D("0.5")  # the grade's own limit overrides the group's 1.0
    assert "free_of.radioactive_material" in w1  # from the standard
    w2 = {r.prop: r for r in std.effective_requirements(std.grade("W-2"))}
    assert w2["inclusions"].hi == D("1.0")  # from the group


def test_round_trip_gives_the_same_standard(tmp_path):
    original = canonical.load(WIRE_2018, VOCAB)
    path = tmp_path / "draft.toml"
    path.write_text(dump(original), encoding="utf-8")
    again = canonical.load(path, VOCAB)
    assert replace(again, origin=None) == replace(original, origin=None)


CORPUS_FILES = sorted(
    p
    for p in (REPO / "standards").rglob("*.toml")
    if not {"vocabulary", "correspondences"} & set(p.parts)
    and "\namends = " not in p.read_text(encoding="utf-8")  # amendments: see test_corpus
)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_round_trip_of_every_corpus_file(tmp_path, path):
    parsed = canonical.read_file(path)
    original = canonical.build(parsed, VOCAB)
    draft = tmp_path / "draft.toml"
    draft.write_text(dump(original), encoding="utf-8")
    assert replace(canonical.load(draft, VOCAB), origin=None) == replace(original, origin=None)


def test_syntax_error_names_file_and_line(tmp_path):
    err = error_of(tmp_path, '\n[[grades]]\ncode = "A" "B"\nevidence = ["s"]\n')
    assert err.line == 12
    assert err.reason.startswith("TOML syntax")
    assert str(err).startswith(f"{tmp_path / 't.toml'}:12: TOML syntax")
    err = error_of(tmp_path, '\n[[grades]]\ncode = "A"\nevidence = ["s"\n')
    assert err.line == 13  # "at end of document": the last line


def test_unknown_property_names_line_and_key(tmp_path):
    err = error_of(
        tmp_path,
        """
[[grades]]
code = "A"
evidence = ["s"]

[[grades.requirements]]
prop = "content.Xx"
ge = 1
unit = "%"
""",
    )
    assert (err.line, err.key) == (16, "grades[0].requirements[0].prop")
    assert err.reason == "unknown property 'content.Xx'"
    assert "element symbol" in err.hint


def test_bound_without_evidence_is_an_error(tmp_path):
    err = error_of(
        tmp_path,
        """
[[grades]]
code = "A"

[[grades.requirements]]
prop = "moisture"
le = 2
unit = "%"
""",
    )
    assert err.reason == "'moisture' states a number without evidence"
    assert err.line == 14


def test_duplicate_code_is_an_error(tmp_path):
    err = error_of(
        tmp_path,
        """
[[grades]]
code = "A"

[[grades]]
code = "A"
""",
    )
    assert err.reason == "duplicate code 'A'"
    assert (err.line, err.key) == (15, "grades[1].code")


def test_bad_unit_and_wrong_quantity(tmp_path):
    err = error_of(
        tmp_path,
        """
[[grades]]
code = "A"
evidence = ["s"]

[[grades.requirements]]
prop = "moisture"
le = 2
unit = "furlongs"
""",
    )
    assert err.reason == "unknown unit 'furlongs'" and err.line == 18
    err = error_of(
        tmp_path,
        """
[[grades]]
code = "A"
evidence = ["s"]

[[grades.requirements]]
prop = "moisture"
le = 2
unit = "mm"
""",
    )
    assert err.reason == "unit 'mm' measures length, but 'moisture' is a mass_fraction"


def test_unknown_key_suggests_the_right_one(tmp_path):
    err = error_of(tmp_path, '\n[[grades]]\ncode = "A"\nfamilies = ["copper"]\nalias = []\n')
    assert err.reason == "unknown key 'alias'" and err.hint == "did you mean 'aliases'?"
    assert err.line == 14


def test_undeclared_evidence_and_inclusive_conflict(tmp_path):
    err = error_of(tmp_path, '\n[[grades]]\ncode = "A"\nevidence = ["S"]\n')
    assert err.reason == "evidence 'S' is not declared" and err.hint == "did you mean 's'?"
    err = error_of(
        tmp_path,
        """
[[grades]]
code = "A"
evidence = ["s"]

[[grades.requirements]]
prop = "moisture"
le = 2
lt = 2
unit = "%"
""",
    )
    assert "at most one lower bound" in err.reason


def test_forbidden_state_cannot_carry_a_bound(tmp_path):
    err = error_of(
        tmp_path,
        """
[[grades]]
code = "A"
evidence = ["s"]

[[grades.requirements]]
prop = "moisture"
state = "none"
le = 2
unit = "%"
""",
    )
    assert err.reason == "state 'none' cannot carry a bound"


def test_not_utf8_and_too_large(tmp_path):
    path = tmp_path / "gb.toml"
    path.write_bytes('key = "再生铜"'.encode("gb18030"))
    with pytest.raises(SourceError, match="not UTF-8"):
        canonical.read_file(path)


def test_amendment_changes_only_what_it_names():
    base = canonical.read_file(WIRE_2018).data
    amd = canonical.read_file(FIXTURES / "corpus" / "wire-spec-2021.toml").data
    merged = canonical.apply_amendment(base, amd)
    codes = [g["code"] for g in merged["grades"]]
    assert codes == ["W-1", "W-2", "W-3"]  # W-1/W-2 withdrawn, W-3 added
    w2 = merged["grades"][1]
    cu = next(r for r in w2["requirements"] if r["prop"] == "content.Cu")
    assert cu["ge"] == D("95.5")
    assert [r["prop"] for r in w2["requirements"]] == [
        "content.Cu",
        "moisture",
        "free_of.brass_bronze",
    ]
    assert w2["names"] == {"en": "#2 wire"}  # untouched fields stay


def test_control_characters_survive_the_round_trip(tmp_path):
    original = canonical.load(WIRE_2018, VOCAB)
    odd = replace(original, notes=(m.Note("tab\there, del\x7fhere, bell\x07here"),))
    path = tmp_path / "draft.toml"
    path.write_text(dump(odd), encoding="utf-8")
    assert canonical.load(path, VOCAB).notes == odd.notes


# --- impossible values ------------------------------------------------------------------------

GBT_39733 = REPO / "standards" / "gbt" / "gbt-39733-2020.toml"
HRS101_INCLUSIONS = 'prop = "inclusions"\nle = 0.8\n'  # the first grade's own limit


def gbt_39733_with(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of GB/T 39733-2020 with the first `old` replaced, and the line `new` starts on."""
    text = GBT_39733.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "gbt-39733-2020.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, text[: text.index(old)].count("\n") + 1


NEVER_NEGATIVE = "'inclusions' is a mass_fraction, never negative"
AT_MOST_ALL = "'inclusions' is a share of the mass, at most 100 %"
IMPOSSIBLE = [
    ("lt = -0.5", "lt", f"'lt = -0.5 %' is below 0: {NEVER_NEGATIVE}"),
    ("le = 199.2", "le", f"'le = 199.2 %' is over 100 %: {AT_MOST_ALL}"),
    ("lt = 0", "lt", f"'lt = 0 %' allows no value: {NEVER_NEGATIVE}"),
    ("gt = 100", "gt", f"'gt = 100 %' allows no value: {AT_MOST_ALL}"),
    ("lt = inf", "lt", "'lt' is inf, not a finite number"),
    ("le = -inf", "le", "'le' is -inf, not a finite number"),
    ("ge = nan", "ge", "'ge' is nan, not a finite number"),
]


@pytest.mark.parametrize(("bound", "name", "reason"), IMPOSSIBLE, ids=[c[0] for c in IMPOSSIBLE])
def test_impossible_values_are_refused_with_line_and_hint(run, tmp_path, bound, name, reason):
    path, line = gbt_39733_with(tmp_path, HRS101_INCLUSIONS, f'prop = "inclusions"\n{bound}\n')
    with pytest.raises(SourceError) as info:
        canonical.load(path, VOCAB)
    err = info.value
    assert (err.line, err.key, err.reason) == (
        line + 1,
        f"grades[0].requirements[0].{name}",
        reason,
    )
    assert err.hint
    # every command that reads the file stops there: one line and a hint, exit 2
    for command in ("diff", "compare"):
        code, out, stderr = run(command, "gbt-39733@2020", str(path))
        assert (code, out) == (2, "")
        assert stderr.splitlines() == [
            f"stdcompare: error: {path}:{line + 1}: grades[0].requirements[0].{name}: {reason}",
            f"hint: {err.hint}",
        ]
    code, out, _ = run("validate", "-q", str(path))
    assert code == 1 and f"{path}:{line + 1}: grades[0].requirements[0].{name}: {reason}" in out


def test_group_limits_dims_and_other_units_are_checked(tmp_path):
    # the heavy category's merged TFe cell with a misplaced decimal point
    path, line = gbt_39733_with(tmp_path, "ge = 93.0\n", "ge = 930\n")
    with pytest.raises(SourceError) as info:
        canonical.load(path, VOCAB)
    assert (info.value.line, info.value.key) == (line, "groups[0].requirements[0].ge")
    assert info.value.reason.startswith("'ge = 930 %' is over 100 %")
    # a size and a piece weight are never negative either
    path, line = gbt_39733_with(tmp_path, "dims = [1500, 600]\n", "dims = [1500, -600]\n")
    with pytest.raises(SourceError, match=r"'dims = -600 mm' is below 0: 'dimension.max' is a le"):
        canonical.load(path, VOCAB)
    path, line = gbt_39733_with(tmp_path, "le = 1500\n", "le = -1500\n")
    with pytest.raises(SourceError, match="'le = -1500 kg' is below 0: 'piece_weight.max' is a ma"):
        canonical.load(path, VOCAB)
    # 100 % in another unit of mass fraction: 1 000 000 ppm is the whole
    body = '\n[[grades]]\ncode = "A"\nevidence = ["s"]\n\n[[grades.requirements]]\n'
    moisture = body + 'prop = "moisture"\nunit = "ppm"\n'
    assert load_text(tmp_path, moisture + "le = 1000000\n").grade("A").requirements[0].si.hi == 100
    err = error_of(tmp_path, moisture + "le = 1000001\n")
    assert err.reason.startswith("'le = 1000001 ppm' is over 100 %")


def test_possible_edge_values_still_load(tmp_path):
    body = '\n[[grades]]\ncode = "A"\nevidence = ["s"]\n\n[[grades.requirements]]\n'
    for bound in ("ge = 0", "le = 0", "ge = 100", "le = 100", "gt = 0", "lt = 100"):
        req = load_text(tmp_path, body + f'prop = "moisture"\nunit = "%"\n{bound}\n')
        assert req.grade("A").requirements[0].state is m.State.STATED
    # a gauge number is not a length: AWG 0000 is gauge -3, a diameter of 11.7 mm
    thick = load_text(tmp_path, body + 'prop = "wire.diameter"\nunit = "AWG"\nge = -3\n')
    assert thick.grade("A").requirements[0].si.lo == D("11.6840")


def test_non_finite_numbers_are_refused_everywhere(tmp_path):
    err = error_of(tmp_path, "\n[[grades]]\ncode = nan\n")
    assert (err.reason, err.key, err.line) == (
        "'code' is nan, not a finite number",
        "grades[0].code",
        12,
    )
    body = '\n[[grades]]\ncode = "A"\nevidence = ["s"]\n\n[[grades.requirements]]\n'
    err = error_of(tmp_path, body + 'prop = "content.Ni"\nunit = "%"\nclasses = [10, inf]\n')
    assert err.reason == "'classes' is inf, not a finite number"
    assert err.key == "grades[0].requirements[0].classes[1]" and err.line == 18


def test_bounds_that_leave_no_value_have_a_hint(tmp_path):
    path, line = gbt_39733_with(
        tmp_path, HRS101_INCLUSIONS, 'prop = "inclusions"\nge = 0.9\nle = 0.8\n'
    )
    with pytest.raises(SourceError) as info:
        canonical.load(path, VOCAB)
    assert (info.value.line, info.value.reason) == (
        line - 1,
        "lower bound 0.9 is above upper bound 0.8",
    )
    assert info.value.hint.startswith("check the file against the source")
    path, line = gbt_39733_with(
        tmp_path, HRS101_INCLUSIONS, 'prop = "inclusions"\nge = 0.8\nlt = 0.8\n'
    )
    with pytest.raises(SourceError) as info:
        canonical.load(path, VOCAB)
    assert info.value.reason == "'ge = 0.8' and 'lt = 0.8' allow no value" and info.value.hint


def test_numbers_no_standard_prints_are_refused_not_overflowed(tmp_path):
    """An inch limit of 1e99999999 made the SI conversion raise decimal.Overflow."""
    text = (REPO / "standards" / "isri" / "isri-circular-2022.toml").read_text(encoding="utf-8")
    old = 'prop = "dimension.max"\nle = 12\nunit = "in"\n'
    path = tmp_path / "isri-circular-2022.toml"
    path.write_text(text.replace(old, old.replace("12", "1e99999999"), 1), encoding="utf-8")
    with pytest.raises(SourceError) as info:
        canonical.load(path, VOCAB)
    assert info.value.line == text[: text.index(old)].count("\n") + 2
    assert info.value.reason == "'le' is 1.00E+99999999, past the 40 digits of any printed limit"
    body = '\n[[grades]]\ncode = "A"\nevidence = ["s"]\n\n[[grades.requirements]]\n'
    err = error_of(tmp_path, body + 'prop = "moisture"\nunit = "%"\nle = 1e-60\n')
    assert err.reason.startswith("'le' is 1.00E-60, past the 40 digits")
    tiny = load_text(tmp_path, body + 'prop = "moisture"\nunit = "%"\nle = 0.0001\n')
    assert tiny.grade("A").requirements[0].hi == D("0.0001")
