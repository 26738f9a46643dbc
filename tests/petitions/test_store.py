"""Storage on both databases: versioned schema, encryption at rest, concurrency."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest

from generator.petitions.backends import open_store
from generator.petitions.migrations import LATEST
from generator.petitions.service import Petitions
from generator.petitions.validation import validate
from tests.petitions.conftest import make_settings, valid_petition


def test_schema_is_versioned_and_migrating_twice_is_harmless(store, database_url):
    assert store.schema_version() == LATEST
    again = open_store(database_url)
    assert again.schema_version() == LATEST
    again.close()


def test_no_contact_data_in_any_column(site, store, database_url, clock):
    desk = Petitions(make_settings(site, database_url, "off"), store, clock)
    clean, errors = validate(valid_petition(), site.petitions, from_form=False)
    assert not errors
    outcome = desk.submit(clean, None, None)
    with store.tx() as conn:
        rows = store.query(conn, "SELECT * FROM petitions") + store.query(
            conn, "SELECT * FROM events"
        )
    dumped = repr(rows)
    for secret in ("13905951234", "林小姐", "lin@example.com", desk.answer(outcome)["code"]):
        assert secret not in dumped
    record = store.get(outcome.receipt)
    assert desk.contact(record) == {
        "contact_name": "林小姐",
        "phone": "13905951234",
        "email": "lin@example.com",
    }


def test_twenty_clients_times_twenty_five_submissions_are_stored_once(
    site, store, database_url, serve_petitions
):
    api = serve_petitions(rate="off")

    def client(n: int) -> list[str]:
        receipts = []
        for i in range(25):
            answer = api.post_json("/api/petitions", valid_petition(subject=f"并发 {n}-{i}"))
            assert answer.status == 201, answer.text
            receipts.append(answer.json()["receipt"])
        return receipts

    with ThreadPoolExecutor(20) as pool:
        receipts = [r for batch in pool.map(client, range(20)) for r in batch]
    assert len(receipts) == len(set(receipts)) == 500
    stored = store.all()
    assert sorted(r.receipt for r in stored) == sorted(receipts)
    assert len({r.subject for r in stored}) == 500


def test_purge_removes_contact_after_retention(site, store, database_url, clock):
    desk = Petitions(make_settings(site, database_url, "off"), store, clock)
    clean, _ = validate(valid_petition(), site.petitions, from_form=False)
    receipt = desk.submit(clean, None, None).receipt
    for action, options in (
        ("accept", {"route": "local"}),
        ("reply", {"text": "答复"}),
        ("close", {}),
    ):
        desk.act(receipt, action, "staff", **options)
    today = clock().date()
    assert desk.purgeable(store.all(), today) == []
    later = today + dt.timedelta(days=site.petitions.retention_days + 1)
    assert [r.receipt for r in desk.purgeable(store.all(), later)] == [receipt]
    record = desk.act(receipt, "purge", "staff")
    assert record.contact is None and store.get(receipt).contact is None
    assert store.get(receipt).events[-1].kind == "purged"
    assert desk.purgeable(store.all(), later) == []


def test_stats_snapshot_for_the_build(site, store, database_url, clock, tmp_path):
    from generator.petitions.stats import load_stats_snapshot

    assert load_stats_snapshot(None, site) is None
    assert load_stats_snapshot(f"sqlite:///{tmp_path / 'missing.db'}", site) is None
    desk = Petitions(make_settings(site, database_url, "off"), store, clock)
    clean, _ = validate(valid_petition(category="consult"), site.petitions, from_form=False)
    receipt = desk.submit(clean, None, None).receipt
    desk.act(receipt, "accept", "staff", route="local")
    clock.advance(days=1)  # Friday 2026-11-27: within consult's 2 working days
    desk.act(receipt, "reply", "staff", text="答复")
    desk.act(receipt, "close", "staff")
    snapshot = load_stats_snapshot(database_url, site, now=clock())
    assert snapshot["received"] == 1 and snapshot["finished"] == 1
    assert snapshot["on_time_percent"] == 100.0 and snapshot["median_workdays"] == 1.0
    consult = next(c for c in snapshot["by_category"] if c["category"] == "consult")
    assert consult["name"] == "政策咨询" and consult["finished"] == 1


def test_listeners_write_in_the_transaction_of_the_events(site, store, database_url, clock):
    """What a listener writes commits with the events, and its failure rolls them back."""
    desk = Petitions(make_settings(site, database_url, "off"), store, clock)
    seen: list[tuple[str, list[str]]] = []

    def record_kinds(conn, record, events):
        seen.append((record.receipt, [e.kind for e in events]))

    store.listeners.append(record_kinds)
    clean, _ = validate(valid_petition(), site.petitions, from_form=False)
    receipt = desk.submit(clean, None, None).receipt
    desk.act(receipt, "accept", "staff", route="local")
    assert seen == [(receipt, ["received"]), (receipt, ["accepted"])]

    def refuse(conn, record, events):
        raise RuntimeError("listener failed")

    store.listeners.append(refuse)
    with pytest.raises(RuntimeError):
        desk.act(receipt, "extend", "staff", days=5, reason="需要补充材料")
    assert [e.kind for e in store.get(receipt).events] == ["received", "accepted"]
    store.listeners.clear()
