"""The vocabulary: properties, units, elements, families, forms, contaminants, zh↔en terms and
rank markers, loaded from ``standards/vocabulary/*.toml``. Data, not literals in the code."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property, lru_cache
from pathlib import Path

from .errors import SourceError
from .quantities import Unit


@dataclass(frozen=True)
class Property:
    key: str
    en: str
    zh: str
    quantity: str  # mass_fraction | length | density | mass | dose_rate | none
    limits: str
    decisive: bool
    aspect: str | None = None


class Vocabulary:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    FILES = (
        "elements",
        "families",
        "forms",
        "contaminants",
        "terms",
        "ranks",
        "matching",
        "properties",
        "units",
        "trade",
        "sources",
        "interface",
        "phrases",
    )

    def _load(self, name: str) -> dict:
        if name in self._raw:
            return self._raw[name]
        import tomllib  # a cached run restores the words without reading TOML

        path = self.folder / f"{name}.toml"
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            data = {}
        except tomllib.TOMLDecodeError as exc:
            raise SourceError(
                str(path),
                f"vocabulary file is not valid TOML ({exc})",
                hint="fix the file's syntax; the bundled vocabulary is in standards/vocabulary/",
            ) from None
        self._raw[name] = data
        return data

    @cached_property
    def _raw(self) -> dict[str, dict]:
        return {}

    def corpus_tables(self) -> tuple[tuple[str, dict], ...]:
        """Every canonical file of the corpus this vocabulary belongs to (the folder beside
        it), read raw: (path relative to that folder, data), in path order. Parsers learn the
        corpus's codes and words from these (the ISRI parser: the known code words and the
        circular's sections) without opening a file other than their document."""
        return _tables(self.folder.parent)

    def snapshot(self) -> dict[str, dict]:
        """Every vocabulary file as read, for the parse cache (its key covers their bytes)."""
        return {name: self._load(name) for name in self.FILES}

    def restore(self, raw: dict[str, dict]) -> None:
        for name, data in raw.items():
            self._raw.setdefault(name, data)

    # --- tables ------------------------------------------------------------------------------

    def publisher_host(self, host: str) -> bool:
        """Whether `host` is a publisher's own (vocabulary/sources.toml), not a third party's."""
        hosts = self._load("sources").get("publishers", {}).get("hosts", [])
        return any(host == h or host.endswith(f".{h}") for h in hosts)

    @property
    def interface(self) -> dict:
        """The interface's own words in English and Chinese (vocabulary/interface.toml)."""
        return self._load("interface")

    @property
    def phrases(self) -> dict:
        """The words parsers read around a number or a list: bounds, free-of, by agreement
        (vocabulary/phrases.toml; parsers/toolkit/phrases.py compiles them)."""
        return self._load("phrases")

    @property
    def trade(self) -> dict:
        """Trade words for held aliases and blends of them (vocabulary/trade.toml)."""
        return self._load("trade")

    @cached_property
    def elements(self) -> dict[str, dict]:
        return self._load("elements").get("elements", {})

    @cached_property
    def families(self) -> dict[str, dict]:
        return self._load("families").get("families", {})

    @cached_property
    def forms(self) -> dict[str, dict]:
        return self._load("forms").get("forms", {})

    @cached_property
    def contaminants(self) -> dict[str, dict]:
        return self._load("contaminants").get("contaminants", {})

    @cached_property
    def terms(self) -> dict[str, list[str]]:
        return self._load("terms").get("terms", {})

    @cached_property
    def matching(self) -> dict:
        """Weights and thresholds of the matcher (vocabulary/matching.toml)."""
        return self._load("matching")

    @cached_property
    def spellings(self) -> dict[str, str]:
        """Spelling variants folded to one form before names are compared (aluminum)."""
        return self._load("terms").get("spellings", {})

    @cached_property
    def ranks(self) -> dict:
        return self._load("ranks").get("ranks", {})

    @cached_property
    def _properties(self) -> dict:
        return self._load("properties")

    @cached_property
    def units(self) -> dict[str, Unit]:
        data = self._load("units")
        found: dict[str, Unit] = {}
        for key, spec in data.get("units", {}).items():
            found[key] = Unit(key, spec["quantity"], spec["canonical"], Decimal(spec["factor"]))
        for key, spec in data.get("gauges", {}).items():
            shape = tuple(Decimal(spec[k]) for k in ("base_mm", "ratio", "steps", "origin"))
            found[key] = Unit(key, spec["quantity"], spec["canonical"], gauge=shape)
        return found

    @cached_property
    def _unit_aliases(self) -> dict[str, str]:
        data = self._load("units")
        table: dict[str, str] = {}
        for section in ("units", "gauges"):
            for key, spec in data.get(section, {}).items():
                for alias in [key, *spec.get("aliases", [])]:
                    table[alias.lower()] = key
        return table

    # --- look-ups ----------------------------------------------------------------------------

    def unit_key(self, word: str) -> str | None:
        """The unit key for a printed unit word ("inches", "lb/cu ft", "％"), or None."""
        return self._unit_aliases.get(word.strip().lower())

    def property(self, key: str) -> Property | None:
        """The property for a requirement's `prop` key, filling pattern keys from their tables."""
        fixed = self._properties.get("properties", {}).get(key)
        if fixed is not None:
            return _property(key, fixed, {})
        for pattern, spec in self._properties.get("patterns", {}).items():
            prefix = pattern.split("{", 1)[0]
            if not key.startswith(prefix):
                continue
            item = key[len(prefix) :]
            table = getattr(self, spec["vocabulary"])
            if item in table:
                name = table[item]
                return _property(
                    key, spec, {"en": name.get("en", item), "zh": name.get("zh", item)}
                )
        return None

    def table(self, name: str) -> dict:
        """One table of keys for people to read (`stdcompare vocabulary`): contaminants,
        families, elements, forms, or the fixed property keys (patterns such as
        content.{element} take the element keys)."""
        if name == "properties":
            return self._properties.get("properties", {})
        return {
            "contaminants": self.contaminants,
            "families": self.families,
            "elements": self.elements,
            "forms": self.forms,
        }[name]

    def property_keys(self) -> list[str]:
        return sorted(self._properties.get("properties", {}))

    def in_family(self, families, wanted: str) -> bool:
        """Whether any of these families is `wanted` or a family below it."""
        return any(wanted in self.family_ancestors(f) for f in families)

    def family_ancestors(self, family: str) -> list[str]:
        """The family and every family above it, nearest first."""
        known = self._ancestors.get(family)
        if known is None:
            chain: list[str] = []
            current = family
            while current in self.families and current not in chain:
                chain.append(current)
                current = self.families[current].get("parent", "")
            known = self._ancestors[family] = tuple(chain)
        return list(known)

    @cached_property
    def _ancestors(self) -> dict[str, tuple[str, ...]]:
        return {}

    def normalise_rank(self, text: str) -> str:
        """Rewrite every rank marker ("No. 1", "#1", "1号", "Nr.1") to one form: "no1"."""
        return _rank_pattern(
            tuple(self.ranks.get("prefixes", ())), tuple(self.ranks.get("suffixes", ()))
        )(text)


