"""The plugin's own helpers (its events are covered by the real builds in test_build and others)."""

from __future__ import annotations

from generator.adapters.mkdocs.plugin import _escaped_link


def test_a_head_link_is_escaped_once_and_shared_by_the_pages_showing_it():
    link = ("政策 <订阅>", "/feeds/policies.xml?a=1&b=2", "application/atom+xml")
    escaped = _escaped_link(link)
    assert escaped == (
        "政策 &lt;订阅&gt;",
        "/feeds/policies.xml?a=1&amp;b=2",
        "application/atom+xml",
    )
    assert _escaped_link(tuple(list(link))) is escaped  # another page's equal link: the same object
