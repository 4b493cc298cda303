"""The common schema: the one place where a standard, its grades and requirements are defined.

Parsers produce these objects; the matcher, differ, checker and renderers read them. Everything
is a frozen dataclass, so a loaded corpus cannot be changed behind anyone's back. Numbers are
`Decimal`, so a limit printed as ``93.0`` keeps its precision.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from decimal import Decimal
from enum import StrEnum


class State(StrEnum):
    """What a source says about one property. The six states are never interchangeable."""

    STATED = "stated"  # a limit is given
    FORBIDDEN = "forbidden"  # the material must be free of it
    NONE = "none"  # the source explicitly sets no requirement (a GB/T "—" cell)
    AGREEMENT = "agreement"  # left to buyer and seller
    SILENT = "silent"  # the source says nothing
    UNKNOWN = "unknown"  # the source says something we could not read or find


class Tier(StrEnum):
    """How close a piece of evidence is to the official text."""

    OFFICIAL = "official"  # the text itself, or a faithful reproduction
    STANDARDS_BODY = "standards-body"  # the issuing body's own page or notice
    TRADE_PRESS = "trade-press"
    TRADER = "trader"  # a dealer's page quoting the text
    TRANSLATION = "translation"  # someone's translation (names, tables)
    SECONDARY = "secondary"  # blogs, training material, encyclopaedias


class Kind(StrEnum):
    PRODUCT_STANDARD = "product-standard"
    TRADE_SPECIFICATION = "trade-specification"
    REGULATION = "regulation"
    DIRECTIVE = "directive"  # an EU directive: law as a regulation is, binding through states
    DECISION = "decision"  # an EU decision: law, binding on those it is addressed to
    # What the Official Journal's C series publishes (a Commission notice, a communication,
    # guidelines): it explains the law and binds no one, so its scopes are never conformity.
    NOTICE = "notice"
    # A committee's proposal written by `stdcompare harmonise --to-toml`: the common ground of
    # several systems' grades, graded like a product standard, never law.
    HARMONISED_DRAFT = "harmonised-draft"

    @property
    def is_law(self) -> bool:
        """A regulation, a directive or a decision: its scopes are checked for conformity,
        never paired with grades."""
        return self in (Kind.REGULATION, Kind.DIRECTIVE, Kind.DECISION)


class Status(StrEnum):
    CURRENT = "current"
    SUPERSEDED = "superseded"
    DRAFT = "draft"
    WITHDRAWN = "withdrawn"


class GradeList(StrEnum):
    """How much of a standard's list of grades the corpus holds."""

    COMPLETE = "complete"
    PARTIAL = "partial"  # a missing grade is "not transcribed", never "withdrawn"
    UNKNOWN = "unknown"


class TextCompleteness(StrEnum):
    """How much of one grade's definition the corpus holds."""

    FULL = "full"
    PARTIAL = "partial"  # a limit missing from a partial text is unknown, not silent
    TITLE_ONLY = "title-only"
    NOT_FOUND = "not-found"


class GroupKind(StrEnum):
    CATEGORY = "category"
    SECTION = "section"
    SCOPE = "scope"  # a regulation's scope: compared as conformity, never matched


class NameKind(StrEnum):
    OFFICIAL = "official"
    TRADE = "trade"
    TRANSLATION = "translation"
    MISSPELLING = "misspelling"


class Strength(StrEnum):
    SHALL = "shall"
    SHOULD = "should"


class Consequence(StrEnum):
    REJECT = "reject"
    DEDUCT = "deduct"
    PRICE = "price"


class _Compact:
    """Pickles only the fields that differ from their defaults.

    The parse cache holds every requirement of the corpus, most of whose two dozen fields keep
    their defaults; leaving those out halves the time to read the cache back. A field left out
    reads as its default from the class attribute the dataclass keeps for it.
    """

    __slots__ = ()

    def __getstate__(self) -> dict:
        defaults = _plain_defaults(type(self))
        return {
            k: v
            for k, v in self.__dict__.items()
            if not k.startswith("_") and not _same(defaults.get(k, MISSING), v)
        }  # "_" names are memos (Standard's lookup index), never fields: worked out again

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)


_DEFAULTS: dict[type, dict] = {}


def _plain_defaults(cls: type) -> dict:
    found = _DEFAULTS.get(cls)
    if found is None:  # default_factory fields have no class attribute: always kept
        found = {f.name: f.default for f in fields(cls) if f.default is not MISSING}
        _DEFAULTS[cls] = found
    return found


def _same(default, value) -> bool:
    return default is value or (type(default) is type(value) and default == value)


@dataclass(frozen=True)
class Evidence(_Compact):
    """A source, declared once per standard and cited by id."""

    id: str
    address: str
    tier: Tier
    describes: str | None = None  # the edition the source describes
    note: str | None = None
    copy: bool = False  # a faithful copy of an official text on a third party's host


