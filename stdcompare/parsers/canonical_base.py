"""What every part of the canonical reader does with one file: report a problem at its key
path (with its line), and read the small values (a text, a list of strings, evidence ids, an
enum, an array of tables). The builder (canonical_build) and its requirement reader
(canonical_reqs) are built on it."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from ..errors import Problem
from ..vocabulary import Vocabulary
from .canonical_rules import closest, join

if TYPE_CHECKING:
    from .canonical import SpecFile


class FileReading:
    """One file's data being read, and the problems found in it."""

    def __init__(self, spec: SpecFile, vocab: Vocabulary) -> None:
        self.spec = spec
        self.vocab = vocab
        self.problems: list[Problem] = []
        sources = spec.data.get("sources")
        self.declared: set[str] = set(sources) if isinstance(sources, dict) else set()

    # problems ----------------------------------------------------------------------------

    def _add(self, level: str, key: str, message: str, hint: str | None = None) -> None:
        line = self.spec.index.line_of(key) if key else None
        self.problems.append(Problem(level, self.spec.path, message, line, key or None, hint))

    def error(self, key: str, message: str, hint: str | None = None) -> None:
        self._add("error", key, message, hint)

    def warn(self, key: str, message: str) -> None:
        self._add("warning", key, message)

    def check_keys(self, table: dict, allowed: set[str], where: str) -> None:
        for name in table:
            if name not in allowed:
                close = closest(name, allowed)
                hint = f"did you mean '{close}'?" if close else "stdcompare docs format"
                self.error(join(where, name), f"unknown key '{name}'", hint)

    def enum(self, cls: type[Enum], value, key: str, default):
        if value is None:
            return default
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(e.value for e in cls)
            self.error(key, f"'{value}' is not one of: {allowed}")
            return default

    def text(self, table: dict, name: str, where: str) -> str | None:
        value = table.get(name)
        if value is not None and not isinstance(value, str):
            self.error(join(where, name), f"'{name}' must be a string")
            return None
        return value

    def strings(self, table: dict, name: str, where: str) -> tuple[str, ...]:
        value = table.get(name, ())
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            self.error(join(where, name), f"'{name}' must be a list of strings")
            return ()
        return tuple(value)

    def evidence(self, table: dict, where: str) -> tuple[str, ...]:
        ids = self.strings(table, "evidence", where)
        for i, ident in enumerate(ids):
            if ident not in self.declared:
                close = closest(ident, self.declared)
                hint = f"did you mean '{close}'?" if close else "declare it under [sources]"
                self.error(f"{where}.evidence[{i}]", f"evidence '{ident}' is not declared", hint)
        return ids

    def uncertain(self, table: dict, where: str) -> str | None:
        reason = self.text(table, "uncertain", where)
        if reason is not None:
            if not reason.strip():
                self.error(join(where, "uncertain"), "an uncertain value needs its reason")
            else:
                self.warn(join(where, "uncertain"), f"uncertain: {reason}")
        return reason

    def tables(self, d: dict, name: str) -> list[dict]:
        value = d.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.error(name, f"'{name}' must be an array of tables ([[{name}]])")
            return []
        return value
