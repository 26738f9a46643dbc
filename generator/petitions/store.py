"""Petition storage in SQL: rows, appended events, idempotency and rate hits, and nothing more.

Every write runs in one transaction that is committed before the caller answers, so an
acknowledged petition survives a crash. SQL is written once with `?` placeholders; the
databases it runs on (and `open_store`) are in backends.py.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import math
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from generator.petitions.config import RateLimit
from generator.petitions.migrations import MIGRATIONS
from generator.petitions.states import Event, State, fold

PETITION_COLUMNS = (
    "receipt", "code_hash", "category", "subject", "content", "enterprise",
    "credit_code", "related", "anonymous", "contact", "received_at",
)  # fmt: skip


Listener = Callable[[Any, "Record", list[Event]], None]
"""Called inside the transaction that appended `events` to `record` (a queue index, an outbox).

A listener writes with the connection it is given, so what it writes commits or rolls back
with the events; raising aborts the whole write."""


class StoreError(Exception):
    """The database cannot be reached or used (answered as 503, never as a traceback)."""


@dataclass
class Record:
    """One petition as stored: the submitted fields (contact sealed) and its events in order."""

    receipt: str
    code_hash: str
    category: str
    subject: str
    content: str
    enterprise: str
    credit_code: str | None
    related: str | None
    anonymous: bool
    contact: str | None
    received_at: dt.datetime
    events: list[Event] = field(default_factory=list)

    @property
    def state(self) -> State:
        return fold(self.events)


@dataclass(frozen=True)
class Prepared:
    """A new petition ready to insert, built for one candidate receipt."""

    record: Record
    response: str  # the sealed 201 answer, replayed for a repeated Idempotency-Key


@dataclass(frozen=True)
class Outcome:
    """What `submit` did: created, replayed an earlier answer, or refused."""

    kind: str  # created | replayed | conflict | limited
    receipt: str | None = None
    response: str | None = None
    retry_after: int | None = None


def retry_after(times: list[float], limits: tuple[RateLimit, ...], now: float) -> int | None:
    """Seconds until one more hit fits every limit, or None when it fits now."""
    wait = 0.0
    for limit in limits:
        inside = [t for t in times if t > now - limit.seconds]
        if len(inside) >= limit.count:
            wait = max(wait, inside[len(inside) - limit.count] + limit.seconds - now)
    return max(1, math.ceil(wait)) if wait > 0 else None


class Store:
    """Shared logic; subclasses supply connections, transactions and dialect details."""

    placeholder = "?"
    lock_suffix = ""
    row_id = "rowid"
    integrity_errors: tuple[type[BaseException], ...] = (sqlite3.IntegrityError,)

    def __init__(self) -> None:
        self._local = threading.local()
        self.listeners: list[Listener] = []
        self.migrate()

    # -- connection and transactions (dialect) --
    def _connect(self) -> Any:
        raise NotImplementedError

    @contextlib.contextmanager
    def _transaction(self, conn: Any) -> Iterator[None]:
        raise NotImplementedError

    def _usable(self, conn: Any) -> bool:
        return True

    def _migration_lock(self, conn: Any) -> None:
        """Serialize migrations between instances starting together."""

    def _subject_lock(self, conn: Any, scope: str, subject: str) -> None:
        """Serialize transactions counting one subject's hits (check, then insert)."""

    @contextlib.contextmanager
    def tx(self) -> Iterator[Any]:
        conn = getattr(self._local, "conn", None)
        if conn is None or not self._usable(conn):
            conn = self._local.conn = self._connect()
        with self._transaction(conn):
            yield conn

    def query(self, conn: Any, sql: str, params: tuple = ()) -> list[tuple]:
        cur = conn.execute(sql.replace("?", self.placeholder), params)
        return cur.fetchall() if cur.description else []

    def insert(self, conn: Any, table: str, columns: Sequence[str], values: tuple) -> None:
        """Insert one row of `values` in `columns` order (trusted names, never user input)."""
        marks = ", ".join("?" for _ in columns)
        self.query(conn, f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values)

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # -- schema --
    def migrate(self) -> None:
        with self.tx() as conn:
            self._migration_lock(conn)
            self.query(
                conn,
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
            )
            done = {row[0] for row in self.query(conn, "SELECT version FROM schema_version")}
            for version, statements in MIGRATIONS:
                if version in done:
                    continue
                for statement in statements:
                    self.query(conn, statement)
                self.query(
                    conn,
                    "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                    (version, dt.datetime.now(dt.UTC).isoformat()),
                )

    def schema_version(self) -> int:
        with self.tx() as conn:
            return self.query(conn, "SELECT MAX(version) FROM schema_version")[0][0]

    # -- writes --
    def submit(
        self,
        make_receipt: Callable[[], str],
        prepare: Callable[[str], Prepared],
        idempotency: tuple[str, str] | None,
        client: str | None,
        limits: tuple[RateLimit, ...] | None,
        now: float,
    ) -> Outcome:
        """Insert one petition atomically, honouring an idempotency key and the client's limits."""
        for _attempt in range(6):
            receipt = make_receipt()
            try:
                with self.tx() as conn:
                    return self._submit(conn, receipt, prepare, idempotency, client, limits, now)
            except self.integrity_errors:
                continue  # a receipt collision or a concurrent retry with the same key: try again
        raise StoreError("could not allocate a receipt")

    def _submit(self, conn, receipt, prepare, idempotency, client, limits, now) -> Outcome:
        if idempotency is not None:
            rows = self.query(
                conn,
                "SELECT body_hash, receipt, response FROM idempotency WHERE key_hash = ?",
                (idempotency[0],),
            )
            if rows:
                body_hash, first, response = rows[0]
                if body_hash != idempotency[1]:
                    return Outcome("conflict")
                return Outcome("replayed", first, response)
        if client is not None and limits:
            wait = self._check_hits(conn, "submit", client, limits, now)
            if wait is not None:
                return Outcome("limited", retry_after=wait)
        if self.query(conn, "SELECT 1 FROM petitions WHERE receipt = ?", (receipt,)):
            raise self.integrity_errors[0]("receipt taken")
        prepared = prepare(receipt)
        self._insert(conn, prepared.record)
        if idempotency is not None:
            self.query(
                conn,
                "INSERT INTO idempotency (key_hash, body_hash, receipt, response, created_at) VALUES (?, ?, ?, ?, ?)",
                (idempotency[0], idempotency[1], receipt, prepared.response, now),
            )
        if client is not None:
            self.query(
                conn,
                "INSERT INTO hits (scope, subject, at) VALUES (?, ?, ?)",
                ("submit", client, now),
            )
        return Outcome("created", receipt, prepared.response)

    def _insert(self, conn: Any, record: Record) -> None:
        values = [getattr(record, c) for c in PETITION_COLUMNS]
        values[PETITION_COLUMNS.index("anonymous")] = int(record.anonymous)
        values[PETITION_COLUMNS.index("received_at")] = record.received_at.isoformat()
        self.insert(conn, "petitions", PETITION_COLUMNS, tuple(values))
        self._append(conn, record.receipt, record.events, start=1)
        self._notify(conn, record, record.events)

    def _append(self, conn: Any, receipt: str, events: list[Event], start: int) -> None:
        for seq, event in enumerate(events, start=start):
            self.query(
                conn,
                "INSERT INTO events (receipt, seq, at, kind, actor, note, public, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    receipt, seq, event.at.isoformat(), event.kind, event.actor, event.note,
                    int(event.public), json.dumps(event.data, ensure_ascii=False, sort_keys=True),
                ),
            )  # fmt: skip

    def change(
        self, receipt: str, decide: Callable[[Record], list[Event]], purge_contact: bool = False
    ) -> Record:
        """Lock one petition, let `decide` pick the events to append (it may raise), append them."""
        with self.tx() as conn:
            record = self._load(conn, receipt, lock=True)
            if record is None:
                raise KeyError(receipt)
            events = decide(record)
            self._append(conn, receipt, events, start=len(record.events) + 1)
            if purge_contact:
                self.query(
                    conn, "UPDATE petitions SET contact = NULL WHERE receipt = ?", (receipt,)
                )
                record.contact = None
            record.events.extend(events)
            self._notify(conn, record, events)
            return record

    def _notify(self, conn: Any, record: Record, events: list[Event]) -> None:
        for listener in self.listeners:
            listener(conn, record, events)

    def hit(
        self,
        scope: str,
        subject: str,
        limits: tuple[RateLimit, ...],
        now: float,
    ) -> int | None:
        """Check `subject`'s hits in `scope` against `limits` and record one more when it fits,
        in one transaction (serialized per subject), so concurrent hits cannot overshoot."""
        with self.tx() as conn:
            wait = self._check_hits(conn, scope, subject, limits, now)
            if wait is None:
                self.query(
                    conn,
                    "INSERT INTO hits (scope, subject, at) VALUES (?, ?, ?)",
                    (scope, subject, now),
                )
            return wait

    def release_hit(self, scope: str, subject: str, at: float) -> None:
        """Take back one hit recorded at `at` (a counted try that turned out right)."""
        with self.tx() as conn:
            self.query(
                conn,
                f"DELETE FROM hits WHERE {self.row_id} IN (SELECT {self.row_id} FROM hits "
                "WHERE scope = ? AND subject = ? AND at = ? LIMIT 1)",
                (scope, subject, at),
            )

    def _check_hits(self, conn, scope, subject, limits, now) -> int | None:
        self._subject_lock(conn, scope, subject)
        longest = max(limit.seconds for limit in limits)
        self.query(
            conn,
            "DELETE FROM hits WHERE scope = ? AND subject = ? AND at < ?",
            (scope, subject, now - longest),
        )
        times = [
            row[0]
            for row in self.query(
                conn,
                "SELECT at FROM hits WHERE scope = ? AND subject = ? ORDER BY at",
                (scope, subject),
            )
        ]
        return retry_after(times, limits, now)

    def prune(self, before: float) -> int:
        """Forget rate hits and idempotency answers older than `before` (epoch seconds)."""
        with self.tx() as conn:
            old = self.query(conn, "SELECT COUNT(*) FROM hits WHERE at < ?", (before,))[0][0]
            self.query(conn, "DELETE FROM hits WHERE at < ?", (before,))
            self.query(conn, "DELETE FROM idempotency WHERE created_at < ?", (before,))
            return old

    # -- reads --
    def get(self, receipt: str) -> Record | None:
        with self.tx() as conn:
            return self._load(conn, receipt, lock=False)

    def _load(self, conn: Any, receipt: str, lock: bool) -> Record | None:
        suffix = self.lock_suffix if lock else ""
        rows = self.query(
            conn,
            f"SELECT {', '.join(PETITION_COLUMNS)} FROM petitions WHERE receipt = ?{suffix}",
            (receipt,),
        )
        if not rows:
            return None
        record = _record(rows[0])
        events = self.query(
            conn,
            "SELECT receipt, at, kind, actor, note, public, data FROM events WHERE receipt = ? ORDER BY seq",
            (receipt,),
        )
        record.events = [_event(row) for row in events]
        return record

    def all(self) -> list[Record]:
        """Every petition with its events, oldest first."""
        with self.tx() as conn:
            rows = self.query(
                conn,
                f"SELECT {', '.join(PETITION_COLUMNS)} FROM petitions ORDER BY received_at, receipt",
            )
            events = self.query(
                conn,
                "SELECT receipt, at, kind, actor, note, public, data FROM events ORDER BY receipt, seq",
            )
        records = {row[0]: _record(row) for row in rows}
        for row in events:
            records[row[0]].events.append(_event(row))
        return list(records.values())

    def count(self) -> int:
        with self.tx() as conn:
            return self.query(conn, "SELECT COUNT(*) FROM petitions")[0][0]


def _record(row: tuple) -> Record:
    values = dict(zip(PETITION_COLUMNS, row, strict=True))
    values["anonymous"] = bool(values["anonymous"])
    values["received_at"] = dt.datetime.fromisoformat(values["received_at"])
    return Record(**values)


def _event(row: tuple) -> Event:
    _receipt, at, kind, actor, note, public, data = row
    return Event(dt.datetime.fromisoformat(at), kind, actor, note, bool(public), json.loads(data))
