"""Feeds item pages to Pagefind during the MkDocs build, and nothing more.

Each item page goes to a Pagefind service process (generator.adapters.mkdocs.stream) once MkDocs has
its content; Pagefind builds the bundle while MkDocs writes pages, and the build collects
it at the end. If fewer pages reached Pagefind than the site has (a dirty
build, a page another plugin dropped) or the stream broke, the bundle is made the old way:
Pagefind over the finished site. Both give the same fragments and search results.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from mkdocs.plugins import get_plugin_logger

from generator.adapters.mkdocs.indexer import (
    BUNDLE_DIR,
    IndexReport,
    SearchIndexError,
    build_search_index,
    finish_bundle,
)
from generator.adapters.mkdocs.stream import SearchStream

log = get_plugin_logger(__name__)


class SearchFeed:
    """`start`, `add` each item page, `finish` once every page is read, then `complete`."""

    def __init__(self, stream: SearchStream, expected: int) -> None:
        self.stream = stream
        self.expected = expected
        self.started = time.perf_counter()
        self.finished = False

    @classmethod
    def start(cls, *, expected: int) -> SearchFeed:
        return cls(SearchStream.start(), expected)

    def add(self, url: str, article_html: str) -> None:
        """`url`: the page's URL relative to the site root, as MkDocs gives it."""
        self.stream.add_page("/" + url, article_html)

    def pump(self) -> None:
        """Pass on what Pagefind has room for now (call often; never waits)."""
        self.stream.pump()

    def finish(self, site_dir: Path) -> None:
        if self.stream.sent == self.expected:
            self.stream.write(site_dir / BUNDLE_DIR)
            self.finished = True

    def close(self) -> None:
        self.stream.close()

    @staticmethod
    def complete(feed: SearchFeed | None, site_dir: Path) -> IndexReport:
        """The bundle in `site_dir/pagefind`, canonical; from the feed if it has all pages."""
        if feed is not None:
            try:
                reason = f"构建只读取了 {feed.stream.sent} / {feed.expected} 个页面"
                if feed.finished:
                    pages = feed.stream.wait()
                    if pages == feed.expected:
                        return finish_bundle(
                            site_dir, pages=pages, started=feed.started, streamed=True
                        )
                    reason = f"只索引了 {pages} / {feed.expected} 个页面"
            except SearchIndexError as error:
                reason = str(error)
            finally:
                feed.close()
            log.info("搜索索引：%s，改为构建后索引整个站点", reason)
            shutil.rmtree(site_dir / BUNDLE_DIR, ignore_errors=True)
        return build_search_index(site_dir)
