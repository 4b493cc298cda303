"""`validate`: every check a canonical file must pass, over files, folders or the corpus."""

from __future__ import annotations

from pathlib import Path

from . import model as m
from .corpus import Corpus, FileReport, _problem
from .errors import SourceError, StdcompareError
from .parsers import spec


def validate_paths(paths: list[Path], corpus: Corpus) -> list[FileReport]:
    """Reports for the given files and folders, or for the whole corpus when none are given."""
    if not paths:
        reports = list(corpus.reports)
    else:
        reports = [_check_file(path, corpus) for path in _expand(paths)]
    known = {r.standard.ref for r in corpus.reports if r.standard}
    for report in reports:
        if report.standard is not None:
            report.problems += _cross_checks(report, known)
    return reports


def _expand(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += [
                p
                for p in sorted(path.rglob("*.toml"))
                if not {"vocabulary", "correspondences"} & set(p.parts)
            ]
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
        parsed = spec.read_file(path)
    except SourceError as exc:
        return FileReport(str(path), None, [_problem(exc)])
    if spec.is_amendment(parsed):
        bases = {r.standard.ref: r for r in corpus.reports if r.standard}
        return corpus._resolve_amendment(parsed, bases)
    standard, problems = spec.check(parsed, corpus.vocabulary)
    return FileReport(str(path), standard, problems)


def _cross_checks(report: FileReport, known: set[str]) -> list[spec.Problem]:
    """Checks that need the rest of the corpus: editions named by supersedes exist."""
    std = report.standard
    found: list[spec.Problem] = []
    if std.supersedes and std.supersedes not in known:
        found.append(
            spec.Problem(
                "warning",
                report.path,
                f"supersedes {std.supersedes}, which is not in the corpus",
                key="supersedes",
            )
        )
    if std.supersedes and std.supersedes.split("@")[0] != std.key:
        found.append(
            spec.Problem(
                "error",
                report.path,
                f"supersedes {std.supersedes}, an edition of another standard",
                key="supersedes",
            )
        )
    if std.grade_list is m.GradeList.COMPLETE and any(
        g.text is m.TextCompleteness.NOT_FOUND for g in std.grades
    ):
        found.append(
            spec.Problem(
                "warning", report.path, "grade list is complete but some grades' text was not found"
            )
        )
    return found
