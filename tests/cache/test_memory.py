"""The build cache held in memory between preview builds: the disk stays the truth, entries
a build did not use are let go of, memory-only results (`held`) are made once per
arguments and never outside such a store, and an identity-keyed result is never handed to
another object."""

from __future__ import annotations

import pickle

from generator.cache.memo import held, held_value, remembered, results_cached
from generator.cache.memory import MemoryStore
from generator.cache.store import CacheStore
from generator.compile.packed import pack, unpack
from generator.output import Page

calls: list[str] = []


@remembered("test")
def shout(text: str) -> str:
    calls.append(text)
    return text.upper()


@held("test-held")
def whisper(text: str) -> str:
    calls.append(text)
    return text.lower()


def test_entries_are_written_to_disk_and_read_from_memory_afterwards(tmp_path):
    calls.clear()
    memory = MemoryStore(CacheStore(tmp_path, "v1"))
    with results_cached(memory):
        assert shout("ab") == "AB"
    (entry,) = (tmp_path / "v1" / "test").glob("*/*")
    entry.write_bytes(b"broken")  # memory answers now; a fresh store sees the disk
    with results_cached(memory):
        assert shout("ab") == "AB"
    assert calls == ["ab"] and memory.hits == 1
    with results_cached(CacheStore(tmp_path, "v1")):
        assert shout("ab") == "AB"
    assert calls == ["ab", "ab"]


def test_a_build_keeps_only_what_the_build_before_used(tmp_path):
    calls.clear()
    memory = MemoryStore(CacheStore(tmp_path, "v1"))
    with results_cached(memory):
        shout("a")
        shout("b")
    memory.next_build()
    with results_cached(memory):
        shout("a")  # held; "b" is not asked for in this build
    memory.next_build()
    assert memory.held == 1
    with results_cached(memory):
        shout("b")  # read from disk again, not made
    assert calls == ["a", "b"]


def test_held_results_are_kept_in_memory_only_and_per_arguments(tmp_path):
    calls.clear()
    memory = MemoryStore(CacheStore(tmp_path, "v1"))
    with results_cached(memory):
        assert whisper("AB") == whisper("AB") == "ab"
        assert whisper("CD") == "cd"
    with results_cached(CacheStore(tmp_path, "v1")):  # a build without memory: made again
        assert whisper("AB") == "ab"
    assert whisper("AB") == "ab"  # no cache at all
    assert calls == ["AB", "CD", "AB", "AB"]
    assert not (tmp_path / "v1" / "test-held").exists()


def test_a_page_is_packed_once_while_it_is_the_same_object_and_afresh_otherwise(tmp_path):
    page = Page(src_uri="a.md", title="甲", content="<p>一</p>", meta={"page_kind": "item"})
    twin = Page(src_uri="a.md", title="甲", content="<p>二</p>", meta={"page_kind": "item"})
    memory = MemoryStore(CacheStore(tmp_path, "v1"))
    with results_cached(memory):
        first = pack(page)
        assert pack(page) is first
        other = pack(twin)
        # The same id cannot stand for another object: the entry holds the page it packed.
        kept, packed = held_value("packed", id(page), lambda: (None, None))
        assert kept is page and packed is first
    assert other is not first and unpack(other) == twin and unpack(first) == page
    assert pickle.loads(pickle.dumps(first)) == first
