"""The phrase table (vocabulary/phrases.toml) compiled for the readers: what bounds a number
("not more than", "不大于"), what opens a list of things a lot must be free of ("free of",
"不得混入"), what leaves a value to the buyer and seller ("unless otherwise agreed", "供需双方
协商"), how strong a requirement is ("shall", "should", 应, 宜) and what follows when a lot misses
it ("deducted", 扣重). Each reader takes the parts its grammar needs; none keeps a list of its
own."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from ... import model as m
from ...quantities import BoundWords, bundled_phrases

if TYPE_CHECKING:
    from ...vocabulary import Vocabulary

NUM = r"\d+(?:\.\d+)?"
# "free of the following: brass; iron" and "free of: brass, iron": the list is after the colon
_INTRO = r"\b\s*(?:(?:the\s+)?following(?:\s+[a-z]+)?\s*:|:)?\s*"


@dataclass(frozen=True)
class Phrases:
    bounds: BoundWords
    compare: re.Pattern  # "<bound word> <number>" or "between <a> and <b>", in running text
    free_of: re.Pattern  # "free of X" / "shall not contain X" (group `object`), firm
    free_of_loose: re.Pattern  # the same with "no X", "without X", "contains no X"
    free_list: re.Pattern  # the specification-prose reader's: "reasonably free of: X; Y"
    agreed: re.Pattern  # "unless otherwise agreed", "by mutual agreement"
    zh_free: re.Pattern  # "不得混入X、Y" (group `list`)
    zh_agreed: re.Pattern  # "供需双方协商"
    after: re.Pattern  # a bound word right after a number ("97 % min."), group 1
    after_at_least: frozenset[str]  # those of them that make a lower bound
    before_at_least: frozenset[str]  # "a minimum zinc content of 92 %"
    before_at_most: frozenset[str]
    nominal: re.Pattern  # "nominal", "about": a typical value, group 1
    approximate: frozenset[str]  # the nominal words that mark it approximate
    verbs: tuple[tuple[str, re.Pattern], ...]  # ("shall" | "should" | "may", its words), in order
    modal: str  # every English strength word as one alternation, for a reader's clause grammar
    outcomes: tuple[tuple[m.Consequence, re.Pattern], ...]  # deduct, price, reject, in order
    any_verb: re.Pattern  # any strength word
    any_outcome: re.Pattern  # any consequence word

    def verb(self, text: str) -> str | None:
        """ "shall", "should" or "may": the strongest kind of strength word in `text`."""
        if self.any_verb.search(text) is None:
            return None  # most sentences: one search, not one per kind
        return next((kind for kind, words in self.verbs if words.search(text)), None)

    def strength(self, text: str, default: m.Strength | None = m.Strength.SHALL):
        """How strong a requirement `text` states: SHALL, SHOULD, None for leave or possibility
        ("may"), `default` when it has no strength word (a limit printed without a verb)."""
        kind = self.verb(text)
        if kind is None:
            return default
        return {"shall": m.Strength.SHALL, "should": m.Strength.SHOULD}.get(kind)

    def consequence(self, text: str) -> m.Consequence:
        """What follows when a lot misses the limit `text` states: REJECT unless it says."""
        if self.any_outcome.search(text) is None:
            return m.Consequence.REJECT
        found = (outcome for outcome, words in self.outcomes if words.search(text))
        return next(found, m.Consequence.REJECT)


def alternation(phrases, escape: bool = True) -> str:
    """One regex alternative per phrase, longest first (so "not less than" is tried before
    "less than"); a space between words matches any run of white space."""
    unique = dict.fromkeys(" ".join(p.split()) for p in phrases if p.strip())
    ordered = sorted(unique, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, p.split(" "))) for p in ordered)


@lru_cache(maxsize=4)
def phrases(vocab: Vocabulary) -> Phrases:
    """The vocabulary's phrase table, compiled once per vocabulary."""
    # a vocabulary of its own may not have the file
    return compile_table(vocab.phrases) if vocab.phrases else default_phrases()


@lru_cache(maxsize=1)
def default_phrases() -> Phrases:
    """The bundled phrase table, for a reader that holds no Vocabulary where it needs one."""
    return compile_table(bundled_phrases())


