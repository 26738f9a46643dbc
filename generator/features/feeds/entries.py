"""What a feed says about one item: its stable id, title, link, summary, categories and dates."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.content.index import ContentIndex, Item
from generator.models.announcements import Announcement
from generator.models.collection_labels import COLLECTION_LABELS
from generator.models.funds import Fund
from generator.models.policies import Policy
from generator.models.site import SiteConfig
from generator.urls import item_url

EXCERPT_LENGTH = 120

_MARKDOWN_NOISE = [
    (re.compile(r"```.*?```", re.S), " "),  # fenced code
    # No bracket of the other kind inside a part: each starting `<` or `[` then scans only to
    # the next one, so a run of them without closers costs linear time, not quadratic.
    (re.compile(r"<[^<>]+>"), " "),  # raw HTML tags
    (re.compile(r"!\[([^\[\]]*)\]\([^()\[\]]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\[\]]*)\]\([^()\[\]]*\)"), r"\1"),  # links -> text
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+", re.M), ""),  # headings, quotes, lists
    (re.compile(r"[*_`~|]+"), ""),  # emphasis, code, table pipes
    (re.compile(r"^\s*:?-{3,}:?\s*$", re.M), " "),  # rules and table separators
]


@dataclass(frozen=True)
class FeedEntry:
    """One item as announced to subscribers; every value is derived from content, never the clock."""

    item_id: str
    entry_id: str
    title: str
    link: str
    summary: str
    categories: tuple[str, ...]
    author: str
    published: dt.datetime
    updated: dt.datetime
    status_label: str | None


def plain_excerpt(markdown: str, length: int = EXCERPT_LENGTH) -> str:
    """A short plain-text opening of a Markdown body, cut at `length` characters."""
    text = markdown
    for pattern, replacement in _MARKDOWN_NOISE:
        text = pattern.sub(replacement, text)
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def site_host(site: SiteConfig) -> str:
    return site.base_url.host or "localhost"


def entry_id(site: SiteConfig, item: Item) -> str:
    """A tag URI (RFC 4151) that survives title edits: host, publication date, collection and id."""
    return f"tag:{site_host(site)},{item.published.isoformat()}:{item.collection}/{item.id}"


def local_midnight(day: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """Content dates are bare days; a feed needs an instant, so the day starts at local midnight."""
    return dt.datetime.combine(day, dt.time(0, 0), zone)


def _end_label(item: Item, today: dt.date) -> str | None:
    """已撤回 / 已废止 when the item has been taken back; such entries say so in their title."""
    if item.withdrawn:
        return "已撤回"
    data = item.data
    if isinstance(data, Policy) and data.repealed is not None and data.repealed.date <= today:
        return "已废止"
    return None


def _window_text(value: dt.date | dt.datetime) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def _facts(item: Item) -> list[str]:
    """Dates a subscriber needs before opening the page."""
    data = item.data
    if isinstance(data, Fund):
        return [f"申报时间：{_window_text(data.opens)} 至 {_window_text(data.closes)}"]
    if isinstance(data, Announcement):
        return [f"公示期：{data.publicity.start.isoformat()} 至 {data.publicity.end.isoformat()}"]
    if isinstance(data, Policy) and data.doc_number:
        return [f"文号：{data.doc_number}"]
    return []


def summary_text(index: ContentIndex, item: Item, today: dt.date) -> str:
    """Status first, then the withdrawal or repeal notice, key dates, and the summary or an excerpt."""
    data = item.data
    parts: list[str] = []
    status = index.status(item, today)
    if item.withdrawn:
        parts.append(f"【已撤回】{data.withdrawn.date.isoformat()} 撤回：{data.withdrawn.reason}")
    elif status is not None:
        parts.append(f"【{status.label}】")
    if isinstance(data, Policy) and data.repealed is not None and data.repealed.date <= today:
        replacement = index.replaced_by(item.id)
        note = f"，由《{replacement.title}》替代" if replacement else ""
        parts.append(f"{data.repealed.date.isoformat()} 起废止{note}。")
    parts += [fact + "。" for fact in _facts(item)]
    parts.append(data.summary or plain_excerpt(item.body) or data.title)
    return " ".join(p for p in parts if p)


def categories(index: ContentIndex, item: Item, today: dt.date) -> tuple[str, ...]:
    """Collection, department, industries, topics and the day's status, as names readers can show."""
    site = index.site
    names = [COLLECTION_LABELS[item.collection]]
    department = site.departments.get(item.department)
    names.append(department.name if department else item.department)
    names += [site.industries[c].name for c in item.data.industries if c in site.industries]
    names += [site.topics[c].name for c in item.data.topics if c in site.topics]
    status = index.status(item, today)
    if item.withdrawn:
        names.append("已撤回")
    elif status is not None:
        names.append(status.label)
    return tuple(dict.fromkeys(names))


def feed_entry(index: ContentIndex, item: Item, today: dt.date) -> FeedEntry:
    site = index.site
    zone = site.zone
    end_label = _end_label(item, today)
    title = f"【{end_label}】{item.title}" if end_label else item.title
    department = site.departments.get(item.department)
    status = index.status(item, today)
    return FeedEntry(
        item_id=item.id,
        entry_id=entry_id(site, item),
        title=title,
        link=item_url(site, item),
        summary=summary_text(index, item, today),
        categories=categories(index, item, today),
        author=department.name if department else item.department,
        published=local_midnight(item.published, zone),
        updated=local_midnight(index.feed_updated(item), zone),
        status_label="已撤回" if item.withdrawn else (status.label if status else None),
    )


def newest_first(entries: list[FeedEntry]) -> list[FeedEntry]:
    """By `updated`, newest first; ties broken by item id so the order never depends on input order."""
    return sorted(entries, key=lambda e: (e.updated, e.item_id), reverse=True)
