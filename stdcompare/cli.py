"""The command line: one short function per command over the library.

Errors from the library become one line ``stdcompare: error: …`` and a hint, exit code 2.
Exit code 1 is kept for "the check you asked for failed" (validate found errors).
"""

from __future__ import annotations

import copy
import os
import sys
import warnings
from collections.abc import Iterable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

try:  # recent typer releases carry their own copy of click
    from typer._click import exceptions as click_exc
except ImportError:  # pragma: no cover - older typer on the real click
    from click import exceptions as click_exc

from typing import TYPE_CHECKING

from .errors import StdcompareError, StdcompareWarning
from .version import __version__

if TYPE_CHECKING:
    from .corpus import Corpus

app = typer.Typer(
    name="stdcompare",
    help="Line up scrap and recycled raw-material specifications (ISRI/ReMA, GB/T, EU, EN, "
    "EFR) and report where they differ.",
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


class TextOrJson(StrEnum):
    text = "text"
    json = "json"


class TableFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


class CompareFormat(StrEnum):
    text = "text"
    html = "html"
    json = "json"
    md = "md"
    csv = "csv"


class Reference(StrEnum):
    A = "A"
    B = "B"


class HarmoniseFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"


class RecogniseFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    html = "html"


class DiffFormat(StrEnum):
    text = "text"
    json = "json"
    md = "md"
    html = "html"
    junit = "junit"
    github = "github"


class FailOn(StrEnum):
    breaking = "breaking"
    warning = "warning"
    info = "info"
    never = "never"


class ParseTarget(StrEnum):
    json = "json"
    toml = "toml"


class ParserName(StrEnum):
    auto = "auto"
    spec = "spec"
    isri = "isri"
    gbt = "gbt"
    eurlex = "eurlex"
    sts = "sts"
    formex = "formex"
    pdf = "pdf"


StandardsOpt = Annotated[
    list[Path] | None,
    typer.Option(
        "--standards",
        help="Extra folder of canonical files (repeatable); STDCOMPARE_PATH is read too.",
        metavar="DIR",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Resolve 'key' to the edition in force on this date (YYYY-MM-DD; default today).",
        metavar="DATE",
    ),
]
FormatOpt = Annotated[TextOrJson, typer.Option("--format", "-f", help="Output format.")]


class Lang(StrEnum):
    en = "en"
    zh = "zh"


LangOpt = Annotated[Lang, typer.Option("--lang", help="Language of the report's labels.")]


def _corpus(standards: list[Path] | None, as_of: str | None):
    from .corpus import Corpus

    return Corpus.discover(extra=standards or [], as_of=_date(as_of))


def _date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise StdcompareError(
            f"--as-of '{text}' is not a date", "write it as YYYY-MM-DD, e.g. --as-of 2021-01-01"
        ) from None


def _print_json(data) -> None:
    typer.echo(_json_text(data), nl=False)


def _json_text(data) -> str:
    from .render.jsontext import json_text

    return json_text(data)


def _json_chunks(data) -> Iterator[str]:
    """The text of _json_text in pieces, for a large document to be written as it is encoded:
    json.dumps with indent holds every small piece in a list, then the whole text (a GB/T table
    of 20 000 rows: 43 MB of JSON, peak memory 454 MB written whole, 145 MB streamed)."""
    import json

    yield from json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data)
    yield "\n"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"stdcompare {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Line up scrap and recycled raw-material specifications and report where they differ.

    Example:  stdcompare report -o report.html
    """


@app.command("list")
def list_(
    format: FormatOpt = TextOrJson.text,
    family: Annotated[
        str | None,
        typer.Option(help="Only standards with grades of this family (or a family below it)."),
    ] = None,
    standards: StandardsOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """List the standards in the corpus, every edition, and which one is in force.

    Example:  stdcompare list --format json
    """
    from .render import listing

    corpus = _corpus(standards, as_of)
    rows = listing.rows(corpus, family and corpus.known_family(family))
    if format is TextOrJson.json:
        _print_json(rows)
    else:
        typer.echo(listing.text(rows))


@app.command()
def show(
    ref: Annotated[str, typer.Argument(help="key, key@edition, a canonical file, or REF:CODE.")],
    code: Annotated[str | None, typer.Argument(help="A grade code (or give REF:CODE).")] = None,
    format: FormatOpt = TextOrJson.text,
    standards: StandardsOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Show a standard, or one grade with its effective requirements and their evidence.

    Example:  stdcompare show isri-circular Birch
    """
    from .render import show as render
    from .serialize import to_data

    corpus = _corpus(standards, as_of)
    if code is None and ":" in ref and not Path(ref).exists():
        standard, grade = corpus.resolve_grade(ref)
    else:
        standard = corpus.resolve(ref)
        grade = corpus.grade_of(standard, code) if code else None
    if format is TextOrJson.json:
        _print_json(render.grade_data(standard, grade) if grade else to_data(standard))
    else:
        vocab = corpus.vocabulary
        typer.echo(
            render.grade_text(standard, grade, vocab)
            if grade
            else render.standard_text(standard, vocab)
        )


