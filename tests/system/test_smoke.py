"""Every grade and every pair of the bundled corpus through the commands a user runs: no
traceback, no unexpected exit. (A lot check against ISRI once raised on "free of moisture".)"""

import itertools
import json

import pytest

from stdcompare.corpus import Corpus

AS_OF = "2026-01-01"


@pytest.fixture(scope="module")
def corpus():
    from datetime import date

    return Corpus.discover(as_of=date.fromisoformat(AS_OF))


def test_every_grade_in_force_looks_up(run, corpus):
    in_force = [s for k in corpus.standard_keys() if (s := corpus.in_force(k)) is not None]
    assert sum(len(s.grades) for s in in_force) > 100
    for std in in_force:
        for n, grade in enumerate(std.grades):
            # Text for every grade, JSON for each standard's first: the answer is the same
            # data, and indented JSON costs more than the answer (json's Python encoder).
            fmt = "json" if n == 0 else "text"
            code, out, err = run("lookup", f'{std.ref}:"{grade.code}"', "-f", fmt)
            assert code == 0, (std.ref, grade.code, err)
            assert json.loads(out)["query"] if fmt == "json" else out.startswith(grade.code)


def test_every_pair_of_standards_in_force_compares(run, corpus):
    in_force = [s.ref for k in corpus.standard_keys() if (s := corpus.in_force(k)) is not None]
    assert len(in_force) > 10
    for a, b in itertools.combinations(in_force, 2):
        code, out, err = run("compare", a, b, "-f", "json", "--as-of", AS_OF)
        assert code == 0, (a, b, err)
        assert json.loads(out)["a"]["ref"] == a


def test_a_lot_measuring_every_property_checks_against_everything(run, corpus, tmp_path):
    vocab = corpus.vocabulary
    lines = ["[assay]"]
    for key in vocab.property_keys():
        if "{" not in key and vocab.property(key).quantity in (
            "mass_fraction",
            "length",
            "density",
            "mass",
        ):
            lines.append(f'"{key}" = 1')
    lines += ["Cu = 96", "Al = 92", "[findings]"]
    lines += [f"{name} = false" for name in sorted(vocab.contaminants)]
    lot = tmp_path / "lot.toml"
    lot.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # every family: the root family, or the lot's Cu would leave the other families out
    code, out, err = run("check", str(lot), "-f", "json", "--as-of", AS_OF, "--family", "metal")
    assert code == 0, err
    results = json.loads(out)["results"]
    assert len(results) > 100 and {r["result"] for r in results} >= {"fails"}
