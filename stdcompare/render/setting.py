"""What a renderer may know besides the answer it renders — never the corpus itself.

A Setting is built once per command from the corpus (`Setting.of`): the words to say things
with (the vocabulary's labels and the interface glossary), the day the answer is true on, a
fingerprint of the corpus (pages print it; it reads every standard, so only when asked), and
each standard's editions (a lookup names the other editions of a standard it answers from).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..corpus import Corpus
    from ..vocabulary import Vocabulary


@dataclass(frozen=True)
class Setting:
    vocabulary: Vocabulary
    as_of: str  # YYYY-MM-DD
    fingerprint: Callable[[], str]
    editions: Callable[[str], list[str]]  # a standard's key -> the refs of its editions

    @classmethod
    def of(cls, corpus: Corpus) -> Setting:
        def fingerprint() -> str:
            from .html import corpus_hash

            return corpus_hash(list(corpus.standards))

        def editions(key: str) -> list[str]:
            return [s.ref for s in corpus.editions(key)]

        return cls(corpus.vocabulary, corpus.as_of.isoformat(), fingerprint, editions)