@app.command()
def lookup(
    query: Annotated[str, typer.Argument(help="A code word, grade code or name (any language).")],
    in_: Annotated[
        list[str] | None,
        typer.Option(
            "--in", help="Only match grades of this standard (repeatable).", metavar="REF"
        ),
    ] = None,
    computed_only: Annotated[
        bool, typer.Option("--computed-only", help="Leave asserted correspondences out.")
    ] = False,
    format: Annotated[TableFormat, typer.Option("--format", "-f", help="Output format.")] = (
        TableFormat.text
    ),
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help="Language of the answer's words (default: the locale's)."),
    ] = None,
    standards: StandardsOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """What is this grade under the other standards, and what would it fail?

    {verdicts}

    Example:  stdcompare lookup Birch --in gbt-38471@2019
    """
    from .answers import remember
    from .corpus import on_disk
    from .parsers.detect import inputs

    corpus = _corpus(standards, as_of)
    refs = in_ or []
    spoken = (lang or _locale_lang()).value
    question = ("lookup", query, *refs, f"computed_only={computed_only}", format.value, spoken)
    # A file named as a reference is an input too: its bytes join the key (a Formex
    # descriptor's, those of the files beside it too).
    given = [r for r in [*refs, query.rsplit(":", 1)[0]] if on_disk(r, files_only=True)]
    named = [p for r in given for p in inputs(Path(r))]
    answer = remember(
        question,
        [*corpus.folders, *named],
        corpus.as_of,
        lambda: _lookup_answer(corpus, query, refs, computed_only, format, spoken),
    )
    typer.echo(answer, nl=False)


def _locale_lang() -> Lang:
    """Chinese when the locale is (LC_ALL, LC_MESSAGES or LANG starting zh), else English."""
    import os

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return Lang.zh if value.lower().startswith("zh") else Lang.en
    return Lang.en


def _lookup_answer(
    corpus: Corpus, query: str, refs: list[str], computed_only: bool, format, lang: str = "en"
) -> str:
    from . import api
    from .counterparts import for_text
    from .render import records, summary

    result = api.lookup(query, within=refs, computed_only=computed_only, corpus=corpus)
    day = corpus.as_of.isoformat()
    if format is TableFormat.json:
        return _json_text(records.lookup_data(result, corpus.vocabulary, day, one_by_one=True))
    if format is TableFormat.csv:  # the grade against regulations too, when there are no matches
        matches = [records.pair_data(p, corpus.vocabulary) for p in result.matches]
        found = [records.conformity_data(c, corpus.vocabulary) for c in result.conformity]
        return records.to_csv(matches, found)
    return summary.lookup_text(for_text(result), corpus.vocabulary, day, corpus, lang) + "\n"


