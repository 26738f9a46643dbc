"""One list page per collection: every item in a filterable table, in the collection's order.

Funds read open first (by closing date), then upcoming (by opening date), then closed; the
other collections newest first. Funds also get a second, static page in publishing order,
so the sort control is a plain link that works without JavaScript (site.js re-sorts in
place when it runs).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator import urls
from generator.compile import text
from generator.compile.clock import shown_status, status_attributes
from generator.compile.facts import days_note
from generator.compile.fund_order import funds_in_order
from generator.compile.render import assemble, attrs, render_html
from generator.content.index import ContentIndex, Item
from generator.content.status import STATUSES, WITHDRAWN
from generator.models.collection_labels import COLLECTION_LABELS
from generator.models.funds import served_industries
from generator.models.policies import Policy
from generator.output import Page

INTRODUCTIONS = {
    "policies": "本机构及上级机关发布的涉企政策文件。默认只列出现行有效和尚未施行的文件。",
    "funds": "各类涉企资金项目的申报条件、申报时间和兑现方式。正在申报的项目排在最前面。",
    "guides": "企业办事的条件、材料、流程和时限。",
    "announcements": "资金项目评审结果的公示名单。公示期内可提出异议。",
    "consultations": "涉企政策草案的公开征求意见。征求意见期间可在线留言，截止后公布意见采纳情况。",
}


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


def _delivery(item: Item) -> Markup:
    delivery = item.data.delivery
    if delivery is None:
        return escape("—")
    label = escape(text.DELIVERY_LABELS[delivery.mode])
    if delivery.mode == "automatic":
        return Markup('<strong class="qq-automatic">{}</strong>').format(label)
    return label


def _max_amount(item: Item) -> Markup:
    amount = item.data.max_amount
    return escape(text.yuan(amount) if amount is not None else "—")


# Columns between 标题/状态 and the publisher: (header, cell of (item, today, zone)).
Cell = Callable[[Item, dt.date, dt.tzinfo], Markup]
COLUMNS: dict[str, tuple[tuple[str, Cell], ...]] = {
    "policies": (("文号", lambda i, _t, _z: escape(i.data.doc_number or "—")),),
    "funds": (
        (
            "申报截止",
            lambda i, t, z: escape(text.chinese_date(i.data.closes)) + days_note(i.data, t, z),
        ),
        ("最高金额", lambda i, _t, _z: _max_amount(i)),
        ("兑现方式", lambda i, _t, _z: _delivery(i)),
    ),
    "guides": (("最后审核", lambda i, _t, _z: escape(text.chinese_date(i.data.reviewed))),),
    "announcements": (
        (
            "公示期",
            lambda i, _t, _z: escape(
                f"{text.chinese_date(i.data.publicity.start)}至{text.chinese_date(i.data.publicity.end)}"
            ),
        ),
    ),
    "consultations": (
        (
            "征求意见时间",
            lambda i, t, z: (
                escape(f"{text.chinese_date(i.data.opens)}至{text.chinese_date(i.data.closes)}")
                + days_note(i.data, t, z)
            ),
        ),
    ),
}


@dataclass(frozen=True)
class Row:
    item: Item
    href: str
    status: object
    status_attrs: Markup
    filters: Markup
    cells: tuple[tuple[str, Markup], ...]  # (header, cell) of the collection's columns
    publisher: str


def publisher_label(collection: str) -> str:
    """What the publisher column and filter are called: a policy's 发文机关, else 发布机构."""
    return "发文机关" if collection == "policies" else "发布机构"


def publisher(index: ContentIndex, item: Item) -> str:
    """A policy's issuer where set (中发〔2017〕25号 is the 中共中央 国务院's), else the department."""
    if isinstance(item.data, Policy) and item.data.issuer:
        return item.data.issuer
    dept = index.site.departments.get(item.department)
    return (dept.short_name or dept.name) if dept else item.department


def _row_filters(index: ContentIndex, item: Item, today: dt.date, status, ranks) -> Markup:
    data = item.data
    values = {
        "data-dept": data.department,
        "data-year": str(data.published.year),
        "data-industries": " ".join(served_industries(data)),
        "data-topics": " ".join(data.topics),
        "data-status": status.code if status else "",
        "data-current": "1" if index.is_current(item, today) else "0",
        **{f"data-rank-{key}": str(rank) for key, rank in ranks.items()},
    }
    if isinstance(data, Policy):
        values["data-level"] = data.level
        values["data-issuer"] = publisher(index, item)
    if item.collection == "funds":
        values["data-delivery"] = data.delivery.mode if data.delivery else ""
    return attrs(values)


def _options(codes: list[str], names: dict[str, str]) -> list[tuple[str, str]]:
    return [
        (c, names.get(c, c))
        for c in sorted(set(codes), key=lambda c: list(names).index(c) if c in names else 10**6)
    ]


