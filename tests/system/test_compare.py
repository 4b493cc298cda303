"""compare and report: JSON shape, formats by extension, golden files for the slice."""

import csv
import json
import shutil
from datetime import date

import pytest

from ..conftest import FIXTURES, GOLD_CORPUS

AS_OF = "2026-01-01"
SLICE = ["compare", "isri-circular@2022", "gbt-38471@2019", "--as-of", AS_OF]


def test_compare_json_has_every_pair_that_survives_blocking(run):
    code, out, _ = run(*SLICE, "--format", "json")
    data = json.loads(out)
    assert code == 0
    assert data["a"]["ref"] == "isri-circular@2022" and data["b"]["ref"] == "gbt-38471@2019"
    # every ISRI red-metal grade (49 since the issue-15 additions), Relay (lead-covered copper
    # cable) and Talk (aluminium-copper radiators) block with copper; the 2017 copper-bearing
    # Mixed Metals grades too
    assert len(data["pairs"]) == 56 * 11
    pair = data["pairs"][0]
    assert set(pair) >= {"a", "b", "score", "verdict", "relation", "contributions", "gaps"}
    assert pair["a"] == {**pair["a"], "standard": "isri-circular@2022", "code": "Birch"}
    assert pair["b"]["code"] == "RCu-1C"
    gap = pair["gaps"][0]
    assert set(gap) >= {"prop", "kind", "a", "b", "caveat"}


def test_reference_b_puts_the_second_standard_first(run):
    data = json.loads(run(*SLICE, "--format", "json", "--reference", "B")[1])
    assert data["a"]["ref"] == "gbt-38471@2019"
    assert data["pairs"][0]["a"]["code"] == "RCu-1C"


@pytest.mark.parametrize(
    ("suffix", "start"),
    [
        ("html", "<!DOCTYPE html>"),
        ("json", "{"),
        ("md", "## ISRI"),
        ("csv", "a_standard,"),
    ],
)
def test_format_follows_the_extension(run, tmp_path, suffix, start):
    target = tmp_path / f"gaps.{suffix}"
    code, out, err = run(*SLICE, "-o", str(target))
    assert (code, out, err) == (0, "", f"wrote {target}\n")
    assert target.read_text().startswith(start)


def test_unknown_extension_needs_format(run, tmp_path):
    code, _, err = run(*SLICE, "-o", str(tmp_path / "gaps.xlsx"))
    assert code == 2 and "cannot tell the format" in err
    code, _, _ = run(*SLICE, "-o", str(tmp_path / "gaps.xlsx"), "--format", "csv")
    assert code == 0


def test_compare_text_summary(run):
    code, out, _ = run(*SLICE)
    assert code == 0
    assert out.splitlines()[1] == (
        "616 candidate pairs: 0 equivalent, 7 comparable, 16 related, 593 none"
    )
    # best partners is a flag: the score is the comparisons' sum, as lookup shows it
    assert "  Birch        → RCu-1C   comparable  0.75 · best partners" in out


GOLD_SLICE = ["compare", "test-wire@2021", "test-mill@2020", "--as-of", AS_OF, *GOLD_CORPUS]


@pytest.mark.parametrize("form", ["json", "html", "md", "csv", "text"])
def test_golden_compare(run, gold, form):
    gold(f"compare/wire-mill.{form}", run(*GOLD_SLICE, "--format", form)[1])


def test_golden_report(gold):
    """The report of the fixture corpora, every edition, as the CLI renders it."""
    import stdcompare
    from stdcompare.corpus import Corpus

    corpus = Corpus.discover(
        extra=[FIXTURES / "corpus", FIXTURES / "gold-corpus"],
        bundled=False,
        as_of=date.fromisoformat(AS_OF),
    )
    gold("report/fixtures.html", stdcompare.report_html(all_editions=True, corpus=corpus))


def test_html_why_panel_uses_the_json_numbers(run):
    data = json.loads(run(*SLICE, "--format", "json")[1])
    html = run(*SLICE, "--format", "html")[1]
    best = data["pairs"][0]
    assert 'id="cmp--isri-circular-2022--gbt-38471-2019--birch--rcu-1c--why"' in html
    for c in best["contributions"]:
        cells = (
            f'<td>{c["name"]}</td><td data-label="level">{c["level"]}</td>'
            f'<td class="num" data-label="adds">{c["weight"]:+.2f}'
        )
        assert cells in html