@app.command()
def compare(
    a: Annotated[str, typer.Argument(help="First standard: key, key@edition or a file.")],
    b: Annotated[str, typer.Argument(help="Second standard.")],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write here; the format follows the extension."),
    ] = None,
    format: Annotated[
        CompareFormat | None,
        typer.Option("--format", "-f", help="Output format (default: from -o, else text)."),
    ] = None,
    reference: Annotated[
        Reference, typer.Option("--reference", help="Which standard is the first column.")
    ] = Reference.A,
    family: Annotated[
        str | None,
        typer.Option(help="Only grades of this family (or a family below it), e.g. copper."),
    ] = None,
    lang: LangOpt = Lang.en,
    all_pairs: Annotated[
        bool,
        typer.Option("--all", help="CSV: every candidate pair, those with verdict none included."),
    ] = False,
    excel: Annotated[
        bool,
        typer.Option("--excel", help="CSV for Excel: UTF-8 with a byte-order mark."),
    ] = False,
    standards: StandardsOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Every grade pair of two standards that survives blocking, scored, with its gaps.

    {verdicts}

    Example:  stdcompare compare isri-circular gbt-38471@2019 -o gaps.html
    """
    from . import api
    from .render.formats import for_spreadsheet, render

    corpus = _corpus(standards, as_of)
    first, second = (a, b) if reference is Reference.A else (b, a)
    cmp = api.compare(first, second, family=family, corpus=corpus).comparison
    _say_what_was_parsed(corpus)
    chosen = format or _format_of(output)
    if chosen is CompareFormat.csv:
        cmp = cmp if all_pairs else for_spreadsheet(cmp)
    text = render(cmp, chosen.value, corpus, lang.value)
    # Excel reads a CSV without a byte-order mark in the machine's code page: 铜 would be mojibake
    _emit("\ufeff" + text if excel and chosen is CompareFormat.csv else text, output)


def _say_what_was_parsed(corpus: Corpus) -> None:
    """A document named by path was read by a parser: how much of it became structure."""
    for path, result in corpus.documents.items():
        origin = result.standard.origin
        parser = origin.parser if origin else "a"
        _say(
            f"note: read {path} with the {parser} parser: {result.coverage:.0%} of "
            f"{result.units_total} text units became structure, {_count(result.warnings)} "
            f"('stdcompare parse {path}' lists them)"
        )


def _count(warnings: list) -> str:
    return f"{len(warnings)} warning" + ("" if len(warnings) == 1 else "s")


def _format_of(output: Path | None) -> CompareFormat:
    if output is None:
        return CompareFormat.text
    suffix = output.suffix.lower().lstrip(".")
    aliases = {"htm": "html", "markdown": "md"}
    try:
        return CompareFormat(aliases.get(suffix, suffix))
    except ValueError:
        raise StdcompareError(
            f"cannot tell the format of {output} from its extension",
            "use .html, .json, .md or .csv, or give --format",
        ) from None


def _batched(pieces: Iterable[str], size: int = 1 << 20) -> Iterator[str]:
    """Pieces joined into strings of about `size` characters (one echo each, not millions)."""
    batch: list[str] = []
    length = 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(batch)
            batch, length = [], 0
    yield "".join(batch)


def _emit(text: str | Iterable[str], output: Path | None) -> None:
    """To the file (atomically) with a note on stderr, or to stdout; text whole or in pieces."""
    if output is None:
        for piece in [text] if isinstance(text, str) else _batched(text):
            typer.echo(piece, nl=False)
        return
    from .write import write_atomic

    write_atomic(output, text)
    _say(f"wrote {output}")


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="The old edition: key@edition or a file.")],
    new: Annotated[str, typer.Argument(help="The new edition: key@edition or a file.")],
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a change at or above this level is not "
            "accepted (default: breaking, or [tool.stdcompare] fail_on).",
        ),
    ] = None,
    accept: Annotated[
        Path | None,
        typer.Option(
            "--accept",
            help="TOML file of reviewed changes: fingerprint, reason, date.",
            metavar="FILE",
        ),
    ] = None,
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = (
        DiffFormat.text
    ),
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    exit_zero: Annotated[
        bool,
        typer.Option(
            "--exit-zero",
            help="Report failing changes (JUnit failures, the Markdown count) but exit 0: "
            "for the report steps of a CI job whose annotation step decides.",
        ),
    ] = False,
    lang: LangOpt = Lang.en,
    standards: StandardsOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """What changed between two editions, and which equivalences it breaks (for CI).

    Exit 0: nothing at or above --fail-on; 1: something is; 2: a side did not load.

    Example:  stdcompare diff gbt-38471@2019 gbt-38471@2023 --format github
    """
    from . import api, settings
    from .render import diffs

    corpus = _corpus(standards, as_of)
    config = settings.load(Path.cwd())
    accept_file = accept or config.accept
    accepted = settings.read_accept(accept_file) if accept_file is not None else None
    changes = api.diff(old, new, levels=config.levels, accepted=accepted, corpus=corpus)
    std_new = changes.new
    level = (fail_on.value if fail_on else None) or config.fail_on
    data = diffs.records(changes, level, _change_lines(std_new, changes.changes))
    renderers = {
        DiffFormat.text: lambda: diffs.text(data) + "\n",
        DiffFormat.json: lambda: diffs.as_json(data),
        DiffFormat.md: lambda: diffs.markdown(data),
        DiffFormat.junit: lambda: diffs.junit(data),
        DiffFormat.github: lambda: diffs.github(data) + "\n",
    }
    if format is DiffFormat.html:
        from .render import html

        text = html.diff_page(data, corpus, lang.value)
    else:
        text = renderers[format]()
    _emit(text, output)
    if data["failing"]:
        if format is not DiffFormat.text:  # the text report already ends with this line
            typer.echo(f"{data['failing']} change(s) at or above '{level}' not accepted", err=True)
        if not exit_zero:
            raise typer.Exit(1)


def _change_lines(std, changes) -> dict[str, int]:
    """Each change's line in the new edition's canonical file, where it has one."""
    from .parsers.locate import change_lines

    path = std.origin.file if std.origin else None
    if not path or not path.endswith(".toml"):
        return {}
    try:
        return change_lines(Path(path).read_text(encoding="utf-8"), std, changes)
    except (OSError, UnicodeDecodeError):
        return {}


@app.command()
def parse(
    file: Annotated[
        Path,
        typer.Argument(
            help="A document: canonical TOML, ISRI or GB/T text, EUR-Lex HTML, Formex or STS "
            "XML, or a PDF with a text layer; or a Formex package as its folder or a zip."
        ),
    ],
    to: Annotated[
        ParseTarget,
        typer.Option("--to", help="Output: the schema's JSON, or a new canonical TOML draft."),
    ] = ParseTarget.json,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this new file (never overwrites)."),
    ] = None,
    parser: Annotated[
        ParserName, typer.Option(help="Which parser; auto detects by content.")
    ] = ParserName.auto,
    standards: StandardsOpt = None,
) -> None:
    """Parse a document into the common schema and print it as JSON or as a TOML draft.

    Example:  stdcompare parse my-draft.txt --to toml -o draft.toml
    """
    from . import api
    from .serialize import to_data

    result = api.parse(file, parser.value, corpus=_corpus(standards, None))
    standard = result.standard
    if parser.value != "spec" and result.units_total > 1:
        _say(
            f"coverage: {result.coverage:.0%} of {result.units_total} text units became "
            f"structure; {len(result.warnings)} warnings"
        )
    for warning in result.warnings:
        _say(f"warning: {warning}")
    if to is ParseTarget.toml:
        from .parsers.canonical_write import dump

        text = dump(standard)
    else:
        text = _json_chunks(to_data(standard))
    if output is not None and output.exists():
        raise StdcompareError(
            f"{output} already exists", "drafts go to a new file; curated files are not rewritten"
        )
    _emit(text, output)


@app.command()
def validate(
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Files or folders (default: the whole corpus).")
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Errors only, no warnings.")] = False,
    write_coverage: Annotated[
        Path | None,
        typer.Option(
            "--write-coverage",
            help="Also write the coverage table into this Markdown file (between its markers).",
            metavar="FILE",
        ),
    ] = None,
    standards: StandardsOpt = None,
) -> None:
    """Check canonical files: syntax, schema, references, evidence; print a coverage table.

    Exit 0 when there are no errors, 1 when there are (warnings never fail).

    Example:  stdcompare validate            (the corpus; or a folder of your own)
    """
    from . import api
    from .render import coverage
    from .render.inert import line as inert_line

    reports = api.validate(paths, corpus=_corpus(standards, None))
    for report in reports:
        for problem in report.problems:
            if problem.level == "error" or not quiet:
                typer.echo(inert_line(f"{problem.level}: {problem}"))
    built = [r.standard for r in reports if r.standard]
    typer.echo(coverage.table(built))
    if write_coverage is not None:
        from .write import write_atomic

        write_atomic(write_coverage, coverage.with_table(_read_page(write_coverage), built))
    errors = sum(len(r.errors) for r in reports)
    warnings = sum(len(r.problems) - len(r.errors) for r in reports)
    typer.echo(f"{len(reports)} files, {errors} errors, {warnings} warnings", err=True)
    if errors:
        raise typer.Exit(1)


@app.command()
def check(
    lot: Annotated[Path, typer.Argument(help="A lot file (TOML or CSV: stdcompare docs lot).")],
    in_: Annotated[
        list[str] | None,
        typer.Option("--in", help="Only these standards (repeatable).", metavar="REF"),
    ] = None,
    tolerance: Annotated[
        str,
        typer.Option(
            help="Measurement uncertainty: a value this close to a limit (in the limit's "
            "canonical unit, e.g. percentage points) cannot be judged."
        ),
    ] = "0",
    family: Annotated[
        str | None,
        typer.Option(
            help="Only grades of this family (default: the lot's `family`, else the family of "
            "its main element: a 95 % Cu lot is checked against copper grades)."
        ),
    ] = None,
    format: FormatOpt = TextOrJson.text,
    standards: StandardsOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Does this lot meet any grade? Every standard and regulation: meets, fails, cannot tell.

    Exit 1 when the lot's declared grade fails.

    Example:  stdcompare check lot.toml --in gbt-38471@2019
    """
    from . import api
    from .lots import Result
    from .render import lot as render

    corpus = _corpus(standards, as_of)
    if _tolerance_wrong(tolerance):
        raise StdcompareError(
            f"--tolerance '{tolerance}' is not a measurement uncertainty",
            "give a number of zero or more, in the limit's unit: --tolerance 0.1",
        )
    found = api.check(
        lot, within=in_, tolerance=tolerance, family=family, as_of=_date(as_of), corpus=corpus
    )
    parsed, declared, families = found.lot, found.declared, found.families
    day, verdicts, left_out = found.as_of, list(found.verdicts), found.left_out
    if format is TextOrJson.json:
        _print_json(
            {
                "lot": parsed.path,
                "as_of": day.isoformat(),
                "declared": render.verdict_data(declared, corpus.vocabulary) if declared else None,
                "families": list(families),
                "left_out": left_out,
                "results": [render.verdict_data(v, corpus.vocabulary) for v in verdicts],
            }
        )
    else:
        typer.echo(render.text(parsed, verdicts, corpus.vocabulary, declared, families, left_out))
    if declared is not None and declared.result is Result.FAILS:
        raise typer.Exit(1)


