"""The public API (issue 16): one function per command, references as strings or paths, a
loaded corpus reused with corpus=, plain results. The CLI calls these same functions."""

from __future__ import annotations

from pathlib import Path

import pytest

import stdcompare
from stdcompare.errors import StdcompareError

from .conftest import FIXTURES, REPO


@pytest.fixture(scope="module")
def corpus():
    return stdcompare.load_corpus(FIXTURES / "corpus")


def test_every_public_name_is_reachable_from_the_package():
    for name in (
        "load_corpus",
        "parse",
        "compare",
        "lookup",
        "diff",
        "check",
        "evaluate",
        "validate",
        "report",
    ):
        assert callable(getattr(stdcompare, name)), name
    with pytest.raises(AttributeError):
        stdcompare.no_such_function  # noqa: B018


def test_compare_and_lookup_take_strings_or_paths(corpus):
    canonical = Path(corpus.resolve("gbt-38471@2019").origin.file)
    by_path = stdcompare.compare(canonical, "isri-circular@2022", corpus=corpus)
    by_ref = stdcompare.compare("gbt-38471@2019", "isri-circular@2022", corpus=corpus)
    assert [p.score for p in by_path.pairs] == [p.score for p in by_ref.pairs]
    found = stdcompare.lookup("Birch", within=["gbt-38471@2019"], corpus=corpus)
    assert found.matches and found.matches[0].b.ref == "gbt-38471@2019"


def test_diff_check_and_the_rest(corpus):
    changes = stdcompare.diff("gbt-38471@2019", "gbt-38471@2023", corpus=corpus)
    assert changes.old.ref == "gbt-38471@2019" and changes.changes
    with pytest.raises(StdcompareError, match="two editions of one standard"):
        stdcompare.diff("gbt-38471@2019", "isri-circular@2022", corpus=corpus)
    lot = stdcompare.check(FIXTURES / "lots" / "wire-lot.toml", corpus=corpus)
    assert lot.declared is not None and lot.verdicts
    with pytest.raises(StdcompareError, match="'-1' is not a measurement uncertainty"):
        stdcompare.check(FIXTURES / "lots" / "wire-lot.toml", tolerance="-1", corpus=corpus)
    parsed = stdcompare.parse(FIXTURES / "docs" / "isri-circular-excerpt.txt", corpus=corpus)
    assert parsed.standard.find_grade("Birch") is not None
    reports = stdcompare.validate([FIXTURES / "corpus"], corpus=corpus)
    assert reports and not any(r.errors for r in reports)
    tallies = stdcompare.evaluate([REPO / "tests" / "labels" / "copper.csv"])
    assert tallies["all"].tp + tallies["all"].fn == 8
    report = stdcompare.report(corpus=corpus)
    assert report.comparisons and all(c.a.key != c.b.key for c in report.comparisons)


def test_library_errors_name_parameters_and_the_cli_names_flags(run, tmp_path):
    """An error carries the settings it names as data (errors.Option): a notebook reads the
    function's parameter, the CLI its flag."""
    text = tmp_path / "notes.txt"
    text.write_text("nothing a parser knows\n", encoding="utf-8")
    with pytest.raises(StdcompareError) as raised:
        stdcompare.parse(text)
    assert raised.value.hint.endswith("name one with the parser argument")
    assert "--" not in raised.value.hint
    code, _, err = run("parse", str(text))
    assert code == 2 and err.rstrip().endswith("name one with --parser")
    with pytest.raises(StdcompareError) as raised:
        stdcompare.load_corpus(tmp_path / "missing")
    assert raised.value.hint == "check the folders argument and STDCOMPARE_PATH"


def test_an_option_field_leaves_other_braces_alone():
    from stdcompare.errors import AS_OF, StdcompareError

    error = StdcompareError(
        "a {weird} name", "pass {as_of:2024-01-01} or {other}", options={"as_of": AS_OF}
    )
    assert error.hint == 'pass as_of="2024-01-01" or {other}'
    assert error.for_cli() == ("a {weird} name", "pass --as-of 2024-01-01 or {other}")


def test_no_public_name_is_also_a_module_of_the_package():
    """`from . import weights` inside the package would get the API's function, not the
    module, if the package re-exported a function of that name (it did, for an hour)."""
    import pkgutil

    import stdcompare

    modules = {m.name for m in pkgutil.iter_modules(stdcompare.__path__)}
    assert len(modules) > 30 and len(stdcompare._API) > 10
    assert set(stdcompare._API) & modules == set()


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("ISRI Birch",), ("isri-circular@2024", "Birch")),
        (("gbt-38471", "RCu-1C"), ("gbt-38471@2019", "RCu-1C")),  # 2023's list is partial
        (("GB/T 38471-2019:RCu-1A",), ("gbt-38471@2019", "RCu-1A")),
    ],
)
def test_show_names_a_grade_as_traders_do(args, shown):
    found = stdcompare.show(*args)
    assert (found.standard.ref, found.grade.code) == shown


def test_harmonise_takes_grades_named_as_traders_do():
    done = stdcompare.harmonise(["ISRI Birch", "gbt-38471:RCu-1C"])
    assert [f"{s.ref}:{g.code}" for s, g in done.sides] == [
        "isri-circular@2024:Birch",
        "gbt-38471@2019:RCu-1C",
    ]
