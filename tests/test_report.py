"""The HTML report: self-contained, deterministic, escaped."""

import re

from stdcompare.api import report_html
from stdcompare.corpus import Corpus

from .conftest import FIXTURES


def test_same_corpus_same_bytes():
    assert report_html(corpus=Corpus.discover()) == report_html(corpus=Corpus.discover())


def test_no_network_and_footer():
    html = report_html(corpus=Corpus.discover())
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"https?:", html)
    assert "no substitute for the official text" in html
    assert re.search(r"corpus [0-9a-f]{16}", html)


def test_states_are_shown_differently(fixture_corpus):
    html = report_html(corpus=fixture_corpus, all_editions=True)
    for state in ("stated", "forbidden", "unknown"):
        assert f'class="req state-{state}' in html
    assert 'id="test-wire-2018--w-1"' in html  # stable anchors


def test_source_text_is_escaped(tmp_path):
    text = (FIXTURES / "corpus" / "wire-spec-2018.toml").read_text()
    text = text.replace(
        'names.en = "No. 1 bare wire"',
        'names.en = "<script>alert(1)</script>\\"><img src=x onerror=alert(2)>"',
    )
    (tmp_path / "evil.toml").write_text(text)
    html = report_html(corpus=Corpus.discover(extra=[tmp_path], bundled=False), all_editions=True)
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