def test_labels_follow_lang(run, tmp_path):
    zh, en = tmp_path / "zh.html", tmp_path / "en.html"
    run(*SLICE, "-o", str(zh), "--lang", "zh")
    run(*SLICE, "-o", str(en))
    chinese, english = zh.read_text(), en.read_text()
    assert '<html lang="zh">' in chinese and "筛选" in chinese and "评分依据" in chinese
    assert '<html lang="en">' in english and "筛选" not in english and "Why this score" in english
    # source text is never translated: the grade names are the same on both pages
    assert "No. 2 copper wire" in chinese and "#2 copper wire" in chinese


def test_every_compare_format_has_a_renderer():
    from typing import get_args

    from stdcompare.cli_options import CompareFormats
    from stdcompare.render.formats import RENDERERS

    choice = get_args(get_args(CompareFormats)[0])[0]  # the enum inside `choice | None`
    assert set(RENDERERS) == {f.value for f in choice}


def test_grades_blocking_kept_out_share_one_line(run):
    code, out, _ = run("compare", "isri-circular@2022", "efr-steel@2007", "--as-of", AS_OF)
    assert code == 0
    assert "  200          → E3" in out
    assert "Barley" not in out  # a copper grade has no steel grade to be compared with
    (line,) = [x for x in out.splitlines() if "grades not compared" in x]
    assert "copper" in line and "aluminium" in line and "steel" not in line.split(":")[-1]


def test_a_source_document_compares_directly(run):
    """A committee's draft need not be transcribed first: the parser that recognises it reads
    it, and stderr says how much of it became structure."""
    draft = FIXTURES / "docs" / "isri-circular-excerpt.txt"
    code, out, err = run("compare", str(draft), "gbt-38471@2019", "--as-of", AS_OF)
    assert code == 0
    assert err.startswith(f"note: read {draft} with the isri parser: ")
    assert "text units became structure" in err
    assert "  Birch        → RCu-1C" in out


def test_a_draft_named_bare_in_the_working_folder_is_read(run, tmp_path, monkeypatch):
    """README's committee command, `compare draft.txt isri-circular`: a bare name that is no
    standard's key but names a file is that file. A folder is one error line."""
    shutil.copy(FIXTURES / "docs" / "isri-circular-excerpt.txt", tmp_path / "draft.txt")
    (tmp_path / "adir").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, err = run("compare", "draft.txt", "gbt-38471@2019", "--as-of", AS_OF)
    assert code == 0 and err.startswith("note: read draft.txt with the isri parser: ")
    assert "  Birch        → RCu-1C" in out
    for ref in ("adir", "./adir/"):
        code, out, err = run("compare", ref, "gbt-38471@2019")
        assert (code, out) == (2, "")
        assert err.startswith("stdcompare: error: adir is a folder, not a file\nhint: ")
    code, _, err = run("compare", "x" * 300, "gbt-38471@2019")  # too long to be a file name
    assert code == 2 and err.startswith("stdcompare: error: unknown standard 'xxx")


def test_a_document_no_parser_reads_is_one_error_line(run, tmp_path):
    noise = tmp_path / "draft.bin"
    noise.write_bytes(bytes(range(256)) * 40)
    code, out, err = run("compare", str(noise), "gbt-38471@2019")
    assert code == 2 and out == ""
    assert err.startswith("stdcompare: error: ") and err.count("\n") == 2  # the error and a hint


def test_family_keeps_one_family_and_says_so(run):
    code, out, _ = run(*SLICE, "--family", "copper")
    assert code == 0
    assert "  Birch        → RCu-1C" in out and "Honey" not in out  # brass left out
    assert out.rstrip().endswith("note: only grades of the family 'copper' (or a family below it)")
    for fmt in ("md", "html", "json"):
        page = run(*SLICE, "--family", "copper", "-f", fmt)[1]
        assert "only grades of the family" in page and "Honey" not in page
    code, _, err = run(*SLICE, "--family", "coppr")
    assert code == 2 and err.startswith("stdcompare: error: unknown family 'coppr'")
    assert "did you mean 'copper'" in err


