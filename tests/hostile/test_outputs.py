"""Hostile text through every output: a canonical file whose titles, codes, clauses and notes
carry terminal escapes, bidi overrides, line breaks that start GitHub workflow commands,
spreadsheet formulas and Markdown. Each output must show that text, inertly.

The hostile standard is the test standard (tests/fixtures/corpus) with its fields replaced, as
a later edition, so that `compare` pairs its grades and `diff` reports its changes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import stat
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lxml_html

from stdcompare.api import report_html
from stdcompare.render import inert

from ..conftest import FIXTURES

# Everything an attacker would like to reach a terminal, a CI log, a spreadsheet or a page.
NASTY = (
    "\x1b[31mRED\x1b]0;title\x07 \u202eevil\u202c \u009b2J \u2066iso\u2069 x"
    "\n::error file=a::pwned\r\n::warning::two\u2028::notice::three\x85::debug::four"
    " | `*_[x](http://evil.invalid)_*` <b>bold</b> \\ &amp;"
)
CODE = '=HYPERLINK("http://evil.invalid")' + NASTY  # a grade code, also a formula
CLAUSE = "-2+3+cmd|' /C calc'!A0 " + NASTY  # a formula that calls a program (OWASP)
TITLE = '</script><script>alert(1)</script>"><img src=x onerror=alert(2)> ' + NASTY
# Characters no text output may carry raw: controls, bidi, line breaks inside a line.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
OLD = "test-wire@2018"


def _toml(value: str) -> str:
    """A TOML basic string: JSON's escapes (\\n, \\u001b, \\") are TOML's too."""
    return json.dumps(value)


@pytest.fixture
def hostile(tmp_path) -> Path:
    """The test standard as edition 2030, every kind of free text in it replaced."""
    text = (FIXTURES / "corpus" / "wire-spec-2018.toml").read_text(encoding="utf-8")
    replacements = {
        'edition = "2018"': 'edition = "2030"',
        'designation = "TEST WIRE SPEC 2018"': f"designation = {_toml('EVIL ' + NASTY)}",
        'title.en = "Test specification for copper wire scrap"': f"title.en = {_toml(TITLE)}",
        'notes = ["Figures are invented for tests."]': f"notes = [{_toml(NASTY)}]",
        'code = "W-2"': f"code = {_toml(CODE)}",
        'mixture_of = ["W-1", "W-2"]': f'mixture_of = ["W-1", {_toml(CODE)}]',
        'where = "Table 1"\n': f"where = {_toml(CLAUSE)}\n",
        'basis = "electrolytic assay"': f"basis = {_toml('@SUM(1) ' + NASTY)}",
        'uncertain = "one trade paper only"': f"uncertain = {_toml(NASTY)}",
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    folder = tmp_path / "hostile"
    folder.mkdir()
    path = folder / "evil-wire-2030.toml"
    path.write_text(text, encoding="utf-8")
    return path


def standards(hostile: Path) -> list[str]:
    return ["--standards", str(FIXTURES / "corpus"), "--standards", str(hostile.parent)]


def assert_inert(text: str) -> None:
    """No raw control, bidi or stray line break, and no line a CI runner reads as a command
    (GitHub's runner skips leading spaces before looking for "::")."""
    assert not RAW.search(text), repr(RAW.search(text))
    for row in text.split("\n"):
        assert not row.lstrip().startswith("::"), row


def assert_shown(text: str) -> None:
    """The hostile text is shown, escaped, not dropped: a reader sees something was there."""
    assert "\\x1b[31mRED" in text and "\\u202eevil" in text and "\\x9b2J" in text


# --- text outputs and error lines -----------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("show", "test-wire@2030"),
        ("show", "test-wire@2030", CODE),
        ("list",),
        ("lookup", "W-1", "--in", "test-wire@2030"),
        ("compare", "test-wire@2030", OLD),
        ("diff", OLD, "test-wire@2030", "--fail-on", "never"),
    ],
    ids=["show", "show-grade", "list", "lookup", "compare", "diff"],
)
def test_text_outputs_show_hostile_text_inertly(run, hostile, args):
    code, out, err = run(*args, *standards(hostile))
    assert code == 0, err
    assert_inert(out + err)
    assert_shown(out)


