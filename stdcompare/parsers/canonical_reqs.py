"""The requirements of a canonical file and the checks that span groups and grades (references,
nesting), as a part of the builder (canonical_build.Builder)."""

from __future__ import annotations

from decimal import Decimal

from .. import model as m
from ..quantities import MAGNITUDES, to_canonical
from ..vocabulary import Property
from .canonical_base import FileReading
from .canonical_rules import (
    BOUND_KEYS,
    BOUNDS_HINT,
    GAUGES,
    MAX_GROUP_DEPTH,
    REQ_KEYS,
    VALUE_KEYS,
    closest,
    is_number,
    join,
    usable_number,
    with_si,
)


class RequirementReader(FileReading):
    """The builder's reading of requirements; its problems go through the builder's error()
    and warn()."""

    def requirements(
        self, d: dict, where: str, inherited: tuple[str, ...], families: tuple[str, ...]
    ) -> tuple[m.Requirement, ...]:
        name = where.rsplit(".", 1)[-1] if "." in where else where
        found = []
        seen: dict[str, int] = {}
        for i, r in enumerate(self.tables(d, name)):
            key = f"{where}[{i}]"
            req = self.requirement(r, key, inherited)
            if req is None:
                continue
            if req.prop in seen:
                self.error(
                    f"{key}.prop",
                    f"'{req.prop}' is stated twice (also [{seen[req.prop]}])",
                    "merge the two into one requirement",
                )
            seen[req.prop] = i
            found.append(req)
        return tuple(found)

    def requirement(self, r: dict, where: str, inherited: tuple[str, ...]) -> m.Requirement | None:
        self.check_keys(r, REQ_KEYS, where)
        prop = r.get("prop")
        if not isinstance(prop, str) or not prop:
            self.error(where, "a requirement needs a 'prop'")
            return None
        vocab_prop = self.vocab.property(prop)
        if vocab_prop is None:
            self.error(f"{where}.prop", f"unknown property '{prop}'", self.prop_hint(prop))
        bounds = self.bounds(r, where)
        has_numbers = any(k in r for k in (*BOUND_KEYS, "nominal", "exclude", "classes", "dims"))
        default_state = (
            m.State.FORBIDDEN if prop.startswith("free_of.") and not has_numbers else m.State.STATED
        )
        state = self.enum(m.State, r.get("state"), f"{where}.state", default_state)
        evidence = self.evidence(r, where) or inherited
        self.check_state(state, has_numbers, r, where)
        if has_numbers and not evidence:
            self.error(
                where,
                f"'{prop}' states a number without evidence",
                'cite the source of the number: evidence = ["<source id>"]',
            )
        if state is m.State.UNKNOWN:
            self.warn(where, f"unknown value: {prop}")
        unit = self.unit(r, where, vocab_prop)
        if has_numbers and vocab_prop is not None:
            self.check_values(r, where, vocab_prop, unit)
        gauges_usable = self.check_gauges(r, where, unit)
        req = m.Requirement(
            prop=prop,
            state=state,
            **bounds,
            nominal=self.number(r, "nominal", where),
            approx=bool(r.get("approx", False)),
            exclude=self.pair(r, "exclude", where),
            classes=self.numbers(r, "classes", where),
            dims=self.numbers(r, "dims", where),
            unit=unit,
            basis=self.text(r, "basis", where),
            qualifier=self.text(r, "qualifier", where),
            strength=self.enum(
                m.Strength, r.get("strength"), f"{where}.strength", m.Strength.SHALL
            ),
            consequence=self.enum(
                m.Consequence, r.get("consequence"), f"{where}.consequence", m.Consequence.REJECT
            ),
            negotiable=bool(r.get("negotiable", False)),
            one_of=self.text(r, "one_of", where),
            uncertain=self.uncertain(r, where),
            text=self.text(r, "text", where),
            where=self.text(r, "where", where),
            evidence=evidence,
        )
        return with_si(req, self.vocab) if gauges_usable else req

    def prop_hint(self, prop: str) -> str:
        prefix = prop.split(".", 1)[0]
        if prefix in ("content", "impurity"):
            return "the part after the dot is an element symbol from vocabulary/elements.toml"
        if prefix == "free_of":
            return "the part after the dot is a key of vocabulary/contaminants.toml"
        close = closest(prop, self.vocab.property_keys())
        return f"did you mean '{close}'?" if close else "see vocabulary/properties.toml"

    def check_state(self, state: m.State, has_numbers: bool, r: dict, where: str) -> None:
        if state in (m.State.STATED,) and not has_numbers and not r.get("text"):
            self.error(
                where,
                "a stated requirement needs a bound, classes, dims or a text",
                'use state = "unknown", "agreement" or "none" if there is no value',
            )
        if (
            state in (m.State.NONE, m.State.SILENT, m.State.UNKNOWN, m.State.FORBIDDEN)
            and has_numbers
        ):
            self.error(
                where,
                f"state '{state.value}' cannot carry a bound",
                'drop the numbers, or use state = "stated"',
            )

    def check_values(self, r: dict, where: str, prop: Property, unit_key: str | None) -> None:
        """Values the property cannot take, from what the vocabulary declares: a magnitude's
        quantity (a mass fraction, a length, a mass …) is never negative, and a mass fraction
        in a unit whose canonical unit is % is at most 100 %. A gauge number is no length
        (AWG 0000 is -3), so a gauge unit's values are not checked."""
        unit = self.vocab.units.get(unit_key) if unit_key else None
        if unit is not None and unit.gauge is not None:
            return  # checked by check_gauges()
        quantity = unit.quantity if unit is not None else prop.quantity
        if quantity not in MAGNITUDES or quantity != prop.quantity:
            return  # no declared range, or a unit already reported as the wrong quantity
        if unit is None and any(
            u.gauge is not None and u.quantity == quantity for u in self.vocab.units.values()
        ):
            return  # no unit given, and the number could be a gauge number
        if unit is not None and unit.factor is None:
            return
        percent = unit is not None and unit.canonical == "%"
        for name in VALUE_KEYS:
            values = r.get(name)
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, bool) or not isinstance(value, int | Decimal):
                    continue  # absent, or not a number: reported by number()
                value = Decimal(value)
                if not usable_number(value):
                    continue  # reported by check_numbers()
                shown = f"'{name} = {value}" + (f" {r['unit']}'" if unit is not None else "'")
                if value < 0:
                    self.error(
                        join(where, name),
                        f"{shown} is below 0: '{prop.key}' is a {quantity}, never negative",
                        "check the sign against the source; a limit of it is 0 or more",
                    )
                elif value == 0 and name == "lt":
                    self.error(
                        join(where, name),
                        f"{shown} allows no value: '{prop.key}' is a {quantity}, never negative",
                        BOUNDS_HINT,
                    )
                elif unit is not None and percent and (share := to_canonical(value, unit)) > 100:
                    self.error(
                        join(where, name),
                        f"{shown} is over 100 %: '{prop.key}' is a share of the mass, "
                        "at most 100 %",
                        "check the number against the source (a misplaced decimal point?)",
                    )
                elif percent and share == 100 and name == "gt":
                    self.error(
                        join(where, name),
                        f"{shown} allows no value: '{prop.key}' is a share of the mass, "
                        "at most 100 %",
                        BOUNDS_HINT,
                    )

    def check_gauges(self, r: dict, where: str, unit_key: str | None) -> bool:
        """Whether the numbers of a gauge unit are gauge numbers (GAUGES), each one that is not
        an error. A gauge number names a diameter through a power (AWG: 92^((36 − n)/39)):
        -3 is 0000, 40 a hair; -1e30 overflowed the conversion, a traceback in every command."""
        unit = self.vocab.units.get(unit_key) if unit_key else None
        if unit is None or unit.gauge is None:
            return True
        lo, hi = GAUGES
        usable = True
        for name in VALUE_KEYS:
            values = r.get(name)
            for value in values if isinstance(values, list) else [values]:
                if not is_number(value) or not usable_number(Decimal(value)):
                    continue
                if not lo <= value <= hi:
                    usable = False
                    self.error(
                        join(where, name),
                        f"'{name} = {value} {r['unit']}' is no wire gauge number",
                        f"gauge numbers run from {lo} (0000000) to {hi}; check the source",
                    )
        return usable

    def bounds(self, r: dict, where: str) -> dict:
        lo_keys = [k for k in ("ge", "gt") if k in r]
        hi_keys = [k for k in ("le", "lt") if k in r]
        if len(lo_keys) > 1 or len(hi_keys) > 1:
            self.error(where, "give at most one lower bound (ge or gt) and one upper (le or lt)")
        lo = self.number(r, lo_keys[0], where) if lo_keys else None
        hi = self.number(r, hi_keys[0], where) if hi_keys else None
        if lo is not None and hi is not None and lo > hi:
            self.error(where, f"lower bound {lo} is above upper bound {hi}", BOUNDS_HINT)
        elif lo is not None and lo == hi and (lo_keys[0], hi_keys[0]) != ("ge", "le"):
            self.error(
                where,
                f"'{lo_keys[0]} = {lo}' and '{hi_keys[0]} = {hi}' allow no value",
                BOUNDS_HINT + "; ge = le = x is exactly x",
            )
        return {
            "lo": lo,
            "lo_inclusive": not lo_keys or lo_keys[0] == "ge",
            "hi": hi,
            "hi_inclusive": not hi_keys or hi_keys[0] == "le",
        }

    def number(self, r: dict, name: str, where: str) -> Decimal | None:
        value = r.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            self.error(join(where, name), f"'{name}' must be a number, not {value!r}")
            return None
        if not usable_number(Decimal(value)):
            return None  # reported by check_numbers(); never compared or converted
        return Decimal(value)

    def numbers(self, r: dict, name: str, where: str) -> tuple[Decimal, ...]:
        value = r.get(name, [])
        if not isinstance(value, list):
            self.error(join(where, name), f"'{name}' must be a list of numbers")
            return ()
        found = [self.number({name: v}, name, where) for v in value]
        return tuple(v for v in found if v is not None)

    def pair(self, r: dict, name: str, where: str) -> tuple[Decimal, Decimal] | None:
        if name not in r:
            return None
        values = self.numbers(r, name, where)
        if len(values) != 2 or values[0] > values[1]:
            self.error(join(where, name), f"'{name}' must be [low, high]")
            return None
        return (values[0], values[1])

    def unit(self, r: dict, where: str, prop: Property | None) -> str | None:
        printed = r.get("unit")
        if printed is None:
            return None
        key = self.vocab.unit_key(str(printed))
        if key is None:
            self.error(
                f"{where}.unit",
                f"unknown unit '{printed}'",
                "see vocabulary/units.toml for the units and their spellings",
            )
            return None
        quantity = self.vocab.units[key].quantity
        if prop is not None and prop.quantity not in ("none", quantity):
            self.error(
                f"{where}.unit",
                f"unit '{printed}' measures {quantity}, but '{prop.key}' is a {prop.quantity}",
            )
        return key

    def check_references(self, groups: tuple[m.Group, ...], grades: tuple[m.Grade, ...]) -> None:
        ids = [g.id for g in groups]
        codes = [g.code for g in grades]
        for i, ident in enumerate(ids):
            if ids.index(ident) != i:
                self.error(f"groups[{i}].id", f"duplicate group id '{ident}'")
        for i, group in enumerate(groups):
            if group.parent and group.parent not in ids:
                self.error(f"groups[{i}].parent", f"unknown group '{group.parent}'")
        self.check_nesting(groups)
        for i, grade in enumerate(grades):
            where = f"grades[{i}]"
            if codes.index(grade.code) != i:
                self.error(
                    f"{where}.code",
                    f"duplicate code '{grade.code}'",
                    "codes are unique within a standard edition",
                )
            if grade.group and grade.group not in ids:
                self.error(
                    f"{where}.group",
                    f"unknown group '{grade.group}'",
                    "declare it as [[groups]] with that id",
                )
            for part in grade.mixture_of:
                if part not in codes:
                    self.error(f"{where}.mixture_of", f"'{part}' is not a grade of this standard")

    def check_nesting(self, groups: tuple[m.Group, ...]) -> None:
        """No group is its own ancestor, and none nests deeper than MAX_GROUP_DEPTH: a cycle
        was silently cut where a walk up the chain met itself, and a chain of thousands of
        groups made every comparison of its grades crawl. One error per cycle (at its first
        group), and one for depth."""
        first: dict[str, int] = {}
        for i, group in enumerate(groups):
            first.setdefault(group.id, i)
        parents = {g.id: g.parent for g in reversed(groups)}  # the first of a duplicate id
        reported_depth = False
        for i, group in enumerate(groups):
            if first[group.id] != i:
                continue  # a duplicate id: reported above
            path, seen = [group.id], {group.id}
            current = group.parent
            while current in parents and current not in seen and len(path) <= MAX_GROUP_DEPTH:
                path.append(current)
                seen.add(current)
                current = parents[current]
            if current == group.id and min(first[p] for p in path) == i:
                self.error(
                    f"groups[{i}].parent",
                    "groups are each other's parents: " + " → ".join([*path, group.id]),
                    "a group's parent is a wider group; remove the 'parent' that closes the loop",
                )
            elif len(path) > MAX_GROUP_DEPTH and not reported_depth:
                reported_depth = True
                self.error(
                    f"groups[{i}].parent",
                    f"groups nest more than {MAX_GROUP_DEPTH} levels deep "
                    f"(from group '{group.id}' up)",
                    "groups are categories and sections a few levels deep (stdcompare docs format)",
                )
