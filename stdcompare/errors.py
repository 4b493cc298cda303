"""The project's own exceptions, and the problems a check of a file finds.

The CLI turns each exception into one line and a hint, exit code 2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUOTE_CHARS = 160  # the most of a document (a tag name, a value) an error message may quote


def brief(text: str, limit: int = QUOTE_CHARS) -> str:
    """Document text as an error message may quote it: on one line (the CLI's error is one
    line) and short (a 5000-character tag name or value is not echoed back whole)."""
    text = re.sub(r"\s+", " ", str(text)).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


_FIELD = re.compile(r"\{(\w+)(?::([^{}]*))?\}")


class Option:
    """A setting an error names, as data: the CLI spells it as its flag (`--parser pdf`), the
    library as the function's parameter (`parser="pdf"`). A message names one with a format
    field, `{parser:pdf}` (the value after the colon is optional)."""

    def __init__(self, flag: str, parameter: str, cli: bool = False) -> None:
        self.flag, self.parameter, self.cli = flag, parameter, cli

    def __format__(self, value: str) -> str:
        if self.cli:
            return f"{self.flag} {value}" if value else self.flag
        return f'{self.parameter}="{value}"' if value else f"the {self.parameter} argument"

    def for_cli(self) -> Option:
        return Option(self.flag, self.parameter, cli=True)


class StdcompareError(Exception):
    """A user-facing error: bad input, an unknown reference, a malformed file. `options` are
    the settings the reason or hint names ({name} fields): see Option."""

    def __init__(
        self, reason: str, hint: str | None = None, *, options: dict[str, Option] | None = None
    ) -> None:
        self.options = options or {}
        # The reason and hint as written, {option} fields unspelled: an error raised again
        # elsewhere (with a file's name, say) keeps its options.
        self.words = (reason, hint)
        super().__init__(self._spelled(reason, self.options))
        self.reason = self._spelled(reason, self.options)
        self.hint = self._spelled(hint, self.options)

    @staticmethod
    def _spelled(text, options: dict[str, Option]):
        """Each {name} or {name:value} of a named option spelled; every other brace (a path,
        a value quoted from a document) left as it is."""
        if text is None or not options:
            return text
        return _FIELD.sub(
            lambda f: format(options[f[1]], f[2] or "") if f[1] in options else f[0], text
        )

    def for_cli(self) -> tuple[str, str | None]:
        """(message, hint) with each option spelled as the CLI's flag."""
        flags = {name: o.for_cli() for name, o in self.options.items()}
        reason, hint = (self._spelled(text, flags) for text in self.words)
        where = self.location()
        return (f"{where}: {reason}" if where else reason), hint

    def location(self) -> str:
        return ""

    def located(self, path: str, *, line: int | None = None, key: str | None = None):
        """The same error, said of a place in a file (a lot's row, a correspondence's key)."""
        reason, hint = self.words
        return SourceError(path, reason, line=line, key=key, hint=hint, options=self.options)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.reason}" if where else self.reason


class StdcompareWarning(UserWarning):
    """Something the run went on without (a refused cache, say): the CLI prints it as one
    `stdcompare: warning:` line and its hint; a notebook sees an ordinary warning."""

    def __init__(self, reason: str, hint: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hint = hint


class SourceError(StdcompareError):
    """A problem inside a file: names the file, the line where known, and the key path."""

    def __init__(
        self,
        path: str,
        reason: str,
        *,
        line: int | None = None,
        key: str | None = None,
        hint: str | None = None,
        options: dict[str, Option] | None = None,
    ) -> None:
        super().__init__(reason, hint, options=options)
        self.path = path
        self.line = line
        self.key = key

    def location(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.key}" if self.key else where


def out_of_memory(path: str | None = None) -> StdcompareError:
    """Memory ran out (a MemoryError, or the XML reader's own): one error line, not a
    traceback. Raised where the file is known, so the line names it."""
    reason = "out of memory: the input needs more than this machine gives the process"
    hint = "no real standard needs that much; check that the file is what you expect"
    return SourceError(path, reason, hint=hint) if path else StdcompareError(reason, hint)


PARSER = Option("--parser", "parser")  # detect.parse's choice of parser
AS_OF = Option("--as-of", "as_of")  # the day whose editions in force answer a bare key
STANDARDS = Option("--standards", "folders")  # extra folders of canonical files


class RefError(StdcompareError):
    """A reference (`key`, `key@edition`, `REF:CODE`) that does not resolve."""


@dataclass
class Problem:
    """One finding of a file check: an error or a warning, with file, line and key path.

    It lives here, not beside the TOML reader, because the parse cache stores problems: a run
    that finds the corpus cached unpickles them without importing the reader.
    """

    level: str  # "error" | "warning"
    path: str
    message: str
    line: int | None = None
    key: str | None = None
    hint: str | None = None

    def to_error(self) -> SourceError:
        # Messages quote values and keys of the file: a 100 000-character one is cut short.
        key = brief(self.key) if self.key else self.key
        return SourceError(self.path, brief(self.message), line=self.line, key=key, hint=self.hint)

    def __str__(self) -> str:
        return str(self.to_error())
