"""The report and a compare page as a committee member meets them (issue 20), in real Chromium
(Debian's, through Playwright): a bar that stays in view while a long page scrolls and does not
eat a phone's screen, sections that fold with and without script, a filter that finds properties,
verdicts and outcomes and hides what it empties, gap panels in the table's order, and a printed
copy that carries every gap with the address of every source it cites, at desktop and phone
width."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from .test_browser import CHROMIUM, FLAGS, _pdf_text, _squeeze, sync_api

DESKTOP, PHONE = 1200, 375


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> dict[str, Path]:
    """The issue's two pages over the bundled corpus, written by the CLI, a compare page against
    a regulation (conformity, not grade matches), and the pages that share their stylesheet."""
    from stdcompare.console import main

    out = tmp_path_factory.mktemp("committee")
    commands = {
        "report": ["report", "-o", str(out / "report.html")],
        "compare": ["compare", "isri-circular", "gbt-38471@2019", "-o", str(out / "compare.html")],
        "conformity": [
            "compare",
            "isri-circular",
            "eu-2011-333",
            "-o",
            str(out / "conformity.html"),
        ],
        "harmonise": ["harmonise", "isri-circular:Birch", "gbt-38471@2019:RCu-1C"]
        + ["-o", str(out / "harmonise.html")],
        "recognise": ["recognise", "--family", "copper", "-o", str(out / "recognise.html")],
    }
    for args in commands.values():
        with pytest.raises(SystemExit) as done:
            main(args)
        assert done.value.code == 0
    return {name: out / f"{name}.html" for name in commands}


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS, headless=True)
        yield instance
        instance.close()


def _open(browser, path: Path, width: int = DESKTOP, script: bool = True, hash: str = ""):
    page = browser.new_page(viewport={"width": width, "height": 800}, java_script_enabled=script)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(path.as_uri() + hash)
    page.errors = errors  # type: ignore[attr-defined]
    return page


def _rect(page, selector: str) -> dict:
    """Where an element is in the window ('#id': by id, whatever characters the id has)."""
    return page.evaluate(
        "s => { const e = s.startsWith('#') ? document.getElementById(s.slice(1))"
        " : document.querySelector(s); const r = e.getBoundingClientRect();"
        " return {top: r.top, bottom: r.bottom, height: r.height, width: r.width}; }",
        selector,
    )


# --- navigation that stays -------------------------------------------------------------------


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("name", ["report", "compare"])
def test_bar_stays_in_view_and_is_on_top(browser, pages, name, width):
    page = _open(browser, pages[name], width)
    assert _rect(page, ".bar")["top"] > 0  # under the title and legend at first
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight * 0.6)")
    bar = _rect(page, ".bar")
    assert abs(bar["top"]) < 1 and bar["width"] >= width - 20
    # nothing scrolls over it: the point at its middle is the bar's own
    inside = page.evaluate(
        "y => document.querySelector('.bar').contains(document.elementFromPoint(10, y))",
        bar["height"] / 2,
    )
    assert inside
    assert page.locator(".bar #filter").is_visible()
    assert page.locator(".bar a[href='#top']").is_visible()
    if width == PHONE:
        assert bar["height"] <= 56  # one short line, not a screen's worth
        assert page.evaluate("document.querySelector('.bar').scrollWidth") <= width
    assert page.errors == []
    page.close()


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
def test_contents_menu_lands_below_the_bar_and_folds_away(browser, pages, width):
    page = _open(browser, pages["report"], width)
    page.evaluate("window.scrollTo(0, 20000)")
    menu = page.locator(".bar details.menu")
    assert not page.locator(".menu-list").is_visible()
    menu.locator("summary").click()
    listing = _rect(page, ".menu-list")
    assert listing["height"] <= 0.72 * 800  # it scrolls inside; the page stays in sight
    links = menu.locator(".menu-list a")
    assert links.count() >= 30  # the parts, every comparison, regulation and standard
    last = links.last
    target = last.get_attribute("href")
    last.click()
    assert page.evaluate("location.hash") == target
    assert page.locator("details.menu[open]").count() == 0  # folded once a place is chosen
    landed = _rect(page, target)
    assert _rect(page, ".bar")["bottom"] <= landed["top"] + 1 < 800  # not under the bar
    page.close()


def test_contents_menu_folds_without_script(browser, pages):
    page = _open(browser, pages["compare"], PHONE, script=False)
    summary = page.locator(".bar details.menu summary")
    summary.click()
    assert page.locator(".menu-list").is_visible()
    assert page.locator(".menu-list a[href^='#']").count() >= 3  # families, the folded, sources
    summary.click()
    assert not page.locator(".menu-list").is_visible()
    # no box that would filter nothing, no button that would expand nothing
    assert not page.locator("#filter").is_visible()
    assert not page.locator("#expand-all").is_visible()
    page.close()


@pytest.mark.parametrize("name", ["report", "compare"])
def test_print_leaves_out_the_bar(browser, pages, name):
    page = _open(browser, pages[name])
    assert page.locator(".bar").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".bar").is_visible()
    page.close()


@pytest.mark.parametrize("name", ["report", "compare"])
def test_nothing_scrolls_sideways_at_phone_width(browser, pages, name):
    """375 px, every panel open: the page never scrolls sideways, and no table does either (the
    grades, gaps, grade tables and 'why' tables become labelled cards) but the report's overview
    matrix, a grid that is read across."""
    page = _open(browser, pages[name], PHONE)
    page.evaluate("document.querySelectorAll('details:not(.menu)').forEach(d => d.open = true)")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    wide = page.locator(".table-wrap").evaluate_all(
        "ws => ws.filter(w => w.scrollWidth > w.clientWidth + 1)"
        ".map(w => w.querySelector('table').className)"
    )
    assert page.locator(".table-wrap table.contributions").count() > 5
    assert wide == (["matrix"] if name == "report" else [])
    page.close()


def test_other_pages_at_phone_width(browser, pages):
    """The pages that share the stylesheet: harmonise's rows become cards whose every cell but
    the status is labelled; recognise's matrix, read across, stays a grid (a row on one line)."""
    page = _open(browser, pages["harmonise"], PHONE)
    cells = page.locator("table.matches tbody td")
    assert cells.count() > 20
    unlabelled = page.locator("table.matches tbody td:not([data-label]):not(:first-child)")
    assert unlabelled.count() == 0
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    page.close()
    page = _open(browser, pages["recognise"], PHONE)
    tops = (
        page.locator("table.matches tbody tr")
        .first.locator("th, td")
        .evaluate_all("cs => cs.map(c => Math.round(c.getBoundingClientRect().top))")
    )
    assert len(tops) > 3 and len(set(tops)) == 1
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
    page.close()


