"""One hardened way to read XML and HTML: no external entities, no DTD loading, no network,
bounded size. A DOCTYPE that declares entities is refused outright (the defusedxml policy),
whatever lxml would do with it. Named character entities that real STS files take from an
external DTD (&mdash;, &Eacute;) are resolved from a built-in table instead.
"""

from __future__ import annotations

import re
from html.entities import name2codepoint

from .errors import SourceError, brief, out_of_memory

MAX_XML_BYTES = 64 * 1024 * 1024
# The reader's tree takes about 200 bytes a node whatever the text: 10 MB of "<p>x</p>" grew to
# 430 MB, 50 MB to over 2 GB. A real standard or act has tens of thousands of tags (the largest
# EUR-Lex annexes a few hundred thousand); counting "<" bounds the tree to about 400 MB.
MAX_TAGS = 2_000_000
# Nesting depth is bounded by libxml2 itself: without huge_tree (never set here) it stops at 256
# levels, which parse_xml and parse_html refuse as over a safety limit. No walk of the tree in
# Python is needed for it (that walk cost as much as parsing a 1 MB page).

# Before the root element only comments, processing instructions and the DOCTYPE may come.
_PROLOG_TOKEN = re.compile(rb"<!--|<\?|<!DOCTYPE|<", re.IGNORECASE)
# What matters inside a DOCTYPE: where its internal subset opens and closes, entity declarations,
# and the constructs in which "]", ">" or "<!ENTITY" mean nothing (comments, PIs, literals).
_DOCTYPE_TOKEN = re.compile(rb"<!--|<\?|\"|'|<!ENTITY|\[|\]|>", re.IGNORECASE)
_SKIP_TO = {b"<!--": b"-->", b"<?": b"?>", b'"': b'"', b"'": b"'"}
_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]*);")
_XML_PREDEFINED = {b"amp", b"lt", b"gt", b"quot", b"apos"}
# Limits libxml2 reports under other error codes ("Comment too big found").
_LIMIT_WORDS = re.compile(r"too big|too long|XML_PARSE_HUGE")
_XML_HINT = "is the file complete, and is it XML? check it with an XML validator"
_HTML_HINT = "is the file a complete HTML page?"
_LIMIT_HINT = "no real standard comes near these limits; check that the file is what you expect"


def refuse_entity_declarations(data: bytes, path: str) -> None:
    at = _entity_declaration(data)
    if at is not None:
        raise _entities_refused(path, _line(data, at))


def _entities_refused(path: str, line: int | None = None, why: str = "") -> SourceError:
    return SourceError(
        path,
        f"the DOCTYPE declares entities{why}; refused (entity declarations are never expanded: "
        "defusedxml policy)",
        line=line,
        hint="remove the <!ENTITY …> declarations and use character references",
    )


def _line(data: bytes, at: int) -> int:
    return data[:at].count(b"\n") + 1


# --- plain internal entities -------------------------------------------------------------------
#
# ISO STS files declare internal entities for repeated text (<!ENTITY td "table cell text">).
# Those whose value is plain text are written out here, before the XML reader sees the file; no
# other kind is ever expanded.

# A declaration of plain text: no markup, no reference, not a parameter entity, not external.
_PLAIN_ENTITY = re.compile(
    rb"""<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"&%<]*)"|'([^'&%<]*)')\s*>"""
)
# In the document: a reference, or a construct in which "&name;" is no reference.
_REFERENCE_OR_SKIPPED = re.compile(rb"&([A-Za-z_][\w.-]*);|<!--|<!\[CDATA\[|<\?")
_SKIPPED_END = {b"<!--": b"-->", b"<![CDATA[": b"]]>", b"<?": b"?>"}
MAX_GROWTH = 4  # written out, a document may grow to 4 times its size, or by 1 MB


