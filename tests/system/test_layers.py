"""The layers of docs/architecture.md run one way (issue 16): import-linter's contract in
pyproject.toml passes, and it names every module, so that none escapes it unnoticed."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ..conftest import REPO

PACKAGE = REPO / "stdcompare"


def _contract() -> dict:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = config["tool"]["importlinter"]["contracts"]
    return contract


def test_every_module_sits_in_a_layer():
    named = {
        name.strip() for row in _contract()["layers"] for name in row.replace("|", ":").split(":")
    }
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    packages = {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert modules | packages == named


def test_the_layers_contract_is_kept():
    linter = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    if linter is None:
        pytest.skip("import-linter is not installed (pip install '.[test]')")
    done = subprocess.run(
        [linter, "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert "1 kept, 0 broken" in done.stdout
