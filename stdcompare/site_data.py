"""The trader's site as data: every grade of every edition with its matches in each other
system, its conformity with the regulations, and a search index that understands what
`lookup` understands — built once, rendered by render/site.py, written by api.site.

Matches come from one comparison per pair of (edition, standard in force of another key), the
same computation `compare` and `lookup` read; a grade's best matches in a standard are that
comparison's pairs of the grade, best first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import model as m
from .changes import ChangeSet, diff
from .conformity import check_against
from .match import compare_standards
from .match.names import Normaliser, grade_names
from .recognition import Recognition, recognise
from .results import Pair, Verdict

if TYPE_CHECKING:
    from .corpus import Corpus

SHOWN = 3  # matches shown per other standard on a grade page
_RANKED = (Verdict.EQUIVALENT, Verdict.COMPARABLE, Verdict.RELATED)


@dataclass
class GradePage:
    standard: m.Standard
    grade: m.Grade
    in_force: bool
    matches: dict[str, list[Pair]] = field(default_factory=dict)  # other standard's ref → pairs
    conformity: list = field(default_factory=list)

    @property
    def path(self) -> str:
        return grade_path(self.standard, self.grade.code)


@dataclass
class Site:
    as_of: str
    standards: list[m.Standard]  # every edition, keys in order, newest edition first
    in_force: set[str]  # refs of the editions in force
    grades: list[GradePage]
    index: list[dict]  # the search index (see _entries)
    terms: dict[str, str]  # the glossary: a Chinese term → its English rendering
    pairs: dict[tuple[str, str], list[Pair]] = field(default_factory=dict)  # in force, ranked
    diffs: list[ChangeSet] = field(default_factory=list)  # each edition against the one before
    recognition: dict[str, Recognition] = field(default_factory=dict)  # family → matrix


def slug(text: str) -> str:
    """A file name for any code or reference, ASCII and reversible: other characters as _xx."""
    return re.sub(
        r"[^A-Za-z0-9.-]", lambda c: "".join(f"_{b:02x}" for b in c[0].encode("utf-8")), text
    )


def grade_path(std: m.Standard, code: str) -> str:
    return f"grade/{slug(std.ref)}/{slug(code)}.html"


def standard_path(std: m.Standard) -> str:
    return f"standard/{slug(std.ref)}.html"


def pair_path(ref_a: str, ref_b: str) -> str:
    return f"pair/{slug(ref_a)}--{slug(ref_b)}.html"


def diff_path(changes: ChangeSet) -> str:
    return f"diff/{slug(changes.old.ref)}--{slug(changes.new.edition)}.html"


def recognition_path(family: str) -> str:
    return f"family/{slug(family)}-recognition.html"


def build(corpus: Corpus) -> Site:
    vocab = corpus.vocabulary
    editions = [s for k in corpus.standard_keys() for s in _newest_first(corpus.editions(k))]
    force = {s.ref for k in corpus.standard_keys() if (s := corpus.in_force(k))}
    graded_force = [s for s in editions if s.ref in force and not s.kind.is_law]
    rules = [s for s in editions if s.ref in force and s.kind.is_law]
    pages = []
    ranked: dict[tuple[str, str], list[Pair]] = {}
    for std in editions:
        if std.kind.is_law:
            continue
        mine = [GradePage(std, g, std.ref in force) for g in std.grades]
        _add_matches(mine, std, graded_force, corpus, ranked if std.ref in force else None)
        for page in mine:
            page.conformity = check_against(vocab, std, page.grade, rules)
        pages += mine
    site = Site(
        corpus.as_of.isoformat(), editions, force, pages, _entries(corpus, pages), _terms(corpus)
    )
    site.pairs = {k: v for k, v in ranked.items() if v}
    site.diffs = _diffs(corpus, editions)
    site.recognition = _recognition(corpus, pages)
    return site


def _diffs(corpus: Corpus, editions: list[m.Standard]) -> list[ChangeSet]:
    """Each edition against the one before it (drafts aside), for the standard's page."""
    found = []
    for key in corpus.standard_keys():
        chain = [s for s in corpus.editions(key) if s.status is not m.Status.DRAFT]
        chain.sort(key=lambda s: s.edition)
        found += [
            diff(old, new, corpus.vocabulary) for old, new in zip(chain, chain[1:], strict=False)
        ]
    return found


