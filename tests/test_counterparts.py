"""lookup: resolution of the query, the JSON shape, and asserted correspondences."""

import csv
import json
import re
from datetime import date

import pytest

from stdcompare.corpus import Corpus
from stdcompare.counterparts import lookup
from stdcompare.errors import RefError
from stdcompare.query import resolve_query

AS_OF = "2026-01-01"


@pytest.fixture(scope="module")
def corpus():
    return Corpus.discover(as_of=date.fromisoformat(AS_OF))


@pytest.mark.parametrize(
    ("query", "code", "how"),
    [
        ("Birch", "Birch", "code"),
        ("birch", "Birch", "code"),
        ("RCu-1A", "RCu-1A", "code"),
        ("bare bright", "Barley", "name"),
        ("1号铜米", "Clove", "name"),  # ISRI's own Chinese name for Clove, as written
        ("1号铜线", "RCu-1B", "name"),  # no grade carries it: the Chinese standard's first
        ("berr", "Berry", "fuzzy"),
        ("Brch", "Birch", "fuzzy"),
        ("bairley", "Barley", "fuzzy"),  # a letter too many: 92.3
        ("zorb", "Zorba", "fuzzy"),  # one too few: 88.9
        ("birhc", "Birch", "fuzzy"),  # two swapped: 80.0, the least a typo is allowed
        ("Cliif", "Cliff", "fuzzy"),  # one changed in five letters: 80.0
        ("heavy meltng steel", "200", "fuzzy"),  # a typo in a name: 87.8
        ("red brass", "Ebony", "words"),  # "Composition or red brass"
        ('isri-circular:"Berry/Candy"', "Berry/Candy", "ref"),
    ],
)
def test_queries_resolve(corpus, query, code, how):
    found = resolve_query(corpus, query)
    assert (found.grade.grade.code, found.how) == (code, how)


def test_exact_code_outranks_fuzzy(corpus):
    # "Cliff" is a code; "Birch/Cliff" only looks like it
    assert resolve_query(corpus, "Cliff").grade.grade.code == "Cliff"


def test_nothing_close_is_an_error(corpus):
    with pytest.raises(RefError, match="no grade matches 'qqqqqq'"):
        resolve_query(corpus, "qqqqqq")


@pytest.mark.parametrize(
    ("query", "suggested"),
    [
        ("foo", None),  # was Taboo (WRatio 72 against "taboo")
        ("<script>", "Scribe"),  # ratio 66.7
        ("Al-1", None),  # was 243, foundry steel, from the "el 1" of its name
        ("RAl-1", "Rails"),  # was 243 too
        ("RAl", "Rails"),  # ratio 75.0: two letters short of five
        ("talz", "Tale, Talc, Tall"),  # 75.0 for each: which one was meant? (talk is Talk now)
        ("zorba 90", "Zorba"),
    ],
)
def test_a_doubtful_reading_is_no_match_with_suggestions(corpus, query, suggested):
    with pytest.raises(RefError, match=f"no grade matches '{re.escape(query)}'") as caught:
        resolve_query(corpus, query)
    hint = caught.value.hint
    if suggested is None:
        assert "did you mean" not in hint
    else:
        assert hint.startswith(f"did you mean {suggested}")
    assert "try a code word (Birch)" in hint


@pytest.mark.parametrize("query", ["#1 copper", "no 1 copper wire", "No. 1 copper"])
def test_a_query_of_words_is_read_against_names_word_by_word(corpus, query):
    # "#1 copper" was read as Dream ("No. 3 copper", 90 as a string; "Light copper" later)
    found = resolve_query(corpus, query)
    names = [found.grade, *found.alternatives]
    assert found.how in ("words", "name")
    assert found.grade.grade.code in ("Barley", "Berry", "RCu-1B")
    assert {"Barley", "Berry", "RCu-1B"} <= {g.grade.code for g in names}
    assert all(g.grade.code != "Dream" for g in names)


def test_a_rank_in_the_query_is_kept_by_the_typo_reading(corpus):
    # "no1 copperr" is as near "no2 copper" as a string; the rank says which is meant
    found = resolve_query(corpus, "#1 copperr")
    assert found.how == "fuzzy"
    assert found.grade.grade.code in ("Barley", "Berry", "RCu-1B")


