"""What the EUR-Lex HTML and Formex readers share: an act's identity (_eu_title) and dates
(_eu_dates) gathered as it is read, where each piece of text sits ("Article 3(2)",
"Annex I, 1.1"), the end-of-waste "criteria | self-monitoring" table read as a scope, and the
Standard assembled at the end.

Numbering (an "Article 3" heading, a bare "ANNEX I", a point marker "(a)") is not a text unit of
its own: it becomes the `where` of the text it numbers. Title lines read into the designation,
date and title count as structure; every other text unit is a verbatim note unless it became a
requirement.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .. import model as m
from ._eu_dates import effective_date
from ._eu_title import Identity, celex_key, celex_kind, read_title
from .base import ParseResult
from .toolkit.coverage import Units, capturing
from .toolkit.recogniser import Limit, Recogniser
from .toolkit.shell import Requirements, official_source, origin, slug
from .toolkit.tables import Cell, Table, dense

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

REGION = "EU"
SOURCE_ID = "eurlex"
# The kind of act a title names, as the model types it; a C-series document is a notice.
_KIND = {
    "regulation": m.Kind.REGULATION,
    "directive": m.Kind.DIRECTIVE,
    "decision": m.Kind.DECISION,
    "notice": m.Kind.NOTICE,
}

ARTICLE = re.compile(r"^(?:article|artikel)\s+(?:\d+[a-z]?|premier|unique)$", re.IGNORECASE)
ANNEX = re.compile(r"^(?:annex|annexe|anhang)\b\s*([IVXLC]+|\d+|[A-Z])?\b", re.IGNORECASE)
DIVISION = re.compile(
    r"^(?:title|chapter|section|part|titre|chapitre|partie|titel|kapitel|abschnitt|teil)"
    r"\s+(?:[IVXLC]+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)$",
    re.IGNORECASE,
)
ARTICLE_PARA = re.compile(r"^(\d{1,3})\.\s")
ANNEX_POINT = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s")
_CRITERIA = ("criteri", "kriteri")  # criteria, critères, Kriterien
_MONITORING = ("monitoring", "autocontrôle", "autocontrole", "überwachung")


# --- where -----------------------------------------------------------------------------------


class Location:
    """Where the text being read sits: a part (preamble, article, annex), a numbered
    paragraph or point, point markers, and a table cell.

    Changed only through its methods, so that `where` is formatted once per place rather than
    once per paragraph (a long act has thousands of paragraphs and a few hundred places)."""

    __slots__ = ("part", "point", "markers", "cell", "in_article", "_where")

    def __init__(self, part: str = "Title") -> None:
        self.move(part)

    def move(self, part: str) -> None:
        self.part, self.point, self.markers, self.cell = part, None, [], None
        self.in_article = part.lower().startswith(("article", "artikel"))
        self._where: str | None = None

    def set_point(self, point: str | None) -> None:
        self.point, self._where = point, None

    def push(self, marker: str) -> None:
        self.markers.append(marker)
        self._where = None

    def pop(self, marker: str) -> None:
        """Leave a point; a heading inside it (malformed, but seen in fuzzing) may have moved
        on already, and then there is nothing to leave."""
        if self.markers and self.markers[-1] == marker:
            self.markers.pop()
            self._where = None

    def set_cell(self, cell: str | None) -> None:
        self.cell, self._where = cell, None

    def where(self) -> str:
        found = self._where
        if found is None:
            found = self._where = self._format()
        return found

    def _format(self) -> str:
        if self.part.startswith("Annex"):
            text = f"{self.part}, {self.point}" if self.point else self.part
        elif self.part == "Preamble" and self.markers:
            text = "Recital "  # the preamble's numbered points are its recitals
        else:
            text = f"{self.part}({self.point})" if self.point else self.part
        text += "".join(self.markers)
        return f"{text}, {self.cell}" if self.cell else text


def marker(text: str) -> str | None:
    """A point marker as it goes into `where`: "(a)", "(1)", "(iv)"; None for an indent dash."""
    core = text.strip().strip("().").strip()
    return f"({core})" if core and core.isalnum() and len(core) <= 6 else None


# --- the reading shared by both markups ------------------------------------------------------


class RegulationReader:
    """Collects an act's text units in reading order; subclasses walk their own markup."""

    parser_name = ""
    parser_version = "1"
    source_format = ""

    def __init__(self, vocab: Vocabulary, path: Path) -> None:
        self.vocab = vocab
        self.path = path
        self.units = Units()
        self.loc = Location()
        self.title_lines: list[str] = []
        self.title_done = False
        self.identity = Identity()
        self.articles: list[tuple[str, str]] = []  # (where, text) of article paragraphs
        self.heading: str | None = None  # the latest heading, to name a scope
        self.groups: list[m.Group] = []
        self.tables = 0
        self.published: date | None = None
        self.lang = "en"
        self.warnings: list[str] = []
        self.pending: str | None = None  # a point marker waiting for its text
        self.consolidated: date | None = None  # a consolidated text's date (its edition)
        self.extra_notes: list[m.Note] = []  # the reader's own notes on what it read

    @cached_property
    def recogniser(self) -> Recogniser:
        """Made when a criteria table needs it: most acts have none, and it costs a
        millisecond to make."""
        return Recogniser(self.vocab)

    # --- events ------------------------------------------------------------------------------

    def title_line(self, text: str) -> None:
        """A line in title markup: the act's title until it is done; printed again before the
        preamble (a consolidated text repeats it), a note on the title; after it, in an annex,
        the annex's own title (the Official Journal prints annex titles in the same markup
        since 2023), else text."""
        if not self.title_done:
            self.title_lines.append(text)
        elif self.loc.part == "Preamble":
            self.units.note(text, "Title")  # printed again (a consolidated text's body)
        elif self.loc.part.startswith("Annex") and not self.loc.point:
            self.heading_text(text)
        else:
            self.text(text)

    def close_title(self) -> None:
        if self.title_done:
            return
        self.title_done = True
        self.identity, used = read_title(self.title_lines)
        for line, was_used in zip(self.title_lines, used, strict=True):
            if was_used:
                self.units.structure()
            else:
                self.units.note(line, "Title")
        self.loc.move("Preamble")

    def article(self, text: str) -> None:
        self.close_title()
        self.loc.move(" ".join(text.split()).capitalize())

    def annex(self, text: str, opens: bool = False) -> None:
        """An annex heading: "ANNEX", "ANNEX I", or a heading that also carries a title. A
        line naming no annex, inside one, is that annex's own title, unless it `opens` a new
        annex (a Formex ANNEX titled "Chronological Index"), which it then names."""
        self.close_title()
        found = ANNEX.match(text)
        if found is None and not opens and self.loc.part.startswith("Annex"):
            self.heading_text(text)  # the annex's own title, on the line after "ANNEX I"
            return
        if found is None and opens:
            label = f"Annex ({text})"
        else:
            label = "Annex" + (f" {found.group(1)}" if found and found.group(1) else "")
        self.loc.move(label)
        rest = text[found.end() :].strip() if found else text
        if rest:
            self.units.note(text, label)
            self.heading = rest

    def final(self) -> None:
        self.close_title()
        self.loc.move("Final provisions")

    def division(self, text: str) -> None:
        """ "TITLE II", "CHAPTER 1": numbering that places the headings after it."""
        self.close_title()
        first, _, rest = " ".join(text.split()).partition(" ")
        number = rest if re.fullmatch(r"[IVXLC]+|\d+", rest) else rest.capitalize()  # "Part One"
        self.loc.move(f"{first.capitalize()} {number}")

    def heading_text(self, text: str) -> None:
        """A heading (article subtitle, section, annex group): a note; in an annex its number
        becomes the point of what follows."""
        self.close_title()
        point = ANNEX_POINT.match(text)
        if self.loc.part.startswith("Annex") and point:
            self.loc.set_point(point.group(1))
        self.heading = text
        self.units.note(text, self.loc.where())

    def text(self, text: str) -> None:
        """A paragraph: numbered paragraphs set the point; article text is kept for dates."""
        if not self.title_done:
            self.close_title()
        loc = self.loc
        if not loc.markers and not loc.cell and loc.part != "Preamble":
            numbered = (ARTICLE_PARA if loc.in_article else ANNEX_POINT).match(text)
            if numbered:
                loc.set_point(numbered.group(1))
        where = loc.where()
        if loc.in_article:
            self.articles.append((where, text))
        if self.pending:
            text, self.pending = f"{self.pending} {text}", None
        self.units.note(text, where)

    @contextmanager
    def marked(self, label: str):
        """Read a point whose marker ("(a)", "(1)", "—") stands apart from its text: the marker
        goes into `where` and, as printed, before the first paragraph of the point."""
        found = self.open_point(label)
        try:
            yield
        finally:
            self.close_point(found)

    def open_point(self, label: str) -> str | None:
        """marked() without a context manager, for a reader that opens thousands of points:
        returns what close_point() needs."""
        found = marker(label)
        if found:
            self.loc.push(found)
        self.pending = " ".join(label.split()) or None
        return found

    def close_point(self, found: str | None) -> None:
        self.pending = None
        if found:
            self.loc.pop(found)

    # --- tables ------------------------------------------------------------------------------

    def table(self, grid: Table, read_cell) -> None:
        """A data table, its cells placed in the columns the file gives them (the toolkit's
        table model); `read_cell(markup)` reads a cell's units into self.units. A "criteria |
        self-monitoring" table becomes a scope."""
        self.tables += 1
        at = self.loc.where()
        table = f"{at}, table {self.tables}"  # named before any table nested in a cell
        self.loc.set_cell(f"table {self.tables}")  # numbered text in a cell is no paragraph point
        read: dict[int, list[m.Note]] = {}  # a cell's notes, by id(cell), read where it starts
        noted = [self._row_notes(row, read_cell, read) for row in grid.rows]
        self.loc.set_cell(None)
        columns = _scope_columns(noted[0]) if noted else None
        if columns is None:
            for r, cells in enumerate(noted, start=1):
                self._emit_row(cells, r, table)
            return
        self.units.structure(_count(noted[0]))  # the header names the columns
        self._scope(noted[1:], columns, at, table)

    def _row_notes(self, row: list[Cell], read_cell, read: dict[int, list[m.Note]]) -> _Row:
        """A row's cells as (column, notes, own); a cell spanning down from above brings the
        notes it was read into, as not its own."""
        found: _Row = []
        for cell in row:
            if cell.own:
                read[id(cell.content)] = self._cell_notes(cell.content, read_cell)
            found.append((cell.column, read.get(id(cell.content), []), cell.own))
        return found

    def _cell_notes(self, cell, read_cell) -> list[m.Note]:
        with capturing(self) as found:
            read_cell(cell)
        return found.notes

    def _emit_row(self, cells: _Row, r: int, table: str) -> None:
        for c, notes, own in cells:
            if not own:
                continue  # kept where the spanning cell starts
            where = f"{table}, row {r}, column {c}"
            for note in notes:
                self.units.note(note.text, where)

    def _scope(self, rows: list[_Row], columns: tuple[int, int], at: str, table: str) -> None:
        """Rows of a criteria table: a requirement per recognised criterion, else notes."""
        reqs = Requirements()
        for r, cells in enumerate(rows, start=2):
            if not any(own for _, _, own in cells):
                continue  # a row all of whose cells span down from above: read there
            req = self._criterion(_texts(cells), columns, at)
            if req is not None and reqs.add(req):
                self.units.structure(_count(cells))
                continue
            if req is not None:
                self.warnings.append(f"{req.where}: second criterion on '{req.prop}' kept as notes")
            self._emit_row(cells, r, table)
        if reqs.found:
            self.groups.append(self._group(at, reqs))

    def _criterion(self, texts: dict[int, str], columns: tuple[int, int], at: str):
        crit, mon = columns
        criterion, monitoring = texts.get(crit, ""), texts.get(mon, "")
        if not criterion or any(t for c, t in texts.items() if c not in (crit, mon)):
            return None
        limit = _criterion_limit(self.recogniser, criterion)
        if limit is None:
            return None
        point = ANNEX_POINT.match(criterion)
        where = f"{at}, {point.group(1)}" if point else at
        # The criterion and its self-monitoring side by side, as the curated files word it.
        text = f"Criterion: {criterion}" + (f" Self-monitoring: {monitoring}" if monitoring else "")
        return limit.requirement(text, where, (SOURCE_ID,), self.vocab)

    def _group(self, at: str, reqs: Requirements) -> m.Group:
        ident = slug(at) or "scope"
        taken = {g.id for g in self.groups}
        while ident in taken:
            ident += "-next"
        names = {self.lang: m.Name(self.heading, self.lang)} if self.heading else {}
        return m.Group(
            id=ident,
            kind=m.GroupKind.SCOPE,
            names=names,
            requirements=reqs.all(),
            where=at,
            evidence=(SOURCE_ID,),
        )

    # --- the result --------------------------------------------------------------------------

    def result(self, data: bytes, celex: str | None) -> ParseResult:
        self.close_title()
        ident = self.identity
        if not ident.designation:
            self.warnings.append("no title found: the act has no designation")
        elif not ident.recognised and not ident.published_as:  # a notice is typed as one
            self.warnings.append("act name not recognised; its first title line is kept as printed")
        effective, how = self._effective()
        celex = celex or ident.celex
        key_from_celex, celex_year = celex_key(celex)
        year = ident.year or celex_year or (ident.issued.year if ident.issued else "")
        edition = self._edition(str(year))
        key = ident.key or key_from_celex or slug(self.path.stem) or "eu-act"
        notes = [
            *self.units.notes.closed(self.warnings),
            *self.extra_notes,
            *([how] if how else []),
        ]
        kind = ident.kind or celex_kind(celex)
        standard = m.Standard(
            key=key,
            edition=edition,
            designation=ident.designation,
            kind=_KIND.get("notice" if ident.published_as else kind, m.Kind.REGULATION),
            title={self.lang: ident.subject} if ident.subject else {},
            body=ident.body,
            region=REGION,
            issued=self.published if ident.corrigendum else ident.issued,
            effective=effective,
            groups=tuple(self.groups),
            sources={SOURCE_ID: self._source(self._address_celex(celex), edition)},
            evidence=(SOURCE_ID,),
            notes=tuple(notes),
            origin=origin(
                self.path, data, self.source_format, self.parser_name, self.parser_version
            ),
        )
        return ParseResult(standard, self.units.total, self.units.structured, self.warnings)

    def _edition(self, year: str) -> str:
        """A consolidated text's date; a corrigendum's day of publication (an act's year would
        be the corrected act's); else the act's year."""
        if self.consolidated:
            return self.consolidated.isoformat()
        if self.identity.corrigendum and self.published:
            return self.published.isoformat()
        return year or "unknown"

    def _effective(self) -> tuple[date | None, m.Note | None]:
        """The date the text applies from: a consolidated text's own date (the version it
        is), else what the articles say."""
        if self.consolidated is None:
            return effective_date(self.articles, self.published)
        why = (
            f"effective date: {self.consolidated}, the date of this consolidated version (the act "
            "as amended up to then)"
        )
        return self.consolidated, m.Note(why, "Consolidated text")

    def _address_celex(self, celex: str) -> str:
        """The CELEX number of what was read: a consolidated version is 0… with its date."""
        if self.consolidated is None or not celex:
            return celex
        return f"0{celex[1:]}-{self.consolidated:%Y%m%d}"

    def _source(self, celex: str, edition: str) -> m.Evidence:
        lang = self.lang.upper()
        address = (
            f"https://eur-lex.europa.eu/legal-content/{lang}/TXT/?uri=CELEX:{celex}"
            if celex
            else f"file:{self.path.name}"
        )
        return official_source(SOURCE_ID, address, edition, self.parser_name, self.path)


