"""Where the bundled corpus and templates are: inside the installed package (the wheel carries
them under ``_data/``), or at the top of the source tree in a checkout."""

from __future__ import annotations

from pathlib import Path

from .errors import StdcompareError

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder `name` ("standards" or "templates") shipped with stdcompare."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise StdcompareError(
        f"the bundled '{name}' folder is missing from this installation",
        "reinstall stdcompare with: pip install .",
    )
