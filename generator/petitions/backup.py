"""A consistent backup of a live SQLite petition database through SQLite's online backup API, nothing more.

The snapshot is read in one step (`Connection.backup` with all pages at once) inside one
read transaction: in WAL mode the handler's writers carry on meanwhile, and the copy holds
exactly what was committed when it began. The result is packed by archive.py.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import tempfile
from pathlib import Path

from generator.petitions.archive import (
    FORMAT,
    SNAPSHOT_NAME,
    BackupRefused,
    Manifest,
    pack,
    private_file,
    sha256_of,
)
from generator.petitions.keys import Keyring
from generator.petitions.keyuse import key_use
from generator.petitions.sealed import SQLITE_TABLES


def default_name(now: dt.datetime, compress: bool) -> str:
    return f"petitions-{now.strftime('%Y%m%dT%H%M%SZ')}.tar{'.gz' if compress else ''}"


def take_backup(
    database: Path, dest: Path, keys: Keyring, compress: bool, now: dt.datetime
) -> tuple[Path, Manifest]:
    """Back `database` up to `dest` (a new file, or a directory to name one in); its manifest."""
    if dest.is_dir():
        dest = dest / default_name(now, compress)
    if not database.is_file():
        raise BackupRefused(f"数据库文件 {database} 不存在：请检查 QINQING_DATABASE_URL")
    if not dest.parent.is_dir():
        raise BackupRefused(f"备份目录 {dest.parent} 不存在")
    if dest.exists():
        raise BackupRefused(f"{dest} 已存在，没有覆盖：请换一个文件名或目录")
    with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".qinqing-backup-") as work:
        snapshot = Path(work) / SNAPSHOT_NAME
        versions, tables, needed = snapshot_to(database, snapshot, keys)
        manifest = Manifest(
            format=FORMAT,
            created_at=now.astimezone(dt.UTC).isoformat(timespec="seconds"),
            schema_version=max(versions),
            schema_versions=versions,
            tables=tables,
            sqlite_sha256=sha256_of(snapshot),
            sqlite_bytes=snapshot.stat().st_size,
            key_fingerprint=keys.fingerprint,
            key_fingerprints=needed,
        )
        pack(manifest, snapshot, dest, compress)
    return dest, manifest


def snapshot_to(
    database: Path, snapshot: Path, keys: Keyring
) -> tuple[list[int], dict[str, int], list[str]]:
    """Copy `database` into the new file `snapshot` (0600, rollback journal).

    Returns its schema versions, rows per table and the fingerprints of the keys it needs."""
    private_file(snapshot)
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
    target = sqlite3.connect(snapshot)
    try:
        source.execute("PRAGMA busy_timeout=30000")
        source.backup(target)  # pages=-1: all pages in one step, one consistent read
        # The copy keeps the source's WAL flag; a backup is one self-contained file.
        target.execute("PRAGMA journal_mode=DELETE")
        versions, tables = describe(target)
        _check_key(target, keys)
        names = [row[0] for row in target.execute(SQLITE_TABLES)]
        needed = key_use(lambda sql: target.execute(sql), names, keys).needed()
    except sqlite3.DatabaseError as err:
        raise BackupRefused(f"无法备份数据库 {database}：{err}") from None
    finally:
        source.close()
        target.close()
    return versions, tables, needed


def describe(conn: sqlite3.Connection) -> tuple[list[int], dict[str, int]]:
    """The schema versions applied and the rows in each table of a petition database."""
    tables = table_rows(conn)
    if "schema_version" not in tables or "petitions" not in tables:
        raise BackupRefused("这不是 qinqing 的诉求数据库（没有 schema_version 或 petitions 表）")
    versions = sorted(row[0] for row in conn.execute("SELECT version FROM schema_version"))
    return versions, tables


def _check_key(conn: sqlite3.Connection, keys: Keyring) -> None:
    """Refuse to record a fingerprint for a key that does not open this database's contact data."""
    row = conn.execute(
        "SELECT receipt, contact FROM petitions WHERE contact IS NOT NULL LIMIT 1"
    ).fetchone()
    if row is None:
        return
    try:
        keys.open(row[1], row[0])
    except Exception:  # noqa: BLE001 - any failure means the key is not this database's
        raise BackupRefused(
            f"配置的密钥（指纹 {keys.fingerprint}）无法解密数据库中的联系人信息：请配置处理程序"
            "使用的密钥（QINQING_KEY_FILE 或 QINQING_SECRET_KEY）再备份"
        ) from None


def table_rows(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in each table of a SQLite database, by name."""
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]
    return {name: conn.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] for name in names}
