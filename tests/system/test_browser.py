"""The reports in a real browser: headless Chromium (Debian's, never a downloaded one) opens each
page, sees no console errors and no network requests, filters rows, and renders something.

Needs the `browser` extra (Playwright for Python) and /usr/bin/chromium; skips otherwise.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

import stdcompare

from ..conftest import FIXTURES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="browser tests need the 'browser' extra (pip install .[browser])"
)
if CHROMIUM is None:
    pytest.skip(
        "browser tests need Chromium at /usr/bin/chromium (apt-get install chromium)",
        allow_module_level=True,
    )

FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
EVIL = '<script>window.__pwned = 1</script>"><img src=x onerror="window.__pwned = 2">'


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The three kinds of report, written by the CLI."""
    from stdcompare.console import main

    out = tmp_path_factory.mktemp("pages")
    evil_dir = out / "evil"
    evil_dir.mkdir()
    text = (FIXTURES / "corpus" / "wire-spec-2018.toml").read_text()
    text = text.replace('names.en = "No. 1 bare wire"', f"names.en = '{EVIL}'")
    (evil_dir / "evil.toml").write_text(text)
    commands = {
        "report": ["report", "-o", str(out / "report.html")],
        "compare": [
            "compare",
            "isri-circular@2022",
            "gbt-38471@2019",
            "-o",
            str(out / "compare.html"),
        ],
        "diff": [
            "diff",
            "test-wire@2018",
            str(FIXTURES / "diff" / "wire-spec-2024.toml"),
            "--format",
            "html",
            "--fail-on",
            "never",
            "-o",
            str(out / "diff.html"),
            "--standards",
            str(FIXTURES / "corpus"),
        ],
        "evil": [
            "report",
            "--all-editions",
            "-o",
            str(out / "evil.html"),
            "--standards",
            str(evil_dir),
        ],
    }
    for args in commands.values():
        with pytest.raises(SystemExit) as done:
            main(args)
        assert done.value.code == 0
    # A report of the test corpus alone, with the hostile file: the report's template at a size
    # a browser prints in seconds (the whole corpus's is printed once, in test_pages_browser).
    small_dir = out / "small"
    small_dir.mkdir()
    hostile = (evil_dir / "evil.toml").read_text(encoding="utf-8")  # 2018's, made hostile
    (small_dir / "evil.toml").write_text(  # in force: its successor is not in this folder
        hostile.replace('status = "superseded"', 'status = "current"'), encoding="utf-8"
    )
    other = (FIXTURES / "diff" / "wire-spec-2024.toml").read_text(encoding="utf-8")
    other = other.replace('key = "test-wire"', 'key = "test-wire-b"').replace(
        'supersedes = "test-wire@2018"', ""
    )
    (small_dir / "other.toml").write_text(other, encoding="utf-8")  # another system to pair
    small = stdcompare.load_corpus(small_dir, bundled=False)
    (out / "small.html").write_text(stdcompare.report_html(corpus=small), encoding="utf-8")
    return {name: out / f"{name}.html" for name in [*commands, "small"]}


def _open(browser, path: Path):
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    errors, requests = [], []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on(
        "request",
        lambda req: (
            requests.append(req.url)
            if not req.url.startswith(("file:", "data:", "about:"))
            else None
        ),
    )
    page.goto(path.as_uri())
    return page, errors, requests


@pytest.mark.parametrize("name", ["report", "compare", "diff"])
def test_page_loads_clean_offline(browser, pages, name):
    page, errors, requests = _open(browser, pages[name])
    assert errors == [] and requests == []
    assert page.title()
    page.close()


@pytest.mark.parametrize("name", ["report", "compare", "diff"])
def test_filter_hides_rows(browser, pages, name):
    page, _, _ = _open(browser, pages[name])
    rows = page.locator("tr[data-search]")
    total = rows.count()
    assert total > 1
    page.fill("#filter", "zzzz-no-such-thing")
    assert page.locator("tr[data-search]:visible").count() == 0
    page.fill("#filter", "")
    assert page.locator("tr[data-search]:visible").count() == total
    page.close()


