"""A Chinese interface on every command and format (issue 21): each command's renderers,
called with lang="zh", leave none of the glossary's English phrases (a committee prints the
page and meets no English interface word), and with lang="en" none of its Chinese ones.
Codes, designations, source text and addresses stay as they are in both."""

from __future__ import annotations

import html
import json
import re
import tomllib
from functools import cache

import pytest

from stdcompare import api
from stdcompare.errors import StdcompareError
from stdcompare.render import (
    committee,
    diffs,
    formats,
    harmonised,
    listing,
    lot,
    recognised,
    records,
    show,
    summary,
)
from stdcompare.render import html as pages
from stdcompare.render.setting import Setting
from stdcompare.render.speech import error_lines

from ..conftest import FIXTURES, REPO

GLOSSARY = tomllib.loads(
    (REPO / "standards" / "vocabulary" / "interface.toml").read_text(encoding="utf-8")
)
# The site's tables are said in both languages on every page by design (its language switch).
BOTH_ON_A_PAGE = {"site", "site_gaps"}


def _chunks(text: str) -> list[str]:
    return [c.strip(" ,;:()[]·*.") for c in re.split(r"\{[^}]*\}", text)]


@cache
def english_pieces() -> frozenset[str]:
    """The literal parts of every English entry (fields left out) of two words or more of
    three letters: 'lots qualify as', 'candidate pairs', 'as far as held'."""
    found = set()
    for name, table in GLOSSARY.items():
        if name in BOTH_ON_A_PAGE:
            continue
        for entry in table.values():
            for chunk in _chunks(entry["en"]):
                if "_" in chunk or " " not in chunk or chunk.startswith("stdcompare "):
                    continue  # a key, a code ('title-only') or a command ('stdcompare diff')
                if len(re.findall(r"\b[a-z]{3,}\b", chunk)) >= 2:
                    found.add(chunk)
    return frozenset(found)


def holds(text: str, pieces: frozenset[str]) -> list[str]:
    """The pieces the text holds as words: 'within the limit', not in 'within the limits of'
    (a regulation's own sentence)."""
    return sorted(set(_pattern(pieces).findall(text)))


