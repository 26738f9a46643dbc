"""The 网站地图 page: every section of the site and the pages under it, and nothing more."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from generator.compile.render import render_html
from generator.content.index import COLLECTION_ORDER, ContentIndex
from generator.features.sitemap.urls import page_path, public_pages
from generator.output import Page
from generator.urls import relative_from

SITEMAP_SRC = "sitemap.md"
SITEMAP_TITLE = "网站地图"
TEMPLATES = Path(__file__).parent / "templates"


class _Section(NamedTuple):
    title: str
    href: str
    count: int | None  # a collection's number of items, which are not listed one by one
    below: list[tuple[str, str]]  # (title, href) of the other pages under it


def _href(src_uri: str) -> str:
    return relative_from(page_path(SITEMAP_SRC), page_path(src_uri)) or "./"


def sitemap_page(index: ContentIndex, pages: list[Page], nav: list[tuple[str, str]]) -> Page:
    """The header's sections in order, each with the pages below it (items counted, not listed)."""
    sections = [src for _, src in nav]
    titles = {page.src_uri: page.title for page in pages}
    below: dict[str, list[str]] = {src: [] for src in sections}
    others: list[str] = []
    for page in public_pages(pages):
        if page.src_uri in below or page.meta.get("page_kind") == "item":
            continue
        if page.meta.get("page_kind") == "list" and page.meta.get("collection"):
            continue  # another order of a collection's list (funds/sort/…): the section says it
        if (page.meta.get("pager") or {}).get("prev"):
            continue  # a list's later page (answers/page/2/): its first page is listed
        path = page_path(page.src_uri)
        owner = next((s for s in sections if page_path(s) and path.startswith(page_path(s))), None)
        (below[owner] if owner else others).append(page.src_uri)

    def linked(src_uris: list[str]) -> list[tuple[str, str]]:
        return [(titles.get(src, src), _href(src)) for src in src_uris]

    listed = []
    for title, src in nav:
        collection = src.removesuffix("/index.md")
        count = len(index.collection(collection)) if collection in COLLECTION_ORDER else None
        listed.append(_Section(title, _href(src), count, linked(below[src])))
    html = render_html("page.html.j2", templates=TEMPLATES, sections=listed, others=linked(others))
    meta = {"title": SITEMAP_TITLE, "description": "本站所有栏目和页面", "page_kind": "page"}
    content = html + "\n"
    return Page(src_uri=SITEMAP_SRC, title=SITEMAP_TITLE, content=content, meta=meta, in_nav=True)
