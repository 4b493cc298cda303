"""HTML pages from templates/ (jinja2, autoescape on). Self-contained: CSS and JS inline,
nothing fetched; the same corpus gives the same bytes."""

from __future__ import annotations

import hashlib
import re
from typing import TYPE_CHECKING

from .. import model as m
from ..resources import data_dir
from ..version import __version__
from . import words

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary
    from .setting import Setting


def templates():
    """The jinja2 environment of every page: templates/, autoescape on, a missing value an
    error (never an empty string), the canonical bound as a filter."""
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
    return env


def _environment(anchors: Anchors):
    from . import labels

    env = templates()
    env.filters["si"] = words.si_beside
    env.filters["qualifiers"] = lambda r: "; ".join(words.qualifiers(r))
    env.filters["anchor"] = anchors  # the ids of this one page, unique
    env.filters["href"] = href
    env.globals["new_anchor"] = anchors.new
    env.globals["tri"] = _tri
    env.globals["kind_words"] = labels.kinds
    return env


def href(address: str | None) -> str | None:
    """An address a link may point to: only a web address, so a source file can never make a
    link run script ('javascript:…') or open a local file."""
    if address and re.match(r"https?://", address, re.IGNORECASE):
        return address
    return None


def _tri(value) -> str:
    return {True: "yes", False: "no", None: "undetermined"}[value]


class Anchors:
    """The ids of one page: stable ids a committee can cite ('gbt-38471-2019--rcu-1a').

    Every id is unique on the page and none is empty, whatever the codes: a code in Chinese keeps
    its letters ('铜线一号'), two codes that read the same once lowercased and punctuation is
    dropped ('W 1', 'W-1') get a suffix in the order the page first names them ('w-1', 'w-1-2'),
    so the same corpus always gives the same ids.
    """

    def __init__(self) -> None:
        self._given: dict[tuple[str, ...], str] = {}
        self._taken: set[str] = set()

    def __call__(self, *parts: str) -> str:
        """The id of the thing these parts name: the same each time (a link and its target ask
        separately), and no other thing's."""
        if parts not in self._given:
            self._given[parts] = self.new(*parts)
        return self._given[parts]

    def new(self, *parts: str, within: str | None = None) -> str:
        """A fresh id, never given before on this page (`within`: an id to start from)."""
        base = "--".join([*([within] if within else []), *(_slug(p) for p in parts)])
        found, n = base, 2
        while found in self._taken:
            found, n = f"{base}-{n}", n + 1
        self._taken.add(found)
        return found


def _slug(part: str) -> str:
    """Letters and digits of any script, lowercased, runs of anything else a single '-'.

    A part with none (a code of punctuation only) gets a short hash of itself instead."""
    slug = re.sub(r"[\W_]+", "-", str(part).lower()).strip("-")
    return slug or "x" + hashlib.sha256(str(part).encode("utf-8")).hexdigest()[:8]


def corpus_hash(standards: list[m.Standard]) -> str:
    digest = hashlib.sha256()
    for std in sorted(standards, key=lambda s: s.ref):
        digest.update(f"{std.ref}:{std.origin.sha256 if std.origin else ''}\n".encode())
    return digest.hexdigest()[:16]


def _page_context(setting: Setting, lang: str = "en") -> dict:
    from . import labels
    from .speech import speech

    return {
        "as_of": setting.as_of,
        "corpus_hash": setting.fingerprint(),
        "version": __version__,
        "lang": lang,
        "L": labels.labels(lang),
        "say": speech(setting.vocabulary, lang),  # say.word(verdict), say.sentence(caveat)
    }


def corpus_report(report, setting: Setting, lang: str = "en") -> str:
    """The main job: every pair of standards compared (report.build), then each standard
    grade by grade."""
    anchors = Anchors()
    vocab = setting.vocabulary
    views = [comparison_view(cmp, vocab, anchors, lang) for cmp in report.comparisons]
    from .overview import arrange

    template = _environment(anchors).get_template("corpus.html.j2")
    return template.render(
        report=arrange(views, list(report.standards), anchors, lang),
        sections=[_standard_view(s, vocab, lang) for s in report.standards],
        all_editions=report.all_editions,
        **_page_context(setting, lang),
    )


def comparison_page(cmp, setting: Setting, lang: str = "en") -> str:
    anchors = Anchors()
    view = comparison_view(cmp, setting.vocabulary, anchors, lang)
    template = _environment(anchors).get_template("compare.html.j2")
    return template.render(view=view, **_page_context(setting, lang))


