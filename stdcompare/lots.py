"""The trader's second question: does this lot, with this assay, meet any grade?

A lot file (docs/lot.md) gives measured values and inspection findings. Every grade of every
standard in force — and every scope of every regulation — is checked requirement by
requirement: meets, fails, or cannot determine, with the limit, the measured value and the
margin.
"""

from __future__ import annotations

import csv
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from . import model as m
from .conformity import NOT_ON_THE_LOT, combine, scopes
from .errors import SourceError
from .gaps import interval
from .quantities import MAGNITUDES, Interval, to_canonical

if TYPE_CHECKING:
    from .corpus import Corpus
    from .vocabulary import Vocabulary

MAX_LOT_BYTES = 1024 * 1024
# Past these a value is a typo or an attack, not a measurement: 1e40 of anything, or a gauge
# number whose diameter overflows (AWG 40 is 0.08 mm; AWG 60 would be under a micrometre).
MAX_EXPONENT = 30
MAX_GAUGE = 60


class Result(StrEnum):
    MEETS = "meets"
    FAILS = "fails"
    CANNOT = "cannot determine"
    NEEDS_MORE = "needs more than the lot"


@dataclass(frozen=True)
class Measured:
    value: Decimal
    unit: str | None  # as written in the lot file; None = the requirement's unit


@dataclass
class Lot:
    path: str
    values: dict[str, Measured] = field(default_factory=dict)  # prop -> measured
    findings: dict[str, bool] = field(default_factory=dict)  # contaminant -> found
    declared: str | None = None
    as_of: date | None = None
    entries: int = 0  # assay entries read (one Cu answers both content.Cu and impurity.Cu)
    family: str | None = None  # the family the lot says it is (family = "copper")


@dataclass(frozen=True)
class Check:
    requirement: m.Requirement
    measured: Measured | None
    result: Result
    margin: Decimal | None  # distance to the nearest bound, in the canonical unit; < 0 outside
    why: str


@dataclass(frozen=True)
class LotVerdict:
    standard: m.Standard
    code: str  # grade code, or scope id for a regulation
    kind: str  # "grade" | "scope"
    result: Result
    checks: tuple[Check, ...]
    held: str = "full"  # how much of the grade's definition the corpus holds (model text)
    why: str | None = None  # why the result, when no single check says it

    @property
    def worst_margin(self) -> Decimal | None:
        margins = [c.margin for c in self.checks if c.margin is not None]
        return min(margins) if margins else None


NOTHING_CHECKED = "no limit of the grade, as transcribed, was checked against this lot"


# --- reading a lot --------------------------------------------------------------------------


