"""A Formex package: the Publications Office ships an act as several files, a <DOC> descriptor,
the <ACT> and each <ANNEX>. A package is given as its folder, as its descriptor (the parts are
looked for beside it) or as a zip. Each part is recognised by its content, never by its file
name (names differ between the Publications Office, Cellar downloads and people's disks): its
root element, the Official Journal it was published in and its sequence number (NO.SEQ: the act
"0001", its annexes "0001.0001", "0001.0002").

Limits: at most MAX_PARTS files or zip members are looked at, and all the parts together, as
read (a zip member uncompressed), may not pass MAX_DOCUMENT_BYTES. A zip is read member by member
with a bounded read, whatever its directory claims, so a zip bomb stops at the limit.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError
from ..xmlsafe import parse_xml, root_name
from .base import MAX_DOCUMENT_BYTES, brief
from .toolkit.markup import localname

ZIP_MAGIC = b"PK\x03\x04"
MAX_PARTS = 1_000  # files or zip members looked at: an OJ issue has a few hundred
_HEAD = 64 * 1024
PARTS = frozenset(("DOC", "ACT", "ANNEX", "CONS.ACT", "CONS.ANNEX"))
ACTS = frozenset(("ACT", "CONS.ACT"))
HINT = "give the package's folder, its descriptor (the <DOC> file) or a zip of its files"


@dataclass
class Part:
    """One file of a package: its name (for notes), bytes, parsed root and identity."""

    name: str
    data: bytes
    root: object
    kind: str  # the root element's name
    publication: tuple[str, str, str, str]  # series, OJ number, year, language ("" if unsaid)
    seq: str  # NO.SEQ

    @property
    def seq_key(self) -> tuple:
        return tuple(int(p) if p.isdigit() else 0 for p in self.seq.split("."))


def is_descriptor(head: bytes) -> bool:
    """Whether a file's first bytes are those of a package's <DOC> descriptor."""
    return root_name(head) == "DOC" and (b"DOC.MAIN.PUB" in head or b"<FMX" in head)


# --- finding the parts -------------------------------------------------------------------------


def from_folder(folder: Path) -> list[Part]:
    """The Formex parts among a folder's files (not its subfolders)."""
    try:
        entries = sorted(p for p in folder.iterdir() if p.is_file())
    except OSError as exc:
        raise SourceError(str(folder), f"could not be listed ({brief(str(exc))})") from None
    if len(entries) > MAX_PARTS:
        raise SourceError(
            str(folder),
            f"holds {len(entries)} files, over the {MAX_PARTS} a package is read from",
            hint=HINT,
        )
    budget = _Budget(str(folder))
    found = (_part(p.name, budget.read_file(p), str(folder)) for p in entries)
    return [p for p in found if p is not None]


