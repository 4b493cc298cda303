from datetime import date
from decimal import Decimal as D

import pytest

from stdcompare.corpus import Corpus
from stdcompare.errors import RefError, SourceError

from .conftest import FIXTURES


def test_key_resolves_to_the_edition_in_force(fixture_corpus):
    assert fixture_corpus.resolve("test-wire", date(2019, 1, 1)).edition == "2018"
    assert fixture_corpus.resolve("test-wire", date(2021, 6, 1)).edition == "2021"
    assert fixture_corpus.resolve("test-wire", date(2030, 1, 1)).edition == "2021"


def test_as_of_is_the_corpus_default():
    early = Corpus.discover(extra=[FIXTURES / "corpus"], bundled=False, as_of=date(2020, 1, 1))
    assert early.resolve("test-wire").edition == "2018"


def test_nothing_in_force_before_the_first_edition(fixture_corpus):
    with pytest.raises(RefError) as info:
        fixture_corpus.resolve("test-wire", date(2017, 1, 1))
    assert str(info.value) == "no edition of test-wire is in force on 2017-01-01"
    assert "test-wire@2018 (from 2018-03-01)" in info.value.hint


def test_key_at_edition_and_unknowns(fixture_corpus):
    assert fixture_corpus.resolve("test-wire@2018").designation == "TEST WIRE SPEC 2018"
    with pytest.raises(RefError, match="test-wire has no edition '2019'") as info:
        fixture_corpus.resolve("test-wire@2019")
    assert info.value.hint == "editions: 2018, 2021"
    with pytest.raises(RefError, match="unknown standard 'test-wir'") as info:
        fixture_corpus.resolve("test-wir")
    assert info.value.hint == "did you mean 'test-wire' or 'test-reg'?"


def test_amendment_resolves_into_a_full_edition(fixture_corpus):
    std = fixture_corpus.resolve("test-wire@2021")
    assert std.amends == "test-wire@2018"
    assert [g.code for g in std.grades] == ["W-1", "W-2", "W-3"]
    assert std.grade("W-2").requirements[0].lo == D("95.5")
    assert std.grade("W-1") == fixture_corpus.resolve("test-wire@2018").grade("W-1")
    assert set(std.sources) == {"doc", "press", "amd"}
    assert std.title["en"] == "Test specification for copper wire scrap"  # kept from the base


def test_path_ref_reads_the_file(fixture_corpus):
    std = fixture_corpus.resolve(str(FIXTURES / "corpus" / "wire-spec-2021.toml"))
    assert std.ref == "test-wire@2021" and len(std.grades) == 3


def test_grade_refs_with_quoted_codes(fixture_corpus):
    std, grade = fixture_corpus.resolve_grade('test-wire@2018:"W-1/W-2"')
    assert grade.mixture_of == ("W-1", "W-2")
    _, grade = fixture_corpus.resolve_grade("test-wire@2018:w-1")  # case is forgiven
    assert grade.code == "W-1"
    with pytest.raises(RefError, match="test-wire@2021 has no grade 'W-9'"):
        fixture_corpus.resolve_grade("test-wire:W-9", date(2022, 1, 1))


def test_extra_folders_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("STDCOMPARE_PATH", str(FIXTURES / "corpus"))
    corpus = Corpus.discover()
    assert "test-wire" in corpus.standard_keys() and "gbt-38471" in corpus.standard_keys()


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(SourceError, match="not a folder of standards"):
        Corpus.discover(extra=[tmp_path / "nope"], bundled=False)


def test_a_broken_file_is_reported_with_its_line(tmp_path):
    (tmp_path / "bad.toml").write_text('format = 1\nkey = "x"\nedition = 1\nkind = "oops"\n')
    corpus = Corpus.discover(extra=[tmp_path], bundled=False)
    report = corpus.reports[0]
    messages = [(p.line, p.message) for p in report.errors]
    assert (None, "missing 'designation'") in messages
    assert (
        4,
        "'oops' is not one of: product-standard, trade-specification, regulation, directive, "
        "decision, notice, harmonised-draft",
    ) in messages
    with pytest.raises(SourceError):
        corpus.standards  # noqa: B018 - loading raises the first error


