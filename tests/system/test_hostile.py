"""Hostile documents through `stdcompare parse`: each is refused with exit 2, one error line and
a hint (no traceback, nothing of the file echoed), or parsed correctly with exit 0.

Every document is generated here, into tmp_path; nothing large is kept in the repository. The
50 MB documents run in subprocesses, so their time and peak memory are the parse's own.
"""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from stdcompare.quantities import parse_bound

from ..conftest import FIXTURES, REPO

DOCS = FIXTURES / "docs"
SECRET = "stdcompare-secret-7f3a9c"  # in a file an attack tries to pull into the output
MARK = "LEAKMARK"  # in every refused document: the error must not echo the file
STS_META = (
    '<front><std-meta><std-ref type="dated">XS 4471-2:2099</std-ref>'
    '<title-wrap xml:lang="en"><main>Copper scrap</main></title-wrap></std-meta></front>'
)
EU_TITLE = '<p class="oj-doc-ti">COMMISSION REGULATION (EU) 2017/2403</p>'


# --- the contract ---------------------------------------------------------------------------------


def refused(result, reason: str = "") -> str:
    """Exit 2 with exactly one error line and one hint line; returns the error line."""
    code, out, err = result
    lines = err.splitlines()
    assert code == 2, err
    assert out == ""
    assert len(lines) == 2, err
    assert lines[0].startswith("stdcompare: error: ") and lines[1].startswith("hint: "), err
    assert reason in lines[0]
    assert MARK not in err and SECRET not in err
    return lines[0]


def parsed(result) -> dict:
    """Exit 0, the JSON of the standard on stdout; no secret anywhere."""
    code, out, err = result
    assert code == 0, err
    assert "Traceback" not in err and SECRET not in out + err
    return json.loads(out)


def reqs(item: dict) -> dict[str, tuple]:
    return {r["prop"]: (r["lo"], r["hi"], r["unit"]) for r in item["requirements"]}


def grade(data: dict, code: str) -> dict:
    return next(g for g in data["grades"] if g["code"] == code)


def write(tmp_path: Path, name: str, data: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n")
    return path


# --- external entities, DTDs, XInclude ------------------------------------------------------------


def sts_with_doctype(subset: str, body: str = "<p>&x;</p>") -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE standard [{subset}]>\n'
        f"<standard>{STS_META}<body><!-- {MARK} -->{body}</body></standard>"
    )


XXE = {
    "file": lambda s: f'<!ENTITY x SYSTEM "file://{s}">',
    "url": lambda s: '<!ENTITY x SYSTEM "http://127.0.0.1:9/stdcompare">',
    "parameter": lambda s: f'<!ENTITY % p SYSTEM "file://{s}"> %p;',
    "behind-a-comment": lambda s: f'<!-- ]> --><!ENTITY x SYSTEM "file://{s}">',
    "behind-a-literal": lambda s: f'<!ATTLIST p a CDATA "]>"><!ENTITY x SYSTEM "file://{s}">',
}


@pytest.mark.parametrize("kind", XXE)
@pytest.mark.parametrize("parser", ["auto", "sts", "formex"])
def test_external_entities_are_refused(run, tmp_path, secret, kind, parser):
    path = write(tmp_path, "xxe.xml", sts_with_doctype(XXE[kind](secret)))
    refused(run("parse", path, "--parser", parser), "declares entities")


def formex_act_with_doctype(subset: str) -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE ACT [{subset}]>\n'
        f"<ACT><!-- {MARK} --><TITLE><TI><P>Regulation (EU) 2099/1</P></TI></TITLE><P>&x;</P></ACT>"
    )


@pytest.mark.parametrize("kind", XXE)
@pytest.mark.parametrize("given", ["folder", "zip"])
def test_external_entities_in_a_formex_package_part_are_refused(run, tmp_path, secret, kind, given):
    package = tmp_path / "package"
    package.mkdir()
    part = formex_act_with_doctype(XXE[kind](secret)).encode()
    if given == "folder":
        (package / "act.xml").write_bytes(part)
        target = str(package)
    else:
        target = str(tmp_path / "package.zip")
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("act.xml", part)
    refused(run("parse", target), "declares entities")


def test_external_entity_in_html_is_refused(run, tmp_path, secret):
    page = (
        f'<!DOCTYPE html [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        f"<html><body>{EU_TITLE}<p>{MARK} &x;</p></body></html>"
    )
    refused(run("parse", write(tmp_path, "xxe.html", page)), "declares entities")


