"""`check`: a lot against every grade and scope, as text or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lots import LotVerdict, Result
from . import inert, records, words

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary


def verdict_data(v: LotVerdict, vocab: Vocabulary | None = None) -> dict:
    return {
        "standard": v.standard.ref,
        "designation": v.standard.designation,
        "code": v.code,
        "kind": v.kind,
        "result": v.result.value,
        "why": v.why,
        "definition_held": v.held,
        "checks": [
            {
                "prop": c.requirement.prop,
                "result": c.result.value,
                "why": c.why,
                "limit": records.side_data(v.standard, c.requirement, vocab),
                "measured": (
                    {"value": format(c.measured.value, "f"), "unit": c.measured.unit}
                    if c.measured
                    else None
                ),
                "margin": format(c.margin, "f") if c.margin is not None else None,
            }
            for c in v.checks
        ],
    }


def text(
    lot,
    verdicts: list[LotVerdict],
    vocab: Vocabulary,
    declared: LotVerdict | None,
    families: tuple[str, ...] = (),
    left_out: int = 0,
) -> str:
    lines = [f"lot {lot.path}: {lot.entries} measured values, {len(lot.findings)} findings"]
    if declared is not None:
        lines.append(f"declared {declared.standard.ref}:{declared.code}: {declared.result.value}")
        lines += [f"  {_line(c, vocab)}" for c in declared.checks if c.result is not Result.MEETS]
        lines += [f"  {declared.why}"] if declared.why else []
    if families and left_out:
        names = ", ".join(vocab.families.get(f, {}).get("en", f) for f in families)
        lines.append(
            f"checked against grades of: {names}; {left_out} grades of other families left out "
            "(--family to choose)"
        )
    mark = (declared.standard.ref, declared.code) if declared is not None else None
    meets = [v for v in verdicts if v.result is Result.MEETS]
    unsure = [v for v in verdicts if v.result is Result.CANNOT]
    fails = [v for v in verdicts if v.result is Result.FAILS]
    lines.append(f"meets ({len(meets)}): " + (", ".join(_name(v, mark) for v in meets) or "none"))
    lines.append(f"fails ({len(fails)}), nearest misses first:")
    for v in fails:
        failed = [c for c in v.checks if c.result is Result.FAILS]
        lines.append(f"  {_name(v, mark)}: " + "; ".join(_line(c, vocab) for c in failed))
    lines.append(f"cannot determine ({len(unsure)}):")
    for v in unsure:
        missing = [words.label(c.requirement, vocab) for c in v.checks if c.result is Result.CANNOT]
        lines.append(f"  {_name(v, mark)}: " + (", ".join(missing) or v.why or ""))
    return inert.lines(lines)


def _name(v: LotVerdict, declared: tuple[str, str] | None = None) -> str:
    name = f"{v.standard.ref}:{v.code}" + (" (scope)" if v.kind == "scope" else "")
    if declared == (v.standard.ref, v.code):
        name += " ← declared"
    if v.result is Result.MEETS and v.held != "full":
        name += f" [as far as transcribed: definition {v.held}]"
    return name


def _line(c, vocab: Vocabulary) -> str:
    label = words.label(c.requirement, vocab)
    limit = words.bound(c.requirement)
    measured = ""
    if c.measured is not None:
        unit = c.measured.unit or c.requirement.unit or ""
        measured = f", measured {format(c.measured.value, 'f')} {unit}".rstrip()
    margin = ""
    if c.margin is not None:
        margin = f", margin {format(c.margin, 'f')} {_canonical_unit(c, vocab)}".rstrip()
    return f"{label} {limit}{measured}{margin} — {c.why}"


def _canonical_unit(c, vocab: Vocabulary) -> str:
    """The unit a margin is in: the canonical one of the units compared (0.2 in against a
    limit in mm gives a margin in mm; ppm against % a margin in %)."""
    key = (c.measured.unit if c.measured else None) or c.requirement.unit
    unit = vocab.units.get(key) if key else None
    return unit.canonical if unit is not None else (key or "")
