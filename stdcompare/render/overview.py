"""The corpus report's parts above one comparison: an overview matrix of the standards, the
pairs in which no grade lines up, and conformity gathered once per regulation scope.

Plain data from the comparison views (html.comparison_view); the template lays it out.
"""

from __future__ import annotations

from collections import Counter

from .speech import Speech, speech

# The order outcomes are listed in: what passes first, then what sinks a lot.
OUTCOMES = ("meets", "fails", "cannot tell", "needs more than the lot")


def arrange(views: list[dict], standards: list, anchors, lang: str = "en") -> dict:
    """The report's sections: grade comparisons first, those that line up most on top; pairs
    that share a family yet match nothing, listed as a finding; conformity by scope; and how
    many pairs share no family at all."""
    grades = [v for v in views if v["kind"] == "grades"]
    lined_up = sorted((v for v in grades if v["detailed"]), key=_weight)
    empty = [v for v in grades if v["pairs"] and not v["detailed"]]
    conformity = [v for v in views if v["kind"] == "conformity" and v["conformity"]]
    regulations = by_regulation(conformity, anchors, standards, lang)
    return {
        "comparisons": lined_up,
        "empty": empty,
        "regulations": regulations,
        "left_out": len(views) - len(lined_up) - len(empty) - len(conformity),
        "matrix": matrix(standards, views, regulations, speech(None, lang)),
    }


def _weight(view: dict) -> tuple:
    """Most equivalent, then comparable, then related grades first; ties in key order."""
    counts = view["counts"]
    ranked = tuple(-counts.get(v, 0) for v in ("equivalent", "comparable", "related"))
    return (*ranked, view["a"]["ref"], view["b"]["ref"])


def gap_count(view: dict) -> int:
    """The requirements that differ, over the pairs the section details."""
    return sum(1 for p in view["detailed"] for g in p["gaps"] if g["kind"] != "same")


def matrix(
    standards: list, views: list[dict], regulations: list[dict], say: Speech | None = None
) -> dict:
    """Standards × standards, each cell what the pair's section says in a few words and a link
    to it; None where the two share no family (or are both regulations)."""
    say = say or speech()
    where = {r["ref"]: r["anchor"] for r in regulations}
    cells: dict[tuple[str, str], dict] = {}
    for view in views:
        cell = _cell(view, where, say)
        if cell is not None:
            cells[(view["a"]["ref"], view["b"]["ref"])] = cell
            cells[(view["b"]["ref"], view["a"]["ref"])] = cell
    # A standard with no cell (no grade held yet) would be a row and a column of dashes: named
    # once below the matrix instead.
    present = [s for s in standards if any(a == s.ref for a, _ in cells)]
    heads = [
        {"ref": s.ref, "name": short_label(s, standards), "title": s.designation} for s in present
    ]
    rows = [
        {"head": head, "cells": [cells.get((head["ref"], other["ref"])) for other in heads]}
        for head in heads
    ]
    absent = [s.designation for s in standards if s not in present]
    return {"heads": heads, "rows": rows, "absent": absent}


def _cell(view: dict, regulation_anchor: dict[str, str], say: Speech) -> dict | None:
    """A cell's lines in the language asked: "7 comparable", "12 gaps", "3 meets"."""
    said = say.words_of("report")
    if view["kind"] == "conformity":
        if not view["conformity"]:
            return None
        ref = view["conformity"][0]["regulation"]
        counts = Counter(r["outcome"] for r in view["conformity"])
        lines = [
            said.cell_count.format(count=counts[o], word=say.word(o))
            for o in OUTCOMES
            if counts.get(o)
        ]
        return {"href": regulation_anchor[ref], "lines": lines, "kind": "conformity"}
    if not view["pairs"]:
        return None
    if not view["detailed"]:
        return {"href": view["anchor"], "lines": [said.no_grade_lines_up], "kind": "empty"}
    counts = view["counts"]
    lines = [
        said.cell_count.format(count=counts[v], word=say.word(v))
        for v in ("equivalent", "comparable", "related")
        if counts.get(v)
    ]
    gaps = said.cell_gaps.format(count=gap_count(view))
    return {"href": view["anchor"], "lines": [*lines, gaps], "kind": "grades"}


def short_label(std, standards: list) -> str:
    """The shortest name that tells this standard apart from every other in the matrix."""
    from .words import short_name

    return short_name(std, *standards)


def by_regulation(views: list[dict], anchors, standards: list, lang: str = "en") -> list[dict]:
    """Each regulation once, each scope once: its criteria, then per outcome the grades (by
    standard, and by the criteria at issue), not the criteria again for every grade. Those in
    force first: a superseded act is there for the record."""
    named = {s.ref: s.designation for s in standards}
    found: dict[str, dict] = {}
    for view in views:
        for row in view["conformity"]:
            regulation = found.setdefault(row["regulation"], _regulation(row, anchors))
            scope = regulation["scopes"].setdefault(row["scope"], _scope(row, anchors, lang))
            scope["rows"].append({**row, "designation_of_standard": named.get(row["standard"])})
    for regulation in found.values():
        regulation["scopes"] = [_outcomes(s) for s in regulation["scopes"].values()]
    superseded = {s.ref for s in standards if s.status.value == "superseded"}
    return sorted(found.values(), key=lambda r: r["ref"] in superseded)


def _regulation(row: dict, anchors) -> dict:
    ref = row["regulation"]
    return {
        "ref": ref,
        "designation": row["designation"],
        "anchor": anchors("reg", ref),
        "scopes": {},
    }


def _scope(row: dict, anchors, lang: str = "en") -> dict:
    names = row["scope_names"]
    return {
        "id": row["scope"],
        "name": names.get(lang) or names.get("en", row["scope"]),
        "names": row["scope_names"],
        "anchor": anchors("reg", row["regulation"], row["scope"]),
        "criteria": list(row["criteria"]),
        "rows": [],
    }


def _outcomes(scope: dict) -> dict:
    """The scope's grades per outcome; within one, grouped by standard and by what is at issue
    ("foreign material, moisture": Barley, Birch …)."""
    outcomes = []
    for outcome in OUTCOMES:
        rows = [r for r in scope["rows"] if r["outcome"] == outcome]
        if rows:
            outcomes.append({"outcome": outcome, "count": len(rows), "groups": _groups(rows)})
    return {**scope, "outcomes": outcomes}


def _groups(rows: list[dict]) -> list[dict]:
    groups: dict[tuple[str, str], dict] = {}
    for row in rows:
        issues = _issues(row)
        key = (row["standard"], issues)
        standard = row["designation_of_standard"] or row["standard"]
        group = groups.setdefault(key, {"standard": standard, "issues": issues, "codes": []})
        group["codes"].append(row["code"])
    return list(groups.values())


def _issues(row: dict) -> str:
    """The criteria a grade does not settle as met, in words; an alternative met elsewhere is
    no issue ("one of" criteria: meeting one suffices)."""
    met = {k["one_of"] for k in row["criteria"] if k["outcome"] == "meets" and k["one_of"]}
    open_ = [
        k["criterion"]["label"] if k["criterion"] else k["prop"]
        for k in row["criteria"]
        if k["outcome"] != "meets" and not (k["one_of"] and k["one_of"] in met)
    ]
    return ", ".join(dict.fromkeys(open_))
