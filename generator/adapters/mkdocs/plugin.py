"""Event handlers that feed the compiled site to MkDocs, and nothing more."""

from __future__ import annotations

import datetime as dt
import gc
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.structure.toc import get_toc

from generator.adapters.mkdocs.config import QinqingConfig
from generator.adapters.mkdocs.early import EarlyFiles
from generator.adapters.mkdocs.frame import without_unused_frame
from generator.adapters.mkdocs.handover import Handover
from generator.adapters.mkdocs.held import HeldHtml
from generator.adapters.mkdocs.indexer import SearchIndexError
from generator.adapters.mkdocs.kept_folder import KeptFolder
from generator.adapters.mkdocs.loading import checked_content, configured_day
from generator.adapters.mkdocs.page_cache import PageReuse, site_key
from generator.adapters.mkdocs.preview import SEARCH_SRC, with_preview_notice
from generator.adapters.mkdocs.preview_api import ApiNameError, serve_api
from generator.adapters.mkdocs.preview_files import FilesAfterPages
from generator.adapters.mkdocs.preview_state import PreviewState
from generator.adapters.mkdocs.ready import ReadyPage, only_placeholders
from generator.adapters.mkdocs.search import SearchFeed, completed, streaming_feed
from generator.adapters.mkdocs.search_order import SearchOrder, in_shard_order
from generator.adapters.mkdocs.site_record import SiteRecord
from generator.adapters.mkdocs.theme_values import (
    ESCAPED_META,
    escape,
    escaped_link,
    footer_context,
    toc_tokens,
)
from generator.cache import CacheStore, open_cache
from generator.cache.memo import results_cached, streamed_with
from generator.compile.packed import PackedPage, pack, unpack
from generator.content.index import ContentIndex
from generator.features.search.shards import shard_plan
from generator.longlived import long_lived
from generator.models.instants import local_today
from generator.output import OutputFile, Page, SiteBuild
from generator.site import compile_site, site_deferred_files
from generator.writing import OutsideRootError, target_under, write_files

log = get_plugin_logger(__name__)