def test_a_field_that_would_begin_a_line_with_a_workflow_command_is_escaped(run, hostile):
    text = hostile.read_text(encoding="utf-8").replace(_toml(CODE), '"::error::pwned"')
    hostile.write_text(text, encoding="utf-8")
    code, out, err = run("show", "test-wire@2030", *standards(hostile))
    assert code == 0, err
    assert_inert(out)
    assert "\\x3a:error::pwned" in out  # the grade list puts the code first on its line


def test_an_error_line_quoting_hostile_input_stays_two_lines(run, hostile):
    code, out, err = run("show", "test-wire@2030", "W-9" + NASTY, *standards(hostile))
    lines = err.splitlines()
    assert code == 2 and out == ""
    assert len(lines) == 2, err
    assert lines[0].startswith("stdcompare: error: ") and lines[1].startswith("hint: ")
    assert_inert(err)
    assert "\\x1b[31mRED" in lines[0]


def test_an_invalid_argument_is_quoted_inertly(run):
    code, _, err = run("diff", "a", "b", "--format", "x\n::error::pwned\x1b[2J")
    assert code == 2
    assert len(err.splitlines()) == 2, err
    assert_inert(err)


# --- CSV ------------------------------------------------------------------------------------------


def csv_cells(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_cells_never_start_a_formula(run, hostile):
    code, out, err = run("compare", "test-wire@2030", OLD, "-f", "csv", *standards(hostile))
    assert code == 0, err
    assert_inert(out)
    rows = csv_cells(out)
    for row in rows:
        for value in row.values():
            number = re.fullmatch(r"[+-]?\d+(\.\d+)?", value)
            assert number or not value.startswith(("=", "+", "-", "@", "\t", "\r", "::")), value
    codes = {row["a_code"] for row in rows}
    assert "'" + inert.line(CODE) in codes  # quoted, whole, on one line
    where = {row["a_where"] for row in rows if row["a_where"]}
    assert any(w.startswith("'-2+3+cmd|") for w in where)
    assert {row["caveat"] for row in rows if "@SUM" in row["caveat"]}  # mid-cell: as it is


def test_lookup_csv_is_inert_too(run, hostile):
    code, out, err = run(
        "lookup", "W-1", "--in", "test-wire@2030", "-f", "csv", "--all", *standards(hostile)
    )
    assert code == 0, err
    assert_inert(out)
    assert "'" + inert.line(CODE) in {row["b_code"] for row in csv_cells(out)}


@pytest.mark.parametrize(
    "cell, written",
    [
        ("-0.5", "-0.5"),  # a number stays a number: it must sort and sum
        ("+3", "+3"),
        ("1e-3", "1e-3"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "' =1+1"),
        ("\r=1+1", "' =1+1"),
        ("  =1+1", "'  =1+1"),
        ("-", "'-"),
        ("::error::x", "'::error::x"),
        ("RCu-1A", "RCu-1A"),
        ("≥ 94 %", "≥ 94 %"),
    ],
)
def test_csv_cell(cell, written):
    assert inert.csv_cell(cell) == written


# --- Markdown -------------------------------------------------------------------------------------


def rendered_markdown(text: str):
    from markdown_it import MarkdownIt

    page = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)
    return lxml_html.fragment_fromstring(page, create_parent="div")


def test_markdown_cells_are_text_not_markup(run, hostile):
    code, out, err = run("compare", "test-wire@2030", OLD, "-f", "md", *standards(hostile))
    assert code == 0, err
    assert_inert(out)
    page = rendered_markdown(out)
    for table in page.iter("table"):
        width = len(table.find("thead/tr"))
        assert all(len(row) == width for row in table.iter("tr")), "a | split a cell"
    # the hostile link, bold, code and emphasis are text; only our own footer is emphasis
    assert not page.xpath("//a | //b | //strong | //code | //del | //img | //script")
    assert [e.text_content() for e in page.iter("em")] == [
        "A transcription with sources; no substitute for the official text."
    ]
    heading = page.find("h2").text_content()
    assert "[x](http://evil.invalid)" in heading and "<b>bold</b>" in heading
    assert "\\x1b[31mRED" in heading


def test_diff_markdown_escapes_its_heading_and_cells(run, hostile):
    code, out, err = run(
        "diff", OLD, "test-wire@2030", "-f", "md", "--fail-on", "never", *standards(hostile)
    )
    assert code == 0, err
    assert_inert(out)
    page = rendered_markdown(out)
    assert not page.xpath("//a | //b | //img | //script | //del")
    width = len(page.find("table/thead/tr"))
    assert all(len(row) == width for row in page.iter("tr"))
    assert "<b>bold</b>" in page.find("h3").text_content()


