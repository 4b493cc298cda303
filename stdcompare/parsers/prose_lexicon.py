"""The words of the vocabulary as the specification-prose reader (prose.py) matches them: each
property's words by the quantity it measures, each contaminant's names and aliases, and how a
number's neighbouring words pick the property it limits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from .toolkit.phrases import Phrases, phrases
from .toolkit.words import same_word as toolkit_same_word

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

_STOP = {
    "a", "an", "the", "of", "and", "or", "its", "with", "that", "may", "make", "up", "part",
    "named", "lot", "share", "total", "content", "stated", "through", "as", "by", "for", "to",
    "in", "on", "per", "from", "is", "are", "be", "which", "family's", "non", "target", "other",
    "set", "agreement", "how", "measured", "it", "material", "materials", "minimum",
    "maximum", "largest", "smallest",
}  # fmt: skip
_QUALIFIERS = ("any ", "all ", "visible ", "excessive ", "other ", "reasonable amounts of ")


@dataclass
class Lexicon:
    """Property and contaminant words of the vocabulary, ready for matching."""

    props: dict[str, list[tuple[str, set[str], set[str], str]]]  # quantity -> (key, core, ..)
    contaminant_choices: list[str]
    contaminant_keys: list[str]
    vocab: Vocabulary
    phrases: Phrases


@lru_cache(maxsize=4)
def lexicon(vocab: Vocabulary) -> Lexicon:
    props: dict[str, list] = {}
    for key in vocab.property_keys():
        prop = vocab.property(key)
        if prop is None:
            continue  # a key of the table is always a property; said for the type checker
        core, extra = _prop_words(prop.en)
        props.setdefault(prop.quantity, []).append((key, core, extra, prop.limits))
    for symbol, names in vocab.elements.items():
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", names.get("en", ""))} - _STOP
        props.setdefault("mass_fraction", []).append((f"element:{symbol}", words, set(), "min"))
    choices, keys = [], []
    for key, spec in vocab.contaminants.items():
        for text in [spec.get("en", ""), key.replace("_", " "), *spec.get("aliases", [])]:
            if text:
                choices.append(" ".join(text.lower().replace("-", " ").split()))
                keys.append(key)
    return Lexicon(props, choices, keys, vocab, phrases(vocab))


def _prop_words(en: str) -> tuple[set[str], set[str]]:
    """The words of a property's English name, and those of its parenthesis."""
    core, _, extra = en.partition("(")
    return _word_set(core) - _STOP, _word_set(extra) - _STOP - _word_set(core)


def _word_set(text: str) -> set[str]:
    return {w.replace("-", "") for w in re.findall(r"[a-z][a-z'\-]+", text.lower())}


def same_word(a: str, b: str) -> bool:
    """One word in two forms: "metallic" / "metal", "thicker" / "thickness", "aluminum" /
    "aluminium" (toolkit/words.py, with stems)."""
    return toolkit_same_word(a, b, True)


def pick_prop(lex: Lexicon, quantity: str, direction: str, words: list[str]) -> str | None:
    """The property a number measures, from the words around it (nearest first); None when
    none fits. The best share of a name's words wins; ties go to the nearest word, then to the
    property whose usual limit (min, max) is the direction printed."""
    best: list[tuple[float, int, bool, str]] = []
    for key, core, extra, limits in lex.props.get(quantity, []):
        near = [i for i, c in enumerate(words) if any(same_word(w, c) for w in core | extra)]
        hit: float = sum(1 for w in core if any(same_word(w, c) for c in words))
        hit += 0.5 * sum(1 for w in extra if any(same_word(w, c) for c in words))
        if hit:
            best.append((hit / max(len(core), 1), min(near), limits != direction, key))
    need = 0.5 if quantity == "mass_fraction" else 0.01
    best = [b for b in best if b[0] >= need]
    if not best:
        return _DEFAULT_PROP.get(quantity, {}).get(direction)
    chosen = min(best, key=lambda b: (-b[0], b[1], b[2]))[3]
    if chosen.startswith("element:"):
        symbol = chosen.split(":", 1)[1]
        return f"impurity.{symbol}" if direction == "max" else f"content.{symbol}"
    return chosen


# When no word names the property of a length or density, the direction decides.
_DEFAULT_PROP = {
    "length": {"max": "dimension.max", "min": "dimension.min", "range": "particle_size"},
    "density": {"max": "bulk_density", "min": "bulk_density", "range": "bulk_density"},
    "mass": {"max": "piece_weight.max"},
    "dose_rate": {"max": "radioactivity"},
}


def contaminant(lex: Lexicon, phrase: str) -> str | None:
    """The contaminant key a printed phrase names (rapidfuzz on names and aliases)."""
    text = " ".join(phrase.lower().replace("-", " ").split()).strip(" ,")
    candidates = [text]
    for word in _QUALIFIERS:
        if text.startswith(word):
            candidates.append(text[len(word) :])
    for candidate in candidates:
        if not candidate:
            continue
        hit = process.extractOne(
            candidate, lex.contaminant_choices, scorer=fuzz.token_sort_ratio, score_cutoff=88
        )
        if hit:
            return lex.contaminant_keys[hit[2]]
    return None


def context_words(text: str) -> list[str]:
    return [w.replace("-", "") for w in re.findall(r"[a-z][a-z'\-]*", text) if w not in _STOP]
