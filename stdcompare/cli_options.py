"""The options the commands share, said once: where the corpus is, the day, the output pair
(--format / -o, as sqlite-utils shares its output options), the language; and the few small
choices of single commands.

Each command's --format takes only the formats its answer offers (render/outputs.py): the
choice is a small enum made from the shared Format enum, so `--help` lists them and a wrong
one is a usage error before anything is loaded.
"""

from __future__ import annotations

import importlib.util
import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Annotated

import typer

from .errors import StdcompareError
from .render.interface import Format

if TYPE_CHECKING:
    from .corpus import Corpus


def _choice(name: str, *offered: Format) -> type[StrEnum]:
    return StrEnum(name, {f.value: f.value for f in offered})  # type: ignore[return-value]


def _format_option(name: str, *offered: Format, also: tuple[str, ...] = ()):
    """--format / -f (and the flags in `also`) taking one of `offered`; None when not given."""
    choice = _choice(name, *offered)
    default = "from -o's extension, else " + offered[0] if len(offered) > 1 else offered[0]
    return Annotated[
        choice | None,
        typer.Option(
            "--format",
            "-f",
            *also,
            case_sensitive=False,
            help=f"Output format (default: {default}).",
        ),
    ]


F = Format
TextJson = _format_option("TextJson", F.text, F.json)
TextJsonCsv = _format_option("TextJsonCsv", F.text, F.json, F.csv)
CompareFormats = _format_option("CompareFormats", F.text, F.html, F.json, F.md, F.csv)
DiffFormats = _format_option("DiffFormats", F.text, F.json, F.md, F.html, F.junit, F.github)
HarmoniseFormats = _format_option("HarmoniseFormats", F.text, F.json, F.md, F.html, F.toml)
RecogniseFormats = _format_option("RecogniseFormats", F.text, F.json, F.csv, F.html)
TextOnly = _format_option("TextOnly", F.text, F.md)
JsonOnly = _format_option("JsonOnly", F.json)
HtmlOnly = _format_option("HtmlOnly", F.html)
# parse's --to (json | toml) came first; it stays a name of the same option
ParseFormats = _format_option("ParseFormats", F.json, F.toml, also=("--to",))

Output = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write here; the format follows the extension."),
]
Excel = Annotated[
    bool, typer.Option("--excel", help="CSV for Excel: UTF-8 with a byte-order mark.")
]
Standards = Annotated[
    list[Path] | None,
    typer.Option(
        "--standards",
        help="Extra folder of canonical files (repeatable); STDCOMPARE_PATH is read too.",
        metavar="DIR",
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="Resolve 'key' to the edition in force on this date (YYYY-MM-DD; default today).",
        metavar="DATE",
    ),
]
Within = Annotated[
    list[str] | None,
    typer.Option("--in", help="Only these standards (repeatable).", metavar="REF"),
]


Family = Annotated[
    str | None,
    typer.Option(help="Only grades of this family (or a family below it), e.g. copper."),
]
ListFamily = Annotated[
    str | None,
    typer.Option(help="Only standards with grades of this family (or a family below it)."),
]


class Lang(StrEnum):
    en = "en"
    zh = "zh"


LangOpt = Annotated[
    Lang | None,
    typer.Option("--lang", help="Language of the answer's words (default: the locale's)."),
]


class Reference(StrEnum):
    A = "A"
    B = "B"


class FailOn(StrEnum):
    breaking = "breaking"
    warning = "warning"
    info = "info"
    never = "never"


class ParserName(StrEnum):
    auto = "auto"
    spec = "spec"
    isri = "isri"
    gbt = "gbt"
    eurlex = "eurlex"
    sts = "sts"
    formex = "formex"
    pdf = "pdf"
    sheet = "sheet"  # another body's spec sheet (parsers/specsheet.py)


class VocabularyTable(StrEnum):
    contaminants = "contaminants"
    families = "families"
    properties = "properties"
    elements = "elements"
    forms = "forms"


def lazy_module(name: str) -> ModuleType:
    """`name`, imported when an attribute of it is first read (importlib's LazyLoader)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.loader is not None, name
    spec.loader = importlib.util.LazyLoader(spec.loader)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def corpus(standards: list[Path] | None, as_of: str | None) -> Corpus:
    from .corpus import Corpus

    return Corpus.discover(extra=standards or [], as_of=day(as_of))


def day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise StdcompareError(
            f"--as-of '{text}' is not a date", "write it as YYYY-MM-DD, e.g. --as-of 2021-01-01"
        ) from None


def lang(chosen: Lang | None) -> str:
    """The language asked for, else the locale's."""
    from .language import locale_lang

    return chosen.value if chosen is not None else locale_lang()


