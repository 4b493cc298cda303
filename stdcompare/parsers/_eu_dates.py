"""The date an EU act applies from, or enters into force on, as its articles state it (a day
as printed is read by toolkit/dates.py, re-exported here for the EU readers)."""

from __future__ import annotations

import re
from datetime import date, timedelta

from .. import model as m
from .toolkit.dates import DAY, day

__all__ = ["DAY", "day", "effective_date"]

_THIS = r"(?:this\s+(?:regulation|directive|decision)|it)"  # the act speaking of itself
_IN_FORCE = re.compile(
    rf"{_THIS}\s+shall\s+enter\s+into\s+force\s+on\s+the\s+(?:(?P<ord>\w+)\s+)?day"
    r"\s+following\s+(?:that\s+of\s+)?its\s+publication"
    r"|entre\s+en\s+vigueur\s+le\s+(?P<ord_fr>\w+)\s+jour\s+suivant\s+celui\s+de\s+sa\s+publication"
    r"|tritt\s+am\s+(?P<ord_de>\w+)\s+tag\s+nach\s+(?:ihrer|seiner|der)\s+veröffentlichung"
    r"[^.]{0,80}?\s+in\s+kraft",
    re.IGNORECASE,
)
_IN_FORCE_ON = re.compile(rf"{_THIS}\s+shall\s+enter\s+into\s+force\s+on\s+{DAY}", re.IGNORECASE)
_APPLIES = re.compile(
    rf"(?:{_THIS}\s+shall\s+apply\s+from|(?:est\s+applicable|s'applique)\s+à"
    rf"\s+partir\s+du|gilt\s+ab(?:\s+dem)?)\s+{DAY}",
    re.IGNORECASE,
)
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fifth": 5, "seventh": 7, "tenth": 10,
    "fourteenth": 14, "fifteenth": 15, "twentieth": 20, "thirtieth": 30, "sixtieth": 60,
    "premier": 1, "troisième": 3, "cinquième": 5, "septième": 7, "dixième": 10,
    "quinzième": 15, "vingtième": 20, "trentième": 30, "soixantième": 60,
    "ersten": 1, "dritten": 3, "fünften": 5, "siebten": 7, "zehnten": 10, "fünfzehnten": 15,
    "zwanzigsten": 20, "dreißigsten": 30, "sechzigsten": 60,
}  # fmt: skip


def effective_date(
    texts: list[tuple[str, str]], published: date | None
) -> tuple[date | None, m.Note | None]:
    """The date the act applies from (or else enters into force), with a note saying how it
    was found. `texts` are (where, text) of the articles; `published` is the OJ date.

    The patterns are slow to run over every paragraph of a long act, and each needs words
    that a plain substring test finds first: "apply" and "from", or "appl(icable|ique)" with
    "partir du", or "gilt" with "ab"; "force", "vigueur" or "kraft". (Under IGNORECASE these
    letters match only their own two cases, so the test on the lowered text misses no match.)
    The paragraphs naming "force" are noted on the first pass, for the second."""
    in_force: list[tuple[str, str]] = []
    for where, text in texts:
        low = text.lower()
        if "force" in low or "vigueur" in low or "kraft" in low:
            in_force.append((where, text))
        if not _may_apply(low):
            continue
        applies = _APPLIES.search(text)
        if applies:
            found = day(applies.group(0))
            if found:
                return found, m.Note(f"effective date: applies from {found}", where)
    for where, text in in_force:
        on = _IN_FORCE_ON.search(text)
        if on and day(on.group(0)):
            found = day(on.group(0))
            return found, m.Note(f"effective date: enters into force on {found}", where)
        relative = _IN_FORCE.search(text)
        if relative and published is not None:
            said = relative.group("ord") or relative.group("ord_fr") or relative.group("ord_de")
            word = (said or "first").lower()
            days = _ordinal(word)
            if days is not None:
                found = published + timedelta(days=days)
                why = (
                    f"effective date: enters into force on {found}, {days} days "
                    f"after publication in the Official Journal on {published}"
                )
                return found, m.Note(why, where)
    return None, None


def _ordinal(word: str) -> int | None:
    """ "twentieth", "vingtième" or "20th" as a number of days."""
    if word in _ORDINALS:
        return _ORDINALS[word]
    digits = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th|e|ème)", word)
    return int(digits.group(1)) if digits else None


def _may_apply(low: str) -> bool:
    """Whether a lowered paragraph holds the words every _APPLIES match holds."""
    return (
        ("apply" in low and "from" in low)
        or ("appl" in low and "part" in low and "du" in low)
        or ("gilt" in low and "ab" in low)
    )
