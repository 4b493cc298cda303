"""The interface's words in the language asked (`--lang en|zh`), from the reviewed glossary in
standards/vocabulary/interface.toml: a phrase with its fields, or one word (a verdict, an
outcome, a source tier). A phrase or word the glossary lacks in that language is said in
English, and a word it lacks altogether as it is."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary


class Speech:
    def __init__(self, table: dict, lang: str = "en") -> None:
        self.lang = lang
        self._phrases = table.get("phrases", {})
        self._words = table.get("words", {})

    def __call__(self, key: str, **fields) -> str:
        entry = self._phrases[key]
        return (entry.get(self.lang) or entry["en"]).format(**fields)

    def word(self, word: str) -> str:
        entry = self._words.get(word)
        return (entry.get(self.lang) or entry.get("en", word)) if entry else word

    def join(self, items) -> str:
        return self("list_sep").join(items)


def speech(vocab: Vocabulary | None = None, lang: str = "en") -> Speech:
    return Speech(vocab.interface if vocab is not None else _bundled(), lang)


@cache
def _bundled() -> dict:
    """The bundled glossary, for a renderer called without a vocabulary (a notebook's
    `qualifies(pair)`)."""
    import tomllib

    from ..resources import data_dir

    path = data_dir("standards") / "vocabulary" / "interface.toml"
    with path.open("rb") as fh:
        return tomllib.load(fh)
