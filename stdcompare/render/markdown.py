"""A comparison as Markdown: a table of best matches, then each pair's gaps (for a PR comment
or the minutes of a meeting)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..results import Comparison, Verdict
from . import labels, records, summary, words
from .inert import md_cell as _cell
from .speech import Speech, speech

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

_SHOWN = (Verdict.EQUIVALENT, Verdict.COMPARABLE, Verdict.RELATED)


def comparison(cmp: Comparison, vocab: Vocabulary, lang: str = "en") -> str:
    say = speech(vocab, lang)
    L = say.words_of("report")
    lines = [
        f"## {_cell(cmp.a.designation)} ↔ {_cell(cmp.b.designation)}",
        "",
        L.md_as_of.format(as_of=cmp.as_of, count=len(cmp.pairs))
        + "".join(L.md_note.format(note=_cell(say.sentence(n))) for n in cmp.notes),
    ]
    if cmp.pairs or not cmp.conformity:  # a regulation has scopes, not grades to pair
        head = (cmp.a.designation, cmp.b.designation, L.verdict, L.score, L.lots)
        lines += ["", "| " + " | ".join(_cell(h) for h in head) + " |", "|---|---|---|---|---|"]
    shown = [p for p in cmp.pairs if p.verdict in _SHOWN]
    for pair in shown:
        lines.append(
            f"| {_cell(pair.a.grade.code)} | {_cell(pair.b.grade.code)} "
            f"| {say.word(pair.verdict.value)} "
            f"| {pair.score:.2f} | {_cell(summary.qualifies(pair, vocab, say))} |"
        )
    short_a, short_b = words.short_name(cmp.a, cmp.b), words.short_name(cmp.b, cmp.a)
    kinds = labels.kinds(lang, short_a, short_b)
    for pair in shown:
        data = records.pair_data(pair, vocab, lang)
        lines += ["", f"### {_cell(pair.a.grade.code)} ↔ {_cell(pair.b.grade.code)}", ""]
        head = (L.requirement, short_a, short_b, L.gap, L.caveat)
        lines += ["| " + " | ".join(_cell(h) for h in head) + " |", "|---|---|---|---|---|"]
        for gap in data["gaps"]:
            side = gap["a"] or gap["b"]
            lines.append(
                f"| {_cell(side['label'])} | {_cell(_value(gap['a']))} "
                f"| {_cell(_value(gap['b']))} | {_cell(kinds[gap['kind']])} "
                f"| {_cell(gap['caveat'])} |"
            )
        why = say.join(
            f"{say.term('score', c['name'])} {say.term('score', c['level'])} {c['weight']:+.2f}"
            for c in data["contributions"]
        )
        lines += ["", L.md_why.format(why=why, score=f"{pair.score:.2f}")]
    lines += _conformity(cmp, vocab, say)
    lines += ["", L.transcription_md, ""]
    return "\n".join(lines)


def _value(side: dict | None) -> str:
    """A requirement's bound with the clause it comes from: "≥ 99 % (Table 1)"."""
    if side is None:
        return "—"
    return f"{side['text']} ({side['where']})" if side["where"] else side["text"]


def _conformity(cmp: Comparison, vocab: Vocabulary, say: Speech) -> list[str]:
    """Grades against a regulation's scopes: each outcome, and the criteria it turned on."""
    if not cmp.conformity:
        return []
    L = say.words_of("report")
    lines = ["", f"### {L.md_conformity}", ""]
    head = (L.grade, L.scope, L.outcome, L.md_open)
    lines += ["| " + " | ".join(head) + " |", "|---|---|---|---|"]
    for c in (records.conformity_data(c, vocab, say.lang) for c in cmp.conformity):
        open_ = [x for x in c["criteria"] if x["outcome"] != "meets"]
        said = say("semicolon_sep").join(
            f"{x['criterion']['label']} ({x['why']})" for x in open_ if x["criterion"]
        )
        outcome = say.word(c["outcome"])
        lines.append(
            f"| {_cell(c['code'])} | {_cell(c['scope'])} | {_cell(outcome)} | {_cell(said)} |"
        )
    return lines
