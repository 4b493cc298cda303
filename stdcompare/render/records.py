"""Comparisons as plain data: the JSON of `compare` and `lookup`, and flat rows for CSV.

Every renderer (text, Markdown, HTML) reads these same records, so a number shown anywhere
comes from the one computation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .. import model as m
from ..results import Comparison, Gap, GradeRef, Pair
from ..serialize import to_data
from . import words
from .speech import speech

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary


def grade_data(side: GradeRef) -> dict:
    grade = side.grade
    return {
        "standard": side.ref,
        "designation": side.standard.designation,
        "code": grade.code,
        "names": {lang: n.text for lang, n in grade.names.items()},
        "families": list(grade.families),
        "text": grade.text.value,
    }


def side_data(
    std: m.Standard, req: m.Requirement | None, vocab: Vocabulary | None = None, lang: str = "en"
) -> dict | None:
    """One side's requirement as shown: the words, the numbers, the clause and the evidence;
    its label and words in the language asked (codes and numbers as they are)."""
    if req is None:
        return None
    say = speech(vocab, lang)
    return {
        "prop": req.prop,
        "label": words.label(req, vocab, lang),
        "state": req.state.value,
        "text": words.bound_in(req, say),
        "lo": to_data(req.lo),
        "lo_inclusive": req.lo_inclusive,
        "hi": to_data(req.hi),
        "hi_inclusive": req.hi_inclusive,
        "nominal": to_data(req.nominal),
        "unit": req.unit,
        "si": to_data(req.si),
        "basis": req.basis,
        "qualifier": req.qualifier,
        "strength": req.strength.value,
        "where": req.where,
        "evidence": [
            {
                "id": i,
                "tier": std.sources[i].tier.value,
                "copy": std.sources[i].copy,
                "label": words.tier(std.sources[i], say),
                "address": std.sources[i].address,
            }
            for i in req.evidence
            if i in std.sources
        ],
        "uncertain": req.uncertain,
    }


def gap_data(gap: Gap, pair: Pair, vocab: Vocabulary | None = None, lang: str = "en") -> dict:
    say = speech(vocab, lang)
    caveats = [say.sentence(named_caveat(c, pair)) or "" for c in gap.caveats]
    return {
        "prop": gap.prop,
        "prop_b": gap.prop_b,
        "kind": gap.kind.value,
        "decisive": gap.decisive,
        "a": side_data(pair.a.standard, gap.a, vocab, lang),
        "b": side_data(pair.b.standard, gap.b, vocab, lang),
        "caveat": say("semicolon_sep").join(caveats) or None,
    }


def named_caveat(caveat: str, pair: Pair) -> str:
    """A caveat with its side named: gaps.py, which never sees the standards, writes "A's
    definition …"; a reader is told "GB/T's definition …"."""
    for letter, std, other in (
        ("A", pair.a.standard, pair.b.standard),
        ("B", pair.b.standard, pair.a.standard),
    ):
        if caveat.startswith(f"{letter}'s "):
            return words.short_name(std, other) + caveat[1:]
    return caveat


def pair_data(pair: Pair, vocab: Vocabulary | None = None, lang: str = "en") -> dict:
    way = pair.direction
    data = {
        "a": grade_data(pair.a),
        "b": grade_data(pair.b),
        "score": pair.score,
        "verdict": pair.verdict.value,
        "relation": pair.relation.value,
        "direction": {
            "a_within_b": way.a_within_b,
            "b_within_a": way.b_within_a,
            "both_ways": way.both_ways,
            "unknown": list(way.unknown),
            "caveats": list(way.caveats),
        },
        "best_partner": pair.best_partner,
        "blocking": pair.blocking,
        "provenance": pair.provenance,
        "contributions": [
            {"name": c.name, "level": c.level, "weight": c.weight, "detail": c.detail}
            for c in pair.contributions
        ],
        "gaps": [gap_data(g, pair, vocab, lang) for g in pair.gaps],
    }
    if pair.assertion is not None:
        data["assertion"] = pair.assertion
    return data


def standard_summary(std: m.Standard) -> dict:
    return {
        "ref": std.ref,
        "designation": std.designation,
        "title": dict(std.title),
        "kind": std.kind.value,
        "grade_list": std.grade_list.value,
        "grades": len(std.grades),
    }


