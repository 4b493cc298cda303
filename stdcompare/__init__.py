"""stdcompare: line up scrap and recycled raw-material specifications in one schema.

The public API (api.py) is importable from here: ``stdcompare.compare(a, b)``,
``stdcompare.lookup("Birch")`` … It is loaded on first use, so that the CLI, which starts by
importing this package, does not pay for it. The library never prints; the CLI is a thin
shell over it.
"""

from __future__ import annotations

from .version import __version__

_API = (
    "Compared",
    "LotCheck",
    "check",
    "compare",
    "cross_validate",
    "diff",
    "docs",
    "evaluate",
    "harmonise",
    "load_corpus",
    "lookup",
    "parse",
    "recognise",
    "report",
    "schema",
    "show",
    "site",
    "standards",
    "report_html",
    "validate",
    "level_weights",
)

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'stdcompare' has no attribute {name!r}")
