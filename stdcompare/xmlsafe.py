"""One hardened way to read XML and HTML: no external entities, no DTD loading, no network,
bounded size. A DOCTYPE that declares entities is refused outright (the defusedxml policy),
whatever lxml would do with it. Named character entities that real STS files take from an
external DTD (&mdash;, &Eacute;) are resolved from a built-in table instead.
"""

from __future__ import annotations

import re
from html.entities import name2codepoint

from .errors import SourceError

MAX_XML_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 500  # deeper nesting is refused: no real standard nests like that

_DOCTYPE_WITH_SUBSET = re.compile(rb"<!DOCTYPE[^>\[]*\[(.*?)\]\s*>", re.DOTALL | re.IGNORECASE)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_NAMED_ENTITY = re.compile(rb"&([A-Za-z][A-Za-z0-9]*);")
_XML_PREDEFINED = {b"amp", b"lt", b"gt", b"quot", b"apos"}


def refuse_entity_declarations(data: bytes, path: str) -> None:
    found = _DOCTYPE_WITH_SUBSET.search(data[: 1024 * 1024])
    if found and _ENTITY_DECL.search(found.group(1)):
        line = data[: found.start()].count(b"\n") + 1
        raise SourceError(
            path,
            "the DOCTYPE declares entities; refused (entity declarations are never expanded: "
            "defusedxml policy)",
            line=line,
            hint="remove the <!ENTITY …> declarations and use character references",
        )


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
        raise SourceError(path, f"document is {len(data)} bytes, over the {MAX_XML_BYTES} limit")


def parse_xml(data: bytes, path: str):
    """An lxml element tree root, read with every dangerous feature off."""
    from lxml import etree

    _check_size(data, path)
    refuse_entity_declarations(data, path)
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
        raise SourceError(path, f"XML is not well formed ({exc.msg})", line=line) from None
    if root is None:
        raise SourceError(path, "no XML element found")
    _check_depth(root, path)
    return root


def parse_html(data: bytes, path: str):
    """An lxml HTML tree root; malformed HTML is repaired, never fetched from anywhere."""
    from lxml import etree, html

    _check_size(data, path)
    refuse_entity_declarations(data, path)
    parser = html.HTMLParser(no_network=True, remove_comments=True, huge_tree=False)
    try:
        root = html.fromstring(data, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise SourceError(path, f"HTML could not be read ({exc})") from None
    _check_depth(root, path)
    return root


def _check_depth(root, path: str) -> None:
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise SourceError(path, f"elements nested deeper than {MAX_DEPTH}; refused")
        stack.extend((child, depth + 1) for child in node)