def _recognition(corpus: Corpus, pages: list[GradePage]) -> dict[str, Recognition]:
    """The matrix of each family with grades in force in two systems or more."""
    systems: dict[str, set[str]] = {}
    for page in pages:
        if page.in_force:
            for family in page.grade.families:
                systems.setdefault(family, set()).add(page.standard.key)
    chosen = sorted(f for f, keys in systems.items() if len(keys) > 1)
    return {family: recognise(corpus, family) for family in chosen}


def _newest_first(editions: list[m.Standard]) -> list[m.Standard]:
    return sorted(editions, key=lambda s: s.edition, reverse=True)


def _add_matches(
    pages: list[GradePage], std: m.Standard, others, corpus: Corpus, ranked: dict | None
) -> None:
    """Each grade's best matches in every other standard in force; for an edition in force,
    the ranked pairs of each pair of standards too (once per pair, in reference order)."""
    by_code = {p.grade.code: p for p in pages}
    day = corpus.as_of.isoformat()
    for other in others:
        if other.key == std.key:
            continue
        cmp = compare_standards(std, other, corpus.vocabulary, day)
        if ranked is not None and std.ref < other.ref:
            ranked[(std.ref, other.ref)] = [p for p in cmp.pairs if p.verdict in _RANKED]
        for pair in cmp.pairs:  # best first
            page = by_code.get(pair.a.grade.code)
            shown = page.matches.setdefault(other.ref, []) if page else None
            if shown is not None and len(shown) < SHOWN and _worth(pair, shown):
                shown.append(pair)


def _worth(pair: Pair, shown: list[Pair]) -> bool:
    """Ranked matches, or the best one when nothing ranks (a 'no close match' with its best)."""
    return pair.verdict in _RANKED or pair.provenance == "asserted" or not shown


def _entries(corpus: Corpus, pages: list[GradePage]) -> list[dict]:
    """One entry per grade: the keys a query may match (codes, each half of a slash code,
    names and aliases as written and as the normaliser reads them: Chinese rendered in
    English, rank markers kept), and one per family word (English, Chinese, trade words)."""
    normaliser = Normaliser.of(corpus.vocabulary)
    entries = []
    for page in pages:
        std, grade = page.standard, page.grade
        keys = {grade.code, *grade.code.split("/")}
        for name in grade_names(grade, std):
            keys |= {name, normaliser.full(name)}
        entries.append(
            {
                "k": sorted({_key(k) for k in keys} - {""}),
                "c": grade.code,
                "n": _name(grade),
                "s": std.designation,
                "u": page.path,
                "f": 1 if page.in_force else 0,
            }
        )
    return entries + _family_entries(corpus)


def _family_entries(corpus: Corpus) -> list[dict]:
    vocab = corpus.vocabulary
    words: dict[str, set[str]] = {}
    for family, data in vocab.families.items():
        names = [data.get("en"), data.get("zh")] if isinstance(data, dict) else []
        for text in [family.replace("_", " "), *names]:
            if isinstance(text, str):
                words.setdefault(family, set()).add(text)
    trade = vocab.trade.get("families", {}) if isinstance(vocab.trade, dict) else {}
    for word, family in trade.items():
        words.setdefault(family, set()).add(word)
    return [
        {
            "k": sorted({_key(w) for w in found}),
            "c": family,
            "n": family,
            "s": "family",
            "u": f"family/{slug(family)}.html",
            "f": 1,
        }
        for family, found in sorted(words.items())
    ]


def _key(text: str) -> str:
    """How the page's search reads a text: lower case, punctuation as spaces, one space."""
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())


def _name(grade: m.Grade) -> str:
    shown = [grade.names[k].text for k in ("en", "zh") if k in grade.names]
    shown = shown or [n.text for n in grade.names.values()]
    return " / ".join(shown)


def _terms(corpus: Corpus) -> dict[str, str]:
    """Chinese terms and their English renderings, longest first, for the page to read a
    Chinese query as the normaliser does."""
    found = {}
    for zh, renderings in corpus.vocabulary.terms.items():
        if renderings and zh:
            found[zh] = str(renderings[0]).lower()
    return dict(sorted(found.items(), key=lambda kv: (-len(kv[0]), kv[0])))
