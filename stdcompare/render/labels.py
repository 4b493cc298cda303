"""Report labels in English and Chinese (`--lang en|zh`), from the reviewed glossary
(vocabulary/interface.toml, [report] and [report_kinds]). Source text is never translated:
only the words of the page around it."""

from __future__ import annotations

from types import SimpleNamespace

from .speech import speech

LANGS = ("en", "zh")


def labels(lang: str) -> SimpleNamespace:
    return speech(None, _known(lang)).words_of("report")


def kinds(lang: str = "en", a: str = "first", b: str = "second") -> dict[str, str]:
    """Each gap kind in words, naming the two standards ("only in ISRI", "GB/T stricter")."""
    said = vars(speech(None, _known(lang)).words_of("report_kinds"))
    return {k: v.format(a=a, b=b) for k, v in said.items()}


def _known(lang: str) -> str:
    if lang not in LANGS:
        raise ValueError(f"no labels in {lang!r}")
    return lang
