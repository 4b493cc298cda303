"""Long fuzzing of every parser and of quantities.parse_bound, outside pytest.

    python bench/fuzz_parsers.py --cases 10000 [--parser NAME] [--seed N] [--out DIR]

Each parser gets random bytes, random text in the encodings documents come in, and mutations of
real documents: the fixtures of tests/fixtures/docs, the shared real documents under
/work/shared/realdocs when that folder exists, and (for pdf) PDFs made with fpdf2. A mutation is
a short list of edits (delete, insert a token or random bytes, a long run of one piece, repeat
a span, move, flip a bit, truncate) applied to one seed, so a failing case prints as a few
numbers, not a document.

A case fails when the parser raises anything but stdcompare.errors.StdcompareError, or takes
longer than LIMIT_S. The failing document is written to --out (default: a temporary folder) so
it can be replayed with `stdcompare parse FILE --parser NAME`. Exit status 1 when any failed.
"""

from __future__ import annotations

import argparse
import random
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from stdcompare.errors import StdcompareError  # noqa: E402
from stdcompare.parsers import canonical, detect  # noqa: E402
from stdcompare.quantities import parse_bound  # noqa: E402
from stdcompare.resources import data_dir  # noqa: E402
from stdcompare.vocabulary import load_vocabulary  # noqa: E402

LIMIT_S = 5.0  # a parse slower than this is a failure
HANG_S = 60  # a case still running after this is stopped (an alarm), and fails
DOCS = REPO / "tests" / "fixtures" / "docs"
REALDOCS = Path("/work/shared/realdocs")
PARSERS = ("isri", "gbt", "pdf", "eurlex", "formex", "sts", "sheet", "spec", "bound")
ENCODINGS = ("utf-8", "gb18030", "utf-16", "utf-16-be", "cp1252", "utf-8-sig")
# Pieces that mean something to one parser or another, for mutations to insert.
TOKENS = [
    t.encode("utf-8") if isinstance(t, str) else t
    for t in (
        "<!DOCTYPE x [", "<!ENTITY a 'b'>", "]>", "&a;", "&mdash;", "&#0;", "&#xD800;", "<![CDATA[",
        "]]>", "<!--", "-->", "<?pi x?>", "<p>", "</p>", "<table><tr><td>", "</td></tr></table>",
        '<p class="oj-ti-art">Article 1</p>', '<td class="oj-tbl-hdr">Criteria</td>', "<sec>",
        "<label>1</label>", "<TBL><CORPUS><ROW><CELL>", "<ACT>", "<standard>", "<div>" * 300,
        "≧", "≦", "９９，９", "％", "．", "不大于", "不小于", "1/0", "0/0", " 1 / 4 inch", "max.",
        "min. ", "%", "between 3 and ", "60 x 24 inches", "No. 14 B&S gauge", "free of oil, ",
        "\r", "\r\n", "\f", "\x00", "\t", "\ufeff", "\ufffd", "—", "表1", "附录A", "前言",
        "GB/T 38471—2019", "中华人民共和国国家标准", "SCRAP SPECIFICATIONS CIRCULAR 2022",
        "Barley NO. 1 BARE BRIGHT WIRE ", "Red Metals\n", "CODE ITEM\n", "212 Shredded.",
        "key = 'x'\n", "edition = '1'\n", "[[grades]]\n", "[[requirements]]\n", 'prop = "',
        "ge = 1e999\n", "[" * 50, "9" * 60, b"\xff", b"\x80", b"\xe4\xb8", b"%PDF-1.4\n",
        b"obj << /Length 99999999 >> stream\n", b"endstream endobj", b"trailer << /Root 1 0 R >>",
    )
]  # fmt: skip
# Tokens that are text to every markup (no "<", "&", ">" or control characters): inserted before
# an end tag, they change what a well-formed document says without making it malformed.
TEXT_TOKENS = [
    t
    for t in TOKENS
    if not any(c in t for c in b"<&>") and t.decode("utf-8", "replace").isprintable()
]
BOUNDS = [
    "≥ 99.9 %", "≧９９，９％", "不大于0.5%", "min. 94%", "max 2 %", "1/16 inch", "1 1/2 in.",
    "No. 16 B&S gauge", "90-95 %", "90 ～ 95", "not less than 17 lb/ft3", "< 0.1 µSv/h", "至 3",
    "1 / 4 inch", "１／４ inch", "up to 600 mm", "at most 1,5 %", "exceeding 2", "0.5",
]  # fmt: skip
# Long runs of one short piece: where a reader rescans or copies the rest of a line, paragraph
# or head at every occurrence, time grows with the square of the run (seconds at 20 000).
RUNS = [
    "a", "9", " ", "\n", "-", ".", ",", "(", "%", "/", "<", "&", "铜", "，", "ab ", "a-", "1.",
    "1/", "No. ", "free of ", "max 1 ", "between 1 and ", "<!--", "<?", "<p>", "]", "\t", "|",
    "不大于1%", "表1 ", "Abcde ABCDE ",
]  # fmt: skip
BOUND_CHARS = "0123456789０１２３４５６７８９.,，．/／%％ -–—~～<>=≤≥≦≧⩽⩾#&aeimnortxµ³"


