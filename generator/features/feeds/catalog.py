"""Which feeds the site offers, what each one carries, and where each one lives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from generator.content.index import COLLECTION_ORDER, ContentIndex, Item
from generator.models.collection_labels import COLLECTION_LABELS
from generator.models.funds import served_industries
from generator.urls import FEEDS_DIR, collection_path

RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"
FORMATS = (("rss", RSS_TYPE, "RSS"), ("atom", ATOM_TYPE, "Atom"))

COLLECTION_BLURBS = {
    "policies": "新发布、修订、废止的政策文件。",
    "funds": "资金项目的发布与变更，含申报时间和状态。",
    "guides": "办事指南的发布与重要修订。",
    "announcements": "资金项目结果公示，含公示期和异议渠道。",
    "consultations": "涉企政策草案公开征求意见，含征求意见时间和意见采纳情况。",
}


@dataclass(frozen=True)
class FeedSpec:
    """One feed: its file name stem, Chinese title, one-sentence blurb, page it mirrors, and selector."""

    name: str
    title: str
    blurb: str
    group: str  # 全站 | 栏目 | 发布机构 | 行业 | 主题
    page_path: str  # the HTML page the feed mirrors, site-relative ("" is home)
    select: Callable[[Item], bool]

    def path(self, fmt: str) -> str:
        return f"{FEEDS_DIR}{self.name}.{fmt}.xml"


def announced(item: Item, today: dt.date) -> bool:
    """Items dated in the future are not announced yet."""
    return item.published <= today


def feed_specs(index: ContentIndex, today: dt.date) -> list[FeedSpec]:
    """Every feed, in the order the 订阅 page lists them.

    Department, industry and topic feeds exist for every code in site.yaml, even when empty,
    so a subscription URL keeps working before the first matching item appears.
    """
    site = index.site
    specs = [
        FeedSpec(
            "all", "全部更新", "本站所有栏目的新发布、重要变更、撤回和废止。", "全站", "", _any
        ),
        FeedSpec(
            "funds-open",
            "申报中的资金项目",
            "构建当天正在接受申报的资金项目（截止后自动移出）。",
            "全站",
            collection_path("funds"),
            lambda item: _open_fund(index, item, today),
        ),
    ]
    for name in COLLECTION_ORDER:
        specs.append(
            FeedSpec(
                name,
                COLLECTION_LABELS[name],
                COLLECTION_BLURBS[name],
                "栏目",
                collection_path(name),
                _in_collection(name),
            )
        )
    for code, dept in site.departments.items():
        specs.append(
            FeedSpec(
                f"dept-{code}",
                dept.name,
                f"{dept.name}发布的全部内容。",
                "发布机构",
                "",
                _by_department(code),
            )
        )
    for code, taxon in site.industries.items():
        specs.append(
            FeedSpec(
                f"industry-{code}",
                f"行业：{taxon.name}",
                f"标注适用于{taxon.name}行业的政策、资金项目、指南和公示。",
                "行业",
                "",
                _by_industry(code),
            )
        )
    for code, taxon in site.topics.items():
        specs.append(
            FeedSpec(
                f"topic-{code}",
                f"主题：{taxon.name}",
                f"归入“{taxon.name}”主题的内容。",
                "主题",
                "",
                _by_topic(code),
            )
        )
    return specs


def feed_items_announced(index: ContentIndex, today: dt.date) -> list[Item]:
    return [i for i in index.all_items() if announced(i, today)]


def feed_items(index: ContentIndex, spec: FeedSpec, today: dt.date) -> list[Item]:
    return [i for i in feed_items_announced(index, today) if spec.select(i)]


def _any(item: Item) -> bool:
    return True


def _open_fund(index: ContentIndex, item: Item, today: dt.date) -> bool:
    if item.collection != "funds" or item.withdrawn:
        return False
    status = index.status(item, today)
    return status is not None and status.code == "open"


def _in_collection(name: str) -> Callable[[Item], bool]:
    return lambda item: item.collection == name


def _by_department(code: str) -> Callable[[Item], bool]:
    return lambda item: item.department == code


def _by_industry(code: str) -> Callable[[Item], bool]:
    return lambda item: code in served_industries(item.data)


def _by_topic(code: str) -> Callable[[Item], bool]:
    return lambda item: code in item.data.topics


def feed_links_for_page(
    index: ContentIndex, kind: str, obj: Item | str | None = None
) -> list[tuple[str, str, str]]:
    """(title, site-relative href, MIME type) of the feeds a page should advertise in its head.

    Every page gets the site-wide feed; home also the open funds; a list page (`obj` the
    collection name) its collection's feed; an item page (`obj` the Item) its collection's
    and its department's. Hrefs have no leading slash: `feeds/all.atom.xml`.
    """
    site = index.site
    names = ["all"]
    if kind == "home":
        names.append("funds-open")
    elif kind == "list" and isinstance(obj, str) and obj in COLLECTION_ORDER:
        names.append(obj)
    elif kind == "item" and isinstance(obj, Item):
        names.append(obj.collection)
        if obj.department in site.departments:
            names.append(f"dept-{obj.department}")
    titles = {"all": "全部更新", "funds-open": "申报中的资金项目", **COLLECTION_LABELS}
    for code, dept in site.departments.items():
        titles[f"dept-{code}"] = dept.name
    links = []
    for name in names:
        for fmt, media_type, label in FORMATS:
            links.append(
                (
                    f"{site.title} · {titles[name]}（{label}）",
                    f"{FEEDS_DIR}{name}.{fmt}.xml",
                    media_type,
                )
            )
    return links
