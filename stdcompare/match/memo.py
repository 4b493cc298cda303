"""Levels remembered within one comparison.

In a large comparison the same few inputs meet over and over: a handful of rank markers, forms,
"free of" lists and foreign-material limits, a few hundred distinct limits. Each level here is
worked out once per distinct input and its Contribution (frozen) shared by every pair that has
it, which saves the time and the memory of making it again.

A remembered level is keyed by exactly what its function in levels.py reads: the rank, limits
and contaminants levels read one field of each profile, interval_level nothing but its
arguments. When a level comes to read more, its key must grow, or it must be computed pair by
pair like the forms and shared-limits levels (which read the families and much of each profile);
tests/match/test_scale.py compares remembered and plain levels over every pair of the corpus."""

from __future__ import annotations

from ..quantities import Interval
from ..results import Contribution
from .levels import (
    contaminants_level,
    forms_level,
    interval_level,
    limits_level,
    rank_level,
    shared_limits_level,
)
from .profile import Profile


def levels(a: Profile, b: Profile, settings: dict) -> tuple[Contribution, ...]:
    """Every level but the name's, of one pair, in the order the "why" panel shows them."""
    content = f"content.{a.main_element}" if a.main_element == b.main_element else None
    return (
        rank_level(a, b, settings["rank"]),
        forms_level(a, b, settings["forms"]),
        interval_level("content", a.interval(content), b.interval(content), settings["content"]),
        interval_level(
            "recovery",
            a.interval("metal_recovery"),
            b.interval("metal_recovery"),
            settings["recovery"],
        ),
        limits_level(a, b, settings["limits"]),
        shared_limits_level(a, b, {content or "", "metal_recovery"}, settings["shared_limits"]),
        contaminants_level(a, b, settings["contaminants"]),
    )


class RememberedLevels:
    """levels(a, b, settings), each level remembered by what it reads."""

    def __init__(self, settings: dict) -> None:
        self.settings = settings
        self._found: dict[tuple, Contribution] = {}
        # id(interval) -> its repr. Intervals equal as numbers may print differently (99 and
        # 99.0 are equal Decimals): the repr, not the value, says they give one level. Ids are
        # safe here: the profiles keep every interval alive as long as this object is used.
        self._shown: dict[int, str] = {}

    def __call__(self, a: Profile, b: Profile) -> tuple[Contribution, ...]:
        s = self.settings
        content = f"content.{a.main_element}" if a.main_element == b.main_element else None
        return (
            self._get(("rank", a.ranks, b.ranks), rank_level, a, b, s["rank"]),
            forms_level(a, b, s["forms"]),
            self._interval("content", a.interval(content), b.interval(content)),
            self._interval("recovery", a.interval("metal_recovery"), b.interval("metal_recovery")),
            self._get(("limits", a.limits, b.limits), limits_level, a, b, s["limits"]),
            shared_limits_level(a, b, {content or "", "metal_recovery"}, s["shared_limits"]),
            self._get(
                ("contaminants", a.free_of, b.free_of), contaminants_level, a, b, s["contaminants"]
            ),
        )

    def _get(self, key: tuple, level, a: Profile, b: Profile, settings: dict) -> Contribution:
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = level(a, b, settings)
        return found

    def _interval(self, name: str, ia: Interval | None, ib: Interval | None) -> Contribution:
        """interval_level reads nothing but its arguments."""
        key = (name, self._repr(ia), self._repr(ib))
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = interval_level(name, ia, ib, self.settings[name])
        return found

    def _repr(self, iv: Interval | None) -> str | None:
        if iv is None:
            return None
        shown = self._shown.get(id(iv))
        if shown is None:
            shown = self._shown[id(iv)] = repr(iv)
        return shown
