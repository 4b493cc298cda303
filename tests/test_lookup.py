"""lookup: resolution of the query, the JSON shape, and asserted correspondences."""

import json
from datetime import date

import pytest

from stdcompare.corpus import Corpus
from stdcompare.errors import RefError
from stdcompare.lookup import lookup, resolve_query

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
