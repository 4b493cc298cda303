"""The language of the user's environment, for what the CLI says when --lang is not given.

A leaf module: every run reads it (the error lines' language is chosen before anything else
is imported), so it imports nothing of the package.
"""

from __future__ import annotations

import os
from collections.abc import Mapping


def locale_lang(environ: Mapping[str, str] | None = None) -> str:
    """ "zh" when the locale is Chinese (LC_ALL, LC_MESSAGES or LANG, the first set, starting
    zh), else "en"."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