def test_a_regulation_comparison_in_csv_and_markdown_is_its_conformity(run):
    """CSV and Markdown said nothing for ISRI against the copper end-of-waste regulation (no
    pairs); they give the conformity outcomes the text and HTML give."""
    args = ["compare", "isri-circular@2022", "eu-2013-715", "--as-of", AS_OF]
    rows = list(csv.DictReader(run(*args, "-f", "csv")[1].splitlines()))
    assert rows and {r["regulation"] for r in rows} == {"eu-2013-715@2013"}
    assert any(r["code"] == "Barley" and r["where"] == "Annex I, point 1.2" for r in rows)
    page = run(*args, "-f", "md")[1]
    assert "### Conformity with the regulation" in page
    assert "| Barley | copper | cannot tell | foreign material" in page


def test_csv_gap_rows_carry_both_clauses(run):
    """A committee reads the clause each requirement came from: EFR's are held ("3.1")."""
    out = run("compare", "isri-circular@2022", "efr-steel", "--as-of", AS_OF, "-f", "csv")[1]
    rows = list(csv.DictReader(out.splitlines()))
    assert {"a_where", "b_where"} <= set(rows[0])
    efr = [r for r in rows if r["b_where"]]
    assert efr and all(r["b_value"] for r in efr)


def test_gaps_name_the_standards_not_first_and_second(run):
    """A committee reads "only in ISRI", "GB/T stricter" and "GB/T's definition …", in the page
    and in the Markdown alike; never "first" or "second", "A's" or "B's"."""
    html = run(*SLICE, "--format", "html")[1]
    md = run(*SLICE, "--format", "md")[1]
    for out in (html, md):
        assert "only in ISRI" in out and "only in GB/T" in out and "GB/T stricter" in out
        assert "in first" not in out and "in second" not in out
        assert "B's definition" not in out and "B&#39;s definition" not in out
    assert "GB/T's definition is held only in part" in md
    assert "| requirement | ISRI | GB/T | gap | caveat |" in md


@pytest.mark.parametrize("fmt", ["html", "md", "text"])
def test_property_keys_become_words(run, fmt):
    out = run(*SLICE, "--format", fmt)[1]
    assert "content of copper and metal recovery are known" in out
    for key in ("content.Cu", "metal_recovery", "other_metals"):
        assert f">{key}" not in out and f"({key}" not in out and f" {key}," not in out


def test_short_names_tell_two_standards_apart():
    from stdcompare.corpus import Corpus
    from stdcompare.render.words import short_name

    corpus = Corpus.discover()
    isri, gbt71, gbt72 = (corpus.in_force(k) for k in ("isri-circular", "gbt-38471", "gbt-38472"))
    assert (short_name(isri, gbt71), short_name(gbt71, isri)) == ("ISRI", "GB/T")
    assert short_name(gbt71, gbt72) == "GB/T 38471"
    old, new = corpus.editions("gbt-38471")[:2]
    assert short_name(old, new) == old.designation  # two editions: in full


def test_csv_leaves_out_none_rows_unless_all(run):
    """A sheet of the pairs that line up; the rejected candidates only when asked (--all)."""
    rows = list(csv.DictReader(run(*SLICE, "-f", "csv")[1].splitlines()))
    assert rows and {r["verdict"] for r in rows} == {"comparable", "related"}
    every = list(csv.DictReader(run(*SLICE, "-f", "csv", "--all")[1].splitlines()))
    assert "none" in {r["verdict"] for r in every} and len(every) > len(rows)


def test_csv_for_excel_has_a_byte_order_mark(run, tmp_path):
    target = tmp_path / "gaps.csv"
    assert run(*SLICE, "-o", str(target), "--excel")[0] == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfa_standard,")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0]["a_standard"] == "isri-circular@2022"
    plain = tmp_path / "plain.csv"
    run(*SLICE, "-o", str(plain))
    assert plain.read_bytes().startswith(b"a_standard,")  # no mark unless asked


def test_a_side_held_in_part_points_to_the_edition_that_holds_more(run):
    """GB/T 38471-2023 is held with 2 grades, 2019's with 11: compare says so, as lookup falls
    back to 2019 for a grade 2023 lacks; a side held whole gets no such note."""
    code, out, _ = run("compare", "isri", "gbt-38471", "--as-of", "2026-01-01")
    assert code == 0
    assert out.splitlines()[-1] == (
        "note: gbt-38471@2023 holds 2 grades (grade list partial); gbt-38471@2019 holds 9 it "
        "lacks: compare with gbt-38471@2019 too"
    )
    code, out, _ = run("compare", "isri", "gbt-38471@2019", "--as-of", "2026-01-01")
    assert code == 0 and "grade list partial" not in out
