"""HeldHtml gives back exactly the HTML it was given, once."""

from __future__ import annotations

from generator.adapters.mkdocs.held import HeldHtml

HTML = (
    "",
    "<p>政策文件</p>\n" * 500,
    '<a href="/x/">𠀀 emoji 🙂 and \u2028 separators</a>',
    "\x00\ufeff<div>\r\n</div>",
)


def test_every_page_comes_back_byte_for_byte_once():
    held = HeldHtml()
    for n, html in enumerate(HTML):
        held.put(f"page-{n}.md", html)
    assert len(held) == len(HTML)
    assert [held.take(f"page-{n}.md") for n in range(len(HTML))] == list(HTML)
    assert held.take("page-0.md") is None
    assert len(held) == 0


def test_held_is_smaller_than_the_html():
    held = HeldHtml()
    held.put("a.md", "<li><a href='/policies/p/'>关于推动产业高质量发展的若干措施</a></li>" * 200)
    assert len(held._held["a.md"]) < 2000
