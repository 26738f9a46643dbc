"""Editor Markdown -> sanitized HTML: every vector rendered harmless, the allowed rest kept, Hypothesis fuzzing."""

from __future__ import annotations

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.markup.editor import (
    EXTENSION_CONFIGS,
    MARKDOWN_EXTENSIONS,
    render_editor_markdown,
)
from generator.markup.sanitize import ALLOWED_ATTRIBUTES
from tests.security.hostile import VECTORS
from tests.security.html_audit import findings
from tests.support.builds import REPO


def _unsanitized(text: str) -> str:
    """What Python-Markdown alone makes of `text` (no inert_markdown, no sanitizer)."""
    return markdown.markdown(
        text, extensions=list(MARKDOWN_EXTENSIONS), extension_configs=EXTENSION_CONFIGS
    )


def test_every_vector_is_live_without_the_sanitizer():
    live = [v.name for v in VECTORS if findings(_unsanitized(v.markdown))]
    # The script autolink is no autolink to Markdown; data-toc-label attacks the table of
    # contents (test_hostile_build.py); raw HTML is live when not made inert first.
    expected = {v.name for v in VECTORS if v.code is not None} | {"raw_html", "raw_svg"}
    expected.discard("heading_toc_label")
    assert set(live) == expected


def test_no_vector_survives_rendering():
    for vector in VECTORS:
        html = render_editor_markdown(vector.markdown).html
        assert findings(html) == [], vector.name


def test_raw_html_is_shown_as_text():
    html = render_editor_markdown('<img src="x" onerror="alert(1)">').html
    assert "&lt;img" in html and "<img" not in html


def test_what_editors_may_write_is_kept():
    text = """## 第一条 总则 {#rule-1 .important}

见[资金](../funds/example-fund.md "标题")、<https://www.gov.cn/>、[邮件](mailto:a@example.gov.cn)、[电话](tel:0595-1)。

![示意图](../attachments/map.png "地图"){.wide}

| 左 | 右 |
|:---|---:|
| 1 | 2 |

!!! note "提示"
    请按时申报。

3. 第三项
4. 第四项

```
代码 <b>原样</b>

第二段
```
"""
    html = render_editor_markdown(text).html
    assert '<h2 class="important" id="rule-1">' in html
    assert '<a href="../funds/example-fund.md" title="标题">资金</a>' in html
    assert '<a href="https://www.gov.cn/">' in html
    assert 'href="mailto:a@example.gov.cn"' in html and 'href="tel:0595-1"' in html
    assert 'class="wide"' in html and 'alt="示意图"' in html and 'title="地图"' in html
    assert '<th align="left">' in html and '<td align="right">' in html
    assert '<div class="admonition note">' in html
    assert "<ol>\n<li>第三项</li>" in html
    assert "&lt;b&gt;原样&lt;/b&gt;" in html
    # No blank line, so a CommonMark builder keeps the fragment one HTML block (staging);
    # the code block's blank line is a character reference.
    assert "\n\n" not in html
    assert "代码 &lt;b&gt;原样&lt;/b&gt;&#10;\n第二段" in html


def test_headings_keep_their_ids_for_the_table_of_contents():
    rendered = render_editor_markdown("## 第一条 总则\n\n### 细则 {#detail}\n\n## 标题 {onfocus=x}")
    assert [(h.level, h.id, h.title) for h in rendered.headings] == [
        (2, "第一条-总则", "第一条 总则"),
        (3, "detail", "细则"),
        (2, "标题", "标题"),
    ]
    assert {"第一条-总则", "detail", "标题"} <= rendered.ids


def test_the_site_converts_with_the_same_extensions_as_mkdocs_yml():
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    Loader.add_constructor("!ENV", lambda loader, node: None)
    # (`qinqing init` writes the same mkdocs.yml: tests/cli/test_init.py.)
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    listed = yaml.load(config, Loader=Loader)["markdown_extensions"]
    names = [e if isinstance(e, str) else next(iter(e)) for e in listed]
    assert tuple(names) == MARKDOWN_EXTENSIONS
    tables = next(e for e in listed if isinstance(e, dict) and "tables" in e)["tables"]
    assert tables == EXTENSION_CONFIGS["tables"]