def test_a_commented_out_doctype_does_not_hide_the_real_one(run, tmp_path, secret):
    doc = sts_with_doctype(XXE["file"](secret)).replace(
        "<!DOCTYPE", "<!-- <!DOCTYPE x> -->\n<!DOCTYPE"
    )
    refused(run("parse", write(tmp_path, "xxe.xml", doc), "--parser", "sts"), "declares entities")


def test_entities_declared_in_utf16_are_refused(run, tmp_path, secret):
    doc = sts_with_doctype(XXE["file"](secret)).replace('"1.0"?>', '"1.0" encoding="UTF-16"?>')
    path = write(tmp_path, "xxe16.xml", doc.encode("utf-16"))
    refused(run("parse", path, "--parser", "sts"), "declares entities")


def test_an_external_dtd_is_never_loaded(run, tmp_path, secret):
    doc = (
        f'<?xml version="1.0"?>\n<!DOCTYPE standard SYSTEM "file://{secret}">\n'
        f"<standard>{STS_META}<body><p>Scope.</p></body></standard>"
    )
    data = parsed(run("parse", write(tmp_path, "dtd.xml", doc)))
    assert data["designation"] == "XS 4471-2:2099"


def test_xinclude_is_never_processed(run, tmp_path, secret):
    doc = (
        f'<standard xmlns:xi="http://www.w3.org/2001/XInclude">{STS_META}<body>'
        f'<p><xi:include href="file://{secret}" parse="text"/></p></body></standard>'
    )
    data = parsed(run("parse", write(tmp_path, "xi.xml", doc)))
    assert data["designation"] == "XS 4471-2:2099"


# --- entity expansion -----------------------------------------------------------------------------


def billion_laughs() -> str:
    levels = ['<!ENTITY lol0 "lol">']
    levels += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return sts_with_doctype("".join(levels), "<p>&lol9;</p>")


def quadratic(value_size: int, uses: int) -> str:
    return sts_with_doctype(f'<!ENTITY a "{"A" * value_size}">', "<p>" + "&a;" * uses + "</p>")


@pytest.mark.parametrize(
    "doc",
    [
        pytest.param(billion_laughs, id="billion-laughs"),
        pytest.param(lambda: quadratic(100_000, 100_000), id="quadratic-10GB"),
        pytest.param(lambda: quadratic(2_000_000, 1_000), id="subset-over-1MB"),
    ],
)
def test_entity_expansion_is_refused(run, tmp_path, doc):
    path = write(tmp_path, "bomb.xml", doc())
    refused(run("parse", path, "--parser", "sts"), "declares entities")


def test_plain_internal_entities_are_written_out_where_they_are_used(run, tmp_path):
    """<!ENTITY x "…"> of plain text (as ISO STS files declare) is written out in text and in
    attributes, not inside comments or CDATA; a quote in the value cannot break an attribute."""
    doc = sts_with_doctype(
        """<!ENTITY x 'cell "text"'>""",
        '<p>Copper: &x;.</p><p><named-content content-type="&x;">a</named-content></p>'
        "<p><![CDATA[kept: &x;]]></p>",
    )
    data = parsed(run("parse", write(tmp_path, "plain.xml", doc), "--parser", "sts"))
    text = json.dumps(data, ensure_ascii=False)
    assert 'Copper: cell \\"text\\".' in text  # written out, as JSON escapes it
    assert "kept: &x;" in text  # CDATA is not markup: no reference there


def test_an_entity_whose_value_holds_a_reference_is_refused(run, tmp_path):
    doc = sts_with_doctype('<!ENTITY y "plain"><!ENTITY x "a &y; b">')
    refused(run("parse", write(tmp_path, "nested.xml", doc), "--parser", "sts"), "plain text")


def test_lines_still_count_right_after_entities_are_written_out(run, tmp_path):
    subset = '\n<!ENTITY x\n "one">\n<!ENTITY z\n\n "two">\n'  # declarations over lines
    doc = sts_with_doctype(subset, "<p>&x; &z;</p><p>")
    code, _, err = run("parse", write(tmp_path, "broken.xml", doc), "--parser", "sts")
    assert code == 2 and "not well formed" in err
    assert f"broken.xml:{doc.count(chr(10)) + 1}:" in err  # the last line, where it breaks