def test_a_doubtful_query_fails_on_one_line_and_is_not_stored(run, tmp_path, monkeypatch):
    monkeypatch.setenv("STDCOMPARE_CACHE", str(tmp_path / "cache"))
    for _ in range(2):  # the second time too: a failed query is never a stored answer
        code, out, err = run("lookup", "RAl", "--as-of", AS_OF)
        assert (code, out) == (2, "")
        assert err.splitlines() == [
            "stdcompare: error: no grade matches 'RAl'",
            "hint: did you mean Rails? otherwise try a code word (Birch), a grade code (RCu-1A) "
            "or a name; 'stdcompare list' shows the standards",
        ]


@pytest.mark.parametrize(
    "query",
    [
        "x" * 300,  # longer than a file name may be: was OSError [Errno 36], exit 1
        "x" * 300 + ":Birch",  # the part before ':' is tried as a file too
        "x" * 5000,  # longer than a path may be
    ],
)
def test_a_query_no_file_system_takes_is_no_file(run, query):
    code, out, err = run("lookup", query, "--as-of", AS_OF)
    assert (code, out) == (2, "")
    first, hint = err.splitlines()
    assert first.startswith("stdcompare: error: no grade matches '")
    assert len(first) < 120  # the query is shortened in the message
    assert hint.startswith("hint: ")


@pytest.mark.parametrize("query", ["Birch" + " " * 300, "Birch\x00"])
def test_a_query_no_file_system_takes_still_answers(run, query):
    # too long a file name, or a NUL byte (ValueError): no file, and the grade is found
    code, out, _ = run("lookup", query, "--in", "gbt-38471@2019", "--as-of", AS_OF)
    assert code == 0 and out.startswith("Birch — ")


def test_the_query_is_never_its_own_match(corpus):
    result = lookup(corpus, "Birch", in_refs=["isri-circular", "gbt-38471@2019"])
    codes = [(p.b.standard.key, p.b.grade.code) for p in result.matches]
    assert ("isri-circular", "Birch") not in codes
    assert ("isri-circular", "Birch/Cliff") in codes  # its own standard, when asked
    assert result.matches[0].b.grade.code == "RCu-1C"


def test_lookup_json_shape(run):
    code, out, _ = run(
        "lookup", "Birch", "--in", "gbt-38471@2019", "--format", "json", "--as-of", AS_OF
    )
    data = json.loads(out)
    assert code == 0
    # the 2024 amendment is in force, so the query resolves to it
    assert data["query"]["code"] == "Birch" and data["query"]["standard"] == "isri-circular@2024"
    best = data["matches"][0]
    assert set(best) >= {
        "standard",
        "code",
        "names",
        "score",
        "verdict",
        "relation",
        "provenance",
        "contributions",
        "gaps",
    }
    assert (best["standard"], best["code"], best["provenance"]) == (
        "gbt-38471@2019",
        "RCu-1C",
        "computed",
    )
    cu = next(g for g in best["gaps"] if g["prop"] == "content.Cu")
    assert cu["kind"] == "b_stricter" and cu["a"]["lo"] == "94" and cu["b"]["lo"] == "99"
    assert cu["caveat"] == "basis differs: electrolytic assay vs unstated"
    scores = [m["score"] for m in data["matches"]]
    assert scores == sorted(scores, reverse=True)


def test_lookup_text_names_the_differences(run):
    code, out, _ = run("lookup", "Birch", "--in", "gbt-38471@2019", "--as-of", AS_OF)
    assert code == 0
    lines = out.splitlines()
    assert (
        lines[0] == "Birch — ISRI Scrap Specifications Circular 2022, as amended 7 February 2024 "
        "— No. 2 copper wire   (copper)"
    )
    assert "RCu-1C   #2 copper wire   comparable 0.75" in lines[1]
    assert "stricter there: content of copper ≥ 99 % (ISRI: ≥ 94 %; nominal 96 %)" in out


def test_lookup_csv(run):
    code, out, _ = run(
        "lookup", "Birch", "--in", "gbt-38471@2019", "--format", "csv", "--as-of", AS_OF
    )
    header, first = out.splitlines()[:2]
    assert header.startswith("a_standard,a_code,b_standard,b_code,score,verdict")
    assert first.startswith("isri-circular@2024,Birch,gbt-38471@2019,RCu-1C,0.75,comparable")


