"""Open data files: every item as JSON, one JSON file per collection, and the recipients CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from generator.compile.types import OutputFile
from generator.index import COLLECTION_ORDER, ContentIndex, Item
from generator.models.items import COLLECTION_LABELS, Announcement
from generator.schema_export import render, schemas
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


def _schema_links(index: ContentIndex) -> dict[str, str]:
    return {
        name.removesuffix(".schema.json"): absolute(index.site, SCHEMAS_DIR + name)
        for name in sorted(schemas())
    }


def _json_file(path: str, payload: dict) -> OutputFile:
    text = json.dumps(payload, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return OutputFile(path, text.encode("utf-8"), JSON_TYPE)


def _envelope(index: ContentIndex, today: dt.date, items: list[Item]) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "site": {"title": index.site.title, "base_url": str(index.site.base_url)},
        "status_date": today.isoformat(),
        "schemas": _schema_links(index),
        "count": len(items),
        "items": [item_record(index, item, today) for item in items],
    }


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
    """UTF-8 with a byte order mark and CRLF line ends, so Excel opens the Chinese text as is."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=RECIPIENT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(recipient_rows(index, today))
    return out.getvalue().encode("utf-8-sig")


def build_data_files(index: ContentIndex, today: dt.date) -> list[OutputFile]:
    """`data/items.json`, `data/{collection}.json`, `data/recipients.csv` and the JSON Schemas."""
    files = [_json_file(f"{DATA_DIR}items.json", _envelope(index, today, index.all_items()))]
    for name in COLLECTION_ORDER:
        files.append(
            _json_file(f"{DATA_DIR}{name}.json", _envelope(index, today, index.collection(name)))
        )
    files.append(OutputFile(f"{DATA_DIR}recipients.csv", recipients_csv(index, today), CSV_TYPE))
    for name, schema in sorted(schemas().items()):
        files.append(OutputFile(SCHEMAS_DIR + name, render(schema).encode("utf-8"), JSON_TYPE))
    return files