def _tolerance_wrong(text: str) -> bool:
    from decimal import Decimal, InvalidOperation

    try:
        return not (Decimal(text).is_finite() and Decimal(text) >= 0)
    except InvalidOperation:
        return True


@app.command()
def evaluate(
    labels: Annotated[
        list[Path] | None,
        typer.Argument(help="CSV files with columns a_ref,a_code,b_ref,b_code,label."),
    ] = None,
    min_precision: Annotated[
        float | None, typer.Option(help="Exit 1 when precision falls below this.")
    ] = None,
    min_recall: Annotated[
        float | None, typer.Option(help="Exit 1 when recall falls below this.")
    ] = None,
    weights: Annotated[
        bool,
        typer.Option(
            "--weights",
            help="Print what the corpus says each level's weight should be (u; m by EM, or "
            "from the labels' positives when LABELS are given; log2 m/u) beside matching.toml's.",
        ),
    ] = False,
    cross_validate: Annotated[
        bool,
        typer.Option(
            "--cross-validate",
            help="Leave one pair of standards out: precision and recall per family of the "
            "matcher and of weights fitted on the other pairs, and the data each family lacks.",
        ),
    ] = False,
    format: FormatOpt = TextOrJson.text,
    standards: StandardsOpt = None,
) -> None:
    """Measure the matcher on labelled pairs: precision, recall, missed links per family.

    Asserted correspondences play no part; only what the matcher computes is measured.

    Example:  stdcompare evaluate my-labels.csv --cross-validate
    """
    from . import evaluation as ev
    from .render import evaluation

    rows = [row for path in labels or [] for row in ev.read_labels(path)]
    if not (rows or labels or weights):
        raise StdcompareError(
            "evaluate needs a labels file, or --weights", "stdcompare evaluate my-labels.csv"
        )
    corpus = _corpus(standards, None)
    if weights or cross_validate:
        _print_measure(corpus, rows, weights, format)
        return
    tallies = ev.evaluate(corpus, rows)
    if format is TextOrJson.json:
        _print_json(evaluation.evaluation_data(tallies))
    else:
        typer.echo(evaluation.evaluation(tallies))
    overall = tallies["all"]
    too_low = (min_precision is not None and overall.precision < min_precision) or (
        min_recall is not None and overall.recall < min_recall
    )
    if too_low:
        raise typer.Exit(1)


