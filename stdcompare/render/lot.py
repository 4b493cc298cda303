"""`check`: a lot against every grade and scope, as text or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model as m
from ..lots import LotVerdict, Result
from . import inert, records, words
from .speech import Speech, speech

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary


def verdict_data(v: LotVerdict, vocab: Vocabulary | None = None, lang: str = "en") -> dict:
    """A lot against one grade or scope as data; labels and reasons in the language asked
    (results stay codes)."""
    say = speech(vocab, lang)
    return {
        "standard": v.standard.ref,
        "designation": v.standard.designation,
        "code": v.code,
        "kind": v.kind,
        "result": v.result.value,
        "why": say.sentence(v.why),
        "definition_held": v.held,
        "checks": [
            {
                "prop": c.requirement.prop,
                "result": c.result.value,
                "why": say.sentence(c.why),
                "limit": records.side_data(v.standard, c.requirement, vocab, lang),
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
    lang: str = "en",
) -> str:
    say = speech(vocab, lang)
    C = say.words_of("commands")
    lines = [C.lot_head.format(path=lot.path, entries=lot.entries, findings=len(lot.findings))]
    if declared is not None:
        ref = f"{declared.standard.ref}:{declared.code}"
        lines.append(C.declared.format(ref=ref, result=say.word(declared.result.value)))
        lines += [
            f"  {_line(c, vocab, say)}" for c in declared.checks if c.result is not Result.MEETS
        ]
        lines += [f"  {say.sentence(declared.why)}"] if declared.why else []
    if families and left_out:
        names = ", ".join(vocab.families.get(f, {}).get(lang, f) for f in families)
        lines.append(C.checked_against.format(names=names, count=left_out))
    mark = (declared.standard.ref, declared.code) if declared is not None else None
    meets = [v for v in verdicts if v.result is Result.MEETS]
    unsure = [v for v in verdicts if v.result is Result.CANNOT]
    fails = [v for v in verdicts if v.result is Result.FAILS]
    shown = ", ".join(_name(v, mark, say) for v in meets) or C.none
    lines.append(C.meets_line.format(count=len(meets), names=shown))
    lines.append(C.fails_line.format(count=len(fails)))
    colon = say("colon_sep")
    for v in fails:
        failed = [c for c in v.checks if c.result is Result.FAILS]
        said = say("semicolon_sep").join(_line(c, vocab, say) for c in failed)
        lines.append(f"  {_name(v, mark, say)}{colon}{said}")
    lines.append(C.cannot_line.format(count=len(unsure)))
    for v in unsure:
        missing = [
            words.label(c.requirement, vocab, lang) for c in v.checks if c.result is Result.CANNOT
        ]
        why = say.sentence(v.why) or ""
        lines.append(f"  {_name(v, mark, say)}{colon}" + (", ".join(missing) or why))
    return inert.lines(lines)


def _name(v: LotVerdict, declared: tuple[str, str] | None = None, say: Speech | None = None) -> str:
    C = (say or speech()).words_of("commands")
    name = f"{v.standard.ref}:{v.code}" + (C.scope_mark if v.kind == "scope" else "")
    if declared == (v.standard.ref, v.code):
        name += C.declared_mark
    if v.result is Result.MEETS and v.held != "full":
        name += C.as_far.format(held=(say or speech()).word(v.held))
    return name


def _line(c, vocab: Vocabulary, say: Speech | None = None) -> str:
    say = say or speech(vocab)
    C = say.words_of("commands")
    label = words.label(c.requirement, vocab, say.lang)
    # "free of explosives" says the limit already: no "must be free of it" after it.
    forbidden = c.requirement.state is m.State.FORBIDDEN
    limit = "" if forbidden else words.bound_in(c.requirement, say)
    measured = ""
    if c.measured is not None:
        unit = c.measured.unit or c.requirement.unit or ""
        measured = C.measured.format(value=f"{format(c.measured.value, 'f')} {unit}".rstrip())
    margin = ""
    if c.margin is not None:
        # Trailing zeros a unit conversion leaves are no precision: -0.5000 % is -0.5 %.
        value = f"{format(c.margin.normalize(), 'f')} {_canonical_unit(c, vocab)}".rstrip()
        margin = C.margin.format(value=value)
    return f"{label}{' ' + limit if limit else ''}{measured}{margin} — {say.sentence(c.why)}"


def _canonical_unit(c, vocab: Vocabulary) -> str:
    """The unit a margin is in: the canonical one of the units compared (0.2 in against a
    limit in mm gives a margin in mm; ppm against % a margin in %)."""
    key = (c.measured.unit if c.measured else None) or c.requirement.unit
    unit = vocab.units.get(key) if key else None
    return unit.canonical if unit is not None else (key or "")