def _publisher_field(index: ContentIndex, collection: str, items: list[Item]) -> dict:
    if collection == "policies":
        names = [publisher(index, i) for i in items]
        options = [(n, n) for n in dict.fromkeys(sorted(names))]
        return {"name": "issuer", "label": "发文机关", "options": options}
    departments = {c: d.short_name or d.name for c, d in index.site.departments.items()}
    options = _options([i.department for i in items], departments)
    return {"name": "dept", "label": "发布机构", "options": options}


def filter_fields(index: ContentIndex, collection: str, items: list[Item]) -> list[dict]:
    """The filter selects: only values that occur in this collection, labelled in Chinese."""
    site = index.site
    fields = [_publisher_field(index, collection, items)]
    if collection == "policies":
        fields.append(
            {
                "name": "level",
                "label": "层级",
                "options": _options([i.data.level for i in items], text.LEVEL_LABELS),
            }
        )
    if collection == "funds":
        modes = [i.data.delivery.mode for i in items if i.data.delivery]
        fields.append(
            {
                "name": "delivery",
                "label": "兑现方式",
                "options": _options(modes, text.DELIVERY_LABELS),
            }
        )
    years = sorted({str(i.published.year) for i in items}, reverse=True)
    fields.append({"name": "year", "label": "年份", "options": [(y, f"{y}年") for y in years]})
    for name, label, codes_of, taxonomy in (
        ("industry", "适用行业", served_industries, site.industries),
        ("topic", "主题", lambda data: data.topics, site.topics),
    ):
        codes = [c for i in items for c in codes_of(i.data)]
        names = {c: t.name for c, t in taxonomy.items()}
        fields.append({"name": name, "label": label, "options": _options(codes, names)})
    statuses = [(s.code, s.label) for s in STATUSES[collection]]
    if statuses:
        fields.append(
            {
                "name": "status",
                "label": "状态",
                "options": [*statuses, (WITHDRAWN.code, WITHDRAWN.label)],
            }
        )
    return [f for f in fields if f["options"]]


def orders(index: ContentIndex, collection: str, today: dt.date) -> dict[str, list[Item]]:
    """Each sort key's items in order (the first key is the page's own order)."""
    newest = index.collection(collection)
    if collection != "funds":
        return {"published": newest}
    return {"status": funds_in_order(index, newest, today), "published": newest}


def list_rows(
    index: ContentIndex, collection: str, today: dt.date, root: str, sort: str | None = None
) -> list[Row]:
    """The rows in the order of `sort` (default: the collection's first order)."""
    zone = index.site.zone
    ranked = orders(index, collection, today)
    ranks = {key: {item.id: n for n, item in enumerate(items)} for key, items in ranked.items()}
    rows = []
    for item in ranked[sort or next(iter(ranked))]:
        status = shown_status(index, item, today)
        own_ranks = {key: ranks[key][item.id] for key in ranks} if len(ranks) > 1 else {}
        rows.append(
            Row(
                item=item,
                href=root + urls.item_path(item),
                status=status,
                status_attrs=attrs(status_attributes(index, item, today)) if status else Markup(""),
                filters=_row_filters(index, item, today, status, own_ranks),
                cells=tuple(
                    (header, cell(item, today, zone)) for header, cell in COLUMNS[collection]
                ),
                publisher=publisher(index, item),
            )
        )
    return rows


def _list_page(index: ContentIndex, collection: str, today: dt.date, sort: Sort, feeds) -> Page:
    root = urls.relative_from(sort.path, "")
    items = index.collection(collection)
    options = sorts(collection)
    current = sum(1 for i in items if index.is_current(i, today))
    title = COLLECTION_LABELS[collection]
    html = render_html(
        "list.html.j2",
        title=title,
        collection=collection,
        collection_href=root + urls.collection_path(collection),
        intro=INTRODUCTIONS[collection],
        fields=filter_fields(index, collection, items),
        rows=list_rows(index, collection, today, root, sort.key),
        headers=[header for header, _ in COLUMNS[collection]],
        publisher_header=publisher_label(collection),
        has_status=bool(STATUSES[collection]),
        sorts=[(s, root + s.path) for s in options] if len(options) > 1 else [],
        sort=sort,
        total=len(items),
        current=current,
        root=root,
    )
    meta = {
        "title": title if sort is options[0] else f"{title}（按{sort.label}）",
        "description": INTRODUCTIONS[collection],
        "page_kind": "list",
        "collection": collection,
        "feeds": list(feeds),
    }
    content, fragments = assemble([("html", html)])
    return Page(
        src_uri=f"{sort.path}index.md",
        title=meta["title"],
        content=content,
        meta=meta,
        in_nav=sort is options[0],
        fragments=fragments,
    )


def list_pages(index: ContentIndex, collection: str, today: dt.date, feeds=()) -> list[Page]:
    """The collection's list page, and one more per extra sort order (funds by 发布日期)."""
    return [_list_page(index, collection, today, sort, feeds) for sort in sorts(collection)]
