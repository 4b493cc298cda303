"""What the EUR-Lex HTML and Formex readers share: an EU act's identity read from its printed
title, the dates stated in its articles, where each piece of text sits ("Article 3(2)",
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
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path

from .. import model as m
from ._common import Limit, Recogniser, Requirements, Units, capturing, sha256, slug
from .base import ParseResult

REGION = "EU"
SOURCE_ID = "eurlex"

_MONTHS = {
    **dict.fromkeys(("january", "janvier", "januar"), 1),
    **dict.fromkeys(("february", "février", "fevrier", "februar"), 2),
    **dict.fromkeys(("march", "mars", "märz", "maerz"), 3),
    **dict.fromkeys(("april", "avril"), 4),
    **dict.fromkeys(("may", "mai"), 5),
    **dict.fromkeys(("june", "juin", "juni"), 6),
    **dict.fromkeys(("july", "juillet", "juli"), 7),
    **dict.fromkeys(("august", "août", "aout"), 8),
    **dict.fromkeys(("september", "septembre"), 9),
    **dict.fromkeys(("october", "octobre", "oktober"), 10),
    **dict.fromkeys(("november", "novembre"), 11),
    **dict.fromkeys(("december", "décembre", "decembre", "dezember"), 12),
}
_DAY = r"(\d{1,2})(?:er|st|nd|rd|th)?\.?\s+([^\W\d_]+)\s+(\d{4})"
_ACT = re.compile(
    r"(?P<who>(?:(?:commission|council)\s+)?(?:implementing\s+|delegated\s+)?)"
    r"(?P<act>regulation|règlement(?:\s+d'exécution|\s+délégué)?|verordnung)\s*"
    r"\((?P<org>[^()]{1,12})\)\s*(?P<no>(?:no|n°|nr)\.?\s*)?(?P<a>\d{1,4})\s*/\s*(?P<b>\d{1,4})",
    re.IGNORECASE,
)
_TITLE_DATE = re.compile(rf"^(?:of|du|vom)\s+{_DAY}", re.IGNORECASE)
_AUTHORS = re.compile(
    r"^(?:of\s+the\s+european\s+parliament\s+and\s+of\s+the\s+council|du\s+parlement\s+européen"
    r"\s+et\s+du\s+conseil|de\s+la\s+commission|du\s+conseil)\b",
    re.IGNORECASE,
)
ARTICLE = re.compile(r"^(?:article|artikel)\s+(?:\d+[a-z]?|premier|unique)$", re.IGNORECASE)
ANNEX = re.compile(r"^(?:annex|annexe|anhang)\b\s*([IVXLC]+|\d+|[A-Z])?\b", re.IGNORECASE)
DIVISION = re.compile(
    r"^(?:title|chapter|section|part|titre|chapitre|partie)\s+(?:[IVXLC]+|\d+)$", re.IGNORECASE
)
ARTICLE_PARA = re.compile(r"^(\d{1,3})\.\s")
ANNEX_POINT = re.compile(r"^(\d{1,3}(?:\.\d{1,3})*)\.?\s")
_IN_FORCE = re.compile(
    r"(?:this regulation|it)\s+shall\s+enter\s+into\s+force\s+on\s+the\s+(?:(?P<ord>\w+)\s+)?day"
    r"\s+following\s+(?:that\s+of\s+)?its\s+publication"
    r"|entre\s+en\s+vigueur\s+le\s+(?P<ord_fr>\w+)\s+jour\s+suivant\s+celui\s+de\s+sa\s+publication",
    re.IGNORECASE,
)
_IN_FORCE_ON = re.compile(
    rf"(?:this regulation|it)\s+shall\s+enter\s+into\s+force\s+on\s+{_DAY}", re.IGNORECASE
)
_APPLIES = re.compile(
    rf"(?:(?:this regulation|it)\s+shall\s+apply\s+from|(?:est\s+applicable|s'applique)\s+à"
    rf"\s+partir\s+du)\s+{_DAY}",
    re.IGNORECASE,
)
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fifth": 5, "seventh": 7, "tenth": 10,
    "fourteenth": 14, "fifteenth": 15, "twentieth": 20, "thirtieth": 30, "sixtieth": 60,
    "premier": 1, "troisième": 3, "cinquième": 5, "septième": 7, "dixième": 10,
    "quinzième": 15, "vingtième": 20, "trentième": 30, "soixantième": 60,
}  # fmt: skip
_CRITERIA = ("criteri", "kriteri")  # criteria, critères, Kriterien
_MONITORING = ("monitoring", "autocontrôle", "autocontrole", "überwachung")


def day(text: str) -> date | None:
    """The first "12 December 2017" / "1er janvier 2014" / "28.12.2017" in a text."""
    for found in re.finditer(_DAY, text):
        if found.group(2).lower() in _MONTHS:
            month = _MONTHS[found.group(2).lower()]
            return _date(int(found.group(3)), month, int(found.group(1)))
    dotted = re.search(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b", text)
    if dotted:
        return _date(int(dotted.group(3)), int(dotted.group(2)), int(dotted.group(1)))
    return None


def _date(year: int, month: int, dd: int) -> date | None:
    try:
        return date(year, month, dd)
    except ValueError:
        return None


# --- identity --------------------------------------------------------------------------------


@dataclass
class Identity:
    """What the printed title says: designation, number, date, subject, adopting body."""

    designation: str = ""
    year: int | None = None
    number: int | None = None
    issued: date | None = None
    subject: str = ""
    body: str | None = None
    recognised: bool = False  # the designation was read, not just kept as printed

    @property
    def key(self) -> str:
        return f"eu-{self.year}-{self.number}" if self.year and self.number else ""

    @property
    def celex(self) -> str:
        return f"3{self.year}R{self.number:04d}" if self.year and self.number else ""


def _celex_key(celex: str | None) -> tuple[str, str]:
    """Key and year from a CELEX number (32008L0098 -> eu-2008-98), for an act whose title
    was not recognised."""
    found = re.match(r"^3(\d{4})[A-Z]{1,2}(\d{4})", celex or "")
    if not found:
        return "", ""
    return f"eu-{found.group(1)}-{int(found.group(2))}", found.group(1)


def read_title(lines: list[str]) -> tuple[Identity, list[bool]]:
    """The identity of the act from its title lines, and which lines it was read from. The
    first line names the act; one this reader does not recognise (a directive, a decision) is
    kept as printed, so the act still has a designation."""
    ident = Identity()
    used = [False] * len(lines)
    subject: list[str] = []
    for i, line in enumerate(lines):
        rest = _designation(ident, line) if i == 0 else line
        used[i] = i == 0
        dated = _TITLE_DATE.match(rest)
        if dated and ident.issued is None:
            ident.issued = day(dated.group(0))
            rest = rest[dated.end() :].strip(" ,")
            used[i] = True
        if rest and not _is_aside(rest):
            subject.append(rest)
            used[i] = True
    ident.subject = " ".join(subject)
    if ident.year is None and ident.issued is not None:
        ident.year = ident.issued.year
    return ident, used


def _designation(ident: Identity, line: str) -> str:
    """Read the act's name and number from the start of its first title line; the rest of the
    line (a date, the subject) is returned."""
    ident.body = _body(line)
    act = _ACT.match(line)
    if act is None:
        ident.designation = line
        return ""
    who = " ".join(w.capitalize() for w in act.group("who").split())
    name = act.group("act")
    name = name[0].upper() + name[1:].lower()
    a, b = act.group("a"), act.group("b")
    number = f"No {a}/{b}" if act.group("no") else f"{a}/{b}"
    ident.designation = " ".join(
        p for p in (who, name, f"({act.group('org').upper()})", number) if p
    )
    # "No 333/2011" is number/year (before 2015); "2017/2403" is year/number.
    year, num = (b, a) if act.group("no") or len(a) < 4 else (a, b)
    ident.year = int(year) + (1900 if len(year) == 2 else 0)
    ident.number = int(num)
    ident.recognised = True
    return _AUTHORS.sub("", line[act.end() :].strip()).strip()


def _body(line: str) -> str | None:
    low = line.lower()
    if "parliament" in low or "parlement" in low:
        return "European Parliament and Council of the European Union"
    if "commission" in low:
        return "European Commission"
    if "council" in low or "conseil" in low:
        return "Council of the European Union"
    return None


def _is_aside(text: str) -> bool:
    """ "(Text with EEA relevance)" and the like: kept as a note, not part of the title."""
    return text.startswith("(") and text.endswith(")")


# --- dates in the articles -------------------------------------------------------------------


def effective_date(
    texts: list[tuple[str, str]], published: date | None
) -> tuple[date | None, m.Note | None]:
    """The date the act applies from (or else enters into force), with a note saying how it
    was found. `texts` are (where, text) of the articles; `published` is the OJ date.

    The patterns are slow to run over every paragraph of a long act, and each needs words
    that a plain substring test finds first: "apply" and "from", or "appl(icable|ique)" with
    "partir du"; "force" or "vigueur". (Under IGNORECASE these letters match only their own two
    cases, so the test on the lowered text misses no match.) The paragraphs naming "force" are
    noted on the first pass, for the second."""
    in_force: list[tuple[str, str]] = []
    for where, text in texts:
        low = text.lower()
        if "force" in low or "vigueur" in low:
            in_force.append((where, text))
        if not _may_apply(low):
            continue
        applies = _APPLIES.search(text)
        if applies:
            found = day(applies.group(0))
            if found:
                return found, m.Note(f"effective date: applies from {found}", where)
    for where, text in in_force:
        on = _IN_FORCE_ON.search(text)
        if on and day(on.group(0)):
            found = day(on.group(0))
            return found, m.Note(f"effective date: enters into force on {found}", where)
        relative = _IN_FORCE.search(text)
        if relative and published is not None:
            word = (relative.group("ord") or relative.group("ord_fr") or "first").lower()
            if word in _ORDINALS:
                found = published + timedelta(days=_ORDINALS[word])
                why = (
                    f"effective date: enters into force on {found}, {_ORDINALS[word]} days "
                    f"after publication in the Official Journal on {published}"
                )
                return found, m.Note(why, where)
    return None, None


def _may_apply(low: str) -> bool:
    """Whether a lowered paragraph holds the words every _APPLIES match holds."""
    return ("apply" in low and "from" in low) or ("appl" in low and "part" in low and "du" in low)


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

    def __init__(self, vocab, path: Path) -> None:
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

    @cached_property
    def recogniser(self) -> Recogniser:
        """Made when a criteria table needs it: most acts have none, and it costs a
        millisecond to make."""
        return Recogniser(self.vocab)

    # --- events ------------------------------------------------------------------------------

    def title_line(self, text: str) -> None:
        if self.title_done:
            self.text(text)
        else:
            self.title_lines.append(text)

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

    def annex(self, text: str) -> None:
        """An annex heading: "ANNEX", "ANNEX I", or a heading that also carries a title."""
        self.close_title()
        found = ANNEX.match(text)
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
        self.loc.move(f"{first.capitalize()} {rest}")

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

    def table(self, rows: list[list], read_cell) -> None:
        """A data table; `rows` hold cell elements and `read_cell(cell)` reads a cell's units
        into self.units. A "criteria | self-monitoring" table becomes a scope."""
        self.tables += 1
        at = self.loc.where()
        table = f"{at}, table {self.tables}"  # named before any table nested in a cell
        self.loc.set_cell(f"table {self.tables}")  # numbered text in a cell is no paragraph point
        noted = [[self._cell_notes(cell, read_cell) for cell in row] for row in rows]
        self.loc.set_cell(None)
        columns = scope_columns([_joined(n) for n in noted[0]]) if noted else None
        if columns is None:
            for r, cells in enumerate(noted, start=1):
                self._emit_row(cells, r, table)
            return
        self.units.structure(sum(len(n) for n in noted[0]))  # the header names the columns
        self._scope(noted[1:], columns, at, table)

    def _cell_notes(self, cell, read_cell) -> list[m.Note]:
        with capturing(self) as found:
            read_cell(cell)
        return found.notes

    def _emit_row(self, cells: list[list[m.Note]], r: int, table: str) -> None:
        for c, notes in enumerate(cells, start=1):
            where = f"{table}, row {r}, column {c}"
            for note in notes:
                self.units.note(note.text, where)

    def _scope(self, rows: list[list[list[m.Note]]], columns, at: str, table: str) -> None:
        """Rows of a criteria table: a requirement per recognised criterion, else notes."""
        reqs = Requirements()
        for r, cells in enumerate(rows, start=2):
            texts = [_joined(n) for n in cells]
            req = self._criterion(texts, columns, at) if len(texts) > max(columns) else None
            if req is not None and reqs.add(req):
                self.units.structure(sum(len(n) for n in cells))
                continue
            if req is not None:
                self.warnings.append(f"{req.where}: second criterion on '{req.prop}' kept as notes")
            self._emit_row(cells, r, table)
        if reqs.found:
            self.groups.append(self._group(at, reqs))

    def _criterion(self, texts: list[str], columns: tuple[int, int], at: str):
        crit, mon = columns
        criterion, monitoring = texts[crit], texts[mon]
        if not criterion or any(t for i, t in enumerate(texts) if i not in (crit, mon)):
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
        elif not ident.recognised:
            self.warnings.append("act name not recognised; its first title line is kept as printed")
        effective, how = effective_date(self.articles, self.published)
        celex = celex or ident.celex
        celex_key, celex_year = _celex_key(celex)
        year = ident.year or celex_year or (ident.issued.year if ident.issued else "")
        edition = str(year) or "unknown"
        key = ident.key or celex_key or slug(self.path.stem) or "eu-act"
        notes = [*self.units.notes.closed(self.warnings), *([how] if how else [])]
        standard = m.Standard(
            key=key,
            edition=edition,
            designation=ident.designation,
            kind=m.Kind.REGULATION,
            title={self.lang: ident.subject} if ident.subject else {},
            body=ident.body,
            region=REGION,
            issued=ident.issued,
            effective=effective,
            groups=tuple(self.groups),
            sources={SOURCE_ID: self._source(celex, edition)},
            evidence=(SOURCE_ID,),
            notes=tuple(notes),
            origin=m.Origin(
                str(self.path),
                sha256(data),
                self.source_format,
                self.parser_name,
                self.parser_version,
            ),
        )
        return ParseResult(standard, self.units.total, self.units.structured, self.warnings)

    def _source(self, celex: str, edition: str) -> m.Evidence:
        lang = self.lang.upper()
        address = (
            f"https://eur-lex.europa.eu/legal-content/{lang}/TXT/?uri=CELEX:{celex}"
            if celex
            else f"file:{self.path.name}"
        )
        return m.Evidence(
            SOURCE_ID,
            address,
            m.Tier.OFFICIAL,
            describes=edition,
            note=f"read by the {self.parser_name} parser from {self.path.name}",
        )


def _joined(notes: list[m.Note]) -> str:
    return " ".join(n.text for n in notes)


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
