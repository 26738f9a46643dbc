"""Rendered fragments: one inert HTML block (no indented or blank lines), escaped values."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from generator.compile.facts import link
from generator.compile.render import squeeze
from generator.content.index import Item


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>a</p>\n<p>b</p>\n", "<p>a</p>\n<p>b</p>"),
        ("<p>a\n\n\nb</p>", "<p>a\nb</p>"),
        ("<p>a\n    b</p>", "<p>a\nb</p>"),
        ("<p>a\n\t\tb</p>", "<p>a\nb</p>"),
        ("  <p>a</p>", "<p>a</p>"),
        ("\t<p>a</p>\n  \n<p>b</p>", "<p>a</p>\n<p>b</p>"),
        ("<p>a \n b</p>", "<p>a \nb</p>"),
        ("", ""),
    ],
)
def test_squeeze(html, expected):
    assert squeeze(html) == expected


def test_no_line_of_a_squeezed_fragment_is_indented_or_blank():
    html = squeeze("<ul>\n  <li>一</li>\n\n\t<li>二\n   \n  三</li>\n</ul>\n")
    assert all(line and line[0] not in " \t" for line in html.split("\n"))


def test_links_escape_the_title_and_the_href():
    data = SimpleNamespace(title='A<b> & "c"')
    item = Item("p-1", "policies", data, "", "policies/p-1.md")  # type: ignore[arg-type]
    assert link("../?x=1&y=2", item) == (
        '<a href="../?x=1&amp;y=2policies/p-1/">A&lt;b&gt; &amp; &#34;c&#34;</a>'
    )
