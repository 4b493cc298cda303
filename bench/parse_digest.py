"""A digest of what the parsers read, to see exactly what a change of the recogniser changes.

    python bench/parse_digest.py [--out FILE]

Writes to FILE (default: parse-digest.txt) one block per input, and a SHA-256 of the whole on
stdout; run before and after a change and diff the two files. The inputs:

- every fixture document of tests/fixtures/docs and, where present, the shared real documents
  (/work/shared/realdocs), each parsed as `stdcompare parse` parses it (auto detection), printed
  as the TOML draft with its warnings;
- every English grade description and requirement text of the bundled standards (standards/),
  read by the specification-prose reader (prose.read_requirements, as the ISRI and spec-sheet
  readers read a paragraph) and by the recogniser of STS and EU sentences (limits_in,
  prohibition, agreement): a few thousand sentences of real wording about scrap.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from stdcompare import api  # noqa: E402
from stdcompare.corpus import Corpus  # noqa: E402
from stdcompare.errors import StdcompareError  # noqa: E402
from stdcompare.parsers import prose  # noqa: E402
from stdcompare.parsers.canonical_write import dump  # noqa: E402
from stdcompare.parsers.toolkit.recogniser import Recogniser  # noqa: E402

DOCS = REPO / "tests" / "fixtures" / "docs"
REAL = Path("/work/shared/realdocs")


def documents() -> list[Path]:
    found = sorted(p for p in DOCS.iterdir() if not p.name.startswith("."))
    if REAL.is_dir():
        found += sorted(p for p in REAL.rglob("*") if p.is_file() and p.suffix != ".md")
    return found


def document_lines(path: Path, corpus: Corpus) -> list[str]:
    try:
        result = api.parse(path, corpus=corpus)
    except StdcompareError as err:
        return [f"refused: {err}"]
    return [dump(result.standard), *(f"warning: {w}" for w in result.warnings)]


def texts(standards: Path) -> list[tuple[str, str]]:
    """(where, text) of every English description and requirement text of the bundled files."""
    found = []
    for path in sorted(standards.rglob("*.toml")):
        if "vocabulary" in path.parts:
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for grade in data.get("grades", []):
            where = f"{path.name}:{grade.get('code')}"
            if isinstance(grade.get("description"), str):
                found.append((where, grade["description"]))
            for req in grade.get("requirements", []):
                if isinstance(req.get("text"), str):
                    found.append((f"{where}:{req.get('prop')}", req["text"]))
    return found


def text_lines(where: str, text: str, corpus: Corpus, recogniser: Recogniser) -> list[str]:
    lex = prose.lexicon(corpus.vocabulary)
    found = prose.read_requirements(text, lex, where)
    lines = [f"== {where}: {text}"]
    lines += [f"  prose {_req(r)}" for r in found.reqs]
    lines += [f"  prose warning {w}" for w in found.warnings]
    for sentence in prose.sentences(text):
        lines += [f"  limit {x}" for x in recogniser.limits_in(sentence)]
        lines.append(f"  banned {recogniser.prohibition(sentence)}")
        lines.append(f"  agreed {recogniser.agreement(sentence)}")
    return lines


def _req(r) -> str:
    parts = [r.prop, r.state.value, str(r.lo), str(r.hi), str(r.nominal), str(r.unit)]
    parts += [r.strength.value, r.consequence.value, str(r.qualifier), str(r.basis), str(r.dims)]
    return " ".join(parts) + f" | {r.text}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("parse-digest.txt"))
    args = parser.parse_args()
    corpus = Corpus.discover()
    recogniser = Recogniser(corpus.vocabulary)
    lines: list[str] = []
    for path in documents():
        lines.append(f"### {path}")
        lines += document_lines(path, corpus)
    for where, text in texts(REPO / "standards"):
        lines += text_lines(where, text, corpus, recogniser)
    out = "\n".join(lines) + "\n"
    args.out.write_text(out, encoding="utf-8")
    print(hashlib.sha256(out.encode()).hexdigest(), f"{len(lines)} lines in {args.out}")


if __name__ == "__main__":
    main()
