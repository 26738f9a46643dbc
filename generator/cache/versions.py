"""The version of the code a cache entry was made by: the generator's own files and the
libraries that shape its output, and nothing more."""

from __future__ import annotations

import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from generator.cache.store import digest

GENERATOR = Path(__file__).resolve().parents[1]
# Libraries whose version changes what a build makes from the same content.
LIBRARIES = (
    "markdown",
    "pymdown-extensions",
    "nh3",
    "pydantic",
    "pyyaml",
    "jinja2",
    "markupsafe",
    "mkdocs",
    "mkdocs-material",
    "pagefind",
)


@lru_cache(maxsize=1)
def code_version() -> str:
    """A key that changes whenever a file of the generator package or a library version does."""
    parts: list[bytes | str] = [sys.version]
    for name in LIBRARIES:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} missing")
    for path in sorted(GENERATOR.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            parts += [path.relative_to(GENERATOR).as_posix(), path.read_bytes()]
    return digest(*parts)[:24]
