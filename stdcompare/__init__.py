"""stdcompare: line up scrap and recycled raw-material specifications in one schema.

The library never prints; the CLI (``stdcompare.cli``) is a thin shell over it.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "load_corpus"]


def load_corpus(*folders, as_of=None):
    """The bundled corpus plus any extra folders (``STDCOMPARE_PATH`` is honoured too)."""
    from .corpus import Corpus

    return Corpus.discover(extra=[*folders], as_of=as_of)