@pytest.mark.parametrize("parser", ["formex", "eurlex"])
def test_entity_expansion_is_refused_by_every_markup_parser(run, tmp_path, parser):
    path = write(tmp_path, "bomb.xml", billion_laughs())
    refused(run("parse", path, "--parser", parser), "declares entities")


# --- size and depth limits ------------------------------------------------------------------------


def sts(body: str) -> str:
    return f"<standard>{STS_META}<body>{body}</body></standard>"


def eurlex(body: str) -> str:
    return f"<html><head><title>EUR-Lex</title></head><body>{EU_TITLE}{body}</body></html>"


HUGE = 12_000_000  # over libxml2's 10 MB for one text node or attribute


@pytest.mark.parametrize(
    ("name", "doc", "parser"),
    [
        ("attribute.xml", lambda: sts(f'<p title="{MARK * (HUGE // 8)}">x</p>'), "sts"),
        ("text.xml", lambda: sts(f"<p>{MARK * (HUGE // 8)}</p>"), "sts"),
        ("comment.xml", lambda: sts(f"<!-- {MARK * (HUGE // 8)} --><p>x</p>"), "sts"),
        ("text.html", lambda: eurlex(f"<p>{MARK * (HUGE // 8)}</p>"), "eurlex"),
        ("attribute.html", lambda: eurlex(f'<p title="{MARK * (HUGE // 8)}">x</p>'), "eurlex"),
    ],
)
def test_one_huge_node_is_refused(run, tmp_path, name, doc, parser):
    path = write(tmp_path, name, doc())
    refused(run("parse", path, "--parser", parser), "safety limit")


DEEP = 100_000


@pytest.mark.parametrize(
    ("name", "doc", "parser"),
    [
        ("deep.xml", lambda: sts("<sec>" * DEEP + MARK + "</sec>" * DEEP), "sts"),
        (
            "deep-formex.xml",
            lambda: "<ACT>" + "<P>" * DEEP + MARK + "</P>" * DEEP + "</ACT>",
            "formex",
        ),
        ("deep.html", lambda: eurlex("<div>" * DEEP + MARK + "</div>" * DEEP), "eurlex"),
    ],
)
def test_deep_nesting_is_refused(run, tmp_path, name, doc, parser):
    # The HTML reader used to drop everything past depth 256 silently and report success.
    path = write(tmp_path, name, doc())
    refused(run("parse", path, "--parser", parser), "safety limit")


def test_nesting_within_the_limits_is_read(run, tmp_path):
    body = (
        "<sec>" * 200 + "<p>Foreign materials shall not exceed 2 % of the lot.</p>" + "</sec>" * 200
    )
    data = parsed(run("parse", write(tmp_path, "deep-ok.xml", sts(body))))
    assert reqs(data)["foreign_material"] == (None, "2", "%")


def test_deeply_nested_toml_is_refused(run, tmp_path):
    # tomllib reads arrays by recursion: 100 000 brackets were a RecursionError traceback.
    doc = "key = 'x'\nedition = '1'\nx = " + "[" * DEEP + "]" * DEEP + "\n"
    refused(run("parse", write(tmp_path, "deep.toml", doc)), "nested too deeply")


def test_a_toml_integer_too_long_for_int_is_refused(run, tmp_path):
    # int() refuses more than 4300 digits with a ValueError that tomllib let through.
    doc = "key = 'x'\nedition = '1'\nx = " + "9" * 5000 + "\n"
    refused(run("parse", write(tmp_path, "bigint.toml", doc)), "integer too long")


def test_a_number_of_a_million_digits_is_no_limit(run, tmp_path):
    # Its SI conversion overflowed Decimal's exponent range: a traceback, before.
    body = f"<p>Copper content not less than {'9' * 1_000_000} %.</p><p>Tin content max. 2 %.</p>"
    data = parsed(run("parse", write(tmp_path, "bignum.xml", sts(body))))
    assert "content.Cu" not in reqs(data) and reqs(data)["content.Sn"] == (None, "2", "%")


