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
the other work's turns too); then the same with the prose reader answering nothing, the floor
that the layout reading costs. The prose reader's time per sentence is the difference over the
number of sentences it was given. The figures are medians over --reps rounds, the ratios
medians of the rounds' ratios. Both sides must read the same: their counts are printed.
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
    """In a process of one side: parse the sheet, print the fastest time and what was read;
    then the same with the prose reader answering nothing (the floor: the layout reading)."""
    sys.path.insert(0, os.environ["BENCH_TREE"])
    from stdcompare.parsers import prose, specsheet
    from stdcompare.resources import data_dir
    from stdcompare.vocabulary import load_vocabulary

    vocab = load_vocabulary(data_dir("standards") / "vocabulary")
    data = path.read_bytes()
    read = specsheet.read_requirements
    calls = [0]

    def counted(*args):
        calls[0] += 1
        return read(*args)

    specsheet.read_requirements = counted
    result = specsheet.PARSER.parse(data, Path("bench.txt"), vocab)  # warm-up, and a count
    sentences = calls[0]
    full = fastest(lambda: specsheet.PARSER.parse(data, Path("bench.txt"), vocab), inner)
    specsheet.read_requirements = lambda *args: prose.Found()
    floor = fastest(lambda: specsheet.PARSER.parse(data, Path("bench.txt"), vocab), inner)
    print(
        json.dumps(
            {
                "s": full,
                "floor": floor,
                "sentences": sentences,
                "units": result.units_total,
                "structured": result.units_structured,
                "warnings": len(result.warnings),
                "requirements": sum(len(g.requirements) for g in result.standard.grades),
            }
        )
    )


def fastest(run, times: int) -> float:
    """The least CPU time of the process over `times` runs (time.process_time: the machine
    is shared, and a wait for it is not this code's)."""
    best = float("inf")
    for _ in range(times):
        start = time.process_time()
        run()
        best = min(best, time.process_time() - start)
    return best


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
        floor = statistics.median(r["floor"] for r in runs) * 1000
        prose = statistics.median((r["s"] - r["floor"]) / r["sentences"] for r in runs) * 1000
        print(f"  {name:7} ({args.against if name == 'before' else 'this tree'})")
        print(f"          whole sheet {ms:7.1f} ms, of which the layout (floor) {floor:.1f} ms")
        print(f"          prose reader {prose:.3f} ms per sentence ({first['sentences']} read)")
        print(
            f"          {first['structured']}/{first['units']} units read, "
            f"{first['requirements']} requirements, {first['warnings']} warnings"
        )
    pairs = list(zip(rounds["before"], rounds["now"], strict=True))
    whole = statistics.median(b["s"] / n["s"] for b, n in pairs)
    prose = statistics.median((b["s"] - b["floor"]) / (n["s"] - n["floor"]) for b, n in pairs)
    print(
        "  rounds (before/now, ms): "
        + ", ".join(f"{b['s'] * 1000:.0f}/{n['s'] * 1000:.0f}" for b, n in pairs)
    )
    print(f"  speed-up: whole sheet {whole:.2f}×, prose reader {prose:.2f}× (medians of rounds)")


if __name__ == "__main__":
    sys.exit(main())
