"""The queue index: one row per petition holding what staff queues filter and sort on, and nothing more.

The events stay the record; this table (migration 3) is a projection of them, written by a
store listener inside the same transaction as the events, so it is never behind. Petitions
stored before the table existed are filled in when the index is first attached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from generator.petitions.office import assignee, merged_into

if TYPE_CHECKING:
    from generator.petitions.casebook import Casebook
    from generator.petitions.states import Event
    from generator.petitions.store import Record, Store

COLUMNS = (
    "receipt", "category", "department", "assignee", "status", "due", "received_at",
    "updated", "subject", "enterprise", "phone_hash",
)  # fmt: skip
MERGED = "merged"  # the status column of a petition answered with another one


def utc_text(at: dt.datetime) -> str:
    """A time as the index stores it: UTC ISO 8601, so text order is time order."""
    return at.astimezone(dt.UTC).isoformat(timespec="seconds")


class QueueIndex:
    """The listener that keeps the `queue` table current for one store."""

    def __init__(
        self, store: Store, casebook: Casebook, phone_digest: Callable[[Record], str | None]
    ) -> None:
        self.store = store
        self.casebook = casebook
        self.phone_digest = phone_digest

    def row(self, record: Record) -> tuple[Any, ...]:
        state = record.state
        due = self.casebook.due(record)
        status = MERGED if merged_into(record.events) else state.status
        return (
            record.receipt, record.category, state.department, assignee(record.events), status,
            due.date.isoformat() if due else None, utc_text(record.received_at),
            utc_text(record.events[-1].at), record.subject, record.enterprise.strip(),
            self.phone_digest(record),
        )  # fmt: skip

    def write(self, conn: Any, record: Record) -> None:
        self.store.query(conn, "DELETE FROM queue WHERE receipt = ?", (record.receipt,))
        self.store.insert(conn, "queue", COLUMNS, self.row(record))

    def __call__(self, conn: Any, record: Record, events: list[Event]) -> None:
        self.write(conn, record)

    def backfill(self) -> int:
        """Index every petition that has no row yet; how many were added."""
        with self.store.tx() as conn:
            missing = self.store.query(
                conn,
                "SELECT COUNT(*) FROM petitions p LEFT JOIN queue q ON q.receipt = p.receipt "
                "WHERE q.receipt IS NULL",
            )[0][0]
        if not missing:
            return 0
        records = self.store.all()
        with self.store.tx() as conn:
            have = {row[0] for row in self.store.query(conn, "SELECT receipt FROM queue")}
            added = [r for r in records if r.receipt not in have]
            for record in added:
                self.write(conn, record)
        return len(added)

    def rebuild(self) -> int:
        """Write every row again (after site.yaml's time limits or holidays changed); how many."""
        with self.store.tx() as conn:
            self.store.query(conn, "DELETE FROM queue")
        return self.backfill()


def attach(
    store: Store, casebook: Casebook, phone_digest: Callable[[Record], str | None]
) -> QueueIndex:
    """The store's queue index, registered (and backfilled) once per store.

    A later service on the same store (new settings: another keyring, other time limits)
    takes the index over, so rows are always computed with the newest configuration."""
    for listener in store.listeners:
        if isinstance(listener, QueueIndex):
            listener.casebook, listener.phone_digest = casebook, phone_digest
            return listener
    index = QueueIndex(store, casebook, phone_digest)
    store.listeners.append(index)  # first: a petition stored meanwhile is indexed either way
    index.backfill()
    return index
