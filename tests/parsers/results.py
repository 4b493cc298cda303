"""What the tests of the EU-act readers (EUR-Lex, Formex) ask of a parse result."""

from __future__ import annotations

from stdcompare.parsers.base import ParseResult


def notes_of(result: ParseResult) -> set[tuple[str, str]]:
    return {(n.where, n.text) for n in result.standard.notes if n.verbatim}


def honest(result: ParseResult) -> bool:
    """Every text unit either became structure or is a verbatim note."""
    verbatim = [n for n in result.standard.notes if n.verbatim]
    return result.units_total == result.units_structured + len(verbatim)
