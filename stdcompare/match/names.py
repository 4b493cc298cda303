"""Names across languages, made comparable: case folded, rank markers in one form ("no1"),
Chinese terms rendered in English from the glossary, spellings and synonyms folded to one word,
very common tokens set aside."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from .. import model as m

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

_NON_WORD = re.compile(r"[^\w/]+")
_RANK = re.compile(r"\bno(\d+)\b")
# Words that say nothing of which grade is meant: left out when names are compared word by word
# ("scrap" ends half the names of the corpus).
_FILLER = frozenset({"a", "an", "and", "or", "of", "the", "for", "with", "in", "to", "scrap"})


def grade_names(grade: m.Grade, std: m.Standard | None = None) -> list[str]:
    """Every string a grade is known by: code, names in each language, aliases. A grade with
    no name of its own (GB/T 39733's HRS101) is known by its category's (重型再生钢铁原料,
    heavy), when its standard is given: the nearest group of its chain that has names."""
    found = [grade.code, *(n.text for n in grade.names.values())]
    found += [a.text for a in grade.aliases]
    if std is not None and len(found) == 1:
        named = [g for g in std.group_chain(grade) if g.names]
        if named:
            found += [n.text for n in named[-1].names.values()]
    return list(dict.fromkeys(found))


def translated_names(grade: m.Grade, std: m.Standard | None = None) -> list[str]:
    """The names a grade is known by only in someone's translation (a trade paper's English
    for a GB/T product): a match resting on one of them says so."""
    own = [n for n in grade.names.values()]
    if std is not None and len(grade_names(grade)) == 1:  # known by its category's names
        named = [g for g in std.group_chain(grade) if g.names]
        own = list(named[-1].names.values()) if named else []
    kept = {n.text for n in own if n.kind is not m.NameKind.TRANSLATION}
    kept |= {a.text for a in grade.aliases}
    return [n.text for n in own if n.kind is m.NameKind.TRANSLATION and n.text not in kept]


class Normaliser:
    @classmethod
    def of(cls, vocab: Vocabulary) -> Normaliser:
        """The one normaliser of a vocabulary (its work is a pure function of the vocabulary, so
        its cache serves every comparison of a run: a lookup scores several small batches)."""
        found = _NORMALISERS.get(id(vocab))
        if found is None or found.vocab is not vocab:
            found = _NORMALISERS[id(vocab)] = cls(vocab)
        return found

    def __init__(self, vocab: Vocabulary) -> None:
        self.vocab = vocab
        settings = vocab.matching.get("name", {})
        self.common = frozenset(settings.get("common_tokens", ()))
        terms = vocab.terms
        # Longest terms first, so 铜合金 is read before 铜 and 鉄スクラップ before スクラップ.
        self._zh = sorted(terms.items(), key=lambda item: -len(item[0]))
        self._cache: dict[str, str] = {}
        # Spelling variants (aluminum) and synonyms the trade uses for one idea (heavy and thick,
        # light and thin, bale and bundle) are folded to one word before names are compared.
        self._spellings = {**settings.get("synonyms", {}), **vocab.spellings}
        # Phrases of one meaning ("copper zinc alloys", "Messing": brass), longest first.
        phrases = settings.get("phrases", {})
        self._phrases = [
            (re.compile(rf"(?<!\w){re.escape(k)}(?!\w)"), v)
            for k, v in sorted(phrases.items(), key=lambda kv: -len(kv[0]))
        ]
        self._markers = _marker_patterns(vocab.matching.get("rank", {}).get("markers", {}))

    def full(self, text: str) -> str:
        """The normalised string: 'No. 1 Copper-Wire' and '1号铜线' both give 'no1 copper wire'."""
        found = self._cache.get(text)
        if found is None:
            folded = self.vocab.normalise_rank(unicodedata.normalize("NFKC", text))
            folded = self._translate(folded).lower()
            words = [self._spellings.get(w, w) for w in _NON_WORD.sub(" ", folded).split()]
            joined = " ".join(words)
            for pattern, word in self._phrases:
                joined = pattern.sub(word, joined)
            found = self._cache[text] = joined
        return found

    def stripped(self, text: str) -> str:
        """The normalised string without very common tokens (kept if nothing else is left),
        plural endings dropped ("cans" and "can", "turnings" and "turning" compare alike)."""
        tokens = [_singular(t) for t in self.full(text).split()]
        kept = [t for t in tokens if t not in self.common]
        return " ".join(kept or tokens)

    def words(self, text: str) -> frozenset[str]:
        """The words of a name as a set, for matching a query word by word: normalised, plural
        endings dropped, filler ("and", "scrap") left out unless nothing else is left."""
        tokens = {_singular(t) for t in self.full(text).split()}
        return frozenset(tokens - _FILLER) or frozenset(tokens)

    def rank_numbers(self, text: str) -> set[str]:
        """The numeric rank markers alone: "1" for "No. 1", "#1" and "1号"."""
        return set(_RANK.findall(self.full(text)))

    def ranks(self, text: str) -> set[str]:
        """Rank markers ("1" for "No. 1") and the class words the vocabulary lists as just as
        decisive, as "group:class" ("gauge:heavy", "alloys:mixed"): `[rank.markers]`."""
        full = self.full(text)
        found = set(_RANK.findall(full))
        found.update(marker for marker, pattern in self._markers if pattern.search(full))
        return found

    def _translate(self, text: str) -> str:
        # Chinese and Japanese kanji, and Japanese kana (シュレッダー, プレス): the glossary
        # holds terms in both scripts.
        if not any("\u4e00" <= ch <= "\u9fff" or "\u3040" <= ch <= "\u30ff" for ch in text):
            return text
        for zh, renderings in self._zh:
            if zh in text:
                text = text.replace(zh, f" {renderings[0]} ")
        return text


_NORMALISERS: dict[int, Normaliser] = {}  # by id of the vocabulary, which each one keeps alive


def _marker_patterns(groups: dict) -> tuple[tuple[str, re.Pattern], ...]:
    """One pattern per class: any of its phrases, whole words, in a normalised name."""
    found = []
    for group, classes in sorted(groups.items()):
        for name, phrases in sorted(classes.items()):
            words = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
            found.append((f"{group}:{name}", re.compile(rf"(?<!\w)(?:{words})(?!\w)")))
    return tuple(found)


def _singular(token: str) -> str:
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token
