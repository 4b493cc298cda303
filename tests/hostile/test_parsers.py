"""Documents built to hang or exhaust a parser (issue 13): each is read in linear time and
bounded memory, or refused with one error line and a hint — never a hang or a traceback.

Each runs `stdcompare parse` in a subprocess with a generous timeout: the old code took minutes
or hours on these inputs, the new one a second or two, so the timeout guards against a hang
without timing anything closely.
"""

from __future__ import annotations

import json
import os
import re
import string
import subprocess
import sys

import pytest

from ..conftest import REPO
from ..test_hostile import GBT_HEAD, ISRI_HEAD, MARK, eurlex, parsed, refused, sts, write

HANG = 20  # seconds; every document here is read in under two


def parse(path: str, *args: str, timeout: float = HANG) -> tuple[int, str, str]:
    """`stdcompare parse` in its own process: (exit code, stdout, stderr)."""
    argv = [sys.executable, "-c", "from stdcompare.cli import main; main()", "parse", path, *args]
    env = {k: v for k, v in os.environ.items() if k != "STDCOMPARE_PATH"}
    done = subprocess.run(
        argv, capture_output=True, text=True, env=env, cwd=REPO, timeout=timeout, check=False
    )
    return done.returncode, done.stdout, done.stderr


# Only the parser, in its own process: large documents make large JSON, and writing it is not
# what these tests are about. Prints the parse's counts as JSON.
_PARSE_ONLY = """
import json, sys
from pathlib import Path
from stdcompare.corpus import Corpus
from stdcompare.parsers import detect

result = detect.parse(Path(sys.argv[1]), sys.argv[2], Corpus.discover())
std = result.standard
print(json.dumps({"grades": len(std.grades), "groups": len(std.groups), "notes": len(std.notes),
                  "units": result.units_total, "structured": result.units_structured}))
"""


def parse_only(path: str, parser: str = "auto", timeout: float = HANG) -> dict:
    argv = [sys.executable, "-c", _PARSE_ONLY, path, parser]
    env = {k: v for k, v in os.environ.items() if k != "STDCOMPARE_PATH"}
    done = subprocess.run(
        argv, capture_output=True, text=True, env=env, cwd=REPO, timeout=timeout, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


# --- regular expressions on long lines ----------------------------------------------------------


def test_isri_running_header_followed_by_a_long_run_of_spaces(tmp_path):
    # The header pattern's ".*?" before an optional page number and "$" retried the run of
    # spaces at every character: 35 s at 60 kB, hours at 600 kB.
    header = "SCRAP SPECIFICATIONS CIRCULAR 2022 Guidelines for Nonferrous Scrap"
    doc = ISRI_HEAD + "Barley BARE BRIGHT WIRE\nMade of copper.\n" + header + " " * 600_000 + "x\n"
    data = parsed(parse(write(tmp_path, "header.txt", doc)))
    assert data["designation"] == "ISRI Scrap Specifications Circular 2022"
    assert [g["code"] for g in data["grades"]] == ["Barley"]


# --- tables -------------------------------------------------------------------------------------


def _code(i: int) -> str:
    """A distinct GB/T grade code for each i below 676 000: "Rab-123"."""
    letters = string.ascii_lowercase
    return f"R{letters[i // 26_000 % 26]}{letters[i // 1000 % 26]}-{i % 1000}"


@pytest.mark.parametrize("category", ["光亮铜线{i}", "Bare wire"])
def test_gbt_table_of_many_rows_is_read_in_linear_time(tmp_path, category):
    # Each row looked up its code among all grades so far, and each category its id among all
    # groups (a repeated English name counted its suffix up from 2): quadratic, 20 000 rows took
    # 115 s; now about 3 s.
    rows = "".join(
        f"{category.format(i=i)}    {_code(i)}     99.{i % 10}    0.5\n" for i in range(20_000)
    )
    doc = (
        GBT_HEAD
        + "\n表1 再生铜原料的技术要求\n\n类别    代号    铜含量/% 不小于    夹杂物/% 不大于\n"
    )
    counts = parse_only(write(tmp_path, "rows.txt", doc + rows))
    assert counts["grades"] == 20_000 and counts["groups"] == 20_000
    assert counts["structured"] == counts["units"]


# --- markup -------------------------------------------------------------------------------------

CROWD = " ".join(f"a{i}" for i in range(100_000))  # 100 000 attributes


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(f"<p {CROWD}>{MARK}</p>", id="plain"),
        pytest.param(f'<p class=">" {CROWD}>{MARK}</p>', id="after-a-quoted-gt"),
        pytest.param(f'<!x <p a="> <q {CROWD} ">{MARK}</q>', id="behind-a-bogus-comment"),
        pytest.param(f'<!-- <x a=" --> <q {CROWD} ">{MARK}</q>', id="behind-a-comment"),
        pytest.param(f'</x a="<p k="> <q {CROWD} ">{MARK}</q>', id="behind-an-end-tag"),
        pytest.param(f'<script></scriptx a=" </script><q {CROWD} ">{MARK}</q>', id="after-script"),
        pytest.param(f'<p a=b="> <q {CROWD} ">{MARK}</q>', id="after-an-unquoted-value"),
    ],
)
def test_html_start_tag_with_absurdly_many_attributes_is_refused(tmp_path, body):
    # libxml2's HTML reader compares each attribute with all before it: 15 s to a minute for
    # these. A quote that the scan reads differently from the reader must not hide the tag.
    error = refused(parse(write(tmp_path, "crowded.html", eurlex(body))), "over a safety limit")
    assert re.search(r"has 10000[01] attributes", error)


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(f"<!-- <q {CROWD}> --><p>Scope.</p>", id="in-a-comment"),
        pytest.param(f"<script>var s = '<q {CROWD}>';</script><p>Scope.</p>", id="in-a-script"),
        pytest.param(f'<p title="<q {CROWD}>">Scope.</p>', id="in-a-value"),
        pytest.param("<p " + " ".join(f"a{i}" for i in range(100)) + ">Scope.</p>", id="at-100"),
    ],
)
def test_html_with_many_attribute_like_words_elsewhere_is_read(tmp_path, body):
    data = parsed(parse(write(tmp_path, "page.html", eurlex(body))))
    assert data["designation"] == "Commission Regulation (EU) 2017/2403"


def test_xml_start_tag_with_many_attributes_is_read(tmp_path):
    # The XML reader hashes attribute names: 100 000 on one element take 0.03 s; no limit.
    attributes = " ".join(f'a{i}="x"' for i in range(100_000))
    body = f"<p {attributes}>Tin content max. 2 %.</p>"
    data = parsed(parse(write(tmp_path, "crowded.xml", sts(body))))
    assert data["designation"] == "XS 4471-2:2099"