def compile_table(table: dict) -> Phrases:
    words = BoundWords.from_table(table.get("bounds", {}))
    free = table.get("free_of", {})
    required, loose = free.get("required", []), free.get("loose", [])
    degree = alternation(free.get("degree", []))
    agreement = table.get("agreement", {})
    groups = (("le", words.at_most), ("ge", words.at_least), ("lt", words.below),
              ("gt", words.above))  # fmt: skip
    sides = "|".join(f"(?P<{name}>{alternation(ws)})" for name, ws in groups)
    return Phrases(
        bounds=words,
        compare=re.compile(
            rf"(?<!\w)(?:{sides})\s*(?P<num>{NUM})"
            rf"|(?<!\w)between\s+(?P<from>{NUM})\s*(?:%\s*)?and\s+(?P<to>{NUM})",
            re.IGNORECASE,
        ),
        free_of=_object(required),
        free_of_loose=_object([*required, *loose]),
        free_list=re.compile(
            rf"\b(?:(?:{degree})\s+)?(?:{alternation([*required, *free.get('advisory', [])])})"
            rf"{_INTRO}(?P<list>[^.;:]+)"
        ),
        agreed=re.compile(rf"\b(?:{alternation(agreement.get('en', []))})\b"),
        zh_free=re.compile(
            rf"(?:{alternation(free.get('zh_forbid', []))})"
            rf"(?:{alternation(free.get('zh_contain', []))})(?P<list>[^。;；]+)"
        ),
        zh_agreed=re.compile(alternation(agreement.get("zh", []))),
        **_around(table),
        **_verbs(table),
    )


def _verbs(table: dict) -> dict:
    """The strength and consequence words: English ones as whole words (consequences: as word
    beginnings), Chinese ones anywhere; case ignored."""
    strength, consequence = table.get("strength", {}), table.get("consequence", {})
    kinds = ("shall", "should", "may")
    english = [w for kind in kinds for w in strength.get(kind, []) if w.isascii()]
    outcomes = ((m.Consequence.DEDUCT, "deduct"), (m.Consequence.PRICE, "price"),
                (m.Consequence.REJECT, "reject"))  # fmt: skip
    every = [w for kind in kinds for w in strength.get(kind, [])]
    every_outcome = [w for _, name in outcomes for w in consequence.get(name, [])]
    return {
        "any_verb": _words(every, r"\b"),
        "any_outcome": _words(every_outcome, ""),
        "verbs": tuple((kind, _words(strength.get(kind, []), r"\b")) for kind in kinds),
        "modal": alternation(english),
        "outcomes": tuple((c, _words(consequence.get(name, []), "")) for c, name in outcomes),
    }


def _words(words: list[str], end: str) -> re.Pattern:
    """Any of `words`: an English one from a word's start (to its end with end=r"\b"), a
    Chinese one anywhere. A list with no words matches nothing."""
    english = alternation(w for w in words if w.isascii())
    chinese = alternation(w for w in words if not w.isascii())
    parts = [rf"\b(?:{english}){end}" if english else "", chinese]
    return re.compile("|".join(p for p in parts if p) or r"(?!)", re.IGNORECASE)


def _around(table: dict) -> dict:
    """The words around a number in specification prose, lowered (the reader lowers the text)."""
    after, before, nominal = (table.get(k, {}) for k in ("after", "before", "nominal"))

    def low(part: dict, name: str) -> frozenset[str]:
        return frozenset(w.lower() for w in part.get(name, []))

    after_words = alternation([*after.get("at_least", []), *after.get("at_most", [])])
    typical = alternation([*nominal.get("exact", []), *nominal.get("approximate", [])])
    return {
        "after": re.compile(rf"\s*({after_words})(?![a-z])"),
        "after_at_least": low(after, "at_least"),
        "before_at_least": low(before, "at_least"),
        "before_at_most": low(before, "at_most"),
        "nominal": re.compile(rf"\b({typical})(?![a-z])"),
        "approximate": low(nominal, "approximate"),
    }


def _object(phrases: list[str]) -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{alternation(phrases)})\s+(?P<object>[^.;:]+)", re.IGNORECASE)
