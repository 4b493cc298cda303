"""The public functions: what the CLI runs and a notebook calls, one function per command.

References are strings ("isri-circular", "gbt-38471@2019", "isri-circular:Birch") or paths
to files; every function takes an already loaded `corpus=` to save loading it again. The
results are the plain result types of the layers below (results.py, changes.py, lots.py …);
only a comparison, which people look at in a notebook, is wrapped (Compared) to show itself.

    import stdcompare
    cmp = stdcompare.compare("isri-circular", "gbt-38471@2019")
    rows = cmp.to_records()          # pandas.DataFrame(rows)
    found = stdcompare.lookup("Birch")
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import Option, RefError, StdcompareError

if TYPE_CHECKING:
    from decimal import Decimal

    from .changes import ChangeSet
    from .corpus import Corpus, FileReport, Listed
    from .corpus_report import CorpusReport
    from .counterparts import LookupResult
    from .crossval import Result as CrossValidation
    from .evaluation import Tally
    from .harmonisation import Harmonised
    from .lots import LotCheck
    from .model import Grade, Standard
    from .parsers.base import ParseResult
    from .recognition import Recognition
    from .results import Comparison

Ref = str | Path
TOLERANCE = Option("--tolerance", "tolerance")  # check's measurement uncertainty
Refs = Sequence[str] | Sequence[Path] | Sequence[str | Path]


def load_corpus(*folders: Ref, as_of: date | None = None, bundled: bool = True) -> Corpus:
    """The bundled corpus (unless `bundled=False`) plus any extra folders; STDCOMPARE_PATH is
    read too. `as_of` is the day whose editions in force answer a bare key."""
    from .corpus import Corpus

    return Corpus.discover(extra=[Path(f) for f in folders], as_of=as_of, bundled=bundled)


def _loaded(corpus: Corpus | None) -> Corpus:
    return corpus if corpus is not None else load_corpus()


def parse(path: Ref, parser: str = "auto", *, corpus: Corpus | None = None) -> ParseResult:
    """One document read into the common schema, with its coverage and warnings."""
    from .parsers import detect

    return detect.parse(Path(path), parser, _loaded(corpus))


@dataclass(frozen=True)
class Compared:
    """A Comparison with the corpus it was made from, so that it can render itself in a
    notebook; every attribute of the comparison reads through (`.pairs`, `.a`, `.b` …)."""

    comparison: Comparison
    corpus: Corpus

    def __getattr__(self, name: str):
        return getattr(self.comparison, name)

    def to_records(self, gaps: bool = False) -> list[dict]:
        """Plain dicts (pandas.DataFrame(...)): one per pair, best first, or with `gaps` one per
        requirement gap of each pair — the rows of `--format csv`. Against a regulation: one
        per grade and scope, or with `gaps` one per criterion."""
        from .render import records

        cmp, vocab = self.comparison, self.corpus.vocabulary
        if not cmp.pairs and cmp.conformity:
            found = [records.conformity_data(c, vocab) for c in cmp.conformity]
            return records.conformity_rows(found, criteria=gaps)
        pairs = [records.pair_data(p, vocab) for p in cmp.pairs]
        return records.csv_rows(pairs) if gaps else [records.pair_row(p) for p in pairs]

    def to_html(self, lang: str = "en") -> str:
        """The page `stdcompare compare … -o x.html` writes (one self-contained file)."""
        from .render import html
        from .render.setting import Setting

        return html.comparison_page(self.comparison, Setting.of(self.corpus), lang)

    def _repr_html_(self) -> str:
        return self.to_html()

    def __repr__(self) -> str:
        return repr(self.comparison)


def standards(*, family: str | None = None, corpus: Corpus | None = None) -> list[Listed]:
    """Every edition of every standard (`stdcompare list`), or those with grades of `family`
    (or a family below it), each marked whether it is the edition in force."""
    from .corpus import Listed

    found = _loaded(corpus)
    wanted = family and found.known_family(family)
    listed = []
    for key in found.standard_keys():
        editions, current = found.editions(key), found.in_force(key)
        if wanted and not any(found.covers(s, wanted) for s in editions):
            continue
        listed += [Listed(s, current is not None and current.ref == s.ref) for s in editions]
    return listed


def show(ref: Ref, code: str | None = None, *, corpus: Corpus | None = None) -> Shown:
    """A standard, or one of its grades (`show REF CODE`, or `show REF:CODE`)."""
    found = _loaded(corpus)
    text = str(ref)
    if code is None and ":" in text and not Path(text).exists():
        return Shown(*_grade(found, text))
    try:
        standard = found.resolve(text)
    except RefError:
        from .query import qualified_grade

        named = None if code or Path(text).exists() else qualified_grade(found, text)
        if named is None:
            raise
        return Shown(named.standard, named.grade)  # "ISRI Birch": a grade with its standard
    if code is None:
        return Shown(standard, None)
    try:
        return Shown(standard, found.grade_of(standard, code))
    except RefError:
        if Path(text).exists():
            raise
        return Shown(*_grade(found, f'{text}:"{code}"'))


def _grade(found: Corpus, text: str) -> tuple[Standard, Grade]:
    """REF:CODE, or a grade named with its standard as people write it ("ISRI Birch"), in the
    edition that holds it when the one in force does not (GB/T 38471-2023 is held in part);
    never a typo's guess."""
    from .query import qualified_grade

    try:
        return found.resolve_grade(text)
    except RefError:
        named = qualified_grade(found, text)
        if named is None:
            raise
        return named.standard, named.grade


