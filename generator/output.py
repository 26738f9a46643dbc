"""The values the compile core produces: pages (Markdown/HTML for a builder) and plain files."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.markup.editor import Heading


@dataclass(frozen=True, kw_only=True)
class Page:
    """One page for the site builder.

    `src_uri` is the page's source path as a builder sees it (`funds/abc.md` is served at
    `funds/abc/`). `content` is Markdown that may hold raw HTML. `template` names a theme
    template (under `site_overrides/`) the page is rendered with; `meta` becomes the page's
    front matter (title, template, description, hide, ...).
    """

    src_uri: str
    title: str
    content: str
    template: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    in_nav: bool = False
    # Placeholder paragraph -> ready HTML. Markdown never sees these blocks (parsing large
    # raw HTML is slow in Python-Markdown); a builder swaps `<p>placeholder</p>` for the
    # HTML after conversion, or uses `full_content()` to get one Markdown document.
    fragments: Mapping[str, str] = field(default_factory=dict)
    # Some of the same placeholders -> the HTML handed to the search indexer where it
    # differs (page furniture left out); the others go to it as they are. See `converted`.
    search_fragments: Mapping[str, str] = field(default_factory=dict)
    # The headings of editor content, which reaches the builder as ready HTML (fragments):
    # a builder's table of contents is made from these, since its own conversion never
    # sees them.
    toc: tuple[Heading, ...] = ()

    def converted(self, html: str, *, for_search: bool = False) -> str:
        """The builder's conversion of `content` with each placeholder paragraph swapped for
        its HTML (the search indexer's version of it, if `for_search`)."""
        for placeholder, fragment in self.fragments.items():
            if for_search:
                fragment = self.search_fragments.get(placeholder, fragment)
            html = html.replace(f"<p>{placeholder}</p>", fragment, 1)
        return html

    def full_content(self) -> str:
        """The content with every fragment put back as a raw HTML block."""
        text = self.content
        for placeholder, fragment in self.fragments.items():
            text = text.replace(placeholder, fragment)
        return text


@dataclass(frozen=True)
class OutputFile:
    """A file written verbatim into the built site (feeds, JSON, scripts, calendars)."""

    path: str
    data: bytes
    media_type: str = "application/octet-stream"


@dataclass(frozen=True)
class CopiedFile:
    """A content file (an attachment) the adapter copies into the site unchanged."""

    source: Path
    path: str


@dataclass
class SiteBuild:
    """Everything the compile step made for one build."""

    pages: list[Page] = field(default_factory=list)
    files: list[OutputFile] = field(default_factory=list)
    copies: list[CopiedFile] = field(default_factory=list)
    nav: list[tuple[str, str]] = field(default_factory=list)  # (title, src_uri), in order
    # Functions that make more files (`defer_files`); none unless asked for.
    deferred: list[Callable[[], list[OutputFile]]] = field(default_factory=list)
