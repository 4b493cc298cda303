"""JSON text as the commands print it, written without holding every piece of it at once."""

from __future__ import annotations

import json
from itertools import islice

from .inert import json_inert


def json_text(data) -> str:
    """json.dumps(data, ensure_ascii=False, indent=2) + "\n", the same text with less memory,
    and inert (inert.json_inert: no character a terminal acts on; it reads back the same).

    With an indent, json encodes in Python and dumps() keeps every piece it yields (a key, a
    quote, a comma) in one list until the end: eight times the text, 11 GB for the 1.1 GB of a
    165 000-pair comparison. Here the pieces are joined as they come, a few thousand at a time.
    """
    pieces = json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(data)
    parts = []
    while batch := list(islice(pieces, 8192)):  # taken in C, not piece by piece in Python
        parts.append(json_inert("".join(batch)))
    parts.append("\n")
    return "".join(parts)


class OneByOne(list):
    """A list as json writes it, each item made from its source as the encoder reaches it and
    let go after. json's Python encoder (the one an indent uses) asks a list only whether it
    is empty and for its items in order; the list itself stays empty."""

    def __init__(self, sources, make) -> None:
        super().__init__()
        self.sources = sources
        self.make = make

    def __len__(self) -> int:
        return len(self.sources)

    def __iter__(self):
        return (self.make(source) for source in self.sources)
