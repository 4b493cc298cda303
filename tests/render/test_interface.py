"""The output interface (render/interface.py): which format an answer is written in, and what
a format it does not offer, or a file name that names none, says."""

from __future__ import annotations

from pathlib import Path

import pytest

from stdcompare.errors import StdcompareError
from stdcompare.render.interface import BOM, EXTENSIONS, Format, Output


def _answer(*formats: Format, **kwargs) -> Output:
    return Output({f: (lambda f=f: f"{f.value} answer\n") for f in formats}, **kwargs)


def test_the_format_asked_for_goes_to_a_file_whose_name_names_none_or_text():
    answer = _answer(Format.text, Format.json, Format.github)
    assert answer.choose(Format.json, Path("answer")) is Format.json
    assert answer.choose(Format.json, Path("answer.out")) is Format.json
    assert answer.choose(Format.github, Path("annotations.txt")) is Format.github


def test_a_format_asked_for_that_the_file_name_contradicts_is_refused():
    """`-f md -o draft.toml` would put Markdown where a TOML draft is (and was) expected."""
    answer = _answer(Format.text, Format.md, Format.toml)
    with pytest.raises(StdcompareError) as caught:
        answer.choose(Format.md, Path("draft.toml"))
    assert str(caught.value) == "--format md contradicts the extension of draft.toml"
    assert caught.value.hint == "give one of them only, or name a file .md or .markdown"


@pytest.mark.parametrize(
    "name, expected",
    [
        ("gaps.html", Format.html),
        ("GAPS.HTM", Format.html),
        ("gaps.json", Format.json),
        ("gaps.md", Format.md),
        ("gaps.markdown", Format.md),
        ("gaps.txt", Format.text),
        ("junit.xml", Format.junit),
    ],
)
def test_the_extension_names_the_format(name, expected):
    answer = _answer(*Format)
    assert answer.choose(None, Path(name)) is expected


def test_without_either_the_first_format_offered_is_the_default():
    assert _answer(Format.html, Format.text).choose(None, None) is Format.html
    # a file without an extension is written in the default format, not refused
    assert _answer(Format.json, Format.toml).choose(None, Path("draft")) is Format.json


def test_an_extension_that_names_no_format_is_one_error_with_the_ones_that_do():
    with pytest.raises(StdcompareError) as caught:
        _answer(Format.text, Format.csv).choose(None, Path("table.xlsx"))
    assert "cannot tell the format of table.xlsx" in str(caught.value)
    assert caught.value.hint == "use .txt or .csv, or give --format"


def test_a_format_the_answer_does_not_offer_is_refused_naming_those_it_does():
    answer = _answer(Format.text, Format.json)
    with pytest.raises(StdcompareError) as caught:
        answer.choose(Format.csv, None)
    assert str(caught.value) == "this command has no csv output"
    assert caught.value.hint == "give --format text or json"
    with pytest.raises(StdcompareError) as by_file:
        answer.choose(None, Path("rows.csv"))
    assert "(asked for by rows.csv)" in str(by_file.value)
    assert by_file.value.hint == "give --format text or json, or name a file .txt or .json"


def test_excel_puts_a_byte_order_mark_before_csv_only():
    answer = _answer(Format.csv, Format.json)
    assert answer.render(Format.csv, excel=True) == BOM + "csv answer\n"
    assert answer.render(Format.json, excel=True) == "json answer\n"
    assert answer.render(Format.csv) == "csv answer\n"


def test_excel_on_a_csv_written_in_pieces_starts_with_the_mark():
    answer = Output({Format.csv: lambda: iter(["a,b\n", "1,2\n"])})
    assert "".join(answer.render(Format.csv, excel=True)) == BOM + "a,b\n1,2\n"


def test_notes_after_are_left_out_where_the_format_says_them_itself():
    answer = _answer(Format.text, Format.json, after=("3 failing",), said_in=(Format.text,))
    assert answer.notes_after(Format.text) == ()
    assert answer.notes_after(Format.json) == ("3 failing",)


def test_every_format_has_an_extension_but_github_annotations():
    # annotations are printed by a workflow step, never written to a file of their own
    assert set(Format) - set(EXTENSIONS.values()) == {Format.github}
