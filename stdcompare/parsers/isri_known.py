"""What the corpus knows of the ISRI circular (its code words, their families and sections,
every English word of the corpus), read through the vocabulary: parsers/isri.py."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary


# --- what the bundled corpus knows ------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    parent: str | None
    families: tuple[str, ...] = ()


@dataclass
class Known:
    """Code words, section titles and English words of the bundled circular editions."""

    codes: dict[str, tuple[str, ...]] = field(default_factory=dict)  # code -> families
    code_section: dict[str, str] = field(default_factory=dict)  # code -> printed section id
    sections: dict[str, Section] = field(default_factory=dict)  # normalised title -> section
    words: frozenset[str] = frozenset()
    run_on: re.Pattern | None = None  # a known code word heading inside a line of text


# Printed headings of the circular that no bundled edition holds as a group (layout notes 1.2).
_LAYOUT_SECTIONS = {
    "magnesium": "nonferrous",
    "other": "nonferrous",
    "general information": None,  # belongs to whichever guideline is current
    "electric furnace casting and foundry grades": "ferrous",
    "specially processed grades": "ferrous",
    "cast iron grades": "ferrous",
    "special boring grades": "ferrous",
    "steel from scrap tires": "ferrous",
}


def norm_title(text: str) -> str:
    """A section title for comparison: no edition id ("NF-2022"), no case, no punctuation."""
    text = re.sub(r"\b(?:nf|fs)-\d{4}\b", " ", text.lower())
    return " ".join(re.findall(r"[a-z0-9]+", text))


@lru_cache(maxsize=4)
def known_for(vocab: Vocabulary) -> Known:
    """What the corpus beside the vocabulary knows of the circular: its code words, their
    families and sections, and every English word of the corpus (read by the vocabulary,
    Vocabulary.corpus_tables: a parser opens only its document)."""
    tables = vocab.corpus_tables()
    return _known(tables, vocab)


def _known(tables: tuple[tuple[str, dict], ...], vocab: Vocabulary) -> Known:
    # Newest edition first: its groups and families win over older ones.
    datas = [d for path, d in reversed(tables) if path.startswith("isri/") and d]
    words: set[str] = set()
    for _, data in tables:
        _collect_words(data, words)
    known = Known(words=frozenset(words | _vocab_words(vocab)))
    groups: dict[str, dict] = {}
    for data in datas:
        for group in data.get("groups", []) or []:
            if isinstance(group, dict) and isinstance(group.get("id"), str):
                groups.setdefault(group["id"], group)
    grade_families: dict[str, list[tuple[str, ...]]] = {}
    for data in datas:
        default = tuple(data.get("families", []) or ())
        for grade in data.get("grades", []) or []:
            code = grade.get("code") if isinstance(grade, dict) else None
            if not isinstance(code, str | int):
                continue
            families = tuple(grade.get("families", []) or ()) or default
            section = _section_of(grade.get("group"), groups)
            if known.codes.get(str(code)):
                continue  # a newer edition (or amendment without families) does not erase it
            known.codes[str(code)] = families
            if section:
                known.code_section[str(code)] = section
                grade_families.setdefault(section, []).append(families)
    known.run_on = _run_on_pattern(known.codes)
    for ident, group in groups.items():
        if group.get("kind") != "section":
            continue
        title = _name_text(group.get("names", {}).get("en"))
        families = _common_families(_subtree_families(ident, groups, grade_families), vocab)
        known.sections[norm_title(title)] = Section(ident, title, group.get("parent"), families)
    return known


def _name_text(value) -> str:
    if isinstance(value, dict):
        return str(value.get("text", ""))
    return value if isinstance(value, str) else ""


def _section_of(group_id, groups: dict[str, dict]) -> str | None:
    seen = set()
    while isinstance(group_id, str) and group_id in groups and group_id not in seen:
        seen.add(group_id)
        if groups[group_id].get("kind") == "section":
            return group_id
        group_id = groups[group_id].get("parent")
    return None


def _subtree_families(ident, groups, grade_families) -> list[tuple[str, ...]]:
    found = list(grade_families.get(ident, []))
    for child, group in groups.items():
        if group.get("parent") == ident and child != ident and group.get("kind") == "section":
            found += _subtree_families(child, groups, grade_families)
    return found


def _common_families(lists: list[tuple[str, ...]], vocab: Vocabulary) -> tuple[str, ...]:
    """Families (lifted to the level below non-ferrous / ferrous) held by a third of the grades."""
    counts = Counter(f for fams in lists for f in {_lift(x, vocab) for x in fams})
    need = len(lists) / 3
    return tuple(sorted(f for f, n in counts.items() if n >= need)) if lists else ()


def _lift(family: str, vocab: Vocabulary) -> str:
    chain = vocab.family_ancestors(family)
    return chain[-3] if len(chain) >= 3 else family


def _collect_words(value, words: set[str]) -> None:
    if isinstance(value, str):
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", value))
    elif isinstance(value, dict):
        for item in value.values():
            _collect_words(item, words)
    elif isinstance(value, list):
        for item in value:
            _collect_words(item, words)


def _vocab_words(vocab: Vocabulary) -> set[str]:
    words: set[str] = set()
    for table in (vocab.contaminants, vocab.elements, vocab.forms, vocab.families):
        _collect_words(table, words)
    return words


def _run_on_pattern(codes) -> re.Pattern | None:
    words = "|".join(re.escape(c) for c in sorted(codes, key=len, reverse=True) if c)
    if not words:
        return None
    return re.compile(rf"(?<=[.;:]) (?=(?:{words}) [A-Z0-9][A-Z0-9.,&/'\- ]{{3}})")
