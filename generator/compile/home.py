"""The home page: what is open now, what is in publicity, what is new, and where to go.

Each block shows at most BLOCK_SIZE items, the soonest to close first, and links its full
list (the filter list of that status, see lists.py), so the page stays small at any size.
"""

from __future__ import annotations

import datetime as dt

from generator import urls
from generator.compile.clock import shown_status, status_attributes
from generator.compile.facts import days_note
from generator.compile.lists import filter_path
from generator.compile.render import assemble, attrs, render_html
from generator.content.index import COLLECTION_ORDER, ContentIndex, Item
from generator.content.status import days_left
from generator.models.collection_labels import COLLECTION_LABELS
from generator.output import Page

NEWEST_COUNT = 8
BLOCK_SIZE = 8
CARD_TEXT = {
    "policies": "查阅涉企政策文件原文、解读和效力状态",
    "funds": "了解资金项目的申报条件、时间和材料",
    "guides": "办事条件、材料、流程和办结时限",
    "announcements": "资金项目评审结果公示名单与异议渠道",
    "consultations": "涉企政策草案公开征求意见与意见采纳情况",
}


def _entry(index: ContentIndex, item: Item, today: dt.date) -> dict:
    status = shown_status(index, item, today)
    return {
        "item": item,
        "href": urls.item_path(item),
        "label": COLLECTION_LABELS[item.collection],
        "status": status,
        "status_attrs": attrs(status_attributes(index, item, today)) if status else "",
    }


def _is_open(index: ContentIndex, item: Item, today: dt.date) -> bool:
    return not item.withdrawn and (s := index.status(item, today)) is not None and s.code == "open"


def _more(items: list[Item], path: str) -> dict | None:
    """The "更多" link of a block that shows only some of its items."""
    return {"count": len(items), "href": path} if len(items) > BLOCK_SIZE else None


def home_page(index: ContentIndex, today: dt.date, extra_cards=(), feeds=()) -> Page:
    """`extra_cards`: (title, text, href) entries for features present in this build."""
    open_funds = [f for f in index.collection("funds") if _is_open(index, f, today)]
    open_funds.sort(key=lambda f: (days_left(f.data.closes, today), f.id))
    open_consultations = sorted(
        (c for c in index.collection("consultations") if _is_open(index, c, today)),
        key=lambda c: (days_left(c.data.closes, today), c.id),
    )
    in_publicity = [
        a
        for a in index.collection("announcements")
        if not a.withdrawn and (s := index.status(a, today)) is not None and s.code == "publicity"
    ]
    in_publicity.sort(key=lambda a: (a.data.publicity.end, a.id))
    newest = [i for i in index.all_items() if not i.withdrawn][:NEWEST_COUNT]
    cards = [
        {
            "title": COLLECTION_LABELS[c],
            "text": CARD_TEXT[c],
            "href": urls.collection_path(c),
            "count": len(index.collection(c)),
        }
        for c in COLLECTION_ORDER
    ]
    cards += [{"title": t, "text": x, "href": h, "count": None} for t, x, h in extra_cards]
    html = render_html(
        "home.html.j2",
        site=index.site,
        open_funds=[
            {
                **_entry(index, f, today),
                "closes": f.data.closes,
                "days": days_note(f.data, today, index.site.zone),
            }
            for f in open_funds[:BLOCK_SIZE]
        ],
        open_consultations=[
            {
                **_entry(index, c, today),
                "closes": c.data.closes,
                "days": days_note(c.data, today, index.site.zone),
            }
            for c in open_consultations[:BLOCK_SIZE]
        ],
        in_publicity=[
            {**_entry(index, a, today), "end": a.data.publicity.end}
            for a in in_publicity[:BLOCK_SIZE]
        ],
        more={
            "funds": _more(open_funds, filter_path("funds", "status", "open")),
            "consultations": _more(
                open_consultations, filter_path("consultations", "status", "open")
            ),
            "announcements": _more(
                in_publicity, filter_path("announcements", "status", "publicity")
            ),
        },
        newest=[_entry(index, i, today) for i in newest],
        cards=cards,
        search_href=urls.SEARCH_PATH,
        petitions_href=urls.PETITIONS_PATH,
    )
    meta = {
        "title": index.site.title,
        "description": index.site.description or index.site.title,
        "page_kind": "home",
        "feeds": list(feeds),
    }
    content, fragments = assemble([("html", html)])
    return Page(
        src_uri="index.md",
        title="首页",
        content=content,
        meta=meta,
        in_nav=True,
        fragments=fragments,
    )
