"""The persistent build cache (docs/architecture.md, "The build cache")."""

from __future__ import annotations

from pathlib import Path

from generator.cache.store import CacheStore
from generator.cache.versions import code_version

DEFAULT_CACHE_DIR = "var/cache"


def open_cache(root: Path) -> CacheStore:
    """The cache under `root` for this version of the code (older versions' entries go)."""
    store = CacheStore(root, code_version())
    store.forget_other_versions()
    return store
