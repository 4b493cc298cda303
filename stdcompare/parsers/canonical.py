"""The canonical TOML format (docs/format.md): read it into a Standard, check its meaning, and
write a Standard back out as a new draft file.

Reading collects every problem it finds (so `validate` can list them all) and names each by file,
line and key path. Loading raises the first error.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from .. import model as m
from ..errors import Problem, SourceError
from ..vocabulary import Vocabulary
from . import canonical_types
from .canonical_amend import apply_amendment
from .canonical_build import Builder
from .canonical_rules import (
    BOUND_KEYS,
    FORMAT_VERSION,
    GAUGES,
    GRADE_KEYS,
    GROUP_KEYS,
    MAX_BYTES,
    MAX_GROUP_DEPTH,
    NAME_KEYS,
    PARSER_NAME,
    PARSER_VERSION,
    REQ_KEYS,
    SOURCE_KEYS,
    TOP_KEYS,
    VALUE_KEYS,
    closest,
    with_si,
)
from .locate import LineIndex

# What other modules and the tests take from here, though it lives in the modules above.
__all__ = [
    "BOUND_KEYS", "FORMAT_VERSION", "GAUGES", "GRADE_KEYS", "GROUP_KEYS", "MAX_BYTES",
    "MAX_GROUP_DEPTH", "NAME_KEYS", "PARSER_NAME", "PARSER_VERSION", "REQ_KEYS", "SOURCE_KEYS",
    "TOP_KEYS", "VALUE_KEYS", "SpecFile", "apply_amendment", "build", "check", "closest",
    "is_amendment", "load", "read_file", "type_problems", "with_si",
]  # fmt: skip


@dataclass
class SpecFile:
    path: str
    text: str
    data: dict
    sha256: str
    index: LineIndex = field(init=False)

    def __post_init__(self) -> None:
        self.index = LineIndex(self.text)


def read_file(path: Path) -> SpecFile:
    """Read and syntax-check one TOML file (numbers as Decimal)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(
            str(path),
            f"cannot read file ({exc.strerror})",
            hint="check the path, and that the file may be read",
        ) from None
    if len(raw) > MAX_BYTES:
        raise SourceError(
            str(path),
            f"file is {len(raw)} bytes, over the {MAX_BYTES} limit",
            hint="no canonical file is that large; check the file",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(
            str(path),
            "file is not UTF-8",
            hint="canonical files are UTF-8; re-save the file as UTF-8",
        ) from None
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        line = _line_from_message(str(exc), text)
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise SourceError(
            str(path),
            f"TOML syntax: {reason}",
            line=line,
            hint="the canonical format: stdcompare docs format",
        ) from None
    except ValueError:  # tomllib lets int()'s limit on digits through (4300 by default)
        raise SourceError(
            str(path),
            "TOML holds an integer too long to read",
            hint="numbers in canonical files are limits of a few digits (stdcompare docs format)",
        ) from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise SourceError(
            str(path),
            "TOML nested too deeply to read; refused",
            hint="canonical files nest a few levels at most (stdcompare docs format)",
        ) from None
    return SpecFile(str(path), text, data, hashlib.sha256(raw).hexdigest())


def _line_from_message(message: str, text: str) -> int | None:
    found = re.search(r"at line (\d+)", message)
    if found:
        return int(found.group(1))
    return max(1, len(text.splitlines())) if "end of document" in message else None


def is_amendment(spec: SpecFile) -> bool:
    return "amends" in spec.data


def check(spec: SpecFile, vocab: Vocabulary) -> tuple[m.Standard | None, list[Problem]]:
    """Build the Standard of one complete (non-amendment) file, with every problem found."""
    builder = Builder(spec, vocab)
    standard = builder.standard()
    return standard, builder.problems


def type_problems(spec: SpecFile) -> list[Problem]:
    """Values of the wrong kind in one file's own data: an amendment's are checked before it
    is merged into its base (merging reads `withdraw`, `grades` and the rest as their kinds)."""
    return [
        Problem("error", spec.path, message, spec.index.line_of(where), where, hint)
        for where, message, hint in canonical_types.problems(spec.data)
    ]


def build(spec: SpecFile, vocab: Vocabulary) -> m.Standard:
    standard, problems = check(spec, vocab)
    errors = [p for p in problems if p.level == "error"]
    if errors or standard is None:
        raise errors[0].to_error()
    return standard


def load(path: Path, vocab: Vocabulary) -> m.Standard:
    """Read one complete canonical file into a Standard (raises the first error)."""
    return build(read_file(path), vocab)