def comparison_data(cmp: Comparison, vocab: Vocabulary | None = None, lang: str = "en") -> dict:
    data = {
        "a": standard_summary(cmp.a),
        "b": standard_summary(cmp.b),
        "as_of": cmp.as_of,
        "pairs": [pair_data(p, vocab, lang) for p in cmp.pairs],
    }
    if cmp.conformity:
        data["conformity"] = [conformity_data(c, vocab, lang) for c in cmp.conformity]
    if cmp.notes:
        say = speech(vocab, lang)
        data["notes"] = [say.sentence(n) for n in cmp.notes]
    return data


def conformity_data(result, vocab: Vocabulary | None = None, lang: str = "en") -> dict:
    """A grade against a regulation's scope: the outcome, and each criterion with its why
    (said in the language asked; the outcome is a code)."""
    scope = result.scope
    say = speech(vocab, lang)
    return {
        "standard": result.standard.ref,
        "code": result.grade.code,
        "regulation": result.regulation.ref,
        "designation": result.regulation.designation,
        "scope": scope.id,
        "scope_names": {lang: n.text for lang, n in scope.names.items()},
        "outcome": result.outcome.value,
        "needs_more": list(result.needs_more),
        "criteria": [
            {
                "prop": c.criterion.prop,
                "outcome": c.outcome.value,
                "why": say.sentence(c.why),
                "one_of": c.criterion.one_of,
                "criterion": side_data(result.regulation, c.criterion, vocab, lang),
                "grade": side_data(result.standard, c.grade_requirement, vocab, lang),
            }
            for c in result.criteria
        ],
    }


def lookup_data(
    result,
    vocab: Vocabulary | None = None,
    as_of: str = "",
    one_by_one: bool = False,
    lang: str = "en",
) -> dict:
    """The data of a lookup's JSON. With `one_by_one`, the matches are made as json writes
    them (jsontext.OneByOne: for json_text only, as the list looks empty to anything else)."""
    resolved = result.resolved
    if one_by_one:
        from .jsontext import OneByOne

        matches = OneByOne(result.matches, lambda pair: match_data(pair, vocab, lang))
    else:
        matches = [match_data(pair, vocab, lang) for pair in result.matches]
    return {
        "conformity": [conformity_data(c, vocab, lang) for c in result.conformity],
        "query": {
            **grade_data(resolved.grade),
            "text": result.query,  # as typed; the grade's own completeness is "held"
            "held": resolved.grade.grade.text.value,
            "how": resolved.how,
            "family": getattr(resolved, "family", None),
            "similarity": resolved.similarity,
            "alternatives": [grade_data(a) for a in resolved.alternatives],
            # every grade the query names (a category, a name several grades share); the
            # matches are the first's
            "grades": _query_grades(resolved),
        },
        "as_of": as_of,
        "matches": matches,
        "fallbacks": [
            {
                "in_force": f.in_force.ref,
                "answered_from": f.used.ref,
                "label": speech(vocab, lang).sentence(f.label),
            }
            for f in getattr(result, "fallbacks", ())
        ],
        # standards of the grade's family that hold no grade here: asked of, no answer held
        "unheld": [s.ref for s in getattr(result, "unheld", ())],
        # why the grade's edition answers when it is not the one in force on the day
        "edition_note": getattr(result, "edition_note", ""),
    }


def _query_grades(resolved) -> list[dict]:
    """Every grade the query names; for a blend, each with its part and share."""
    blend = getattr(resolved, "blend", ())
    if blend:
        return [
            {"standard": g.ref, "code": g.grade.code, "part": part.alias, "share": part.share}
            for part in blend
            for g in part.grades
        ]
    return [
        {"standard": g.ref, "code": g.grade.code} for g in (resolved.grade, *resolved.alternatives)
    ]


def match_data(pair: Pair, vocab: Vocabulary | None = None, lang: str = "en") -> dict:
    """One match of a lookup: the other grade, then the pair's data without its two sides."""
    data = pair_data(pair, vocab, lang)
    side = data.pop("b")
    data.pop("a")
    return {**_match_head(side), **data}


def _match_head(side: dict) -> dict:
    return {k: side[k] for k in ("standard", "designation", "code", "names")}


