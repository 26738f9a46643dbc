"""A collection's list pages: bounded pages in the collection's order, and one list per filter value.

Funds read open first (by closing date), then upcoming (by opening date), then closed; the
other collections newest first. Funds also get a second, static list in publishing order,
so the sort control is a plain link that works without JavaScript.

Every list shows at most `list_page_size` rows a page (site.yaml, default 100): page 1 at the list's path
(`policies/`), page n at `policies/page/n/`, with a pager. Each value of each filter
(发布机构, 主题, 状态 …) has its own paginated list at `policies/by/<filter>/<value>/`,
so every item is reachable by links without a script. With JavaScript the list becomes one
list of the whole collection again, read from the list index (`list_index.py`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from generator import urls
from generator.compile.list_rows import (
    COLUMNS,
    Row,
    filter_fields,
    list_rows,
    publisher_label,
)
from generator.compile.pager import Pager, chunks, page_path
from generator.compile.render import assemble, render_html
from generator.content.index import ContentIndex
from generator.content.status import STATUSES
from generator.models.collection_labels import COLLECTION_LABELS
from generator.output import Page

FILTERS_DIR = "by"
LIST_INDEX_DIR = "lists"

INTRODUCTIONS = {
    "policies": "本机构及上级机关发布的涉企政策文件。默认只列出现行有效和尚未施行的文件。",
    "funds": "各类涉企资金项目的申报条件、申报时间和兑现方式。正在申报的项目排在最前面。",
    "guides": "企业办事的条件、材料、流程和时限。",
    "announcements": "资金项目评审结果的公示名单。公示期内可提出异议。",
    "consultations": "涉企政策草案的公开征求意见。征求意见期间可在线留言，截止后公布意见采纳情况。",
}
_SAFE = re.compile(r"[a-z0-9][a-z0-9_-]*")


@dataclass(frozen=True)
class Sort:
    """One order of a list page: its key, the control's label, the caption and its page."""

    key: str
    label: str
    caption: str
    path: str  # the page's path relative to the site root


def sorts(collection: str) -> tuple[Sort, ...]:
    """The orders a list offers; the first is the list page itself. Only funds offer two."""
    home = urls.collection_path(collection)
    if collection != "funds":
        return (Sort("published", "发布日期", "按发布日期从新到旧排列", home),)
    return (
        Sort(
            "status",
            "申报状态",
            "正在申报的按截止日期、即将开始的按开始日期排列，已截止的在后",
            home,
        ),
        Sort("published", "发布日期", "按发布日期从新到旧排列", f"{home}sort/published/"),
    )


def value_slug(value: str) -> str:
    """A filter value as a path segment: a plain code as it is, other text (a 发文机关) hashed."""
    if _SAFE.fullmatch(value):
        return value
    return "v" + hashlib.sha256(value.encode("utf-8")).hexdigest()[:10]


def filter_path(collection: str, name: str, value: str) -> str:
    """The path of the list of one filter value, e.g. `funds/by/status/open/`."""
    return f"{urls.collection_path(collection)}{FILTERS_DIR}/{name}/{value_slug(value)}/"


def index_path(collection: str) -> str:
    """The head file of the collection's list index (see list_index.py)."""
    return f"{LIST_INDEX_DIR}/{collection}/index.json"


@dataclass(frozen=True)
class _List:
    """One paginated list: where it lives, what it is called and its rows."""

    base: str
    title: str
    heading: str
    caption: str
    rows: list[Row]
    sort: Sort
    chosen: tuple[str, str] | None = None  # the filter (name, value) of a filter list
    in_nav: bool = False


def _browse(fields: list[dict], collection: str, rows: list[Row]) -> list[dict]:
    """Each filter's values that occur, with their counts and the path of their list."""
    browse = []
    for field in fields:
        name = field["name"]
        counts = {code: 0 for code, _ in field["options"]}
        for row in rows:
            for value in row.values.get(name, ()):
                if value in counts:
                    counts[value] += 1
        links = [
            (label, filter_path(collection, name, code), counts[code])
            for code, label in field["options"]
            if counts[code]
        ]
        browse.append({"label": field["label"], "links": links})
    return [b for b in browse if b["links"]]


