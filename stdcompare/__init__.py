"""stdcompare: line up scrap and recycled raw-material specifications in one schema.

The library never prints; the CLI (``stdcompare.cli``) is a thin shell over it.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "compare", "load_corpus"]


def load_corpus(*folders, as_of=None):
    """The bundled corpus plus any extra folders (``STDCOMPARE_PATH`` is honoured too)."""
    from .corpus import Corpus

    return Corpus.discover(extra=[*folders], as_of=as_of)


def compare(a, b, *, corpus=None, family: str | None = None):
    """Two standards side by side, as `stdcompare compare A B`: references as strings
    ("isri-circular", "gbt-38471@2019") or paths. In a notebook the result shows as the compare
    page; `.to_records()` gives rows for pandas."""
    found = corpus if corpus is not None else load_corpus()
    return found.compare(str(a), str(b), family)