def test_asserted_correspondences_are_shown_beside_and_can_be_left_out(run, tmp_path):
    folder = tmp_path / "extra" / "correspondences"
    folder.mkdir(parents=True)
    (folder / "committee.toml").write_text(
        "[[correspondences]]\n"
        'a = "isri-circular@2022:Berry"\n'
        'b = "gbt-38471@2019:RCu-1B"\n'
        'verdict = "equivalent"\n'
        'status = "proposed"\n'
        'source = "https://example.invalid/minutes-2026-03"\n'
        "date = 2026-03-01\n"
        'rationale = "test fixture"\n',
        encoding="utf-8",
    )
    args = [
        "lookup",
        "Berry",
        "--in",
        "gbt-38471@2019",
        "--format",
        "json",
        "--as-of",
        AS_OF,
        "--standards",
        str(tmp_path / "extra"),
    ]
    data = json.loads(run(*args)[1])
    first = data["matches"][0]
    assert (first["code"], first["provenance"], first["verdict"]) == (
        "RCu-1B",
        "asserted",
        "equivalent",
    )
    assert first["assertion"]["status"] == "proposed"
    computed = [
        m for m in data["matches"] if m["code"] == "RCu-1B" and m["provenance"] == "computed"
    ]
    assert computed and computed[0]["verdict"] != "equivalent"  # never fed into the matcher
    data = json.loads(run(*args, "--computed-only")[1])
    assert all(m["provenance"] == "computed" for m in data["matches"])


def test_standards_without_a_match_share_one_line(run):
    code, out, _ = run("lookup", "Birch", "--as-of", AS_OF)
    assert code == 0
    assert "  no close match in: EN 13920-1 to EN 13920-16:2003" in out.splitlines()
    # a partly held standard keeps its own line: its missing grades may be the match
    assert "note: gbt-38471@2023 holds 2 grades here (grade list partial)" in out


def test_correspondences_come_with_the_cached_corpus_and_a_broken_file_still_fails(
    run, tmp_path, monkeypatch
):
    monkeypatch.setenv("STDCOMPARE_CACHE", str(tmp_path / "cache"))
    folder = tmp_path / "extra" / "correspondences"
    folder.mkdir(parents=True)
    good = folder / "committee.toml"
    good.write_text(
        '[[correspondences]]\na = "isri-circular@2022:Berry"\nb = "gbt-38471@2019:RCu-1B"\n'
        'source = "https://example.invalid/minutes"\n',
        encoding="utf-8",
    )
    args = ["lookup", "Berry", "--in", "gbt-38471@2019", "-f", "json"]
    args += ["--standards", str(tmp_path / "extra"), "--computed-only"]
    run(*args)  # fills the parse cache, correspondence data included
    corpus = Corpus.discover(extra=[tmp_path / "extra"])
    assert str(good) in corpus._loaded["correspondences"]
    assert "RCu-1B" in [c.b[1].code for c in corpus.correspondences]
    (folder / "broken.toml").write_text("[[correspondences]\n", encoding="utf-8")
    code, _, err = run(*args[:-1])
    assert code == 2
    assert err.startswith(f"stdcompare: error: {folder / 'broken.toml'}: cannot read")


def test_an_asserted_correspondence_is_one_line_under_the_computed_match(run):
    code, out, _ = run("lookup", "200", "--in", "efr-steel@2007", "--as-of", AS_OF)
    assert code == 0
    e3 = [i for i, line in enumerate(out.splitlines()) if " E3 " in line]
    assert len(e3) == 1  # the grade once, with its computed verdict and score
    line, claim = out.splitlines()[e3[0]], out.splitlines()[e3[0] + 1]
    assert "[asserted]" not in line
    assert claim.strip().startswith("asserted: comparable (proposed) — https://")


def _claims(out: str) -> list[tuple[str, str]]:
    """(the grade's line, its claim line) for each asserted correspondence of a text answer."""
    lines = out.splitlines()
    return [(lines[i - 1], line) for i, line in enumerate(lines) if "asserted: " in line]


