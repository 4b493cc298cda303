"""The helpers every markup reader shares."""

from __future__ import annotations

import sys

from hypothesis import given
from hypothesis import strategies as st

from stdcompare.parsers.toolkit.markup import squash

# Every character Python counts as whitespace (str.split() splits on each), and some that look
# like it but are not (zero-width space, BOM): squash must treat each exactly as split() does.
WHITESPACE = [chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()]
LOOKALIKES = ["\u200b", "\ufeff", "\u00ad"]
TEXT = st.text(
    st.one_of(
        st.sampled_from(WHITESPACE + LOOKALIKES), st.characters(), st.sampled_from(" \xa0ab.")
    )
)


@given(TEXT)
def test_squash_is_split_and_join(text):
    assert squash(text) == " ".join(text.split())


def test_squash_on_paragraphs_as_eurlex_prints_them():
    assert squash("1.\xa0\xa0\xa0For the purpose of this Regulation") == (
        "1. For the purpose of this Regulation"
    )
    assert squash("\n      ") == ""
    assert squash("  copper\u3000wire\t\t≥ 99 %\r\n") == "copper wire ≥ 99 %"
    assert squash("already clean") == "already clean"
    assert squash(" " * 1000 + "x" + " " * 7) == "x"
