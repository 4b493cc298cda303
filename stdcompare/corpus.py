"""The corpus: finds the canonical files, loads them, resolves amendments into full editions,
and answers references (`key`, `key@edition`, a path, `REF:CODE`)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import AS_OF, STANDARDS, Problem, RefError, SourceError
from .resources import data_dir

if TYPE_CHECKING:  # the model and the vocabulary load on first use, not with this module
    from . import model as m
    from .parsers.base import ParseResult
    from .vocabulary import Vocabulary

ENV_PATH = "STDCOMPARE_PATH"
# Folders under standards/ that hold other data than standard editions.
NOT_EDITIONS = {"vocabulary", "correspondences"}
_GRADE_REF = re.compile(r'^(?P<ref>.+?):(?P<code>"[^"]*"|[^"]+)$')


@dataclass
class FileReport:
    """What loading one file found: the standard (when it built) and every problem."""

    path: str
    standard: m.Standard | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]


@dataclass(frozen=True)
class Listed:
    """An edition as `stdcompare list` shows it: is it the one in force?"""

    standard: m.Standard
    in_force: bool


class Corpus:
    def __init__(self, folders: list[Path], as_of: date | None = None):
        self.folders = folders
        self.as_of = as_of or date.today()
        self.documents: dict[str, ParseResult] = {}  # documents named by path, as parsed

    def __repr__(self) -> str:
        """Short, for a notebook; it reads no file that is not read already."""
        loaded = "_loaded" in self.__dict__
        editions = sum(1 for r in self.reports if r.standard is not None) if loaded else 0
        held = f"{editions} editions" if loaded else "not loaded yet"
        folders = f"{len(self.folders)} folder" + ("" if len(self.folders) == 1 else "s")
        return f"<Corpus {held}, as of {self.as_of.isoformat()}, from {folders}>"

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """The bundled vocabulary (read on first use: an answered query never needs it)."""
        from .vocabulary import load_vocabulary

        return load_vocabulary(data_dir("standards") / "vocabulary")

    @classmethod
    def discover(
        cls, extra: list | None = None, as_of: date | None = None, bundled: bool = True
    ) -> Corpus:
        """The bundled standards/, then STDCOMPARE_PATH folders, then `extra` folders."""
        folders = [data_dir("standards")] if bundled else []
        env = os.environ.get(ENV_PATH, "")
        folders += [Path(p) for p in env.split(os.pathsep) if p]
        folders += [Path(p) for p in (extra or [])]
        for folder in folders:
            if not folder.is_dir():
                raise SourceError(
                    str(folder),
                    "not a folder of standards",
                    hint="check {standards} and " + ENV_PATH,
                    options={"standards": STANDARDS},
                )
        # One folder named twice (a checkout's standards/ is the bundled corpus of an editable
        # install) is read once.
        folders = list({folder.resolve(): folder for folder in reversed(folders)}.values())[::-1]
        corpus = cls(folders, as_of)
        corpus.bundled = folders[0] if bundled else None
        return corpus

    # --- loading -----------------------------------------------------------------------------

    bundled: Path | None = None  # the bundled corpus's folder, when it is read

    def files(self) -> list[Path]:
        """Every edition file. A folder of your own holding a file at the same place as the
        bundled corpus (a fork of it, a pull request's checkout) replaces the bundled file."""
        paths = [
            (folder, path)
            for folder in self.folders
            for path in sorted(folder.rglob("*.toml"))
            if not NOT_EDITIONS.intersection(path.relative_to(folder).parts[:-1])
        ]
        return self._unshadowed(paths)

    def _unshadowed(self, paths: list[tuple[Path, Path]]) -> list[Path]:
        """The paths, less each bundled file that a later folder holds at the same place."""
        found: dict[tuple, Path] = {}
        for folder, path in paths:
            place = path.relative_to(folder).parts
            held = found.get(place)
            bundled = held is not None and self.bundled is not None
            if held is None or (bundled and held.is_relative_to(self.bundled)):
                found[place] = path
            else:
                found[(folder, *place)] = path
        return list(found.values())

    def correspondence_files(self) -> list[Path]:
        paths = [
            (f, p) for f in self.folders for p in sorted((f / "correspondences").glob("*.toml"))
        ]
        return self._unshadowed(paths)

    @cached_property
    def reports(self) -> list[FileReport]:
        """Every file checked; amendments resolved against their base edition (cached)."""
        return self._loaded["reports"]

    @cached_property
    def _loaded(self) -> dict:
        """The checked editions, the vocabulary's words and the correspondence files' data:
        from the parse cache when no byte of them changed, else read and then cached."""
        from . import cache

        files = self.files()
        try:
            name = cache.key([*files, *self.correspondence_files()], [self.vocabulary.folder])
        except OSError:
            name = None
        stored = cache.load(name) if name else None
        if isinstance(stored, dict) and stored.keys() == {"reports", "words", "correspondences"}:
            self.vocabulary.restore(stored["words"])  # no TOML to read again for the words
            return stored
        loaded = {
            "reports": self._load_reports(files),
            "words": self.vocabulary.snapshot(),
            "correspondences": self._correspondence_data(),
        }
        if name:
            cache.store(name, loaded)
        return loaded

    def _correspondence_data(self) -> dict[str, dict]:
        """Each correspondence file's TOML data; one that does not read is left out, so using
        it reads it again and reports the error then, as without the cache."""
        from .correspondences import read_data

        found = {}
        for path in self.correspondence_files():
            try:
                found[str(path)] = read_data(path)
            except SourceError:
                continue
        return found

    def _load_reports(self, files: list[Path]) -> list[FileReport]:
        from .parsers import canonical  # the TOML reader: only when the cache cannot answer

        reports: list[FileReport] = []
        amendments: list = []  # canonical.SpecFile
        for path in files:
            try:
                parsed = canonical.read_file(path)
            except SourceError as exc:
                reports.append(FileReport(str(path), None, [_problem(exc)]))
                continue
            if canonical.is_amendment(parsed):
                amendments.append(parsed)
                continue
            standard, problems = canonical.check(parsed, self.vocabulary)
            reports.append(FileReport(parsed.path, standard, problems))
        bases = {r.standard.ref: r for r in reports if r.standard}
        by_ref = {_own_ref(a.data): a for a in amendments}
        for amendment in amendments:
            loop = _amendment_loop(amendment, by_ref)
            if loop:
                reports.append(FileReport(amendment.path, None, [_loop_problem(amendment, loop)]))
            else:
                reports.append(self._resolve_amendment(amendment, bases))
        self._check_duplicates(reports)
        return reports

    def _resolve_amendment(self, amendment, bases: dict) -> FileReport:
        from .parsers import canonical

        wrong = canonical.type_problems(amendment)
        if wrong:
            return FileReport(amendment.path, None, wrong)
        target = amendment.data.get("amends")
        base = bases.get(target)
        if base is None:
            problem = Problem(
                "error",
                amendment.path,
                f"amends '{target}', which is not in the corpus as a full edition",
                amendment.index.line_of("amends"),
                "amends",
                "name the base edition as key@edition",
            )
            return FileReport(amendment.path, None, [problem])
        base_data = canonical.read_file(Path(base.path)).data
        merged = canonical.apply_amendment(base_data, amendment.data)
        # Lines of the merged data do not exist in any one file: report the amendment's path only.
        combined = canonical.SpecFile(amendment.path, "", merged, amendment.sha256)
        standard, problems = canonical.check(combined, self.vocabulary)
        return FileReport(amendment.path, standard, problems)

    def _check_duplicates(self, reports: list[FileReport]) -> None:
        seen: dict[str, str] = {}
        for report in reports:
            if report.standard is None:
                continue
            ref = report.standard.ref
            if ref in seen:
                report.problems.append(
                    Problem(
                        "error",
                        report.path,
                        f"{ref} is also defined in {seen[ref]}",
                        hint="one file per standard edition",
                    )
                )
                report.standard = None
            else:
                seen[ref] = report.path

    @cached_property
    def standards(self) -> list[m.Standard]:
        """Every edition that loaded; raises the first error if any file is broken."""
        for report in self.reports:
            if report.errors:
                raise report.errors[0].to_error()
        return sorted(
            (r.standard for r in self.reports if r.standard),
            key=lambda s: (s.key, edition_date(s), s.edition),
        )

    @cached_property
    def correspondences(self) -> list:
        """Asserted correspondences from every folder's correspondences/ (never matcher input)."""
        from . import correspondences

        read = self._loaded["correspondences"]
        return correspondences.load(self.correspondence_files(), self, read)

    # --- references --------------------------------------------------------------------------

    def standard_keys(self) -> list[str]:
        return sorted({s.key for s in self.standards})

    def editions(self, key: str) -> list[m.Standard]:
        return [s for s in self.standards if s.key == key]

    def named(self, name: str) -> tuple[str, str | None]:
        """(key, edition or None) of the one standard `name` names as people write it ("ISRI",
        "GB/T 38471-2019", "38471"); ("", None) when it names none or several."""
        from . import standard_names

        return standard_names.named(name, self._names)

    @cached_property
    def _names(self) -> dict:
        from . import standard_names

        return standard_names.names(self.standards)

    def covers(self, std: m.Standard, family: str) -> bool:
        """Whether `std` covers `family` (or a family below it): by a grade's families, or by
        its own, a group's or a regulation scope's, which cover what lies below them too (EU
        715/2013 holds no grade, its scope is copper; 333/2011's iron and steel covers steel)."""
        vocab = self.vocabulary
        wider = [std.families, *(g.families for g in std.groups)]
        if any(vocab.in_family([family], f) for families in wider for f in families):
            return True
        held = [*wider, *(g.families for g in std.grades)]
        return any(vocab.in_family(families, family) for families in held)

    def in_force(self, key: str, as_of: date | None = None) -> m.Standard | None:
        """The latest edition of `key` in force on `as_of`: by effective date, drafts never."""
        from .model import Status

        day = as_of or self.as_of
        candidates = [
            s for s in self.editions(key) if s.status is not Status.DRAFT and edition_date(s) <= day
        ]
        latest = max(candidates, key=edition_date, default=None)
        if latest is not None and self._replaced_on(latest, day):
            return None
        if latest is not None and day >= date.today() and latest.status.value in _REPLACED:
            # Today, an edition recorded as superseded is out of force, though its successor
            # is not held or not dated (QCVN 31:2018 gave way to QCVN 31:2024, not held).
            return None
        return latest

    def _replaced_on(self, std: m.Standard, day: date) -> bool:
        """Whether an act of another key that supersedes `std` is in force on `day`: laws are
        renumbered when replaced (Announcement 2020 No. 43 gave way to 2024 No. 23), so the
        successor is not a later edition of the same key."""
        from .model import Status

        return any(
            edition_date(later) <= day and later.status is not Status.DRAFT
            for later in self._successors.get(std.ref, [])
            if later.key != std.key
        )

    @cached_property
    def _successors(self) -> dict[str, list[m.Standard]]:
        """Each superseded edition's successors, by the successor's `supersedes`."""
        found: dict[str, list[m.Standard]] = {}
        for std in self.standards:
            if std.supersedes:
                found.setdefault(std.supersedes, []).append(std)
        return found

    def resolve(
        self, ref: str | os.PathLike, as_of: date | None = None, files: bool = True
    ) -> m.Standard:
        """A standard from `key`, `key@edition`, or a path: to a canonical file, or to a source
        document read by its parser. A bare name ("draft.txt") is a key when the corpus has
        one by that name, else a file when one exists.

        `files=False` for a reference read from a file (an amendment's `amends`, a lot's
        `declared`, a correspondence, a label): only `key` or `key@edition`. A file that could
        name a path would have any local file read as a standard; only the command line may."""
        ref = os.fspath(ref).strip() if files else corpus_ref(ref)
        path_like = ref.endswith(".toml") or os.sep in ref or "/" in ref
        if files and path_like and (on_disk(ref) or not self.named(ref)[0]):
            return self._from_path(Path(ref))
        key, _, edition = ref.partition("@")
        editions = self.editions(key)
        if not editions and files and on_disk(ref):
            return self._from_path(Path(ref))
        if not editions and files:  # the command line also takes a name: ISRI, GB/T 38471-2019
            key, named_edition = self.named(key)
            edition = edition or named_edition or ""
            editions = self.editions(key) if key else []
        if not editions:
            key = ref.partition("@")[0]
            raise RefError(f"unknown standard '{key}'", _suggest(key, self.standard_keys()))
        if edition:
            found = next((s for s in editions if s.edition == edition), None)
            if found is None:
                known = ", ".join(s.edition for s in editions)
                raise RefError(f"{key} has no edition '{edition}'", f"editions: {known}")
            return found
        current = self.in_force(key, as_of)
        if current is None and all(s.status.value == "draft" for s in editions):  # lazy model
            # A standard held only as drafts (a committee's harmonised draft) is named by its
            # key: its newest draft answers. A draft of a published standard never does.
            return max(editions, key=lambda s: s.edition)
        if current is None:
            raise self._not_in_force(key, as_of or self.as_of)
        return current

    def _not_in_force(self, key: str, day: date) -> RefError:
        editions = self.editions(key)
        known = ", ".join(f"{s.ref} ({_from(s)})" for s in editions)
        later = [
            f"{s.ref} ({_from(s)})"
            for s in self._successors.get(editions[-1].ref, [])
            if s.key != key
        ]
        last = editions[-1]
        if not later and day >= date.today() and last.status.value in _REPLACED:
            return RefError(
                f"{last.ref} is recorded as {last.status.value} and no later edition is held",
                f"name it ({last.ref}) to use it all the same, or pass an earlier " + "{as_of}",
                options={"as_of": AS_OF},
            )
        if later and edition_date(editions[0]) <= day:
            return RefError(
                f"{key} was replaced by {', '.join(later)}; nothing of it is in force on {day}",
                f"name the successor, or an edition ({known}), or pass an earlier " + "{as_of}",
                options={"as_of": AS_OF},
            )
        return RefError(
            f"no edition of {key} is in force on {day}",
            f"name one: {known}, or pass a later " + "{as_of}",
            options={"as_of": AS_OF},
        )

    def _from_path(self, path: Path) -> m.Standard:
        if not on_disk(path, files_only=True):
            raise RefError(
                f"{path} is a folder, not a file" if on_disk(path) else f"no such file: {path}",
                "give a key such as 'gbt-38471', "
                "key@edition, or the path of a canonical .toml file or a source document",
            )
        if not _canonical_file(path):
            return self._from_document(path)
        from .parsers import canonical

        parsed = canonical.read_file(path)
        if canonical.is_amendment(parsed):
            wrong = canonical.type_problems(parsed)
            if wrong:
                raise wrong[0].to_error()
            base = self.resolve(parsed.data["amends"], files=False)
            base_data = canonical.read_file(Path(base.origin.file)).data if base.origin else {}
            merged = canonical.apply_amendment(base_data, parsed.data)
            parsed = canonical.SpecFile(parsed.path, "", merged, parsed.sha256)
        return canonical.build(parsed, self.vocabulary)

    def _from_document(self, path: Path) -> m.Standard:
        """A source document (a draft's text, a PDF, an EUR-Lex page…) read by the parser that
        recognises it; the result, with its coverage and warnings, stays in `documents`."""
        from .parsers import detect

        result = detect.parse(path, "auto", self)
        self.documents[str(path)] = result
        return result.standard

    def known_family(self, family: str) -> str:
        """The family, if the vocabulary knows it; else an error naming the nearest ones."""
        if family not in self.vocabulary.families:
            raise RefError(
                f"unknown family '{family}'",
                _suggest(family, sorted(self.vocabulary.families)) + " (vocabulary/families.toml)",
            )
        return family

    def of_family(self, std: m.Standard, family: str) -> m.Standard:
        """The standard with only its grades of `family` or a family below it."""
        from dataclasses import replace

        self.known_family(family)
        kept = tuple(g for g in std.grades if self.vocabulary.in_family(g.families, family))
        return replace(std, grades=kept)

    def resolve_grade(
        self, ref: str, as_of: date | None = None, files: bool = True
    ) -> tuple[m.Standard, m.Grade]:
        """`REF:CODE`, with the code quoted where it holds spaces or slashes; `files` as for
        resolve (False for a reference read from a file)."""
        if not isinstance(ref, str):
            raise RefError(
                "a grade reference must be a string", 'write REF:CODE, e.g. "isri-circular:Birch"'
            )
        match = _GRADE_REF.match(ref.strip())
        if not match:
            raise RefError(
                f"'{ref}' is not a grade reference",
                'write REF:CODE, e.g. isri-circular:Birch or isri-circular:"Berry/Candy"',
            )
        standard = self.resolve(match.group("ref"), as_of, files)
        return standard, self.grade_of(standard, match.group("code").strip('"'))

    def grade_of(self, standard: m.Standard, code: str) -> m.Grade:
        grade = standard.find_grade(code)
        if grade is None:
            by_case = {g.code.lower(): g for g in standard.grades}
            grade = by_case.get(code.lower())
        if grade is None:
            from .model import GradeList

            hint = _suggest(code, [g.code for g in standard.grades])
            if standard.grade_list is not GradeList.COMPLETE:
                hint += f" ({standard.ref} is only partly transcribed)"
            raise RefError(f"{standard.ref} has no grade '{code}'", hint)
        return grade


def on_disk(path: str | Path, files_only: bool = False) -> bool:
    """Whether `path` names a file (or, unless files_only, a folder); a name no file system
    takes (longer than NAME_MAX, a NUL byte) names neither: it is read as a key or a query."""
    try:
        return Path(path).is_file() or (not files_only and Path(path).is_dir())
    except (OSError, ValueError):
        return False


# A path as a file could write it: a separator, a start at "." or "~", a drive, a .toml name.
_PATH_LIKE = re.compile(r"[/\\\x00]|^[.~]|^[A-Za-z]:|\.toml$", re.IGNORECASE)


def corpus_ref(ref) -> str:
    """A reference read from a file, if it is `key` or `key@edition`; a path is refused."""
    from .errors import brief

    if not isinstance(ref, str):
        raise RefError("a reference must be a string: key or key@edition", _FILES_HINT)
    ref = ref.strip()
    if _PATH_LIKE.search(ref) or os.sep in ref:
        raise RefError(
            f"'{brief(ref)}' is a path: a reference in a file is key or key@edition", _FILES_HINT
        )
    return ref


_FILES_HINT = "only the command line names files; write e.g. gbt-38471@2019"


def _own_ref(data: dict) -> str:
    return f"{data.get('key')}@{data.get('edition')}"


def _amendment_loop(amendment, by_ref: dict) -> list:
    """The amendments (SpecFiles) from this one round to itself, if its `amends` leads back to
    it through other amendments; else []. An amendment of an amendment is not resolved (its
    base must be a full edition), so a loop would only ever say 'not in the corpus'."""
    chain = [amendment]
    target = amendment.data.get("amends")
    while isinstance(target, str) and target in by_ref:
        found = by_ref[target]
        if found is amendment:
            return chain
        if found in chain:
            return []  # a loop further on, reported at its own files
        chain.append(found)
        target = found.data.get("amends")
    return []


def _loop_problem(amendment, loop: list) -> Problem:
    # File names: the error's location gives the first file's whole path, and a message is
    # cut short past a few lines' worth (the refs tell apart two files of one name).
    steps = " → ".join(f"{Path(a.path).name} ({_own_ref(a.data)})" for a in [*loop, loop[0]])
    return Problem(
        "error",
        amendment.path,
        f"amendments amend each other in a loop: {steps}",
        amendment.index.line_of("amends"),
        "amends",
        "an amendment names the full edition it changes: amends = key@edition",
    )


def _canonical_file(path: Path) -> bool:
    """A canonical TOML file (or one meant to be: its errors are the TOML reader's to report)."""
    from .parsers.detect import SNIFF_BYTES, is_canonical

    if path.suffix.lower() == ".toml":
        return True
    with path.open("rb") as fh:
        return is_canonical(fh.read(SNIFF_BYTES))


_REPLACED = ("superseded", "withdrawn")  # Status values: the model loads on first use


def edition_date(std: m.Standard) -> date:
    """When an edition took effect: its date, else (none held) the first day of the year its
    edition names — no earlier can it have been in force: EN 12861:2018 was no answer in
    2013 — else any day."""
    return std.effective or std.issued or _year_of(std.edition) or date.min


def _year_of(edition: str) -> date | None:
    year = edition[:4]
    return date(int(year), 1, 1) if year.isdigit() and edition[4:5] in ("", "-") else None


def _from(std: m.Standard) -> str:
    """An edition's start as a hint prints it: the date, or the year when no date is held."""
    if std.effective or std.issued:
        return f"from {std.effective or std.issued}"
    return f"from {std.edition[:4]}, no date held" if _year_of(std.edition) else "undated"


def _problem(exc: SourceError) -> Problem:
    return Problem("error", exc.path, exc.reason, exc.line, exc.key, exc.hint)


def _suggest(word: str, choices: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, choices, n=3, cutoff=0.5)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    return "known: " + ", ".join(choices[:12]) + (" …" if len(choices) > 12 else "")
