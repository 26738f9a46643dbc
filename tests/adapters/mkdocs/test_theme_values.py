"""The values handed to the theme, escaped once."""

from __future__ import annotations

from generator.adapters.mkdocs.theme_values import escaped_link, toc_tokens
from generator.markup.editor import Heading


def test_a_head_link_is_escaped_once_and_shared_by_the_pages_showing_it():
    link = ("政策 <订阅>", "/feeds/policies.xml?a=1&b=2", "application/atom+xml")
    escaped = escaped_link(link)
    assert escaped == (
        "政策 &lt;订阅&gt;",
        "/feeds/policies.xml?a=1&amp;b=2",
        "application/atom+xml",
    )
    assert escaped_link(tuple(list(link))) is escaped  # another page's equal link: the same object


def test_headings_nest_by_level_with_their_names_escaped():
    headings = (
        Heading(2, "a", "申报条件"),
        Heading(3, "a-1", "企业 <规模>"),
        Heading(3, "a-2", "材料"),
        Heading(2, "b", "办理流程"),
    )
    tokens = toc_tokens(headings)
    assert [(t["id"], [c["id"] for c in t["children"]]) for t in tokens] == [
        ("a", ["a-1", "a-2"]),
        ("b", []),
    ]
    assert tokens[0]["children"][0]["name"] == "企业 &lt;规模&gt;"
