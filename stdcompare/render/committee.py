"""The committee's pages: a harmonisation (`harmonise -f html`) and a family's mutual
recognition matrix (`recognise -f html`), in the report's style and languages."""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING

from .html import Anchors, _environment, _page_context

if TYPE_CHECKING:
    from ..corpus import Corpus

# The words of these two pages, English and Chinese (source text is never translated).
WORDS = {
    "harmonise_title": ("harmonised", "协调"),
    "recognise_title": ("mutual recognition", "互认"),
    "status": ("status", "状态"),
    "property": ("property", "指标"),
    "common": ("common ground", "共同要求"),
    "envelope": ("envelope", "最宽范围"),
    "settle": ("to settle", "待解决"),
    "conflict": ("conflict", "冲突"),
    "unknown": ("unknown", "未知"),
    "differ": ("differ", "不同"),
    "agree": ("agree", "一致"),
    "decisive": ("decisive", "关键"),
    "every": ("accepts every lot", "全部接受"),
    "some": ("accepts some lots", "部分接受"),
    "none": ("accepts none", "不接受"),
    "undetermined": ("not known", "未知"),
    "row_is": (
        "row: the grade's lots; column: the grade that would accept them",
        "行：该牌号的批次；列：是否可按该牌号接受",
    ),
    "each_pair": ("each pair, and what is not held", "逐对说明及未收录的内容"),
    "as_far_as_held": ("as far as both definitions are held", "以两边已收录的定义为限"),
}


def _words(lang: str) -> SimpleNamespace:
    index = 1 if lang == "zh" else 0
    return SimpleNamespace(**{k: v[index] for k, v in WORDS.items()})


def harmonise_page(data: dict, corpus: Corpus, lang: str = "en") -> str:
    template = _environment(Anchors()).get_template("harmonise.html.j2")
    return template.render(data=data, W=_words(lang), **_page_context(corpus, lang))


def recognition_page(data: dict, corpus: Corpus, lang: str = "en") -> str:
    template = _environment(Anchors()).get_template("recognise.html.j2")
    return template.render(data=data, W=_words(lang), **_page_context(corpus, lang))