@dataclass(frozen=True)
class Shown:
    standard: Standard
    grade: Grade | None


def compare(a: Ref, b: Ref, *, family: str | None = None, corpus: Corpus | None = None) -> Compared:
    """Every candidate pair of two standards, best first (`stdcompare compare A B`). With
    `family`, only grades of that family (or a family below it) take part."""
    from .match import compare_standards

    found = _loaded(corpus)
    std_a, std_b = found.resolve(str(a)), found.resolve(str(b))
    notes = tuple(n for std in (std_a, std_b) if (n := _held_in_part(found, std)))
    if family is not None:
        std_a, std_b = found.of_family(std_a, family), found.of_family(std_b, family)
        notes += (f"only grades of the family '{family}' (or a family below it)",)
    cmp = compare_standards(std_a, std_b, found.vocabulary, found.as_of.isoformat())
    return Compared(replace(cmp, notes=(*cmp.notes, *notes)), found)


def _held_in_part(found: Corpus, std: Standard) -> str:
    """What a side held in part leaves out that an older edition holds (GB/T 38471-2023: 2
    grades; 2019's 11), so a comparison says where lookup would fall back; "" if nothing."""
    if std.grade_list.value == "complete":
        return ""
    codes = {g.code for g in std.grades}
    from .counterparts import older_editions

    older = older_editions(found, std)
    best = max(older, key=lambda s: len({g.code for g in s.grades} - codes), default=None)
    lacks = len({g.code for g in best.grades} - codes) if best else 0
    if best is None or not lacks:
        return ""
    return (
        f"{std.ref} holds {len(std.grades):d} grades (grade list partial); {best.ref} holds "
        f"{lacks:d} it lacks: compare with {best.ref} too"
    )


def lookup(
    query: str,
    *,
    within: Refs | None = None,
    computed_only: bool = False,
    corpus: Corpus | None = None,
) -> LookupResult:
    """What a grade is under the other standards (`stdcompare lookup QUERY --in REF`)."""
    from .counterparts import lookup as run

    found = _loaded(corpus)
    refs = [str(r) for r in within] if within else None
    return run(found, query, refs, found.as_of, computed_only)


def diff_settings(
    folder: Ref, *, fail_on: str | None = None, accept: Ref | None = None
) -> DiffSettings:
    """What a CI job's diff runs with: the project's [tool.stdcompare] table (the nearest
    pyproject.toml at or above `folder`), with `fail_on` and `accept` given here first."""
    from . import settings

    config = settings.load(Path(folder))
    accept_file = Path(accept) if accept is not None else config.accept
    accepted = settings.read_accept(accept_file) if accept_file is not None else None
    return DiffSettings(fail_on or config.fail_on, config.levels, accepted)


@dataclass(frozen=True)
class DiffSettings:
    fail_on: str  # the lowest level of change that fails the run
    levels: dict[str, str]  # a check's level, where the project overrides it
    accepted: dict | None  # reviewed changes by fingerprint


