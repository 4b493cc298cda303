"""The names of the vocabulary's properties and contaminants, indexed for the recogniser.

One table of names serves both ways the recogniser names a property:
- cover: every significant word of a name stands in the phrase ("foreign materials shall not
  exceed 2 %" names foreign material) — sentences and table cells of STS, EU and spec sheets;
- score: the words around a number in specification prose vote, nearest first, for the names
  they share the most words with ("a copper content of at least 94 %") — the prose reader.

Speed: a text's word is compared with the vocabulary's words once (the answer remembered), and
only with those that can be the same word (toolkit/words.py): an equal word, a word with the
same first four letters (a shared beginning), or one rapidfuzz scores high enough, all found by
one call in C. Before, every word near a number was compared in Python with every word of
every property of its quantity.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from .words import STEM_MATCH, WORD_MATCH, same_word, words

if TYPE_CHECKING:
    from ...vocabulary import Vocabulary

# Words that name no property on their own ("content", "total", "minimum"): left out of the
# names the words around a number vote for, and of those words themselves.
GENERIC = frozenset((
    "a", "an", "the", "of", "and", "or", "its", "with", "that", "may", "make", "up", "part",
    "named", "lot", "share", "total", "content", "stated", "through", "as", "by", "for", "to",
    "in", "on", "per", "from", "is", "are", "be", "which", "family's", "non", "target", "other",
    "set", "agreement", "how", "measured", "it", "material", "materials", "minimum",
    "maximum", "largest", "smallest",
))  # fmt: skip
_QUALIFIERS = ("any ", "all ", "visible ", "excessive ", "other ", "reasonable amounts of ")
_PROSE_WORD = re.compile(r"[a-z][a-z'\-]+")
CONTAMINANT_MATCH = 88  # rapidfuzz token_sort_ratio of a listed item to a contaminant's name


@dataclass(frozen=True)
class Name:
    """A name to cover: all its words must stand in the phrase."""

    words: tuple[str, ...]
    prop: str
    rank: int  # on a tie, the lower rank wins: measured properties before contaminants


@dataclass(frozen=True)
class Voted:
    """A property as the words around a number vote for it."""

    key: str  # a property key, or "element:Cu" (content or impurity by the bound's direction)
    core: frozenset[str]  # the words of its name
    extra: frozenset[str]  # those of its name's parenthesis, worth half a word
    limits: str  # the direction a standard usually states ("min", "max", "range")


class WordIndex:
    """Words of the vocabulary, and which of them a text's word is (same_word), remembered."""

    def __init__(self, vocabulary_words, stems: bool) -> None:
        self.stems = stems
        self.known = sorted(set(vocabulary_words))
        self.by_head: dict[str, list[str]] = defaultdict(list)  # first four letters
        self.by_bare: dict[str, list[str]] = defaultdict(list)  # without a final "s"
        for word in self.known:
            self.by_head[word[:4]].append(word)
            self.by_bare[word.rstrip("s")].append(word)
        self._cache: dict[str, frozenset[str]] = {}

    def same(self, word: str) -> frozenset[str]:
        """The vocabulary's words that `word` is (toolkit/words.same_word), computed once."""
        found = self._cache.get(word)
        if found is None:
            found = self._cache[word] = frozenset(self._same(word))
        return found

    def _same(self, word: str):
        # Every word same_word can accept is among these (see its rules): equal, or of one
        # beginning (stems: the shorter of four letters or more begins the other, or five
        # letters are shared), or without the final "s" (plain, short words), or close by ratio.
        candidates = set(self.by_head.get(word[:4], ())) if self.stems else set()
        candidates.update(self.by_bare.get(word.rstrip("s"), ()))
        cutoff = STEM_MATCH if self.stems else WORD_MATCH
        close = process.extract(
            word, self.known, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None
        )
        candidates.update(hit[0] for hit in close)
        return (c for c in candidates if same_word(word, c, self.stems))


