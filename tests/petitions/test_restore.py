"""`restore` refuses what it must (another key, a target holding data or in use, a damaged
or newer backup) and migrates an older one forward; PostgreSQL round-trips through
pg_dump -Fc and pg_restore, then passes `verify` and answers lookups."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import tarfile
import uuid
from pathlib import Path

import psycopg
import pytest

from generator.petitions import migrations
from generator.petitions.app import create_app
from generator.petitions.backends import open_store
from generator.petitions.keys import Keyring
from generator.petitions.service import Petitions
from generator.petitions.validation import validate
from tests.petitions.conftest import (
    SECRET,
    Client,
    drop_postgres_schema,
    fresh_postgres_schema,
    make_settings,
    serve_with_waitress,
    submit,
    valid_petition,
)
from tests.petitions.safekeeping import (
    NEW_SECRET,
    OTHER_SECRET,
    fill,
    qinqing,
    sqlite_path,
    sqlite_url,
)


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return sqlite_url(tmp_path / "var" / "petitions.db")


@pytest.fixture
def backup_file(site_path, database_url, desk, tmp_path) -> Path:
    fill(desk, 4)
    dest = tmp_path / "backup.tar"
    made = qinqing(site_path, database_url, "backup", str(dest))
    assert made.exit_code == 0, made.output
    return dest


@pytest.fixture
def migration_99():
    """A migration this program gains after the backup was made (removed afterwards)."""
    added = (99, ["CREATE TABLE later_table (id INTEGER PRIMARY KEY)"])
    migrations.MIGRATIONS.append(added)
    yield
    migrations.MIGRATIONS.remove(added)


def test_a_backup_restored_with_another_key_is_refused_naming_the_fingerprint(
    site_path, backup_file, tmp_path
):
    target = tmp_path / "new" / "petitions.db"
    refused = qinqing(
        site_path, sqlite_url(target), "restore", str(backup_file), secret=OTHER_SECRET
    )
    assert refused.exit_code == 2
    assert f"这份备份需要指纹为 {Keyring(SECRET).fingerprint} 的密钥" in refused.output
    assert Keyring(OTHER_SECRET).fingerprint in refused.output
    assert not target.exists()


def test_after_rotation_a_backup_restores_when_the_ring_holds_every_key_it_needs(
    site, site_path, database_url, backup_file, store, clock, tmp_path
):
    old_fp, new_fp = Keyring(SECRET).fingerprint, Keyring(NEW_SECRET).fingerprint
    ring = {"secret": NEW_SECRET, "retired": (SECRET,)}
    target = tmp_path / "old-backup" / "petitions.db"
    done = qinqing(site_path, sqlite_url(target), "restore", str(backup_file), **ring)
    assert done.exit_code == 0, done.output
    rotated = dataclasses.replace(make_settings(site, database_url, "off"), secret=NEW_SECRET, retired_secrets=(SECRET,))  # fmt: skip
    submit(Petitions(rotated, store, clock), subject="轮换后的诉求")
    both = tmp_path / "both.tar"
    made = qinqing(site_path, database_url, "backup", str(both), **ring)
    assert made.exit_code == 0 and f"恢复时还需要 {old_fp}" in made.output
    with tarfile.open(both) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["key_fingerprint"] == new_fp
    assert manifest["key_fingerprints"] == sorted([old_fp, new_fp])

    lacking = tmp_path / "lacking" / "petitions.db"
    refused = qinqing(site_path, sqlite_url(lacking), "restore", str(both), secret=NEW_SECRET)
    assert refused.exit_code == 2 and not lacking.exists()
    assert f"这份备份需要指纹为 {old_fp} 的密钥" in refused.output
    assert f"需要指纹为 {new_fp}" not in refused.output and "QINQING_RETIRED_KEY" in refused.output
    restored = tmp_path / "ring" / "petitions.db"
    done = qinqing(site_path, sqlite_url(restored), "restore", str(both), **ring)
    assert done.exit_code == 0, done.output
    checked = qinqing(site_path, sqlite_url(restored), "verify", **ring)
    assert checked.exit_code == 0 and f"退役密钥 {old_fp}：加密值 4 个" in checked.output


def test_a_target_holding_data_is_refused_and_kept_aside_with_force(
    site_path, database_url, backup_file, desk, store
):
    extra = submit(desk, subject="备份之后的诉求")
    refused = qinqing(site_path, database_url, "restore", str(backup_file))
    assert refused.exit_code == 2 and "已有数据（诉求 5 件），没有覆盖" in refused.output
    assert store.get(extra) is not None
    store.close()
    forced = qinqing(site_path, database_url, "restore", str(backup_file), "--force")
    assert forced.exit_code == 0, forced.output
    (aside,) = sqlite_path(database_url).parent.glob("petitions.db.before-restore-*")
    assert str(aside) in forced.output
    kept = open_store(sqlite_url(aside))
    restored = open_store(database_url)
    try:
        assert kept.get(extra) is not None and kept.count() == 5
        assert restored.get(extra) is None and restored.count() == 4
    finally:
        kept.close()
        restored.close()


def test_a_target_in_use_is_refused(site_path, backup_file, tmp_path):
    target_url = sqlite_url(tmp_path / "serving.db")
    serving = open_store(target_url)  # a handler has it open, empty
    try:
        assert serving.count() == 0
        refused = qinqing(site_path, target_url, "restore", str(backup_file))
        assert refused.exit_code == 2 and "正在使用中" in refused.output
    finally:
        serving.close()
    assert qinqing(site_path, target_url, "restore", str(backup_file)).exit_code == 0


def test_an_older_backup_is_migrated_forward(site_path, backup_file, tmp_path, migration_99):
    target_url = sqlite_url(tmp_path / "new.db")
    restored = qinqing(site_path, target_url, "restore", str(backup_file))
    assert restored.exit_code == 0, restored.output
    assert "已升级到结构版本 99" in restored.output
    store = open_store(target_url)
    try:
        assert store.schema_version() == 99 and store.count() == 4
    finally:
        store.close()


def test_a_newer_backup_is_refused(site_path, database_url, desk, store, tmp_path):
    added = (99, ["CREATE TABLE later_table (id INTEGER PRIMARY KEY)"])
    migrations.MIGRATIONS.append(added)
    try:
        store.migrate()
        dest = tmp_path / "newer.tar"
        assert qinqing(site_path, database_url, "backup", str(dest)).exit_code == 0
    finally:
        migrations.MIGRATIONS.remove(added)
    refused = qinqing(site_path, sqlite_url(tmp_path / "new.db"), "restore", str(dest))
    assert refused.exit_code == 2
    assert f"备份的数据库结构版本 99 比本程序认识的（至 {migrations.LATEST}）新" in refused.output


def test_a_damaged_backup_is_refused(site_path, backup_file, tmp_path):
    with tarfile.open(backup_file) as tar:
        offset = tar.getmember("petitions.sqlite").offset_data
    damaged = tmp_path / "damaged.tar"
    shutil.copyfile(backup_file, damaged)
    with damaged.open("r+b") as raw:
        raw.seek(offset + 5000)
        raw.write(b"\x00garbage\x00")
    target = tmp_path / "new.db"
    refused = qinqing(site_path, sqlite_url(target), "restore", str(damaged))
    assert refused.exit_code == 1 and "校验和不符" in refused.output
    truncated = tmp_path / "truncated.tar"
    truncated.write_bytes(backup_file.read_bytes()[: offset + 3000])
    cut = qinqing(site_path, sqlite_url(target), "restore", str(truncated))
    assert cut.exit_code == 1 and "不完整或已损坏" in cut.output
    assert not target.exists()


def _postgres_tool(name: str) -> str:
    """pg_dump / pg_restore from PATH or the newest /usr/lib/postgresql/*/bin; a clear failure
    otherwise (tools/test-services installs postgresql-client)."""
    found = shutil.which(name) or next(
        (str(p) for p in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))[::-1]), None
    )
    if found is None:
        pytest.fail(f"{name} is not installed: run the tests through tools/test-services")
    return found


@pytest.mark.postgres
def test_postgres_pg_dump_and_pg_restore_then_verify_and_lookups(
    site, site_path, postgres_url, clock, tmp_path
):
    schema, url = fresh_postgres_schema(postgres_url)
    restored_db = f"qq_restore_{uuid.uuid4().hex[:10]}"
    base = psycopg.conninfo.conninfo_to_dict(postgres_url)
    try:
        store = open_store(url)
        desk = Petitions(make_settings(site, url, "off"), store, clock)
        codes = {}
        for n in range(5):
            clean, _ = validate(valid_petition(email=f"pg{n}@example.com"), site.petitions, from_form=False)  # fmt: skip
            outcome = desk.submit(clean, None, None)
            codes[outcome.receipt] = (desk.answer(outcome)["code"], f"pg{n}@example.com")
        store.close()
        dump = tmp_path / "petitions.dump"
        env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
        subprocess.run(
            [_postgres_tool("pg_dump"), "-Fc", "--no-owner", "-n", schema, "-f", str(dump), postgres_url],
            check=True, env=env, timeout=120,
        )  # fmt: skip
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {restored_db}")
        restored_base = psycopg.conninfo.make_conninfo(**{**base, "dbname": restored_db})
        subprocess.run(
            [_postgres_tool("pg_restore"), "--no-owner", "-d", restored_base, str(dump)],
            check=True, env=env, timeout=120,
        )  # fmt: skip
        restored_url = (
            f"postgresql://{base.get('user', 'postgres')}@{base['host']}:{base.get('port', 5432)}"
            f"/{restored_db}?options=-csearch_path%3D{schema}"
        )
        checked = qinqing(site_path, restored_url, "verify")
        assert checked.exit_code == 0, checked.output
        assert "未发现问题（诉求 5 件，事件 5 条）" in checked.output
        app = create_app(make_settings(site, restored_url, "off"), clock=clock)
        try:
            with serve_with_waitress(app) as served:
                client = Client(served)
                for receipt, (code, _email) in codes.items():
                    answer = client.post_json(
                        "/api/petitions/lookup", {"receipt": receipt, "code": code}
                    )
                    assert answer.status == 200 and answer.json()["receipt"] == receipt
            desk = Petitions(make_settings(site, restored_url, "off"), app.store, clock)
            for receipt, (_code, email) in codes.items():
                assert desk.contact(app.store.get(receipt))["email"] == email
        finally:
            app.store.close()
    finally:
        drop_postgres_schema(postgres_url, schema)
        with psycopg.connect(postgres_url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {restored_db} WITH (FORCE)")
