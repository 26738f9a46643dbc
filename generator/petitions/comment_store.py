"""The SQL of consultation comments (migration 7), run through `Store.query`, and nothing more."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from generator.petitions.store import Store

COLUMNS = (
    "number", "consultation", "received_at", "enterprise", "contact", "clause", "content",
    "decision", "reason", "decided_by", "decided_at",
)  # fmt: skip
DECISIONS = {"adopted": "采纳", "partly": "部分采纳", "declined": "未采纳"}


@dataclass
class Comment:
    """One stored comment; `contact` is sealed (see Keyring.seal), bound to `number`."""

    number: str
    consultation: str
    received_at: dt.datetime
    enterprise: str | None
    contact: str | None
    clause: str | None
    content: str
    decision: str | None = None  # a key of DECISIONS once staff have decided
    reason: str | None = None
    decided_by: str | None = None
    decided_at: dt.datetime | None = None


def _row(row: tuple) -> Comment:
    values = dict(zip(COLUMNS, row, strict=True))
    values["received_at"] = dt.datetime.fromisoformat(values["received_at"])
    if values["decided_at"]:
        values["decided_at"] = dt.datetime.fromisoformat(values["decided_at"])
    return Comment(**values)


def insert(store: Store, conn: Any, comment: Comment) -> bool:
    """Insert `comment` unless its number is taken (then False: draw another)."""
    if store.query(conn, "SELECT 1 FROM consultation_comments WHERE number = ?", (comment.number,)):
        return False
    values = [getattr(comment, c) for c in COLUMNS]
    values[COLUMNS.index("received_at")] = comment.received_at.isoformat()
    store.insert(conn, "consultation_comments", COLUMNS, tuple(values))
    return True


def comments_of(store: Store, consultation: str) -> list[Comment]:
    """A consultation's comments, oldest first."""
    with store.tx() as conn:
        rows = store.query(
            conn,
            f"SELECT {', '.join(COLUMNS)} FROM consultation_comments "
            "WHERE consultation = ? ORDER BY received_at, number",
            (consultation,),
        )
    return [_row(r) for r in rows]


def count_of(store: Store, consultation: str) -> int:
    with store.tx() as conn:
        rows = store.query(
            conn,
            "SELECT COUNT(*) FROM consultation_comments WHERE consultation = ?",
            (consultation,),
        )
    return int(rows[0][0])


def get(store: Store, conn: Any, number: str) -> Comment | None:
    rows = store.query(
        conn,
        f"SELECT {', '.join(COLUMNS)} FROM consultation_comments WHERE number = ?",
        (number,),
    )
    return _row(rows[0]) if rows else None


def decide(
    store: Store, conn: Any, number: str, decision: str, reason: str, actor: str, at: dt.datetime
) -> None:
    """Record staff's decision on one comment, in the caller's transaction (beside its audit
    entry); `actor` is the staff account's login name."""
    if decision not in DECISIONS:
        raise ValueError(decision)
    store.query(
        conn,
        "UPDATE consultation_comments SET decision = ?, reason = ?, decided_by = ?, "
        "decided_at = ? WHERE number = ?",
        (decision, reason, actor, at.isoformat(), number),
    )


def tally(comments: list[Comment]) -> dict[str, int]:
    """received, and how many of them were adopted, partly adopted and declined."""
    counts = {"received": len(comments), **{key: 0 for key in DECISIONS}}
    for comment in comments:
        if comment.decision in DECISIONS:
            counts[comment.decision] += 1
    return counts