def _print_measure(corpus: Corpus, rows: list[dict], weights: bool, format: TextOrJson) -> None:
    """evaluate --weights (u, m and bits per level) or --cross-validate (per family)."""
    from . import weights as wt

    if weights:
        from . import evaluation as ev

        pairs = wt.candidate_pairs(corpus)
        found = (
            wt.fit(pairs, ev.labelled_pairs(corpus, rows, "equivalent"))
            if rows
            else (wt.estimate(pairs))
        )
        out, json = wt.text(found), wt.data(found)
    else:
        from . import crossval
        from .render import evaluation

        if not rows:
            raise StdcompareError(
                "--cross-validate needs labels",
                "stdcompare evaluate my-labels.csv --cross-validate",
            )
        result = crossval.run(corpus, rows)
        out, json = evaluation.cross_validation(result), crossval.data(result)
    if format is TextOrJson.json:
        _print_json(json)
    else:
        typer.echo(out)


@app.command()
def schema(
    of_diff: Annotated[
        bool, typer.Option("--diff", help="The schema of `diff --format json` instead.")
    ] = False,
) -> None:
    """Print the JSON Schema of the common schema (a Standard in its JSON form).

    Example:  stdcompare schema > standard.schema.json
    """
    if of_diff:
        from .render.diffs import json_schema as diff_schema

        _print_json(diff_schema())
        return
    from .serialize import json_schema

    _print_json(json_schema())


