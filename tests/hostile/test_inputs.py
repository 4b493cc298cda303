"""Ordinary bad input that ended in tracebacks: malformed lot files, settings and accept files,
label files that are not UTF-8, arguments no terminal should send. Each is one error line with
a hint and exit 2, naming the file (and line or key where there is one)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from ..conftest import FIXTURES

CORPUS = str(FIXTURES / "corpus")


def refused(result, *words: str) -> str:
    code, out, err = result
    lines = err.splitlines()
    assert code == 2, err
    assert "Traceback" not in err
    assert len(lines) == 2 and lines[0].startswith("stdcompare: error: "), err
    assert lines[1].startswith("hint: "), err
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


# Each malformed lot, and words its one error line must hold. The file name is always there.
BAD_LOTS = {
    "declared-number.toml": ("declared = 5\n[assay]\nCu = 99\n", "declared", "grade reference"),
    "declared-list.toml": ('declared = ["a"]\n[assay]\nCu = 99\n', "declared"),
    "assay-number.toml": ("assay = 5\n", "assay", "not a table"),
    "assay-text.toml": ('assay = "Cu"\n', "assay"),
    "assay-list.toml": ("assay = [1, 2]\n", "assay"),
    "findings-number.toml": ("findings = 5\n[assay]\nCu = 99\n", "findings"),
    "findings-list.toml": ('findings = ["x"]\n[assay]\nCu = 99\n', "findings"),
    "as-of-word.toml": ('as_of = "yesterday"\n[assay]\nCu = 99\n', "as_of", "not a date"),
    "as-of-number.toml": ("as_of = 5\n[assay]\nCu = 99\n", "as_of"),
    "as-of-bad-month.toml": ("as_of = 2025-13-01\n", "TOML"),
    "finding-maybe.toml": (
        '[assay]\nCu = 99\n[findings]\nradioactive_material = "maybe"\n',
        "radioactive_material",
        "true or false",
    ),
    "finding-table.toml": (
        "[assay]\nCu = 99\n[findings]\nradioactive_material = { a = 1 }\n",
        "true or false",
    ),
    "typo-key.toml": ('declared2 = "x"\n[assay]\nCu = 99\n', "unknown key 'declared2'"),
    "huge-exponent.toml": ("[assay]\nCu = 1e400\n", "Cu"),
    "bool-value.toml": ("[assay]\nCu = true\n", "needs a number"),
    "date-value.toml": ("[assay]\nCu = 1979-05-27\n", "needs a number"),
    "comma-decimal.toml": ('[assay]\nCu = "99,5"\n', "needs a number"),
    "list-value.toml": ("[assay]\nCu = [99]\n", "needs a number"),
    "unit-number.toml": ("[assay]\nCu = { value = 99, unit = 5 }\n", "unknown unit"),
    "gauge-absurd.toml": (
        '[assay]\nwire.diameter = { value = -1e30, unit = "awg" }\n',
        "no wire gauge",
    ),
    "empty-key.toml": ('[assay]\n"" = 5\n', "unknown assay key"),
    "binary.toml": ("\x00\x01", "TOML"),
    "twice.toml": ("[assay]\nCu = 99\n[x]\n[x]\n", "TOML"),
    "letters.csv": ("key,value,unit\nCu,abc,%\n", ":2:", "needs a number"),
    "not-a-date.csv": ("key,value,unit\nas_of,notadate,\nCu,99,%\n", ":2:", "not a date"),
    "feb-30.csv": ("key,value,unit\nas_of,2025-02-30,\n", ":2:", "not a date"),
    "unknown-unit.csv": ("key,value,unit\nCu,99,furlongs\n", "unknown unit"),
    "unknown-finding.csv": ("key,value,unit\nfinding:nope,yes,\n", "unknown finding"),
    "finding-maybe.csv": (
        "key,value,unit\nfinding:radioactive_material,maybe,\n",
        ":2:",
        "yes or no",
    ),
    "no-value.csv": ("key,value,unit\nCu\n", "needs a number"),
    "nan.csv": ("key,value,unit\nCu,nan,%\n", "NaN"),
    "overflow.csv": ("key,value,unit\nCu,1e999999999,%\n", ":2:", "Cu"),
    "underflow.csv": ("key,value,unit\nwire.diameter,1e-99999999,mm\n", ":2:"),
    "long-field.csv": ("a" * 200_000 + "\n", "CSV"),
    "twice.csv": ("key,value,unit\nCu,99,%\nCu,98,%\n", "twice"),
}


@pytest.mark.parametrize("name", sorted(BAD_LOTS))
def test_a_malformed_lot_is_one_error_line(run, tmp_path, name):
    text, *words = BAD_LOTS[name]
    lot = tmp_path / name
    lot.write_text(text, encoding="utf-8")
    refused(run("check", str(lot), "--standards", CORPUS), name, *words)


def test_a_lot_not_in_utf8(run, tmp_path):
    lot = tmp_path / "latin1.toml"
    lot.write_bytes("[assay]\n# Kupfer für Draht\nCu = 99\n".encode("latin-1"))
    refused(run("check", str(lot), "--standards", CORPUS), "not UTF-8")


def test_the_good_lots_still_read(run):
    for name in ("wire-lot.toml", "wire-lot.csv"):
        code, out, err = run("check", str(FIXTURES / "lots" / name), "--standards", CORPUS)
        assert code in (0, 1) and "Traceback" not in err
        assert out.startswith(f"lot {FIXTURES / 'lots' / name}")


# --- settings and accept files --------------------------------------------------------------

SETTINGS = {
    "fail_on = 5": "not a level",
    "accept = 5": "must be a path",
    "diff = 5": "must be a table",
    "[tool.stdcompare.diff]\nlevels = 5": "must be a table",
    '[tool.stdcompare.diff.levels]\n"grade.renamed" = "fatal"': "not a level",
}


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """A repository folder to run `diff` in, its settings read from its pyproject.toml."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


