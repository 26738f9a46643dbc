"""The databases a Store runs on (a SQLite file, a PostgreSQL server) and `open_store`, and nothing more."""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from generator.petitions.config import check_database_url
from generator.petitions.store import Store, StoreError

log = logging.getLogger("qinqing.petitions")


def open_store(url: str) -> Store:
    url = check_database_url(url)
    if url.startswith("sqlite:"):
        return SqliteStore(url)
    return PostgresStore(url)


class SqliteStore(Store):
    """One local file in WAL mode with synchronous=FULL; writes take the lock up front."""

    def __init__(self, url: str) -> None:
        self.path = Path(url.removeprefix("sqlite:///"))
        self.path.parent.mkdir(parents=True, exist_ok=True)
        _private_files(self.path)
        # Threads of this process queue here instead of in SQLite's busy handler, whose
        # growing sleeps put p99 latency near a second under 16 concurrent writers.
        self._writer = threading.Lock()
        super().__init__()

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA busy_timeout=30000")
            conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as err:
            raise StoreError(f"SQLite {self.path}: {err}") from None
        return conn

    @contextlib.contextmanager
    def _transaction(self, conn: sqlite3.Connection) -> Iterator[None]:
        with self._writer:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as err:
                raise StoreError(f"SQLite {self.path}: {err}") from None
            try:
                yield
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            try:
                conn.execute("COMMIT")
            except sqlite3.OperationalError as err:
                raise StoreError(f"SQLite {self.path}: {err}") from None


def _private_files(path: Path) -> None:
    """Create the database file 0600 before SQLite does (it gives -wal and -shm the same mode);
    tighten an existing database and its -wal/-shm that group or others may read."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        return
    except FileExistsError:
        pass
    except OSError as err:
        raise StoreError(f"SQLite {path}: {err.strerror}") from None
    if os.name != "posix":
        return
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            if file.stat().st_mode & 0o077:
                file.chmod(0o600)
                log.warning("tightened %s to mode 600 (group or others could read it)", file)
        except FileNotFoundError:
            continue
        except OSError as err:  # not ours to change: say so, keep running
            log.warning("cannot tighten %s to mode 600: %s", file, err.strerror)


class PostgresStore(Store):
    """PostgreSQL through psycopg 3, for serverless functions and several instances."""

    placeholder = "%s"
    lock_suffix = " FOR UPDATE"
    row_id = "ctid"

    def __init__(self, url: str) -> None:
        import psycopg

        self._psycopg = psycopg
        self.url = url
        self.integrity_errors = (psycopg.IntegrityError,)
        super().__init__()

    def _connect(self) -> Any:
        try:
            return self._psycopg.connect(self.url, autocommit=True, connect_timeout=10)
        except self._psycopg.Error as err:
            raise StoreError(f"PostgreSQL: {err.__class__.__name__}") from None

    @contextlib.contextmanager
    def _transaction(self, conn: Any) -> Iterator[None]:
        try:
            with conn.transaction():
                yield
        except self._psycopg.OperationalError as err:
            raise StoreError(f"PostgreSQL: {err.__class__.__name__}") from None

    def _usable(self, conn: Any) -> bool:
        return not (conn.closed or conn.broken)

    def _migration_lock(self, conn: Any) -> None:
        self.query(conn, "SELECT pg_advisory_xact_lock(7355608)")

    def _subject_lock(self, conn: Any, scope: str, subject: str) -> None:
        # Under READ COMMITTED two transactions could both count 9 and both insert the 10th;
        # this lock (released at commit) makes the second wait and then count 10.
        self.query(
            conn, "SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", (f"{scope}:{subject}",)
        )