# --- sections that collapse ------------------------------------------------------------------


SECTIONS = {
    "report": ["section.comparison", "section.regulation", "section.standard"],
    "compare": ["section.comparison"],
    "conformity": ["section.comparison"],
}


@pytest.mark.parametrize("script", [True, False])
@pytest.mark.parametrize("name", list(SECTIONS))
def test_sections_fold_at_their_heading(browser, pages, name, script):
    page = _open(browser, pages[name], script=script)
    for section in SECTIONS[name]:
        sections = page.locator(section)
        assert sections.count() >= 1, section
        first = sections.first
        body = first.locator("details.section > :not(summary)").first
        assert body.is_visible()
        _fold(first.locator("details.section > summary").first)
        assert first.locator("details.section[open]").count() == 0
        assert not body.is_visible()
        _fold(first.locator("details.section > summary").first)
        assert body.is_visible()
    page.close()


def _fold(summary) -> None:
    """A click on a section's heading line, at its marker (the heading may hold links)."""
    box = summary.bounding_box()
    summary.click(position={"x": 4, "y": box["height"] / 2})


# --- the filter ------------------------------------------------------------------------------


def test_filter_hides_each_hidden_rows_panel(browser, pages):
    page = _open(browser, pages["compare"])
    page.click("#expand-all")
    rows = page.locator("tr.match-row:has(a.why-link)")
    assert rows.count() > 5
    page.fill("#filter", "comparable")
    shown = page.locator("tr.match-row:has(a.why-link):visible")
    assert 0 < shown.count() < rows.count()
    wanted = sorted(
        shown.locator("a.why-link").evaluate_all(
            "as => as.map(a => a.getAttribute('href').slice(1))"
        )
    )
    visible = sorted(page.locator("details.pair:visible").evaluate_all("ds => ds.map(d => d.id)"))
    assert visible == wanted  # every panel shown is a shown row's, and each shown row's is
    page.fill("#filter", "")
    assert page.locator("details.pair:visible").count() == rows.count()
    page.close()


