"""The cells of a flattened GB/T table as tokens (gbt_stream.py): each word or cell classified
as a code, a value, a bound word, a property header, a role word (类别, 代号 …) or text, with the
script it is written in; the cells a PDF wrapped or split put back together."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .gbt_paragraphs import _one_sided
from .gbt_tables import _CODE, _is_value
from .gbt_text import _CJK

# Header words of the text columns, alone in a token (the table module's roles, as whole words).
_ROLE_WORDS = {
    "代号": "code", "牌号": "code", "编号": "code", "code": "code",
    "类别": "category", "类型": "category", "分类": "category", "种类": "category",
    "category": "category", "简称": "abbreviation", "缩写": "abbreviation",
    "abbreviation": "abbreviation", "标记": "mark", "mark": "mark", "名称": "name",
    "品名": "name", "name": "name", "product": "name",
}  # fmt: skip
_PROP_HEADER = re.compile(r"\S/\s*(?:%|[A-Za-zµμ³]+)|\S\(\s*%\s*\)|\S（%）|\S[,，]\s*%$|^%$")
_DASHES = re.compile(r"^(?:[—–\-－―‐_]{1,}|——)$")


@dataclass
class Token:
    kind: str  # code | value | bound | prop | role | text
    text: str
    zh: bool  # written in Chinese (a header's or a name's script)
    # Where the cell is printed: its line in the table and its columns on the line, counted
    # as a terminal shows them (a Chinese character two wide), for text laid out by
    # `pdftotext -layout` (gbt_layout.py).
    line: int = 0
    x: int = 0
    end: int = 0


@dataclass
class Stream:
    tokens: list[Token]
    values: dict[str, list[Token]] = field(default_factory=dict)  # code -> its numbers
    codes: list[str] = field(default_factory=list)
    marks: int = 0
    loose: list[Token] = field(default_factory=list)  # tokens placed nowhere


def flattened(raw_lines: list[str]) -> bool:
    """A header spread over lines: a bound word alone in a cell ("不大于", "max.")."""
    for line in raw_lines:
        for chunk in re.split(r"\t|\s{2,}|\s*\|\s*", line.strip()):
            words = chunk.split()
            if words and all(_is_bound(w) for w in words):
                return True
    return False


_GAP = re.compile(r"(\t|\s{2,}|\s*\|\s*)")


def tokens(raw_lines: list[str]) -> list[Token]:
    out: list[Token] = []
    for n, line in enumerate(raw_lines):
        x = 0
        for part in _GAP.split(line):
            if part.strip() and not _GAP.fullmatch(part):
                start = x + width(part[: len(part) - len(part.lstrip())])
                end = start + width(part.strip())
                for tok in _chunk_tokens(part):
                    tok.line, tok.x, tok.end = n, start, end
                    out.append(tok)
            x += width(part)
    return _rejoin(out)


def width(text: str) -> int:
    """Columns a text takes on a terminal: a wide (Chinese) character takes two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _rejoin(toks: list[Token]) -> list[Token]:
    """A header cell that the PDF wrapped inside its parentheses ("夹杂物(质量分", "数)/%") is
    one header again."""
    out: list[Token] = []
    for tok in toks:
        last = out[-1] if out else None
        if (
            last is not None
            and last.kind == "text"
            and tok.kind in ("prop", "text")
            and last.zh == tok.zh
            and last.text.count("(") > last.text.count(")")
        ):
            last.text += tok.text if tok.zh else " " + tok.text
            last.kind = tok.kind
            last.end = max(last.end, tok.end)
        else:
            out.append(tok)
    return out


def _chunk_tokens(chunk: str) -> list[Token]:
    """One cell-or-more of text: words classified, neighbouring text words of one script joined
    ("#1 copper wire"), a text word before a header joined to it ("Metal recovery/%")."""
    out: list[Token] = []
    words: list[list[str]] = []  # each token's words, joined once at the end (linear)
    for word in chunk.split():
        kind = _word_kind(word)
        zh = bool(_CJK.search(word))
        last = out[-1] if out else None
        if last is not None and last.kind == "text" and last.zh == zh and kind in ("text", "prop"):
            words[-1].append(word)
            last.kind = kind
        else:
            out.append(Token(kind, word, zh))
            words.append([word])
    for token, parts in zip(out, words, strict=True):
        token.text = ("" if token.zh else " ").join(parts)
        if token.kind == "text" and _is_bound(token.text):
            token.kind = "bound"  # "not more than"
    return _in_one_cell(out)


def _in_one_cell(out: list[Token]) -> list[Token]:
    """Within one cell, a number before English words is part of a name ("6063 extrusions"),
    and a letter after a number is its footnote mark ("0.40 a")."""
    joined: list[Token] = []
    for tok in out:
        last = joined[-1] if joined else None
        if last is not None and last.kind == "value" and tok.text in ("%", "‰"):
            last.text += tok.text  # "0.5 %": the number's unit, not a header
            continue
        if last is not None and last.kind == "value" and tok.kind == "text" and not tok.zh:
            if re.fullmatch(r"[a-h]", tok.text):
                last.text += tok.text
                continue
            if re.match(r"[A-Za-z]{3}", tok.text) and not _DASHES.match(last.text):
                last.kind, last.text = "text", f"{last.text} {tok.text}"
                continue
        joined.append(tok)
    return joined


def _word_kind(word: str) -> str:
    if _CODE.match(word):
        return "code"
    if _DASHES.match(word) or _is_value(word):
        return "value"
    if _is_bound(word):
        return "bound"
    if _role_key(word) in _ROLE_WORDS:
        return "role"
    if _PROP_HEADER.search(word):
        return "prop"
    return "text"


def _upper(word: str) -> bool:
    found = _one_sided(word, "1")
    return found is not None and "hi" in found


def _role_key(word: str) -> str:
    return word.lower().strip(".:：")


def _is_bound(text: str) -> bool:
    return len(text) <= 16 and _one_sided(text, "1") is not None
