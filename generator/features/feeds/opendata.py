"""Open data files: every item as JSON, one JSON file per collection, and the recipients CSV."""

from __future__ import annotations

import datetime as dt
import io
import json

from generator.content.index import COLLECTION_ORDER, ContentIndex, Item
from generator.csvsafe import SafeDictWriter
from generator.models.announcements import Announcement
from generator.models.collection_labels import COLLECTION_LABELS
from generator.models.schema_export import render, schemas
from generator.output import OutputFile
from generator.urls import DATA_DIR, absolute, item_url

SCHEMA_VERSION = 1
SCHEMAS_DIR = f"{DATA_DIR}schemas/"
JSON_TYPE = "application/json"
CSV_TYPE = "text/csv; charset=utf-8"
RECIPIENT_COLUMNS = (
    "name",
    "credit_code",
    "amount",
    "project",
    "announcement_id",
    "announcement_title",
    "announcement_status",
    "publicity_start",
    "publicity_end",
    "fund_id",
    "fund_title",
)


def _status(index: ContentIndex, item: Item, today: dt.date) -> dict | None:
    if item.withdrawn:
        return {"code": "withdrawn", "label": "已撤回"}
    status = index.status(item, today)
    return {"code": status.code, "label": status.label} if status else None


def item_record(index: ContentIndex, item: Item, today: dt.date) -> dict:
    """One item as open data: identity, where it lives, derived dates and status, its front matter."""
    site = index.site
    department = site.departments.get(item.department)
    record = {
        "id": item.id,
        "collection": item.collection,
        "collection_label": COLLECTION_LABELS[item.collection],
        "url": item_url(site, item),
        "title": item.title,
        "department": {
            "code": item.department,
            "name": department.name if department else item.department,
        },
        "published": item.published.isoformat(),
        "updated": index.updated(item).isoformat(),
        "feed_updated": index.feed_updated(item).isoformat(),
        "status": _status(index, item, today),
        "withdrawn": item.withdrawn,
        "front_matter": item.data.model_dump(mode="json"),
    }
    if isinstance(item.data, Announcement):
        record["recipients"] = [r.model_dump(mode="json") for r in item.recipients]
        record["recipients_total"] = float(sum(r.amount for r in item.recipients))
    return record


def _schema_links(index: ContentIndex, names) -> dict[str, str]:
    return {
        name.removesuffix(".schema.json"): absolute(index.site, SCHEMAS_DIR + name)
        for name in sorted(names)
    }


def _dumps(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True)


# Stands for the item list while the envelope is serialized; never valid content.
_ITEMS_SLOT = "\x00qinqing-items\x00"
_ITEM_INDENT = "\n    "  # records sit two levels deep: envelope -> items -> record


class _Records:
    """Each item's open-data record serialized once, spliced into every file that lists it.

    `json.dumps` with an indent is pure Python and the slowest part of the open data; a
    record nested two levels deep is its standalone text with every line indented by four
    spaces (strings never hold a raw newline), so the files keep the same bytes.
    """

    def __init__(self, index: ContentIndex, today: dt.date, schema_links: dict) -> None:
        self.index = index
        self.today = today
        self.schema_links = schema_links
        self._text: dict[str, str] = {}

    def text(self, item: Item) -> str:
        made = self._text.get(item.id)
        if made is None:
            record = item_record(self.index, item, self.today)
            made = self._text[item.id] = _dumps(record).replace("\n", _ITEM_INDENT)
        return made

    def file(self, path: str, items: list[Item]) -> OutputFile:
        envelope = {
            "schema_version": SCHEMA_VERSION,
            "site": {"title": self.index.site.title, "base_url": str(self.index.site.base_url)},
            "status_date": self.today.isoformat(),
            "schemas": self.schema_links,
            "count": len(items),
            "items": _ITEMS_SLOT,
        }
        listed = (
            "[" + _ITEM_INDENT + ("," + _ITEM_INDENT).join(map(self.text, items)) + "\n  ]"
            if items
            else "[]"
        )
        text = _dumps(envelope).replace(json.dumps(_ITEMS_SLOT), listed, 1)
        return OutputFile(path, (text + "\n").encode("utf-8"), JSON_TYPE)


def recipient_rows(index: ContentIndex, today: dt.date) -> list[dict[str, str]]:
    """Every recipient of every announcement, newest announcement first, in list order within one."""
    rows = []
    for notice in index.collection("announcements"):
        data = notice.data
        fund = index.get(data.fund) if data.fund else None
        status = _status(index, notice, today)
        for recipient in notice.recipients:
            rows.append(
                {
                    "name": recipient.name,
                    "credit_code": recipient.credit_code,
                    "amount": f"{recipient.amount:.2f}",
                    "project": recipient.project or "",
                    "announcement_id": notice.id,
                    "announcement_title": notice.title,
                    "announcement_status": status["code"] if status else "",
                    "publicity_start": data.publicity.start.isoformat(),
                    "publicity_end": data.publicity.end.isoformat(),
                    "fund_id": fund.id if fund else "",
                    "fund_title": fund.title if fund else "",
                }
            )
    return rows


def recipients_csv(index: ContentIndex, today: dt.date) -> bytes:
    """UTF-8 with a byte order mark and CRLF line ends, so Excel opens the Chinese text as is;
    cells that would start a formula get a leading `'` (generator.csvsafe)."""
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=RECIPIENT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(recipient_rows(index, today))
    return out.getvalue().encode("utf-8-sig")


def build_data_files(index: ContentIndex, today: dt.date) -> list[OutputFile]:
    """`data/items.json`, `data/{collection}.json`, `data/recipients.csv` and the JSON Schemas."""
    all_schemas = schemas()
    records = _Records(index, today, _schema_links(index, all_schemas))
    files = [records.file(f"{DATA_DIR}items.json", index.all_items())]
    for name in COLLECTION_ORDER:
        files.append(records.file(f"{DATA_DIR}{name}.json", index.collection(name)))
    files.append(OutputFile(f"{DATA_DIR}recipients.csv", recipients_csv(index, today), CSV_TYPE))
    for name, schema in sorted(all_schemas.items()):
        files.append(OutputFile(SCHEMAS_DIR + name, render(schema).encode("utf-8"), JSON_TYPE))
    return files
