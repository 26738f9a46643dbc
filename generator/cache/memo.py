"""Results of pure text functions remembered in the build cache, keyed by their arguments,
and nothing more.

A function of strings whose result depends on nothing but its arguments and the code
(editor Markdown to sanitized HTML; a URL to its QR code) is wrapped with
`remembered(layer)`; a value whose inputs the caller names itself (a compiled page: the
key covers everything it shows) goes through `remembered_value(layer, key, make)`. While `results_cached(store)` is active (a build with a cache), a
result made by an earlier build, or by the forked half of this one, is read back instead of
made again. The key is the arguments and the code version, so nothing else can change the
result; without an active cache the function runs as written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

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
