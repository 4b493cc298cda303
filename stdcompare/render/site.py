"""The trader's site as files: an index with a search box, a page per grade, per standard and
per family, each self-contained (CSS and script inline, no external asset, no request), in
English and Chinese switchable on every page, deterministic.

    pages(site, vocab, lang, base_url) -> {relative path: text}
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING

from markupsafe import Markup, escape

from ..site_data import (
    Site,
    diff_path,
    grade_path,
    pair_path,
    recognition_path,
    slug,
    standard_path,
)
from . import records
from .html import corpus_hash
from .summary import qualifies

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

_BOTH = Markup('<span class="l-en">{}</span><span class="l-zh" lang="zh">{}</span>')


def bilingual(table: dict, fallback: bool = False):
    """Both languages of one of the site's own words (vocabulary/interface.toml: [site],
    [site_gaps]); the page's language switch shows one. Each is made once per build."""

    @cache  # a few dozen words, said thousands of times
    def say(key: str, *_sides: str) -> Markup:
        entry = table.get(key) if fallback else table[key]
        if entry is None:  # a gap kind the glossary lacks: its key in both languages
            return _BOTH.format(key, key)
        return _BOTH.format(entry["en"], entry["zh"])

    return say


def pages(site: Site, vocab: Vocabulary, lang: str = "en", base_url: str = "") -> dict[str, str]:
    env = _environment(vocab)
    common = {
        "as_of": site.as_of,
        "lang": lang,
        "base_url": base_url.rstrip("/"),
        "corpus_hash": corpus_hash(site.standards),
    }

    def render(path: str, template: str, **values) -> None:
        out[path] = env.get_template(f"site/{template}").render(
            root=_root(path), **values, **common
        )

    out: dict[str, str] = {}
    families: dict[str, list] = {}
    for page in site.grades:
        for family in page.grade.families:
            families.setdefault(family, []).append(page)
        render(page.path, "grade.html.j2", page=_grade_view(page, vocab))
    for std in site.standards:
        render(
            standard_path(std),
            "standard.html.j2",
            std=std,
            in_force=std.ref in site.in_force,
            grades=[(g, grade_path(std, g.code)) for g in std.grades],
            pairs=_pairs_of(site, std),
            diffs=_diffs_of(site, std),
        )
    for (ref_a, ref_b), ranked in sorted(site.pairs.items()):
        render(
            pair_path(ref_a, ref_b),
            "pair.html.j2",
            a=ranked[0].a.standard,
            b=ranked[0].b.standard,
            pairs=[_pair_row(p) for p in ranked],
        )
    for changes in site.diffs:
        render(diff_path(changes), "diff.html.j2", changes=changes)
    for family, found in sorted(site.recognition.items()):
        render(
            recognition_path(family),
            "recognition.html.j2",
            family=family,
            label=_family_label(vocab, family),
            rows=_recognition_rows(site, found),
            notes=found.notes,
        )
    for family, members in sorted(families.items()):
        render(
            f"family/{slug(family)}.html",
            "family.html.j2",
            family=family,
            label=_family_label(vocab, family),
            recognition=recognition_path(family) if family in site.recognition else None,
            grades=[(p.standard, p.grade, p.path, p.in_force) for p in members],
        )
    render(
        "index.html",
        "index.html.j2",
        index=Markup(_inert_json(_index_json(site))),
        standards=[(s, standard_path(s), s.ref in site.in_force) for s in site.standards],
        families=[(f, f"family/{slug(f)}.html") for f in sorted(families)],
    )
    return out


def _index_json(site: Site) -> str:
    data = {"entries": site.index, "terms": site.terms}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _pair_row(pair) -> tuple:
    return (
        pair,
        grade_path(pair.a.standard, pair.a.grade.code),
        grade_path(pair.b.standard, pair.b.grade.code),
    )


def _pairs_of(site: Site, std) -> list[tuple[str, str, int]]:
    """(the other standard's reference, the pair page, ranked pairs) for a standard in force."""
    found = []
    for (ref_a, ref_b), ranked in sorted(site.pairs.items()):
        if std.ref in (ref_a, ref_b):
            other = ref_b if std.ref == ref_a else ref_a
            found.append((other, pair_path(ref_a, ref_b), len(ranked)))
    return found


def _diffs_of(site: Site, std) -> list[tuple[str, str, int]]:
    return [
        (f"{c.old.ref} → {c.new.ref}", diff_path(c), len(c.changes))
        for c in site.diffs
        if std.key == c.new.key
    ]


def _recognition_rows(site: Site, found) -> list[dict]:
    """Per grade: the grades that accept every lot of it (linked), some, none, and cannot
    tell (counted): a compact list, where a matrix of a large family would be megabytes."""
    paths = {f"{p.standard.ref}:{p.grade.code}": p.path for p in site.grades}
    by_grade: dict[str, list] = {}
    for cell in found.cells:
        by_grade.setdefault(cell.a, []).append(cell)
    rows = []
    for grade in found.grades:
        cells = by_grade.get(grade, [])
        rows.append(
            {
                "grade": grade,
                "url": paths.get(grade),
                "every": [(c.b, paths.get(c.b), c.certain) for c in cells if c.accepts == "every"],
                "some": [(c.b, c.certain) for c in cells if c.accepts == "some"],
                "none": sum(c.accepts == "none" for c in cells),
                "unknown": sum(c.accepts == "unknown" for c in cells),
            }
        )
    return rows


def _inert_json(text: str) -> str:
    """JSON that can sit in a <script> element whatever the sources say: no <, > or & left
    for the HTML parser to read (JSON reads the escapes as the same characters)."""
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _root(path: str) -> str:
    """The way back to the site's root from a page's folder ("../../" for grade/x/y.html)."""
    return "../" * path.count("/")


def _family_label(vocab: Vocabulary, family: str) -> dict:
    data = vocab.families.get(family, {})
    return {"en": data.get("en", family), "zh": data.get("zh", "")}


def _grade_view(page, vocab: Vocabulary) -> dict:
    std, grade = page.standard, page.grade
    reqs = [records.side_data(std, r, vocab) for r in std.effective_requirements(grade)]
    matches = []
    for ref, pairs in sorted(page.matches.items()):
        shown = []
        for pair in pairs:
            data = records.pair_data(pair, vocab)
            data["url"] = grade_path(pair.b.standard, pair.b.grade.code)
            data["qualifies"] = qualifies(pair, vocab)  # properties by their labels
            shown.append(data)
        matches.append({"ref": ref, "designation": pairs[0].b.standard.designation, "pairs": shown})
    return {
        "std": std,
        "grade": grade,
        "in_force": page.in_force,
        "names": {k: n.text for k, n in grade.names.items()},
        "requirements": reqs,
        "matches": matches,
        "conformity": [records.conformity_data(c, vocab) for c in page.conformity],
        "standard_url": standard_path(std),
    }


def _environment(vocab: Vocabulary):
    from .html import templates

    env = templates()
    env.globals["t"] = bilingual(vocab.interface["site"])
    env.globals["kind_words"] = bilingual(vocab.interface["site_gaps"], fallback=True)
    return env


__all__ = ["pages", "escape"]
