"""Rendered pages of the MkDocs build kept in the build cache, keyed by everything their
bytes depend on, and nothing more.

A page outside the navigation (item pages, most of a site) renders from its compiled data
(`Page`: content, fragments, meta, toc, template), the theme (Material's version, the files
of `custom_dir`), the MkDocs configuration (mkdocs.yml and what the plugin set: site name
and URL, footer data with the commit id, the navigation) and the code. The key hashes all
of these, so an entry is reused only when a clean build would render the same bytes. Pages
in the navigation are always rendered: MkDocs must find them to build the navigation; so is
the search page, which `mkdocs serve` shows with a notice (preview.py). When
another plugin is configured (it could change any page), nothing is reused. A build that
keeps its site folder also skips reading the entry of a page whose file is still the one
it wrote under the same key (site_record.py); its search article is then read only if its
search shard is indexed again (shard_index.KeyedArticle).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from generator.adapters.mkdocs.held import HeldHtml
from generator.adapters.mkdocs.shard_index import KeyedArticle
from generator.adapters.mkdocs.site_record import SiteRecord
from generator.cache.store import CacheStore, digest
from generator.cache.versions import code_version
from generator.compile.packed import PackedPage
from generator.output import Page
from generator.writing import write_if_changed

LAYER = "pages"
# Configuration that can show in a rendered page; mkdocs.yml's bytes cover the rest.
RENDERED_CONFIG = (
    "site_name",
    "site_url",
    "site_description",
    "site_author",
    "copyright",
    "repo_url",
    "repo_name",
    "edit_uri",
    "edit_uri_template",
    "use_directory_urls",
    "extra",
    "extra_css",
    "extra_javascript",
    "markdown_extensions",
    "mdx_configs",
    "nav",
)


@dataclass(frozen=True)
class RenderedPage:
    html: str  # the page as MkDocs writes it, after every post_page step
    search: str | None  # the article Pagefind got (item pages)


def _stable(value: object) -> object:
    """A JSON-able stand-in for what json cannot write, without memory addresses."""
    if isinstance(value, Mapping):  # MkDocs' `extra` and other sub-configurations
        return dict(value)
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Path):
        return str(value)
    kind = type(value)
    name = getattr(value, "__qualname__", kind.__qualname__)
    return f"{getattr(value, '__module__', kind.__module__)}.{name}"


def _tree_digest(folder: Path) -> str:
    parts: list[bytes | str] = []
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


def site_key(config: MkDocsConfig) -> str | None:
    """What every page's bytes depend on besides its own compiled data; None when pages
    cannot be reused (a plugin other than qinqing is configured)."""
    if set(config.plugins) != {"qinqing"}:
        return None
    theme = config.theme
    settings = {name: config.get(name) for name in RENDERED_CONFIG}
    settings["theme"] = {"name": theme.name, "vars": dict(theme.items()), "dirs": theme.dirs}
    parts: list[bytes | str] = [
        code_version(),
        json.dumps(settings, sort_keys=True, default=_stable, ensure_ascii=False),
    ]
    if config.config_file_path:
        parts.append(Path(config.config_file_path).read_bytes())
    if theme.custom_dir:
        parts.append(_tree_digest(Path(theme.custom_dir)))
    return digest(*parts)


@dataclass(frozen=True)
class Reused:
    """A page written from the cache, or found on disk as it should be; its search article
    (none for a page that is not an item page), named by the page's key; its URL."""

    search: KeyedArticle | None
    url: str


def packed_key(key: str, page: PackedPage) -> str:
    """What a packed page renders to with the site key `key`, named without unpacking it."""
    meta = repr(sorted(page.meta.items()))
    return digest(
        key, page.src_uri, page.title, repr(page.template), repr(page.in_nav), meta, page.packed
    )


class PageReuse:
    """For one build: the pages whose rendering is cached (written straight into the site,
    or left there when the site record says the file is that rendering), the rest for
    MkDocs, and storing what MkDocs rendered."""

    def __init__(
        self, store: CacheStore, key: str, always: set[str], record: SiteRecord | None = None
    ) -> None:
        self.store = store
        self.key = key
        self.always = always  # src_uris always rendered by MkDocs (its navigation names them)
        self.record = record
        self.pending: dict[str, str] = {}  # src_uri -> key of a page MkDocs renders
        # src_uri -> the article Pagefind got, held compressed from MkDocs reading the page
        # to writing it: every page is read before any is written (at 20,000 items, plain
        # strings were some 400 MB).
        self.searched = HeldHtml()
        self.reused = 0

    def page_key(self, page: Page | PackedPage) -> str:
        """Everything the page's bytes depend on; a packed page is keyed as it is, since
        unpacking and writing out all of it cost twice as much as its packed bytes."""
        if isinstance(page, PackedPage):
            return packed_key(self.key, page)
        return digest(self.key, repr(page))

    def reuse(self, config: MkDocsConfig, page: Page | PackedPage) -> Reused | None:
        """The cached rendering of `page`, in the site now; None: MkDocs renders it."""
        if page.in_nav or page.src_uri in self.always:
            return None
        key = self.page_key(page)
        file = File.generated(config, page.src_uri, content="")
        target = Path(file.abs_dest_path)
        if self.record is not None:
            written = self.record.unchanged(page.src_uri, key, target)
            if written is not None and self.store.keep(LAYER, key):
                self.reused += 1
                search = KeyedArticle(key, load=self._article(key)) if written.searched else None
                return Reused(search, file.url)
        found = self.store.get(LAYER, key)
        if not isinstance(found, RenderedPage):
            self.pending[page.src_uri] = key
            return None
        target.parent.mkdir(parents=True, exist_ok=True)
        # The encoding MkDocs writes pages with.
        write_if_changed(target, found.html.encode("utf-8", errors="xmlcharrefreplace"))
        if self.record is not None:
            self.record.note(page.src_uri, key, found.search is not None, target)
        self.reused += 1
        search = None if found.search is None else KeyedArticle(key, text=found.search)
        return Reused(search, file.url)

    def _article(self, key: str) -> Callable[[], str | None]:
        def load() -> str | None:
            found = self.store.get(LAYER, key)
            return found.search if isinstance(found, RenderedPage) else None

        return load

    def keyed(self, src_uri: str, article: str) -> KeyedArticle | None:
        """The article of a page MkDocs renders now, named by its key (None: not stored)."""
        key = self.pending.get(src_uri)
        return None if key is None else KeyedArticle(key, text=article)

    def searched_as(self, src_uri: str, article: str) -> None:
        if src_uri in self.pending:
            self.searched.put(src_uri, article)

    def rendered(self, file: File, html: str) -> None:
        """Keep what MkDocs made of a page for the next build (it writes it next)."""
        key = self.pending.pop(file.src_uri, None)
        if key is not None:
            search = self.searched.take(file.src_uri)
            self.store.put(LAYER, key, RenderedPage(html, search))
            if self.record is not None:
                target = Path(file.abs_dest_path)
                self.record.note_after_write(file.src_uri, key, search is not None, target)


def page_url(config: MkDocsConfig, src_uri: str) -> str:
    """The URL MkDocs gives the page made from `src_uri`."""
    return File.generated(config, src_uri, content="").url
