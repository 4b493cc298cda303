"""Which parser reads a file: decided by its content, not its name alone."""

from __future__ import annotations

import re
from pathlib import Path

from .. import model as m
from ..errors import StdcompareError

_CANONICAL = re.compile(rb"^\s*(format|key)\s*=", re.MULTILINE)


def sniff(head: bytes) -> str | None:
    """The name of the parser for a file that starts with `head`, or None."""
    if _CANONICAL.search(head) and b"edition" in head:
        return "spec"
    return None


def parse(path: Path, parser: str, corpus) -> m.Standard:
    if not path.is_file():
        raise StdcompareError(f"no such file: {path}", "give the path of a source document")
    name = parser
    if parser == "auto":
        with path.open("rb") as fh:
            name = sniff(fh.read(64 * 1024))
        if name is None:
            raise StdcompareError(
                f"{path}: no parser recognises this document",
                "for now only canonical .toml files are read (--parser spec)",
            )
    return corpus.resolve(str(path.resolve()))