@app.command()
def docs(
    topic: Annotated[
        str | None, typer.Argument(help="A page: lot, ci, caches, matching, format …")
    ] = None,
) -> None:
    """The documentation installed with stdcompare: the list of pages, or one page.

    Example:  stdcompare docs lot
    """
    from .resources import data_dir

    folder = data_dir("docs")
    pages = sorted(p.stem for p in folder.glob("*.md"))
    if topic is None:
        typer.echo("\n".join(pages))
        return
    if topic not in pages:
        raise StdcompareError(f"no page '{topic}'", f"the pages: {', '.join(pages)}")
    typer.echo((folder / f"{topic}.md").read_text(encoding="utf-8"), nl=False)


# What a score and a verdict mean, said in the help of both commands that print them.
_VERDICTS = """Each pair has a score from 0 to 1, the sum of named comparisons (names, rank,
    forms, content, limits, contaminants), each shown with why, and a verdict: equivalent (a
    high score, and every lot of each qualifies as the other as far as both are held),
    comparable (a high score without that proof), related (some kinship), none. "Best
    partners": each is the other's unique best match. The thresholds are data
    (vocabulary/matching.toml): stdcompare docs matching."""
for _command in (lookup, compare):
    _command.__doc__ = (_command.__doc__ or "").replace("{verdicts}", _VERDICTS)


class VocabularyTable(StrEnum):
    contaminants = "contaminants"
    families = "families"
    properties = "properties"
    elements = "elements"
    forms = "forms"


@app.command()
def vocabulary(
    table: Annotated[
        VocabularyTable, typer.Argument(help="Which keys: contaminants, families, properties …")
    ],
    format: FormatOpt = TextOrJson.text,
    standards: StandardsOpt = None,
) -> None:
    """The keys lot files, canonical files and --family take, with their words.

    Example:  stdcompare vocabulary contaminants
    """
    from .render.vocabulary import rows, text

    found = rows(_corpus(standards, None).vocabulary, table.value)
    if format is TextOrJson.json:
        _print_json(found)
    else:
        typer.echo(text(found))


