"""A standard as people name it: "ISRI", "GB/T 38471-2019", "GB/T 38471", "38471", "EN 12861",
"EFR" — not only the corpus key (isri-circular, gbt-38471@2019, en-12861).

A name counts only when it points to one standard: "GB/T" alone names six, "38471" one. The
names are read from the corpus (keys and designations), never listed here.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from . import model as m

# The year an edition's designation ends with ("GB/T 38471-2019", "EN 12861:2018", "QCVN
# 66:2018/BTNMT", "Circular 2022, as amended …"), cut to name the standard across editions.
# A year inside a number ("No 333/2011") stays: there it is part of the act's number.
_YEAR_TAIL = re.compile(r"\s*(?:[-–—:]|\s)\s*(?:19|20)\d\d\b(?!/\d).*$")
# A number of a key names it alone when it is long enough not to be a count or a rank.
_KEY_NUMBER = re.compile(r"^\d{3,}$")
_A_YEAR = re.compile(r"^(?:19|20)\d\d$")
_NOT_WORD = re.compile(r"[^\w\u3400-\u9fff]+")


def normal(text: str) -> str:
    """How a name is compared: case, spaces, dashes and slashes left out ("GB/T 38471—2019",
    "gbt 38471-2019" and "GBT38471-2019" are one name)."""
    return _NOT_WORD.sub("", text.casefold()).replace("_", "")


def names(standards: Iterable[m.Standard]) -> dict[str, set[tuple[str, str | None]]]:
    """Every name of the corpus's standards, normalised, with what it names: (key, edition)
    for a full designation, (key, None) for a key, a designation without its year, or a word
    of the key that no other key has (its first, isri, efr; or a number, 38471)."""
    table: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
    keys = set()
    for std in standards:
        keys.add(std.key)
        table[normal(std.key)].add((std.key, None))
        table[normal(std.designation)].add((std.key, std.edition))
        undated = _YEAR_TAIL.sub("", std.designation)
        if undated and undated != std.designation:
            table[normal(undated)].add((std.key, None))
    words: dict[str, set[str]] = defaultdict(set)
    for key in keys:
        parts = key.split("-")
        numbers = (p for p in parts[1:] if _KEY_NUMBER.match(p) and not _A_YEAR.match(p))
        for part in [parts[0], *numbers]:
            words[part].add(key)
    for word, owners in words.items():
        if len(owners) == 1:
            table[normal(word)].add((next(iter(owners)), None))
    return table


def named(text: str, table: dict[str, set[tuple[str, str | None]]]) -> tuple[str, str | None]:
    """(key, edition or None) that `text` names, or ("", None) when it names none or several."""
    found = table.get(normal(text), set())
    keys = {key for key, _ in found}
    if len(keys) != 1:
        return "", None
    editions = {edition for _, edition in found if edition}
    return next(iter(keys)), (next(iter(editions)) if len(editions) == 1 else None)
