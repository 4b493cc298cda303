"""Measure the matcher against labelled pairs: precision, recall and missed links per family.

A pair counts as a predicted link when the matcher rates it `equivalent` or `comparable` AND the
second grade is the first grade's best-scoring match in the second standard. Asserted
correspondences play no part: only what the matcher computes is measured.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import SourceError
from .match import compare_standards
from .results import Verdict

if TYPE_CHECKING:
    from .corpus import Corpus

LINK = (Verdict.EQUIVALENT, Verdict.COMPARABLE)
COLUMNS = ("a_ref", "a_code", "b_ref", "b_code", "label")


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def read_labels(path: Path) -> list[dict]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise SourceError(
            str(path), f"cannot read labels ({exc.strerror})", hint="give a CSV file's path"
        ) from None
    except UnicodeDecodeError:
        raise SourceError(
            str(path), "labels file is not UTF-8", hint="save it as UTF-8 (any spreadsheet can)"
        ) from None
    reader = csv.DictReader(text.splitlines())
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise SourceError(str(path), f"CSV: {exc}", line=reader.line_num, hint=_ROW_HINT) from None
    for number, row in enumerate(rows, start=2):
        if any(not row.get(c) for c in COLUMNS) or row["label"] not in ("equivalent", "not"):
            raise SourceError(
                str(path),
                "a row needs a_ref,a_code,b_ref,b_code and label 'equivalent' or 'not'",
                line=number,
                hint=_ROW_HINT,
            )
    return rows


_ROW_HINT = "columns a_ref,a_code,b_ref,b_code,label: isri-circular,Barley,gbt-38471,RCu-1A,not"


def evaluate(corpus: Corpus, labels: list[dict]) -> dict[str, Tally]:
    """Tallies per family of the first grade, plus 'all'."""
    tallies: dict[str, Tally] = {"all": Tally()}
    cache: dict[tuple[str, str], dict] = {}
    for row in labels:
        std_a, grade_a, std_b, grade_b = sides(corpus, row)
        best = cache.get((std_a.ref, std_b.ref))
        if best is None:
            best = _best_matches(std_a, std_b, corpus)
            cache[(std_a.ref, std_b.ref)] = best
        top = best.get(grade_a.code)
        linked = top is not None and top.b.grade.code == grade_b.code and top.verdict in LINK
        family = family_of(grade_a)
        name = f"{std_a.ref}:{grade_a.code} ~ {std_b.ref}:{grade_b.code}"
        for tally in (tallies["all"], tallies.setdefault(family, Tally())):
            count(tally, row["label"] == "equivalent", linked, name)
    return tallies


def sides(corpus: Corpus, row: dict) -> tuple:
    """(standard, grade) of each side of a labelled row. A label names editions of the
    corpus, never files (files=False)."""
    std_a, grade_a = corpus.resolve_grade(f'{row["a_ref"]}:"{row["a_code"]}"', files=False)
    std_b, grade_b = corpus.resolve_grade(f'{row["b_ref"]}:"{row["b_code"]}"', files=False)
    return std_a, grade_a, std_b, grade_b


def labelled_pairs(corpus: Corpus, labels: list[dict], label: str) -> list:
    """The scored pairs of the rows carrying `label`, as the matcher scores them."""
    from .match import score_pairs

    found = []
    for row in labels:
        if row["label"] != label:
            continue
        std_a, grade_a, std_b, grade_b = sides(corpus, row)
        found += score_pairs([(std_a, grade_a)], [(std_b, grade_b)], corpus.vocabulary)
    return found


def _best_matches(std_a, std_b, corpus: Corpus) -> dict:
    cmp = compare_standards(std_a, std_b, corpus.vocabulary)
    best: dict = {}
    for pair in cmp.pairs:  # best first
        best.setdefault(pair.a.grade.code, pair)
    return best


def family_of(grade) -> str:
    """A labelled row is counted under its first grade's first family."""
    return grade.families[0] if grade.families else "other"


def count(tally: Tally, truth: bool, linked: bool, name: str) -> None:
    if truth and linked:
        tally.tp += 1
    elif truth:
        tally.fn += 1
        tally.missed.append(name)
    elif linked:
        tally.fp += 1
        tally.wrong.append(name)
    else:
        tally.tn += 1
