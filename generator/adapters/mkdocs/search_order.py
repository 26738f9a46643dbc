"""Hands item pages to the search feed in the site's page order, however each page's article
arrives (rendered by MkDocs now, or read from the build cache), and nothing more.

Pagefind numbers pages in the order it gets them, so a build that reuses cached pages must
hand them over in the order a clean build does (the compiled pages' order) to write the
same bundle.
"""

from __future__ import annotations

from generator.adapters.mkdocs.search import SearchFeed


class SearchOrder:
    """`ready` each item page's article (in any order); the feed gets them in `order`."""

    def __init__(self, feed: SearchFeed, order: list[str]) -> None:
        self.feed = feed
        self.order = order  # src_uris of the item pages, in page order
        self.waiting: dict[str, tuple[str, str]] = {}
        self.next = 0

    def ready(self, src_uri: str, url: str, article: str) -> None:
        self.waiting[src_uri] = (url, article)
        while self.next < len(self.order) and self.order[self.next] in self.waiting:
            self.feed.add(*self.waiting.pop(self.order[self.next]))
            self.next += 1
