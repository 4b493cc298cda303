"""Documents built to hang or exhaust a parser (issue 13): each is read in linear time and
bounded memory, or refused with one error line and a hint — never a hang or a traceback.

Each runs `stdcompare parse` in a subprocess with a generous timeout: the old code took minutes
or hours on these inputs, the new one a second or two, so the timeout guards against a hang
without timing anything closely.
"""

from __future__ import annotations

import os
import subprocess
import sys

from ..conftest import REPO
from ..test_hostile import ISRI_HEAD, parsed, write

HANG = 20  # seconds; every document here is read in under two


def parse(path: str, *args: str, timeout: float = HANG) -> tuple[int, str, str]:
    """`stdcompare parse` in its own process: (exit code, stdout, stderr)."""
    argv = [sys.executable, "-c", "from stdcompare.cli import main; main()", "parse", path, *args]
    env = {k: v for k, v in os.environ.items() if k != "STDCOMPARE_PATH"}
    done = subprocess.run(
        argv, capture_output=True, text=True, env=env, cwd=REPO, timeout=timeout, check=False
    )
    return done.returncode, done.stdout, done.stderr


# --- regular expressions on long lines ----------------------------------------------------------


def test_isri_running_header_followed_by_a_long_run_of_spaces(tmp_path):
    # The header pattern's ".*?" before an optional page number and "$" retried the run of
    # spaces at every character: 35 s at 60 kB, hours at 600 kB.
    header = "SCRAP SPECIFICATIONS CIRCULAR 2022 Guidelines for Nonferrous Scrap"
    doc = ISRI_HEAD + "Barley BARE BRIGHT WIRE\nMade of copper.\n" + header + " " * 600_000 + "x\n"
    data = parsed(parse(write(tmp_path, "header.txt", doc)))
    assert data["designation"] == "ISRI Scrap Specifications Circular 2022"
    assert [g["code"] for g in data["grades"]] == ["Barley"]
