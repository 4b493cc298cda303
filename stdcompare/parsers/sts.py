"""NISO STS and ISO STS XML (roots `standard` and `adoption`) into a standard: identity and
titles from the metadata blocks (std-meta, iso-meta, nat-meta, reg-meta), and every section,
table cell and term entry of front, body and back as a verbatim note placed by its label. Where
a table row or a paragraph states a limit on a vocabulary property ("Copper content | ≥ 99.9 %",
"foreign materials shall not exceed 2 %"), it becomes a requirement instead.

Labels (clause numbers, "Table 1", list letters) are numbering: they become the `where` of what
they number, not text units of their own; a bullet label ("—") carries no text at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .. import model as m
from ..errors import SourceError
from ..xmlsafe import parse_xml, root_name
from .base import ParseResult, brief
from .toolkit.coverage import Units, capturing
from .toolkit.markup import guarded, localname, own_text
from .toolkit.recogniser import Recogniser
from .toolkit.shell import Requirements, official_source, origin, slug

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

PARSER_NAME = "sts"
PARSER_VERSION = "1"
SOURCE_ID = "document"

_ROOTS = ("standard", "adoption")
_META = ("nat-meta", "reg-meta", "iso-meta", "std-meta")
_MML = "http://www.w3.org/1998/Math/MathML"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# fmt: off
_INLINE = frozenset((
    "italic", "bold", "sub", "sup", "xref", "ext-link", "uri", "styled-content", "monospace",
    "underline", "sc", "roman", "sans-serif", "overline", "strike", "inline-formula",
    "inline-graphic", "named-content", "break", "email", "std", "std-ref", "std-id",
    "std-id-group", "abbrev", "target", "meta-name", "meta-value", "entailedTerm", "hi",
))
# fmt: on
_FIELDS = ("originator", "doc-number", "part-number", "edition", "release-date", "pub-date", "urn")
_SECTIONS = ("sec", "app", "term-sec", "ref-list")  # their label (or title) is absolute
_TABLES = ("table-wrap", "array")


def _is_block(el) -> bool:
    name = localname(el)
    parent = el.getparent()
    if name == "title" and parent is not None and localname(parent) == "std":
        return False  # the title of a cited standard runs on inside its reference
    return name not in _INLINE and el.tag.split("}")[0].lstrip("{") != _MML


def _is_meta_block(el) -> bool:
    """In a metadata block every field is a unit of its own, except a custom-meta's parts."""
    return localname(el) not in ("meta-name", "meta-value")


def _text(el) -> str:
    return own_text(el, _is_block)


def _full(el) -> str:
    return " ".join("".join(el.itertext()).split())


# --- metadata --------------------------------------------------------------------------------


@dataclass
class _Meta:
    """The identity read from the metadata blocks, and which elements it was read from."""

    titles: dict[str, str] = field(default_factory=dict)
    fields: dict[str, str] = field(default_factory=dict)
    used: set = field(default_factory=set)  # elements that became metadata

    def take(self, el, name: str) -> None:
        text = _full(el)
        if text and name not in self.fields:
            self.fields[name] = text
            self.used.add(el)


def _read_meta(blocks: list) -> _Meta:
    """Each field from the first block that fills it: a national adoption's own block first."""
    meta = _Meta()
    for block in blocks:
        lang_el = next((e for e in block.iter() if localname(e) == "content-language"), None)
        default = (_full(lang_el) if lang_el is not None else "") or "en"
        for el in block.iter():
            name = localname(el)
            if name == "title-wrap":
                _title(meta, el, default)
            elif name == "std-ref" and el.get("type") == "dated":
                meta.take(el, "dated")
            elif name in _FIELDS:
                meta.take(el, name)
    return meta


def _title(meta: _Meta, wrap, default: str) -> None:
    lang = (wrap.get(_XML_LANG) or wrap.get("lang") or default).split("-")[0].lower()
    if lang in meta.titles:
        return
    parts = {localname(e): e for e in wrap if localname(e)}
    full = parts.get("full")
    pieces = [parts[k] for k in ("intro", "main", "compl") if k in parts and _full(parts[k])]
    if full is not None and _full(full):
        meta.titles[lang] = _full(full)
    elif pieces:
        meta.titles[lang] = " — ".join(_full(p) for p in pieces)
    else:
        return
    meta.used.update([*pieces, *([full] if full is not None else [])])  # the parts of one title


def _day(text: str) -> date | None:
    found = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text.strip())
    if not found:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


