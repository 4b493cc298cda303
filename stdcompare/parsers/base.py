"""The one small interface every native parser implements, and what a parse returns.

A parser turns one kind of real document into a Standard. Nothing is lost: every paragraph or
table cell ends up as a structured requirement (or name, or metadata) or as a kept note marked
verbatim, and the parse reports its coverage — the share of text units that became structure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from .. import model as m
from ..errors import QUOTE_CHARS, brief  # noqa: F401  (parsers quote documents with them)

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

MAX_DOCUMENT_BYTES = 64 * 1024 * 1024  # larger inputs are refused before parsing


MAX_NOTES = 20_000  # notes kept per document: a real standard has hundreds, a long act thousands


class Notes(list):
    """A parse's verbatim notes, at most MAX_NOTES of them: past it a unit still counts in the
    coverage (as not structured) but its text is not kept. A 10 MB page of one-word paragraphs
    made 1.2 million notes, 770 MB in memory and 84 MB of JSON. `closed` ends the list with a
    note saying how many were left out, and warns: nothing is dropped silently."""

    def __init__(self, *notes) -> None:
        super().__init__(*notes)
        self.left_out = 0

    def append(self, note: m.Note) -> None:
        if len(self) < MAX_NOTES:
            super().append(note)
        else:
            self.left_out += 1

    def closed(self, warnings: list[str]) -> list[m.Note]:
        if not self.left_out:
            return list(self)
        said = (
            f"{self.left_out} more units of text that became no structure are not kept as "
            f"notes: over the limit of {MAX_NOTES} notes a document"
        )
        warnings.append(said)
        return [*self, m.Note(said, None)]


@dataclass
class ParseResult:
    standard: m.Standard
    units_total: int  # paragraphs, list items, table cells with text
    units_structured: int  # of those, the ones that became structure
    warnings: list[str] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        return self.units_structured / self.units_total if self.units_total else 0.0

    @property
    def has_content(self) -> bool:
        """An identity (designation or title) or at least one grade or requirement."""
        std = self.standard
        identity = bool(std.designation.strip() or any(t.strip() for t in std.title.values()))
        reqs = std.requirements or any(g.requirements for g in std.groups)
        return identity or bool(std.grades) or bool(reqs)


class Parser(Protocol):
    name: str  # as given to --parser
    version: str

    def sniff(self, head: bytes, path: Path) -> bool:
        """True when the first bytes of a file look like this parser's kind of document."""
        ...

    def parse(self, data: bytes, path: Path, vocab: Vocabulary) -> ParseResult:
        """The document as a Standard; raises SourceError (file, line, reason) on bad input."""
        ...
