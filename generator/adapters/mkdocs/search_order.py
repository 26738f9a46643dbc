"""Puts item pages in search-shard order, and hands them to the search feed in that order
however each page's article arrives (rendered by MkDocs now, or read from the build
cache), and nothing more.

Pagefind numbers pages in the order it gets them, so a build that reuses cached pages must
hand them over in the order a clean build does to write the same bundle. That order is
shard by shard (shards.shard_plan), each shard's pages in the compiled pages' order; MkDocs
renders the item pages in the same order (`in_shard_order` orders its files), so each
shard is complete, and its Pagefind process can start, while later shards still render,
and few articles wait here for an earlier one.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

from generator.adapters.mkdocs.page_cache import page_url
from generator.adapters.mkdocs.search import SearchFeed
from generator.adapters.mkdocs.shard_index import KeyedArticle
from generator.output import Page


def in_shard_order(pages: list[Page], config: MkDocsConfig, plan: dict[str, int]) -> list[Page]:
    """`pages` with the item pages after the others, shard by shard (`plan`: page URL ->
    shard), each shard's pages in their order in `pages`."""
    others: list[Page] = []
    items: list[tuple[int, Page]] = []
    for page in pages:
        if page.meta.get("page_kind") == "item":
            items.append((plan.get(page_url(config, page.src_uri), 0), page))
        else:
            others.append(page)
    items.sort(key=lambda entry: entry[0])  # stable: page order within a shard
    return others + [page for _shard, page in items]


class SearchOrder:
    """`ready` each item page's article (in any order); the feed gets them in `order`."""

    def __init__(self, feed: SearchFeed, order: list[str]) -> None:
        self.feed = feed
        self.order = order  # src_uris of the item pages, in shard order
        self.waiting: dict[str, tuple[str, str | KeyedArticle]] = {}
        self.next = 0

    def ready(self, src_uri: str, url: str, article: str | KeyedArticle) -> None:
        self.waiting[src_uri] = (url, article)
        while self.next < len(self.order) and self.order[self.next] in self.waiting:
            self.feed.add(*self.waiting.pop(self.order[self.next]))
            self.next += 1
