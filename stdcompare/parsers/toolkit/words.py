"""Words compared as a reader of specifications compares them: one word in two spellings or
two numbers ("materials" / "material", "aluminum" / "aluminium") is the same word; a different
word is not ("material" / "metal", "oil" / "soil", "lead" / "load").

One comparison, two strictnesses. The plain one (the property recogniser of STS and EU text)
takes rapidfuzz's ratio at 85 or more for words of five letters or more, and wants words of
four letters or fewer equal up to a final "s": one edit there already makes another word (oil /
soil scores 86, lead / load 75). With `stems` (the specification-prose reader, whose property
names are short stems: "metal" in "metallic", "thick" in "thicker"), a word that begins another
is the same word too, and the ratio must reach 88.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache

WORD_MATCH = 85  # rapidfuzz ratio for two words of five letters or more to count as the same
STEM_MATCH = 88  # the same, where a shared beginning already counts
# fmt: off
STOP = frozenset((
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "its", "of", "on", "or", "per",
    "the", "their", "to", "with",
))
# fmt: on


def words(text: str) -> tuple[str, ...]:
    """The significant words of a text, lowered (NFKC first: full-width letters are letters)."""
    text = unicodedata.normalize("NFKC", text).lower()
    return tuple(w for w in re.findall(r"[^\W_]+", text) if w not in STOP)


@lru_cache(maxsize=1 << 16)  # a text's words meet the same vocabulary words over and over
def same_word(a: str, b: str, stems: bool = False) -> bool:
    """Whether `a` and `b` are one word (see the module's docstring for `stems`)."""
    from rapidfuzz import fuzz

    if a == b:
        return True
    shorter = min(len(a), len(b))
    if not stems:
        if shorter <= 4:
            return a.rstrip("s") == b.rstrip("s")
        return fuzz.ratio(a, b) >= WORD_MATCH
    common = len(os.path.commonprefix([a, b]))
    if shorter >= 4 and common == shorter:
        return True
    if common >= 5 and common >= 0.7 * shorter:
        return True
    return shorter >= 5 and fuzz.ratio(a, b) >= STEM_MATCH
