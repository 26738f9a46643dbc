"""The site folder's files kept through MkDocs' cleaning, and at the end of the build every
file that it did not write (or find already written) removed, and nothing more.

MkDocs empties the site folder before every build that is not `--dirty`. At 5,000 items
that removed some 14,700 files and 5,400 folders, all made again a moment later: a third of
a rebuild's time when nothing had changed. Here the folder's entries are moved into a
hidden folder before MkDocs cleans (`keep`; MkDocs leaves hidden entries alone) and moved
back right after (`restore`): a few renames. Every file the build writes then goes through
`writing.write_if_changed`, which leaves a file with the same bytes as it is but renews its
time, so once the build is done every file older than its start is one the build did not
make (a deleted page, a shard no longer there), and `sweep` removes it. The folder then
holds exactly what a build into an empty folder writes.

The start is read off the file system's own clock, before the feeds child is forked. The
child makes its files while the folder is moved aside and back, into a staging folder moved
into the site at the end (early.py); `staged_writer` leaves out of it each file the site
folder (or the folder it is moved aside to) already holds with the same bytes, renewing
that file's time instead.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path

from generator.output import OutputFile
from generator.writing import OutsideRootError, clock_on_disk, holds, target_under

HIDDEN = ".qinqing-kept"
WriteInto = Callable[[Path, Iterable[OutputFile]], None]


def keep_aside(site_dir: Path) -> Path | None:
    """Move the site folder's entries (hidden ones excepted) into a hidden folder in it;
    that folder, or None when there is nothing to keep."""
    try:
        names = [name for name in os.listdir(site_dir) if not name.startswith(".")]
    except OSError:  # no site folder yet
        return None
    stash = site_dir / HIDDEN
    shutil.rmtree(stash, ignore_errors=True)  # a killed build's (KeptFolder removes it sooner)
    if not names:
        return None
    stash.mkdir()
    for name in names:
        os.rename(site_dir / name, stash / name)
    return stash


def put_back(stash: Path, site_dir: Path) -> None:
    """Move what `keep_aside` moved back into the (cleaned) site folder."""
    for name in os.listdir(stash):
        os.rename(stash / name, site_dir / name)
    stash.rmdir()


def remove_older(site_dir: Path, before_ns: int, keep: set[str] | None = None) -> int:
    """Remove every file below `site_dir` last written before `before_ns` (hidden files and
    folders, and the relative paths in `keep`, excepted), then the folders left empty; the
    number of files removed."""
    keep = keep or set()
    removed = 0
    for folder, _, names in os.walk(site_dir, topdown=False):
        relative = Path(folder).relative_to(site_dir).as_posix()
        prefix = "" if relative == "." else relative + "/"
        if prefix.startswith("."):
            continue  # hidden folders are not the site's (MkDocs leaves them too)
        for name in names:
            if name.startswith(".") or prefix + name in keep:
                continue
            path = os.path.join(folder, name)
            with suppress(OSError):  # gone already: what the sweep wants
                if os.stat(path, follow_symlinks=False).st_mtime_ns < before_ns:
                    os.unlink(path)
                    removed += 1
        if folder != str(site_dir) and not os.listdir(folder):
            with suppress(OSError):
                os.rmdir(folder)
    return removed


class KeptFolder:
    """For one build that is not `--dirty` or a preview: `start` (before anything is
    written), `keep` (before MkDocs cleans), `restore` (after), `sweep` (once every file
    is written), `recover` (after a failure)."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.started_ns = 0
        self.stash: Path | None = None

    def start(self) -> None:
        """Before anything is written, and before the feeds child is forked (a killed
        build's hidden folder goes now, before the child might look into it)."""
        shutil.rmtree(self.site_dir / HIDDEN, ignore_errors=True)
        self.started_ns = clock_on_disk(self.site_dir)  # a hidden probe, gone at once

    def staged_writer(self, write_into: WriteInto) -> WriteInto:
        """`write_into(folder, files)` without the files the site already holds as they are."""

        def write(folder: Path, files: Iterable[OutputFile]) -> None:
            write_into(folder, (file for file in files if not self._holds(file)))

        return write

    def _holds(self, file: OutputFile) -> bool:
        for base in (self.site_dir, self.site_dir / HIDDEN):  # moved aside, or back
            try:
                if holds(target_under(base, file.path), file.data):
                    return True
            except OutsideRootError:
                return False  # the writer refuses it, in Chinese
        return False

    def keep(self) -> None:
        self.stash = keep_aside(self.site_dir)

    def restore(self) -> None:
        if self.stash is not None:
            put_back(self.stash, self.site_dir)
            self.stash = None

    def sweep(self) -> int:
        """Remove what this build did not write; the number of files removed."""
        return remove_older(self.site_dir, self.started_ns)

    def recover(self) -> None:
        """After a failed build: the kept files back if MkDocs had not cleaned yet."""
        with suppress(OSError):
            self.restore()
