"""The GitHub Actions job docs/ci.md documents, run as written on a real git repository: a pull
request that adds an edition, corrects one, deletes one, while the base branch moved on.

The script is read out of docs/ci.md (the step marked `stdcompare-ci`), so the documentation
cannot drift from what is tested. It runs with bash and the installed `stdcompare`, the way a
runner would, with GitHub's variables set by hand."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from xml.etree import ElementTree

import pytest

from ..conftest import FIXTURES, REPO

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or shutil.which("bash") is None, reason="needs git and bash"
)


def documented_script() -> str:
    """The `run: |` block of the step whose script starts with the stdcompare-ci marker."""
    lines = (REPO / "docs" / "ci.md").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "# stdcompare-ci:" in line)
    indent = len(lines[start]) - len(lines[start].lstrip())
    block = []
    for line in lines[start:]:
        if line.strip() and len(line) - len(line.lstrip()) < indent:
            break
        block.append(line)
    return textwrap.dedent("\n".join(block)) + "\n"


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


def _other_standard(text: str) -> str:
    """The test wire spec under another key: an edition the pull request deletes."""
    return text.replace('key = "test-wire"', 'key = "test-other"').replace(
        "TEST WIRE SPEC 2018", "TEST OTHER SPEC 2018"
    )


@pytest.fixture
def pull_request(tmp_path) -> Path:
    """main: the test wire spec 2018, the test regulation, another standard. The branch adds
    the 2024 edition, corrects the regulation's copper minimum, deletes the other standard;
    main then changes the 2018 file on its own (which the branch's diff must not list)."""
    repo = tmp_path / "corpus"
    standards = repo / "standards"
    standards.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.email", "ci@example.invalid")
    git(repo, "config", "user.name", "CI")
    wire = (FIXTURES / "corpus" / "wire-spec-2018.toml").read_text(encoding="utf-8")
    (standards / "wire-spec-2018.toml").write_text(wire, encoding="utf-8")
    shutil.copy(FIXTURES / "corpus" / "test-reg-2020.toml", standards)
    (standards / "other-2018.toml").write_text(_other_standard(wire), encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "base")
    git(repo, "checkout", "-q", "-b", "pr")
    shutil.copy(FIXTURES / "diff" / "wire-spec-2024.toml", standards)
    reg = standards / "test-reg-2020.toml"
    reg.write_text(reg.read_text().replace("ge = 95\n", "ge = 96\n", 1), encoding="utf-8")
    (standards / "other-2018.toml").unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the pull request")
    git(repo, "checkout", "-q", "main")
    old = standards / "wire-spec-2018.toml"
    old.write_text(old.read_text() + "\n# a later edit on main\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "main moves on")
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    git(repo, "checkout", "-q", "pr")
    return repo


def run_job(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess:
    script = tmp_path / "step.sh"
    script.write_text(documented_script(), encoding="utf-8")
    env = {
        **os.environ,
        "BASE_REF": "main",
        "STDCOMPARE_PATH": "standards",
        "GITHUB_STEP_SUMMARY": str(tmp_path / "summary.md"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    return subprocess.run(
        ["bash", str(script)], cwd=repo, env=env, capture_output=True, text=True, timeout=300
    )


def test_the_documented_job_on_a_pull_request(pull_request, tmp_path):
    done = run_job(pull_request, tmp_path)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stdout + done.stderr  # breaking changes in 2024
    notes = [line for line in done.stdout.splitlines() if line.startswith("::")]
    by_file = {}
    for line in notes:
        file = re.search(r"file=([^,:]+)", line).group(1)
        by_file.setdefault(file, []).append(line)
    # the added edition, against the one it supersedes; annotations on their lines
    added = by_file["standards/wire-spec-2024.toml"]
    errors = [line for line in added if line.startswith("::error ")]
    assert errors and any(",line=" in line for line in added)
    # the correction, against the same file on the base branch: the minimum was raised
    corrected = by_file["standards/test-reg-2020.toml"]
    assert any("tightened" in line and ",line=" in line for line in corrected)
    # the deletion: a warning, not a crash
    assert by_file["standards/other-2018.toml"] == [
        "::warning file=standards/other-2018.toml::edition file deleted: its grades leave the "
        "corpus"
    ]
    # main's own later edit is not this branch's change
    assert "standards/wire-spec-2018.toml" not in by_file
    # JUnit and Markdown report what fails, though their steps exit 0
    suite = ElementTree.parse(pull_request / "diff-wire-spec-2024.xml").getroot()[0]
    assert int(suite.get("failures")) == len(errors)
    summary = (tmp_path / "summary.md").read_text(encoding="utf-8")
    assert f"**{len(errors)}** failing" in summary


def test_a_branch_that_changes_nothing_passes(pull_request, tmp_path):
    git(pull_request, "checkout", "-q", "-b", "quiet", "main")
    done = run_job(pull_request, tmp_path)
    assert (done.returncode, done.stdout) == (0, ""), done.stderr
