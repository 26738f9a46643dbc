"""Each page's site path and last-modified day, from the compiled pages and the content, and nothing more."""

from __future__ import annotations

import datetime as dt

from generator import urls
from generator.content.index import ContentIndex
from generator.output import Page
from generator.urls import page_path


def last_modified(index: ContentIndex) -> dict[str, dt.date]:
    """src_uri -> the day its content last changed: each item's `updated`; a list page and the
    home page take their newest item's. Pages made from settings alone have none."""
    days: dict[str, dt.date] = {}
    for item in index.all_items():
        day = index.updated(item)
        days[urls.item_src_uri(item)] = day
        for listing in (f"{item.collection}/index.md", "index.md"):
            if listing not in days or days[listing] < day:
                days[listing] = day
    return days


def public_pages(pages: list[Page]) -> list[Page]:
    """Every page a visitor may land on, in site path order."""
    return sorted(pages, key=lambda page: page_path(page.src_uri))
