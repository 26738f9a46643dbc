"""The labelled facts of an item (文号, 发文机关, 申报截止 ...) as escaped HTML rows, and nothing more."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup, escape

from generator import urls
from generator.compile import text
from generator.compile.clock import days_attributes
from generator.compile.render import attrs
from generator.content.index import ContentIndex, Item
from generator.content.status import days_left
from generator.models.announcements import Announcement
from generator.models.consultations import Consultation
from generator.models.funds import Fund
from generator.models.guides import Guide
from generator.models.policies import Policy

Row = tuple[str, Markup]


# Markup(...).format goes through string.Formatter; f-strings of escaped values (here and in
# days_note) give the same text several times faster, and these run for every item page.
def link(root: str, item: Item) -> Markup:
    return Markup(f'<a href="{escape(root + urls.item_path(item))}">{escape(item.title)}</a>')


def _links(root: str, items: list[Item]) -> Markup:
    return Markup("、").join(link(root, i) for i in items)


def _department(index: ContentIndex, code: str) -> str:
    dept = index.site.departments.get(code)
    return dept.name if dept else code


def _taxa(names: dict, codes: list[str]) -> str:
    return "、".join(names[c].name if c in names else c for c in codes)


def _contact(contact) -> Markup:
    parts = []
    for label, value in (
        ("", getattr(contact, "name", None)),
        ("电话：", contact.phone),
        ("邮箱：", contact.email),
        ("地址：", contact.address),
    ):
        if value:
            parts.append(escape(label) + escape(value))
    return Markup("<br>").join(parts)


def common_rows(index: ContentIndex, item: Item) -> list[Row]:
    data = item.data
    rows: list[Row] = [
        ("发布机构", escape(_department(index, data.department))),
        ("发布日期", escape(text.chinese_date(data.published))),
    ]
    if data.industries:
        rows.append(("适用行业", escape(_taxa(index.site.industries, data.industries))))
    if data.topics:
        rows.append(("主题分类", escape(_taxa(index.site.topics, data.topics))))
    return rows


def policy_rows(index: ContentIndex, item: Item, root: str) -> list[Row]:
    data: Policy = item.data
    rows: list[Row] = []
    for label, value in (
        ("文号", data.doc_number),
        ("索引号", data.index_number),
        ("规范性文件登记号", data.registration_number),
        ("发文机关", data.issuer),
        ("层级", text.LEVEL_LABELS[data.level]),
        ("成文日期", text.chinese_date(data.signed)),
        ("施行日期", text.chinese_date(data.effective or data.published)),
        ("有效期至", text.chinese_date(data.expires) if data.expires else None),
    ):
        if value:
            rows.append((label, escape(value)))
    if data.repealed:
        value = escape(text.chinese_date(data.repealed.date) + "起废止")
        replacement = index.replaced_by(item.id)
        if replacement is not None:
            value += Markup("，由 {} 替代").format(link(root, replacement))
        rows.append(("废止", value))
    return rows


def fund_rows(index: ContentIndex, item: Item, root: str, today: dt.date) -> list[Row]:
    data: Fund = item.data
    rows: list[Row] = [
        ("政策依据", _links(root, index.basis_of(item.id))),
        ("申报开始", escape(text.chinese_date(data.opens))),
        (
            "申报截止",
            escape(text.chinese_date(data.closes)) + days_note(data, today, index.site.zone),
        ),
        ("资助标准", escape(data.funding)),
    ]
    if data.max_amount is not None:
        rows.append(("最高金额", escape(text.yuan(data.max_amount))))
    if data.budget is not None:
        rows.append(("资金总额", escape(text.yuan(data.budget))))
    if data.delivery:
        value = text.DELIVERY_LABELS[data.delivery.mode]
        if data.delivery.days is not None:
            value += f"，{data.delivery.days} 个工作日内兑现"
        rows.append(("兑现方式", escape(value)))
    guide = index.guide_of(item.id)
    if guide is not None:
        rows.append(("办事指南", link(root, guide)))
    contact = data.contact or index.site.departments.get(data.department)
    if contact is not None:
        rows.append(("联系方式", _contact(contact)))
    return rows


def days_note(data: Fund | Consultation, today: dt.date, zone: dt.tzinfo) -> Markup:
    """`（还剩 N 天）` while open; the browser script keeps it current."""
    left = days_left(data.closes, today)
    opens = data.opens.date() if isinstance(data.opens, dt.datetime) else data.opens
    shown = left >= 0 and opens <= today
    label = "今天截止" if left == 0 else f"还剩 {left} 天"
    hidden, note = ("", escape(f"（{label}）")) if shown else (" hidden", "")
    return Markup(
        f' <span class="qq-days" data-qq-days {attrs(days_attributes(data, zone))}{hidden}>'
        f"{note}</span>"
    )


def guide_rows(index: ContentIndex, item: Item, root: str) -> list[Row]:
    data: Guide = item.data
    rows: list[Row] = []
    if data.service_code:
        rows.append(("事项编码", escape(data.service_code)))
    rows.append(("服务对象", escape(data.audience)))
    if data.basis:
        parts = []
        for entry in data.basis:
            target = index.get(entry)
            parts.append(link(root, target) if target else escape(entry))
        rows.append(("设定依据", Markup("<br>").join(parts)))
    if data.legal_limit is not None:
        rows.append(("法定办结时限", escape(f"{data.legal_limit} 个工作日")))
    if data.promised_limit is not None:
        rows.append(("承诺办结时限", escape(f"{data.promised_limit} 个工作日")))
    if isinstance(data.fee, int):
        rows.append(("收费标准", escape("不收费")))
    else:
        rows.append(("收费标准", escape(f"{text.yuan(data.fee.amount)}（依据：{data.fee.basis}）")))
    if data.visits is not None:
        rows.append(("到现场次数", escape("全程网办" if data.visits == 0 else f"{data.visits} 次")))
    if data.where:
        where = data.where
        parts = [
            escape(label) + escape(value)
            for label, value in (
                ("地址：", where.address),
                ("时间：", where.hours),
                ("电话：", where.phone),
            )
            if value
        ]
        if where.online_url:
            parts.append(Markup('网上办理：<a href="{0}">{0}</a>').format(where.online_url))
        rows.append(("办理地点", Markup("<br>").join(parts)))
    rows.append(("最后审核", escape(text.chinese_date(data.reviewed))))
    return rows


def announcement_rows(index: ContentIndex, item: Item, root: str) -> list[Row]:
    data: Announcement = item.data
    rows: list[Row] = []
    fund = index.get(data.fund) if data.fund else None
    if fund is not None:
        rows.append(("资金项目", link(root, fund)))
    rows.append(
        (
            "公示期",
            escape(
                f"{text.chinese_date(data.publicity.start)} 至 {text.chinese_date(data.publicity.end)}"
            ),
        )
    )
    rows.append(("异议受理", _contact(data.objections)))
    if item.recipients:  # a long list is far down a phone screen: say how long, and jump there
        rows.append(
            (
                "公示名单",
                Markup('<a href="#recipients">{} 家企业</a>').format(len(item.recipients)),
            )
        )
    return rows


def consultation_rows(index: ContentIndex, item: Item, root: str, today: dt.date) -> list[Row]:
    data: Consultation = item.data
    window = f"{text.chinese_date(data.opens)} 至 {text.chinese_date(data.closes)}"
    rows: list[Row] = [("征求意见时间", escape(window) + days_note(data, today, index.site.zone))]
    if data.draft:
        href = root + urls.attachment_path(data.draft)
        kind = text.file_type(data.draft)
        rows.append(
            ("征求意见稿", Markup('<a href="{}">下载征求意见稿（{}）</a>').format(href, kind))
        )
    adopted = index.get(data.adopted_as) if data.adopted_as else None
    if adopted is not None:
        rows.append(("正式文件", link(root, adopted)))
    return rows


def item_rows(index: ContentIndex, item: Item, root: str, today: dt.date) -> list[Row]:
    """Facts in reading order: what the document is, then who issued it and when."""
    data = item.data
    if isinstance(data, Policy):
        specific = policy_rows(index, item, root)
    elif isinstance(data, Fund):
        specific = fund_rows(index, item, root, today)
    elif isinstance(data, Guide):
        specific = guide_rows(index, item, root)
    elif isinstance(data, Consultation):
        specific = consultation_rows(index, item, root, today)
    else:
        specific = announcement_rows(index, item, root)
    return specific + common_rows(index, item)