def test_two_files_for_one_edition_is_an_error(tmp_path):
    text = (FIXTURES / "corpus" / "wire-spec-2018.toml").read_text()
    (tmp_path / "a.toml").write_text(text)
    (tmp_path / "b.toml").write_text(text)
    corpus = Corpus.discover(extra=[tmp_path], bundled=False)
    errors = [p.message for r in corpus.reports for p in r.errors]
    assert any("test-wire@2018 is also defined in" in e for e in errors)


def _replaced_regulation(tmp_path):
    """test-reg 2020 repealed by a renumbered act, test-reg-b, from 2023-07-01."""
    old = (FIXTURES / "corpus" / "test-reg-2020.toml").read_text(encoding="utf-8")
    (tmp_path / "test-reg-2020.toml").write_text(
        old.replace('status = "current"', 'status = "superseded"'), encoding="utf-8"
    )
    new = old.replace('key = "test-reg"', 'key = "test-reg-b"').replace(
        "effective = 2020-01-01", 'effective = 2023-07-01\nsupersedes = "test-reg@2020"'
    )
    (tmp_path / "test-reg-b-2023.toml").write_text(
        new.replace('edition = "2020"', 'edition = "2023"'), encoding="utf-8"
    )
    return Corpus.discover(extra=[tmp_path], bundled=False)


def test_a_law_replaced_under_a_new_number_leaves_force_on_the_successors_day(tmp_path):
    corpus = _replaced_regulation(tmp_path)
    assert corpus.in_force("test-reg", date(2023, 6, 30)).ref == "test-reg@2020"
    assert corpus.in_force("test-reg", date(2023, 7, 1)) is None
    assert corpus.in_force("test-reg-b", date(2023, 7, 1)).ref == "test-reg-b@2023"
    with pytest.raises(RefError) as info:
        corpus.resolve("test-reg", date(2024, 1, 1))
    assert str(info.value) == (
        "test-reg was replaced by test-reg-b@2023 (from 2023-07-01); "
        "nothing of it is in force on 2024-01-01"
    )
    assert corpus.resolve("test-reg@2020").edition == "2020"  # by name, still there


def test_a_renumbered_successor_validates(tmp_path):
    from stdcompare import validation

    corpus = _replaced_regulation(tmp_path)
    reports = validation.validate_paths([tmp_path], corpus)
    assert len(reports) == 2
    problems = [p for r in reports for p in r.problems]
    assert not [p for p in problems if p.level == "error"], problems


def test_the_bundled_announcement_2020_43_is_out_of_force_after_2024_23():
    bundled = Corpus.discover(as_of=date(2026, 1, 1))
    assert bundled.in_force("cn-ann-2020-43") is None
    assert bundled.in_force("cn-ann-2020-43", date(2024, 11, 14)).edition == "2020"
    assert bundled.in_force("cn-ann-2024-23").edition == "2024"


def test_an_edition_recorded_superseded_is_out_of_force_today(tmp_path):
    """QCVN 31:2018 is recorded as superseded, its successor not held: nothing of it is in
    force today, and the error says why; on a past day its dates decide."""
    from stdcompare.render.speech import error_lines

    old = (FIXTURES / "corpus" / "test-reg-2020.toml").read_text(encoding="utf-8")
    (tmp_path / "test-reg-2020.toml").write_text(
        old.replace('status = "current"', 'status = "superseded"'), encoding="utf-8"
    )
    corpus = Corpus.discover(extra=[tmp_path], bundled=False)
    assert corpus.in_force("test-reg") is None
    assert corpus.in_force("test-reg", date(2021, 1, 1)).edition == "2020"
    with pytest.raises(RefError) as info:
        corpus.resolve("test-reg")
    assert str(info.value) == "test-reg@2020 is recorded as superseded and no later edition is held"
    assert "记录为已被替代" in error_lines(info.value, "zh")[0]


def test_an_undated_edition_is_not_in_force_before_its_year(tmp_path):
    old = (FIXTURES / "corpus" / "test-reg-2020.toml").read_text(encoding="utf-8")
    (tmp_path / "test-reg-2020.toml").write_text(
        old.replace("effective = 2020-01-01\n", ""), encoding="utf-8"
    )
    corpus = Corpus.discover(extra=[tmp_path], bundled=False)
    assert corpus.in_force("test-reg", date(2019, 12, 31)) is None
    assert corpus.in_force("test-reg", date(2020, 1, 1)).edition == "2020"