def diff(
    old: Ref,
    new: Ref,
    *,
    levels: dict[str, str] | None = None,
    accepted: dict | None = None,
    corpus: Corpus | None = None,
) -> ChangeSet:
    """What changed between two editions of one standard, and which equivalences with the
    other standards in force it gains or loses. `accepted` maps fingerprints to reviews."""
    from . import changes as differ

    found = _loaded(corpus)
    std_old, std_new = found.resolve(str(old)), found.resolve(str(new))
    if std_old.key != std_new.key:  # a wrong path in a CI job, most likely: say so, stop
        raise StdcompareError(
            f"diff compares two editions of one standard; {std_old.ref} and {std_new.ref} "
            "are different standards",
            "check the file's key, or set two standards side by side with: "
            f"stdcompare compare {std_old.ref} {std_new.ref}",
        )
    others = [s for k in found.standard_keys() if k != std_new.key and (s := found.in_force(k))]
    changes = differ.diff(std_old, std_new, found.vocabulary, others, levels)
    return differ.accept(changes, accepted) if accepted is not None else changes


def check(
    lot: Ref,
    *,
    within: Refs | None = None,
    tolerance: str | Decimal = "0",
    family: str | None = None,
    as_of: date | None = None,
    corpus: Corpus | None = None,
) -> LotCheck:
    """Does this lot (a TOML or CSV lot file) meet any grade? `tolerance` is the measurement
    uncertainty, in each limit's canonical unit."""
    from . import lots

    found = _loaded(corpus)
    parsed = lots.read_lot(Path(lot), found.vocabulary)
    day = as_of or parsed.as_of or found.as_of
    margin = _tolerance(tolerance)
    if within:
        chosen = [found.resolve(str(r), day) for r in within]
    else:
        chosen = [s for k in found.standard_keys() if (s := found.in_force(k, day))]
    from .lots import LotCheck

    declared = None
    if parsed.declared:
        std, grade = lots.declared_grade(found, parsed, day)
        mine = lots.check_lot(parsed, [std], found.vocabulary, margin)
        declared = next(v for v in mine if v.code == grade.code)
    wanted = family or parsed.family
    families = lots.lot_families(parsed, found.vocabulary, wanted and found.known_family(wanted))
    verdicts = lots.check_lot(parsed, chosen, found.vocabulary, margin, families)
    skipped = lots.left_out(chosen, found.vocabulary, families)
    return LotCheck(parsed, day, declared, families, skipped, tuple(verdicts))


def _tolerance(value: str | Decimal) -> Decimal:
    from decimal import Decimal, InvalidOperation

    try:
        margin = Decimal(value)
    except InvalidOperation:
        margin = Decimal("NaN")
    if not margin.is_finite() or margin < 0:
        raise StdcompareError(
            f"{{tolerance}} '{value}' is not a measurement uncertainty",
            "give a number of zero or more, in the limit's unit: {tolerance:0.1}",
            options={"tolerance": TOLERANCE},
        )
    return margin


def _labelled(labels: Refs) -> list[dict]:
    """Every row of the labels files, in order."""
    from .evaluation import read_labels

    return [row for path in labels for row in read_labels(Path(path))]


def evaluate(labels: Refs, *, corpus: Corpus | None = None) -> dict[str, Tally]:
    """Precision and recall of the matcher on labelled pairs (CSV files), per family."""
    from . import evaluation as ev

    if not labels:
        raise StdcompareError(
            "evaluate needs a labels file, or --weights", "stdcompare evaluate my-labels.csv"
        )
    rows = _labelled(labels)
    return ev.evaluate(_loaded(corpus), rows)


def level_weights(labels: Refs = (), *, corpus: Corpus | None = None):
    """What the corpus says each level's weight should be: u from every candidate pair, m by
    EM, or from the labels' positives when `labels` are given (`evaluate --weights`)."""
    from . import evaluation as ev
    from . import weights as wt

    found = _loaded(corpus)
    rows = _labelled(labels)
    pairs = wt.candidate_pairs(found)
    if rows:
        return wt.fit(pairs, ev.labelled_pairs(found, rows, "equivalent"))
    return wt.estimate(pairs)


def cross_validate(labels: Refs, *, corpus: Corpus | None = None) -> CrossValidation:
    """The matcher beside weights fitted on the other pairs of standards, leaving one pair
    out at a time (`evaluate LABELS --cross-validate`)."""
    from . import crossval

    rows = _labelled(labels)
    if not rows:
        raise StdcompareError(
            "--cross-validate needs labels", "stdcompare evaluate my-labels.csv --cross-validate"
        )
    return crossval.run(_loaded(corpus), rows)


def validate(paths: Refs | None = None, *, corpus: Corpus | None = None) -> list[FileReport]:
    """Canonical files checked: syntax, schema, references, evidence (default: the corpus)."""
    from .corpus import Corpus
    from .validation import validate_paths

    found, given = _loaded(corpus), [Path(p) for p in paths or []]
    held = {f.resolve() for f in found.folders}
    folders = [p for p in given if p.is_dir() and p.resolve() not in held]
    if folders:  # a folder's own editions are what its amendments amend
        wider = Corpus([*found.folders, *folders], found.as_of)
        wider.bundled = found.bundled
        found = wider
    return validate_paths(given, found)


