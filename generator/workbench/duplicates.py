"""Likely duplicates of a petition: same enterprise or phone, similar subject, within 7 days.

Read from the queue index (the phone is there as a keyed hash only), and nothing more; the
staff decide, and a merge is an event (`merged`) on the duplicate.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import TYPE_CHECKING

from generator.petitions.queue_index import COLUMNS, utc_text
from generator.workbench.access import Staff, visible_clause
from generator.workbench.queues import Row

if TYPE_CHECKING:
    from generator.petitions.store import Store

WINDOW = dt.timedelta(days=7)
SIMILAR = 0.6  # difflib ratio of the subjects (with punctuation and spaces removed)


def _plain(subject: str) -> str:
    return "".join(ch for ch in subject if ch.isalnum()).lower()


def similar(a: str, b: str) -> bool:
    """Whether two subjects read as the same question (one inside the other, or close)."""
    a, b = _plain(a), _plain(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SIMILAR


def likely_duplicates(store: Store, account: Staff, receipt: str) -> list[Row]:
    """The visible petitions that look like `receipt` repeated, oldest first."""
    visible, visible_params = visible_clause(account)
    with store.tx() as conn:
        found = store.query(
            conn,
            "SELECT received_at, subject, enterprise, phone_hash FROM queue WHERE receipt = ?",
            (receipt,),
        )
        if not found:
            return []
        received, subject, enterprise, phone_hash = found[0]
        at = dt.datetime.fromisoformat(received)
        same = []
        params: list[str] = []
        if enterprise:
            same.append("enterprise = ?")
            params.append(enterprise)
        if phone_hash:
            same.append("phone_hash = ?")
            params.append(phone_hash)
        if not same:
            return []
        rows = store.query(
            conn,
            f"SELECT {', '.join(COLUMNS)} FROM queue WHERE receipt <> ? AND status <> 'merged' "
            f"AND received_at >= ? AND received_at <= ? AND ({' OR '.join(same)}) AND {visible} "
            "ORDER BY received_at, receipt LIMIT 50",
            (receipt, utc_text(at - WINDOW), utc_text(at + WINDOW), *params, *visible_params),
        )
    return [Row.of(r) for r in rows if similar(subject, r[COLUMNS.index("subject")])]