@dataclass(frozen=True)
class Name(_Compact):
    """A name or alias of a grade, in one language, with where it came from."""

    text: str
    lang: str = "en"
    kind: NameKind = NameKind.OFFICIAL
    evidence: tuple[str, ...] = ()
    uncertain: str | None = None


@dataclass(frozen=True)
class SIValue(_Compact):
    """The canonical-unit value beside a printed one (inches -> mm, lb/ft³ -> kg/m³, AWG -> mm)."""

    unit: str
    lo: Decimal | None = None
    hi: Decimal | None = None
    nominal: Decimal | None = None


@dataclass(frozen=True)
class Requirement(_Compact):
    """One property's requirement: a bound, a prohibition, or an explicit absence of one."""

    prop: str
    state: State = State.STATED
    lo: Decimal | None = None
    lo_inclusive: bool = True
    hi: Decimal | None = None
    hi_inclusive: bool = True
    nominal: Decimal | None = None
    approx: bool = False
    exclude: tuple[Decimal, Decimal] | None = None
    classes: tuple[Decimal, ...] = ()
    dims: tuple[Decimal, ...] = ()
    unit: str | None = None
    si: SIValue | None = None
    basis: str | None = None
    qualifier: str | None = None
    strength: Strength = Strength.SHALL
    consequence: Consequence = Consequence.REJECT
    negotiable: bool = False
    one_of: str | None = None  # requirements sharing this label are alternatives: one suffices
    uncertain: str | None = None
    text: str | None = None
    where: str | None = None
    evidence: tuple[str, ...] = ()

    @property
    def numbers(self) -> tuple[Decimal, ...]:
        """Every number this requirement states (each must be backed by evidence)."""
        found = [self.lo, self.hi, self.nominal, *(self.exclude or ()), *self.classes, *self.dims]
        return tuple(n for n in found if n is not None)

    @property
    def is_numeric(self) -> bool:
        return bool(self.numbers)


@dataclass(frozen=True)
class Parameter(_Compact):
    """A number that completes a grade's name: Zorba *n* = approximate % non-ferrous metal."""

    name: str
    meaning: str


@dataclass(frozen=True)
class Group(_Compact):
    """A scope, category or section whose requirements its grades inherit."""

    id: str
    kind: GroupKind = GroupKind.CATEGORY
    names: dict[str, Name] = field(default_factory=dict)
    parent: str | None = None
    families: tuple[str, ...] = ()  # for a regulation's scope: which material it covers
    requirements: tuple[Requirement, ...] = ()
    description: str | None = None
    where: str | None = None
    evidence: tuple[str, ...] = ()
    uncertain: str | None = None


@dataclass(frozen=True)
class Grade(_Compact):
    code: str
    code_assigned: bool = False
    group: str | None = None
    names: dict[str, Name] = field(default_factory=dict)
    aliases: tuple[Name, ...] = ()
    families: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    mixture_of: tuple[str, ...] = ()
    parameter: Parameter | None = None
    text: TextCompleteness = TextCompleteness.PARTIAL
    seen_in: str | None = None
    requirements: tuple[Requirement, ...] = ()
    description: str | None = None
    where: str | None = None
    evidence: tuple[str, ...] = ()
    uncertain: str | None = None

    def name(self, lang: str = "en") -> str | None:
        found = self.names.get(lang)
        return found.text if found else None


@dataclass(frozen=True)
class Unknown(_Compact):
    """Something the corpus knows it does not have, said out loud."""

    what: str
    reason: str


@dataclass(frozen=True)
class Note(_Compact):
    """Text that did not become structure. `verbatim` marks a source's own words (parser drafts)."""

    text: str
    where: str | None = None
    verbatim: bool = False

    @classmethod
    def source_words(cls, text: str, where: str | None) -> Note:
        """Note(text, where, verbatim=True), made without the dataclass __init__, which sets
        each field of a frozen instance through object.__setattr__: a parser makes one per
        paragraph, thousands for a long act, and this takes half the time. The instance is
        the same (equal, same hash, same pickle)."""
        note = object.__new__(cls)
        note.__dict__.update(text=text, where=where, verbatim=True)
        return note


@dataclass(frozen=True)
class Origin(_Compact):
    """The file a standard was read from."""

    file: str
    sha256: str
    format: str
    parser: str
    parser_version: str