def from_zip(data: bytes, path: str) -> list[Part]:
    """The Formex parts among a zip's members."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [i for i in archive.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise SourceError(path, f"is not a readable zip ({brief(str(exc))})", hint=HINT) from None
    if len(members) > MAX_PARTS:
        raise SourceError(
            path, f"holds {len(members)} files, over the {MAX_PARTS} a package is read from"
        )
    budget = _Budget(path)
    found = (_part(m.filename, budget.read_member(archive, m), path) for m in members)
    return [p for p in found if p is not None]


class _Budget:
    """What a package may still read, in bytes, across all its files. A file is read only as
    far as its first bytes until they show a Formex part: other files (a PDF beside the XML, a
    large member of a zip) cost nothing but those."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.left = MAX_DOCUMENT_BYTES

    def read_file(self, path: Path) -> bytes | None:
        try:
            with path.open("rb") as fh:
                return self._read(fh)
        except OSError as exc:
            raise SourceError(str(path), f"could not be read ({brief(str(exc))})") from None

    def read_member(self, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes | None:
        if member.flag_bits & 0x1:
            raise SourceError(self.where, f"zip member {brief(member.filename, 80)} is encrypted")
        try:
            with archive.open(member) as fh:
                return self._read(fh)
        except (zipfile.BadZipFile, NotImplementedError, zlib.error, EOFError, OSError) as exc:
            raise SourceError(
                self.where,
                f"zip member {brief(member.filename, 80)} unreadable ({brief(str(exc))})",
            ) from None

    def _read(self, fh) -> bytes | None:
        """A Formex part's bytes, within what is left; None for a file of another kind."""
        head = fh.read(min(_HEAD, self.left + 1))
        if root_name(head) not in PARTS:
            return None
        data = head + fh.read(self.left + 1 - len(head))
        if len(data) > self.left:
            raise SourceError(
                self.where,
                f"the package's files come to more than {MAX_DOCUMENT_BYTES} bytes; refused",
                hint="no real act's package is that large; check that the files are what you "
                "expect",
            )
        self.left -= len(data)
        return data


def _part(name: str, data: bytes | None, where: str) -> Part | None:
    """A file's bytes as a part (None, a file of another kind, stays None)."""
    if data is None:
        return None
    root = parse_xml(data, f"{where}: {name}")
    return Part(name, data, root, localname(root) or "", *_identity(root))


def publication_of(descriptor) -> tuple[str, str, str, str]:
    """The Official Journal a descriptor's document was published in."""
    return _publication(descriptor, "PUBLICATION.REF")


def _publication(root, container: str) -> tuple[str, str, str, str]:
    ref = next((el for el in root.iter(container)), None)
    if ref is None:
        return ("", "", "", "")

    def text(tag: str) -> str:
        el = ref.find(tag)
        return "".join(el.itertext()).strip() if el is not None else ""

    date = ref.find("DATE")
    year = text("YEAR") or ((date.get("ISO") or "")[:4] if date is not None else "")
    return (text("COLL"), text("NO.OJ").lstrip("0"), year, text("LG.OJ").upper())


def _seq(root) -> str:
    bib = root.find("BIB.INSTANCE")
    found = bib.find("NO.SEQ") if bib is not None else None
    return "".join(found.itertext()).strip() if found is not None else ""


# --- choosing the act and its annexes ----------------------------------------------------------


def select(parts: list[Part], where: str) -> tuple[list[Part], list[str]]:
    """The act and its annexes (act first, annexes in their order), and notes on what the
    package lacks. With a descriptor among the parts, the documents it lists; else the one act
    and the annexes published with it."""
    descriptors = [p for p in parts if p.kind == "DOC"]
    if len(descriptors) > 1:
        names = ", ".join(brief(p.name, 40) for p in descriptors[:5])
        raise SourceError(
            where,
            f"holds {len(descriptors)} Formex descriptors ({names}); which act is meant is not "
            "said",
            hint="give the descriptor (the <DOC> file) of the act to read",
        )
    if descriptors:
        return _described(descriptors[0], parts, where)
    acts = [p for p in parts if p.kind in ACTS]
    if not acts:
        raise SourceError(where, "holds no Formex act (<ACT> or <CONS.ACT>)", hint=HINT)
    if len(acts) > 1:
        names = ", ".join(brief(p.name, 40) for p in acts[:5])
        raise SourceError(
            where,
            f"holds {len(acts)} Formex acts ({names}); which one is meant is not said",
            hint="give the descriptor (the <DOC> file) of the act to read, or one act's files",
        )
    act = acts[0]
    annexes = [p for p in parts if p.kind == "ANNEX" and _belongs(p, act)]
    missing = []
    if act.kind == "ACT" and not annexes:  # a consolidated act holds its annexes
        missing.append(
            "no annex of the act was found with it and no descriptor lists its parts: if the "
            "act has annexes, they were not read"
        )
    return [act, *sorted(annexes, key=lambda p: p.seq_key)], missing


def _belongs(annex: Part, act: Part) -> bool:
    return _same_publication(annex.publication, act.publication) and (
        not act.seq or annex.seq.startswith(act.seq + ".")
    )


def _same_publication(a: tuple, b: tuple) -> bool:
    """Two publication references agree where both say something."""
    return all(x == y for x, y in zip(a, b, strict=True) if x and y)


def _described(descriptor: Part, parts: list[Part], where: str) -> tuple[list[Part], list[str]]:
    main, subs = _listed(descriptor.root)
    wanted = [main, *subs]
    chosen = []
    missing = []
    for seq in wanted:
        found = next(
            (
                p
                for p in parts
                if p.kind != "DOC"
                and p.seq == seq
                and _same_publication(p.publication, descriptor.publication)
            ),
            None,
        )
        if found is None and seq == main:
            found = _unnumbered_act(descriptor, parts)
        if found is not None:
            chosen.append(found)
        else:
            missing.append(seq)
    if not chosen or chosen[0].kind not in ACTS:
        raise SourceError(
            where,
            f"the descriptor lists document {main or '(none)'}, and no act with that sequence "
            "number was found beside it",
            hint="keep the descriptor with the act's and annexes' files: " + HINT,
        )
    notes = [
        f"document {seq}, listed by the package's descriptor, was not found: not read"
        for seq in missing
    ]
    return chosen, notes


def _unnumbered_act(descriptor: Part, parts: list[Part]) -> Part | None:
    """The act a descriptor lists when that act has no sequence number: a consolidated act
    (CONS.ACT) carries none. The one such act, unless the descriptor's CELEX number and the
    act's consolidation reference ("32011L0083", "2011L0083") name two acts."""
    acts = [p for p in parts if p.kind in ACTS and not p.seq]
    if len(acts) != 1:
        return None
    celex, ref = _celex(descriptor.root), _consolidates(acts[0].root)
    if celex and ref and celex[1:] != ref:
        return None
    return acts[0]


def _celex(descriptor) -> str:
    found = next(descriptor.iter("NO.CELEX"), None)
    return "".join(found.itertext()).strip() if found is not None else ""


def _consolidates(act) -> str:
    """The act a consolidated act is a version of, as INFO.CONSLEG names it ("2011L0083")."""
    info = next(act.iter("INFO.CONSLEG"), None)
    return (info.get("CONSLEG.REF") or "") if info is not None else ""


# --- a package bundled in one file -------------------------------------------------------------


def from_tree(root, data: bytes, name: str) -> list[Part]:
    """The parts one file bundles under a wrapper element (the Publications Office's
    COMBINED.FMX, or another tool's): each descriptor, act or annex in it, not counting what
    an act or annex holds. The file's bytes go with its first act (what was read is known by
    them)."""
    found = list(_bundled(root))[:MAX_PARTS]
    first = next((el for el in found if localname(el) in ACTS), None)
    return [
        Part(name, data if el is first else b"", el, localname(el) or "", *_identity(el))
        for el in found
    ]


def _bundled(el):
    for kid in el:
        kind = localname(kid)
        if kind in PARTS:
            yield kid
        elif kind:
            yield from _bundled(kid)


def _identity(el) -> tuple[tuple[str, str, str, str], str]:
    if localname(el) == "DOC":
        return publication_of(el), ""
    return _publication(el, "DOCUMENT.REF"), _seq(el)


def _listed(root) -> tuple[str, list[str]]:
    """The sequence numbers a descriptor lists: its main document and the parts under it."""
    main = next((el.get("NO.SEQ", "") for el in root.iter("DOC.MAIN.PUB")), "")
    subs = [el.get("NO.SEQ", "") for el in root.iter("DOC.SUB.PUB")]
    return main, [s for s in subs if s]
