"""Open data: items.json, per-collection JSON, the recipients CSV and the schema copies."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal

import pytest

from generator.features.feeds import build_data_files
from generator.models.schema_export import schemas
from tests.features.feeds.conftest import HOST, TODAY, by_name, load, read_front_matter


@pytest.fixture
def files(tree):
    return by_name(build_data_files(load(tree), TODAY))


def test_items_json_lists_every_item_with_its_status_and_front_matter(tree, files):
    payload = json.loads(files["data/items.json"])
    content = read_front_matter(tree)
    assert payload["schema_version"] == 1
    assert payload["status_date"] == TODAY.isoformat()
    assert {i["id"] for i in payload["items"]} == set(content)
    assert payload["count"] == len(content)
    for record in payload["items"]:
        collection, fm = content[record["id"]]
        assert record["collection"] == collection
        assert record["url"] == f"https://{HOST}/{collection}/{record['id']}/"
        assert record["title"] == fm["title"]
        assert record["department"]["code"] == fm["department"]
        assert record["front_matter"]["title"] == fm["title"]
    by_id = {r["id"]: r for r in payload["items"]}
    assert by_id["open-fund"]["status"] == {"code": "open", "label": "申报中"}
    assert by_id["old-policy"]["status"]["code"] == "repealed"
    assert by_id["digital-guide"]["status"] is None
    assert by_id["closed-results"]["recipients_total"] == 150000.5


def test_schema_links_resolve_to_current_schema_copies(files):
    payload = json.loads(files["data/items.json"])
    current = schemas()
    for name, url in payload["schemas"].items():
        path = url.removeprefix(f"https://{HOST}/")
        assert json.loads(files[path]) == current[f"{name}.schema.json"]
    assert len(payload["schemas"]) == len(current)


def test_collection_files_split_the_items(tree, files):
    content = read_front_matter(tree)
    for collection in ("policies", "funds", "guides", "announcements", "consultations"):
        payload = json.loads(files[f"data/{collection}.json"])
        assert {i["id"] for i in payload["items"]} == {
            i for i, (c, _) in content.items() if c == collection
        }


def test_recipients_csv_opens_in_excel_and_lists_every_recipient(tree, files):
    data = files["data/recipients.csv"]
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    expected = [
        (r["name"], r["credit_code"], Decimal(str(r["amount"])), item_id)
        for item_id, (c, fm) in read_front_matter(tree).items()
        if c == "announcements"
        for r in fm["recipients"]
    ]
    got = [(r["name"], r["credit_code"], Decimal(r["amount"]), r["announcement_id"]) for r in rows]
    assert got == expected
    assert {r["fund_id"] for r in rows} == {"closed-fund"}
    assert rows[0]["fund_title"] == "2025年绿色工厂奖励"


def test_data_files_are_deterministic(tree):
    index = load(tree)
    first = build_data_files(index, TODAY)
    assert [(f.path, f.data) for f in first] == [
        (f.path, f.data) for f in build_data_files(index, TODAY)
    ]
