"""The output interface every command shares: one Format enum, and an Output per answer.

A command's answer is built into an Output once (render/outputs.py): the formats it offers,
each a function that renders the answer's plain data, and what the run should end with (an
exit code, lines for stderr). The CLI only picks the format — the one asked for, else the one
`-o FILE`'s extension names, else the answer's first — and writes the text. Adding a format
is one member here and the renderings that offer it; no command body changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from ..errors import StdcompareError

Text = str | Iterable[str]  # whole, or in pieces for a document too large to hold twice


class Format(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    md = "md"
    html = "html"
    junit = "junit"
    github = "github"
    toml = "toml"


# The extensions `-o FILE` is read by. JUnit reports are XML files; GitHub annotations have
# no file of their own (a workflow prints them), so they are asked for by name only.
EXTENSIONS: Mapping[str, Format] = {
    ".txt": Format.text,
    ".json": Format.json,
    ".csv": Format.csv,
    ".md": Format.md,
    ".markdown": Format.md,
    ".html": Format.html,
    ".htm": Format.html,
    ".xml": Format.junit,
    ".toml": Format.toml,
}

# Excel reads a CSV without a byte-order mark in the machine's code page: 铜 would be mojibake.
BOM = "\ufeff"


@dataclass(frozen=True)
class Output:
    """One answer in every format it offers; the first is the default.

    `exit_code` is what the run ends with (1: the check asked for failed). `before` and `after`
    are lines for stderr, said around the output (what a parser could not read; a count of
    failures), `after` not where the format's own text says it already (`said_in`). The
    formats in `drafts` are only ever written to a new file: curated files are not rewritten."""

    renderings: Mapping[Format, Callable[[], Text]]
    exit_code: int = 0
    before: tuple[str, ...] = ()
    after: tuple[str, ...] = ()
    said_in: tuple[Format, ...] = ()
    drafts: tuple[Format, ...] = ()
    lang: str = "en"  # the language of the notes, as of the answer

    @property
    def formats(self) -> tuple[Format, ...]:
        return tuple(self.renderings)

    def choose(self, given: Format | None, path: Path | None) -> Format:
        """The format asked for, else the one `path`'s extension names, else the default.

        A format asked for that another extension contradicts (`-f md -o draft.toml`) is
        refused: writing it would put Markdown where a TOML file is (and was) expected. A
        .txt file takes any format (GitHub annotations kept in a log, say)."""
        named = EXTENSIONS.get(path.suffix.lower()) if path is not None else None
        if given is not None and named not in (None, given, Format.text):
            raise StdcompareError(
                f"--format {given} contradicts the extension of {path}",
                f"give one of them only, or name a file {_extensions([given])}",
            )
        if given is None and path is not None and path.suffix:
            if named is None:
                raise StdcompareError(
                    f"cannot tell the format of {path} from its extension",
                    f"use {_extensions(self.formats)}, or give --format",
                )
            given = named
        chosen = given or self.formats[0]
        if chosen not in self.renderings:
            offered = _either(list(self.formats))
            raise StdcompareError(
                f"this command has no {chosen} output"
                + (f" (asked for by {path})" if path else ""),
                f"give --format {offered}"
                + (f", or name a file {_extensions(self.formats)}" if path else ""),
            )
        return chosen

    def notes_after(self, fmt: Format, to_file: bool = False) -> tuple[str, ...]:
        """`after`, unless the text on the terminal says it already."""
        return () if fmt in self.said_in and not to_file else self.after

    def render(self, fmt: Format, excel: bool = False) -> Text:
        text = self.renderings[fmt]()
        if excel and fmt is Format.csv:
            return BOM + text if isinstance(text, str) else _prefixed(BOM, text)
        return text


def _extensions(formats: Iterable[Format]) -> str:
    return _either([ext for ext, fmt in EXTENSIONS.items() if fmt in set(formats)])


def _either(words: list[str]) -> str:
    return ", ".join(words[:-1]) + f" or {words[-1]}" if len(words) > 1 else "".join(words)


def _prefixed(first: str, pieces: Iterable[str]) -> Iterable[str]:
    yield first
    yield from pieces
