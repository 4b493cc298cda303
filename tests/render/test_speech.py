"""render.speech: the interface's words in the language asked, the library's English
sentences said through the glossary's patterns, and errors in the locale's language."""

from __future__ import annotations

import pytest

from stdcompare import api
from stdcompare.errors import StdcompareError
from stdcompare.render.speech import error_text, said_error, speech


@pytest.fixture(scope="module")
def corpus():
    return api.load_corpus()


def test_an_error_in_chinese_keeps_its_codes_and_suggestions(corpus):
    with pytest.raises(StdcompareError) as caught:
        corpus.resolve_grade("isri-circular:Nope")
    assert error_text(caught.value, "zh") == [
        "stdcompare: 错误：isri-circular@2024 中没有牌号“Nope”",
        "提示：是否要找 “Scope”或“Ropes”或“Noble”？（isri-circular@2024 仅部分收录）",
    ]
    assert error_text(caught.value, "en")[0] == (
        "stdcompare: error: isri-circular@2024 has no grade 'Nope'"
    )
    assert said_error("Missing option '--family'.", None, "zh") == ("缺少选项“--family”。", None)
    assert said_error("a sentence no pattern fits", None, "zh")[0] == "a sentence no pattern fits"


def test_a_sentence_is_said_through_its_pattern_with_its_fields_said_too():
    say = speech(None, "zh")
    assert say.sentence("GB/T's definition is held only in part: it may limit this too") == (
        "GB/T 的定义仅部分收录：可能也限制此项"
    )
    # a field that is itself a word of the glossary is said too; a number-only field holds
    # nothing else
    assert say.sentence("status: superseded → current") == "状态：已被替代 → 现行"
    assert say.sentence("3 of 4") == "4 项中 3 项"
    assert say.sentence("ISRI of GB/T") == "ISRI of GB/T"
    assert speech(None, "en").sentence("3 of 4") == "3 of 4"
