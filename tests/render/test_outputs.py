"""Each command's answer in each format it offers, held to a golden file (issue 17): one per
(command, format, scenario), made from the fixture corpora alone (tests/fixtures/corpus and
gold-corpus, written for the tests), so an edit of the bundled corpus never rewrites them.

`pytest tests/render/test_outputs.py --update-gold` rewrites them after an intended change."""

from __future__ import annotations

from datetime import date

import pytest

from stdcompare import api
from stdcompare.corpus import Corpus
from stdcompare.render import outputs
from stdcompare.render.interface import Format

from ..conftest import FIXTURES

DAY = date(2024, 6, 1)
LOT = FIXTURES / "lots" / "wire-lot.toml"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    folders = [FIXTURES / "corpus", FIXTURES / "gold-corpus"]
    return Corpus.discover(extra=folders, as_of=DAY, bundled=False)


def _answers(corpus: Corpus) -> dict:
    """(command, scenario) -> the Output the CLI would emit for it."""
    mill = api.harmonise(["test-wire@2021:W-2", "test-mill@2020:M-A"], corpus=corpus)
    shown = api.show("test-wire@2021", "W-2", corpus=corpus)
    found = lambda: api.lookup("W-2", within=["test-mill"], corpus=corpus)  # noqa: E731
    return {
        ("list", "fixtures"): outputs.listing(api.standards(corpus=corpus)),
        ("show", "wire-W-2"): outputs.show(shown.standard, shown.grade, corpus.vocabulary),
        ("lookup", "W-2-in-mill"): outputs.lookup(found, corpus, ("W-2", "test-mill"), "en"),
        ("check", "wire-lot"): outputs.checked(api.check(LOT, corpus=corpus), corpus.vocabulary),
        ("harmonise", "W-2-M-A"): outputs.harmonised(mill, corpus, "en", "draft", DAY),
        ("recognise", "copper"): outputs.recognised(
            api.recognise("copper", corpus=corpus), corpus, "en"
        ),
        ("validate", "fixtures"): outputs.validated(
            api.validate([FIXTURES / "corpus"], corpus=corpus), quiet=False
        ),
    }


# HTML pages are held by the compare and report goldens (tests/system/test_compare.py) and
# tried in a browser; here the other formats of every command.
CASES = [
    ("list", "fixtures", Format.text),
    ("list", "fixtures", Format.json),
    ("show", "wire-W-2", Format.text),
    ("show", "wire-W-2", Format.json),
    ("lookup", "W-2-in-mill", Format.text),
    ("lookup", "W-2-in-mill", Format.json),
    ("lookup", "W-2-in-mill", Format.csv),
    ("check", "wire-lot", Format.text),
    ("check", "wire-lot", Format.json),
    ("harmonise", "W-2-M-A", Format.text),
    ("harmonise", "W-2-M-A", Format.json),
    ("harmonise", "W-2-M-A", Format.md),
    ("harmonise", "W-2-M-A", Format.toml),
    ("recognise", "copper", Format.text),
    ("recognise", "copper", Format.json),
    ("recognise", "copper", Format.csv),
    ("validate", "fixtures", Format.text),
    ("validate", "fixtures", Format.json),
]


@pytest.fixture(scope="module")
def answers(corpus):
    return _answers(corpus)


@pytest.mark.parametrize("command, scenario, fmt", CASES, ids=lambda v: str(v))
def test_golden_output(answers, gold, command, scenario, fmt):
    text = answers[(command, scenario)].render(fmt)
    text = text if isinstance(text, str) else "".join(text)
    assert text.strip()
    gold(f"{command}/{scenario}.{fmt.value}", text)


def test_every_format_every_command_offers_is_held(answers):
    """A format added to a command's Output without a golden file fails here."""
    held = {(c, s, f) for c, s, f in CASES}
    for (command, scenario), answer in answers.items():
        for fmt in answer.formats:
            if fmt is not Format.html:
                assert (command, scenario, fmt) in held, (command, fmt)
