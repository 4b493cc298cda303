"""The committee's pages: a harmonisation (`harmonise -f html`) and a family's mutual
recognition matrix (`recognise -f html`), in the report's style and languages."""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING

from .html import Anchors, _environment, _page_context

if TYPE_CHECKING:
    from .setting import Setting


def _words(setting: Setting, lang: str) -> SimpleNamespace:
    """The words of these two pages in the language asked (vocabulary/interface.toml,
    [committee]); source text is never translated."""
    table = setting.vocabulary.interface["committee"]
    return SimpleNamespace(**{k: v["zh" if lang == "zh" else "en"] for k, v in table.items()})


def harmonise_page(data: dict, setting: Setting, lang: str = "en") -> str:
    template = _environment(Anchors()).get_template("harmonise.html.j2")
    return template.render(data=data, W=_words(setting, lang), **_page_context(setting, lang))


def recognition_page(data: dict, setting: Setting, lang: str = "en") -> str:
    template = _environment(Anchors()).get_template("recognise.html.j2")
    return template.render(data=data, W=_words(setting, lang), **_page_context(setting, lang))
