"""Compiled pages held compressed until a builder reads each one, and nothing more.

A compiled item page is mostly its ready HTML fragments: about 11,000 characters, some
25 KB of Python objects, and a build holds every page from compiling until its builder
reads it (at 50,000 items, well over a gigabyte). A `PackedPage` keeps what is read of
every page at once (path, title, meta, template, whether it is in the navigation) as it
is, and the rest (content, fragments, search fragments, headings) as one zlib-compressed
pickle, about 3.7 KB; `unpack` gives the `Page` back, equal to the one packed.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.output import Page

LEVEL = 1  # the fastest: a page is held for minutes at most


@dataclass(frozen=True, slots=True)
class PackedPage:
    """A `Page` with its content, fragments, search fragments and headings compressed."""

    src_uri: str
    title: str
    template: str | None
    meta: Mapping[str, Any]
    in_nav: bool
    packed: bytes


def pack(page: Page) -> PackedPage:
    heavy = (page.content, page.fragments, page.search_fragments, page.toc)
    return PackedPage(
        src_uri=page.src_uri,
        title=page.title,
        template=page.template,
        meta=page.meta,
        in_nav=page.in_nav,
        packed=zlib.compress(pickle.dumps(heavy, protocol=pickle.HIGHEST_PROTOCOL), LEVEL),
    )


def unpack(page: Page | PackedPage) -> Page:
    """The page itself (a `Page` is returned as it is)."""
    if isinstance(page, Page):
        return page
    content, fragments, search_fragments, toc = pickle.loads(zlib.decompress(page.packed))
    return Page(
        src_uri=page.src_uri,
        title=page.title,
        content=content,
        template=page.template,
        meta=page.meta,
        in_nav=page.in_nav,
        fragments=fragments,
        search_fragments=search_fragments,
        toc=toc,
    )
