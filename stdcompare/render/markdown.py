"""A comparison as Markdown: a table of best matches, then each pair's gaps (for a PR comment
or the minutes of a meeting)."""

from __future__ import annotations

from ..comparison import Comparison, Verdict
from . import records, summary

_SHOWN = (Verdict.EQUIVALENT, Verdict.COMPARABLE, Verdict.RELATED)


def _cell(text) -> str:
    return str(text or "").replace("|", "\\\\|").replace("\\n", " ")


def comparison(cmp: Comparison, vocab) -> str:
    lines = [
        f"## {_cell(cmp.a.designation)} ↔ {_cell(cmp.b.designation)}",
        "",
        f"As of {cmp.as_of}. {len(cmp.pairs)} candidate pairs."
        + "".join(f" Note: {_cell(n)}." for n in cmp.notes),
        "",
        f"| {_cell(cmp.a.designation)} | {_cell(cmp.b.designation)} | verdict | score | lots |",
        "|---|---|---|---|---|",
    ]
    shown = [p for p in cmp.pairs if p.verdict in _SHOWN]
    for pair in shown:
        lines.append(
            f"| {_cell(pair.a.grade.code)} | {_cell(pair.b.grade.code)} | {pair.verdict.value} "
            f"| {pair.score:.2f} | {_cell(summary.qualifies(pair))} |"
        )
    for pair in shown:
        data = records.pair_data(pair, vocab)
        lines += ["", f"### {_cell(pair.a.grade.code)} ↔ {_cell(pair.b.grade.code)}", ""]
        lines += ["| requirement | first | second | gap | caveat |", "|---|---|---|---|---|"]
        for gap in data["gaps"]:
            side = gap["a"] or gap["b"]
            lines.append(
                f"| {_cell(side['label'])} | {_cell(gap['a']['text'] if gap['a'] else '—')} "
                f"| {_cell(gap['b']['text'] if gap['b'] else '—')} | {gap['kind']} "
                f"| {_cell(gap['caveat'])} |"
            )
        why = ", ".join(
            f"{c['name']} {c['level']} {c['weight']:+.2f}" for c in data["contributions"]
        )
        lines += ["", f"Why: {why} = {pair.score:.2f}."]
    lines += ["", "_A transcription with sources; no substitute for the official text._", ""]
    return "\n".join(lines)
