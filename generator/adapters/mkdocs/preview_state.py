"""What `mkdocs serve` keeps from one rebuild to the next, at the plugin's events, and nothing
more.

`mkdocs serve` keeps the plugin (it has `on_startup`) and rebuilds in the same process: the
site folder's unchanged pages (preview_site.py), the build cache's entries
(cache/memory.py) and the theme's compiled templates (preview_templates.py) outlive one
build. `qinqing build`, `mkdocs build` and `mkdocs serve --dirty` keep nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from generator.adapters.mkdocs.page_cache import site_key
from generator.adapters.mkdocs.preview import SEARCH_SRC
from generator.adapters.mkdocs.preview_files import FilesAfterPages
from generator.adapters.mkdocs.preview_site import KeptSite
from generator.adapters.mkdocs.preview_templates import TemplatesInMemory
from generator.cache import CacheStore
from generator.cache.memory import MemoryStore
from generator.output import SiteBuild


class PreviewState:
    """The plugin's memory between serve rebuilds, one method per event it acts at."""

    def __init__(self) -> None:
        self.site = KeptSite()
        self.memory: MemoryStore | None = None
        self.templates = TemplatesInMemory()

    def cache(self, store: CacheStore | None) -> CacheStore | None:
        """The build cache, its entries also held in memory from the last rebuild."""
        if store is None:
            return None
        if self.memory is None or self.memory.base != store.base:
            self.memory = MemoryStore(store)
        else:
            self.memory.next_build()
        return self.memory

    def writer(self, write: Callable[[Path, list], None]) -> Callable[[Path, list], None]:
        """`write(site_dir, files)` for the feeds, calendars and open data, noting each file;
        called as the build starts writing (on_config: the child that writes them may be
        forked right after, before MkDocs cleans the folder)."""
        self.site.began()
        return self.site.recording(write)

    def before_clean(self, config: MkDocsConfig) -> None:
        """on_pre_build: MkDocs empties the site folder next; keep its files aside."""
        self.site.keep(Path(config.site_dir))

    def after_clean(self, config: MkDocsConfig, build: SiteBuild, searching: bool) -> None:
        """on_files: the kept files back, and the pages this build has no more removed."""
        site_dir = Path(config.site_dir)
        self.site.restore(site_dir)
        always = {uri for _, uri in build.nav} | {SEARCH_SRC}
        # With the preview's search index every page goes to Pagefind: none is kept.
        self.site.begin(None if searching else site_key(config), always)
        self.site.remove_gone(site_dir, {page.src_uri for page in build.pages})

    def kept(self, page: object) -> bool:
        """Whether the compiled page's rendering is on disk already (MkDocs skips it)."""
        return self.site.current(page)

    def rendered(self, file: File) -> None:
        """The page was written (by MkDocs, or from the build cache)."""
        self.site.rendered(file)

    def environment(self, env: Environment, config: MkDocsConfig, files: Files) -> None:
        """on_env: compiled templates reused; what MkDocs writes from here on noted."""
        env.bytecode_cache = self.templates.used_by(env)
        self.site.writes([file.dest_uri for file in files])
        self.site.writes([*config.theme.static_templates, *config.extra_templates])

    def site_written(
        self, site_dir: Path, build: SiteBuild, after_pages: FilesAfterPages | None
    ) -> None:
        """on_post_build: the build's files noted, and the rest of the folder swept once
        the preview's files are written too."""
        self.site.writes([file.path for file in build.files])
        self.site.writes([copy.path for copy in build.copies])
        self.site.finished()
        if after_pages is not None:
            after_pages.then(partial(self.site.sweep, site_dir))
        else:
            self.site.sweep(site_dir)

    def failed(self) -> None:
        """on_build_error: the kept files back, or nothing on disk trusted any more."""
        self.site.recover()
