"""A canonical file's data built into a Standard (parsers/canonical.py reads the file): its
identity, sources, notes, groups and grades, each problem collected with its key path. The
requirements and the checks across groups and grades are canonical_reqs.py's."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import model as m
from ..quantities import MAX_DIGITS
from . import canonical_types
from .canonical_reqs import RequirementReader
from .canonical_rules import (
    FINITE_HINT,
    FORMAT_VERSION,
    GRADE_KEYS,
    GROUP_KEYS,
    NAME_KEYS,
    PARSER_NAME,
    PARSER_VERSION,
    SOURCE_KEYS,
    TOP_KEYS,
    closest,
    join,
    str_or_none,
    usable_number,
)

if TYPE_CHECKING:
    pass


class Builder(RequirementReader):
    """Turns one file's data into a Standard, collecting problems with their key paths."""

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
                self.check_numbers(item, join(where, str(name)))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self.check_numbers(item, f"{where}[{i}]")
        elif isinstance(value, int | Decimal) and not isinstance(value, bool):
            number = Decimal(value)
            name = re.sub(r"\[\d+\]$", "", where).rsplit(".", 1)[-1]
            if not number.is_finite():
                shown = "nan" if number.is_nan() else ("-inf" if number.is_signed() else "inf")
                self.error(where, f"'{name}' is {shown}, not a finite number", FINITE_HINT)
            elif not usable_number(number):
                self.error(
                    where,
                    f"'{name}' is {number:.2E}, past the {MAX_DIGITS} digits of any printed limit",
                    FINITE_HINT,
                )

    def judgement(self, d: dict) -> str | None:
        value = d.get("judgement")
        if value not in (None, "rounded", "full-value"):
            self.error("judgement", f"judgement '{value}' is not 'rounded' or 'full-value'")
            return None
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
                str_or_none(spec.get("describes")),
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
                self.error(f"{join(where, 'families')}[{i}]", f"unknown family '{family}'", hint)
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
            seen_in=str_or_none(d.get("seen_in")),
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
