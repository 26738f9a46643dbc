"""`check` reports every dangerous construct as an error at its file:line:col, with a fix in Chinese."""

from __future__ import annotations

import markdown
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli.main import main
from generator.content.attribute_lists import check_attribute_lists, find_attribute_lists
from generator.content.check import check_content
from generator.content.sources import Document
from generator.content.yamldoc import Positions
from generator.markup.editor import EXTENSION_CONFIGS, MARKDOWN_EXTENSIONS
from tests.security.hostile import HOSTILE_DAY, VECTORS, HostileSite, Vector


def _errors(site: HostileSite, code: str) -> set[tuple[int, int]]:
    result = check_content(site.content, HOSTILE_DAY)
    rel = site.policy.relative_to(site.content).as_posix()
    return {
        (p.line, p.column)
        for p in result.problems
        if p.path.endswith(rel) and p.code == code and p.is_error
    }


@pytest.mark.parametrize("vector", [v for v in VECTORS if v.code], ids=lambda v: v.name)
def test_check_reports_each_vector_at_its_line_and_column(
    hostile_site: HostileSite, vector: Vector
):
    assert hostile_site.position(vector) in _errors(hostile_site, vector.code)


def test_check_reports_nothing_else_of_these_kinds(hostile_site: HostileSite):
    expected = {hostile_site.position(v) for v in VECTORS if v.code}
    found = _errors(hostile_site, "unsafe_attribute") | _errors(hostile_site, "unsafe_link_scheme")
    interpretation_line = next(
        i + 1
        for i, line in enumerate(hostile_site.policy.read_text(encoding="utf-8").split("\n"))
        if line.startswith("interpretation:")
    )
    assert {pos for pos in found if pos[0] != interpretation_line} == expected
    assert any(line == interpretation_line for line, _ in found)


def test_the_cli_says_what_to_do_in_chinese(hostile_site: HostileSite):
    done = CliRunner().invoke(
        main, ["check", "--content", str(hostile_site.content), "--today", HOSTILE_DAY.isoformat()]
    )
    assert done.exit_code == 1
    heading_line, heading_col = hostile_site.position(VECTORS[0])
    rel = "policies/hostile-policy.md"
    assert f"{rel}:{heading_line}:{heading_col}: error: 属性列表" in done.output
    assert "属性列表只能写 #标识 和 .类名（如 {#第一条 .note}），请删去 onfocus" in done.output
    assert (
        "不允许使用：链接只能是 http://、https://、mailto:、tel: 开头的地址或站内相对地址"
        in done.output
    )


def test_allowed_attribute_lists_and_schemes_pass(hostile_site: HostileSite):
    hostile_site.policy.write_text(
        hostile_site.policy.read_text(encoding="utf-8")
        .split("\n---\n", 1)[0]
        .replace('interpretation: "', 'interpretation: "[ok](https://www.gov.cn/)')
        .split("interpretation:")[0]
        + "---\n\n## 第一条 {#rule-1 .note}\n\n[站外](https://www.gov.cn/){.external} "
        "[邮件](mailto:a@example.gov.cn) [电话](tel:0595-1) [本页](#rule-1)\n\n"
        "价格 {单位：元} 见表。\n",
        encoding="utf-8",
    )
    assert _errors(hostile_site, "unsafe_attribute") == set()
    assert _errors(hostile_site, "unsafe_link_scheme") == set()


# -- URL fields ----------------------------------------------------------------------------

GUIDE_WHERE = "where:\n  address: 办理地点"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        " java\tscript:x",
        "//evil.example/",
    ],
)
def test_url_fields_refuse_other_schemes_at_their_line(hostile_site: HostileSite, url: str):
    guide = hostile_site.content / "guides" / "example-guide.md"
    text = guide.read_text(encoding="utf-8")
    quoted = '"' + url.replace("\t", "\\t") + '"'
    text = text.replace(GUIDE_WHERE, f"{GUIDE_WHERE}\n  online_url: {quoted}")
    guide.write_text(text, encoding="utf-8")
    fund = hostile_site.content / "funds" / "example-fund.md"
    fund_text = fund.read_text(encoding="utf-8")
    assert "attachments:\n" not in fund_text
    fund_text = fund_text.replace(
        "\n---\n", f"\nattachments:\n  - title: 外部附件\n    url: {quoted}\n---\n", 1
    )
    fund.write_text(fund_text, encoding="utf-8")
    result = check_content(hostile_site.content, HOSTILE_DAY)
    lines = {
        (p.path.split("content/", 1)[-1], p.line)
        for p in result.problems
        if p.code == "qq_url" and p.is_error
    }
    guide_line = text.split("\n").index(f"  online_url: {quoted}") + 1
    fund_line = fund_text.split("\n").index(f"    url: {quoted}") + 1
    assert lines == {("guides/example-guide.md", guide_line), ("funds/example-fund.md", fund_line)}


# -- completeness: whatever Markdown turns into attributes, check has reported -----------------

_KEYS = st.sampled_from(
    [
        "onclick",
        "OnFocus",
        "style",
        "autofocus",
        "tabindex",
        "data-x",
        "href",
        "#ok",
        ".ok",
        "id",
        "class",
        "甲",
    ]
)


@st.composite
def _line(draw) -> str:
    tokens = []
    for key in draw(st.lists(_KEYS, min_size=1, max_size=3)):
        value = draw(st.sampled_from(["", "=1", '="a b"', "='x'"]))
        tokens.append(key if key[0] in "#." else key + value)
    attrs = (
        "{"
        + draw(st.sampled_from(["", ":", ": "]))
        + " ".join(tokens)
        + draw(st.sampled_from(["", " "]))
        + "}"
    )
    template = draw(
        st.sampled_from(
            [
                "## 标题 {a}",
                "### 标题 ### {a}",
                "![图](x.png){a}",
                "[字](https://x.cn/){a}",
                "**强**{a}",
                "*斜*{a} 后文",
                "`码`{a}",
                "<https://x.cn/>{a}",
                "段落\n{a}",
                "段落 {a}",
                "| a |\n|---|\n| b {a} |",
                "| a {a} |\n|---|\n| b |",
                "- 列表 {a}",
                "术语 {a}\n:   定义",
                "> 引用\n> {a}",
            ]
        )
    )
    return template.replace("{a}", attrs)


def _rendered_keys(text: str) -> set[str]:
    import lxml.html

    try:
        html = markdown.markdown(
            text, extensions=list(MARKDOWN_EXTENSIONS), extension_configs=EXTENSION_CONFIGS
        )
    except TypeError:
        return {"id"}  # `## 标题 {id}` crashes the toc extension (test below)
    html = markdown.markdown(
        text, extensions=list(MARKDOWN_EXTENSIONS), extension_configs=EXTENSION_CONFIGS
    )
    keys = set()
    for element in lxml.html.fromstring(f"<div>{html}</div>").iter():
        if isinstance(element.tag, str):
            keys |= {
                k
                for k in element.attrib
                if k not in ("id", "class", "href", "src", "alt", "title", "align")
            }
    return keys


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_line())
def test_every_attribute_markdown_would_add_is_reported(line):
    if not _rendered_keys(line):
        return
    document = Document("content/policies/x.md", {}, Positions(), body=line)
    assert check_attribute_lists(document), line


def test_a_bare_id_neither_crashes_the_build_nor_passes_check(hostile_site: HostileSite):
    from generator.markup.editor import render_editor_markdown

    assert "标题" in render_editor_markdown("## 标题 {id}").html
    [group] = find_attribute_lists("## 标题 {id}")
    assert group.keys == ("id",) and group.bare == {"id"}
