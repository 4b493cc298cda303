"""An EU act's identity read from its printed title: its designation as the act names itself
("Regulation (EU) 2024/903", "Directive 2008/98/EC", "Verordnung (EU) Nr. 575/2013"), what
kind of act it is, its number and year, the date it was adopted, its subject and who adopted
it. English, French and German titles are read; a first line naming no act this reader knows is
kept as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .toolkit.dates import DAY, day

# The name of each kind of act as printed, and the kind it is. A prefix ("Commission",
# "Implementing") and a French suffix ("d'exécution") are read around it.
_KINDS = {
    "regulation": "regulation",
    "règlement": "regulation",
    "verordnung": "regulation",
    "durchführungsverordnung": "regulation",
    "directive": "directive",
    "richtlinie": "directive",
    "durchführungsrichtlinie": "directive",
    "decision": "decision",
    "décision": "decision",
    "beschluss": "decision",
    "durchführungsbeschluss": "decision",
    "entscheidung": "decision",
    # A framework decision (before 2009, police and judicial cooperation) is a decision.
    "framework decision": "decision",
    "décision-cadre": "decision",
    "rahmenbeschluss": "decision",
}
_WHO = (
    r"(?P<who>(?:(?:commission|council)\s+)?"
    r"(?:implementing\s+|delegated\s+|delegierte[rn]?\s+)?)"
)
_NAME = (
    r"(?P<act>" + "|".join(sorted(_KINDS, key=len, reverse=True)) + r")"
    r"(?P<suffix>\s+d'exécution|\s+délégu[ée]e?)?"
)
_NO = r"(?:(?P<no>no\.?|n°|nr\.?)\s*)?"
# "(EU) 2024/903", "(EC) No 1013/2006": the organisation in brackets before the number.
_BRACKETED = rf"\s*\((?P<org>[^()]{{1,12}})\)\s*{_NO}(?P<a>\d{{1,4}})\s*/\s*(?P<b>\d{{1,4}})"
# "2008/98/EC", "No 1386/2013/EU", "75/442/EEC": the organisation after the number.
_TRAILING = (
    r"\s+(?:(?P<no2>no\.?|n°|nr\.?)\s*)?(?P<a2>\d{1,4})\s*/\s*(?P<b2>\d{1,4})\s*/\s*"
    r"(?P<org2>[A-Za-z]{2,8}(?:,\s*[A-Za-z]{2,8})?)\b"
)
ACT_NAME = re.compile(rf"{_WHO}{_NAME}(?:{_BRACKETED}|{_TRAILING})", re.IGNORECASE)
# Pages of acts from before 2004 print some titles number first: "2000/532/EC: Commission
# Decision of 3 May 2000 …", "2002/584/JI: Rahmenbeschluss des Rates vom 13. Juni 2002 …".
_NUMBER_FIRST = re.compile(
    r"^(?P<a2>\d{2,4})\s*/\s*(?P<b2>\d{1,4})\s*/\s*(?P<org2>[A-Za-z]{2,8}(?:,\s*[A-Za-z]{2,8})?)"
    rf"\s*:\s*{_WHO}{_NAME}\b",
    re.IGNORECASE,
)
# The Official Journal printed the number of older directives and decisions on a line of its
# own at the end of the title: "COUNCIL DIRECTIVE / of 15 July 1975 / on waste / (75/442/EEC)".
_BRACKETED_NUMBER = re.compile(
    r"^\((?P<a2>\d{2,4})\s*/\s*(?P<b2>\d{1,4})\s*/\s*(?P<org2>[A-Za-z]{2,8}(?:,\s*[A-Za-z]{2,8})?)\)$"
)
_NAME_ONLY = re.compile(rf"^{_WHO}{_NAME}\b", re.IGNORECASE)
# What the Official Journal's C series publishes (notices, communications, guidelines) is no
# legal act: it is numbered by its place in the Journal, "(2020/C 22/01)", on a title line.
_C_SERIES = re.compile(r"^\((?P<year>(?:19|20)\d\d)/C\s*(?P<oj>\d{1,4}\s?[A-Z]?)/(?P<n>\d{1,3})\)$")
_TITLE_DATE = re.compile(rf"^(?:of|du|vom)\s+{DAY}", re.IGNORECASE)
_AUTHORS = re.compile(
    r"^(?:of\s+the\s+european\s+parliament\s+and\s+of\s+the\s+council|of\s+the\s+council"
    r"|of\s+the\s+commission|du\s+parlement\s+européen\s+et\s+du\s+conseil|de\s+la\s+commission"
    r"|du\s+conseil|des\s+europäischen\s+parlaments\s+und\s+des\s+rates|der\s+kommission"
    r"|des\s+rates)\b",
    re.IGNORECASE,
)
_PARLIAMENT = re.compile(r"parliament|parlement|parlament", re.IGNORECASE)
_COMMISSION = re.compile(r"commission|kommission", re.IGNORECASE)
_COUNCIL = re.compile(r"council|conseil|\brates\b", re.IGNORECASE)
_CELEX_TYPES = {"regulation": "R", "directive": "L", "decision": "D"}
# Before 2015 each kind of act was numbered on its own: Directive 2008/98/EC and Regulation (EC)
# No 98/2008 are two acts. A directive's and a decision's key say their kind, so neither takes a
# regulation's (eu-2008-98, the key the corpus gives regulations).
_KEY_PREFIX = {"regulation": "eu", "directive": "eu-dir", "decision": "eu-dec"}
_CELEX_NUMBER = re.compile(r"^[03](\d{4})([A-Z]{1,2})(\d{4})")
# A corrigendum corrects an act and is not that act: "Corrigendum to Council Regulation (EU) No
# 333/2011 …", "Rectificatif au règlement …", "Berichtigung der Verordnung …"; its CELEX number
# is the act's with "R(01)" after it.
_CORRIGENDUM = re.compile(
    r"^(?P<corr>corrigendum\s+to(?:\s+the)?|rectificatif\s+(?:au|à\s+la|à\s+l')"
    r"|berichtigung\s+(?:der|des|zur|zum|zu\s+der))\s+",
    re.IGNORECASE,
)
_CORRIGENDUM_CELEX = re.compile(r"^[03]\d{4}[A-Z]{1,2}\d{4}R\(\d{2}\)")


@dataclass
class Identity:
    """What the printed title says: designation, kind, number, date, subject, adopting body."""

    designation: str = ""
    kind: str = ""  # regulation, directive or decision, when the designation was read
    year: int | None = None
    number: int | None = None
    issued: date | None = None
    subject: str = ""
    body: str | None = None
    recognised: bool = False  # the designation was read, not just kept as printed
    corrigendum: bool = False  # a corrigendum to the act the designation names
    published_as: str = ""  # a C-series document's number in the Journal ("2020/C 22/01")

    @property
    def key(self) -> str:
        if self.published_as:  # eu-c-2020-22-01
            return "eu-c-" + "-".join(re.split(r"/C\s*|/", self.published_as.replace(" ", "")))
        if not (self.year and self.number):
            return ""
        return act_key(self.kind, self.year, self.number) + (_CORRECTS if self.corrigendum else "")

    @property
    def celex(self) -> str:
        if not (self.year and self.number) or self.corrigendum:
            return ""  # a corrigendum's own number (R(01), R(02) …) is not in its title
        return f"3{self.year}{_CELEX_TYPES.get(self.kind, 'R')}{self.number:04d}"


_CORRECTS = "-corrigendum"  # a corrigendum's key: the act's, and this


def act_key(kind: str, year: int | str, number: int | str) -> str:
    """eu-2017-2403 for a regulation, eu-dir-2008-98 for a directive, eu-dec-2000-532 for a
    decision (an act of no kind read: as a regulation)."""
    return f"{_KEY_PREFIX.get(kind, 'eu')}-{year}-{int(number)}"


def celex_key(celex: str | None) -> tuple[str, str]:
    """Key and year from a CELEX number (32008L0098, or a consolidated 02008L0098-20180705, ->
    eu-dir-2008-98), for an act whose title was not recognised."""
    found = _CELEX_NUMBER.match(celex or "")
    if not found:
        return "", ""
    key = act_key(celex_kind(celex), found.group(1), found.group(3))
    if _CORRIGENDUM_CELEX.match(celex or ""):
        key += _CORRECTS
    return key, found.group(1)


def celex_kind(celex: str | None) -> str:
    """The kind of act a CELEX number's type letter names ("" when it names none of ours)."""
    found = _CELEX_NUMBER.match(celex or "")
    letter = found.group(2) if found else ""
    return next((kind for kind, code in _CELEX_TYPES.items() if code == letter), "")


