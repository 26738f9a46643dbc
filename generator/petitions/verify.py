"""Integrity checks of a petition database (pages, every petition's events, contact data), nothing more.

Each check yields findings that name the page or the petition that is wrong, so the
operator knows which backup to take instead and what the damage is. Nothing is written.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.petitions.archive import Manifest, unpack
from generator.petitions.backup import table_rows
from generator.petitions.keys import Keyring
from generator.petitions.keyuse import KeyUse, key_use
from generator.petitions.sealed import POSTGRES_TABLES, SQLITE_TABLES
from generator.petitions.states import KINDS, RECEIVED, Event, fold

Rows = Callable[[str], Iterable[tuple]]
_PAGE = re.compile(r"\bpage (\d+)", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """One thing wrong: where (a page, a petition's receipt, the database) and what."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}：{self.message}"


@dataclass(frozen=True)
class Report:
    """What a check looked at and what it found."""

    petitions: int
    events: int
    findings: list[Finding]
    key_use: KeyUse | None = None


def verify_sqlite(path: Path, keys: Keyring | None) -> Report:
    """Check a SQLite file read-only: its pages, then its petitions (when the pages allow)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    except sqlite3.Error as err:
        return Report(0, 0, [Finding(str(path), f"无法打开数据库：{err}")])
    try:
        findings = list(_pages(conn))
        try:
            report = verify_rows(lambda sql: conn.execute(sql), keys, SQLITE_TABLES)
        except sqlite3.DatabaseError as err:
            findings.append(Finding("数据库", f"读取诉求时出错：{err}"))
            return Report(0, 0, findings)
        return Report(report.petitions, report.events, findings + report.findings, report.key_use)
    finally:
        conn.close()


def _pages(conn: sqlite3.Connection) -> Iterator[Finding]:
    try:
        lines = _integrity_lines(conn, "PRAGMA integrity_check(100)")
    except sqlite3.DatabaseError as err:
        yield from _tables_that_fail(conn, err)
        return
    if lines == ["ok"]:
        return
    by_page: dict[int | None, list[str]] = {}
    for line in lines:
        match = _PAGE.search(line)
        by_page.setdefault(int(match.group(1)) if match else None, []).append(line)
    for page, said in by_page.items():
        where = "数据库" if page is None else f"第 {page} 页{_page_owner(conn, page)}"
        more = f"（共 {len(said)} 处，仅列前 3 处）" if len(said) > 3 else ""
        yield Finding(where, "；".join(said[:3]) + more)


def _integrity_lines(conn: sqlite3.Connection, pragma: str) -> list[str]:
    lines = [line for row in conn.execute(pragma) for line in row[0].splitlines()]
    return [line for line in lines if not line.startswith("***")]


def _tables_that_fail(conn: sqlite3.Connection, err: sqlite3.DatabaseError) -> Iterator[Finding]:
    """When the whole-file check cannot even run, check table by table to name the broken one."""
    try:
        tables = list(conn.execute("SELECT name, rootpage FROM sqlite_master WHERE type = 'table'"))
    except sqlite3.DatabaseError:
        yield Finding("数据库", f"无法读取（文件头或第 1 页已损坏）：{err}")
        return
    found = False
    for name, root in tables:
        try:
            lines = _integrity_lines(conn, f'PRAGMA integrity_check("{name}")')
        except sqlite3.DatabaseError as table_err:
            lines = [str(table_err)]
        if lines != ["ok"]:
            found = True
            yield Finding(f"第 {root} 页（{name}）", "；".join(lines[:5]))
    if not found:
        yield Finding("数据库", f"无法检查页面：{err}")


def _page_owner(conn: sqlite3.Connection, page: int) -> str:
    """`（表 events）` when SQLite's dbstat can still tell whose page it is, else nothing."""
    try:
        row = conn.execute("SELECT name FROM dbstat WHERE pageno = ?", (page,)).fetchone()
    except sqlite3.Error:
        return ""
    return f"（{row[0]}）" if row else ""


def verify_rows(rows: Rows, keys: Keyring | None, tables_sql: str) -> Report:
    """Every petition's events fold in sequence and its contact data opens with `keys`.

    `rows(sql)` runs a query (plain SQL, no parameters) on the database being checked;
    `tables_sql` lists its tables (for the census of which key each sealed value needs).
    """
    contacts = {
        receipt: contact
        for receipt, contact in rows("SELECT receipt, contact FROM petitions ORDER BY receipt")
    }
    findings: list[Finding] = []
    seen: set[str] = set()
    events = 0
    query = (
        "SELECT receipt, seq, at, kind, actor, note, public, data FROM events ORDER BY receipt, seq"
    )
    for receipt, group in itertools.groupby(rows(query), key=lambda row: row[0]):
        group = list(group)
        events += len(group)
        seen.add(receipt)
        if receipt not in contacts:
            findings.append(Finding(receipt, f"有 {len(group)} 条事件，但没有这件诉求"))
            continue
        findings.extend(Finding(receipt, problem) for problem in _event_problems(group))
    for receipt in contacts.keys() - seen:
        findings.append(Finding(receipt, "没有任何事件（应至少有“received”）"))
    use = None
    if keys is not None:
        findings.extend(_contact_findings(contacts, keys))
        use = key_use(rows, [row[0] for row in rows(tables_sql)], keys)
    findings.sort(key=lambda finding: finding.where)
    return Report(len(contacts), events, findings, use)


def _event_problems(group: list[tuple]) -> Iterator[str]:
    seqs = [row[1] for row in group]
    expected = list(range(1, len(group) + 1))
    if seqs != expected:
        shown = ", ".join(map(str, seqs[:12])) + ("…" if len(seqs) > 12 else "")
        yield f"事件序号不连续：序号为 {shown}，应为 1 至 {len(seqs)}"
    parsed: list[Event] = []
    for row in group:
        try:
            parsed.append(_event(row))
        except (ValueError, TypeError) as err:
            yield f"第 {row[1]} 条事件无法读取：{err}"
    if len(parsed) != len(group):
        return
    if parsed[0].kind != RECEIVED:
        yield f"第 1 条事件为“{parsed[0].kind}”，应为“{RECEIVED}”"
    unknown = sorted({event.kind for event in parsed} - set(KINDS))
    if unknown:
        yield f"有未知的事件类型：{', '.join(unknown)}"
    try:
        fold(parsed)
    except Exception as err:  # noqa: BLE001 - any failure of the fold is the finding
        yield f"事件无法合成状态：{err.__class__.__name__}: {err}"


def _event(row: tuple) -> Event:
    _receipt, seq, at, kind, actor, note, public, data = row
    when = dt.datetime.fromisoformat(at)
    if when.tzinfo is None:
        raise ValueError(f"时间 {at} 没有时区")
    values = json.loads(data)
    if not isinstance(values, dict):
        raise ValueError("data 不是 JSON 对象")
    return Event(when, kind, actor, note, bool(public), values)


def _contact_findings(contacts: dict[str, Any], keys: Keyring) -> list[Finding]:
    named = f"当前密钥（指纹 {keys.fingerprint}）"
    if keys.retired:
        named += f"及退役密钥（指纹 {'、'.join(keys.retired_fingerprints)}）"
    sealed = {receipt: token for receipt, token in contacts.items() if token is not None}
    failed = [receipt for receipt, token in sealed.items() if not _opens(keys, token, receipt)]
    if failed and len(failed) == len(sealed):
        return [
            Finding(
                "密钥",
                f"全部 {len(sealed)} 件诉求的联系人信息都无法用{named}解密：配置的不是这个数据库的密钥",
            )
        ]
    return [Finding(receipt, f"联系人信息无法用{named}解密") for receipt in failed]


def _opens(keys: Keyring, token: str, receipt: str) -> bool:
    try:
        opened = keys.open(token, receipt)
    except Exception:  # noqa: BLE001 - a bad tag, bad base64, bad JSON: all mean "does not open"
        return False
    return isinstance(opened, dict)


def is_sqlite_file(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            return stream.read(16) == b"SQLite format 3\0"
    except OSError:
        return False


def verify_backup(src: Path, keys: Keyring) -> tuple[Manifest, Report]:
    """Check a backup file: checksum, then the snapshot as `verify_sqlite` does, then its counts.

    When the ring lacks a key the backup needs, the contact data is not tried (one finding says so)."""
    with tempfile.TemporaryDirectory(prefix="qinqing-verify-") as work:
        manifest, snapshot = unpack(src, Path(work))
        missing = manifest.missing_keys(keys.fingerprints)
        report = verify_sqlite(snapshot, None if missing else keys)
        conn = sqlite3.connect(f"file:{snapshot}?mode=ro", uri=True)
        try:
            counts = table_rows(conn)
        except sqlite3.DatabaseError:
            counts = {}
        finally:
            conn.close()
    findings = list(report.findings)
    if missing:
        findings.append(
            Finding(
                "密钥",
                f"备份使用指纹为 {'、'.join(missing)} 的密钥，配置的为 "
                f"{'、'.join(keys.fingerprints)}：联系人信息未检查",
            )
        )
    for table, expected in sorted(manifest.tables.items()):
        if counts and counts.get(table) != expected:
            findings.append(
                Finding(f"表 {table}", f"清单记录 {expected} 行，快照中有 {counts.get(table)} 行")
            )
    return manifest, Report(report.petitions, report.events, findings, report.key_use)


def verify_postgres(url: str, keys: Keyring) -> Report:
    """Check a PostgreSQL database's petitions in one read-only transaction (no migration)."""
    import psycopg

    from generator.petitions.store import StoreError

    try:
        with psycopg.connect(url, connect_timeout=10) as conn:
            conn.read_only = True
            return verify_rows(lambda sql: conn.execute(sql), keys, POSTGRES_TABLES)
    except psycopg.Error as err:
        raise StoreError(f"PostgreSQL: {err.__class__.__name__}: {err}") from None
