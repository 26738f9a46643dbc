"""What the last build wrote of each page into its site folder, so that a page whose file
is the rendering of its cache key, untouched since, is neither read back from the build
cache nor compared with its file again, and nothing more.

Reading a rendered page back (0.3 ms) and comparing it with its file took 2-3 s of a
rebuild at 5,000 items. The record holds, per page, the key it was rendered under
(page_cache.PageReuse.page_key), whether it has a search article, and its file's size,
modification and change times and inode once this build is done with it. A write by
anything else changes the change time, which no one can set back, so a file whose status
is the recorded one holds what this build would write. The record is saved only when a
build ends well, and only builds that keep their site folder use it (kept_folder.py):
the file is then touched (its time renewed), so the folder's sweep keeps it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.cache import CacheStore

LAYER = "site-record"
NAME = "last-build"

Status = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


@dataclass(frozen=True)
class Written:
    key: str  # the rendered page's cache key
    searched: bool  # whether the page has a search article (an item page)
    status: Status


def _status(path: Path) -> Status | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns, found.st_ctime_ns, found.st_ino)


class SiteRecord:
    """`unchanged` for a page's file, `note` (or `note_after_write`) for each written, `save`."""

    def __init__(self, store: CacheStore, site_dir: Path) -> None:
        self.store = store
        self.folder = str(Path(site_dir).resolve())
        found = store.get(LAYER, NAME)
        # One record a cache: that of the last folder built into (another folder's is none).
        sound = isinstance(found, tuple) and len(found) == 2 and found[0] == self.folder
        self.last: dict = found[1] if sound and isinstance(found[1], dict) else {}
        self.now: dict[str, Written] = {}
        self.after_write: list[tuple[str, str, bool, Path]] = []

    def unchanged(self, src_uri: str, key: str, target: Path) -> Written | None:
        """What the last build recorded of the page, when its file is still that record's
        and the page's key the same (the file is then touched and noted); else None."""
        written = self.last.get(src_uri)
        if not isinstance(written, Written) or written.key != key:
            return None
        if _status(target) != written.status:
            return None
        try:
            os.utime(target)
        except OSError:
            return None
        self.note(src_uri, key, written.searched, target)
        return written

    def note(self, src_uri: str, key: str, searched: bool, target: Path) -> None:
        """The page's file was written (or found as it should be) by this build."""
        status = _status(target)
        if status is not None:
            self.now[src_uri] = Written(key, searched, status)

    def note_after_write(self, src_uri: str, key: str, searched: bool, target: Path) -> None:
        """As `note`, for a page MkDocs writes after this call (noted at `save`)."""
        self.after_write.append((src_uri, key, searched, target))

    def save(self) -> None:
        """Once the build has written every file (and swept the folder)."""
        for entry in self.after_write:
            self.note(*entry)
        self.store.put(LAYER, NAME, (self.folder, self.now))