def write_out_entities(data: bytes, path: str) -> bytes:
    """The document with each plain internal entity written out where it is used, and the
    declarations blanked (newlines kept, so line numbers hold): the XML reader then meets no
    entity at all.

    A value with a reference in it is refused, so nothing nests (billion laughs); the document
    may grow to MAX_GROWTH times its size, so a long value used often (quadratic blow-up) is
    refused too; so is any declaration but a plain internal one (external, parameter)."""
    at = _entity_declaration(data)
    if at is None:
        return data
    subset = _internal_subset(data, at)
    if subset is None:
        raise _entities_refused(path, _line(data, at))
    start, end = subset
    entities: dict[bytes, bytes] = {}
    head = bytearray(data[:end])
    for decl in _declarations(data, start, end):
        found = _PLAIN_ENTITY.match(data, decl, end)
        if found is None:
            why = " other than plain text (external, parameter, or holding references)"
            raise _entities_refused(path, _line(data, decl), why)
        value = found.group(2) if found.group(2) is not None else found.group(3)
        escaped = value.replace(b'"', b"&quot;").replace(b"'", b"&apos;")  # safe in attributes
        entities.setdefault(found.group(1), escaped)  # the first declaration binds (XML 4.2)
        head[found.start() : found.end()] = re.sub(rb"[^\n]", b" ", found.group(0))
    limit = min(MAX_XML_BYTES, max(MAX_GROWTH * len(data), len(data) + 1024 * 1024))
    return bytes(head) + _written_out(data, end, entities, limit, path)


def _internal_subset(data: bytes, doctype: int) -> tuple[int, int] | None:
    """Where the DOCTYPE's internal subset starts and ends (inside its brackets)."""
    opened = _scan(data, doctype + 2, _DOCTYPE_TOKEN, lambda w: w in (b"[", b">"))
    if opened is None or _word(opened) != b"[":
        return None
    closed = _scan(data, opened.end(), _DOCTYPE_TOKEN, lambda w: w == b"]")
    return None if closed is None else (opened.end(), closed.start())


def _declarations(data: bytes, start: int, end: int):
    """Where each <!ENTITY of the subset starts (comments, PIs and literals skipped)."""
    pos = start
    while (token := _scan(data, pos, _DOCTYPE_TOKEN, lambda w: w in (b"<!ENTITY", b"]"))) and (
        token.start() < end and _word(token) == b"<!ENTITY"
    ):
        yield token.start()
        pos = token.end()


def _written_out(data: bytes, pos: int, entities: dict, limit: int, path: str) -> bytes:
    """data[pos:] with the references to `entities` replaced by their values, outside
    comments, CDATA sections and processing instructions; refused past `limit` bytes."""
    parts, last, size = [], pos, len(data)
    while (found := _REFERENCE_OR_SKIPPED.search(data, pos)) is not None:
        if found.group(1) is None:  # a comment, CDATA section or PI: passed over whole
            close = data.find(_SKIPPED_END[found.group(0)], found.end())
            pos = len(data) if close < 0 else close
            continue
        pos = found.end()
        value = entities.get(found.group(1))
        if value is None:
            continue
        size += len(value) - len(found.group(0))
        if size > limit:
            why = f" whose values, written out, come to over {limit} bytes"
            raise _entities_refused(path, _line(data, found.start()), why)
        parts += (data[last : found.start()], value)
        last = pos
    parts.append(data[last:])
    return b"".join(parts)


def _entity_declaration(data: bytes) -> int | None:
    """Where the DOCTYPE starts if it declares an entity, else None.

    A scan token by token, not a regular expression over a window: a subset longer than any
    window, or a comment holding "]>" or "<!DOCTYPE", must not hide a declaration; and every
    construct is skipped with one find, so the scan stays linear in the size of the file."""
    doctype = _scan(data, 0, _PROLOG_TOKEN, _doctype_or_element)
    if doctype is None or _word(doctype) != b"<!DOCTYPE":
        return None  # no DOCTYPE before the root element
    in_subset = False

    def decides(word: bytes) -> bool:
        nonlocal in_subset
        in_subset = in_subset or word == b"["
        return word in (b"<!ENTITY", b"]") or (word == b">" and not in_subset)

    found = _scan(data, doctype.end(), _DOCTYPE_TOKEN, decides)
    return doctype.start() if found is not None and _word(found) == b"<!ENTITY" else None