@pytest.mark.parametrize(
    "cell, written",
    [
        ("metal_recovery", "metal_recovery"),  # inside a word: no emphasis, left as it is
        ("RCu-1B ~ isri@2024:Berry", "RCu-1B ~ isri@2024:Berry"),
        ("< 0.5 %", "< 0.5 %"),
        ("a | b", "a \\| b"),
        ("_x_ ~~y~~", "\\_x\\_ \\~\\~y\\~\\~"),
        ("<b>", "\\<b\\>"),
        ("[l](u) `c` *s* \\", "\\[l\\](u) \\`c\\` \\*s\\* \\\\"),
        ("&amp;", "\\&amp;"),
        ("one\ntwo\r\nthree", "one two three"),
        (None, ""),
    ],
)
def test_md_cell(cell, written):
    assert inert.md_cell(cell) == written


# --- JSON, JUnit, GitHub annotations --------------------------------------------------------------


def test_json_escapes_what_a_terminal_acts_on_and_keeps_the_data(run, hostile):
    code, out, err = run("compare", "test-wire@2030", OLD, "-f", "json", *standards(hostile))
    assert code == 0, err
    assert_inert(out)
    data = json.loads(out)
    assert data["a"]["designation"] == "EVIL " + NASTY  # JSON escapes: nothing lost
    assert CODE in {p["a"]["code"] for p in data["pairs"]}


def test_junit_is_well_formed_xml(run, hostile):
    code, out, err = run(
        "diff", OLD, "test-wire@2030", "-f", "junit", "--fail-on", "info", *standards(hostile)
    )
    assert code == 1, err  # changes at or above info fail: failure elements with messages
    suite = etree.fromstring(out.encode("utf-8"))  # raises on a character XML 1.0 forbids
    cases = suite.findall(".//testcase")
    assert cases and suite.findall(".//failure")
    messages = " ".join(f.get("message") for f in suite.iter("failure"))
    assert "\\x1b[31mRED" in messages  # the new code, shown


def test_github_annotations_are_one_command_a_line(run, hostile):
    code, out, err = run(
        "diff", OLD, "test-wire@2030", "-f", "github", "--fail-on", "never", *standards(hostile)
    )
    assert code == 0, err
    assert not RAW.search(out) and "\r" not in out
    rows = out.splitlines()
    data = json.loads(
        run("diff", OLD, "test-wire@2030", "-f", "json", "--fail-on", "never", *standards(hostile))[
            1
        ]
    )
    assert len(rows) == len(data["changes"])
    pattern = r"::(error|warning|notice) file=[^:,]*(,line=\d+)?,title=[^:,]*::"
    assert all(re.match(pattern, r) for r in rows)
    # a line break in a message is GitHub's own %0A, which shows it inside the annotation
    assert any("%0A::error file=a::pwned%0D%0A::warning" in r for r in rows)


# --- HTML -----------------------------------------------------------------------------------------


def assert_no_markup_from_the_source(page) -> None:
    assert len(page.findall(".//script")) == 1  # our own filter script, nothing more
    assert not page.findall(".//img") and not page.findall(".//b")
    assert not [a for e in page.iter() for a in e.attrib if a.startswith("on")]


def test_html_report_escapes_a_title_that_closes_the_script(hostile):
    from stdcompare.corpus import Corpus

    corpus = Corpus.discover(extra=[FIXTURES / "corpus", hostile.parent], bundled=False)
    page = lxml_html.fromstring(report_html(corpus=corpus, all_editions=True))
    assert_no_markup_from_the_source(page)
    assert TITLE.split(" ")[0] in page.text_content()  # "</script><script>alert(1)…" as text


def test_html_comparison_escapes_designations_and_codes(run, hostile, tmp_path):
    out_file = tmp_path / "page.html"
    code, _, err = run("compare", "test-wire@2030", OLD, "-o", str(out_file), *standards(hostile))
    assert code == 0, err
    page = lxml_html.fromstring(out_file.read_text(encoding="utf-8"))
    assert_no_markup_from_the_source(page)
    assert "<b>bold</b>" in page.find(".//h1").text_content()


# --- -o: what the output file is ------------------------------------------------------------------