def test_filter_finds_a_grade_folded_apart(browser, pages):
    """A grade of a family GB/T lacks is in the folded line: the filter finds it there and hides
    the families' tables it empties."""
    page = _open(browser, pages["compare"])
    apart = page.locator("details.apart [data-search]")
    assert apart.count() > 50
    codes = [c for c in apart.evaluate_all("es => es.map(e => e.textContent)") if len(c) >= 5]
    assert codes
    code = codes[0]
    page.fill("#filter", code)
    page.click("details.apart summary")
    assert page.locator("details.apart").is_visible()
    hits = page.locator("details.apart [data-search]:visible").all_inner_texts()
    assert code in hits and len(hits) < 5
    assert page.locator(".family:visible").count() == 0
    page.close()


def test_filter_finds_grades_by_their_family(browser, pages):
    """A family in words ('brass', which GB/T 38471 lacks) finds its grades in the folded line
    (and a bronze whose name says brass), no other."""
    page = _open(browser, pages["compare"])
    page.fill("#filter", "brass")
    page.click("details.apart summary")
    families = page.locator("details.apart li:visible strong").all_inner_texts()
    assert any(f.startswith("brass") for f in families)
    brass = page.locator("details.apart li", has=page.locator("strong", has_text="brass 黄铜"))
    family = brass.locator("[data-search]")
    assert family.count() > 10
    assert brass.locator("[data-search]:visible").count() == family.count()  # all, named or not
    shown = page.locator("details.apart [data-search]:visible")
    texts = shown.evaluate_all("es => es.map(e => e.dataset.search.toLowerCase())")
    assert all("brass" in t for t in texts)
    page.close()


def test_report_filter_finds_outcomes_and_hides_emptied_parts(browser, pages):
    """'cannot tell' is a conformity outcome: only conformity groups with it stay, and the grade
    comparisons and the standards, emptied, go with their headings."""
    page = _open(browser, pages["report"])
    page.fill("#filter", "cannot tell")
    groups = page.locator(".outcome-group:visible")
    assert groups.count() > 0
    outcomes = groups.locator("dt .outcome").all_inner_texts()
    assert set(outcomes) == {"cannot tell"}
    for part in ("#grade-comparisons", "#standards", "#nothing-lines-up"):
        assert not page.locator(part).is_visible()
    assert page.locator("#conformity").is_visible()
    page.fill("#filter", "")
    assert page.locator("#grade-comparisons").is_visible()
    page.close()


def test_report_filter_finds_a_property_across_parts(browser, pages):
    """A property in words finds the pairs whose gaps name it, the grades that state it and the
    scopes that set it; a regulation that does not is hidden whole."""
    page = _open(browser, pages["report"])
    regulations = page.locator("section.regulation").count()
    page.fill("#filter", "metal recovery")
    assert page.locator("section.comparison tr[data-search]:visible").count() > 0
    assert page.locator("section.standard tr[data-search]:visible").count() > 0
    shown = page.locator("[data-search]:visible").evaluate_all(
        "es => es.map(e => e.dataset.search.toLowerCase())"
    )
    assert shown and all("metal" in s and "recovery" in s for s in shown)
    assert page.locator("section.regulation:visible").count() < regulations
    page.close()