@app.command()
def harmonise(
    grades: Annotated[
        list[str], typer.Argument(help="Two grades or more, each REF:CODE.", metavar="REF:CODE…")
    ],
    format: Annotated[
        HarmoniseFormat, typer.Option("--format", "-f", help="Output format.")
    ] = HarmoniseFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    to_toml: Annotated[
        bool,
        typer.Option(
            "--to-toml",
            help="Write a draft canonical file of one grade, the common ground (with -o FILE): "
            "validate reads it, compare, lookup and check use it (--standards DIR).",
        ),
    ] = False,
    key: Annotated[str, typer.Option(help="The draft's key (with --to-toml).")] = (
        "harmonised-draft"
    ),
    lang: LangOpt = Lang.en,
    standards: StandardsOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """The requirement every system could accept: conflicts, unknowns, differences, agreements.

    Example:  stdcompare harmonise isri-circular:Birch gbt-38471@2019:RCu-1B gbt-38471@2019:RCu-1C
    """
    from . import api
    from .render import committee, harmonised

    corpus = _corpus(standards, as_of)
    found = api.harmonise(grades, corpus=corpus)
    if to_toml:
        _write_draft(found, key, corpus.as_of, output)
        return
    shown = {
        HarmoniseFormat.text: lambda: harmonised.text(found, corpus.vocabulary) + "\n",
        HarmoniseFormat.json: lambda: _json_text(harmonised.data(found, corpus.vocabulary)),
        HarmoniseFormat.md: lambda: harmonised.markdown(found, corpus.vocabulary),
        HarmoniseFormat.html: lambda: committee.harmonise_page(
            harmonised.data(found, corpus.vocabulary), corpus, lang.value
        ),
    }
    _emit(shown[format](), output)


def _write_draft(found, key: str, day: date, output: Path | None) -> None:
    from .harmonised_draft import draft
    from .parsers.canonical_write import dump

    if output is None or output.exists():
        raise StdcompareError(
            "--to-toml writes a new file" + (f"; {output} already exists" if output else ""),
            "name a new file: --to-toml -o draft.toml",
        )
    _emit(dump(draft(found, key, "H-1", day)), output)


@app.command()
def recognise(
    family: Annotated[str, typer.Option("--family", help="The family, e.g. copper.")],
    format: Annotated[
        RecogniseFormat, typer.Option("--format", "-f", help="Output format.")
    ] = RecogniseFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here.")] = None,
    lang: LangOpt = Lang.en,
    standards: StandardsOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Which grades of each system accept every lot of each other system's grades, some, none.

    Example:  stdcompare recognise --family copper -f html -o copper.html
    """
    from . import api
    from .render import committee, recognised

    corpus = _corpus(standards, as_of)
    found = api.recognise(family, as_of=_date(as_of), corpus=corpus)
    shown = {
        RecogniseFormat.text: lambda: recognised.text(found) + "\n",
        RecogniseFormat.json: lambda: _json_text(recognised.json_data(found)),
        RecogniseFormat.csv: lambda: recognised.csv_text(found),
        RecogniseFormat.html: lambda: committee.recognition_page(
            recognised.data(found), corpus, lang.value
        ),
    }
    _emit(shown[format](), output)


@app.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "stdcompare-report.html"
    ),
    all_editions: Annotated[
        bool, typer.Option("--all-editions", help="Every edition, not only those in force.")
    ] = False,
    lang: LangOpt = Lang.en,
    standards: StandardsOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """Write the corpus report: one self-contained HTML file, offline, deterministic.

    Example:  stdcompare report -o report.html
    """
    from . import api
    from .write import write_atomic

    corpus = _corpus(standards, as_of)
    page = api.report_html(all_editions=all_editions, lang=lang.value, corpus=corpus)
    write_atomic(output, page)
    _say(f"wrote {output}")


@app.command()
def site(
    output: Annotated[
        Path, typer.Option("--output", "-o", help="A new or empty folder (or an earlier site).")
    ],
    lang: LangOpt = Lang.en,
    base_url: Annotated[
        str, typer.Option("--base-url", help="Where the site will be served (for links out).")
    ] = "",
    standards: StandardsOpt = None,
    as_of: AsOfOpt = None,
) -> None:
    """The trader's site: every grade, searchable offline, on a phone (docs/site.md).

    Example:  stdcompare site -o site && open site/index.html
    """
    from . import api

    count = api.site(output, lang=lang.value, base_url=base_url, corpus=_corpus(standards, as_of))
    _say(f"wrote {count} pages to {output}")


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning every known failure into one line and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    _refuse_undecodable(args)
    warnings.showwarning = _show_warning
    command = typer.main.get_command(_app_for(args))
    try:
        code = command.main(args=args, prog_name="stdcompare", standalone_mode=False)
    except StdcompareError as exc:
        try:
            message, hint = exc.for_cli()
        except MemoryError:  # the options spelled as flags cost memory there may not be
            message, hint = str(exc), exc.hint
        _fail(message, hint or _fallback_hint(exc))
    except click_exc.NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help() if exc.ctx else "")
        sys.exit(0)
    except click_exc.UsageError as exc:
        name = exc.ctx.command_path if exc.ctx else "stdcompare"
        _fail(exc.format_message(), f"see '{name} --help'")
    except typer.Abort:
        _fail("interrupted", "run the command again to finish it", code=130)
    except BrokenPipeError:
        sys.exit(0)
    except MemoryError:  # where no file is known (a parser's are reported by detect.parse)
        from .errors import out_of_memory

        error = out_of_memory()
        # Our own words, written as they are: importing the inert-text module could itself
        # fail with memory this short.
        sys.stderr.write(f"stdcompare: error: {error}\nhint: {error.hint}\n")
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command asked for, when one is named.

    typer builds a click command from every function's signature before it reads the arguments
    (about 10 ms for our twelve commands); a run needs only its own. `stdcompare --help`, no
    command or an unknown name still get the whole app, for the list and the suggestions.
    """
    name = next((a for a in args if not a.startswith("-")), None)
    chosen = [c for c in app.registered_commands if _command_name(c) == name]
    if not chosen:
        return app
    lean = copy.copy(app)
    lean.registered_commands = chosen
    return lean


def _command_name(info) -> str:
    return info.name or typer.main.get_command_name(info.callback.__name__)


def _refuse_undecodable(args: list[str]) -> None:
    """An argument that is not UTF-8 (Python keeps its bytes as surrogates) cannot be a query
    or a reference; it may only be the name of a file that exists."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            if not Path(arg).exists():
                shown = os.fsencode(arg).decode("utf-8", "backslashreplace")
                _fail(
                    f"argument '{shown}' is not UTF-8 text",
                    "set the terminal to UTF-8 (LANG=C.UTF-8) and type it again",
                )


_library_showwarning = warnings.showwarning


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Our own warnings as one `stdcompare: warning:` line and a hint; others as Python's."""
    if isinstance(message, StdcompareWarning):
        _say(f"stdcompare: warning: {message.reason}")
        if message.hint:
            _say(f"hint: {message.hint}")
        return
    _library_showwarning(message, category, filename, lineno, file, line)


def _read_page(path: Path) -> str:
    """The page the coverage table goes into: empty when new; one error line when it cannot
    be read (a folder, not UTF-8, not ours to read)."""
    if not path.exists():
        return ""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8"
        raise StdcompareError(
            f"cannot read {path} to put the coverage table in ({reason})",
            "give a Markdown file: the table goes between its coverage markers, or at its end",
        ) from None


def _fallback_hint(exc: StdcompareError) -> str:
    """A hint for an error raised without one: every error line has its hint line.

    A canonical file's problems (the checks of parsers/canonical.py) name their file: validate lists
    them all, each with its own hint where it has one."""
    from .errors import SourceError

    if isinstance(exc, SourceError):
        return f"'stdcompare validate {exc.path}' lists every problem in the file"
    return "see 'stdcompare --help'"


def _fail(message: str, hint: str | None, code: int = 2) -> None:
    _say(f"stdcompare: error: {message}")
    if hint:
        _say(f"hint: {hint}")
    sys.exit(code)


def _say(line: str) -> None:
    """One line on stderr. Errors, warnings and notes quote files, codes and arguments: a
    newline or an escape sequence in them must not start a line or drive the terminal."""
    try:
        from .render.inert import line as inert_line

        line = inert_line(line)
    except MemoryError:  # out of memory, the message is ours: cut at the first break instead
        line = line.splitlines()[0] if line else line
    typer.echo(line, err=True)