@dataclass(frozen=True)
class Standard(_Compact):
    key: str
    edition: str
    designation: str
    kind: Kind
    status: Status = Status.CURRENT
    title: dict[str, str] = field(default_factory=dict)
    body: str | None = None
    region: str | None = None
    issued: date | None = None
    effective: date | None = None
    supersedes: str | None = None
    amends: str | None = None
    grade_list: GradeList = GradeList.UNKNOWN
    families: tuple[str, ...] = ()
    # How a measured value is judged against a limit: "rounded" (GB/T 8170: round to the
    # limit's precision first) or "full-value"; None where the source does not say.
    judgement: str | None = None
    requirements: tuple[Requirement, ...] = ()
    groups: tuple[Group, ...] = ()
    grades: tuple[Grade, ...] = ()
    sources: dict[str, Evidence] = field(default_factory=dict)
    evidence: tuple[str, ...] = ()
    unknowns: tuple[Unknown, ...] = ()
    notes: tuple[Note, ...] = ()
    origin: Origin | None = None

    @property
    def ref(self) -> str:
        return f"{self.key}@{self.edition}"

    def grade(self, code: str) -> Grade:
        """The grade with this code; a clear error, with the nearest codes, when there is none
        (find_grade returns None instead)."""
        found = self.find_grade(code)
        if found is None:
            from difflib import get_close_matches

            from .errors import RefError

            codes = [g.code for g in self.grades]
            near = get_close_matches(code, codes, n=3, cutoff=0.5)
            hint = f"did you mean {', '.join(near)}?" if near else f"{len(codes)} grades held"
            if self.grade_list is not GradeList.COMPLETE:
                hint += f" ({self.ref}'s list of grades is held {self.grade_list.value})"
            raise RefError(f"{self.ref} has no grade '{code}'", hint)
        return found

    def find_grade(self, code: str) -> Grade | None:
        return self._lookup().grades.get(code)

    def __repr__(self) -> str:
        """Short, for a notebook: the whole dataclass would print every grade."""
        return f"<Standard {self.ref} {self.designation!r}: {len(self.grades)} grades>"

    def group(self, group_id: str | None) -> Group | None:
        return self._lookup().groups.get(group_id)

    def group_chain(self, grade: Grade) -> list[Group]:
        """The grade's group and its ancestors, outermost first."""
        return list(self._lookup().chain(grade.group))

    def effective_requirements(self, grade: Grade) -> tuple[Requirement, ...]:
        """Standard ∪ groups ∪ grade, by prop; the narrower level overrides the wider."""
        lookup = self._lookup()
        if self.grades and lookup.grades.get(grade.code) is grade:
            found = lookup.effective.get(grade.code)
            if found is None:
                found = lookup.effective[grade.code] = _effective(lookup, grade)
            return found
        return _effective(lookup, grade)  # a probe (a scope's criteria) or another's grade

    def _lookup(self) -> _Lookup:
        """Groups by id and grades by code, made on first use and kept on the instance (under
        a "_" name, which pickling leaves out and equality never sees): a scan of the groups
        at every step up a chain made a chain of a thousand groups take minutes."""
        found = self.__dict__.get("_index")
        if found is None:
            found = _Lookup(self)
            object.__setattr__(self, "_index", found)
        return found


def _effective(lookup: _Lookup, grade: Grade) -> tuple[Requirement, ...]:
    merged = dict(lookup.inherited(grade.group))
    for req in grade.requirements:
        merged[req.prop] = req
    return tuple(r for r in merged.values() if r.state is not State.SILENT)


class _Lookup:
    """A standard's groups and grades by key, and what each group passes down, worked out once.

    The first of two groups (or grades) with one id wins, as a scan in order would find it; a
    chain stops where it meets a group it already holds, so a cycle (refused by the canonical
    reader, but a parser's draft may hold one) cannot hang it."""

    def __init__(self, std: Standard) -> None:
        self.std = std
        self.groups: dict[str | None, Group] = {}
        for group in std.groups:
            self.groups.setdefault(group.id, group)
        self.grades: dict[str, Grade] = {}
        for grade in std.grades:
            self.grades.setdefault(grade.code, grade)
        self.effective: dict[str, tuple[Requirement, ...]] = {}
        self._chains: dict[str | None, tuple[Group, ...]] = {}
        self._inherited: dict[str | None, dict[str, Requirement]] = {}

    def chain(self, group_id: str | None) -> tuple[Group, ...]:
        """The group and its ancestors, outermost first (memoised by group id)."""
        found = self._chains.get(group_id)
        if found is None:
            chain: list[Group] = []
            seen: set[str] = set()
            current = self.groups.get(group_id)
            while current is not None and current.id not in seen:
                seen.add(current.id)
                chain.append(current)
                current = self.groups.get(current.parent)
            found = self._chains[group_id] = tuple(reversed(chain))
        return found

    def inherited(self, group_id: str | None) -> dict[str, Requirement]:
        """The standard's requirements overridden by those of each group down the chain."""
        found = self._inherited.get(group_id)
        if found is None:
            found = {r.prop: r for r in self.std.requirements}
            for group in self.chain(group_id):
                for req in group.requirements:
                    found[req.prop] = req
            self._inherited[group_id] = found
        return found