class QinqingPlugin(BasePlugin[QinqingConfig]):
    """Loads content/, compiles it, and hands pages and files to MkDocs."""

    def __init__(self) -> None:
        # `qinqing build` loads and checks content itself and works out the day, then hands
        # both over (`preload`) so a build does not read every file twice.
        self.preloaded: ContentIndex | Handover[ContentIndex] | None = None
        self.preloaded_today: dt.date | None = None
        # `qinqing build` opens the build cache itself (--cache-dir, --no-cache): `use_cache`.
        self.chosen_cache: tuple[CacheStore | None] | None = None
        self.background: EarlyFiles | None = None
        self.after_pages: FilesAfterPages | None = None
        self.search: SearchFeed | None = None
        self.dirty = False
        self.previewing = False
        # `mkdocs serve` keeps this plugin across rebuilds, and this with it (preview_state.py).
        self.preview: PreviewState | None = None
        self.handed_over = False
        self._reset()

    def _reset(self) -> None:
        self._stop_helpers()
        self.index: ContentIndex | None = None
        self.today: dt.date | None = None
        self.site_build: SiteBuild | None = None
        self.pages: dict[str, Page | PackedPage] = {}
        self.held = HeldHtml()
        self.content_dir: Path | None = None
        self.cache: CacheStore | None = None
        self.reuse: PageReuse | None = None
        self.search_order: SearchOrder | None = None
        self.plan: dict[str, int] = {}
        self.kept: KeptFolder | None = None  # a build's site folder kept through cleaning

    def preload(self, index: ContentIndex | Handover[ContentIndex], today: dt.date) -> None:
        """Build from this checked content for this day instead of loading `content_dir`
        (handed over: for this build only, and let go of once compiled)."""
        self.preloaded = index
        self.preloaded_today = today

    def use_cache(self, store: CacheStore | None) -> None:
        """Build with this cache (None: none) instead of the `cache`/`cache_dir` options."""
        self.chosen_cache = (store,)

    # -- configuration -------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty
        # A local preview shows a fresh site's placeholders; build and gh-deploy refuse them.
        self.previewing = command == "serve"
        if self.previewing and not dirty:
            self.preview = PreviewState()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self._reset()
        if not self.config.enabled:
            return config
        gc.unfreeze()  # `mkdocs serve`: the last build's objects may be garbage now
        with long_lived():
            return self._configure(config)

    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        base = Path(config.config_file_path or ".").parent
        self.content_dir = (base / self.config.content_dir).resolve()
        self.cache = self._open_cache(base)
        if not self.previewing and not self.dirty:  # the preview keeps its own (preview_site)
            self.kept = KeptFolder(Path(config.site_dir))
            self.kept.start()  # before the feeds child is forked: its files count as written
        with results_cached(self.cache):
            index = self._preloaded_index() or self._load(self.content_dir)
            self.index = index
            self.today = self._today(index)
            self.background = self._start_files(config, index)
            # Item and list pages held compressed until MkDocs reads each (packed.py).
            self.site_build = compile_site(index, self.today, defer_files=True, keep=pack)
        self.pages = {page.src_uri: page for page in self.site_build.pages}
        self.plan = shard_plan(index)
        site = index.site
        # MkDocs' theme environment does not autoescape: every value handed to the theme
        # is escaped here, once.
        config.site_name = escape(site.title)
        if site.description:
            config.site_description = escape(site.description)
        if not config.site_url:
            config.site_url = str(site.base_url)
        config.nav = [{title: uri} for title, uri in self.site_build.nav]
        # The compile core writes sitemap.xml with each page's content date; MkDocs' own
        # would date every URL with the build day.
        config.theme.static_templates.discard("sitemap.xml")
        config.extra["qinqing"] = footer_context(index)
        if self.handed_over:  # compiled: nothing here needs the content now (handover.py)
            self.index = None
            self.site_build.deferred = []  # functions of it; the feeds child has its own
        return config

    def _preloaded_index(self) -> ContentIndex | None:
        """The content `preload` gave; handed over, it is this build's only."""
        preloaded, self.handed_over = self.preloaded, isinstance(self.preloaded, Handover)
        if isinstance(preloaded, Handover):
            self.preloaded = None
            return preloaded.take()
        return preloaded

    def _start_files(self, config: MkDocsConfig, index: ContentIndex) -> EarlyFiles:
        """Feeds, calendars and open data, made by a child forked now that the build holds
        only the content (early.py), or here at on_post_build."""
        gc.freeze()  # the child's collections then leave the content's pages alone
        jobs = [streamed_with(self.cache, job) for job in site_deferred_files(index, self.today)]
        write = self.preview.writer(_write_files) if self.preview else _write_files
        if self.kept is not None:
            write = self.kept.staged_writer(write)
        return EarlyFiles(jobs, Path(config.site_dir), write).start()

    def _open_cache(self, base: Path) -> CacheStore | None:
        if self.chosen_cache is not None:
            return self.chosen_cache[0]
        store = open_cache(base / self.config.cache_dir) if self.config.cache else None
        return self.preview.cache(store) if self.preview else store

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self.kept is not None:
            self.kept.keep()  # MkDocs cleans the folder next (kept_folder.py)
        if self.preview is not None and self.site_build is not None:
            self.preview.before_clean(config)

    def _load(self, content_dir: Path) -> ContentIndex:
        return checked_content(
            content_dir, self._today_option(), previewing=self.previewing, log=log
        )

    def _today_option(self) -> dt.date | None:
        return configured_day(self.config.today)

    def _today(self, index: ContentIndex) -> dt.date:
        return self.preloaded_today or self._today_option() or local_today(index.site.zone)

    # -- pages -----------------------------------------------------------------------------

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if self.site_build is None:
            return files
        # The site directory has been cleaned: from here on, files can be written into it.
        site_dir = Path(config.site_dir)
        self._after_clean(config)
        # Item pages render shard by shard, so each search shard is indexed while MkDocs
        # renders the next (search_order.py).
        plan = self.plan
        if self._searching() or not self.previewing:  # the preview's order is MkDocs' own
            self.site_build.pages = in_shard_order(self.site_build.pages, config, plan)
        if self._searching() and not self.dirty:
            self.search = streaming_feed(site_dir, self.pages.values(), plan, self.cache)
        key = site_key(config) if self.cache is not None else None
        if self.cache is not None and key is not None:
            # The search page differs in preview (preview.py): always rendered, like the nav.
            always = {uri for _, uri in self.site_build.nav} | {SEARCH_SRC}
            # A build that keeps its folder leaves pages on disk that are as they should be.
            record = SiteRecord(self.cache, site_dir) if self.kept is not None else None
            self.reuse = PageReuse(self.cache, key, always, record)
        if self.search is not None:
            order = [p.src_uri for p in self.site_build.pages if p.meta.get("page_kind") == "item"]
            self.search_order = SearchOrder(self.search, order)
        nav_titles = {uri: title for title, uri in self.site_build.nav}
        for kept in self.site_build.pages:
            existing = files.get_file_from_path(kept.src_uri)
            if existing is not None:
                files.remove(existing)
            if self.preview is not None and self.preview.kept(kept):
                self.pages.pop(kept.src_uri, None)  # on disk from the last preview build
                continue
            if self._reused(config, kept):
                self.pages.pop(kept.src_uri, None)  # written from the cache: MkDocs never asks
                continue
            page = unpack(kept)
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, page.src_uri, content=page.content, inclusion=inclusion)
            if only_placeholders(page):
                # The title the nav would give it (MkDocs uses a page already in File.page).
                ReadyPage(nav_titles.get(page.src_uri), file, config, list(page.fragments))
            files.append(file)
        # From here on each compiled page is reached through `self.pages` only, and let go
        # of once MkDocs has its content (on_page_content).
        self.site_build.pages = []
        return files

    def _after_clean(self, config: MkDocsConfig) -> None:
        """The last build's files back in the cleaned folder (kept_folder.py, preview_site.py)."""
        if self.kept is not None:
            self.kept.restore()
        if self.preview is not None:
            self.preview.after_clean(config, self.site_build, self._searching())

    def _reused(self, config: MkDocsConfig, page: Page | PackedPage) -> bool:
        """Whether the page was written from the build cache (page_cache.py)."""
        reused = self.reuse.reuse(config, page) if self.reuse is not None else None
        if reused is None:
            return False
        if self.preview is not None:
            self.preview.rendered(File.generated(config, page.src_uri, content=""))
        if self.search_order is not None and reused.search is not None:
            self.search_order.ready(page.src_uri, reused.url, reused.search)
        return True

    def on_page_markdown(
        self, markdown: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        compiled = self.pages.get(page.file.src_uri)
        if compiled is not None:
            page.meta.update(compiled.meta)
            for key in ESCAPED_META:
                if isinstance(page.meta.get(key), str):
                    page.meta[key] = escape(page.meta[key])
            page.meta["feeds"] = [
                escaped_link(tuple(link)) for link in compiled.meta.get("feeds", ())
            ]
            if compiled.template:
                page.meta["template"] = compiled.template
        return markdown

    # Last, so that other plugins see the page's content; it is then held compressed
    # until the page is written (on_page_context), and the compiled page let go of.
    @event_priority(-100)
    def on_page_content(
        self, html: str, /, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str | None:
        kept = self.pages.pop(page.file.src_uri, None)
        if kept is None:
            return html
        compiled = unpack(kept)
        if self.previewing and not self._searching():
            html = with_preview_notice(page.file.src_uri, html)
        if compiled.toc:
            # Editor content came as ready HTML, so MkDocs' own toc found no headings in it.
            page.toc = get_toc(toc_tokens(compiled.toc))
        if compiled.meta.get("page_kind") == "item" and (self.search_order or self.reuse):
            article = compiled.converted(html, for_search=True)
            if self.search_order is not None:
                keyed = self.reuse.keyed(page.file.src_uri, article) if self.reuse else None
                self.search_order.ready(page.file.src_uri, page.file.url, keyed or article)
            if self.reuse is not None:
                self.reuse.searched_as(page.file.src_uri, article)
        self.held.put(page.file.src_uri, compiled.converted(html))
        return ""

    def on_page_context(self, context, /, *, page: MkDocsPage, config: MkDocsConfig, nav):
        held = self.held.take(page.file.src_uri)
        if held is not None:
            page.content = held
        return context

    def on_env(self, env, /, *, config: MkDocsConfig, files: Files):
        # Every page renders main.html and ~14 partials; with auto_reload Jinja stats each
        # template file on every lookup (~0.3 ms a page). Templates do not change during one
        # build, and `mkdocs serve` makes a new environment for each rebuild.
        env.auto_reload = False
        if self.preview is not None:
            self.preview.environment(env, config, files)
        # Every page has its content now: Pagefind builds its bundle while MkDocs writes pages
        # (the site directory was cleaned before the pages were read).
        if self.search is not None:
            self.search.finish(Path(config.site_dir))
        return env

    def on_post_page(self, output: str, /, *, page: MkDocsPage, config: MkDocsConfig) -> str:
        # Pages that Pagefind had no room for yet go on while MkDocs writes pages.
        if self.search is not None:
            self.search.pump()
        output = without_unused_frame(output)
        if self.preview is not None:
            self.preview.rendered(page.file)
        if self.reuse is not None:
            self.reuse.rendered(page.file, output)
        # Written now: nothing later reads the page's Markdown or HTML (the search index has
        # its copy, the sitemap and feeds are made from the content).
        page.content = ""
        page.markdown = ""
        return output

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig):
        # The theme's own pages (404.html) wear the same frame.
        if template_name.endswith(".html"):
            return without_unused_frame(output_content)
        return output_content

    # -- files -----------------------------------------------------------------------------

    # Late, so other post-build plugins see a complete site; search indexing runs after.
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.site_build is None:
            return
        site_dir = Path(config.site_dir)
        try:
            if self.background is not None and not self._files_after_pages():
                self.background.wait()  # its files first: the order compile_site gives
        except RuntimeError as error:
            raise PluginError(str(error)) from None
        log.debug(
            "feeds, calendars, open data: %.1f s CPU (%s)",
            self.background.cpu_seconds if self.background else 0.0,
            "parallel" if self.background and self.background.parallel else "inline",
        )
        try:
            _write_files(site_dir, self.site_build.files)
            for copy in self.site_build.copies:
                target = target_under(site_dir, copy.path)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(copy.source, target)
        except OutsideRootError as error:
            raise PluginError(str(error)) from None
        if self.reuse is not None:
            log.info("构建缓存：%d 个页面沿用上次的结果", self.reuse.reused)
        self._after_site_written(site_dir)
        if self.kept is not None:
            log.debug("站点目录：移除了 %d 个本次构建未生成的旧文件", self.kept.sweep())
            if self.reuse is not None and self.reuse.record is not None:
                self.reuse.record.save()
        if self.cache is not None and not self.previewing:
            # A whole build used every entry it needs; a preview skips some (search).
            log.info("构建缓存：清除了 %d 个本次构建未用到的旧条目", self.cache.sweep())
        if self.preview is not None:
            self.preview.site_written(site_dir, self.site_build, self.after_pages)

    def _files_after_pages(self) -> bool:
        """In preview, where no child can be forked, the deferred files are made in a thread
        once the pages are served (preview_files.py); False elsewhere."""
        if not self.previewing or self.background is None or self.background.parallel:
            return False
        self.after_pages = FilesAfterPages(self.background).start()
        self.background = None
        return True

    def _after_site_written(self, site_dir: Path) -> None:
        """Hooks that need the finished site on disk (one line per feature)."""
        if not self._searching():
            return
        search, self.search = self.search, None
        try:
            log.info("%s", completed(search, site_dir))
        except SearchIndexError as error:
            raise PluginError(str(error)) from None

    def _searching(self) -> bool:
        """Whether this build makes the search index: always for the published site (unless
        `search: false`); in `mkdocs serve` only with `preview_search: true`."""
        return self.config.search and (not self.previewing or self.config.preview_search)

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_helpers()
        if self.kept is not None:
            self.kept.recover()
        if self.preview is not None:
            self.preview.failed()

    def on_shutdown(self) -> None:
        self._stop_helpers()

    def _stop_helpers(self) -> None:
        """Stop the feeds child and the Pagefind process, if running; wait for the
        preview's files thread."""
        if self.after_pages is not None:
            self.after_pages.join()
            self.after_pages = None
        if self.background is not None:
            self.background.cancel()
        if self.search is not None:
            self.search.close()
        self.background = None
        self.search = None

    def on_serve(self, server, /, *, config: MkDocsConfig, builder):
        if self.content_dir is not None and self.content_dir.is_dir():
            server.watch(str(self.content_dir))
        if self.config.serve_api and self.index is not None:
            endpoint = self.index.site.petitions.endpoint
            try:
                log.info("%s", serve_api(server, self.config.serve_api, endpoint))
            except ApiNameError as error:
                raise PluginError(str(error)) from None
        return server


def _write_files(site_dir: Path, files: list[OutputFile]) -> None:
    write_files(site_dir, ((file.path, file.data) for file in files))
