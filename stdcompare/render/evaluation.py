"""The matcher's measurements in words: `stdcompare evaluate` (precision and recall per
family) and `evaluate --cross-validate` (the matcher beside weights fitted on other folds)."""

from __future__ import annotations

from .. import crossval
from . import inert


def evaluation_data(tallies: dict) -> dict:
    return {
        family: {
            "precision": round(t.precision, 4),
            "recall": round(t.recall, 4),
            "tp": t.tp,
            "fp": t.fp,
            "fn": t.fn,
            "tn": t.tn,
            "missed": t.missed,
            "wrong": t.wrong,
        }
        for family, t in tallies.items()
    }


def evaluation(tallies: dict) -> str:
    width = max(16, *(len(f) for f in tallies))  # "aluminium_wrought" is 17 wide
    lines = [f"{'family':<{width}} {'precision':>9} {'recall':>7}  tp fp fn tn"]
    for family, t in sorted(tallies.items(), key=lambda kv: (kv[0] != "all", kv[0])):
        lines.append(
            f"{family:<{width}} {t.precision:>9.2f} {t.recall:>7.2f}  "
            f"{t.tp:>2} {t.fp:>2} {t.fn:>2} {t.tn:>2}"
        )
    for t in (tallies["all"],):
        lines += [f"missed: {m}" for m in t.missed] + [f"wrong: {w}" for w in t.wrong]
    return inert.lines(lines)


def cross_validation(result) -> str:
    width = max(17, *(len(f) for f in result.fitted))
    head = f"{'family':<{width}} {'positives':>9}  {'matcher P / R':>13}  {'fitted P / R':>12}"
    lines = [
        f"Leave one pair of standards out: {result.folds} folds; fitted = m from the other "
        f"folds' positives, threshold chosen on them (precision ≥ {crossval.PRECISION}); matcher = "
        "the hand weights of matching.toml, on the same rows (set while reading these labels).",
        head,
    ]
    for family in sorted(result.fitted, key=lambda f: (f != "all", f)):
        mine, fit = result.matcher[family], result.fitted[family]
        lines.append(
            f"{family:<{width}} {fit.tp + fit.fn:>9}  {_pr(mine):>13}  {_pr(fit):>12}"
            + ("" if fit.tp + fit.fn < crossval.MIN_POSITIVES else "  " + _verdict(mine, fit))
        )
    for family, missed in result.lacking.items():
        lines.append(f"{family}: positives both miss, and the data they lack")
        lines += [f"  {line}" for line in missed]
    return inert.lines(lines)


def _pr(tally) -> str:
    return f"{tally.precision:.2f} / {tally.recall:.2f}"


def _verdict(mine, fit) -> str:
    if crossval.meets(fit) or crossval.meets(mine):
        return "meets the targets"
    return f"below the targets (P ≥ {crossval.PRECISION}, R ≥ {crossval.TARGET_RECALL})"
