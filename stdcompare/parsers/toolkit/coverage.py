"""Coverage: how many text units a reader met and how many became structure; the rest are kept
as verbatim notes, so that nothing read is lost without a word."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from ... import model as m
from ..base import Notes


@dataclass(kw_only=True)  # kw_only: a reader's own dataclass may extend it, fields first
class Units:
    """Text units met so far, and what became of them: structure, or a verbatim note. Every
    parser counts with it (the STS and EU readers hold one; the GB/T Doc and the ISRI Draft
    are one), so coverage means the same in each."""

    notes: Notes = field(default_factory=Notes)
    total: int = 0
    structured: int = 0

    def note(self, text: str, where: str | None) -> None:
        self.total += 1
        self.notes.append(m.Note.source_words(text, where or None))

    def unit(self, structured: bool) -> None:
        """One unit, structure or not, its text kept (or not) by the caller."""
        self.total += 1
        self.structured += int(structured)

    def structure(self, count: int = 1) -> None:
        self.total += count
        self.structured += count


@contextmanager
def capturing(reader):
    """Collect the notes a reader makes (in a table cell, say) into a fresh Units and hand them
    back, so the caller can decide whether they become structure or stay notes. Units that
    already became structure inside stay counted."""
    saved, reader.units = reader.units, Units()
    try:
        yield reader.units
    finally:
        captured, reader.units = reader.units, saved
        saved.structure(captured.structured)