def read_title(lines: list[str]) -> tuple[Identity, list[bool]]:
    """The identity of the act from its title lines, and which lines it was read from. The
    first line names the act; one this reader does not recognise is kept as printed, so the act
    still has a designation. A title printed on one line ("Council Directive 1999/31/EC of 26
    April 1999 on the landfill of waste") reads the same as one printed on three, and so does
    one whose number stands on a line of its own at the end ("(75/442/EEC)")."""
    ident = Identity()
    used = [False] * len(lines)
    subject: list[str] = []
    for i, line in enumerate(lines):
        rest = _designation(ident, line) if i == 0 else line
        used[i] = i == 0
        if i and not ident.recognised and _numbered_apart(ident, lines[0], line):
            used[i] = True
            continue
        if i and not ident.recognised and _in_c_series(ident, line):
            used[i] = True
            continue
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


def _in_c_series(ident: Identity, line: str) -> bool:
    """A title line "(2020/C 22/01)": a notice's (or communication's) place in the Journal's
    C series, which names it with the first title line ("COMMISSION NOTICE 2020/C 22/01")."""
    found = _C_SERIES.match(line)
    if found is None or ident.published_as:
        return False
    ident.published_as = f"{found.group('year')}/C {found.group('oj').strip()}/{found.group('n')}"
    ident.year = int(found.group("year"))
    name = _words(ident.designation) if ident.designation.isupper() else ident.designation
    ident.designation = f"{name} {ident.published_as}"
    return True


