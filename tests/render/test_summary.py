"""The text summary of a pair's differences, as lookup and compare print them."""

from __future__ import annotations

AS_OF = "2026-11-28"


def _lines(out: str, title: str) -> list[str]:
    return [x.strip() for x in out.splitlines() if x.strip().startswith(title)]


def test_stricter_in_the_query_shows_the_querys_own_limit(run):
    """E3 (EFR) holds a piece to 1.5 × 0.5 × 0.5 m, ISRI 200 to 60 × 24 in: the line titled
    'stricter in EFR' must show EFR's limit, with ISRI's in brackets, and cite EFR's sources."""
    code, out, _ = run("lookup", "E3", "--in", "isri-circular@2024", "--as-of", AS_OF)
    assert code == 0
    (line, *_) = _lines(out, "stricter in EU-27 Steel Scrap Specification")
    assert "largest piece dimension ≤ 1.5 × 0.5 × 0.5 m (there: ≤ 60 × 24 in)" in line
    # EFR's evidence (one a third party's copy), not ISRI's trade press
    assert line.endswith("[trader, translation (third-party copy)]")


def test_stricter_there_shows_the_candidates_limit(run):
    """The other way round: ISRI 200 looked up against EFR, the EFR limit is the stricter one,
    shown first under 'stricter there' with ISRI's own in brackets."""
    code, out, _ = run("lookup", "200", "--in", "efr-steel", "--as-of", AS_OF)
    assert code == 0
    lines = _lines(out, "stricter there")
    assert any("≤ 1.5 × 0.5 × 0.5 m (ISRI" in x and ": ≤ 60 × 24 in)" in x for x in lines)


def test_what_is_known_of_a_direction_is_said(run):
    """Clove's copper minimum (99 %) is below RCu-3A's (99.9 %): not every Clove lot qualifies,
    whatever the unknown recovery (and RCu-3A's silence on other metals, which Clove forbids)
    says; only the reverse is undetermined."""
    code, out, _ = run("lookup", "Clove", "--in", "gbt-38471@2019", "--as-of", AS_OF)
    assert code == 0
    assert (
        "not every Clove lot qualifies as RCu-3A; whether RCu-3A lots qualify as Clove is open "
        "until other (non-target) metals and metal recovery are known" in out
    )
    assert "other_metals" not in out and "metal_recovery" not in out  # keys become words


def test_both_ways_names_what_it_let_pass(run):
    """Birch (wire) and Cliff (solids and tubing) differ in free-of lists neither side settles:
    the answer says it holds as far as the limits held go, and names them."""
    code, out, _ = run("lookup", "Birch", "--in", "isri-circular", "--as-of", AS_OF)
    assert code == 0
    (line,) = [x for x in out.splitlines() if " Cliff " in x]
    assert (
        "Birch and Cliff lots qualify both ways, as far as the limits held go (not settled: "
        in line
    )
    assert "free of copper tubing with connections of other metals or containing sediment" in line
    assert "free_of." not in line


def test_compare_text_says_properties_in_words(run):
    """The compare summary, like lookup, names properties in words, never by their keys."""
    code, out, _ = run("compare", "isri-circular@2022", "gbt-38471@2019", "--as-of", AS_OF)
    assert code == 0
    assert "content of copper and metal recovery are known" in out
    assert "content.Cu" not in out and "metal_recovery" not in out


def test_a_regulations_criterion_cites_its_clause(run):
    """A committee checks a criterion against the regulation: 715/2013's 2 % of foreign
    material is Annex I, point 1.2, and the line says so."""
    code, out, _ = run("lookup", "Birch", "--as-of", AS_OF)
    assert code == 0
    (line,) = _lines(out, "Commission Regulation (EU) No 715/2013")
    assert "< 2 % [Annex I, point 1.2] (the grade sets no limit)" in line
