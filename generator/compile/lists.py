"""One list page per collection: every item in a filterable table, newest first."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from markupsafe import Markup, escape

from generator import urls
from generator.compile import text
from generator.compile.clock import shown_status, status_attributes
from generator.compile.facts import days_note
from generator.compile.render import assemble, attrs, render_html
from generator.content.index import ContentIndex, Item
from generator.content.status import STATUSES, WITHDRAWN
from generator.models.items import COLLECTION_LABELS
from generator.models.policies import Policy
from generator.output import Page

INTRODUCTIONS = {
    "policies": "本机构及上级机关发布的涉企政策文件。默认只列出现行有效和尚未施行的文件。",
    "funds": "各类涉企资金项目的申报条件、申报时间和兑现方式。",
    "guides": "企业办事的条件、材料、流程和时限。",
    "announcements": "资金项目评审结果的公示名单。公示期内可提出异议。",
    "consultations": "涉企政策草案的公开征求意见。征求意见期间可在线留言，截止后公布意见采纳情况。",
}
# Extra column per collection: (header, function of (item) -> cell text).
EXTRA_COLUMN = {
    "policies": ("文号", lambda i: i.data.doc_number or "—"),
    "funds": ("申报截止", lambda i: text.chinese_date(i.data.closes)),
    "guides": ("最后审核", lambda i: text.chinese_date(i.data.reviewed)),
    "announcements": (
        "公示期",
        lambda i: (
            f"{text.chinese_date(i.data.publicity.start)}至{text.chinese_date(i.data.publicity.end)}"
        ),
    ),
    "consultations": (
        "征求意见时间",
        lambda i: f"{text.chinese_date(i.data.opens)}至{text.chinese_date(i.data.closes)}",
    ),
}
# Collections whose rows count the days left of an open window.
COUNTDOWN = ("funds", "consultations")


@dataclass(frozen=True)
class Row:
    item: Item
    href: str
    status: object
    status_attrs: Markup
    filters: Markup
    extra: Markup
    department: str


def _row_filters(index: ContentIndex, item: Item, today: dt.date, status) -> Markup:
    data = item.data
    values = {
        "data-dept": data.department,
        "data-year": str(data.published.year),
        "data-industries": " ".join(data.industries),
        "data-topics": " ".join(data.topics),
        "data-status": status.code if status else "",
        "data-current": "1" if index.is_current(item, today) else "0",
    }
    if isinstance(data, Policy):
        values["data-level"] = data.level
    return attrs(values)


def _options(codes: list[str], names: dict[str, str]) -> list[tuple[str, str]]:
    return [
        (c, names.get(c, c))
        for c in sorted(set(codes), key=lambda c: list(names).index(c) if c in names else 10**6)
    ]


def filter_fields(index: ContentIndex, collection: str, items: list[Item]) -> list[dict]:
    """The filter selects: only values that occur in this collection, labelled in Chinese."""
    site = index.site
    departments = {c: d.short_name or d.name for c, d in site.departments.items()}
    fields = [
        {
            "name": "dept",
            "label": "发布机构",
            "options": _options([i.department for i in items], departments),
        }
    ]
    if collection == "policies":
        fields.append(
            {
                "name": "level",
                "label": "层级",
                "options": _options([i.data.level for i in items], text.LEVEL_LABELS),
            }
        )
    years = sorted({str(i.published.year) for i in items}, reverse=True)
    fields.append({"name": "year", "label": "年份", "options": [(y, f"{y}年") for y in years]})
    for name, label, attr, taxonomy in (
        ("industry", "适用行业", "industries", site.industries),
        ("topic", "主题", "topics", site.topics),
    ):
        codes = [c for i in items for c in getattr(i.data, attr)]
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


def list_rows(index: ContentIndex, collection: str, today: dt.date, root: str) -> list[Row]:
    header, cell = EXTRA_COLUMN[collection]
    departments = index.site.departments
    rows = []
    for item in index.collection(collection):
        status = shown_status(index, item, today)
        dept = departments.get(item.department)
        rows.append(
            Row(
                item=item,
                href=root + urls.item_path(item),
                status=status,
                status_attrs=attrs(status_attributes(index, item, today)) if status else Markup(""),
                filters=_row_filters(index, item, today, status),
                extra=escape(cell(item))
                + (days_note(item.data, today, index.site.zone) if collection in COUNTDOWN else ""),
                department=(dept.short_name or dept.name) if dept else item.department,
            )
        )
    return rows


def list_page(index: ContentIndex, collection: str, today: dt.date, feeds=()) -> Page:
    root = urls.relative_from(urls.collection_path(collection), "")
    items = index.collection(collection)
    rows = list_rows(index, collection, today, root)
    current = sum(1 for i in items if index.is_current(i, today))
    title = COLLECTION_LABELS[collection]
    has_status = bool(STATUSES[collection])
    html = render_html(
        "list.html.j2",
        title=title,
        collection=collection,
        intro=INTRODUCTIONS[collection],
        fields=filter_fields(index, collection, items),
        rows=rows,
        extra_header=EXTRA_COLUMN[collection][0],
        has_status=has_status,
        total=len(items),
        current=current,
        root=root,
    )
    meta = {
        "title": title,
        "description": INTRODUCTIONS[collection],
        "page_kind": "list",
        "collection": collection,
        "feeds": list(feeds),
    }
    content, fragments = assemble([("html", html)])
    return Page(
        src_uri=f"{collection}/index.md",
        title=title,
        content=content,
        meta=meta,
        in_nav=True,
        fragments=fragments,
    )
