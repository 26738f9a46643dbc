"""The outbox: claims under a lease, backoff, failure after N tries, staff retry, concurrent senders."""

from __future__ import annotations

import threading

import pytest

from generator.notify.outbox import FAILED, PENDING, SENT, Message, Outbox, Retry
from generator.petitions.keys import Keyring

from .conftest import SECRET

NOW = 1_800_000_000.0


@pytest.fixture
def outbox(store) -> Outbox:
    return Outbox(store, Keyring(SECRET), Retry(max_attempts=3, base=10))


def _message(n: int) -> Message:
    return Message(
        f"m{n:04d}", "email", f"u{n}@example.com", "petition.closed", {"receipt": str(n)}
    )


def test_a_key_is_queued_once(outbox):
    assert outbox.put([_message(1), _message(1)], NOW) == 1
    assert outbox.put([_message(1)], NOW) == 0
    assert outbox.counts() == {PENDING: 1}


def test_claim_holds_a_lease_then_lets_go(outbox):
    outbox.put([_message(1)], NOW)
    first = outbox.claim(NOW, 10, lease=60)
    assert [c.message.recipient for c in first] == ["u1@example.com"]
    assert outbox.claim(NOW + 30, 10, lease=60) == []  # held
    again = outbox.claim(NOW + 61, 10, lease=60)  # the first sender died: lease ran out
    assert [c.attempt for c in again] == [2]
    outbox.settle([(first[0], None)], NOW + 62)  # the stale claim settles nothing
    assert outbox.counts() == {"sending": 1}
    outbox.settle([(again[0], None)], NOW + 62)
    assert outbox.counts() == {SENT: 1}
    assert [a[2] for a in outbox.attempts("m0001")] == ["sent", "sent"]


def test_backoff_doubles_then_fails_and_staff_retry(outbox):
    outbox.put([_message(1)], NOW)
    now = NOW
    for expected_wait in (10, 20):
        (claimed,) = outbox.claim(now, 10, 60)
        outbox.settle([(claimed, "451 try later")], now)
        assert outbox.claim(now + expected_wait - 1, 10, 60) == []
        now += expected_wait
    (claimed,) = outbox.claim(now, 10, 60)
    outbox.settle([(claimed, "451 try later")], now)
    (row,) = outbox.rows(FAILED)
    assert (row.attempts, row.last_error) == (3, "451 try later")
    assert outbox.claim(now + 10**6, 10, 60) == []
    assert outbox.retry_failed(None, now) == ["m0001"]
    (claimed,) = outbox.claim(now, 10, 60)
    assert (claimed.attempt, claimed.round) == (4, 1)  # a fresh round, the history kept
    outbox.settle([(claimed, None)], now)
    assert outbox.counts() == {SENT: 1}
    assert len(outbox.attempts("m0001")) == 4


def test_concurrent_senders_claim_each_message_once(outbox, store):
    outbox.put([_message(n) for n in range(200)], NOW)
    seen: list[str] = []
    lock = threading.Lock()

    def sender() -> None:
        while True:
            claimed = outbox.claim(NOW, 7, 60)
            if not claimed:
                return
            with lock:
                seen.extend(c.message.key for c in claimed)
            outbox.settle([(c, None) for c in claimed], NOW)

    threads = [threading.Thread(target=sender) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(seen) == sorted(f"m{n:04d}" for n in range(200))
    assert outbox.counts() == {SENT: 200}


def test_prune_forgets_delivered_messages_only(outbox):
    outbox.put([_message(1), _message(2)], NOW)
    first, second = outbox.claim(NOW, 10, 60)
    outbox.settle([(first, None), (second, "451 later")], NOW)
    assert outbox.prune(NOW + 1) == 1
    assert [r.key for r in outbox.rows()] == ["m0002"]
    assert outbox.attempts("m0001") == []
