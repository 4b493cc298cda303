"""Which parser reads a file: decided by its content, not its name alone.

Native parsers are modules of this package that define `PARSER` (see base.Parser); they are
imported only when a file needs them. The canonical TOML format is read by the corpus itself.
"""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from ..errors import PARSER, SourceError, StdcompareError, out_of_memory
from .base import MAX_DOCUMENT_BYTES, ParseResult

# Tried in this order by `auto`: the most specific sniffers first.
# The spec-sheet reader comes last: it reads any text with a title and quantities, so it is the
# fallback for text that is neither a GB/T standard nor the ISRI circular.
NATIVE = ("sts", "formex", "eurlex", "gbt", "isri", "pdf", "sheet")
_MODULES = {"sheet": "specsheet"}  # a parser's name as given to --parser, where it differs
_CANONICAL = re.compile(rb"^\s*(format|key)\s*=", re.MULTILINE)
SNIFF_BYTES = 64 * 1024


def is_canonical(head: bytes) -> bool:
    return bool(_CANONICAL.search(head)) and b"edition" in head


def load_parser(name: str):
    try:
        module = importlib.import_module(f".{_MODULES.get(name, name)}", __package__)
    except ModuleNotFoundError:
        return None
    return getattr(module, "PARSER", None)


def available() -> list[str]:
    return ["spec", *(n for n in NATIVE if load_parser(n) is not None)]


def parse(path: Path, parser: str, corpus) -> ParseResult:
    if path.is_dir() and parser in ("auto", "formex"):
        from .formex import read_folder  # a folder is read as a Formex package

        return _with_content(read_folder(path, corpus.vocabulary), path, "formex")
    if not path.is_file():
        what = f"{path} is a folder, not a file" if path.is_dir() else f"no such file: {path}"
        raise StdcompareError(what, "give the path of a source document")
    size = path.stat().st_size
    if size > MAX_DOCUMENT_BYTES:
        raise SourceError(
            str(path),
            f"document is {size} bytes, over the {MAX_DOCUMENT_BYTES} limit",
            hint="no real standard is that large; split the document or check the file",
        )
    data = path.read_bytes()
    name = parser if parser != "auto" else _detect(data[:SNIFF_BYTES], path)
    if name == "spec":
        standard = corpus.resolve(str(path.resolve()))
        return ParseResult(standard, 1, 1)
    native = load_parser(name)
    if native is None:
        raise StdcompareError(f"no parser named '{name}'", f"parsers: {', '.join(available())}")
    try:
        result = native.parse(data, path, corpus.vocabulary)
    except MemoryError:
        del data  # the document's bytes, for the error to be reported in
        raise out_of_memory(str(path)) from None
    return _with_content(result, path, name)


def _with_content(result: ParseResult, path: Path, name: str) -> ParseResult:
    if not result.has_content:
        raise SourceError(
            str(path),
            f"the {name} parser found neither a designation or title nor any grade or requirement",
            hint="is this the right kind of document? try {parser}",
            options={"parser": PARSER},
        )
    return result


def inputs(path: Path) -> list[Path]:
    """The files a document read from `path` depends on, for a cache key: the file itself, and
    for a Formex descriptor the files beside it, which hold its act and annexes."""
    from .formex_package import MAX_PARTS, is_descriptor

    try:
        with path.open("rb") as fh:
            head = fh.read(SNIFF_BYTES)
        if not is_descriptor(head):
            return [path]
        siblings = sorted(p for p in path.parent.iterdir() if p.is_file() and p != path)
    except OSError:
        return [path]
    return [path, *siblings[:MAX_PARTS]]


def _detect(head: bytes, path: Path) -> str:
    if is_canonical(head):
        return "spec"
    for name in NATIVE:
        native = load_parser(name)
        if native is not None and native.sniff(head, path):
            return name
    raise StdcompareError(
        f"{path}: no parser recognises this document",
        f"known kinds: {', '.join(available())}; name one with " + "{parser}",
        options={"parser": PARSER},
    )
