"""A plain-text document (the ISRI and GB/T text parsers' input): decoded, refused when it is
binary noise, and cited as the draft's source."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .. import model as m
from ..errors import PARSER, SourceError

SOURCE_ID = "doc"  # the evidence id a parsed draft cites for everything read from the document

# Control characters other than tab, newlines and form feed are noise from extraction (and a TOML
# draft could not hold them).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


BINARY_SHARE = 0.02  # extracted text has next to no control characters; noise has 13 %


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


def decode(data: bytes) -> tuple[str, list[str]]:
    """Text from bytes: a BOM decides, else strict UTF-8, else Windows-1252 (said in a
    warning); control characters dropped."""
    text, warnings = decode_bytes(data)
    return CONTROL.sub("", text), warnings


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """`decode` keeping control characters, for `refuse_binary` to count them first."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):  # fmt: skip
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), []
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    text = data.decode("cp1252", errors="replace")
    return text, ["the text is not UTF-8; read as Windows-1252 (a guess)"]


def source(path: Path, parser: str) -> m.Evidence:
    return m.Evidence(
        SOURCE_ID,
        path.name or str(path),
        m.Tier.OFFICIAL,
        note=f"the document this draft was parsed from by the {parser} parser; "
        "give its real address and tier before it joins the corpus",
    )
