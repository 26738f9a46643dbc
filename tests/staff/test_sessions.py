"""Sessions in the database: hashed tokens, idle and absolute expiry, rotation, pruning."""

from __future__ import annotations

from generator.staff.accounts import Account
from generator.staff.sessions import (
    ABSOLUTE_SECONDS,
    IDLE_SECONDS,
    SECOND_FACTOR,
    SIGNED_IN,
    Sessions,
)

T0 = 1_795_658_400.0


def _sessions(staff, clock) -> Sessions:
    staff.add(Account("lin", "林", roles=frozenset({"handler"})), "a long password", "t", clock())
    return Sessions(staff.store, staff.keys)


def test_tokens_are_stored_hashed_and_load_until_idle(staff, clock):
    sessions = _sessions(staff, clock)
    token, session = sessions.start("lin", SIGNED_IN, T0)
    with staff.store.tx() as conn:
        rows = staff.store.query(conn, "SELECT token_hash, csrf FROM staff_sessions")
    assert rows == [(session.token_hash, session.csrf)] and token not in rows[0]
    assert sessions.load(token, T0 + IDLE_SECONDS - 1).login == "lin"
    assert sessions.load(token, T0 + 2 * IDLE_SECONDS - 2) is not None  # seen in between
    assert sessions.load(token, T0 + 3 * IDLE_SECONDS) is None
    assert sessions.load(token, T0) is None  # deleted, not just refused
    assert sessions.load("", T0) is None and sessions.load("x" * 500, T0) is None


def test_advance_rotates_and_keeps_the_absolute_limit(staff, clock):
    sessions = _sessions(staff, clock)
    first, session = sessions.start("lin", SECOND_FACTOR, T0)
    second, moved = sessions.advance(first, session, SIGNED_IN, T0 + 20)
    assert second != first and moved.csrf != session.csrf and moved.stage == SIGNED_IN
    assert sessions.load(first, T0 + 21) is None
    now = T0
    while now < T0 + ABSOLUTE_SECONDS - 600:
        now += 600
        assert sessions.load(second, now) is not None
    assert sessions.load(second, T0 + ABSOLUTE_SECONDS + 1) is None


def test_prune_and_end(staff, clock):
    sessions = _sessions(staff, clock)
    old, _ = sessions.start("lin", SIGNED_IN, T0)
    live, _ = sessions.start("lin", SIGNED_IN, T0 + IDLE_SECONDS)
    assert sessions.prune(T0 + IDLE_SECONDS + 10) == 1
    assert sessions.load(live, T0 + IDLE_SECONDS + 20) is not None
    sessions.end(live)
    assert sessions.load(live, T0 + IDLE_SECONDS + 30) is None
