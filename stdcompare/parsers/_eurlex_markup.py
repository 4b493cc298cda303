"""What the markup of a EUR-Lex page means to the EUR-Lex reader: the kind of each tag, the
meaning of each class attribute (worked out once per distinct value), a block's own text, the
rows of a table, and the smallest element holding the act inside a saved page.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ._regulation import scope_columns
from .toolkit.markup import squash
from .toolkit.tables import Table, number

# fmt: off
_INLINE = frozenset((
    "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "s", "samp", "small", "span",
    "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
))
_SKIP = frozenset((
    "script", "style", "noscript", "template", "head", "select", "option", "button", "input",
    "textarea",
))
# Classes (without the "oj-" prefix) that only act text carries; the site chrome has none.
_ACT_MARKUP = frozenset((
    "doc-ti", "ti-art", "sti-art", "ti-annex", "normal", "tbl-txt", "tbl-hdr", "hd-date",
    "hd-oj", "title-doc-first", "title-doc-last", "title-article-norm", "stitle-article-norm",
    "title-annex-1", "title-annex-2", "norm", "tbl-norm", "hd-coll", "hd-uniq", "disclaimer",
))
# fmt: on
_TITLE = frozenset({"doc-ti", "title-doc-first", "title-doc-last"})
_ANNEX_TITLE = frozenset({"ti-annex", "title-annex-1", "title-annex-2"})
_ANY_TITLE = _TITLE | _ANNEX_TITLE
_ARTICLE = frozenset({"ti-art", "title-article-norm"})
# The Official Journal's running header; since October 2023 (one act, one publication) it also
# names the series ("Series L", hd-coll) and the act's own number ("2024/903", hd-uniq).
_HEADER = frozenset({"hd-date", "hd-lg", "hd-ti", "hd-oj", "hd-coll", "hd-uniq"})
# What a consolidated text adds around the act: its reference line, the disclaimer, the list of
# amending acts, the reference of the act's publication, and the ►B / ▼M1 markers that say which
# act each passage comes from.
_CONSOLIDATION = {
    "reference": "reference",
    "disclaimer": "disclaimer",
    "hd-modifiers": "amendments",
    "title-fam-member": "amendments",
    "title-fam-member-star": "amendments",
    "title-doc-oj-reference": "publication",
    "arrow": "marker",
    "modref": "marker",
}
_HEADING = re.compile(
    r"^(?:sti-art|stitle-article-norm|ti-section-\d|title-division-\d|ti-grseq-\d"
    r"|title-gr-seq-level-\d|ti-tbl|stitle-annex-norm|title-annex-\d)$"
)
BARE_ANNEX = re.compile(r"^(?:annex|annexe|anhang)(?:\s+(?:[IVXLC]+|\d+))?$", re.IGNORECASE)
_MARKER_CELL = re.compile(r"^(?:[(\[]?[0-9A-Za-z]{1,6}[.)\]]?|[—–\-•·*])?$")
# A consolidated text's first line: "02008L0098 — EN — 05.07.2018 — 002.001"; texts
# consolidated before about 2014 print it without the sector digit ("2009L0065 — EN — …").
REFERENCE_LINE = re.compile(
    r"^(?P<celex>0?(?:19|20)\d{2}[A-Z]{1,2}\d{4})\s*[—–-]\s*(?P<lang>[A-Z]{2})\s*[—–-]\s*"
    r"(?P<date>\d{2}\.\d{2}\.\d{4})"
)
# The Official Journal reference printed under the title of a page of an act from before 2004
# ("Official Journal L 003 , 05/01/2002 P. 0001 - 0024", "Amtsblatt Nr. L 190 vom 18/07/2002
# S. 0001 - 0020", "Journal officiel n° L 003 du 05/01/2002 p. 0001 - 0024").
OJ_REFERENCE = re.compile(
    r"(?:Official\s+Journal|Amtsblatt|Journal\s+officiel)\s+(?:Nr\.|n°|No)?\s*[LC]\s*\d+\s*[A-Z]?"
    r"\s*,?\s*(?:vom|du|of)?\s*(?P<date>\d{2}/\d{2}/\d{4})\s*(?:P|S|p)\.\s*\d+(?:\s*-\s*\d+)?\s*;?\s*$"
)
# Where a consolidated text says which act a passage comes from: "►B", "▼M1", "►C2".
CONSOLIDATION_MARKER = re.compile(r"^[►▼◄▲]\s*(?:[BMACRI]\d*)?$")
# The reference of the act's publication closing a consolidated text's title: "(OJ L 119
# 4.5.2016, p. 1)", "(ABl. L 333, 9.12.1998, p.1)", "(JO L 312 du 22.11.2008, p. 3)".
PUBLICATION_LINE = re.compile(r"^\((?:OJ|ABl\.|JO)\s+(?:No\s+|Nr\.\s+|n°\s*)?[LC]\s*\d+.*\)$")
# The Official Journal's last lines under an act (since 2014): its ELI and the ISSN.
FOOTER_LINE = re.compile(r"^(?:ELI:\s*https?://\S+|ISSN\s+\d{4}-\d{3}[\dX](?:\s*\([^()]*\))?)$")
CELEX_NUMBER = re.compile(r"[03]\d{4}[A-Z]{1,2}\d{4}(?:\(\d{2}\))?(?:-\d{8})?")
# The heading of EUR-Lex's pages of acts from before 2004: the CELEX number, nothing else.
CELEX_HEADING = re.compile(rb"<h1[^>]*>\s*3\d{4}[A-Z]{1,2}\d{4}\s*</h1>", re.IGNORECASE)
# A CELEX number in a page's metadata or <title>; a corrigendum's ends "R(01)".
_CELEX = re.compile(r"(?<!\w)(3\d{4}[A-Z]{1,2}\d{4}(?:R?\(\d{2}\))?)(?![\w(])")
EUR_LEX_MARKS = (
    b"eur-lex.europa.eu",
    b"EUR-Lex",
    b'class="oj-',
    b"data.europa.eu/eli",
    b'class="ti-art"',
    b'class="doc-ti"',
    b"title-doc-first",
    b"CELEX",
)


# --- what a tag and a class attribute mean, worked out once per distinct value -------------------
#
# The reader touches every element of the act (10 000 on a 1 MB page); a page has a few dozen
# distinct tags and class attributes. So each tag's kind and each class attribute's meaning are
# worked out once and looked up (lru_cache, in C) after that, instead of splitting class
# attributes and testing sets per element.

BLOCK, INLINE_TAG, TABLE, _SKIPPED, _ENTITY, _OTHER, _BREAK = (
    "block", "inline", "table", "skipped", "entity", "other", "break",
)  # fmt: skip


@lru_cache(maxsize=1024)
def _name(tag) -> str | None:
    """The tag without its namespace (localname() on the tag); None for non-elements."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None


