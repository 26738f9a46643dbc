"""The build cache's entries also held in this process's memory from one build to the next
(`mkdocs serve` rebuilds in one process), and nothing more.

A preview rebuild after an edit reads back thousands of entries (parsed files, compiled
pages, sanitized Markdown): each a file read, a digest check and an unpickling. Held here,
an entry costs a dictionary look-up the second time. The disk store stays the truth:
every entry is written there as before and a miss here asks it. What is held is the
value itself, shared by every build that reads it, so only immutable results (strings,
bytes, frozen pages, parsed documents that are only read) may go through a cache that
holds them; the layers of rendered pages and search bundles (large, and read once a
build) are not held, nor compiled pages, which `compile.page_memo` holds packed. `kept` holds results that never go to disk (`memo.held`). After each build, entries that build did not use are let go of, so
the memory held is one build's working set.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import TypeVar

from generator.cache.store import CacheStore

Result = TypeVar("Result")

# Compiled pages are held packed instead (`compile.page_memo`, its "compiled-kept").
NOT_HELD = frozenset({"pages", "search-shards", "compiled"})


class MemoryStore(CacheStore):
    """`disk`'s entries, those read or written since the last `next_build` held in memory."""

    def __init__(self, disk: CacheStore) -> None:
        super().__init__(disk.root, disk.base.name)
        self._held: dict[tuple[str, Hashable], object] = {}
        self._used: set[tuple[str, Hashable]] = set()

    def get(self, layer: str, key: str) -> object | None:
        name = (layer, key)
        if name in self._held:
            self._used.add(name)
            self.hits += 1
            return self._held[name]
        value = super().get(layer, key)
        if value is not None:
            self._hold(name, value)
        return value

    def put(self, layer: str, key: str, value: object) -> None:
        super().put(layer, key, value)
        self._hold((layer, key), value)

    def _hold(self, name: tuple[str, Hashable], value: object) -> None:
        if name[0] not in NOT_HELD:
            self._held[name] = value
            self._used.add(name)

    def kept(self, layer: str, key: Hashable, make: Callable[[], Result]) -> Result:
        """`make()`, or what it gave under `key` in this build or the last: in memory only
        (for results cheaper to make again than to read from disk)."""
        name = (layer, key)
        if name in self._held:
            self._used.add(name)
            return self._held[name]  # type: ignore[return-value]
        value = make()
        self._held[name] = value
        self._used.add(name)
        return value

    def next_build(self) -> None:
        """Let go of the entries the last build did not use; count this build's anew."""
        self._held = {name: self._held[name] for name in self._used if name in self._held}
        self._used = set()
        self.hits = self.misses = 0

    @property
    def held(self) -> int:
        return len(self._held)