_Row = list[tuple[int, list[m.Note], bool]]  # a row read: (column, its cell's notes, own)


def _texts(cells: _Row) -> dict[int, str]:
    """A row's text by column (two cells that name one column share it)."""
    texts: dict[int, str] = {}
    for c, notes, _ in cells:
        text = " ".join(n.text for n in notes)
        texts[c] = f"{texts[c]} {text}" if c in texts and text else texts.get(c) or text
    return texts


def _count(cells: _Row) -> int:
    return sum(len(notes) for _, notes, own in cells if own)


def _scope_columns(header: _Row) -> tuple[int, int] | None:
    """The criteria and self-monitoring columns (as numbered) of a table's first row."""
    found = scope_columns(dense(_texts(header)))
    return (found[0] + 1, found[1] + 1) if found else None


def scope_columns(header: list[str]) -> tuple[int, int] | None:
    """The criteria and self-monitoring columns of a header row (short cells naming them)."""
    low = [h.lower() if len(h) <= 80 else "" for h in header]
    crit = next((i for i, h in enumerate(low) if any(w in h for w in _CRITERIA)), None)
    mon = next((i for i, h in enumerate(low) if any(w in h for w in _MONITORING)), None)
    if crit is None or mon is None or crit == mon:
        return None
    return crit, mon


def _criterion_limit(recogniser: Recogniser, criterion: str) -> Limit | None:
    """A bound first, then a prohibition, then a property named in the first sentence."""
    bounds = recogniser.limits_in(criterion)
    if bounds:
        return bounds[0]
    banned = recogniser.prohibition(criterion)
    if banned:
        return banned
    body = ANNEX_POINT.sub("", criterion, count=1)
    first = re.split(r"(?<=[.;:])\s", body, maxsplit=1)[0]
    prop = recogniser.name_in(first, contaminants=False)
    return Limit(prop) if prop else None
