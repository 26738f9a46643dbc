"""Editor Markdown (item bodies, interpretations) to sanitized HTML and its headings, and nothing more.

The compile core converts editor Markdown itself, with the extensions mkdocs.yml lists
(tests/security/test_sanitize.py keeps the two lists equal), and puts the sanitized HTML
into the page as a ready fragment. So every builder, MkDocs or one fed from the staging
folder, gets the same safe HTML and never sees editor Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from html.parser import HTMLParser

import markdown
from pymdownx.slugs import slugify as _pymdownx_slugify

from generator.cache.memo import remembered
from generator.markup.brackets import guard_brackets
from generator.markup.inert import inert_markdown
from generator.markup.sanitize import sanitize_html

# The one heading-slug function of the site: mkdocs.yml's `toc.slugify` names the same
# (`pymdownx.slugs.slugify` with `case: lower`), so `#anchors` checked by links.py exist.
heading_slug: Callable[[str, str], str] = _pymdownx_slugify(case="lower")

# fenced_code: inert_markdown and the link checks already treat ``` fences as code; without
# it they would render as paragraphs, with what check skipped as live Markdown.
MARKDOWN_EXTENSIONS = (
    "attr_list",
    "md_in_html",
    "tables",
    "def_list",
    "admonition",
    "fenced_code",
    "toc",
)
EXTENSION_CONFIGS = {
    "toc": {"slugify": heading_slug, "permalink": False},
    # `align="left"` instead of `style="text-align: left;"`: the sanitizer allows no style.
    "tables": {"use_align_attribute": True},
}
# A newline before a blank line becomes a character reference: the fragment then has no
# blank line, so a CommonMark builder reading the staging folder keeps it one raw HTML
# block (a blank line would end it and turn the rest, code included, back into Markdown).
_BEFORE_BLANK_LINE = re.compile(r"\n(?=[ \t]*\n)")
_HEADINGS = frozenset(f"h{level}" for level in range(1, 7))


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    title: str  # plain text


@dataclass(frozen=True)
class EditorHtml:
    html: str
    headings: tuple[Heading, ...]  # with an id, in page order: the table of contents
    ids: frozenset[str]  # every element id (heading slugs and `{#id}`s): the `#anchors`


@lru_cache(maxsize=2)
def _converter(with_attr_list: bool = True) -> markdown.Markdown:
    names = [name for name in MARKDOWN_EXTENSIONS if with_attr_list or name != "attr_list"]
    return markdown.Markdown(extensions=names, extension_configs=EXTENSION_CONFIGS)


def _convert(text: str, with_attr_list: bool = True) -> str:
    converter = _converter(with_attr_list)
    try:
        return converter.convert(text)
    finally:
        converter.reset()


@remembered("editor")  # from the build cache when a build uses one (cache/memo.py)
def render_editor_markdown(text: str) -> EditorHtml:
    """Editor Markdown -> sanitized HTML (raw HTML shown as text) and its headings."""
    if not text.strip():
        return EditorHtml("", (), frozenset())
    safe_text = guard_brackets(inert_markdown(text))
    try:
        html = _convert(safe_text)
    except Exception:  # noqa: BLE001 - Python-Markdown's own bugs must not stop a build
        # Hack: attr_list hands the toc extension an attribute without a value
        # (`## 标题 {id}`), which raises inside toc. check reports that list as an error;
        # rendered without attr_list, the page shows it as text.
        html = _convert(safe_text, with_attr_list=False)
    clean = sanitize_html(html)
    collector = _Collector()
    collector.feed(clean)
    collector.close()
    return EditorHtml(
        _BEFORE_BLANK_LINE.sub("&#10;", clean).strip(),
        tuple(collector.headings),
        frozenset(collector.ids),
    )


class _Collector(HTMLParser):
    """Element ids and headings (level, id, text) of sanitized HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.headings: list[Heading] = []
        self._open: tuple[int, str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element_id = dict(attrs).get("id")
        if element_id:
            self.ids.append(element_id)
        if tag in _HEADINGS and self._open is None:
            self._open = (int(tag[1]), element_id or "", [])

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[2].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HEADINGS and self._open is not None:
            level, element_id, parts = self._open
            self._open = None
            if element_id:
                self.headings.append(Heading(level, element_id, "".join(parts).strip()))