def _scan(data: bytes, pos: int, tokens: re.Pattern, decides) -> re.Match | None:
    """The first token from `pos` on for which `decides(word)` holds, comments, processing
    instructions and quoted literals skipped whole; None at the end or in an unterminated one
    (which the XML reader then reports as malformed)."""
    while (token := tokens.search(data, pos)) is not None:
        word = _word(token)
        if decides(word):
            return token
        pos = token.end()
        if word in _SKIP_TO:
            end = data.find(_SKIP_TO[word], pos)
            if end < 0:
                return None
            pos = end + len(_SKIP_TO[word])
    return None


def _word(token: re.Match) -> bytes:
    return token.group(0).upper()


def _doctype_or_element(word: bytes) -> bool:
    return word in (b"<!DOCTYPE", b"<")


_NAME = re.compile(rb"[A-Za-z_][\w.:-]*")


def root_name(head: bytes) -> str | None:
    """The name of the first element of an XML document, from its first bytes.

    The prolog is skipped construct by construct, each with one find; a regular expression
    with lazy ".*?" for comments and PIs rescanned the rest of the head at every unclosed one
    (seconds for a head of "<?" repeated, in C, where no alarm stops it)."""
    data, pos = head.removeprefix(b"\xef\xbb\xbf"), 0
    while (token := _scan(data, pos, _PROLOG_TOKEN, _doctype_or_element)) is not None:
        if _word(token) == b"<!DOCTYPE":  # skipped, internal subset and all
            pos = _doctype_end(data, token.end())
            if pos is None:
                return None
            continue
        name = _NAME.match(data, token.end())
        if name:
            return name.group(0).decode("ascii", "replace")
        pos = token.end()  # "<" with no name after it ("< ", "<![CDATA["): not an element
    return None


def _doctype_end(data: bytes, pos: int) -> int | None:
    """The offset just past the ">" that closes a DOCTYPE whose name starts at `pos`."""
    in_subset = False

    def closes(word: bytes) -> bool:
        nonlocal in_subset
        in_subset = word == b"[" or (in_subset and word != b"]")
        return word == b">" and not in_subset

    end = _scan(data, pos, _DOCTYPE_TOKEN, closes)
    return None if end is None else end.end()


def _named_to_numeric(data: bytes) -> bytes:
    def replace(match: re.Match) -> bytes:
        name = match.group(1)
        if name in _XML_PREDEFINED:
            return match.group(0)
        code = name2codepoint.get(name.decode("ascii"))
        return b"&#%d;" % code if code is not None else match.group(0)

    return _NAMED_ENTITY.sub(replace, data)


def _check_size(data: bytes, path: str) -> None:
    if len(data) > MAX_XML_BYTES:
        raise SourceError(
            path, f"document is {len(data)} bytes, over the {MAX_XML_BYTES} limit", hint=_LIMIT_HINT
        )
    tags = data.count(b"<")  # every tag, comment or declaration opens with one (UTF-16 too)
    if tags > MAX_TAGS:
        raise SourceError(
            path,
            f"document has {tags} tags, over a safety limit of {MAX_TAGS}; refused",
            hint=_LIMIT_HINT,
        )