def comparison_view(
    cmp, vocab: Vocabulary, anchors: Anchors | None = None, lang: str = "en"
) -> dict:
    """The data of one comparison section, from the same records as the JSON, its words in
    the language asked."""
    from ..results import Verdict
    from . import records

    anchors = anchors or Anchors()
    parts = ("cmp", cmp.a.ref, cmp.b.ref)
    if cmp.a.kind.is_law or cmp.b.kind.is_law:
        return _conformity_view(cmp, vocab, parts, anchors, lang)
    base = anchors.new(*parts)
    by_grade = _pairs_by_grade(cmp, vocab, parts, anchors, lang)
    families, apart = _family_groups(cmp, vocab, parts, anchors, by_grade, lang)
    return {
        "kind": "grades",
        "anchor": base,
        "a": records.standard_summary(cmp.a),
        "b": records.standard_summary(cmp.b),
        "short": {"a": words.short_name(cmp.a, cmp.b), "b": words.short_name(cmp.b, cmp.a)},
        "named": _named(cmp, vocab, lang),
        "pairs": cmp.pairs,
        "counts": {v.value: sum(1 for p in cmp.pairs if p.verdict is v) for v in Verdict},
        "families": families,
        "apart": apart,
        "apart_anchor": anchors.new(*parts, "apart"),
        "detailed": _in_table_order(families, by_grade),
        "notes": _notes(cmp, vocab, lang),
        "sources": page_sources((cmp.a, cmp.b), _gap_sides(by_grade)),
    }


def _named(cmp, vocab: Vocabulary, lang: str) -> dict[str, str]:
    """How the page's heading names the two standards: by designation; under zh with its
    title in Chinese beside it and an act by what it covers (words.display_name)."""
    if lang == "en":
        return {"a": cmp.a.designation, "b": cmp.b.designation}
    return {
        "a": words.display_name(cmp.a, vocab, lang),
        "b": words.display_name(cmp.b, vocab, lang),
    }


def _in_table_order(families: list[dict], by_grade: dict[str, list[dict]]) -> list[dict]:
    """The panels in the order of the table's rows, so a reader meets them as listed; each
    once (two grades may share a code), and none left out."""
    listed = [p for f in families for row in f["rows"] for p in row["pairs"]]
    listed += [p for rows in by_grade.values() for p in rows]
    return list({p["anchor"]: p for p in listed}.values())  # a key keeps its first place


def _notes(cmp, vocab: Vocabulary, lang: str) -> list[str]:
    from .speech import speech

    say = speech(vocab, lang)
    return [say.sentence(n) or n for n in cmp.notes]


def _pairs_by_grade(
    cmp, vocab: Vocabulary, parts, anchors: Anchors, lang: str = "en"
) -> dict[str, list[dict]]:
    """The pairs a page shows (related or better, or asserted), by the first grade's code."""
    from ..results import Verdict
    from . import records, summary
    from .speech import speech

    say = speech(vocab, lang)

    shown = (Verdict.EQUIVALENT, Verdict.COMPARABLE, Verdict.RELATED)
    by_grade: dict[str, list[dict]] = {}
    for pair in cmp.pairs:
        if pair.verdict not in shown and pair.provenance != "asserted":
            continue
        data = records.pair_data(pair, vocab, lang)
        data["b"] = _names_first(data["b"], lang)
        # new(), not the memo: an asserted pair and the computed one share their two codes
        data["anchor"] = anchors.new(*parts, pair.a.grade.code, pair.b.grade.code)
        data["why_anchor"] = anchors.new("why", within=data["anchor"])
        data["qualifies"] = summary.qualifies(pair, vocab, say)
        data["unknown_words"] = words.prop_labels(pair.direction.unknown, vocab, lang)
        data["search"] = " ".join(
            [pair.verdict.value, *(g[s]["label"] for g in data["gaps"] for s in "ab" if g[s])]
        )
        by_grade.setdefault(pair.a.grade.code, []).append(data)
    return by_grade


