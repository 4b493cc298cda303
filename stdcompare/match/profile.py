"""What the matcher needs to know about one grade, worked out once per comparison.

A 20 000 × 20 000 comparison scores each grade against many others; normalising its names,
reading its ranks and collecting its limits once, not once per pair, is most of the speed."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import model as m
from ..gaps import interval
from ..quantities import Interval
from .blocking import lineage
from .names import Normaliser, grade_names, translated_names

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

FOREIGN = ("foreign_material", "inclusions", "other_metals")


@dataclass(frozen=True)
class Profile:
    std: m.Standard
    grade: m.Grade
    full: frozenset[str]  # normalised names
    stripped: tuple[str, ...]  # normalised names without very common tokens
    ranks: frozenset[str]
    forms: frozenset[str]
    form_classes: frozenset[str]
    requirements: dict[str, m.Requirement]
    main_element: str | None
    lineage: frozenset[str]
    translated: frozenset[str]  # normalised names held only as someone's translation
    free_of: frozenset[str]
    limits: tuple[str, ...]  # foreign-material properties the grade limits with a number
    intervals: dict[str, Interval]  # every numeric limit, in canonical units
    measures: dict[str, Interval]  # the same, with a minimum and a maximum of one quantity joined

    def interval(self, prop: str | None) -> Interval | None:
        return self.intervals.get(prop) if prop else None


def profile(std: m.Standard, grade: m.Grade, vocab: Vocabulary, normaliser: Normaliser) -> Profile:
    return Profiler(vocab, normaliser)(std, grade)


class Profiler:
    """Profiles of the many grades of one comparison. Grades share names ("No. 2 copper wire"
    in several standards and languages), families and forms: each of those is worked out once
    and its result shared — frozen, so sharing it cannot leak from one grade to another."""

    def __init__(self, vocab: Vocabulary, normaliser: Normaliser) -> None:
        self.vocab = vocab
        self.normaliser = normaliser
        self._names: dict[str, tuple[str, str, tuple[str, ...]]] = {}
        self._families: dict[tuple[str, ...], tuple[str | None, frozenset[str]]] = {}
        self._forms: dict[tuple[str, ...], tuple[frozenset[str], frozenset[str]]] = {}

    def __call__(self, std: m.Standard, grade: m.Grade) -> Profile:
        forms = [self._name(n) for n in grade_names(grade, std)]
        reqs = {r.prop: r for r in std.effective_requirements(grade)}
        main, line = self._kin(grade.families)
        form_set, form_classes = self._shapes(grade.forms)
        intervals = {p: iv for p, r in reqs.items() if (iv := interval(r)) is not None}
        return Profile(
            std=std,
            grade=grade,
            full=frozenset(full for full, _, _ in forms),
            stripped=tuple(stripped for _, stripped, _ in forms),
            ranks=frozenset(r for _, _, ranks in forms for r in ranks),
            forms=form_set,
            form_classes=form_classes,
            requirements=reqs,
            main_element=main,
            lineage=line,
            translated=frozenset(self._name(n)[0] for n in translated_names(grade, std))
            - frozenset(self._name(n)[0] for n in _untranslated(grade, std)),
            free_of=frozenset(
                p
                for p, r in reqs.items()
                if p.startswith("free_of.") and r.state is m.State.FORBIDDEN
            ),
            limits=tuple(p for p in FOREIGN if p in reqs and interval(reqs[p]) is not None),
            intervals=intervals,
            measures=_measures(intervals),
        )

    def shared_names(self, standards) -> frozenset[str]:
        """The names that several grades of one standard share (ISRI prints "No. 1 copper wire"
        for both Barley and Berry): an exact hit on one identifies neither, so it counts for
        less. Counted within each standard over all its grades, whatever a query compares: a
        pair scores the same in a lookup, a comparison or a report."""
        found: set[str] = set()
        for std in {id(s): s for s in standards}.values():
            key = (id(std), id(self.normaliser))
            held = _SHARED.get(key)
            if held is None or held[0] is not std or held[1] is not self.normaliser:
                held = _SHARED[key] = (std, self.normaliser, self._shared_within(std))
            found |= held[2]
        return frozenset(found)

    def _shared_within(self, std: m.Standard) -> frozenset[str]:
        full = self.normaliser.full
        seen: dict[str, int] = {}
        for grade in std.grades:
            for name in {full(n) for n in grade_names(grade, std)}:
                seen[name] = seen.get(name, 0) + 1
        return frozenset(name for name, count in seen.items() if count > 1)

    def _name(self, text: str) -> tuple[str, str, tuple[str, ...]]:
        """A name's normalised form, the same without common tokens, and its rank markers."""
        found = self._names.get(text)
        if found is None:
            n = self.normaliser
            found = self._names[text] = (n.full(text), n.stripped(text), tuple(n.ranks(text)))
        return found

    def _kin(self, families: tuple[str, ...]) -> tuple[str | None, frozenset[str]]:
        found = self._families.get(families)
        if found is None:
            found = self._families[families] = (
                _main_element(self.vocab, families),
                frozenset(lineage(self.vocab, families)),
            )
        return found

    def _shapes(self, forms: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
        found = self._forms.get(forms)
        if found is None:
            classes = frozenset(self.vocab.forms.get(f, {}).get("class", f) for f in forms)
            found = self._forms[forms] = (frozenset(forms), classes)
        return found


def _untranslated(grade: m.Grade, std: m.Standard) -> list[str]:
    """The grade's other names: a name also held in its own words is not a translation's."""
    translated = set(translated_names(grade, std))
    return [n for n in grade_names(grade, std) if n not in translated]


# Names shared within a standard, per (standard, normaliser): a run's lookup scores several
# batches against the same standards. Each entry keeps its standard and normaliser alive, so
# their ids are not reused while the entry stands.
_SHARED: dict[tuple[int, int], tuple[m.Standard, Normaliser, frozenset[str]]] = {}


# A minimum thickness and a maximum thickness bound one quantity: "> 6 mm" (old thick steel)
# and "< 6 mm" (old thin steel) are then seen to exclude each other.
SAME_MEASURE = {"thickness.min": "thickness", "thickness.max": "thickness"}


def _measures(intervals: dict[str, Interval]) -> dict[str, Interval]:
    joined: dict[str, Interval] = {}
    for prop, iv in intervals.items():
        name = SAME_MEASURE.get(prop, prop)
        joined[name] = joined[name].intersect(iv) if name in joined else iv
    return joined


def main_element(vocab: Vocabulary, grade: m.Grade) -> str | None:
    """The element whose content is the family's main metal (Cu for copper families)."""
    return _main_element(vocab, grade.families)


def _main_element(vocab: Vocabulary, families: tuple[str, ...]) -> str | None:
    table = vocab.matching.get("main_element", {})
    for family in families:
        for ancestor in vocab.family_ancestors(family):
            if ancestor in table:
                return table[ancestor]
    return None
