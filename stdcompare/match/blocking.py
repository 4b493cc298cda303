"""Blocking: which grade pairs are worth comparing at all, and the rule that said so."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model as m

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

# Families this broad say nothing about kinship ("metal", "non-ferrous", "iron and steel").
_DEPTH_OF_BROAD = 2


def lineage(vocab: Vocabulary, families: tuple[str, ...]) -> set[str]:
    """A grade's families with their ancestors, leaving out the broadest levels."""
    found: set[str] = set()
    for family in families:
        chain = vocab.family_ancestors(family)
        found.update(chain[: max(1, len(chain) - _DEPTH_OF_BROAD)])
    return found


def rule(vocab: Vocabulary, a: m.Grade, b: m.Grade) -> str | None:
    """'family:<f>' when the grades share a family, 'compatible:<f>~<g>' when the vocabulary
    says their families are worth comparing; None when the pair is blocked."""
    return rule_of(vocab, lineage(vocab, a.families), lineage(vocab, b.families))


def rule_of(vocab: Vocabulary, line_a, line_b) -> str | None:
    shared = sorted(line_a & line_b)
    if shared:
        return f"family:{_most_specific(vocab, shared)}"
    for fa in sorted(line_a):
        for fb in sorted(line_b):
            if fb in vocab.families.get(fa, {}).get("compatible", ()):
                return f"compatible:{fa}~{fb}"
    return None


def _most_specific(vocab: Vocabulary, families: list[str]) -> str:
    return max(families, key=lambda f: (len(vocab.family_ancestors(f)), f))
