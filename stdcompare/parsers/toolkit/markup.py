"""The text of XML and HTML markup as the STS, EUR-Lex and Formex readers take it: a tag
without its namespace, a block's own text with its inline children, white space folded, and a
parse guarded against what malformed input can still cause."""

from __future__ import annotations

from pathlib import Path

from ...errors import SourceError
from ..base import brief


def localname(el) -> str | None:
    """The tag without its namespace; None for comments, processing instructions, entities."""
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else None


def squash(text: str) -> str:
    """The text with every run of whitespace made one space, and none at either end: the same
    as " ".join(text.split()), which builds a list of every word of the text.

    Most paragraphs need little or no work, so they are tested first, in C. isprintable() is
    False for every whitespace character but the ASCII space, so a printable text has no
    whitespace but spaces; a no-break space (EUR-Lex puts one after each paragraph number) is
    the one other kind common enough to be worth replacing before the test."""
    if not text.isprintable():
        text = text.replace("\xa0", " ")
        if not text.isprintable():
            return " ".join(text.split())
    while "  " in text:  # halves every run of spaces, so a run of n takes log2(n) rounds
        text = text.replace("  ", " ")
    return text.strip(" ")


def own_text(el, is_block, skip: frozenset[str] = frozenset()) -> str:
    """The text of a block element with its inline descendants; nested blocks are left out
    (each is a unit of its own) but their tails are kept, since the tail belongs to this block.
    Unexpanded entity references are kept as written (&name;), never resolved."""
    if not len(el):  # most paragraphs: no markup inside, nothing to walk
        return squash(el.text or "")
    parts: list[str] = [el.text or ""]
    stack = [(child, True) for child in reversed(el)]  # iterative: nesting may be deep
    while stack:
        node, enter = stack.pop()
        if not enter:
            parts.append(node.tail or "")
            continue
        name = localname(node)
        if name is not None and name not in skip and not is_block(node):
            parts.append(node.text or "")  # inline: its text, its children, then its tail
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(node))
            continue
        if name is None and _is_entity(node):
            parts.append(node.text or "")
        parts.append(node.tail or "")  # a nested block is a unit of its own: its tail only
    return squash("".join(parts))


def _is_entity(node) -> bool:
    from lxml import etree

    return node.tag is etree.Entity


def guarded(path: Path, read):
    """Run a parse, turning what malformed input can still cause past xmlsafe's checks (an
    lxml error, nesting deeper than Python's stack) into a SourceError naming the file."""
    from lxml import etree

    try:
        return read()
    except RecursionError:
        raise SourceError(
            str(path),
            "elements nested too deeply to read; refused",
            hint="no real standard nests like that; check that the file is what you expect",
        ) from None
    except etree.LxmlError as exc:
        raise SourceError(
            str(path),
            f"could not be read ({brief(exc)})",
            hint="is the file complete and well formed?",
        ) from None