CSV_COLUMNS = (
    "a_standard",
    "a_code",
    "b_standard",
    "b_code",
    "score",
    "verdict",
    "relation",
    "provenance",
    "prop",
    "kind",
    "a_value",
    "b_value",
    "caveat",
    "a_where",
    "b_where",
)
# A grade against a regulation's scope: no pairs, a conformity outcome per (grade, scope),
# and with criteria one row per criterion.
CONFORMITY_COLUMNS = (
    "standard",
    "code",
    "regulation",
    "scope",
    "outcome",
    "prop",
    "criterion",
    "grade_value",
    "where",
    "why",
)


def pair_row(p: dict) -> dict:
    """A pair's data (pair_data) as one flat row: who, how close, which way."""
    return {
        "a_standard": p["a"]["standard"],
        "a_code": p["a"]["code"],
        "b_standard": p["b"]["standard"],
        "b_code": p["b"]["code"],
        "score": p["score"],
        "verdict": p["verdict"],
        "relation": p["relation"],
        "provenance": p["provenance"],
    }


def csv_rows(pairs: list[dict]) -> list[dict]:
    """One row per gap (a pair with no gap gets one row), for spreadsheets."""
    rows = []
    for p in pairs:
        head = pair_row(p)
        for gap in p["gaps"] or [None]:
            row = dict(head)
            if gap is not None:
                row.update(
                    prop=gap["prop"] + (f" / {gap['prop_b']}" if gap["prop_b"] else ""),
                    label=(gap["a"] or gap["b"])["label"],
                    kind=gap["kind"],
                    a_value=gap["a"]["text"] if gap["a"] else "",
                    b_value=gap["b"]["text"] if gap["b"] else "",
                    caveat=gap["caveat"] or "",
                    a_where=(gap["a"] or {}).get("where") or "",
                    b_where=(gap["b"] or {}).get("where") or "",
                )
            rows.append(row)
    return rows


def conformity_rows(results: list[dict], criteria: bool = False) -> list[dict]:
    """conformity_data as flat rows: one per grade and scope, or with `criteria` one per
    criterion (a result with none still gets its row)."""
    rows = []
    for c in results:
        head = {k: c[k] for k in ("standard", "code", "regulation", "scope", "outcome")}
        for crit in (c["criteria"] or [None]) if criteria else [None]:
            row = dict(head)
            if crit is not None:
                row.update(
                    prop=crit["prop"],
                    label=(crit["criterion"] or {}).get("label", ""),
                    criterion=_said(crit["criterion"]),
                    grade_value=_said(crit["grade"]),
                    where=(crit["criterion"] or {}).get("where") or "",
                    why=crit["why"] or "",
                )
            rows.append(row)
    return rows


def _said(side: dict | None) -> str:
    return f"{side['label']} {side['text']}".strip() if side else ""


def to_csv(pairs: list[dict], conformity: list[dict] | None = None, lang: str = "en") -> str:
    """Pairs, one row per gap; a comparison with a regulation has no pairs, and gives its
    conformity outcomes instead, one row per criterion. In Chinese (`lang="zh"`) the header
    and the verdict, relation, gap and outcome words are Chinese; codes and keys stay."""
    if not pairs and conformity:
        return _csv(conformity_rows(conformity, criteria=True), CONFORMITY_COLUMNS, lang)
    return _csv(csv_rows(pairs), CSV_COLUMNS, lang)


# The columns whose cells are words of the glossary's [words], said in the language asked.
_WORD_COLUMNS = ("verdict", "relation", "kind", "outcome", "accepts", "provenance")


def _csv(rows: list[dict], columns: tuple[str, ...], lang: str = "en") -> str:
    """Every cell through inert.csv_cell: a grade code "=HYPERLINK(…)" stays text."""
    import csv
    import io

    from .inert import csv_cell

    say = speech(None, lang)
    if lang != "en" and "prop" in columns:  # a reader's sheet: the property's label beside
        at = columns.index("prop") + 1
        columns = (*columns[:at], "label", *columns[at:])
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    if lang == "en":
        writer.writeheader()
    else:
        writer.writerow({k: say.term("csv", k) for k in columns})
    for row in rows:
        if lang != "en":
            row = {k: say.word(v) if k in _WORD_COLUMNS and v else v for k, v in row.items()}
        writer.writerow({k: csv_cell(row.get(k, "")) for k in columns})
    return out.getvalue()