def test_an_assertion_on_an_older_edition_is_shown_on_the_edition_in_force(run):
    # trade.toml: efr-steel@2007:E3 ~ isri-circular@2022:200. ISRI 2022 is amended by 2024.
    code, out, _ = run("lookup", "E3", "--as-of", AS_OF)
    assert code == 0
    ((line, claim),) = _claims(out)
    assert line.startswith(
        "  ISRI Scrap Specifications Circular 2022, as amended 7 February 2024 200 "
    )
    assert claim.strip().startswith(
        "asserted: comparable (proposed, asserted against the 2022 edition) — https://"
    )
    # 200 once: no entry for the superseded edition beside the one in force
    assert len([x for x in out.splitlines() if " 200  " in x]) == 1
    assert "isri-circular@2022 holds" not in out
    data = json.loads(run("lookup", "E3", "--as-of", AS_OF, "-f", "json")[1])
    (claimed,) = [m for m in data["matches"] if m["provenance"] == "asserted"]
    assert (claimed["standard"], claimed["code"]) == ("isri-circular@2024", "200")
    assert claimed["assertion"]["b"] == "isri-circular@2022:200"  # as its source stated it
    assert claimed["assertion"]["status"] == "proposed"
    assert claimed["assertion"]["note"] == "asserted against the 2022 edition"
    assert "isri-circular@2022" not in {m["standard"] for m in data["matches"]}


def test_an_assertion_is_shown_on_the_edition_in_force_from_either_side(run):
    # trade.toml: gbt-38472@2019:铝块 ~ isri-circular@2022:Zorba
    code, out, _ = run("lookup", "Zorba", "--as-of", AS_OF)
    assert code == 0
    ((line, claim),) = _claims(out)
    assert line.startswith("  GB/T 38472-2023   铝块 ")
    assert "(proposed, asserted against the 2019 edition)" in claim
    assert "GB/T 38472-2019" not in out
    # from the Chinese side, ISRI 2024 holds Zorba as 2022 did
    code, out, _ = run("lookup", "gbt-38472:铝块", "--as-of", AS_OF)
    ((line, claim),) = _claims(out)
    assert " 2024 Zorba " in line and "asserted against the 2022 edition" in claim


@pytest.mark.parametrize(
    ("args", "line_start"),
    [
        # an edition named with --in is the edition shown: the claim stays where it was stated
        (
            ["--in", "isri-circular@2022", "--as-of", AS_OF],
            "  ISRI Scrap Specifications Circular 2022 200 ",
        ),
        # on a day the 2022 edition was the one in force
        (["--as-of", "2023-06-01"], "  ISRI Scrap Specifications Circular 2022 200 "),
    ],
)
def test_an_assertion_on_the_edition_shown_is_shown_as_stated(run, args, line_start):
    code, out, _ = run("lookup", "E3", *args)
    assert code == 0
    ((line, claim),) = _claims(out)
    assert line.startswith(line_start)
    assert claim.strip().startswith("asserted: comparable (proposed) — https://")


def test_an_assertion_on_a_grade_gone_from_the_edition_in_force_is_marked_superseded(run, tmp_path):
    folder = tmp_path / "extra" / "correspondences"
    folder.mkdir(parents=True)
    (folder / "committee.toml").write_text(
        '[[correspondences]]\na = "isri-circular@2022:Birch"\nb = "gbt-38471@2019:RCu-1C"\n'
        'verdict = "comparable"\nsource = "https://example.invalid/minutes"\n',
        encoding="utf-8",
    )
    args = ["lookup", "Birch", "--as-of", AS_OF, "--standards", str(tmp_path / "extra")]
    code, out, _ = run(*args)
    assert code == 0
    ((line, claim),) = _claims(out)
    # GB/T 38471-2023 (in force) holds no RCu-1C: the claim stays on 2019, said superseded, and
    # comes after the edition in force
    assert line.startswith("  GB/T 38471-2019   RCu-1C ")
    assert (
        "(proposed, asserted against the 2019 edition, superseded by gbt-38471@2023; RCu-1C "
        "not held there)" in claim
    )
    assert out.index("GB/T 38471-2023") < out.index("GB/T 38471-2019")
    data = json.loads(run(*args, "-f", "json")[1])
    (claimed,) = [m for m in data["matches"] if m["provenance"] == "asserted"]
    assert claimed["standard"] == "gbt-38471@2019" and claimed["assertion"]["superseded"] is True


def test_an_assertion_on_an_edition_later_than_the_one_shown_is_said_so(run):
    # on 2020-01-01 ISRI 2017 was in force, and it holds no 200: the 2022 claim keeps its edition
    code, out, _ = run("lookup", "E3", "--as-of", "2020-01-01")
    assert code == 0
    ((line, claim),) = _claims(out)
    assert line.startswith("  ISRI Scrap Specifications Circular 2022 200 ")
    assert "(proposed, asserted against the 2022 edition, later than isri-circular@2017; 200 " in (
        claim
    )
    assert "superseded" not in claim