class Slow(AssertionError):
    """A parse over LIMIT_S."""


class Hang(BaseException):
    """Raised by the alarm: a BaseException, so no parser's `except Exception` swallows it."""


# --- seeds and cases -------------------------------------------------------------------------


def seeds(name: str) -> list[tuple[str, bytes]]:
    """(label, bytes) of the real documents a parser's mutations start from."""
    patterns = {
        "isri": [DOCS.glob("isri-*.txt")],
        "gbt": [DOCS.glob("gbt-*.txt")],
        "eurlex": [DOCS.glob("eurlex-*.*html"), REALDOCS.glob("eurlex/*.html")],
        # single files (a combined file, a table of contents) and the parts of packages
        "formex": [DOCS.glob("formex-*.xml"), DOCS.glob("formex-*/*.xml")],
        "sts": [DOCS.glob("sts-*.xml"), REALDOCS.glob("sts/*.xml")],
        "sheet": [DOCS.glob("sheet-*.txt")],
        "spec": [(REPO / "tests" / "fixtures" / "corpus").glob("*.toml")],
    }
    if name == "pdf":
        return made_pdfs()
    if name == "bound":
        return [(b, b.encode("utf-8")) for b in BOUNDS]
    return [(p.name, p.read_bytes()) for group in patterns[name] for p in sorted(group)]