def _designation(fields: dict[str, str], year: str) -> str:
    if fields.get("dated"):
        return fields["dated"]
    number = fields.get("doc-number", "")
    if not number:
        return ""
    part = f"-{fields['part-number']}" if fields.get("part-number") else ""
    who = fields.get("originator", "")
    return f"{who} {number}{part}".strip() + (f":{year}" if year else "")


# --- the reader ------------------------------------------------------------------------------


class _Reader:
    def __init__(self, vocab: Vocabulary, path: Path) -> None:
        self.path = path
        self.recogniser = Recogniser(vocab)
        self.units = Units()
        self.reqs = Requirements()
        self.base: str | None = None  # the clause, annex or list being read
        self.extra: list[str] = []  # labels inside it: a list item, a table, a cell
        self.tables = 0
        self.warnings: list[str] = []

    def where(self) -> str | None:
        parts = [p for p in (self.base, *self.extra) if p]
        return ", ".join(parts) or None

    # --- walking -----------------------------------------------------------------------------

    def visit(self, el) -> None:
        name = localname(el)
        if name is None or name in _META:
            return
        if name in _SECTIONS:
            self._section(el)
        elif name in _TABLES or name == "table":
            self._table_wrap(el)
        elif name == "termEntry":
            self._terms(el)
        elif _label(el) is not None:
            self._labelled(el)
        else:
            self._block(el)

    def _block(self, el, skip_label: bool = False) -> None:
        if _is_block(el):
            text = _text(el)
            if text and not (localname(el) == "label" and not _has_word(text)):
                self._unit(el, text)
        for child in el:
            if skip_label and localname(child) == "label":
                continue
            self.visit(child)

    def _section(self, el) -> None:
        label = _label(el)
        title = next((c for c in el if localname(c) == "title"), None)
        saved = (self.base, self.extra)
        heading = _full(label) if label is not None else None
        self.base = heading or (_full(title) if title is not None else None) or self.base
        self.extra = []
        self._block(el, skip_label=True)
        self.base, self.extra = saved

    def _labelled(self, el) -> None:
        label = _full(_label(el))
        label = f"footnote {label}" if localname(el) == "fn" else label
        pushed = _has_word(label)
        if pushed:
            self.extra.append(label)
        self._block(el, skip_label=True)
        if pushed:
            self.extra.pop()

    def _unit(self, el, text: str) -> None:
        """A paragraph stating a limit on a known property becomes requirements."""
        if localname(el) == "p" and self._requirements(text):
            self.units.structure()
        else:
            self.units.note(text, self.where())

    def _requirements(self, text: str) -> bool:
        limits = self.recogniser.limits_in(text)
        banned = self.recogniser.prohibition(text, firm=True)
        added = False
        for limit in [*limits, *([banned] if banned else [])]:
            req = limit.requirement(text, self.where(), (SOURCE_ID,), self.recogniser.vocab)
            if self.reqs.add(req):
                added = True
            else:
                self.warnings.append(f"{self.where()}: '{limit.prop}' stated again; kept as a note")
        return added

    # --- terms -------------------------------------------------------------------------------

    def _terms(self, entry) -> None:
        """One note per language of a term entry: its terms, then what defines them."""
        sets = [c for c in entry if localname(c) == "langSet"] or [entry]
        for lang_set in sets:
            terms = [_full(t) for t in lang_set.iter() if localname(t) == "term" and _full(t)]
            rest = [
                _text(d)
                for d in lang_set.iter()
                if localname(d) not in (None, "term") and _is_block(d) and _text(d)
            ]
            text = "; ".join(terms) + (": " if terms and rest else "") + " ".join(rest)
            if text:
                lang = lang_set.get(_XML_LANG)
                where = self.where()
                self.units.note(text, f"{where} ({lang})" if where and lang else where)

    # --- tables ------------------------------------------------------------------------------

    def _table_wrap(self, el) -> None:
        """A table-wrap or array (label, caption, table, footnotes) or a bare table."""
        self.tables += 1
        label = _label(el)
        name = _full(label) if label is not None and _full(label) else f"table {self.tables}"
        self.extra.append(name)
        if localname(el) == "table":
            self._table(el)
        for child in el if localname(el) != "table" else ():
            if localname(child) == "table":
                self._table(child)
            elif localname(child) != "label":
                self.visit(child)
        self.extra.pop()

    def _table(self, table) -> None:
        """Row by row; a header row's units apply to the cells below it."""
        units: list[str | None] = []
        for r, (tr, in_head) in enumerate(_rows(table), start=1):
            row = [c for c in tr if localname(c) in ("td", "th")]
            cells = [self._cell(c) for c in row]
            texts = [" ".join(n.text for n in notes) for notes in cells]
            if in_head or (row and all(localname(c) == "th" for c in row)):
                units = [self.recogniser.header_unit(t) for t in texts]
            self._row(r, cells, texts, units)

    def _cell(self, cell) -> list[m.Note]:
        with capturing(self) as found:
            self._block(cell)
        return found.notes

    def _row(self, r: int, cells: list[list[m.Note]], texts: list[str], units) -> None:
        limit = self.recogniser.row_limit(texts, units)
        where = self.where()
        if limit is not None:
            text = " | ".join(t for t in texts if t)
            req = limit.requirement(text, f"{where}, row {r}", (SOURCE_ID,), self.recogniser.vocab)
            if self.reqs.add(req):
                self.units.structure(sum(len(n) for n in cells))
                return
            self.warnings.append(f"{where}, row {r}: '{limit.prop}' stated again; kept as notes")
        for c, notes in enumerate(cells, start=1):
            for note in notes:
                self.units.note(note.text, f"{where}, row {r}, column {c}")

    # --- metadata units ----------------------------------------------------------------------

    def metadata(self, blocks: list, meta: _Meta) -> None:
        """Every text of the metadata blocks: structure where it was read, else a note."""
        for block in blocks:
            for el in block.iter():
                named = localname(el) and _is_meta_block(el)
                text = own_text(el, _is_meta_block) if named else ""
                if not text:
                    continue
                if el in meta.used or _inside(el, meta.used):
                    self.units.structure()
                else:
                    self.units.note(text, f"metadata: {localname(el)}")


