"""NISO STS and ISO STS XML (roots `standard` and `adoption`) into a standard: identity and
titles from the metadata blocks (sts_meta.py), and every section, table cell (sts_tables.py) and
term entry of front, body and back as a verbatim note placed by its label. Where a normative
table row or a normative "shall" (or "should") sentence states a limit on a vocabulary property
("Copper content | ≥ 99.9 %", "foreign materials shall not exceed 2 %"), it becomes a
requirement instead. What is informative never does: the front matter (foreword, introduction),
notes, examples, footnotes to the text, informative annexes, a bibliography; nor a condition
("if the moisture is less than 18 %, …").

Labels (clause numbers, "Table 1", list letters) are numbering: they become the `where` of what
they number, not text units of their own; a bullet label ("—") carries no text at all.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from .. import model as m
from ..errors import SourceError
from ..xmlsafe import parse_xml, root_name
from .base import ParseResult, brief
from .sts_meta import Identity, Meta, identity, read_meta, reference
from .sts_meta import full_text as _full
from .sts_tables import TableReading
from .toolkit.coverage import Units
from .toolkit.markup import guarded, localname, own_text
from .toolkit.recogniser import Recogniser
from .toolkit.shell import Requirements, official_source, origin, slug

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary
    from .toolkit.phrases import Phrases

PARSER_NAME = "sts"
PARSER_VERSION = "1"
SOURCE_ID = "document"

_ROOTS = ("standard", "adoption")
_META = ("nat-meta", "reg-meta", "iso-meta", "std-meta", "std-doc-meta")
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
# Informative by their kind: notes, examples, footnotes to the text, a bibliography, the front
# matter (foreword, introduction). ISO STS and NISO STS name them so; older ISO STS writes a note
# as a paragraph opening "NOTE" or "EXAMPLE" (_NOTE_PARAGRAPH). A footnote to a table may state
# a requirement (ISO/IEC Directives, Part 2), so one in a table-wrap-foot is read as the table.
_INFORMATIVE = frozenset(
    (
        "front",
        "adoption-front",
        "front-matter",
        "non-normative-note",
        "non-normative-example",
        "notes",
        "fn",
        "fn-group",
        "ref-list",
    )
)  # fmt: skip
_FOOTNOTES = ("fn", "fn-group")
_FN_REFS = ("fn", "table-fn")  # an xref of these types is a footnote's marker
# sec-type and content-type values: ISO STS "inform-annex", NISO STS "informative",
# "non-normative", "non-norm-refs" (references given for information)
_INFORMATIVE_SECTIONS = ("intro", "foreword", "bibl", "inform", "non-norm")
# what an annex's type or title says of it: "(informative)", NISO's "(non-normative)"
_INFORMATIVE_WORDS = re.compile(r"\b(?:informative|non-normative|informatif|informativ)\b")
_INFORMATIVE_TITLES = ("introduction", "foreword", "bibliography", "avant-propos", "vorwort")
_NOTE_PARAGRAPH = re.compile(r"^(?:NOTE|EXAMPLE|Note|Example)\b\s*\d*\s*[:—–-]?\s")
# A requirement is a sentence with a verb of obligation or recommendation (ISO/IEC Directives
# Part 2: "shall", "should"; the phrase table's [strength]), or a limit listed without a verb.
# A sentence that gives leave or says what is possible ("may", "can": the table's too) or that
# describes (a verb of being or having, a frequency: _DESCRIBES) states no requirement; a limit
# printed without a verb ("Copper content ≥ 99.9 %", as national standards list them) in a
# normative clause does.
_DESCRIBES = re.compile(
    r"\b(?:is|are|was|were|has|have|had|usually|typically|generally|often"
    r"|normally|seldom|rarely|sometimes)\b",
    re.IGNORECASE,
)
# A condition is no requirement: "if the moisture is less than 18 %, …" (up to the comma)
_CONDITION = re.compile(
    r"\b(?:if|when|whenever|where|unless|provided\s+that|in\s+case)\b[^,;]*[,;]?", re.IGNORECASE
)
_SENTENCE = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(])")
# ISO drafting puts how a value is found between the subject and its verb: "The mass fraction
# of moisture, determined in accordance with ISO 712, using an oven …, shall not be greater
# than 15 %". Where the clause before the verb names no property, the sentence is read again
# with that aside out of the way: its subject is then its first clause. The verbs are the
# phrase table's strength words (_Reader.aside).
_ASIDE = r"^([^,;]{{3,}}?),[^;]*,\s*(?=(?:{modal})\b)"
# What an edition replaces, as forewords say it: ISO "cancels and replaces the second edition
# (ISO 2560:2002)", French "annule et remplace … (ISO 2560:2002)", DIN "Gegenüber
# DIN EN 6100:2004-07 wurden folgende Änderungen vorgenommen".
_REPLACES = re.compile(
    r"\b(?:cancels\s+and\s+replaces|annule\s+et\s+remplace)\b[^.]{0,200}?"
    r"\(([^()]{2,60}?:(?:19|20)\d\d)\)"
    r"|\bGegenüber\s+([A-Z][^,;]{1,60}?:(?:19|20)\d\d(?:-\d\d)?)\s+wurden",
    re.IGNORECASE,
)
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
    return own_text(el, _is_block_or_marker)


def _is_block_or_marker(el) -> bool:
    """What a block's text leaves out: nested blocks, and the marker of a footnote ("15 %.¹"),
    which is no part of the sentence (the footnote is read where it stands)."""
    return _is_block(el) or (localname(el) == "xref" and el.get("ref-type") in _FN_REFS)


# --- the reader ------------------------------------------------------------------------------


class _Reader(TableReading):
    def __init__(self, vocab: Vocabulary, path: Path) -> None:
        self.path = path
        self.recogniser = Recogniser(vocab)
        self.aside = re.compile(_ASIDE.format(modal=self.recogniser.phrases.modal), re.IGNORECASE)
        self.units = Units()
        self.reqs = Requirements()
        self.base: str | None = None  # the clause, annex or list being read
        self.extra: list[str] = []  # labels inside it: a list item, a table, a cell
        self.tables = 0
        self.warnings: list[str] = []
        self.informative = False  # inside a note, an example, the front matter, an annex so typed
        self.replaces: str | None = None  # "cancels and replaces the second edition (…)"

    def where(self) -> str | None:
        parts = [p for p in (self.base, *self.extra) if p]
        return ", ".join(parts) or None

    # --- walking -----------------------------------------------------------------------------

    def visit(self, el) -> None:
        name = localname(el)
        if name is None or name in _META:
            return
        if name in _INFORMATIVE and not self.informative and not _table_footnote(el, name):
            self.informative = True
            try:
                self.visit(el)
            finally:
                self.informative = False
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
        saved = (self.base, self.extra, self.informative)
        heading = _full(label) if label is not None else None
        self.base = heading or (_full(title) if title is not None else None) or self.base
        self.extra = []
        self.informative = self.informative or _informative_section(el, title)
        try:
            self._block(el, skip_label=True)
        finally:
            self.base, self.extra, self.informative = saved

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
        """A normative paragraph stating a limit on a known property with "shall" (or
        "should") becomes requirements; an informative one stays a note, whatever it says."""
        if self.replaces is None and (found := _REPLACES.search(text)):
            self.replaces = found.group(1) or found.group(2)
        normative = not self.informative and not _NOTE_PARAGRAPH.match(text)
        if normative and localname(el) == "p" and self._requirements(text):
            self.units.structure()
        else:
            self.units.note(text, self.where())

    def _requirements(self, text: str) -> bool:
        found = self.recogniser
        if not (
            found.limits_in(text)
            or found.prohibition(text, firm=True)
            or found.phrases.agreed.search(text.lower())
            or self._has_aside(text)
        ):
            return False  # most paragraphs: nothing to read sentence by sentence
        added = False
        for sentence in _SENTENCE.split(text):
            strength = _strength(sentence, found.phrases)
            if strength is None:
                continue  # a statement, a permission or a possibility: no requirement
            # the paragraph is the requirement's text: its other sentences are kept with it
            added = self._sentence(_CONDITION.sub(" ", sentence), text, strength) or added
        return added

    def _has_aside(self, text: str) -> bool:
        """Whether a sentence of the paragraph has an aside before its verb of obligation (and
        a number, which every limit has): only then is it worth reading sentence by sentence."""
        return any(ch.isdigit() for ch in text) and any(
            self.aside.search(sentence) for sentence in _SENTENCE.split(text)
        )

    def _sentence(self, sentence: str, text: str, strength: m.Strength) -> bool:
        limits = self.recogniser.limits_in(sentence)
        unaside = self.aside.sub(r"\1 ", sentence.strip())
        if not limits and unaside != sentence.strip():  # read again only when an aside went
            limits = self.recogniser.limits_in(unaside)
        banned = self.recogniser.prohibition(sentence, firm=True)
        if not limits and not banned:
            agreed = self.recogniser.agreement(sentence)
            limits = [agreed] if agreed else []
        added = False
        for limit in [*limits, *([banned] if banned else [])]:
            req = limit.requirement(text, self.where(), (SOURCE_ID,), self.recogniser.vocab)
            if strength is not m.Strength.SHALL:
                req = replace(req, strength=strength)
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

    # --- metadata units ----------------------------------------------------------------------

    def metadata(self, blocks: list, used: set) -> None:
        """Every text of the metadata blocks: structure where it became the identity (`used`),
        else a note."""
        for block in blocks:
            for el in block.iter():
                named = localname(el) and _is_meta_block(el)
                text = own_text(el, _is_meta_block) if named else ""
                if not text:
                    continue
                if el in used or _inside(el, used):
                    self.units.structure()
                else:
                    self.units.note(text, f"metadata: {localname(el)}")


def _informative_section(el, title) -> bool:
    """A section typed informative: the introduction, the foreword, a bibliography or other
    references, an annex whose type says "(informative)" or "(non-normative)" (ISO STS:
    annex-type; NISO STS: content-type, or the annex's title)."""
    kind = " ".join(filter(None, (el.get("sec-type"), el.get("content-type")))).lower()
    if any(k in kind for k in _INFORMATIVE_SECTIONS):
        return True
    annex_type = next((c for c in el if localname(c) == "annex-type"), None)
    if annex_type is not None and _INFORMATIVE_WORDS.search(_full(annex_type).lower()):
        return True
    heading = _full(title).lower() if title is not None else ""
    if localname(el) == "app" and _INFORMATIVE_WORDS.search(heading):
        return True  # "Appendix B (informative)": the type printed in the title
    return heading.startswith(_INFORMATIVE_TITLES)


def _table_footnote(el, name: str) -> bool:
    return name in _FOOTNOTES and any(localname(a) == "table-wrap-foot" for a in el.iterancestors())


def _strength(sentence: str, said: Phrases) -> m.Strength | None:
    """SHALL for "shall" and for a limit printed without a verb, SHOULD for "should", None
    for a sentence that describes, permits or says what is possible."""
    if said.verb(sentence) is not None:
        return said.strength(sentence)
    return None if _DESCRIBES.search(sentence) else m.Strength.SHALL


def _label(el):
    return next((c for c in el if localname(c) == "label"), None)


def _has_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _inside(el, used: set) -> bool:
    return any(a in used for a in el.iterancestors())


# --- the parse -------------------------------------------------------------------------------


# ISO STS declares the namespace of its CALS tables by the table model's public identifier
# (xmlns:oasis="-//OASIS//DTD XML Exchange Table Model 19990315//EN"), which is no URI and
# which the XML reader refuses; written as a URN (RFC 3151) it names the same namespace.
_PUBLIC_ID_NAMESPACE = re.compile(
    rb"""(?<=\s)(xmlns(?::[\w.-]+)?\s*=\s*)(["'])([-+]//[^"'<>]*)\2"""
)


def _as_urn(found: re.Match) -> bytes:
    public_id = found.group(3).decode("ascii", "replace")
    urn = "urn:publicid:" + quote(public_id.replace("//", ":").replace(" ", "+"), safe=":+-._")
    return found.group(1) + found.group(2) + urn.encode() + found.group(2)


def _read(data: bytes, path: Path, vocab: Vocabulary) -> ParseResult:
    root = parse_xml(_PUBLIC_ID_NAMESPACE.sub(_as_urn, data), str(path))
    if localname(root) not in _ROOTS:
        name = brief(localname(root) or "", 40)
        raise SourceError(
            str(path),
            f"the root element is <{name}>, not <standard> or <adoption>",
            hint="an STS document starts with <standard> or <adoption>",
        )
    blocks = [el for el in root.iter() if localname(el) in _META]
    meta = read_meta(blocks)
    reader = _Reader(vocab, path)
    # the identity first: what it was read from is structure, the rest of the metadata notes
    ident = identity(meta, slug(path.stem) or "sts-document", reader.warnings)
    address = meta.fields.get("urn") or f"file:{path.name}"
    # the body: the std-ident's originator, NISO's std-org, else who holds the copyright
    body = meta.fields.get("originator") or meta.fields.get("copyright-holder")
    reader.metadata(blocks, meta.structured())
    for child in root:
        reader.visit(child)
    return ParseResult(
        _standard(meta, ident, (address, body), reader, data, path),
        reader.units.total,
        reader.units.structured,
        reader.warnings,
    )


def _standard(
    meta: Meta,
    ident: Identity,
    address_body: tuple[str, str | None],
    reader: _Reader,
    data: bytes,
    path: Path,
) -> m.Standard:
    address, body = address_body
    if not ident.designation:
        reader.warnings.append("no designation in the metadata (std-ref or std-ident)")
    supersedes = ident.supersedes or (reference(reader.replaces) if reader.replaces else None)
    source = official_source(SOURCE_ID, address, ident.edition, PARSER_NAME, path)
    return m.Standard(
        key=ident.key,
        edition=ident.edition,
        designation=ident.designation,
        kind=m.Kind.PRODUCT_STANDARD,
        status=ident.status,
        title=meta.titles,
        body=body,
        issued=ident.issued,
        supersedes=supersedes,
        amends=ident.amends,
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
