"""The interface's words in the language asked (`--lang en|zh`), from the reviewed glossary in
standards/vocabulary/interface.toml: a phrase with its fields, or one word (a verdict, an
outcome, a source tier). A phrase or word the glossary lacks in that language is said in
English, and a word it lacks altogether as it is.

The library says some things in English (a gap's caveat, the harmonisation's advice, an error
and its hint): `sentence` says them in the language asked through the glossary's [patterns],
the English with its fields and the Chinese; a sentence no pattern fits stays as it is."""

from __future__ import annotations

import re
from functools import cache
from types import SimpleNamespace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary


class Speech:
    def __init__(self, table: dict, lang: str = "en") -> None:
        self.lang = lang
        self._table = table
        self._phrases = table.get("phrases", {})
        self._words = table.get("words", {})

    def __call__(self, key: str, **fields) -> str:
        entry = self._phrases[key]
        return (entry.get(self.lang) or entry["en"]).format(**fields)

    def word(self, word: str) -> str:
        entry = self._words.get(word)
        return (entry.get(self.lang) or entry.get("en", word)) if entry else word

    def term(self, table: str, key: str) -> str:
        """One entry of any table of the glossary ([score], [report] …); a key it lacks as
        it is."""
        entry = self._table.get(table, {}).get(key)
        return (entry.get(self.lang) or entry.get("en", key)) if entry else key

    def words_of(self, table: str) -> SimpleNamespace:
        """A table's entries in this language, by key: `W.status`, `L.grade`."""
        return SimpleNamespace(
            **{k: v.get(self.lang) or v["en"] for k, v in self._table.get(table, {}).items()}
        )

    def join(self, items) -> str:
        return self("list_sep").join(items)

    def sentence(self, text: str | None) -> str | None:
        """Something the library said in English, in the language asked: a word of the
        glossary, a sentence of its [patterns] (each field said in turn), else as it is."""
        if self.lang == "en" or not text:
            return text
        index = _index(id(self._table), self._table)
        memo = index[2].setdefault(self.lang, {})  # a page says the same caveat many times
        if text not in memo:
            memo[text] = _said(index, self.lang, text)
        return memo[text]


def _said(index: tuple, lang: str, text: str, depth: int = 0) -> str:
    whole, patterns, _ = index
    if text in whole:
        return whole[text].get(lang) or text
    if depth > 8:
        return text
    for regex, entry in patterns:
        found = regex.fullmatch(text)
        if found is not None:
            fields = {k: _said(index, lang, v, depth + 1) for k, v in found.groupdict().items()}
            return (entry.get(lang) or entry["en"]).format(**fields)
    return text


# A field of a pattern: "{name}" matches any text, "{name:d}" a number only, "{name:q}" text
# without a quote (what one pair of quotes holds).
_FIELD = re.compile(r"\{(\w+)(?::[dq])?\}")
_TYPED = re.compile(r"\{(\w+):([dq])\}")
_SHAPES = {"d": r"\d+(?:\.\d+)?", "q": r"[^']+"}
_INDEXES: dict[int, tuple] = {}  # id of a glossary → (the glossary, kept alive; its index)


def _index(key: int, table: dict) -> tuple:
    """Every word without fields by its English, and each pattern as a regular expression,
    longest literal text first (the more particular pattern wins)."""
    if key not in _INDEXES or _INDEXES[key][0] is not table:
        whole: dict[str, dict] = {}
        for name in ("words", "patterns", "errors", "phrases", "report", "score"):
            for entry in table.get(name, {}).values():
                if "{" not in entry["en"]:
                    whole.setdefault(entry["en"], entry)
        patterns = []
        entries = [*table.get("patterns", {}).values(), *table.get("errors", {}).values()]
        for entry in entries:
            if "{" in entry["en"]:
                typed = dict(_TYPED.findall(entry["en"]))
                pieces = _FIELD.split(entry["en"])
                regex = "".join(
                    re.escape(p)
                    if i % 2 == 0
                    else f"(?P<{p}>{_SHAPES[typed[p]] if p in typed else '.+?'})"
                    for i, p in enumerate(pieces)
                )
                literal = sum(len(p) for p in pieces[::2])
                patterns.append((literal, re.compile(regex, re.DOTALL), entry))
        patterns.sort(key=lambda x: -x[0])
        memo: dict[str, dict[str, str]] = {}
        _INDEXES[key] = (table, (whole, [(r, e) for _, r, e in patterns], memo))
    return _INDEXES[key][1]


def error_lines(exc, lang: str = "en") -> tuple[str, str | None]:
    """An error's message and hint (StdcompareError.for_cli) in the language asked: each
    said through the glossary's [errors] and [patterns]; the file and line it names, codes
    and quoted text stay as they are, and a sentence no pattern fits stays English."""
    message, hint = exc.for_cli()
    if lang == "en":
        return message, hint
    say = speech(None, lang)
    where = exc.location()
    if where and message.startswith(f"{where}: "):
        message = f"{where}: {say.sentence(message[len(where) + 2 :])}"
    else:
        message = say.sentence(message) or message
    return message, say.sentence(hint)


def said_error(message: str, hint: str | None, lang: str = "en") -> tuple[str, str | None]:
    """An error that is no StdcompareError (the command line's own: a missing option) in the
    language asked, by the same patterns."""
    if lang == "en":
        return message, hint
    say = speech(None, lang)
    return say.sentence(message) or message, say.sentence(hint)


def error_text(exc, lang: str = "en") -> list[str]:
    """The lines the CLI prints for an error: 'stdcompare: error: …' and 'hint: …', the two
    prefixes in the language asked too ('stdcompare: 错误：…', '提示：…')."""
    message, hint = error_lines(exc, lang)
    said = speech(None, lang).words_of("report")
    lines = [f"stdcompare: {said.error_prefix}{message}"]
    return lines + ([f"{said.hint_prefix}{hint}"] if hint else [])


def help_text(text: str | None, lang: str) -> str | None:
    """A command's or option's `--help` text in the language asked: paragraph by paragraph
    through the glossary's [help], found by its English; a paragraph it lacks (an example's
    command line) stays as it is."""
    if lang == "en" or not text:
        return text
    table = _help(lang)
    said = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        plain = " ".join(paragraph.split())
        if plain.startswith("Example:") and "example" in table:
            said.append(table["example"] + paragraph.split(":", 1)[1])
        else:
            said.append(table.get(plain, paragraph))
    return "\n\n".join(said)


@cache
def _help(lang: str) -> dict[str, str]:
    entries = _bundled().get("help", {}).values()
    found = {" ".join(e["en"].split()): e.get(lang) or e["en"] for e in entries}
    found["example"] = {"zh": "示例："}.get(lang, "Example:")
    return found


def speech(vocab: Vocabulary | None = None, lang: str = "en") -> Speech:
    return Speech(vocab.interface if vocab is not None else _bundled(), lang)


@cache
def _bundled() -> dict:
    """The bundled glossary, for a renderer called without a vocabulary (a notebook's
    `qualifies(pair)`)."""
    import tomllib

    from ..resources import data_dir

    path = data_dir("standards") / "vocabulary" / "interface.toml"
    with path.open("rb") as fh:
        return tomllib.load(fh)
