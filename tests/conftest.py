from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from stdcompare.console import main
from stdcompare.corpus import Corpus

# Speed is measured by the benchmarks in bench/, never by a test: Hypothesis's per-example
# deadline made property tests fail on a loaded machine (two cores, several suites at once).
settings.register_profile("stdcompare", deadline=None)
settings.load_profile("stdcompare")

FIXTURES = Path(__file__).parent / "fixtures"
GOLD = Path(__file__).parent / "gold"
REPO = Path(__file__).resolve().parent.parent


# Whole modules that take seconds each: a real browser, whole-process runs against time and
# memory limits, building a wheel or a site, mypy and import-linter, the corpus's every pair.
# `pytest` leaves them out (a run of under a minute while working); `pytest -m ""` (the
# README's command and .ci/run) runs everything.
SLOW = {
    "tests/system/test_browser.py",
    "tests/system/test_site_browser.py",
    "tests/system/test_pages_browser.py",
    "tests/render/test_site.py",
    "tests/system/test_install.py",
    "tests/system/test_types.py",
    "tests/system/test_layers.py",
    "tests/system/test_ci_workflow.py",
    "tests/test_answers.py",
    "tests/test_crossval.py",
    "tests/test_weights.py",
    "tests/system/test_hostile.py",
    "tests/hostile/test_caches.py",
    "tests/hostile/test_corpus.py",
    "tests/hostile/test_parsers.py",
    "tests/hostile/test_outputs.py",
    "tests/match/test_scale.py",
    "tests/parsers/test_pdf.py",
    "tests/system/test_smoke.py",
    "tests/system/test_one_answer.py",
    "tests/render/test_html.py",
    "tests/system/test_chinese_formats.py",
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


REVIEW = Path(__file__).parent / "gold-review"  # outputs that differ from their gold (not kept)
# The golden outputs are made from the fixture corpora only (tests/fixtures/corpus and
# gold-corpus, written for the tests): an edit of the bundled corpus never rewrites them.
GOLD_CORPUS = [
    "--standards",
    str(FIXTURES / "corpus"),
    "--standards",
    str(FIXTURES / "gold-corpus"),
]


@pytest.fixture
def gold(request):
    """Compare text with tests/gold/<name>; with --update-gold, rewrite the file instead. A
    mismatch leaves the output in tests/gold-review/<name> to diff against the gold (the way
    coverage.py's gold tests do)."""
    update = request.config.getoption("--update-gold")

    def _check(name: str, text: str) -> None:
        text = text.replace(str(REPO), "<repo>")  # where the checkout is differs by machine
        path = GOLD / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"no golden file {name}: run pytest --update-gold"
        if text != path.read_text(encoding="utf-8"):
            review = REVIEW / name
            review.parent.mkdir(parents=True, exist_ok=True)
            review.write_text(text, encoding="utf-8")
            raise AssertionError(
                f"{name} differs from its golden file: diff tests/gold/{name} "
                f"tests/gold-review/{name} (pytest --update-gold to accept)"
            )

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
