"""The one wording for free text a person writes: presence, length, control characters."""

from __future__ import annotations

import pytest

from generator.petitions.states import Refused
from generator.petitions.written import length_problem, required_text, text_problem


def test_required_text_trims_and_makes_line_ends_lf() -> None:
    assert required_text("  第一行\r\n第二行 ", "答复", 20, multiline=True) == "第一行\n第二行"


@pytest.mark.parametrize(
    ("value", "multiline", "message"),
    [
        (" \r\n ", True, "请填写答复"),
        ("长" * 21, False, "答复不能超过 20 个字（现有 21 个）"),
        ("换\n行", False, "答复含有不可见的控制字符或文字方向控制符，请删除后重新提交"),
        ("方向\u202e", True, "答复含有不可见的控制字符或文字方向控制符（换行和制表符除外）"),
    ],
)
def test_required_text_refuses_with_the_reason(value: str, multiline: bool, message: str) -> None:
    with pytest.raises(Refused, match=message):
        required_text(value, "答复", 20, multiline=multiline)


def test_the_problems_are_none_for_good_text() -> None:
    assert length_problem("二十字以内", "理由", 20) is None
    assert text_problem("可以\n换行\t和制表", "理由", multiline=True) is None