def _label(el):
    return next((c for c in el if localname(c) == "label"), None)


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _inside(el, used: set) -> bool:
    return any(a in used for a in el.iterancestors())


def _rows(table):
    """(row, in the table head) in order."""
    for child in table:
        name = localname(child)
        if name == "tr":
            yield child, False
        elif name in ("thead", "tbody", "tfoot"):
            yield from ((tr, name == "thead") for tr in child if localname(tr) == "tr")


# --- the parse -------------------------------------------------------------------------------


def _read(data: bytes, path: Path, vocab: Vocabulary) -> ParseResult:
    root = parse_xml(data, str(path))
    if localname(root) not in _ROOTS:
        raise SourceError(
            str(path),
            f"the root element is <{brief(localname(root), 40)}>, not <standard> or <adoption>",
            hint="an STS document starts with <standard> or <adoption>",
        )
    blocks = [el for el in root.iter() if localname(el) in _META]
    meta = _read_meta(blocks)
    reader = _Reader(vocab, path)
    reader.metadata(blocks, meta)
    for child in root:
        reader.visit(child)
    return ParseResult(
        _standard(meta, reader, data, path),
        reader.units.total,
        reader.units.structured,
        reader.warnings,
    )


def _standard(meta: _Meta, reader: _Reader, data: bytes, path: Path) -> m.Standard:
    fields = meta.fields
    issued = _day(fields.get("release-date", "")) or _day(fields.get("pub-date", ""))
    year = str(issued.year) if issued else ""
    designation = _designation(fields, year)
    number = "-".join(p for p in (fields.get("doc-number"), fields.get("part-number")) if p)
    key = slug(f"{fields.get('originator', '')} {number}") if number else ""
    key = key or slug(designation.split(":")[0]) or slug(path.stem) or "sts-document"
    edition = year or fields.get("edition") or "unknown"
    if not designation:
        reader.warnings.append("no designation in the metadata (std-ref or std-ident)")
    address = fields.get("urn") or f"file:{path.name}"
    source = official_source(SOURCE_ID, address, edition, PARSER_NAME, path)
    return m.Standard(
        key=key,
        edition=edition,
        designation=designation,
        kind=m.Kind.PRODUCT_STANDARD,
        title=meta.titles,
        body=fields.get("originator"),
        issued=issued,
        requirements=reader.reqs.all(),
        sources={SOURCE_ID: source},
        evidence=(SOURCE_ID,),
        notes=tuple(reader.units.notes.closed(reader.warnings)),
        origin=origin(path, data, "sts-xml", PARSER_NAME, PARSER_VERSION),
    )


class StsParser:
    name = PARSER_NAME
    version = PARSER_VERSION

    def sniff(self, head: bytes, path: Path) -> bool:
        return root_name(head) in _ROOTS

    def parse(self, data: bytes, path: Path, vocab: Vocabulary) -> ParseResult:
        return guarded(path, lambda: _read(data, path, vocab))


PARSER = StsParser()
