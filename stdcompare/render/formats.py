"""The renderers of a comparison behind one small interface: each takes the Comparison, the
Setting (render/setting.py: words, day, fingerprint — not the corpus) and the language, and
returns the text of one format."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..results import Comparison, Pair

if TYPE_CHECKING:
    from .setting import Setting

Renderer = Callable[[Comparison, "Setting", str], str]


def _json(cmp: Comparison, setting: Setting, lang: str) -> str:
    """records.comparison_data as JSON, each pair's record made as the text reaches it and
    dropped after: a record with its gaps is some 25 kB in memory, its JSON 7 kB."""
    from dataclasses import replace

    from . import records
    from .jsontext import OneByOne, json_text

    data = records.comparison_data(replace(cmp, pairs=()), setting.vocabulary, lang)
    data["pairs"] = OneByOne(cmp.pairs, lambda p: records.pair_data(p, setting.vocabulary, lang))
    return json_text(data)


def _csv(cmp: Comparison, setting: Setting, lang: str) -> str:
    from . import records

    data = records.comparison_data(cmp, setting.vocabulary, lang)
    return records.to_csv(data["pairs"], data.get("conformity"), lang)


def _markdown(cmp: Comparison, setting: Setting, lang: str) -> str:
    from . import markdown

    return markdown.comparison(cmp, setting.vocabulary, lang)


def _html(cmp: Comparison, setting: Setting, lang: str) -> str:
    from . import html

    return html.comparison_page(cmp, setting, lang)


def _text(cmp: Comparison, setting: Setting, lang: str) -> str:
    from . import summary

    return summary.compare_text(cmp, setting.vocabulary, lang) + "\n"


def for_spreadsheet(cmp: Comparison) -> Comparison:
    """The pairs a reader wants in a sheet (in_sheet); the thousands a blocking rule let
    through and the score rejected ("none") are left to --all (the JSON keeps them all)."""
    from dataclasses import replace

    return replace(cmp, pairs=tuple(p for p in cmp.pairs if in_sheet(p)))


def in_sheet(pair: Pair) -> bool:
    """Ranked related or better, or asserted."""
    from ..results import Verdict

    return pair.verdict is not Verdict.NONE or pair.provenance == "asserted"


RENDERERS: dict[str, Renderer] = {
    "text": _text,
    "json": _json,
    "csv": _csv,
    "md": _markdown,
    "html": _html,
}


def render(cmp: Comparison, fmt: str, setting: Setting, lang: str = "en") -> str:
    return RENDERERS[fmt](cmp, setting, lang)