def test_lookup_csv_against_a_regulation_gives_the_conformity(run):
    """A grade looked up against a regulation has no matches, only conformity: the CSV gives
    one row per criterion (it printed only a header)."""
    code, out, _ = run("lookup", "Birch", "--in", "eu-2013-715", "-f", "csv")
    assert code == 0
    rows = list(csv.DictReader(out.splitlines()))
    assert rows and all(r["regulation"] == "eu-2013-715@2013" for r in rows)
    assert any(r["prop"] == "foreign_material" and r["why"] for r in rows)


# --- editions held in part (issue 14) -------------------------------------------------------


def test_an_edition_in_force_held_in_part_falls_back_labelled(run):
    """GB/T 38471-2023 holds two grades: the README's own question gets its answer from the
    2019 edition, and says so on the line before it."""
    code, out, _ = run("lookup", "Birch")
    assert code == 0
    lines = out.splitlines()
    label = next(i for i, line in enumerate(lines) if line.startswith("  answered from"))
    assert "GB/T 38471-2019, superseded; the 2023 edition is held in part" in lines[label]
    assert lines[label + 1].split()[:3] == ["GB/T", "38471-2019", "RCu-1C"]
    # every line that shows the superseded edition comes after its label
    first_2019 = min(i for i, line in enumerate(lines) if "38471-2019   " in line)
    assert first_2019 == label + 1


def test_an_edition_named_answers_alone(run):
    out = run("lookup", "Birch", "--in", "gbt-38471@2023")[1]
    assert "answered from" not in out and "38471-2019   RCu" not in out


def test_json_says_what_was_typed_and_what_answered(run):
    data = json.loads(run("lookup", "birch", "--format", "json")[1])
    assert data["query"]["text"] == "birch"  # as typed, not the grade's completeness
    assert (data["query"]["code"], data["query"]["held"]) == ("Birch", "partial")
    (fallback,) = [f for f in data["fallbacks"] if f["in_force"] == "gbt-38471@2023"]
    assert fallback["answered_from"] == "gbt-38471@2019"
    assert any(m["standard"] == "gbt-38471@2019" for m in data["matches"])


def test_in_leaves_out_asserted_claims_on_other_standards(run):
    """E3 has a claim against ISRI 200; asked only of GB/T 39733, the answer is GB/T's alone."""
    code, out, _ = run("lookup", "E3", "--as-of", "2026-01-01")
    assert code == 0 and "200" in out and "asserted" in out
    code, out, _ = run("lookup", "E3", "--in", "gbt-39733", "--as-of", "2026-01-01")
    assert code == 0 and "ISRI" not in out and "asserted" not in out


def test_a_standard_of_the_family_holding_no_grade_is_said(run):
    """Honey is brass; GB/T 38470-2023 (copper alloy) is in force but its table is not held:
    the answer says so, and where an older edition is, rather than leaving it out."""
    code, out, _ = run("lookup", "Honey", "--as-of", "2026-01-01")
    assert code == 0
    (line,) = [x for x in out.splitlines() if x.strip().startswith("GB/T 38470")]
    assert "no grade held (grade list unknown); other editions: --in gbt-38470@2019" in line
    code, out, _ = run("lookup", "Honey", "--as-of", "2026-01-01", "-f", "json")
    assert json.loads(out)["unheld"] == ["gbt-38470@2023"]
    code, out, _ = run("lookup", "E3", "--as-of", "2026-01-01")  # steel: no copper standard
    assert "no grade held" not in out or "38470" not in out


@pytest.mark.parametrize(
    ("query", "as_of", "note"),
    [
        (
            "Birch",
            "2013-06-01",
            "isri-circular@2024 took effect on 2024-02-07, after 2013-06-01; "
            "isri-circular@2007, in force then, holds no Birch",
        ),
        (
            "RCu-1A",
            "2026-01-01",
            "gbt-38471@2019 is superseded by gbt-38471@2023, which holds no RCu-1A",
        ),
        ("Birch", "2026-01-01", ""),
    ],
)
def test_a_grade_read_from_an_edition_not_in_force_says_so(run, query, as_of, note):
    code, out, _ = run("lookup", query, "--as-of", as_of, "-f", "json")
    assert code == 0 and json.loads(out)["edition_note"] == note
    code, out, _ = run("lookup", query, "--as-of", as_of)
    assert (f"note: {note}" in out.splitlines()[1]) if note else "note:" not in out.splitlines()[1]
