"""The shared prose reader's speed: the spec-sheet reader on a ~100 kB sheet of ~1 500
sentences, the code as it is against the code of an earlier revision, in one run.

    python bench/bench_prose.py [--reps 7] [--against REV] [--bytes 100000]

The sheet: the spec-sheet fixtures (a buyer's sheet, a criteria annex, a national standard's
page; tests/fixtures/docs/sheet-*.txt) under one title, repeated to --bytes. Every sentence goes
through prose.read_requirements and the recogniser (pick, contaminant), which is what the
bench measures; the layout reading around it is the same on both sides.

--against REV (default: main) is checked out with `git archive` into a temporary folder. Each
round runs one process per side, alternating, so both see the same machine; a process parses
once to warm up (imports, the vocabulary's caches) and then --inner times, and reports its
fastest, in CPU time of the process (time.process_time: on a shared machine a wall time counts
the other work's turns too). The figures are medians over --reps rounds, and the ratio is the
median of the rounds' ratios. Both sides must read the same: their coverage and warning counts
are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOCS = REPO / "tests" / "fixtures" / "docs"
PARTS = ("sheet-buyer.txt", "sheet-glass-annex.txt", "sheet-indian-standard-layout.txt")


def sheet(size: int) -> bytes:
    """The fixtures' bodies under the buyer's title, repeated to about `size` bytes."""
    head = (DOCS / PARTS[0]).read_text(encoding="utf-8")
    body = "\n".join((DOCS / name).read_text(encoding="utf-8") for name in PARTS)
    return (head + ("\n" + body) * max(1, size // len(body))).encode("utf-8")


def worker(path: Path, inner: int) -> None:
    """In a process of one side: parse the sheet, print the fastest time and what was read."""
    sys.path.insert(0, os.environ["BENCH_TREE"])
    from stdcompare.parsers import specsheet
    from stdcompare.resources import data_dir
    from stdcompare.vocabulary import load_vocabulary

    vocab = load_vocabulary(data_dir("standards") / "vocabulary")
    data = path.read_bytes()
    result = specsheet.PARSER.parse(data, Path("bench.txt"), vocab)  # warm-up
    times = []
    for _ in range(inner):
        start = time.process_time()  # CPU time: the machine is shared, a wait is not ours
        specsheet.PARSER.parse(data, Path("bench.txt"), vocab)
        times.append(time.process_time() - start)
    print(
        json.dumps(
            {
                "s": min(times),
                "units": result.units_total,
                "structured": result.units_structured,
                "warnings": len(result.warnings),
                "requirements": sum(len(g.requirements) for g in result.standard.grades),
            }
        )
    )


def run_side(tree: Path, path: Path, inner: int) -> dict:
    env = {**os.environ, "BENCH_TREE": str(tree), "PYTHONPATH": str(tree)}
    command = [sys.executable, __file__, "--worker", str(path), "--inner", str(inner)]
    done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def checkout(rev: str, into: Path) -> Path:
    """The package and its data at `rev`, unpacked into `into`."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", rev, "stdcompare", "standards"],
        check=True,
        capture_output=True,
    ).stdout
    tar = into / "tree.tar"
    tar.write_bytes(archive)
    with tarfile.open(tar) as fh:
        fh.extractall(into / "tree", filter="data")
    return into / "tree"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=7, help="rounds (median)")
    parser.add_argument("--inner", type=int, default=3, help="parses per process (fastest)")
    parser.add_argument("--against", default="main", help="the revision to compare with")
    parser.add_argument("--bytes", type=int, default=100_000, help="size of the sheet")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker is not None:
        worker(args.worker, args.inner)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "sheet.txt"
        path.write_bytes(sheet(args.bytes))
        sides = {"before": checkout(args.against, folder), "now": REPO}
        rounds: dict[str, list[dict]] = {name: [] for name in sides}
        for _ in range(args.reps):
            for name, tree in sides.items():
                rounds[name].append(run_side(tree, path, args.inner))
        size = path.stat().st_size
    report(rounds, size, args)
    return 0


def report(rounds: dict[str, list[dict]], size: int, args) -> None:
    print(f"sheet: {size / 1000:.0f} kB; {args.reps} rounds, fastest of {args.inner} per process")
    for name, runs in rounds.items():
        first = runs[0]
        ms = statistics.median(r["s"] for r in runs) * 1000
        per = ms / first["units"]
        read = (
            f"{first['structured']}/{first['units']} units read, "
            f"{first['requirements']} requirements, {first['warnings']} warnings"
        )
        print(f"  {name:7} ({args.against if name == 'before' else 'this tree'}) {ms:8.1f} ms")
        print(f"          {per:.3f} ms per text unit; {read}")
    ratios = [b["s"] / n["s"] for b, n in zip(rounds["before"], rounds["now"], strict=True)]
    print(
        "  rounds (before/now, ms): "
        + ", ".join(
            f"{b['s'] * 1000:.0f}/{n['s'] * 1000:.0f}"
            for b, n in zip(rounds["before"], rounds["now"], strict=True)
        )
    )
    print(f"  speed-up {statistics.median(ratios):.2f}× (median of the rounds' ratios)")


if __name__ == "__main__":
    sys.exit(main())
