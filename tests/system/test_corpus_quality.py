"""The bundled corpus: no errors, every number with evidence, the coverage table up to date."""

import pytest

from stdcompare import model as m
from stdcompare.corpus import Corpus
from stdcompare.render import coverage
from stdcompare.validation import validate_paths

from ..conftest import REPO


@pytest.fixture(scope="module")
def corpus():
    return Corpus.discover()


def test_validate_finds_no_error(corpus):
    errors = [str(p) for r in validate_paths([], corpus) for p in r.errors]
    assert errors == []


def test_every_number_has_declared_evidence(corpus):
    assert len(corpus.standards) >= 22  # the bundled editions, every one checked
    for std in corpus.standards:
        reqs = [
            *std.requirements,
            *(r for g in std.groups for r in g.requirements),
            *(r for g in std.grades for r in g.requirements),
        ]
        for req in reqs:
            if req.is_numeric:
                assert req.evidence, (std.ref, req.prop)
                assert all(e in std.sources for e in req.evidence), (std.ref, req.prop)
        for ev in std.sources.values():
            assert ev.address.startswith(("http://", "https://")), (std.ref, ev.id)


def test_every_uncertain_value_says_why(corpus):
    assert any(g.uncertain for s in corpus.standards for g in s.grades)  # there are some
    for std in corpus.standards:
        for grade in std.grades:
            for item in (grade, *grade.requirements, *grade.names.values(), *grade.aliases):
                assert item.uncertain is None or item.uncertain.strip(), (std.ref, grade.code)


def test_standards_readme_table_is_fresh(corpus):
    readme = (REPO / "standards" / "README.md").read_text(encoding="utf-8")
    fresh = coverage.with_table(readme, list(corpus.standards))
    assert readme == fresh, (
        "standards/README.md is stale: run stdcompare validate --write-coverage standards/README.md"
    )


def test_partial_lists_never_claim_completeness(corpus):
    assert any(s.grade_list is m.GradeList.COMPLETE for s in corpus.standards)
    for std in corpus.standards:
        if std.grade_list is m.GradeList.COMPLETE:
            assert std.grades or std.kind is m.Kind.REGULATION, std.ref


def test_verbatim_notes_are_refused(tmp_path, run):
    text = (REPO / "tests" / "fixtures" / "corpus" / "wire-spec-2018.toml").read_text()
    text = text.replace(
        'notes = ["Figures are invented for tests."]',
        'notes = [{ text = "Copied paragraph.", where = "4.1", verbatim = true }]',
    )
    (tmp_path / "draft.toml").write_text(text)
    code, out, _ = run("validate", str(tmp_path / "draft.toml"))
    assert code == 1
    assert "verbatim source text in a corpus file" in out


def test_an_official_text_on_a_third_partys_host_is_marked_a_copy(tmp_path, run):
    """The tier says whose words; the host whose copy. validate warns on an official text on a
    host not its publisher's, and reports say "official (third-party copy)" where it is marked."""
    from ..conftest import FIXTURES

    text = (FIXTURES / "corpus" / "test-reg-2020.toml").read_text(encoding="utf-8")
    text = text.replace("https://example.invalid/oj/test-reg-2020", "https://docslib.org/x")
    (tmp_path / "reg.toml").write_text(text, encoding="utf-8")
    out = run("validate", str(tmp_path / "reg.toml"))[1]
    assert "sources.oj: an official text on docslib.org, not its publisher's host" in out
    marked = text.replace('tier = "official"', 'tier = "official"\ncopy = true', 1)
    (tmp_path / "reg.toml").write_text(marked, encoding="utf-8")
    out = run("validate", str(tmp_path / "reg.toml"))[1]
    assert "not its publisher's host" not in out
    shown = run("show", str(tmp_path / "reg.toml"))[1]
    assert "[official (third-party copy)]" in shown
