"""The 网站地图 page: every section of the site and the pages under it, and nothing more."""

from __future__ import annotations

from html import escape

from generator.content.index import COLLECTION_ORDER, ContentIndex
from generator.features.sitemap.urls import page_path, public_pages
from generator.output import Page
from generator.urls import relative_from

SITEMAP_SRC = "sitemap.md"
SITEMAP_TITLE = "网站地图"


def _link(title: str, src_uri: str) -> str:
    href = relative_from("sitemap/", page_path(src_uri)) or "./"
    return f'<a href="{escape(href)}">{escape(title)}</a>'


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
        path = page_path(page.src_uri)
        owner = next((s for s in sections if page_path(s) and path.startswith(page_path(s))), None)
        (below[owner] if owner else others).append(page.src_uri)
    lines = ['<div class="qq-sitemap">', "<ul>"]
    for title, src in nav:
        entries = [f"<li>{_link(titles.get(sub, sub), sub)}</li>" for sub in below[src]]
        collection = src.removesuffix("/index.md")
        if collection in COLLECTION_ORDER:
            count = len(index.collection(collection))
            entries.insert(0, f'<li class="qq-meta">共 {count} 项</li>')
        lines.append(f"<li>{_link(title, src)}")
        if entries:
            lines += ["<ul>", *entries, "</ul>"]
        lines.append("</li>")
    lines += [f"<li>{_link(titles.get(src, src), src)}</li>" for src in others]
    lines += ["</ul>", "</div>"]
    meta = {"title": SITEMAP_TITLE, "description": "本站所有栏目和页面", "page_kind": "page"}
    content = "\n".join(lines) + "\n"
    return Page(src_uri=SITEMAP_SRC, title=SITEMAP_TITLE, content=content, meta=meta, in_nav=True)
