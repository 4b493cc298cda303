"""Matching at scale: stdcompare's blocked, vectorised matcher against a naive rapidfuzz double
loop, on synthetic corpora of N grades per side.

    python bench/bench_match.py [--runs R] 1000 5000 20000

Each N runs in a fresh process (so peak memory is that run's), R times (default 1); the table
gives the median of each column over the runs. The naive loop scores every pair's names with
rapidfuzz in Python; at large N it is timed on a sample of left grades and extrapolated linearly
(it is linear in the number of left grades), which the output says.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

NAIVE_SAMPLE = 200
TOP_K = 5


def run_one(n: int) -> dict:
    from synthetic import standard

    from stdcompare.corpus import Corpus
    from stdcompare.match import score_pairs

    vocab = Corpus.discover().vocabulary
    a, b = standard(n, "a"), standard(n, "b")
    left, right = [(a, g) for g in a.grades], [(b, g) for g in b.grades]
    start = time.perf_counter()
    pairs = score_pairs(left, right, vocab, top_k=TOP_K)
    ours = time.perf_counter() - start
    naive, sample = naive_loop(a, b, min(n, NAIVE_SAMPLE))
    naive_full = naive * n / sample
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "n": n,
        "pairs_scored": len(pairs),
        "ours_s": round(ours, 2),
        "naive_s": round(naive_full, 1),
        "naive_sampled": sample < n,
        "speedup": round(naive_full / ours, 1),
        "peak_mb": round(peak_mb),
    }


def naive_loop(a, b, sample: int) -> tuple[float, int]:
    """Every left name against every right name with rapidfuzz, in a Python double loop."""
    from rapidfuzz import fuzz

    right = [g.names["en"].text.lower() for g in b.grades]
    start = time.perf_counter()
    for grade in a.grades[:sample]:
        name = grade.names["en"].text.lower()
        best = max(range(len(right)), key=lambda j: fuzz.token_set_ratio(name, right[j]))
        assert best >= 0
    return time.perf_counter() - start, sample


def main(sizes: list[int], runs: int) -> None:
    rows = []
    for n in sizes:
        found = [one_process(n) for _ in range(runs)]
        row = {k: statistics.median(r[k] for r in found) for k in MEDIANS}
        rows.append({**found[0], **row, "runs": runs})
    print("| N per side | pairs scored | stdcompare (s) | naive loop (s) | speed-up | peak MB |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        naive = f"{r['naive_s']}" + (" (extrapolated)" if r["naive_sampled"] else "")
        print(
            f"| {r['n']} | {r['pairs_scored']} | {r['ours_s']} | {naive} | "
            f"{r['speedup']}× | {r['peak_mb']} |"
        )
    if runs > 1:
        print(f"\nmedians of {runs} runs, each in its own process")


MEDIANS = ("ours_s", "naive_s", "speedup", "peak_mb")


def one_process(n: int) -> dict:
    done = subprocess.run(
        [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


if __name__ == "__main__":
    import argparse

    if sys.argv[1:2] == ["--one"]:  # the child process of one_process()
        print(json.dumps(run_one(int(sys.argv[2]))))
    else:
        parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
        parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000, 20000])
        parser.add_argument("--runs", type=int, default=1, help="runs of each size (medians)")
        options = parser.parse_args()
        main(options.sizes, options.runs)
