"""The tests mirror the package (issue 17): a module's tests are found where the module is.

tests/test_X.py tests stdcompare/X.py, tests/render/test_X.py stdcompare/render/X.py, and so on
for each subpackage (tests/match and tests/parsers also hold tests of their package as a whole).
Tests that run the tool end to end — the CLI over the bundled corpus, a browser, a wheel,
hostile input — live apart, in tests/system and tests/hostile.
"""

from __future__ import annotations

from ..conftest import REPO

TESTS, PACKAGE = REPO / "tests", REPO / "stdcompare"
APART = {"system", "hostile"}
# Subpackages whose test folders may also test the package as a whole (the matcher's
# quality and scale, the parsers' shared layouts).
WHOLE = {"match", "parsers"}


def _test_files():
    found = sorted(TESTS.rglob("test_*.py"))
    assert len(found) > 40  # the walk found the suite
    return found


def test_every_test_folder_is_a_package_folder_or_set_apart():
    folders = {p.parent.relative_to(TESTS) for p in _test_files()}
    for folder in folders:
        if folder.parts and folder.parts[0] in APART:
            continue
        assert (PACKAGE / folder / "__init__.py").exists() or folder.parts == (), folder


def test_every_module_test_names_its_module():
    unmatched = []
    for path in _test_files():
        folder = path.parent.relative_to(TESTS)
        if (folder.parts and folder.parts[0] in APART) or folder.name in WHOLE:
            continue
        module = path.stem.removeprefix("test_")
        if not (PACKAGE / folder / f"{module}.py").exists():
            unmatched.append(str(path.relative_to(REPO)))
    assert unmatched == []


def test_the_golden_files_stay_small():
    """Golden files are made from the fixture corpora: a few hundred kilobytes, under 1 MB."""
    files = [p for p in (TESTS / "gold").rglob("*") if p.is_file()]
    assert len(files) > 20
    assert sum(p.stat().st_size for p in files) < 1_000_000