LONG_NAMES = {  # name: (document, parser)
    "tag.xml": (sts(f"<{'A' * 5000}></B>"), "sts"),
    "root.xml": (f"<{'A' * 5000}/>", "sts"),
    "root-formex.xml": (f"<{'A' * 5000}/>", "formex"),
    "value.toml": (f"format = 1\nkey = 'x'\nedition = '1'\nkind = '{'k' * 100_000}'\n", "spec"),
    "key.toml": (f"format = 1\nkey = 'x'\nedition = '1'\n{'k' * 100_000} = 1\n", "spec"),
}


@pytest.mark.parametrize("name", LONG_NAMES)
def test_errors_quote_the_document_briefly(run, tmp_path, name):
    # lxml's message quoted a mismatched tag whole, the canonical reader a value or key whole.
    doc, parser = LONG_NAMES[name]
    error = refused(run("parse", write(tmp_path, name, doc), "--parser", parser))
    assert len(error.replace(str(tmp_path), "")) < 400


ISRI_HEAD = (
    "8   SCRAP SPECIFICATIONS CIRCULAR 2022   Guidelines for Nonferrous Scrap\n\nRed Metals\n\n"
)
GBT_HEAD = "中华人民共和国国家标准\nGB/T 38471—2019\n再生铜原料\n\n5 要求\n"


# Each took from ten seconds to minutes before (a quadratic scan or copy, most of them inside a
# regular expression); each now takes a fraction of a second.
LONG_RUNS = {
    "letters.txt": ISRI_HEAD + "Barley BARE BRIGHT WIRE " + "a" * 200_000 + " wire.\n",
    "quantities.txt": ISRI_HEAD + "Barley BARE WIRE with" + " 5 % copper 3 inch" * 3000,
    "limits.txt": GBT_HEAD + "铜含量不小于" + "1.0%，水分不大于2.0%，" * 5000 + "\n",
    # A table cell of English words ending in Chinese (found by fuzzing: 1.8 s for 60 kB).
    "cell.txt": (DOCS / "gbt-bilingual-table.txt")
    .read_text(encoding="utf-8")
    .replace("合金废钢原料", "合金废" + "Abcde ABCDE " * 25_000 + "钢"),
    "prolog.xml": "<?" * 40_000,
    "comments.xml": "<!--" * 20_000,
    # Table cells each spanning a thousand columns and every row below (Formex and HTML).
    "spans.xml": "<ACT><TITLE><TI><P>Regulation (EU) 2099/1</P></TI></TITLE><TBL><CORPUS>"
    + ("<ROW>" + '<CELL COLSPAN="1000" ROWSPAN="99999">x</CELL>' * 20 + "</ROW>") * 1000
    + "</CORPUS></TBL></ACT>",
    "spans.html": f"<html><body>{EU_TITLE}<table class='oj-table'>"
    + ("<tr>" + '<td colspan="1000" rowspan="99999"><p class="oj-tbl-txt">x</p></td>' * 20) * 1000
    + "</table></body></html>",
}


@pytest.mark.parametrize("name", LONG_RUNS)
def test_long_runs_take_linear_time(run, tmp_path, name):
    path = write(tmp_path, name, LONG_RUNS[name])
    started = time.perf_counter()
    code, _, err = run("parse", path)
    # A guard against a hang, not a speed test (bench/ measures speed): the shapes this suite
    # holds took minutes to hours when they were quadratic; on a loaded 2-core machine a linear
    # read of them has taken 7 s, so the bound is generous.
    assert time.perf_counter() - started < 30
    assert code in (0, 2) and "Traceback" not in err


# --- truncated, noise, empty ----------------------------------------------------------------------


