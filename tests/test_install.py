"""The wheel carries the corpus and the templates, so an installed stdcompare works anywhere."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    pytest.importorskip("hatchling")
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
    )
    return next(out.glob("stdcompare-*.whl"))


def test_wheel_ships_standards_and_templates(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "stdcompare/_data/templates/corpus.html.j2" in names
    assert "stdcompare/_data/standards/vocabulary/units.toml" in names
    assert "stdcompare/_data/standards/gbt/gbt-38471-2019.toml" in names
    assert not any(n.startswith("tests/") for n in names)


def test_console_script_runs_from_another_folder(tmp_path):
    script = Path(sys.executable).parent / "stdcompare"
    if not script.exists():
        pytest.skip("stdcompare is not installed beside this Python")
    done = subprocess.run(
        [str(script), "report", "-o", "r.html"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "GB/T 38471" in (tmp_path / "r.html").read_text()
    done = subprocess.run(
        [sys.executable, "-m", "stdcompare", "--version"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.stdout.startswith("stdcompare ")
