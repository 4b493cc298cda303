"""Each command's answer as an Output (render/interface.py): the formats it offers, each a
function of data built once, and how the run ends. The CLI calls one of these per command and
picks nothing itself; a format a command gains is one more entry here.

The renderers behind each entry are the modules beside this one (summary, records, html,
diffs …); the entries only say which one serves which format.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .interface import Format, Output

if TYPE_CHECKING:
    from ..changes import ChangeSet
    from ..corpus import Corpus, FileReport, Listed
    from ..counterparts import LookupResult
    from ..harmonisation import Harmonised
    from ..lots import LotCheck
    from ..model import Grade, Standard
    from ..parsers.base import ParseResult
    from ..recognition import Recognition
    from ..results import Comparison
    from ..vocabulary import Vocabulary


def _json(data) -> str:
    from .jsontext import json_text

    return json_text(data)


def _json_chunks(data) -> Iterator[str]:
    """JSON written as it is encoded, for a document too large to hold twice (a GB/T table of
    20 000 rows: 43 MB of JSON, peak memory 454 MB written whole, 145 MB streamed)."""
    import json

    yield from json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data)
    yield "\n"


def _setting(corpus: Corpus):
    """What a renderer may know of the corpus (render/setting.py), made when a page asks."""
    from .setting import Setting

    return Setting.of(corpus)


def _line(text: str) -> str:
    return text + "\n"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def listing(listed: list[Listed], lang: str = "en", vocab: Vocabulary | None = None) -> Output:
    from . import listing as render

    found = render.rows(listed)
    text = partial(render.text, found, lang, listed, vocab)
    return Output(
        {Format.text: lambda: _line(text()), Format.json: lambda: _json(found)}, lang=lang
    )


def show(standard: Standard, grade: Grade | None, vocab: Vocabulary, lang: str = "en") -> Output:
    from ..serialize import to_data
    from . import show as render

    if grade is not None:
        text = partial(render.grade_text, standard, grade, vocab, lang)
        data = partial(render.grade_data, standard, grade)
    else:
        text = partial(render.standard_text, standard, vocab, lang)
        data = partial(to_data, standard)
    return Output(
        {Format.text: lambda: _line(text()), Format.json: lambda: _json(data())}, lang=lang
    )


def lookup(
    find: Callable[[], LookupResult],
    corpus: Corpus,
    question: tuple[str, ...],
    lang: str,
    all_pairs: bool = False,
) -> Output:
    """A lookup's answer, remembered (answers.py): `find` runs only when the answer to this
    question, in this format, on these inputs, is not stored already."""
    from ..answers import remember
    from ..corpus import on_disk
    from ..parsers.detect import inputs

    # A file named as a reference is an input too: its bytes join the key (a Formex
    # descriptor's, those of the files beside it too).
    query, *refs = question
    given = [*refs, query.rsplit(":", 1)[0]]  # --in REF, and the REF of a REF:CODE query
    named = [p for r in given if on_disk(r, files_only=True) for p in inputs(Path(r))]
    folders = [*corpus.folders, *named]

    def answer(fmt: Format) -> str:
        key = ("lookup", *question, fmt.value, lang, f"all={all_pairs}")
        compute = lambda: _lookup(find(), corpus, fmt, lang, all_pairs)  # noqa: E731
        return remember(key, folders, corpus.as_of, compute)

    offered = (Format.text, Format.json, Format.csv)
    return Output({fmt: partial(answer, fmt) for fmt in offered}, lang=lang)


def _lookup(result: LookupResult, corpus: Corpus, fmt: Format, lang: str, all_pairs: bool) -> str:
    from ..counterparts import for_text
    from . import records, summary

    vocab, day = corpus.vocabulary, corpus.as_of.isoformat()
    if fmt is Format.json:
        return _json(records.lookup_data(result, vocab, day, one_by_one=True, lang=lang))
    if fmt is Format.csv:  # the grade against regulations too, when there are no matches
        from .formats import in_sheet

        kept = result.matches if all_pairs else [p for p in result.matches if in_sheet(p)]
        matches = [records.pair_data(p, vocab, lang) for p in kept]
        found = [records.conformity_data(c, vocab, lang) for c in result.conformity]
        return records.to_csv(matches, found, lang)
    editions = _setting(corpus).editions
    return _line(summary.lookup_text(for_text(result), vocab, day, editions, lang))


def compare(cmp: Comparison, corpus: Corpus, lang: str, all_pairs: bool = False) -> Output:
    from . import formats

    def render(fmt: Format) -> str:
        shown = cmp if all_pairs or fmt is not Format.csv else formats.for_spreadsheet(cmp)
        return formats.render(shown, fmt.value, _setting(corpus), lang)

    offered = (Format.text, Format.html, Format.json, Format.md, Format.csv)
    renderings = {fmt: partial(render, fmt) for fmt in offered}
    return Output(renderings, before=_what_was_parsed(corpus), lang=lang)


def _what_was_parsed(corpus: Corpus) -> tuple[str, ...]:
    """A document named by path was read by a parser: how much of it became structure."""
    lines = []
    for path, result in corpus.documents.items():
        origin = result.standard.origin
        parser = origin.parser if origin else "a"
        lines.append(
            f"note: read {path} with the {parser} parser: {result.coverage:.0%} of "
            f"{result.units_total} text units became structure, "
            f"{_count(len(result.warnings), 'warning')} ('stdcompare parse {path}' lists them)"
        )
    return tuple(lines)


def diff(data: dict, corpus: Corpus, lang: str, level: str, exit_zero: bool) -> Output:
    """`data` is render.diffs.records of the change set. The text report ends with the count
    of failing changes itself; the other formats have it said on stderr."""
    from . import diffs, html

    failing = data["failing"]
    kept = " (exit 0: --exit-zero)" if exit_zero else ""
    return Output(
        {
            Format.text: lambda: _line(diffs.text(data, lang)),
            Format.json: lambda: diffs.as_json(data),
            Format.md: lambda: diffs.markdown(data, lang),
            Format.html: lambda: html.diff_page(data, _setting(corpus), lang),
            Format.junit: lambda: diffs.junit(data),
            Format.github: lambda: _line(diffs.github(_from_here(data))),
        },
        exit_code=1 if failing and not exit_zero else 0,
        after=(f"{failing} change(s) at or above '{level}' not accepted{kept}",) if failing else (),
        said_in=(Format.text,),
        lang=lang,
    )


def _from_here(data: dict) -> dict:
    """The records with the new edition's file named from the working folder when it lies
    below it: GitHub attaches an annotation to a path of the checkout, never to an absolute
    one (a CI job runs in the checkout's root)."""
    file = data["new"].get("file")
    if not file or not Path(file).is_absolute():
        return data
    try:
        shown = Path(file).relative_to(Path.cwd()).as_posix()
    except ValueError:  # outside the checkout (the installed corpus): kept as it is
        return data
    return {**data, "new": {**data["new"], "file": shown}}


def diff_records(
    changes: ChangeSet, level: str, lang: str = "en", vocab: Vocabulary | None = None
) -> dict:
    """The change set's records, each change with its line in the new edition's file; its
    messages in the language asked, properties by their labels (`vocab`: the corpus's)."""
    from ..parsers.locate import change_lines
    from . import diffs

    std = changes.new
    path = std.origin.file if std.origin else None
    lines: dict[str, int] = {}
    if path and path.endswith(".toml"):
        try:
            lines = change_lines(Path(path).read_text(encoding="utf-8"), std, changes.changes)
        except (OSError, UnicodeDecodeError):  # the file moved or changed: no lines, no error
            lines = {}
    return diffs.records(changes, level, lines, vocab, lang)


def parsed(result: ParseResult) -> Output:
    """A parsed document as the schema's JSON (streamed) or as a canonical TOML draft; what
    the parser could not structure is said on stderr."""
    from ..serialize import to_data

    notes = []
    if (result.standard.origin is None or result.standard.origin.parser != "spec") and (
        result.units_total > 1
    ):
        notes.append(
            f"coverage: {result.coverage:.0%} of {result.units_total} text units became "
            f"structure; {_count(len(result.warnings), 'warning')}"
        )
    notes += [f"warning: {w}" for w in result.warnings]

    def toml() -> str:
        from ..parsers.canonical_write import dump

        return dump(result.standard)

    return Output(
        {Format.json: lambda: _json_chunks(to_data(result.standard)), Format.toml: toml},
        before=tuple(notes),
        drafts=(Format.json, Format.toml),
    )


def validated(reports: list[FileReport], quiet: bool) -> Output:
    """Every problem (errors only when `quiet`), then the coverage table; exit 1 on errors."""
    from . import coverage
    from .inert import line

    shown = [p for r in reports for p in r.problems if p.level == "error" or not quiet]
    built = [r.standard for r in reports if r.standard]
    errors = sum(len(r.errors) for r in reports)
    warnings = sum(len(r.problems) - len(r.errors) for r in reports)

    def text() -> str:
        lines = [line(f"{p.level}: {p}") for p in shown]
        return "".join(f"{x}\n" for x in [*lines, coverage.table(built)])

    def data() -> str:
        problems = [
            {"level": p.level, "file": p.path, "line": p.line, "key": p.key, "message": p.message}
            | ({"hint": p.hint} if p.hint else {})
            for p in shown
        ]
        files = [r.path for r in reports]
        coverage_rows = [coverage.counts(s) for s in sorted(built, key=lambda s: s.ref)]
        return _json({"files": files, "problems": problems, "coverage": coverage_rows})

    return Output(
        {Format.text: text, Format.json: data},
        exit_code=1 if errors else 0,
        after=(
            f"{_count(len(reports), 'file')}, {_count(errors, 'error')}, "
            f"{_count(warnings, 'warning')}",
        ),
    )


def checked(found: LotCheck, vocab: Vocabulary, lang: str = "en") -> Output:
    """A lot against every grade; exit 1 when the grade it declares fails."""
    from ..lots import Result
    from . import lot as render

    declared, verdicts = found.declared, list(found.verdicts)

    def data() -> dict:
        return {
            "lot": found.lot.path,
            "as_of": found.as_of.isoformat(),
            "declared": render.verdict_data(declared, vocab, lang) if declared else None,
            "families": list(found.families),
            "left_out": found.left_out,
            "results": [render.verdict_data(v, vocab, lang) for v in verdicts],
        }

    def text() -> str:
        shown = render.text(
            found.lot, verdicts, vocab, declared, found.families, found.left_out, lang
        )
        return _line(shown)

    fails = declared is not None and declared.result is Result.FAILS
    said: tuple[str, ...] = ()
    if declared is not None and fails:
        said = (f"the declared grade {declared.standard.ref}:{declared.code} fails",)
    return Output(
        {Format.text: text, Format.json: lambda: _json(data())},
        exit_code=int(fails),
        after=said,
        said_in=(Format.text,),
        lang=lang,
    )


def evaluated(tallies: dict, min_precision: float | None, min_recall: float | None) -> Output:
    """Precision and recall per family; exit 1 below the floors asked for."""
    from . import evaluation

    overall = tallies["all"]
    floors = [
        ("precision", overall.precision, min_precision),
        ("recall", overall.recall, min_recall),
    ]
    below = [
        f"{name} {value:.2f} is below --min-{name} {floor}"  # the pattern cli_below_floor
        for name, value, floor in floors
        if floor is not None and value < floor
    ]
    return Output(
        {
            Format.text: lambda: _line(evaluation.evaluation(tallies)),
            Format.json: lambda: _json(evaluation.evaluation_data(tallies)),
        },
        exit_code=int(bool(below)),
        after=tuple(below),
    )


def weights(found) -> Output:
    """`evaluate --weights`: u, m and bits per level beside matching.toml's."""
    from .. import weights as wt

    return Output(
        {Format.text: lambda: _line(wt.text(found)), Format.json: lambda: _json(wt.data(found))}
    )


def cross_validated(result) -> Output:
    from .. import crossval
    from . import evaluation

    return Output(
        {
            Format.text: lambda: _line(evaluation.cross_validation(result)),
            Format.json: lambda: _json(crossval.data(result)),
        }
    )


def plain(text: str) -> Output:
    """Text the command prints as it is (a documentation page, a list of pages)."""
    return Output({Format.text: lambda: text, Format.md: lambda: text})


def json_only(data: dict) -> Output:
    return Output({Format.json: lambda: _json(data)})


def vocabulary(vocab: Vocabulary, table: str) -> Output:
    from . import vocabulary as render

    found = render.rows(vocab, table)
    return Output(
        {Format.text: lambda: _line(render.text(found)), Format.json: lambda: _json(found)}
    )


def harmonised(
    found: Harmonised, corpus: Corpus, lang: str, key: str, day: date, draft_only: bool = False
) -> Output:
    """The common ground of several grades; as TOML (`--to-toml`), a draft canonical file of
    one grade, `key`:H-1, written only to a new file."""
    from ..harmonised_draft import draft
    from ..parsers.canonical_write import dump
    from . import committee
    from . import harmonised as render

    vocab = corpus.vocabulary
    toml = {Format.toml: lambda: dump(draft(found, key, "H-1", day))}
    if draft_only:  # --to-toml: the draft and nothing else
        return Output(toml, drafts=(Format.toml,), lang=lang)
    return Output(
        {
            Format.text: lambda: _line(render.text(found, vocab, lang)),
            Format.json: lambda: _json(render.data(found, vocab, lang)),
            Format.md: lambda: render.markdown(found, vocab, lang),
            Format.html: lambda: committee.harmonise_page(
                render.data(found, vocab, lang), _setting(corpus), lang
            ),
            **toml,
        },
        drafts=(Format.toml,),
        lang=lang,
    )


def recognised(found: Recognition, corpus: Corpus, lang: str) -> Output:
    from . import committee
    from . import recognised as render

    vocab = corpus.vocabulary
    return Output(
        {
            Format.text: lambda: _line(render.text(found, vocab, lang)),
            Format.json: lambda: _json(render.json_data(found, vocab, lang)),
            Format.csv: lambda: render.csv_text(found, vocab, lang),
            Format.html: lambda: committee.recognition_page(
                render.data(found, vocab, lang), _setting(corpus), lang
            ),
        },
        lang=lang,
    )


def report(page: Callable[[], str], lang: str = "en") -> Output:
    return Output({Format.html: page}, lang=lang)
