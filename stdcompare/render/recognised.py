"""`stdcompare recognise` in words and as data: each grade of the family, and which grades of
the other systems accept every lot of it, some, none, or cannot tell."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from . import inert, words
from .speech import Speech, speech

if TYPE_CHECKING:
    from ..recognition import Recognition
    from ..vocabulary import Vocabulary

ACCEPTS = ("every", "some", "none", "unknown")


def data(found: Recognition, vocab: Vocabulary | None = None, lang: str = "en") -> dict:
    """The matrix as data: caveats name properties by label (issue 20: no raw keys on a
    page); under zh its notes, caveats and family in Chinese (codes, accepts and relation
    stay codes)."""
    from ..recognition import rows

    say = speech(vocab, lang)
    cells = rows(found)
    for n, cell in enumerate(cells, start=1):
        cell["id"] = f"cell-{n}"
    unheld = {(c.a, c.b): c.unheld for c in found.cells}
    for cell in cells:
        cell["caveats"] = _caveats(unheld.get((cell["grade"], cell["other"]), ()), vocab, say)
    return {
        "family": found.family if lang == "en" else _family(found.family, vocab, lang),
        "as_of": found.as_of.isoformat(),
        "standards": [s.ref for s in found.standards],
        "notes": [say.sentence(n) for n in found.notes],
        "grades": found.grades,
        "cells": cells,
        "matrix": {f"{c['grade']}|{c['other']}": c for c in cells},
    }


def _caveats(unheld, vocab: Vocabulary | None, say: Speech) -> str:
    if not unheld:
        return ""
    props = say.join(words.prop_label(k, vocab, say.lang) for k in unheld)
    return say.sentence(f"as far as held; not held: {props}") or ""


def _family(family: str, vocab: Vocabulary | None, lang: str) -> str:
    entry = vocab.families.get(family, {}) if vocab is not None else {}
    return entry.get(lang) or family


def json_data(found: Recognition, vocab: Vocabulary | None = None, lang: str = "en") -> dict:
    shown = data(found, vocab, lang)
    del shown["matrix"]  # the same cells, keyed for the page
    return shown


def text(found: Recognition, vocab: Vocabulary | None = None, lang: str = "en") -> str:
    say = speech(vocab, lang)
    W = say.words_of("committee")
    family = found.family if lang == "en" else _family(found.family, vocab, lang)
    lines = [
        W.recognition_head.format(family=family, as_of=found.as_of.isoformat()),
        W.recognition_star,
    ]
    lines += [W.note.format(note=say.sentence(n)) for n in found.notes]
    by_grade: dict[str, list] = {}
    for cell in found.cells:
        by_grade.setdefault(cell.a, []).append(cell)
    colon = say("colon_sep")
    for grade in found.grades:
        cells = by_grade.get(grade, [])
        lines += ["", grade if cells else W.no_candidate.format(grade=grade)]
        for accepts in ACCEPTS:
            chosen = [c for c in cells if c.accepts == accepts]
            if chosen:
                said = getattr(W, f"said_{accepts}")
                lines.append(f"  {said}{colon}" + ", ".join(map(_cell, chosen)))
    return inert.lines(lines)


def _cell(cell) -> str:
    """'gbt-38471@2019:RCu-1B' when every property is known, else marked '…*' (as far as
    held)."""
    return cell.b if cell.certain else f"{cell.b}*"


def csv_text(found: Recognition, vocab: Vocabulary | None = None, lang: str = "en") -> str:
    """One row per ordered pair; under zh the header and the accepts / relation words in
    Chinese, the caveats with labels."""
    from ..recognition import rows

    columns = ["grade", "other", "accepts", "relation", "score", "certain", "caveats"]
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\n")
    say = speech(vocab, lang)
    if lang == "en":
        writer.writeheader()
        found_rows = rows(found)
    else:
        writer.writerow({k: say.term("csv", k) for k in columns})
        found_rows = [_said_row(r, say) for r in data(found, vocab, lang)["cells"]]
    for row in found_rows:
        writer.writerow({k: inert.csv_cell(row[k]) for k in columns})
    return out.getvalue()


def _said_row(row: dict, say: Speech) -> dict:
    accepts = say.term("committee", {"unknown": "undetermined"}.get(row["accepts"], row["accepts"]))
    return {**row, "accepts": accepts, "relation": say.word(row["relation"])}
