"""Flattened GB/T tables as `pdftotext -layout` prints them: cells keep their place on the line,
so where the order of the stream misleads, the columns do not (gbt_stream.py).

-layout prints a row's numbers on one line, but a cell that wraps prints its lines above and
below it: a row's Chinese name on the line above its numbers, its English name on the line
below, a merged category cell beside whichever rows its lines fall. Read by place:

- headers: a property header wrapped inside its parentheses ("夹杂物(质量分" over "数)/%") is
  joined to the part printed under it; the value columns are the headers from left to right;
  a bound word (不大于, max.) bounds the header it is printed under;
- text cells go to the text column (类别, 名称 …) whose header is nearest on the line;
- each line of numbers is a row; a name's lines belong to the nearest row's line (on a tie,
  a Chinese line to the row below it, an English one to the row above); a category's lines
  (its Chinese name, then its English) open their category at the row nearest its first line.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from .gbt_labels import Named

if TYPE_CHECKING:
    from .gbt_tokens import Token

MAX_PAIRS = 10_000  # headers × bound words compared by place; no real table comes near


def laid_out(toks: list[Token]) -> bool:
    """Text laid out by place: some line holds several cells or is indented."""
    return any(t.x >= 2 for t in toks)


# How far after a wrapped header its rest is looked for: a header's lines are a few lines
# apart; a bound keeps a text of many unclosed parentheses linear.
LOOKAHEAD = 64


def join_wrapped(toks: list[Token]) -> list[Token]:
    """A header cell wrapped inside its parentheses, its rest printed under it: one header."""
    joined: set[int] = set()
    for k, tok in enumerate(toks):
        if id(tok) in joined or tok.kind != "text" or tok.text.count("(") <= tok.text.count(")"):
            continue
        rest = next((u for u in toks[k + 1 : k + 1 + LOOKAHEAD] if u.line > tok.line
                     and u.kind == "prop" and u.zh == tok.zh and _overlap(tok, u)
                     and id(u) not in joined), None)  # fmt: skip
        if rest is not None:
            tok.text += rest.text if tok.zh else " " + rest.text
            tok.kind, tok.end = "prop", max(tok.end, rest.end)
            joined.add(id(rest))
    return [t for t in toks if id(t) not in joined]


def by_place(props: list[Token]) -> list[Token]:
    """Headers from left to right."""
    return sorted(props, key=_centre)


def bounds_under(props: list[Token], bounds: list[Token]) -> list | None:
    """Each header's bound word: the one printed under it (None where there is none); None
    when some bound word is under no header, or two under one."""
    if len(props) * len(bounds) > MAX_PAIRS:
        return None
    placed: list = [None] * len(props)
    for bound in bounds:
        under = [k for k, p in enumerate(props) if _overlap(p, bound)]
        if len(under) != 1 or placed[under[0]] is not None:
            return None
        placed[under[0]] = bound
    return placed


def rows_by_place(toks: list[Token], roles: dict[str, list[Token]]) -> list[Named] | None:
    """The named rows of a laid-out stream, or None when its cells do not fall into rows and
    columns (then the order of the stream is read instead). `roles` holds the header words
    of the text columns by role."""
    # A header's words are printed once or twice (Chinese, English; a continued page): a few
    # are enough, and the count stays small whatever the text repeats.
    centres = {role: [_centre(t) for t in words[:8]] for role, words in roles.items()}
    if "name" not in centres:
        # One text column (GB/T 38472 names each category, one product each): it names rows.
        centres = {"name": centres.get("category", [0.0])}
    rows: dict[int, Named] = {}
    for tok in toks:
        if tok.kind == "value":
            rows.setdefault(tok.line, Named([], [])).values.append(tok)
    lines = sorted(rows)
    if not lines:
        return None
    blocks: list[list[Token]] = []
    for tok in (t for t in toks if t.kind == "text"):
        role = min(centres, key=lambda r: min(abs(c - _centre(tok)) for c in centres[r]))
        if role == "name":
            rows[_nearest(lines, tok)].name.append(tok)
        elif blocks and _same_block(blocks[-1], tok, rows):
            blocks[-1].append(tok)
        else:
            blocks.append([tok])
    for block, first in zip(blocks, _spans(lines, blocks), strict=True):
        rows[lines[first]].category += block
    named = [rows[line] for line in lines]
    for row in named:
        row.values.sort(key=lambda t: t.x)
    if not named or any(not row.name for row in named):
        return None
    return named


def _spans(lines: list[int], blocks: list[list[Token]]) -> list[int]:
    """The first row of each category: a merged cell prints its lines at the middle of its
    rows, so each category, in order, takes the rows whose middle is nearest the middle of
    its lines, leaving at least a row for each category after it. Linear: each search stops
    once the middle has passed the category's."""
    firsts: list[int] = []
    start, n = 0, len(lines)
    for j, block in enumerate(blocks):
        start = min(start, n - 1)
        firsts.append(start)
        centre = (block[0].line + block[-1].line) / 2
        last = max(n - (len(blocks) - j - 1), start + 1)  # where its rows may end, at most
        best, gap = start + 1, float("inf")
        for end in range(start + 1, last + 1):
            middle = (lines[start] + lines[end - 1]) / 2
            if abs(middle - centre) < gap:
                best, gap = end, abs(middle - centre)
            elif middle > centre:
                break
        start = best
    return firsts


def _same_block(block: list[Token], tok: Token, rows: dict) -> bool:
    """A category cell's lines: close together, its Chinese name before its English one, a
    Chinese name wrapped on the next line; two on lines of rows are two categories."""
    gap = tok.line - block[-1].line
    if not tok.zh:
        return gap <= 2
    if any(not t.zh for t in block) or gap > 1:
        return False
    return not (tok.line in rows and any(t.line in rows for t in block))


def _nearest(lines: list[int], tok: Token) -> int:
    """The row line nearest a text line (`lines` sorted); on a tie, Chinese goes down and
    English up."""
    k = bisect_left(lines, tok.line)
    near = lines[max(k - 1, 0) : k + 1]
    return min(near, key=lambda line: (abs(line - tok.line), (line < tok.line) == tok.zh))


def _centre(tok: Token) -> float:
    return (tok.x + tok.end) / 2


def _overlap(a: Token, b: Token) -> bool:
    return a.x < b.end and b.x < a.end
