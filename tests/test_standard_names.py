"""A standard as people name it, read from the corpus's keys and designations."""

import pytest

from stdcompare.corpus import Corpus
from stdcompare.errors import RefError
from stdcompare.standard_names import named, names, normal


@pytest.fixture(scope="module")
def corpus():
    return Corpus.discover()


@pytest.mark.parametrize(
    ("name", "key", "edition"),
    [
        ("isri", "isri-circular", None),
        ("ISRI", "isri-circular", None),
        ("GB/T 38471-2019", "gbt-38471", "2019"),
        ("GB/T 38471—2019", "gbt-38471", "2019"),
        ("gbt 38471", "gbt-38471", None),
        ("38471", "gbt-38471", None),
        ("EN 12861", "en-12861", None),
        ("EFR", "efr-steel", None),
        ("QCVN 66:2024/BTNMT", "vn-qcvn-66", "2024"),
        ("QCVN 66", "vn-qcvn-66", None),
        ("Council Regulation (EU) No 333/2011", "eu-2011-333", "2011"),
    ],
)
def test_names_people_use(corpus, name, key, edition):
    assert named(name, names(corpus.standards)) == (key, edition)


@pytest.mark.parametrize("name", ["gbt", "GB/T", "en", "2020", "43", "", "copper"])
def test_a_name_of_several_or_none_names_nothing(corpus, name):
    """GB/T names six standards, "en" two; a year or a short number is no standard's name."""
    assert named(name, names(corpus.standards)) == ("", None)


def test_normal_leaves_out_case_spaces_and_marks():
    assert normal("GB/T 38471—2019") == normal("gbt38471-2019") == "gbt384712019"


def test_the_command_line_resolves_a_name_and_keeps_paths_for_files(corpus, tmp_path):
    assert corpus.resolve("GB/T 38471-2019").ref == "gbt-38471@2019"
    assert corpus.resolve("isri@2017").ref == "isri-circular@2017"
    with pytest.raises(RefError, match="no such file: GB/T"):  # names six: read as a path
        corpus.resolve("GB/T")
    with pytest.raises(RefError, match="unknown standard 'isri'"):
        corpus.resolve("isri", files=False)  # a file names a standard by its key only
