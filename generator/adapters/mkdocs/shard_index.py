"""Indexes the search shards one Pagefind process at a time, or writes a shard's bundle from
the build cache when its pages are those of an earlier build, and nothing more.

Pagefind keeps every page's words until it writes a bundle (about 150 KB a page), so one
process indexing every shard peaked with the whole site (3.4 GB at 20,000 items). Here each
shard has a process of its own, started when the shard's last page has come and closed as
soon as its files are handed over, and at most one runs at a time: the peak follows the
largest shard (shards.SHARD_CAP), whatever the site's size.

A shard's pages are held zlib-compressed until the shard is complete. Then the shard's key
is known: a digest of exactly what Pagefind would be given (each page's URL and HTML, in
order), the Pagefind program and version, and the shard's options. In a build that reuses
rendered pages each article comes as a `KeyedArticle`, named by its rendered page's cache
key (which names everything the article is made from): the shard's key is then made of
those keys, and an article that was not read (its page was on disk, site_record.py) is read
only if its shard is indexed again. A bundle stored under
that key by an earlier build is written as it is; otherwise a Pagefind process is started
(or, while another is still indexing, the shard waits its turn) and the bundle it makes is
put in its stable form (canonical.py), written, and stored. Shards complete while MkDocs
is still rendering, so `pump()` (called for every page, never waiting) feeds the running
process, and `finish()` waits for what is left once the site is written.
"""

from __future__ import annotations

import hashlib
import time
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from generator.adapters.mkdocs.canonical import BundleFormatError, canonical_files
from generator.adapters.mkdocs.indexer import LANGUAGE, SearchIndexError, executable
from generator.adapters.mkdocs.stream import PAGE, PIPE_BYTES, SearchStream
from generator.cache import CacheStore
from generator.features.search.shards import shard_dir
from generator.writing import OutsideRootError, write_files

CACHE_LAYER = "search-shards"
# Pages are encoded for Pagefind only while less than this waits for its pipe.
FEED_BYTES = PIPE_BYTES


def program_version() -> str:
    """The Pagefind program that makes the bundles (name and package version)."""
    try:
        version = metadata.version("pagefind")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return f"{executable().name} {version}"


@dataclass(frozen=True)
class KeyedArticle:
    """An item page's article named by its rendered page's cache key: `text`, or `load()`
    (None when it cannot be read: the shard is then indexed from the finished site)."""

    key: str
    text: str | None = None
    load: Callable[[], str | None] | None = None


# A page as the shard holds it: the page Pagefind gets, compressed, or how to read its
# article (a keyed page that was not read).
Held = bytes | Callable[[], str | None]


@dataclass
class Shard:
    """One shard's pages, compressed, as they come; its key once complete."""

    number: int
    size: int
    received: int = 0
    written: bool = False
    pages: deque[tuple[str, Held]] = field(default_factory=deque)
    hasher: hashlib.blake2b = field(default_factory=lambda: hashlib.blake2b(digest_size=32))

    def add(self, url: str, name: bytes, held: Held) -> None:
        """`name`: what the shard's key takes of the page (its HTML, or its page key)."""
        for part in (url.encode("utf-8"), name):
            self.hasher.update(len(part).to_bytes(8, "little"))
            self.hasher.update(part)
        self.pages.append((url, held))
        self.received += 1

    @property
    def complete(self) -> bool:
        return self.received >= self.size

    @property
    def primary(self) -> bool:
        """Shard 0's bundle carries Pagefind's scripts and styles; the others do not."""
        return self.number == 0


def _page(article: str) -> str:
    return PAGE.format(language=LANGUAGE, article=article)


def _packed(page: str | bytes) -> bytes:
    return zlib.compress(page.encode("utf-8") if isinstance(page, str) else page, 1)


@dataclass
class Running:
    """A shard being indexed by its Pagefind process."""

    shard: Shard
    stream: SearchStream
    asked: bool = False  # the files have been requested


