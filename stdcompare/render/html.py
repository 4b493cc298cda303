"""HTML pages from templates/ (jinja2, autoescape on). Self-contained: CSS and JS inline,
nothing fetched; the same corpus gives the same bytes."""

from __future__ import annotations

import hashlib
import re

from .. import __version__
from .. import model as m
from ..resources import data_dir
from . import words


def _environment():
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))),
        autoescape=True,  # every string from a source document is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["bound"] = words.bound
    env.filters["si"] = words.si_beside
    env.filters["qualifiers"] = lambda r: "; ".join(words.qualifiers(r))
    env.filters["anchor"] = anchor
    return env


def anchor(*parts: str) -> str:
    """A stable id a committee can cite: 'gbt-38471-2019--rcu-1a'."""
    return "--".join(re.sub(r"[^a-z0-9]+", "-", p.lower()).strip("-") for p in parts)


def corpus_hash(standards: list[m.Standard]) -> str:
    digest = hashlib.sha256()
    for std in sorted(standards, key=lambda s: s.ref):
        digest.update(f"{std.ref}:{std.origin.sha256 if std.origin else ''}\n".encode())
    return digest.hexdigest()[:16]


def corpus_report(corpus, all_editions: bool = False) -> str:
    if all_editions:
        chosen = list(corpus.standards)
    else:
        chosen = [s for k in corpus.standard_keys() if (s := corpus.in_force(k)) is not None]
    sections = [_standard_view(s) for s in chosen]
    return (
        _environment()
        .get_template("corpus.html.j2")
        .render(
            sections=sections,
            as_of=corpus.as_of.isoformat(),
            corpus_hash=corpus_hash(list(corpus.standards)),
            version=__version__,
            all_editions=all_editions,
        )
    )


def _standard_view(std: m.Standard) -> dict:
    groups = {g.id: g for g in std.groups}
    grades = []
    for grade in std.grades:
        own = {id(r) for r in grade.requirements}
        grades.append(
            {
                "grade": grade,
                "group": groups.get(grade.group),
                "requirements": [
                    {
                        "req": r,
                        "inherited": id(r) not in own,
                        "tiers": words.tiers_of(std, r.evidence),
                    }
                    for r in std.effective_requirements(grade)
                ],
            }
        )
    return {"std": std, "grades": grades}
