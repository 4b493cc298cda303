"""The safe XML and HTML readers: here, how a page's characters are decoded."""

from stdcompare.xmlsafe import parse_html


def _text(data: bytes) -> str:
    return "".join(parse_html(data, "page.html").itertext())


def test_a_page_that_declares_no_character_set_is_read_as_utf8_when_it_is():
    assert _text("<html><body><p>‘2 %’ Maßnahme</p></body></html>".encode()) == "‘2 %’ Maßnahme"


def test_a_declared_character_set_is_honoured():
    latin = '<html><head><meta charset="iso-8859-1"></head><body><p>Maßnahme</p></body></html>'
    assert _text(latin.encode("latin-1")) == "Maßnahme"
    # Bytes that are no UTF-8 and say nothing are left to the HTML reader's own default.
    assert _text("<html><body><p>Maßnahme</p></body></html>".encode("latin-1")) == "Maßnahme"
