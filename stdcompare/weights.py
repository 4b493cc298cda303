"""What the corpus says the matcher's weights should be, beside the weights it has.

The matcher adds hand-set weights, one per named level of each comparison (matching.toml).
Record-linkage engines (Fellegi and Sunter; splink) measure them instead: for each level,

- u, how often two grades that are *not* the same grade agree at that level: nearly all
  candidate pairs are not, so u is the level's share among every candidate pair of the corpus;
- m, how often grades that *are* the same grade do: estimated without labels by expectation-
  maximisation over the same pairs (each pair's chance of being a match, from m and u, then m
  from those chances, until they settle), u held fixed as splink holds it;
- the level's weight, log2(m / u) bits: what agreeing at that level says for a match.

This module measures; it changes no score. `stdcompare evaluate --weights` prints the figures
beside the hand weights, so where they disagree can be seen; labelled pairs play no part.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .match import compare_standards
from .results import Pair

if TYPE_CHECKING:
    from .corpus import Corpus

SMOOTHING = 0.5  # added to every count: a level seen in no match is rare, not impossible
ITERATIONS = 200
SETTLED = 1e-9  # the prior's change below which the estimate has settled
PRIOR_PAIRS = 3  # weights.fit: m is shrunk towards u as if this many more positives were drawn


@dataclass(frozen=True)
class LevelFigures:
    comparison: str
    level: str
    pairs: int  # candidate pairs at this level
    u: float  # share of all candidate pairs at this level (≈ pairs that are not matches)
    m: float  # share of the estimated matches at this level
    bits: float  # log2(m / u): what agreeing at this level says for a match
    hand: float  # the weight matching.toml gives the level today (its mean over the pairs)


@dataclass(frozen=True)
class Estimate:
    levels: tuple[LevelFigures, ...]
    pairs: int
    prior: float  # estimated share of candidate pairs that are matches
    iterations: int

    def bits_of(self) -> dict[tuple[str, str], float]:
        """(comparison, level) → bits: the evidence weights a score would add up."""
        return {(f.comparison, f.level): f.bits for f in self.levels}


def candidate_pairs(corpus: Corpus) -> list[Pair]:
    """Every pair blocking keeps between two graded standards in force, each pair once."""
    graded = [
        std
        for key in corpus.standard_keys()
        if (std := corpus.in_force(key)) is not None and not std.kind.is_law
    ]
    found: list[Pair] = []
    for i, a in enumerate(graded):
        for b in graded[i + 1 :]:
            found += [p for p in compare_standards(a, b, corpus.vocabulary).pairs if _plain(p)]
    return found


def _plain(pair: Pair) -> bool:
    """A mixture's pairs repeat its parts' (match/mixtures.py): counted once, as the parts."""
    return not (pair.a.grade.mixture_of or pair.b.grade.mixture_of)


def estimate(pairs: list[Pair]) -> Estimate:
    rows = [_levels(p) for p in pairs]
    if not rows:
        return Estimate((), 0, 0.0, 0)
    comparisons = sorted({c for row in rows for c in row})
    kinds = {c: sorted({row[c][0] for row in rows if c in row}) for c in comparisons}
    u = {
        c: _shares([row[c][0] for row in rows if c in row], kinds[c], [1.0] * len(rows))
        for c in comparisons
    }
    chance = [min(0.99, max(0.01, p.score)) for p in pairs]  # the matcher's own view, to start
    prior, done = 0.0, 0
    while done < ITERATIONS:
        done += 1
        mshares = {
            c: _shares([row.get(c, ("", 0))[0] for row in rows], kinds[c], chance)
            for c in comparisons
        }
        new_prior = sum(chance) / len(chance)
        chance = [_posterior(row, mshares, u, new_prior) for row in rows]
        if abs(new_prior - prior) < SETTLED:
            prior = new_prior
            break
        prior = new_prior
    return Estimate(_figures(rows, comparisons, kinds, u, mshares), len(rows), prior, done)


def fit(pairs: list[Pair], positives: list[Pair]) -> Estimate:
    """m from pairs labelled equivalent by reading the two definitions (never from the trade's
    claims: those are evaluation data), u from every candidate pair.

    A few dozen positives cannot show every level: a level no positive shows would get m = 0
    (minus infinity bits), one shown once a weight far beyond what one pair can say. So m is
    shrunk towards u, as if PRIOR_PAIRS more positives had been drawn at random: a level the
    positives do not show ends a little below 0 bits, never above it, and m moves towards
    the positives' shares as they grow in number."""
    rows = [_levels(p) for p in pairs]
    good = [_levels(p) for p in positives]
    if not rows or not good:
        return Estimate((), len(rows), 0.0, 0)
    comparisons = sorted({c for row in [*rows, *good] for c in row})
    kinds = {c: sorted({row[c][0] for row in [*rows, *good] if c in row}) for c in comparisons}
    u = {
        c: _shares([row[c][0] for row in rows if c in row], kinds[c], [1.0] * len(rows))
        for c in comparisons
    }
    mshares = {c: _shrunk([row[c][0] for row in good if c in row], u[c]) for c in comparisons}
    figures = _figures(rows, comparisons, kinds, u, mshares, good)
    return Estimate(figures, len(rows), len(good) / len(rows), 0)


