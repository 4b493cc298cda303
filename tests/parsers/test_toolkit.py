"""The parser toolkit (stdcompare/parsers/toolkit): one decoder, one phrase table read from the
vocabulary, one word comparison, one date reader, one table placement, each on the kinds of
text the parsers meet."""

from __future__ import annotations

import codecs
import shutil
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from stdcompare.errors import SourceError
from stdcompare.parsers.toolkit import dates
from stdcompare.parsers.toolkit.decode import CHINESE, WESTERN, decode
from stdcompare.parsers.toolkit.phrases import phrases
from stdcompare.parsers.toolkit.recogniser import Recogniser
from stdcompare.parsers.toolkit.tables import Table
from stdcompare.parsers.toolkit.words import same_word
from stdcompare.quantities import parse_bound
from stdcompare.resources import data_dir
from stdcompare.vocabulary import load_vocabulary

VOCABULARY = data_dir("standards") / "vocabulary"
VOCAB = load_vocabulary(VOCABULARY)
PATH = Path("doc.txt")


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("done at Brussels, 12 December 2017", date(2017, 12, 12)),  # EUR-Lex, English
        ("du 1er janvier 2014", date(2014, 1, 1)),  # French
        ("vom 26. Juni 2013", date(2013, 6, 26)),  # German
        ("JO L 349 du 28.12.2017", date(2017, 12, 28)),  # an Official Journal header
        ("release 2009-05-30", date(2009, 5, 30)),  # ISO
        ("2019-06-04 发布", date(2019, 6, 4)),  # a GB/T cover
        ("2019年6月4日实施", date(2019, 6, 4)),
        ("Effective as of: May 1, 2020", date(2020, 5, 1)),  # the ISRI circular
        ("effective Sept. 1st 2021", date(2021, 9, 1)),
        ("31 février 2020", None),  # no such day
        ("no date at all", None),
    ],
)
def test_day_as_printed(printed, expected):
    assert dates.day(printed) == expected


def test_metadata_fields():
    assert dates.stamp("20081121") == date(2008, 11, 21)  # Formex
    assert dates.stamp("2009-05-30T00:00:00") == date(2009, 5, 30)
    assert dates.stamp("200811210") is None and dates.stamp("2008-12") is None
    assert dates.year_month("2008-12") == (2008, 12)  # an ISO release date without its day
    assert dates.year_month("2008年12月") == (2008, 12)
    assert dates.year_month("2008-13") is None and dates.year_month("2008-12-01") is None


# --- decoding --------------------------------------------------------------------------------

TEXT = "Copper content ≥ 99.9 %\n铜含量不小于 99.9%\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + TEXT.encode(), "utf-8"),
        (TEXT.encode(), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"), "utf-32-be"),
    ],
)
def test_decoded_by_mark_or_as_utf8(data, encoding):
    for guess in (WESTERN, CHINESE):
        found = decode(data, PATH, guess)
        assert (found.text, found.encoding, found.warnings) == (TEXT, encoding, [])


def test_each_reader_guesses_for_its_documents():
    western = decode("Façade grade ½ inch".encode("cp1252"), PATH, WESTERN)
    assert western.text == "Façade grade ½ inch" and "Windows-1252" in western.warnings[0]
    chinese = decode("铜含量不小于 99.9%".encode("gb18030"), PATH, CHINESE)
    assert chinese.text == "铜含量不小于 99.9%" and "GB18030" in chinese.warnings[0]
    utf16 = decode("GB/T 38471—2019".encode("utf-16-le"), PATH, CHINESE)
    assert utf16.text == "GB/T 38471—2019" and "UTF-16-LE" in utf16.warnings[0]


def test_a_text_cut_inside_a_character_keeps_what_is_before():
    for guess in (WESTERN, CHINESE):  # a head read for sniffing is cut anywhere
        cut = decode("铜含量".encode()[:-1], PATH, guess)
        assert cut.text == "铜含" and "ends inside a UTF-8 character" in cut.warnings[0]


def test_binary_noise_is_refused():
    noise = bytes(range(256)) * 8
    for guess in (WESTERN, CHINESE):
        with pytest.raises(SourceError, match="binary data|not valid"):
            decode(noise, PATH, guess)


# --- words and phrases -----------------------------------------------------------------------


def test_same_word_plain_and_with_stems():
    for a, b in [("materials", "material"), ("aluminum", "aluminium"), ("content", "contents")]:
        assert same_word(a, b) and same_word(a, b, True)
    # ratio 77: a spelling this far apart is folded by the vocabulary's spellings, not here
    assert not same_word("sulfur", "sulphur")
    for a, b in [("material", "metal"), ("oil", "soil"), ("lead", "load")]:
        assert not same_word(a, b) and not same_word(a, b, True)
    assert same_word("metal", "metallic", True) and not same_word("metal", "metallic")


def test_bound_words_are_one_table_for_every_reader():
    table = phrases(VOCAB)
    assert "不大于" in table.bounds.at_most and "not more than" in table.bounds.at_most
    assert table.bounds.at_most.index("not more than") < table.bounds.at_most.index("max")
    # parse_bound reads the whole table: running-text forms too (once a parse error)
    assert parse_bound("less than or equal to 5 %").interval.hi == D(5)
    assert parse_bound("不大于 0.5").interval.hi == D("0.5")
    assert table.agreed.search("sizes unless otherwise agreed between buyer and seller")
    assert table.zh_agreed.search("尺寸由供需双方协商确定")
    assert table.zh_free.search("不得混入炸药、密闭容器").group("list") == "炸药、密闭容器"


