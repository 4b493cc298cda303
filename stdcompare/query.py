"""A trader's query read as grades, in this order, each step surer than the next: a REF:CODE,
a trade blend (HMS 1&2 80:20), a code (a trade spelling read first: No. 1 HMS), half a slash
code, a family word (紫铜), a name or alias in any language, a category's name (重型), the
words of a name, a typo. `lookup` then scores what the query names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from difflib import get_close_matches
from typing import TYPE_CHECKING

from . import model as m
from .corpus import edition_date
from .errors import RefError, StdcompareError
from .match.names import Normaliser, grade_names
from .results import GradeRef

if TYPE_CHECKING:
    from .corpus import Corpus
    from .vocabulary import Vocabulary

# How sure a query must be of the grade it is read as. The figures are the corpus's own (322
# grades, every name and alias of every edition):
#
# Code-word similarity (rapidfuzz ratio, 0-100, of the normalised whole strings) of the typos a
# trader makes against the code word meant: one letter left out, added or changed in a 5- to
# 7-letter word scores 80-92 ("berr" Berry 88.9, "bairley" Barley 92.3, "zorb" Zorba 88.9,
# "Cliif" Cliff 80.0, "Candi" Candy 80.0), a swapped pair 80.0 ("birhc" Birch), "E 3" E3 80.0.
# What nonsense reaches: "RAl" Rails 75.0, "talk" Tale and Talc 75.0 (a tie: no answer either),
# "<script>" Scribe 66.7, "Tabby" Taboo 60.0, "foo" Taboo 50.0. So a typo is read as the code
# word from 80 up; below, the query matches nothing and the near ones are suggested. (The
# similarity of a query found inside a longer name, WRatio, no longer counts: it gave "Al-1" and
# "RAl-1" foundry steel 243 at 85.5 from the "el 1" of "Foundry steel, 1 foot and under" and
# "foo" Taboo at 72; a query that is words of a name is matched word by word instead.)
FUZZY_CUTOFF = 80.0
# Words against names: the query's words, all found in a name (or a name's all in the query),
# scored by their share of the two (Dice: 2 shared / (query words + name words)). "#1 copper"
# against "No. 1 copper wire" 0.80, "heavy melting steel" against "No. 1 heavy melting steel"
# 0.86, "red brass" against "Composition or red brass" 0.80: the query says most of the name.
# One word against a name of two ("copper": "No. 3 copper", "Light copper" and 60 more;
# "hms": HMS 1 and HMS 2; "shredded aluminium": "Shredded scrap") is 0.67 and says too little;
# from 0.75 the query's words are at least three fifths of the name's.
WORDS_CUTOFF = 0.75
# Edits a typo may make (a letter left out, added, changed, or two swapped): one, and one more
# for every TYPO_LENGTH letters of the query ("heavy meltng stel", 17 letters, may have two).
TYPO_LENGTH = 16
# A typo read as one grade names the others within this many points of it ("berr": Berry 88.9;
# a grade one more letter away scores about 10 less), so a near miss is never silent.
CLOSE = 5.0
SUGGEST_FLOOR = 60.0  # "did you mean": near grades down to this similarity, at most three
SUGGESTED = 3
_CJK = re.compile(r"[\u3400-\u9fff]")
_RANK = re.compile(r"\bno\d+\b")  # a rank marker as the normaliser writes it (No. 1, #1 → no1)


@dataclass(frozen=True)
class BlendPart:
    """One part of a blend a query names ("HMS 1&2 80:20": HMS 1 at 80 %)."""

    alias: str
    share: int | None  # per cent, as the query states it; None when it states no ratio
    grades: tuple[GradeRef, ...]


@dataclass(frozen=True)
class Resolution:
    grade: GradeRef
    how: str  # "ref", "code", "name", "words", "fuzzy"
    similarity: float
    alternatives: tuple[GradeRef, ...] = ()
    close: tuple[GradeRef, ...] = ()  # other grades a typo is nearly as close to: said aloud
    blend: tuple[BlendPart, ...] = ()  # a trade blend's parts: the matches are the first's
    family: str | None = None  # a family word (紫铜, brass): the answer lists its grades


# --- resolving the query --------------------------------------------------------------------


def resolve_query(corpus: Corpus, query: str, as_of: date | None = None) -> Resolution:
    query = query.strip()
    if not query:
        raise StdcompareError("empty query", "give a code word, grade code or name, e.g. Birch")
    if ":" in query:  # REF:CODE, where REF may also be a file the command line names
        try:
            std, grade = corpus.resolve_grade(query, as_of)
            return Resolution(GradeRef(std, grade), "ref", 100.0)
        except RefError:
            pass  # a name of the standard, a grade in another edition, or no REF at all
    qualified, named = _qualified(corpus, query, as_of)
    if qualified is not None:
        return qualified
    if named is not None:
        # A standard is named but no grade of it exactly: a typo within it ("isri:Birchh"),
        # read as the whole corpus reads typos, counts only if it lands in that standard.
        editions, code = named
        try:
            found = _unqualified(corpus, code, as_of)
        except RefError:
            found = None
        if found is not None and found.grade.standard.ref in {s.ref for s in editions}:
            return found
        raise _no_such_grade(corpus, editions, code)
    return _unqualified(corpus, query, as_of)


def _unqualified(corpus: Corpus, query: str, as_of) -> Resolution:
    everything = [(s, g) for s in corpus.standards for g in s.grades]
    normaliser = Normaliser.of(corpus.vocabulary)
    blend = _as_blend(corpus, normaliser, everything, query, as_of)
    if blend is not None:
        return blend
    query = _trade_spelling(corpus.vocabulary, normaliser, query)
    by_code = [(s, g) for s, g in everything if g.code.lower() == query.lower()]
    if by_code:
        return _prefer(corpus, by_code, "code", 100.0, as_of, query)
    family = _family_named(corpus.vocabulary, normaliser, query)
    if family is not None:
        return _as_family(corpus, family, as_of, query)
    # One half of a slash code names the grade: ISRI prints Taint/Tabor as one grade, and a
    # trader may type either word (a typo search would read "Tabor" as the nearer Taboo).
    by_half = [(s, g) for s, g in everything if query.lower() in _halves(g.code)]
    if by_half:
        return _prefer(corpus, by_half, "code", 100.0, as_of, query)
    by_name = _named(normaliser, everything, query)
    if by_name:
        return _prefer(corpus, by_name, "name", 100.0, as_of, query)
    by_category = _by_category(corpus, normaliser, query)
    if by_category:
        return _prefer(corpus, by_category, "category", 100.0, as_of, query)
    names = [(s, g, normaliser.full(n)) for s, g in everything for n in grade_names(g, s)]
    by_words, near_words = _by_words(normaliser, names, query)
    if by_words:
        return _prefer(corpus, by_words, "words", near_words[0][0], as_of, query)
    return _fuzzy(corpus, normaliser, names, query, as_of, near_words)


def _qualified(
    corpus: Corpus, query: str, as_of
) -> tuple[Resolution | None, tuple[list[m.Standard], str] | None]:
    """A grade named with its standard: REF:CODE ("isri-circular:Birch", "gbt-38471@2019:RCu-1A")
    or a standard's name then the grade's ("ISRI Birch", "GB/T 38471-2019 RCu-1A", "isri:No. 2
    copper wire"). The grade is looked for in the edition named, else in the one in force, then
    in the older ones (GB/T 38471-2023 is held in part; RCu-1A is in 2019's). Else, when a
    standard is named, the standard and the text it has no grade for."""
    missing = None
    for std_part, grade_part in _splits(query):
        editions = _editions_named(corpus, std_part, as_of)
        if not editions:
            continue
        found = _grade_in(corpus, editions, grade_part.strip().strip('"'))
        if found is not None:
            return Resolution(found, "ref", 100.0), None
        missing = missing or (editions, grade_part.strip().strip('"'))
    return None, missing


def qualified_grade(corpus: Corpus, text: str, as_of=None) -> GradeRef | None:
    """The grade `text` names with its standard (see _qualified), exactly: no typo is read
    and no file. None when it names none."""
    found, _ = _qualified(corpus, text, as_of)
    return found.grade if found else None


def _no_such_grade(corpus: Corpus, editions: list[m.Standard], code: str) -> RefError:
    """The named standard has no such grade: the near codes, and the other editions that hold
    it when one edition was named (GB/T 38471-2023 is held in part, 2019 has RCu-1A)."""
    std = editions[0]
    codes = [g.code for s in editions for g in s.grades]
    near = list(dict.fromkeys(get_close_matches(code, codes, n=3, cutoff=0.6)))
    hint = f"did you mean {', '.join(near)}? " if near else ""
    if len(editions) == 1 and len(corpus.editions(std.key)) > 1:
        others = [s.ref for s in corpus.editions(std.key) if _grade_in(corpus, [s], code)]
        if others:
            hint = f"{' and '.join(others)} holds it; "
        return RefError(f"{std.ref} has no grade '{_shortened(code)}'", hint + _SHOW.format(std))
    message = f"{std.key} has no grade '{_shortened(code)}' in any edition held"
    return RefError(message, hint + _SHOW.format(std))


_SHOW = "'stdcompare show {0.ref}' lists its grades"


def _splits(query: str) -> list[tuple[str, str]]:
    """Where a standard's name may end: at the first colon, else after each word but the last
    (longest first: "GB/T 38471-2019 RCu-1A" before "GB/T 38471-2019")."""
    if ":" in query:
        left, _, right = query.partition(":")
        if left.strip() and right.strip():
            return [(left.strip(), right)]
    words = query.split()
    return [(" ".join(words[:i]), " ".join(words[i:])) for i in range(len(words) - 1, 0, -1)]


def _editions_named(corpus: Corpus, text: str, as_of) -> list[m.Standard]:
    """The editions to look in, the surest first, for a standard named by key, key@edition or
    a name people use; [] when `text` names no one standard."""
    key, _, edition = text.partition("@")
    if not corpus.editions(key):
        key, named_edition = corpus.named(key)
        edition = edition or named_edition or ""
    every = corpus.editions(key) if key else []
    held = [s for s in every if s.status is not m.Status.DRAFT]
    if not held:  # held only as drafts (a committee's harmonised draft): its drafts answer
        return sorted(every, key=lambda s: s.edition, reverse=True)
    if edition:
        return [s for s in held if s.edition == edition]
    current = corpus.in_force(key, as_of) if key else None
    older = sorted((s for s in held if s is not current), key=edition_date, reverse=True)
    return [current, *older] if current else older


def _grade_in(corpus: Corpus, editions: list[m.Standard], text: str) -> GradeRef | None:
    """The grade `text` names in the first edition that holds it: by code (any case, either
    half of a slash code), else by one of its names or aliases."""
    normaliser = Normaliser.of(corpus.vocabulary)
    wanted, spelled = text.casefold(), normaliser.full(text)
    for std in editions:
        for grade in std.grades:
            if grade.code.casefold() == wanted or wanted in _halves(grade.code):
                return GradeRef(std, grade)
        for grade in std.grades:
            if any(normaliser.full(n) == spelled for n in grade_names(grade, std)[1:]):
                return GradeRef(std, grade)
    return None


def _named(normaliser, everything: list[tuple], text: str) -> list[tuple]:
    """The (standard, grade) items one of whose names or aliases (not its code) is `text`,
    as the normaliser reads both; or an acronym a name spells out in brackets ("UBC" of
    "Baled aluminum used beverage can (UBC) scrap"), as traders call the grade."""
    wanted = normaliser.full(text)
    acronym = text.strip().upper() if _ACRONYM_QUERY.fullmatch(text.strip()) else None
    return [
        (s, g)
        for s, g in everything
        if any(
            normaliser.full(n) == wanted or (acronym and acronym in _ACRONYM.findall(n))
            for n in grade_names(g, s)[1:]
        )
    ]


_ACRONYM = re.compile(r"\(([A-Z]{2,6})\)")  # "(UBC)", "(ACSR)" inside a grade's name
_ACRONYM_QUERY = re.compile(r"[A-Za-z]{2,6}")


_RATIO = re.compile(r"\s*\(?\s*(\d{1,3})\s*[:/]\s*(\d{1,3})\s*\)?\s*$")


def _trade_spelling(vocab: Vocabulary, normaliser, query: str) -> str:
    """The held alias a trade spelling writes ("No. 1 HMS", "HMS1": HMS 1), else the query."""
    wanted = normaliser.full(query)
    for spelling, alias in vocab.trade.get("spellings", {}).items():
        if normaliser.full(spelling) == wanted:
            return alias
    return query


def _as_blend(corpus: Corpus, normaliser, everything, query: str, as_of) -> Resolution | None:
    """A blend the trade names ("HMS 1&2 80:20", or "HMS" with no ratio): the grades of each
    part's alias, with the shares the query states. None when the query names no blend."""
    ratio = _RATIO.search(query)
    words = normaliser.full(query[: ratio.start()] if ratio else query)
    for blend in corpus.vocabulary.trade.get("blends", {}).values():
        if words not in {normaliser.full(w) for w in blend.get("words", ())}:
            continue
        shares = _shares(ratio, len(blend["parts"]))
        parts = []
        for alias, share in zip(blend["parts"], shares, strict=True):
            found = _named(normaliser, everything, alias)
            if found:
                best = _prefer(corpus, found, "blend", 100.0, as_of, alias)
                parts.append(BlendPart(alias, share, (best.grade, *best.alternatives)))
        if parts:
            first, *rest = [g for part in parts for g in part.grades]
            return Resolution(first, "blend", 100.0, tuple(rest), blend=tuple(parts))
    return None


def _shares(ratio, count: int) -> list[int | None]:
    """The shares a ratio states ("80:20"), when they are as many as the parts and add to 100."""
    if ratio is None:
        return [None] * count
    numbers = [int(ratio.group(1)), int(ratio.group(2))]
    if len(numbers) != count or sum(numbers) != 100:
        raise StdcompareError(
            f"a blend's shares add up to 100, not {sum(numbers)} ({ratio.group(0).strip()})",
            "write the mix as the trade does, e.g. HMS 1&2 80:20",
        )
    return list[int | None](numbers)


# Words every scrap name may carry: a family word is read without them (废钢, scrap steel).
_GENERIC = frozenset({"scrap", "recycled", "recycling", "raw", "material"})


def _family_named(vocab: Vocabulary, normaliser, query: str) -> str | None:
    """The family a query names by its key, its English or Chinese name (紫铜 renders copper),
    or a trade word for it (黄杂铜: brass), none of the generic scrap words counted."""
    trade = {normaliser.full(w): f for w, f in vocab.trade.get("families", {}).items()}
    if normaliser.full(query) in trade:
        return trade[normaliser.full(query)]
    wanted = normaliser.words(query) - _GENERIC
    if not wanted:
        return None
    for key, data in vocab.families.items():
        names = [key.replace("_", " "), data.get("en", ""), data.get("zh", "")]
        if any(wanted == normaliser.words(n) - _GENERIC for n in names if n):
            return key
    return None


def _as_family(corpus: Corpus, family: str, as_of, query: str) -> Resolution:
    """A family word's answer: the grades of that family (or below) in the standards in force,
    which the text lists by standard for the trader to pick one."""
    found = [
        (std, g)
        for key in corpus.standard_keys()
        if (std := corpus.in_force(key, as_of)) is not None
        for g in std.grades
        if corpus.vocabulary.in_family(g.families, family)
    ]
    if not found:
        raise RefError(
            f"'{_shortened(query)}' names the family {family}, of which no standard in force "
            "holds a grade",
            f"see 'stdcompare list --family {family}'",
        )
    first, *rest = [GradeRef(s, g) for s, g in found]
    return Resolution(first, "family", 100.0, tuple(rest), family=family)


def _by_category(corpus: Corpus, normaliser, query: str) -> list[tuple]:
    """The grades of the category a query names: its whole name, or the words that set it
    apart from the standard's other categories (重型 for 重型再生钢铁原料, heavy, beside 中型
    and 小型 ... 再生钢铁原料), in Chinese with the material said too (重型废钢)."""
    wanted = normaliser.words(query)
    # A Chinese trader adds the material to the category's word (重型废钢, heavy steel scrap):
    # its own words, the scrap words aside, may then say more than the distinguishing ones,
    # as long as the category's name holds them all.
    loose = wanted - _GENERIC if _CJK.search(query) else frozenset()
    found = []
    for std in corpus.standards:
        named = [g for g in std.groups if g.names and g.kind is m.GroupKind.CATEGORY]
        if len(named) < 2:
            continue
        words = {g.id: [normaliser.words(n.text) for n in g.names.values()] for g in named}
        common = frozenset.intersection(*(frozenset.union(*w) for w in words.values()))
        for group in named:
            if any(
                wanted in (w, w - common) or (loose and w - common and w - common <= loose <= w)
                for w in words[group.id]
            ):
                found += [(std, g) for g in std.grades if group in std.group_chain(g)]
    return found


def _by_words(normaliser, names, query) -> tuple[list[tuple], list[tuple]]:
    """The grades whose name the query says most of, word by word ("#1 copper": "No. 1 copper
    wire"), and every grade that shares its words at all, best first, as (score, standard,
    grade). Among names equally covered the one closest as a whole string wins."""
    from rapidfuzz import fuzz

    wanted = normaliser.words(query)
    written = normaliser.full(query)
    near = []
    for s, g, name in names:
        have = normaliser.words(name)
        if wanted <= have or have <= wanted:
            share = 2 * len(wanted & have) / (len(wanted) + len(have))
            near.append((round(100 * share, 1), fuzz.ratio(written, name), s, g))
    near.sort(key=lambda item: item[:2], reverse=True)
    if not near or near[0][0] < 100 * WORDS_CUTOFF:
        return [], [(score, s, g) for score, _, s, g in near]
    best = near[0][:2]
    return [(s, g) for *key, s, g in near if tuple(key) == best], [
        (score, s, g) for score, _, s, g in near
    ]


def _fuzzy(corpus: Corpus, normaliser, names, query, as_of, near_words) -> Resolution:
    from rapidfuzz import fuzz, process

    wanted = normaliser.full(query)
    choices = [name for _, _, name in names]
    whole = process.cdist([wanted], choices, scorer=fuzz.ratio)[0]
    # A rank the query states is kept: "#1 copperr" is no "No. 2 copper", however alike.
    ranks = normaliser.rank_numbers(query)
    # A name of two characters (Japan's HS, EFR's E3) is not read from a typo: one letter
    # more or less is half of it ("hms" is no misspelt HS).
    scores = [
        float(score)
        if len(name) > 2 and (not ranks or _same_rank(normaliser, ranks, name))
        else 0.0
        for score, name in zip(whole, choices, strict=True)
    ]
    # A typo is a slip of a letter or two, not another word: "bright copper" is 88 like "light
    # copper" (Dream) by similarity, yet two edits away in a word of six. Read as a typo only
    # what lies within TYPO_EDITS of the query; the rest may still be suggested.
    typos = [
        score if score >= FUZZY_CUTOFF and _a_slip(wanted, name) else 0.0
        for score, name in zip(scores, choices, strict=True)
    ]
    top = max(typos, default=0.0)
    if top < FUZZY_CUTOFF:
        raise RefError(f"no grade matches '{_shortened(query)}'", _hint(names, scores, near_words))
    scores = typos
    scored = list(zip(names, scores, strict=True))
    tied = [(s, g) for (s, g, _), score in scored if score == top]
    spellings = {_RANK.sub("", name).strip() for (_, _, name), score in scored if score == top}
    if len(spellings) > 1 and len(_codes(tied)) > 1:
        # "Zobra": Zorba with two letters swapped, Cobra with one changed. (Grades whose names
        # differ only by a rank the query does not state — No. 1 and No. 2 heavy melting
        # steel — are that name's answers, as they are without the typo.)
        raise RefError(
            f"'{_shortened(query)}' is as close to {' as to '.join(_codes(tied)[:3])}",
            f"ask for one of them by its code: stdcompare lookup {_codes(tied)[0]}",
        )
    close = [
        (s, g)
        for (s, g, name), score in scored
        if top - CLOSE <= score < top
        and _RANK.sub("", name).strip() not in spellings
        and g.code not in _codes(tied)
    ]
    found = _prefer(corpus, tied, "fuzzy", round(top, 1), as_of, query)
    return replace(found, close=tuple(GradeRef(s, g) for s, g in _first_of_each(close)))


def _a_slip(wanted: str, name: str) -> bool:
    """Whether `wanted` is `name` mistyped: within a few edits as a whole, or each of its words
    a word of the name with at most one slip ("heavy meltng steel" in "No. 1 heavy melting
    steel"); words under four letters must be exact."""
    from rapidfuzz.distance import OSA

    if OSA.distance(wanted, name) <= 1 + len(wanted) // TYPO_LENGTH:
        return True
    words = name.split()
    return all(
        any(OSA.distance(w, n) <= (1 if len(w) >= 4 else 0) for n in words) for w in wanted.split()
    )


def _halves(code: str) -> set[str]:
    parts = [p.strip().lower() for p in code.split("/")]
    return set(parts) if len(parts) > 1 else set()


def _codes(found: list[tuple]) -> list[str]:
    """The distinct grade codes among (standard, grade) items, in order (editions aside)."""
    return list(dict.fromkeys(g.code for _, g in found))


def _first_of_each(found: list[tuple]) -> list[tuple]:
    return list({g.code: (s, g) for s, g in reversed(found)}.values())[::-1]


def _same_rank(normaliser, ranks: set[str], name: str) -> bool:
    found = normaliser.rank_numbers(name)
    return not found or found == ranks


def _hint(names, scores, near_words) -> str:
    """'did you mean Rails, Racks?': the nearest grades, by code word or by words, if any is
    near at all; the ways to ask otherwise."""
    ways = (
        "try a code word (Birch), a grade code (RCu-1A) or a name; 'stdcompare list' shows "
        "the standards"
    )
    near = [(score, s, g) for (s, g, _), score in zip(names, scores, strict=True)]
    near += near_words
    near.sort(key=lambda item: item[0], reverse=True)
    codes: list[str] = []
    for score, _, grade in near:
        if score < SUGGEST_FLOOR or len(codes) == SUGGESTED:
            break
        if grade.code not in codes:
            codes.append(grade.code)
    return f"did you mean {', '.join(codes)}? otherwise {ways}" if codes else ways


def _shortened(query: str, most: int = 60) -> str:
    return query if len(query) <= most else query[: most - 1] + "…"


def _prefer(
    corpus: Corpus, found: list[tuple], how: str, similarity: float, as_of, query: str = ""
) -> Resolution:
    """Several grades answer the query: one that carries the query as written first (ISRI's
    own Chinese name 1号铜米 is Clove's), then for a Chinese query a Chinese standard's (1号铜线
    names a GB/T product before an ISRI one that translates alike), then the edition in force,
    then the latest."""
    in_force = {k: corpus.in_force(k, as_of) for k in {s.key for s, _ in found}}
    chinese = bool(_CJK.search(query))
    written = query.strip().casefold()

    def rank(item):
        std, grade = item
        current = in_force.get(std.key)
        return (
            written in {n.casefold() for n in grade_names(grade, std)},
            chinese and std.region == "CN",
            current is not None and current.ref == std.ref,
            std.effective or date.min,
        )

    unique = list({(s.ref, g.code): (s, g) for s, g in found}.values())
    unique.sort(key=rank, reverse=True)
    best, *rest = unique
    others = tuple(
        GradeRef(s, g) for s, g in rest if (s.key, g.code) != (best[0].key, best[1].code)
    )
    return Resolution(GradeRef(*best), how, similarity, others)