def _numbered_apart(ident: Identity, first: str, line: str) -> bool:
    """A title line "(75/442/EEC)" after a first line that names a kind of act and nothing
    else ("COUNCIL DIRECTIVE"): the act's number, which completes its designation."""
    number = _BRACKETED_NUMBER.match(line)
    act = _NAME_ONLY.match(first)
    if number is None or act is None or not _bare_name(first):
        return False
    _name_with_number(ident, act, number)
    return True


def names_an_act(text: str) -> bool:
    """Whether a line starts with an act's designation ("Council Directive 1999/31/EC …",
    "2000/532/EC: Commission Decision …")."""
    return (
        ACT_NAME.match(text) is not None
        or _NUMBER_FIRST.match(text) is not None
        or _bare_name(text)
    )


def _bare_name(line: str) -> bool:
    """Whether a line names a kind of act and nothing else ("COUNCIL DIRECTIVE"): its number
    comes on the title's last line."""
    act = _NAME_ONLY.match(line)
    return act is not None and not line[act.end() :].strip(" ,")


def legacy_title_goes_on(lines: list[str], text: str) -> bool:
    """Whether a title read line by line from a page without act markup takes `text` as its
    next line ("" asks whether it awaits one): after a bare designation comes the date line,
    after a bare date line the subject, after a bare kind of act ("COUNCIL DIRECTIVE"), its date
    and subject, the number "(75/442/EEC)"; a line holding more than that ends the title."""
    if len(lines) == 3 and _bare_name(lines[0]):  # then "(75/442/EEC)", the number
        return not text or _BRACKETED_NUMBER.match(text) is not None
    if len(lines) == 1:
        if _designation(Identity(), lines[0]):
            return False
        return not text or _TITLE_DATE.match(text) is not None
    if len(lines) == 2:
        dated = _TITLE_DATE.match(lines[1])
        return dated is not None and not lines[1][dated.end() :].strip(" ,")
    return False


