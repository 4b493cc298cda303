"""The console script. It only starts the CLI, so that Ctrl-C while the CLI's modules load is
one error line too, not a traceback from the middle of an import."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from .console import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("stdcompare: error: interrupted\n")
        sys.stderr.write("hint: run the command again to finish it\n")
        sys.exit(130)
