"""MkDocs pages whose Markdown is only placeholder paragraphs, converted without Python-Markdown, and nothing more.

An item page reaches MkDocs as ready HTML fragments, its Markdown one placeholder
paragraph per fragment (generator.output.Page). MkDocs' own `Page.render` makes a new
`markdown.Markdown` with every configured extension for each page (about 8% of a build),
only to turn those paragraphs into `<p>placeholder</p>` lines. A `ReadyPage` writes those
lines itself, the same bytes, and the fragments are swapped in as before (on_page_content).
MkDocs takes a page a plugin puts in `File.page` (mkdocs.structure.nav checks its type).
"""

from __future__ import annotations

from mkdocs.structure.files import File
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from generator.output import Page


def only_placeholders(page: Page) -> bool:
    """Whether `page.content` is nothing but its placeholder paragraphs, as `assemble` makes them."""
    return bool(page.fragments) and page.content == "\n\n".join(page.fragments) + "\n"


class ReadyPage(MkDocsPage):
    """A page whose Markdown is only placeholders (see `only_placeholders`); `title` as the
    nav gives it (None outside the nav)."""

    def __init__(self, title: str | None, file: File, config, placeholders: list[str]) -> None:
        super().__init__(title, file, config)
        self._placeholders = placeholders

    def render(self, config, files) -> None:
        # What Python-Markdown makes of paragraphs separated by blank lines.
        self.content = "\n".join(f"<p>{placeholder}</p>" for placeholder in self._placeholders)
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()
        self.links_to_anchors = {}
