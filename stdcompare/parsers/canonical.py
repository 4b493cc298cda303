"""The canonical TOML format (docs/format.md): read it into a Standard, check its meaning, and
write a Standard back out as a new draft file.

Reading collects every problem it finds (so `validate` can list them all) and names each by file,
line and key path. Loading raises the first error.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path

from .. import model as m
from ..errors import Problem, SourceError
from ..quantities import MAGNITUDES, MAX_DIGITS, to_canonical
from ..vocabulary import Vocabulary
from . import canonical_types
from .locate import LineIndex

PARSER_NAME = "spec"
PARSER_VERSION = "1"
FORMAT_VERSION = 1
MAX_BYTES = 5 * 1024 * 1024  # a corpus file is a few kB; anything this large is not one
# Groups nest a few levels (ISRI: guideline, section, subsection); a grade's chain of groups is
# walked for every pair it is in, so a file may not nest them deeper than this.
MAX_GROUP_DEPTH = 16

TOP_KEYS = {
    "format",
    "key",
    "edition",
    "designation",
    "kind",
    "status",
    "body",
    "region",
    "issued",
    "effective",
    "supersedes",
    "amends",
    "withdraw",
    "grade_list",
    "judgement",
    "families",
    "evidence",
    "title",
    "notes",
    "sources",
    "unknowns",
    "requirements",
    "groups",
    "grades",
}
SOURCE_KEYS = {"address", "tier", "describes", "note", "copy"}
GROUP_KEYS = {
    "id",
    "families",
    "kind",
    "names",
    "parent",
    "requirements",
    "description",
    "where",
    "evidence",
    "uncertain",
}
GRADE_KEYS = {
    "code",
    "code_assigned",
    "group",
    "names",
    "aliases",
    "families",
    "forms",
    "mixture_of",
    "parameter",
    "text",
    "seen_in",
    "requirements",
    "description",
    "where",
    "evidence",
    "uncertain",
}
REQ_KEYS = {
    "prop",
    "state",
    "ge",
    "gt",
    "le",
    "lt",
    "nominal",
    "approx",
    "exclude",
    "classes",
    "dims",
    "unit",
    "basis",
    "qualifier",
    "strength",
    "consequence",
    "negotiable",
    "one_of",
    "uncertain",
    "text",
    "where",
    "evidence",
}
NAME_KEYS = {"text", "kind", "evidence", "uncertain", "lang"}
BOUND_KEYS = ("ge", "gt", "le", "lt")
VALUE_KEYS = (*BOUND_KEYS, "nominal", "exclude", "classes", "dims")
GAUGES = (-6, 100)  # wire gauge numbers: 0000000 AWG is -6; 100 is far thinner than any wire
_FINITE_HINT = "write the number the standard prints; leave out a bound it does not give"
_BOUNDS_HINT = "check the file against the source: ge/gt is the lower bound, le/lt the upper"


@dataclass
class SpecFile:
    path: str
    text: str
    data: dict
    sha256: str
    index: LineIndex = field(init=False)

    def __post_init__(self) -> None:
        self.index = LineIndex(self.text)


def read_file(path: Path) -> SpecFile:
    """Read and syntax-check one TOML file (numbers as Decimal)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(
            str(path),
            f"cannot read file ({exc.strerror})",
            hint="check the path, and that the file may be read",
        ) from None
    if len(raw) > MAX_BYTES:
        raise SourceError(
            str(path),
            f"file is {len(raw)} bytes, over the {MAX_BYTES} limit",
            hint="no canonical file is that large; check the file",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(
            str(path),
            "file is not UTF-8",
            hint="canonical files are UTF-8; re-save the file as UTF-8",
        ) from None
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        line = _line_from_message(str(exc), text)
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise SourceError(
            str(path),
            f"TOML syntax: {reason}",
            line=line,
            hint="the canonical format: stdcompare docs format",
        ) from None
    except ValueError:  # tomllib lets int()'s limit on digits through (4300 by default)
        raise SourceError(
            str(path),
            "TOML holds an integer too long to read",
            hint="numbers in canonical files are limits of a few digits (stdcompare docs format)",
        ) from None
    except RecursionError:  # tomllib reads nested arrays and tables by recursion
        raise SourceError(
            str(path),
            "TOML nested too deeply to read; refused",
            hint="canonical files nest a few levels at most (stdcompare docs format)",
        ) from None
    return SpecFile(str(path), text, data, hashlib.sha256(raw).hexdigest())


def _line_from_message(message: str, text: str) -> int | None:
    found = re.search(r"at line (\d+)", message)
    if found:
        return int(found.group(1))
    return max(1, len(text.splitlines())) if "end of document" in message else None


def closest(word: str, choices) -> str | None:
    """The choice most like `word`, ignoring case; None when nothing is close."""
    by_lower = {c.lower(): c for c in choices}
    found = difflib.get_close_matches(word.lower(), list(by_lower), n=1)
    return by_lower[found[0]] if found else None


def is_amendment(spec: SpecFile) -> bool:
    return "amends" in spec.data


# --- building a Standard ---------------------------------------------------------------------


class _Builder:
    """Turns one file's data into a Standard, collecting problems with their key paths."""

    def __init__(self, spec: SpecFile, vocab: Vocabulary) -> None:
        self.spec = spec
        self.vocab = vocab
        self.problems: list[Problem] = []
        sources = spec.data.get("sources")
        self.declared: set[str] = set(sources) if isinstance(sources, dict) else set()

    # problems ----------------------------------------------------------------------------

    def _add(self, level: str, key: str, message: str, hint: str | None = None) -> None:
        line = self.spec.index.line_of(key) if key else None
        self.problems.append(Problem(level, self.spec.path, message, line, key or None, hint))

    def error(self, key: str, message: str, hint: str | None = None) -> None:
        self._add("error", key, message, hint)

    def warn(self, key: str, message: str) -> None:
        self._add("warning", key, message)

    def check_keys(self, table: dict, allowed: set[str], where: str) -> None:
        for name in table:
            if name not in allowed:
                close = closest(name, allowed)
                hint = f"did you mean '{close}'?" if close else "stdcompare docs format"
                self.error(_join(where, name), f"unknown key '{name}'", hint)

    def enum(self, cls: type[Enum], value, key: str, default):
        if value is None:
            return default
        try:
            return cls(value)
        except ValueError:
            allowed = ", ".join(e.value for e in cls)
            self.error(key, f"'{value}' is not one of: {allowed}")
            return default

    def text(self, table: dict, name: str, where: str) -> str | None:
        value = table.get(name)
        if value is not None and not isinstance(value, str):
            self.error(_join(where, name), f"'{name}' must be a string")
            return None
        return value

    def strings(self, table: dict, name: str, where: str) -> tuple[str, ...]:
        value = table.get(name, ())
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            self.error(_join(where, name), f"'{name}' must be a list of strings")
            return ()
        return tuple(value)

    def evidence(self, table: dict, where: str) -> tuple[str, ...]:
        ids = self.strings(table, "evidence", where)
        for i, ident in enumerate(ids):
            if ident not in self.declared:
                close = closest(ident, self.declared)
                hint = f"did you mean '{close}'?" if close else "declare it under [sources]"
                self.error(f"{where}.evidence[{i}]", f"evidence '{ident}' is not declared", hint)
        return ids

    def uncertain(self, table: dict, where: str) -> str | None:
        reason = self.text(table, "uncertain", where)
        if reason is not None:
            if not reason.strip():
                self.error(_join(where, "uncertain"), "an uncertain value needs its reason")
            else:
                self.warn(_join(where, "uncertain"), f"uncertain: {reason}")
        return reason

    # parts -------------------------------------------------------------------------------

    def standard(self) -> m.Standard | None:
        d = self.spec.data
        self.check_numbers(d, "")
        self.check_keys(d, TOP_KEYS, "")
        if self.check_types(d):
            return None  # what follows reads the values as their kinds
        if d.get("format", FORMAT_VERSION) != FORMAT_VERSION:
            self.error("format", f"format {d.get('format')} is not supported (only 1)")
        for required in ("key", "edition", "designation", "kind"):
            if not d.get(required):
                self.error(
                    required,
                    f"missing '{required}'",
                    "every canonical file names key, edition, designation and kind",
                )
        sources = self.sources(d.get("sources") or {})
        families = self.families(d, "")
        std_evidence = self.evidence(d, "")
        requirements = self.requirements(d, "requirements", (), families)
        groups = tuple(
            self.group(g, f"groups[{i}]", families) for i, g in enumerate(self.tables(d, "groups"))
        )
        grades = tuple(
            self.grade(g, f"grades[{i}]", families) for i, g in enumerate(self.tables(d, "grades"))
        )
        self.check_references(groups, grades)
        fields = dict(
            kind=self.enum(m.Kind, d.get("kind"), "kind", m.Kind.PRODUCT_STANDARD),
            status=self.enum(m.Status, d.get("status"), "status", m.Status.CURRENT),
            title=self.title(d.get("title") or {}),
            body=self.text(d, "body", ""),
            region=self.text(d, "region", ""),
            issued=self.day(d, "issued"),
            effective=self.day(d, "effective"),
            supersedes=self.text(d, "supersedes", ""),
            amends=self.text(d, "amends", ""),
            grade_list=self.enum(
                m.GradeList, d.get("grade_list"), "grade_list", m.GradeList.UNKNOWN
            ),
            judgement=self.judgement(d),
            unknowns=tuple(
                self.unknown(u, f"unknowns[{i}]") for i, u in enumerate(self.tables(d, "unknowns"))
            ),
            notes=self.notes(d.get("notes") or []),
        )
        if any(p.level == "error" for p in self.problems):
            return None
        return m.Standard(
            key=d["key"],
            edition=str(d["edition"]),
            designation=d["designation"],
            **fields,
            families=families,
            requirements=requirements,
            groups=groups,
            grades=grades,
            sources=sources,
            evidence=std_evidence,
            origin=m.Origin(self.spec.path, self.spec.sha256, "toml", PARSER_NAME, PARSER_VERSION),
        )

    def check_types(self, d: dict) -> bool:
        """Whether any value is of the wrong kind for its key (each one an error)."""
        found = canonical_types.problems(d)
        for where, message, hint in found:
            self.error(where, message, hint)
        return bool(found)

    def check_numbers(self, value, where: str) -> None:
        """TOML reads `inf` and `nan` as numbers, and `1e99999999`: no limit, code or edition
        is one (a conversion of the last would overflow, and it prints a million digits)."""
        if isinstance(value, dict):
            for name, item in value.items():
                self.check_numbers(item, _join(where, str(name)))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self.check_numbers(item, f"{where}[{i}]")
        elif isinstance(value, int | Decimal) and not isinstance(value, bool):
            number = Decimal(value)
            name = re.sub(r"\[\d+\]$", "", where).rsplit(".", 1)[-1]
            if not number.is_finite():
                shown = "nan" if number.is_nan() else ("-inf" if number.is_signed() else "inf")
                self.error(where, f"'{name}' is {shown}, not a finite number", _FINITE_HINT)
            elif not _usable(number):
                self.error(
                    where,
                    f"'{name}' is {number:.2E}, past the {MAX_DIGITS} digits of any printed limit",
                    _FINITE_HINT,
                )

    def judgement(self, d: dict) -> str | None:
        value = d.get("judgement")
        if value not in (None, "rounded", "full-value"):
            self.error("judgement", f"judgement '{value}' is not 'rounded' or 'full-value'")
            return None
        return value

    def tables(self, d: dict, name: str) -> list[dict]:
        value = d.get(name) or []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.error(name, f"'{name}' must be an array of tables ([[{name}]])")
            return []
        return value

    def day(self, d: dict, name: str) -> date | None:
        value = d.get(name)
        if value is None or (isinstance(value, date) and not hasattr(value, "hour")):
            return value
        self.error(name, f"'{name}' must be a date like 2020-07-01 (no quotes)")
        return None

    def title(self, table: dict) -> dict[str, str]:
        return {lang: text for lang, text in table.items() if isinstance(text, str)}

    def notes(self, items: list) -> tuple[m.Note, ...]:
        notes = []
        for i, item in enumerate(items):
            if isinstance(item, str):
                notes.append(m.Note(item))
            elif isinstance(item, dict) and isinstance(item.get("text"), str):
                notes.append(m.Note(item["text"], item.get("where"), bool(item.get("verbatim"))))
            else:
                self.error(
                    f"notes[{i}]",
                    "a note is a string or { text = ..., where = ... }",
                    'e.g. notes = ["…"] (docs/format.md)',
                )
        return tuple(notes)

    def sources(self, table: dict) -> dict[str, m.Evidence]:
        found = {}
        for ident, spec in table.items():
            where = f"sources.{ident}"
            if not isinstance(spec, dict):
                self.error(where, "a source is a table with address and tier")
                continue
            self.check_keys(spec, SOURCE_KEYS, where)
            if not spec.get("address"):
                self.error(where, f"source '{ident}' has no address")
            tier = self.enum(m.Tier, spec.get("tier"), f"{where}.tier", None)
            if tier is None and "tier" not in spec:
                self.error(where, f"source '{ident}' has no tier")
            copy = spec.get("copy", False)
            if not isinstance(copy, bool):
                self.error(f"{where}.copy", "copy is true or false")
                copy = False
            found[ident] = m.Evidence(
                ident,
                spec.get("address", ""),
                tier or m.Tier.SECONDARY,
                _str_or_none(spec.get("describes")),
                spec.get("note"),
                copy,
            )
        return found

    def unknown(self, table: dict, where: str) -> m.Unknown:
        self.check_keys(table, {"what", "reason"}, where)
        if not table.get("what") or not table.get("reason"):
            self.error(where, "an unknown needs 'what' and 'reason'")
        self.warn(where, f"unknown: {table.get('what')} ({table.get('reason')})")
        return m.Unknown(str(table.get("what", "")), str(table.get("reason", "")))

    def families(self, table: dict, where: str) -> tuple[str, ...]:
        found = self.strings(table, "families", where)
        for i, family in enumerate(found):
            if family not in self.vocab.families:
                close = closest(family, self.vocab.families)
                hint = f"did you mean '{close}'?" if close else "see vocabulary/families.toml"
                self.error(f"{_join(where, 'families')}[{i}]", f"unknown family '{family}'", hint)
        return found

    def names(self, table: dict, where: str) -> dict[str, m.Name]:
        names = {}
        for lang, value in (table.get("names") or {}).items():
            name = self.name(value, f"{where}.names.{lang}", lang)
            if name is not None:
                names[lang] = name
        return names

    def name(self, value, where: str, lang: str) -> m.Name | None:
        if isinstance(value, str):
            return m.Name(value, lang)
        if not isinstance(value, dict) or not isinstance(value.get("text"), str):
            self.error(where, "a name is a string or { text = ..., kind = ..., evidence = [...] }")
            return None
        self.check_keys(value, NAME_KEYS, where)
        return m.Name(
            value["text"],
            value.get("lang", lang),
            self.enum(m.NameKind, value.get("kind"), f"{where}.kind", m.NameKind.OFFICIAL),
            self.evidence(value, where),
            self.uncertain(value, where),
        )

    def group(self, d: dict, where: str, families: tuple[str, ...]) -> m.Group:
        self.check_keys(d, GROUP_KEYS, where)
        if not d.get("id"):
            self.error(where, "a group needs an 'id'")
        evidence = self.evidence(d, where)
        return m.Group(
            id=str(d.get("id", "")),
            kind=self.enum(m.GroupKind, d.get("kind"), f"{where}.kind", m.GroupKind.CATEGORY),
            names=self.names(d, where),
            parent=self.text(d, "parent", where),
            families=self.families(d, where) if "families" in d else (),
            requirements=self.requirements(d, f"{where}.requirements", evidence, families),
            description=self.text(d, "description", where),
            where=self.text(d, "where", where),
            evidence=evidence,
            uncertain=self.uncertain(d, where),
        )

    def grade(self, d: dict, where: str, defaults: tuple[str, ...]) -> m.Grade:
        self.check_keys(d, GRADE_KEYS, where)
        code = d.get("code")
        if isinstance(code, int | Decimal):
            code = str(code)  # ferrous codes are numbers on paper but strings in the schema
        if not isinstance(code, str) or not code.strip():
            self.error(where, "a grade needs a 'code' (a string)")
            code = ""
        evidence = self.evidence(d, where)
        families = self.families(d, where) or defaults
        forms = self.strings(d, "forms", where)
        for i, form in enumerate(forms):
            if self.vocab.forms and form not in self.vocab.forms:
                self.error(
                    f"{where}.forms[{i}]",
                    f"unknown form '{form}'",
                    "add it to vocabulary/forms.toml",
                )
        aliases = tuple(
            n
            for i, a in enumerate(d.get("aliases") or [])
            if (n := self.name(a, f"{where}.aliases[{i}]", "en")) is not None
        )
        parameter = self.parameter(d.get("parameter"), f"{where}.parameter")
        return m.Grade(
            code=code,
            code_assigned=bool(d.get("code_assigned", False)),
            group=self.text(d, "group", where),
            names=self.names(d, where),
            aliases=aliases,
            families=families,
            forms=forms,
            mixture_of=self.strings(d, "mixture_of", where),
            parameter=parameter,
            text=self.enum(
                m.TextCompleteness, d.get("text"), f"{where}.text", m.TextCompleteness.PARTIAL
            ),
            seen_in=_str_or_none(d.get("seen_in")),
            requirements=self.requirements(d, f"{where}.requirements", evidence, families),
            description=self.text(d, "description", where),
            where=self.text(d, "where", where),
            evidence=evidence,
            uncertain=self.uncertain(d, where),
        )

    def parameter(self, table: dict | None, where: str) -> m.Parameter | None:
        if table is None:
            return None
        self.check_keys(table, {"name", "meaning"}, where)
        if not table.get("name") or not table.get("meaning"):
            self.error(where, "a parameter needs 'name' and 'meaning'", 'e.g. { name = "n", ... }')
            return None
        return m.Parameter(table["name"], table["meaning"])

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

    def check_values(self, r: dict, where: str, prop: m.Property, unit_key: str | None) -> None:
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
                if not _usable(value):
                    continue  # reported by check_numbers()
                shown = f"'{name} = {value}" + (f" {r['unit']}'" if unit is not None else "'")
                if value < 0:
                    self.error(
                        _join(where, name),
                        f"{shown} is below 0: '{prop.key}' is a {quantity}, never negative",
                        "check the sign against the source; a limit of it is 0 or more",
                    )
                elif value == 0 and name == "lt":
                    self.error(
                        _join(where, name),
                        f"{shown} allows no value: '{prop.key}' is a {quantity}, never negative",
                        _BOUNDS_HINT,
                    )
                elif percent and (share := to_canonical(value, unit)) > 100:
                    self.error(
                        _join(where, name),
                        f"{shown} is over 100 %: '{prop.key}' is a share of the mass, "
                        "at most 100 %",
                        "check the number against the source (a misplaced decimal point?)",
                    )
                elif percent and share == 100 and name == "gt":
                    self.error(
                        _join(where, name),
                        f"{shown} allows no value: '{prop.key}' is a share of the mass, "
                        "at most 100 %",
                        _BOUNDS_HINT,
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
                if _number(value) and _usable(Decimal(value)) and not lo <= value <= hi:
                    usable = False
                    self.error(
                        _join(where, name),
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
            self.error(where, f"lower bound {lo} is above upper bound {hi}", _BOUNDS_HINT)
        elif lo is not None and lo == hi and (lo_keys[0], hi_keys[0]) != ("ge", "le"):
            self.error(
                where,
                f"'{lo_keys[0]} = {lo}' and '{hi_keys[0]} = {hi}' allow no value",
                _BOUNDS_HINT + "; ge = le = x is exactly x",
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
            self.error(_join(where, name), f"'{name}' must be a number, not {value!r}")
            return None
        if not _usable(Decimal(value)):
            return None  # reported by check_numbers(); never compared or converted
        return Decimal(value)

    def numbers(self, r: dict, name: str, where: str) -> tuple[Decimal, ...]:
        value = r.get(name, [])
        if not isinstance(value, list):
            self.error(_join(where, name), f"'{name}' must be a list of numbers")
            return ()
        found = [self.number({name: v}, name, where) for v in value]
        return tuple(v for v in found if v is not None)

    def pair(self, r: dict, name: str, where: str) -> tuple[Decimal, Decimal] | None:
        if name not in r:
            return None
        values = self.numbers(r, name, where)
        if len(values) != 2 or values[0] > values[1]:
            self.error(_join(where, name), f"'{name}' must be [low, high]")
            return None
        return (values[0], values[1])

    def unit(self, r: dict, where: str, prop: m.Property | None) -> str | None:
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
        first = {}
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


def with_si(req: m.Requirement, vocab: Vocabulary) -> m.Requirement:
    """Put the canonical-unit value beside the printed one."""
    if req.unit is None or req.unit not in vocab.units:
        return req
    unit = vocab.units[req.unit]
    if unit.canonical == req.unit:
        return req

    def conv(v: Decimal | None) -> Decimal | None:
        return None if v is None else to_canonical(v, unit)

    si = m.SIValue(unit.canonical, conv(req.lo), conv(req.hi), conv(req.nominal))
    return replace(req, si=si)


def _usable(number: Decimal) -> bool:
    """Finite, and within MAX_DIGITS of the decimal point: nan raises when compared, and
    converting 1e99999999 to SI units overflows."""
    return number.is_finite() and (not number or abs(number.adjusted()) <= MAX_DIGITS)


def _number(value) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name


def _str_or_none(value) -> str | None:
    return None if value is None else str(value)


def check(spec: SpecFile, vocab: Vocabulary) -> tuple[m.Standard | None, list[Problem]]:
    """Build the Standard of one complete (non-amendment) file, with every problem found."""
    builder = _Builder(spec, vocab)
    standard = builder.standard()
    return standard, builder.problems


def type_problems(spec: SpecFile) -> list[Problem]:
    """Values of the wrong kind in one file's own data: an amendment's are checked before it
    is merged into its base (merging reads `withdraw`, `grades` and the rest as their kinds)."""
    return [
        Problem("error", spec.path, message, spec.index.line_of(where), where, hint)
        for where, message, hint in canonical_types.problems(spec.data)
    ]


def build(spec: SpecFile, vocab: Vocabulary) -> m.Standard:
    standard, problems = check(spec, vocab)
    errors = [p for p in problems if p.level == "error"]
    if errors or standard is None:
        raise errors[0].to_error()
    return standard


def load(path: Path, vocab: Vocabulary) -> m.Standard:
    """Read one complete canonical file into a Standard (raises the first error)."""
    return build(read_file(path), vocab)


# --- amendments -------------------------------------------------------------------------------


def apply_amendment(base: dict, amendment: dict) -> dict:
    """The data of a full edition: the base edition with the amendment's changes applied.

    Top-level values replace the base's; sources are added; grades and groups merge by code and
    id (fields replace, requirements replace by prop); `withdraw` removes grades.
    """
    merged = {k: v for k, v in base.items() if k not in ("supersedes", "status")}
    for name, value in amendment.items():
        if name in ("grades", "groups", "sources", "requirements", "withdraw", "notes"):
            continue
        merged[name] = value
    merged["sources"] = {**base.get("sources", {}), **amendment.get("sources", {})}
    merged["notes"] = [*base.get("notes", []), *amendment.get("notes", [])]
    merged["requirements"] = _merge_requirements(
        base.get("requirements", []), amendment.get("requirements", [])
    )
    merged["groups"] = _merge_items(base.get("groups", []), amendment.get("groups", []), "id")
    withdrawn = set(amendment.get("withdraw", []))
    grades = [g for g in base.get("grades", []) if str(g.get("code")) not in withdrawn]
    merged["grades"] = _merge_items(grades, amendment.get("grades", []), "code")
    return merged


def _merge_items(base: list[dict], changes: list[dict], ident: str) -> list[dict]:
    result = [dict(item) for item in base]
    index = {str(item.get(ident)): i for i, item in enumerate(result)}
    for change in changes:
        key = str(change.get(ident))
        if key not in index:
            result.append(change)
            continue
        target = result[index[key]]
        for name, value in change.items():
            if name == "requirements":
                target[name] = _merge_requirements(target.get(name, []), value)
            else:
                target[name] = value
    return result


def _merge_requirements(base: list[dict], changes: list[dict]) -> list[dict]:
    by_prop = {r.get("prop"): r for r in base}
    for change in changes:
        by_prop[change.get("prop")] = change
    return list(by_prop.values())
