"""render_editor_markdown reuses one Python-Markdown converter: no state crosses from one text to the next."""

from __future__ import annotations

from generator.markup import editor
from generator.markup.editor import render_editor_markdown
from tests.security.hostile import hostile_body

# Each leaves state in a converter that is not reset: used heading ids (toc would make the
# next page's `## 背景` into `背景_1`), `{#id}`s and attribute lists, definition lists,
# admonitions, tables, fenced code, a text that makes attr_list raise inside toc (the
# converter without attr_list then renders it), and the hostile vectors of issue 13.
TEXTS = (
    "## 背景\n\n正文。\n\n## 背景\n\n再一次。\n",
    "## 背景\n\n另一页的同名标题。\n",
    "## 申报条件 {#conditions .note}\n\n段落 {: #p1 }\n",
    "## 申报条件\n\n[跳转](#conditions)\n",
    "术语\n:   定义一\n\n另一个术语\n:   定义二\n",
    '!!! note "注意"\n    提醒内容。\n',
    "| 项目 | 金额 |\n| :--- | ---: |\n| 补助 | 10 |\n",
    "```\n## 不是标题\n\n<script>x</script>\n```\n",
    "## 标题 {id}\n\n无值的属性。\n",
    hostile_body(),
    "## 背景\n\n最后一页。\n",
    "",
)


def _fresh(text: str) -> editor.EditorHtml:
    editor._converter.cache_clear()  # a new converter, as if this were the first page
    return render_editor_markdown(text)


def test_a_reused_converter_gives_what_a_fresh_one_gives():
    expected = [_fresh(text) for text in TEXTS]
    editor._converter.cache_clear()
    reused = [render_editor_markdown(text) for text in TEXTS * 2]
    assert reused == expected * 2


def test_heading_ids_start_again_on_every_page():
    render_editor_markdown("## 背景\n\n一。\n")
    second = render_editor_markdown("## 背景\n\n二。\n")
    assert [h.id for h in second.headings] == ["背景"]