def parse_xml(data: bytes, path: str):
    """An lxml element tree root, read with every dangerous feature off."""
    from lxml import etree

    _check_size(data, path)
    data = write_out_entities(data, path)
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )
    try:
        root = etree.fromstring(_named_to_numeric(data), parser)
    except etree.XMLSyntaxError as exc:
        line = getattr(exc, "lineno", None) or None
        if exc.code == etree.ErrorTypes.ERR_NO_MEMORY:
            raise out_of_memory(path) from None
        if exc.code == etree.ErrorTypes.ERR_RESOURCE_LIMIT or _LIMIT_WORDS.search(exc.msg):
            raise _over_limit(path, exc.msg, line) from None
        raise SourceError(
            path, f"XML is not well formed ({brief(exc.msg)})", line=line, hint=_XML_HINT
        ) from None
    if root is None:
        raise SourceError(path, "no XML element found", hint=_XML_HINT)
    _refuse_declared(root, path)
    return root


def parse_html(data: bytes, path: str):
    """The <html> root of a page; malformed HTML is repaired, never fetched from anywhere. A
    page that declares no character set is read as UTF-8 when it is UTF-8 (the HTML reader
    would take it for Latin-1: "‘" read as "â€˜").

    Plain lxml elements, not lxml.html's: its element classes are looked up in Python for
    every element touched, which made walking a page cost more than parsing it."""
    from lxml import etree

    _check_size(data, path)
    refuse_entity_declarations(data, path)
    _refuse_crowded_tags(data, path)
    # collect_ids: libxml2 indexes every id attribute for lookups by id, which nothing here does
    parser = etree.HTMLParser(
        no_network=True,
        remove_comments=True,
        huge_tree=False,
        collect_ids=False,
        encoding=None if _declares_charset(data) else _utf8_or_none(data),
    )
    try:
        root = etree.fromstring(data, parser)
    except (etree.LxmlError, ValueError) as exc:
        if any(e.type == etree.ErrorTypes.ERR_NO_MEMORY for e in parser.error_log):
            raise out_of_memory(path) from None
        raise SourceError(path, f"HTML could not be read ({brief(exc)})", hint=_HTML_HINT) from None
    if root is None:
        raise SourceError(path, "HTML could not be read (the document is empty)", hint=_HTML_HINT)
    # The HTML reader repairs what it cannot read: past its depth or size limits it drops the
    # rest of the page and only logs it. Silently losing text is worse than refusing the file.
    for entry in parser.error_log:
        if entry.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            raise _over_limit(path, entry.message, entry.line or None)
    return root


_CHARSET = re.compile(rb"charset\s*=|encoding\s*=|^\xef\xbb\xbf|^\xff\xfe|^\xfe\xff", re.I)


def _declares_charset(data: bytes) -> bool:
    """Whether a page says how it is encoded (a meta charset, an XML declaration, a BOM)."""
    return _CHARSET.search(data[:4096]) is not None


def _utf8_or_none(data: bytes) -> str | None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None  # left to the HTML reader's own default
    return "utf-8"


def _refuse_crowded_tags(data: bytes, path: str) -> None:
    """libxml2's HTML reader is quadratic in the attributes of one tag (htmlscan.py)."""
    from .htmlscan import MAX_ATTRIBUTES, crowded_tag

    crowded = crowded_tag(data)
    if crowded is not None:
        at, count = crowded
        raise SourceError(
            path,
            f"a start tag has {count} attributes, over a safety limit of {MAX_ATTRIBUTES}; refused",
            line=_line(data, at),
            hint=_LIMIT_HINT,
        )


def _refuse_declared(root, path: str) -> None:
    """The byte scan reads ASCII-compatible encodings only; what the reader itself saw (in a
    UTF-16 file, say) is checked too. Nothing was expanded: resolve_entities is off."""
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise _entities_refused(path)


def _over_limit(path: str, message: str, line: int | None) -> SourceError:
    """lxml's own limits (nesting depth 256, 10 MB in one text node or attribute, entity
    amplification), in our words: its message advises XML_PARSE_HUGE, which we never use."""
    reason = re.split(r",?\s+(?:try|use|see)\s", message.strip(), maxsplit=1)[0]
    return SourceError(
        path,
        f"over a safety limit of the XML reader ({brief(reason)}); refused",
        line=line,
        hint=_LIMIT_HINT,
    )
