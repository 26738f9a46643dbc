"""Where each page and file of the site lives: one place, so pages, feeds and search agree."""

from __future__ import annotations

from typing import Any, Protocol


class Item(Protocol):
    """What a URL needs of an item (content.index.Item has it): the layout knows no content."""

    collection: str
    id: str


class SiteConfig(Protocol):
    """What a URL needs of the site settings (models.site.SiteConfig has it)."""

    base_url: Any


def item_src_uri(item: Item) -> str:
    """The generated Markdown page of an item: `funds/<id>.md`, served at `funds/<id>/`."""
    return f"{item.collection}/{item.id}.md"


def item_path(item: Item) -> str:
    """The item page's path relative to the site root, with a trailing slash."""
    return f"{item.collection}/{item.id}/"


def page_path(src_uri: str) -> str:
    """`index.md` -> ``, `funds/index.md` -> `funds/`, `petitions/lookup.md` -> `petitions/lookup/`."""
    if src_uri == "index.md":
        return ""
    if src_uri.endswith("/index.md"):
        return src_uri.removesuffix("index.md")
    return src_uri.removesuffix(".md") + "/"


def collection_path(collection: str) -> str:
    return f"{collection}/"


def absolute(site: SiteConfig, path: str) -> str:
    """An absolute URL for a site-relative path (`funds/x/` -> `https://host/base/funds/x/`)."""
    base = str(site.base_url)
    if not base.endswith("/"):
        base += "/"
    return base + path.lstrip("/")


def item_url(site: SiteConfig, item: Item) -> str:
    return absolute(site, item_path(item))


def relative_from(page_path: str, target: str) -> str:
    """A relative link from the page at `page_path` (e.g. `funds/x/`) to `target` (e.g. `feeds/all.xml`)."""
    depth = page_path.strip("/").count("/") + 1 if page_path.strip("/") else 0
    return "../" * depth + target


ATTACHMENTS_PREFIX = "attachments/"


def attachment_path(file: str) -> str:
    """Attachments are copied to the same relative path under the site root."""
    return file.removeprefix("./")


FEEDS_DIR = "feeds/"
CALENDAR_DIR = "calendar/"
DATA_DIR = "data/"
SUBSCRIBE_PATH = "subscribe/"
PETITIONS_PATH = "petitions/"
LOOKUP_PATH = "petitions/lookup/"
STATS_PATH = "petitions/stats/"
MATCH_PATH = "match/"
SEARCH_PATH = "search/"
ANSWERS_PATH = "answers/"
