"""A change set in every format CI needs: text, JSON (with its schema), Markdown for a pull
request, JUnit XML, GitHub annotations and HTML — all from the same records."""

from __future__ import annotations

from typing import TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from ..changes import ChangeSet, Level
from . import inert, words
from .speech import Speech, speech

if TYPE_CHECKING:
    from ..vocabulary import Vocabulary

_ANNOTATION = {Level.BREAKING: "error", Level.WARNING: "warning", Level.INFO: "notice"}


def records(
    cs: ChangeSet,
    fail_on: str,
    lines: dict[str, int] | None = None,
    vocab: Vocabulary | None = None,
    lang: str = "en",
) -> dict:
    """The change set as plain data; `lines` places changes in the new file (fingerprint →
    line), for annotations on the line. Each message names its property by its label, in the
    language asked (the bundled vocabulary's when none is given); keys and codes stay."""
    lines = lines or {}
    say = speech(vocab, lang)
    vocab = vocab or _bundled_vocabulary()
    failing_changes = cs.failing(fail_on)
    failing = {c.fingerprint for c in failing_changes}
    return {
        "old": {"ref": cs.old.ref, "designation": cs.old.designation, "file": _file(cs.old)},
        "new": {"ref": cs.new.ref, "designation": cs.new.designation, "file": _file(cs.new)},
        "fail_on": fail_on,
        "summary": {level.value: sum(1 for c in cs.changes if c.level is level) for level in Level},
        "failing": len(failing_changes),  # changes, not fingerprints
        "changes": [
            {
                "check": c.check,
                "level": c.level.value,
                "fingerprint": c.fingerprint,
                "key": c.key,
                "grade": c.grade,
                "group": c.group,
                "prop": c.prop,
                "old": c.old,
                "new": c.new,
                "where_old": c.where_old,
                "where_new": c.where_new,
                "message": message(c, vocab, say),
                "fails": c.fingerprint in failing,
                "accepted": c.accepted,
                "line": lines.get(c.fingerprint),
            }
            for c in cs.changes
        ],
    }


def message(c, vocab: Vocabulary, say: Speech) -> str:
    """A change in words: a requirement's property by its label ("W-2: content of copper ≥ 94 %
    → ≥ 92 % (loosened)", not content.Cu); in Chinese through the glossary's [patterns]."""
    text = c.message
    if c.prop and c.check.split(".")[-2] == "requirement":
        place, sep, rest = text.partition(f": {c.prop} ")
        if sep:
            label = words.prop_label(c.prop, vocab, say.lang)
            if say.lang == "en":
                return f"{place}: {label} {rest}"
            said = f"{say.sentence(place)}{say('colon_sep')}{label} {say.sentence(rest)}"
            return said.replace("nominal ", say.word("nominal") + " ")
    return say.sentence(text) or text


def _bundled_vocabulary() -> Vocabulary:
    from ..resources import data_dir
    from ..vocabulary import Vocabulary

    return Vocabulary(data_dir("standards") / "vocabulary")


def _file(std) -> str | None:
    return std.origin.file if std.origin else None


def text(data: dict, lang: str = "en") -> str:
    say = speech(None, lang)
    said = say.words_of("report")
    lines = [
        f"{data['old']['ref']} → {data['new']['ref']}: "
        + say.join(said.cell_count.format(count=n, word=say.word(lv)) for lv, n in _summary(data))
    ]
    for c in sorted(data["changes"], key=_order):
        mark = said.accepted_mark if c["accepted"] else ""
        level = say.word(c["level"])
        lines.append(f"  {level:<8} {mark}{c['check']:<28} {c['message']}  [{c['fingerprint']}]")
    lines.append(said.not_accepted.format(count=data["failing"], level=data["fail_on"]))
    return inert.lines(lines)


def _summary(data: dict):
    return data["summary"].items()


def _order(c: dict):
    return ({"breaking": 0, "warning": 1, "info": 2}[c["level"]], c["check"], c["grade"] or "")


def markdown(data: dict, lang: str = "en") -> str:
    say = speech(None, lang)
    said = say.words_of("report")
    head = (said.level, said.check, said.change, said.clause_old_new, said.fingerprint)
    lines = [
        f"### {said.diff_page_title}: {_cell(data['old']['designation'])} → "
        f"{_cell(data['new']['designation'])}",
        "",
        " · ".join(f"**{n}** {say.word(level)}" for level, n in _summary(data))
        + f" · **{data['failing']}** {said.failing.format(level=data['fail_on'])}",
        "",
        "| " + " | ".join(head) + " |",
        "|---|---|---|---|---|",
    ]
    for c in sorted(data["changes"], key=_order):
        where = f"{c['where_old'] or '—'} → {c['where_new'] or '—'}"
        level = say.word(c["level"]) + (said.accepted_note if c["accepted"] else "")
        lines.append(
            f"| {level} | `{c['check']}` | {_cell(c['message'])} | {_cell(where)} "
            f"| `{c['fingerprint']}` |"
        )
    lines += ["", said.transcription_md, ""]
    return "\n".join(lines)


