"""Start tags with absurdly many attributes, found before libxml2's HTML reader sees them.

That reader checks each attribute of a tag against all the others before it: quadratic in the
attributes of one tag (100 000 on one element took 19 s; XML's reader hashes them and is
linear). No real page puts more than a handful on an element, so a tag with over
MAX_ATTRIBUTES is refused.

The scan follows the HTML5 tokenizer, which libxml2 2.14 implements: an attacker must not hide a
tag's attributes from it in a construct that the reader reads differently (a quote opens a value
only after "=", comments end at "-->" or "--!>", script and title hold raw text, "<!…>" and
"<?…>" end at the first ">"). Every pattern is possessive and each match consumes what it read,
so the scan is linear in the size of the page.
"""

from __future__ import annotations

import re

MAX_ATTRIBUTES = 100  # EUR-Lex pages put at most a few on an element (class, id, colspan …)

_WS = rb"[ \t\n\r\f]"  # HTML whitespace; not \s, which also takes \v (part of a name in HTML)
# One attribute: a name (its first character may be "="), then maybe "=" and a value.
_ATTRIBUTE = (
    rb"[^ \t\n\r\f/>][^ \t\n\r\f/>=]*+"
    rb"(?:" + _WS + rb"*+=" + _WS + rb"*+(?:\"[^\"]*+\"?|'[^']*+'?|[^ \t\n\r\f>]*+))?"
)
_TAG_BODY = rb"(?:" + _WS + rb"++|/|" + _ATTRIBUTE + rb")*+"
_RAW = rb"script|style|xmp|iframe|noembed|noframes|textarea|title"
_TOKEN = re.compile(
    rb"<!--(?>-?>|.*?(?:--!?>|\Z))"  # a comment
    rb"|<(?P<raw>" + _RAW + rb")(?![^ \t\n\r\f/>])(?P<raw_tag>" + _TAG_BODY + rb")"
    rb".*?(?:</(?P=raw)(?=[ \t\n\r\f/>])|\Z)"  # an element of raw text, its start tag read
    rb"|<plaintext(?![^ \t\n\r\f/>]).*"  # the rest of the page is text
    rb"|<[A-Za-z][^ \t\n\r\f/>]*+(?P<tag>" + _TAG_BODY + rb")"  # a start tag
    rb"|</[A-Za-z]"
    + _TAG_BODY  # an end tag: its "attributes" are read, then dropped
    + rb"|<[!?/][^>]*+",  # a bogus comment (a DOCTYPE, "<?…>", "<![CDATA[…")
    re.IGNORECASE | re.DOTALL,
)
_COUNTED = re.compile(rb"(?:" + _WS + rb"|/)*+" + _ATTRIBUTE)


def crowded_tag(data: bytes) -> tuple[int, int] | None:
    """(offset, number of attributes) of the first start tag with over MAX_ATTRIBUTES, or
    None. Only tags long enough to hold that many (two bytes each) are counted."""
    for token in _TOKEN.finditer(data):
        body = token.group("tag") or token.group("raw_tag")
        if body and len(body) > 2 * MAX_ATTRIBUTES:
            count = len(_COUNTED.findall(body))
            if count > MAX_ATTRIBUTES:
                return token.start(), count
    return None