def _property(key: str, spec: dict, names: dict[str, str]) -> Property:
    return Property(
        key=key,
        en=spec["en"].format(element=names.get("en"), contaminant=names.get("en")),
        zh=spec["zh"].format(element=names.get("zh"), contaminant=names.get("zh")),
        quantity=spec["quantity"],
        limits=spec["limits"],
        decisive=bool(spec.get("decisive", False)),
        aspect=spec.get("aspect"),
    )


@lru_cache(maxsize=8)
def _rank_pattern(prefixes: tuple[str, ...], suffixes: tuple[str, ...]):
    pre = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
    suf = "|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True))
    before = re.compile(rf"(?<![A-Za-z])(?:{pre})\s*(\d+)(?!\d)", re.IGNORECASE)
    after = re.compile(rf"(?<![\d.])(\d+)\s*(?:{suf})")

    def rewrite(text: str) -> str:
        text = before.sub(lambda m: f"no{int(m.group(1))}", text)
        return after.sub(lambda m: f"no{int(m.group(1))}", text)

    return rewrite


@lru_cache(maxsize=8)
def load_vocabulary(folder: Path) -> Vocabulary:
    return Vocabulary(folder)


@lru_cache(maxsize=4)
def _tables(folder: Path) -> tuple[tuple[str, dict], ...]:
    """Read once per corpus folder; a file that does not read is left to `validate`."""
    import tomllib

    found = []
    for path in sorted(folder.rglob("*.toml")) if folder.is_dir() else []:
        try:
            with path.open("rb") as fh:
                found.append((path.relative_to(folder).as_posix(), tomllib.load(fh)))
        except (OSError, tomllib.TOMLDecodeError):
            continue
    return tuple(found)
