"""The identity of an STS document (parsers/sts.py), from its metadata blocks (nat-meta,
reg-meta, iso-meta, std-meta; a national adoption's own block first): designation, titles,
release date, the edition it replaces, and a key that stays the same across what changes
between versions of one standard.

- A release date printed to the month ("2008-12") gives the year, not an invented day.
- The edition is a year (of the release, else of the dated reference), never the ordinal
  edition number ("3"), which is kept as a note.
- The key is the undated designation with its lineage ("DIN EN ISO 2560" is din-en-iso-2560,
  not DIN's own 2560) and without a draft stage ("ISO/DIS 2560" and "ISO/FDIS 2560" are both
  iso-2560), so two drafts of one standard, and the standard, share it.
- What it replaces: a std-xref of type supersedes, replaces or revises ("ISO 2560:2002"),
  written as key@edition like every reference.

ISO STS and NISO STS name these fields differently: the designation is a dated std-ref, an
untyped one (NISO: "ANSI/NISO Z39.102-2017"), a std-id typed dated (never a publisher's
internal key), else the undated reference or the doc-ref; the body is the std-ident's
originator, else the std-org's abbreviation; a release date may sit in an iso-8601-date
attribute or be printed ("Approved: October 6, 2017", "April 2017").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from .. import model as m
from .toolkit.dates import MONTHS, day, stamp, year_month
from .toolkit.markup import localname
from .toolkit.shell import slug

# "edition" (the ordinal edition number, "3") is not among them: the edition is a year, and the
# number stays a note of its own
_FIELDS = (
    "originator", "doc-number", "part-number", "urn", "release-version", "doc-ref",
    "copyright-year", "copyright-holder",
)  # fmt: skip
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SUPERSEDES = ("supersedes", "replaces", "revises", "cancels")
# Draft stages of ISO, IEC, CEN and DIN: "ISO/DIS", "ISO/IEC FDIS", "prEN", "E DIN"
_STAGES = "NP|PWI|AWI|WD|CD|DIS|FDIS|PRF|DAM|FDAM|PDAM|CDAM|DAmd|DTS|DTR|DPAS|DIS\\d"
_STAGE = re.compile(rf"(?:/|\s)(?:{_STAGES})(?=\s)")
_PR = re.compile(r"\b(?:Fpr|pr)(?=EN\b|ISO\b|IEC\b)")
_E_DRAFT = re.compile(r"^(?:E|Entwurf)\s+(?=[A-Z])")
_DRAFT_NUMBER = re.compile(r"(\d)\.\d{1,2}$")  # "ISO/CD 2560.2": the second CD of 2560
_DATED_YEAR = re.compile(r":((?:19|20)\d\d)\b")
# NISO and ANSI date a designation with a hyphen: "ANSI/NISO Z39.102-2017"
_HYPHEN_YEAR = re.compile(r"(?<=\w)-((?:19|20)\d\d)$")
_LANGUAGE = re.compile(r"\s*\((?:en|fr|de|es|ru|E|F|D)\)$")  # "ISO 2560:2009(en)"
_MONTH_YEAR = re.compile(r"\b([^\W\d_]{3,9})\.?\s+((?:19|20)\d\d)\s*$")  # "April 2017"
_YEAR = re.compile(r"^\s*((?:19|20)\d\d)\s*$")
_DIGIT = re.compile(r"\d")
# An amendment or corrigendum names the dated edition it changes: "ISO 17301-1:2016/Amd 1:2017",
# "ISO 2560:2009/Cor 1:2011", "EN ISO 13849-1:2008/AC:2009", a draft "ISO 2560:2009/DAmd 1"
_AMENDMENT = re.compile(
    r"^(?P<base>.+?:(?:19|20)\d\d(?:-\d\d)?)\s*/\s*"
    r"(?:Amd|AMD|Amd\.|A|Cor|COR|AC|DAmd|DAM|FDAmd|FDAM|PDAM|CDAM)\.?\s*\d*"
    r"(?:\s*:\s*(?P<year>(?:19|20)\d\d))?\b",
)
# A std-id that is a publisher's own key ("e1ca3a0e", internal-pub-id), not a designation
_INTERNAL_ID = ("internal-pub-id", "internal", "xmlkey")


def full_text(el) -> str:
    return " ".join("".join(el.itertext()).split())


class Fields(dict):
    """The metadata fields by name, remembering which were read: only a field the identity
    was built from became structure (a doc-ref read only where no std-ref is, say)."""

    def __init__(self) -> None:
        super().__init__()
        self.read: set[str] = set()

    def get(self, key, default=None):
        if key in self:
            self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.read.add(key)
        return super().__getitem__(key)


@dataclass
class Meta:
    """The identity read from the metadata blocks, and which elements it was read from."""

    titles: dict[str, str] = field(default_factory=dict)
    fields: Fields = field(default_factory=Fields)
    used: set = field(default_factory=set)  # the titles' elements
    elements: dict = field(default_factory=dict)  # each field's element

    def take(self, el, name: str, text: str | None = None) -> None:
        text = full_text(el) if text is None else text
        if text and name not in self.fields:
            self.fields[name] = text
            self.elements[name] = el

    def structured(self) -> set:
        """The elements that became the standard's identity: its titles, and the fields read."""
        return self.used | {self.elements[name] for name in self.fields.read}