def _page(
    index: ContentIndex,
    collection: str,
    one: _List,
    number: int,
    rows: list[Row],
    shared: dict,
    feeds,
    page_size: int,
) -> Page:
    pager = Pager(one.base, number, len(chunks(one.rows, page_size)))
    path = page_path(one.base, number)
    root = urls.relative_from(path, "")
    title = one.title if number == 1 else f"{one.title}（第{number}页）"
    first = (number - 1) * page_size + 1
    options = sorts(collection)
    html = render_html(
        "list.html.j2",
        title=title,
        heading=one.heading,
        chosen_path=one.base if one.chosen else None,
        collection=collection,
        collection_href=root + one.sort.path,
        index_href=root + index_path(collection),
        rows_html="\n".join(row.html(root) for row in rows),
        sorts=[(s, root + s.path) for s in options] if len(options) > 1 and not one.chosen else [],
        sort=one.sort,
        caption=one.caption,
        chosen=one.chosen,
        number=number,
        pager=pager,
        shown=(first, first + len(rows) - 1),
        listed=len(one.rows),
        page_size=page_size,
        root=root,
        **shared,
    )
    meta = {
        "title": title,
        "description": INTRODUCTIONS[collection],
        "page_kind": "list",
        "collection": collection,
        "feeds": list(feeds),
        "pager": {"prev": pager.prev, "next": pager.next},
    }
    content, fragments = assemble([("html", html)])
    return Page(
        src_uri=f"{path}index.md",
        title=title,
        content=content,
        meta=meta,
        in_nav=one.in_nav and number == 1,
        fragments=fragments,
    )


def _lists(collection: str, rows: dict[str, list[Row]], fields: list[dict]) -> list[_List]:
    """The collection's lists: one per order, then one per value of each filter."""
    label = COLLECTION_LABELS[collection]
    options = sorts(collection)
    lists = [
        _List(
            sort.path,
            label if sort is options[0] else f"{label}（按{sort.label}）",
            label,
            sort.caption,
            rows[sort.key],
            sort,
            in_nav=sort is options[0],
        )
        for sort in options
    ]
    main = rows[options[0].key]
    for field in fields:
        for code, value_label in field["options"]:
            matching = [r for r in main if code in r.values.get(field["name"], ())]
            # Every 状态 has its list, even empty today, so its address never comes and goes
            # with the build day (the home page links them; sitemap.xml stays the same).
            if matching or field["name"] == "status":
                heading = f"{label}：{field['label']}“{value_label}”"
                lists.append(
                    _List(
                        filter_path(collection, field["name"], code),
                        heading,
                        heading,
                        options[0].caption,
                        matching,
                        options[0],
                        chosen=(field["name"], code),
                    )
                )
    return lists


def list_pages(index: ContentIndex, collection: str, today: dt.date, feeds=()) -> list[Page]:
    """Every page of every list of the collection (see the module docstring)."""
    page_size = index.site.list_page_size
    items = index.collection(collection)
    rows = list_rows(index, collection, today)
    fields = filter_fields(index, collection, items)
    shared = {
        "label": COLLECTION_LABELS[collection],
        "intro": INTRODUCTIONS[collection],
        "fields": fields,
        "browse": _browse(fields, collection, rows[sorts(collection)[0].key]),
        "headers": [header for header, _ in COLUMNS[collection]],
        "publisher_header": publisher_label(collection),
        "has_status": bool(STATUSES[collection]),
        "total": len(items),
        "current": sum(1 for i in items if index.is_current(i, today)),
    }
    return [
        _page(index, collection, one, number, part, shared, feeds, page_size)
        for one in _lists(collection, rows, fields)
        for number, part in enumerate(chunks(one.rows, page_size), start=1)
    ]
