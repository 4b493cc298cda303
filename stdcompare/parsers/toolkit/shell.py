"""The pieces of the Standard every parser builds around what it read: one requirement per
property, the key of a designation, the file's digest and where it came from."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ... import model as m
from ..textfile import SOURCE_ID


@dataclass
class Requirements:
    """Requirements of one level (standard or group): a property may be stated only once."""

    found: dict[str, m.Requirement] = field(default_factory=dict)

    def add(self, req: m.Requirement) -> bool:
        if req.prop in self.found:
            return False
        self.found[req.prop] = req
        return True

    def all(self) -> tuple[m.Requirement, ...]:
        return tuple(self.found.values())


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def make_req(prop: str, flags: dict, **fields) -> m.Requirement:
    """A requirement read from a sentence of a text document, with what the sentence says of
    all it states (`flags`: strength, consequence, negotiable), citing the document."""
    return m.Requirement(
        prop=prop,
        strength=flags["strength"],
        consequence=flags["consequence"],
        negotiable=flags["negotiable"],
        evidence=(SOURCE_ID,),
        **fields,
    )


def origin(path: Path, data: bytes, source_format: str, parser: str, version: str) -> m.Origin:
    """Where a parsed standard came from: the file, its digest, its format and the parser."""
    return m.Origin(str(path), sha256(data), source_format, parser, version)


def official_source(ident: str, address: str, edition: str, parser: str, path: Path) -> m.Evidence:
    """The document itself, cited as the official source of the edition read from it."""
    return m.Evidence(
        ident,
        address,
        m.Tier.OFFICIAL,
        describes=edition,
        note=f"read by the {parser} parser from {path.name}",
    )
