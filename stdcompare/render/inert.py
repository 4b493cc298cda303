"""Source text made inert on its way out: one place for what every output format must not let a
transcribed title, code or note do.

Canonical files, documents, lot files and command arguments are written by others. What they
hold is printed to terminals and CI logs, opened in spreadsheets and rendered as Markdown, so
a field of them must never

- start a line of its own, or begin one: a line beginning with "::error" (after any spaces) is
  a GitHub workflow command in a CI log;
- drive the terminal: ESC and CSI sequences recolour, move the cursor, retitle the window; BEL;
- reorder what is shown: bidi overrides and isolates (the "Trojan Source" characters);
- become a formula in a spreadsheet (`=`, `+`, `-`, `@` at the start of a cell);
- become Markdown structure (a `|` that splits a cell, a link, emphasis, raw HTML).

Hidden characters are shown, not dropped, so a reader sees that something was there: C0 and C1
controls as `\\x1b`, the others as `\\u202e`. Line breaks of every kind become one space. Text
without any of these characters passes unchanged, so ordinary output stays byte-identical.
"""

from __future__ import annotations

import re

# Every character that breaks a line somewhere: CR and LF, and also VT, FF, the information
# separators, NEL, LINE and PARAGRAPH SEPARATOR (str.splitlines and some terminals and log
# viewers break on them). A tab is no line break but lines up nothing in a field: a space too.
_BREAKS = re.compile("\r\n|[\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029]")

# Controls (C0 but the breaks above, DEL, C1 but NEL), the bidi embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069), and what XML 1.0 forbids besides (U+FFFE, U+FFFF,
# lone surrogates), so that an inert string is also a legal XML character string.
_HIDDEN = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]"
)


def _shown(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def line(value: object, keep: str = "") -> str:
    """`value` as one line of inert text: hidden characters shown, line breaks a space.

    Characters in `keep` are left for the caller to encode its own way (GitHub annotations
    turn CR and LF into %0D and %0A).
    """
    text = _HIDDEN.sub(_shown, str(value))
    return _BREAKS.sub(lambda m: m.group() if m.group() in keep else " ", text)


def lines(items) -> str:
    """Lines of a text report joined: each item is one line, whatever its fields held."""
    return "\n".join(_no_command(line(item)) for item in items)


def _no_command(text: str) -> str:
    """A line whose field puts "::" first (a grade code "::error::…" in a list of codes)
    would be read as a workflow command: GitHub's runner skips leading spaces, then looks for
    "::". Its first colon is shown escaped instead."""
    rest = text.lstrip()
    if not rest.startswith("::"):
        return text
    return text[: len(text) - len(rest)] + "\\x3a" + rest[1:]


# --- CSV ---

# A spreadsheet reads a cell starting with one of these as a formula (OWASP "CSV Injection").
# "::" is no formula, but a row printed to a CI log that starts with it is a workflow command;
# the same quote, which a spreadsheet does not show, defuses it.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "::")
# A plain number, as a spreadsheet reads it. OWASP would quote "-0.5" too; we leave a cell that
# is a number and nothing else, as most tools do: "-0.5" must stay a number to sort and sum,
# and a number alone cannot call anything.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def csv_cell(value: object) -> object:
    """A cell a spreadsheet shows as text: a quote before a would-be formula, one line.

    Numbers and empty cells pass as they are; the csv module quotes separators and quotes.
    """
    if not isinstance(value, str):
        return value
    flat = line(value)
    if _NUMBER.fullmatch(flat):
        return flat
    # Spaces first do not hide a formula from every spreadsheet: look past them.
    if value.startswith(_FORMULA_START) or flat.lstrip(" ").startswith(_FORMULA_START):
        return "'" + flat
    return flat


# --- Markdown ---

# Markdown (GitHub's, CommonMark) in a table cell: each of these is escaped with a backslash
# where it could mean something. `|` splits cells, `\\` escapes, backticks open code, `*` and `[`
# `]` emphasis and links, `>` a quote, `&` an entity. `_` and `~` are escaped unless inside a word
# or between spaces ("metal_recovery", "RCu-1B ~ Berry" mean nothing), and `<` unless a space
# follows ("< 0.5 %" opens no tag), so ordinary cells read the same as before.
_MARKDOWN = re.compile(
    r"[\\|`*\[\]>&]"
    r"|(?<![^\W_])_|_(?![^\W_])"
    r"|(?<!\s)~|~(?!\s)"
    r"|<(?!\s)"
)


def md_cell(value: object) -> str:
    """Text for inside a Markdown table cell or heading: one inert line, markup escaped."""
    return _MARKDOWN.sub(lambda m: "\\" + m.group(), line("" if value is None else value))


# --- JSON ---

# json.dumps escapes C0 controls, but with ensure_ascii=False lets C1 controls, bidi characters
# and U+2028/U+2029 through raw, and lone surrogates (which UTF-8 cannot encode) too.
_JSON_RAW = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff\ud800-\udfff]")


def json_inert(text: str) -> str:
    """JSON text with no character a terminal acts on: such characters can only stand inside
    JSON strings, where \\uXXXX means the same (jsontext.json_text applies it batch by batch)."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