DIFF = (
    "diff",
    "test-wire@2018",
    str(FIXTURES / "diff" / "wire-spec-2024.toml"),
    "--standards",
    CORPUS,
)


@pytest.mark.parametrize("text", sorted(SETTINGS))
def test_wrong_settings_are_one_error_line(run, checkout, text):
    (checkout / "pyproject.toml").write_text(f"[tool.stdcompare]\n{text}\n")
    refused(run(*DIFF), "pyproject.toml", SETTINGS[text])


@pytest.mark.parametrize("text", ["tool = 5", "[tool]\nstdcompare = 5", "\udcff"])
def test_a_pyproject_of_the_wrong_shape(run, checkout, text):
    data = text.encode("utf-8", "surrogateescape")
    (checkout / "pyproject.toml").write_bytes(data)
    refused(run(*DIFF), "pyproject.toml")


ACCEPTS = {
    "accept = 5": "must be a list",
    "accept = [5]": "needs fingerprint, reason and date",
    '[[accept]]\nfingerprint = ["x"]\nreason = "r"\ndate = 2020-01-01': "not text",
    '[[accept]]\nfingerprint = "abc"\nreason = 5\ndate = 2020-01-01': "not text",
}


@pytest.mark.parametrize("text", sorted(ACCEPTS))
def test_wrong_accept_files_are_one_error_line(run, checkout, text):
    (checkout / "accepted.toml").write_text(text + "\n")
    refused(run(*DIFF, "--accept", "accepted.toml"), "accepted.toml", ACCEPTS[text])


def test_settings_above_the_repository_are_not_read(run, tmp_path, monkeypatch):
    """A pyproject.toml above the checkout is somebody else's (ruff and black stop there)."""
    (tmp_path / "pyproject.toml").write_text('[tool.stdcompare]\nfail_on = "never"\n')
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")
    code, out, _ = run(*DIFF, "--format", "json")
    assert json.loads(out)["fail_on"] == "breaking"
    (repo / "pyproject.toml").write_text('[tool.stdcompare]\nfail_on = "never"\n')
    code, out, _ = run(*DIFF, "--format", "json")
    assert json.loads(out)["fail_on"] == "never" and code == 0


# --- labels, arguments, Ctrl-C --------------------------------------------------------------


def test_a_labels_file_not_in_utf8(run, tmp_path):
    labels = tmp_path / "labels.csv"
    labels.write_bytes(b"a_ref,a_code,b_ref,b_code,label\nisri-circular,K\xfcpfer,x,y,not\n")
    refused(run("evaluate", str(labels)), "labels.csv", "not UTF-8")


def test_a_labels_row_cut_short(run, tmp_path):
    labels = tmp_path / "labels.csv"
    labels.write_text("a_ref,a_code,b_ref,b_code,label\nisri-circular,Barley\n")
    refused(run("evaluate", str(labels)), "labels.csv:2")


def test_an_argument_that_is_not_utf8(run):
    query = b"\xff\xfeBirch".decode("utf-8", "surrogateescape")  # as Python hands it over
    line = refused(run("lookup", query, "--standards", CORPUS), "not UTF-8")
    assert "\\xff\\xfeBirch" in line


def test_ctrl_c_while_the_cli_loads_is_one_line(tmp_path):
    """Ctrl-C arrives while typer is being imported: the console script's own entry point
    says 'interrupted' in one line and exits 130, with no traceback from inside an import."""
    interrupt = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'typer':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "sys.argv = ['stdcompare', 'list']\n"
        "from stdcompare.launch import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", interrupt], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 130
    assert done.stderr.splitlines() == [
        "stdcompare: error: interrupted",
        "hint: run the command again to finish it",
    ]


# --- outputs: a coverage page that cannot be read, a killed run's leftovers ----------------


def test_write_coverage_into_a_folder_is_one_error_line(run, tmp_path):
    refused(run("validate", "--write-coverage", str(tmp_path)), "cannot read", str(tmp_path))


def test_a_killed_runs_temporary_file_is_removed_by_the_next_write(run, tmp_path):
    """kill -9 during -o leaves `.report.html.xxxx`; the next write of that output removes
    it once it is an hour old, and leaves a younger one (a run writing right now) alone."""
    import time

    stale = tmp_path / ".report.html.k3j9x2ab"
    fresh = tmp_path / ".report.html.p0q1r2st"
    other = tmp_path / ".notes.txt.k3j9x2ab"
    for path in (stale, fresh, other):
        path.write_text("half a report")
    two_hours_ago = time.time() - 7200
    for path in (stale, other):
        os.utime(path, (two_hours_ago, two_hours_ago))
    code, _, err = run(
        "compare",
        "test-wire@2018",
        "test-reg@2020",
        "--standards",
        CORPUS,
        "-o",
        str(tmp_path / "report.html"),
    )
    assert code == 0, err
    assert not stale.exists() and fresh.exists() and other.exists()
