"""Leave one pair of standards out: would weights fitted from the labels find links the
matcher's hand weights miss, on standards they were not fitted on?

For each pair of standards that the labels cover (ISRI against GB/T 38471, …; editions of one
standard count as one), m is fitted from the positives of every *other* pair (weights.fit), a
threshold is chosen on those same training labels, and the held-out pair is scored with them:
a grade's link is its best-scoring grade of the other standard, kept when the evidence reaches
the threshold and no other grade ties with it. The matcher's own answer (evaluate.evaluate's
rule: best match, rated `comparable` or better) is counted on the same rows, so the two
columns are measured alike. Labels taken from the trade's statements have no place here: the
labels are the definition-based sets of tests/labels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import weights
from .evaluation import LINK, Tally, count, family_of, sides
from .match import score_pairs

if TYPE_CHECKING:
    from .corpus import Corpus

# A link needs at least this much evidence over the prior, in bits; the threshold of each
# fold is the one of these, fitted on that fold's training labels, that finds the most
# positives at the precision asked (ties: the higher threshold).
THRESHOLDS = tuple(range(-6, 25))  # past the most evidence any pair gathers (about 20 bits)
PRECISION = 0.95  # the precision a fold's threshold must keep on its training labels
TARGET_RECALL = 0.8
MIN_POSITIVES = 4  # a family with fewer labelled positives is printed, not judged


@dataclass(frozen=True)
class Labelled:
    """One labelled row, with its first grade scored against every grade of the second
    grade's standard (a link is that list's best)."""

    row: dict
    fold: tuple[str, str]
    family: str
    name: str
    wanted: str  # the second grade's code
    pairs: tuple  # the first grade against every grade of the other standard, best first

    @property
    def positive(self) -> bool:
        return self.row["label"] == "equivalent"

    @property
    def labelled_pair(self):
        return next((p for p in self.pairs if p.b.grade.code == self.wanted), None)


@dataclass
class Result:
    matcher: dict[str, Tally]
    fitted: dict[str, Tally]
    folds: int
    thresholds: dict[tuple[str, str], int]  # the threshold each fold chose
    lacking: dict[str, list[str]]  # family → its missed positives and what they lack


def labelled(corpus: Corpus, rows: list[dict]) -> list[Labelled]:
    found, scored = [], {}
    for row in rows:
        std_a, grade_a, std_b, grade_b = sides(corpus, row)
        key = (std_a.ref, grade_a.code, std_b.ref)
        if key not in scored:
            scored[key] = tuple(
                score_pairs(
                    [(std_a, grade_a)], [(std_b, g) for g in std_b.grades], corpus.vocabulary
                )
            )
        fold = (_standard(std_a.ref), _standard(std_b.ref))
        name = f"{std_a.ref}:{grade_a.code} ~ {std_b.ref}:{grade_b.code}"
        found.append(Labelled(row, fold, family_of(grade_a), name, grade_b.code, scored[key]))
    return found


def _standard(ref: str) -> str:
    return ref.split("@", 1)[0]


def run(corpus: Corpus, rows: list[dict], candidates=None) -> Result:
    items = labelled(corpus, rows)
    candidates = weights.candidate_pairs(corpus) if candidates is None else candidates
    matcher: dict[str, Tally] = {"all": Tally()}
    fitted: dict[str, Tally] = {"all": Tally()}
    chosen = {}
    for fold in sorted({item.fold for item in items}):
        train = [item for item in items if item.fold != fold]
        bits = weights.fit(candidates, _positives(train)).bits_of()
        chosen[fold] = best_threshold(train, bits)
        for item in items:
            if item.fold == fold:
                _tally(matcher, item, _matcher_links(item))
                _tally(fitted, item, _fitted_links(item, bits, chosen[fold]))
    return Result(matcher, fitted, len(chosen), chosen, _lacking(items, matcher, fitted))


def _positives(items: list[Labelled]) -> list:
    return [p for item in items if item.positive and (p := item.labelled_pair) is not None]


def best_threshold(items: list[Labelled], bits: dict) -> int:
    """The threshold that finds the most training positives at PRECISION or better."""
    best, most = THRESHOLDS[-1], -1
    for threshold in THRESHOLDS:
        tally = Tally()
        for item in items:
            count(tally, item.positive, _fitted_links(item, bits, threshold), item.name)
        if tally.precision >= PRECISION and tally.tp >= most:
            best, most = threshold, tally.tp
    return best


def evidence(pair, bits: dict) -> float:
    """The fitted evidence for a pair, in bits over the prior: the sum of its levels' bits."""
    return sum(bits.get((c.name, c.level), 0.0) for c in pair.contributions if c.name != "mixture")


def _fitted_links(item: Labelled, bits: dict, threshold: int) -> bool:
    ranked = sorted(((evidence(p, bits), p.b.grade.code) for p in item.pairs), reverse=True)
    if not ranked or ranked[0][1] != item.wanted or ranked[0][0] < threshold:
        return False
    return len(ranked) == 1 or not math.isclose(ranked[0][0], ranked[1][0])  # a tie names none


def _matcher_links(item: Labelled) -> bool:
    top = item.pairs[0] if item.pairs else None
    return top is not None and top.b.grade.code == item.wanted and top.verdict in LINK


def _tally(tallies: dict[str, Tally], item: Labelled, linked: bool) -> None:
    for tally in (tallies["all"], tallies.setdefault(item.family, Tally())):
        count(tally, item.positive, linked, item.name)


def _lacking(items: list[Labelled], matcher: dict, fitted: dict) -> dict[str, list[str]]:
    """For each family with enough positives where neither way meets the targets: the positives
    that both miss, each with the comparisons that found nothing to compare (a value one side
    or both do not hold) — the data that would have to be transcribed to find them."""
    by_name = {item.name: item for item in items}
    found = {}
    for family, tally in fitted.items():
        mine = matcher[family]
        if family == "all" or tally.tp + tally.fn < MIN_POSITIVES or meets(tally) or meets(mine):
            continue
        both = [name for name in tally.missed if name in mine.missed]
        found[family] = [f"{name}: {_unheld(by_name[name])}" for name in both]
    return found


def meets(tally: Tally) -> bool:
    return tally.precision >= PRECISION and tally.recall >= TARGET_RECALL


def _unheld(item: Labelled) -> str:
    pair = item.labelled_pair
    if pair is None:
        return "blocking keeps the two apart"
    unheld = [c.name for c in pair.contributions if c.level == "unspecified"]
    name = next((c for c in pair.contributions if c.name == "name"), None)
    said = [f"not held on one side or both: {', '.join(unheld)}"] if unheld else []
    if name is not None and name.level == "different":
        said.append("no name in common")
    return "; ".join(said) or "everything compared, and the evidence falls short"


def data(result: Result) -> dict:
    def figures(t: Tally) -> dict:
        return {
            "precision": round(t.precision, 4),
            "recall": round(t.recall, 4),
            "tp": t.tp,
            "fp": t.fp,
            "fn": t.fn,
            "tn": t.tn,
        }

    return {
        "folds": [{"a": a, "b": b, "threshold": t} for (a, b), t in result.thresholds.items()],
        "families": {
            family: {
                "positives": result.fitted[family].tp + result.fitted[family].fn,
                "matcher": figures(result.matcher[family]),
                "fitted": figures(result.fitted[family]),
                "lacking": result.lacking.get(family, []),
            }
            for family in result.fitted
        },
    }
