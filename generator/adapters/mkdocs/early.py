"""Makes the deferred files in a child forked before the pages are compiled, into a folder beside the site moved in at the end, and nothing more.

A child forked at `on_files` starts with every compiled page in its memory (copy-on-write:
at 20,000 items its resident size was 1,180 MB, close to its PSS, since reading the content
touches the pages it sits on). Forked in `on_config`, when the build holds only the loaded
content, it starts with about half of that, and it never sees a compiled page. It cannot
write into the site then: MkDocs empties the site directory after `on_config`. So it writes
into a staging folder beside the site (same file system: moving is a rename) and the parent
moves the files in at `wait()`, in `on_post_build`, before it writes the build's other
files (the order a plain build writes them in). It usually ends while the pages compile,
so it is gone before MkDocs and Pagefind hold the most.

Where no child can be forked (no `fork`, other threads running: `mkdocs serve`) the files
are made and written straight into the site at `wait()`, with the same bytes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from generator.adapters.mkdocs.background import BackgroundFiles, Job
from generator.output import OutputFile

WriteInto = Callable[[Path, Iterable[OutputFile]], None]


def staging_folder(site_dir: Path) -> Path | None:
    """A new empty folder beside `site_dir` (else in the system's temporary folder); None
    when neither can be made."""
    for parent in (site_dir.parent, None):
        try:
            if parent is not None:
                parent.mkdir(parents=True, exist_ok=True)
            return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-files-", dir=parent))
        except OSError:
            continue
    return None


def move_tree(source: Path, target: Path) -> None:
    """Move everything under `source` to the same place under `target`, replacing files of
    the same name; a folder `target` lacks moves whole (one rename)."""
    target.mkdir(parents=True, exist_ok=True)
    with os.scandir(source) as entries:
        for entry in entries:
            destination = target / entry.name
            if entry.is_dir(follow_symlinks=False) and destination.is_dir():
                move_tree(Path(entry.path), destination)
            else:
                shutil.move(entry.path, destination)  # a rename on the same file system


class EarlyFiles:
    """`start` making `jobs`' files for `site_dir` now; `wait()` once the site is written
    (raises the jobs' error, if any); `cancel()` on a failed build."""

    def __init__(self, jobs: list[Job], site_dir: Path, write_into: WriteInto) -> None:
        self.jobs = jobs
        self.site_dir = site_dir
        self.write_into = write_into
        self.staging: Path | None = None
        self.background = BackgroundFiles(jobs, partial(write_into, site_dir))

    @property
    def parallel(self) -> bool:
        return self.background.parallel

    @property
    def cpu_seconds(self) -> float:
        return self.background.cpu_seconds

    def start(self) -> EarlyFiles:
        staging = staging_folder(self.site_dir) if self.jobs else None
        if staging is None:
            return self  # made here at wait()
        staged = BackgroundFiles(self.jobs, partial(self.write_into, staging)).start()
        if staged.parallel:
            self.background, self.staging = staged, staging
            self.jobs = []  # the child has them; here they would keep the content alive
        else:
            staging.rmdir()
        return self

    def wait(self) -> None:
        try:
            self.background.wait()
            if self.staging is not None:
                move_tree(self.staging, self.site_dir)
        except OSError as error:  # a full disk, a file where a folder must go
            raise RuntimeError(
                f"订阅、日历和开放数据文件未能移入站点目录 {self.site_dir}：{error}"
            ) from None
        finally:
            self._remove_staging()

    def cancel(self) -> None:
        self.background.cancel()
        self._remove_staging()

    def _remove_staging(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
