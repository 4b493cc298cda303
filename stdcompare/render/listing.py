"""`list`: the standards and editions in the corpus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import inert, words

if TYPE_CHECKING:
    from ..corpus import Listed
    from ..vocabulary import Vocabulary


def rows(listed: list[Listed]) -> list[dict]:
    """The plain data of `list`: one row per edition."""
    return [
        {
            "ref": std.ref,
            "key": std.key,
            "edition": std.edition,
            "designation": std.designation,
            "title": std.title,
            "kind": std.kind.value,
            "status": std.status.value,
            "effective": std.effective.isoformat() if std.effective else None,
            "in_force": item.in_force,
            "grade_list": std.grade_list.value,
            "grades": len(std.grades),
        }
        for item in listed
        for std in [item.standard]
    ]


def text(
    found: list[dict],
    lang: str = "en",
    listed: list[Listed] | None = None,
    vocab: Vocabulary | None = None,
) -> str:
    """One line per edition; under zh the words in Chinese and each standard by its name in
    Chinese ("GB/T 38471-2019 — 再生铜原料 (Recycling materials for copper)", an act's long
    title as what it covers: words.display_name, from the `listed` standards)."""
    from .speech import speech

    say = speech(None, lang)
    C = say.words_of("commands")
    if not found:
        return C.no_standards
    lines = []
    standards = {item.standard.ref: item.standard for item in listed or ()}
    width = max(len(r["ref"]) for r in found)
    for r in found:
        mark = "*" if r["in_force"] else " "
        if lang == "en" or r["ref"] not in standards:
            title = r["title"].get(lang) or r["title"].get("en") or r["title"].get("zh") or ""
            name = f"{r['designation']} — {title}"
        else:
            name = words.display_name(standards[r["ref"]], vocab, lang)
        said = C.list_line.format(
            grades=r["grades"], state=say.word(r["grade_list"]), status=say.word(r["status"])
        )
        lines.append(f"{mark} {r['ref'].ljust(width)}  {name} {said}")
    lines.append(C.in_force_mark)
    return inert.lines(lines)