def _designation(ident: Identity, line: str) -> str:
    """Read the act's name and number from the start of its first title line; the rest of the
    line (its adopting body, a date, the subject) is returned without the adopting body."""
    ident.body = _body(line)
    corrects = _CORRIGENDUM.match(line)
    named = line[corrects.end() :] if corrects else line
    act = ACT_NAME.match(named) or _NUMBER_FIRST.match(named)
    if act is None:
        ident.designation = line
        return ""
    _name_with_number(ident, act, act)
    if corrects:  # "Corrigendum to Council Regulation (EU) No 333/2011"
        ident.corrigendum = True
        ident.designation = f"{' '.join(corrects.group('corr').split()).capitalize()} " + (
            ident.designation
        )
    return _AUTHORS.sub("", named[act.end() :].strip()).strip()


def _name_with_number(ident: Identity, act: re.Match, num: re.Match) -> None:
    """The designation from the act's name (`act`) and its number (`num`: the same match, or
    the line that prints the number apart)."""
    ident.kind = _KINDS[" ".join(act.group("act").lower().split())]
    name = _words(act.group("who") + act.group("act") + (act.group("suffix") or ""))
    found = num.groupdict()
    if found.get("a"):  # "(EU) 2024/903", "(EC) No 1013/2006"
        number, a, b, no = _number(found.get("no"), found["a"], found["b"])
        ident.designation = f"{name} ({found['org']}) {number}"
        no = no or len(a) < 4  # "(EEC) 1234/91" puts the year last
    else:  # "2008/98/EC", "No 1386/2013/EU", "(75/442/EEC)"
        number, a, b, no = _number(found.get("no2"), found["a2"], found["b2"])
        ident.designation = f"{name} {number}/{found['org2']}"
    # "No 333/2011" is number/year (before 2015); "2017/2403" and "2008/98/EC" are year/number.
    year, number_ = (b, a) if no else (a, b)
    ident.year = int(year) + (1900 if len(year) == 2 else 0)
    ident.number = int(number_)
    ident.recognised = True


def _number(no: str | None, a: str, b: str) -> tuple[str, str, str, bool]:
    """The number as printed ("No 333/2011", "Nr. 575/2013", "2024/903"), its two parts and
    whether a "No" came before it. "NO" in a title in capitals is printed "No"."""
    prefix = (no.capitalize() if no.isupper() else no) if no else ""
    return (f"{prefix} {a}/{b}" if prefix else f"{a}/{b}"), a, b, bool(no)


def _words(text: str) -> str:
    """An act's name in title case whatever the printed case ("COMMISSION IMPLEMENTING
    REGULATION" -> "Commission Implementing Regulation"); the French "d'exécution" and
    "délégué" stay in lower case, as the French name prints them."""
    words = []
    for word in text.split():
        low = word.lower()
        keep_low = low.startswith(("d'", "délégu"))
        words.append(low if keep_low else word[0].upper() + word[1:].lower())
    return " ".join(words)


def _body(line: str) -> str | None:
    if _PARLIAMENT.search(line):
        return "European Parliament and Council of the European Union"
    if _COMMISSION.search(line):
        return "European Commission"
    if _COUNCIL.search(line):
        return "Council of the European Union"
    return None


def _is_aside(text: str) -> bool:
    """ "(Text with EEA relevance)" and the like: kept as a note, not part of the title."""
    return text.startswith("(") and text.endswith(")")