def _family_groups(
    cmp, vocab: Vocabulary, parts, anchors: Anchors, by_grade, lang: str = "en"
) -> tuple[list, list]:
    """The first standard's grades by family: the families the second standard shares, row by
    row; and, apart, those it has no grade of and where no grade lines up, which would
    otherwise fill the page with rows of "no match" (ISRI's brass against a copper standard)."""
    from ..results import GradeRef
    from . import records

    theirs = {f for g in cmp.b.grades for f in g.families}
    families: dict[str, list[dict]] = {}
    for grade in cmp.a.grades:
        family = grade.families[0] if grade.families else "other"
        row = {
            "grade": _names_first(records.grade_data(GradeRef(cmp.a, grade)), lang),
            "pairs": by_grade.get(grade.code, []),
            "anchor": anchors.new(*parts, grade.code),
            # its family's words too: "aluminium" finds the aluminium grades
            "search": " ".join(
                [grade.code, *(n.text for n in grade.names.values()), _family_name(vocab, family)]
            ),
        }
        families.setdefault(family, []).append(row)
    shared, apart = [], []
    for family, rows in families.items():
        group = {
            "name": _family_name(vocab, family, lang),
            "rows": rows,
            "anchor": anchors.new(*parts, "family", family),
        }
        lined_up = any(r["pairs"] for r in rows)
        (shared if lined_up or family in theirs else apart).append(group)
    return shared, apart


def _conformity_view(cmp, vocab: Vocabulary, parts, anchors: Anchors, lang: str = "en") -> dict:
    from . import records

    rows = []
    for result in cmp.conformity:
        data = records.conformity_data(result, vocab, lang)
        data["anchor"] = anchors.new(*parts, result.grade.code, result.scope.id)
        rows.append(data)
    return {
        "kind": "conformity",
        "anchor": anchors.new(*parts),
        "named": _named(cmp, vocab, lang),
        "a": records.standard_summary(cmp.a),
        "b": records.standard_summary(cmp.b),
        "conformity": rows,
        "notes": _notes(cmp, vocab, lang),
        "sources": page_sources(
            (cmp.a, cmp.b),
            [(_side_of(cmp, r["regulation"]), k["criterion"]) for r in rows for k in r["criteria"]]
            + [(_side_of(cmp, r["standard"]), k["grade"]) for r in rows for k in r["criteria"]],
        ),
    }


def _gap_sides(by_grade: dict[str, list[dict]]) -> list[tuple[str, dict | None]]:
    return [(s, g[s]) for rows in by_grade.values() for d in rows for g in d["gaps"] for s in "ab"]


def _side_of(cmp, ref: str) -> str:
    return "a" if cmp.a.ref == ref else "b"


def page_sources(standards, sides: list[tuple[str, dict | None]]) -> list[dict]:
    """The sources a section cites ("a" or "b" side, records.side_data), per standard, in the
    order first cited: on paper or a touch screen an evidence id is looked up here, with its
    tier and its address written out."""
    cited: dict[str, dict[str, dict]] = {"a": {}, "b": {}}
    for which, side in sides:
        for e in (side or {}).get("evidence", ()):
            cited[which].setdefault(e["id"], e)
    return [
        {"designation": std.designation, "items": list(cited[which].values())}
        for which, std in zip("ab", standards, strict=True)
        if cited[which]
    ]


def _family_name(vocab: Vocabulary, family: str, lang: str = "en") -> str:
    """A family's name: in English with the Chinese beside; in Chinese alone under zh (the
    English is our own word, not the standard's)."""
    entry = vocab.families.get(family, {})
    if lang == "zh" and entry.get("zh"):
        return entry["zh"]
    return " ".join(x for x in (entry.get("en", family), entry.get("zh", "")) if x)


def _names_first(grade: dict, lang: str) -> dict:
    """A grade's names with Chinese first under zh (the other beside it); English pages keep
    the order the source gives."""
    if lang != "en" and lang in grade["names"]:
        names = grade["names"]
        grade["names"] = {lang: names[lang], **{k: v for k, v in names.items() if k != lang}}
    return grade


def _standard_view(std: m.Standard, vocab: Vocabulary | None = None, lang: str = "en") -> dict:
    from .speech import speech

    say = speech(vocab, lang)
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
                        "label": words.label(r, vocab, lang),
                        "shown": words.bound_in(r, say),
                        "qualifiers": "; ".join(say.sentence(q) or q for q in words.qualifiers(r)),
                        "inherited": id(r) not in own,
                        "tiers": words.tiers_of(std, r.evidence, lang),
                    }
                    for r in std.effective_requirements(grade)
                ],
            }
        )
    return {"std": std, "grades": grades}


def diff_page(data: dict, setting: Setting, lang: str = "en") -> str:
    """The change set of `stdcompare diff` as a page (records from render.diffs)."""
    from .diffs import _order

    changes = sorted(data["changes"], key=_order)
    template = _environment(Anchors()).get_template("diff.html.j2")
    return template.render(data=data, changes=changes, **_page_context(setting, lang))
