"""Hostile files in a folder of standards (`--standards DIR`): a small canonical TOML file built to
tie the tool up, to crash it with values of the wrong type, or to make it read other files.

Each is refused with exit 2, one `stdcompare: error:` line naming the file and a `hint:` line
(`validate` lists its errors and exits 1), never a traceback. Every file is generated here, into
tmp_path. Those that used to take minutes run in a subprocess with a generous timeout, so a
regression fails the test instead of hanging the suite; no test asserts a duration.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from stdcompare.parsers import canonical

from ..conftest import REPO
from . import typed

HEAD = """format = 1
key = "hostile"
edition = "1"
designation = "HOSTILE 1"
kind = "trade-specification"
families = ["copper"]

[sources.s]
address = "https://example.invalid/s"
tier = "secondary"
"""


def refused(result, *reasons: str) -> str:
    """Exit 2, nothing on stdout, one error line (holding every reason) and one hint line."""
    code, out, err = result
    lines = err.splitlines()
    assert code == 2, err[-3000:]
    assert out == ""
    assert len(lines) == 2, err[-3000:]
    assert lines[0].startswith("stdcompare: error: ") and lines[1].startswith("hint: "), err
    for reason in reasons:
        assert reason in lines[0], lines[0]
    return lines[0]


def invalid(result, *reasons: str) -> list[str]:
    """`validate`: exit 1, each error on its own `error:` line, no traceback."""
    code, out, err = result
    assert code == 1, out + err
    assert "Traceback" not in out + err
    errors = [line for line in out.splitlines() if line.startswith("error: ")]
    assert errors, out
    for reason in reasons:
        assert any(reason in line for line in errors), errors
    return errors


def folder(tmp_path: Path, text: str, name: str = "hostile.toml") -> Path:
    place = tmp_path / "standards"
    place.mkdir(exist_ok=True)
    (place / name).write_text(text, encoding="utf-8")
    return place


def cli(*args: str, timeout: float = 300) -> tuple[int, str, str]:
    """The CLI in its own process, stopped (and the test failed) if it runs past `timeout`."""
    env = {k: v for k, v in os.environ.items() if k != "STDCOMPARE_PATH"}
    proc = subprocess.run(
        [sys.executable, "-m", "stdcompare", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=timeout,
    )
    return proc.returncode, proc.stdout, proc.stderr


# --- a chain of groups ----------------------------------------------------------------------------


def chain(groups: int, grades: int = 0) -> str:
    """Groups each the parent of the next, and grades in the deepest groups (82 kB with 2 000
    groups: every comparison of its grades took over 200 s, the chain rescanned at each step)."""
    parts = [HEAD]
    for i in range(groups):
        parent = f'parent = "g{i - 1}"\n' if i else ""
        parts.append(f'[[groups]]\nid = "g{i}"\n{parent}')
    for i in range(grades):
        parts.append(f'[[grades]]\ncode = "c{i}"\ngroup = "g{groups - 1 - i}"\n')
    return "\n".join(parts)


def test_a_long_chain_of_groups_is_refused_at_load(tmp_path):
    place = folder(tmp_path, chain(2000, 50))
    assert len((place / "hostile.toml").read_bytes()) > 60_000
    error = refused(cli("compare", "hostile", "hostile", "--standards", str(place)), "deep")
    assert "hostile.toml:" in error and "groups[16].parent" in error
    invalid(cli("validate", str(place / "hostile.toml")), "more than 16 levels deep")


def test_groups_sixteen_deep_are_read(run, tmp_path):
    place = folder(tmp_path, chain(16, 1))
    code, out, err = run("show", "hostile", "c0", "--standards", str(place), "-f", "json")
    assert code == 0, err


@pytest.mark.parametrize(
    ("parents", "shown"),
    [
        ({"a": "a"}, "a → a"),
        ({"a": "b", "b": "a"}, "a → b → a"),
        ({"x": None, "a": "c", "b": "a", "c": "b"}, "a → c → b → a"),
    ],
)
def test_a_cycle_of_groups_is_refused(run, tmp_path, parents, shown):
    groups = [
        f'[[groups]]\nid = "{g}"\n' + (f'parent = "{p}"\n' if p else "") for g, p in parents.items()
    ]
    text = HEAD + "\n" + "\n".join(groups) + '\n[[grades]]\ncode = "c"\ngroup = "a"\n'
    place = folder(tmp_path, text)
    line = text.splitlines().index('id = "a"') + 2  # the 'parent' line of group a
    refused(run("list", "--standards", str(place)), f"hostile.toml:{line}:", shown)
    errors = invalid(run("validate", str(place / "hostile.toml")), shown)
    assert len(errors) == 1  # one error per cycle, not one per group on it


# --- values of the wrong type ---------------------------------------------------------------------


@pytest.fixture
def alone(monkeypatch):
    """`--standards DIR` without the bundled standards: the hostile file is the whole corpus,
    so each of a thousand cases reads one file, not the corpus again."""
    from stdcompare.corpus import Corpus

    discover = Corpus.discover.__func__

    def without_bundled(cls, extra=None, as_of=None, bundled=True):
        return discover(cls, extra, as_of, bundled=False)

    monkeypatch.setattr(Corpus, "discover", classmethod(without_bundled))


def write_case(place: Path, doc: str, path: str | None = None, kind: str | None = None) -> Path:
    """The edition (with one wrong value), or the edition and an amendment with one; returns
    the file holding the wrong value."""
    place.mkdir(exist_ok=True)
    for old in place.iterdir():
        old.unlink()
    edition = typed.document("edition", path, kind) if doc == "edition" else typed.VALID
    (place / "typed-1.toml").write_text(typed.toml(edition), encoding="utf-8")
    if doc == "edition":
        return place / "typed-1.toml"
    (place / "typed-2.toml").write_text(
        typed.toml(typed.document("amendment", path, kind)), encoding="utf-8"
    )
    return place / "typed-2.toml"


def test_the_cases_cover_every_key_of_the_schema():
    """Every field of the schema's dataclasses is a key the reader reads (or one it derives),
    every key has a type in canonical_types, and the valid file holds every key: a new field
    is then among the wrong-type cases without anyone listing it."""
    from dataclasses import fields

    from stdcompare import model as m
    from stdcompare.parsers import canonical_types

    def names(cls, *derived: str) -> set[str]:
        return {f.name for f in fields(cls)} - set(derived)

    bounds = ("lo", "hi", "lo_inclusive", "hi_inclusive", "si")  # from ge/gt/le/lt, and units
    assert names(m.Requirement, *bounds) <= canonical.REQ_KEYS
    assert names(m.Grade) == canonical.GRADE_KEYS
    assert names(m.Group) == canonical.GROUP_KEYS
    assert names(m.Name) <= canonical.NAME_KEYS
    assert names(m.Evidence, "id") == canonical.SOURCE_KEYS
    assert names(m.Standard, "origin") <= canonical.TOP_KEYS
    for kinds, keys in [
        (canonical_types.FILE, canonical.TOP_KEYS),
        (canonical_types.GRADE, canonical.GRADE_KEYS),
        (canonical_types.GROUP, canonical.GROUP_KEYS),
        (canonical_types.REQUIREMENT, canonical.REQ_KEYS),
        (canonical_types.NAME.second, canonical.NAME_KEYS),
        (canonical_types.SOURCE, canonical.SOURCE_KEYS),
    ]:
        assert set(kinds.kinds) == keys
    covered = {(doc, path.rsplit(".", 1)[-1]) for doc, path, _ in typed.key_paths()}
    assert {k for _, k in covered} >= canonical.TOP_KEYS | canonical.GRADE_KEYS | canonical.REQ_KEYS
    assert len(typed.cases()) > 900


def test_the_valid_file_is_valid(run, tmp_path, alone):
    target = write_case(tmp_path / "std", "amendment")
    code, out, err = run("validate", "--standards", str(tmp_path / "std"), str(target))
    assert code == 0, out + err
    code, out, err = run("list", "--standards", str(tmp_path / "std"))
    assert code == 0 and "typed@2" in out, err


def _by_key() -> dict[tuple[str, str], list[str]]:
    found: dict[tuple[str, str], list[str]] = {}
    for doc, path, kind in typed.cases():
        found.setdefault((doc, path), []).append(kind)
    return found


BY_KEY = _by_key()


@pytest.mark.parametrize(("doc", "path"), list(BY_KEY), ids=[p for _, p in BY_KEY])
def test_a_value_of_the_wrong_type_is_refused(run, tmp_path, alone, doc, path):
    """Each wrong kind of value for the key: `validate` names the key (and its line) and exits
    1; `list` on a folder holding the file says one error and a hint, exit 2."""
    place = tmp_path / "std"
    kinds = BY_KEY[(doc, path)]
    key = path.rsplit(".", 1)[-1].split("[")[0]
    for i, kind in enumerate(kinds):
        target = write_case(place, doc, path, kind)
        errors = invalid(run("validate", "--standards", str(place), str(target)))
        assert any(f"{target.name}:" in e and f"{key}" in e for e in errors), (kind, errors)
        if i == len(kinds) // 2:  # `list` reads the same report: one kind per key is enough
            refused(run("list", "--standards", str(place)), f"{target.name}:")


@pytest.mark.parametrize("value", ["-1e30", "1e30", "-7", "101"])
def test_a_wire_gauge_out_of_range_is_refused(run, tmp_path, alone, value):
    # AWG -1e30 overflowed the conversion to a diameter: a traceback in every command.
    text = HEAD + (
        f'\n[[grades]]\ncode = "c"\n\n[[grades.requirements]]\nprop = "wire.diameter"\n'
        f'ge = {value}\nunit = "AWG"\nevidence = ["s"]\n'
    )
    place = folder(tmp_path, text)
    line = text.splitlines().index(f"ge = {value}") + 1
    refused(run("list", "--standards", str(place)), f"hostile.toml:{line}:", "no wire gauge")
    invalid(run("validate", str(place / "hostile.toml")), "no wire gauge number")


@pytest.mark.parametrize("value", ["-3", "0", "16", "40"])
def test_wire_gauges_in_range_are_read(run, tmp_path, alone, value):
    text = HEAD + (
        f'\n[[grades]]\ncode = "c"\n\n[[grades.requirements]]\nprop = "wire.diameter"\n'
        f'ge = {value}\nunit = "AWG"\nevidence = ["s"]\n'
    )
    code, out, err = run("show", "hostile", "c", "--standards", str(folder(tmp_path, text)))
    assert code == 0 and "wire" in out, err


# --- amendments in a loop -------------------------------------------------------------------------


def amendment(edition: str, amends: str) -> str:
    return f'format = 1\nkey = "loop"\nedition = "{edition}"\namends = "{amends}"\n'


@pytest.mark.parametrize(
    "files",
    [
        {"a.toml": ("1", "loop@1")},
        {"a.toml": ("1", "loop@2"), "b.toml": ("2", "loop@1")},
        {"a.toml": ("1", "loop@2"), "b.toml": ("2", "loop@3"), "c.toml": ("3", "loop@1")},
    ],
    ids=["itself", "two", "three"],
)
def test_amendments_in_a_loop_are_refused_naming_the_files(run, tmp_path, files):
    for name, (edition, amends) in files.items():
        folder(tmp_path, amendment(edition, amends), name)
    place = tmp_path / "standards"
    error = refused(run("list", "--standards", str(place)), "in a loop", "a.toml:4: amends")
    assert all(f"{name} (loop@" in error for name in files)
    errors = invalid(run("validate", "--standards", str(place)), "in a loop")
    assert len([e for e in errors if "in a loop" in e]) == len(files)  # one per file


# --- references that are paths --------------------------------------------------------------------


@pytest.fixture
def secret(tmp_path) -> Path:
    """A canonical file outside the corpus: what a path in a data file would have read."""
    path = tmp_path / "outside" / "secret.toml"
    path.parent.mkdir()
    path.write_text(
        HEAD.replace('"hostile"', '"secret"') + '\n[[grades]]\ncode = "SECRETGRADE"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("key", ["amends", "supersedes"])
@pytest.mark.parametrize("how", ["absolute", "relative", "toml-name", "home"])
def test_a_reference_in_a_canonical_file_is_never_a_path(
    run, tmp_path, monkeypatch, secret, key, how
):
    shown = {
        "absolute": str(secret),
        "relative": "../outside/secret.toml",
        "toml-name": "secret.toml",
        "home": "~/secret",
    }[how]
    place = folder(tmp_path, HEAD.replace('families = ["copper"]', f'{key} = "{shown}"'))
    monkeypatch.chdir(place)  # where a relative path would find the file
    error = refused(run("list", "--standards", str(place)), f"{key}: '{key}' is not key@edition")
    assert "SECRETGRADE" not in error
    invalid(run("validate", str(place / "hostile.toml")), "is not key@edition")
    # Named on the command line, the amendment is read, and its reference is still no path.
    code, out, err = run("show", str(place / "hostile.toml"))
    assert code == 2 and "SECRETGRADE" not in out + err


def test_a_lot_declaring_a_path_is_refused(run, tmp_path, secret):
    lot = tmp_path / "lot.toml"
    lot.write_text(f'declared = "{secret}:SECRETGRADE"\n[assay]\n"content.Cu" = 99.9\n')
    error = refused(run("check", str(lot)), "lot.toml: declared: ", "is a path")
    assert "SECRETGRADE" not in error
    csv_lot = tmp_path / "lot.csv"
    csv_lot.write_text(f"key,value,unit\ndeclared,{secret}:SECRETGRADE,\ncontent.Cu,99.9,%\n")
    refused(run("check", str(csv_lot)), "lot.csv: declared: ", "is a path")


def test_a_label_naming_a_path_is_refused(run, tmp_path, secret):
    labels = tmp_path / "labels.csv"
    labels.write_text(
        "a_ref,a_code,b_ref,b_code,label\n"
        f"{secret},SECRETGRADE,isri-circular@2022,Barley,equivalent\n"
    )
    refused(run("evaluate", str(labels)), "is a path")


def test_a_correspondence_naming_a_path_is_refused(run, tmp_path, secret):
    place = tmp_path / "standards"
    (place / "correspondences").mkdir(parents=True)
    (place / "correspondences" / "x.toml").write_text(
        "[[correspondences]]\n"
        f'a = "{secret}:SECRETGRADE"\nb = "isri-circular@2022:Barley"\n'
        'source = "a test"\n'
    )
    code, out, err = run("lookup", "Barley", "--standards", str(place))
    refused((code, out, err), "x.toml: correspondences[0].a: ", "is a path")


# --- many grades ----------------------------------------------------------------------------------


def many_grades(n: int, key: str = "hostile", family: str = "copper") -> str:
    """n grades of one requirement each (5 000 are 0.85 MB): against ISRI's 33 copper grades,
    165 000 candidate pairs; `compare -f json` took 114 s and 11 GB."""
    head = HEAD.replace('"hostile"', f'"{key}"').replace('"copper"', f'"{family}"')
    parts = [head]
    for i in range(n):
        parts.append(
            f'[[grades]]\ncode = "c{i}"\nnames.en = "No. {i % 4 + 1} bare bright {family} {i}"\n'
            f'text = "full"\n\n[[grades.requirements]]\nprop = "content.Cu"\nge = {90 + i % 10}\n'
            'unit = "%"\nevidence = ["s"]\n'
        )
    return "\n".join(parts)


def test_a_comparison_past_the_limit_is_refused_before_scoring(tmp_path):
    place = folder(tmp_path, many_grades(5000))
    assert len((place / "hostile.toml").read_bytes()) > 800_000
    args = ("--standards", str(place), "-f", "json")
    error = refused(cli("compare", "hostile", "isri-circular@2024", *args), "over the limit")
    # the counts follow the corpus (ISRI's grades, how many share a family with the file's)
    found = re.search(
        r"5,000 \(hostile@1\) × (\d+) \(isri-circular@2024\).* ([\d,]+) candidate", error
    )
    assert found and int(found.group(2).replace(",", "")) > 50_000


def test_a_lookup_over_many_grades_answers(tmp_path):
    """One grade against 2 000: within the limit, every match written with its gaps (5 000
    took 10 s and 730 MB, the JSON's text held as hundreds of pieces a match)."""
    place = folder(tmp_path, many_grades(2000))
    query = ("isri-circular@2024:Birch", "-f", "json")
    code, out, err = cli("lookup", *query, "--standards", str(place))
    assert code == 0, err[-2000:]
    matches = json.loads(out)["matches"]
    assert sum(m["standard"] == "hostile@1" for m in matches) == 2000


@pytest.fixture
def small_limit(monkeypatch):
    from stdcompare import match

    monkeypatch.setattr(match, "MAX_PAIRS", 1000)


def test_the_limit_counts_the_pairs_blocking_lets_through(run, tmp_path, alone, small_limit):
    place = folder(tmp_path, many_grades(40))
    folder(tmp_path, many_grades(40, "other"), "other.toml")
    folder(tmp_path, many_grades(40, "steel", "steel"), "steel.toml")
    # 40 × 40 copper grades: 1 600 candidate pairs, refused. Copper against steel: as many
    # grade pairs, none a candidate (blocked by family): nothing to refuse.
    refused(run("compare", "hostile", "other", "--standards", str(place)), "1,600 candidate")
    code, out, err = run("compare", "hostile", "steel", "--standards", str(place))
    assert code == 0, err


def test_the_corpus_report_is_held_to_the_limit(run, tmp_path, small_limit):
    place = folder(tmp_path, many_grades(60))
    refused(run("report", "-o", str(tmp_path / "r.html"), "--standards", str(place)), "limit")
    assert not (tmp_path / "r.html").exists()


def test_json_text_is_what_json_dumps_writes():
    """The comparison and lookup JSON keep their bytes: json_text and OneByOne (records made
    as the encoder reaches them) write exactly json.dumps(..., indent=2) and a newline."""
    from stdcompare.render.jsontext import OneByOne, json_text

    def record(i: int) -> dict:
        return {"code": f"c{i}", "text": '≥ 99.9 % «铜» "q"\n', "gaps": [], "x": {}, "n": None}

    plain = {"a": {"ref": "x@1"}, "pairs": [record(i) for i in range(20_000)], "notes": []}
    lazy = {**plain, "pairs": OneByOne(range(20_000), record), "notes": OneByOne([], record)}
    expected = json.dumps(plain, ensure_ascii=False, indent=2) + "\n"
    assert json_text(plain) == expected
    assert json_text(lazy) == expected
