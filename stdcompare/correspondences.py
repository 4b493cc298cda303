"""Correspondences asserted by a source or agreed by a committee (standards/correspondences/).

They are shown as "asserted", beside what the matcher computes, and are never its input.

    [[correspondences]]
    a = "isri-circular@2022:Birch"
    b = "gbt-38471@2019:RCu-1C"
    verdict = "comparable"        # equivalent | comparable | related | none
    status = "proposed"           # proposed | accepted | rejected
    source = "https://…"          # who asserted it
    date = 2025-03-01
    rationale = "…"
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import RefError, SourceError
from .results import GradeRef, Verdict

STATUSES = ("proposed", "accepted", "rejected")


@dataclass(frozen=True)
class Correspondence:
    a: tuple  # (Standard, Grade)
    b: tuple
    verdict: str
    status: str
    source: str
    date: date | None
    rationale: str
    path: str

    def other_side(self, target: GradeRef):
        for mine, other in ((self.a, self.b), (self.b, self.a)):
            std, grade = mine
            if std.key == target.standard.key and grade.code == target.grade.code:
                return other
        return None

    def as_data(self) -> dict:
        return {
            "a": f"{self.a[0].ref}:{self.a[1].code}",
            "b": f"{self.b[0].ref}:{self.b[1].code}",
            "status": self.status,
            "source": self.source,
            "date": self.date.isoformat() if self.date else None,
            "rationale": self.rationale,
            "file": self.path,
        }


def load(files: list[Path], corpus, read: dict[str, dict] | None = None) -> list[Correspondence]:
    """The correspondences of these files; `read` holds data already read (the parse cache)."""
    found: list[Correspondence] = []
    for path in files:
        data = (read or {}).get(str(path))
        found += _items(path, read_data(path) if data is None else data, corpus)
    return found


def read_data(path: Path) -> dict:
    import tomllib  # a cached corpus brings the data along: no TOML reader then

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SourceError(
            str(path),
            f"cannot read correspondences ({exc})",
            hint="the file must be UTF-8 TOML with [[correspondences]] tables",
        ) from None


def _items(path: Path, data: dict, corpus) -> list[Correspondence]:
    items = []
    for i, entry in enumerate(data.get("correspondences", [])):
        key = f"correspondences[{i}]"
        status = entry.get("status", "proposed")
        verdict = entry.get("verdict", "equivalent")
        if status not in STATUSES or verdict not in {v.value for v in Verdict}:
            raise SourceError(
                str(path),
                f"bad status '{status}' or verdict '{verdict}'",
                key=key,
                hint=f"status is one of {', '.join(sorted(STATUSES))}; verdict one of "
                + ", ".join(v.value for v in Verdict),
            )
        if not entry.get("source"):
            raise SourceError(
                str(path),
                "an asserted correspondence needs its source",
                key=key,
                hint='add source = "…": where the correspondence is asserted (a URL)',
            )
        items.append(
            Correspondence(
                _side(corpus, path, entry, key, "a"),
                _side(corpus, path, entry, key, "b"),
                verdict,
                status,
                entry["source"],
                entry.get("date"),
                entry.get("rationale", ""),
                str(path),
            )
        )
    return items


def _side(corpus, path: Path, entry: dict, key: str, side: str) -> tuple:
    """(standard, grade) of side "a" or "b": a grade of the corpus (REF:CODE), never a file;
    an error names this file and the key."""
    try:
        return corpus.resolve_grade(entry.get(side), files=False)
    except RefError as exc:
        raise exc.located(str(path), key=f"{key}.{side}") from None
