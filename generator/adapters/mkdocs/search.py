"""Feeds item pages to Pagefind during the MkDocs build, and nothing more.

Each item page goes to a Pagefind service process (generator.adapters.mkdocs.stream) once MkDocs has
its content; Pagefind builds the bundle while MkDocs writes pages, and the build collects
it at the end. Pages go to shards, newest items first (generator/features/search/shards.py),
each shard a bundle of its own. If fewer pages reached Pagefind than the site has (a dirty
build, a page another plugin dropped) or the stream broke, the bundles are made from the
finished site: its item pages read back into Pagefind, shard by shard (with one shard,
the Pagefind program over the site). Both give the same fragments and search results.
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
from generator.features.search.shards import shard_dir

log = get_plugin_logger(__name__)


class SearchFeed:
    """`start`, `add` each item page, `finish` once every page is read, then `complete`."""

    def __init__(self, stream: SearchStream, expected: int, plan: dict[str, int]) -> None:
        self.stream = stream
        self.expected = expected
        self.plan = plan
        self.started = time.perf_counter()
        self.finished = False

    @classmethod
    def start(cls, *, expected: int, plan: dict[str, int] | None = None) -> SearchFeed:
        """`plan`: page URL -> shard (shards.shard_plan); none or missing pages: shard 0."""
        plan = plan or {}
        return cls(SearchStream.start(shards=shard_count(plan)), expected, plan)

    def add(self, url: str, article_html: str) -> None:
        """`url`: the page's URL relative to the site root, as MkDocs gives it."""
        self.stream.add_page("/" + url, article_html, self.plan.get(url, 0))

    def pump(self) -> None:
        """Pass on what Pagefind has room for now (call often; never waits)."""
        self.stream.pump()

    def finish(self, site_dir: Path) -> None:
        if self.stream.sent == self.expected:
            self.stream.write(site_dir / BUNDLE_DIR, shard_dirs(self.plan))
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
                            site_dir,
                            pages=pages,
                            started=feed.started,
                            streamed=True,
                            shard_dirs=shard_dirs(feed.plan),
                        )
                    reason = f"只索引了 {pages} / {feed.expected} 个页面"
            except SearchIndexError as error:
                reason = str(error)
            finally:
                feed.close()
            log.info("搜索索引：%s，改为构建后索引整个站点", reason)
            shutil.rmtree(site_dir / BUNDLE_DIR, ignore_errors=True)
            if shard_count(feed.plan) > 1:
                return index_built_site(site_dir, feed.plan)
        return build_search_index(site_dir)


def shard_count(plan: dict[str, int]) -> int:
    return max(plan.values(), default=0) + 1


def shard_dirs(plan: dict[str, int]) -> list[str]:
    return [shard_dir(n) for n in range(shard_count(plan))]


def index_built_site(site_dir: Path, plan: dict[str, int], *, timeout: float = 3600) -> IndexReport:
    """The shards' bundles from the item pages of a finished site (`plan`: page URL -> shard),
    each page read from disk as written and handed to Pagefind whole."""
    site_dir = Path(site_dir)
    started = time.perf_counter()
    stream = SearchStream.start(shards=shard_count(plan))
    try:
        for url, shard in plan.items():
            try:
                html = (site_dir / url / "index.html").read_text("utf-8")
            except OSError as error:
                raise SearchIndexError(f"搜索索引：读取页面失败：{error}") from None
            stream.add_page("/" + url, html, shard, whole=True)
        shutil.rmtree(site_dir / BUNDLE_DIR, ignore_errors=True)
        stream.write(site_dir / BUNDLE_DIR, shard_dirs(plan))
        pages = stream.wait(timeout)
    finally:
        stream.close()
    if pages != len(plan):
        raise SearchIndexError(f"搜索索引：只索引了 {pages} / {len(plan)} 个页面")
    return finish_bundle(site_dir, pages=pages, started=started, shard_dirs=shard_dirs(plan))