# -- fuzzing -------------------------------------------------------------------------------

_EVENTS = st.sampled_from(
    [
        "onclick",
        "onerror",
        "onfocus",
        "onload",
        "onmouseover",
        "OnClick",
        "ONERROR",
        "onpointerenter",
    ]
)
_SCHEMES = st.sampled_from(
    ["javascript", "data", "vbscript", "JaVaScRiPt", "livescript", "file", "ftp"]
)


@st.composite
def _hostile_scheme(draw) -> str:
    scheme = draw(_SCHEMES)
    style = draw(
        st.sampled_from(
            ["plain", "tab", "entity_tab", "entity_letter", "space", "newline_entity", "decimal"]
        )
    )
    if style == "tab":
        scheme = scheme[:2] + "\t" + scheme[2:]
    elif style == "entity_tab":
        scheme = scheme[:4] + "&#x09;" + scheme[4:]
    elif style == "entity_letter":
        scheme = f"&#{ord(scheme[0])};" + scheme[1:]
    elif style == "space":
        scheme = " " + scheme
    elif style == "newline_entity":
        scheme = scheme[:3] + "&#10;" + scheme[3:]
    elif style == "decimal":
        scheme = "".join(f"&#x{ord(c):x};" for c in scheme)
    return (
        scheme
        + ":"
        + draw(st.sampled_from(["alert(1)", "window.__pwned=1", "text/html,<script>x</script>"]))
    )


_WORDS = st.text(alphabet="abc 甲乙=\"'#.{}", min_size=0, max_size=8)


@st.composite
def _attribute_list(draw) -> str:
    tokens = draw(
        st.lists(
            st.one_of(
                st.builds(lambda e, v: f'{e}="{v}"', _EVENTS, _WORDS),
                st.builds(lambda e: f"{e}=alert(1)", _EVENTS),
                st.sampled_from(
                    [
                        "#ok",
                        ".cls",
                        "autofocus",
                        "tabindex=1",
                        'style="x:expression(1)"',
                        "id=x",
                        "class=y",
                        "data-x=1",
                        "href=javascript:1",
                        'src="javascript:1"',
                    ]
                ),
                _WORDS,
            ),
            min_size=1,
            max_size=4,
        )
    )
    return "{" + draw(st.sampled_from(["", ":", ": "])) + " ".join(tokens) + "}"


@st.composite
def _hostile_line(draw) -> str:
    attrs = draw(_attribute_list())
    target = draw(
        st.one_of(
            _hostile_scheme(),
            st.sampled_from(["https://example.gov.cn/", "../a.md", "#x", "mailto:a@b.cn"]),
        )
    )
    shapes = {
        "heading": "## 标题 {attrs}",
        "image": "![图]({target}){attrs}",
        "link": "[文字]({target}){attrs}",
        "emphasis": "*强调*{attrs}",
        "block": "段落\n{attrs}",
        "reference": "[引用][r]\n\n[r]: {target}",
        "cell": "| a |\n|---|\n| b {attrs} |",
        "autolink": "<{target}>",
        "code": "`[x]({target})`{attrs}",
        "raw": '<{tag} {event}="alert(1)" href="{target}" src="{target}">x</{tag}>',
    }
    tag = draw(st.sampled_from(["img", "a", "svg", "iframe", "script", "div"]))
    shape = shapes[draw(st.sampled_from(sorted(shapes)))]
    return shape.format(attrs=attrs, target=target, tag=tag, event=draw(_EVENTS))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_hostile_line(), min_size=1, max_size=5))
def test_fuzzed_markdown_renders_no_handler_no_refused_scheme_no_other_attribute(lines):
    import lxml.html

    html = render_editor_markdown("\n\n".join(lines)).html
    assert findings(html) == []
    if not html:
        return
    allowed = {tag: names | ALLOWED_ATTRIBUTES["*"] for tag, names in ALLOWED_ATTRIBUTES.items()}
    for element in lxml.html.fromstring(f"<div>{html}</div>").iter():
        if isinstance(element.tag, str) and element.tag != "div":
            assert set(element.attrib) <= allowed.get(element.tag, ALLOWED_ATTRIBUTES["*"])
