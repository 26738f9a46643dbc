"""In `mkdocs serve`, the last build's site folder kept through MkDocs' cleaning, its pages
rewritten only where they changed, and nothing more.

MkDocs empties the site folder before every build that is not `--dirty` and writes every
page again: at 5,000 items, removing and rewriting some 5,000 folders took longer than all
the rest of a rebuild after an edit. Here the previous build's files are moved into a
hidden folder before MkDocs cleans (`keep`; MkDocs leaves hidden entries alone) and moved
back right after (`restore`): a few renames. Each compiled page is then keyed by all its
rendered bytes depend on, the compiled page itself and `page_cache.site_key` (the
configuration, the navigation, the theme, the code); a page whose key is the one it was
written with is left as it is on disk, any other is rendered by MkDocs as usual. Pages
no longer in the site are removed once the pages are written, and every other file older
than the build that it did not write (a deleted attachment, a feed no longer made) when the
preview's files are made (`sweep`). A build that fails after the folder was touched forgets what is on
disk, so the next one cleans and renders everything, as MkDocs would.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from mkdocs.structure.files import File

from generator.adapters.mkdocs.kept_folder import keep_aside, put_back, remove_older
from generator.adapters.mkdocs.page_cache import packed_key
from generator.compile.packed import PackedPage
from generator.output import OutputFile

# File times come from a coarse clock that may lag `time.time_ns()` by a tick.
CLOCK_SLACK_NS = 50_000_000


class KeptSite:
    """What of the site folder the last preview build wrote, and the pages still current."""

    def __init__(self) -> None:
        # src_uri -> (key, path in the site, the compiled page it was rendered from)
        self.written: dict[str, tuple[str, str, object]] = {}
        self.pending: dict[str, tuple[str, object]] = {}  # src_uri -> what MkDocs renders now
        self.produced: set[str] = set()  # every path this build writes, below the site folder
        self.site_key: str | None = None
        self.always: set[str] = set()  # src_uris MkDocs must always render (its navigation)
        self.stash: Path | None = None
        self.site_dir: Path | None = None
        self.touched = False  # the folder was changed since the last build ended well
        self.started_ns = 0  # when this build began to write files (`began`)

    # -- around MkDocs' cleaning -----------------------------------------------------------

    def keep(self, site_dir: Path) -> None:
        """Move the site folder's files aside (before MkDocs cleans it), if they are known."""
        self.site_dir = site_dir
        self.touched = True
        if self.written:
            self.stash = keep_aside(site_dir)

    def restore(self, site_dir: Path) -> None:
        """Move the kept files back into the cleaned site folder."""
        if self.stash is not None:
            put_back(self.stash, site_dir)
            self.stash = None

    # -- pages -----------------------------------------------------------------------------

    def begin(self, site_key: str | None, always: set[str]) -> None:
        """This build's pages render with `site_key` (None: nothing can be kept); those of
        `always` are rendered whatever their key (MkDocs builds its navigation from them)."""
        if site_key is None or site_key != self.site_key:
            self.written = {}
        self.site_key = site_key
        self.always = always

    def _key(self, page: PackedPage) -> str | None:
        """What the rendered bytes of a compiled page outside the navigation depend on;
        None when nothing can be kept (no site key)."""
        if self.site_key is None:
            return None
        return packed_key(self.site_key, page)

    def current(self, page: object) -> bool:
        """Whether the page on disk is this compiled page's rendering (then it is kept);
        otherwise the page is noted for `rendered`."""
        if not isinstance(page, PackedPage) or page.in_nav or page.src_uri in self.always:
            return False
        src_uri = page.src_uri
        written = self.written.get(src_uri)
        if written is not None and written[2] is page:  # the cache's in-memory entry
            self.produced.add(written[1])
            return True
        key = self._key(page)
        if key is None:
            return False
        if written is not None and written[0] == key:
            self.written[src_uri] = (key, written[1], page)
            self.produced.add(written[1])
            return True
        self.written.pop(src_uri, None)
        self.pending[src_uri] = (key, page)
        return False

    def rendered(self, file: File) -> None:
        """MkDocs wrote this page (or the page cache did): note it as on disk."""
        pending = self.pending.pop(file.src_uri, None)
        self.produced.add(file.dest_uri)
        if pending is not None:
            self.written[file.src_uri] = (pending[0], file.dest_uri, pending[1])

    def writes(self, paths: list[str]) -> None:
        """This build also writes these paths (MkDocs' files, the site's other files)."""
        self.produced.update(_relative(path) for path in paths)

    def remove_gone(self, site_dir: Path, present: set[str]) -> None:
        """Remove the pages of the last build that this build has no more."""
        for src_uri in [uri for uri in self.written if uri not in present]:
            path = self.written.pop(src_uri)[1]
            _remove(site_dir, path)

    def began(self) -> None:
        """This build starts writing files now (the feeds child may be forked next)."""
        self.started_ns = time.time_ns()
        self.pending = {}
        self.produced = set()

    def recording(self, write_into):
        """`write_into(site_dir, files)` that also notes each file as written."""

        def write(site_dir: Path, files: Iterable[OutputFile]) -> None:
            write_into(site_dir, self._noted(files))

        return write

    def _noted(self, files: Iterable[OutputFile]) -> Iterator[OutputFile]:
        for file in files:  # a stream, one file at a time (the feeds child's)
            self.produced.add(_relative(file.path))
            yield file

    def sweep(self, site_dir: Path) -> None:
        """Remove every file of the site folder that this build did not write and that is
        older than the build (once all are written). The age matters for files written
        where they are not noted: a forked child's (the first build may fork: the server's
        threads start after it)."""
        remove_older(site_dir, self.started_ns - CLOCK_SLACK_NS, keep=self.produced)

    def finished(self) -> None:
        """The build ended well: what `written` says is on disk."""
        self.touched = False

    def recover(self) -> None:
        """After a failed build: the kept files back if MkDocs had not begun writing,
        else nothing on disk is known any more (the next build renders every page)."""
        if self.stash is not None and self.site_dir is not None:
            self.restore(self.site_dir)
        elif self.touched:
            self.written = {}
        self.pending = {}
        self.touched = False


def _relative(path: str) -> str:
    return Path(path.lstrip("/")).as_posix()


def _remove(site_dir: Path, path: str) -> None:
    target = site_dir / path
    target.unlink(missing_ok=True)
    folder = target.parent
    while folder != site_dir and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
