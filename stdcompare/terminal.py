"""Where a command's words go: its answer to stdout or to a file, everything else to stderr.

The CLI's only output path: `emit` renders an Output (render/interface.py) in the format the
user chose and writes it; `say` writes one line on stderr, made inert first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import typer

from .errors import StdcompareError
from .render.interface import Format, Output


def emit(
    output: Output, given: str | None = None, path: Path | None = None, excel: bool = False
) -> None:
    """The answer in the chosen format (a --format value, else -o's extension, else the
    answer's first), with its notes on stderr; exit with its code."""
    path = None if path == Path("-") else path  # `-o -`: standard output, as Unix tools read it
    fmt = output.choose(Format(given.lower()) if given else None, path)
    if path is not None and not path.is_symlink():
        from .write import check_folder

        check_folder(path)
    if fmt in output.drafts and path is not None and path.exists():
        raise StdcompareError(
            f"{path} already exists", "drafts go to a new file; curated files are not rewritten"
        )
    said = _speaker(output.lang)
    for line in output.before:
        say(said(line))
    if excel and fmt is not Format.csv:
        say(said(f"note: --excel shapes CSV only; the {fmt} output is written as it is"))
    write(output.render(fmt, excel), path, said)
    for line in output.notes_after(fmt, to_file=path is not None):
        say(said(line))
    if output.exit_code:
        raise typer.Exit(output.exit_code)


def _speaker(lang: str) -> Callable[[str], str]:
    """A note in the answer's language: the glossary's [patterns] say the CLI's notes too."""
    if lang == "en":
        return lambda line: line
    from .render.speech import speech

    sentence = speech(None, lang).sentence
    return lambda line: sentence(line) or line


def write(text: str | Iterable[str], path: Path | None, said: Callable[[str], str] = str) -> None:
    """To the file (atomically) with a note on stderr, or to stdout; text whole or in pieces."""
    if path is None:
        for piece in [text] if isinstance(text, str) else _batched(text):
            typer.echo(piece, nl=False)
        return
    from .write import write_atomic

    write_atomic(path, text)
    say(said(f"wrote {path}"))


def _batched(pieces: Iterable[str], size: int = 1 << 20) -> Iterator[str]:
    """Pieces joined into strings of about `size` characters (one echo each, not millions)."""
    batch: list[str] = []
    length = 0
    for piece in pieces:
        batch.append(piece)
        length += len(piece)
        if length >= size:
            yield "".join(batch)
            batch, length = [], 0
    yield "".join(batch)


def say(line: str) -> None:
    """One line on stderr. Errors, warnings and notes quote files, codes and arguments: a
    newline or an escape sequence in them must not start a line or drive the terminal."""
    try:
        from .render.inert import line as inert_line

        line = inert_line(line)
    except MemoryError:  # out of memory, the message is ours: cut at the first break instead
        line = line.splitlines()[0] if line else line
    typer.echo(line, err=True)