def cut(name: str) -> bytes:
    data = (DOCS / name).read_bytes()
    return data[: len(data) // 2]


def test_truncated_xml_is_refused(run, tmp_path):
    for name, parser in (("sts-standard.xml", "sts"), ("formex-act.xml", "formex")):
        path = write(tmp_path, name, cut(name))
        refused(run("parse", path, "--parser", parser), "not well formed")


def test_truncated_html_is_read_as_far_as_it_goes(run, tmp_path):
    data = parsed(run("parse", write(tmp_path, "cut.html", cut("eurlex-eow-annex.html"))))
    assert data["designation"] == "Commission Regulation (EU) No 9999/2099"


def test_a_truncated_pdf_is_refused(run, tmp_path):
    fpdf = pytest.importorskip("fpdf")
    doc = fpdf.FPDF()
    doc.add_page()
    doc.set_font("Helvetica", size=10)
    doc.cell(100, 5, "SCRAP SPECIFICATIONS CIRCULAR 2022")
    data = bytes(doc.output())
    refused(run("parse", write(tmp_path, "cut.pdf", data[: len(data) // 2])), "cannot read the PDF")


NOISE = random.Random(20261128).randbytes(200_000)


@pytest.mark.parametrize(
    "parser", ["auto", "spec", "sts", "formex", "eurlex", "gbt", "isri", "pdf"]
)
def test_binary_noise_is_refused(run, tmp_path, parser):
    # The ISRI reader used to decode noise as Windows-1252 and find "limits" in it.
    refused(run("parse", write(tmp_path, "noise.bin", NOISE), "--parser", parser))


@pytest.mark.parametrize(
    ("prefix", "reason"),
    [
        (b"%PDF-1.7\n", "cannot read the PDF"),
        (b'<?xml version="1.0"?>\n<standard>', "not well formed"),
    ],
)
def test_noise_behind_a_header_is_refused(run, tmp_path, prefix, reason):
    refused(run("parse", write(tmp_path, "noise", prefix + NOISE)), reason)


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t", b"\xef\xbb\xbf", b"\xff\xfe"])
@pytest.mark.parametrize(
    "parser", ["auto", "spec", "sts", "formex", "eurlex", "gbt", "isri", "pdf"]
)
def test_empty_files_are_refused(run, tmp_path, content, parser):
    refused(run("parse", write(tmp_path, "empty.txt", content), "--parser", parser))


def test_a_pdf_without_a_text_layer_is_refused(run, tmp_path):
    fpdf = pytest.importorskip("fpdf")
    doc = fpdf.FPDF()
    doc.add_page()
    doc.rect(20, 20, 120, 80, style="F")  # a drawing, as a scan is: no text at all
    path = tmp_path / "scan.pdf"
    doc.output(str(path))
    result = run("parse", str(path))
    refused(result, "no text layer")
    assert "OCR" in result[2]


def test_a_pdf_too_slow_to_lay_out_is_stopped(run, tmp_path, monkeypatch):
    # 2 000 short lines stacked on one page: pdfminer's layout analysis took over a minute.
    fpdf = pytest.importorskip("fpdf")
    from stdcompare.parsers import pdf

    monkeypatch.setattr(pdf, "PAGE_SECONDS", 0.5)  # the mechanism, without waiting 3 s
    doc = fpdf.FPDF()
    doc.add_page()
    doc.set_font("Helvetica", size=8)
    for i in range(2000):
        doc.set_xy(10 + i % 7, 10 + i % 13 / 2)
        doc.cell(100, 4, "SCRAP SPE")
    started = time.perf_counter()
    refused(run("parse", write(tmp_path, "stacked.pdf", bytes(doc.output()))), "to lay out")
    assert time.perf_counter() - started < 20  # the page limit stopped it: no minutes-long wait


# --- encodings, line endings, full-width forms, fractions -----------------------------------------


GBT = (DOCS / "gbt-excerpt-utf8.txt").read_text(encoding="utf-8")


def gbt_read_right(data: dict) -> None:
    assert data["designation"] == "GB/T 48123-2024"
    assert data["title"] == {"zh": "再生锡原料", "en": "Recycling materials for tin"}
    assert reqs(data)["moisture"] == (None, "1.0", "%")
    assert reqs(grade(data, "RSn-1A"))["content.Sn"] == ("99.0", None, "%")


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: t.encode("gb18030"), id="gb18030"),
        pytest.param(lambda t: t.encode("gbk"), id="gbk"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16-bom"),
        pytest.param(lambda t: t.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(lambda t: t.encode("utf-8-sig"), id="utf-8-bom"),
        pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode(), id="cr"),
        pytest.param(lambda t: mixed_endings(t).encode("gb18030"), id="mixed-gb18030"),
    ],
)
def test_gbt_in_every_encoding_and_line_ending(run, tmp_path, encode):
    gbt_read_right(parsed(run("parse", write(tmp_path, "gbt.txt", encode(GBT)))))


def mixed_endings(text: str) -> str:
    lines = text.split("\n")
    return "".join(line + ("\r\n", "\r", "\n")[i % 3] for i, line in enumerate(lines))


ISRI = (DOCS / "isri-circular-excerpt.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: mixed_endings(t).encode("utf-16"), id="utf-16-mixed"),
        pytest.param(lambda t: t.replace("\n", "\r").encode("utf-8-sig"), id="utf-8-bom-cr"),
    ],
)
def test_isri_in_utf16_and_odd_line_endings(run, tmp_path, encode):
    plain = parsed(run("parse", str(DOCS / "isri-circular-excerpt.txt")))
    data = parsed(run("parse", write(tmp_path, "isri.txt", encode(ISRI))))
    assert [g["code"] for g in data["grades"]] == [g["code"] for g in plain["grades"]]
    assert reqs(grade(data, "Birch")) == reqs(grade(plain, "Birch"))


GBT_FULL_WIDTH = """中华人民共和国国家标准
GB/T 38471—2019
再生铜原料
Recycling materials for copper

5 技术要求

5.1 铜含量≧９９，９％。
5.2 水分不大于１．０％。

表1 再生铜原料的技术要求

类别        代号       铜含量/% 不小于    夹杂物/% 不大于
光亮铜线    RCu-1A     ９９，９            ０．５
"""


def test_full_width_limits_in_gbt_text_and_tables(run, tmp_path):
    # "９９，９" was read as 99 (its "，9" unread) in running text; tables read it right.
    data = parsed(run("parse", write(tmp_path, "fw.txt", GBT_FULL_WIDTH)))
    assert reqs(data)["content.Cu"] == ("99.9", None, "%")
    assert reqs(data)["moisture"] == (None, "1.0", "%")
    assert reqs(grade(data, "RCu-1A")) == {
        "content.Cu": ("99.9", None, "%"),
        "inclusions": (None, "0.5", "%"),
    }


def test_full_width_limits_and_fractions_in_sts(run, tmp_path):
    body = "<p>Copper content ≧ ９９，９ ％.</p><p>Wire diameter not less than 1 / 16 inch.</p>"
    data = parsed(run("parse", write(tmp_path, "fw.xml", sts(body))))
    assert reqs(data)["content.Cu"] == ("99.9", None, "%")
    assert reqs(data)["wire.diameter"] == ("0.0625", None, "in")


def test_full_width_limits_and_fractions_in_isri(run, tmp_path):
    doc = (
        "8   SCRAP SPECIFICATIONS CIRCULAR 2022   Guidelines for Nonferrous Scrap\n\n"
        "Red Metals\n\nBarley NO. 1 BARE BRIGHT WIRE\n"
        "Made up of clean bare copper wire with a minimum of ９９．９％ copper. Pieces must be\n"
        "not less than 1 / 4 inch thick.\n"
    )
    data = parsed(run("parse", write(tmp_path, "fw.txt", doc)))
    assert reqs(grade(data, "Barley")) == {
        "content.Cu": ("99.9", None, "%"),
        "thickness.min": ("0.25", None, "in"),
    }


@pytest.mark.parametrize(
    ("printed", "lo", "hi", "unit"),
    [
        ("≧９９，９％", "99.9", None, "%"),
        ("≧ ９９．９ ％", "99.9", None, "%"),
        ("不小于９９，９％", "99.9", None, "%"),
        ("1 / 4 inch", "0.25", "0.25", "inch"),
        ("１／４ inch", "0.25", "0.25", "inch"),
        ("max. 1 1/2 inch", None, "1.5", "inch"),
    ],
)
def test_parse_bound_reads_full_width_and_fractions(printed, lo, hi, unit):
    bound = parse_bound(printed)
    got = (bound.interval.lo, bound.interval.hi, bound.unit)
    assert tuple(None if v is None else str(v) for v in got[:2]) + (got[2],) == (lo, hi, unit)


@pytest.mark.parametrize("printed", ["1/0 inch", "0/0", "max 2 0/0 %", "9" * 50])
def test_parse_bound_refuses_what_is_no_number(printed):
    # "1/0" raised decimal.DivisionByZero, which no caller of parse_bound expected.
    from stdcompare.errors import StdcompareError

    with pytest.raises(StdcompareError):
        parse_bound(printed)


# --- 50 MB documents ------------------------------------------------------------------------------

BIG = 50 * 1024 * 1024
# Peak memory of the parse in its own process. getrusage's ru_maxrss is not used alone: on Linux
# a child starts with its parent's peak (it survives the exec), and pytest's is large; the
# process's own high-water mark (VmHWM) is read where /proc has it.
_MEASURED = """
import resource, sys
from stdcompare.console import main

def kb(field):
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith(field + ":"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

before = kb("VmRSS")
try:
    main(sys.argv[1:])
finally:
    print(f"rss-growth-kb {kb('VmHWM') - before}", file=sys.stderr)
"""


def big_gbt() -> str:
    """A GB/T cover, then paragraphs of prose; one in a hundred states a limit."""
    cover = "中华人民共和国国家标准\nGB/T 38471—2019\n再生铜原料\n\n5 技术要求\n\n"
    prose = (
        "再生铜原料的检验应按批进行，每批应由同一类别的原料组成，并附有质量证明书" * 100 + "。\n"
    )
    limit = "水分不大于1.0%，超出部分由供需双方协商扣重。\n"
    block = prose * 99 + limit
    return cover + block * (BIG // len(block.encode()))


def big_sts() -> str:
    """STS metadata, then sections of prose paragraphs; one in a hundred states a limit."""
    prose = (
        "<p>" + "Lots are sampled as agreed between buyer and seller at the yard. " * 120 + "</p>\n"
    )
    limit = "<p>Foreign materials shall not exceed 2 % of the lot weight.</p>\n"
    block = "<sec><title>Lots</title>" + prose * 99 + limit + "</sec>\n"
    return sts(block * (BIG // len(block)))


def start_parse(path: Path, out: Path) -> subprocess.Popen:
    argv = [sys.executable, "-c", _MEASURED, "parse", str(path), "-o", str(out)]
    env = {k: v for k, v in os.environ.items() if k != "STDCOMPARE_PATH"}
    return subprocess.Popen(
        argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=REPO, text=True
    )


def test_50mb_documents_parse_in_linear_time_and_bounded_memory(tmp_path):
    """Both run at once (two processes), to keep the suite fast; each must finish (no hang:
    a few minutes even on a loaded machine; its speed is bench/'s to measure, about 20 s
    alone) with peak memory within eight times the document's size."""
    docs = {"gbt.txt": big_gbt(), "sts.xml": big_sts()}
    started = time.perf_counter()
    running = {}
    for name, text in docs.items():
        path = Path(write(tmp_path, name, text))
        assert path.stat().st_size > 0.95 * BIG
        running[name] = (path, start_parse(path, tmp_path / f"{name}.json"))
    for name, (path, proc) in running.items():
        _, err = proc.communicate(timeout=400)
        elapsed = time.perf_counter() - started
        growth = int(re.search(r"rss-growth-kb (\d+)", err).group(1)) * 1024
        assert proc.returncode == 0, err[-2000:]
        assert "Traceback" not in err
        assert elapsed < 300, f"{name}: {elapsed:.0f} s"
        assert growth < 8 * path.stat().st_size, f"{name}: {growth / 2**20:.0f} MB"
        data = json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8"))
        assert data["designation"] in ("GB/T 38471-2019", "XS 4471-2:2099")
        assert reqs(data)


# --- the spec-sheet reader (issue 19), named as the library names it ---------------------------


@pytest.mark.parametrize(
    "content", [NOISE, b"", b"\xff\xfe", b"Title line\n\x00\x01\x02\x03 5 %\n" * 50]
)
def test_the_sheet_reader_refuses_noise_and_empty_files_in_one_line(tmp_path, content):
    from stdcompare.corpus import Corpus
    from stdcompare.errors import StdcompareError
    from stdcompare.parsers import detect

    path = Path(write(tmp_path, "sheet.txt", content))
    with pytest.raises(StdcompareError) as raised:
        detect.parse(path, "sheet", Corpus.discover())
    said = str(raised.value)
    assert "\n" not in said and MARK not in said and "Traceback" not in said


def test_a_spec_sheet_in_utf16_with_odd_line_endings_reads_as_in_utf8(run, tmp_path):
    text = (DOCS / "sheet-buyer.txt").read_text(encoding="utf-8")
    plain = parsed(run("parse", str(DOCS / "sheet-buyer.txt")))
    data = parsed(run("parse", write(tmp_path, "s.txt", mixed_endings(text).encode("utf-16"))))
    assert [g["code"] for g in data["grades"]] == ["Grade A", "Grade B"]
    assert reqs(grade(data, "Grade A")) == reqs(grade(plain, "Grade A"))
