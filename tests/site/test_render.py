"""Rendered fragments become one inert HTML block: no indented and no blank lines."""

from __future__ import annotations

import pytest

from generator.compile.render import squeeze


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
