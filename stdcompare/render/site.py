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

from ..site_data import Site, grade_path, slug, standard_path
from . import records, words
from .html import corpus_hash
from .summary import qualifies

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

# The site's own words, English and Chinese; source text is never translated.
WORDS = {
    "title": ("Scrap grades across systems", "废料牌号对照"),
    "search": ("Code word, code or name (any language)", "代号、牌号或名称（任何语言）"),
    "hint": ("Try Birch, 光亮铜, zorbra, HMS 1&2 80:20", "例如 Birch、光亮铜、zorbra、废钢"),
    "results": ("results", "结果"),
    "none_found": (
        "Nothing found. Check the spelling, or browse the standards below.",
        "未找到。请检查拼写，或浏览下列标准。",
    ),
    "standards": ("Standards", "标准"),
    "families": ("Families", "类别"),
    "in_force": ("in force", "现行"),
    "superseded": ("superseded", "已被替代"),
    "grades": ("grades", "牌号"),
    "definition": ("Definition", "定义"),
    "requirement": ("requirement", "要求"),
    "clause": ("clause", "条款"),
    "sources": ("sources", "来源"),
    "matches": ("Matches in other systems", "其他体系中的对应牌号"),
    "no_match": ("no close match", "无接近的牌号"),
    "gaps": ("where they differ", "差异"),
    "why": ("why this score", "评分依据"),
    "conformity": ("Regulations", "法规符合性"),
    "outcome": ("outcome", "结论"),
    "held_in_part": (
        "held only in part: what is not held is unknown, not absent",
        "仅部分收录：未收录的内容为未知，而非不存在",
    ),
    "home": ("All grades", "全部牌号"),
    "as_of": ("as of", "截至"),
    "transcription": (
        "a transcription with sources, no substitute for the official text",
        "附来源的转录，不能替代正式文本",
    ),
    "lang": ("中文", "English"),
    "family_grades": ("Grades of this family", "该类别的牌号"),
    "unknowns": ("Known unknowns", "已知的未知项"),
}


@cache  # a few dozen words, said thousands of times
def _t(key: str) -> Markup:
    """Both languages of one of our own words; the page's language switch shows one."""
    en, zh = WORDS[key]
    return Markup('<span class="l-en">{}</span><span class="l-zh" lang="zh">{}</span>').format(
        en, zh
    )


def pages(site: Site, vocab: Vocabulary, lang: str = "en", base_url: str = "") -> dict[str, str]:
    env = _environment()
    common = {
        "as_of": site.as_of,
        "lang": lang,
        "base_url": base_url.rstrip("/"),
        "corpus_hash": corpus_hash(site.standards),
    }
    out: dict[str, str] = {}
    families: dict[str, list] = {}
    for page in site.grades:
        for family in page.grade.families:
            families.setdefault(family, []).append(page)
        out[page.path] = env.get_template("site/grade.html.j2").render(
            page=_grade_view(page, vocab), root=_root(page.path), **common
        )
    for std in site.standards:
        path = standard_path(std)
        out[path] = env.get_template("site/standard.html.j2").render(
            std=std,
            in_force=std.ref in site.in_force,
            root=_root(path),
            grades=[(g, grade_path(std, g.code)) for g in std.grades],
            **common,
        )
    for family, members in sorted(families.items()):
        path = f"family/{slug(family)}.html"
        out[path] = env.get_template("site/family.html.j2").render(
            family=family,
            label=_family_label(vocab, family),
            root=_root(path),
            grades=[(p.standard, p.grade, p.path, p.in_force) for p in members],
            **common,
        )
    index = json.dumps(
        {"entries": site.index, "terms": site.terms},
        ensure_ascii=False,
        sort_keys=True,
        separators=(",", ":"),
    )
    out["index.html"] = env.get_template("site/index.html.j2").render(
        index=Markup(_inert_json(index)),
        root="",
        standards=[(s, standard_path(s), s.ref in site.in_force) for s in site.standards],
        families=[(f, f"family/{slug(f)}.html") for f in sorted(families)],
        **common,
    )
    return out


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
            data["qualifies"] = qualifies(pair)
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


def _environment():
    import jinja2

    from ..resources import data_dir

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(data_dir("templates"))),
        autoescape=True,  # every string from a source document is escaped
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals["t"] = _t
    env.globals["kind_words"] = _kind_words
    env.filters["bound"] = words.bound
    return env


@cache
def _kind_words(kind: str, a: str, b: str) -> Markup:
    """A gap kind said from the grade page's side: the page's grade is 'here', the other
    grade 'there'."""
    said = {
        "same": ("same", "相同"),
        "a_stricter": ("stricter here", "此处更严"),
        "b_stricter": ("stricter there", "对方更严"),
        "only_a": ("only here", "仅此处"),
        "only_b": ("only there", "仅对方"),
        "conflict": ("conflict: no lot meets both", "冲突：无批次可同时满足"),
        "incomparable": ("measured differently", "量纲不同"),
        "unknown": ("unknown", "未知"),
    }
    en, zh = said.get(kind, (kind, kind))
    return Markup('<span class="l-en">{}</span><span class="l-zh" lang="zh">{}</span>').format(
        en, zh
    )


__all__ = ["pages", "escape"]
