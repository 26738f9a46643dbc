"""The action block near the top of a fund's page: what an enterprise can do next, and nothing more.

Open: 去申报 (or where to go, for offline funds), 加入日历, 下载申报材料, 相关办事指南 and the
days left. Upcoming: when it opens, the same links. Closed: that it is closed, and its results.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup

from generator import urls
from generator.compile import text
from generator.compile.clock import days_attributes
from generator.compile.facts import days_note
from generator.compile.render import attrs
from generator.content.index import ContentIndex, Item
from generator.models.funds import Fund

# Statuses of a fund whose window is still ahead or running: the calendar link is worth it.
NOT_YET_CLOSED = frozenset({"upcoming", "open"})


@dataclass(frozen=True)
class Download:
    name: str
    href: str
    kind: str  # "PDF，12 KB"


@dataclass(frozen=True)
class FundActions:
    """What the block shows; hrefs are relative to the fund's page."""

    state: str  # upcoming | open | closed | withdrawn
    automatic: bool  # 免申即享: nothing to apply for
    apply_url: str | None
    apply_note: str | None
    opens: str
    closes: str
    days: Markup  # the days-left note, kept current by site.js
    window: Markup  # data-qq-opens/-closes, so site.js can tell when the window has closed
    calendar: str | None
    downloads: tuple[Download, ...]
    materials: bool  # it lists materials (the page's 申报材料 table)
    guide: tuple[str, str] | None  # (href, title)
    results: tuple[tuple[str, str], ...]  # (href, title) of its announcements


def template_downloads(index: ContentIndex, item: Item, root: str) -> tuple[Download, ...]:
    """The fund's material templates that exist, as download links."""
    downloads = []
    for material in item.data.materials:
        if not material.template:
            continue
        kind = text.file_label(index.content_dir / material.template)
        downloads.append(
            Download(material.name, root + urls.attachment_path(material.template), kind)
        )
    return tuple(downloads)


def fund_actions(
    index: ContentIndex, item: Item, today: dt.date, root: str, links=()
) -> FundActions | None:
    """The action block of a fund's page for `today`; None for other items."""
    data = item.data
    if not isinstance(data, Fund):
        return None
    status = index.status(item, today)
    code = status.code if status is not None else "closed"
    state = (
        "withdrawn"
        if item.withdrawn
        else {"upcoming": "upcoming", "open": "open"}.get(code, "closed")
    )
    calendar = next((path for kind, _, path in links if kind == "calendar"), None)
    guide = index.guide_of(item.id)
    return FundActions(
        state=state,
        automatic=data.delivery is not None and data.delivery.mode == "automatic",
        apply_url=data.apply.url if data.apply else None,
        apply_note=data.apply.note if data.apply else None,
        opens=text.chinese_date(data.opens),
        closes=text.chinese_date(data.closes),
        days=days_note(data, today, index.site.zone),
        window=attrs(days_attributes(data, index.site.zone)),
        calendar=root + calendar if calendar and state in NOT_YET_CLOSED else None,
        downloads=template_downloads(index, item, root) if state != "withdrawn" else (),
        materials=bool(data.materials),
        guide=(root + urls.item_path(guide), guide.title) if guide else None,
        results=tuple(
            (root + urls.item_path(a), a.title)
            for a in index.announcements_of(item.id)
            if a.published <= today and not a.withdrawn
        ),
    )
