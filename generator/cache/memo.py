"""Results of pure text functions remembered in the build cache, keyed by their arguments,
and nothing more.

A function of strings whose result depends on nothing but its arguments and the code
(editor Markdown to sanitized HTML; a URL to its QR code) is wrapped with
`remembered(layer)`; a value whose inputs the caller names itself (a compiled page: the
key covers everything it shows) goes through `remembered_value(layer, key, make)`. While `results_cached(store)` is active (a build with a cache), a
result made by an earlier build, or by the forked half of this one, is read back instead of
made again. The key is the arguments and the code version, so nothing else can change the
result; without an active cache the function runs as written. In `mkdocs serve`, `held`
keeps results of pure functions in memory only, from one rebuild to the next.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

from generator.cache.memory import MemoryStore
from generator.cache.store import CacheStore, digest
from generator.cache.versions import code_version

Params = ParamSpec("Params")
Result = TypeVar("Result")

_active: list[tuple[CacheStore, str]] = []


@contextmanager
def results_cached(store: CacheStore | None) -> Iterator[None]:
    """Remember results in `store` while the block runs (nothing when `store` is None)."""
    if store is None:
        yield
        return
    _active.append((store, code_version()))
    try:
        yield
    finally:
        _active.pop()


def streamed_with(
    store: CacheStore | None, make: Callable[[], Iterable[Result]]
) -> Callable[[], Iterator[Result]]:
    """`make`, with `store` active while its values are made: for a stream consumed later
    (in the background files child, or the preview's thread), outside `results_cached`."""

    def run() -> Iterator[Result]:
        with results_cached(store):
            yield from make()

    return run


def caching() -> bool:
    """Whether a cache is active (results are remembered)."""
    return bool(_active)


def remembered_value(layer: str, key: str, make: Callable[[], Result]) -> Result:
    """`make()`, or what it gave before under `key` (which must name all it depends on,
    the code version aside: that is added here)."""
    if not _active:
        return make()
    store, version = _active[-1]
    key = digest(version, key)
    found = store.get(layer, key)
    if found is not None:
        return found  # type: ignore[return-value]
    result = make()
    store.put(layer, key, result)
    return result


def remembered_stream(
    layer: str, key: str, make: Callable[[], Iterable[Result]]
) -> Iterator[Result]:
    """What `make()` yields, or read back one value at a time when an earlier build stored
    all of it under `key` (which names all it depends on but the code version)."""
    if not _active:
        yield from make()
        return
    store, version = _active[-1]
    key = digest(version, key)
    count = store.get(layer, key)
    sent = 0
    if isinstance(count, int):
        for number in range(count):
            value = store.get(layer, digest(key, str(number)))
            if value is None:
                break  # a lost entry: make the rest (`make` yields the same values in order)
            yield value  # type: ignore[misc]
            sent += 1
        else:
            return
    count = 0
    for value in make():
        if count >= sent:
            store.put(layer, digest(key, str(count)), value)
            yield value
        count += 1
    store.put(layer, key, count)  # last: a stream cut short is never read back


def held_value(layer: str, key: Hashable, make: Callable[[], Result]) -> Result:
    """`make()`, or, in a preview that keeps the cache's entries in memory between builds
    (`memory.MemoryStore`), what it gave under `key` in this build or the last. Only for
    results that depend on nothing but `key` and are never changed by their users; never
    written to disk (cheaper to make again than to read back)."""
    if not _active or not isinstance(_active[-1][0], MemoryStore):
        return make()
    return _active[-1][0].kept(layer, key, make)


def held(layer: str) -> Callable[[Callable[Params, Result]], Callable[Params, Result]]:
    """A decorator: the function (of hashable arguments), answered by `held_value`."""

    def wrap(function: Callable[Params, Result]) -> Callable[Params, Result]:
        @wraps(function)
        def kept(*args: Params.args, **kwargs: Params.kwargs) -> Result:
            if not _active:
                return function(*args, **kwargs)
            key = (args, tuple(sorted(kwargs.items())))
            return held_value(layer, key, lambda: function(*args, **kwargs))

        return kept

    return wrap


def remembered(layer: str) -> Callable[[Callable[Params, Result]], Callable[Params, Result]]:
    """A decorator: the function, answered from the active store under `layer` when it
    holds the result for these (string) arguments."""

    def wrap(function: Callable[Params, Result]) -> Callable[Params, Result]:
        @wraps(function)
        def cached(*args: Params.args, **kwargs: Params.kwargs) -> Result:
            if not _active:
                return function(*args, **kwargs)
            key = repr((args, sorted(kwargs.items())))
            return remembered_value(layer, key, lambda: function(*args, **kwargs))

        return cached

    return wrap
