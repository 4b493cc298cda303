from __future__ import annotations

from pathlib import Path

import pytest

from stdcompare.cli import main
from stdcompare.corpus import Corpus

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent


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