class ShardIndex:
    """`add(shard, url, html)` for each page (each shard's pages in order, `pump()` in
    between), then `finish()`; `close()` always. Bundles go to `bundle_dir / shard_dir(n)`."""

    def __init__(
        self,
        bundle_dir: Path,
        sizes: list[int],
        *,
        cache: CacheStore | None = None,
        whole: bool = False,
    ) -> None:
        """`sizes`: the pages of each shard; `whole`: pages come as written (not articles)."""
        self.bundle_dir = Path(bundle_dir)
        self.shards = [Shard(n, size) for n, size in enumerate(sizes)]
        self.cache = cache
        self.whole = whole
        self.options = f"{program_version()} language={LANGUAGE}"
        self.waiting: deque[tuple[Shard, str]] = deque()  # complete, not indexed yet
        self.running: tuple[Running, str] | None = None
        self.failure: str | None = None
        self.sent = 0
        self.indexed = 0  # pages in the bundles written (indexed now or earlier)
        self.reused = 0  # shards written from the cache
        self.started = 0  # Pagefind processes started
        for shard in self.shards:
            if shard.complete:  # an empty shard (a site with no items)
                self._completed(shard)

    def add(self, shard: int, url: str, html: str | KeyedArticle) -> None:
        """One page of `shard` (`url` as the site serves it): its HTML (`whole`), or its
        article, as text or keyed."""
        self.sent += 1
        if self.failure is not None:
            return
        target = self.shards[shard]
        if isinstance(html, KeyedArticle):
            name = b"page-key " + html.key.encode("utf-8")
            held = html.load if html.text is None else _packed(_page(html.text))
            target.add(url, name, held or (lambda: None))
        else:
            data = (html if self.whole else _page(html)).encode("utf-8")
            target.add(url, data, _packed(data))
        if target.complete:
            try:
                self._completed(target)
            except SearchIndexError as error:
                self._fail(str(error))
        self.pump()

    def pump(self) -> None:
        """Pass on what the running Pagefind process has room for, take its bundle when it
        is ready and start the next; never waits."""
        try:
            while self.failure is None and self._advance():
                pass
        except SearchIndexError as error:
            self._fail(str(error))

    def finish(self, timeout: float = 3600) -> int:
        """Wait until every shard's bundle is written; the pages in them.
        SearchIndexError says what went wrong."""
        deadline = time.monotonic() + timeout
        try:
            while self.failure is None and (self.running or self.waiting):
                if self.running is None:
                    self._start_next()
                    continue
                job, key = self.running
                while job.shard.pages:
                    self._send_next(job)
                    job.stream.pump(batch=FEED_BYTES)
                if not job.asked:
                    job.stream.request_files()
                    job.asked = True
                self._done(job, key, job.stream.wait(max(0.0, deadline - time.monotonic())))
        except SearchIndexError as error:
            self._fail(str(error))
        if self.failure is not None:
            raise SearchIndexError(self.failure)
        if not all(shard.written for shard in self.shards):
            raise SearchIndexError(f"搜索索引：只收到 {self.sent} 个页面")
        return self.indexed

    def close(self) -> None:
        if self.running is not None:
            self.running[0].stream.close()
            self.running = None

    # -- shards ----------------------------------------------------------------------------

    def _completed(self, shard: Shard) -> None:
        key = shard.hasher.hexdigest()
        key = hashlib.blake2b(f"{self.options} primary={shard.primary} {key}".encode()).hexdigest()
        files = self._cached(key)
        if files is not None:
            self._write(shard, files)
            self.reused += 1
            return
        self.waiting.append((shard, key))

    def _cached(self, key: str) -> list[tuple[str, bytes]] | None:
        if self.cache is None:
            return None
        found = self.cache.get(CACHE_LAYER, key)
        sound = isinstance(found, list) and all(
            isinstance(f, tuple)
            and len(f) == 2
            and isinstance(f[0], str)
            and isinstance(f[1], bytes)
            for f in found
        )
        return found if sound and found else None  # anything else: index the shard again

    def _advance(self) -> bool:
        """One step without waiting; whether another step may go on at once."""
        if self.running is None:
            if not self.waiting:
                return False
            self._start_next()
        job, key = self.running
        while job.shard.pages and job.stream.pending < FEED_BYTES:
            self._send_next(job)
        if not job.shard.pages and not job.asked:
            job.stream.request_files()
            job.asked = True
        if not job.asked:
            job.stream.pump()
            return False
        files = job.stream.poll()
        if files is None:
            return False
        self._done(job, key, files)
        return True

    def _start_next(self) -> None:
        shard, key = self.waiting.popleft()
        self.running = (Running(shard, SearchStream.start()), key)
        self.started += 1

    @staticmethod
    def _send_next(job: Running) -> None:
        url, held = job.shard.pages.popleft()
        if isinstance(held, bytes):
            page = zlib.decompress(held).decode("utf-8")
        else:
            article = held()
            if article is None:
                raise SearchIndexError(f"搜索索引：构建缓存中缺少页面 {url} 的搜索内容")
            page = _page(article)
        job.stream.add_page(url, page, whole=True)

    def _done(self, job: Running, key: str, files: list[tuple[str, bytes]]) -> None:
        indexed, sent = job.stream.indexed, job.stream.sent
        job.stream.close()
        self.running = None
        if indexed != sent:
            raise SearchIndexError(f"搜索索引：只索引了 {indexed} / {sent} 个页面")
        kept = {
            path: data
            for path, data in files
            if job.shard.primary or not path.endswith((".js", ".css"))
        }
        try:
            stable = sorted(canonical_files(kept).items())
        except (BundleFormatError, ValueError, KeyError) as error:
            raise SearchIndexError(f"搜索索引整理失败（Pagefind 输出格式不符）：{error}") from error
        self._write(job.shard, stable)
        if self.cache is not None:
            self.cache.put(CACHE_LAYER, key, stable)

    def _write(self, shard: Shard, files: list[tuple[str, bytes]]) -> None:
        try:
            write_files(self.bundle_dir / shard_dir(shard.number), files)
        except (OSError, OutsideRootError) as error:
            raise SearchIndexError(f"写入搜索索引文件失败：{error}") from None
        self.indexed += shard.received
        shard.pages.clear()
        shard.written = True

    def _fail(self, message: str) -> None:
        self.failure = message
        self.close()
        self.waiting.clear()
        for shard in self.shards:
            shard.pages.clear()
