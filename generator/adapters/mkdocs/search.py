"""Feeds item pages to Pagefind during the MkDocs build, and nothing more.

Each item page goes to its search shard (generator/features/search/shards.py: newest items
first) once MkDocs has its content; shard_index.py indexes each complete shard with a
Pagefind process of its own, one at a time, while MkDocs goes on rendering (or writes the
shard's bundle from the build cache when its pages are unchanged), and the build waits for
what is left at the end. If fewer pages reached Pagefind than the site has (a dirty build,
a page another plugin dropped) or the stream broke, the bundles are made from the finished
site: its item pages read back, shard by shard (with one shard, the Pagefind program over
the site). Both give the same fragments and search results.
"""

from __future__ import annotations

import shutil
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from mkdocs.plugins import get_plugin_logger

from generator.adapters.mkdocs.indexer import (
    BUNDLE_DIR,
    IndexReport,
    SearchIndexError,
    build_search_index,
    executable,
    finish_bundle,
)
from generator.adapters.mkdocs.shard_index import KeyedArticle, ShardIndex
from generator.cache import CacheStore

log = get_plugin_logger(__name__)


class SearchFeed:
    """`start`, `add` each item page, `finish` once every page is read, then `complete`."""

    def __init__(self, index: ShardIndex, expected: int, plan: dict[str, int]) -> None:
        self.index = index
        self.expected = expected
        self.plan = plan
        self.started = time.perf_counter()
        self.finished = False

    @classmethod
    def start(
        cls,
        site_dir: Path,
        *,
        expected: int,
        plan: dict[str, int] | None = None,
        cache: CacheStore | None = None,
    ) -> SearchFeed:
        """`plan`: page URL -> shard (shards.shard_plan); none or missing pages: shard 0.
        Pages must come shard by shard (search_order.py), each shard's in page order."""
        plan = plan or {}
        executable()  # no Pagefind: say so now, and let the build index the site after
        # A bundle of the last build stays: files written again with the same bytes are left
        # as they are, and what this build does not write is swept (kept_folder.py).
        index = ShardIndex(Path(site_dir) / BUNDLE_DIR, shard_sizes(plan, expected), cache=cache)
        return cls(index, expected, plan)

    def add(self, url: str, article_html: str | KeyedArticle) -> None:
        """`url`: the page's URL relative to the site root, as MkDocs gives it."""
        self.index.add(self.plan.get(url, 0), "/" + url, article_html)

    def pump(self) -> None:
        """Pass on what Pagefind has room for now (call often; never waits)."""
        self.index.pump()

    def finish(self, site_dir: Path) -> None:
        self.finished = self.index.sent == self.expected
        self.pump()

    def close(self) -> None:
        self.index.close()

    @staticmethod
    def complete(feed: SearchFeed | None, site_dir: Path) -> IndexReport:
        """The bundle in `site_dir/pagefind`, canonical; from the feed if it has all pages."""
        if feed is not None:
            try:
                reason = f"构建只读取了 {feed.index.sent} / {feed.expected} 个页面"
                if feed.finished:
                    pages = feed.index.finish()
                    if pages == feed.expected:
                        if feed.index.reused:
                            log.info(
                                "搜索索引：%d / %d 个分片沿用上次的结果",
                                feed.index.reused,
                                len(feed.index.shards),
                            )
                        return finish_bundle(
                            site_dir,
                            pages=pages,
                            started=feed.started,
                            streamed=True,
                            shard_dirs=(),
                        )
                    reason = f"只索引了 {pages} / {feed.expected} 个页面"
            except SearchIndexError as error:
                reason = str(error)
            finally:
                feed.close()
            log.info("搜索索引：%s，改为构建后索引整个站点", reason)
            shutil.rmtree(site_dir / BUNDLE_DIR, ignore_errors=True)
            if len(shard_sizes(feed.plan, feed.expected)) > 1:
                return index_built_site(site_dir, feed.plan)
        return build_search_index(site_dir)


def streaming_feed(
    site_dir: Path, pages: Iterable[Any], plan: dict[str, int], cache: CacheStore | None
) -> SearchFeed | None:
    """A feed for the item pages among `pages` (compiled, with their meta), or None when
    Pagefind cannot start now: the whole-site run after the build then says what is wrong,
    or succeeds."""
    items = sum(1 for page in pages if page.meta.get("page_kind") == "item")
    try:
        return SearchFeed.start(site_dir, expected=items, plan=plan, cache=cache)
    except SearchIndexError as error:
        log.debug("search: no streaming (%s)", error)
        return None


def completed(feed: SearchFeed | None, site_dir: Path) -> str:
    """`SearchFeed.complete`, and the log line saying how it went (SearchIndexError if not)."""
    started = time.perf_counter()
    report = SearchFeed.complete(feed, site_dir)
    how = "边构建边索引" if report.streamed else "构建后索引整个站点"
    waited = time.perf_counter() - started
    return f"搜索索引：{report.pages} 个页面（{how}，页面写完后又用了 {waited:.1f} 秒）"


def shard_sizes(plan: dict[str, int], expected: int = 0) -> list[int]:
    """Pages of each shard; the `expected` pages missing from `plan` go to shard 0."""
    counts = Counter(plan.values())
    sizes = [counts[n] for n in range(max(counts, default=0) + 1)]
    sizes[0] += max(0, expected - len(plan))
    return sizes


def index_built_site(site_dir: Path, plan: dict[str, int], *, timeout: float = 3600) -> IndexReport:
    """The shards' bundles from the item pages of a finished site (`plan`: page URL -> shard),
    each page read from disk as written and handed to Pagefind whole, shard by shard."""
    site_dir = Path(site_dir)
    started = time.perf_counter()
    shutil.rmtree(site_dir / BUNDLE_DIR, ignore_errors=True)
    index = ShardIndex(site_dir / BUNDLE_DIR, shard_sizes(plan), whole=True)
    try:
        for url, shard in sorted(plan.items(), key=lambda entry: entry[1]):
            try:
                html = (site_dir / url / "index.html").read_text("utf-8")
            except OSError as error:
                raise SearchIndexError(f"搜索索引：读取页面失败：{error}") from None
            index.add(shard, "/" + url, html)
        pages = index.finish(timeout)
    finally:
        index.close()
    if pages != len(plan):
        raise SearchIndexError(f"搜索索引：只索引了 {pages} / {len(plan)} 个页面")
    return finish_bundle(site_dir, pages=pages, started=started, shard_dirs=())
