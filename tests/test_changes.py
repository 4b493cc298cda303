"""diff: what changed between editions, levels, fingerprints, accept files, exit codes, formats."""

import json
import os
import re
from dataclasses import replace
from xml.etree import ElementTree

import jsonschema
import pytest

from stdcompare.changes import DEFAULT_LEVELS, Level, diff
from stdcompare.corpus import Corpus
from stdcompare.render.diffs import json_schema

from .conftest import FIXTURES, REPO

CORPUS = ["--standards", str(FIXTURES / "corpus")]
NEW = str(FIXTURES / "diff" / "wire-spec-2024.toml")


@pytest.fixture
def changes(fixture_corpus):
    from stdcompare.corpus import Corpus

    old = fixture_corpus.resolve("test-wire@2018")
    new = Corpus.discover(extra=[FIXTURES / "corpus"], bundled=False).resolve(NEW)
    return diff(old, new, fixture_corpus.vocabulary)


def _by_check(cs):
    found = {}
    for c in cs.changes:
        found.setdefault(c.check, []).append(c)
    return found


def test_changes_are_classified(changes):
    found = _by_check(changes)
    assert [c.message for c in found["grade.renamed"]] == ["W-1 → W-1A (renamed)"]
    assert [c.grade for c in found["grade.withdrawn"]] == ["W-1/W-2"]
    tightened = found["group.requirement.tightened"][0]
    assert (tightened.old, tightened.new) == ("≤ 1.0 %", "≤ 0.8 %")
    assert tightened.level.value == "breaking"
    loosened = found["requirement.loosened"][0]
    assert (loosened.grade, loosened.level.value) == ("W-2", "warning")
    # the group's tightening is reported once, not again on every grade that inherits it
    assert "requirement.tightened" not in found


def test_partial_lists_never_read_as_withdrawn(fixture_corpus):
    old = fixture_corpus.resolve("test-wire@2018")
    from stdcompare import model as m

    new = replace(old, edition="2030", grade_list=m.GradeList.PARTIAL, grades=old.grades[:1])
    checks = {c.check for c in diff(old, new, fixture_corpus.vocabulary).changes}
    assert "grade.not_transcribed" in checks and "grade.withdrawn" not in checks


def test_fingerprints_are_stable_and_specific(changes, fixture_corpus):
    again = diff(changes.old, changes.new, fixture_corpus.vocabulary)
    assert [c.fingerprint for c in changes.changes] == [c.fingerprint for c in again.changes]
    assert len({c.fingerprint for c in changes.changes}) == len(changes.changes)
    assert all(re.fullmatch(r"[0-9a-f]{16}", c.fingerprint) for c in changes.changes)


def test_exit_codes_and_fail_on(run):
    code, out, _ = run("diff", "test-wire@2018", NEW, *CORPUS)
    # W-1/W-2 withdrawn, its two equivalences (as its part W-1) lost, a group limit tightened
    assert code == 1 and out.splitlines()[-1] == "4 change(s) at or above 'breaking' not accepted"
    assert run("diff", "test-wire@2018", NEW, "--fail-on", "never", *CORPUS)[0] == 0
    code, out, _ = run("diff", "test-wire@2018", "test-wire@2018", *CORPUS)
    assert code == 0 and out.startswith("test-wire@2018 → test-wire@2018: 0 info, 0 warning, 0")