_cell = inert.md_cell


def github(data: dict) -> str:
    """Workflow commands: one annotation per change, on the new side's file."""
    path = data["new"]["file"] or data["new"]["ref"]
    lines = []
    for c in sorted(data["changes"], key=_order):
        kind = "notice" if c["accepted"] else _ANNOTATION[Level(c["level"])]
        title = f"{c['check']} [{c['fingerprint']}]"
        line = f",line={c['line']}" if c.get("line") else ""
        lines.append(f"::{kind} file={_gh(path)}{line},title={_gh(title)}::{_gh_msg(c['message'])}")
    return "\n".join(lines)


def error_annotation(message: str, path: str | None = None, line: int | None = None) -> str:
    """A command's failure as one workflow command: '::error file=…,line=…::message'."""
    props = [f"file={_gh(path)}"] if path else []
    props += [f"line={line}"] if path and line else []
    props.append("title=stdcompare")
    return f"::error {','.join(props)}::{_gh_msg(message)}"


def _gh(value: str) -> str:
    """A property of a workflow command, escaped as GitHub's toolkit does (escapeProperty)."""
    return _gh_msg(value).replace(":", "%3A").replace(",", "%2C")


def _gh_msg(value: str) -> str:
    """A command's message, escaped as GitHub's toolkit does (escapeData): CR and LF encoded
    keep a multi-line message in one command; every other break or control is made inert."""
    value = inert.line(value, keep="\r\n")
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def junit(data: dict) -> str:
    """One test case per change; a failure for each change that fails the run."""
    cases = []
    for c in sorted(data["changes"], key=_order):
        place = c["grade"] or c["group"] or ""
        name = _attr(" ".join(x for x in (c["check"], place, c["prop"] or "") if x))
        body = escape(inert.line(f"{c['message']} [{c['fingerprint']}]"))
        inner = (
            f'<failure message={_attr(c["message"])} type="{c["level"]}">{body}</failure>'
            if c["fails"]
            else f"<system-out>{body}</system-out>"
        )
        cases.append(f'    <testcase classname="stdcompare.diff" name={name}>{inner}</testcase>')
    suite = _attr(f"stdcompare diff {data['old']['ref']} → {data['new']['ref']}")
    head = (
        f'<testsuite name={suite} tests="{len(cases)}" failures="{data["failing"]}" '
        f'errors="0" skipped="0">'
    )
    return "\n".join(
        [
            '<?xml version="1.0" encoding="UTF-8"?>',
            "<testsuites>",
            "  " + head,
            *cases,
            "  </testsuite>",
            "</testsuites>",
            "",
        ]
    )


def _attr(value: str) -> str:
    """A quoted XML attribute of inert text: a control character is not even legal in XML 1.0
    (escaped or not), so a code holding one would make the whole report unreadable."""
    return quoteattr(inert.line(value))


def as_json(data: dict) -> str:
    from .jsontext import json_text

    return json_text(data)


def json_schema() -> dict:
    """The published schema of `stdcompare diff --format json`."""
    nullable = {"type": ["string", "null"]}
    change = {
        "type": "object",
        "required": ["check", "level", "fingerprint", "key", "message", "fails", "accepted"],
        "additionalProperties": False,
        "properties": {
            "check": {"type": "string", "description": "stable check id"},
            "level": {"enum": [lv.value for lv in Level]},
            "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
            "key": {"type": "string"},
            "grade": nullable,
            "group": {**nullable, "description": "the group, for a limit its grades share"},
            "prop": nullable,
            "old": nullable,
            "new": nullable,
            "where_old": nullable,
            "where_new": nullable,
            "message": {"type": "string"},
            "fails": {"type": "boolean"},
            "accepted": {"type": ["object", "null"]},
            "line": {
                "type": ["integer", "null"],
                "description": "the change's line in the new edition's canonical file",
            },
        },
    }
    side = {
        "type": "object",
        "required": ["ref", "designation", "file"],
        "properties": {
            "ref": {"type": "string"},
            "designation": {"type": "string"},
            "file": nullable,
        },
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://stdcompare.invalid/schema/diff.json",
        "title": "stdcompare diff",
        "type": "object",
        "required": ["old", "new", "fail_on", "summary", "failing", "changes"],
        "additionalProperties": False,
        "properties": {
            "old": side,
            "new": side,
            "fail_on": {"enum": ["breaking", "warning", "info", "never"]},
            "summary": {"type": "object", "additionalProperties": {"type": "integer"}},
            "failing": {"type": "integer"},
            "changes": {"type": "array", "items": change},
        },
    }
