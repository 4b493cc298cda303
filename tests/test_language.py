"""The locale's language (language.py): the first of LC_ALL, LC_MESSAGES, LANG that is set."""

from stdcompare.language import locale_lang


def test_the_first_locale_variable_set_decides():
    assert locale_lang({"LANG": "zh_CN.UTF-8"}) == "zh"
    assert locale_lang({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert locale_lang({"LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_GB.UTF-8"}) == "zh"
    assert locale_lang({"LC_ALL": "", "LANG": "zh_CN"}) == "zh"  # set but empty is not set
    assert locale_lang({}) == "en"
