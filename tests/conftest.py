from __future__ import annotations

from pathlib import Path

import pytest

from stdcompare.cli import main
from stdcompare.corpus import Corpus

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = Path(__file__).parent / "gold"
REPO = Path(__file__).resolve().parent.parent


# Whole modules that take seconds each: a real browser, whole-process runs against time and
# memory limits, building a wheel or a site, mypy and import-linter, the corpus's every pair.
# `pytest` leaves them out (a run of under a minute while working); `pytest -m ""` (the
# README's command and .ci/run) runs everything.
SLOW = {
    "tests/test_browser.py",
    "tests/test_site_browser.py",
    "tests/test_site.py",
    "tests/test_install.py",
    "tests/test_types.py",
    "tests/test_layers.py",
    "tests/test_ci_workflow.py",
    "tests/test_answers.py",
    "tests/test_crossval.py",
    "tests/test_weights.py",
    "tests/test_hostile.py",
    "tests/hostile/test_caches.py",
    "tests/hostile/test_corpus.py",
    "tests/hostile/test_parsers.py",
    "tests/hostile/test_outputs.py",
    "tests/match/test_scale.py",
    "tests/parsers/test_pdf.py",
    "tests/test_smoke.py",
    "tests/test_one_answer.py",
    "tests/test_report.py",
}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(item.fspath).relative_to(REPO).as_posix() in SLOW:
            item.add_marker(pytest.mark.slow)


def pytest_addoption(parser):
    parser.addoption(
        "--update-gold",
        action="store_true",
        help="rewrite the golden files under tests/gold/ from the current output",
    )


@pytest.fixture
def gold(request):
    """Compare text with tests/gold/<name>; with --update-gold, rewrite the file instead."""
    update = request.config.getoption("--update-gold")

    def _check(name: str, text: str) -> None:
        path = GOLD / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {name}: run pytest --update-gold"
        expected = path.read_text(encoding="utf-8")
        assert text == expected, f"{name} differs from its golden file (pytest --update-gold)"

    return _check


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory):
    """Keep the caches of a test run, and the secret that seals them, in its own folders:
    nothing is written to the developer's real ~/.cache or ~/.local/state."""
    import os

    os.environ["STDCOMPARE_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["XDG_STATE_HOME"] = str(tmp_path_factory.mktemp("state"))


@pytest.fixture
def fixture_corpus() -> Corpus:
    """Only the test standards (bundled vocabulary), so tests do not move with the corpus."""
    return Corpus.discover(extra=[FIXTURES / "corpus"], bundled=False)


@pytest.fixture
def run(capsys, monkeypatch):
    """Run the CLI in-process: returns (exit code, stdout, stderr)."""
    monkeypatch.delenv("STDCOMPARE_PATH", raising=False)

    def _run(*args: str) -> tuple[int, str, str]:
        with pytest.raises(SystemExit) as exit_info:
            main(list(args))
        captured = capsys.readouterr()
        return exit_info.value.code, captured.out, captured.err

    return _run