@lru_cache(maxsize=1024)
def kind_of(tag) -> str:
    """What the reader does with a node of this tag: read it as a block, as inline text, as a
    table, skip it, or (an entity reference) keep its text as written."""
    name = _name(tag)
    if name is None:
        return _ENTITY if _is_entity_tag(tag) else _OTHER
    if name in _SKIP:
        return _SKIPPED
    if name == "br":  # a line break parts words as a space does
        return _BREAK
    if name == "table":
        return TABLE
    return INLINE_TAG if name in _INLINE else BLOCK


def _is_entity_tag(tag) -> bool:
    from lxml import etree

    return tag is etree.Entity


class Classes:
    """A class attribute read once: its classes (without the "oj-" prefix) and what they mean
    to the reader."""

    __slots__ = (
        "all", "final", "marker", "act", "title", "any_title", "article", "header", "heading",
        "note", "consolidation",
    )  # fmt: skip

    def __init__(self, classes: frozenset[str]) -> None:
        self.all = classes
        self.final = "final" in classes
        # A consolidated text's list marker, and its paragraph number ("1." in a span beside
        # the paragraph): each is read with the content beside it.
        self.marker = "grid-list-column-1" in classes or "no-parag" in classes
        self.act = bool(classes & _ACT_MARKUP)
        self.title = bool(classes & _TITLE)
        self.any_title = bool(classes & _ANY_TITLE)
        self.article = bool(classes & _ARTICLE)
        self.header = bool(classes & _HEADER)
        self.heading = any(_HEADING.match(c) for c in classes)
        self.note = "note" in classes
        found = (_CONSOLIDATION[c] for c in sorted(classes) if c in _CONSOLIDATION)
        self.consolidation = next(found, None)