class Names:
    """The vocabulary's names: to cover (STS, EU, sheets) and to vote for (prose)."""

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        self.measured = list(_measured(vocab))
        self.contaminants = list(_contaminants(vocab))
        self._all = self.measured + self.contaminants
        self._holding: dict[str, list[int]] = defaultdict(list)  # word -> places of names
        for at, name in enumerate(self._all):
            for word in set(name.words):
                self._holding[word].append(at)
        self.plain = WordIndex((w for n in self._all for w in n.words), False)
        self.voted: dict[str, list[Voted]] = defaultdict(list)  # by quantity
        for key in vocab.property_keys():
            prop = vocab.property(key)
            if prop is not None:  # a key of the table is always a property
                core, extra = _prop_words(prop.en)
                self.voted[prop.quantity].append(Voted(key, core, extra, prop.limits))
        for symbol, names in vocab.elements.items():
            core = frozenset(w.lower() for w in re.findall(r"[A-Za-z]+", names.get("en", "")))
            self.voted["mass_fraction"].append(
                Voted(f"element:{symbol}", core - GENERIC, frozenset(), "min")
            )
        voting = {w for vs in self.voted.values() for v in vs for w in v.core | v.extra}
        self.stemmed = WordIndex(voting, True)
        # quantity -> vocabulary word -> the places of the properties whose names hold it
        self._postings: dict[str, dict[str, list[int]]] = {}
        for quantity, props in self.voted.items():
            posting: dict[str, list[int]] = defaultdict(list)
            for at, v in enumerate(props):
                for word in v.core | v.extra:
                    posting[word].append(at)
            self._postings[quantity] = dict(posting)
        self.contaminant_choices: list[str] = []
        self.contaminant_keys: list[str] = []
        for key, spec in vocab.contaminants.items():
            for text in [spec.get("en", ""), key.replace("_", " "), *spec.get("aliases", [])]:
                if text:
                    self.contaminant_choices.append(
                        " ".join(text.lower().replace("-", " ").split())
                    )
                    self.contaminant_keys.append(key)
        self._contaminant = lru_cache(maxsize=1 << 12)(self._contaminant_of)

    # --- cover -------------------------------------------------------------------------------

    def covering(self, have: tuple[str, ...], contaminants: bool, measured: bool) -> str | None:
        """The property whose name `have` covers, the most specific (most words) first."""
        name = self.covered(have, contaminants, measured)
        return name.prop if name is not None else None

    def covered(self, have: tuple[str, ...], contaminants: bool, measured: bool) -> Name | None:
        """The name `have` covers, the most specific (most words) first."""
        known: set[str] = set()
        for word in have:
            known |= self.plain.same(word)
        # The names that hold a known word, in the order of the table (measured first), so
        # that a tie goes where the loop over every name sent it.
        places = sorted({at for word in known for at in self._holding.get(word, ())})
        wanted = (n for n in map(self._all.__getitem__, places))
        pool = (n for n in wanted if (measured if n.rank == 0 else contaminants))
        found = [n for n in pool if all(w in known for w in n.words)]
        if not found:
            return None
        return max(found, key=lambda n: (len(n.words), -n.rank))

    # --- vote --------------------------------------------------------------------------------

    def vote(self, quantity: str, direction: str, near: list[str]) -> list[tuple]:
        """(share of its words, nearest word, against the direction, key) of each property of
        `quantity` that a word of `near` (nearest first) names, in the vocabulary's order."""
        postings = self._postings.get(quantity)
        if postings is None:
            return []
        nearest: dict[int, int] = {}  # a property's place in the vocabulary -> nearest word
        named: set[str] = set()
        for i, word in enumerate(near):
            same = self.stemmed.same(word)
            named |= same
            for known in same:
                for at in postings.get(known, ()):
                    nearest.setdefault(at, i)
        voted = self.voted[quantity]
        votes = []
        for at in sorted(nearest):
            v = voted[at]
            hit = len(v.core & named) + 0.5 * len(v.extra & named)
            votes.append((hit / max(len(v.core), 1), nearest[at], v.limits != direction, v.key))
        return votes

    # --- contaminants as listed --------------------------------------------------------------

    def contaminant(self, phrase: str) -> str | None:
        """The contaminant a listed item is ("burnt wire", "any rubber"), by rapidfuzz on the
        names and aliases; None when none is close enough."""
        return self._contaminant(" ".join(phrase.lower().replace("-", " ").split()).strip(" ,"))

    def _contaminant_of(self, text: str) -> str | None:
        candidates = [text] + [text[len(q) :] for q in _QUALIFIERS if text.startswith(q)]
        for candidate in candidates:
            if not candidate:
                continue
            hit = process.extractOne(
                candidate,
                self.contaminant_choices,
                scorer=fuzz.token_sort_ratio,
                score_cutoff=CONTAMINANT_MATCH,
            )
            if hit:
                return self.contaminant_keys[hit[2]]
        return None


def _measured(vocab: Vocabulary):
    for key in vocab.property_keys():
        prop = vocab.property(key)
        if prop is None:
            continue  # a key of the table is always a property
        yield Name(words(prop.en.split("(")[0]), key, 0)
        if "." not in key:
            yield Name(words(key.replace("_", " ")), key, 0)
    for symbol, spec in vocab.elements.items():
        for name in (f"{spec.get('en', symbol)} content", f"{symbol} content"):
            yield Name(words(name), f"content.{symbol}", 0)


def _contaminants(vocab: Vocabulary):
    for key, spec in vocab.contaminants.items():
        for name in [spec.get("en", key).split("(")[0], *spec.get("aliases", [])]:
            yield Name(words(name), f"free_of.{key}", 1)


def _prop_words(en: str) -> tuple[frozenset[str], frozenset[str]]:
    """The words of a property's English name, and those of its parenthesis."""
    core, _, extra = en.partition("(")
    core_words = _word_set(core)
    return frozenset(core_words - GENERIC), frozenset(_word_set(extra) - GENERIC - core_words)


def _word_set(text: str) -> set[str]:
    return {w.replace("-", "") for w in _PROSE_WORD.findall(text.lower())}


def prose_words(text: str) -> list[str]:
    """The words of lowered prose that may name a property, hyphens dropped ("non-ferrous")."""
    return [w.replace("-", "") for w in _ANY_WORD.findall(text) if w not in GENERIC]


_ANY_WORD = re.compile(r"[a-z][a-z'\-]*")


@lru_cache(maxsize=4)
def names(vocab: Vocabulary) -> Names:
    """The vocabulary's names, indexed once per vocabulary."""
    return Names(vocab)
