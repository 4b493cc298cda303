"""The wheel carries the corpus and the templates, so an installed stdcompare works anywhere."""

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from ..conftest import REPO


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


def test_wheel_ships_the_docs_the_help_points_to(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    for page in ("lot", "ci", "format", "matching", "caches"):
        assert f"stdcompare/_data/docs/{page}.md" in names


def test_docs_command_prints_a_page(run):
    code, out, _ = run("docs")
    assert code == 0 and {"lot", "ci", "format", "matching", "caches"} <= set(out.split())
    code, out, _ = run("docs", "lot")
    assert code == 0 and out.startswith("# Lot files")
    code, _, err = run("docs", "lots")
    assert code == 2 and "the pages:" in err


def _help_texts(run) -> dict[str, str]:
    from stdcompare.cli import app

    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    return {name: run(name, "--help")[1] for name in names}


def test_help_examples_run_from_any_folder(run):
    """No example names a file of the source tree: after pip install there is none."""
    texts = _help_texts(run)
    assert len(texts) >= 12
    for name, text in texts.items():
        examples = [line for line in text.splitlines() if "Example:" in line]
        assert examples, name
        for line in examples:
            assert "standards/" not in line and "tests/" not in line, line


def test_help_says_what_verdicts_and_scores_mean(run):
    texts = _help_texts(run)
    for name in ("lookup", "compare"):
        text = " ".join(texts[name].split())
        for word in ("equivalent", "comparable", "related", "score", "Best partners"):
            assert word in text, (name, word)


def test_shell_completion_is_offered(run):
    code, out, _ = run("--help")
    assert code == 0 and "--install-completion" in out


def test_a_notebook_sees_short_reprs_and_a_clear_missing_grade():
    from stdcompare import load_corpus
    from stdcompare.errors import RefError

    corpus = load_corpus()
    assert repr(corpus).startswith("<Corpus not loaded yet, as of ")
    std = corpus.resolve("gbt-38471@2019")
    assert repr(std) == "<Standard gbt-38471@2019 'GB/T 38471-2019': 11 grades>"
    assert repr(corpus).startswith("<Corpus ") and "editions" in repr(corpus)
    with pytest.raises(RefError, match="has no grade 'RCu-9Z'") as caught:
        std.grade("RCu-9Z")
    assert caught.value.hint.startswith("did you mean RCu-")
    assert std.find_grade("RCu-9Z") is None


def test_a_comparison_in_a_notebook_shows_its_page():
    import stdcompare

    found = stdcompare.compare("isri-circular", "gbt-38471@2019")
    assert repr(found).startswith("<Comparison isri-circular@2024 ↔ gbt-38471@2019: ")
    page = found._repr_html_()
    assert page.startswith("<!DOCTYPE html>") and "RCu-1C" in page
    assert found.to_records()[0]["b_code"]


def _cited_hosts() -> set[str]:
    """Every host a standards file cites as a source address."""
    import re

    hosts = set()
    for path in (REPO / "standards").rglob("*.toml"):
        hosts.update(re.findall(r"https?://([^/\s\"']+)", path.read_text(encoding="utf-8")))
    return hosts


def test_wheel_metadata_links_only_to_cited_sources(wheel):
    with zipfile.ZipFile(wheel) as archive:
        meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        lines = archive.read(meta).decode().splitlines()
    links = [line.split(", ", 1)[1] for line in lines if line.startswith("Project-URL: ")]
    assert len(links) >= 3, lines[:30]
    cited = _cited_hosts()
    for link in links:
        host = link.split("/")[2]
        assert host in cited, f"{link} is not on a host the corpus cites"
