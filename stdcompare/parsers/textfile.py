"""A plain-text document (the ISRI and GB/T text parsers' input; decoded by toolkit/decode.py)
cited as the draft's source."""

from __future__ import annotations

from pathlib import Path

from .. import model as m

SOURCE_ID = "doc"  # the evidence id a parsed draft cites for everything read from the document


def source(path: Path, parser: str) -> m.Evidence:
    return m.Evidence(
        SOURCE_ID,
        path.name or str(path),
        m.Tier.OFFICIAL,
        note=f"the document this draft was parsed from by the {parser} parser; "
        "give its real address and tier before it joins the corpus",
    )
