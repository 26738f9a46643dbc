"""Server-side staff sessions: random tokens stored hashed, idle and absolute expiry, rotation,
and nothing more.

A session is in one of three stages: `second-factor` (the password was right, the code is
still to come), `enrol` (the password was right and the account must first set up its
second factor) and `signed-in`. Moving to the next stage issues a new token, so a token
seen before sign-in (a fixated one) is worth nothing after.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from generator.petitions.keys import Keyring
from generator.petitions.store import Store
from generator.staff.sql import run

IDLE_SECONDS = 30 * 60
ABSOLUTE_SECONDS = 12 * 3600
# Seen-at is written at most this often, so reading pages does not write on every request.
TOUCH_SECONDS = 60
SECOND_FACTOR, ENROL, SIGNED_IN = "second-factor", "enrol", "signed-in"
STAGES = (SECOND_FACTOR, ENROL, SIGNED_IN)


@dataclass
class Session:
    token_hash: str
    login: str
    stage: str
    csrf: str
    pending: str | None  # a sealed second-factor secret being enrolled
    created_at: float
    seen_at: float

    def expired(self, now: float) -> bool:
        return now - self.seen_at > IDLE_SECONDS or now - self.created_at > ABSOLUTE_SECONDS


class Sessions:
    """Sessions on a petition Store; the caller passes the time."""

    def __init__(self, store: Store, keys: Keyring) -> None:
        self.store = store
        self.keys = keys

    def _hash(self, token: str) -> str:
        return self.keys.digest("staff-session", token)

    def start(
        self, login: str, stage: str, now: float, replaces: str | None = None, conn: Any = None
    ) -> tuple[str, Session]:
        """A new session (new token, new CSRF token); the one it `replaces` is deleted."""
        if conn is None:
            with self.store.tx() as conn:
                return self.start(login, stage, now, replaces, conn)
        if replaces:
            run(conn, "DELETE FROM staff_sessions WHERE token_hash = ?", (self._hash(replaces),))
        token = secrets.token_urlsafe(32)
        session = Session(
            self._hash(token), login, stage, secrets.token_urlsafe(32), None, now, now
        )
        run(
            conn,
            "INSERT INTO staff_sessions (token_hash, login, stage, csrf, pending, created_at, seen_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (session.token_hash, login, stage, session.csrf, None, now, now),
        )
        return token, session

    def load(self, token: str, now: float, conn: Any = None) -> Session | None:
        """The live session for `token`, its seen-at renewed; an expired one is deleted."""
        if not token or len(token) > 100:
            return None
        if conn is None:
            with self.store.tx() as conn:
                return self.load(token, now, conn)
        token_hash = self._hash(token)
        rows = run(
            conn,
            "SELECT token_hash, login, stage, csrf, pending, created_at, seen_at "
            "FROM staff_sessions WHERE token_hash = ?",
            (token_hash,),
        )
        if not rows:
            return None
        session = Session(*rows[0])
        if session.expired(now):
            run(conn, "DELETE FROM staff_sessions WHERE token_hash = ?", (token_hash,))
            return None
        if now - session.seen_at >= TOUCH_SECONDS:
            session.seen_at = now
            run(
                conn,
                "UPDATE staff_sessions SET seen_at = ? WHERE token_hash = ?",
                (now, token_hash),
            )
        return session

    def advance(self, token: str, session: Session, stage: str, now: float) -> tuple[str, Session]:
        """Rotate to a new token at `stage`; the absolute expiry still counts from sign-in."""
        with self.store.tx() as conn:
            new_token, new = self.start(session.login, stage, now, replaces=token, conn=conn)
            run(
                conn,
                "UPDATE staff_sessions SET created_at = ? WHERE token_hash = ?",
                (session.created_at, new.token_hash),
            )
            new.created_at = session.created_at
        return new_token, new

    def set_pending(self, session: Session, pending: str | None) -> None:
        with self.store.tx() as conn:
            run(
                conn,
                "UPDATE staff_sessions SET pending = ? WHERE token_hash = ?",
                (pending, session.token_hash),
            )
        session.pending = pending

    def end(self, token: str, conn: Any = None) -> None:
        if conn is None:
            with self.store.tx() as conn:
                return self.end(token, conn)
        run(conn, "DELETE FROM staff_sessions WHERE token_hash = ?", (self._hash(token),))

    def prune(self, now: float) -> int:
        """Delete every expired session; how many."""
        with self.store.tx() as conn:
            cutoff_idle, cutoff_absolute = now - IDLE_SECONDS, now - ABSOLUTE_SECONDS
            where = "seen_at < ? OR created_at < ?"
            count = run(conn, f"SELECT COUNT(*) FROM staff_sessions WHERE {where}",
                        (cutoff_idle, cutoff_absolute))[0][0]  # fmt: skip
            run(conn, f"DELETE FROM staff_sessions WHERE {where}", (cutoff_idle, cutoff_absolute))
        return count
