"""Key rotation end to end: codes and contact data survive it, rekey re-seals in resumable
batches, and verify says which retired key may go (SQLite and PostgreSQL)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from generator.petitions.app import create_app
from generator.petitions.keys import Keyring
from generator.petitions.keyuse import key_use
from generator.petitions.rekey import rekey, tables_of
from generator.petitions.service import Petitions
from tests.petitions.conftest import (
    SECRET,
    Client,
    make_settings,
    serve_with_waitress,
    submit,
    valid_petition,
)
from tests.petitions.safekeeping import NEW_SECRET, fill, make_legacy, qinqing

API = "/api/petitions"
IDEMPOTENCY = {"Idempotency-Key": "5f1d3c0a-8b7e-4f6a-9c2d-1e0b9a8f7c6d"}
OLD_FP = Keyring(SECRET).fingerprint
NEW_FP = Keyring(NEW_SECRET).fingerprint


def ring_settings(site, database_url: str, secret: bytes, retired: tuple[bytes, ...] = ()):
    return dataclasses.replace(
        make_settings(site, database_url, "off"), secret=secret, retired_secrets=retired
    )


@contextmanager
def served(settings, clock) -> Iterator[tuple[Client, Petitions]]:
    app = create_app(settings, clock=clock)
    try:
        with serve_with_waitress(app) as base:
            yield Client(base), app.desk
    finally:
        app.store.close()


def looks_up(client: Client, receipt: str, code: str) -> bool:
    found = client.post_json(f"{API}/lookup", {"receipt": receipt, "code": code})
    return found.status == 200 and found.json()["receipt"] == receipt


def census(store, secret: bytes, retired: tuple[bytes, ...] = ()):
    ring, tables = Keyring(secret, retired), tables_of(store)
    with store.tx() as conn:
        return key_use(lambda sql: store.query(conn, sql), tables, ring)


def test_codes_and_contact_data_survive_rotation_and_rekey(site, database_url, store, clock):
    with served(ring_settings(site, database_url, SECRET), clock) as (client, _desk):
        made = [client.post_json(API, valid_petition(subject=f"轮换 {n}")).json() for n in range(3)]
        first = client.post_json(API, valid_petition(subject="重试"), **IDEMPOTENCY).json()
        unread_made = client.post_json(API, valid_petition(subject="从未查询")).json()
    unread, unread_code = unread_made["receipt"], unread_made["code"]
    make_legacy(store, made[0]["receipt"])  # as stored by qinqing before rotation existed
    make_legacy(store, unread)  # a code never looked up stays hashed under the old key
    codes = [(m["receipt"], m["code"]) for m in [*made, first]]

    rotated = ring_settings(site, database_url, NEW_SECRET, (SECRET,))
    with served(rotated, clock) as (client, desk):
        assert all(looks_up(client, receipt, code) for receipt, code in codes)
        # A right code is stored again under the current key; the one never looked up is not.
        assert all(Keyring(NEW_SECRET).hashed_with(store.get(r).code_hash) == NEW_FP for r, _ in codes)  # fmt: skip
        assert Keyring(NEW_SECRET).hashed_with(store.get(unread).code_hash) is None
        assert all(desk.contact(store.get(r))["phone"] == "13905951234" for r, _ in codes)
        retry = client.post_json(API, valid_petition(subject="重试"), **IDEMPOTENCY)
        assert retry.status == 201 and retry.json() == first
        assert retry.headers.get("idempotent-replayed") == "true" and store.count() == 5
        after = client.post_json(API, valid_petition(subject="轮换后")).json()
        codes.append((after["receipt"], after["code"]))

    ring = rotated.keyring()
    partial = rekey(store, ring, batch_size=2, max_batches=1)  # "killed" after one batch
    assert not partial.finished and partial.batches == 1 and partial.resealed.total() == 2
    rest = rekey(store, ring, batch_size=2)
    assert rest.finished and not rest.failed
    assert partial.resealed.total() + rest.resealed.total() == 6  # 5 old contacts, 1 response
    assert rekey(store, ring, batch_size=2).resealed.total() == 0  # idempotent

    use = census(store, NEW_SECRET, (SECRET,))
    assert use.sealed_with(OLD_FP) == 0 and use.sealed_with(NEW_FP) == 7
    assert use.codes[OLD_FP] == 0 and use.codes[None] == 1 and use.codes[NEW_FP] == 5
    assert use.blockers(OLD_FP) and "rekey" not in " ".join(use.blockers(OLD_FP))
    new_only = Keyring(NEW_SECRET)
    for receipt, _code in codes:
        assert new_only.is_current(store.get(receipt).contact)
        assert new_only.open(store.get(receipt).contact, receipt)["email"] == "lin@example.com"
    with served(rotated, clock) as (client, _desk):
        assert all(looks_up(client, receipt, code) for receipt, code in codes)
        assert looks_up(client, unread, unread_code)  # the old key's hash, after rekey


def test_verify_says_which_retired_key_may_be_dropped(site, site_path, database_url, store, clock):
    desk = Petitions(ring_settings(site, database_url, SECRET), store, clock)
    receipts = fill(desk, 3)
    make_legacy(store, receipts[0])
    retired = (SECRET,)

    before = qinqing(site_path, database_url, "verify", secret=NEW_SECRET, retired=retired)
    assert before.exit_code == 0, before.output
    assert (
        f"退役密钥 {OLD_FP}：加密值 3 个，查询码 2 件；不能删除：仍有加密值使用它" in before.output
    )

    ran = qinqing(site_path, database_url, "rekey", "--batch-size", "2", "--batches", "1",
                  secret=NEW_SECRET, retired=retired)  # fmt: skip
    assert (
        ran.exit_code == 0 and "重新加密 2 个值" in ran.output and "再次运行即可继续" in ran.output
    )
    ran = qinqing(site_path, database_url, "rekey", secret=NEW_SECRET, retired=retired)
    assert ran.exit_code == 0 and "重新加密 1 个值" in ran.output and "完成" in ran.output

    after = qinqing(site_path, database_url, "verify", secret=NEW_SECRET, retired=retired)
    assert (
        f"退役密钥 {OLD_FP}：加密值 0 个，查询码 2 件；不能删除：2 件尚未按期删除" in after.output
    )
    assert "1 件尚未按期删除联系人信息的诉求，查询码为轮换前的旧格式" in after.output

    rotated = Petitions(ring_settings(site, database_url, NEW_SECRET, retired), store, clock)
    for receipt in receipts:
        rotated.act(receipt, "purge", "staff")
    done = qinqing(site_path, database_url, "verify", secret=NEW_SECRET, retired=retired)
    assert f"退役密钥 {OLD_FP}：加密值 0 个，查询码 0 件；不再需要，可以从配置中删除" in done.output
    dropped = qinqing(site_path, database_url, "verify", secret=NEW_SECRET)
    assert dropped.exit_code == 0 and "未发现问题" in dropped.output


def test_rekey_names_values_no_key_opens_and_leaves_them(
    site, site_path, database_url, store, clock
):
    desk = Petitions(ring_settings(site, database_url, SECRET), store, clock)
    receipt = submit(desk)
    with store.tx() as conn:
        store.query(
            conn, "UPDATE petitions SET contact = ? WHERE receipt = ?", ("v1:AAAA", receipt)
        )
    ran = qinqing(site_path, database_url, "rekey", secret=NEW_SECRET, retired=(SECRET,))
    assert ran.exit_code == 1
    assert f"petitions.contact：1 个值用配置的任何密钥都无法解密，未处理：{receipt}" in ran.output
    assert store.get(receipt).contact == "v1:AAAA"


@pytest.mark.parametrize("shown", ["current", "retired"])
def test_key_fingerprint_lists_current_then_retired(site_path, database_url, shown):
    retired = (SECRET,) if shown == "retired" else ()
    lines = qinqing(site_path, database_url, "key-fingerprint", secret=NEW_SECRET, retired=retired)
    expected = [NEW_FP] + ([f"{OLD_FP} 退役"] if retired else [])
    assert lines.output.splitlines() == expected


class PurgingKeyring(Keyring):
    """Opens like a Keyring, but first has another connection purge the petition being opened
    (the handler's purge landing between rekey's read and its write)."""

    def __init__(self, url: str, *args) -> None:
        super().__init__(*args)
        self.url, self.purged = url, []

    def open(self, token: str, context: str) -> dict:
        import psycopg

        if not self.purged:
            with psycopg.connect(self.url, autocommit=True) as other:
                other.execute("UPDATE petitions SET contact = NULL WHERE receipt = %s", (context,))
            self.purged.append(context)
        return super().open(token, context)


@pytest.mark.postgres
def test_a_purge_between_read_and_write_wins_over_rekey(site, postgres_url, clock):
    from generator.petitions.backends import open_store
    from tests.petitions.conftest import drop_postgres_schema, fresh_postgres_schema

    schema, url = fresh_postgres_schema(postgres_url)
    store = open_store(url)
    try:
        desk = Petitions(ring_settings(site, url, SECRET), store, clock)
        receipts = [submit(desk, subject=f"清除 {n}") for n in range(3)]
        ring = PurgingKeyring(url, NEW_SECRET, (SECRET,))
        done = rekey(store, ring)
        assert done.finished and done.resealed.total() == 2
        assert store.get(ring.purged[0]).contact is None
        others = [r for r in receipts if r != ring.purged[0]]
        assert all(Keyring(NEW_SECRET).is_current(store.get(r).contact) for r in others)
    finally:
        store.close()
        drop_postgres_schema(postgres_url, schema)


def test_a_registered_column_is_re_sealed_with_its_context(store, monkeypatch):
    from generator.petitions import rekey as rekey_module
    from generator.petitions.sealed import SEALED_COLUMNS, SealedColumn

    column = SealedColumn("probe_secrets", "sealed", key="login", context="probe:{login}")
    monkeypatch.setattr(rekey_module, "SEALED_COLUMNS", (*SEALED_COLUMNS, column))
    old = Keyring(SECRET)
    with store.tx() as conn:
        store.query(conn, "CREATE TABLE probe_secrets (login TEXT PRIMARY KEY, sealed TEXT)")
        for login in ("alice", "bob"):
            store.query(conn, "INSERT INTO probe_secrets VALUES (?, ?)",
                        (login, old.seal({"secret": login.upper()}, f"probe:{login}")))  # fmt: skip
    done = rekey(store, Keyring(NEW_SECRET, (SECRET,)))
    assert done.resealed["probe_secrets.sealed"] == 2 and not done.failed
    with store.tx() as conn:
        rows = store.query(conn, "SELECT login, sealed FROM probe_secrets ORDER BY login")
    new_only = Keyring(NEW_SECRET)
    assert [new_only.open(token, f"probe:{login}")["secret"] for login, token in rows] == ["ALICE", "BOB"]  # fmt: skip
