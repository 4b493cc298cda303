"""`vocabulary`: the keys of one vocabulary table, with the words each is known by."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import inert

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary


def rows(vocab: Vocabulary, table: str) -> list[dict]:
    """One row per key: its English and Chinese words and its aliases, as the table has them."""
    found = vocab.table(table)
    result = []
    for key, data in sorted(found.items()):
        data = data if isinstance(data, dict) else vars(data)
        result.append(
            {
                "key": key,
                "en": data.get("en") or "",
                "zh": data.get("zh") or "",
                "aliases": list(data.get("aliases") or ()),
            }
        )
    return result


def text(found: list[dict]) -> str:
    width = max((len(r["key"]) for r in found), default=0)
    lines = []
    for r in found:
        also = f"  (also: {', '.join(r['aliases'])})" if r["aliases"] else ""
        lines.append(f"{r['key']:<{width}}  {r['en']}  {r['zh']}{also}".rstrip())
    return inert.lines(lines)