NO_CLASS = Classes(frozenset())


@lru_cache(maxsize=512)  # a page uses a few dozen class attributes, over and over
def read_classes(value: str) -> Classes:
    return Classes(frozenset(c.removeprefix("oj-") for c in value.split()))


def classes_of(value: str | None) -> Classes:
    return read_classes(value) if value else NO_CLASS  # most elements have no class


def own_text(el) -> str:
    """own_text() of toolkit/markup, the same rules with the kinds of tags looked up once: the text
    of a block with its inline descendants; nested blocks are left out (each is read where it
    starts) but their tails are kept."""
    parts = [el.text or ""]
    for kid in el:
        kind = kind_of(kid.tag)
        if kind is INLINE_TAG and _marks_next(kid):
            parts.append(kid.tail or "")  # read with the content beside it
        elif kind is INLINE_TAG:
            _inline_text(kid, parts)
        else:
            if kind is _ENTITY:  # an unexpanded entity reference: kept as written
                parts.append(kid.text or "")
            elif kind is _BREAK:
                parts.append(" ")
            parts.append(kid.tail or "")
    return squash("".join(parts))


def _marks_next(el) -> bool:
    """Whether an inline element is a marker read with the element after it (a consolidated
    text's paragraph number), as the reader's walk takes it."""
    value = el.get("class")
    return bool(value) and read_classes(value).marker and el.getnext() is not None


def _inline_text(el, parts: list[str]) -> None:
    """An inline element's text, its inline descendants' and its tail, in document order.
    Recursive: libxml2 stops at 256 levels of nesting, far inside Python's limit."""
    parts.append(el.text or "")
    for kid in el:
        kind = kind_of(kid.tag)
        if kind is INLINE_TAG:
            _inline_text(kid, parts)
        else:
            if kind is _ENTITY:
                parts.append(kid.text or "")
            elif kind is _BREAK:
                parts.append(" ")
            parts.append(kid.tail or "")
    parts.append(el.tail or "")


# Each pattern that makes a block a heading (BARE_ANNEX, ANNEX, ARTICLE, DIVISION) starts with
# one of these words; one match that fails spares a paragraph the four (same flags, so the same
# characters match).

_ROW_GROUPS = frozenset(("thead", "tbody", "tfoot"))
_CELLS = frozenset(("td", "th"))


def table_rows(table) -> list[list]:
    """The cells of each row that has any: rows are the table's own <tr>, and those of its
    row groups; cells are a row's <td> and <th>. Nothing else in a table is read."""
    rows = []
    for child in table:
        name = _name(child.tag)
        if name == "tr":
            trs = [child]
        elif name in _ROW_GROUPS:
            trs = [tr for tr in child if _name(tr.tag) == "tr"]
        else:
            continue
        for tr in trs:
            cells = [cell for cell in tr if _name(cell.tag) in _CELLS]
            if cells:
                rows.append(cells)
    return rows


def full_text(el) -> str:
    """All the text in an element, squashed. For an element, lxml's text serialisation gives
    the same text nodes in the same order as itertext() (the HTML reader keeps no comments or
    entity references), in C and several times faster."""
    from lxml import etree

    if not isinstance(el.tag, str):
        return squash("".join(el.itertext()))
    return squash(etree.tostring(el, method="text", encoding=str, with_tail=False))


def marker_points(rows) -> list[tuple[str, object]] | None:
    """Each row's point marker and the cell of its content, when every row is a marker and
    its content (a table laying out a list), else None. Empty cells before the marker (the
    Official Journal indents a list that way since 2022) are passed over."""
    points = []
    for row in rows:
        start = 0
        while start < len(row) - 2 and not full_text(row[start]):
            start += 1
        if len(row) - start != 2:
            return None
        label = full_text(row[start])
        if not _MARKER_CELL.match(label):
            return None
        points.append((label, row[start + 1]))
    return points or None


