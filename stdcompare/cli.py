"""The commands: each reads its arguments, calls one function of the library (api.py), and
hands the answer, built into an Output (render/outputs.py), to terminal.emit.

Running them (errors as one line and a hint, exit code 2) is console.py's; the options they
share are cli_options.py's. Exit code 1 is kept for "the check you asked for failed".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import cli_options as opt
from .render import outputs
from .terminal import emit, say

if TYPE_CHECKING:
    from . import api
else:  # loaded on first use: a remembered lookup answers without it (bench/README.md)
    api = opt.lazy_module("stdcompare.api")

app = typer.Typer(
    name="stdcompare",
    help="Line up scrap and recycled raw-material specifications (ISRI/ReMA, GB/T, EU, EN, "
    "EFR) and report where they differ.",
    add_completion=True,  # --install-completion / --show-completion for bash, zsh, fish
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def _root(version: opt.Version = False) -> None:
    """Line up scrap and recycled raw-material specifications and report where they differ.

    Example:  stdcompare report -o report.html
    """


@app.command("list")
def list_(
    family: opt.ListFamily = None,
    format: opt.TextJson = None,
    output: opt.Output = None,
    lang: opt.LangOpt = None,
    standards: opt.Standards = None,
    as_of: opt.AsOf = None,
) -> None:
    """List the standards in the corpus, every edition, and which one is in force.

    Example:  stdcompare list --format json
    """
    corpus = opt.corpus(standards, as_of)
    listed = api.standards(family=family, corpus=corpus)
    emit(outputs.listing(listed, opt.lang(lang), corpus.vocabulary), format, output)


@app.command()
def show(
    ref: Annotated[str, typer.Argument(help="key, key@edition, a canonical file, or REF:CODE.")],
    code: Annotated[str | None, typer.Argument(help="A grade code (or give REF:CODE).")] = None,
    format: opt.TextJson = None,
    output: opt.Output = None,
    lang: opt.LangOpt = None,
    standards: opt.Standards = None,
    as_of: opt.AsOf = None,
) -> None:
    """Show a standard, or one grade with its effective requirements and their evidence.

    Example:  stdcompare show isri-circular Birch
    """
    corpus = opt.corpus(standards, as_of)
    shown = api.show(ref, code, corpus=corpus)
    answer = outputs.show(shown.standard, shown.grade, corpus.vocabulary, opt.lang(lang))
    emit(answer, format, output)


@app.command()
def lookup(
    query: Annotated[str, typer.Argument(help="A code word, grade code or name (any language).")],
    in_: opt.Within = None,
    computed_only: opt.ComputedOnly = False,
    format: opt.TextJsonCsv = None,
    output: opt.Output = None,
    excel: opt.Excel = False,
    all_pairs: opt.AllPairs = False,
    lang: opt.LangOpt = None,
    standards: opt.Standards = None,
    as_of: opt.AsOf = None,
) -> None:
    """What is this grade under the other standards, and what would it fail?

    {verdicts}

    Example:  stdcompare lookup Birch --in gbt-38471@2019
    """
    corpus, refs = opt.corpus(standards, as_of), in_ or []
    question = (query, *refs, f"computed_only={computed_only}")
    find = lambda: api.lookup(query, within=refs, computed_only=computed_only, corpus=corpus)  # noqa: E731
    answer = outputs.lookup(find, corpus, question, opt.lang(lang), all_pairs)
    emit(answer, format, output, excel)


@app.command()
def compare(
    a: Annotated[str, typer.Argument(help="First standard: key, key@edition or a file.")],
    b: Annotated[str, typer.Argument(help="Second standard.")],
    format: opt.CompareFormats = None,
    output: opt.Output = None,
    reference: opt.ReferenceOpt = opt.Reference.A,
    family: opt.Family = None,
    lang: opt.LangOpt = None,
    all_pairs: opt.AllPairs = False,
    excel: opt.Excel = False,
    standards: opt.Standards = None,
    as_of: opt.AsOf = None,
) -> None:
    """Every grade pair of two standards that survives blocking, scored, with its gaps.

    {verdicts}

    Example:  stdcompare compare isri-circular gbt-38471@2019 -o gaps.html
    """
    corpus = opt.corpus(standards, as_of)
    first, second = (a, b) if reference is opt.Reference.A else (b, a)
    cmp = api.compare(first, second, family=family, corpus=corpus).comparison
    emit(outputs.compare(cmp, corpus, opt.lang(lang), all_pairs), format, output, excel)


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="The old edition: key@edition or a file.")],
    new: Annotated[str, typer.Argument(help="The new edition: key@edition or a file.")],
    fail_on: opt.FailOnOpt = None,
    accept: opt.Accept = None,
    format: opt.DiffFormats = None,
    output: opt.Output = None,
    exit_zero: opt.ExitZero = False,
    lang: opt.LangOpt = None,
    standards: opt.Standards = None,
    as_of: opt.AsOf = None,
) -> None:
    """What changed between two editions, and which equivalences it breaks (for CI).

    Exit 0: nothing at or above --fail-on; 1: something is; 2: a side did not load.

    Example:  stdcompare diff gbt-38471@2019 gbt-38471@2023 --format github
    """
    corpus = opt.corpus(standards, as_of)
    config = api.diff_settings(Path.cwd(), fail_on=fail_on and fail_on.value, accept=accept)
    changes = api.diff(old, new, levels=config.levels, accepted=config.accepted, corpus=corpus)
    spoken = opt.lang(lang)
    data = outputs.diff_records(changes, config.fail_on, spoken, corpus.vocabulary)
    emit(outputs.diff(data, corpus, spoken, config.fail_on, exit_zero), format, output)


@app.command()
def parse(
    file: opt.Document,
    format: opt.ParseFormats = None,
    output: opt.NewFile = None,
    parser: opt.Parser = opt.ParserName.auto,
    standards: opt.Standards = None,
) -> None:
    """Parse a document into the common schema and print it as JSON or as a TOML draft.

    Example:  stdcompare parse my-draft.txt --to toml -o draft.toml
    """
    result = api.parse(file, parser.value, corpus=opt.corpus(standards, None))
    emit(outputs.parsed(result), format, output)


@app.command()
def validate(
    paths: opt.Paths = None,
    quiet: opt.Quiet = False,
    write_coverage: opt.WriteCoverage = None,
    format: opt.TextJson = None,
    output: opt.Output = None,
    standards: opt.Standards = None,
) -> None:
    """Check canonical files: syntax, schema, references, evidence; print a coverage table.

    Exit 0 when there are no errors, 1 when there are (warnings never fail).

    Example:  stdcompare validate            (the corpus; or a folder of your own)
    """
    reports = api.validate(paths, corpus=opt.corpus(standards, None))
    if write_coverage is not None:
        api.write_coverage(write_coverage, reports)
    emit(outputs.validated(reports, quiet), format, output)


@app.command()
def check(
    lot: opt.Lot,
    in_: opt.Within = None,
    tolerance: opt.Tolerance = "0",
    family: opt.LotFamily = None,
    format: opt.TextJson = None,
    output: opt.Output = None,
    lang: opt.LangOpt = None,
    standards: opt.Standards = None,
    as_of: opt.AsOf = None,
) -> None:
    """Does this lot meet any grade? Every standard and regulation: meets, fails, cannot tell.

    Exit 1 when the lot's declared grade fails.

    Example:  stdcompare check lot.toml --in gbt-38471@2019
    """
    corpus = opt.corpus(standards, as_of)
    found = api.check(
        lot, within=in_, tolerance=tolerance, family=family, as_of=opt.day(as_of), corpus=corpus
    )
    emit(outputs.checked(found, corpus.vocabulary, opt.lang(lang)), format, output)


@app.command()
def evaluate(
    labels: opt.Labels = None,
    min_precision: opt.MinPrecision = None,
    min_recall: opt.MinRecall = None,
    weights: opt.Weights = False,
    cross_validate: opt.CrossValidate = False,
    format: opt.TextJson = None,
    output: opt.Output = None,
    standards: opt.Standards = None,
) -> None:
    """Measure the matcher on labelled pairs: precision, recall, missed links per family.

    Asserted correspondences play no part; only what the matcher computes is measured.

    Example:  stdcompare evaluate my-labels.csv --cross-validate
    """
    labels, corpus = labels or [], opt.corpus(standards, None)
    if weights:
        answer = outputs.weights(api.level_weights(labels, corpus=corpus))
    elif cross_validate:
        answer = outputs.cross_validated(api.cross_validate(labels, corpus=corpus))
    else:
        answer = outputs.evaluated(api.evaluate(labels, corpus=corpus), min_precision, min_recall)
    emit(answer, format, output)


@app.command()
def schema(
    of_diff: Annotated[
        bool, typer.Option("--diff", help="The schema of `diff --format json` instead.")
    ] = False,
    format: opt.JsonOnly = None,
    output: opt.Output = None,
) -> None:
    """Print the JSON Schema of the common schema (a Standard in its JSON form).

    Example:  stdcompare schema > standard.schema.json
    """
    emit(outputs.json_only(api.schema(of_diff=of_diff)), format, output)


@app.command()
def docs(
    topic: Annotated[
        str | None, typer.Argument(help="A page: lot, ci, caches, matching, format …")
    ] = None,
    format: opt.TextOnly = None,
    output: opt.Output = None,
) -> None:
    """The documentation installed with stdcompare: the list of pages, or one page.

    Example:  stdcompare docs lot
    """
    emit(outputs.plain(api.docs(topic)), format, output)


@app.command()
def vocabulary(
    table: Annotated[
        opt.VocabularyTable,
        typer.Argument(help="Which keys: contaminants, families, properties …"),
    ],
    format: opt.TextJson = None,
    output: opt.Output = None,
    standards: opt.Standards = None,
) -> None:
    """The keys lot files, canonical files and --family take, with their words.

    Example:  stdcompare vocabulary contaminants
    """
    vocab = opt.corpus(standards, None).vocabulary
    emit(outputs.vocabulary(vocab, table.value), format, output)


@app.command()
def harmonise(
    grades: opt.Grades,
    format: opt.HarmoniseFormats = None,
    output: opt.Output = None,
    to_toml: opt.ToToml = False,
    key: opt.DraftKey = "harmonised-draft",
    lang: opt.LangOpt = None,
    standards: opt.Standards = None,
    as_of: opt.AsOf = None,
) -> None:
    """The requirement every system could accept: conflicts, unknowns, differences, agreements.

    Example:  stdcompare harmonise isri-circular:Birch gbt-38471@2019:RCu-1B gbt-38471@2019:RCu-1C
    """
    corpus = opt.corpus(standards, as_of)
    found = api.harmonise(grades, corpus=corpus)
    answer = outputs.harmonised(found, corpus, opt.lang(lang), key, corpus.as_of, to_toml)
    emit(answer, format, output)


@app.command()
def recognise(
    family: Annotated[str, typer.Option("--family", help="The family, e.g. copper.")],
    format: opt.RecogniseFormats = None,
    output: opt.Output = None,
    excel: opt.Excel = False,
    lang: opt.LangOpt = None,
    standards: opt.Standards = None,
    as_of: opt.AsOf = None,
) -> None:
    """Which grades of each system accept every lot of each other system's grades, some, none.

    Example:  stdcompare recognise --family copper -f html -o copper.html
    """
    corpus = opt.corpus(standards, as_of)
    found = api.recognise(family, as_of=opt.day(as_of), corpus=corpus)
    emit(outputs.recognised(found, corpus, opt.lang(lang)), format, output, excel)


@app.command()
def report(
    format: opt.HtmlOnly = None,
    output: opt.ReportFile = Path("stdcompare-report.html"),
    all_editions: opt.AllEditions = False,
    lang: opt.LangOpt = None,
    standards: opt.Standards = None,
    as_of: opt.AsOf = None,
) -> None:
    """Write the corpus report: one self-contained HTML file, offline, deterministic.

    Example:  stdcompare report -o report.html
    """
    corpus, spoken = opt.corpus(standards, as_of), opt.lang(lang)
    page = lambda: api.report_html(all_editions=all_editions, lang=spoken, corpus=corpus)  # noqa: E731
    emit(outputs.report(page, spoken), format, output)


@app.command()
def site(
    output: opt.SiteFolder,
    lang: opt.LangOpt = None,
    base_url: opt.BaseUrl = "",
    standards: opt.Standards = None,
    as_of: opt.AsOf = None,
) -> None:
    """The trader's site: every grade, searchable offline, on a phone (docs/site.md).

    Example:  stdcompare site -o site && open site/index.html
    """
    corpus = opt.corpus(standards, as_of)
    count = api.site(output, lang=opt.lang(lang), base_url=base_url, corpus=corpus)
    say(f"wrote {count} pages to {output}")


for _command in (lookup, compare):
    _command.__doc__ = (_command.__doc__ or "").replace("{verdicts}", opt.VERDICTS)
