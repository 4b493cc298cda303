"""`stdcompare harmonise` in words and as data: the committee's list (conflicts, unknowns that
decide, differences, agreements), each property with every system's requirement, its clause
and source, the common ground, the envelope and what would settle it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import inert, records, words
from .inert import md_cell as cell
from .speech import Speech, speech
from .summary import names as grade_name

if TYPE_CHECKING:
    from ..harmonisation import Harmonised, Row
    from ..vocabulary import Vocabulary


def data(found: Harmonised, vocab: Vocabulary, lang: str = "en") -> dict:
    """The harmonisation as data; its labels and words in the language asked (the status
    stays a code)."""
    say = speech(vocab, lang)
    return {
        "grades": [
            {
                "standard": std.ref,
                "code": g.code,
                "name": grade_name(g, lang),
                "text": g.text.value,
            }
            for std, g in found.sides
        ],
        "requirements": [_row_data(row, vocab, say) for row in found.rows],
        "conflicts": [row.prop for row in found.conflicts],
    }


def _row_data(row: Row, vocab: Vocabulary, say: Speech) -> dict:
    return {
        "prop": row.prop,
        "label": _label(row, vocab, say.lang),
        "status": row.status.value,
        "decisive": row.decisive,
        "common": say.sentence(row.common),
        "envelope": say.sentence(row.envelope),
        "settle": say.sentence(row.settle),
        "sides": [
            {
                "standard": s.standard.ref,
                "code": s.grade.code,
                "says": _says(s.says, say),
                "requirement": records.side_data(s.standard, s.requirement, vocab, say.lang),
            }
            for s in row.sides
        ],
    }


def _says(text: str, say: Speech) -> str:
    """What one system says, in the language asked ("nominal" too)."""
    said = say.sentence(text) or text
    return said.replace("nominal ", say.word("nominal") + " ") if say.lang != "en" else said


def _label(row: Row, vocab: Vocabulary, lang: str = "en") -> str:
    req = next(s.requirement for s in row.sides if s.requirement is not None)
    return words.label(req, vocab, lang)


def text(found: Harmonised, vocab: Vocabulary, lang: str = "en") -> str:
    say = speech(vocab, lang)
    W = say.words_of("committee")
    names = [f"{std.ref}:{g.code}" for std, g in found.sides]
    counts: dict[str, int] = {}
    for row in found.rows:
        counts[row.status.value] = counts.get(row.status.value, 0) + 1
    lines = [
        W.harmonising.format(count=len(names), names=", ".join(names)),
        say.join(f"{n} {say.term('committee', status)}" for status, n in counts.items()),
    ]
    width = max(len(n) for n in names)
    for row in found.rows:
        mark = f"   {W.decisive}" if row.decisive else ""
        status = row.status.value.upper() if lang == "en" else getattr(W, row.status.value)
        lines += ["", f"{status:<9} {_label(row, vocab, lang)} ({row.prop}){mark}"]
        for side in row.sides:
            where = side.requirement.where if side.requirement is not None else None
            lines.append(
                f"  {side.name:<{width}}  {_says(side.says, say)}"
                + (f"   ({where})" if where else "")
            )
        common, envelope = say.sentence(row.common), say.sentence(row.envelope)
        lines.append("  " + W.common_line.format(common=common, envelope=envelope))
        if row.settle:
            lines.append("  " + W.settle_line.format(settle=say.sentence(row.settle)))
    return inert.lines(lines)


def markdown(found: Harmonised, vocab: Vocabulary, lang: str = "en") -> str:
    say = speech(vocab, lang)
    W = say.words_of("committee")
    names = [f"{std.ref}:{g.code}" for std, g in found.sides]
    head = [W.status, W.property, *names, W.common_ground, W.envelope, W.settle]
    lines = [
        "## " + W.harmonising_md.format(names=", ".join(cell(n) for n in names)),
        "",
        "| " + " | ".join(cell(h) for h in head) + " |",
        "|" + "---|" * len(head),
    ]
    for row in found.rows:
        status = row.status.value if lang == "en" else getattr(W, row.status.value)
        cells = [
            status + (W.decisive_mark if row.decisive else ""),
            _label(row, vocab, lang),
            *(
                _says(s.says, say)
                + (
                    f" ({s.requirement.where})"
                    if s.requirement is not None and s.requirement.where
                    else ""
                )
                for s in row.sides
            ),
            say.sentence(row.common),
            say.sentence(row.envelope),
            say.sentence(row.settle),
        ]
        lines.append("| " + " | ".join(cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