def _shrunk(levels: list[str], u: dict[str, float]) -> dict[str, float]:
    counts = Counter(levels)
    return {
        k: (counts[k] + PRIOR_PAIRS * share) / (len(levels) + PRIOR_PAIRS) for k, share in u.items()
    }


def _levels(pair: Pair) -> dict[str, tuple[str, float]]:
    return {c.name: (c.level, c.weight) for c in pair.contributions if c.name != "mixture"}


def _shares(levels: list[str], kinds: list[str], weights: list[float]) -> dict[str, float]:
    """Each level's weighted share, smoothed so that none is zero."""
    totals: dict[str, float] = defaultdict(float)
    for level, weight in zip(levels, weights, strict=True):
        if level in kinds:
            totals[level] += weight
    whole = sum(totals.values()) + SMOOTHING * len(kinds)
    return {k: (totals[k] + SMOOTHING) / whole for k in kinds}


def _posterior(row: dict, mshares: dict, u: dict, prior: float) -> float:
    log_m = math.log(prior) + sum(math.log(mshares[c][lv]) for c, (lv, _) in row.items())
    log_u = math.log(1 - prior) + sum(math.log(u[c][lv]) for c, (lv, _) in row.items())
    top = max(log_m, log_u)
    return math.exp(log_m - top) / (math.exp(log_m - top) + math.exp(log_u - top))


def _figures(rows, comparisons, kinds, u, mshares, more=()) -> tuple[LevelFigures, ...]:
    """Each level's figures; `more` are rows outside the candidate pairs (labelled pairs of
    other editions) whose hand weights count too."""
    counts = Counter((c, row[c][0]) for row in rows for c in row)
    hand: dict[tuple, list[float]] = defaultdict(list)
    for row in [*rows, *more]:
        for c, (level, weight) in row.items():
            hand[(c, level)].append(weight)
    return tuple(
        LevelFigures(
            comparison=c,
            level=level,
            pairs=counts[(c, level)],
            u=u[c][level],
            m=mshares[c][level],
            bits=math.log2(mshares[c][level] / u[c][level]),
            hand=sum(hand[(c, level)]) / len(hand[(c, level)]),
        )
        for c in comparisons
        for level in kinds[c]
    )


def text(found: Estimate) -> str:
    how = (
        f"estimated matches {found.prior:.2%} of them (EM, {found.iterations} rounds)"
        if found.iterations
        else "m from the labelled equivalent pairs"
    )
    lines = [
        f"{found.pairs} candidate pairs of the standards in force, u from all of them; {how}",
        f"{'comparison':<14} {'level':<20} {'pairs':>6} {'u':>7} {'m':>7} {'bits':>6}  hand",
    ]
    for f in found.levels:
        lines.append(
            f"{f.comparison:<14} {f.level:<20} {f.pairs:>6} {f.u:>7.4f} {f.m:>7.4f} "
            f"{f.bits:>+6.2f}  {f.hand:+.3f}"
        )
    lines.append(
        "bits: log2(m/u), what agreeing at a level says for a match; hand: matching.toml's "
        "weight. A measurement: no score uses these yet."
    )
    return "\n".join(lines)


def data(found: Estimate) -> dict:
    return {
        "pairs": found.pairs,
        "prior": round(found.prior, 6),
        "iterations": found.iterations,
        "levels": [
            {
                "comparison": f.comparison,
                "level": f.level,
                "pairs": f.pairs,
                "u": round(f.u, 6),
                "m": round(f.m, 6),
                "bits": round(f.bits, 4),
                "hand": round(f.hand, 4),
            }
            for f in found.levels
        ],
    }
