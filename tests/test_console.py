"""Running the CLI (console.py): help and errors in the language asked."""

from __future__ import annotations

import re

import typer

from stdcompare.cli import app
from stdcompare.console import _help_in

CJK = re.compile(r"[\u4e00-\u9fff]")


def _built():
    return typer.main.get_command(app)


def test_every_help_text_of_ours_is_said_in_chinese():
    group = _built()
    _help_in(group, "zh")
    assert CJK.search(group.help)
    assert len(group.commands) >= 16
    for name, command in group.commands.items():
        first = command.help.split("\n\n")[0]
        assert CJK.search(first), name
        helped = [p for p in command.params if getattr(p, "help", None)]
        assert helped, name
        for param in helped:
            assert CJK.search(param.help), (name, param.name, param.help)


def test_the_chinese_help_changes_nothing_the_next_run_builds():
    _help_in(_built(), "zh")
    again = _built()  # typer builds new click objects each run
    assert not CJK.search(again.help)
    assert not CJK.search(again.commands["lookup"].params[0].help or "")


def test_help_in_chinese_from_the_command_line(run, monkeypatch):
    monkeypatch.setenv("LC_ALL", "C.UTF-8")  # English unless asked
    code, out, _ = run("compare", "--help", "--lang", "zh")
    assert code == 0
    assert "两项标准间经初筛保留的每对牌号" in out and "示例：" in out
    code, out, _ = run("compare", "--help")
    assert "Every grade pair of two standards" in out and "示例" not in out


def test_a_failure_asked_as_github_annotations_is_one_too(run, tmp_path, monkeypatch):
    """A CI job reading annotations sees a broken standards file as an error on that file."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.toml").write_text(
        'format = 1\nkey = "gbt-38471"\nedition = "2099"\nkind = "oops"\n', encoding="utf-8"
    )
    code, out, err = run("diff", "gbt-38471@2019", str(tmp_path / "bad.toml"), "-f", "github")
    assert code == 2 and err.startswith("stdcompare: error: ")
    assert out.startswith("::error file=bad.toml,") and "missing 'designation'" in out
    code, out, _ = run("diff", "gbt-38471@2019", str(tmp_path / "bad.toml"))
    assert code == 2 and out == ""  # asked for text: stderr only
