"""Writes files under one folder, refusing paths that would leave it and leaving a file
whose bytes are already those on disk as it is (only its time renewed), and nothing more.

Rewriting a file with the bytes it has costs the file system a truncation and an
allocation; at 5,000 items a rebuild rewrote some 15,000 unchanged files. A file left as it
is still gets the time of this write, so "written by this build" stays "newer than the
build's start" (what the site folder's sweep keeps, kept_folder.py).
"""

from __future__ import annotations

import os
import tempfile
import time
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
        write_if_changed(target, data)
        count += 1
    return count


def write_if_changed(target: Path, data: bytes) -> bool:
    """Write `data` to `target` unless it holds exactly these bytes already (then only its
    modification time becomes now); whether it was written."""
    if holds(target, data):
        return False
    target.write_bytes(data)
    return True


def holds(target: Path, data: bytes) -> bool:
    """Whether the file `target` holds exactly `data`; if so its modification time becomes
    now (through the open file where the system allows: it counts even if the file is moved
    meanwhile)."""
    try:
        if os.stat(target).st_size != len(data):
            return False
        with open(target, "rb") as existing:
            if existing.read() != data:
                return False
            # Where times cannot be set through an open file (Windows), by its path.
            os.utime(existing.fileno() if os.utime in os.supports_fd else target)
            return True
    except OSError:  # not there, or unreadable: the caller writes it, which says what is wrong
        return False


def clock_on_disk(folder: Path) -> int:
    """Now in nanoseconds, as the file system under `folder` dates what is written: a new
    file's modification time. The kernel's clock for file times runs in coarse ticks (and
    FAT's in 2 s), so a file written just after `time.time_ns()` could look older than it.
    `time.time_ns()` when nothing can be written there."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".tmp-clock-") as probe:
            return os.fstat(probe.fileno()).st_mtime_ns
    except OSError:
        return time.time_ns()