COMPARE = ("compare", "test-wire@2018", "test-wire@2021", "--standards", str(FIXTURES / "corpus"))


def written(run, target, fmt: str = "json") -> str:
    """`compare … -f json -o target`: exit 0 and the note on stderr; returns the JSON."""
    code, out, err = run(*COMPARE, "-f", fmt, "-o", str(target))
    assert code == 0, err
    assert out == "" and err == f"wrote {target}\n"
    return err


def expected_json(run) -> str:
    code, out, err = run(*COMPARE, "-f", "json")
    assert code == 0, err
    return out


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".")]


def test_o_writes_through_a_symlink(run, tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old\n")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    written(run, link)
    assert link.is_symlink() and link.readlink() == real
    assert real.read_text() == expected_json(run)
    assert leftovers(tmp_path) == []


def test_o_through_a_dangling_symlink_creates_its_target(run, tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "later.json")
    written(run, link)
    assert link.is_symlink() and (tmp_path / "later.json").read_text() == expected_json(run)


def test_o_keeps_a_private_file_private(run, tmp_path):
    private = tmp_path / "private.json"
    private.write_text("old\n")
    private.chmod(0o600)
    written(run, private)
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text() == expected_json(run)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file away")
def test_o_keeps_the_owner_of_a_file_it_replaces(run, tmp_path):
    shared = tmp_path / "shared.json"
    shared.write_text("old\n")
    os.chown(shared, 4321, 4321)
    shared.chmod(0o640)
    written(run, shared)
    info = shared.stat()
    assert (info.st_uid, info.st_gid, stat.S_IMODE(info.st_mode)) == (4321, 4321, 0o640)


def test_o_gives_a_new_file_the_umask_mode(run, tmp_path):
    old = os.umask(0o027)
    try:
        written(run, tmp_path / "new.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o640


def _is_char_device(path: str) -> bool:
    return stat.S_ISCHR(os.lstat(path).st_mode)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a device node")
def test_o_onto_a_device_writes_to_it_and_leaves_it_a_device(run, tmp_path):
    # First a private copy of /dev/null: if it were replaced by a file, the real one is spared.
    clone = tmp_path / "null"
    os.mknod(clone, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    written(run, clone)
    assert _is_char_device(str(clone)), "the device node was replaced by a file"


def test_o_dev_null_stays_a_char_device(run):
    assert _is_char_device("/dev/null")
    try:
        written(run, Path("/dev/null"))
    finally:
        if os.geteuid() == 0 and not _is_char_device("/dev/null"):  # repair what a bug broke
            os.unlink("/dev/null")
            os.mknod("/dev/null", stat.S_IFCHR | 0o666, os.makedev(1, 3))
            os.chmod("/dev/null", 0o666)
    assert _is_char_device("/dev/null")


def test_o_onto_a_fifo_writes_to_the_reader(run, tmp_path):
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    written(run, fifo)
    reader.join(timeout=30)
    assert not reader.is_alive()
    assert got[0].decode("utf-8") == expected_json(run)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize(
    "where, reason",
    [
        ("missing/folder/out.json", "does not exist"),
        ("a-file/out.json", "Not a directory"),
        (".", "it is a folder"),
        ("/sys/stdcompare-out.json", "Permission denied"),
    ],
    ids=["missing-folder", "through-a-file", "a-folder", "unwritable"],
)
def test_o_that_cannot_be_written_is_one_error_line(run, tmp_path, where, reason):
    (tmp_path / "a-file").write_text("")
    target = where if where.startswith("/") else str(tmp_path / where)
    code, out, err = run(*COMPARE, "-f", "json", "-o", target)
    lines = err.splitlines()
    assert code == 2 and out == ""
    assert len(lines) == 2, err
    assert lines[0].startswith("stdcompare: error: cannot write ") and reason in lines[0]
    assert lines[1].startswith("hint: ")


# --- ids of the HTML pages ----------------------------------------------------------------------

# Codes whose ids were empty (Chinese), that read the same once punctuation goes ("W 1", "W-1",
# "w_1"), or that have no letter at all ("!!!", "???").
CODES = ["铜线一号", "铜线二号", "W 1", "W-1", "w_1", "!!!", "???"]


@pytest.fixture
def cjk(tmp_path) -> Path:
    """A second wire standard, its grades coded as above, each a copy of the test's W-2."""
    text = (FIXTURES / "corpus" / "wire-spec-2018.toml").read_text(encoding="utf-8")
    head, _, rest = text.partition("[[grades]]")
    w2 = "[[grades]]" + rest.split("[[grades]]")[1]
    assert w2.startswith('[[grades]]\ncode = "W-2"')
    head = head.replace('key = "test-wire"', 'key = "cjk-wire"')
    grades = [w2.replace('code = "W-2"', f"code = {_toml(code)}") for code in CODES]
    folder = tmp_path / "cjk"
    folder.mkdir()
    (folder / "cjk-wire-2018.toml").write_text(head + "".join(grades), encoding="utf-8")
    return folder


def assert_ids_unique_and_linked(page) -> list[str]:
    ids = [e.get("id") for e in page.iter() if e.get("id") is not None]
    assert all(i.strip() and i == i.strip() for i in ids), "an empty id"
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    links = [a.get("href")[1:] for a in page.iter("a") if a.get("href", "").startswith("#")]
    assert links and set(links) <= set(ids)  # every link inside the page has its target
    return ids


def test_report_ids_are_unique_and_never_empty(cjk):
    from stdcompare.corpus import Corpus

    corpus = Corpus.discover(extra=[FIXTURES / "corpus", cjk], bundled=False)
    text = report_html(corpus=corpus, all_editions=True)
    ids = assert_ids_unique_and_linked(lxml_html.fromstring(text))
    assert "cjk-wire-2018--铜线一号" in ids and "cjk-wire-2018--铜线二号" in ids
    assert {"cjk-wire-2018--w-1", "cjk-wire-2018--w-1-2", "cjk-wire-2018--w-1-3"} <= set(ids)
    assert report_html(corpus=corpus, all_editions=True) == text  # the same ids every time


def test_comparison_page_ids_are_unique_and_never_empty(run, cjk, tmp_path):
    target = tmp_path / "cmp.html"
    code, _, err = run(
        "compare", "cjk-wire@2018", "test-wire@2018", "-o", str(target),
        "--standards", str(FIXTURES / "corpus"), "--standards", str(cjk),
    )  # fmt: skip
    assert code == 0, err
    ids = assert_ids_unique_and_linked(lxml_html.fromstring(target.read_text(encoding="utf-8")))
    assert any("铜线一号" in i for i in ids)


# --- every error line has its hint --------------------------------------------------------------

WIRE = ["--standards", str(FIXTURES / "corpus")]
LOT = FIXTURES / "lots" / "wire-lot.toml"
ACCEPT = 'accept = [{ fingerprint = "678d28d331a152a6", date = 2024-05-01 }]\n'  # no reason


def _file(folder: Path, name: str, content: str | bytes) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return str(path)


def _settings(folder: Path, table: str) -> None:
    _file(folder, "pyproject.toml", f"[tool.stdcompare]\n{table}\n")


DIFF = ("diff", "test-wire@2018", "test-wire@2021", *WIRE)
# Each: what to set up in a fresh folder (the working directory), the command, the error.
ERRORS = {
    "lot-missing": (lambda d: None, lambda d: ("check", str(d / "no.toml")), "cannot read lot"),
    "lot-too-large": (
        lambda d: _file(d, "big.toml", "# " + "x" * (1 << 20)),
        lambda d: ("check", str(d / "big.toml")),
        "larger than 1 MiB",
    ),
    "lot-not-utf8": (
        lambda d: _file(d, "lot.csv", b"key,value\nCu,99\xff\n"),
        lambda d: ("check", str(d / "lot.csv")),
        "not UTF-8",
    ),
    "lot-bad-date": (
        lambda d: _file(d, "lot.csv", "key,value\nas_of,yesterday\n"),
        lambda d: ("check", str(d / "lot.csv")),
        "is not a date",
    ),
    "lot-nan": (
        lambda d: _file(d, "lot.toml", "[assay]\nCu = nan\n"),
        lambda d: ("check", str(d / "lot.toml")),
        "not a number a lot can measure",
    ),
    "accept-missing": (lambda d: None, lambda d: (*DIFF, "--accept", "no.toml"), "not found"),
    "accept-no-reason": (
        lambda d: _file(d, "accept.toml", ACCEPT),
        lambda d: (*DIFF, "--accept", "accept.toml"),
        "needs fingerprint, reason and date",
    ),
    "settings-unreadable": (
        lambda d: _file(d, "pyproject.toml", "[tool.stdcompare\n"),
        lambda d: DIFF,
        "cannot read settings",
    ),
    "settings-fail-on": (
        lambda d: _settings(d, 'fail_on = "sometimes"'),
        lambda d: DIFF,
        "is not a level",
    ),
    "settings-level": (
        lambda d: _settings(d, '[tool.stdcompare.diff.levels]\n"grade.renamed" = "loud"'),
        lambda d: DIFF,
        "is not a level",
    ),
    "labels-missing": (lambda d: None, lambda d: ("evaluate", "no.csv"), "cannot read labels"),
    "labels-bad-row": (
        lambda d: _file(d, "labels.csv", "a_ref,a_code,b_ref,b_code,label\nx,y,z,w,maybe\n"),
        lambda d: ("evaluate", "labels.csv", *WIRE),
        "a row needs",
    ),
    "labels-not-utf8": (
        lambda d: _file(d, "labels.csv", b"a_ref\xff\n"),
        lambda d: ("evaluate", "labels.csv"),
        "not UTF-8",
    ),
    "correspondence-status": (
        lambda d: _file(
            d,
            "std/correspondences/c.toml",
            '[[correspondences]]\na = "test-wire@2018:W-1"\nb = "test-wire@2018:W-2"\n'
            'status = "rumoured"\nsource = "https://example.invalid"\n',
        ),
        lambda d: ("lookup", "W-1", *WIRE, "--standards", str(d / "std")),
        "bad status",
    ),
    "correspondence-source": (
        lambda d: _file(
            d,
            "std/correspondences/c.toml",
            '[[correspondences]]\na = "test-wire@2018:W-1"\nb = "test-wire@2018:W-2"\n',
        ),
        lambda d: ("lookup", "W-1", *WIRE, "--standards", str(d / "std")),
        "needs its source",
    ),
    "canonical-unreadable": (  # a dangling link in a folder of canonical files
        lambda d: (d / "std").mkdir() or (d / "std" / "x.toml").symlink_to(d / "gone.toml"),
        lambda d: ("list", "--standards", str(d / "std")),
        "cannot read file",
    ),
    "canonical-problem-without-own-hint": (
        lambda d: _file(
            d,
            "std/x.toml",
            (FIXTURES / "corpus" / "wire-spec-2018.toml")
            .read_text(encoding="utf-8")
            .replace('code = "W-2"\n', ""),
        ),
        lambda d: ("show", str(d / "std" / "x.toml")),
        "needs a 'code'",
    ),
}


@pytest.mark.parametrize("case", ERRORS)
def test_every_error_is_one_line_and_a_hint(run, tmp_path, monkeypatch, case):
    setup, command, reason = ERRORS[case]
    monkeypatch.chdir(tmp_path)
    setup(tmp_path)
    code, out, err = run(*command(tmp_path))
    lines = err.splitlines()
    assert code == 2 and out == "", err
    assert len(lines) == 2, err
    assert lines[0].startswith("stdcompare: error: ") and reason in lines[0], err
    assert lines[1].startswith("hint: ") and len(lines[1]) > len("hint: ") + 10, err


def test_html_harmonise_never_links_a_script_address(run, tmp_path):
    """A source's address is a link only if it is a web address: 'javascript:' stays text (the
    harmonise page linked any address as it was written)."""
    text = (FIXTURES / "corpus" / "wire-spec-2018.toml").read_text(encoding="utf-8")
    web = 'address = "https://example.invalid/test-wire-2018"'
    assert web in text
    folder = tmp_path / "evil"
    folder.mkdir()
    text = text.replace(web, 'address = "javascript:alert(document.domain)"')
    (folder / "evil.toml").write_text(text.replace('edition = "2018"', 'edition = "2030"'))
    out_file = tmp_path / "h.html"
    args = ("harmonise", "test-wire@2030:W-1", "test-wire@2018:W-1", "-o", str(out_file))
    code, _, err = run(*args, "--standards", str(FIXTURES / "corpus"), "--standards", str(folder))
    assert code == 0, err
    page = lxml_html.fromstring(out_file.read_text(encoding="utf-8"))
    links = [a.get("href") for a in page.iter("a")]
    assert any(h.startswith("https://") for h in links)  # the other edition's sources link
    assert not [h for h in links if not h.startswith(("https://", "http://", "#"))]
