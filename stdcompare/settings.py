"""Settings from pyproject.toml's [tool.stdcompare] table, and accept files.

[tool.stdcompare]
fail_on = "breaking"                 # breaking | warning | info | never
accept = "standards/accepted.toml"   # reviewed changes
[tool.stdcompare.diff.levels]
"requirement.loosened" = "info"      # override a check's default level
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import SourceError

LEVELS = ("breaking", "warning", "info")


@dataclass
class Settings:
    fail_on: str = "breaking"
    accept: Path | None = None
    levels: dict[str, str] = field(default_factory=dict)


def load(start: Path) -> Settings:
    """The nearest pyproject.toml at or above `start` that has a [tool.stdcompare] table,
    looking no higher than the repository's root (the first folder holding .git or .hg), as
    ruff and black do: a pyproject.toml above the checkout is somebody else's."""
    for folder in [start, *start.parents]:
        path = folder / "pyproject.toml"
        if path.is_file():
            table = _table(_read(path), path)
            if table is not None:
                return _settings(table, path)
        if (folder / ".git").exists() or (folder / ".hg").exists():
            break
    return Settings()


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else exc
        raise SourceError(
            str(path), f"cannot read settings ({reason})", hint="it must be UTF-8 TOML"
        ) from None


def _table(data: dict, path: Path) -> dict | None:
    """[tool.stdcompare], or None when the file has none; a wrong type is an error."""
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise _wrong(path, "tool", "a table")
    table = tool.get("stdcompare")
    if table is not None and not isinstance(table, dict):
        raise _wrong(path, "tool.stdcompare", "a table")
    return table


def _wrong(path: Path, key: str, what: str) -> SourceError:
    return SourceError(
        str(path), f"must be {what}", key=key, hint="the settings: stdcompare docs ci"
    )


def _settings(table: dict, path: Path) -> Settings:
    fail_on = table.get("fail_on", "breaking")
    if fail_on not in (*LEVELS, "never"):
        raise SourceError(
            str(path),
            f"{fail_on!r} is not a level",
            key="tool.stdcompare.fail_on",
            hint="one of breaking, warning, info, never",
        )
    diff = table.get("diff", {})
    if not isinstance(diff, dict):
        raise _wrong(path, "tool.stdcompare.diff", "a table")
    levels = diff.get("levels", {})
    if not isinstance(levels, dict):
        raise _wrong(path, "tool.stdcompare.diff.levels", "a table of check = level")
    for check, level in levels.items():
        if level not in LEVELS:
            raise SourceError(
                str(path),
                f"level {level!r} for '{check}' is not a level",
                key=f"tool.stdcompare.diff.levels.{check}",
                hint="one of breaking, warning, info",
            )
    accept = table.get("accept")
    if accept is not None and not isinstance(accept, str):
        raise _wrong(path, "tool.stdcompare.accept", "a path, in quotes")
    return Settings(fail_on, (path.parent / accept) if accept else None, dict(levels))


_ENTRY = {"fingerprint": str, "reason": str, "date": (str, date), "by": str}


def read_accept(path: Path) -> dict[str, dict]:
    """{fingerprint: {reason, date}} from an accept file; every entry needs both."""
    if not path.is_file():
        raise SourceError(
            str(path),
            "accept file not found",
            hint="a TOML file of reviewed changes: stdcompare docs ci",
        )
    entries = _read(path).get("accept", [])
    if not isinstance(entries, list):
        raise _wrong(path, "accept", "a list of [[accept]] tables")
    found = {}
    for i, entry in enumerate(entries):
        _check_entry(path, i, entry)
        found[entry["fingerprint"]] = {
            "reason": entry["reason"],
            "date": str(entry["date"]),
            **({"by": entry["by"]} if "by" in entry else {}),
        }
    return found


def _check_entry(path: Path, i: int, entry) -> None:
    ok = isinstance(entry, dict) and all(entry.get(k) for k in ("fingerprint", "reason", "date"))
    if not ok:
        raise SourceError(
            str(path),
            "an accepted change needs fingerprint, reason and date",
            key=f"accept[{i}]",
            hint="copy the fingerprint that diff printed, and say why and when",
        )
    for key, types in _ENTRY.items():
        if key in entry and not isinstance(entry[key], types):
            raise SourceError(
                str(path),
                f"{entry[key]!r} is not text",
                key=f"accept[{i}].{key}",
                hint='write it in quotes: fingerprint = "0acdb097b70f44e1"',
            )
