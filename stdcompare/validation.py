"""`validate`: every check a canonical file must pass, over files, folders or the corpus.

Per file (parsers/canonical.py): syntax, schema, vocabulary, evidence for every number, uncertain
values with reasons, unique codes, values their property can take (finite numbers, no negative
magnitude, no share over 100 %, bounds that leave a value). Across the corpus (here): editions
and `supersedes` consistent, amendments resolvable, no verbatim source text in a corpus file.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import model as m
from .corpus import NOT_EDITIONS, Corpus, FileReport, _problem
from .errors import SourceError, StdcompareError
from .parsers import canonical

if TYPE_CHECKING:
    from .vocabulary import Vocabulary


def validate_paths(paths: list[Path], corpus: Corpus) -> list[FileReport]:
    """Reports for the given files and folders, or for the whole corpus when none are given."""
    reports = (
        list(corpus.reports) if not paths else [_check_file(p, corpus) for p in _expand(paths)]
    )
    editions = _editions(corpus)
    return [_with_cross_checks(r, editions, corpus.vocabulary) for r in reports]


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += [p for p in sorted(path.rglob("*.toml")) if not NOT_EDITIONS & set(p.parts)]
        elif path.exists():
            files.append(path)
        else:
            raise StdcompareError(
                f"no such file or folder: {path}",
                "give canonical .toml files or folders that hold them",
            )
    return files


def _check_file(path: Path, corpus: Corpus) -> FileReport:
    for report in corpus.reports:  # already checked as part of the corpus
        if Path(report.path).resolve() == path.resolve():
            return report
    try:
        parsed = canonical.read_file(path)
    except SourceError as exc:
        return FileReport(str(path), None, [_problem(exc)])
    if canonical.is_amendment(parsed):
        bases = {r.standard.ref: r for r in corpus.reports if r.standard}
        return corpus._resolve_amendment(parsed, bases)
    standard, problems = canonical.check(parsed, corpus.vocabulary)
    return FileReport(str(path), standard, problems)


def _editions(corpus: Corpus) -> dict[str, list[m.Standard]]:
    found: dict[str, list[m.Standard]] = {}
    for report in corpus.reports:
        if report.standard is not None:
            found.setdefault(report.standard.key, []).append(report.standard)
    for stds in found.values():
        stds.sort(key=lambda s: s.effective or s.issued or date.min)
    return found


def _copies(report: FileReport, vocab: Vocabulary) -> list[canonical.Problem]:
    """An official text on a host that is not its publisher's is a third party's copy: it says
    so (`copy = true`), so that reports can say "official text, third-party copy"."""
    from urllib.parse import urlparse

    found = []
    for sid, ev in report.standard.sources.items():
        host = urlparse(ev.address).hostname or ""
        if ev.tier is m.Tier.OFFICIAL and not ev.copy and not vocab.publisher_host(host):
            msg = f"an official text on {host}, not its publisher's host"
            found.append(
                canonical.Problem(
                    "warning",
                    report.path,
                    msg,
                    key=f"sources.{sid}",
                    hint="mark it copy = true (a third party's copy), or cite the publisher",
                )
            )
    return found


def _with_cross_checks(report: FileReport, editions: dict, vocab: Vocabulary) -> FileReport:
    if report.standard is None:
        return report
    extra = [
        *_supersedes(report, editions),
        *_status(report, editions),
        *_verbatim(report),
        *_grade_list(report),
        *_copies(report, vocab),
    ]
    return replace(report, problems=[*report.problems, *extra]) if extra else report


def _problem_at(report: FileReport, level: str, message: str, key: str | None = None):
    return canonical.Problem(level, report.path, message, key=key)


def _supersedes(report: FileReport, editions: dict) -> list[canonical.Problem]:
    std = report.standard
    if not std.supersedes:
        return []
    # Another key is allowed: a replaced law comes back under a new number.
    key = std.supersedes.split("@")[0]
    older = next((s for s in editions.get(key, []) if s.ref == std.supersedes), None)
    if older is None:
        msg = f"supersedes {std.supersedes}, which is not in the corpus"
        return [_problem_at(report, "warning", msg, "supersedes")]
    if older.effective and std.effective and older.effective >= std.effective:
        msg = f"supersedes {older.ref}, which took effect later ({older.effective})"
        return [_problem_at(report, "error", msg, "supersedes")]
    return []


def _status(report: FileReport, editions: dict) -> list[canonical.Problem]:
    """An edition that says 'current' while a later one of the same standard is in force."""
    std = report.standard
    if std.status is not m.Status.CURRENT:
        return []
    later = [
        s
        for s in editions.get(std.key, [])
        if s.status is not m.Status.DRAFT
        and s.effective
        and std.effective
        and s.effective > std.effective
        and s.effective <= date.today()
    ]
    if later:
        msg = f"status is current, but {later[-1].ref} took effect on {later[-1].effective}"
        return [_problem_at(report, "warning", msg, "status")]
    return []


def _verbatim(report: FileReport) -> list[canonical.Problem]:
    """Parser drafts may keep source paragraphs, marked verbatim; a corpus file may not."""
    return [
        _problem_at(
            report,
            "error",
            f"verbatim source text in a corpus file (note {i}: '{note.text[:40]}…')",
            f"notes[{i}]",
        )
        for i, note in enumerate(report.standard.notes)
        if note.verbatim
    ]


def _grade_list(report: FileReport) -> list[canonical.Problem]:
    std = report.standard
    if std.grade_list is m.GradeList.COMPLETE and any(
        g.text is m.TextCompleteness.NOT_FOUND for g in std.grades
    ):
        msg = "grade list is complete but some grades' text was not found"
        return [_problem_at(report, "warning", msg)]
    return []
