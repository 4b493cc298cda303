"""A digest of the matcher's output, to check that a speed-up changed no result.

    python bench/match_digest.py N [--out FILE]   synthetic corpora, N per side, top 5 by name
    python bench/match_digest.py corpus [--out FILE]   every pair of standards in the corpus

Prints one line per pair (codes, score, blocking rule, every contribution; verdicts too for
the real corpus) to FILE, and a SHA-256 of it on stdout: run before and after, compare.
"""

from __future__ import annotations

import hashlib
import sys
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

TOP_K = 5


def pair_line(pair, with_verdict: bool) -> str:
    parts = [pair.a.ref, pair.a.grade.code, pair.b.ref, pair.b.grade.code, repr(pair.score)]
    parts.append(pair.blocking)
    parts += [f"{c.name}={c.level}:{c.weight!r}:{c.detail}" for c in pair.contributions]
    if with_verdict:
        parts += [pair.verdict.value, pair.relation.value]
    return "\t".join(parts)


def synthetic_lines(n: int) -> list[str]:
    from synthetic import standard

    from stdcompare.corpus import Corpus
    from stdcompare.match import score_pairs

    vocab = Corpus.discover().vocabulary
    a, b = standard(n, "a"), standard(n, "b")
    pairs = score_pairs([(a, g) for g in a.grades], [(b, g) for g in b.grades], vocab, top_k=TOP_K)
    return [pair_line(p, with_verdict=False) for p in pairs]


def corpus_lines() -> list[str]:
    from stdcompare.corpus import Corpus
    from stdcompare.match import compare_standards

    corpus = Corpus.discover()
    standards = corpus.standards
    lines = []
    for std_a, std_b in combinations(standards, 2):
        cmp = compare_standards(std_a, std_b, corpus.vocabulary)
        lines += [pair_line(p, with_verdict=True) for p in cmp.pairs]
    return lines


def main(argv: list[str]) -> None:
    lines = corpus_lines() if argv[0] == "corpus" else synthetic_lines(int(argv[0]))
    text = "\n".join(lines) + "\n"
    if "--out" in argv:
        Path(argv[argv.index("--out") + 1]).write_text(text)
    print(len(lines), hashlib.sha256(text.encode()).hexdigest())


if __name__ == "__main__":
    main(sys.argv[1:])