def write_coverage(page: Ref, reports: list[FileReport]) -> None:
    """The coverage table of these files written into a Markdown page, between its markers
    (or at its end); the page is made when new."""
    from .render import coverage
    from .write import write_atomic

    path = Path(page)
    built = [r.standard for r in reports if r.standard]
    write_atomic(path, coverage.with_table(_read_page(path), built))


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


def harmonise(grades: Refs, *, corpus: Corpus | None = None) -> Harmonised:
    """The common ground of several systems' grades (`stdcompare harmonise REF:CODE …`):
    property by property, what every grade accepts, the envelope, and the status."""
    from .harmonisation import harmonise as run

    found = _loaded(corpus)
    return run([_grade(found, str(ref)) for ref in grades], found.vocabulary)


def recognise(
    family: str, *, as_of: date | None = None, corpus: Corpus | None = None
) -> Recognition:
    """The mutual-recognition matrix of a family among the standards in force."""
    from .recognition import recognise as run

    return run(_loaded(corpus), family, as_of)


def schema(*, of_diff: bool = False) -> dict:
    """The JSON Schema of a Standard in its JSON form, or of `diff --format json`."""
    if of_diff:
        from .render.diffs import json_schema as diff_schema

        return diff_schema()
    from .serialize import json_schema

    return json_schema()


def docs(topic: str | None = None) -> str:
    """The documentation installed with stdcompare: one page, or the names of all."""
    from .resources import data_dir

    folder = data_dir("docs")
    pages = sorted(p.stem for p in folder.glob("*.md"))
    if topic is None:
        return "".join(f"{page}\n" for page in pages)
    if topic not in pages:
        raise StdcompareError(f"no page '{topic}'", f"the pages: {', '.join(pages)}")
    return (folder / f"{topic}.md").read_text(encoding="utf-8")


SITE_MARK = ".stdcompare-site"  # a folder holding this file was written by site(): replaceable


def site(folder: Ref, *, lang: str = "en", base_url: str = "", corpus: Corpus | None = None) -> int:
    """The trader's site, written to `folder` (new, empty, or an earlier site): an index with
    a search box and a page per grade, standard and family. Returns the number of files."""
    import shutil

    from .render.site import pages
    from .site_data import build
    from .write import write_atomic

    found = _loaded(corpus)
    target = Path(folder)
    if target.exists() and any(target.iterdir()) and not (target / SITE_MARK).exists():
        raise StdcompareError(
            f"{target} is a folder that holds other files",
            "give a new or empty folder (an earlier site there is replaced)",
        )
    written = pages(build(found), found.vocabulary, lang, base_url)
    if target.exists():
        shutil.rmtree(target)
    for path, text in sorted(written.items()):
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target / path, text)
    (target / SITE_MARK).write_text("written by stdcompare site\n", encoding="utf-8")
    return len(written)


def report(*, all_editions: bool = False, corpus: Corpus | None = None) -> CorpusReport:
    """Every pair of standards compared: what `stdcompare report` renders."""
    from .corpus_report import build

    return build(_loaded(corpus), all_editions)


def report_html(
    *, all_editions: bool = False, lang: str = "en", corpus: Corpus | None = None
) -> str:
    """The corpus report as one self-contained HTML page."""
    from .render import html

    found = _loaded(corpus)
    from .render.setting import Setting

    built = report(all_editions=all_editions, corpus=found)
    return html.corpus_report(built, Setting.of(found), lang)


def __getattr__(name: str):
    """LotCheck lives with the lot check (lots.py); it is named here for the public API
    without importing that module for every command."""
    if name == "LotCheck":
        from .lots import LotCheck

        return LotCheck
    raise AttributeError(f"module 'stdcompare.api' has no attribute {name!r}")


__all__ = [
    "Compared",
    "DiffSettings",
    "Listed",
    "Shown",
    "cross_validate",
    "docs",
    "schema",
    "diff_settings",
    "show",
    "standards",
    "level_weights",
    "write_coverage",
    "LotCheck",
    "check",
    "compare",
    "diff",
    "evaluate",
    "harmonise",
    "load_corpus",
    "lookup",
    "parse",
    "recognise",
    "report",
    "site",
    "report_html",
    "validate",
]
