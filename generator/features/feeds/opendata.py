"""Open data files: each collection's items as JSON and the announcements' recipients as CSV,
one file per year (`data_parts`), the JSON Schemas, and the index listing them, and nothing more."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from collections.abc import Iterator

from generator.content.index import ContentIndex, Item
from generator.csvsafe import SafeDictWriter
from generator.features.feeds.data_parts import PART_LIMIT, DataPart, data_parts
from generator.models.announcements import Announcement
from generator.models.collection_labels import COLLECTION_LABELS
from generator.models.opendata import INDEX_PATH
from generator.models.schema_export import ITEMS_SCHEMA, render, schemas
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


def _record_text(index: ContentIndex, item: Item, today: dt.date) -> str:
    """A record as it sits in a file's list.

    `json.dumps` with an indent is pure Python and the slowest part of the open data; a
    record nested two levels deep is its standalone text with every line indented by four
    spaces (strings never hold a raw newline), so the file has the bytes of one dump.
    """
    return _dumps(item_record(index, item, today)).replace("\n", _ITEM_INDENT)


def _envelope(index: ContentIndex, today: dt.date, schema_links: dict) -> dict:
    site = index.site
    return {
        "schema_version": SCHEMA_VERSION,
        "site": {"title": site.title, "base_url": str(site.base_url)},
        "status_date": today.isoformat(),
        "schemas": schema_links,
    }


def items_file(
    index: ContentIndex, today: dt.date, schema_links: dict, path: str, items
) -> OutputFile:
    """One JSON file of records in the shared envelope."""
    envelope = {**_envelope(index, today, schema_links), "count": len(items), "items": _ITEMS_SLOT}
    texts = [_record_text(index, item, today) for item in items]
    listed = "[" + _ITEM_INDENT + ("," + _ITEM_INDENT).join(texts) + "\n  ]" if texts else "[]"
    text = _dumps(envelope).replace(json.dumps(_ITEMS_SLOT), listed, 1)
    return OutputFile(path, (text + "\n").encode("utf-8"), JSON_TYPE)


def recipient_rows(index: ContentIndex, today: dt.date, notices) -> list[dict[str, str]]:
    """Every recipient of these announcements, in their order, in list order within one."""
    rows = []
    for notice in notices:
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


def recipients_csv(rows: list[dict[str, str]]) -> bytes:
    """UTF-8 with a byte order mark and CRLF line ends, so Excel opens the Chinese text as is;
    cells that would start a formula get a leading `'` (generator.csvsafe)."""
    out = io.StringIO()
    writer = SafeDictWriter(out, fieldnames=RECIPIENT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _listed(index: ContentIndex, file: OutputFile, part: DataPart, count: int, schema) -> dict:
    return {
        "path": file.path,
        "url": absolute(index.site, file.path),
        "format": "json" if file.media_type == JSON_TYPE else "csv",
        "collection": part.collection,
        "year": part.year,
        "part": part.part,
        "count": count,
        "bytes": len(file.data),
        "sha256": hashlib.sha256(file.data).hexdigest(),
        "schema": schema,
    }


def build_data_files(
    index: ContentIndex, today: dt.date, limit: float = PART_LIMIT
) -> Iterator[OutputFile]:
    """The JSON file of each collection and year (`data_parts`), the recipients CSV of each
    year of announcements, the JSON Schemas, and last `data/index.json` listing the data
    files with their sizes and checksums. Made one at a time, so a writer can write each as
    it comes and no list of them all is held."""
    all_schemas = schemas()
    links = _schema_links(index, all_schemas)
    items_schema = absolute(index.site, SCHEMAS_DIR + ITEMS_SCHEMA)
    listed, recipients = [], []
    for part in data_parts(index, limit):
        file = items_file(index, today, links, part.path, part.items)
        listed.append(_listed(index, file, part, len(part.items), items_schema))
        yield file
        if part.collection == "announcements":
            rows = recipient_rows(index, today, part.items)
            csv_file = OutputFile(part.recipients_path, recipients_csv(rows), CSV_TYPE)
            recipients.append(_listed(index, csv_file, part, len(rows), None))
            yield csv_file
    for name, schema in sorted(all_schemas.items()):
        yield OutputFile(SCHEMAS_DIR + name, render(schema).encode("utf-8"), JSON_TYPE)
    payload = {
        **_envelope(index, today, links),
        "count": len(index.all_items()),
        "files": listed + recipients,
    }
    yield OutputFile(INDEX_PATH, (_dumps(payload) + "\n").encode("utf-8"), JSON_TYPE)
