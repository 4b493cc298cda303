"""The README's Python block runs as written (issue 16): the public API it shows is real."""

from __future__ import annotations

import re

from ..conftest import REPO


def test_the_readme_python_block_runs():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    (block,) = re.findall(r"```python\n(.*?)```", readme, flags=re.S)
    names: dict = {}
    exec(compile(block, "README.md", "exec"), names)  # noqa: S102 - our own README
    assert names["cmp"].to_records() and names["cmp"].to_html().startswith("<!DOCTYPE html>")
    assert names["found"].matches, "lookup Birch within GB/T 38471-2019 finds matches"
    assert names["changes"].changes, "the 2019 and 2023 editions differ"
