"""Running the CLI: every known failure becomes one line `stdcompare: error: …`, a hint and an
exit code (2: the input; 130: interrupted), never a traceback."""

from __future__ import annotations

import copy
import os
import sys
import warnings
from pathlib import Path

import typer

try:  # recent typer releases carry their own copy of click
    from typer._click import exceptions as click_exc
except ImportError:  # pragma: no cover - older typer on the real click
    from click import exceptions as click_exc  # type: ignore[no-redef]

from .cli import app
from .errors import StdcompareError, StdcompareWarning
from .terminal import say


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app, turning every known failure into one line and an exit code."""
    args = sys.argv[1:] if argv is None else argv
    _refuse_undecodable(args)
    warnings.showwarning = _show_warning
    command = typer.main.get_command(_app_for(args))
    try:
        code = command.main(args=args, prog_name="stdcompare", standalone_mode=False)
    except StdcompareError as exc:
        try:
            message, hint = exc.for_cli()
        except MemoryError:  # the options spelled as flags cost memory there may not be
            message, hint = str(exc), exc.hint
        _fail(message, hint or _fallback_hint(exc))
    except click_exc.NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help() if exc.ctx else "")
        sys.exit(0)
    except click_exc.UsageError as exc:
        name = exc.ctx.command_path if exc.ctx else "stdcompare"
        _fail(exc.format_message(), f"see '{name} --help'")
    except typer.Abort:
        _fail("interrupted", "run the command again to finish it", code=130)
    except BrokenPipeError:
        sys.exit(0)
    except MemoryError:  # where no file is known (a parser's are reported by detect.parse)
        from .errors import out_of_memory

        error = out_of_memory()
        # Our own words, written as they are: importing the inert-text module could itself
        # fail with memory this short.
        sys.stderr.write(f"stdcompare: error: {error}\nhint: {error.hint}\n")
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)


def _app_for(args: list[str]) -> typer.Typer:
    """The app with only the command asked for, when one is named.

    typer builds a click command from every function's signature before it reads the arguments
    (about 10 ms for our twelve commands); a run needs only its own. `stdcompare --help`, no
    command or an unknown name still get the whole app, for the list and the suggestions.
    """
    name = next((a for a in args if not a.startswith("-")), None)
    chosen = [c for c in app.registered_commands if _command_name(c) == name]
    if not chosen:
        return app
    lean = copy.copy(app)
    lean.registered_commands = chosen
    return lean


def _command_name(info) -> str:
    return info.name or typer.main.get_command_name(info.callback.__name__)


def _refuse_undecodable(args: list[str]) -> None:
    """An argument that is not UTF-8 (Python keeps its bytes as surrogates) cannot be a query
    or a reference; it may only be the name of a file that exists."""
    for arg in args:
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            if not Path(arg).exists():
                shown = os.fsencode(arg).decode("utf-8", "backslashreplace")
                _fail(
                    f"argument '{shown}' is not UTF-8 text",
                    "set the terminal to UTF-8 (LANG=C.UTF-8) and type it again",
                )


_library_showwarning = warnings.showwarning


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """Our own warnings as one `stdcompare: warning:` line and a hint; others as Python's."""
    if isinstance(message, StdcompareWarning):
        say(f"stdcompare: warning: {message.reason}")
        if message.hint:
            say(f"hint: {message.hint}")
        return
    _library_showwarning(message, category, filename, lineno, file, line)


def _fallback_hint(exc: StdcompareError) -> str:
    """A hint for an error raised without one: every error line has its hint line.

    A canonical file's problems (the checks of parsers/canonical.py) name their file: validate lists
    them all, each with its own hint where it has one."""
    from .errors import SourceError

    if isinstance(exc, SourceError):
        return f"'stdcompare validate {exc.path}' lists every problem in the file"
    return "see 'stdcompare --help'"


def _fail(message: str, hint: str | None, code: int = 2) -> None:
    say(f"stdcompare: error: {message}")
    if hint:
        say(f"hint: {hint}")
    sys.exit(code)
