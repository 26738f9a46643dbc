"""The rows of a collection's list: columns, filter values and each row's HTML, and nothing more.

A row's HTML is made once per build and shared by every list page it appears on (the
collection's pages, its other order, its filter pages) and by the list index the script
reads: only the link's prefix back to the site root differs, so a row is kept as the part
before that prefix and the part after it.
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
from generator.compile.render import attrs, environment
from generator.content.index import ContentIndex, Item
from generator.content.status import STATUSES, WITHDRAWN, Status
from generator.models.funds import served_industries
from generator.models.policies import Policy


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
    """One item's row: `head + root + tail` is its HTML on a page whose way back is `root`."""

    item: Item
    status: Status | None
    values: dict[str, tuple[str, ...]]  # filter name -> the item's values for it
    head: str  # `<tr …><td …><a href="`
    tail: str  # the item's site-relative path, `">`, the title and the other cells

    def html(self, root: str) -> str:
        return self.head + root + self.tail


def publisher_label(collection: str) -> str:
    """What the publisher column and filter are called: a policy's 发文机关, else 发布机构."""
    return "发文机关" if collection == "policies" else "发布机构"


def publisher(index: ContentIndex, item: Item) -> str:
    """A policy's issuer where set (中发〔2017〕25号 is the 中共中央 国务院's), else the department."""
    if isinstance(item.data, Policy) and item.data.issuer:
        return item.data.issuer
    dept = index.site.departments.get(item.department)
    return (dept.short_name or dept.name) if dept else item.department


def filter_values(index: ContentIndex, item: Item, status: Status | None) -> dict[str, tuple]:
    """The item's value(s) for each filter a list of its collection offers."""
    data = item.data
    values: dict[str, tuple[str, ...]] = {}
    if item.collection == "policies":
        values["issuer"] = (publisher(index, item),)
        values["level"] = (data.level,)
    else:
        values["dept"] = (data.department,)
    if item.collection == "funds":
        values["delivery"] = (data.delivery.mode,) if data.delivery else ()
    values["year"] = (str(data.published.year),)
    values["industry"] = tuple(served_industries(data))
    values["topic"] = tuple(data.topics)
    if STATUSES[item.collection]:
        values["status"] = (status.code,) if status else ()
    return values


def _row_attributes(index: ContentIndex, item: Item, today: dt.date, status, ranks) -> Markup:
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
    order = {code: n for n, code in enumerate(names)}
    return [(c, names.get(c, c)) for c in sorted(set(codes), key=lambda c: order.get(c, 10**6))]


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


def _row(index: ContentIndex, item: Item, today: dt.date, ranks: dict[str, int]) -> Row:
    collection = item.collection
    zone = index.site.zone
    status = shown_status(index, item, today)
    badge = environment().get_template("_macros.html.j2").module.badge
    cells = "".join(
        f'<td data-label="{header}">{cell(item, today, zone)}</td>'
        for header, cell in COLUMNS[collection]
    )
    status_cell = (
        f'<td data-label="状态">{badge(status, attrs(status_attributes(index, item, today)))}</td>'
        if STATUSES[collection]
        else ""
    )
    published = text.iso_date(item.published)
    tail = (
        f'{urls.item_path(item)}">{escape(item.title)}</a></td>{status_cell}{cells}'
        f'<td data-label="{publisher_label(collection)}">{escape(publisher(index, item))}</td>'
        f'<td data-label="发布日期"><time datetime="{published}">{published}</time></td></tr>'
    )
    head = (
        f'<tr {_row_attributes(index, item, today, status, ranks)}><td data-label="标题"><a href="'
    )
    return Row(item, status, filter_values(index, item, status), head, tail)


def list_rows(index: ContentIndex, collection: str, today: dt.date) -> dict[str, list[Row]]:
    """Each sort key's rows in order; a row is made once and shared by every order."""
    ranked = orders(index, collection, today)
    ranks = {key: {item.id: n for n, item in enumerate(items)} for key, items in ranked.items()}
    first = next(iter(ranked))
    rows = {}
    for item in ranked[first]:
        own_ranks = {key: ranks[key][item.id] for key in ranks} if len(ranks) > 1 else {}
        rows[item.id] = _row(index, item, today, own_ranks)
    return {key: [rows[item.id] for item in items] for key, items in ranked.items()}
