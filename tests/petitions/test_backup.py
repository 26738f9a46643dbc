"""Online backups of the SQLite database: consistent while 20 clients submit, restorable,
a single 0600 file holding a manifest and never the key; PostgreSQL is pointed to pg_dump."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import tarfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.petitions.app import create_app
from generator.petitions.archive import MANIFEST_NAME, SNAPSHOT_NAME
from generator.petitions.backends import open_store
from generator.petitions.backup import take_backup
from generator.petitions.keys import Keyring
from generator.petitions.migrations import LATEST
from generator.petitions.service import Petitions
from tests.petitions.conftest import (
    SECRET,
    Client,
    make_settings,
    serve_with_waitress,
    valid_petition,
)
from tests.petitions.safekeeping import OTHER_SECRET, fill, qinqing, sqlite_path, sqlite_url

API = "/api/petitions"


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path / "var" / "petitions.db")


class Submitters:
    """20 clients submitting over HTTP until stopped; what was acknowledged, in order."""

    def __init__(self, api: Client, deadline: float) -> None:
        self.api, self.deadline = api, deadline
        self.acknowledged: list[tuple[str, str, str]] = []  # receipt, code, email
        self.changed = threading.Condition()
        self.stop = threading.Event()

    def run(self, n: int) -> int:
        i = 0
        while not self.stop.is_set() and time.monotonic() < self.deadline:
            email = f"c{n}-{i}@example.com"
            answer = self.api.post_json(API, valid_petition(subject=f"备份 {n}-{i}", email=email))
            assert answer.status == 201, answer.text
            body = answer.json()
            with self.changed:
                self.acknowledged.append((body["receipt"], body["code"], email))
                self.changed.notify_all()
            i += 1
        return i

    def wait_for(self, count: int) -> list[tuple[str, str, str]]:
        with self.changed:
            left = self.deadline - time.monotonic()
            assert self.changed.wait_for(lambda: len(self.acknowledged) >= count, left)
            return list(self.acknowledged)


def test_backup_while_twenty_clients_submit_restores_every_acknowledged_petition(
    site, site_path, database_url, serve_petitions, clock, tmp_path
):
    api = serve_petitions(rate="off")
    clients = Submitters(api, deadline=time.monotonic() + 120)
    with ThreadPoolExecutor(20) as pool:
        running = [pool.submit(clients.run, n) for n in range(20)]
        before = clients.wait_for(100)  # acknowledged before the backup began
        written, manifest = take_backup(
            sqlite_path(database_url), tmp_path, Keyring(SECRET), False, dt.datetime.now(dt.UTC)
        )
        clients.wait_for(len(before) + 40)  # the handler kept serving meanwhile
        clients.stop.set()
        submitted = sum(future.result() for future in running)
    assert submitted >= len(before) + 40
    assert manifest.tables["petitions"] >= len(before)
    live = qinqing(site_path, database_url, "verify")  # the handler still has it open
    assert live.exit_code == 0 and f"诉求 {submitted} 件" in live.output, live.output

    restored_url = sqlite_url(tmp_path / "restored" / "petitions.db")
    restored = qinqing(site_path, restored_url, "restore", str(written))
    assert restored.exit_code == 0, restored.output
    assert f"诉求 {manifest.tables['petitions']} 件" in restored.output

    app = create_app(make_settings(site, restored_url, "off"), clock=clock)
    try:
        with serve_with_waitress(app) as base:
            served = Client(base)
            for receipt, code, _email in before:
                answer = served.post_json(f"{API}/lookup", {"receipt": receipt, "code": code})
                assert answer.status == 200, (receipt, answer.text)
                assert answer.json()["receipt"] == receipt
    finally:
        app.store.close()
    store = open_store(restored_url)
    desk = Petitions(make_settings(site, restored_url, "off"), store, clock)
    try:
        for receipt, _code, email in before:
            assert desk.contact(store.get(receipt))["email"] == email
    finally:
        store.close()


def test_compressed_backup_is_one_0600_file_with_a_manifest_and_never_the_key(
    site_path, database_url, desk, tmp_path
):
    fill(desk, 6)
    previous = os.umask(0)  # even with no umask, the file is never readable by others
    try:
        made = qinqing(site_path, database_url, "backup", str(tmp_path), "--compress")
    finally:
        os.umask(previous)
    assert made.exit_code == 0, made.output
    (written,) = tmp_path.glob("petitions-*.tar.gz")
    assert written.stat().st_mode & 0o777 == 0o600
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no parts left over
    assert written.read_bytes()[:2] == b"\x1f\x8b"
    fingerprint = Keyring(SECRET).fingerprint
    assert fingerprint in made.output and "密钥不在备份中" in made.output
    with tarfile.open(written) as tar:
        assert tar.getnames() == [MANIFEST_NAME, SNAPSHOT_NAME]
        manifest = json.loads(tar.extractfile(MANIFEST_NAME).read())
    assert manifest["key_fingerprint"] == fingerprint and manifest["schema_version"] == LATEST
    assert manifest["tables"]["petitions"] == 6
    assert manifest["tables"]["events"] == sum(1 + n % 4 for n in range(6))
    everything = gzip.decompress(written.read_bytes())
    assert SECRET not in everything and SECRET.hex().encode() not in everything


def test_compressed_backup_round_trips(site_path, database_url, desk, store, tmp_path):
    fill(desk, 5)
    dest = tmp_path / "nightly.tar.gz"
    assert qinqing(site_path, database_url, "backup", str(dest), "--compress").exit_code == 0
    restored_url = sqlite_url(tmp_path / "restored.db")
    result = qinqing(site_path, restored_url, "restore", str(dest))
    assert result.exit_code == 0, result.output
    again = open_store(restored_url)
    try:
        assert again.all() == store.all()
    finally:
        again.close()


def test_backup_refuses_an_existing_file_and_a_key_that_does_not_open_the_data(
    site_path, database_url, desk, tmp_path
):
    fill(desk, 2)
    taken = tmp_path / "taken.tar"
    taken.write_bytes(b"earlier backup")
    refused = qinqing(site_path, database_url, "backup", str(taken))
    assert refused.exit_code == 2 and "已存在，没有覆盖" in refused.output
    assert taken.read_bytes() == b"earlier backup"
    wrong = qinqing(site_path, database_url, "backup", str(tmp_path / "b.tar"), secret=OTHER_SECRET)
    assert wrong.exit_code == 2
    assert Keyring(OTHER_SECRET).fingerprint in wrong.output and "无法解密" in wrong.output
    assert not (tmp_path / "b.tar").exists()


def test_postgres_backup_points_to_pg_dump(site_path, tmp_path):
    answer = qinqing(site_path, "postgresql://db.example/qinqing", "backup", str(tmp_path))
    assert answer.exit_code == 2
    assert (
        "pg_dump" in answer.output
        and "PITR" in answer.output
        and "docs/petitions.md" in answer.output
    )


def test_key_fingerprint_is_stable_and_names_no_key(site_path, database_url):
    shown = qinqing(site_path, database_url, "key-fingerprint").output.strip()
    assert shown == Keyring(SECRET).fingerprint == Keyring(SECRET).fingerprint
    assert len(shown) == 16 and shown != Keyring(OTHER_SECRET).fingerprint
    assert shown not in SECRET.hex() and shown not in SECRET.decode()