def test_a_side_that_does_not_load_is_exit_2(run, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('format = 1\nkey = "test-wire"\nedition = "2030"\n[[grades]\n')
    code, out, err = run("diff", "test-wire@2018", str(broken), *CORPUS)
    assert code == 2 and out == "" and err.startswith(f"stdcompare: error: {broken}:4: TOML syntax")


def test_accept_file_waives_reviewed_changes(run, tmp_path):
    data = json.loads(run("diff", "test-wire@2018", NEW, "--format", "json", *CORPUS)[1])
    failing = [c for c in data["changes"] if c["fails"]]
    accept = tmp_path / "accepted.toml"
    accept.write_text(
        "".join(
            f'[[accept]]\nfingerprint = "{c["fingerprint"]}"\nreason = "reviewed in test"\n'
            f"date = 2026-01-01\n\n"
            for c in failing
        )
    )
    code, out, _ = run(
        "diff", "test-wire@2018", NEW, "--accept", str(accept), "--format", "json", *CORPUS
    )
    after = json.loads(out)
    assert code == 0 and after["failing"] == 0
    assert sum(1 for c in after["changes"] if c["accepted"]) == len(failing)


def test_accept_entries_need_reason_and_date(run, tmp_path):
    accept = tmp_path / "accepted.toml"
    accept.write_text('[[accept]]\nfingerprint = "0123456789abcdef"\n')
    code, _, err = run("diff", "test-wire@2018", NEW, "--accept", str(accept), *CORPUS)
    assert code == 2 and "needs fingerprint, reason and date" in err


def test_settings_from_pyproject(run, tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text(
        '[tool.stdcompare]\nfail_on = "never"\n'
        '[tool.stdcompare.diff.levels]\n"grade.renamed" = "breaking"\n'
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("diff", "test-wire@2018", NEW, "--format", "json", *CORPUS)
    data = json.loads(out)
    assert code == 0 and data["fail_on"] == "never"
    renamed = next(c for c in data["changes"] if c["check"] == "grade.renamed")
    assert renamed["level"] == "breaking"


def test_json_follows_its_published_schema(run):
    data = json.loads(run("diff", "test-wire@2018", NEW, "--format", "json", *CORPUS)[1])
    jsonschema.validate(data, json_schema())
    published = json.loads(run("schema", "--diff")[1])
    assert published == json_schema()


def test_github_annotations(run):
    out = run("diff", "test-wire@2018", NEW, "--format", "github", *CORPUS)[1]
    lines = out.splitlines()
    # named from the working folder, as the checkout's files are where GitHub attaches it
    shown = os.path.relpath(NEW) if NEW.startswith(os.getcwd()) else NEW
    withdrawn = f"::error file={shown.replace(':', '%3A')},title=grade.withdrawn"
    assert any(line.startswith(withdrawn) for line in lines)
    assert any(line.startswith("::warning ") for line in lines)
    assert all(re.match(r"::(error|warning|notice) file=", line) for line in lines)


def test_junit_is_xml_with_failures(run):
    out = run("diff", "test-wire@2018", NEW, "--format", "junit", *CORPUS)[1]
    root = ElementTree.fromstring(out)
    suite = root.find("testsuite")
    assert suite.get("failures") == "4"
    failures = [c for c in suite.findall("testcase") if c.find("failure") is not None]
    assert len(failures) == 4


def test_markdown_and_html(run):
    md = run("diff", "test-wire@2018", NEW, "--format", "md", *CORPUS)[1]
    assert md.startswith("### stdcompare diff: TEST WIRE SPEC 2018 → TEST WIRE SPEC 2024")
    assert "| breaking | `grade.withdrawn` |" in md
    html = run("diff", "test-wire@2018", NEW, "--format", "html", *CORPUS)[1]
    assert html.startswith("<!DOCTYPE html>") and 'class="level level-breaking"' in html


@pytest.mark.parametrize("form", ["md", "json", "junit", "github", "text"])
def test_golden_diff(run, gold, form):
    """The test standard's 2018 edition against its 2024 draft, as CI would see it."""
    out = run(
        "diff",
        "test-wire@2018",
        NEW,
        "--format",
        form,
        "--fail-on",
        "never",
        "--as-of",
        "2026-01-01",
        *CORPUS,
    )[1]
    gold(f"diff/wire-2018-2024.{form}", out)


GBT_39733 = REPO / "standards" / "gbt" / "gbt-39733-2020.toml"


def _tfe_raised_in(tmp_path, groups):
    """GB/T 39733-2020 with the merged-cell TFe minimum raised from 93 to 94 in `groups`."""
    lines = GBT_39733.read_text(encoding="utf-8").splitlines(keepends=True)
    group, prop = None, None
    for i, line in enumerate(lines):
        if line.startswith("id = "):
            group = line.split('"')[1]
        elif line.startswith("prop = "):
            prop = line.split('"')[1]
        elif line == "ge = 93.0\n" and prop == "content.TFe" and group in groups:
            lines[i] = "ge = 94.0\n"
    path = tmp_path / "gbt-39733-draft.toml"
    path.write_text("".join(lines), encoding="utf-8")
    return str(path)


def test_group_changes_differing_only_in_group_have_their_own_fingerprints(run, tmp_path):
    draft = _tfe_raised_in(tmp_path, {"heavy", "medium"})
    data = json.loads(run("diff", "gbt-39733@2020", draft, "--format", "json")[1])
    raised = [c for c in data["changes"] if c["check"] == "group.requirement.tightened"]
    assert [c["message"].split(":")[0] for c in raised] == ["group heavy", "group medium"]
    assert {(c["old"], c["new"]) for c in raised} == {("≥ 93.0 %", "≥ 94.0 %")}
    assert raised[0]["fingerprint"] != raised[1]["fingerprint"]
    assert data["failing"] == 2 and all(c["fails"] for c in raised)
    code, out, _ = run("diff", "gbt-39733@2020", draft)
    assert code == 1 and out.splitlines()[-1] == "2 change(s) at or above 'breaking' not accepted"

    # accepting the heavy group's change leaves the medium group's failing
    accept = tmp_path / "accepted.toml"
    accept.write_text(
        f'[[accept]]\nfingerprint = "{raised[0]["fingerprint"]}"\n'
        'reason = "heavy TFe reviewed"\ndate = 2026-01-01\n'
    )
    code, out, _ = run("diff", "gbt-39733@2020", draft, "--accept", str(accept))
    assert code == 1 and out.splitlines()[-1] == "1 change(s) at or above 'breaking' not accepted"
    assert "ACCEPTED group.requirement.tightened  group heavy: content of total iron" in out
    assert re.search(
        r"breaking group\.requirement\.tightened +group medium: content of total iron", out
    )


def test_group_changes_name_their_group_in_json_and_junit(run, tmp_path):
    draft = _tfe_raised_in(tmp_path, {"heavy", "medium"})
    data = json.loads(run("diff", "gbt-39733@2020", draft, "--format", "json")[1])
    raised = [c for c in data["changes"] if c["check"] == "group.requirement.tightened"]
    assert [c["group"] for c in raised] == ["heavy", "medium"]
    junit = run("diff", "gbt-39733@2020", draft, "--format", "junit")[1]
    names = re.findall(r'<testcase[^>]* name="(group\.requirement\.tightened [^"]*)"', junit)
    assert names == [
        "group.requirement.tightened heavy content.TFe",
        "group.requirement.tightened medium content.TFe",
    ]


def test_group_fingerprint_depends_on_the_group_alone(tmp_path):
    """Grade- and standard-level fingerprints are the ones earlier versions printed (accept
    files keep working); a group's change is told apart by its group."""
    from stdcompare.changes import Change, Level

    grade_level = Change(
        "requirement.loosened",
        Level.WARNING,
        "gbt-38471",
        "",
        grade="RCu-2A",
        prop="content.Cu",
        old="≥ 99.9 %",
        new="≥ 99.2 %",
    )
    assert grade_level.fingerprint == "abfd9325e56b9de2"  # the one docs/ci.md accepts
    heavy = Change(
        "group.requirement.tightened", Level.BREAKING, "k", "", prop="p", old="1", new="2"
    )
    heavy = replace(heavy, group="heavy")
    assert replace(heavy, message="other words").fingerprint == heavy.fingerprint
    assert replace(heavy, group="medium").fingerprint != heavy.fingerprint
    assert replace(heavy, group=None).fingerprint != heavy.fingerprint


def test_fingerprints_are_unique_across_the_corpus_editions():
    """Every pair of editions of the bundled corpus, as CI would diff them."""
    corpus = Corpus.discover()
    diffed = 0
    for key in corpus.standard_keys():
        editions = corpus.editions(key)
        for old in editions:
            for new in editions:
                if old is new:
                    continue
                changes = diff(old, new, corpus.vocabulary).changes
                prints = [c.fingerprint for c in changes]
                assert len(set(prints)) == len(prints), (old.ref, new.ref)
                diffed += bool(prints)
    assert diffed >= 4  # the GB/T and ISRI editions differ: there were fingerprints to compare


def test_two_different_standards_are_no_edition_pair(run, tmp_path):
    """A CI job pointed at the wrong file must not report another standard's grades as
    breaking changes: one error line, and the command that does set two standards apart."""
    copy = tmp_path / "wrong.toml"
    text = (REPO / "standards" / "gbt" / "gbt-38471-2023.toml").read_text(encoding="utf-8")
    copy.write_text(text.replace('key = "gbt-38471"', 'key = "gbt-38472"', 1), encoding="utf-8")
    code, out, err = run("diff", "gbt-38471@2019", str(copy))
    assert (code, out) == (2, "")
    assert err.startswith("stdcompare: error: diff compares two editions of one standard")
    assert "hint: check the file's key" in err and "stdcompare compare gbt-38471@2019" in err


# --- editions held in part (issue 14) -------------------------------------------------------


def test_a_grade_a_partial_old_edition_lacks_is_newly_held_not_added(run):
    """ISRI 2017 is held in part (a few code words): 2022's ferrous codes were not 'added'."""
    out = run("diff", "isri-circular@2017", "isri-circular@2022", "--format", "json")[1]
    checks = {(c["check"], c["grade"]) for c in json.loads(out)["changes"]}
    assert ("grade.newly_held", "200") in checks
    assert not any(check == "grade.added" for check, _ in checks)


def test_why_a_link_is_lost_names_partial_and_tied_editions():
    """A link of a grade the new partial edition does not hold is not transcribed (GB/T
    38471-2023 holds two grades); a best match that ties with others is tied (EFR's E40 scores
    alike against GB/T 39733's three shredded grades, told apart only by a table not held)."""
    from stdcompare.changes import _why_lost
    from stdcompare.match import compare_standards

    corpus = Corpus.discover()
    new, isri = corpus.resolve("gbt-38471@2023"), corpus.resolve("isri-circular@2022")
    now = compare_standards(new, isri, corpus.vocabulary)
    missing = _why_lost(new, "RCu-1C", "isri-circular@2022:Birch", now)
    assert missing[0] == "equivalence.not_transcribed"
    efr, gbt = corpus.resolve("efr-steel@2007"), corpus.resolve("gbt-39733@2020")
    now = compare_standards(efr, gbt, corpus.vocabulary)
    tops = [p for p in now.pairs if p.a.grade.code == "E40"][:3]
    assert len({p.score for p in tops}) == 1  # the data this test rests on
    tied = _why_lost(efr, "E40", f"gbt-39733@2020:{tops[1].b.grade.code}", now)
    assert tied[0] == "equivalence.tied" and tops[0].b.grade.code in tied[1]
    assert DEFAULT_LEVELS["equivalence.tied"] is Level.WARNING
    assert DEFAULT_LEVELS["equivalence.not_transcribed"] is Level.INFO


def test_fingerprints_do_not_follow_display_wording(changes, fixture_corpus, monkeypatch):
    """A diff fingerprint hashes the canonical bound (quantities.bound), never the renderers'
    words: rewording render/words.py leaves every accepted fingerprint valid (issue 16). The
    layers contract (tests/system/test_layers.py) keeps changes.py from importing render at all."""
    from stdcompare import changes as changes_module
    from stdcompare import quantities
    from stdcompare.render import words

    assert changes_module.bound is quantities.bound

    before = [c.fingerprint for c in changes.changes]
    assert any(c.old and c.new for c in changes.changes)  # bounds on both sides are hashed
    monkeypatch.setattr(words, "bound", lambda req: "reworded")
    monkeypatch.setattr(words, "STATE_WORDS", {})
    again = diff(changes.old, changes.new, fixture_corpus.vocabulary)
    assert before and [c.fingerprint for c in again.changes] == before
