"""A Chinese interface (issue 21, first part: lookup's text): every word of the interface comes
from the reviewed glossary (standards/vocabulary/interface.toml); a Chinese answer holds none of
its English phrases, and the locale chooses the language when --lang is not given."""

from __future__ import annotations

import re
import tomllib

import pytest

from ..conftest import REPO

GLOSSARY = tomllib.loads(
    (REPO / "standards" / "vocabulary" / "interface.toml").read_text(encoding="utf-8")
)


def _english_pieces() -> set[str]:
    """The literal words of every English phrase (fields left out), three letters or more:
    'lots qualify as', 'no close match', 'a transcription with sources' …"""
    pieces = set()
    for table in ("phrases", "words"):
        for entry in GLOSSARY[table].values():
            for chunk in re.split(r"\{[^}]*\}", entry["en"]):
                chunk = chunk.strip(" ,;:()[]·")
                if len(re.findall(r"[a-z]{3,}", chunk)) >= 2:
                    pieces.add(chunk)
    return pieces


QUERIES = [
    ["1号铜线"],
    ["Birch", "--in", "gbt-38471@2019"],
    ["紫铜"],
    ["HMS 1&2 80:20"],
    ["Tabor"],
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q[0])
def test_a_chinese_answer_holds_no_english_interface_phrase(run, query):
    code, zh, _ = run("lookup", *query, "--lang", "zh")
    assert code == 0
    left = sorted(p for p in _english_pieces() if p in zh)
    assert left == [], left
    code, en, _ = run("lookup", *query, "--lang", "en")
    assert any(p in en for p in _english_pieces())  # the check can fail: English has them


def test_every_phrase_has_both_languages():
    assert len(GLOSSARY["phrases"]) > 20 and len(GLOSSARY["words"]) > 20
    for table in ("phrases", "words"):
        for key, entry in GLOSSARY[table].items():
            assert entry.get("en") and entry.get("zh"), key
            fields = lambda text: sorted(re.findall(r"\{(\w+)", text))  # noqa: E731
            assert fields(entry["en"]) == fields(entry["zh"]), key


def test_the_locale_chooses_the_language(run, monkeypatch):
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    code, out, _ = run("lookup", "Birch", "--in", "gbt-38471@2019")
    assert code == 0 and "截至" in out and "可比" in out
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    code, out, _ = run("lookup", "Birch", "--in", "gbt-38471@2019")
    assert "comparable" in out and "截至" not in out


def test_compare_text_in_chinese(run):
    code, zh, _ = run("compare", "isri-circular", "gbt-38471@2019", "--lang", "zh")
    assert code == 0 and "候选牌号对" in zh
    left = sorted(p for p in _english_pieces() if p in zh)
    assert left == [], left


def test_a_claims_edition_note_is_said_in_chinese(run):
    """E3's claim against ISRI 200 was stated against the 2022 edition: said in Chinese."""
    code, out, _ = run("lookup", "E3", "--lang", "zh", "--as-of", "2026-01-01")
    assert code == 0
    (line,) = [x for x in out.splitlines() if "他方声称" in x]
    assert "针对 2022 版提出" in line and "asserted against" not in line
