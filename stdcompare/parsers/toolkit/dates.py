"""The one date reader: a day as standards and acts print it — ISO ("2017-12-28"), compact
("20171228", Formex), dotted ("28.12.2017"), with a month's name in English, French or German
("12 December 2017", "1er janvier 2014", "26. Juni 2013", "May 1, 2020"), or in Chinese
("2017年12月28日", "2017-12-28 发布") — and a month without its day ("2008-12", an ISO release).
A date that does not exist (30 February) is no date."""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    **dict.fromkeys(("january", "janvier", "januar", "jan"), 1),
    **dict.fromkeys(("february", "février", "fevrier", "februar", "feb"), 2),
    **dict.fromkeys(("march", "mars", "märz", "maerz", "mar"), 3),
    **dict.fromkeys(("april", "avril", "apr"), 4),
    **dict.fromkeys(("may", "mai"), 5),
    **dict.fromkeys(("june", "juin", "juni", "jun"), 6),
    **dict.fromkeys(("july", "juillet", "juli", "jul"), 7),
    **dict.fromkeys(("august", "août", "aout", "aug"), 8),
    **dict.fromkeys(("september", "septembre", "sep", "sept"), 9),
    **dict.fromkeys(("october", "octobre", "oktober", "oct", "okt"), 10),
    **dict.fromkeys(("november", "novembre", "nov"), 11),
    **dict.fromkeys(("december", "décembre", "decembre", "dezember", "dec", "dez"), 12),
}
# "12 December 2017", "1er janvier 2014", "26. Juni 2013": groups day, month name, year
DAY = r"(\d{1,2})(?:er|st|nd|rd|th)?\.?\s+([^\W\d_]+)\s+(\d{4})"
# "May 1, 2020", "Sept. 1st 2020": groups month name, day, year
_MONTH_FIRST = re.compile(r"\b([^\W\d_]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+((?:19|20)\d\d)\b")
_DOTTED = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_ISO = re.compile(r"(?<!\d)((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})(?!\d)")
_ZH = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_STAMP = re.compile(r"^\s*(\d{4})-?(\d{2})-?(\d{2})(?!\d)")
_YEAR_MONTH = re.compile(r"^\s*((?:19|20)\d\d)\s*(?:-|/|\.|年)\s*(\d{1,2})\s*月?\s*$")


def make(year: int | str, month: int | str, dd: int | str) -> date | None:
    """The date, or None where the calendar has no such day."""
    try:
        return date(int(year), int(month), int(dd))
    except ValueError:
        return None


def day(text: str) -> date | None:
    """The first day printed in a text, in the order: a month's name after the day, dotted,
    ISO, Chinese, a month's name before the day."""
    for found in re.finditer(DAY, text):
        month = MONTHS.get(found.group(2).lower())
        if month is not None:
            return make(found.group(3), month, found.group(1))
    for pattern, order in ((_DOTTED, (3, 2, 1)), (_ISO, (1, 2, 3)), (_ZH, (1, 2, 3))):
        hit = pattern.search(text)
        if hit:
            return make(*(hit.group(i) for i in order))
    return month_first(text)


def month_first(text: str) -> date | None:
    """ "May 1, 2020", "Sept. 1st 2020": the first day printed month first (American use)."""
    for found in _MONTH_FIRST.finditer(text):
        month = MONTHS.get(found.group(1).lower())
        if month is not None:
            return make(found.group(3), month, found.group(2))
    return None


def stamp(text: str) -> date | None:
    """A metadata field holding a day and nothing else: "2009-05-30", "20091130",
    "2009-05-30T00:00:00"."""
    found = _STAMP.match(text or "")
    return make(*found.groups()) if found else None


def year_month(text: str) -> tuple[int, int] | None:
    """A month printed without its day ("2008-12", "2008年12月"): (year, month)."""
    found = _YEAR_MONTH.match(text or "")
    if found is None or not 1 <= int(found.group(2)) <= 12:
        return None
    return int(found.group(1)), int(found.group(2))