@cache
def _pattern(pieces: frozenset[str]) -> re.Pattern:
    either = "|".join(re.escape(p) for p in sorted(pieces, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{either})(?!\w)")


@cache
def chinese_pieces() -> frozenset[str]:
    """The Chinese of every entry, runs of four Chinese characters or more (shorter ones are
    family and property names an English page shows beside the English by design)."""
    found = set()
    for name, table in GLOSSARY.items():
        if name in BOTH_ON_A_PAGE:
            continue
        for entry in table.values():
            found.update(re.findall(r"[\u4e00-\u9fff]{4,}", entry.get("zh", "")))
    return frozenset(found)


# The fields of a JSON record that hold words (labels, reasons, messages); its keys and its
# other values are codes, the same in every language ("cannot tell", "a_within_b").
WORDED = {"label", "text", "why", "caveat", "caveats", "message", "notes", "says", "common"}
WORDED |= {"envelope", "settle", "name", "family"}


def _worded(data) -> str:
    """The words of a JSON record, one per line."""
    if isinstance(data, dict):
        return "\n".join(
            str(v) if k in WORDED and isinstance(v, str) else _worded(v) for k, v in data.items()
        )
    if isinstance(data, list | tuple):
        return "\n".join(_worded(v) for v in data)
    return ""


def _source_strings(data, found: set[str]) -> set[str]:
    if isinstance(data, str):
        if len(data) >= 20 and " " in data:
            found.add(data)
    elif isinstance(data, dict):
        for v in data.values():
            _source_strings(v, found)
    elif isinstance(data, list | tuple):
        for v in data:
            _source_strings(v, found)
    return found


def without_source_text(text: str, standards) -> str:
    """The output without the standards' own text (a clause quoted, a transcriber's note on
    what is unknown or uncertain, a description): data, said as it is in every language."""
    from stdcompare.serialize import to_data

    found: set[str] = set()
    for std in standards:
        _source_strings(to_data(std), found)
    for quoted in sorted(found, key=len, reverse=True):
        text = text.replace(quoted, "␟")
    return text


def _visible(page: str) -> str:
    """A page's text as printed, and the titles a pointer shows."""
    page = re.sub(r"<(style|script)>.*?</\1>", "", page, flags=re.DOTALL)
    titles = " ".join(re.findall(r'title="([^"]*)"', page))
    return html.unescape(re.sub(r"<[^>]+>", "\n", page) + "\n" + titles)


@pytest.fixture(scope="module")
def corpus():
    return api.load_corpus()


@pytest.fixture(scope="module")
def fixtures():
    return api.load_corpus(FIXTURES / "corpus")


def _compare(corpus, lang: str) -> dict[str, str]:
    found = {}
    pairs = (
        ("isri-circular", "gbt-38471@2019", "copper"),
        ("isri-circular", "eu-2011-333", "aluminium"),
    )
    for a, b, family in pairs:  # a family each: every kind of row, a page in a second
        cmp = api.compare(a, b, family=family, corpus=corpus).comparison
        for fmt in formats.RENDERERS:
            text = formats.render(cmp, fmt, Setting.of(corpus), lang)
            if fmt == "json":
                text = _worded(json.loads(text))
            found[f"compare {b} {fmt}"] = _visible(text) if fmt == "html" else text
    return found


def _lookup(corpus, lang: str) -> dict[str, str]:
    from stdcompare.counterparts import for_text

    found = {}
    day = corpus.as_of.isoformat()
    vocab = corpus.vocabulary
    for query in ("1号铜线", "Birch", "紫铜"):
        result = api.lookup(query, corpus=corpus)
        found[f"lookup {query} text"] = summary.lookup_text(
            for_text(result), vocab, day, Setting.of(corpus).editions, lang
        )
        found[f"lookup {query} json"] = _worded(records.lookup_data(result, vocab, day, lang=lang))
        matches = [records.pair_data(p, vocab, lang) for p in result.matches]
        rules = [records.conformity_data(c, vocab, lang) for c in result.conformity]
        found[f"lookup {query} csv"] = records.to_csv(matches, rules, lang)
    return found


def _diff(fixtures, lang: str) -> dict[str, str]:
    changes = api.diff("test-wire@2018", FIXTURES / "diff" / "wire-spec-2024.toml", corpus=fixtures)
    data = diffs.records(changes, "never", None, fixtures.vocabulary, lang)
    return {
        "diff text": diffs.text(data, lang),
        "diff md": diffs.markdown(data, lang),
        "diff github": diffs.github(data),
        "diff junit": diffs.junit(data),
        "diff json": _worded(data),
        "diff html": _visible(pages.diff_page(data, Setting.of(fixtures), lang)),
    }


def _committee(corpus, lang: str) -> dict[str, str]:
    vocab = corpus.vocabulary
    found = api.harmonise(["isri-circular:Birch", "gbt-38471@2019:RCu-1C"], corpus=corpus)
    said = {
        "harmonise text": harmonised.text(found, vocab, lang),
        "harmonise md": harmonised.markdown(found, vocab, lang),
        "harmonise json": _worded(harmonised.data(found, vocab, lang)),
        "harmonise html": _visible(
            committee.harmonise_page(harmonised.data(found, vocab, lang), Setting.of(corpus), lang)
        ),
    }
    matrix = api.recognise("copper", corpus=corpus)
    said |= {
        "recognise text": recognised.text(matrix, vocab, lang),
        "recognise csv": recognised.csv_text(matrix, vocab, lang),
        "recognise json": _worded(recognised.json_data(matrix, vocab, lang)),
        "recognise html": _visible(
            committee.recognition_page(
                recognised.data(matrix, vocab, lang), Setting.of(corpus), lang
            )
        ),
    }
    return said


def _shown(corpus, fixtures, lang: str) -> dict[str, str]:
    vocab = corpus.vocabulary
    isri = corpus.resolve("isri-circular")
    listed = api.standards(corpus=corpus)
    said = {
        "list text": listing.text(listing.rows(listed), lang, listed, vocab),
        "show standard": without_source_text(
            show.standard_text(corpus.resolve("eu-2011-333"), vocab, lang),
            [corpus.resolve("eu-2011-333")],
        ),
        "show grade": show.grade_text(isri, corpus.grade_of(isri, "Birch"), vocab, lang),
    }
    found = api.check(FIXTURES / "lots" / "wire-lot.csv", corpus=fixtures)
    verdicts, words = list(found.verdicts), fixtures.vocabulary
    said["check text"] = lot.text(
        found.lot, verdicts, words, found.declared, found.families, found.left_out, lang
    )
    said["check json"] = _worded([lot.verdict_data(v, words, lang) for v in verdicts])
    return said


def _report(fixtures, lang: str) -> dict[str, str]:
    page = pages.corpus_report(api.report(corpus=fixtures), Setting.of(fixtures), lang)
    return {"report html": without_source_text(_visible(page), fixtures.standards)}


def _errors(corpus, lang: str) -> dict[str, str]:
    said = {}
    attempts = {
        "unknown grade": lambda: api.lookup("Zzzyx", corpus=corpus),
        "unknown standard": lambda: corpus.resolve("isir"),
        "no such grade": lambda: corpus.resolve_grade("isri-circular:Nope"),
        "no such file": lambda: corpus.resolve(str(FIXTURES / "no-such-file.toml")),
        "ambiguous": lambda: api.lookup("Zobra", corpus=corpus),
        "no edition": lambda: corpus.resolve("gbt-38471@1999"),
        "empty query": lambda: api.lookup("", corpus=corpus),
    }
    for name, attempt in attempts.items():
        with pytest.raises(StdcompareError) as caught:
            attempt()
        message, hint = error_lines(caught.value, lang)
        said[f"error {name}"] = f"{message}\n{hint}"
    return said


@pytest.fixture(scope="module")
def outputs(corpus, fixtures):
    made = {}
    for lang in ("en", "zh"):
        found = {}
        found |= _compare(corpus, lang)
        found |= _lookup(corpus, lang)
        found |= _diff(fixtures, lang)
        found |= _committee(corpus, lang)
        found |= _shown(corpus, fixtures, lang)
        found |= _report(fixtures, lang)
        found |= _errors(corpus, lang)
        made[lang] = found
    return made


COMMANDS = (
    "compare",
    "lookup",
    "diff",
    "harmonise",
    "recognise",
    "list",
    "show",
    "check",
    "report",
    "error",
)


@pytest.mark.parametrize("command", COMMANDS)
def test_a_chinese_output_holds_no_english_interface_phrase(outputs, command):
    mine = {k: v for k, v in outputs["zh"].items() if k.split()[0] == command}
    assert mine, command  # the command was rendered
    left = {k: holds(v, english_pieces()) for k, v in mine.items()}
    assert {k: v for k, v in left.items() if v} == {}


@pytest.mark.parametrize("command", COMMANDS)
def test_an_english_output_holds_no_chinese_interface_phrase(outputs, command):
    mine = {k: v for k, v in outputs["en"].items() if k.split()[0] == command}
    assert mine, command
    left = {k: holds(v, chinese_pieces()) for k, v in mine.items()}
    assert {k: v for k, v in left.items() if v} == {}


def test_the_checks_can_fail(outputs):
    """Each language's output does hold the other's phrases when asked the other way: the two
    tests above are not vacuous."""
    english, chinese = outputs["en"], outputs["zh"]
    assert len(english) == len(chinese) > 40
    assert sum(bool(holds(v, english_pieces())) for v in english.values()) > 30
    assert sum(bool(holds(v, chinese_pieces())) for v in chinese.values()) > 30


def test_every_entry_has_both_languages_and_the_same_fields():
    fields = lambda text: sorted(re.findall(r"\{(\w+)", text))  # noqa: E731
    for name, table in GLOSSARY.items():
        for key, entry in table.items():
            assert entry.get("en") and entry.get("zh"), (name, key)
            assert fields(entry["en"]) == fields(entry["zh"]), (name, key)


def test_a_regulation_is_named_by_what_it_covers(corpus):
    from stdcompare.render import words

    regulation = corpus.resolve("eu-2011-333")
    said = words.display_name(regulation, corpus.vocabulary, "en")
    assert said == (
        "Regulation (EU) No 333/2011 — end-of-waste criteria for iron and steel scrap, "
        "aluminium scrap"
    )
    assert words.display_name(regulation, corpus.vocabulary, "zh").endswith("废物终止标准")
    gbt = corpus.resolve("gbt-38471@2019")
    assert words.display_name(gbt, corpus.vocabulary, "zh") == (
        "GB/T 38471-2019 — 再生铜原料 (Recycling materials for copper)"
    )
