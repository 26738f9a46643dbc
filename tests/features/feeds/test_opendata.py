"""Open data: the index, one JSON file per collection and year, the recipients CSV of each
year, the schema copies; reassembled, exactly the item set."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from decimal import Decimal

import jsonschema_rs
import pytest

from generator.features.feeds import build_data_files
from generator.features.feeds.opendata import item_record
from generator.models.opendata import DataIndex, ItemsFile
from generator.models.schema_export import INDEX_SCHEMA, ITEMS_SCHEMA, schemas
from tests.features.feeds.conftest import HOST, TODAY, by_name, load, read_front_matter

COLLECTIONS = ("policies", "funds", "guides", "announcements", "consultations")


@pytest.fixture
def files(tree):
    return by_name(build_data_files(load(tree), TODAY))


def _index(files) -> dict:
    return json.loads(files["data/index.json"])


def _records(files) -> list[dict]:
    """Every record, reassembled file after file as the index lists them."""
    found = []
    for entry in _index(files)["files"]:
        if entry["format"] == "json":
            found += json.loads(files[entry["path"]])["items"]
    return found


DATA_FILE = re.compile(r"data/(?:[a-z]+/\d{4}(?:-\d+)?\.json|recipients/\d{4}(?:-\d+)?\.csv)")


def _data_files(files) -> set[str]:
    """The data files the build wrote (not the schemas, the index or one notice's list)."""
    return {path for path in files if DATA_FILE.fullmatch(path)}


@pytest.mark.parametrize("limit", [5_000, 1, 2])
def test_the_files_reassemble_to_exactly_the_items_each_as_exported(tree, limit):
    index = load(tree)
    files = by_name(build_data_files(index, TODAY, limit=limit))
    records = _records(files)
    ids = [(r["collection"], r["id"]) for r in records]
    assert len(ids) == len(set(ids)), "no item twice"
    assert {i for _c, i in ids} == set(read_front_matter(tree)), "none missing, none more"
    for record in records:
        assert record == item_record(index, index.get(record["id"]), TODAY)
    assert _index(files)["count"] == len(records)
    for entry in _index(files)["files"]:
        if entry["format"] == "json":
            assert entry["count"] <= limit


def test_each_file_holds_one_collection_and_one_year_newest_first(files):
    for entry in _index(files)["files"]:
        if entry["format"] != "json":
            continue
        payload = json.loads(files[entry["path"]])
        assert entry["path"] == f"data/{entry['collection']}/{entry['year']}.json"
        assert payload["count"] == entry["count"] == len(payload["items"])
        assert {r["collection"] for r in payload["items"]} == {entry["collection"]}
        assert {r["published"][:4] for r in payload["items"]} == {str(entry["year"])}
        published = [r["published"] for r in payload["items"]]
        assert published == sorted(published, reverse=True)


def test_a_year_with_more_items_than_a_part_holds_is_split_into_numbered_parts(tree):
    files = by_name(build_data_files(load(tree), TODAY, limit=1))
    listed = [e for e in _index(files)["files"] if e["format"] == "json"]
    by_year: dict[tuple[str, int], list[dict]] = {}
    for entry in listed:
        by_year.setdefault((entry["collection"], entry["year"]), []).append(entry)
    assert any(len(parts) > 1 for parts in by_year.values())
    for (collection, year), parts in by_year.items():
        assert [e["part"] for e in parts] == list(range(1, len(parts) + 1))
        names = [f"data/{collection}/{year}-{n}.json" for n in range(1, len(parts) + 1)]
        expected = names if len(parts) > 1 else [f"data/{collection}/{year}.json"]
        assert [e["path"] for e in parts] == expected


def test_the_index_lists_every_data_file_with_its_size_and_checksum(files):
    listed = _index(files)["files"]
    assert {e["path"] for e in listed} == _data_files(files)
    for entry in listed:
        data = files[entry["path"]]
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["url"] == f"https://{HOST}/{entry['path']}"
    assert "data/items.json" not in files


def test_the_index_and_the_files_match_their_published_schemas(files):
    current = schemas()
    index = _index(files)
    DataIndex.model_validate(index)
    jsonschema_rs.Draft202012Validator(current[INDEX_SCHEMA]).validate(index)
    items_schema = jsonschema_rs.Draft202012Validator(current[ITEMS_SCHEMA])
    for entry in index["files"]:
        if entry["format"] == "json":
            payload = json.loads(files[entry["path"]])
            ItemsFile.model_validate(payload)
            items_schema.validate(payload)
            assert entry["schema"] == f"https://{HOST}/data/schemas/{ITEMS_SCHEMA}"
        else:
            assert entry["schema"] is None


def test_schema_links_resolve_to_current_schema_copies(files):
    payload = json.loads(files["data/funds/2026.json"])
    current = schemas()
    assert payload["schemas"] == _index(files)["schemas"]
    for name, url in payload["schemas"].items():
        path = url.removeprefix(f"https://{HOST}/")
        assert json.loads(files[path]) == current[f"{name}.schema.json"]
    assert len(payload["schemas"]) == len(current)


def test_records_carry_status_front_matter_and_recipients(tree, files):
    by_id = {r["id"]: r for r in _records(files)}
    for item_id, (_collection, fm) in read_front_matter(tree).items():
        assert by_id[item_id]["front_matter"]["title"] == fm["title"]
        assert by_id[item_id]["department"]["code"] == fm["department"]
    assert by_id["open-fund"]["status"] == {"code": "open", "label": "申报中"}
    assert by_id["old-policy"]["status"]["code"] == "repealed"
    assert by_id["digital-guide"]["status"] is None
    assert by_id["closed-results"]["recipients_total"] == 150000.5


def test_recipients_csvs_open_in_excel_and_list_every_recipient(tree, files):
    rows = []
    for entry in _index(files)["files"]:
        if entry["format"] != "csv":
            continue
        data = files[entry["path"]]
        assert data.startswith(b"\xef\xbb\xbf")
        assert entry["path"] == f"data/recipients/{entry['year']}.csv"
        part = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert entry["count"] == len(part)
        rows += part
    expected = [
        (r["name"], r["credit_code"], Decimal(str(r["amount"])), item_id)
        for item_id, (c, fm) in read_front_matter(tree).items()
        if c == "announcements"
        for r in fm["recipients"]
    ]
    got = [(r["name"], r["credit_code"], Decimal(r["amount"]), r["announcement_id"]) for r in rows]
    assert sorted(got) == sorted(expected)
    assert {r["fund_id"] for r in rows} == {"closed-fund"}
    assert rows[0]["fund_title"] == "2025年绿色工厂奖励"


def test_data_files_are_deterministic(tree):
    index = load(tree)
    first = [(f.path, f.data) for f in build_data_files(index, TODAY)]
    assert first == [(f.path, f.data) for f in build_data_files(index, TODAY)]