# What a score and a verdict mean, said in the help of both commands that print them.
VERDICTS = """Each pair has a score from 0 to 1, the sum of named comparisons (names, rank,
    forms, content, limits, contaminants), each shown with why, and a verdict: equivalent (a
    high score, and every lot of each qualifies as the other as far as both are held),
    comparable (a high score without that proof), related (some kinship), none. "Best
    partners": each is the other's unique best match. The thresholds are data
    (vocabulary/matching.toml): stdcompare docs matching."""


def _version(value: bool) -> None:
    if value:
        from .version import __version__

        typer.echo(f"stdcompare {__version__}")
        raise typer.Exit()


Version = Annotated[
    bool,
    typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
]

# The options of single commands whose help is long; the command's signature names them.
ComputedOnly = Annotated[
    bool, typer.Option("--computed-only", help="Leave asserted correspondences out.")
]
ReferenceOpt = Annotated[
    Reference, typer.Option("--reference", help="Which standard is the first column.")
]
AllPairs = Annotated[
    bool,
    typer.Option("--all", help="CSV: every candidate pair, those with verdict none included."),
]  # a sheet otherwise keeps the pairs ranked related or better, and the asserted ones
FailOnOpt = Annotated[
    FailOn | None,
    typer.Option(
        "--fail-on",
        help="Exit 1 when a change at or above this level is not "
        "accepted (default: breaking, or [tool.stdcompare] fail_on).",
    ),
]
Accept = Annotated[
    Path | None,
    typer.Option(
        "--accept", help="TOML file of reviewed changes: fingerprint, reason, date.", metavar="FILE"
    ),
]
ExitZero = Annotated[
    bool,
    typer.Option(
        "--exit-zero",
        help="Report failing changes (JUnit failures, the Markdown count) but exit 0: "
        "for the report steps of a CI job whose annotation step decides.",
    ),
]
Document = Annotated[
    Path,
    typer.Argument(
        help="A document: canonical TOML, ISRI or GB/T text, EUR-Lex HTML, Formex or STS "
        "XML, or a PDF with a text layer; or a Formex package as its folder or a zip."
    ),
]
NewFile = Annotated[
    Path | None,
    typer.Option("--output", "-o", help="Write to this new file (never overwrites)."),
]
Parser = Annotated[ParserName, typer.Option(help="Which parser; auto detects by content.")]
Paths = Annotated[
    list[Path] | None, typer.Argument(help="Files or folders (default: the whole corpus).")
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="Errors only, no warnings.")]
WriteCoverage = Annotated[
    Path | None,
    typer.Option(
        "--write-coverage",
        help="Also write the coverage table into this Markdown file (between its markers).",
        metavar="FILE",
    ),
]
Lot = Annotated[Path, typer.Argument(help="A lot file (TOML or CSV: stdcompare docs lot).")]
Tolerance = Annotated[
    str,
    typer.Option(
        help="Measurement uncertainty: a value this close to a limit (in the limit's "
        "canonical unit, e.g. percentage points) cannot be judged."
    ),
]
LotFamily = Annotated[
    str | None,
    typer.Option(
        help="Only grades of this family (default: the lot's `family`, else the family of "
        "its main element: a 95 % Cu lot is checked against copper grades)."
    ),
]
Labels = Annotated[
    list[Path] | None,
    typer.Argument(help="CSV files with columns a_ref,a_code,b_ref,b_code,label."),
]
MinPrecision = Annotated[float | None, typer.Option(help="Exit 1 when precision falls below this.")]
MinRecall = Annotated[float | None, typer.Option(help="Exit 1 when recall falls below this.")]
Weights = Annotated[
    bool,
    typer.Option(
        "--weights",
        help="Print what the corpus says each level's weight should be (u; m by EM, or "
        "from the labels' positives when LABELS are given; log2 m/u) beside matching.toml's.",
    ),
]
CrossValidate = Annotated[
    bool,
    typer.Option(
        "--cross-validate",
        help="Leave one pair of standards out: precision and recall per family of the "
        "matcher and of weights fitted on the other pairs, and the data each family lacks.",
    ),
]
Grades = Annotated[
    list[str], typer.Argument(help="Two grades or more, each REF:CODE.", metavar="REF:CODE…")
]
ToToml = Annotated[
    bool,
    typer.Option(
        "--to-toml",
        help="Write a draft canonical file of one grade, the common ground (with -o FILE, "
        "or -o FILE.toml alone): validate reads it, compare, lookup and check use it "
        "(--standards DIR).",
    ),
]
DraftKey = Annotated[str, typer.Option(help="The draft's key (with --to-toml).")]
AllEditions = Annotated[
    bool, typer.Option("--all-editions", help="Every edition, not only those in force.")
]
ReportFile = Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")]
SiteFolder = Annotated[
    Path, typer.Option("--output", "-o", help="A new or empty folder (or an earlier site).")
]
BaseUrl = Annotated[
    str, typer.Option("--base-url", help="Where the site will be served (for links out).")
]
