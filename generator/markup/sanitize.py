"""The allow-list sanitizer for HTML rendered from editor Markdown, and nothing more.

Only what our Markdown extensions produce survives (see `markdown_extensions` in
mkdocs.yml and `generator.markup.editor`): their tags, `id` and `class` on any of them,
`href`/`title` on links, `src`/`alt`/`title` on images, `align` on table cells, `start` on
ordered lists. URLs keep only the schemes below, or none (a relative URL); anything else
(`javascript:`, `data:`, `vbscript:`, entity-encoded or mixed-case spellings included) loses
its attribute. Event handlers, `style`, raw tags, comments and `<script>`/`<style>` with
their text are dropped. `check` reports each such construct to the editor beforehand
(generator/content/links.py, generator/compile/attributes.py); this is the wall the build relies on.
"""

from __future__ import annotations

import html
import re

import nh3

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
# What browsers drop from a URL before reading its scheme (WHATWG URL: tab and newlines
# anywhere, C0 controls and spaces around it).
_URL_NOISE = str.maketrans("", "", "\t\n\r")
_C0_AND_SPACE = "".join(chr(code) for code in range(33))
ALLOWED_TAGS = frozenset(
    {
        # headings and blocks (core Markdown, toc, admonition, md_in_html)
        *(f"h{level}" for level in range(1, 7)),
        *("p", "br", "hr", "blockquote", "pre", "div", "span"),
        # lists and definition lists (def_list)
        *("ul", "ol", "li", "dl", "dt", "dd"),
        # tables (tables)
        *("table", "thead", "tbody", "tr", "th", "td"),
        # inline
        *("a", "img", "em", "strong", "code"),
    }
)
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    # The tables extension is configured with use_align_attribute: `align`, not `style`.
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}


def sanitize_html(html: str) -> str:
    """`html` with every tag, attribute and URL scheme outside the allow-lists removed."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(ALLOWED_SCHEMES),
        strip_comments=True,
        # No rel="noopener noreferrer" added: links carry no target, and the output stays
        # what the editor wrote.
        link_rel=None,
    )


def refused_scheme(url: str) -> str | None:
    """The scheme of `url` if it has one outside ALLOWED_SCHEMES (as a browser reads it:
    entities decoded, tabs and newlines dropped), else None (allowed, or relative)."""
    plain = html.unescape(url).translate(_URL_NOISE).strip(_C0_AND_SPACE)
    match = _SCHEME.match(plain)
    if match is None or match.group(1).lower() in ALLOWED_SCHEMES:
        return None
    return match.group(1)