def read_meta(blocks: list) -> Meta:
    """Each field from the first block that fills it: a national adoption's own block first
    (the adopted standard's reference, in an inner block, stays a note)."""
    meta = Meta()
    for block in sorted(blocks, key=_adopter_first):
        lang_el = next((e for e in block.iter() if localname(e) == "content-language"), None)
        default = (full_text(lang_el) if lang_el is not None else "") or "en"
        for el in block.iter():
            name = localname(el)
            if name == "title-wrap":
                _title(meta, el, default)
            elif name == "std-xref" and (el.get("type") or "").lower() in _SUPERSEDES:
                meta.take(el, "supersedes")
            elif name in ("std-ref", "std-id") and _own_reference(el):
                _reference(meta, el, name)
            elif name in ("release-date", "pub-date"):  # NISO: the day in an attribute
                meta.take(el, name, el.get("iso-8601-date") or None)
            elif name in _FIELDS:
                meta.take(el, name)
            elif name == "std-org-abbrev":  # NISO STS names the body here
                meta.take(el, "originator")
    return meta


# ISO STS writes an adoption as one front holding iso-meta, then reg-meta, then nat-meta: the
# document is the last adopter's (the nat-meta's). NISO STS nests it instead: the adopter's
# std-meta is the outermost. So: the outermost blocks first, and among them the national,
# then the regional, then any other.
_ADOPTER_RANK = {"nat-meta": 0, "reg-meta": 1}


def _adopter_first(block) -> tuple[int, int]:
    depth = sum(1 for _ in block.iterancestors())
    return depth, _ADOPTER_RANK.get(localname(block) or "", 2)


def _reference(meta: Meta, el, name: str) -> None:
    """A std-ref or std-id of the document itself: dated (or untyped) gives the designation,
    undated the key; a std-id that is a publisher's internal key gives neither."""
    kind = (el.get("type") or el.get("std-id-type") or "").lower()
    if name == "std-id":
        link = (el.get("std-id-link-type") or "").lower()
        text = full_text(el)
        if link in _INTERNAL_ID or el.get("specific-use") in _INTERNAL_ID or " " not in text:
            return
        if kind not in ("dated", "undated"):
            return
    if kind == "undated":
        meta.take(el, "undated")
    elif kind in ("dated", ""):
        meta.take(el, "dated")


# Where a reference to the document itself stands; elsewhere in a block (a std-xref, a note's
# paragraph) a reference names another document
_OWN_PLACES = frozenset(("nat-meta", "reg-meta", "iso-meta", "std-meta", "std-doc-meta",
                         "std-ident", "std-id-group", "doc-ident"))  # fmt: skip


def _own_reference(el) -> bool:
    parent = el.getparent()
    return parent is not None and localname(parent) in _OWN_PLACES


def _title(meta: Meta, wrap, default: str) -> None:
    lang = (wrap.get(_XML_LANG) or wrap.get("lang") or default).split("-")[0].lower()
    if lang in meta.titles:
        return
    # ISO STS puts intro, main, compl and full in the title-wrap; NISO STS wraps each once
    # more (main-title-wrap/main); the first of each name is the title's part
    parts: dict = {}
    for e in wrap.iter():
        name = localname(e)
        if name in ("intro", "main", "compl", "full") and name not in parts:
            parts[name] = e
    whole = parts.get("full")
    pieces = [parts[k] for k in ("intro", "main", "compl") if k in parts and full_text(parts[k])]
    if whole is not None and full_text(whole):
        meta.titles[lang] = full_text(whole)
    elif pieces:
        meta.titles[lang] = " — ".join(full_text(p) for p in pieces)
    else:
        return
    meta.used.update([*pieces, *([whole] if whole is not None else [])])  # one title's parts


@dataclass
class Identity:
    key: str
    edition: str
    designation: str
    issued: date | None
    supersedes: str | None
    status: m.Status
    amends: str | None = None


