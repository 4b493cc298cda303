"""`list`: the standards and editions in the corpus."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import inert, words

if TYPE_CHECKING:
    from ..corpus import Corpus


def rows(corpus: Corpus, family: str | None = None) -> list[dict]:
    found = []
    for key in corpus.standard_keys():
        editions = corpus.editions(key)
        current = corpus.in_force(key)
        if family and not any(corpus.covers(s, family) for s in editions):
            continue
        for std in editions:
            found.append(
                {
                    "ref": std.ref,
                    "key": std.key,
                    "edition": std.edition,
                    "designation": std.designation,
                    "title": std.title,
                    "kind": std.kind.value,
                    "status": std.status.value,
                    "effective": std.effective.isoformat() if std.effective else None,
                    "in_force": current is not None and current.ref == std.ref,
                    "grade_list": std.grade_list.value,
                    "grades": len(std.grades),
                }
            )
    return found


def text(found: list[dict], lang: str = "en", corpus: Corpus | None = None) -> str:
    """One line per edition; under zh the words in Chinese and each standard by its name in
    Chinese ("GB/T 38471-2019 — 再生铜原料 (Recycling materials for copper)", an act's long
    title shortened: words.display_name, which needs the corpus)."""
    from .speech import speech

    say = speech(None, lang)
    C = say.words_of("commands")
    if not found:
        return C.no_standards
    lines = []
    width = max(len(r["ref"]) for r in found)
    for r in found:
        mark = "*" if r["in_force"] else " "
        if lang == "en" or corpus is None:
            title = r["title"].get(lang) or r["title"].get("en") or r["title"].get("zh") or ""
            name = f"{r['designation']} — {title}"
        else:
            name = words.display_name(corpus.resolve(r["ref"]), corpus.vocabulary, lang)
        said = C.list_line.format(
            grades=r["grades"], state=say.word(r["grade_list"]), status=say.word(r["status"])
        )
        lines.append(f"{mark} {r['ref'].ljust(width)}  {name} {said}")
    lines.append(C.in_force_mark)
    return inert.lines(lines)
