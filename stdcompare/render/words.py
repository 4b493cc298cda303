"""Requirements and states in words, shared by the text, Markdown and HTML renderers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model as m
from ..quantities import STATE_WORDS, bound, number  # noqa: F401  (the canonical printed bound)

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary


def label(req: m.Requirement, vocab: Vocabulary | None = None, lang: str = "en") -> str:
    """The property in words ("content of copper", "free of brass and bronze"), else its key."""
    prop = vocab.property(req.prop) if vocab is not None else None
    if prop is None:
        return req.prop
    return prop.zh if lang == "zh" else prop.en


def si_beside(req: m.Requirement) -> str:
    """The canonical value beside a printed one: "(= 1.2908 mm)"."""
    if req.si is None:
        return ""
    values = [v for v in (req.si.lo, req.si.hi, req.si.nominal) if v is not None]
    if not values:
        return ""
    return "(= " + " / ".join(number(v) for v in values) + f" {req.si.unit})"


def qualifiers(req: m.Requirement) -> list[str]:
    found = []
    if req.basis:
        found.append(req.basis)
    if req.qualifier:
        found.append(req.qualifier)
    if req.strength is m.Strength.SHOULD:
        found.append("should (not shall)")
    if req.consequence is not m.Consequence.REJECT:
        found.append(f"consequence: {req.consequence.value}")
    if req.negotiable:
        found.append("unless agreed")
    if req.one_of:
        found.append(f"one of the alternatives '{req.one_of}'")
    return found


def tiers_of(std: m.Standard, ids: tuple[str, ...]) -> list[str]:
    return sorted({tier(std.sources[i]) for i in ids if i in std.sources})


def tier(source: m.Evidence) -> str:
    """A source's tier as a reader needs it: whose words, and whose copy ("official (third-party
    copy" for an official text on another's host)."""
    return f"{source.tier.value} (third-party copy)" if source.copy else source.tier.value
