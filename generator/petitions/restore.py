"""Restoring a backup into an empty SQLite target after checking it all, nothing more.

Order of checks (nothing is changed until all pass): the checksum, the schema version (a
newer one is refused), the keys' fingerprints (the configured ring must hold each), the
snapshot's integrity (pages, events, contact data), the target (empty, or `force`; never in use). Then the snapshot is migrated
forward and renamed over the target; a target that held data is kept beside it.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.petitions import migrations
from generator.petitions.archive import BackupDamaged, BackupRefused, Manifest, unpack
from generator.petitions.backends import SqliteStore
from generator.petitions.backup import describe, table_rows
from generator.petitions.keys import Keyring
from generator.petitions.verify import verify_sqlite

_SIDE_FILES = ("-wal", "-shm", "-journal")


@dataclass(frozen=True)
class Restored:
    """What a restore did: the backup's manifest, the version now, and where old data went."""

    manifest: Manifest
    schema_version: int
    set_aside: Path | None


def restore_backup(
    src: Path, target: Path, keys: Keyring, force: bool, now: dt.datetime
) -> Restored:
    """Put the backup `src` in place of the empty (or, with `force`, set aside) `target`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=".qinqing-restore-") as work:
        manifest, snapshot = unpack(src, Path(work))
        check_versions(_versions_in(snapshot))
        check_key(manifest, keys)
        report = verify_sqlite(snapshot, keys)
        if report.findings:
            listed = "；".join(str(finding) for finding in report.findings[:5])
            raise BackupDamaged(f"备份 {src} 未通过检查（共 {len(report.findings)} 处）：{listed}")
        version = _migrate(snapshot)
        set_aside = _clear_target(target, force, now)
        os.replace(snapshot, target)
    return Restored(manifest, version, set_aside)


def check_versions(versions: list[int]) -> None:
    """Refuse a schema this program does not know (made by a newer qinqing)."""
    known = {version for version, _ in migrations.MIGRATIONS}
    unknown = sorted(set(versions) - known)
    if unknown:
        raise BackupRefused(
            f"备份的数据库结构版本 {', '.join(map(str, unknown))} 比本程序认识的"
            f"（至 {max(known)}）新：请先把 qinqing 升级到做备份时的版本或更新的版本，再恢复"
        )


def check_key(manifest: Manifest, keys: Keyring) -> None:
    """Refuse unless the configured ring (current and retired keys) holds every key the backup needs."""
    missing = manifest.missing_keys(keys.fingerprints)
    if missing:
        raise BackupRefused(
            f"这份备份需要指纹为 {'、'.join(missing)} 的密钥，当前配置的密钥指纹为 "
            f"{'、'.join(keys.fingerprints)}：请把做备份时使用的密钥放到 QINQING_KEY_FILE 所指的"
            "文件（或 QINQING_SECRET_KEY），已轮换掉的旧密钥放到 QINQING_RETIRED_KEY_FILE"
            "（或 QINQING_RETIRED_KEYS）后再恢复；用 qinqing petitions key-fingerprint 核对"
        )


def _versions_in(snapshot: Path) -> list[int]:
    """The schema versions the snapshot itself records (the manifest only repeats them)."""
    try:
        conn = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
        try:
            return describe(conn)[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as err:
        raise BackupDamaged(f"备份中的数据库无法读取：{err}") from None


def _migrate(snapshot: Path) -> int:
    """Apply the migrations the backup predates; leave one self-contained file (no WAL)."""
    store = SqliteStore(f"sqlite:///{snapshot}")
    version = store.schema_version()
    store.close()
    conn = sqlite3.connect(snapshot)
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
    return version


def _clear_target(target: Path, force: bool, now: dt.datetime) -> Path | None:
    """Make room for the restored file; a target holding data is renamed aside (with `force`)."""
    if not target.exists():
        _remove_side_files(target)
        return None
    rows = _rows_in(target)
    if rows is None and not force:
        raise BackupRefused(
            f"目标 {target} 不是 SQLite 数据库，没有覆盖：请换一个路径，或加 --force"
        )
    if rows and not force:
        raise BackupRefused(
            f"目标数据库 {target} 已有数据（诉求 {rows.get('petitions', 0)} 件），没有覆盖："
            "只能恢复到空的数据库；确需替换时先停止处理程序，再加 --force（原文件改名保留）"
        )
    if rows is not None:
        _take_over(target)
    if rows is None or rows:
        aside = target.with_name(f"{target.name}.before-restore-{now.strftime('%Y%m%dT%H%M%SZ')}")
        os.replace(target, aside)
        return aside
    target.unlink()
    return None


def _rows_in(target: Path) -> dict[str, int] | None:
    """Rows per table (schema_version aside, empty ones left out); None when it is not SQLite."""
    try:
        conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True, timeout=5)
        try:
            tables = table_rows(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return None
    return {name: count for name, count in tables.items() if name != "schema_version" and count}


def _take_over(target: Path) -> None:
    """Fold the target's WAL in and leave it closed everywhere, or refuse.

    Leaving WAL mode needs every other connection closed: that is how a handler still
    serving on the target is found (it would go on writing into the replaced file)."""
    in_use = BackupRefused(f"目标数据库 {target} 正在使用中：请先停止处理程序再恢复")
    try:
        conn = sqlite3.connect(target, timeout=1)
        try:
            mode = conn.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        raise in_use from None
    if mode.lower() != "delete":
        raise in_use
    _remove_side_files(target)


def _remove_side_files(target: Path) -> None:
    for suffix in _SIDE_FILES:
        target.with_name(target.name + suffix).unlink(missing_ok=True)
