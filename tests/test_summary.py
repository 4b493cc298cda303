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
    assert line.endswith("[trader, translation]")  # EFR's evidence, not ISRI's trade press


def test_stricter_there_shows_the_candidates_limit(run):
    """The other way round: ISRI 200 looked up against EFR, the EFR limit is the stricter one,
    shown first under 'stricter there' with ISRI's own in brackets."""
    code, out, _ = run("lookup", "200", "--in", "efr-steel", "--as-of", AS_OF)
    assert code == 0
    lines = _lines(out, "stricter there")
    assert any("≤ 1.5 × 0.5 × 0.5 m (ISRI" in x and ": ≤ 60 × 24 in)" in x for x in lines)