def test_screenshot_is_not_blank(browser, pages, tmp_path):
    page, _, _ = _open(browser, pages["compare"])
    shot = tmp_path / "compare.png"
    page.screenshot(path=str(shot), full_page=False)
    page.close()
    assert _distinct_rows(shot.read_bytes()) > 5


def test_source_text_is_inert(browser, pages):
    page, errors, requests = _open(browser, pages["evil"])
    assert page.evaluate("window.__pwned === undefined")
    assert page.locator("img[src=x]").count() == 0
    assert requests == []
    assert "window.__pwned = 1" in page.inner_text("body")  # shown as text, not run
    page.close()


def test_phone_width_and_print(browser, pages):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(pages["report"].as_uri())
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 420  # wide tables scroll inside their wrapper, the page does not
    assert page.pdf().startswith(b"%PDF")  # prints (headless Chromium renders the print CSS)
    page.close()


def _distinct_rows(png: bytes) -> int:
    """How many different pixel rows a sample of the screenshot has: a blank page has one."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, width, height, colour = 8, [], 0, 0, 0
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        body = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, _, colour = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            chunks.append(body)
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = width * (4 if colour == 6 else 3) + 1  # one filter byte starts each row
    step = max(1, height // 50)
    return len({raw[y * stride + 1 : (y + 1) * stride] for y in range(0, height, step)})


def _pdf_text(pdf: Path) -> str:
    """The text of a PDF, squeezed: no spaces, line breaks or hyphens, which a printed line may
    add or pdftotext drop at a break ("proposed-" + "specification")."""
    if shutil.which("pdftotext") is None:
        pytest.skip("printing tests need pdftotext (apt-get install poppler-utils)")
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return _squeeze(text)


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\-‐]+", "", text)


def _gaps_and_sources(browser, path: Path) -> tuple[list[str], list[str]]:
    """What paper must carry: the requirement of every gap row (closed panels included) and the
    address of every source an evidence link points to."""
    page, _, _ = _open(browser, path)
    gaps = page.eval_on_selector_all("details tr.gap td.prop", "els => els.map(e => e.textContent)")
    links = page.eval_on_selector_all("a.tier[href]", "els => els.map(e => e.href)")
    page.close()
    return gaps, sorted(set(links))


def test_printed_compare_page_carries_every_gap_and_source(browser, pages, tmp_path):
    """Chromium's own print to PDF (script on: the beforeprint handler opens every panel)."""
    pdf = tmp_path / "compare.pdf"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            *FLAGS,
            f"--print-to-pdf={pdf}",
            "--no-pdf-header-footer",
            pages["compare"].as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    text = _pdf_text(pdf)
    gaps, links = _gaps_and_sources(browser, pages["compare"])
    assert len(gaps) > 50 and len(links) > 3
    assert [g for g in gaps if _squeeze(g) not in text] == []
    assert [a for a in links if _squeeze(a) not in text] == []  # written out, not only linked


@pytest.mark.parametrize("name", ["compare", "small"])  # small: a report of the test corpus
def test_print_opens_panels_without_script(browser, pages, tmp_path, name):
    """The print stylesheet alone shows closed panels: a page printed with script off."""
    page = browser.new_page(java_script_enabled=False)
    page.goto(pages[name].as_uri())
    assert page.locator("details.pair[open]").count() == 0  # closed on screen
    pdf = tmp_path / "compare.pdf"
    page.pdf(path=str(pdf))
    page.close()
    text = _pdf_text(pdf)
    gaps, _ = _gaps_and_sources(browser, pages[name])
    assert gaps and [g for g in gaps if _squeeze(g) not in text] == []


