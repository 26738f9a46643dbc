"""One page per item: facts, status, body, attachments, related items, history."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator import urls
from generator.compile import text
from generator.compile.actions import fund_actions
from generator.compile.clock import shown_status, status_attributes
from generator.compile.contributor import ItemLink
from generator.compile.facts import item_rows
from generator.compile.render import assemble, attrs, render_html
from generator.content.index import ContentIndex, Item
from generator.markup.editor import render_editor_markdown
from generator.models.announcements import Announcement
from generator.models.collection_labels import COLLECTION_LABELS
from generator.models.consultations import Consultation
from generator.models.funds import Fund
from generator.models.policies import Policy
from generator.output import CopiedFile, Page

# From this many recipients an announcement's page offers a name / credit-code filter.
LONG_LIST = 8
BODY_MARK = "<!--qq:body-->"
INTERPRETATION_MARK = "<!--qq:interpretation-->"
# Around page furniture in item.html.j2: left out of the copy handed to the search indexer
# during the build (less for Pagefind to parse; it would ignore them anyway).
SKIP_START, SKIP_END = "<!--qq:skip-->", "<!--/qq:skip-->"
SKIPPED = re.compile(f"{SKIP_START}.*?{SKIP_END}", re.DOTALL)


def _without_skip_marks(html: str) -> str:
    return html.replace(SKIP_START, "").replace(SKIP_END, "")


@dataclass(frozen=True)
class AttachmentView:
    title: str
    href: str
    kind: str  # "PDF，12 KB" or "外部链接"
    external: bool


def related_groups(index: ContentIndex, item: Item) -> list[tuple[str, list[Item]]]:
    """Named groups of linked items in both directions, then whatever else is related."""
    groups: list[tuple[str, list[Item]]] = []
    data = item.data
    if isinstance(data, Policy):
        funds = index.funds_based_on(item.id)
        groups += [
            ("依据本政策的资金项目", funds),
            ("相关结果公示", [a for f in funds for a in index.announcements_of(f.id)]),
            ("本文件修订的文件", [index.items[i] for i in data.amends if i in index.items]),
            ("修订本文件的文件", index.amended_by(item.id)),
            ("本文件替代的文件", index.replaces(item.id)),
            ("本文件征求意见情况", index.consultations_of(item.id)),
        ]
        replacement = index.replaced_by(item.id)
        groups.append(("替代本文件的文件", [replacement] if replacement else []))
    elif isinstance(data, Fund):
        guide = index.guide_of(item.id)
        groups += [
            ("政策依据", index.basis_of(item.id)),
            ("办事指南", [guide] if guide else []),
            ("结果公示", index.announcements_of(item.id)),
        ]
    elif isinstance(data, Announcement):
        fund = index.get(data.fund) if data.fund else None
        groups += [
            ("资金项目", [fund] if fund else []),
            ("政策依据", index.basis_of(fund.id) if fund else []),
        ]
    elif isinstance(data, Consultation):
        adopted = index.get(data.adopted_as) if data.adopted_as else None
        groups.append(("正式文件", [adopted] if adopted else []))
    else:
        groups.append(("适用本指南的资金项目", index.funds_with_guide(item.id)))
    shown = {i.id for _, members in groups for i in members}
    groups.append(("其他相关内容", [i for i in index.related(item.id) if i.id not in shown]))
    return [(label, members) for label, members in groups if members]


def attachment_views(index: ContentIndex, item: Item, root: str) -> list[AttachmentView]:
    views = []
    for attachment in item.data.attachments:
        if attachment.url:
            views.append(AttachmentView(attachment.title, attachment.url, "外部链接", True))
            continue
        kind = text.file_label(index.content_dir / attachment.file)
        href = root + urls.attachment_path(attachment.file)
        views.append(AttachmentView(attachment.title, href, kind, False))
    return views


def item_copies(index: ContentIndex, item: Item) -> list[CopiedFile]:
    """Attachment and template files of an item, copied to the same path under the site root."""
    paths = [a.file for a in item.data.attachments if a.file]
    paths += [m.template for m in getattr(item.data, "materials", []) if m.template]
    if getattr(item.data, "draft", None):
        paths.append(item.data.draft)
    return [
        CopiedFile(Path(index.content_dir) / p, urls.attachment_path(p))
        for p in paths
        if (Path(index.content_dir) / p).is_file()
    ]


def _banner(index: ContentIndex, item: Item, today: dt.date, root: str) -> dict | None:
    data = item.data
    if data.withdrawn is not None:
        return {
            "title": f"本{COLLECTION_LABELS[item.collection][-2:]}已于{text.chinese_date(data.withdrawn.date)}撤回",
            "text": f"撤回原因：{data.withdrawn.reason}",
            "link": None,
        }
    status = index.status(item, today)
    if isinstance(data, Policy) and status is not None and status.code == "repealed":
        replacement = index.replaced_by(item.id)
        return {
            "title": f"本文件已于{text.chinese_date(data.repealed.date)}废止",
            "text": "以下内容仅供查阅，不再作为办事依据。",
            "link": (root + urls.item_path(replacement), replacement.title)
            if replacement
            else None,
        }
    if isinstance(data, Policy) and status is not None and status.code == "expired":
        return {
            "title": f"本文件有效期已于{text.chinese_date(data.expires)}届满",
            "text": "以下内容仅供查阅。",
            "link": None,
        }
    return None


def _history(index: ContentIndex, item: Item) -> dict:
    """The editors' own `changes` with their dates; never commit messages, which are written
    for colleagues (often in English) and say nothing an enterprise can use."""
    return {
        "entries": [e for e in index.history(item) if e.source == "changes"],
        "updated": index.updated(item),
    }


def _petition_links(index: ContentIndex, item: Item, today: dt.date, root: str) -> list:
    base = root + urls.PETITIONS_PATH
    links = [(f"{base}?related={item.id}", "就此事项咨询或反映问题")]
    status = index.status(item, today)
    if isinstance(item.data, Announcement) and status is not None and status.code == "publicity":
        links.insert(0, (f"{base}?related={item.id}&category=objection", "对本公示提出异议"))
    return links


def item_page(
    index: ContentIndex,
    item: Item,
    today: dt.date,
    feeds=(),
    *,
    blocks: Sequence[str] = (),
    links: Sequence[ItemLink] = (),
    sections: Sequence[str] = (),
) -> Page:
    """The page of one item; `sections` (HTML, from contributors) follow its body, `blocks`
    close its content and `links` (from contributors) join a fund's action block."""
    root = urls.relative_from(urls.item_path(item), "")
    status = shown_status(index, item, today)
    data = item.data
    context = {
        "item": item,
        "data": data,
        "collection_label": COLLECTION_LABELS[item.collection],
        "collection_href": root + urls.collection_path(item.collection),
        "status": status,
        "status_attrs": attrs(status_attributes(index, item, today)),
        "banner": _banner(index, item, today, root),
        "actions": fund_actions(index, item, today, root, links),
        "list_downloads": [
            (label, root + path) for kind, label, path in links if kind.startswith("list-")
        ],
        "long_list": len(item.recipients) >= LONG_LIST,
        "rows": item_rows(index, item, root, today),
        "attachments": attachment_views(index, item, root),
        "related": related_groups(index, item),
        "root": root,
        "labels": COLLECTION_LABELS,
        "petitions": _petition_links(index, item, today, root),
        "history": _history(index, item),
        "recipients_total": sum((r.amount for r in item.recipients), start=0),
        "body_mark": BODY_MARK,
        "interpretation_mark": INTERPRETATION_MARK,
        "template_href": lambda path: root + urls.attachment_path(path),
        "href": lambda other: root + urls.item_path(other),
    }
    head, _, rest = render_html("item.html.j2", **context).partition(BODY_MARK)
    _, _, tail = rest.partition(INTERPRETATION_MARK)
    body = render_editor_markdown(item.body)
    interpretation = getattr(data, "interpretation", None) or ""
    explained = render_editor_markdown(
        "## 政策解读 {#interpretation}\n\n" + interpretation.strip() if interpretation else ""
    )
    parts = [
        ("html", head.strip()),
        ("html", body.html),
        ("html", explained.html),
        *(("html", section) for section in sections if section),
        ("html", tail.strip()),
        *(("html", block) for block in blocks),
    ]
    content, fragments = assemble([(kind, _without_skip_marks(value)) for kind, value in parts])
    # Only where it differs: the others would be a second copy of the same HTML held until
    # MkDocs reads the page.
    search_fragments = {
        placeholder: searched
        for placeholder, (_, value) in zip(
            fragments, (p for p in parts if p[0] == "html"), strict=True
        )
        if (searched := SKIPPED.sub("", value)) != fragments[placeholder]
    }
    meta = {
        "title": item.title,
        "description": data.summary or item.title,
        "page_kind": "item",
        "collection": item.collection,
        "feeds": list(feeds),
    }
    return Page(
        src_uri=urls.item_src_uri(item),
        title=item.title,
        content=content,
        meta=meta,
        fragments=fragments,
        search_fragments=search_fragments,
        toc=body.headings + explained.headings,
    )