def test_the_phrase_table_is_data(tmp_path):
    """A word added to vocabulary/phrases.toml is read by the recogniser: no list in code."""
    folder = tmp_path / "vocabulary"
    shutil.copytree(VOCABULARY, folder)
    before = Recogniser(VOCAB).limits_in("Moisture beneath 5 % by mass.")
    phrases_toml = folder / "phrases.toml"
    text = phrases_toml.read_text(encoding="utf-8")
    phrases_toml.write_text(text.replace('below = ["小于"', 'below = ["beneath", "小于"'), "utf-8")
    after = Recogniser(load_vocabulary(folder)).limits_in("Moisture beneath 5 % by mass.")
    assert before == []
    assert [(lim.prop, lim.hi, lim.hi_inclusive, lim.unit) for lim in after] == [
        ("moisture", D(5), False, "%")
    ]


def test_the_prose_reader_takes_its_words_around_a_number_from_the_table(tmp_path):
    """ "97 % min." and "about 96 %" are read with the table's after and nominal words; a word
    added there ("at the least" after a number) is read too."""
    from stdcompare.parsers.prose import lexicon, read_requirements

    minimum = read_requirements("Copper content 97% min.", lexicon(VOCAB), "t").reqs
    about = read_requirements("Copper content about 96%.", lexicon(VOCAB), "t").reqs
    assert [(r.prop, r.lo) for r in minimum] == [("content.Cu", D(97))]
    assert [(r.prop, r.nominal, r.approx) for r in about] == [("content.Cu", D(96), True)]
    folder = tmp_path / "vocabulary"
    shutil.copytree(VOCABULARY, folder)
    table = folder / "phrases.toml"
    text = table.read_text(encoding="utf-8")
    table.write_text(
        text.replace(
            'at_least = ["minimum", "min.", "min", "or more"',
            'at_least = ["at the least", "minimum", "min.", "min", "or more"',
        ),
        "utf-8",
    )
    before = read_requirements("Copper content 97% at the least.", lexicon(VOCAB), "t")
    after = read_requirements(
        "Copper content 97% at the least.", lexicon(load_vocabulary(folder)), "t"
    )
    assert [r.nominal for r in before.reqs] == [D(97)]  # unbounded: read as a nominal
    assert [(r.prop, r.lo) for r in after.reqs] == [("content.Cu", D(97))]


# --- the table model ---------------------------------------------------------------------------


def _grid(rows, header):
    """Cells as (text, colspan, rowspan) tuples."""
    table = Table.placed(
        rows, lambda c: None, lambda c: c[1], lambda c: c[2], lambda c, r: header(c, r)
    )
    for row in table.rows:
        for cell in row:
            cell.text = cell.content[0]
    return table


def test_the_table_model_places_spans_and_reads_the_header():
    top = _grid(
        [
            [("Element", 1, 2), ("Mass fraction, %", 2, 1)],
            [("min.", 1, 1), ("max.", 1, 1)],
            [("Cu", 1, 1), ("99.9", 1, 1), ("", 1, 1)],
        ],
        lambda c, r: r <= 2,
    )
    assert [[(c.column, c.own) for c in row] for row in top.rows] == [
        [(1, True), (2, True)],
        [(1, False), (2, True), (3, True)],
        [(1, True), (2, True), (3, True)],
    ]
    assert top.header_direction() == "top" and top.header_rows() == [0, 1]
    unit = {"Mass fraction, %": "%"}.get
    assert top.column_units(unit)[2] == [None, "%", "%"]  # the spanning header: columns 2, 3
    assert top.texts(top.rows[1]) == ["Element", "min.", "max."]
    side = _grid([[("Copper", 1, 1), ("≥ 99.9", 1, 1)]], lambda c, r: c[0] == "Copper")
    assert side.header_direction() == "side"
    assert _grid([[("a", 1, 1)]], lambda c, r: False).header_direction() is None


def test_a_cell_knows_the_rows_it_spans_and_the_header_over_it():
    """A cell spanning rows keeps its depth (a GB/T category merged over its rows, a Formex
    ROWSPAN); the header over a column is the nearest header row's cell covering it."""
    table = _grid(
        [
            [("Category", 1, 1), ("Content, %", 2, 1)],
            [("Castings", 1, 2), ("98", 1, 1), ("95", 1, 1)],
            [("97", 1, 1), ("96", 1, 1)],
        ],
        lambda c, r: r == 1,
    )
    castings = table.rows[1][0]
    assert (castings.depth, castings.width) == (2, 1)
    assert [(c.column, c.own) for c in table.rows[2]] == [(1, False), (2, True), (3, True)]
    assert table.header_over(3, 3).text == "Content, %"  # spanning columns 2 and 3
    assert table.header_over(3, 1).text == "Category"
    assert table.header_over(1, 1) is None  # nothing above the first row
    assert _grid([[("a", 1, 99)]], lambda c, r: False).rows[0][0].depth == 1  # kept in the table
