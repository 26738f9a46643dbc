"""Search shards indexed by real Pagefind processes one at a time, and written from the build
cache when a shard's pages are unchanged: the bundles equal those of a build without cache."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.adapters.mkdocs.indexer import SearchIndexError
from generator.adapters.mkdocs.shard_index import CACHE_LAYER, ShardIndex
from generator.cache.store import CacheStore

ARTICLE = '<h1>{title}</h1><p>{text}</p><span data-pagefind-filter="year">{year}</span>'
SIZES = [2, 3, 2]


def _pages(edited: int | None = None) -> list[tuple[int, str, str]]:
    """(shard, url, article) for SIZES, shard by shard; page `edited` with other words."""
    pages = []
    number = 0
    for shard, size in enumerate(SIZES):
        for _ in range(size):
            text = "两化融合 专精特新" if number != edited else "技术改造 数字化转型"
            article = ARTICLE.format(title=f"第{number}号文件", text=text, year=2020 + number)
            pages.append((shard, f"/policies/p{number}/", article))
            number += 1
    return pages


def _pagefind_children() -> int:
    """Live Pagefind processes started by this process."""
    count = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            name = (entry / "comm").read_text().strip()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and name.startswith("pagefind") and fields[0] != "Z":
            count += 1
    return count


def _index(out: Path, cache: CacheStore | None, pages) -> tuple[ShardIndex, int]:
    """Index `pages` into `out`; the index and the most Pagefind processes seen at once."""
    index = ShardIndex(out, SIZES, cache=cache)
    most = 0
    try:
        for shard, url, article in pages:
            index.add(shard, url, article)
            most = max(most, _pagefind_children())
        assert index.finish(timeout=120) == len(pages)
    finally:
        index.close()
    return index, most


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_each_shard_has_its_own_pagefind_process_one_at_a_time(tmp_path):
    index, most = _index(tmp_path / "pagefind", None, _pages())
    assert index.started == len(SIZES) and index.reused == 0
    assert most == 1
    assert _pagefind_children() == 0  # every process closed once its bundle is written
    bundle = tmp_path / "pagefind"
    assert (bundle / "pagefind.js").is_file()
    for older in ("older-1", "older-2"):
        assert (bundle / older / "pagefind-entry.json").is_file()
        assert not (bundle / older / "pagefind.js").exists()
    assert len(list((bundle / "older-1" / "fragment").iterdir())) == 3


def test_unchanged_shards_come_from_the_cache_and_equal_a_clean_index(tmp_path):
    cache = CacheStore(tmp_path / "cache", "v")
    first, _ = _index(tmp_path / "first", cache, _pages())
    assert first.started == 3 and len(list(cache.base.glob(f"{CACHE_LAYER}/*/*"))) == 3
    again, most = _index(tmp_path / "again", cache, _pages())
    assert again.started == 0 and again.reused == 3 and most == 0
    assert _files(tmp_path / "again") == _files(tmp_path / "first")
    # One page of the middle shard edited: only that shard is indexed again.
    edited, _ = _index(tmp_path / "edited", cache, _pages(edited=3))
    assert edited.started == 1 and edited.reused == 2
    clean, _ = _index(tmp_path / "clean", None, _pages(edited=3))
    assert _files(tmp_path / "edited") == _files(tmp_path / "clean")
    assert _files(tmp_path / "edited") != _files(tmp_path / "first")


def test_a_corrupt_or_foreign_cache_entry_is_indexed_again(tmp_path):
    cache = CacheStore(tmp_path / "cache", "v")
    _index(tmp_path / "first", cache, _pages())
    entries = sorted(cache.base.glob(f"{CACHE_LAYER}/*/*"))
    data = bytearray(entries[0].read_bytes())
    data[-1] ^= 0xFF  # a flipped byte
    entries[0].write_bytes(bytes(data))
    key = entries[1].name
    cache.put(CACHE_LAYER, key, {"not": "a bundle"})  # sound on disk, wrong in shape
    again, _ = _index(tmp_path / "again", cache, _pages())
    assert again.started == 2 and again.reused == 1
    assert _files(tmp_path / "again") == _files(tmp_path / "first")


def test_a_shard_short_of_pages_is_an_error(tmp_path):
    index = ShardIndex(tmp_path / "pagefind", SIZES)
    try:
        for shard, url, article in _pages()[:-1]:
            index.add(shard, url, article)
        with pytest.raises(SearchIndexError, match="只收到 6 个页面"):
            index.finish(timeout=120)
    finally:
        index.close()
