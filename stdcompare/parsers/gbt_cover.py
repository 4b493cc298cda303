"""A GB/T cover: designation, titles, dates and issuers, printed one to a line or run into
one line by a PDF-to-text tool (parsers/gbt.py)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass
from .gbt_text import _CAPTION, _CCS, _CJK, _DATES, _DESIGNATION, _ICS, _ISSUERS, Doc, is_heading
from .toolkit.dates import make


def read_cover(lines: list[str], doc: Doc) -> int:
    """Cover lines up to the foreword or the first clause; returns the index after them."""
    for i, line in enumerate(lines):
        if not line:
            continue
        if line.replace(" ", "") in ("前言", "目次") or is_heading(line) or _CAPTION.match(line):
            return i
        for piece in cover_pieces(line):
            doc.unit(_cover_line(piece, doc))
    return len(lines)


# What a cover prints, each on a line of its own: text copied out of a PDF runs them into one
# line ("ICS 77.150.30 H 62 中华人民共和国国家标准 GB/T 38470—2019 再生黄铜原料 … 2019-12-31发布").
_COVER_MARK = re.compile(
    r"ICS\s+[\d.;；]+|(?<![A-Za-z])(?:CCS\s+)?[A-Z]\s?\d{2}(?=\s)|中华人民共和国国家标准|"
    r"代替\s*GB|(?:19|20)\d\d\s*[-.年]\s*\d{1,2}\s*[-.月]\s*\d{1,2}日?\s*(?:发布|实施)|"
    + "|".join(_ISSUERS)
    + "|"
    + _DESIGNATION.pattern
)


def cover_pieces(line: str) -> list[str]:
    """A line holding several of a cover's parts, cut into them (the words between two parts,
    a title, are one piece); any other line as it is."""
    marks = list(_COVER_MARK.finditer(line))
    if len(marks) < 2 or not any(_DESIGNATION.fullmatch(m.group(0)) for m in marks):
        return [line]
    pieces, at = [], 0
    for mark in marks:
        pieces += [line[at : mark.start()], mark.group(0)]
        at = mark.end()
    pieces.append(line[at:])
    # the Chinese title and its English one, run together: two pieces
    split = [part for p in pieces for part in _CJK_THEN_LATIN.split(p)]
    return [p.strip() for p in split if p.strip()]


_CJK_THEN_LATIN = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[A-Za-z])")


def _cover_line(line: str, doc: Doc) -> bool:
    """Read one cover line into doc.meta; False when it says nothing we can hold."""
    meta = doc.meta
    designation = _DESIGNATION.search(line)
    if line.startswith("代替") and designation:
        meta.setdefault("supersedes", _ref(designation))
        return True
    if designation and "designation" not in meta and _alone(line, designation):
        meta["designation"] = designation
        return True
    if designation:  # "GB/T 38471—2019《再生铜原料》": a citation, not this document's own name
        meta.setdefault("cited", []).append(_designation(designation))
        return False
    if (ics := _ICS.match(line)) is not None:
        meta["ics"] = ics.group(1).strip()
        return True
    if (ccs := _CCS.match(line)) is not None:
        meta["ccs"] = ccs.group(1)
        return True
    dates = list(_DATES.finditer(line))
    if dates:
        for found in dates:
            meta["issued" if found.group(4) == "发布" else "effective"] = make(*found.groups()[:3])
        return True
    if any(issuer in line for issuer in _ISSUERS) or line.strip() == "发布":
        meta.setdefault("issuers", set()).update(i for i in _ISSUERS if i in line)
        return True
    if line.replace(" ", "") in ("中华人民共和国国家标准", "国家标准"):
        meta["national"] = True
        return True
    return _title_line(line, doc)


def _alone(line: str, designation: re.Match) -> bool:
    """A cover prints its designation on a line of its own (or with its national header); a
    line that goes on ("GB/T 38471—2019《再生铜原料》和 …") cites a standard."""
    rest = (line[: designation.start()] + line[designation.end() :]).replace(" ", "")
    return rest in ("", "中华人民共和国国家标准", "国家标准")


# A title is a name, not a sentence: a line ending as a sentence ends, or a title past this
# many characters, is body text (a guide's first paragraph once became a 491-character title).
_TITLE_MOST = 60


def _title_line(line: str, doc: Doc) -> bool:
    """The title after the designation; on a cover that names no designation (a draft's
    "GB/T XXXXX—XXXX"), after the national-standard header."""
    if "designation" not in doc.meta and not doc.meta.get("national"):
        return False
    if line.rstrip().endswith(("。", "；", ".", ";")) or len(line) > _TITLE_MOST:
        return False
    if len("".join(doc.title_zh)) + len(line) > _TITLE_MOST:
        return False
    if _CJK.search(line) and not doc.title_en:
        doc.title_zh.append(line)
        return True
    if re.fullmatch(r"[A-Za-z][A-Za-z0-9 ,.;:'()/&-]+", line) and doc.title_zh:
        doc.title_en.append(line)
        return True
    return False


def _ref(designation: re.Match) -> str:
    return f"{_key(designation)}@{designation.group(3)}"


def _key(designation: re.Match) -> str:
    prefix = designation.group(1).lower().replace("/", "")
    return f"{prefix}-{designation.group(2).replace('.', '-')}"


def _designation(found: re.Match | None) -> str:
    return f"{found.group(1)} {found.group(2)}-{found.group(3)}" if found else ""
