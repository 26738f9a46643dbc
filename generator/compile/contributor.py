"""The contributor interface: what a feature adds to the site, and nothing more.

A feature (feeds, search, matching, the petition pages) describes itself with one
`Contributor`; the composition (`generator/site.py`) lists them and the core
(`compile/core.py`) calls their hooks. The core never imports a feature. Every hook is
optional.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from generator.content.index import ContentIndex, Item
from generator.output import OutputFile, Page

HeadLink = tuple[str, str, str]  # (title, href, media type) for <link rel="alternate">
# (kind, label, site-relative path): a link an item page's action block offers, e.g.
# ("calendar", "加入日历", "calendar/x.ics") from the feeds.
ItemLink = tuple[str, str, str]


@dataclass(frozen=True)
class Context:
    """What every hook is given: the validated content and the day statuses are computed for."""

    index: ContentIndex
    today: dt.date


@dataclass(frozen=True)
class NavEntry:
    """A header navigation entry for one of the feature's pages, and its home-page card."""

    title: str
    src_uri: str
    card: tuple[str, str] | None = None  # (title, text) of a home-page card, if any


def _nothing(_ctx: Context) -> list:
    return []


@dataclass(frozen=True)
class Contributor:
    """A feature's hooks into the site build.

    `pages` and `files` are made with the site; `deferred_files` are files no page needs
    (an adapter may make them while the builder renders pages); `nav` lists the feature's
    navigation entries; `head_links(index, page_kind, target)` adds `<link rel="alternate">`
    entries to core pages (`page_kind`: home, list with the collection, item with the
    item); `item_block(index, item, today)` adds an HTML block at the end of every item
    page's content; `item_links(index, item)` adds links to the action block near the top
    of a fund's page (the core decides when each kind is shown).
    `item_section(index, item, today)` adds one after the item's body, before its attachments
    and related items (an empty string adds nothing).
    """

    name: str
    pages: Callable[[Context], list[Page]] = _nothing
    files: Callable[[Context], list[OutputFile]] = _nothing
    deferred_files: Callable[[Context], Iterable[OutputFile]] | None = None
    nav: tuple[NavEntry, ...] = ()
    head_links: Callable[[ContentIndex, str, Any], Iterable[HeadLink]] | None = None
    item_block: Callable[[ContentIndex, Item, dt.date], str] | None = None
    item_links: Callable[[ContentIndex, Item], Iterable[ItemLink]] | None = None
    item_section: Callable[[ContentIndex, Item, dt.date], str] | None = None
