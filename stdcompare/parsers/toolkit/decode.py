"""The one text decoder for documents that arrive as plain text (the ISRI circular, a GB/T
standard, text extracted from a PDF): a byte-order mark decides; without one, NUL bytes may
betray UTF-16; else strict UTF-8; else the reader's guess for its documents (Windows-1252 for
an American circular, GB18030 for a Chinese standard), said in a warning. Binary noise is
refused; control characters other than tab, newlines and form feed are dropped."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from ...errors import PARSER, SourceError

# Control characters other than tab, newlines and form feed are noise from extraction (and a TOML
# draft could not hold them).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
BINARY_SHARE = 0.02  # extracted text has next to no control characters; noise has 13 %
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Guess:
    """How a reader's documents are read when they are not UTF-8."""

    codec: str
    warning: str
    strict: bool  # a byte the codec cannot read refuses the document (else it becomes U+FFFD)
    utf16: bool  # NUL bytes without a byte-order mark are read as UTF-16


WESTERN = Guess("cp1252", "the text is not UTF-8; read as Windows-1252 (a guess)", False, False)
CHINESE = Guess(
    "gb18030", "the text is not UTF-8; read as GB18030 (a guess; GB18030 includes GBK)", True, True
)


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    warnings: list[str]


def decode(data: bytes, path: Path, guess: Guess) -> Decoded:
    """The text of `data`; SourceError when no encoding reads it or it is binary noise."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom) :], codec, path, [], guess.strict)
    if guess.utf16 and b"\x00" in data[:4096]:
        codec = _utf16_order(data[:4096])
        warnings = [f"no byte-order mark; NUL bytes suggest {codec.upper()} (a guess)"]
        return _decode(data, codec, path, warnings, guess.strict)
    try:
        return _decode(data, "utf-8", path, [], strict=True, fallible=True)
    except UnicodeDecodeError:
        pass
    return _decode(data, guess.codec, path, [guess.warning], guess.strict)


def _utf16_order(head: bytes) -> str:
    # ASCII in UTF-16 has its NUL in the high byte: the odd bytes for little-endian.
    odd = head[1::2].count(0)
    even = head[0::2].count(0)
    return "utf-16-le" if odd >= even else "utf-16-be"


def _decode(
    data: bytes, codec: str, path: Path, warnings: list[str], strict: bool, fallible: bool = False
) -> Decoded:
    """A text cut inside its last character (a head read for sniffing, a truncated file)
    keeps all before the cut, with a warning. A `fallible` attempt raises UnicodeDecodeError,
    for the next guess to be tried."""
    decoder = codecs.getincrementaldecoder(codec)("strict" if strict else "replace")
    try:
        text = decoder.decode(data, final=False)
        pending = decoder.getstate()[0]
    except UnicodeDecodeError as exc:
        if fallible:
            raise
        raise SourceError(
            str(path),
            f"the text is not valid {codec.upper()} (byte {exc.start})",
            hint="save the document as UTF-8",
        ) from None
    if pending:
        warnings = [*warnings, f"the text ends inside a {codec.upper()} character; cut there"]
    refuse_binary(text, path)
    return Decoded(CONTROL.sub("", text.lstrip("\ufeff")), codec, warnings)


def refuse_binary(text: str, path: Path) -> None:
    """Random or binary bytes still decode (Windows-1252 takes almost any byte), and a few
    digits and words in them read as limits: a "parse" of noise. Text this full of control
    characters and undecodable bytes is not a document."""
    odd = len(CONTROL.findall(text)) + text.count("\ufffd")
    if text and odd > BINARY_SHARE * len(text):
        raise SourceError(
            str(path),
            f"binary data or an unknown encoding: {odd} of {len(text)} characters are control "
            "characters or undecodable",
            hint="is this the right file and parser? save text as UTF-8; PDFs: {parser:pdf}",
            options={"parser": PARSER},
        )
