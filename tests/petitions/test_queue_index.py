"""The queue index: kept current inside each write's transaction, and filled in for petitions
stored before migration 3."""

from __future__ import annotations

import pytest

import generator.petitions.store as store_module
from generator.petitions.backends import open_store
from generator.petitions.migrations import MIGRATIONS
from generator.petitions.queue_index import COLUMNS, QueueIndex
from generator.petitions.service import Petitions
from generator.petitions.states import Event, Refused
from generator.petitions.store import Record
from tests.petitions.conftest import make_settings, submit


def rows(store):
    with store.tx() as conn:
        found = store.query(conn, f"SELECT {', '.join(COLUMNS)} FROM queue ORDER BY receipt")
    return [dict(zip(COLUMNS, row, strict=True)) for row in found]


def test_listener_follows_each_event(desk):
    receipt = submit(desk, enterprise=" 晋江市某某鞋业有限公司 ")
    [row] = rows(desk.store)
    assert row["receipt"] == receipt and row["status"] == "received"
    assert row["due"] == desk.due(desk.store.get(receipt)).date.isoformat()
    assert row["department"] is None and row["enterprise"] == "晋江市某某鞋业有限公司"
    assert row["phone_hash"] and "13905951234" not in row["phone_hash"]
    desk.act(receipt, "assign", "chen", department="gxj", assignee="lin")
    desk.act(receipt, "accept", "lin", route="local")
    [row] = rows(desk.store)
    assert (row["department"], row["assignee"], row["status"]) == ("gxj", "lin", "accepted")
    assert row["due"] == desk.due(desk.store.get(receipt)).date.isoformat()
    desk.act(receipt, "reply", "lin", text="答复")
    assert rows(desk.store)[0]["due"] is None


def test_a_refused_action_leaves_the_index_alone(desk):
    receipt = submit(desk)
    before = rows(desk.store)
    with pytest.raises(Refused):
        desk.act(receipt, "close", "lin")
    assert rows(desk.store) == before


def test_backfill_indexes_petitions_stored_before_the_index(desk, database_url, site, clock):
    receipts = [submit(desk) for _ in range(3)]
    desk.act(receipts[0], "accept", "lin", route="local")
    expected = rows(desk.store)
    with desk.store.tx() as conn:
        desk.store.query(conn, "DELETE FROM queue")
    reopened = open_store(database_url)  # as after the upgrade: migration 3, then first start
    try:
        assert rows(reopened) == []
        later = Petitions(make_settings(site, database_url, "off"), reopened, clock)
        assert rows(reopened) == expected
        index = next(x for x in reopened.listeners if isinstance(x, QueueIndex))
        assert index is later.queue and index.backfill() == 0
        Petitions(make_settings(site, database_url, "off"), reopened, clock)
        assert sum(isinstance(x, QueueIndex) for x in reopened.listeners) == 1
    finally:
        reopened.close()


def test_upgrade_to_migration_3_indexes_the_petitions_already_stored(
    database_url, site, clock, monkeypatch
):
    monkeypatch.setattr(store_module, "MIGRATIONS", [m for m in MIGRATIONS if m[0] < 3])
    old = open_store(database_url)  # a database from before the desk: no queue table
    try:
        with old.tx() as conn:
            assert 3 not in {r[0] for r in old.query(conn, "SELECT version FROM schema_version")}
        at = clock()
        with old.tx() as conn:
            old._insert(conn, Record(
                "20261126-OLD01", "0" * 64, "request", "旧诉求", "内容", "某公司", None, None,
                False, None, at, [Event(at, "received", "enterprise", "已接收诉求")],
            ))  # fmt: skip
    finally:
        old.close()
    monkeypatch.undo()
    upgraded = open_store(database_url)
    try:
        Petitions(make_settings(site, database_url, "off"), upgraded, clock)
        assert [row["receipt"] for row in rows(upgraded)] == ["20261126-OLD01"]
    finally:
        upgraded.close()
