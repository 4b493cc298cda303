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
    lang = _language(args)
    _refuse_undecodable(args)
    warnings.showwarning = _show_warning
    command = typer.main.get_command(_app_for(args))
    if lang != "en" and (not args or {"--help", "-h"} & set(args)):
        _help_in(command, lang)
    try:
        code = command.main(args=args, prog_name="stdcompare", standalone_mode=False)
    except StdcompareError as exc:
        try:
            message, hint = exc.for_cli()
        except MemoryError:  # the options spelled as flags cost memory there may not be
            message, hint = str(exc), exc.hint
            lang = "en"
        _annotate(args, exc, message)
        _fail(message, hint or _fallback_hint(exc), lang=lang, error=exc)
    except click_exc.NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help() if exc.ctx else "")
        sys.exit(0)
    except click_exc.UsageError as exc:
        name = exc.ctx.command_path if exc.ctx else "stdcompare"
        _fail(exc.format_message(), f"see '{name} --help'", lang=lang)
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


def _help_in(command, lang: str) -> None:
    """The help of the click command typer just built (a new object each run, so nothing
    shared changes) in the language asked: its text, its options', its subcommands'."""
    from .render.speech import help_text

    command.help = help_text(command.help, lang)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = help_text(param.help, lang)
    for sub in getattr(command, "commands", {}).values():
        _help_in(sub, lang)


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


def _annotate(args: list[str], exc: StdcompareError, message: str) -> None:
    """A CI job that asked for GitHub annotations sees a failure as one too, on the file and
    line it names (a broken standards file in a pull request), not only on stderr."""
    pairs = zip(args, args[1:], strict=False)
    asked = {"-fgithub", "--format=github"} & set(args) or any(
        a in ("-f", "--format") and b.lower() == "github" for a, b in pairs
    )
    if not asked:
        return
    from .render.diffs import error_annotation

    path, line = getattr(exc, "path", None), getattr(exc, "line", None)
    if path and os.path.isabs(path) and Path(path).is_relative_to(Path.cwd()):
        path = os.path.relpath(path)
    sys.stdout.write(error_annotation(message, path, line) + "\n")
    sys.stdout.flush()


def _fail(
    message: str,
    hint: str | None,
    code: int = 2,
    lang: str = "en",
    error: StdcompareError | None = None,
) -> None:
    lines = [f"stdcompare: error: {message}"] + ([f"hint: {hint}"] if hint else [])
    if lang != "en":
        lines = _spoken(message, hint, lang, error) or lines
    for line in lines:
        say(line)
    sys.exit(code)


def _spoken(message: str, hint: str | None, lang: str, error: StdcompareError | None):
    """The error's two lines in the language asked (the glossary's [errors] and [patterns],
    render/speech.py); None when they cannot be said so, and the English lines stand."""
    try:
        from .render.speech import error_lines, said_error, speech

        if error is not None:
            message, own_hint = error_lines(error, lang)
            if error.hint is None and hint:  # the fallback hint, said by the patterns too
                own_hint = said_error(hint, None, lang)[0]
            hint = own_hint
        else:
            message, hint = said_error(message, hint, lang)
        prefix = speech(None, lang).words_of("report")
        return [f"stdcompare: {prefix.error_prefix}{message}"] + (
            [f"{prefix.hint_prefix}{hint}"] if hint else []
        )
    except Exception:  # an error about the error must not hide the error: said in English
        return None


def _language(args: list[str]) -> str:
    """The language of the error lines: --lang's, before typer reads it (an error may come
    first), else the locale's."""
    for i, arg in enumerate(args):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value is not None:
            return "zh" if value == "zh" else "en"
    from .language import locale_lang

    return locale_lang()