def test_conformity_page_filter_finds_outcomes_and_criteria(browser, pages):
    page = _open(browser, pages["conformity"])
    rows = page.locator("tr[data-search]")
    assert rows.count() > 20
    outcomes = set(rows.locator(".outcome").all_inner_texts())
    assert outcomes  # those this corpus gives ('cannot tell' for every ISRI grade today)
    for outcome in outcomes:
        page.fill("#filter", outcome)
        assert set(page.locator("tr[data-search]:visible .outcome").all_inner_texts()) == {outcome}
    page.fill("#filter", "radioactive")  # a criterion, in words
    assert page.locator("tr[data-search]:visible").count() > 0
    page.fill("#filter", "zzzz-no-such-thing")
    assert not page.locator("section.comparison").is_visible()
    page.close()


# --- gap details in the table's order --------------------------------------------------------


@pytest.mark.parametrize("name", ["report", "compare"])
def test_gap_panels_follow_the_tables_order(browser, pages, name):
    page = _open(browser, pages[name])
    orders = page.locator("section.comparison").evaluate_all(
        """ss => ss.map(s => [
            [...new Set([...s.querySelectorAll('tr a.why-link')]
                .map(a => a.getAttribute('href').slice(1)))],
            [...s.querySelectorAll('details.pair')].map(d => d.id)])"""
    )
    checked = [(rows, panels) for rows, panels in orders if panels]
    assert checked
    for rows, panels in checked:
        assert rows == panels
    page.close()


# --- paper -----------------------------------------------------------------------------------


def _must_be_on_paper(page) -> list[str]:
    """Every gap row's text, piece by piece (requirement, each side's bound, clause and evidence,
    doubts, kind, caveat: pdftotext reads a table's cells in an order of its own), and, for each
    evidence it cites, the line of the page's sources that writes out that source's address."""
    return page.evaluate(
        """() => {
        const out = [], sources = new Map();
        document.querySelectorAll('.source-list li').forEach(li => {
            const id = li.querySelector('code').textContent;
            if (!sources.has(id)) sources.set(id, []);
            sources.get(id).push(li.textContent);
        });
        document.querySelectorAll('tr.gap').forEach(row => {
            row.querySelectorAll('td.prop, .state, .cite .where, .tier, .uncertain, .kind, .caveat')
                .forEach(e => out.push(e.textContent));
            row.querySelectorAll('.tier').forEach(e => {
                const id = e.textContent.split(' · ')[0];
                const lines = sources.get(id) || [];
                const address = e.getAttribute('href');
                // a link: the line that writes its address out (ids repeat across standards)
                const line = address ? lines.find(l => l.includes(address)) : lines[0];
                out.push(line || 'no listed source for ' + id);
            });
        });
        return out;
    }"""
    )


def _print(browser, path: Path, width: int, pdf: Path, script: bool = True) -> list[str]:
    """Prints the page at this width, a reader's fold and all: the first section folded."""
    page = _open(browser, path, width, script=script)
    _fold(page.locator("details.section > summary").first)
    assert page.locator("details.section:not([open])").count() == 1
    wanted = _must_be_on_paper(page)
    page.pdf(path=str(pdf))
    page.close()
    return wanted


@pytest.mark.parametrize(
    "name, width, script",
    [("compare", DESKTOP, True), ("compare", PHONE, False)],
)
def test_paper_carries_every_gap_with_its_source_address(
    browser, pages, tmp_path, name, width, script
):
    pdf = tmp_path / f"{name}.pdf"
    wanted = _print(browser, pages[name], width, pdf, script)
    assert len(wanted) > 1000
    text = _pdf_text(pdf)
    missing = [w for w in wanted if _squeeze(w) not in text]
    assert missing == []


def test_chromiums_own_print_of_the_report_carries_every_gap(browser, pages, tmp_path):
    """The browser's print command (not Playwright's), on the whole report."""
    pdf = tmp_path / "report.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", *FLAGS, f"--print-to-pdf={pdf}", "--no-pdf-header-footer"]
        + [pages["report"].as_uri()],
        check=True,
        capture_output=True,
        timeout=300,
    )
    page = _open(browser, pages["report"])
    wanted = _must_be_on_paper(page)
    page.close()
    text = _pdf_text(pdf)
    assert len(wanted) > 5000
    assert [w for w in wanted if _squeeze(w) not in text] == []