def placed(rows: list[list]) -> Table:
    """The table model of an HTML table's rows: columns as spans place them (colspan,
    rowspan); header cells (th) marked."""
    return Table.placed(rows, _no_column, _colspan, _rowspan, _is_header)


def _is_header(cell, row: int) -> bool:
    return _name(cell.tag) == "th"


def _no_column(cell) -> None:
    return None  # an HTML cell takes the next free column


def _colspan(cell) -> int | None:
    return number(cell.get("colspan"))


def _rowspan(cell) -> int | None:
    return number(cell.get("rowspan"))


def amendment_rows(rows) -> list[str] | None:
    """The rows of a consolidated text's list of amending acts ("►M1 | Commission Regulation
    (EU) No 1357/2014 … | L 365 | 89 | 19.12.2014"), each as one line, when the table is
    that list; else None."""
    found = {read_classes(v).consolidation for row in rows for c in row for v in _class_values(c)}
    if not {"marker", "amendments"} <= found:
        return None
    lines = [" ".join(t for t in (full_text(c) for c in row) if t) for row in rows]
    return [line for line in lines if line]


def _class_values(cell):
    return (el.get("class") for el in cell.iter() if isinstance(el.tag, str) and el.get("class"))


def looks_like_scope(rows) -> bool:
    return len(rows) > 1 and scope_columns([full_text(c) for c in rows[0]]) is not None


def content_root(root):
    """The smallest element that holds every piece of act markup (None if there is none).

    That is the common ancestor of the first and the last of them in document order: every
    element between the two lies inside it. The first is looked for from the start of the page
    and the last from its end, so only the site chrome around the act is searched."""
    from lxml import etree

    first = next((el for el in root.iter(etree.Element) if _is_act_markup(el)), None)
    if first is None:
        return None
    last = next(el for el in _backwards(root) if _is_act_markup(el))
    # Kept in a list: lxml gives a node the same Python object only while one is alive.
    chain = [first, *first.iterancestors()]
    ids = {id(el) for el in chain}
    return next(el for el in (last, *last.iterancestors()) if id(el) in ids)


def after(el, top):
    """The node that follows el and everything inside it in document order, within top
    (END when there is none)."""
    while el is not top:
        following = el.getnext()
        if following is not None:
            return following
        el = el.getparent()
    return END


END = object()  # no node is this one: passing over the rest of a subtree


def _is_act_markup(el) -> bool:
    return classes_of(el.get("class")).act


def _backwards(root):
    """The elements under and including `root` in reverse document order: an element comes
    after everything inside it and after every later sibling."""
    stack = [(root, False)]
    while stack:
        el, expanded = stack.pop()
        if expanded:
            yield el
        elif isinstance(el.tag, str):  # elements only, as root.iter(etree.Element)
            stack.append((el, True))
            stack.extend((kid, False) for kid in el)  # the last child is taken first


def legacy_start(body) -> None:
    """A page of an act from before 2004 without the site around it: what comes before its
    heading (the CELEX number in an <h1>) is the site's banner, taken out of the tree."""
    heading = next((h for h in body.iter("h1") if CELEX_NUMBER.fullmatch(full_text(h))), None)
    if heading is None:
        return
    for el in (heading, *heading.iterancestors()):
        if el is body:
            return
        for before in list(el.itersiblings(preceding=True)):
            el.getparent().remove(before)


def lang_of(el) -> str:
    for node in (el, *el.iterancestors()):
        lang = node.get("lang") or node.get("{http://www.w3.org/XML/1998/namespace}lang")
        if lang and lang.split("-")[0].isalpha():
            return lang.split("-")[0].lower()
    return "en"


def celex_of(root) -> str | None:
    for meta in root.iter("meta"):
        if meta.get("property") == "eli:id_local" and _CELEX.fullmatch(meta.get("content", "")):
            return meta.get("content")
    title = root.find(".//title")
    found = _CELEX.search("".join(title.itertext())) if title is not None else None
    return found.group(1) if found else None
