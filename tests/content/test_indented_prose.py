"""Body paragraphs that Markdown would show as code only because an editor indented them."""

from __future__ import annotations

import pytest

from generator.content.indented_prose import indented_prose_problems, is_prose
from generator.content.sources import Document
from generator.content.yamldoc import Positions


def warned_lines(body: str) -> list[int]:
    doc = Document("content/policies/x.md", {}, Positions(), body, body_line=10)
    return [p.line for p in indented_prose_problems(doc)]


@pytest.mark.parametrize(
    "body,lines",
    [
        ("第一段。\n\n    第二段按照 Word 的习惯缩进了四格。\n", [12]),
        ("\t用 Tab 缩进的段落。\n", [10]),
        (
            "## 第一条\n\n    一、支持对象：在晋江市注册的企业。\n    二、支持标准：按投资额补助。\n",
            [12],
        ),
        ("　　两个全角空格开头的段落，Markdown 当作普通文字。\n", []),
        ("说明：\n    紧跟在段落后面的缩进行是段落的续行。\n", []),
        ("示例：\n\n    if x > 0 { return 1; }\n", []),
        ('代码：\n\n    print("你好")\n', []),  # mostly ASCII: code with a Chinese string
        ("```\n\n    这是围栏里的代码示例，不提示。\n```\n", []),
        ("- 第一项\n\n    第一项的第二段，属于列表。\n", []),
        ("1. 第一步\n\n    继续说明第一步。\n\n正文。\n\n    正文里又缩进了一段。\n", [16]),
        ("    x = 1\n", []),
    ],
)
def test_indented_blocks(body, lines):
    assert warned_lines(body) == lines


def test_prose_needs_chinese_and_no_code_characters():
    assert is_prose(["本通知自印发之日起施行。"])
    assert not is_prose(["value = 10"])
    assert not is_prose(["说明 <b>加粗</b>"])
    assert not is_prose([""])