def identity(meta: Meta, fallback_key: str, warnings: list[str]) -> Identity:
    fields = meta.fields
    released = fields.get("release-date", "") or fields.get("pub-date", "")
    issued = _day(fields.get("release-date", "")) or _day(fields.get("pub-date", ""))
    month = None if issued else _month(released)
    if month is not None:
        warnings.append(f"released {released}: a month without its day; no issue date set")
    year = str(issued.year if issued else month[0] if month else "") or _printed_year(fields)
    designation = _designation(fields, year)
    amended = _AMENDMENT.match(designation)
    if amended is not None and not (issued or month):
        # "…:2016/Amd 1:2017" is of 2017; a draft "…:2016/DAmd 1" is not of 2016
        year = amended.group("year") or _copyright_year(fields)
    return Identity(
        # an amendment keeps the key of what it amends, as amendments of the corpus do
        key=(stable_key(_undated(amended.group("base"))) if amended else "")
        or _key(fields, designation)
        or fallback_key,
        edition=year or "unknown",
        designation=designation,
        issued=issued,
        supersedes=reference(fields["supersedes"]) if fields.get("supersedes") else None,
        status=m.Status.DRAFT if _is_draft(fields, designation) else m.Status.CURRENT,
        amends=reference(amended.group("base")) if amended else None,
    )


def _day(text: str):
    """A release day: a metadata stamp ("2009-05-30"), or one printed ("Approved: October 6,
    2017"); a month alone ("2008-12") is no day."""
    return stamp(text) or (day(text) if not year_month(text) else None)


def _month(text: str) -> tuple[int, int] | None:
    """A release month without its day: "2008-12", "April 2017"."""
    found = _MONTH_YEAR.search(text)
    if found and found.group(1).lower() in MONTHS:
        return int(found.group(2)), MONTHS[found.group(1).lower()]
    return year_month(text)


def _printed_year(fields: dict[str, str]) -> str:
    """The year where no release date gives it: the dated designation's ("ISO 8601-1:2019",
    "ANSI/NISO Z39.102-2017"), the doc-ref's ("ISO/CD 17301-1:2016(E)"), the copyright's."""
    for name in ("dated", "doc-ref"):
        text = _LANGUAGE.sub("", dict.get(fields, name, ""))
        years = _DATED_YEAR.findall(text) or _HYPHEN_YEAR.findall(text)
        if years:
            fields.get(name)  # the year came from it
            return years[-1]  # "…:2016/Amd 1:2017": the amendment's own
    return _copyright_year(fields)


def _copyright_year(fields: dict[str, str]) -> str:
    found = _YEAR.match(dict.get(fields, "copyright-year", ""))
    return found.group(1) if found and fields.get("copyright-year") else ""


def _designation(fields: dict[str, str], year: str) -> str:
    for name in ("dated", "undated", "doc-ref"):
        # a doc-ref names the document, not always by its number ("TBX examples")
        if name in fields and (name != "doc-ref" or _DIGIT.search(dict.get(fields, name, ""))):
            return _LANGUAGE.sub("", fields[name])
    number = fields.get("doc-number", "")
    if not number:
        return ""
    part = f"-{fields['part-number']}" if fields.get("part-number") else ""
    who = fields.get("originator", "")
    return f"{who} {number}{part}".strip() + (f":{year}" if year else "")


def _key(fields: dict[str, str], designation: str) -> str:
    """The undated designation, lineage kept and draft stage dropped, as a slug."""
    undated = _LANGUAGE.sub("", fields.get("undated", "")) or _undated(designation)
    if not undated.strip():
        number = "-".join(p for p in (fields.get("doc-number"), fields.get("part-number")) if p)
        undated = f"{fields.get('originator', '')} {number}" if number else ""
    return stable_key(undated)


def stable_key(undated: str) -> str:
    """ "ISO/DIS 2560" and "ISO/FDIS 2560" → iso-2560; "prEN ISO 2560" → en-iso-2560;
    "DIN EN ISO 2560" → din-en-iso-2560 (the adoption keeps its lineage)."""
    text = " ".join(undated.split()) + " "
    staged = _STAGE.search(text) is not None or _PR.search(text) is not None
    text = _PR.sub("", _E_DRAFT.sub("", _STAGE.sub(" ", text))).strip()
    text = re.sub(r"\s*\((?:en|fr|de|es|ru|E|F|D)\)$", "", text)  # "ISO 2560(en)"
    if staged:
        text = _DRAFT_NUMBER.sub(r"\1", text)
    return slug(text)


def _undated(designation: str) -> str:
    """ "ISO 2560:2009" → "ISO 2560"; "ANSI/NISO Z39.102-2017" → "ANSI/NISO Z39.102"."""
    return _HYPHEN_YEAR.sub("", designation.split(":")[0])


def reference(printed: str) -> str:
    """ "ISO 2560:2002" as a reference: iso-2560@2002 (undated: the key alone)."""
    year = _DATED_YEAR.search(printed) or _HYPHEN_YEAR.search(printed.strip())
    key = stable_key(_undated(printed.strip()))
    return f"{key}@{year.group(1)}" if year else key


def _is_draft(fields: dict[str, str], designation: str) -> bool:
    stage = (fields.get("release-version") or "").upper()
    if stage and stage not in ("IS", "TS", "TR", "PAS", "IWA", "R", "GUIDE"):
        return re.fullmatch(_STAGES, stage, re.IGNORECASE) is not None
    text = f" {designation} "
    return bool(_STAGE.search(text) or _PR.search(text) or _E_DRAFT.search(designation))
