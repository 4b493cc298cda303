"""The corpus report's comparisons: every pair of standards of the corpus, compared once.

The main job (`stdcompare report`) renders what this builds; the renderer runs no comparison
of its own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import model as m
from .match import check_size, compare_standards
from .results import Comparison

if TYPE_CHECKING:
    from .corpus import Corpus


@dataclass(frozen=True)
class CorpusReport:
    standards: tuple[m.Standard, ...]  # each standard's edition in force, or every edition
    comparisons: tuple[Comparison, ...]  # every pair of two different standards, in order
    all_editions: bool


def build(corpus: Corpus, all_editions: bool = False) -> CorpusReport:
    if all_editions:
        chosen = list(corpus.standards)
    else:
        chosen = [s for k in corpus.standard_keys() if (s := corpus.in_force(k)) is not None]
    day = corpus.as_of.isoformat()
    pairs = [(a, b) for i, a in enumerate(chosen) for b in chosen[i + 1 :] if a.key != b.key]
    for a, b in pairs:  # one comparison past the limit: refused before any is made
        check_size(a, b, corpus.vocabulary)
    found = tuple(compare_standards(a, b, corpus.vocabulary, day) for a, b in pairs)
    return CorpusReport(tuple(chosen), found, all_editions)
