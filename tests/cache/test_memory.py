"""The build cache held in memory between preview builds: the disk stays the truth, entries
a build did not use are let go of, memory-only results (`held`) are made once per
arguments and never outside such a store, and compiled pages are held packed, the same
object from one build to the next until their item changes."""

from __future__ import annotations

import datetime as dt

from generator.cache.memo import held, remembered, results_cached
from generator.cache.memory import MemoryStore
from generator.cache.store import CacheStore
from generator.compile.packed import PackedPage, pack, unpack
from generator.content.check import check_content
from generator.site import compile_site
from tests.support.content_fixture import TODAY, write_content

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


def test_compiled_pages_are_held_packed_and_made_again_after_an_edit(tmp_path):
    content = write_content(tmp_path)
    today = dt.date.fromisoformat(TODAY)
    memory = MemoryStore(CacheStore(tmp_path / "cache", "v1"))

    def compiled() -> dict[str, PackedPage]:
        memory.next_build()
        with results_cached(memory):
            index = check_content(content, today).index
            site = compile_site(index, today, keep=pack)
        return {page.src_uri: page for page in site.pages if isinstance(page, PackedPage)}

    first, again = compiled(), compiled()
    policy = "policies/policy-current.md"
    assert again[policy] is first[policy]  # the held entry itself: neither read nor packed
    path = content / policy
    path.write_text(path.read_text(encoding="utf-8") + "\n新加的一段。\n", encoding="utf-8")
    edited = compiled()
    assert edited[policy] is not first[policy]
    assert "新加的一段" in repr(unpack(edited[policy]).fragments)
    assert unpack(edited[policy]) == unpack(compile_fresh(content, today)[policy])
    others = [uri for uri in first if uri != policy and uri.count("/") == 1 and "-" in uri]
    assert others and all(edited[uri] is first[uri] for uri in others)


def compile_fresh(content, today) -> dict[str, PackedPage]:
    index = check_content(content, today).index
    site = compile_site(index, today, keep=pack)
    return {page.src_uri: page for page in site.pages if isinstance(page, PackedPage)}
