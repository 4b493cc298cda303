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
from pathlib import Path

from .errors import SourceError

LEVELS = ("breaking", "warning", "info")


@dataclass
class Settings:
    fail_on: str = "breaking"
    accept: Path | None = None
    levels: dict[str, str] = field(default_factory=dict)


def load(start: Path) -> Settings:
    """The nearest pyproject.toml at or above `start` that has a [tool.stdcompare] table."""
    for folder in [start, *start.parents]:
        path = folder / "pyproject.toml"
        if path.is_file():
            table = _read(path).get("tool", {}).get("stdcompare")
            if table is not None:
                return _settings(table, path)
    return Settings()


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SourceError(
            str(path),
            f"cannot read settings ({exc})",
            hint="the file must be UTF-8 TOML; see docs/ci.md for [tool.stdcompare]",
        ) from None


def _settings(table: dict, path: Path) -> Settings:
    fail_on = table.get("fail_on", "breaking")
    if fail_on not in (*LEVELS, "never"):
        raise SourceError(
            str(path),
            f"[tool.stdcompare] fail_on '{fail_on}' is not a level",
            hint="fail_on is one of: " + ", ".join([*LEVELS, "never"]),
        )
    levels = table.get("diff", {}).get("levels", {})
    for check, level in levels.items():
        if level not in LEVELS:
            raise SourceError(
                str(path),
                f"level '{level}' for '{check}' is not a level",
                key=f"tool.stdcompare.diff.levels.{check}",
                hint="a check's level is one of: " + ", ".join(LEVELS),
            )
    accept = table.get("accept")
    return Settings(fail_on, (path.parent / accept) if accept else None, dict(levels))


def read_accept(path: Path) -> dict[str, dict]:
    """{fingerprint: {reason, date}} from an accept file; every entry needs both."""
    if not path.is_file():
        raise SourceError(
            str(path),
            "accept file not found",
            hint="check --accept (or accept = … in [tool.stdcompare], relative to its file)",
        )
    data = _read(path)
    found = {}
    for i, entry in enumerate(data.get("accept", [])):
        if not entry.get("fingerprint") or not entry.get("reason") or not entry.get("date"):
            raise SourceError(
                str(path),
                "an accepted change needs fingerprint, reason and date",
                key=f"accept[{i}]",
                hint='e.g. fingerprint = "678d28d331a152a6", reason = "…", date = 2024-05-01',
            )
        found[str(entry["fingerprint"])] = {
            "reason": entry["reason"],
            "date": str(entry["date"]),
            **({"by": entry["by"]} if "by" in entry else {}),
        }
    return found
