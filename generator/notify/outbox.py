"""The transactional outbox: enqueue messages with the events, claim them under a lease, settle them.

A message is written in the same transaction as what caused it (a listener's connection,
or `put`'s own), so a message is never sent for something that did not happen, and never
lost for something that did. A sender claims due messages under a lease (PostgreSQL:
`FOR UPDATE SKIP LOCKED`; SQLite: the write lock); a sender killed mid-batch leaves its
claims to expire and be claimed again, with the same key (at-least-once delivery).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.petitions.keys import Keyring
from generator.petitions.store import Store

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
STATUS_LABELS = {PENDING: "待发送", SENDING: "发送中", SENT: "已发送", FAILED: "发送失败"}
ERROR_MAX = 500


@dataclass(frozen=True)
class Message:
    """One message to send: its idempotency key, channel, plain recipient, template and values."""

    key: str
    channel: str  # email | sms | wecom | dingtalk
    recipient: str
    template: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Claimed:
    """A message a sender holds under a lease: `attempt` numbers this try, `round` counts the
    tries since it was queued or last retried by staff."""

    message: Message
    attempt: int
    round: int


@dataclass(frozen=True)
class Row:
    """A message as staff see it in a list (never its recipient)."""

    key: str
    channel: str
    template: str
    status: str
    attempts: int
    next_attempt_at: float
    last_error: str


@dataclass(frozen=True)
class Retry:
    """How often and how soon to try again: `base * 2**(attempt-1)` seconds, at most `cap`."""

    max_attempts: int = 8
    base: float = 60.0
    cap: float = 6 * 3600.0

    def delay(self, attempt: int) -> float:
        return min(self.cap, self.base * 2 ** max(0, attempt - 1))


class Outbox:
    """The outbox table of one store; recipients sealed with the site key, bound to the message key."""

    def __init__(self, store: Store, keys: Keyring, retry: Retry | None = None) -> None:
        self.store = store
        self.keys = keys
        self.retry = retry or Retry()

    # -- enqueue --
    def enqueue(self, conn: Any, message: Message, now: float) -> bool:
        """Add `message` inside the caller's transaction; False when its key was already queued."""
        rows = self.store.query(
            conn,
            "INSERT INTO outbox (key, channel, recipient, template, payload, status, attempts, "
            "retry_base, next_attempt_at, lease_until, last_error, created_at, sent_at) "
            "VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, NULL, '', ?, NULL) "
            "ON CONFLICT (key) DO NOTHING RETURNING key",
            (
                message.key, message.channel, self._seal(message.key, message.recipient),
                message.template, json.dumps(message.payload, ensure_ascii=False, sort_keys=True),
                PENDING, now, now,
            ),
        )  # fmt: skip
        return bool(rows)

    def put(self, messages: Iterable[Message], now: float) -> int:
        """Add messages in one transaction of their own; the number newly queued."""
        with self.store.tx() as conn:
            return sum(self.enqueue(conn, m, now) for m in messages)

    def _seal(self, key: str, recipient: str) -> str:
        return self.keys.seal({"to": recipient}, f"outbox:{key}")

    def _open(self, key: str, sealed: str) -> str:
        return self.keys.open(sealed, f"outbox:{key}")["to"]

    # -- send --
    def claim(self, now: float, limit: int, lease: float) -> list[Claimed]:
        """Take up to `limit` due messages (or ones whose sender's lease ran out) until now+lease."""
        skip = f"{self.store.lock_suffix} SKIP LOCKED" if self.store.lock_suffix else ""
        with self.store.tx() as conn:
            rows = self.store.query(
                conn,
                "UPDATE outbox SET status = ?, attempts = attempts + 1, lease_until = ? "
                "WHERE key IN (SELECT key FROM outbox WHERE (status = ? AND next_attempt_at <= ?) "
                f"OR (status = ? AND lease_until < ?) ORDER BY next_attempt_at, key LIMIT ?{skip}) "
                "RETURNING key, channel, recipient, template, payload, attempts, retry_base",
                (SENDING, now + lease, PENDING, now, SENDING, now, limit),
            )
        claimed = [
            Claimed(
                Message(key, channel, self._open(key, sealed), template, json.loads(payload)),
                attempts,
                attempts - base,
            )
            for key, channel, sealed, template, payload, attempts, base in rows
        ]
        return sorted(claimed, key=lambda c: c.message.key)

    def settle(self, results: list[tuple[Claimed, str | None]], now: float) -> None:
        """Record each try (None: delivered, else the error) and move each message on, in one transaction.

        A claim whose lease ran out and was taken by another sender is recorded but moves
        nothing: the newer claim settles it.
        """
        with self.store.tx() as conn:
            for claimed, error in results:
                key, attempt = claimed.message.key, claimed.attempt
                self.store.query(
                    conn,
                    "INSERT INTO outbox_attempts (key, attempt, at, outcome, error) VALUES (?, ?, ?, ?, ?) "
                    "ON CONFLICT (key, attempt) DO NOTHING",
                    (
                        key,
                        attempt,
                        now,
                        "sent" if error is None else "error",
                        (error or "")[:ERROR_MAX],
                    ),
                )
                if error is None:
                    status, next_at, last = SENT, now, ""
                elif claimed.round >= self.retry.max_attempts:
                    status, next_at, last = FAILED, now, error[:ERROR_MAX]
                else:
                    delay = self.retry.delay(claimed.round)
                    status, next_at, last = PENDING, now + delay, error[:ERROR_MAX]
                self.store.query(
                    conn,
                    "UPDATE outbox SET status = ?, next_attempt_at = ?, last_error = ?, lease_until = NULL, "
                    "sent_at = ? WHERE key = ? AND attempts = ? AND status = ?",
                    (status, next_at, last, now if error is None else None, key, attempt, SENDING),
                )

    # -- staff --
    def rows(self, status: str | None = None, limit: int = 200) -> list[Row]:
        where, params = ("WHERE status = ?", (status,)) if status else ("", ())
        with self.store.tx() as conn:
            found = self.store.query(
                conn,
                "SELECT key, channel, template, status, attempts, next_attempt_at, last_error "
                f"FROM outbox {where} ORDER BY created_at, key LIMIT ?",
                (*params, limit),
            )
        return [Row(*row) for row in found]

    def attempts(self, key: str) -> list[tuple[int, float, str, str]]:
        """(attempt, at, outcome, error) of one message, oldest first."""
        with self.store.tx() as conn:
            return [
                tuple(row)
                for row in self.store.query(
                    conn,
                    "SELECT attempt, at, outcome, error FROM outbox_attempts WHERE key = ? ORDER BY attempt",
                    (key,),
                )
            ]

    def retry_failed(self, keys: list[str] | None, now: float) -> list[str]:
        """Queue failed messages again (all of them when `keys` is None) with a fresh count of tries."""
        with self.store.tx() as conn:
            if keys is None:
                keys = [
                    r[0]
                    for r in self.store.query(
                        conn, "SELECT key FROM outbox WHERE status = ? ORDER BY key", (FAILED,)
                    )
                ]
            done = []
            for key in keys:
                # a fresh round of tries; the attempt rows keep their numbers
                rows = self.store.query(
                    conn,
                    "UPDATE outbox SET status = ?, next_attempt_at = ?, retry_base = attempts "
                    "WHERE key = ? AND status = ? RETURNING key",
                    (PENDING, now, key, FAILED),
                )
                if rows:
                    done.append(key)
            return done

    def counts(self) -> dict[str, int]:
        with self.store.tx() as conn:
            rows = self.store.query(conn, "SELECT status, COUNT(*) FROM outbox GROUP BY status")
        return {status: count for status, count in rows}

    def prune(self, before: float) -> int:
        """Forget delivered messages (and their tries) settled before `before`; how many."""
        with self.store.tx() as conn:
            self.store.query(
                conn,
                "DELETE FROM outbox_attempts WHERE key IN (SELECT key FROM outbox WHERE status = ? AND sent_at < ?)",
                (SENT, before),
            )
            rows = self.store.query(
                conn,
                "DELETE FROM outbox WHERE status = ? AND sent_at < ? RETURNING key",
                (SENT, before),
            )
        return len(rows)