def made_pdfs() -> list[tuple[str, bytes]]:
    """A one-column ISRI-like page, a two-column one, and a page with no text layer."""
    try:
        import fpdf
    except ImportError:
        return [("minimal.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>")]
    lines = (DOCS / "isri-circular-excerpt.txt").read_text(encoding="utf-8").splitlines()[:40]
    made = []
    for label, columns in (("one-column.pdf", 1), ("two-column.pdf", 2), ("drawing.pdf", 0)):
        doc = fpdf.FPDF()
        doc.add_page()
        doc.set_font("Helvetica", size=8)
        if not columns:
            doc.rect(20, 20, 120, 80, style="F")
        for i, line in enumerate(lines if columns else []):
            x = 10 + 100 * (i % columns) if columns == 2 else 10
            doc.set_xy(x, 10 + 5 * (i // columns))
            doc.cell(95, 4, line.encode("latin-1", "replace").decode("latin-1")[:60])
        made.append((label, bytes(doc.output())))
    return made


@dataclass
class Mutated:
    seed: str
    ops: list[tuple]

    def build(self, corpus: dict[str, bytes]) -> bytes:
        data = bytearray(corpus[self.seed])
        for op in self.ops:
            data = apply(data, op)
        return bytes(data)


def apply(data: bytearray, op: tuple) -> bytearray:
    kind, at = op[0], op[1] % (len(data) + 1)
    if kind == "delete":
        del data[at : at + op[2]]
    elif kind == "insert":
        data[at:at] = op[2]
    elif kind == "text":  # just before the next end tag: inside an element's text, always
        end = data.find(b"</", at)
        at = end if end >= 0 else at
        data[at:at] = op[2]
    elif kind == "run":
        data[at:at] = op[2] * op[3]
    elif kind == "repeat":  # a span many times over: long lines, long runs of limits
        span = bytes(data[at : at + op[2]])
        data[at:at] = span * op[3]
    elif kind == "move":
        span = bytes(data[at : at + op[3]])
        del data[at : at + op[3]]
        to = op[2] % (len(data) + 1)
        data[to:to] = span
    elif kind == "flip" and at < len(data):
        data[at] ^= 1 << op[2]
    elif kind == "truncate":
        del data[at:]
    return data


def mutations(labels: list[str]):
    pos = st.integers(0, 1 << 24)
    op = st.one_of(
        st.tuples(st.just("delete"), pos, st.integers(1, 4000)),
        st.tuples(st.just("insert"), pos, st.sampled_from(TOKENS)),
        st.tuples(st.just("text"), pos, st.sampled_from(TEXT_TOKENS)),
        st.tuples(st.just("text"), pos, st.sampled_from(TEXT_TOKENS).map(lambda t: t * 50)),
        st.tuples(st.just("insert"), pos, st.binary(min_size=1, max_size=24)),
        st.tuples(st.just("repeat"), pos, st.integers(1, 300), st.integers(2, 200)),
        st.tuples(st.just("move"), pos, pos, st.integers(1, 2000)),
        st.tuples(
            st.just("run"), pos, st.sampled_from([r.encode() for r in RUNS]), st.integers(2, 20_000)
        ),
        st.tuples(st.just("flip"), pos, st.integers(0, 7)),
        st.tuples(st.just("truncate"), pos),
    )
    return st.builds(Mutated, st.sampled_from(labels), st.lists(op, min_size=1, max_size=8))


def text_mutations(labels: list[str]):
    """Edits of the text only: the markup stays well formed, so the readers behind it run."""
    op = st.tuples(st.just("text"), st.integers(0, 1 << 24), st.sampled_from(TEXT_TOKENS))
    return st.builds(Mutated, st.sampled_from(labels), st.lists(op, min_size=1, max_size=12))


def random_text():
    """Text made of tokens and random characters, in an encoding documents come in."""
    pieces = st.lists(
        st.one_of(st.sampled_from(TOKENS).map(lambda b: b.decode("utf-8", "replace")), st.text()),
        max_size=40,
    )
    return st.tuples(pieces, st.sampled_from(ENCODINGS)).map(
        lambda t: "".join(t[0]).encode(t[1], "replace")
    )


def cases(labels: list[str]):
    return st.one_of(
        mutations(labels), text_mutations(labels), st.binary(max_size=4000), random_text()
    )


def bound_cases():
    return st.one_of(
        mutations(BOUNDS),
        st.text(alphabet=BOUND_CHARS, max_size=40).map(str.encode),
        st.text(max_size=40).map(str.encode),
    )


# --- running -----------------------------------------------------------------------------------


@dataclass
class Report:
    name: str
    cases: int = 0
    seconds: float = 0.0
    slowest: float = 0.0  # seconds of the slowest case, kept in --out as <name>-slowest.bin
    refused: int = 0  # cases that ended in a StdcompareError, as they may
    failures: list[str] = field(default_factory=list)


def target(name: str, vocab, scratch: Path):
    """A function of the document's bytes that parses it as `name` would."""
    if name == "bound":
        return lambda data: parse_bound(data.decode("utf-8", "replace"), vocab.unit_key)
    if name == "spec":  # the canonical reader reads files
        path = scratch / "fuzz.toml"
        return lambda data: (path.write_bytes(data), canonical.load(path, vocab))
    parser = detect.load_parser(name)
    return lambda data: parser.parse(data, Path(f"fuzz.{name}"), vocab)


def check(run, data: bytes, report: Report, failed: Path) -> None:
    """One case: only StdcompareError may escape, and only within LIMIT_S."""
    report.cases += 1
    if report.cases % 1000 == 0:
        print(f"  {report.name}: {report.cases} cases, slowest {report.slowest:.2f} s", flush=True)
    start = time.perf_counter()
    signal.alarm(HANG_S)
    try:
        run(data)
    except StdcompareError:
        report.refused += 1
    except Hang:
        failed.write_bytes(data)
        raise Slow(f"still running after {HANG_S} s") from None
    except Exception:
        failed.write_bytes(data)  # the last failing case is the shrunk one Hypothesis replays
        raise
    finally:
        signal.alarm(0)
    elapsed = time.perf_counter() - start
    if elapsed > report.slowest:
        report.slowest = elapsed
        failed.with_name(f"{report.name}-slowest.bin").write_bytes(data)
    if elapsed > LIMIT_S:
        failed.write_bytes(data)
        raise Slow(f"{elapsed:.1f} s for {len(data)} bytes")


def fuzz(name: str, cases_wanted: int, seed_value: int, vocab, out: Path) -> Report:
    report = Report(name)
    corpus = dict(seeds(name))
    run = target(name, vocab, out)
    failed = out / f"{name}-failure.bin"
    strategy = bound_cases() if name == "bound" else cases(sorted(corpus))

    @seed(seed_value)
    @settings(
        max_examples=cases_wanted,
        deadline=None,
        database=None,
        phases=(Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def one(case) -> None:
        data = case.build(corpus) if isinstance(case, Mutated) else case
        check(run, data, report, failed)

    for data in corpus.values():  # warm-up: caches filled here are not a case's time
        check(run, data, report, failed)
    report.cases = report.refused = 0
    report.slowest = 0.0
    start = time.perf_counter()
    try:
        one()
    except Exception as exc:  # noqa: BLE001 - every kind of failure is reported, then counted
        report.failures.append(f"{type(exc).__name__}: {str(exc)[:500]} (input: {failed})")
    report.seconds = time.perf_counter() - start
    return report


def _hang(signum, frame):
    raise Hang


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    out = Path(args.out or tempfile.mkdtemp(prefix="stdcompare-fuzz-"))
    out.mkdir(parents=True, exist_ok=True)
    signal.signal(signal.SIGALRM, _hang)
    vocab = load_vocabulary(data_dir("standards") / "vocabulary")
    names = args.parser or list(PARSERS)
    print(f"{'target':8} {'cases':>7} {'refused':>7} {'seconds':>8} {'slowest':>8}  failures")
    reports = []
    for name in names:
        report = fuzz(name, args.cases, args.seed, vocab, out)
        reports.append(report)
        print(
            f"{name:8} {report.cases:7d} {report.refused:7d} {report.seconds:8.1f} "
            f"{report.slowest:8.2f}  {len(report.failures)}",
            flush=True,
        )
        for failure in report.failures:
            print(f"    {failure}", flush=True)
    return 1 if any(r.failures for r in reports) else 0


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=1000, help="cases per parser")
    parser.add_argument("--parser", action="append", choices=PARSERS, help="repeatable")
    parser.add_argument("--seed", type=int, default=random.randrange(1 << 30))
    parser.add_argument("--out", help="folder for failing inputs (default: a temporary one)")
    args = parser.parse_args(argv)
    print(f"seed {args.seed}; failing inputs go to {args.out or 'a temporary folder'}")
    return args


if __name__ == "__main__":
    sys.exit(main())