def read_lot(path: Path, vocab: Vocabulary) -> Lot:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(
            str(path),
            f"cannot read lot file ({exc.strerror})",
            hint="give the path of a lot file (TOML or CSV, see: stdcompare docs lot)",
        ) from None
    if len(raw) > MAX_LOT_BYTES:
        raise SourceError(
            str(path),
            "lot file is larger than 1 MiB",
            hint="a lot file holds one lot's assay and findings: check that this is one",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(
            str(path), "lot file is not UTF-8", hint="save it as UTF-8 (any spreadsheet can)"
        ) from None
    if path.suffix.lower() == ".csv":
        return _lot_from_rows(path, _csv_rows(path, text), vocab)
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(
            str(path), f"TOML syntax: {exc}", hint="the lot format: stdcompare docs lot"
        ) from None
    return _lot_from_toml(path, data, vocab)


def _csv_rows(path: Path, text: str) -> list[list[str]]:
    reader = csv.reader(text.splitlines())
    try:
        return list(reader)
    except csv.Error as exc:  # a field past the csv module's limit, a NUL, a stray quote
        raise SourceError(
            str(path), f"CSV: {exc}", line=reader.line_num, hint="one key,value,unit per line"
        ) from None


# The top level of a lot file: each key, the TOML types it may have, and what to write instead.
_SHAPE = {
    "declared": ((str,), "a grade reference", 'declared = "gbt-38471@2019:RCu-1B"'),
    "family": ((str,), "a family", 'family = "copper" (stdcompare vocabulary families)'),
    "as_of": ((date, str), "a date", "as_of = 2025-06-01"),
    "assay": ((dict,), "a table", "[assay] then one line per key: Cu = 99.3"),
    "findings": ((dict,), "a table", "[findings] then one line per key: sealed_containers = false"),
}


def _checked_shape(path: Path, data: dict) -> dict:
    """The lot file's top level, each key known and of its type: a typo or a wrong type is
    an error naming the key, never a guess (and never a traceback later)."""
    for key, value in data.items():
        if key not in _SHAPE:
            raise SourceError(
                str(path),
                f"unknown key '{key}' in a lot file",
                key=key,
                hint="a lot file has declared, as_of, [assay] and [findings] (stdcompare docs lot)",
            )
        types, noun, example = _SHAPE[key]
        if not isinstance(value, types):
            raise SourceError(str(path), f"{value!r} is not {noun}", key=key, hint=example)
    as_of = data.get("as_of")
    if isinstance(as_of, str):
        try:
            data = {**data, "as_of": date.fromisoformat(as_of)}
        except ValueError:
            raise SourceError(
                str(path), f"'{as_of}' is not a date", key="as_of", hint=_DATE_HINT
            ) from None
    return data


_DATE_HINT = "a date is written year-month-day: 2025-06-01"


def declared_grade(corpus: Corpus, lot: Lot, as_of: date):
    """(standard, grade) the lot declares: a grade of the corpus, never a file named by the
    lot — REF:CODE, or the standard as people name it and the grade's code or name ("ISRI
    Birch", "GB/T 38471-2019 RCu-1A"), never a guess; an error names the lot file."""
    from .errors import RefError
    from .query import qualified_grade

    try:
        return corpus.resolve_grade(lot.declared or "", as_of, files=False)
    except RefError as exc:
        found = qualified_grade(corpus, lot.declared or "", as_of)
        if found is not None:
            return found.standard, found.grade
        raise exc.located(lot.path, key="declared") from None


def _lot_from_toml(path: Path, data: dict, vocab: Vocabulary) -> Lot:
    data = _checked_shape(path, data)
    lot = Lot(
        str(path), declared=data.get("declared"), as_of=data.get("as_of"), family=data.get("family")
    )
    for key, value in _flatten(data.get("assay", {})).items():
        if isinstance(value, dict):
            number, unit = value.get("value"), value.get("unit")
        else:
            number, unit = value, None
        _add_value(lot, key, number, unit, vocab)
    for key, found in data.get("findings", {}).items():
        _add_finding(lot, key, found, vocab)
    return lot


def _flatten(table: dict, prefix: str = "") -> dict:
    """`wire.diameter = {value=…}` arrives nested from TOML; give it back its dotted key."""
    flat = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and "value" not in value:
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def _lot_from_rows(path: Path, rows: list[list[str]], vocab: Vocabulary) -> Lot:
    lot = Lot(str(path))
    seen: dict[str, int] = {}  # key -> the line it was first given on
    for number, row in enumerate(rows, start=1):
        if not row or row[0].strip().lower() in ("key", "") or row[0].startswith("#"):
            continue
        key, value = row[0].strip(), (row[1].strip() if len(row) > 1 else "")
        unit = row[2].strip() if len(row) > 2 and row[2].strip() else None
        if key in seen:  # two assays of one key: which to believe is not ours to guess
            raise SourceError(
                str(path),
                f"'{key}' is given twice (lines {seen[key]} and {number})",
                line=number,
                hint="keep one row per key",
            )
        seen[key] = number
        try:
            if key == "declared":
                lot.declared = value
            elif key == "family":
                lot.family = value
            elif key == "as_of":
                lot.as_of = date.fromisoformat(value)
            elif key.startswith("finding:"):
                _add_finding(lot, key.split(":", 1)[1], _yes_no(value), vocab)
            else:
                _add_value(lot, key, value, unit, vocab)
        except SourceError as exc:
            raise exc.located(str(path), line=number) from None
        except ValueError:
            raise SourceError(
                str(path), f"'{value}' is not a date", line=number, hint=_DATE_HINT
            ) from None
    return lot


_YES, _NO = ("yes", "true", "1", "found"), ("no", "false", "0", "none")


def _yes_no(text: str) -> bool:
    """A finding's value in CSV: found or not; anything else is refused, not read as 'no'."""
    word = text.strip().lower()
    if word in _YES or word in _NO:
        return word in _YES
    raise SourceError("", f"a finding is yes or no, not '{text}'", hint="write yes or no")


_NUMBER_HINT = (
    'a number, with its unit where needed: Cu = 99.5 or Cu = { value = 99.5, unit = "%" }'
)


def _add_value(lot: Lot, key: str, number, unit, vocab: Vocabulary) -> None:
    try:
        value = Decimal(str(number))
    except (InvalidOperation, ValueError):
        raise SourceError(
            lot.path, f"'{key}' needs a number, not {number!r}", hint=_NUMBER_HINT
        ) from None
    if unit is not None and vocab.unit_key(str(unit)) is None:
        raise SourceError(
            lot.path,
            f"unknown unit '{unit}' for '{key}'",
            hint="units are the keys and aliases of vocabulary/units.toml: %, ppm, mm, in, kg …",
        )
    unit_key = vocab.unit_key(str(unit)) if unit else None
    lot.entries += 1
    if key in vocab.elements:  # an element's assay answers both its content and impurity limits
        _refuse_impossible(lot.path, key, value, unit_key, "mass_fraction", vocab)
        for prop in (f"content.{key}", f"impurity.{key}"):
            lot.values[prop] = Measured(value, unit_key)
        return
    # A measured size answers the grade's limits on it either way: thickness = 5 mm is checked
    # against a minimum thickness (thickness.min) and a maximum one where a grade sets it.
    bounded = [p for p in (f"{key}.min", f"{key}.max") if vocab.property(p) is not None]
    if vocab.property(key) is None and not bounded:
        raise SourceError(
            lot.path,
            f"unknown assay key '{key}'",
            hint="use an element symbol (Cu, Pb) or a property (metal_recovery, moisture, "
            "thickness)",
        )
    props = bounded if vocab.property(key) is None else [key]
    first = vocab.property(props[0])
    quantity = first.quantity if first is not None else None
    _refuse_impossible(lot.path, key, value, unit_key, quantity, vocab)
    for prop in props:
        lot.values[prop] = Measured(value, unit_key)


def _refuse_impossible(
    path: str, key: str, value: Decimal, unit_key, quantity, vocab: Vocabulary
) -> None:
    """A measurement no lot can have: not a finite number, a magnitude below zero (as the
    canonical reader judges limits; gauges excepted: their numbers run backwards and below zero
    for the thickest sizes), or a mass fraction over 100 % (in %, or in the unit given:
    985 000 ppm is 98.5 %)."""
    unit = vocab.units.get(unit_key) if unit_key else None
    if not value.is_finite() or (value and abs(value.adjusted()) > MAX_EXPONENT):
        raise SourceError(
            path,
            f"'{key}' = {value} is not a number a lot can measure",
            hint="write the measured value as a plain number: 99.3, 0.02, 1.8",
        )
    if unit is not None and unit.gauge is not None:
        if abs(value) > MAX_GAUGE:
            raise SourceError(
                path,
                f"'{key}' = {value} {unit_key} is no wire gauge",
                hint=f"gauge numbers run from about -3 (4/0) to {MAX_GAUGE}",
            )
        return
    if quantity not in MAGNITUDES:
        return
    if value < 0:
        raise SourceError(
            path,
            f"'{key}' = {value} is below zero",
            hint="contents, sizes, masses and dose rates are never negative: check the sign",
        )
    percent = to_canonical(value, unit) if unit is not None else value
    if quantity == "mass_fraction" and percent > 100:
        shown = f"{value} {unit_key}" if unit_key else f"{value} %"
        raise SourceError(
            path,
            f"'{key}' = {shown} is over 100 %",
            hint="a content is a share of the lot's mass: check the unit (%, ppm)",
        )


def _add_finding(lot: Lot, key: str, found, vocab: Vocabulary) -> None:
    key = contaminant_key(key, vocab)
    if key not in vocab.contaminants:
        raise SourceError(
            lot.path,
            f"unknown finding '{key}'",
            hint="'stdcompare vocabulary contaminants' lists the keys and the words each takes",
        )
    if not isinstance(found, bool):  # "maybe" is not found, nor is it inspected and clean
        raise SourceError(
            lot.path,
            f"finding '{key}' is true or false, not {found!r}",
            key=f"findings.{key}",
            hint="true: found in the lot; false: inspected for, none found",
        )
    lot.findings[key] = found


def contaminant_key(word: str, vocab: Vocabulary) -> str:
    """The contaminant a finding names: its key, its English name or an alias ("sealed
    containers"), or words that name one contaminant alone ("radioactive"); else the word."""
    if word in vocab.contaminants:
        return word
    wanted = _words(word)
    exact, partial = [], []
    for key, data in vocab.contaminants.items():
        names = [key.replace("_", " "), data.get("en", ""), *data.get("aliases", ())]
        spelled = [_words(n) for n in names if n]
        if wanted in spelled:
            exact.append(key)
        elif wanted and any(wanted <= n for n in spelled):
            partial.append(key)
    found = exact or partial
    return found[0] if len(set(found)) == 1 else word


def _words(text: str) -> frozenset[str]:
    return frozenset(text.lower().replace("_", " ").replace("-", " ").split())


# --- which grades a lot is checked against -------------------------------------------------


def lot_families(lot: Lot, vocab: Vocabulary, wanted: str | None = None) -> tuple[str, ...]:
    """The families a lot is checked against: the one asked for (--family, then the lot's
    own `family`), else those whose main metal is the lot's main element — the element it
    holds most of, when that is over half the lot (95.8 % Cu: copper, its alloys, copper-bearing
    material). Empty: every grade."""
    chosen = wanted or lot.family
    if chosen:
        return (chosen,)
    main = _main_element(lot, vocab)
    if main is None:
        return ()
    table = vocab.matching.get("main_element", {})
    # Steel's main metal is total iron (TFe); a lab writes the iron it measured as Fe.
    return tuple(family for family, element in table.items() if element in (main, "T" + main))


def _main_element(lot: Lot, vocab: Vocabulary) -> str | None:
    contents = [
        (percent, prop.split(".", 1)[1])
        for prop, measured in lot.values.items()
        if prop.startswith("content.") and (percent := _as_percent(measured, vocab)) is not None
    ]
    if not contents:
        return None
    value, element = max(contents)
    return element if value > 50 else None


def _as_percent(measured: Measured, vocab: Vocabulary) -> Decimal | None:
    """A content as per cent (958 000 ppm of Cu is 95.8 %); None in a unit of another kind."""
    unit = vocab.units.get(measured.unit or "%")
    return to_canonical(measured.value, unit) if unit and unit.canonical == "%" else None


def in_families(families: tuple[str, ...], grade_families, vocab: Vocabulary) -> bool:
    """Whether a grade (or scope) of these families is one of the lot's: in or below one of
    them, or, for a scope, above one (333/2011's iron and steel covers a steel lot)."""
    if not families:
        return True
    return any(
        vocab.in_family(grade_families, f) or vocab.in_family([f], g)
        for f in families
        for g in grade_families
    )


# --- checking -------------------------------------------------------------------------------


def check_lot(
    lot: Lot,
    standards: list[m.Standard],
    vocab: Vocabulary,
    tolerance: Decimal = Decimal(0),
    families: tuple[str, ...] = (),
) -> list[LotVerdict]:
    """Every grade and scope of these standards, of the lot's families (all when empty):
    meets first, then fails — numeric near misses first, the nearest first — then cannot
    determine."""
    found: list[LotVerdict] = []
    for std, code, kind, reqs, held in _candidates(standards, vocab, families):
        verdict = _verdict(std, code, kind, reqs, lot, vocab, tolerance)
        found.append(replace(verdict, held=held) if held else verdict)
    found.sort(key=_order)
    return found


def left_out(standards: list[m.Standard], vocab: Vocabulary, families: tuple[str, ...]) -> int:
    """How many grades and scopes the lot's families leave out, counted without checking them."""
    if not families:
        return 0
    return sum(1 for _ in _candidates(standards, vocab, ())) - sum(
        1 for _ in _candidates(standards, vocab, families)
    )


def _candidates(standards: list[m.Standard], vocab: Vocabulary, families: tuple[str, ...]):
    """(standard, code, kind, requirements, how much is held) of each grade and scope of the
    families; a regulation's scopes stand for grades."""
    for std in standards:
        if std.kind.is_law:
            for scope in scopes(std):
                if in_families(families, scope.families or std.families, vocab):
                    probe = m.Grade(scope.id, group=scope.id)
                    yield std, scope.id, "scope", std.effective_requirements(probe), None
        else:
            for grade in std.grades:
                if in_families(families, grade.families, vocab):
                    reqs = std.effective_requirements(grade)
                    yield std, grade.code, "grade", reqs, grade.text.value


def _order(v: LotVerdict) -> tuple:
    rank = {Result.MEETS: 0, Result.FAILS: 1, Result.CANNOT: 2}[v.result]
    margin = v.worst_margin
    # a failure with a margin is a near miss a trader could re-grade: the nearest first
    near = (margin is None, -(margin if margin is not None else Decimal(0)))
    return (rank, *near, v.standard.ref, v.code)


def _verdict(std, code, kind, reqs, lot, vocab: Vocabulary, tolerance) -> LotVerdict:
    rounded = std.judgement == "rounded"
    checks = tuple(_check(r, lot, vocab, tolerance, rounded) for r in reqs)
    result = _overall(checks)
    # "Meets" says the lot was held to the grade. A grade of which nothing checkable is held
    # (a title only, or limits the lot does not bear on) has not been tested at all.
    if result is Result.MEETS and not any(_tested(c) for c in checks):
        return LotVerdict(std, code, kind, Result.CANNOT, checks, why=NOTHING_CHECKED)
    return LotVerdict(std, code, kind, result, checks)


def _tested(check: Check) -> bool:
    """A check the lot passed on its own evidence: a limit met by a measured value, or a
    contaminant inspected for — not a requirement that sets no limit."""
    no_limit = (m.State.NONE, m.State.SILENT, m.State.AGREEMENT)
    return check.result is Result.MEETS and check.requirement.state not in no_limit


def _check(
    req: m.Requirement, lot: Lot, vocab: Vocabulary, tolerance: Decimal, rounded: bool
) -> Check:
    if req.prop in NOT_ON_THE_LOT:
        return Check(req, None, Result.NEEDS_MORE, None, "a condition on the producer")
    if req.state is m.State.UNKNOWN:
        return Check(req, None, Result.CANNOT, None, "the limit is not public")
    if req.state in (m.State.NONE, m.State.SILENT, m.State.AGREEMENT):
        return Check(req, None, Result.MEETS, None, "no limit set")
    if req.state is m.State.FORBIDDEN:
        return _finding(req, lot)
    limit = interval(req)
    measured = lot.values.get(req.prop)
    if limit is None and req.classes and measured is not None:
        return _in_classes(req, measured, vocab)
    if limit is None:
        return Check(req, measured, Result.CANNOT, None, "a limit in words: check by hand")
    if measured is None:
        return Check(req, None, Result.CANNOT, None, "not measured in the lot")
    value = _in_canonical(measured, req, vocab)
    if value is None:
        return Check(req, measured, Result.CANNOT, None, "the lot's unit does not fit the limit")
    if rounded:
        value = _round_like(value, req)
    margin = _margin(value, limit)
    if abs(margin) <= tolerance and tolerance > 0:
        return Check(req, measured, Result.CANNOT, margin, "within the measurement tolerance")
    if limit.contains(value) and _excluded(req, value, vocab):
        return Check(req, measured, Result.FAILS, None, "inside the range the limit excludes")
    if limit.contains(value):
        return Check(req, measured, Result.MEETS, margin, "within the limit")
    if req.uncertain:  # the transcription doubts the limit itself: the failure says so
        return Check(req, measured, Result.FAILS, margin, _DOUBTED)
    return Check(req, measured, Result.FAILS, margin, "outside the limit")


_DOUBTED = "outside a limit held as uncertain: check the official text"


def _excluded(req: m.Requirement, value: Decimal, vocab: Vocabulary) -> bool:
    """A limit with a hole ("0.5 to 6 mm, but not 2 to 3 mm"): the value falls in the hole."""
    if req.exclude is None:
        return False
    lo, hi = (_canonical(n, req, vocab) for n in req.exclude)
    return lo <= value <= hi


def _in_classes(req: m.Requirement, measured: Measured, vocab: Vocabulary) -> Check:
    """Allowed values only (wire gauges 10, 12 or 14): the lot's value must be one of them."""
    value = _in_canonical(measured, req, vocab)
    if value is None:
        return Check(req, measured, Result.CANNOT, None, "the lot's unit does not fit the limit")
    allowed = {_canonical(c, req, vocab) for c in req.classes}
    if value in allowed:
        return Check(req, measured, Result.MEETS, None, "one of the allowed values")
    return Check(req, measured, Result.FAILS, None, "not one of the allowed values")


def _canonical(number: Decimal, req: m.Requirement, vocab: Vocabulary) -> Decimal:
    """A number of the requirement, in the canonical unit the lot's value is compared in."""
    unit = vocab.units.get(req.unit) if req.unit else None
    return to_canonical(number, unit) if unit is not None else number


def _finding(req: m.Requirement, lot: Lot) -> Check:
    """Must be free of it: a finding of the inspection, or — for a measured property such as
    moisture ("free of moisture") — a measured value of zero."""
    item = req.prop.split(".", 1)[-1]  # free_of.brass_bronze -> brass_bronze; moisture as is
    measured = lot.values.get(req.prop)
    if item not in lot.findings and measured is not None:
        if measured.value == 0:
            return Check(req, measured, Result.MEETS, None, "measured none")
        return Check(req, measured, Result.FAILS, None, "measured in the lot; must be free of it")
    if item not in lot.findings:
        return Check(req, None, Result.CANNOT, None, "not inspected for")
    if lot.findings[item]:
        return Check(req, None, Result.FAILS, None, "found in the lot")
    return Check(req, None, Result.MEETS, None, "inspected, none found")


def _in_canonical(measured: Measured, req: m.Requirement, vocab: Vocabulary) -> Decimal | None:
    unit_key = measured.unit or req.unit
    if unit_key is None or unit_key not in vocab.units:
        return measured.value
    unit = vocab.units[unit_key]
    wanted = req.si.unit if req.si else (vocab.units[req.unit].canonical if req.unit else None)
    if wanted is not None and unit.canonical != wanted:
        return None
    return to_canonical(measured.value, unit)


def _round_like(value: Decimal, req: m.Requirement) -> Decimal:
    """GB/T 8170 rounded-value comparison: round to the limit's printed precision."""
    bound = req.lo if req.lo is not None else req.hi
    if bound is None:
        return value
    exponent = bound.as_tuple().exponent
    return value.quantize(Decimal(1).scaleb(exponent)) if isinstance(exponent, int) else value


def _margin(value: Decimal, limit: Interval) -> Decimal:
    """How far inside (positive) or outside (negative) the nearest bound the value lies."""
    distances = []
    if limit.lo is not None:
        distances.append(value - limit.lo)
    if limit.hi is not None:
        distances.append(limit.hi - value)
    return min(distances) if distances else Decimal(0)


def _overall(checks: tuple[Check, ...]) -> Result:
    pairs = [(c.requirement.one_of, c.result) for c in checks]
    return combine(pairs, Result.MEETS, Result.FAILS, Result.CANNOT, Result.NEEDS_MORE)


@dataclass(frozen=True)
class LotCheck:
    """A lot against every grade and scope it was checked against (`stdcompare check`)."""

    lot: Lot
    as_of: date
    declared: LotVerdict | None  # the grade the lot declares, checked first
    families: tuple[str, ...]
    left_out: int  # grades and scopes of other families, not checked
    verdicts: tuple[LotVerdict, ...]
