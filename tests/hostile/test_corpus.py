"""Hostile files in a folder of standards (`--standards DIR`): a small canonical TOML file built to
tie the tool up, to crash it with values of the wrong type, or to make it read other files.

Each is refused with exit 2, one `stdcompare: error:` line naming the file and a `hint:` line
(`validate` lists its errors and exits 1), never a traceback. Every file is generated here, into
tmp_path. Those that used to take minutes run in a subprocess with a generous timeout, so a
regression fails the test instead of hanging the suite; no test asserts a duration.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import REPO

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
