"""Everyday commands as whole processes, against Python importing typer, in one run.

    python bench/bench_cli.py [--reps 15]

Run it with the interpreter of a venv where stdcompare is installed (`pip install .`): the
commands are that venv's `stdcompare` script. Each case runs once to warm up, then --reps
times, alternating with its baseline so both see the same machine; the figure is the median of
the per-pair ratios (and of the wall times). The caches live in a temporary folder
($STDCOMPARE_CACHE), so nothing from earlier runs is reused.

Cases:
  lookup Berry            the answer cached (a repeated query): the issue's acceptance figure
  lookup Berry, 1st time  the answer cache emptied before every run, the parse cache warm
  lookup Berry, cold      both caches emptied before every run: TOML read and checked
  report                  the whole corpus to HTML, parse cache warm (target ≤ 1 s, absolute)
  harmonise               three copper wire grades of ISRI and GB/T (target ≤ 0.5 s)
  recognise copper        the copper family's recognition matrix (target ≤ 2 s)
  site                    the trader's site for the whole corpus (target ≤ 10 s)

    python bench/bench_cli.py --only harmonise recognise    (a subset, by words of the names)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

BIN = Path(sys.executable).parent
BASELINE = [sys.executable, "-c", "import typer"]


def wall(command: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(
        command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def pairs(
    command: list[str], env: dict, reps: int, before: Callable[[], None]
) -> tuple[list[float], list[float]]:
    """Alternate the command and the baseline; `before` runs untimed before each command."""
    before()
    wall(command, env)  # warm-up: fills whatever the case keeps warm
    ours, base = [], []
    for _ in range(reps):
        before()
        ours.append(wall(command, env))
        base.append(wall(BASELINE, env))
    return ours, base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument("--only", nargs="*", default=[], help="cases whose name has a word")
    args = parser.parse_args()
    script = BIN / "stdcompare"
    if not script.exists():
        sys.exit(f"no stdcompare script beside {sys.executable}: pip install . in this venv")
    work = Path(tempfile.mkdtemp(prefix="stdcompare-bench-"))
    cache = work / "cache"
    # the caches and the secret that seals them (seal.py), both in the temporary folder
    env = {**os.environ, "STDCOMPARE_CACHE": str(cache), "XDG_STATE_HOME": str(work / "state")}
    env.pop("STDCOMPARE_PATH", None)

    def nothing() -> None:
        pass

    def no_answers() -> None:
        shutil.rmtree(cache / "answers", ignore_errors=True)

    def no_cache() -> None:
        shutil.rmtree(cache, ignore_errors=True)

    lookup = [str(script), "lookup", "Berry"]
    cases = [
        ("lookup Berry (answer cached)", lookup, nothing),
        ("lookup Berry (1st time; parse cache warm)", lookup, no_answers),
        ("lookup Berry (cold: no caches)", lookup, no_cache),
        (
            "report, whole corpus (parse cache warm)",
            [str(script), "report", "-o", str(work / "r.html")],
            nothing,
        ),
        (
            "harmonise Birch, RCu-1B, RCu-1C (parse cache warm)",
            [
                str(script),
                "harmonise",
                "isri-circular:Birch",
                "gbt-38471@2019:RCu-1B",
                "gbt-38471@2019:RCu-1C",
            ],
            nothing,
        ),
        (
            "site, whole corpus (parse cache warm)",
            [str(script), "site", "-o", str(work / "site")],
            nothing,
        ),
        (
            "recognise --family copper (parse cache warm)",
            [str(script), "recognise", "--family", "copper"],
            nothing,
        ),
    ]
    if args.only:
        cases = [c for c in cases if any(w in c[0] for w in args.only)]
    print(f"{args.reps} runs each after a warm-up, alternating with: python -c 'import typer'")
    print(f"{'case':45s} {'median s':>9s} {'baseline s':>10s} {'ratio':>6s}")
    try:
        for name, command, before in cases:
            ours, base = pairs(command, env, args.reps, before)
            ratio = statistics.median(o / b for o, b in zip(ours, base, strict=True))
            print(
                f"{name:45s} {statistics.median(ours):9.3f} "
                f"{statistics.median(base):10.3f} {ratio:5.2f}×"
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
