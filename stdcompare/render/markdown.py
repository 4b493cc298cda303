"""A comparison as Markdown: a table of best matches, then each pair's gaps (for a PR comment
or the minutes of a meeting)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..results import Comparison, Verdict
from . import labels, records, summary, words
from .inert import md_cell as _cell

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

_SHOWN = (Verdict.EQUIVALENT, Verdict.COMPARABLE, Verdict.RELATED)


def comparison(cmp: Comparison, vocab: Vocabulary) -> str:
    lines = [
        f"## {_cell(cmp.a.designation)} ↔ {_cell(cmp.b.designation)}",
        "",
        f"As of {cmp.as_of}. {len(cmp.pairs)} candidate pairs."
        + "".join(f" Note: {_cell(n)}." for n in cmp.notes),
    ]
    if cmp.pairs or not cmp.conformity:  # a regulation has scopes, not grades to pair
        lines += [
            "",
            f"| {_cell(cmp.a.designation)} | {_cell(cmp.b.designation)} | verdict | score | lots |",
            "|---|---|---|---|---|",
        ]
    shown = [p for p in cmp.pairs if p.verdict in _SHOWN]
    for pair in shown:
        lines.append(
            f"| {_cell(pair.a.grade.code)} | {_cell(pair.b.grade.code)} | {pair.verdict.value} "
            f"| {pair.score:.2f} | {_cell(summary.qualifies(pair, vocab))} |"
        )
    short_a, short_b = words.short_name(cmp.a, cmp.b), words.short_name(cmp.b, cmp.a)
    kinds = labels.kinds("en", short_a, short_b)
    for pair in shown:
        data = records.pair_data(pair, vocab)
        lines += ["", f"### {_cell(pair.a.grade.code)} ↔ {_cell(pair.b.grade.code)}", ""]
        lines += [
            f"| requirement | {_cell(short_a)} | {_cell(short_b)} | gap | caveat |",
            "|---|---|---|---|---|",
        ]
        for gap in data["gaps"]:
            side = gap["a"] or gap["b"]
            lines.append(
                f"| {_cell(side['label'])} | {_cell(_value(gap['a']))} "
                f"| {_cell(_value(gap['b']))} | {_cell(kinds[gap['kind']])} "
                f"| {_cell(gap['caveat'])} |"
            )
        why = ", ".join(
            f"{c['name']} {c['level']} {c['weight']:+.2f}" for c in data["contributions"]
        )
        lines += ["", f"Why: {why} = {pair.score:.2f}."]
    lines += _conformity(cmp, vocab)
    lines += ["", "_A transcription with sources; no substitute for the official text._", ""]
    return "\n".join(lines)


def _value(side: dict | None) -> str:
    """A requirement's bound with the clause it comes from: "≥ 99 % (Table 1)"."""
    if side is None:
        return "—"
    return f"{side['text']} ({side['where']})" if side["where"] else side["text"]


def _conformity(cmp: Comparison, vocab: Vocabulary) -> list[str]:
    """Grades against a regulation's scopes: each outcome, and the criteria it turned on."""
    if not cmp.conformity:
        return []
    lines = ["", "### Conformity with the regulation", ""]
    lines += ["| grade | scope | outcome | criteria not met or not settled |", "|---|---|---|---|"]
    for c in (records.conformity_data(c, vocab) for c in cmp.conformity):
        open_ = [x for x in c["criteria"] if x["outcome"] != "meets"]
        said = "; ".join(f"{x['criterion']['label']} ({x['why']})" for x in open_ if x["criterion"])
        lines.append(
            f"| {_cell(c['code'])} | {_cell(c['scope'])} | {_cell(c['outcome'])} | {_cell(said)} |"
        )
    return lines
