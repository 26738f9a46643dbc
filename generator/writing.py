"""Writes files under one folder, refusing paths that would leave it, and nothing more."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


class OutsideRootError(ValueError):
    """A relative path that leads out of the folder (absolute, or through `..`)."""

    def __init__(self, rel: str) -> None:
        super().__init__(f"输出路径超出目录：{rel}")


def target_under(root: Path, rel: str) -> Path:
    """`root/rel`, or OutsideRootError. Judged on the path's text, not by resolving it: the
    folders written to are made by the build, and resolving cost 40 µs a file (0.2 s for the
    5,000 fragments of a search bundle)."""
    path = os.path.normpath(rel)
    if os.path.isabs(path) or path == os.curdir or path.split(os.sep, 1)[0] == os.pardir:
        raise OutsideRootError(rel)
    return Path(root, path)


def write_files(root: Path, files: Iterable[tuple[str, bytes]]) -> int:
    """Write each (relative path, bytes) under `root`, making folders once; the count."""
    made: set[Path] = set()
    count = 0
    for rel, data in files:
        target = target_under(root, rel)
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(data)
        count += 1
    return count
