"""The dates an EU act's articles state, in English, French and German."""

from datetime import date

import pytest

from stdcompare.parsers._eu_dates import day, effective_date

PUBLISHED = date(2013, 6, 27)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This Regulation shall enter into force on the twentieth day following that of its "
         "publication in the Official Journal.", date(2013, 7, 17)),
        ("This Directive shall enter into force on the 20th day following its publication.",
         date(2013, 7, 17)),
        ("Le présent règlement entre en vigueur le vingtième jour suivant celui de sa "
         "publication.", date(2013, 7, 17)),
        ("Diese Verordnung tritt am zwanzigsten Tag nach ihrer Veröffentlichung im Amtsblatt "
         "der Europäischen Union in Kraft.", date(2013, 7, 17)),
        ("It shall apply from 1 January 2014.", date(2014, 1, 1)),
        ("Elle est applicable à partir du 1er janvier 2014.", date(2014, 1, 1)),
        ("Sie gilt ab dem 1. Januar 2014.", date(2014, 1, 1)),
    ],
)  # fmt: skip
def test_effective_date_in_three_languages(text, expected):
    found, how = effective_date([("Article 9", text)], PUBLISHED)
    assert found == expected and how.where == "Article 9"


def test_days_as_printed():
    assert day("vom 26. Juni 2013") == date(2013, 6, 26)
    assert day("05.07.2018") == date(2018, 7, 5)
    assert day("le 1er janvier 2014") == date(2014, 1, 1)