def test_evidence_is_a_link_with_its_address_listed(browser, pages):
    page, _, _ = _open(browser, pages["compare"])
    links = page.eval_on_selector_all("a.tier", "els => els.map(e => e.getAttribute('href'))")
    assert links and all(h.startswith(("http://", "https://")) for h in links)
    listed = page.eval_on_selector_all(".sources a.address", "els => els.map(e => e.textContent)")
    assert set(links) <= set(listed)  # every cited address is written out on the page
    page.close()


def test_compare_page_at_phone_width(browser, pages):
    """390 px wide, every panel open: the body never scrolls sideways (rows become cards)."""
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(pages["compare"].as_uri())
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate("document.body.scrollWidth") <= 390
    page.close()


def test_expand_all_opens_and_closes_every_panel(browser, pages):
    page, errors, _ = _open(browser, pages["compare"])
    panels = page.locator("details.pair")
    assert panels.count() > 5 and page.locator("details.pair[open]").count() == 0
    page.click("#expand-all")
    # the folded line too; the contents menu of the bar is no panel and stays folded
    assert page.locator("details:not([open]):not(.menu)").count() == 0
    assert page.locator("details.menu[open]").count() == 0
    assert page.inner_text("#expand-all") == "Collapse all"
    page.click("#expand-all")
    assert page.locator("details.pair[open]").count() == 0
    assert page.locator("details.section[open]").count() == 1  # the section stays open
    assert errors == []
    page.close()


def test_legend_explains_the_decisive_dot(browser, pages):
    page, _, _ = _open(browser, pages["compare"])
    assert "decisive" in page.inner_text(".legend")
    assert page.locator(".legend .decisive").count() == 1
    page.close()


def test_families_the_other_lacks_fold_into_one_line(browser, pages):
    """ISRI's brass, aluminium and steel against GB/T 38471 (copper): one folded line that
    names them, not a row of "no match" each; each grade keeps its anchor."""
    page, _, _ = _open(browser, pages["compare"])
    apart = page.locator("details.apart")
    assert apart.count() == 1
    summary = apart.locator("summary").inner_text()
    assert "GB/T 38471-2019 has no grade of" in summary and "brass" in summary
    assert page.locator("tr.match-row", has_text="no match").count() <= 3
    assert page.locator("details.apart [id]").count() > 50
    page.close()


def test_filter_finds_verdicts_and_properties_and_hides_emptied_families(browser, pages):
    page, _, _ = _open(browser, pages["compare"])
    families = page.locator(".family").count()
    page.fill("#filter", "comparable")
    shown = page.locator("tr[data-search]:visible")
    assert shown.count() > 0
    assert shown.count() == page.locator("tr.verdict-comparable:visible").count()
    page.fill("#filter", "metal recovery")  # a property, in words
    assert page.locator("tr[data-search]:visible").count() > 0
    page.fill("#filter", "zzzz-no-such-thing")
    assert page.locator(".family:visible").count() == 0 < families  # no heading over nothing
    page.fill("#filter", "")
    assert page.locator(".family:visible").count() == families
    page.close()


def test_report_sections_fold_and_a_link_unfolds_them(browser, pages):
    """A reader folds a section at its heading; a link into it (the contents, the matrix, a
    'why') opens it again."""
    page, errors, _ = _open(browser, pages["report"])
    section = page.locator("section.comparison").first
    panel = section.locator("details.pair").first
    section.locator("summary h2").first.click(position={"x": 5, "y": 5})
    assert section.locator("details.section[open]").count() == 0
    assert not panel.is_visible()
    target = panel.get_attribute("id")
    page.goto(pages["report"].as_uri() + "#" + target)
    assert panel.is_visible()
    assert errors == []
    page.close()


def test_report_contents_and_matrix_links_land(browser, pages):
    page, _, _ = _open(browser, pages["report"])
    cell = page.locator("table.matrix td a").first
    target = cell.get_attribute("href")
    cell.click()
    assert page.evaluate("location.hash") == target
    assert page.locator(target).is_visible()
    page.close()
